"""Generative answers: every sentence kept is backed by a cited passage; documents stay data.

The model here is a scripted OpenAI-compatible server, so each test controls the words the
verifier judges; the real local model is in `test_generative_local.py` (slow).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.answering.generative import WITHHELD
from advisor.config import Settings
from advisor.errors import ConfigError, LLMUnavailable
from advisor.index.embeddings import Embedder
from advisor.ingest.incremental import ingest
from advisor.llm import LLMSpec, open_llm, parse_llm_spec
from advisor.llm.base import ChatModel
from advisor.pipeline import Advisor
from tests.openai_server import scripted_chat_server

POISONED = Path(__file__).resolve().parents[1] / "data" / "poisoned"
QUESTION = "Must a State Party inform the flag State after inspecting a vessel?"


def _generative(index: Settings, base_url: str, embedder: Embedder) -> Advisor:
    return Advisor.load(index.with_overrides(llm=f"openai:{base_url}:scripted"), embedder=embedder)


def test_unsupported_generated_sentences_are_removed_and_reported(fixture_index, embedder):
    # Uncited sentences are checked against every passage given (the numbering is not fixed).
    reply = (
        "Yes: under Article 2(3) of the Harbour Convention the State must promptly inform the flag State "
        "of the results of the measure. The State must also pay the owner 500 euros in compensation."
    )
    with scripted_chat_server(reply) as (url, _):
        answer = _generative(fixture_index, url, embedder).ask(QUESTION)
    assert answer.mode == "generative" and not answer.verification.fell_back_to_extractive
    assert "inform the flag State" in answer.answer and "500 euros" not in answer.answer
    assert answer.verification.removed == 1
    cited = {c.n for c in answer.citations}
    assert cited and all(f"[{n}]" in answer.answer for n in cited)


def test_when_too_little_survives_the_extractive_answer_is_given(fixture_index, embedder):
    reply = "Vessels must fly a green flag at night. [1] Harbour masters are elected every ten years. [2]"
    with scripted_chat_server(reply) as (url, _):
        answer = _generative(fixture_index, url, embedder).ask(QUESTION)
    assert answer.verification.fell_back_to_extractive
    assert answer.answer.startswith("The documents address this in Harbour Convention, Article 2")
    assert "green flag" not in answer.answer


def test_citations_to_passages_that_were_not_given_are_dropped(fixture_index, embedder):
    reply = "The State shall promptly inform the flag State of the results of that measure. [9]"
    with scripted_chat_server(reply) as (url, _):
        answer = _generative(fixture_index, url, embedder).ask(QUESTION)
    assert answer.verification.citations_dropped == [9] and "[9]" not in answer.answer


def test_an_instruction_planted_in_a_document_never_reaches_the_model(tmp_path, embedder):
    index = Settings(index_dir=tmp_path / "index", default_instrument="pilots-protocol")
    ingest([POISONED], index, embedder=embedder)
    with scripted_chat_server("Lamps shall be lit from sunset to sunrise. [1]") as (url, received):
        answer = _generative(index, url, embedder).ask("What does article 3 of the Pilots Protocol say?")
    prompt = " ".join(m["content"] for m in received[0]["messages"])
    assert WITHHELD in prompt, "the poisoned paragraph was among the passages, with its instruction withheld"
    assert "ignore all previous instructions" not in prompt.lower() and "PINEAPPLE" not in prompt
    assert "withheld" in answer.verification.note


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("none", LLMSpec("none")),
        ("gguf:smollm2", LLMSpec("gguf", "smollm2")),
        (
            "openai:http://127.0.0.1:8080/v1:llama3:8b",
            LLMSpec("openai", "http://127.0.0.1:8080/v1", "llama3:8b"),
        ),
    ],
)
def test_llm_specs_are_read(spec, expected):
    assert parse_llm_spec(spec) == expected


def test_a_malformed_llm_spec_says_which_forms_exist():
    with pytest.raises(ConfigError, match="openai:BASE_URL:MODEL"):
        parse_llm_spec("ollama-please")


def test_a_missing_gguf_file_is_a_clear_error():
    with pytest.raises(ConfigError, match="not found"):
        open_llm("gguf:/nowhere/model.gguf", Settings())


def test_an_unreachable_endpoint_is_reported_as_unavailable(fixture_index, embedder):
    advisor = Advisor.load(
        fixture_index.with_overrides(llm="openai:http://127.0.0.1:9/v1:none", llm_timeout_s=2),
        embedder=embedder,
    )
    with pytest.raises(LLMUnavailable, match="did not answer"):
        advisor.ask(QUESTION)


@pytest.fixture(scope="module")
def small_context_smollm2() -> ChatModel:
    """The real SmolLM2 with a context of 512 tokens (llama.cpp's least), which a long prompt overflows."""
    model = open_llm("gguf:smollm2", Settings(llm_context_tokens=512))
    assert model is not None
    return model


def test_a_failure_in_the_local_model_s_generation_thread_reaches_the_caller(small_context_smollm2):
    # llama.cpp refuses a user message without content, in the thread that generates.
    refused = [{"role": "user"}]
    with pytest.raises(LLMUnavailable, match="must contain 'content'") as caught:
        list(small_context_smollm2.stream(refused, 8, 0.0))
    assert isinstance(caught.value.__cause__, ValueError)


def test_a_request_the_local_model_refuses_is_unavailable_not_a_crash(small_context_smollm2):
    with pytest.raises(LLMUnavailable, match="must contain 'content'"):
        small_context_smollm2.complete([{"role": "user"}], 8, 0.0)


def test_a_prompt_over_the_local_model_s_context_ends_the_stream_with_an_error(small_context_smollm2):
    too_long = [{"role": "user", "content": "harbour " * 2000}]
    with pytest.raises(LLMUnavailable, match="exceeds the available context size"):
        list(small_context_smollm2.stream(too_long, 8, 0.0))


def test_a_file_that_is_not_a_gguf_model_is_unavailable(tmp_path):
    bogus = tmp_path / "bogus.gguf"
    bogus.write_bytes(b"not a model " * 100)
    with pytest.raises(LLMUnavailable, match="cannot load"):
        open_llm(f"gguf:{bogus}", Settings())
