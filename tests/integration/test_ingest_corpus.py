"""Acceptance checks for ingesting the shared corpus: what Chroma and the catalog end up holding.

The treaties exist as typeset PDFs (running header = the instrument's short title and "United
Nations", page numbers) and as the Markdown they were typeset from. The index is built from the
PDFs, so the Markdown is the reference: every article it has must be findable by its number in
Chroma's metadata, and its chunks must quote the article's words without page furniture.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader
from rapidfuzz import fuzz

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.store import open_store

pytestmark = pytest.mark.integration

BROCHURE = "unodc-som-services"
#: Instruments whose article text is compared word for word (the ones the advisor is about).
QUOTED_INSTRUMENTS = ("smuggling-protocol", "untoc")
#: Per article, chunk text against Markdown text, after normalising whitespace, quotes, emphasis.
MIN_SIMILARITY = 98.0
#: Printed on every page of every PDF, beside the instrument's short title.
SHARED_HEADER = "United Nations"

_ARTICLE_HEADING = re.compile(r"^#### Article (\w+)(?:\.\s|$)")
_ANNEX_HEADING = re.compile(r"^## Annex (\w+)\b")
_HEADING = re.compile(r"^#{1,6}\s")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_EMPHASIS = re.compile(r"[*_]")

ArticleKey = tuple[str, str]  # (annex or "", article number): UNCLOS annexes restart at 1


@dataclass(frozen=True)
class ChromaChunk:
    """One row as Chroma holds it: the stored text and the metadata retrieval filters on."""

    id: str
    text: str
    metadata: dict

    @property
    def doc_id(self) -> str:
        return self.metadata["doc_id"]

    @property
    def key(self) -> ArticleKey:
        return (self.metadata["annex"], self.metadata["article"])


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture(scope="module")
def manifest(corpus: Path) -> dict[str, dict]:
    return {entry["id"]: entry for entry in json.loads((corpus / "manifest.json").read_text())}


@pytest.fixture(scope="module")
def treaties(manifest: dict[str, dict]) -> list[str]:
    return sorted(doc_id for doc_id, entry in manifest.items() if entry["kind"] == "treaty")


@pytest.fixture(scope="module")
def chroma_chunks(corpus_index: Settings) -> list[ChromaChunk]:
    """Read back from the Chroma collection itself, not from the catalog's copy."""
    collection = open_store(corpus_index)._collection
    got = collection.get(include=["metadatas", "documents"])
    return [
        ChromaChunk(i, text, meta)
        for i, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
    ]


@pytest.fixture(scope="module")
def catalog(corpus_index: Settings) -> Catalog:
    return Catalog.open_existing(corpus_index.catalog_path)


@pytest.fixture(scope="module")
def pdf_pages(catalog: Catalog) -> dict[str, int]:
    """Page count of each document read from a PDF, as pypdf counts them."""
    return {
        record.doc_id: len(PdfReader(record.source_path).pages)
        for record in catalog.documents()
        if record.source_path.endswith(".pdf")
    }


def markdown_articles(path: Path) -> dict[ArticleKey, str]:
    """Each article's body: the lines after its heading, up to the next heading of any level."""
    articles: dict[ArticleKey, list[str]] = {}
    annex, current = "", None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not _HEADING.match(line):
            if current is not None:
                articles[current].append(line)
            continue
        if annex_match := _ANNEX_HEADING.match(line):
            annex = annex_match.group(1)
        article = _ARTICLE_HEADING.match(line)
        current = (annex, article.group(1)) if article else None
        if current is not None:
            assert current not in articles, f"{current} twice in {path.name}"
            articles[current] = []
    return {key: "\n".join(lines) for key, lines in articles.items()}


def normalise(text: str) -> str:
    """Compare words, not typography: the PDFs print Markdown emphasis as literal asterisks."""
    return " ".join(_EMPHASIS.sub("", text.translate(_QUOTES)).split())


def article_texts(chunks: list[ChromaChunk], doc_id: str) -> dict[ArticleKey, str]:
    """Each article's chunks, in reading order, joined with a space."""
    by_article: dict[ArticleKey, list[ChromaChunk]] = {}
    for chunk in chunks:
        if chunk.doc_id == doc_id and chunk.metadata["article"]:
            by_article.setdefault(chunk.key, []).append(chunk)
    return {
        key: " ".join(c.text for c in sorted(group, key=lambda c: c.metadata["ordinal"]))
        for key, group in by_article.items()
    }


def bare_numbers(text: str) -> Counter[str]:
    return Counter(line.strip() for line in text.splitlines() if line.strip().isdigit())


def is_running_header(line: str, short_title: str) -> bool:
    """A header line, possibly with the page number printed beside it ("United Nations 12")."""
    return re.sub(r"\s*\d+$", "", line.strip()) in (SHARED_HEADER, short_title)


def test_every_pdf_and_the_brochure_are_ingested(catalog: Catalog, corpus: Path) -> None:
    expected = {path.stem for path in corpus.glob("*.pdf")} | {BROCHURE}
    assert len(expected) == 9
    assert {record.doc_id for record in catalog.documents()} == expected


def test_treaties_are_read_from_their_pdfs(catalog: Catalog, treaties: list[str]) -> None:
    sources = {record.doc_id: Path(record.source_path).suffix for record in catalog.documents()}
    assert {doc_id: sources.get(doc_id) for doc_id in treaties} == dict.fromkeys(treaties, ".pdf")
    assert sources[BROCHURE] == ".md"


def test_chroma_holds_exactly_the_catalogued_chunks(
    catalog: Catalog, chroma_chunks: list[ChromaChunk]
) -> None:
    assert {chunk.id for chunk in chroma_chunks} == catalog.chunk_ids()


def test_markdown_reference_has_as_many_articles_as_the_manifest_counts(
    corpus: Path, manifest: dict[str, dict], treaties: list[str]
) -> None:
    """Guards the reference parser below: an article it missed would go unchecked."""
    counts = {doc_id: len(markdown_articles(corpus / f"{doc_id}.md")) for doc_id in treaties}
    assert counts == {doc_id: manifest[doc_id]["articles"] for doc_id in treaties}


def test_every_article_has_a_chunk_with_its_number_in_chroma_metadata(
    corpus: Path, treaties: list[str], chroma_chunks: list[ChromaChunk]
) -> None:
    indexed = {(chunk.doc_id, *chunk.key) for chunk in chroma_chunks}
    missing = [
        (doc_id, *key)
        for doc_id in treaties
        for key in markdown_articles(corpus / f"{doc_id}.md")
        if (doc_id, *key) not in indexed
    ]
    assert not missing, f"{len(missing)} articles without a chunk, e.g. {missing[:10]}"


@pytest.mark.parametrize("doc_id", QUOTED_INSTRUMENTS)
def test_article_chunks_read_as_the_markdown_article(
    doc_id: str, corpus: Path, chroma_chunks: list[ChromaChunk]
) -> None:
    reference = markdown_articles(corpus / f"{doc_id}.md")
    indexed = article_texts(chroma_chunks, doc_id)
    scores = {
        key: fuzz.ratio(normalise(indexed.get(key, "")), normalise(body)) for key, body in reference.items()
    }
    below = {key: round(score, 1) for key, score in scores.items() if score < MIN_SIMILARITY}
    assert not below, (
        f"{doc_id}: min similarity {min(scores.values()):.1f} over "
        f"{len(scores)} articles; below {MIN_SIMILARITY}: {below}"
    )


def test_no_running_header_is_left_in_chunk_text(
    chroma_chunks: list[ChromaChunk], manifest: dict[str, dict]
) -> None:
    residue = [
        (chunk.id, line)
        for chunk in chroma_chunks
        for line in chunk.text.splitlines()
        if is_running_header(line, manifest[chunk.doc_id]["short_title"])
    ]
    assert not residue, f"{len(residue)} header lines left, e.g. {residue[:5]}"


def test_no_page_number_is_left_in_chunk_text(
    chroma_chunks: list[ChromaChunk], corpus: Path, manifest: dict[str, dict]
) -> None:
    """Bare numbers on their own line are page numbers, except where the document itself has
    them (UNCLOS's Final Act numbers its resolutions' paragraphs "1", "2"... on their own
    line): each document's chunks may hold no more of them than its Markdown does."""
    found: dict[str, Counter[str]] = {}
    for chunk in chroma_chunks:
        found.setdefault(chunk.doc_id, Counter()).update(bare_numbers(chunk.text))
    extra = {
        doc_id: dict(numbers - bare_numbers((corpus / f"{doc_id}.md").read_text()))
        for doc_id, numbers in found.items()
    }
    extra = {doc_id: numbers for doc_id, numbers in extra.items() if numbers}
    assert not extra, f"bare-number lines beyond the Markdown's (number: count): {extra}"


def test_chunk_pages_lie_within_the_pdf(chroma_chunks: list[ChromaChunk], pdf_pages: dict[str, int]) -> None:
    pages = [
        (chunk.id, chunk.metadata["page_start"], chunk.metadata["page_end"], pdf_pages[chunk.doc_id])
        for chunk in chroma_chunks
        if chunk.doc_id in pdf_pages
    ]
    wrong = [page for page in pages if not 1 <= page[1] <= page[2] <= page[3]]
    assert pages and not wrong, f"{len(wrong)} (chunk, first, last, of pages), e.g. {wrong[:5]}"


def test_catalogued_documents_have_the_pdf_page_count(catalog: Catalog, pdf_pages: dict[str, int]) -> None:
    counted = {record.doc_id: record.page_count for record in catalog.documents()}
    assert {doc_id: counted[doc_id] for doc_id in pdf_pages} == pdf_pages


def test_chunk_offsets_slice_the_catalogued_text(chroma_chunks: list[ChromaChunk], catalog: Catalog) -> None:
    texts = {record.doc_id: catalog.text_of(record.doc_id)[0] for record in catalog.documents()}
    wrong = [
        chunk.id
        for chunk in chroma_chunks
        if texts[chunk.doc_id][chunk.metadata["start"] : chunk.metadata["end"]] != chunk.text
    ]
    assert not wrong, f"{len(wrong)} chunks whose offsets do not give their text, e.g. {wrong[:5]}"
