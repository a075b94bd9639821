"""What a PDF's typography says: the body text's size and margins, and which lines are headings.

Measured per document from the lines themselves (the most common size is the body size, the
most common left edge is the margin), so the same code reads a reportlab treaty and a UNODC
manual typeset in InDesign.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise

from advisor.ingest.loaders.pdf_lines import Line

#: Text this much smaller than the body is a footnote or caption, never a heading.
SMALL_TEXT_RATIO = 0.9
#: A line at least this many points larger than the body is a heading by size alone.
LARGER_BY_PT = 0.75
#: Right margin = this quantile of body lines' right edges (robust to one overlong line).
RIGHT_MARGIN_QUANTILE = 0.98
#: A word "would have fitted" only with this much room to spare (in ems of body text):
#: widths are computed from font metrics, not read, and typesetters differ by a point or two
#: in how they fill a line; near-misses are left to the spacing and marker rules.
FIT_SLACK_EM = 0.2
#: A centred line starts at least this share of the text width in from the left margin...
CENTRED_MIN_INDENT = 0.1
#: ...and its left and right gaps differ by at most this share of the text width.
CENTRED_BALANCE = 0.03
#: More consecutive lines than this in one body-sized emphasis style are an emphasised
#: paragraph (a quotation in italics), not a heading.
MAX_HEADING_LINES = 4


@dataclass(frozen=True)
class Style:
    """Typographic identity of a heading line; larger and bolder means more prominent."""

    size: float
    bold: bool
    italic: bool

    @property
    def prominence(self) -> tuple[float, bool, bool]:
        return (-self.size, not self.bold, not self.italic)


@dataclass(frozen=True)
class Layout:
    """The body text's font size, font, margins and line spacing, measured on the document."""

    body_size: float
    body_font: str
    left: float
    right: float
    leading: float

    @classmethod
    def measure(cls, pages: Sequence[list[Line]]) -> Layout:
        lines = [line for page in pages for line in page]
        fonts: Counter[str] = Counter()
        for line in lines:
            fonts[line.font] += len(line.text)
        body_size = measure_body_size(lines)
        body = [line for line in lines if abs(line.size - body_size) < 0.1]
        bucket = Counter(round(line.x) for line in body).most_common(1)[0][0]
        flush_left = [line for line in body if round(line.x) == bucket]
        left = sorted(line.x for line in flush_left)[len(flush_left) // 2]
        rights = sorted(line.right for line in flush_left)
        right = rights[int(RIGHT_MARGIN_QUANTILE * (len(rights) - 1))]
        return cls(body_size, fonts.most_common(1)[0][0], left, right, _leading(pages, body_size))

    @property
    def width(self) -> float:
        return max(self.right - self.left, 1.0)

    def would_fit(self, line: Line, following: Line) -> bool:
        """Would the first word of `following` have fitted at the end of `line`?

        If it would, the typesetter broke the line on purpose: the paragraph ended there.
        """
        return line.right + following.lead_width <= self.right - FIT_SLACK_EM * self.body_size

    def is_small(self, line: Line) -> bool:
        return line.size < self.body_size * SMALL_TEXT_RATIO

    def is_centred(self, line: Line) -> bool:
        left_gap = line.x - self.left
        right_gap = self.right - line.right
        return (
            left_gap >= CENTRED_MIN_INDENT * self.width
            and abs(left_gap - right_gap) <= CENTRED_BALANCE * self.width
        )


def measure_body_size(lines: Iterable[Line]) -> float:
    """The size most characters are set in: the body text's."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0]


def heading_styles(pages: Sequence[list[Line]], layout: Layout) -> dict[int, Style]:
    """Style of every heading line, keyed by `id(line)`; body lines are absent."""
    ordered = [line for page in pages for line in page]
    styles = {id(line): style for line in ordered if (style := _candidate_style(line, layout)) is not None}
    _demote_long_runs(ordered, styles, layout)
    return styles


def heading_levels(styles: dict[int, Style]) -> dict[Style, int]:
    """1 for the most prominent style in the document, 2 for the next, ... (at most 6)."""
    ranked = sorted(set(styles.values()), key=lambda style: style.prominence)
    return {style: min(rank, 6) for rank, style in enumerate(ranked, start=1)}


def _candidate_style(line: Line, layout: Layout) -> Style | None:
    if layout.is_small(line):
        return None
    larger = line.size >= layout.body_size + LARGER_BY_PT
    emphasised = line.font != layout.body_font and (line.bold or line.italic)
    if larger or emphasised or layout.is_centred(line):
        return Style(round(line.size * 2) / 2, line.bold, line.italic)
    return None


def _demote_long_runs(ordered: list[Line], styles: dict[int, Style], layout: Layout) -> None:
    runs = [(style, list(group)) for style, group in groupby(ordered, key=lambda line: styles.get(id(line)))]
    for style, run in runs:
        if (
            style is not None
            and len(run) > MAX_HEADING_LINES
            and style.size < layout.body_size + LARGER_BY_PT
        ):
            for line in run:
                del styles[id(line)]


def _leading(pages: Sequence[list[Line]], body_size: float) -> float:
    """Most common baseline distance between consecutive body lines on a page."""
    gaps: Counter[float] = Counter()
    for page in pages:
        body = [line for line in page if abs(line.size - body_size) < 0.1]
        for upper, lower in pairwise(body):
            gap = round(upper.y - lower.y, 1)
            if 0.8 * body_size < gap < 2.5 * body_size:
                gaps[gap] += 1
    return gaps.most_common(1)[0][0] if gaps else 1.2 * body_size
