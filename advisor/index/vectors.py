"""One collection's chunk vectors read into memory: a matrix whose rows follow the catalog.

The vector store stays the store of record (embedded or a server); a process that answers
questions reads a collection once, at load, because for a corpus of thousands of chunks one
matrix product answers a search in well under a millisecond, where each round trip to the store
costs several.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from advisor.index.store import VectorStore


class ChunkVectors:
    """Every catalogued chunk's vector, rows aligned with `chunk_ids`; a chunk the store has no
    vector for (e.g. after an interrupted ingest) has a zero row and `present` False."""

    def __init__(self, chunk_ids: Sequence[str], matrix: np.ndarray, present: np.ndarray) -> None:
        self.chunk_ids = list(chunk_ids)
        self.matrix = matrix
        self.present = present
        self._row = {chunk_id: i for i, chunk_id in enumerate(self.chunk_ids) if present[i]}

    @classmethod
    def load(cls, store: VectorStore, chunk_ids: Sequence[str]) -> ChunkVectors:
        found = store.embeddings(chunk_ids)
        dimension = len(next(iter(found.values()))) if found else 0
        matrix = np.zeros((len(chunk_ids), dimension), dtype=np.float32)
        present = np.zeros(len(chunk_ids), dtype=bool)
        for i, chunk_id in enumerate(chunk_ids):
            if chunk_id in found:
                matrix[i] = found[chunk_id]
                present[i] = True
        return cls(chunk_ids, matrix, present)

    @property
    def empty(self) -> bool:
        return not self.present.any()

    def cosines(self, query: Sequence[float]) -> np.ndarray:
        """Cosine of `query` with every chunk (vectors are normalised), aligned with `chunk_ids`."""
        return self.matrix @ np.asarray(query, dtype=np.float32)

    def rows(self, chunk_ids: Sequence[str]) -> dict[str, int]:
        """The row of each of `chunk_ids` that has a vector."""
        return {i: self._row[i] for i in chunk_ids if i in self._row}
