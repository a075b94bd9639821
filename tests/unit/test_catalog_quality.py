"""A catalog written before text quality was recorded still opens; its documents' quality is unknown."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from advisor.index.catalog import Catalog

#: The documents table as the first catalogs have it (no quality column).
OLD_SCHEMA = """
CREATE TABLE documents (
    doc_id TEXT PRIMARY KEY, title TEXT NOT NULL, short_title TEXT NOT NULL, kind TEXT NOT NULL,
    year INTEGER, authority TEXT NOT NULL, url TEXT NOT NULL, source_path TEXT NOT NULL,
    file_sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, page_offsets TEXT NOT NULL,
    text TEXT NOT NULL, segments TEXT NOT NULL, chunk_count INTEGER NOT NULL, ingested_at TEXT NOT NULL
);
INSERT INTO documents VALUES ('old-treaty', 'Old Treaty', '', 'treaty', 2000, '', '', '/x.pdf',
    'sha', 'fp', '[0, 10]', 'text', '[]', 1, '2024-01-01T00:00:00+00:00');
"""


def test_an_old_catalog_opens_and_reads_quality_as_unknown(tmp_path: Path) -> None:
    path = tmp_path / "catalog.sqlite"
    with sqlite3.connect(path) as db:
        db.executescript(OLD_SCHEMA)
    (record,) = Catalog.open_existing(path).documents()
    assert record.doc_id == "old-treaty"
    assert record.page_count == 2
    assert record.quality is None
    assert record.model_dump()["quality"] is None
