"""Visual lines of a PDF page, with the geometry and fonts that paragraph rebuilding needs.

pypdf's `visitor_text` reports each run of text with its text matrix and font but not where the
run ends, so each run's width is measured from the font's glyph widths. Knowing where a line
ends lets the paragraph builder ask the question a typesetter answered: would the next word
have fitted on this line? If it would, the line break was a paragraph end.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any

from pypdf import PageObject
from pypdf.errors import PyPdfError
from pypdf.generic import DictionaryObject

# pypdf's own font model (core-14 AFM widths, /Widths arrays, CID widths). It is not exported
# from `pypdf.generic`, so this is the one place that depends on its module path.
from pypdf.generic._font import Font

from advisor.ingest.loaders.cleaning import normalize_inline

logger = logging.getLogger(__name__)

#: Average glyph width in em when a font cannot be measured (Times/Helvetica average ~0.5 em).
_FALLBACK_EM_WIDTH = 0.5
#: Runs whose baselines differ by less than this share of the font size are on the same line
#: (superscript footnote markers are raised by ~a third of the size).
_SAME_LINE_TOLERANCE = 0.5
#: A footnote reference set as its own small raised text object: a few digits or a dagger, at
#: most this share of the line's size, its baseline raised by up to this share of that size.
_REFERENCE_SIZE_RATIO = 0.8
_REFERENCE_MAX_RISE = 0.75
_REFERENCE = re.compile(r"\d{1,3}|[*†‡]")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_ITALIC_FONT = re.compile(r"italic|oblique|[-,]\w*it$", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    """One visual line: baseline `y` grows upwards, `x`..`right` is its horizontal extent."""

    page: int
    text: str
    x: float
    y: float
    right: float
    size: float
    font: str
    #: Width of a space plus this line's first word: how much room it needed on the line above.
    lead_width: float
    #: Footnote reference marks ("3", "*") dropped from the line: where its notes belong.
    references: tuple[str, ...] = ()

    @property
    def bold(self) -> bool:
        return bool(_BOLD_FONT.search(self.font))

    @property
    def italic(self) -> bool:
        return bool(_ITALIC_FONT.search(self.font))


@dataclass
class _Run:
    text: str
    font: str
    size: float


@dataclass
class _OpenLine:
    x: float
    y: float
    right: float
    runs: list[_Run]
    ended: bool = False
    lead_width: float = 0.0
    #: Width of a run's trailing spaces: part of the line only if another run follows.
    pending_space: float = 0.0
    #: A footnote reference was just dropped: the line break pypdf reports after it is not one.
    after_reference: bool = False
    references: list[str] = field(default_factory=list)


class FontWidths:
    """Measures text in a font resource; one instance serves all pages of a document."""

    def __init__(self) -> None:
        # Keyed by id(); the dictionary itself is kept so the id cannot be reused.
        self._fonts: dict[int, tuple[DictionaryObject, Font | None]] = {}

    def width(self, text: str, font_dict: DictionaryObject | None, size: float) -> float:
        font = self._font(font_dict)
        if font is None:
            return len(text) * size * _FALLBACK_EM_WIDTH
        return font.get_text_width(text) * size / 1000.0

    def _font(self, font_dict: DictionaryObject | None) -> Font | None:
        if font_dict is None:
            return None
        key = id(font_dict)
        if key not in self._fonts:
            self._fonts[key] = (font_dict, self._parse(font_dict))
        return self._fonts[key][1]

    @staticmethod
    def _parse(font_dict: DictionaryObject) -> Font | None:
        try:
            return Font.from_font_resource(font_dict)
        except (PyPdfError, KeyError, ValueError, TypeError, AttributeError) as e:
            # Only widths are lost: lines are then measured with an average glyph width.
            logger.debug("font %s not measurable (%s); using average widths", font_dict.get("/BaseFont"), e)
            return None


class PageLines:
    """Collects one page's runs from pypdf's visitor and groups them into `Line`s."""

    def __init__(self, page_number: int, widths: FontWidths) -> None:
        self._page = page_number
        self._widths = widths
        self._done: list[_OpenLine] = []
        self._open: _OpenLine | None = None

    def visit(
        self,
        text: str,
        cm: list[float],
        tm: list[float],
        font_dict: DictionaryObject | None,
        font_size: float,
    ) -> None:
        """The `visitor_text` callback: one call per run of text pypdf flushes."""
        if not text:
            return
        a, b, x, y = _render_matrix(cm, tm)
        size = abs(font_size) * math.hypot(a, b) or abs(font_size)
        pieces = text.split("\n")
        for index, piece in enumerate(pieces):
            # pypdf ends a run with "\n" when the next one starts a new line.
            ends_line = index < len(pieces) - 1
            self._add(piece, x, y - index * size * 1.2, size, font_dict, ends_line)

    def lines(self) -> list[Line]:
        """The page's non-empty lines in content-stream order."""
        self._close()
        return [line for line in map(self._finish, self._done) if line is not None]

    def _add(
        self, piece: str, x: float, y: float, size: float, font_dict: DictionaryObject | None, ends_line: bool
    ) -> None:
        words = piece.split()
        if self._open is not None and self._is_reference(self._open, piece, x, y, size):
            # The reference is the footnote's number, not the sentence's words; the line
            # breaks pypdf reported around it were only its raised baseline.
            self._open.ended = False
            self._open.after_reference = True
            self._open.references.append(piece.strip())
            return
        if words:
            self._add_run(piece, words[0], x, y, size, font_dict)
        elif ends_line and self._open is not None and self._open.after_reference:
            return
        if self._open is not None:
            self._open.after_reference = False
        if ends_line and self._open is not None:
            self._open.ended = True

    def _add_run(
        self, piece: str, first_word: str, x: float, y: float, size: float, font_dict: DictionaryObject | None
    ) -> None:
        current = self._open
        if current is None or current.ended or abs(current.y - y) > _SAME_LINE_TOLERANCE * max(size, 1.0):
            self._close()
            current = self._open = _OpenLine(x, y, x, [])
            current.lead_width = self._widths.width(" " + first_word, font_dict, size)
            piece = piece.lstrip()
        core = piece.rstrip()
        # A run flushed mid-line by a font change still reports the line's start as its
        # position, so its width extends the line; a run placed further right starts there.
        current.right = max(current.right + current.pending_space, x) + self._widths.width(
            core, font_dict, size
        )
        current.pending_space = self._widths.width(piece[len(core) :], font_dict, size)
        current.runs.append(_Run(piece, _base_font(font_dict), size))

    @staticmethod
    def _is_reference(current: _OpenLine, piece: str, x: float, y: float, size: float) -> bool:
        line_size = current.runs[-1].size if current.runs else size
        rise = y - current.y
        return (
            bool(_REFERENCE.fullmatch(piece.strip()))
            and size <= _REFERENCE_SIZE_RATIO * line_size
            and 0 < rise <= _REFERENCE_MAX_RISE * line_size
            and abs(x - current.right) < line_size
        )

    def _close(self) -> None:
        if self._open is not None and self._open.runs:
            self._done.append(self._open)
        self._open = None

    def _finish(self, open_line: _OpenLine) -> Line | None:
        text = normalize_inline("".join(run.text for run in open_line.runs))
        if not text:
            return None
        # The line's style is that of most of its characters (a bold word does not make a
        # bold line).
        weights: dict[tuple[str, float], int] = {}
        for run in open_line.runs:
            key = (run.font, round(run.size, 2))
            weights[key] = weights.get(key, 0) + len(run.text.strip())
        font, size = max(weights, key=lambda key: weights[key])
        return Line(
            self._page,
            text,
            open_line.x,
            open_line.y,
            open_line.right,
            size,
            font,
            open_line.lead_width,
            tuple(open_line.references),
        )


def extract_page_lines(page: PageObject, page_number: int, widths: FontWidths) -> list[Line]:
    """All visual lines of one page (pypdf errors propagate; the caller names the file)."""
    collector = PageLines(page_number, widths)
    page.extract_text(visitor_text=collector.visit)
    return collector.lines()


def _render_matrix(cm: list[float], tm: list[float]) -> tuple[float, float, float, float]:
    """(a, b, x, y) of Tm × CTM: the run's horizontal scale vector and where it starts."""
    a = tm[0] * cm[0] + tm[1] * cm[2]
    b = tm[0] * cm[1] + tm[1] * cm[3]
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    return a, b, x, y


def _base_font(font_dict: Any) -> str:
    if not isinstance(font_dict, DictionaryObject):
        return ""
    name = str(font_dict.get("/BaseFont", ""))
    return name.lstrip("/").split("+", 1)[-1]
