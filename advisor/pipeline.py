"""The one pipeline the CLI, the server and the evaluation share: loaded once, asked many times.

`Advisor.load(settings)` opens the catalog, reads the chunks' vectors from the store into
memory, loads the embedder, builds the BM25 index and the instrument registry; `ask()` then runs
retrieve → answer → verify without a round trip to the store.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from advisor.answering import Answerer, make_answerer
from advisor.answering.passages import PassageSelector
from advisor.config import Settings
from advisor.errors import IndexNotReady, InvalidQuestion, UnknownDocument
from advisor.index.catalog import Catalog
from advisor.index.embeddings import Embedder
from advisor.index.lexical import LexicalIndex
from advisor.index.multilingual import MultilingualEmbedder
from advisor.index.store import open_store
from advisor.index.vectors import ChunkVectors
from advisor.ingest.loaders.base import page_at
from advisor.legal.instruments import Instruments
from advisor.legal.languages import LanguageDetector
from advisor.legal.thesaurus import Thesaurus
from advisor.models import Answer, Chunk, DocumentRecord, Filters, Provision, Turn
from advisor.retrieval.dense import DenseSpace, MatrixSpace
from advisor.retrieval.followup import ResolvedQuestion, resolve_followup
from advisor.retrieval.fusion import Fusion
from advisor.retrieval.headnotes import Headnotes
from advisor.retrieval.questions import check_question
from advisor.retrieval.retriever import Retrieval, Retriever

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Run:
    """One question's journey: what was searched, what was found, what was answered."""

    answer: Answer
    retrieval: Retrieval
    resolved: ResolvedQuestion


@dataclass
class Advisor:
    settings: Settings
    catalog: Catalog
    embedder: Embedder
    instruments: Instruments
    retriever: Retriever
    answerer: Answerer
    documents: list[DocumentRecord]
    vocabulary: frozenset[str]
    languages: LanguageDetector

    @classmethod
    def load(cls, settings: Settings, embedder: Embedder | None = None) -> Advisor:
        """Everything a question needs, loaded once; `IndexNotReady` when nothing is indexed."""
        started = time.perf_counter()
        catalog = Catalog.open_existing(settings.catalog_path)
        documents = catalog.documents()
        if not documents:
            raise IndexNotReady(f"the index at {settings.index_dir} is empty: run `advisor ingest PATH...`")
        embedder = embedder or Embedder(settings)
        lexical = LexicalIndex(catalog.chunks())
        instruments = Instruments.for_documents(documents)
        kinds = {d.doc_id: d.kind for d in documents}
        thesaurus = Thesaurus.load(settings.thesaurus_path)
        chunks = lexical.chunks
        headnotes = Headnotes.build(chunks, embedder, settings.headnotes_path, settings.keywords_path)
        english = _in_memory(settings, chunks, kinds)
        multilingual = _multilingual(settings, chunks, kinds)
        fusion = Fusion.load(settings.fusion_path)
        retriever = Retriever(
            settings,
            english,
            embedder,
            lexical,
            instruments,
            thesaurus,
            headnotes,
            kinds,
            fusion,
            multilingual,
        )
        vocabulary = frozenset(lexical.vocabulary | instruments.vocabulary())
        selector = PassageSelector(catalog, lexical, documents, settings.paragraph_ratio)
        advisor = cls(
            settings=settings,
            catalog=catalog,
            embedder=embedder,
            instruments=instruments,
            retriever=retriever,
            answerer=make_answerer(settings, selector, instruments, vocabulary, embedder),
            documents=documents,
            vocabulary=vocabulary,
            languages=LanguageDetector(),
        )
        embedder.embed_query("warm-up")  # load the models now, not on the first question
        if multilingual is not None:
            multilingual[0].embed_query("warm-up")
        log.info("advisor ready in %.1f s (%d documents)", time.perf_counter() - started, len(documents))
        return advisor

    def run(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None) -> Run:
        """Answer `question` (after `history`), keeping the retrieval for those who score it."""
        started = time.perf_counter()
        resolved, retrieval = self._retrieve(question, history, filters or Filters())
        retrieved = time.perf_counter()
        answer = self.answerer.answer(resolved.question, resolved, retrieval)
        answer.timings_ms.update(_timings(started, retrieved, time.perf_counter()))
        return Run(answer, retrieval, resolved)

    def ask(self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None) -> Answer:
        """Answer `question` (after `history`) from the indexed documents, with citations."""
        return self.run(question, history, filters).answer

    def stream(
        self, question: str, history: Sequence[Turn] = (), filters: Filters | None = None
    ) -> Iterator[str | Answer]:
        """The answer's text as it is produced, then the complete (verified) `Answer`."""
        started = time.perf_counter()
        resolved, retrieval = self._retrieve(question, history, filters or Filters())
        retrieved = time.perf_counter()
        for item in self.answerer.stream(resolved.question, resolved, retrieval):
            if isinstance(item, Answer):
                item.timings_ms.update(_timings(started, retrieved, time.perf_counter()))
            yield item

    def provision(self, doc_id: str, article: str, annex: str = "") -> Provision:
        """The full text of one provision, heading included, with its pages ("open the source")."""
        record = self.document(doc_id)
        segments = [s for s in self.catalog.segments_of(doc_id) if s.article == article and s.annex == annex]
        if not segments:
            raise UnknownDocument(
                f"{record.label} has no article {article}" + (f" in annex {annex}" if annex else "")
            )
        text, page_offsets = self.catalog.text_of(doc_id)
        start, end = segments[0].start, segments[-1].end
        return Provision(
            doc_id=doc_id,
            title=record.label,
            annex=annex,
            article=article,
            article_title=segments[0].article_title,
            text=text[start:end],
            start=start,
            end=end,
            page_start=page_at(page_offsets, start),
            page_end=page_at(page_offsets, max(start, end - 1)),
        )

    def document(self, doc_id: str) -> DocumentRecord:
        for record in self.documents:
            if record.doc_id == doc_id:
                return record
        raise UnknownDocument(f"no document {doc_id!r} in the index (see `advisor documents`)")

    def _retrieve(
        self, question: str, history: Sequence[Turn], filters: Filters
    ) -> tuple[ResolvedQuestion, Retrieval]:
        question = check_question(question, self.settings.max_question_chars)
        language = self.languages.detect(question)
        resolved = resolve_followup(
            question,
            history,
            self.instruments,
            self.settings.default_instrument,
            self.answerer.condense,
            language,
        )
        asked = resolved.asked or question
        if resolved.switched_to:
            filters = filters.narrowed_to(self.instruments.with_parents(resolved.switched_to))
        retrieval = self.retriever.retrieve(
            resolved.search_text, filters, resolved.carried, asked=asked, language=language
        )
        return resolved, retrieval

    def filters(self, doc_ids: Sequence[str] = (), kinds: Sequence[str] = ()) -> Filters:
        """Filters for `ask`, checked against the index so a typo is an error, not silence."""
        known = {d.doc_id for d in self.documents}
        unknown = [d for d in doc_ids if d not in known]
        if unknown:
            raise UnknownDocument(
                f"not in the index: {', '.join(unknown)} (indexed: {', '.join(sorted(known))})"
            )
        known_kinds = {d.kind for d in self.documents}
        wrong = [k for k in kinds if k not in known_kinds]
        if wrong:
            indexed = ", ".join(sorted(known_kinds))
            asked = ", ".join(wrong)
            raise InvalidQuestion(f"no indexed document is of kind {asked} (indexed kinds: {indexed})")
        return Filters(tuple(doc_ids), tuple(kinds))


def _in_memory(settings: Settings, chunks: list[Chunk], kinds: dict[str, str]) -> MatrixSpace:
    """The chunks' vectors in the collection `settings` name, read once from the store."""
    return MatrixSpace(ChunkVectors.load(open_store(settings), [c.id for c in chunks]), chunks, kinds)


def _multilingual(
    settings: Settings, chunks: list[Chunk], kinds: dict[str, str]
) -> tuple[MultilingualEmbedder, DenseSpace] | None:
    """The multilingual embedder and the chunks' vectors in its space, when it is switched on
    and the index has them (an index built with it off answers English only)."""
    if settings.multilingual is None:
        return None
    space = _in_memory(settings.multilingual, chunks, kinds)
    if space.empty:
        log.warning("no multilingual vectors in %s: questions are read as English", settings.index_dir)
        return None
    return MultilingualEmbedder(settings.multilingual), space


def _timings(started: float, retrieved: float, answered: float) -> dict[str, float]:
    return {
        "retrieve": _ms(started, retrieved),
        "answer": _ms(retrieved, answered),
        "total": _ms(started, answered),
    }


def _ms(start: float, end: float) -> float:
    return round((end - start) * 1000, 1)
