"""The garbled issue paper is what its builder makes, and its text layer is broken where the
ground truth says (read with pypdf alone, so the loader's check is not testing itself)."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader

from tests.data.guidance import garbled_build

TRUTH = json.loads(garbled_build.TRUTH_PATH.read_text(encoding="utf-8"))


def test_a_fresh_build_equals_the_committed_pdf_and_truth() -> None:
    assert garbled_build.build() == garbled_build.PDF_PATH.read_bytes()
    assert garbled_build.truth() == TRUTH


def test_pypdf_reads_the_true_words_only_on_the_clean_pages() -> None:
    pages = [page.extract_text() for page in PdfReader(Path(garbled_build.PDF_PATH)).pages]
    assert len(pages) == TRUTH["pages"]
    for number in TRUTH["clean_pages"]:
        assert "benefit" in pages[number - 1]
    for number in TRUTH["garbled_pages"]:
        first_sentence = TRUTH["page_text"][str(number)].split("\n\n")[1].split(".")[0]
        assert first_sentence not in " ".join(pages[number - 1].split())
