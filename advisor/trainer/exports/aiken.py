"""Aiken: the plainest format Moodle imports — single-answer choice questions, nothing else.

Each question is one line, its options `A. text` one per line, then `ANSWER: X`. Aiken has no
field for feedback, a name or a source, and a line of any other shape starts a new question,
so an Aiken file cannot carry the citation at all: the justification and the source are lost.
Use GIFT or Moodle XML when learners should see why and where.

Exported: true-false (its two options), multiple-choice and classification items with at most
26 options. Skipped (see `skipped_items`): definition, obligation and open items, which have
no options, and an item whose question would read as an option or an answer line.
"""

from __future__ import annotations

import re

from advisor.models import Quiz, QuizItem
from advisor.trainer.exports import register_format
from advisor.trainer.exports.text import CHOICE_TYPES, correct_index, letter, one_line

#: Lines an Aiken reader takes for an option or for the key, whatever comes before them.
_MARKUP_LINE = re.compile(r"^([A-Z][).][ \t]|ANSWER:)")
_MAX_OPTIONS = 26


def supports(item: QuizItem) -> bool:
    return (
        item.type in CHOICE_TYPES
        and len(item.options) <= _MAX_OPTIONS
        and not _MARKUP_LINE.match(one_line(item.question))
    )


def question(item: QuizItem) -> str:
    options = "".join(f"{letter(i)}. {one_line(o.text)}\n" for i, o in enumerate(item.options))
    return f"{one_line(item.question)}\n{options}ANSWER: {letter(correct_index(item))}\n"


@register_format("aiken", media_type="text/plain; charset=utf-8", suffix=".aiken.txt", supports=supports)
def write_aiken(quiz: Quiz) -> bytes:
    return "\n".join(question(item) for item in quiz.items).encode("utf-8")
