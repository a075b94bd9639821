"""What every loader returns: the cleaned text of one document, cut into blocks, with pages.

The cleaned text is what the advisor quotes from, so it must contain only the document's own
words: no running headers or footers, no page numbers, hyphenation at line ends repaired,
wrapped lines re-joined. Blocks (paragraphs and headings) are separated by a blank line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Block:
    """A paragraph or heading: `text == document.text[start:end]`.

    `heading_level` is the loader's typographic evidence (Markdown `#` count, bold or larger
    font in a PDF, `<h2>` in HTML); None for body text. The chunker decides what a heading
    means (Chapter, Article, numbered section) from its words. A table row is one block, its
    cells joined by " | " in column order.
    """

    text: str
    start: int
    end: int
    heading_level: int | None = None
    #: For a table row, its table's header row ("Objective | Measures | Actors"; the header
    #: row carries its own text), so a chunk holding rows can name their columns; "" for text
    #: and for rows of a table without a header.
    table_header: str = ""


@dataclass(frozen=True)
class LoadedDocument:
    """One source file turned into clean text; ids and titles come from the manifest or file."""

    doc_id: str
    title: str
    kind: str
    source_path: Path
    sha256: str
    text: str
    blocks: tuple[Block, ...]
    #: Offset in `text` at which each page begins (page 1 first); empty when the format has
    #: no pages. A page whose text was entirely removed starts where the next one does.
    page_offsets: tuple[int, ...] = ()
    short_title: str = ""
    year: int | None = None
    authority: str = ""
    url: str = ""
    metadata: dict[str, str] = field(default_factory=dict)
    #: The edition's language, and for a translation the id of the English document.
    language: str = "en"
    edition_of: str = ""

    @property
    def page_count(self) -> int:
        return len(self.page_offsets)

    def page_at(self, offset: int) -> int | None:
        return page_at(self.page_offsets, offset)


def page_at(page_offsets: tuple[int, ...], offset: int) -> int | None:
    """1-based page holding the character at `offset`, or None for page-less formats."""
    if not page_offsets:
        return None
    return max(1, bisect.bisect_right(page_offsets, offset))


class Loader(Protocol):
    """Reads one file format. Raises `DocumentError` with a one-line reason on bad input."""

    suffixes: tuple[str, ...]

    def load(self, path: Path) -> LoadedText: ...


@dataclass(frozen=True)
class LoadedText:
    """A loader's raw result, before the manifest names it."""

    text: str
    blocks: tuple[Block, ...]
    page_offsets: tuple[int, ...] = ()
    #: Title found in the file itself (PDF metadata, first `#` heading, `<title>`).
    title: str = ""
    #: Facts worth keeping about the source (e.g. `encoding: cp1252` when it was a guess).
    metadata: dict[str, str] = field(default_factory=dict)
