"""Baselines scored beside the advisor on the same questions: what a default RAG stack and
plain keyword search would retrieve from the same documents.

- `llamaindex-default`: llama-index's `VectorStoreIndex` with its default node parser over
  the catalog's cleaned texts, the same embedder, top `top_k` nodes. A node is mapped to the
  provision holding most of its characters — what a citation of it would point at.
- `bm25`: BM25 alone over the advisor's own chunks, chunks grouped to provisions, top `top_k`.
Both return as many provisions as the advisor's retrieval (`Settings.top_k`).
A baseline is registered by name in `BASELINES`. It returns provisions and the texts it
retrieved: mapping a 1,024-token node to one article undercounts it, so it is also scored by
whether a gold evidence span is in its retrieved text, as the advisor is by its quotes.
Follow-ups reach it with the earlier turns prepended (it has no resolver).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from advisor.errors import ConfigError
from advisor.evaluation.dataset import provision_id
from advisor.index.lexical import LexicalIndex
from advisor.ingest.structure import Segment

if TYPE_CHECKING:
    from advisor.pipeline import Advisor

log = logging.getLogger(__name__)

#: BM25 chunks looked at to fill `top_k` provisions (several chunks often share one).
_BM25_CHUNKS = 50


@dataclass(frozen=True)
class Ranked:
    """Provision ids (see `provision_id`), best first, at most `Settings.top_k`, and the texts
    that were retrieved to rank them."""

    provisions: list[str]
    texts: list[str]


class Baseline(Protocol):
    name: str

    def rank(self, text: str) -> Ranked: ...


class BM25Baseline:
    name = "bm25"

    def __init__(self, advisor: Advisor) -> None:
        self._index = LexicalIndex(advisor.catalog.chunks())
        self._top_k = advisor.settings.top_k

    def rank(self, text: str) -> Ranked:
        """The provisions of the best chunks; the texts of the chunks that named them."""
        ranked: dict[str, None] = {}
        texts = []
        for i, _ in self._index.top(text, _BM25_CHUNKS):
            chunk = self._index.chunks[i]
            key = provision_id(chunk.doc_id, chunk.article, chunk.annex)
            if key not in ranked and len(ranked) == self._top_k:
                continue
            ranked.setdefault(key)
            texts.append(chunk.text)
        return Ranked(list(ranked), texts)


class LlamaIndexBaseline:
    name = "llamaindex-default"

    def __init__(self, advisor: Advisor) -> None:
        from llama_index.core import Document, VectorStoreIndex
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding

        documents = [
            Document(text=advisor.catalog.text_of(d.doc_id)[0], metadata={"doc_id": d.doc_id})
            for d in advisor.documents
        ]
        embed_model = HuggingFaceEmbedding(model_name=str(advisor.embedder.model_dir), device="cpu")
        index = VectorStoreIndex.from_documents(documents, embed_model=embed_model)
        self._top_k = advisor.settings.top_k
        self._retriever = index.as_retriever(similarity_top_k=self._top_k)
        self._segments = {d.doc_id: advisor.catalog.segments_of(d.doc_id) for d in advisor.documents}

    def rank(self, text: str) -> Ranked:
        ranked: dict[str, None] = {}
        texts = []
        for scored in self._retriever.retrieve(text):
            texts.append(scored.node.get_content())
            doc_id = str(scored.node.metadata.get("doc_id", ""))
            # Text nodes carry their offsets in the document; other node kinds do not.
            node = scored.node
            start, end = getattr(node, "start_char_idx", None), getattr(node, "end_char_idx", None)
            if start is None or end is None:
                log.warning("llama-index node without offsets in %s: not mapped to a provision", doc_id)
                continue
            ranked.setdefault(provision_of_span(doc_id, self._segments.get(doc_id, []), start, end))
        return Ranked(list(ranked)[: self._top_k], texts)


def provision_of_span(doc_id: str, segments: Sequence[Segment], start: int, end: int) -> str:
    """The provision holding most of the characters in [start, end); the document's
    unnumbered text when the span touches no segment."""
    overlap: dict[tuple[str, str], int] = defaultdict(int)
    for s in segments:
        shared = min(end, s.end) - max(start, s.start)
        if shared > 0:
            overlap[(s.annex, s.article)] += shared
    if not overlap:
        return provision_id(doc_id, "")
    annex, article = max(overlap, key=lambda key: overlap[key])
    return provision_id(doc_id, article, annex)


BASELINES: dict[str, Callable[[Advisor], Baseline]] = {
    LlamaIndexBaseline.name: LlamaIndexBaseline,
    BM25Baseline.name: BM25Baseline,
}


def check_baseline_names(names: Sequence[str]) -> None:
    """`ConfigError` for a name no baseline is registered under (before anything loads)."""
    unknown = [n for n in names if n not in BASELINES]
    if unknown:
        raise ConfigError(f"unknown baseline {', '.join(unknown)} (known: {', '.join(BASELINES)}, or none)")


def open_baselines(names: Sequence[str], advisor: Advisor) -> list[Baseline]:
    """The named baselines, built over the advisor's index."""
    check_baseline_names(names)
    return [BASELINES[name](advisor) for name in dict.fromkeys(names)]


def baseline_query(question: str, history_contents: Sequence[str]) -> str:
    """A baseline has no follow-up resolution: earlier turns are prepended to the question."""
    return "\n".join([*history_contents, question])
