"""Dense similarity in one embedder's space: the question's vector and the chunks' vectors.

English questions are compared with MiniLM vectors in the vector store; questions in the other
UN languages with the multilingual vectors held in memory. Both answer the same two calls, so
retrieval reads one `DenseQuery` and never mixes a vector of one space with one of the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from advisor.index.multilingual import MultilingualVectors
from advisor.index.store import VectorStore
from advisor.models import Chunk, Filters


class DenseSpace(Protocol):
    def search(self, vector: Sequence[float], top_k: int, filters: Filters) -> list[tuple[str, float]]:
        """(chunk id, cosine) of the `top_k` nearest chunks the filters allow, best first."""
        ...

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]: ...


@dataclass(frozen=True)
class DenseQuery:
    vector: list[float]
    space: DenseSpace

    def search(self, top_k: int, filters: Filters) -> dict[str, float]:
        return dict(self.space.search(self.vector, top_k, filters))

    def cosines(self, chunk_ids: Sequence[str]) -> dict[str, float]:
        """Cosine with each of `chunk_ids` that has a vector in this space."""
        found = self.space.vectors(chunk_ids)
        return {chunk_id: float(np.dot(self.vector, vector)) for chunk_id, vector in found.items()}


class StoreSpace:
    """The vector store's own search (Chroma, embedded or server)."""

    def __init__(self, store: VectorStore) -> None:
        self._store = store

    def search(self, vector: Sequence[float], top_k: int, filters: Filters) -> list[tuple[str, float]]:
        return self._store.search(list(vector), top_k, filters.doc_ids, filters.kinds)

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        return self._store.embeddings(chunk_ids)


class MatrixSpace:
    """Vectors held in memory (`MultilingualVectors`), searched by one matrix product."""

    def __init__(self, vectors: MultilingualVectors, chunks: Sequence[Chunk], kinds: dict[str, str]) -> None:
        by_id = {c.id: c for c in chunks}
        self._vectors = vectors
        self._chunks = [by_id[i] for i in vectors.chunk_ids]
        self._kinds = kinds

    def search(self, vector: Sequence[float], top_k: int, filters: Filters) -> list[tuple[str, float]]:
        scores = self._vectors.cosines(vector)
        allowed = np.array(
            [filters.allows(c, self._kinds.get(c.doc_id, "")) for c in self._chunks], dtype=bool
        )
        scores = np.where(allowed, scores, -np.inf)
        best = np.argsort(-scores)[:top_k]
        return [(self._chunks[int(i)].id, float(scores[i])) for i in best if np.isfinite(scores[i])]

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, list[float]]:
        return self._vectors.vectors(chunk_ids)
