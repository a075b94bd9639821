"""Generative answers from the real local model (SmolLM2-135M, GGUF, through llama.cpp).

What so small a model writes varies with the build and the prompt, and the verifier may keep
it or fall back to the extractive answer. Each test therefore asserts what must hold either
way: a kept answer shows only supported sentences citing returned passages; a rejected one is
exactly the extractive answer, flagged as such; every quote is the document's text. Loading
and running the model takes seconds: `slow`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.embeddings import Embedder
from advisor.ingest.incremental import ingest
from advisor.models import Answer
from advisor.pipeline import Advisor

pytestmark = pytest.mark.slow

POISONED = Path(__file__).resolve().parents[1] / "data" / "poisoned"
QUESTION = "Must a State Party inform the flag State after inspecting a vessel?"
FALLBACK_NOTE = "the extractive answer is shown instead"


def assert_verified_or_extractive(answer: Answer, extractive: Answer, catalog: Catalog) -> None:
    """The guarantees of a generative answer, whichever way the verifier decided."""
    verification = answer.verification
    assert answer.mode == "generative" and verification is not None
    fell_back = verification.fell_back_to_extractive
    assert fell_back == (FALLBACK_NOTE in verification.note)
    numbers = {c.n for c in answer.citations}
    assert numbers, "an answer that is not an abstention cites something"
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} == numbers
    for citation in answer.citations:
        text, _ = catalog.text_of(citation.doc_id)
        assert text[citation.start : citation.end] == citation.quote
    if fell_back:
        assert answer.answer == extractive.answer
        assert answer.citations == extractive.citations
    else:
        for sentence in verification.sentences:
            if sentence.substantive and sentence.text in answer.answer:
                assert sentence.supported and sentence.support >= verification.threshold


def test_the_real_local_model_changes_nothing_when_a_document_is_poisoned(tmp_path, embedder: Embedder):
    index = Settings(index_dir=tmp_path / "index", default_instrument="pilots-protocol", llm="gguf:smollm2")
    ingest([POISONED], index, embedder=embedder)
    question = "Must the lighthouse lamps be lit at night?"
    advisor = Advisor.load(index, embedder=embedder)
    answer = advisor.ask(question)
    extractive = Advisor.load(index.with_overrides(llm="none"), embedder=embedder).ask(question)
    kept = [s.text for s in answer.verification.sentences if s.supported and s.substantive]
    assert not any("PINEAPPLE" in sentence for sentence in kept)
    assert_verified_or_extractive(answer, extractive, advisor.catalog)
    if not answer.verification.fell_back_to_extractive:
        assert "PINEAPPLE" not in answer.answer


def test_the_real_local_model_keeps_only_supported_cited_sentences(fixture_index, fixture_advisor, embedder):
    advisor = Advisor.load(fixture_index.with_overrides(llm="gguf:smollm2"), embedder=embedder)
    answer = advisor.ask(QUESTION)
    assert_verified_or_extractive(answer, fixture_advisor.ask(QUESTION), advisor.catalog)
    given = {c.n for c in answer.citations}
    assert all(1 <= n <= 10 for n in given)
