"""Scoring one run against the catalog: citation checks, baselines, judge-free faithfulness."""

from __future__ import annotations

import pytest

from advisor.answering.verify import Verifier
from advisor.evaluation.baselines import BM25Baseline, LlamaIndexBaseline, provision_of_span
from advisor.evaluation.citations import SourceTexts, check_citation, evidence_quoted
from advisor.evaluation.dataset import provision_id
from advisor.evaluation.faithfulness import LabelledClaim, sentence_score, verifier_scores
from advisor.evaluation.ragas_metrics import failure_reason
from advisor.ingest.structure import Segment
from advisor.pipeline import Advisor
from tests.openai_server import scripted_chat_server

QUESTION = "How long is a pilot's licence valid?"
LICENCE = (
    "2. A licence shall be valid for no more than five years and may be renewed after a medical examination."
)


@pytest.fixture(scope="module")
def answer(fixture_advisor):
    return fixture_advisor.ask(QUESTION)


@pytest.fixture(scope="module")
def sources(fixture_advisor) -> SourceTexts:
    return SourceTexts(fixture_advisor.catalog)


@pytest.fixture(scope="module")
def verifier(fixture_advisor, fixture_index) -> Verifier:
    return Verifier(
        fixture_advisor.embedder, fixture_index.verifier_threshold, fixture_index.verifier_lexical_share
    )


def _known_ids(advisor) -> set[str]:
    return {provision_id(c.doc_id, c.article, c.annex) for c in advisor.catalog.chunks()}


def test_a_quote_from_the_pipeline_passes_every_check(answer, sources) -> None:
    checks = [check_citation(c, sources) for c in answer.citations]
    assert checks and all(c.exact for c in checks)


def test_an_altered_quote_is_not_verbatim(answer, sources) -> None:
    altered = answer.citations[0].model_copy(
        update={"quote": answer.citations[0].quote.replace("five", "six")}
    )
    assert not check_citation(altered, sources).verbatim


def test_a_quote_cited_to_another_article_is_outside_the_provision(answer, sources) -> None:
    misplaced = answer.citations[0].model_copy(update={"article": "4"})
    check = check_citation(misplaced, sources)
    assert check.verbatim and not check.in_provision and not check.exact


def test_a_wrong_page_makes_a_quote_inexact(answer, sources) -> None:
    assert not check_citation(answer.citations[0].model_copy(update={"page": 3}), sources).exact


def test_a_span_belongs_to_the_article_holding_most_of_it() -> None:
    segments = [
        Segment(0, 100, article="1"),
        Segment(100, 400, article="2"),
        Segment(400, 450, annex="I", article="1"),
    ]
    assert provision_of_span("treaty", segments, 50, 300) == "treaty:2"
    assert provision_of_span("treaty", segments, 500, 600) == "treaty"


def test_bm25_baseline_ranks_provisions_not_chunks(fixture_advisor) -> None:
    ranked = BM25Baseline(fixture_advisor).rank("licence valid five years medical examination").provisions
    assert ranked[0] == "pilots-protocol:2"
    assert len(ranked) == len(set(ranked)) <= 5


def test_llamaindex_baseline_maps_its_nodes_to_indexed_provisions(fixture_advisor) -> None:
    ranked = LlamaIndexBaseline(fixture_advisor).rank(QUESTION).provisions
    assert ranked and set(ranked) <= _known_ids(fixture_advisor) | {
        d.doc_id for d in fixture_advisor.documents
    }


def test_baselines_are_scored_by_the_text_they_retrieved(fixture_advisor) -> None:
    ranked = BM25Baseline(fixture_advisor).rank("licence valid five years medical examination")
    assert evidence_quoted(ranked.texts, ["valid for no more than five years"])
    assert not evidence_quoted(ranked.texts, ["valid for no more than ten years"])
    node_texts = LlamaIndexBaseline(fixture_advisor).rank(QUESTION).texts
    assert node_texts and all(node_texts)


def test_extractive_quotes_are_supported_by_their_own_passages(answer, verifier) -> None:
    score = sentence_score(answer, verifier)
    assert score.source == "quotes" and score.checked == len(answer.citations) == score.supported


def test_the_verifier_is_scored_per_kind_on_labelled_claims(verifier) -> None:
    where = {"passage": LICENCE, "doc": "pilots-protocol", "article": "2"}
    claims = [
        LabelledClaim(
            claim="A licence is valid for no more than five years.", label="supported", kind="quote", **where
        ),
        LabelledClaim(
            claim="A licence is valid for ten years.", label="unsupported", kind="wrong-number", **where
        ),
    ]
    scores = verifier_scores(claims, verifier, lambda doc: "Pilots Protocol")
    assert (scores["precision"], scores["recall"], scores["accuracy"]) == (1.0, 1.0, 1.0)
    assert set(scores["by_kind"]) == {"quote", "wrong-number"}


def test_a_generated_answer_is_scored_on_its_draft_sentences(fixture_index, embedder, verifier) -> None:
    reply = (
        "Under Article 2(3) of the Harbour Convention the State must promptly inform the flag State "
        "of the results of the measure. The State must also pay the owner 500 euros in compensation."
    )
    with scripted_chat_server(reply) as (url, _):
        advisor = Advisor.load(fixture_index.with_overrides(llm=f"openai:{url}:scripted"), embedder=embedder)
        answer = advisor.ask("Must a State Party inform the flag State after inspecting a vessel?")
    score = sentence_score(answer, verifier)
    assert (score.source, score.checked, score.supported) == ("generated", 2, 1)


def test_judge_failures_are_classified_by_what_can_be_done_about_them() -> None:
    from instructor.exceptions import IncompleteOutputException

    assert failure_reason(IncompleteOutputException()).startswith("truncated: ")
    assert failure_reason(ValueError("bad")) == "ValueError: bad"
