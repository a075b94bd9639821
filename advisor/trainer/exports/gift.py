"""Moodle GIFT: a text file Moodle imports as questions with their feedback.

- multiple-choice and classification: `{=right#feedback ~wrong#feedback ...}`.
- true-false: `{TRUE#feedback if wrong#feedback if right}` (GIFT's order), or FALSE.
- definition, obligation and open: essay `{}`. Their keys are sentences, and Moodle grades a
  short answer by string match, so a learner's correct paraphrase would be marked wrong; an
  essay is graded by the trainer, who sees the model answer in the general feedback.
Every question is named `::id — provision::` and its general feedback (`####`) gives the
source: pinpoint, title, page, authority and the verbatim quote. Texts are marked `[plain]`,
as they are plain text: Moodle's default format would read `<` and `&` as HTML.
"""

from __future__ import annotations

import re

from advisor.models import Quiz, QuizItem, QuizOption
from advisor.trainer.exports import register_format
from advisor.trainer.exports.text import (
    CHOICE_TYPES,
    correct_index,
    explanation,
    is_true,
    one_line,
    wrong_option,
)

# GIFT's reserved characters, escaped by a backslash; a newline is written `\n` because a blank
# line ends a question.
_ESCAPES = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n"}
_RESERVED = re.compile(r"[\\~=#{}:\n]")
# Moodle reads `~%50%text` as a 50 % weight; a wrong option whose text itself starts with such
# a figure gets an explicit `%0%` so the figure stays text.
_WEIGHT_LIKE = re.compile(r"%-*\d{1,2}\.?\d*%")


def escape(text: str) -> str:
    """Text as GIFT reads it back literally (carriage returns dropped, as Moodle's exporter does)."""
    return _RESERVED.sub(lambda m: _ESCAPES[m.group()], text.replace("\r", ""))


def _mark(text: str, right: bool) -> str:
    if right:
        return "="
    return "~%0%" if _WEIGHT_LIKE.match(text) else "~"


def _option(option: QuizOption, right: bool) -> str:
    text = escape(option.text)
    feedback = f"#{escape(option.feedback)}" if option.feedback else ""
    return f"\t{_mark(text, right)}{text}{feedback}\n"


def _answers(item: QuizItem) -> str:
    """What goes between the braces, before the general feedback."""
    if item.type == "true-false":
        wrong = escape(wrong_option(item).feedback)
        right = escape(item.options[correct_index(item)].feedback)
        parts = ["TRUE" if is_true(item) else "FALSE"]
        if wrong or right:
            parts.append(wrong)
        if right:
            parts.append(right)
        return "#".join(parts)
    if item.type in CHOICE_TYPES:
        key = correct_index(item)
        return "\n" + "".join(_option(option, i == key) for i, option in enumerate(item.options))
    return ""


def question(item: QuizItem) -> str:
    name = escape(f"{item.id} — {item.source.provision}")
    feedback = f"####{escape(explanation(item))}"
    return f"::{name}::[plain]{escape(item.question)}{{{_answers(item)}{feedback}}}\n"


@register_format("gift", media_type="text/plain; charset=utf-8", suffix=".gift.txt")
def write_gift(quiz: Quiz) -> bytes:
    """UTF-8 (Moodle's GIFT import reads nothing else), questions separated by a blank line."""
    header = f"// {one_line(quiz.title)} (seed {quiz.seed})\n\n"
    return (header + "\n".join(question(item) for item in quiz.items)).encode("utf-8")
