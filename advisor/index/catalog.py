"""What is indexed: documents, their cleaned text, structure and chunks (SQLite, in the index dir).

The vector store holds embeddings; the catalog is the record of truth for what each document
*is* at the moment. Replacing a document's catalog rows is one SQLite transaction, so a reader
sees a document either fully old or fully new even if an ingest is killed mid-way; vectors the
catalog does not list are orphans and are deleted by the next ingest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from advisor.errors import IndexNotReady
from advisor.ingest.loaders.base import LoadedDocument
from advisor.ingest.loaders.pdf_quality import text_quality_of
from advisor.ingest.structure import Segment
from advisor.models import Chunk, DocumentRecord, TextQuality

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    short_title TEXT NOT NULL,
    kind TEXT NOT NULL,
    year INTEGER,
    authority TEXT NOT NULL,
    url TEXT NOT NULL,
    source_path TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    page_offsets TEXT NOT NULL,
    text TEXT NOT NULL,
    segments TEXT NOT NULL,
    chunk_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    quality TEXT,
    language TEXT,
    edition_of TEXT
);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id, ordinal);
"""
_RECORD_COLUMNS = (
    "doc_id, title, short_title, kind, year, authority, url, source_path, file_sha256, "
    "fingerprint, page_offsets, chunk_count, ingested_at, quality, language, edition_of"
)
#: Columns added since the first catalogs, with their type: added to an older catalog when it
#: is opened, empty (NULL, "unknown") for the documents it already holds.
_ADDED_COLUMNS = {"quality": "TEXT", "language": "TEXT", "edition_of": "TEXT"}


class Catalog:
    """SQLite catalog at `path`; each call opens its own connection (safe across threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def create(cls, path: Path) -> Catalog:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = cls(path)
        with catalog._connect() as db:
            db.executescript(_SCHEMA)
            present = {row["name"] for row in db.execute("PRAGMA table_info(documents)")}
            for column, kind in _ADDED_COLUMNS.items():
                if column not in present:
                    db.execute(f"ALTER TABLE documents ADD COLUMN {column} {kind}")
        return catalog

    @classmethod
    def open_existing(cls, path: Path) -> Catalog:
        """The catalog for reading; `IndexNotReady` when nothing was ever ingested there."""
        if not path.is_file():
            raise IndexNotReady(
                f"no index at {path.parent}: run `advisor ingest PATH... --index {path.parent}`"
            )
        return cls.create(path)

    def documents(self) -> list[DocumentRecord]:
        with self._connect() as db:
            rows = db.execute(f"SELECT {_RECORD_COLUMNS} FROM documents ORDER BY doc_id").fetchall()
        return [_record(row) for row in rows]

    def document(self, doc_id: str) -> DocumentRecord | None:
        with self._connect() as db:
            row = db.execute(
                f"SELECT {_RECORD_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        return _record(row) if row else None

    def text_of(self, doc_id: str) -> tuple[str, tuple[int, ...]]:
        """Cleaned text and page offsets of a document (KeyError when absent)."""
        with self._connect() as db:
            row = db.execute(
                "SELECT text, page_offsets FROM documents WHERE doc_id = ?", (doc_id,)
            ).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return row[0], tuple(json.loads(row[1]))

    def segments_of(self, doc_id: str) -> list[Segment]:
        with self._connect() as db:
            row = db.execute("SELECT segments FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(doc_id)
        return [Segment(**item) for item in json.loads(row[0])]

    def chunks(self, doc_id: str | None = None) -> list[Chunk]:
        query = "SELECT data FROM chunks"
        args: tuple[str, ...] = ()
        if doc_id is not None:
            query, args = query + " WHERE doc_id = ?", (doc_id,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY doc_id, ordinal", args).fetchall()
        return [_chunk(json.loads(row[0])) for row in rows]

    def chunk_ids(self) -> set[str]:
        with self._connect() as db:
            return {row[0] for row in db.execute("SELECT id FROM chunks")}

    def replace_document(
        self,
        doc: LoadedDocument,
        segments: list[Segment],
        chunks: list[Chunk],
        fingerprint: str,
        ingested_at: str,
    ) -> None:
        """Swap in the new version of a document and its chunks, atomically."""
        with self._connect() as db:
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc.doc_id,))
            quality = text_quality_of(doc.metadata)
            db.execute(
                f"INSERT INTO documents ({_RECORD_COLUMNS}, text, segments) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.doc_id, doc.title, doc.short_title, doc.kind, doc.year, doc.authority,
                    doc.url, str(doc.source_path), doc.sha256, fingerprint,
                    json.dumps(list(doc.page_offsets)), len(chunks), ingested_at,
                    quality.model_dump_json() if quality else None, doc.language, doc.edition_of,
                    doc.text, json.dumps([asdict(s) for s in segments]),
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?)",
                [(c.id, c.doc_id, c.ordinal, json.dumps(asdict(c))) for c in chunks],
            )

    def delete_document(self, doc_id: str) -> None:
        with self._connect() as db:
            db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        db.row_factory = sqlite3.Row  # rows by column name as well as by position
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()


def _record(row: sqlite3.Row) -> DocumentRecord:
    """The record of a `_RECORD_COLUMNS` row: its page offsets are only counted."""
    fields = dict(row)
    fields["page_count"] = len(json.loads(fields.pop("page_offsets")))
    quality = fields.pop("quality")
    fields["language"] = fields["language"] or "en"  # NULL: catalogued before editions were
    fields["edition_of"] = fields["edition_of"] or ""
    return DocumentRecord(**fields, quality=TextQuality.model_validate_json(quality) if quality else None)


def _chunk(data: dict) -> Chunk:
    data["paragraphs"] = tuple(data["paragraphs"])
    return Chunk(**data)
