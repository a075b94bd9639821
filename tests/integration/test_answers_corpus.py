"""Answers over the real corpus: the right provisions, quoted verbatim at the right page."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from advisor.legal.thesaurus import Thesaurus
from advisor.models import ProvisionKey
from advisor.pipeline import Advisor

MUTATIS_MUTANDIS = [
    pytest.param(
        "A migrant smuggler we charged has fled abroad. Can we ask for him to be sent back for trial?",
        "16",
        # The fitted fusion trusts headnote BM25 ("charged", "migrant" → Protocol 5, 6) far above
        # the thesaurus's "extradition"; a known miss of the learned ranking (closing note of
        # issue 9), kept strict so that it shows when it is fixed.
        marks=pytest.mark.xfail(
            strict=True, reason="learned fusion ranks UNTOC 16 below the Protocol's 5 and 6"
        ),
    ),
    pytest.param(
        "In a migrant smuggling case, can we confiscate the boats and the smugglers' profits?",
        "12",
        # With the provision-as-a-whole signal the Protocol's sea articles (7, 8: "boats") lead,
        # UNTOC 12 comes fourth; the signal raised validation first citations (0.395 -> 0.421),
        # so this miss is kept in view rather than fitted away.
        marks=pytest.mark.xfail(strict=True, reason="UNTOC 12 ranks fourth, after the Protocol's 7, 8 and 3"),
    ),
    ("Can the company that chartered the smuggling boat itself be held liable?", "10"),
    (
        "A smuggler keeps threatening the migrant who agreed to testify. What protection must we offer her?",
        "24",
    ),
]


@pytest.fixture(scope="module")
def advisor(corpus_index, embedder) -> Advisor:
    return Advisor.load(corpus_index, embedder=embedder)


@pytest.mark.parametrize(("question", "article"), MUTATIS_MUTANDIS)
def test_smuggling_cases_find_the_convention_article_that_applies_mutatis_mutandis(
    advisor, question, article
):
    run = advisor.run(question)
    assert not run.answer.abstained
    assert ("untoc", "", article) in [p.key for p in run.retrieval.provisions[:3]]


def test_the_protocol_named_by_its_alias_and_article_is_quoted_at_rank_one(advisor):
    answer = advisor.ask("art. 8(7) SOM protocol")
    assert (
        answer.citations[0].provision == "Article 8(7)" and answer.citations[0].doc_id == "smuggling-protocol"
    )


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    "question",
    [
        "What must a State do after boarding a foreign vessel with the flag State's authorisation?",
        "Who counts as a refugee?",
        "What is a vessel without nationality and what may we do with it on the high seas?",
        "What must States do about fraudulent travel documents?",
    ],
)
def test_every_quote_is_verbatim_and_on_the_cited_page_of_the_pdf(advisor, shared_dir, question):
    answer = advisor.ask(question)
    assert answer.citations
    for citation in answer.citations:
        text, _ = advisor.catalog.text_of(citation.doc_id)
        assert text[citation.start : citation.end] == citation.quote
        source = advisor.document(citation.doc_id).source_path
        if source.endswith(".pdf"):
            page_text = _normalised(PdfReader(source).pages[citation.page - 1].extract_text())
            opening = _normalised(citation.quote)[:40]
            assert opening in page_text, f"{citation.provision} not on page {citation.page}"


@pytest.mark.parametrize(
    "question",
    [
        "What is the maximum prison sentence for smuggling migrants in Italy?",
        "How many migrants drowned in the Mediterranean last year?",
        "Who was the first judge to apply the Protocol?",
    ],
)
def test_questions_the_documents_do_not_answer_are_declined(advisor, question):
    answer = advisor.ask(question)
    assert answer.abstained and not answer.citations and "do not cover" in answer.answer


def test_every_thesaurus_entry_names_provisions_of_the_corpus(advisor) -> None:
    missing = [
        (entry.terms, served)
        for entry in Thesaurus.load().entries
        for served in entry.serves
        if not advisor.retriever.provision_chunks(ProvisionKey(*_doc_and_article(served)))
    ]
    assert not missing


def _doc_and_article(served: str) -> tuple[str, str, str]:
    doc_id, article = served.split(":")
    return doc_id, "", article
