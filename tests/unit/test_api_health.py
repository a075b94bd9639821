"""GET /health, GET /ready, the OpenAPI docs, and a server started before any index exists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from tests.apiclient import api_client


@pytest.fixture(scope="module")
def client(fixture_index: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(fixture_index, embedder) as client:
        yield client


@pytest.fixture(scope="module")
def no_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[TestClient]:
    settings = Settings(index_dir=tmp_path_factory.mktemp("no-index") / "index")
    with api_client(settings, embedder) as client:
        yield client


def test_health_is_ok_while_the_process_runs(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_ready_reports_the_documents_and_chunks_loaded(client: TestClient) -> None:
    documents = client.get("/documents").json()
    response = client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "documents": len(documents),
        "chunks": sum(d["chunk_count"] for d in documents),
        "detail": "",
    }


def test_server_starts_without_an_index_and_stays_alive(no_index: TestClient) -> None:
    assert no_index.get("/health").status_code == 200
    assert no_index.get("/").status_code == 200


def test_ready_is_503_saying_how_to_build_the_index(no_index: TestClient) -> None:
    response = no_index.get("/ready")
    assert response.status_code == 503
    assert response.json()["ready"] is False
    assert "advisor ingest" in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/ask", {"question": "What is a pilot?"}),
        ("POST", "/ask/stream", {"question": "What is a pilot?"}),
        ("POST", "/sessions", None),
        ("GET", "/documents", None),
        ("GET", "/documents/harbour-convention/provisions/1", None),
        ("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": "What is a pilot?"}]}),
    ],
)
def test_requests_needing_the_index_are_503_with_instructions(
    no_index: TestClient, method: str, path: str, body: dict | None
) -> None:
    response = no_index.request(method, path, json=body)
    assert response.status_code == 503
    assert "advisor ingest" in response.json()["error"]["message"]


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/ask", "/ask/stream", "/sessions", "/documents", "/v1/chat/completions", "/ready"):
        assert path in paths


def test_an_unknown_path_is_404_in_the_common_error_shape(client: TestClient) -> None:
    response = client.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == 404
