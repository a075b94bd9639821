"""Plain text: paragraphs are separated by blank lines; wrapped lines are joined with a space."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from advisor.errors import DocumentError
from advisor.ingest.loaders.assemble import Piece, assemble
from advisor.ingest.loaders.base import LoadedText
from advisor.ingest.loaders.cleaning import normalize_inline, read_text_file

_BLANK_LINES = re.compile(r"\n[ \t\f\v]*\n")


class TextLoader:
    """Reads `.txt` files; a plain text file carries no headings, so every block is body text."""

    suffixes: tuple[str, ...] = (".txt", ".text")

    def load(self, path: Path) -> LoadedText:
        decoded = read_text_file(path)
        pieces = list(text_pieces(decoded.text))
        if not pieces:
            raise DocumentError(f"{path}: no text (only whitespace)")
        return assemble(pieces, metadata={"encoding": decoded.encoding})


def text_pieces(text: str) -> Iterator[Piece]:
    """One body piece per blank-line-separated paragraph."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    for paragraph in _BLANK_LINES.split(normalized):
        cleaned = normalize_inline(paragraph)
        if cleaned:
            yield Piece(cleaned)
