"""The shared corpus PDFs read back as the Markdown they were typeset from.

Each treaty exists as Markdown and as a typeset PDF (running header, page numbers, paragraphs
broken across pages). Reading the PDF must give every article's text as the Markdown has it:
no header left behind, no paragraph lost at a page break, and headings on their real page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from pypdf import PdfReader
from rapidfuzz import fuzz

from advisor.corpus.manifest import DocumentSpec, load_manifest
from advisor.ingest.loaders import LoadedDocument, load_document

pytestmark = pytest.mark.integration

DOCUMENTS = (
    "firearms-protocol",
    "refugee-convention",
    "refugee-protocol",
    "smuggling-protocol",
    "trafficking-protocol",
    "uncac",
    "unclos",
    "untoc",
)
#: Per article, PDF text against Markdown text, after normalising whitespace and quotes.
MIN_SIMILARITY = 98.0
RUNNING_FOOTER = "United Nations"

_ARTICLE = re.compile(r"^Article\s+([0-9]+|[IVXLC]+)\b")
_ANNEX = re.compile(r"^Annex\s+([IVXLC0-9]+)\b", re.IGNORECASE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

ArticleKey = tuple[str, str]  # (annex or "", article number): UNCLOS annexes restart at 1


@cache
def _load(path: Path) -> LoadedDocument:
    return load_document(path)


@cache
def _specs(corpus: Path) -> dict[str, DocumentSpec]:
    return {spec.id: spec for spec in load_manifest(corpus / "manifest.json")}


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


def normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


@dataclass(frozen=True)
class Article:
    heading_offset: int
    paragraphs: tuple[str, ...]  # normalised body blocks up to the next heading of any kind

    @property
    def body(self) -> str:
        return " ".join(self.paragraphs)


def articles(doc: LoadedDocument) -> dict[ArticleKey, Article]:
    found: dict[ArticleKey, tuple[int, list[str]]] = {}
    annex, current = "", None
    for block in doc.blocks:
        if block.heading_level is not None:
            first_line = block.text.split("\n")[0]
            if annex_match := _ANNEX.match(first_line):
                annex = annex_match.group(1).upper()
            article = _ARTICLE.match(first_line)
            current = (annex, article.group(1)) if article else None
            if current is not None:
                assert current not in found, f"{current} twice in {doc.source_path}"
                found[current] = (block.start, [])
        elif current is not None:
            found[current][1].append(normalise(block.text))
    return {key: Article(offset, tuple(body)) for key, (offset, body) in found.items()}


def similarities(corpus: Path, name: str) -> dict[ArticleKey, float]:
    pdf = articles(_load(corpus / f"{name}.pdf"))
    markdown = articles(_load(corpus / f"{name}.md"))
    assert pdf.keys() == markdown.keys()
    return {key: fuzz.ratio(pdf[key].body, markdown[key].body) for key in markdown}


def test_every_corpus_pdf_is_covered(corpus: Path) -> None:
    assert sorted(path.stem for path in corpus.glob("*.pdf")) == sorted(DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_article_reads_as_in_the_markdown(corpus: Path, name: str) -> None:
    scores = similarities(corpus, name)
    below = {key: round(score, 1) for key, score in scores.items() if score < MIN_SIMILARITY}
    share = 1 - len(below) / len(scores)
    assert not below, (
        f"{name}: {share:.1%} of {len(scores)} articles ≥ {MIN_SIMILARITY}%; "
        f"min {min(scores.values()):.1f}; below: {below}"
    )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_article_has_the_markdown_paragraphs(corpus: Path, name: str) -> None:
    """Paragraph boundaries survive page breaks (the similarity test alone would not see a
    paragraph cut in two). Markdown tables are skipped: the PDFs print them as raw text."""
    pdf = articles(_load(corpus / f"{name}.pdf"))
    markdown = articles(_load(corpus / f"{name}.md"))
    differing = [
        key
        for key, article in markdown.items()
        if not any(" | " in paragraph for paragraph in article.paragraphs)
        and not _same_paragraphs(pdf[key].paragraphs, article.paragraphs)
    ]
    assert not differing


def _same_paragraphs(found: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    # Similar rather than equal: the PDFs print Markdown emphasis as literal asterisks.
    return len(found) == len(expected) and all(
        fuzz.ratio(a, b) >= MIN_SIMILARITY for a, b in zip(found, expected, strict=True)
    )


@pytest.mark.parametrize("name", DOCUMENTS)
def test_no_running_header_or_page_number_is_left(corpus: Path, name: str) -> None:
    pdf, markdown = _load(corpus / f"{name}.pdf"), _load(corpus / f"{name}.md")
    header = _specs(corpus)[name].short_title
    leftovers = [
        block.text
        for block in pdf.blocks
        if block.text in (header, RUNNING_FOOTER) or f"{header} {RUNNING_FOOTER}" in block.text
    ]
    assert not leftovers
    # Bare numbers are page numbers unless the Markdown has them too (UNCLOS resolutions do).
    assert _bare_numbers(pdf) == _bare_numbers(markdown)
    pdf_articles, markdown_articles = articles(pdf), articles(markdown)
    for key, article in pdf_articles.items():
        expected = markdown_articles[key].body
        for running in (header, RUNNING_FOOTER):
            assert article.body.count(running) == expected.count(running), (key, running)


def _bare_numbers(doc: LoadedDocument) -> list[str]:
    return [block.text for block in doc.blocks if block.text.isdigit()]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_article_headings_are_on_the_page_they_are_printed_on(corpus: Path, name: str) -> None:
    pdf = _load(corpus / f"{name}.pdf")
    printed = _printed_heading_pages(corpus / f"{name}.pdf")
    loaded = [(key[1], pdf.page_at(article.heading_offset)) for key, article in articles(pdf).items()]
    assert loaded == printed


def _printed_heading_pages(path: Path) -> list[tuple[str, int]]:
    """("12", page) for each line reading exactly "Article 12", from pypdf's plain text."""
    found = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        for line in page.extract_text().splitlines():
            if match := re.fullmatch(r"\s*Article\s+([0-9]+|[IVXLC]+)\s*", line):
                found.append((match.group(1), number))
    return found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_page_offsets_cover_every_page_in_order(corpus: Path, name: str) -> None:
    pdf = _load(corpus / f"{name}.pdf")
    assert pdf.page_count == len(PdfReader(corpus / f"{name}.pdf").pages)
    assert pdf.page_offsets[0] == 0
    assert list(pdf.page_offsets) == sorted(set(pdf.page_offsets))


def test_whole_pdf_corpus_loads_every_page(corpus: Path) -> None:
    """How fast it loads is measured by `evals/bench_loaders.py`, not asserted here."""
    pages = sum(load_document(corpus / f"{name}.pdf").page_count for name in DOCUMENTS)
    assert pages == sum(len(PdfReader(corpus / f"{name}.pdf").pages) for name in DOCUMENTS)
