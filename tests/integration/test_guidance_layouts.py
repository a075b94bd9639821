"""The loader and chunker on the guidance look-alikes: every unit addressable on its page, no
page furniture or stray footnote numbers in the text, boxes and tables kept whole.

The ground truth is written by `tests/data/guidance/build.py` while it lays the PDFs out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor.index.embeddings import Embedder
from advisor.ingest.chunking import chunk_document
from advisor.ingest.loaders import load_document
from advisor.models import Chunk
from tests.data.guidance.build import FIXTURES, truth_name

GUIDANCE = Path(__file__).resolve().parents[1] / "data" / "guidance"
WINDOW = 256
_BARE_NUMBER_LINE = re.compile(r"^\s*\d{1,3}\s*$", re.MULTILINE)
_LEADERS = ". . . ."


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


@pytest.fixture(
    scope="module", params=[module.FILE for module in FIXTURES], ids=lambda f: f.removesuffix(".pdf")
)
def loaded(request: pytest.FixtureRequest, embedder: Embedder) -> tuple[dict, list[Chunk]]:
    truth = json.loads((GUIDANCE / truth_name(request.param)).read_text(encoding="utf-8"))
    doc = load_document(GUIDANCE / request.param)
    return truth, chunk_document(doc, embedder.count_tokens, WINDOW)


def _in_unit(chunks: list[Chunk], unit: str) -> list[Chunk]:
    return [chunk for chunk in chunks if chunk.unit == unit]


def test_every_unit_is_addressable_on_its_page(loaded) -> None:
    truth, chunks = loaded
    misses = []
    for unit in truth["units"]:
        pages = [chunk.page_start for chunk in _in_unit(chunks, unit["unit"])]
        if unit["page"] not in pages[:1]:
            misses.append(f"{unit['unit']} (page {unit['page']}, chunks start on {pages[:1]})")
    assert not misses, f"{len(misses)} of {len(truth['units'])} units: {misses[:8]}"


def test_every_pinpoint_lies_in_its_unit(loaded) -> None:
    truth, chunks = loaded
    for pin in truth["pinpoints"]:
        unit = pin["pinpoint"].split("(")[0]
        assert any(_norm(pin["text"]) in _norm(c.text) for c in _in_unit(chunks, unit)), pin


def test_no_furniture_in_any_chunk(loaded) -> None:
    truth, chunks = loaded
    found = {f for f in truth["furniture"] for c in chunks if _norm(f) in _norm(c.text)}
    assert not found, f"furniture left in chunks: {sorted(found)}"


def test_no_footnote_number_left_in_the_text(loaded) -> None:
    truth, chunks = loaded
    # A contents page is a list of numbers by design; elsewhere a number alone is a reference.
    bare = [c.text[:80] for c in chunks if _BARE_NUMBER_LINE.search(c.text) and _LEADERS not in c.text]
    assert not bare, f"bare number lines in {len(bare)} chunks, e.g. {bare[:2]}"
    for note in truth["footnotes"]:
        stray = _norm(f"{note['anchor']} {note['marker']} ")
        assert not any(stray in _norm(c.text) + " " for c in chunks), (
            f"footnote {note['marker']} left mid-sentence"
        )


def test_footnotes_stay_in_their_unit(loaded) -> None:
    truth, chunks = loaded
    misses = [
        n
        for n in truth["footnotes"]
        if not any(_norm(n["text"]) in _norm(c.text) for c in _in_unit(chunks, n["unit"]))
    ]
    assert not misses, (
        f"{len(misses)} of {len(truth['footnotes'])} footnotes outside their unit, e.g. {misses[:2]}"
    )


def test_boxes_are_whole_or_stay_in_their_unit(loaded) -> None:
    truth, chunks = loaded
    for box in truth["boxes"]:
        fragments = [_norm(f) for f in box["fragments"]]
        whole = any(all(f in _norm(c.text) for f in fragments) for c in chunks)
        in_unit = all(any(f in _norm(c.text) for c in _in_unit(chunks, box["unit"])) for f in fragments)
        assert whole or in_unit, box["title"]


def test_table_rows_travel_with_their_header(loaded) -> None:
    truth, chunks = loaded
    # A chunk's text is a slice of the document: where a long table is cut, the header row
    # travels in the context line, which is embedded with the text. A row is found by all its
    # cells: its first cell alone (a State's name) also occurs in the prose around the table.
    for table in truth["tables"]:
        header = [_norm(cell) for cell in table["header"]]
        for row in table["rows"]:
            holding = [c for c in chunks if all(_norm(cell) in _norm(c.text) for cell in row)]
            assert holding, f"row {row[0]!r} is in no chunk"
            for chunk in holding:
                assert all(h in _norm(chunk.embed_text) for h in header), f"row {row[0]!r} without the header"


def test_a_table_is_one_block_per_row(loaded) -> None:
    truth, chunks = loaded
    for table in truth["tables"]:
        for row in table["rows"]:
            line = _norm(" | ".join(row))
            assert any(line in _norm(c.text) for c in chunks), f"row {row[0]!r} not read as one row"


def test_a_table_that_fits_a_chunk_stays_whole(loaded) -> None:
    truth, chunks = loaded
    for table in truth["tables"]:
        rows = [_norm(" | ".join(row)) for row in table["rows"]]
        holding = {c.id for c in chunks for row in rows if row in _norm(c.text)}
        fits = sum(len(row.split()) for row in rows) < WINDOW / 2
        assert not fits or len(holding) == 1, f"table {table['header']} cut into {len(holding)} chunks"
