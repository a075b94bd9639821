"""`advisor ingest` warns about garbled PDF pages; `advisor documents` and GET /documents show
each document's text quality."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from tests.apiclient import api_client
from tests.cli import Outcome, run_main

GUIDANCE = Path(__file__).resolve().parents[1] / "data" / "guidance"
PDF = GUIDANCE / "garbled-issue-paper.pdf"
FIXTURE_TEXT = Path(__file__).resolve().parents[1] / "data" / "corpus" / "harbour-guide.md"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, Path]:
    """The garbled issue paper and a Markdown guide ingested with OCR off, English only."""
    folder = tmp_path_factory.mktemp("garbled")
    shutil.copy(PDF, folder / PDF.name)
    shutil.copy(FIXTURE_TEXT, folder / FIXTURE_TEXT.name)
    index = folder / "index"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ADVISOR_OCR", "off")
        env.setenv("ADVISOR_MULTILINGUAL_MODEL", "")
        result = run_main("ingest", folder / PDF.name, folder / FIXTURE_TEXT.name, "--index", index)
    return result, index


def test_ingest_warns_with_the_document_and_its_garbled_pages(ingested: tuple[Outcome, Path]) -> None:
    result, _ = ingested
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "garbled" in line]
    assert len(warnings) == 1
    assert "garbled-issue-paper" in warnings[0]
    assert "page(s) 3-5" in warnings[0]
    assert "left out of the text: 3-5" in warnings[0]


def test_documents_json_shows_the_quality_of_a_pdf_and_unknown_for_markdown(
    ingested: tuple[Outcome, Path],
) -> None:
    _, index = ingested
    listed = {r["doc_id"]: r for r in json.loads(run_main("documents", "--index", index, "--json").stdout)}
    quality = listed["garbled-issue-paper"]["quality"]
    assert quality["garbled_pages"] == [3, 4, 5]
    assert quality["ocr_pages"] == []
    assert quality["pages_checked"] == 6
    assert 0 < quality["score"] < 1
    assert listed["harbour-guide"]["quality"] is None


def test_documents_table_shows_the_garbled_pages(ingested: tuple[Outcome, Path]) -> None:
    _, index = ingested
    table = run_main("documents", "--index", index).stdout
    # The table wraps its cells to the terminal's width: look for the words, not the line.
    for words in ("quality", "garbled", "p. 3-5", "(left", "out)"):
        assert words in table


def test_get_documents_shows_the_same_quality(ingested: tuple[Outcome, Path], embedder: Embedder) -> None:
    _, index = ingested
    settings = Settings(index_dir=index, multilingual_model="", ocr="off")
    with api_client(settings, embedder) as client:
        listed = {r["doc_id"]: r for r in client.get("/documents").json()}
    assert listed["garbled-issue-paper"]["quality"]["garbled_pages"] == [3, 4, 5]
    assert listed["harbour-guide"]["quality"] is None
