"""POST /ask and POST /ask/stream over the fixture index: answers, filters, history, errors."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.models import Answer
from tests.apiclient import api_client, sse_json

LICENCE = "How long is a pilot licence valid?"


@pytest.fixture(scope="module")
def client(fixture_index: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(fixture_index, embedder) as client:
        yield client


def ask(client: TestClient, **body: object) -> Answer:
    response = client.post("/ask", json=body)
    assert response.status_code == 200, response.text
    return Answer.model_validate(response.json())


def test_answer_quotes_the_provision_with_a_numbered_citation(client: TestClient) -> None:
    answer = ask(client, question=LICENCE)
    first = answer.citations[0]
    assert (first.doc_id, first.provision) == ("pilots-protocol", "Article 2(2)")
    assert "five years" in first.quote
    assert first.quote in answer.answer and "[1]" in answer.answer


def test_answer_abstains_when_the_documents_are_silent(client: TestClient) -> None:
    answer = ask(client, question="What is the penalty for smuggling in Spain?")
    assert answer.abstained
    assert answer.citations == []


def test_filters_keep_citations_to_the_chosen_document(client: TestClient) -> None:
    unfiltered = ask(client, question="Who may board and search a vessel?")
    assert unfiltered.citations[0].doc_id == "harbour-convention"
    filtered = ask(
        client, question="Who may board and search a vessel?", filters={"doc_ids": ["pilots-protocol"]}
    )
    assert {c.doc_id for c in filtered.citations} <= {"pilots-protocol"}


def test_follow_up_is_read_with_the_history(client: TestClient) -> None:
    first = ask(client, question=LICENCE)
    history = [{"role": "user", "content": LICENCE}, {"role": "assistant", "content": first.answer}]
    answer = ask(client, question="Can it be renewed?", history=history)
    assert LICENCE in answer.resolved_question
    assert any(c.doc_id == "pilots-protocol" and c.article == "2" for c in answer.citations)


def test_unknown_document_in_filters_is_404_naming_the_known_ones(client: TestClient) -> None:
    response = client.post("/ask", json={"question": LICENCE, "filters": {"doc_ids": ["no-such-treaty"]}})
    assert response.status_code == 404
    assert "no-such-treaty" in response.json()["detail"] and "pilots-protocol" in response.json()["detail"]


def test_unknown_kind_in_filters_is_422(client: TestClient) -> None:
    response = client.post("/ask", json={"question": LICENCE, "filters": {"kinds": ["statute"]}})
    assert response.status_code == 422
    assert "statute" in response.json()["detail"]


def test_question_over_the_limit_is_422_stating_the_limit(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "Is this allowed? " * 200})
    assert response.status_code == 422
    assert "the limit is 2000" in response.json()["detail"]


def test_empty_question_is_422(client: TestClient) -> None:
    response = client.post("/ask", json={"question": "   "})
    assert response.status_code == 422
    assert "empty" in response.json()["detail"]


def test_missing_question_is_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/ask", json={"history": []})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "question"]


def test_misspelt_field_is_422_rather_than_ignored(client: TestClient) -> None:
    response = client.post("/ask", json={"question": LICENCE, "filter": {"doc_ids": []}})
    assert response.status_code == 422
    assert ["body", "filter"] in [e["loc"] for e in response.json()["detail"]]


def test_history_turn_with_an_unknown_role_is_422(client: TestClient) -> None:
    response = client.post("/ask", json={"question": LICENCE, "history": [{"role": "judge", "content": "x"}]})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:3] == ["body", "history", 0]


def test_body_that_is_not_json_is_422(client: TestClient) -> None:
    response = client.post("/ask", content=b"question=hello", headers={"Content-Type": "application/json"})
    assert response.status_code == 422


def test_stream_sends_the_text_then_the_final_answer(client: TestClient) -> None:
    response = client.post("/ask/stream", json={"question": LICENCE})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_json(response.text)
    assert [name for name, _ in events[:-1]] == ["delta"] * (len(events) - 1)
    name, final = events[-1]
    assert name == "answer"
    assert "".join(data["text"] for _, data in events[:-1]) == final["answer"]
    assert final["citations"] == ask(client, question=LICENCE).model_dump(mode="json")["citations"]


def test_stream_refuses_an_invalid_question_before_streaming(client: TestClient) -> None:
    response = client.post("/ask/stream", json={"question": ""})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/json"


def test_stream_with_an_unknown_document_is_404(client: TestClient) -> None:
    response = client.post("/ask/stream", json={"question": LICENCE, "filters": {"doc_ids": ["nope"]}})
    assert response.status_code == 404
