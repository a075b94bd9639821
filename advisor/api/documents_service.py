"""What is indexed, the original files, and adding or removing documents while serving.

An upload is checked in full before the index is touched: type, size, then the loader reads it
(a corrupt PDF fails here, with no lock taken). Only then, holding the write lock, is it moved
into `Settings.uploads_dir` (index/uploads/) and ingested; if ingesting still fails, the
previous file is put back, so a bad upload changes nothing. Uploads cannot take the id of a
document ingested from elsewhere (the official treaties): replacing an instrument is a
deliberate `advisor ingest`, not an upload.
"""

from __future__ import annotations

import logging
import re
import shutil
import time
import uuid
from pathlib import Path
from typing import BinaryIO

from advisor.api.live import LivePipeline
from advisor.api.schemas import DocumentDetail, DocumentInfo, ProvisionSummary, UploadResult
from advisor.config import Settings
from advisor.errors import (
    DocumentConflict,
    DocumentError,
    UnknownDocument,
    UnsupportedUpload,
    UploadTooLarge,
)
from advisor.index.catalog import Catalog
from advisor.index.store import open_store
from advisor.ingest.incremental import ingest, remove_document
from advisor.ingest.loaders import default_registry, load_document
from advisor.models import DocumentRecord
from advisor.pipeline import Advisor

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".pdf", ".md", ".markdown", ".txt")
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".md": "text/markdown; charset=utf-8",
    ".markdown": "text/markdown; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
}
_BLOCK = 1 << 16


def document_infos(advisor: Advisor) -> list[DocumentInfo]:
    return [DocumentInfo.of(record) for record in advisor.documents]


def document_detail(advisor: Advisor, doc_id: str) -> DocumentDetail:
    """A document with its numbered provisions, so a client can offer "open article N"."""
    record = advisor.document(doc_id)
    seen: dict[tuple[str, str], str] = {}
    for segment in advisor.catalog.segments_of(doc_id):
        if segment.article:
            seen.setdefault((segment.annex, segment.article), segment.article_title)
    provisions = [ProvisionSummary(annex=a, article=n, title=t) for (a, n), t in seen.items()]
    return DocumentDetail.of(record, provisions=provisions)


def source_file(advisor: Advisor, doc_id: str) -> tuple[Path, str]:
    """The original file of a document and its media type; 404 when it has gone from disk."""
    record = advisor.document(doc_id)
    path = Path(record.source_path)
    if not path.is_file():
        raise UnknownDocument(f"the original file of {doc_id!r} is no longer on the server")
    return path, MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")


def upload_doc_id(filename: str) -> str:
    """The id an uploaded file gets: its name's stem, lower-case, in URL-safe words."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(filename).stem.lower()).strip("-")[:80]
    if not slug:
        raise DocumentError(
            f"cannot make a document id from the file name {filename!r}: "
            "give it a name with letters or digits"
        )
    return slug


class Uploads:
    """Adds and removes documents in the live index, one write at a time."""

    def __init__(self, live: LivePipeline) -> None:
        self.live = live
        self.settings = live.settings
        self.folder = self.settings.uploads_dir

    def add(self, filename: str, data: BinaryIO) -> UploadResult:
        """Index an uploaded file; every failure leaves the index and the uploads as they were."""
        started = time.perf_counter()
        suffix = Path(filename).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise UnsupportedUpload(
                f"{filename!r}: unsupported file type {suffix or '(none)'}; "
                f"upload one of {', '.join(UPLOAD_SUFFIXES)}"
            )
        doc_id = upload_doc_id(filename)
        staging = self.folder / ".incoming" / uuid.uuid4().hex
        staging.mkdir(parents=True)
        try:
            staged = self._receive(data, staging / f"{doc_id}{suffix}", filename)
            _check_readable(staged, filename, self.settings)
            with self.live.lock.write():
                replaced = self._swap_in(staged, doc_id, filename)
                self.live.load()
                record = self.live.current().document(doc_id)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        log.info("uploaded %s as %s", filename, doc_id)
        return UploadResult(
            document=DocumentInfo.of(record),
            replaced=replaced,
            seconds=round(time.perf_counter() - started, 2),
        )

    def remove(self, doc_id: str) -> None:
        """Forget a document (and delete its file if it was uploaded)."""
        with self.live.lock.write():
            catalog = Catalog.open_existing(self.settings.catalog_path)
            record = catalog.document(doc_id)
            if record is None:
                raise UnknownDocument(f"no document {doc_id!r} in the index")
            remove_document(doc_id, catalog, open_store(self.settings))
            if self._is_upload(record):
                Path(record.source_path).unlink(missing_ok=True)
            self.live.load()
        log.info("removed %s", doc_id)

    def _receive(self, data: BinaryIO, target: Path, filename: str) -> Path:
        limit = int(self.settings.max_upload_mb * 1024 * 1024)
        written = 0
        with target.open("wb") as out:
            while block := data.read(_BLOCK):
                written += len(block)
                if written > limit:
                    raise UploadTooLarge(
                        f"{filename!r} is larger than the {self.settings.max_upload_mb:g} MB upload limit"
                    )
                out.write(block)
        return target

    def _swap_in(self, staged: Path, doc_id: str, filename: str) -> bool:
        """Move the upload into place and ingest it; on failure restore what was there."""
        previous = self._previous_upload(doc_id)
        backup = staged.with_name("previous")
        if previous is not None and previous.is_file():
            shutil.move(previous, backup)
        final = self.folder / staged.name
        shutil.move(staged, final)
        try:
            report = ingest([final], self.settings, embedder=self.live.embedder())
            if report.failed:
                raise DocumentError(report.failed[0].reason.replace(str(final), filename))
        except Exception:  # whatever failed (ours, the store's, the disk's): put things back, re-raise
            final.unlink(missing_ok=True)
            if backup.is_file() and previous is not None:
                shutil.move(backup, previous)
            raise
        return previous is not None

    def _previous_upload(self, doc_id: str) -> Path | None:
        """The file of an earlier upload with this id; `DocumentConflict` for any other source."""
        if not self.settings.catalog_path.is_file():
            return None
        record = Catalog.open_existing(self.settings.catalog_path).document(doc_id)
        if record is None:
            return None
        if not self._is_upload(record):
            raise DocumentConflict(
                f"a document with id {doc_id!r} is already indexed from {Path(record.source_path).name}; "
                "rename the file to upload it alongside"
            )
        return Path(record.source_path)

    def _is_upload(self, record: DocumentRecord) -> bool:
        return Path(record.source_path).resolve().parent == self.folder.resolve()


def _check_readable(path: Path, filename: str, settings: Settings) -> None:
    """Read the file as ingest will; a defect is a `DocumentError` naming the upload, not our path."""
    try:
        load_document(path, registry=default_registry(settings))
    except DocumentError as e:
        raise DocumentError(str(e).replace(str(path), filename)) from e
