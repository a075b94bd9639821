"""Candidate provisions for a question, each scored by the fitted fusion of its signals.

A candidate is a provision the vector store or BM25 (on the question, or on thesaurus terms)
finds a chunk of, whose headnote matches, or that the question names or an earlier turn cited.
Each candidate comes with all its chunks as hits, and with its signals: the best chunk per
signal and its headnote's match (`advisor.retrieval.fusion.Signals`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from advisor.config import Settings
from advisor.index.lexical import LexicalIndex
from advisor.models import Chunk, Filters, ProvisionKey, Reason
from advisor.retrieval.dense import DenseQuery
from advisor.retrieval.fusion import Fusion, Signals
from advisor.retrieval.headnotes import Headnotes


@dataclass
class Hit:
    """A chunk with the evidence for it."""

    chunk: Chunk
    score: float = 0.0
    dense: float = 0.0


@dataclass
class ProvisionHit:
    key: ProvisionKey
    score: float
    hits: list[Hit]
    #: Why it is here when similarity alone would not say (None: similarity alone).
    reason: Reason | None = None
    #: For a cross-reference, the provision citing it: "Smuggling of Migrants Protocol, Article 6".
    referred_by: str = ""

    @property
    def why(self) -> str:
        """The reason in the answer's words ("named in the question"); "" for similarity alone."""
        return self.reason.describe(self.referred_by) if self.reason else ""


class CandidateScorer:
    def __init__(
        self,
        settings: Settings,
        lexical: LexicalIndex,
        headnotes: Headnotes,
        fusion: Fusion,
        kinds: dict[str, str],
        by_provision: dict[ProvisionKey, list[Chunk]],
    ) -> None:
        self._settings = settings
        self._lexical = lexical
        self._headnotes = headnotes
        self._fusion = fusion
        self._kinds = kinds
        self._by_provision = by_provision
        self._by_id = {c.id: c for c in lexical.chunks}
        self._position = {c.id: i for i, c in enumerate(lexical.chunks)}

    def score(
        self,
        query: DenseQuery,
        lexical_text: str,
        expansion: str,
        filters: Filters,
        carried: set[ProvisionKey],
        named: list[ProvisionKey],
        english: bool,
    ) -> tuple[dict[ProvisionKey, ProvisionHit], Signals]:
        """Every candidate provision, scored by the fitted fusion of its signals.

        BM25 reads the question without instrument names and field words ("UNTOC",
        "migrant smuggling"): those are rare, so they would outweigh the words saying *what*
        is asked."""
        s = self._settings
        allowed = np.array([filters.allows(c, self._kinds.get(c.doc_id, "")) for c in self._lexical.chunks])
        lexical = np.where(allowed, _normalised(self._lexical.scores(lexical_text)), 0.0)
        expanded = (
            np.where(allowed, _normalised(self._lexical.scores(expansion)), 0.0) if expansion else 0 * lexical
        )
        dense = query.search(s.dense_candidates, filters)
        keys = {self._by_id[i].provision for i in dense if i in self._by_id}  # vectors of an
        # interrupted ingest are not catalogued
        for values in (lexical, expanded):
            keys |= {
                self._lexical.chunks[int(i)].provision
                for i in np.argsort(-values)[: s.lexical_candidates]
                if values[i] > 0
            }
        headnotes = self._headnote_scores(query, lexical_text, english)
        for i in np.argsort(-(headnotes[0] + headnotes[1]))[: s.headnote_candidates if english else 0]:
            keys.add(self._headnotes.keys[int(i)])
        keys |= carried | set(named)
        keys = sorted(k for k in keys if self._allows_provision(k, filters))
        missing = [c.id for k in keys for c in self._chunks_of(k) if c.id not in dense]
        dense.update(query.cosines(missing))
        provisions = {k: self._provision(k, dense) for k in keys}
        signals = self._signals(keys, provisions, expanded, headnotes, carried, english, query)
        for key, probability in zip(keys, self._fusion.probabilities(signals), strict=True):
            provisions[key].score = float(probability)
        return provisions, signals

    def _provision(self, key: ProvisionKey, dense: dict[str, float]) -> ProvisionHit:
        """All of a provision's chunks as hits, most similar first: a chunk's cosine is what its
        paragraphs' quoting score starts from (`advisor.answering.passages`)."""
        hits = []
        for chunk in self._chunks_of(key):
            cosine = dense.get(chunk.id, 0.0)
            hits.append(Hit(chunk, score=cosine, dense=cosine))
        return ProvisionHit(key, 0.0, sorted(hits, key=lambda h: -h.score))

    def _signals(
        self,
        keys: list[ProvisionKey],
        provisions: dict[ProvisionKey, ProvisionHit],
        expanded: np.ndarray,
        headnotes: tuple[np.ndarray, np.ndarray],
        carried: set[ProvisionKey],
        english: bool,
        query: DenseQuery,
    ) -> Signals:
        """Each candidate's best chunk per signal, its match as a whole, and its headnote's."""
        best_dense = np.array([max((h.dense for h in provisions[k].hits), default=0.0) for k in keys])
        best_expanded = np.array(
            [
                max((float(expanded[self._position[h.chunk.id]]) for h in provisions[k].hits), default=0.0)
                for k in keys
            ]
        )
        positions = [self._headnotes.position.get(k) for k in keys]
        headnote_dense, headnote_lexical = (
            np.array([float(scores[p]) if p is not None else 0.0 for p in positions]) for scores in headnotes
        )
        zeros = np.zeros(len(keys))
        return Signals(
            keys=keys,
            space="english" if english else "multilingual",
            dense=best_dense if english else zeros,
            dense_ml=zeros if english else best_dense,
            provision_dense=query.provision_cosines(keys),
            expansion=best_expanded,
            headnote_dense=headnote_dense,
            headnote_lexical=headnote_lexical,
            carried=np.array([k in carried for k in keys], dtype=float),
        )

    def _headnote_scores(
        self, query: DenseQuery, lexical_text: str, english: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """Every headnote's cosine and BM25 match (aligned with `Headnotes.keys`); headnotes
        are English and in MiniLM's space, so silent for a question in another language."""
        if not english:
            zeros = np.zeros(len(self._headnotes.keys))
            return zeros, zeros
        return self._headnotes.dense(query.vector), self._headnotes.lexical(lexical_text)

    def _allows_provision(self, key: ProvisionKey, filters: Filters) -> bool:
        chunks = self._chunks_of(key)
        return bool(chunks) and filters.allows(chunks[0], self._kinds.get(key.doc_id, ""))

    def _chunks_of(self, key: ProvisionKey) -> list[Chunk]:
        return self._by_provision.get(key, [])


def _normalised(scores: np.ndarray) -> np.ndarray:
    best = float(scores.max()) if len(scores) else 0.0
    return scores / best if best > 0 else scores
