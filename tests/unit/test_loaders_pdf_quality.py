"""Garbled PDF pages never reach the text: read by OCR when tesseract is installed, else left out."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.ingest.loaders import LoadedDocument, default_registry, load_document
from advisor.ingest.loaders.pdf_quality import text_quality_of

GUIDANCE = Path(__file__).resolve().parents[1] / "data" / "guidance"
PDF = GUIDANCE / "garbled-issue-paper.pdf"
TRUTH = json.loads((GUIDANCE / "garbled-issue-paper.truth.json").read_text(encoding="utf-8"))
GARBLED = TRUTH["garbled_pages"]


def load(ocr: str) -> LoadedDocument:
    return load_document(PDF, registry=default_registry(Settings(ocr=ocr)))


def page_texts(doc: LoadedDocument) -> list[str]:
    ends = [*doc.page_offsets[1:], len(doc.text)]
    return [doc.text[start:end] for start, end in zip(doc.page_offsets, ends, strict=True)]


@pytest.fixture(scope="module")
def without_ocr() -> LoadedDocument:
    return load("off")


@pytest.fixture(scope="module")
def with_ocr() -> LoadedDocument:
    """The fixture read with OCR; skips without tesseract, unless CI requires it
    (`ADVISOR_REQUIRE_OCR`, set by .ci/run, where scripts/setup installs it)."""
    if shutil.which("tesseract") is None:
        missing = "tesseract is not on PATH (Debian: apt-get install tesseract-ocr tesseract-ocr-eng)"
        if os.environ.get("ADVISOR_REQUIRE_OCR"):
            pytest.fail(f"{missing}, but ADVISOR_REQUIRE_OCR is set")
        pytest.skip(missing)
    return load("auto")


def test_without_ocr_garbled_pages_give_no_text_and_keep_their_place(without_ocr: LoadedDocument) -> None:
    texts = page_texts(without_ocr)
    assert without_ocr.page_count == TRUTH["pages"]
    assert [number for number, text in enumerate(texts, start=1) if not text.strip()] == GARBLED
    assert "\ue000" not in without_ocr.text and "beneit" not in without_ocr.text.replace("benefit", "")
    assert "Conclusions" in texts[5]


def test_without_ocr_the_garbled_pages_are_listed(without_ocr: LoadedDocument) -> None:
    quality = text_quality_of(without_ocr.metadata)
    assert quality is not None
    assert list(quality.garbled_pages) == GARBLED
    assert quality.ocr_pages == ()
    assert quality.pages_checked == TRUTH["pages"]
    assert 0 < quality.score < 1


def test_without_ocr_no_block_holds_text_of_a_garbled_page(without_ocr: LoadedDocument) -> None:
    assert all(without_ocr.page_at(block.start) not in GARBLED for block in without_ocr.blocks)


def test_without_settings_the_loader_does_no_ocr() -> None:
    assert text_quality_of(load_document(PDF).metadata).ocr_pages == ()


def test_with_ocr_the_garbled_pages_are_read_from_their_picture(with_ocr: LoadedDocument) -> None:
    texts = page_texts(with_ocr)
    for number in GARBLED:
        truth_words = TRUTH["page_text"][str(number)].split()
        read = texts[number - 1].split()
        assert len(set(truth_words) & set(read)) >= 0.9 * len(set(truth_words)), number
    assert "humanitarian reasons, or because they are family members" in texts[3]
    assert "the financial benefit was identified" in texts[4]


def test_with_ocr_the_pages_read_by_ocr_are_recorded(with_ocr: LoadedDocument) -> None:
    quality = text_quality_of(with_ocr.metadata)
    assert list(quality.garbled_pages) == GARBLED
    assert list(quality.ocr_pages) == GARBLED


def test_with_ocr_headings_on_ocr_pages_stay_headings(with_ocr: LoadedDocument) -> None:
    headings = [block.text for block in with_ocr.blocks if block.heading_level is not None]
    assert "Part three: humanitarian assistance" in headings
