"""Rebuild paragraphs and headings from a PDF's visual lines.

A body line starts a new paragraph when
- the line above ended early: its successor's first word would have fitted there;
- there is more space above it than between the lines of a paragraph; or
- it opens with a paragraph marker (`1.`, `a)`, `(iii)`, `A.`, `(1)`, `2.3`) and the line
  above closed a clause (`.`, `;`, `:`, "or", "and") — a marker alone could be a reference
  that wrapped ("paragraph 1 a),\\nb) (i) or c)").
Across a page (or column) break there is no spacing to judge by: the paragraph runs on when
the last line reached the right margin and the next page's first line is not a marker or a
heading.

Heading lines (see `pdf_layout`) group into one block when a less prominent line sits right
under a more prominent one ("Article 8" over its title: "Article 8\\nMeasures against ...") or
when a heading wraps onto a second line in the same style, unless the lower line opens with
its own marker ("1.1 Legislative measures" under "Pillar 1. Prosecution").

Hyphenation at a line end ("implemen-" / "tation") is repaired when the word before the hyphen
is lower-case and the next line starts lower-case, unless the document itself shows the
hyphenated form ("non-displacement") or the fragment is a prefix that keeps its hyphen (non-,
self-, co-, ...). The joined form found elsewhere in the document settles the question.

Footnotes (small text below a page's body) are kept after the paragraph on their page whose
line carried their reference mark (see `pdf_lines`), so a note is read, and chunked, with the
passage it annotates. A note whose mark was not found waits for the paragraph open when the
page ends; either way a note never cuts a paragraph, not even one running onto the next page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from advisor.ingest.loaders.assemble import Piece
from advisor.ingest.loaders.pdf_layout import Layout, Style, heading_levels
from advisor.ingest.loaders.pdf_lines import Line
from advisor.ingest.loaders.pdf_tables import TableRow

#: More space than this × the leading above a line means a paragraph break.
PARAGRAPH_GAP = 1.25
#: Heading lines further apart than this × the smaller one's size are separate headings
#: (a label and its title sit closer: 1.8× in the shared treaties).
HEADING_GAP = 2.5
#: Prefixes that keep their hyphen at a line end when the document gives no other evidence.
KEEP_HYPHEN_PREFIXES = frozenset({"non", "self", "co", "cross", "quasi", "ex", "well"})

_MARKER = re.compile(
    r"^(?:\d{1,3}\.(?:\d{1,3}\.?)*|\(\d{1,3}\)|\d{1,3}\)|\(?[a-z]{1,2}\)|\([ivxlc]{1,6}\)"
    r"|[ivxlc]{1,6}\)|[A-Z]\.|[•▪◦●■–—-])\s"
)
_NOTE_MARKER = re.compile(r"\d{1,3}\s|[*†‡]")
_CLAUSE_END = re.compile(r"(?:[.;:!?]|\b(?:and|or))[\"'”’)]*$")
_HYPHEN_END = re.compile(r"(\w+)[-\u2010]$")
_WORD_START = re.compile(r"[^\W\d_]+")
_VOCABULARY_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def is_marker(text: str) -> bool:
    """Does the line open with a paragraph or sub-paragraph number?"""
    return bool(_MARKER.match(text))


def build_pieces(
    pages: Sequence[list[Line | TableRow]], layout: Layout, styles: dict[int, Style]
) -> list[Piece]:
    """Paragraph, heading and table-row pieces of the whole document, in reading order."""
    builder = _Builder(layout, styles, _vocabulary(pages))
    for items in pages:
        body, notes = _split_footnotes(items, layout)
        builder.add_page(body, notes)
    return builder.finish()


def line_joint(head: str, tail: str, vocabulary: frozenset[str]) -> tuple[str, str]:
    """How a wrapped line meets the next: (head as kept, separator before tail)."""
    hyphenated = _HYPHEN_END.search(head)
    if hyphenated is None:
        return head, " "
    fragment = hyphenated.group(1)
    word = _WORD_START.match(tail)
    if word and fragment.isalpha() and _drop_hyphen(fragment, word.group(0), vocabulary):
        return head[:-1], ""
    return head, ""


def _drop_hyphen(fragment: str, word: str, vocabulary: frozenset[str]) -> bool:
    if not (fragment.islower() and word[:1].islower()):
        return False
    if f"{fragment}-{word}".lower() in vocabulary:
        return False
    if (fragment + word).lower() in vocabulary:
        return True
    return fragment.lower() not in KEEP_HYPHEN_PREFIXES


def _vocabulary(pages: Sequence[list[Line | TableRow]]) -> frozenset[str]:
    return frozenset(
        word
        for page in pages
        for item in page
        for line in _lines(item)
        for word in _VOCABULARY_WORD.findall(line.text.lower())
    )


def _lines(item: Line | TableRow) -> tuple[Line, ...]:
    return item.lines if isinstance(item, TableRow) else (item,)


def _split_footnotes(
    items: list[Line | TableRow], layout: Layout
) -> tuple[list[Line | TableRow], list[Line]]:
    """Trailing small-print lines below the page's last body line or table row are its
    footnotes (a table's cells are small too, but they are the page's body).

    A page set entirely in small print (an annex, a boxed example) has no footnotes: its lines
    are its body.
    """
    normal = [
        item.bottom if isinstance(item, TableRow) else item.y
        for item in items
        if isinstance(item, TableRow) or not layout.is_small(item)
    ]
    lowest = min(normal) if normal else float("-inf")
    cut = len(items)
    while cut > 0 and _is_note_line(items[cut - 1], layout, lowest):
        cut -= 1
    notes = [item for item in items[cut:] if isinstance(item, Line)]
    return items[:cut], notes


def _is_note_line(item: Line | TableRow, layout: Layout, lowest: float) -> bool:
    return isinstance(item, Line) and layout.is_small(item) and item.y < lowest


def _continues_word(prev: Line, line: Line) -> bool:
    return bool(_HYPHEN_END.search(prev.text)) and line.text[:1].islower()


def _spaced_apart(prev: Line, line: Line, layout: Layout) -> bool:
    """More space between the two lines (on one page) than between a paragraph's lines."""
    scale = max(prev.size, line.size) / layout.body_size
    return line.page == prev.page and prev.y - line.y > PARAGRAPH_GAP * layout.leading * scale


def starts_paragraph(prev: Line, line: Line, layout: Layout) -> bool:
    """Does body line `line` open a new paragraph after body line `prev`?"""
    if _continues_word(prev, line):
        return False
    if line.page != prev.page or line.y > prev.y + 1.0:
        return layout.would_fit(prev, line) or is_marker(line.text)
    if _spaced_apart(prev, line, layout):
        return True
    if layout.would_fit(prev, line):
        return True
    return is_marker(line.text) and bool(_CLAUSE_END.search(prev.text))


class _Builder:
    """Feeds lines page by page; holds the open block and footnotes waiting for it to close."""

    def __init__(self, layout: Layout, styles: dict[int, Style], vocabulary: frozenset[str]) -> None:
        self._layout = layout
        self._styles = styles
        self._levels = heading_levels(styles)
        self._vocabulary = vocabulary
        self._pieces: list[Piece] = []
        #: Footnotes to emit right after the piece at this index.
        self._notes_after: dict[int, list[Piece]] = {}
        #: (page, reference mark) -> index of the closed piece whose line carried it.
        self._referenced: dict[tuple[int, str], int] = {}
        self._open: list[Line] = []
        self._waiting_notes: list[Piece] = []
        #: Header of the table whose rows are being read; None once text follows the table.
        self._table_header: str | None = None

    def add_page(self, body: list[Line | TableRow], notes: list[Line]) -> None:
        for item in body:
            if isinstance(item, TableRow):
                self._close()
                self._add_row(item)
            elif self._open and self._continues(self._open[-1], item):
                self._open.append(item)
            else:
                self._close()
                self._open = [item]
        open_marks = {(line.page, mark) for line in self._open for mark in line.references}
        for note in self._note_groups(notes):
            piece = self._piece(note)
            key = (note[0].page, _note_marker(note[0].text))
            if key not in open_marks and key in self._referenced:
                self._notes_after.setdefault(self._referenced[key], []).append(piece)
            else:
                self._waiting_notes.append(piece)

    def finish(self) -> list[Piece]:
        self._close()
        return [
            piece
            for index, block in enumerate(self._pieces)
            for piece in (block, *self._notes_after.get(index, ()))
        ]

    def _continues(self, prev: Line, line: Line) -> bool:
        prev_style, style = self._styles.get(id(prev)), self._styles.get(id(line))
        if prev_style is None and style is None:
            return not starts_paragraph(prev, line, self._layout)
        if prev_style is None or style is None:
            return False
        # A line that carries its own number or letter ("A. Learning objectives", "1.1 ...")
        # is a heading of its own, never the title of the heading above it.
        if is_marker(line.text):
            return False
        # A title may be pushed onto the next page, away from its label; on one page,
        # headings set apart by more than a blank line are separate.
        if line.page == prev.page and prev.y - line.y > HEADING_GAP * min(prev.size, line.size):
            return False
        if style == prev_style:  # a heading wrapped onto a second line, or the next heading
            return not (self._layout.would_fit(prev, line) or _spaced_apart(prev, line, self._layout))
        return self._levels[style] > self._levels[prev_style]

    def _close(self) -> None:
        if self._open:
            self._append(self._piece(self._open), self._open)
            self._table_header = None
        self._open = []
        if self._waiting_notes and self._pieces:
            self._notes_after.setdefault(len(self._pieces) - 1, []).extend(self._waiting_notes)
        else:
            self._pieces.extend(self._waiting_notes)
        self._waiting_notes = []

    def _append(self, piece: Piece, lines: Sequence[Line]) -> None:
        for line in lines:
            for mark in line.references:
                self._referenced[(line.page, mark)] = len(self._pieces)
        self._pieces.append(piece)

    def _add_row(self, row: TableRow) -> None:
        """A table row as one piece; a header row repeated atop a continuation page is dropped."""
        text = " | ".join(self._cell_text(cell) for cell in row.cells)
        if row.header:
            if text == self._table_header:
                return
            self._table_header = text
        header = self._table_header or ""
        self._append(Piece(text, page_marks=((row.page, 0),), table_header=header), row.lines)

    def _cell_text(self, lines: Sequence[Line]) -> str:
        text = ""
        for line in lines:
            head, separator = line_joint(text, line.text, self._vocabulary) if text else ("", "")
            text = head + separator + line.text
        return text

    def _piece(self, lines: list[Line]) -> Piece:
        style = self._styles.get(id(lines[0]))
        parts = [lines[0].text]
        marks = [(lines[0].page, 0)]
        length = len(lines[0].text)
        for prev, line in pairwise(lines):
            if style is not None and self._styles.get(id(line)) != self._styles.get(id(prev)):
                head, separator = parts[-1], "\n"
            else:
                head, separator = line_joint(parts[-1], line.text, self._vocabulary)
            length += len(head) - len(parts[-1]) + len(separator)
            parts[-1] = head
            parts.append(separator + line.text)
            if line.page != marks[-1][0]:
                marks.append((line.page, length))
            length += len(line.text)
        level = self._levels[style] if style is not None else None
        return Piece("".join(parts), heading_level=level, page_marks=tuple(marks))

    def _note_groups(self, notes: list[Line]) -> list[list[Line]]:
        groups: list[list[Line]] = []
        for line in notes:
            if groups and not _starts_note(groups[-1][-1], line, self._layout):
                groups[-1].append(line)
            else:
                groups.append([line])
        return groups


def _note_marker(text: str) -> str:
    """The number (or symbol) a footnote opens with; "" for a note without one."""
    match = _NOTE_MARKER.match(text)
    return match.group(0).strip() if match else ""


def _starts_note(prev: Line, line: Line, layout: Layout) -> bool:
    return bool(_NOTE_MARKER.match(line.text)) or layout.would_fit(prev, line)
