"""`advisor serve` as a real process over the full corpus, called over HTTP by httpx and by the
real `openai` SDK, as Open WebUI or a script would."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from openai import OpenAI

from advisor.config import Settings
from evals.serving import advisor_serve

pytestmark = pytest.mark.integration

ARTICLE_8 = "What does article 8 of the Smuggling Protocol say?"


@pytest.fixture(scope="module")
def server(corpus_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with advisor_serve(corpus_index.index_dir, log) as url:
        yield url


@pytest.fixture(scope="module")
def sdk(server: str) -> OpenAI:
    return OpenAI(base_url=f"{server}/v1", api_key="x", max_retries=0)


def test_ready_counts_the_whole_corpus(server: str) -> None:
    ready = httpx.get(f"{server}/ready").json()
    assert ready["ready"] and ready["documents"] >= 8 and ready["chunks"] > 500


def test_ask_over_http_cites_article_8_with_its_page(server: str) -> None:
    answer = httpx.post(f"{server}/ask", json={"question": ARTICLE_8}, timeout=60).json()
    first = answer["citations"][0]
    assert (first["doc_id"], first["article"]) == ("smuggling-protocol", "8")
    assert first["page"] and first["quote"] in answer["answer"]


def test_citation_opens_the_original_pdf(server: str) -> None:
    response = httpx.get(f"{server}/documents/smuggling-protocol/file", timeout=60)
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_openai_sdk_lists_the_model(sdk: OpenAI) -> None:
    assert [m.id for m in sdk.models.list()] == ["advisor"]


def test_openai_sdk_gets_the_answer_with_sources(sdk: OpenAI) -> None:
    completion = sdk.chat.completions.create(
        model="advisor", messages=[{"role": "user", "content": ARTICLE_8}]
    )
    text = completion.choices[0].message.content or ""
    assert "Sources:\n[1] Smuggling of Migrants Protocol, Article 8" in text
    advisor = completion.model_extra["advisor"] if completion.model_extra else {}
    assert advisor["citations"][0]["doc_id"] == "smuggling-protocol"


def test_openai_sdk_streams_the_same_text(sdk: OpenAI) -> None:
    messages = [{"role": "user", "content": ARTICLE_8}]
    whole = sdk.chat.completions.create(model="advisor", messages=messages).choices[0].message.content
    chunks = list(sdk.chat.completions.create(model="advisor", messages=messages, stream=True))
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == whole
    assert (chunks[-1].model_extra or {})["advisor"]["citations"]


def test_dev_questions_are_answered_without_errors(server: str, shared_dir: Path) -> None:
    lines = (shared_dir / "evals" / "dev.jsonl").read_text().splitlines()[:10]
    with httpx.Client(base_url=server, timeout=60) as http:
        statuses = {
            http.post("/ask", json={"question": json.loads(line)["question"]}).status_code for line in lines
        }
    assert statuses == {200}
