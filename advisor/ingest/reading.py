"""Reading and chunking documents ahead of embedding them, in a thread of their own.

A cold ingest used to read and chunk every document, then embed them all, holding every
document's text and chunks in memory at once. Now each document is embedded and committed as
soon as it is read, so memory holds one document (or `Settings.ingest_read_ahead` of them).

With a read-ahead of 1 or more, a thread reads while the embedder computes. Reading a PDF is
pure Python (pypdf) and holds the GIL, but the embedders release it while they compute, so on a
machine with cores to spare the two overlap. On 2 cores they do not: onnxruntime already keeps
both busy, and a third runnable thread slows it more than reading in line costs (full shared
corpus, English only: 30.2 s with a read-ahead of 2 against 28.3 s for the old two-pass ingest,
reading being 2-4 s of it; evals/reports/performance.md). Hence the default of 0: in line.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from advisor.corpus.sources import Source
from advisor.errors import DocumentError
from advisor.ingest.chunking import TokenCounter, chunk_document
from advisor.ingest.loaders import LoaderRegistry, load_document
from advisor.ingest.loaders.base import LoadedDocument
from advisor.ingest.structure import Segment, parse_structure
from advisor.models import Chunk

#: How often a reader blocked on a full queue checks whether the ingest stopped listening.
_PUT_POLL_S = 0.1


@dataclass
class Prepared:
    """A document read and chunked, waiting for its vectors."""

    doc: LoadedDocument
    segments: list[Segment]
    chunks: list[Chunk]


#: What the reader hands over per source: the prepared document, or why it could not be read.
Read = tuple[Source, Prepared | DocumentError]


def prepare(
    source: Source, count_tokens: TokenCounter, max_tokens: int, registry: LoaderRegistry | None = None
) -> Prepared:
    """Read, structure and chunk one source; `DocumentError` for a file that yields nothing."""
    doc = load_document(source.path, source.spec, registry)
    chunks = chunk_document(doc, count_tokens, max_tokens)
    if not chunks:
        raise DocumentError(f"{source.path.name}: no text to index")
    return Prepared(doc, parse_structure(doc), chunks)


def read_ahead(sources: Sequence[Source], read: Callable[[Source], Prepared], depth: int) -> Iterator[Read]:
    """`read(source)` for each source, in order, computed up to `depth` documents ahead of the
    caller in a thread (0: in line, when the caller asks for the next). A `DocumentError` is
    handed over in the document's place (one bad file does not stop the others); any other error
    is raised in the caller, as without the thread. Stopping early stops the reader."""
    if depth == 0:
        yield from (_read_one(source, read) for source in sources)
        return
    handover: queue.Queue[Read | BaseException | None] = queue.Queue(maxsize=depth)
    stopped = threading.Event()
    reader = threading.Thread(
        target=_read_all, args=(sources, read, handover, stopped), name="ingest-reader", daemon=True
    )
    reader.start()
    try:
        while (item := handover.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stopped.set()
        reader.join()


def _read_all(
    sources: Sequence[Source],
    read: Callable[[Source], Prepared],
    handover: queue.Queue[Read | BaseException | None],
    stopped: threading.Event,
) -> None:
    try:
        for source in sources:
            if not _put(handover, _read_one(source, read), stopped):
                return
    except Exception as e:  # a bug in a loader: the caller raises it
        _put(handover, e, stopped)
        return
    _put(handover, None, stopped)


def _read_one(source: Source, read: Callable[[Source], Prepared]) -> Read:
    try:
        return (source, read(source))
    except DocumentError as e:
        return (source, e)


def _put(handover: queue.Queue[Read | BaseException | None], item: object, stopped: threading.Event) -> bool:
    """Hand `item` over unless the caller stopped listening; whether it was handed over."""
    while not stopped.is_set():
        try:
            handover.put(item, timeout=_PUT_POLL_S)  # type: ignore[arg-type]
            return True
        except queue.Full:
            continue
    return False
