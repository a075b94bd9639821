"""Hybrid, provision-aware retrieval: which provisions answer a question, best first.

Three sources of evidence, in order of authority:
1. provisions the question names ("article 8(7)", "UNTOC article 24") come first;
2. candidate provisions (those whose chunks the vector store or BM25 find, whose headnotes
   match, or that earlier turns cited) are scored by the fitted fusion of their signals
   (`advisor.retrieval.fusion`): an estimated probability, which abstention can rely on;
3. when a Protocol question is answered from the Convention it supplements, the Protocol's
   bridging provision ("shall apply, mutatis mutandis") follows as the legal link, and
   provisions the best ones refer to ("articles 27 and 28 of the Convention") follow them;
4. the obligation is the treaty's, the guidance explains it: when guidance leads and names a
   treaty article, that article goes first; when a treaty article leads, the guidance unit
   naming it that is closest to the question follows it — unless the question asks for the
   guidance itself ("what does the guide say about article 8?").
Results are grouped by provision (instrument, annex, article or guidance unit): that is what
gets cited.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.index.lexical import LexicalIndex
from advisor.index.multilingual import MultilingualEmbedder
from advisor.legal.authority import is_binding
from advisor.legal.instruments import Instruments
from advisor.legal.languages import LANGUAGES, Language
from advisor.legal.references import ProvisionRef, cross_references, find_references
from advisor.legal.thesaurus import Thesaurus
from advisor.models import COMMENTARY, Chunk, Filters, ProvisionKey, Reason, is_paragraph_unit
from advisor.retrieval.candidates import CandidateScorer, Hit, ProvisionHit
from advisor.retrieval.dense import DenseQuery, DenseSpace
from advisor.retrieval.fusion import Fusion, Signals
from advisor.retrieval.guidance import GuidanceRanking
from advisor.retrieval.headnotes import Headnotes
from advisor.retrieval.links import GuidanceLinks

#: A named provision outranks anything similarity can score (fused scores are probabilities).
_NAMED = 10.0
#: A cross-referenced provision ranks this far below the provision that cites it.
_CROSS_REFERENCE_FACTOR = 0.5
#: Cross-references are followed from the leading provisions only, those an answer quotes:
#: following every result's would fill `top_k` with provisions cited in passing.
_CITING_PROVISIONS = 2
#: A Protocol's bridging clause scores just below the Convention provision it makes
#: applicable: it is why that provision applies, not the answer itself.
_BRIDGE_FACTOR = 0.99
#: Each further provision named (or carried) is lifted this much less, so they keep the order
#: in which the question names them: a step small beside the bonuses it orders.
_REFERENCE_ORDER_STEP = 0.01
_MUTATIS_MUTANDIS = "mutatis mutandis"
#: Guidance units asked for ("what does the guide say about article 8?") lead the article
#: they discuss, which is named too and would otherwise outrank them on similarity.
_ASKED_GUIDANCE = 1.0


@dataclass
class Retrieval:
    provisions: list[ProvisionHit]
    references: list[ProvisionRef] = field(default_factory=list)
    focus: set[str] = field(default_factory=set)
    #: Best similarity evidence, before bonuses: what abstention is judged on.
    best_similarity: float = 0.0
    best_dense: float = 0.0
    #: The query as each side saw it, for choosing quotes the same way.
    query_vector: list[float] = field(default_factory=list)
    lexical_text: str = ""
    #: The question's language (ISO 639-1): the answer's frame is written in it.
    language: str = "en"
    #: Every candidate's signals, for fitting the fusion (`evals/fit_fusion.py`).
    signals: Signals | None = None


class Retriever:
    def __init__(
        self,
        settings: Settings,
        space: DenseSpace,
        embedder: Embedder,
        lexical: LexicalIndex,
        instruments: Instruments,
        thesaurus: Thesaurus,
        headnotes: Headnotes,
        kinds: dict[str, str],
        fusion: Fusion,
        multilingual: tuple[MultilingualEmbedder, DenseSpace] | None = None,
    ) -> None:
        """`multilingual` is the second embedder and its vectors, for questions in the other
        UN languages; without it every question is read as English."""
        self._settings = settings
        self._space = space
        self._embedder = embedder
        self._multilingual = multilingual
        self._lexical = lexical
        self._instruments = instruments
        self._thesaurus = thesaurus
        self._kinds = kinds
        self._by_provision: dict[ProvisionKey, list[Chunk]] = defaultdict(list)
        for chunk in lexical.chunks:
            self._by_provision[chunk.provision].append(chunk)
        self._candidates = CandidateScorer(settings, lexical, headnotes, fusion, kinds, self._by_provision)
        self._links = GuidanceLinks(self._by_provision, kinds, instruments)
        self._guidance = GuidanceRanking(
            self._links, kinds, instruments, self.provision_chunks, self._all_hits
        )
        #: Per Protocol, the provision applying its Convention "mutatis mutandis".
        self._bridges = {
            key.doc_id: key
            for key, chunks in sorted(self._by_provision.items(), reverse=True)
            if key.article and any(_MUTATIS_MUTANDIS in c.text.lower() for c in chunks)
        }

    def retrieve(
        self,
        text: str,
        filters: Filters | None = None,
        carried: list[ProvisionRef] | None = None,
        top_k: int | None = None,
        asked: str | None = None,
        language: Language = LANGUAGES["en"],
    ) -> Retrieval:
        """Provisions for `text`; `carried` are provisions an earlier turn was about.

        `asked` is the user's own question when `text` also holds earlier turns: only the
        provisions it names count as named (an earlier "article 8" is carried, not named).
        A question in another language is searched with the multilingual embedder alone:
        BM25, the thesaurus and the headnotes read English words."""
        filters = filters or Filters()
        default = self._default_instrument(filters)
        asked_text = language.english_citations(asked or text)
        references = [
            r
            for r in find_references(asked_text, self._instruments, default)
            if self._allowed_ref(r, filters)
        ]
        guidance_asked = self._guidance.asked(references, asked_text, filters)
        focus = self._instruments.focus(language.english_citations(text))
        query = self._query(text, language)
        english = query.space is self._space
        lexical_text = self._instruments.without_names(text) if english else ""
        expansion = self._thesaurus.expand(text) if english else ""
        carried_keys = {k for r in carried or [] if self._allowed_ref(r, filters) for k in self._keys_for(r)}
        named_keys = guidance_asked + [k for r in references for k in self._keys_for(r)]
        provisions, signals = self._candidates.score(
            query, lexical_text, expansion, filters, carried_keys, named_keys, english
        )
        best_similarity = max((p.score for p in provisions.values()), default=0.0)
        best_dense = float(max(signals.dense.max(initial=0.0), signals.dense_ml.max(initial=0.0)))
        for rank, key in enumerate(guidance_asked):  # asked for before the article they discuss
            if key in provisions:
                provisions[key].score += _NAMED + _ASKED_GUIDANCE - rank * _REFERENCE_ORDER_STEP
                provisions[key].reason = Reason.NAMED
        self._promote(provisions, references, Reason.NAMED, _NAMED)
        for provision in provisions.values():
            if provision.key in carried_keys and provision.reason is None:
                provision.reason = Reason.CARRIED
        ranked = sorted(provisions.values(), key=lambda p: -p.score)
        if not guidance_asked and all(is_binding(self._kinds.get(r.doc_id or "", "")) for r in references):
            ranked = self._guidance.treaty_first(ranked, filters, query)
            if not references:  # a provision asked for by name is what is wanted, alone
                named = self._guidance.named(asked_text, filters)
                ranked = self._guidance.with_explanation(ranked, filters, query, named)
        ranked = self._with_bridge(ranked, focus, filters, query)
        ranked = self._with_cross_references(ranked, filters, query)
        ranked = self._one_edition(ranked)
        return Retrieval(
            ranked[: top_k or self._settings.top_k],
            references,
            focus,
            best_similarity,
            best_dense,
            query.vector,
            f"{lexical_text} {expansion}",
            language.code if not english else "en",
            signals,
        )

    def _query(self, text: str, language: Language) -> DenseQuery:
        """English, or a language read by the multilingual embedder when there is one."""
        if language.code != "en" and self._multilingual is not None:
            embedder, space = self._multilingual
            return DenseQuery(embedder.embed_query(text), space)
        return DenseQuery(self._embedder.embed_query(text), self._space)

    def provision_chunks(self, key: ProvisionKey) -> list[Chunk]:
        return self._by_provision.get(key, [])

    def _promote(
        self,
        provisions: dict[ProvisionKey, ProvisionHit],
        refs: list[ProvisionRef],
        reason: Reason,
        bonus: float,
    ) -> None:
        """Lift referenced provisions (all candidates already) by `bonus`, earlier references
        first; chunks holding the referenced paragraph lead their provision's hits."""
        promoted: set[ProvisionKey] = set()
        for rank, ref in enumerate(refs):
            for key in self._keys_for(ref):
                provision = provisions.get(key)
                if provision is None:
                    continue
                if key not in promoted:
                    provision.score += bonus - rank * _REFERENCE_ORDER_STEP
                provision.reason = provision.reason or reason
                provision.hits.sort(key=lambda h: (not _holds_paragraph(h.chunk, ref.paragraph), -h.score))
                promoted.add(key)

    def _all_hits(self, key: ProvisionKey, known: list[Hit], query: DenseQuery) -> list[Hit]:
        """Every chunk of a provision as a hit; those the search missed get their cosine."""
        have = {h.chunk.id for h in known}
        missing = [c for c in self.provision_chunks(key) if c.id not in have]
        cosines = query.cosines([c.id for c in missing]) if missing else {}
        added = []
        for chunk in missing:
            cosine = cosines.get(chunk.id, 0.0)
            added.append(Hit(chunk, score=cosine, dense=cosine))
        return known + added

    def _with_bridge(
        self, ranked: list[ProvisionHit], focus: set[str], filters: Filters, query: DenseQuery
    ) -> list[ProvisionHit]:
        """Protocol question answered from its Convention: the Protocol's bridging clause comes
        right after the Convention's provision, since it is why that provision applies."""
        if not ranked:
            return ranked
        top_doc = ranked[0].key.doc_id
        for protocol in (d for d in sorted(focus) if d != top_doc and self._instruments.parent(d) == top_doc):
            bridge = self._bridges.get(protocol)
            if bridge is None or not filters.allows(
                self.provision_chunks(bridge)[0], self._kinds.get(protocol, "")
            ):
                continue
            hits = [h for h in self._all_hits(bridge, [], query) if _MUTATIS_MUTANDIS in h.chunk.text.lower()]
            ranked = [p for p in ranked if p.key != bridge]
            ranked.insert(1, ProvisionHit(bridge, ranked[0].score * _BRIDGE_FACTOR, hits, Reason.BRIDGE))
        return ranked

    def _with_cross_references(
        self, ranked: list[ProvisionHit], filters: Filters, query: DenseQuery
    ) -> list[ProvisionHit]:
        """Provisions the leading ones point to, ranked just below what points to them."""
        present = {p.key for p in ranked}
        added: list[ProvisionHit] = []
        for provision in ranked[:_CITING_PROVISIONS]:
            text = " ".join(h.chunk.text for h in provision.hits)
            for ref in cross_references(text, provision.key.doc_id, self._instruments):
                for key in self._keys_for(ref):
                    if key in present or not self._allowed_ref(ref, filters):
                        continue
                    present.add(key)
                    source = self._instruments.label(provision.key.doc_id)
                    citing = f"{source}, {provision.key.unit}"
                    hits = self._all_hits(key, [], query)
                    score = provision.score * _CROSS_REFERENCE_FACTOR
                    added.append(ProvisionHit(key, score, hits, Reason.CROSS_REFERENCE, citing))
        return sorted(ranked + added, key=lambda p: -p.score)

    def _keys_for(self, ref: ProvisionRef) -> list[ProvisionKey]:
        """Main-text article first; an article number also used in annexes is the main one.
        A treaty article "of" a guidance document ("article 8 of the guide") is the guidance
        units that discuss that article."""
        if ref.doc_id is None:
            return [k for k in self._by_provision if _same_unit(k.article, ref.article) and not k.annex]
        key = ProvisionKey(ref.doc_id, "", ref.article)
        if key in self._by_provision:
            return [key]
        if is_paragraph_unit(ref.article):  # "para. 42" of a guide numbered afresh in each Part
            return [
                k for k in self._by_provision if k.doc_id == ref.doc_id and _same_unit(k.article, ref.article)
            ]
        if is_binding(self._kinds.get(ref.doc_id, "")):
            # "the commentary on article 3 of the Protocol": the model law commentaries on it.
            article = ref.article.removesuffix(COMMENTARY)
            if article == ref.article:
                return []
            return [
                k
                for k in self._links.explaining(key._replace(article=article))
                if k.article.endswith(COMMENTARY)
            ]
        default = self._settings.default_instrument
        return self._links.discussing(ref.doc_id, ref.article, default) or self._links.discussing(
            ref.doc_id, ref.article
        )

    def _one_edition(self, ranked: list[ProvisionHit]) -> list[ProvisionHit]:
        """A provision found in two language editions is one provision: the better-ranked
        edition stands for it."""
        seen: set[ProvisionKey] = set()
        kept = []
        for provision in ranked:
            key = provision.key._replace(doc_id=self._instruments.canonical(provision.key.doc_id))
            if key not in seen:
                seen.add(key)
                kept.append(provision)
        return kept

    def _allowed_ref(self, ref: ProvisionRef, filters: Filters) -> bool:
        if ref.doc_id is None:
            return True
        return (not filters.doc_ids or ref.doc_id in filters.doc_ids) and (
            not filters.kinds or self._kinds.get(ref.doc_id, "") in filters.kinds
        )

    def _default_instrument(self, filters: Filters) -> str | None:
        default = self._settings.default_instrument
        if default not in self._kinds:
            return None
        if filters.doc_ids and default not in filters.doc_ids:
            return filters.doc_ids[0] if len(filters.doc_ids) == 1 else None
        return default


def _same_unit(article: str, named: str) -> bool:
    """ "para. 42" names "Part Three, para. 42" as well: the question need not say the Part."""
    return article == named or (is_paragraph_unit(named) and article.endswith(f", {named}"))


def _holds_paragraph(chunk: Chunk, paragraph: str) -> bool:
    if not paragraph:
        return True
    return any(
        p == paragraph or p.startswith(paragraph + "(") or p.split("(")[0] == paragraph
        for p in chunk.paragraphs
    )
