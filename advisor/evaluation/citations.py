"""Citation accuracy: a quote must be the document's own words, inside the provision cited,
on the page cited — checked against the catalog's cleaned text, not against the answer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from advisor.evaluation.dataset import GoldProvision, provision_id
from advisor.evaluation.results import CitationCheck
from advisor.index.catalog import Catalog
from advisor.ingest.loaders.base import page_at
from advisor.ingest.structure import Segment
from advisor.models import Citation


class SourceTexts:
    """Cleaned texts and structure of indexed documents, read once per document."""

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._texts: dict[str, tuple[str, tuple[int, ...]] | None] = {}
        self._segments: dict[str, list[Segment]] = {}
        self._canonical: dict[str, str] = {}

    def text(self, doc_id: str) -> tuple[str, tuple[int, ...]] | None:
        """(cleaned text, page offsets), or None for a document the index does not hold."""
        if doc_id not in self._texts:
            try:
                self._texts[doc_id] = self._catalog.text_of(doc_id)
            except KeyError:
                self._texts[doc_id] = None
        return self._texts[doc_id]

    def canonical(self, doc_id: str) -> str:
        """The English edition's id, so an edition's article counts as that article."""
        if doc_id not in self._canonical:
            record = self._catalog.document(doc_id)
            self._canonical[doc_id] = record.edition_of if record and record.edition_of else doc_id
        return self._canonical[doc_id]

    def segments(self, doc_id: str) -> list[Segment]:
        if doc_id not in self._segments:
            try:
                self._segments[doc_id] = self._catalog.segments_of(doc_id)
            except KeyError:
                self._segments[doc_id] = []
        return self._segments[doc_id]


def check_citation(citation: Citation, sources: SourceTexts) -> CitationCheck:
    """Verbatim (quote == text[start:end]), inside the cited article, on the page of `start`."""
    found = sources.text(citation.doc_id)
    text, page_offsets = found if found else ("", ())
    own = [
        s
        for s in sources.segments(citation.doc_id)
        if s.article == citation.article and s.annex == citation.annex
    ]
    starts_inside = any(s.start <= citation.start < s.end for s in own)
    ends_inside = any(s.start < citation.end <= s.end for s in own)
    return CitationCheck(
        n=citation.n,
        provision_id=provision_id(sources.canonical(citation.doc_id), citation.article, citation.annex),
        page=citation.page,
        expected_page=page_at(page_offsets, citation.start) if found else None,
        verbatim=bool(found)
        and citation.end > citation.start
        and text[citation.start : citation.end] == citation.quote,
        in_provision=starts_inside and ends_inside,
    )


def cites_gold(checks: Sequence[CitationCheck], gold: Sequence[str]) -> bool:
    return any(c.provision_id in gold for c in checks)


def first_cited_gold(checks: Sequence[CitationCheck], gold: Sequence[str]) -> bool:
    """The provision a reader sees first is one that answers: what a practitioner relies on."""
    return bool(checks) and min(checks, key=lambda c: c.n).provision_id in gold


def evidence_quoted(quotes: Sequence[str], evidence: Sequence[str]) -> bool:
    """Some gold evidence span lies inside the quotes (joined, so a span may cross two
    consecutive paragraphs), compared on words only: gold spans come from the Markdown
    edition, quotes from the PDF, which differ in quote marks, dashes and line breaks."""
    quoted = _words(" ".join(quotes))
    return any(_words(span) and _words(span) in quoted for span in evidence)


def evidence_in_corpus(gold: Sequence[GoldProvision], sources: SourceTexts) -> bool:
    """Every gold evidence span lies in its provision's indexed text (compared on words): a
    gold span the index does not hold would make `evidence_quoted` unattainable."""
    for provision in gold:
        if not provision.evidence:
            continue
        found = sources.text(provision.doc)
        own = [s for s in sources.segments(provision.doc) if s.article == provision.article and not s.annex]
        if not found or not own:
            return False
        text = found[0][own[0].start : own[-1].end]
        if _words(provision.evidence) not in _words(text):
            return False
    return True


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def citation_summary(checks_by_item: Sequence[Sequence[CitationCheck]], gold_citing: Sequence[bool]) -> dict:
    """Shares over all quotes, and over answered answerable questions."""
    checks = [c for item in checks_by_item for c in item]
    total = len(checks)

    def share(count: int, whole: int) -> float | None:
        return round(count / whole, 4) if whole else None

    return {
        "quotes": total,
        "quote_exact_rate": share(sum(c.exact for c in checks), total),
        "verbatim_rate": share(sum(c.verbatim for c in checks), total),
        "in_provision_rate": share(sum(c.in_provision for c in checks), total),
        "page_match_rate": share(sum(c.page == c.expected_page for c in checks), total),
        "answers_citing_gold_rate": share(sum(gold_citing), len(gold_citing)),
    }
