"""POST /quiz and POST /quiz/export over the fixture index."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.models import Quiz
from tests.apiclient import api_client


@pytest.fixture(scope="module")
def client(fixture_index: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(fixture_index, embedder) as client:
        yield client


def test_a_json_quiz_is_the_quiz_object(client: TestClient) -> None:
    response = client.post("/quiz", json={"doc": "harbour-convention", "articles": "1-2", "n": 5, "seed": 3})
    assert response.status_code == 200, response.text
    quiz = Quiz.model_validate(response.json())
    assert len(quiz.items) == 5 and quiz.seed == 3
    assert {i.source.article for i in quiz.items} <= {"1", "2"}


def test_the_same_request_gives_the_same_quiz(client: TestClient) -> None:
    body = {"doc": "pilots-protocol", "n": 6, "seed": 11}
    assert client.post("/quiz", json=body).content == client.post("/quiz", json=body).content


def test_an_edited_quiz_exports_as_json_download(client: TestClient) -> None:
    quiz = client.post("/quiz", json={"doc": "pilots-protocol", "n": 2}).json()
    quiz["items"][0]["question"] = "Edited by a trainer?"
    response = client.post("/quiz/export", json={"quiz": quiz, "format": "json"})
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert Quiz.model_validate_json(response.content).items[0].question == "Edited by a trainer?"


@pytest.mark.parametrize(
    "body",
    [
        {"n": 0},
        {"n": 101},
        {"types": ["essay"]},
        {"format": "pdf"},
        {"articles": "9-3"},
        {"doc": "harbour-convention", "articles": "40-50"},
        {"question": "misspelt field"},
    ],
)
def test_bad_options_are_422(client: TestClient, body: dict) -> None:
    response = client.post("/quiz", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["message"]


def test_an_unknown_document_is_404(client: TestClient) -> None:
    assert client.post("/quiz", json={"doc": "nope"}).status_code == 404
