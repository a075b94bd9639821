"""The treaty leads, the guidance explains: where guidance units go in a ranking.

A treaty article binds; a model law's commentary, a guide's paragraph or a manual's section
explains it. Through the links of `advisor.retrieval.links`:
- guidance a question asks for ("what does the commentary say about article 6 of the
  Protocol?") is found by the article it discusses;
- guidance that would lead an answer yields first place to the treaty article it names;
- a treaty article that leads an answer is followed by the guidance unit naming it that is
  closest to the question.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from advisor.legal.authority import is_binding
from advisor.legal.instruments import Instruments
from advisor.legal.references import ProvisionRef
from advisor.models import COMMENTARY, Chunk, Filters, ProvisionKey, Reason
from advisor.retrieval.candidates import Hit, ProvisionHit
from advisor.retrieval.dense import DenseQuery
from advisor.retrieval.links import GuidanceLinks

_COMMENTARY_WORD = "commentar"
#: The guidance explaining the leading article ranks right below it, like a bridging clause.
_EXPLAINS_FACTOR = 0.99


class GuidanceRanking:
    def __init__(
        self,
        links: GuidanceLinks,
        kinds: Mapping[str, str],
        instruments: Instruments,
        chunks_of: Callable[[ProvisionKey], list[Chunk]],
        all_hits: Callable[[ProvisionKey, list[Hit], DenseQuery], list[Hit]],
    ) -> None:
        """`chunks_of` and `all_hits` are the retriever's: a provision's chunks, and every one
        of them as a hit with its cosine to the query."""
        self._links = links
        self._kinds = kinds
        self._instruments = instruments
        self._chunks_of = chunks_of
        self._all_hits = all_hits

    def named(self, text: str, filters: Filters) -> list[str]:
        """Guidance documents the question names ("the guide", "the model law")."""
        return [
            d
            for d in dict.fromkeys(m.doc_id for m in self._instruments.mentions(text))
            if not is_binding(self._kinds.get(d, "")) and (not filters.doc_ids or d in filters.doc_ids)
        ]

    def asked(self, refs: list[ProvisionRef], text: str, filters: Filters) -> list[ProvisionKey]:
        """ "What does the Model Law commentary say on article 6 of the Protocol?": the units
        of each guidance document named that discuss the treaty article named (only its
        commentaries when the question asks for commentary)."""
        guidance = self.named(text, filters)
        keys = [
            key
            for r in refs
            if r.doc_id and is_binding(self._kinds.get(r.doc_id, ""))
            for doc in guidance
            for key in self._links.discussing(doc, r.article, r.doc_id, r.paragraph)
        ]
        if _COMMENTARY_WORD in text.lower():
            keys = [k for k in keys if k.article.endswith(COMMENTARY)] or keys
        return list(dict.fromkeys(keys))

    def with_explanation(
        self, ranked: list[ProvisionHit], filters: Filters, query: DenseQuery, named: list[str]
    ) -> list[ProvisionHit]:
        """A leading treaty article is followed by the guidance unit naming it that is closest
        to the question (from the guidance documents the question `named`, if any of theirs
        names it): the obligation, then how UNODC explains it."""
        if not ranked or not is_binding(self._kinds.get(ranked[0].key.doc_id, "")):
            return ranked
        lead = ranked[0]
        explainers = [
            k
            for k in self._links.explaining(lead.key)
            if filters.allows(self._chunks_of(k)[0], self._kinds.get(k.doc_id, ""))
        ]
        if not explainers or any(p.reason == Reason.EXPLAINED for p in ranked[:1]):
            return ranked
        explainers = [k for k in explainers if k.doc_id in named] or explainers
        closest = explainers[int(np.argmax(query.provision_cosines(explainers)))]
        known = next((p for p in ranked if p.key == closest), None)
        hits = self._all_hits(closest, known.hits if known else [], query)
        where = f"{self._instruments.label(lead.key.doc_id)}, {lead.key.unit}"
        explainer = ProvisionHit(closest, lead.score * _EXPLAINS_FACTOR, hits, Reason.EXPLAINS, where)
        return [lead, explainer, *(p for p in ranked[1:] if p.key != closest)]

    def treaty_first(
        self, ranked: list[ProvisionHit], filters: Filters, query: DenseQuery
    ) -> list[ProvisionHit]:
        """Guidance that leads yields first place to the treaty article it explains."""
        if not ranked or is_binding(self._kinds.get(ranked[0].key.doc_id, "")):
            return ranked
        lead = ranked[0]
        for key in self._links.discusses(lead.key):
            chunks = self._chunks_of(key)
            if not chunks or not filters.allows(chunks[0], self._kinds.get(key.doc_id, "")):
                continue
            known = next((p for p in ranked if p.key == key), None)
            hits = self._all_hits(key, known.hits if known else [], query)
            explainer = f"{self._instruments.label(lead.key.doc_id)}, {lead.key.unit}"
            if known and known.reason:
                treaty = ProvisionHit(key, lead.score, hits, known.reason, known.referred_by)
            else:
                treaty = ProvisionHit(key, lead.score, hits, Reason.EXPLAINED, explainer)
            return [treaty, *(p for p in ranked if p.key != key)]
        return ranked
