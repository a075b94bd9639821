"""Which provisions a quiz is drawn from: a document's articles (a range, a chapter) or the
provisions retrieval finds for a topic, each cut into the clauses items quote.

A clause is a numbered paragraph with the sub-paragraphs it introduces ("2. ... may:" with its
(a), (b), (c)), or an unnumbered paragraph: a slice of the document's cleaned text, so every
item's quote, page and pinpoint are exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from advisor.answering.passages import pinpoint
from advisor.errors import InvalidSelection, UnknownDocument
from advisor.index.catalog import Catalog
from advisor.ingest.loaders.base import page_at
from advisor.ingest.structure import Segment
from advisor.models import COMMENTARY, DocumentRecord, ProvisionKey, unit_label

#: Provisions a topic draws on: enough for a 20-item quiz without drifting off the topic.
TOPIC_PROVISIONS = 8
_RANGE = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")
_FIRST_NUMBER = re.compile(r"\d+")
#: Most articles an `--articles` range may span: a typo like "1-9999" is refused, not walked.
_MAX_RANGE = 500


@dataclass(frozen=True)
class Clause:
    """A paragraph and its sub-paragraphs: `text == document text[start:end]`."""

    paragraph: str
    start: int
    end: int
    text: str
    page: int | None


@dataclass(frozen=True)
class SelectedProvision:
    record: DocumentRecord
    annex: str
    article: str
    title: str
    chapter: str
    clauses: tuple[Clause, ...]
    #: The whole document's cleaned text and page offsets, shared by its provisions.
    document_text: str = field(repr=False, compare=False)
    page_offsets: tuple[int, ...] = field(repr=False, compare=False)

    def page(self, offset: int) -> int | None:
        return page_at(self.page_offsets, offset)

    @property
    def key(self) -> ProvisionKey:
        return ProvisionKey(self.record.doc_id, self.annex, self.article)

    @property
    def label(self) -> str:
        """ "Smuggling of Migrants Protocol, Article 6", as `Quiz.provisions` lists them."""
        return f"{self.record.label}, {unit_label(self.annex, self.article)}"

    def pinpoint(self, clause: Clause) -> str:
        return pinpoint(self.annex, self.article, clause.paragraph)

    @property
    def start(self) -> int:
        return self.clauses[0].start

    @property
    def end(self) -> int:
        return self.clauses[-1].end


@dataclass(frozen=True)
class Scope:
    """What a trainer asked for; `doc` defaults to the index's default instrument."""

    doc: str | None = None
    articles: str | None = None
    chapter: str | None = None
    topic: str | None = None


class ProvisionLibrary:
    """Every numbered provision of the indexed documents, read from the catalog once per doc."""

    def __init__(self, catalog: Catalog, documents: list[DocumentRecord]) -> None:
        self._catalog = catalog
        self.documents = {d.doc_id: d for d in documents}
        self._cache: dict[str, list[SelectedProvision]] = {}

    def record(self, doc_id: str) -> DocumentRecord:
        if doc_id not in self.documents:
            known = ", ".join(sorted(self.documents))
            raise UnknownDocument(f"no document {doc_id!r} in the index (indexed: {known})")
        return self.documents[doc_id]

    def of(self, doc_id: str) -> list[SelectedProvision]:
        if doc_id not in self._cache:
            record = self.record(doc_id)
            text, offsets = self._catalog.text_of(doc_id)
            self._cache[doc_id] = _provisions(record, self._catalog.segments_of(doc_id), text, offsets)
        return self._cache[doc_id]

    def find(self, key: ProvisionKey) -> SelectedProvision | None:
        if key.doc_id not in self.documents:
            return None
        return next((p for p in self.of(key.doc_id) if p.key == key), None)

    @cached_property
    def english_treaties(self) -> list[str]:
        return [d for d, r in self.documents.items() if r.kind == "treaty" and not r.edition_of]


def select_in_document(library: ProvisionLibrary, doc_id: str, scope: Scope) -> list[SelectedProvision]:
    """The provisions of `doc_id` inside the scope's articles and chapter; `InvalidSelection`
    naming what exists when nothing is left."""
    provisions = library.of(doc_id)
    wanted = parse_articles(scope.articles) if scope.articles else None
    chosen = [
        p
        for p in provisions
        if (wanted is None or _in_articles(p.article, wanted)) and _in_chapter(p.chapter, scope.chapter)
    ]
    if not chosen:
        asked = " and ".join(
            part
            for part in (
                f"articles {scope.articles}" if scope.articles else "",
                f"chapter {scope.chapter}" if scope.chapter else "",
            )
            if part
        )
        have = ", ".join(dict.fromkeys(p.article for p in provisions[:40])) or "none"
        raise InvalidSelection(
            f"{library.record(doc_id).label} has no provision in {asked or 'it'} (its articles: {have})"
        )
    return chosen


def parse_articles(spec: str) -> list[tuple[int, int] | str]:
    """ "3-6" or "1,3,5-7" (or a unit label such as "5.A"): ranges by number, the rest as is."""
    parts: list[tuple[int, int] | str] = []
    for raw in spec.split(","):
        item = raw.strip()
        if not item:
            raise InvalidSelection(f"empty item in --articles {spec!r}: write e.g. 3-6 or 1,3,5-7")
        if match := _RANGE.match(item):
            low, high = int(match[1]), int(match[2])
            if low > high or high - low > _MAX_RANGE:
                raise InvalidSelection(f"article range {item!r} is not a range from low to high")
            parts.append((low, high))
        elif "-" in item:
            raise InvalidSelection(f"article range {item!r} is not of the form 3-6")
        else:
            parts.append(item)
    return parts


def _in_articles(article: str, wanted: list[tuple[int, int] | str]) -> bool:
    number = _FIRST_NUMBER.search(article)
    for part in wanted:
        if isinstance(part, str):
            if article.lower() == part.lower():
                return True
        elif number and part[0] <= int(number.group()) <= part[1] and not _is_commentary(article):
            return True
    return False


def _is_commentary(article: str) -> bool:
    return article.endswith(COMMENTARY)


def _in_chapter(chapter: str, wanted: str | None) -> bool:
    """ "II" matches "II Smuggling of migrants by sea"; so does the chapter's full heading."""
    if not wanted:
        return True
    wanted = wanted.strip().lower().removeprefix("chapter ").strip()
    return bool(chapter) and (chapter.lower() == wanted or chapter.split()[0].lower().rstrip(".") == wanted)


def _provisions(
    record: DocumentRecord, segments: list[Segment], text: str, offsets: tuple[int, ...]
) -> list[SelectedProvision]:
    grouped: dict[tuple[str, str], list[Segment]] = {}
    for segment in segments:
        if segment.article and not segment.is_heading and text[segment.start : segment.end].strip():
            grouped.setdefault((segment.annex, segment.article), []).append(segment)
    return [
        SelectedProvision(
            record=record,
            annex=annex,
            article=article,
            title=body[0].article_title,
            chapter=body[0].chapter,
            clauses=tuple(_clauses(body, text, offsets)),
            document_text=text,
            page_offsets=offsets,
        )
        for (annex, article), body in grouped.items()
    ]


def _clauses(body: list[Segment], text: str, offsets: tuple[int, ...]) -> list[Clause]:
    """A sub-paragraph ("1(a)", "c(ii)") joins the paragraph that introduces it."""
    groups: list[list[Segment]] = []
    for segment in body:
        parent = segment.paragraph.partition("(")[0]
        is_sub = "(" in segment.paragraph and groups and groups[-1][0].paragraph == parent
        if is_sub:
            groups[-1].append(segment)
        else:
            groups.append([segment])
    clauses = []
    for group in groups:
        raw = text[group[0].start : group[-1].end]
        start = group[0].start + len(raw) - len(raw.lstrip())
        end = group[-1].end - (len(raw) - len(raw.rstrip()))
        clauses.append(Clause(group[0].paragraph, start, end, text[start:end], page_at(offsets, start)))
    return clauses
