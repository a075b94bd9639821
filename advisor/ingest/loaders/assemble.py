"""Turn a loader's paragraphs into the document text, its blocks and its page offsets.

Every format ends here, so the invariants the rest of the system relies on are enforced in one
place: blocks are joined by exactly one blank line, `block.text == text[start:end]`, no block
has surrounding whitespace or a blank line inside, and page offsets never decrease.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from advisor.ingest.loaders.base import Block, LoadedText

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Piece:
    """A paragraph or heading before it has an offset in the document."""

    text: str
    heading_level: int | None = None
    #: (1-based page, offset inside `text`) where each page's first line in this piece starts.
    page_marks: tuple[tuple[int, int], ...] = field(default_factory=tuple)
    #: See `Block.table_header`.
    table_header: str = ""


def assemble(
    pieces: Iterable[Piece],
    *,
    page_count: int = 0,
    title: str = "",
    metadata: dict[str, str] | None = None,
) -> LoadedText:
    """Join pieces into one text; empty pieces are dropped, malformed ones are a bug here."""
    parts: list[str] = []
    blocks: list[Block] = []
    page_starts: dict[int, int] = {}
    cursor = 0
    for piece in pieces:
        if not piece.text:
            continue
        _check(piece)
        if parts:
            parts.append(BLOCK_SEPARATOR)
            cursor += len(BLOCK_SEPARATOR)
        parts.append(piece.text)
        blocks.append(
            Block(piece.text, cursor, cursor + len(piece.text), piece.heading_level, piece.table_header)
        )
        for page, offset in piece.page_marks:
            page_starts.setdefault(page, cursor + offset)
        cursor += len(piece.text)
    text = "".join(parts)
    return LoadedText(
        text=text,
        blocks=tuple(blocks),
        page_offsets=_page_offsets(page_starts, page_count, len(text)),
        title=title,
        metadata=dict(metadata or {}),
    )


def _check(piece: Piece) -> None:
    if piece.text != piece.text.strip() or BLOCK_SEPARATOR in piece.text:
        raise ValueError(f"malformed block from a loader: {piece.text[:60]!r}")


def _page_offsets(page_starts: dict[int, int], page_count: int, text_length: int) -> tuple[int, ...]:
    """A page whose text was all removed starts where the next page does (or at the end)."""
    offsets = [text_length] * page_count
    following = text_length
    for page in range(page_count, 0, -1):
        # min() keeps the offsets non-decreasing, as bisect in `page_at` needs, even when a
        # loader moved text (footnotes below a paragraph that runs onto the next page).
        following = min(page_starts.get(page, following), following)
        offsets[page - 1] = following
    return tuple(offsets)
