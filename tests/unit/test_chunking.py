"""Chunks: never across articles, within the embedder's window, quotable as they are."""

from __future__ import annotations

import pytest

from advisor.index.embeddings import Embedder
from advisor.ingest.chunking import chunk_document
from tests.builders import HARBOUR_TREATY, document


@pytest.fixture(scope="module")
def count_tokens(embedder: Embedder):
    return embedder.count_tokens


def _long_article(paragraphs: int) -> list[tuple[str, int | None]]:
    body = [
        (f"{n}. Each State Party shall keep a register of pilots licensed in harbour number {n}, "
         f"and shall review that register every {n + 1} years in consultation with the other States Parties.", None)
        for n in range(1, paragraphs + 1)
    ]  # fmt: skip
    return [
        ("Article 1. Registers", 4),
        *body,
        ("Article 2. Review", 4),
        ("States Parties shall meet.", None),
    ]


def test_chunk_never_spans_two_articles(count_tokens):
    doc = document(_long_article(12))
    for chunk in chunk_document(doc, count_tokens, 96):
        heads = [s for s in ("Article 1", "Article 2") if s in chunk.text]
        assert not heads, "headings belong in the context line, not the text"
        assert chunk.article in {"1", "2"}
    article2 = [c for c in chunk_document(doc, count_tokens, 96) if c.article == "2"]
    assert [c.text for c in article2] == ["States Parties shall meet."]


def test_chunk_text_is_an_exact_slice_of_the_document(count_tokens):
    doc = document(HARBOUR_TREATY)
    for chunk in chunk_document(doc, count_tokens, 256):
        assert doc.text[chunk.start : chunk.end] == chunk.text


def test_context_line_names_instrument_article_title_and_paragraph(count_tokens):
    doc = document(_long_article(12))
    first = chunk_document(doc, count_tokens, 64)[0]
    assert first.context == "Harbour Convention, Article 1 — Registers, para. 1"


def test_every_chunk_fits_the_window_with_its_context_line(count_tokens):
    doc = document(_long_article(30))
    chunks = chunk_document(doc, count_tokens, 96)
    assert len(chunks) > 5
    assert max(count_tokens(c.embed_text) + 2 for c in chunks) <= 96


def test_long_articles_split_between_numbered_paragraphs(count_tokens):
    doc = document(_long_article(12))
    pieces = [chunk for chunk in chunk_document(doc, count_tokens, 96) if chunk.article == "1"]
    assert len(pieces) > 1, "the article is long enough to be split"
    for chunk in pieces:
        assert chunk.text[0].isdigit() and chunk.text.endswith("States Parties.")


def test_a_paragraph_longer_than_the_window_is_cut_at_sentence_ends(count_tokens):
    sentence = "The harbour master shall record every vessel that enters the harbour at night."
    doc = document([("Article 1. Records", 4), (" ".join([sentence] * 12), None)])
    chunks = chunk_document(doc, count_tokens, 64)
    assert len(chunks) > 1
    assert all(c.text.endswith("night.") for c in chunks)
    assert " ".join(c.text for c in chunks) == doc.text[chunks[0].start :]


def test_chunk_ids_are_stable_and_change_only_with_content(count_tokens):
    parts = _long_article(12)
    before = [c.id for c in chunk_document(document(parts), count_tokens, 96)]
    again = [c.id for c in chunk_document(document(parts), count_tokens, 96)]
    edited = list(parts)
    edited[-1] = ("States Parties shall meet every year.", None)
    after = [c.id for c in chunk_document(document(edited), count_tokens, 96)]
    assert before == again
    assert len(set(before) - set(after)) == 1


def test_chunks_know_their_first_and_last_page(count_tokens):
    parts = _long_article(4)
    pages = [1, 1, 1, 2, 2, 3, 3]
    chunks = chunk_document(document(parts, pages=pages), count_tokens, 256)
    article1 = next(c for c in chunks if c.article == "1")
    assert (article1.page_start, article1.page_end) == (1, 2)
