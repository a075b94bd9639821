"""The legal forms quiz items are read from: definitions, obligations, and the contrasts that
turn a true statement of the law into a false one.

Patterns follow the drafting conventions of the UN treaties (`“X” shall mean …`, "Each State
Party shall …"); what they find is always a span of the clause, so keys stay verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.trainer.selection import Clause

#: Leading numbering of a paragraph or sub-paragraph: "1. ", "a) ", "(a) ", "(ii) ".
_NUMBERING = re.compile(r"^\s*(?:\d+\.\s+|\(?[a-z]{1,4}\)\s+|\([ivx]+\)\s+)")
_DEFINITION = re.compile(
    r"[“\"]([^”\"]{2,80})[”\"]\s+(?:shall mean|means|shall be understood to mean)\s+", re.I
)
_DEFINITION_TAIL = re.compile(r"[\s;,.]*(?:\b(?:or|and))?[\s;,.]*$")
#: Who owes a treaty obligation, and the verb that follows "shall" (not "shall not", nor the
#: soft "shall consider / endeavour", which are discretions in law).
_OBLIGATION = re.compile(
    r"^(?:[^.;:]{0,160}?,\s*)?(Each State Party|States Parties|A State Party|Each Party|The States Parties)\b"
    r"[^.;:]{0,120}?\bshall\s+(?:also\s+|\w+ly\s+)?(?!not\b|consider\b|endeavour\b|mean\b)([a-z]+)\b(\s+\w+)?"
)
#: A verb followed by one of these is used without an object ("cooperate to the fullest extent").
_NO_OBJECT = frozenset(
    "to in with on for at by within closely promptly expeditiously fully as where when".split()
)
_SENTENCE_END = re.compile(r"(?<![A-Z]\.)(?<!\bart)(?<!\bpara)(?<!\bNo)\.\s+(?=[A-Z])")


@dataclass(frozen=True)
class Definition:
    term: str
    #: Offsets of the defining words in the document text (a slice of the clause).
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Obligation:
    subject: str
    verb: str
    transitive: bool


@dataclass(frozen=True)
class Contrast:
    """One change that makes a statement false: `original` at `at` became `changed`."""

    name: str
    original: str
    changed: str
    at: int


def body_offset(clause: Clause) -> int:
    """Where the clause's words begin, after its numbering."""
    match = _NUMBERING.match(clause.text)
    return match.end() if match else len(clause.text) - len(clause.text.lstrip())


def body(clause: Clause) -> str:
    return clause.text[body_offset(clause) :]


def definition_in(clause: Clause) -> Definition | None:
    """`“X” shall mean …` at the start of a clause; the meaning runs to the clause's end
    (its sub-paragraphs included), less the trailing "; or" / "; and"."""
    offset = body_offset(clause)
    match = _DEFINITION.match(clause.text, offset)
    if not match:
        return None
    tail = _DEFINITION_TAIL.search(clause.text, match.end())
    end = tail.start() if tail else len(clause.text)
    if end - match.end() < 10:
        return None
    text = clause.text[match.end() : end]
    return Definition(match[1].strip(), clause.start + match.end(), clause.start + end, text)


def obligation_in(clause: Clause) -> Obligation | None:
    match = _OBLIGATION.match(body(clause))
    if not match:
        return None
    following = (match[3] or "").strip().lower()
    return Obligation(match[1], match[2], transitive=bool(following) and following not in _NO_OBJECT)


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (the whole text when there is none)."""
    match = _SENTENCE_END.search(text)
    return text[: match.start() + 1] if match else text


def shortened(text: str, limit: int) -> str:
    """`text` cut at a clause boundary before `limit` characters, marked with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in (", ", "; ", ": "))
    cut = cut if cut > limit // 2 else text.rfind(" ", 0, limit)
    return text[:cut].rstrip(",;: ") + " …"


#: Number words and ordinals a provision states, each with a plausible wrong value ("one",
#: "first" and "second" are left out: "no one", "in the first place" are not figures).
_NUMBER_SWAPS = {
    "two": "three", "three": "five", "five": "ten", "six": "twelve", "seven": "ten",
    "ten": "five", "twelve": "six", "eighteen": "sixteen", "thirty": "sixty", "sixty": "thirty",
    "ninety": "sixty", "hundred": "thousand", "third": "fifth",
    "fifth": "tenth", "tenth": "fifth", "thirtieth": "ninetieth", "ninetieth": "thirtieth",
    "fortieth": "twentieth", "twentieth": "fortieth",
}  # fmt: skip
_CONTRASTS: list[tuple[str, re.Pattern[str]]] = [
    ("shall not ↔ shall", re.compile(r"\bshall not\b")),
    # "shall consider adopting" becomes "shall adopt": the gerund is made a verb again.
    ("shall consider ↔ shall", re.compile(r"\bshall (?:consider [a-z]+ing|endeavour to)\b")),
    ("a changed number", re.compile(r"\b(?:" + "|".join(_NUMBER_SWAPS) + r")\b", re.I)),
    (
        "a changed number",
        re.compile(r"(?<!article )(?<!articles )(?<!paragraph )(?<!chapter )(?<![\d.])\b\d{1,4}\b(?![.\d])"),
    ),
    # "as may be necessary", "damage that may have been sustained": a possibility, not a
    # permission; "may not refuse" already forbids.
    ("may ↔ shall", re.compile(r"\bmay\b(?! be\b| have\b| not\b)")),
    # "Nothing ... shall prevent / affect / be construed": a saving clause reads the same with "may".
    (
        "shall ↔ may",
        re.compile(
            r"\bshall\b(?! not\b| mean\b| consider\b| endeavour\b"
            r"| prevent\b| affect\b| prejudice\b| be construed\b)"
        ),
    ),
]


def contrast_in(statement: str) -> Contrast | None:
    """The first legal contrast `statement` allows, in order of how much it changes the law:
    a prohibition made a duty, a discretion made a duty, a number, a permission, a duty."""
    for name, pattern in _CONTRASTS:
        if name == "shall ↔ may" and statement.startswith("Nothing"):
            continue
        if match := pattern.search(statement):
            return Contrast(name, match.group(), _changed(match.group()), match.start())
    return None


def falsified(statement: str, contrast: Contrast) -> str:
    return statement[: contrast.at] + contrast.changed + statement[contrast.at + len(contrast.original) :]


def _changed(original: str) -> str:
    lowered = original.lower()
    if lowered.startswith("shall consider"):
        return "shall " + _base_form(lowered.split()[-1])
    if lowered.startswith("shall not") or lowered.startswith("shall endeavour"):
        return "shall"
    if lowered == "may":
        return "shall"
    if lowered == "shall":
        return "may"
    if original.isdigit():
        number = int(original)
        return str(number * 2 if number < 1000 else number + 10)
    swapped = _NUMBER_SWAPS[lowered]
    return swapped.capitalize() if original[:1].isupper() else swapped


def _base_form(gerund: str) -> str:
    """ "adopting" → "adopt", "providing" → "provide", "transferring" → "transfer": the
    spelling rules the treaties' gerunds after "shall consider" need."""
    stem = gerund.removesuffix("ing")
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem[:-1]
    if len(stem) <= 2 or re.search(r"[^aeiou][aeiou][cdgkszv]$|[^aeiou][aeiou]at$|ur$", stem):
        return stem + "e"
    return stem
