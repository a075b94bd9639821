"""What counts as a question the advisor will take: not empty, not absurdly long, plain text."""

from __future__ import annotations

import unicodedata

from advisor.errors import InvalidQuestion


def check_question(question: str, max_chars: int) -> str:
    """The question, trimmed; `InvalidQuestion` saying what is wrong otherwise."""
    cleaned = "".join(ch for ch in question if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    cleaned = cleaned.strip()
    if not cleaned:
        raise InvalidQuestion("the question is empty")
    if len(cleaned) > max_chars:
        raise InvalidQuestion(
            f"the question is {len(cleaned)} characters long; the limit is {max_chars} "
            "(ask about one situation at a time, or shorten the facts)"
        )
    return cleaned
