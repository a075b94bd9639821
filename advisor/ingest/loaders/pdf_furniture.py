"""Running headers, footers and page numbers: the page's furniture, not the document's words.

A line is furniture when three things hold:
- it is among the few lines nearest the top (or bottom) edge of its page;
- it recurs in that zone on several pages once digits are masked ("Page 3 of 10" and
  "Page 4 of 10" are the same line), or it is a bare page number, or it shares its baseline
  with such a line (a chapter title printed beside the document title);
- it lies outside the text block, i.e. above the highest (or below the lowest) line where text
  starts or ends on most pages.
The last test protects real headings: "Article 12" may open many pages, but it opens them at
the top of the text block, not above it. A heading set larger than the body text is never
furniture either (running headers are set at or below the body size): when every page opens
with one ("A. Learning objectives" at the top of each module), the text block's measured top
lies below it and the last test alone would take it for a header. Nor is a footnote whose
number is raised as a reference mark in the page's text: notes that recur with only their
numbers changed ("3 See the travaux, note 7.") sit below the text block like a footer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from advisor.ingest.loaders.pdf_layout import LARGER_BY_PT, measure_body_size
from advisor.ingest.loaders.pdf_lines import Line

#: How many lines from each edge of a page can be furniture (header lines, page number).
ZONE_LINES = 3
#: Pages a line must recur on to count as a running header or footer.
MIN_RECURRENCE = 2
#: Share of pages whose text block reaches at least as far as the bound used (robust to a
#: cover page or a figure that is placed higher than the normal text block).
TEXT_BLOCK_QUANTILE = 0.9
_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_NOTE_START = re.compile(r"^(\d{1,3}|[*†‡])\s")


def remove_furniture(pages: Sequence[list[Line]]) -> list[list[Line]]:
    """The same pages without running headers, footers and page numbers."""
    lines = [line for page in pages for line in page]
    if not lines:
        return [list(page) for page in pages]
    candidates = _Candidates(
        _recurring_signatures(pages), measure_body_size(lines) + LARGER_BY_PT, _referenced_notes(pages)
    )
    top, bottom = _text_block_bounds(pages, candidates)
    kept: list[list[Line]] = []
    for lines in pages:
        ordered = sorted(lines, key=lambda line: -line.y)
        near_top = lambda ln: ln.y > top + ln.size / 2  # noqa: E731
        near_bottom = lambda ln: ln.y < bottom - ln.size / 2  # noqa: E731
        furniture = _edge_furniture(ordered, "top", candidates, near_top)
        furniture |= _edge_furniture(ordered[::-1], "bottom", candidates, near_bottom)
        kept.append([line for line in lines if id(line) not in furniture])
    return kept


def signature(text: str) -> str:
    """A line's identity across pages: lower-cased, digits masked."""
    return _DIGITS.sub("#", text.lower())


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def _zones(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    ordered = sorted(lines, key=lambda line: -line.y)
    return ordered[:ZONE_LINES], ordered[-ZONE_LINES:]


def _recurring_signatures(pages: Sequence[list[Line]]) -> set[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for lines in pages:
        top, bottom = _zones(lines)
        keys = {("top", signature(line.text)) for line in top}
        keys |= {("bottom", signature(line.text)) for line in bottom}
        counts.update(keys)
    return {key for key, count in counts.items() if count >= MIN_RECURRENCE}


@dataclass(frozen=True)
class _Candidates:
    """What can be furniture: lines recurring in an edge zone, or page numbers, set smaller
    than `heading_size` and not footnotes (`notes` holds their ids)."""

    recurring: set[tuple[str, str]]
    heading_size: float
    notes: set[int]

    def holds(self, line: Line, zone: str) -> bool:
        if line.size >= self.heading_size or id(line) in self.notes:
            return False
        return (zone, signature(line.text)) in self.recurring or is_page_number(line.text)


def _referenced_notes(pages: Sequence[list[Line]]) -> set[int]:
    """ids of lines opening with a number that the same page raises as a reference mark."""
    notes: set[int] = set()
    for lines in pages:
        marks = {mark for line in lines for mark in line.references}
        notes |= {id(line) for line in lines if (m := _NOTE_START.match(line.text)) and m.group(1) in marks}
    return notes


def _text_block_bounds(pages: Sequence[list[Line]], candidates: _Candidates) -> tuple[float, float]:
    """Highest and lowest baselines of ordinary text (lines that cannot be furniture)."""
    tops: list[float] = []
    bottoms: list[float] = []
    for lines in pages:
        top_zone, bottom_zone = _zones(lines)
        ordinary = [
            line
            for line in lines
            if not (line in top_zone and candidates.holds(line, "top"))
            and not (line in bottom_zone and candidates.holds(line, "bottom"))
        ]
        if ordinary:
            tops.append(max(line.y for line in ordinary))
            bottoms.append(min(line.y for line in ordinary))
    if not tops:  # nothing but furniture-like lines: a scan with stamped page numbers
        return float("-inf"), float("inf")
    return _quantile(tops, TEXT_BLOCK_QUANTILE), -_quantile([-y for y in bottoms], TEXT_BLOCK_QUANTILE)


def _edge_furniture(
    ordered: list[Line],
    zone: str,
    candidates: _Candidates,
    outside_text_block: Callable[[Line], bool],
) -> set[int]:
    """ids of the furniture lines met walking inward from one edge of the page."""
    furniture: set[int] = set()
    previous: Line | None = None
    for line in ordered[:ZONE_LINES]:
        beside_furniture = previous is not None and abs(line.y - previous.y) < 1.0
        if not (candidates.holds(line, zone) or beside_furniture):
            break
        if not outside_text_block(line):
            break
        furniture.add(id(line))
        previous = line
    return furniture


def _quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))]
