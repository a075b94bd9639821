"""The pipeline the server answers with, and how it is swapped when the index changes.

Questions read the index (catalog, vectors, an in-memory BM25 built from it) while an upload or
a deletion writes it. A question that saw the old BM25 but the new catalog could quote text that
is no longer there, so reads and writes exclude each other: any number of questions at once, or
one write; a waiting write holds back new questions so it is not starved. After a write the
pipeline is rebuilt (reusing the loaded embedder) and swapped in before questions resume.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from advisor.config import Settings
from advisor.errors import AdvisorError, IndexNotReady
from advisor.index.embeddings import Embedder
from advisor.pipeline import Advisor

log = logging.getLogger(__name__)


class ReadWriteLock:
    """Many readers or one writer; writers go first once they wait. Not tied to threads, so a
    streamed answer may take the read side in one worker thread and release it in another."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._writers_waiting = 0

    @contextmanager
    def read(self) -> Iterator[None]:
        with self._cond:
            self._cond.wait_for(lambda: not self._writing and not self._writers_waiting)
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                self._cond.notify_all()

    @property
    def writers_waiting(self) -> int:
        return self._writers_waiting

    @contextmanager
    def write(self) -> Iterator[None]:
        with self._cond:
            self._writers_waiting += 1
            self._cond.wait_for(lambda: not self._writing and self._readers == 0)
            self._writers_waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


@dataclass(frozen=True)
class Readiness:
    """What /ready reports."""

    ready: bool
    documents: int = 0
    chunks: int = 0
    detail: str = ""


class LivePipeline:
    """The loaded `Advisor` (or why there is none), behind a read/write lock."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.lock = ReadWriteLock()
        self._advisor: Advisor | None = None
        self._problem: AdvisorError = IndexNotReady("the index has not been loaded yet")
        self._embedder = embedder

    def load(self) -> None:
        """(Re)build the pipeline from the index; a missing or broken index is kept as the
        reason to give on every request, so the server still starts and says what to do."""
        try:
            advisor = Advisor.load(self.settings, embedder=self._embedder)
        except IndexNotReady as e:
            log.warning("not ready: %s", e)
            hint = "then restart the server, or upload a document (POST /documents)"
            self._advisor, self._problem = None, IndexNotReady(f"{e}; {hint}")
            return
        except AdvisorError as e:
            log.error("not ready: %s", e)
            self._advisor, self._problem = None, e
            return
        self._embedder = advisor.embedder
        self._advisor = advisor

    def current(self) -> Advisor:
        """The loaded pipeline; the reason there is none (`IndexNotReady`...) otherwise."""
        if self._advisor is None:
            raise self._problem
        return self._advisor

    @contextmanager
    def reading(self) -> Iterator[Advisor]:
        """The pipeline, guaranteed not to change underneath until the block ends."""
        with self.lock.read():
            yield self.current()

    def embedder(self) -> Embedder:
        """The loaded embedder, created on first need when the server started without an index."""
        if self._embedder is None:
            self._embedder = Embedder(self.settings)
        return self._embedder

    def readiness(self) -> Readiness:
        with self.lock.read():
            advisor = self._advisor
            if advisor is None:
                return Readiness(False, detail=str(self._problem))
            chunks = sum(d.chunk_count for d in advisor.documents)
            return Readiness(True, len(advisor.documents), chunks)
