"""A GIFT reader written from Moodle's documentation of the format ("GIFT format", Moodle Docs),
used to check that our GIFT export reads back as Moodle would read it.

The rules it applies, as documented:
- questions are separated by one or more blank lines; a line starting with `//` is a comment;
- `::name::` at the start names the question; `[plain]`, `[html]`, `[moodle]` or `[markdown]`
  before the text gives its format;
- the answers are between `{` and `}`; after `####` inside them comes the general feedback;
- `{}` (nothing but general feedback) is an essay; `{T}`, `{TRUE}`, `{F}`, `{FALSE}` a
  true/false question, optionally followed by `#feedback for a wrong answer#feedback for a
  right answer`; a `~` makes a multiple-choice question whose right answer is marked `=` and
  wrong ones `~`, `~%50%` giving a weight; only `=` answers make a short-answer question;
- `#` after an answer starts its feedback;
- a backslash makes `~ = # { } :` literal, `\\n` is a new line and `\\\\` a backslash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ESCAPABLE = {"~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n", "\\": "\\"}
_FORMATS = ("html", "moodle", "plain", "markdown")
_WEIGHT = re.compile(r"\s*%(-?\d+(?:\.\d+)?)%")


class GiftError(ValueError):
    """The text breaks a rule of the format (Moodle would refuse or misread the question)."""


@dataclass
class Answer:
    text: str
    weight: float  # 1.0 right, 0.0 wrong, a share in between
    feedback: str


@dataclass
class Question:
    name: str
    text: str
    text_format: str
    kind: str  # essay | truefalse | multichoice | shortanswer
    general_feedback: str
    answers: list[Answer] = field(default_factory=list)
    truth: bool | None = None
    wrong_feedback: str = ""
    right_feedback: str = ""


class _Text:
    """Characters with a flag telling which were escaped (and so are never markup)."""

    def __init__(self, chars: list[str], literal: list[bool]) -> None:
        self.chars, self.literal = chars, literal

    @classmethod
    def read(cls, raw: str) -> _Text:
        chars: list[str] = []
        literal: list[bool] = []
        i = 0
        while i < len(raw):
            if raw[i] == "\\" and i + 1 < len(raw) and raw[i + 1] in _ESCAPABLE:
                chars.append(_ESCAPABLE[raw[i + 1]])
                literal.append(True)
                i += 2
            else:
                chars.append(raw[i])
                literal.append(False)
                i += 1
        return cls(chars, literal)

    def __len__(self) -> int:
        return len(self.chars)

    def __getitem__(self, s: slice) -> _Text:
        return _Text(self.chars[s], self.literal[s])

    def find(self, markup: str, start: int = 0) -> int:
        """Index of the first unescaped `markup` at or after `start`, or -1."""
        for i in range(start, len(self.chars) - len(markup) + 1):
            if all(self.chars[i + k] == c and not self.literal[i + k] for k, c in enumerate(markup)):
                return i
        return -1

    def rfind(self, markup: str) -> int:
        found, at = -1, self.find(markup)
        while at != -1:
            found, at = at, self.find(markup, at + 1)
        return found

    def split(self, markup: str, limit: int = -1) -> list[_Text]:
        parts: list[_Text] = []
        rest = self
        while limit < 0 or len(parts) < limit - 1:
            at = rest.find(markup)
            if at == -1:
                break
            parts.append(rest[:at])
            rest = rest[at + len(markup) :]
        return [*parts, rest]

    def startswith(self, markup: str) -> bool:
        return self.find(markup) == 0

    def plain(self) -> str:
        return "".join(self.chars).strip()


def parse(document: str) -> list[Question]:
    blocks: list[list[str]] = [[]]
    for line in document.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            blocks.append([])
        elif not line.strip().startswith("//"):
            blocks[-1].append(line)
    return [parse_question("\n".join(block)) for block in blocks if block]


def parse_question(raw: str) -> Question:
    text = _Text.read(raw.strip())
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end == -1:
            raise GiftError(f"unclosed question name in {raw!r}")
        name, text = text[2:end].plain(), text[end + 2 :]
    start = text.find("{")
    end = text.find("}", start + 1) if start != -1 else -1
    if start == -1 or end == -1:
        raise GiftError(f"no answer braces in {raw!r}")
    if text[end + 1 :].plain():
        raise GiftError(f"text after the answers (missing-word form) in {raw!r}")
    question_text, text_format = _with_format(text[:start])
    answers = text[start + 1 : end]
    general = ""
    split_at = answers.rfind("####")
    if split_at != -1:
        general, answers = answers[split_at + 4 :].plain(), answers[:split_at]
    question = Question(name, question_text, text_format, "", general)
    _read_answers(question, answers)
    return question


def _with_format(text: _Text) -> tuple[str, str]:
    for fmt in _FORMATS:
        if text.startswith(f"[{fmt}]"):
            return text[len(fmt) + 2 :].plain(), fmt
    return text.plain(), "moodle"


def _read_answers(question: Question, answers: _Text) -> None:
    head = answers.split("#", 2)[0].plain()
    if not answers.plain():
        question.kind = "essay"
    elif answers.find("~") != -1:
        question.kind = "multichoice"
        question.answers = _choices(answers)
    elif head in ("T", "TRUE", "F", "FALSE"):
        question.kind = "truefalse"
        parts = answers.split("#", 3)
        question.truth = head.startswith("T")
        question.wrong_feedback = parts[1].plain() if len(parts) > 1 else ""
        question.right_feedback = parts[2].plain() if len(parts) > 2 else ""
    else:
        question.kind = "shortanswer"
        question.answers = [_answer(part, 1.0) for part in answers.split("=")[1:]]


def _choices(answers: _Text) -> list[Answer]:
    """Each answer runs from its unescaped `=` or `~` to the next one."""
    marks = [i for i in range(len(answers)) if answers.chars[i] in "=~" and not answers.literal[i]]
    if answers[: marks[0]].plain():
        raise GiftError(f"text before the first answer: {answers.plain()!r}")
    result = []
    for n, at in enumerate(marks):
        part = answers[at + 1 : marks[n + 1] if n + 1 < len(marks) else len(answers)]
        if answers.chars[at] == "=":
            result.append(_answer(part, 1.0))
            continue
        # `%` has no escape, so the weight is read from the raw characters.
        weight = _WEIGHT.match("".join(part.chars))
        if weight:
            result.append(_answer(part[weight.end() :], float(weight.group(1)) / 100))
        else:
            result.append(_answer(part, 0.0))
    if len(result) < 2:
        raise GiftError("a multiple-choice question needs two answers or more")
    return result


def _answer(part: _Text, weight: float) -> Answer:
    bits = part.split("#", 2)
    return Answer(bits[0].plain(), weight, bits[1].plain() if len(bits) > 1 else "")
