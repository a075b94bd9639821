"""Markdown handout: the questions, numbered with lettered options, then an answer key giving
each item's key, the justification and the source with its verbatim quote.

Texts are escaped so that a legal quote with `*`, `_`, `[`, `<`, `&` or `#` prints as written
rather than as emphasis, a link, HTML or an entity, and so that one opening with "1." or "-"
is not read as a nested list.
"""

from __future__ import annotations

import re

from advisor.models import Quiz, QuizItem
from advisor.trainer.exports import register_format
from advisor.trainer.exports.text import CHOICE_TYPES, citation, key_text, letter, one_line

_ACTIVE = re.compile(r"([\\`*_\[\]<>&#|~])")
_LIST_START = re.compile(r"^(\d{1,9})([.)])|^([-+])(?=\s|$)")


def escape(text: str) -> str:
    """One line of literal text (CommonMark backslash escapes)."""
    escaped = _ACTIVE.sub(r"\\\1", one_line(text))
    return _LIST_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _question(n: int, item: QuizItem) -> list[str]:
    pad = " " * len(f"{n}. ")
    lines = [f"{n}. {escape(item.question)}", ""]
    if item.type in CHOICE_TYPES:
        lines += [f"{pad}- {letter(i)}. {escape(o.text)}" for i, o in enumerate(item.options)]
    else:
        lines.append(f"{pad}*Answer in your own words.*")
    return [*lines, ""]


def _key(n: int, item: QuizItem) -> list[str]:
    pad = " " * len(f"{n}. ")
    label = "Key" if item.type in CHOICE_TYPES else "Model answer"
    lines = [f"{n}. **{label}:** {escape(key_text(item))}", ""]
    if item.feedback:
        lines += [f"{pad}{escape(item.feedback)}", ""]
    lines += [f"{pad}Source: {escape(citation(item.source))}", ""]
    return lines


@register_format("md", media_type="text/markdown; charset=utf-8", suffix=".md")
def write_markdown(quiz: Quiz) -> bytes:
    lines = [f"# {escape(quiz.title)}", "", "## Questions", ""]
    for n, item in enumerate(quiz.items, 1):
        lines += _question(n, item)
    lines += ["## Answer key", ""]
    for n, item in enumerate(quiz.items, 1):
        lines += _key(n, item)
    return "\n".join(lines).encode("utf-8")
