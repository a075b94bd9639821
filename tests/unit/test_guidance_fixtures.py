"""The committed guidance look-alikes are what the generator builds, and their truth is right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.data.guidance.build import FIXTURES, MANIFEST, build_all, truth_name

COMMITTED = Path(__file__).resolve().parents[1] / "data" / "guidance"
FILES = [module.FILE for module in FIXTURES]


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("guidance")
    build_all(out)
    return out


@pytest.mark.parametrize("name", [*FILES, *map(truth_name, FILES), MANIFEST])
def test_committed_file_matches_a_fresh_build(fresh: Path, name: str) -> None:
    assert (COMMITTED / name).read_bytes() == (fresh / name).read_bytes(), (
        f"rebuild {name}: python -m tests.data.guidance.build tests/data/guidance"
    )


@pytest.mark.parametrize("name", FILES)
def test_every_unit_starts_on_its_stated_page(name: str) -> None:
    truth = json.loads((COMMITTED / truth_name(name)).read_text(encoding="utf-8"))
    pages = [_normalised(page.extract_text()) for page in PdfReader(COMMITTED / name).pages]
    assert truth["pages"] == len(pages)
    for unit in truth["units"] + truth["pinpoints"]:
        wanted = _normalised(unit.get("starts_with") or unit["text"])
        assert wanted in pages[unit["page"] - 1], f"{unit} not on page {unit['page']}"
