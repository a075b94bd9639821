"""Which pages of a PDF can be quoted: garbled text layers are read by OCR or left out.

A garbled page's text must never reach a chunk, so it is replaced before furniture removal and
paragraph building: by the lines OCR reads from the rendered page when a reader is available
and its text is not garbled too, else by nothing. The page itself stays (empty), so the page
numbers of the others do not move. What was found is kept in the document's metadata, where
the catalog, `advisor documents` and GET /documents read it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from advisor.ingest.loaders.pdf_lines import Line
from advisor.ingest.loaders.text_quality import (
    MIN_LETTERS,
    PageQuality,
    assess_pages,
    document_score,
    page_ranges,
    parse_page_ranges,
)
from advisor.models import TextQuality

logger = logging.getLogger(__name__)

#: An OCR line this close to the text layer's body size (as a share of it) is body text:
#: OCR measures sizes from pixels, and a body line read at 10.5 pt must not look like a
#: footnote beside the 11 pt lines of the other pages, while a 14 pt heading, read as 12.3 pt
#: (12% larger), must stay larger (tests/data/guidance/garbled-issue-paper.pdf).
_BODY_SIZE_TOLERANCE = 0.08
#: Metadata keys (`LoadedText.metadata`) that say what the check found.
SCORE_KEY = "text_quality"
PAGES_CHECKED_KEY = "pages_checked"
GARBLED_KEY = "garbled_pages"
OCR_KEY = "ocr_pages"


class PageReader(Protocol):
    """Reads a page from its picture (`advisor.ingest.loaders.ocr.TesseractReader`)."""

    def read_page(self, path: Path, page_number: int) -> list[Line]: ...


@dataclass(frozen=True)
class CheckedPages:
    """A document's pages with garbled text replaced, and what the check found."""

    pages: list[list[Line]]
    #: The text layer's quality, page by page.
    quality: list[PageQuality]
    ocr_pages: tuple[int, ...]

    @property
    def garbled_pages(self) -> tuple[int, ...]:
        return tuple(page.page for page in self.quality if page.garbled)

    @property
    def left_out(self) -> tuple[int, ...]:
        return tuple(page for page in self.garbled_pages if page not in self.ocr_pages)

    def metadata(self) -> dict[str, str]:
        """The findings as `LoadedText.metadata` strings; page lists as ranges ("3-5, 9")."""
        return {
            SCORE_KEY: f"{document_score(self.quality):.3f}",
            PAGES_CHECKED_KEY: str(sum(1 for page in self.quality if page.letters >= MIN_LETTERS)),
            GARBLED_KEY: page_ranges(self.garbled_pages),
            OCR_KEY: page_ranges(self.ocr_pages),
        }


def check_pages(pages: Sequence[list[Line]], path: Path, ocr: PageReader | None) -> CheckedPages:
    """`pages` with each garbled page read by `ocr` (when given and it reads clean text) or
    emptied; the OCR text is judged against the whole document, as the text layer was."""
    quality = assess_pages([_page_text(lines) for lines in pages])
    garbled = [page.page for page in quality if page.garbled]
    checked = list(pages)
    for number in garbled:
        checked[number - 1] = []
    if garbled and ocr is not None:
        body_size = _body_size(checked)
        for number in garbled:
            checked[number - 1] = _as_body(ocr.read_page(path, number), body_size)
        recheck = assess_pages([_page_text(lines) for lines in checked])
        for number in garbled:
            if recheck[number - 1].garbled:
                checked[number - 1] = []
    recovered = tuple(number for number in garbled if checked[number - 1])
    result = CheckedPages(checked, quality, recovered)
    if garbled:
        logger.info(
            "%s: garbled text layer on page(s) %s; read by OCR: %s; left out: %s",
            path,
            page_ranges(garbled),
            page_ranges(result.ocr_pages) or "none",
            page_ranges(result.left_out) or "none",
        )
    return result


def text_quality_of(metadata: dict[str, str]) -> TextQuality | None:
    """What `CheckedPages.metadata` recorded; None for a document that was not checked."""
    if SCORE_KEY not in metadata:
        return None
    return TextQuality(
        pages_checked=int(metadata[PAGES_CHECKED_KEY]),
        garbled_pages=tuple(parse_page_ranges(metadata[GARBLED_KEY])),
        ocr_pages=tuple(parse_page_ranges(metadata[OCR_KEY])),
        score=float(metadata[SCORE_KEY]),
    )


def _page_text(lines: list[Line]) -> str:
    return "\n".join(line.text for line in lines)


def _body_size(pages: Sequence[list[Line]]) -> float | None:
    """The most common size of the text layer's kept lines, by characters (None if none)."""
    sizes: Counter[float] = Counter()
    for line in (line for page in pages for line in page):
        sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else None


def _as_body(lines: list[Line], body_size: float | None) -> list[Line]:
    if body_size is None:
        return lines
    near = _BODY_SIZE_TOLERANCE * body_size
    return [replace(line, size=body_size) if abs(line.size - body_size) <= near else line for line in lines]
