"""From retrieved provisions to quotable passages: the paragraphs that answer, verbatim.

Both answerers quote from here: the extractive one shows the passages, the generative one
numbers them for the model. A passage is a paragraph (or sub-paragraph) of a provision —
a slice of the document's cleaned text, so its quote, page and pinpoint ("Article 8(2)(a)")
are exact. A sub-paragraph travels with its chapeau ("2. ... the flag State may authorize:"),
without which "(a) To board the vessel;" means nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from advisor.index.catalog import Catalog
from advisor.index.lexical import LexicalIndex, content_terms
from advisor.ingest.loaders.base import page_at
from advisor.ingest.structure import Segment
from advisor.legal.authority import authority_label
from advisor.models import Citation, DocumentRecord, ProvisionKey, unit_label
from advisor.retrieval.candidates import ProvisionHit
from advisor.retrieval.retriever import Retrieval

#: Quotes longer than this are cut to their best sentences.
_MAX_QUOTE = 900
#: Paragraphs quoted when a question names a whole provision ("what does article 16 say").
_NAMED_QUOTES = 5
#: Sub-paragraphs brought along with the paragraph that introduces them.
_MAX_ENUMERATED = 6
#: A paragraph's score: this share from the chunk holding it, the rest from the query terms it
#: contains. Equal shares, since neither tells paragraphs apart alone: every paragraph of a
#: chunk has its chunk's similarity, and word overlap misses paraphrase.
_CHUNK_SHARE = 0.5
#: The user's own words weigh this many times the words inherited from earlier turns or added
#: by the thesaurus: those are context or a guess at the treaty's wording, not what is asked.
_OWN_WORD_WEIGHT = 2
_SENTENCE = re.compile(r"[^.;]+(?:[.;]+|$)\s*")


@dataclass(frozen=True)
class Passage:
    doc_id: str
    title: str
    kind: str
    annex: str
    article: str
    article_title: str
    paragraph: str
    section: str
    start: int
    end: int
    quote: str
    page: int | None
    score: float
    reason: str = ""

    @property
    def provision(self) -> str:
        return pinpoint(self.annex, self.article, self.paragraph, self.section)

    @property
    def provision_heading(self) -> str:
        """ "Smuggling of Migrants Protocol, Article 8 — Measures against ..." for grouping."""
        where = pinpoint(self.annex, self.article, "", self.section)
        title = f" — {self.article_title}" if self.article and self.article_title else ""
        return f"{self.title}, {where}{title}" if where else self.title

    def citation(self, n: int) -> Citation:
        return Citation(
            n=n,
            doc_id=self.doc_id,
            title=self.title,
            kind=self.kind,
            authority=authority_label(self.kind),
            provision=self.provision,
            article=self.article,
            paragraph=self.paragraph,
            page=self.page,
            quote=self.quote,
            score=round(self.score, 4),
            start=self.start,
            end=self.end,
            annex=self.annex,
        )


def pinpoint(annex: str, article: str, paragraph: str, section: str = "") -> str:
    """How lawyers cite it: "Article 8(2)(a)", "Article 1A(2)", "Annex III, Article 4"; a
    guidance unit as its own label ("para. 42", "Article 5.A, Commentary", "Tool 5.3")."""
    if not article:
        return section
    if not paragraph:
        return unit_label(annex, article)
    head, _, rest = paragraph.partition("(")
    rest = f"({rest}" if rest else ""
    if head[:1].isupper():  # Refugee Convention style sections: Article 1A(2)
        where = f"Article {article}{head}{rest}"
    elif head:
        where = f"Article {article}({head}){rest}"
    else:
        where = f"Article {article}"
    return f"Annex {annex}, {where}" if annex else where


class PassageSelector:
    """Picks the paragraphs of retrieved provisions that best match the question; a further
    paragraph only if it scores `paragraph_ratio` (`Settings.paragraph_ratio`) of the best."""

    def __init__(
        self, catalog: Catalog, lexical: LexicalIndex, documents: list[DocumentRecord], paragraph_ratio: float
    ) -> None:
        self._lexical = lexical
        self._paragraph_ratio = paragraph_ratio
        self._documents = {d.doc_id: d for d in documents}
        self._segments = {
            d.doc_id: [s for s in catalog.segments_of(d.doc_id) if not s.is_heading] for d in documents
        }
        self._texts = {d.doc_id: catalog.text_of(d.doc_id) for d in documents}

    def passages(
        self, retrieval: Retrieval, provision: ProvisionHit, limit: int, question: str = ""
    ) -> list[Passage]:
        """Up to `limit` best paragraphs of one provision, each with its chapeau, in text order.

        A provision the question names is quoted as asked: the paragraph named ("article
        8(7)"), or the provision from its start (up to `_NAMED_QUOTES` paragraphs)."""
        segments = self._segments_of(provision)
        if not segments:
            return []
        scores = self._score(retrieval, provision, segments, question)
        named = _named_paragraphs(retrieval, provision, segments)
        if named is not None:
            return [self._passage(provision, segments[i], float(scores[i]), retrieval) for i in named]
        order = np.argsort(-scores)
        best = float(scores[order[0]])
        chosen: list[int] = []
        for i in order[:limit]:
            if scores[i] >= self._paragraph_ratio * best or not chosen:
                chosen.append(int(i))
        chosen += [c for i in chosen if (c := _chapeau(segments, i)) is not None]
        text, _ = self._texts[provision.key[0]]
        chosen += [c for i in chosen for c in _enumerated(segments, i, text)]
        return [
            self._passage(provision, segments[i], float(scores[i]), retrieval) for i in sorted(set(chosen))
        ]

    def _segments_of(self, provision: ProvisionHit) -> list[Segment]:
        doc_id, annex, article = provision.key
        segments = self._segments.get(doc_id, [])
        if article:
            return [s for s in segments if s.article == article and s.annex == annex]
        spans = [(h.chunk.start, h.chunk.end) for h in provision.hits]
        return [s for s in segments if not s.article and any(a <= s.start < b for a, b in spans)]

    def _score(
        self, retrieval: Retrieval, provision: ProvisionHit, segments: list[Segment], question: str
    ) -> np.ndarray:
        """½ the similarity of the chunk holding the paragraph + ½ the idf-weighted share of
        the query's terms the paragraph contains, the user's own words (not those inherited
        from earlier turns or added by the thesaurus) counting double (`_CHUNK_SHARE`,
        `_OWN_WORD_WEIGHT`). Paragraphs are not embedded one by one: their chunk's score
        already says how close that text is."""
        text, _ = self._texts[provision.key[0]]
        chunk_scores = [(h.chunk.start, h.chunk.end, h.score) for h in provision.hits]
        dense = np.array(
            [max((sc for a, b, sc in chunk_scores if a <= s.start < b), default=0.0) for s in segments]
        )
        own = set(content_terms(question))
        weights = {
            t: self._lexical.idf(t) * (_OWN_WORD_WEIGHT if t in own else 1)
            for t in own | set(content_terms(retrieval.lexical_text))
        }
        total = sum(weights.values()) or 1.0
        lexical = np.array(
            [
                sum(weights[t] for t in weights.keys() & set(content_terms(text[s.start : s.end]))) / total
                for s in segments
            ]
        )
        return _CHUNK_SHARE * dense + (1 - _CHUNK_SHARE) * lexical

    def _passage(
        self, provision: ProvisionHit, segment: Segment, score: float, retrieval: Retrieval
    ) -> Passage:
        doc_id = provision.key[0]
        text, page_offsets = self._texts[doc_id]
        start, end = _best_span(text, segment.start, segment.end, set(content_terms(retrieval.lexical_text)))
        record = self._documents[doc_id]
        return Passage(
            doc_id=doc_id,
            title=record.label,
            kind=record.kind,
            annex=segment.annex,
            article=segment.article,
            article_title=segment.article_title,
            paragraph=segment.paragraph,
            section=segment.section or segment.chapter or segment.part,
            start=start,
            end=end,
            quote=text[start:end],
            page=page_at(page_offsets, start),
            score=score,
            reason=provision.why,
        )


def provision_of(passage: Passage) -> ProvisionKey:
    return ProvisionKey(passage.doc_id, passage.annex, passage.article)


def _named_paragraphs(
    retrieval: Retrieval, provision: ProvisionHit, segments: list[Segment]
) -> list[int] | None:
    """Segments a reference in the question points at; None when the provision was not named."""
    doc_id, _, article = provision.key
    refs = [r for r in retrieval.references if r.article == article and r.doc_id in (doc_id, None)]
    if not refs:
        return None
    wanted = [r.paragraph for r in refs if r.paragraph]
    if not wanted:
        return list(range(min(_NAMED_QUOTES, len(segments))))
    chosen = [
        i
        for i, s in enumerate(segments)
        if any(s.paragraph == p or s.paragraph.startswith(p + "(") for p in wanted)
    ]
    chosen += [c for i in chosen if (c := _chapeau(segments, i)) is not None]
    return sorted(set(chosen)) or list(range(min(_NAMED_QUOTES, len(segments))))


def _chapeau(segments: list[Segment], index: int) -> int | None:
    """The opening segment of the paragraph a sub-paragraph belongs to ("2." for "2(a)")."""
    paragraph = segments[index].paragraph
    if "(" not in paragraph:
        return None
    parent = paragraph.rsplit("(", 1)[0]
    for i in range(index - 1, -1, -1):
        if segments[i].paragraph == parent:
            return i
    return None


def _enumerated(segments: list[Segment], index: int, text: str) -> list[int]:
    """The sub-paragraphs completing a numbered paragraph that ends in a colon ("... may:")."""
    segment = segments[index]
    if not segment.paragraph or "(" in segment.paragraph:
        return []
    if not text[segment.start : segment.end].rstrip().endswith(":"):
        return []
    paragraph = segment.paragraph
    children = []
    for i in range(index + 1, len(segments)):
        if not segments[i].paragraph.startswith(paragraph + "("):
            break
        children.append(i)
    return children[:_MAX_ENUMERATED]


def _best_span(text: str, start: int, end: int, terms: set[str]) -> tuple[int, int]:
    """The whole paragraph when short; else the run of sentences around its best sentence."""
    if end - start <= _MAX_QUOTE:
        return start, end
    sentences = [
        (start + m.start(), start + m.end()) for m in _SENTENCE.finditer(text[start:end]) if m.group().strip()
    ]
    scored = [len(terms & set(content_terms(text[a:b]))) for a, b in sentences]
    best = int(np.argmax(scored)) if scored else 0
    first, last = best, best
    while last + 1 < len(sentences) and sentences[last + 1][1] - sentences[first][0] <= _MAX_QUOTE:
        last += 1
    while first > 0 and sentences[last][1] - sentences[first - 1][0] <= _MAX_QUOTE:
        first -= 1
    span_start, span_end = sentences[first][0], sentences[last][1]
    while span_end > span_start and text[span_end - 1].isspace():
        span_end -= 1
    return span_start, span_end
