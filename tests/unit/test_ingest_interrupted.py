"""An ingest killed with SIGKILL leaves each document fully old or fully new; a re-run completes it.

Every ingest here is a real `python -m advisor ingest` process (it must be killable), so each
loads torch: `slow`.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.store import open_store

pytestmark = pytest.mark.slow

DOCUMENTS = 16
WORDS = ["harbour", "pilot", "lighthouse", "vessel", "cargo", "anchor", "buoy", "quay", "tide", "crew"]


def _write_corpus(folder: Path, edition: str) -> None:
    """Distinct synthetic treaties, so every document has its own chunks and vectors."""
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(DOCUMENTS):
        lines = [f"# Treaty {d} on {WORDS[d % 10]}s ({edition} edition)"]
        for a in range(1, 9):
            lines.append(f"#### Article {a}. Duties on {WORDS[(d + a) % 10]}s")
            for p in range(1, 4):
                lines.append(
                    f"{p}. In the {edition} edition, each State Party to treaty {d} shall regulate "
                    f"{WORDS[(d + a + p) % 10]}s under article {a}, paragraph {p}, and report on it."
                )
        (folder / f"treaty-{d:02d}.md").write_text("\n\n".join(lines))


def _ingest_command(folder: Path, index: Path) -> list[str]:
    return [sys.executable, "-m", "advisor", "ingest", str(folder), "--index", str(index)]


def _committed(index: Path, edition: str) -> int:
    """Documents whose `edition` version is committed in the catalog."""
    catalog = index / "catalog.sqlite"
    if not catalog.exists():
        return 0
    try:
        with sqlite3.connect(catalog, timeout=1) as db:
            query = "SELECT COUNT(*) FROM documents WHERE text LIKE ?"
            return db.execute(query, (f"%{edition} edition%",)).fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # schema not created yet


def _run_and_kill(folder: Path, index: Path, edition: str, after_documents: int) -> None:
    """Start an ingest, SIGKILL it once `after_documents` documents of `edition` are committed."""
    process = subprocess.Popen(
        _ingest_command(folder, index), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while _committed(index, edition) < after_documents:
        assert process.poll() is None, "ingest finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _complete(folder: Path, index: Path) -> None:
    subprocess.run(_ingest_command(folder, index), check=True, capture_output=True)


def _state(index: Path) -> tuple[int, set[str], set[str]]:
    settings = Settings(index_dir=index)
    catalog = Catalog(settings.catalog_path)
    return len(catalog.documents()), catalog.chunk_ids(), open_store(settings).ids()


@pytest.fixture(scope="module")
def clean_ingest(tmp_path_factory) -> tuple[Path, set[str]]:
    folder = tmp_path_factory.mktemp("clean") / "docs"
    _write_corpus(folder, "second")
    index = folder.parent / "index"
    _complete(folder, index)
    documents, chunk_ids, vector_ids = _state(index)
    assert documents == DOCUMENTS and chunk_ids == vector_ids
    return folder, chunk_ids


def test_killed_first_ingest_rerun_matches_a_clean_ingest(tmp_path, clean_ingest):
    folder, index = tmp_path / "docs", tmp_path / "index"
    _write_corpus(folder, "second")
    _run_and_kill(folder, index, "second", after_documents=2)
    documents, chunk_ids, _ = _state(index)
    assert 2 <= documents < DOCUMENTS
    _complete(folder, index)
    documents, chunk_ids, vector_ids = _state(index)
    assert documents == DOCUMENTS
    assert chunk_ids == vector_ids == clean_ingest[1]


def test_killed_update_leaves_each_document_fully_old_or_fully_new(tmp_path, clean_ingest):
    folder, index = tmp_path / "docs", tmp_path / "index"
    _write_corpus(folder, "first")
    _complete(folder, index)
    _write_corpus(folder, "second")
    _run_and_kill(folder, index, "second", after_documents=2)
    catalog = Catalog(Settings(index_dir=index).catalog_path)
    assert 2 <= _committed(index, "second") < DOCUMENTS
    assert len(catalog.documents()) == DOCUMENTS
    for record in catalog.documents():
        editions = {("first" in c.text, "second" in c.text) for c in catalog.chunks(record.doc_id)}
        assert editions in ({(True, False)}, {(False, True)}), record.doc_id
    _complete(folder, index)
    documents, chunk_ids, vector_ids = _state(index)
    assert documents == DOCUMENTS and chunk_ids == vector_ids == clean_ingest[1]
