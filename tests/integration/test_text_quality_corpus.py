"""No false alarms: every page of the real PDFs (and of the guidance look-alikes) reads as clean
text, with the margin `advisor.ingest.loaders.text_quality` documents for its thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from advisor.ingest.loaders import load_document
from advisor.ingest.loaders.pdf_lines import FontWidths, extract_page_lines
from advisor.ingest.loaders.pdf_quality import check_pages, text_quality_of
from advisor.ingest.loaders.text_quality import GARBLED_BELOW, MISSING_LETTER_WORDS

pytestmark = pytest.mark.integration

GUIDANCE = Path(__file__).resolve().parents[1] / "data" / "guidance"
GARBLED_FIXTURE = "garbled-issue-paper.pdf"
#: The docstring's margins, kept with a little room: real pages score at least this much above
#: the threshold and have at most this many missing-letter words.
SCORE_MARGIN = 0.2
MAX_MISSING_LETTER_WORDS = MISSING_LETTER_WORDS - 2


def clean_pdfs(shared_dir: Path) -> list[Path]:
    look_alikes = [path for path in GUIDANCE.glob("*.pdf") if path.name != GARBLED_FIXTURE]
    return sorted((shared_dir / "corpus").glob("*.pdf")) + sorted(look_alikes)


def test_no_page_of_a_real_pdf_is_called_garbled(shared_dir: Path) -> None:
    flagged = {}
    for path in clean_pdfs(shared_dir):
        quality = text_quality_of(load_document(path).metadata)
        assert quality is not None
        if quality.garbled_pages:
            flagged[path.name] = quality.garbled_pages
    assert flagged == {}


def test_every_real_page_clears_the_thresholds_with_the_documented_margin(shared_dir: Path) -> None:
    for path in clean_pdfs(shared_dir):
        widths = FontWidths()
        reader = PdfReader(path)
        pages = [
            extract_page_lines(page, number, widths) for number, page in enumerate(reader.pages, start=1)
        ]
        for page in check_pages(pages, path, ocr=None).quality:
            if page.letters:
                assert page.score >= GARBLED_BELOW + SCORE_MARGIN, (path.name, page)
            assert len(page.missing_letter_words) <= MAX_MISSING_LETTER_WORDS, (path.name, page)
