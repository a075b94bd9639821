"""Markdown: headings from `#` markers, paragraphs from blank lines, markup stripped from words.

The advisor quotes words, not markup, so `**shall**` becomes `shall` and a link keeps only its
text. Headings keep their `#` count as `heading_level`; what a heading means (Chapter, Article)
is left to the chunker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from advisor.errors import DocumentError
from advisor.ingest.loaders.assemble import Piece, assemble
from advisor.ingest.loaders.base import LoadedText
from advisor.ingest.loaders.cleaning import normalize_inline, read_text_file

_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_BULLET = re.compile(r"^\s*[-*+][ \t]+")
_ORDERED_ITEM = re.compile(r"^\s*\d{1,9}[.)][ \t]+")
_QUOTE = re.compile(r"^\s*>[ \t]?")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")

#: (pattern, replacement) applied in order; code and links first so their insides stay intact.
_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    # Emphasis must hug its words: "by* force majeure *or" is a typo in a source, not markup.
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=[^\s_])(.+?)(?<=[^\s_])_(?!\w)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
)
#: A paragraph that is one bold (or italic) span is a heading in all but name ("**ANNEX**").
_WHOLE_BOLD = re.compile(r"^(\*\*|__)(?=\S)([^*_]+?)(?<=\S)\1$")
_WHOLE_ITALIC = re.compile(r"^([*_])(?=\S)([^*_]+?)(?<=\S)\1$")
_EMPHASIS_HEADING_LEVEL = {"bold": 5, "italic": 6}
#: Longer emphasised paragraphs, or ones ending a sentence, are notes rather than headings.
_EMPHASIS_HEADING_MAX_CHARS = 200


class MarkdownLoader:
    """Reads `.md`/`.markdown`; the first level-1 heading is the file's own title."""

    suffixes: tuple[str, ...] = (".md", ".markdown")

    def load(self, path: Path) -> LoadedText:
        decoded = read_text_file(path)
        pieces = list(markdown_pieces(decoded.text))
        if not pieces:
            raise DocumentError(f"{path}: no text (only whitespace or markup)")
        title = next((p.text for p in pieces if p.heading_level == 1), "")
        return assemble(pieces, title=title.replace("\n", " "), metadata={"encoding": decoded.encoding})


def strip_inline_markup(text: str) -> str:
    """The words of one Markdown line or paragraph, without emphasis, links or code ticks."""
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return normalize_inline(text)


def markdown_pieces(source: str) -> Iterator[Piece]:
    """Blocks of a Markdown document in order (a small line parser, no HTML rendering)."""
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    body_start = _front_matter_end(lines)
    for line in lines[:body_start]:
        if line.strip() and line.strip() != "---":
            yield Piece(normalize_inline(line))
    yield from _parse(lines[body_start:])


def _front_matter_end(lines: list[str]) -> int:
    """Index after a leading `---` … `---` block, or 0; its lines stay as plain paragraphs."""
    if not lines or lines[0].strip() != "---":
        return 0
    for index, line in enumerate(lines[1:50], start=1):
        if line.strip() in ("---", "..."):
            return index + 1
    return 0


def _parse(lines: list[str]) -> Iterator[Piece]:
    buffer: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            yield from _flush(buffer)
            in_fence = not in_fence
        elif in_fence and line.strip():
            buffer.append(line)
        elif in_fence:
            yield from _flush(buffer)
        else:
            yield from _parse_line(line, buffer)
    yield from _flush(buffer)


def _parse_line(line: str, buffer: list[str]) -> Iterator[Piece]:
    """Handle one line outside code fences; `buffer` holds the open paragraph's lines."""
    line = _QUOTE.sub("", line)
    heading = _ATX_HEADING.match(line)
    if not line.strip():
        yield from _flush(buffer)
    elif heading:
        yield from _flush(buffer)
        yield _heading(heading.group(2) or "", len(heading.group(1)))
    elif buffer and _SETEXT_UNDERLINE.match(line):
        level = 1 if line.strip().startswith("=") else 2
        yield _heading(" ".join(buffer), level)
        buffer.clear()
    elif _THEMATIC_BREAK.match(line):
        yield from _flush(buffer)
    elif _TABLE_ROW.match(line):
        yield from _flush(buffer)
        yield from _table_row(line)
    elif _BULLET.match(line) or _ORDERED_ITEM.match(line):
        yield from _flush(buffer)
        buffer.append(_BULLET.sub("", line))
    else:
        buffer.append(line)


def _heading(text: str, level: int) -> Piece:
    return Piece(strip_inline_markup(text), heading_level=level)


def _table_row(line: str) -> Iterator[Piece]:
    if _TABLE_RULE.match(line):
        return
    cells = [strip_inline_markup(cell) for cell in line.strip().strip("|").split("|")]
    text = " | ".join(cell for cell in cells if cell)
    if text:
        yield Piece(text)


def _flush(buffer: list[str]) -> Iterator[Piece]:
    if not buffer:
        return
    raw = normalize_inline(" ".join(buffer))
    buffer.clear()
    level = _emphasis_heading_level(raw)
    text = strip_inline_markup(raw)
    if text:
        yield Piece(text, heading_level=level)


def _emphasis_heading_level(raw: str) -> int | None:
    if len(raw) > _EMPHASIS_HEADING_MAX_CHARS or raw.rstrip("*_").endswith("."):
        return None
    if _WHOLE_BOLD.match(raw):
        return _EMPHASIS_HEADING_LEVEL["bold"]
    if _WHOLE_ITALIC.match(raw):
        return _EMPHASIS_HEADING_LEVEL["italic"]
    return None
