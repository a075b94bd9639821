"""Ingest: files → cleaned text → chunks → embeddings in the store, recorded in the catalog.

Safe to interrupt at any point (even SIGKILL). For each document, vectors are written first,
then the catalog swaps the document's version in one transaction, then the previous version's
vectors are deleted. Until the swap, readers see the old version; after it, the new one. Vectors
that the catalog does not list (left by an interrupted run) are deleted at the start of the next.

Unchanged files (same bytes, same pipeline fingerprint) are not even opened, and chunks whose id
already has a vector are never embedded again: chunk ids are derived from their content. Each
file is embedded and committed as soon as it is read and chunked (`advisor.ingest.reading`),
so memory holds one document at a time, not the whole corpus.

When the multilingual embedder is on (`Settings.multilingual`), every catalogued chunk also gets
its vector in the second collection, after the catalog swap and at every run, so a run killed
before it finished is completed by the next.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Protocol

from advisor.config import Settings
from advisor.corpus.sources import Skipped, Source, collect_sources
from advisor.errors import DocumentError
from advisor.index.catalog import Catalog
from advisor.index.embeddings import Embedder
from advisor.index.multilingual import MultilingualEmbedder
from advisor.index.store import DocFields, VectorStore, open_store
from advisor.ingest.chunking import CHUNKER_VERSION
from advisor.ingest.loaders import default_registry
from advisor.ingest.loaders.base import LoadedDocument
from advisor.ingest.loaders.ocr import ocr_reader
from advisor.ingest.loaders.pdf_quality import GARBLED_KEY, OCR_KEY
from advisor.ingest.loaders.text_quality import page_ranges, parse_page_ranges
from advisor.ingest.reading import Read, prepare, read_ahead
from advisor.models import Chunk, DocumentRecord

log = logging.getLogger(__name__)

#: Bump when loaders change the text they produce: every document is then re-read.
#: 2: garbled PDF pages are read by OCR or left out, and each document's text quality recorded.
PIPELINE_VERSION = "2"


class IngestProgress(Protocol):
    """What a caller (the CLI's progress bars) hears about a running ingest."""

    def reading(self, total: int) -> None: ...
    def read(self, path: Path) -> None: ...
    def embedding(self, total: int, what: str = "embedding") -> None: ...
    def queued(self, count: int) -> None: ...
    def embedded(self, count: int) -> None: ...


@dataclass(frozen=True)
class GarbledPages:
    """Pages of one document whose text layer was garbled (page ranges, e.g. "3-5")."""

    doc_id: str
    path: Path
    pages: str
    read_by_ocr: str
    left_out: str

    def describe(self) -> str:
        fates = []
        if self.read_by_ocr:
            fates.append(f"read by OCR: {self.read_by_ocr}")
        if self.left_out:
            fates.append(f"left out of the text: {self.left_out}")
        where = f"{self.doc_id} ({self.path.name})"
        return f"{where}: garbled text layer on page(s) {self.pages}; {'; '.join(fates)}"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[Skipped] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Documents indexed with a garbled text layer on some pages: what became of those pages.
    garbled: list[GarbledPages] = field(default_factory=list)
    chunks_written: int = 0
    embeddings_computed: int = 0
    multilingual_embeddings_computed: int = 0
    orphans_removed: int = 0
    seconds: float = 0.0
    #: Time inside each embedder, for its rate (chunks/s) in one run.
    embed_seconds: float = 0.0
    multilingual_seconds: float = 0.0

    def rates(self) -> dict[str, float]:
        """Chunks embedded per second by each embedder that embedded any in this run."""
        timed = {
            "english": (self.embeddings_computed, self.embed_seconds),
            "multilingual": (self.multilingual_embeddings_computed, self.multilingual_seconds),
        }
        return {name: count / seconds for name, (count, seconds) in timed.items() if count and seconds}


def fingerprint(settings: Settings) -> str:
    """What, besides the file's bytes, decides a document's chunks and vectors: OCR too, since
    it puts back the text of garbled pages (installing tesseract re-reads the documents)."""
    ocr = ocr_reader(settings)
    parts = (f"pipeline-{PIPELINE_VERSION}", f"chunker-{CHUNKER_VERSION}", settings.embed_space)
    return "|".join((*parts, str(settings.chunk_max_tokens), ocr.name if ocr else "no-ocr"))


def ingest(
    paths: list[Path],
    settings: Settings,
    *,
    prune: bool = False,
    progress: IngestProgress | None = None,
    embedder: Embedder | None = None,
    before_models: Callable[[], None] | None = None,
) -> IngestReport:
    """Bring the index in line with `paths`; one bad file is reported, the rest go on.

    `before_models` runs once, just before the first model is loaded (an entry point's
    process set-up, which imports torch): a re-run over unchanged files loads no model."""
    started = time.perf_counter()
    report = IngestReport()
    sources, report.skipped = collect_sources(paths)
    catalog = Catalog.create(settings.catalog_path)
    store = open_store(settings)
    report.orphans_removed = remove_orphans(catalog, store)
    stale = _stale_sources(sources, catalog, fingerprint(settings), report)
    if stale:
        if embedder is None and before_models:
            before_models()
        embedder = embedder or Embedder(settings)
        if progress:
            progress.reading(len(stale))
        read = partial(
            prepare,
            count_tokens=embedder.count_tokens,
            max_tokens=settings.chunk_max_tokens,
            registry=default_registry(settings),
        )
        _store_all(
            read_ahead(stale, read, settings.ingest_read_ahead),
            catalog,
            store,
            embedder,
            settings,
            report,
            progress,
        )
    if prune:
        report.pruned = prune_missing(catalog, store)
    if settings.multilingual is not None:
        multilingual_started = time.perf_counter()
        report.multilingual_embeddings_computed = sync_multilingual(
            catalog, settings.multilingual, progress, before_models if not stale else None
        )
        report.multilingual_seconds = time.perf_counter() - multilingual_started
    report.seconds = time.perf_counter() - started
    return report


def sync_multilingual(
    catalog: Catalog,
    settings: Settings,
    progress: IngestProgress | None = None,
    before_models: Callable[[], None] | None = None,
) -> int:
    """Give every catalogued chunk its vector in the multilingual collection (`settings` are
    that collection's) and drop the vectors no chunk owns; the number of vectors computed."""
    store = open_store(settings)
    remove_orphans(catalog, store)
    present = store.ids()
    missing: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in catalog.chunks():
        if chunk.id not in present:
            missing[chunk.doc_id].append(chunk)
    total = sum(len(chunks) for chunks in missing.values())
    if not total:
        return 0
    if before_models:
        before_models()
    embedder = MultilingualEmbedder(settings)
    if progress:
        progress.embedding(total, "multilingual")
    records = {record.doc_id: record for record in catalog.documents()}
    for doc_id, chunks in missing.items():
        on_batch = progress.embedded if progress else None
        computed = embedder.embed_passages([c.embed_text for c in chunks], on_batch=on_batch)
        store.upsert(
            chunks, dict(zip((c.id for c in chunks), computed, strict=True)), _record_fields(records[doc_id])
        )
    return total


def remove_orphans(catalog: Catalog, store: VectorStore) -> int:
    """Delete vectors no catalogued chunk owns (left by an interrupted ingest)."""
    orphans = store.ids() - catalog.chunk_ids()
    if orphans:
        log.info("removing %d vectors left by an interrupted ingest", len(orphans))
        store.delete(orphans)
    return len(orphans)


def remove_document(doc_id: str, catalog: Catalog, store: VectorStore) -> None:
    """Forget a document: catalog first (atomic), then its vectors."""
    ids = [chunk.id for chunk in catalog.chunks(doc_id)]
    catalog.delete_document(doc_id)
    store.delete(ids)


def prune_missing(catalog: Catalog, store: VectorStore) -> list[str]:
    """Drop documents whose source file no longer exists."""
    gone = [r.doc_id for r in catalog.documents() if not Path(r.source_path).exists()]
    for doc_id in gone:
        remove_document(doc_id, catalog, store)
    return gone


def _stale_sources(
    sources: list[Source], catalog: Catalog, current: str, report: IngestReport
) -> list[Source]:
    stale = []
    for source in sources:
        record = catalog.document(source.doc_id)
        unchanged = (
            record is not None
            and record.fingerprint == current
            and record.source_path == str(source.path)
            and record.file_sha256 == _sha256(source.path)
        )
        if unchanged:
            report.unchanged.append(source.doc_id)
        else:
            stale.append(source)
    return stale


def _store_all(
    items: Iterable[Read],
    catalog: Catalog,
    store: VectorStore,
    embedder: Embedder,
    settings: Settings,
    report: IngestReport,
    progress: IngestProgress | None,
) -> None:
    """Embed and commit each document as the reader hands it over, one transaction each."""
    present = store.ids()
    if progress:
        progress.embedding(0)
    for source, item in items:
        if progress:
            progress.read(source.path)
        if isinstance(item, DocumentError):
            log.warning("%s", item)
            report.failed.append(Skipped(source.path, str(item)))
            continue
        if garbled := _garbled_pages(item.doc):
            log.warning("%s", garbled.describe())
            report.garbled.append(garbled)
        missing = {c.id for c in item.chunks if c.id not in present}
        if progress:
            progress.queued(len(missing))
        previous = {c.id for c in catalog.chunks(item.doc.doc_id)}
        embedding_started = time.perf_counter()
        vectors = _vectors_for(item.chunks, missing, store, embedder, progress)
        report.embed_seconds += time.perf_counter() - embedding_started
        store.upsert(item.chunks, vectors, _doc_fields(item.doc))
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        catalog.replace_document(item.doc, item.segments, item.chunks, fingerprint(settings), stamp)
        store.delete(previous - {c.id for c in item.chunks})
        present |= missing
        (report.updated if previous else report.added).append(item.doc.doc_id)
        report.chunks_written += len(item.chunks)
        report.embeddings_computed += len(missing)


def _vectors_for(
    chunks: list[Chunk],
    missing: set[str],
    store: VectorStore,
    embedder: Embedder,
    progress: IngestProgress | None,
) -> dict[str, list[float]]:
    """Reuse stored vectors; embed only chunks the store has never seen."""
    new = [c for c in chunks if c.id in missing]
    on_batch = progress.embedded if progress else None
    computed = embedder.embed_passages([c.embed_text for c in new], on_batch=on_batch)
    vectors = dict(zip((c.id for c in new), computed, strict=True))
    vectors.update(store.embeddings([c.id for c in chunks if c.id not in missing]))
    return vectors


def _garbled_pages(doc: LoadedDocument) -> GarbledPages | None:
    pages = doc.metadata.get(GARBLED_KEY, "")
    if not pages:
        return None
    ocr = doc.metadata.get(OCR_KEY, "")
    left_out = sorted(set(parse_page_ranges(pages)) - set(parse_page_ranges(ocr)))
    return GarbledPages(doc.doc_id, doc.source_path, pages, ocr, page_ranges(left_out))


def _doc_fields(doc: LoadedDocument) -> DocFields:
    return {
        "title": doc.title,
        "short_title": doc.short_title,
        "kind": doc.kind,
        "source_file": doc.source_path.name,
    }


def _record_fields(record: DocumentRecord) -> DocFields:
    return {
        "title": record.title,
        "short_title": record.short_title,
        "kind": record.kind,
        "source_file": Path(record.source_path).name,
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
