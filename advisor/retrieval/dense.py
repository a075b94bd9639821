"""Dense similarity in one embedder's space: the question's vector and the chunks' vectors.

English questions are compared with MiniLM vectors, questions in the other UN languages with
the multilingual ones; both collections are read from the vector store (the store of record)
into memory at load, and searched there (`MatrixSpace`). Every space answers the same calls, so
retrieval reads one `DenseQuery` and never mixes a vector of one space with one of another.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from advisor.index.vectors import ChunkVectors
from advisor.models import Chunk, Filters, ProvisionKey

#: Distinct filter combinations whose chunk masks are kept (a server sees few: the UI's choices).
_MASKS_KEPT = 64


class DenseSpace(Protocol):
    def search(self, vector: Sequence[float], top_k: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine) of the `top_k` nearest chunks the filters allow, best first."""
        ...

    def cosines(self, vector: Sequence[float], chunk_ids: Sequence[str]) -> dict[str, float]:
        """Cosine with each of `chunk_ids` that has a vector in this space."""
        ...

    def provision_cosines(self, vector: Sequence[float], keys: Sequence[ProvisionKey]) -> np.ndarray:
        """Cosine with each provision as a whole (the mean of its chunks' vectors); 0 for one
        with no vector in this space."""
        ...


@dataclass(frozen=True)
class DenseQuery:
    vector: list[float]
    space: DenseSpace

    def search(self, top_k: int, filters: Filters) -> dict[str, float]:
        return dict(self.space.search(self.vector, top_k, filters))

    def cosines(self, chunk_ids: Sequence[str]) -> dict[str, float]:
        """Cosine with each of `chunk_ids` that has a vector in this space."""
        return self.space.cosines(self.vector, chunk_ids) if chunk_ids else {}

    def provision_cosines(self, keys: Sequence[ProvisionKey]) -> np.ndarray:
        return self.space.provision_cosines(self.vector, keys)


class MatrixSpace:
    """Vectors held in memory (`ChunkVectors`), searched exactly by one matrix product."""

    def __init__(self, vectors: ChunkVectors, chunks: Sequence[Chunk], kinds: dict[str, str]) -> None:
        by_id = {c.id: c for c in chunks}
        self._vectors = vectors
        self._provisions = _provision_means(vectors, chunks)
        self._doc_ids = np.array([by_id[i].doc_id for i in vectors.chunk_ids], dtype=object)
        self._kinds = np.array([kinds.get(d, "") for d in self._doc_ids], dtype=object)
        # Per instance: a mask belongs to this space's rows.
        self._allowed = lru_cache(maxsize=_MASKS_KEPT)(self._mask)

    @property
    def empty(self) -> bool:
        return self._vectors.empty

    def search(self, vector: Sequence[float], top_k: int, filters: Filters) -> list[tuple[str, float]]:
        scores = np.where(self._allowed(filters), self._vectors.cosines(vector), -np.inf)
        best = np.argsort(-scores, kind="stable")[:top_k]
        ids = self._vectors.chunk_ids
        return [(ids[i], float(scores[i])) for i in best if np.isfinite(scores[i])]

    def cosines(self, vector: Sequence[float], chunk_ids: Sequence[str]) -> dict[str, float]:
        rows = self._vectors.rows(chunk_ids)
        if not rows:
            return {}
        found = self._vectors.matrix[list(rows.values())] @ np.asarray(vector, dtype=np.float32)
        return dict(zip(rows, map(float, found), strict=True))

    def provision_cosines(self, vector: Sequence[float], keys: Sequence[ProvisionKey]) -> np.ndarray:
        """A second representation of each provision beside its best chunk: the whole provision,
        so that one answering across several paragraphs is not judged by its best one alone
        (evals/reports/ablation.md)."""
        query = np.asarray(vector, dtype=np.float32)
        zeros = np.zeros_like(query)
        return np.array([self._provisions.get(k, zeros) @ query for k in keys], dtype=float)

    def _mask(self, filters: Filters) -> np.ndarray:
        """Rows that have a vector and that `filters` allow."""
        allowed = self._vectors.present.copy()
        if filters.doc_ids:
            allowed &= np.isin(self._doc_ids, filters.doc_ids)
        if filters.kinds:
            allowed &= np.isin(self._kinds, filters.kinds)
        allowed.flags.writeable = False  # shared by every question with these filters
        return allowed


def _provision_means(vectors: ChunkVectors, chunks: Sequence[Chunk]) -> dict[ProvisionKey, np.ndarray]:
    """Each provision's chunk vectors averaged and normalised (a unit vector, like a chunk's)."""
    found_rows = vectors.rows([c.id for c in chunks])
    rows: dict[ProvisionKey, list[int]] = defaultdict(list)
    for chunk in chunks:
        if chunk.id in found_rows:
            rows[chunk.provision].append(found_rows[chunk.id])
    means = {}
    for key, found in rows.items():
        mean = vectors.matrix[found].mean(axis=0)
        norm = float(np.linalg.norm(mean))
        means[key] = mean / norm if norm > 0 else mean
    return means
