"""Reading what is indexed: the list, one document, a provision's full text, the original file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from tests.apiclient import api_client

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.fixture(scope="module")
def client(fixture_index: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(fixture_index, embedder) as client:
        yield client


def test_documents_lists_every_indexed_document(client: TestClient) -> None:
    documents = client.get("/documents").json()
    assert [d["doc_id"] for d in documents] == ["harbour-convention", "harbour-guide", "pilots-protocol"]
    assert documents[0]["short_title"] == "Harbour Convention"
    assert documents[0]["file_url"] == "/documents/harbour-convention/file"


def test_documents_do_not_reveal_server_paths(client: TestClient) -> None:
    assert str(FIXTURES) not in client.get("/documents").text


def test_document_lists_its_articles_in_order(client: TestClient) -> None:
    provisions = client.get("/documents/harbour-convention").json()["provisions"]
    assert [(p["article"], p["title"]) for p in provisions] == [
        ("1", "Use of terms"),
        ("2", "Inspection of vessels"),
        ("3", "Extradition"),
        ("4", "Entry into force"),
    ]


def test_provision_gives_the_full_article_with_its_heading(client: TestClient) -> None:
    provision = client.get("/documents/harbour-convention/provisions/2").json()
    assert provision["text"].startswith("Article 2. Inspection of vessels")
    assert "(c) Detain the vessel until the cargo is declared." in provision["text"]
    assert "promptly inform the flag State" in provision["text"]
    assert "Article 3" not in provision["text"]
    assert provision["article_title"] == "Inspection of vessels"


def test_provision_text_is_the_exact_slice_a_citation_points_into(client: TestClient) -> None:
    answer = client.post("/ask", json={"question": "When may a State Party detain a vessel?"}).json()
    citation = next(c for c in answer["citations"] if c["doc_id"] == "harbour-convention")
    provision = client.get(f"/documents/harbour-convention/provisions/{citation['article']}").json()
    assert provision["start"] <= citation["start"] < citation["end"] <= provision["end"]
    assert citation["quote"] in provision["text"]


@pytest.mark.parametrize(
    "path",
    [
        "/documents/no-such-doc",
        "/documents/no-such-doc/provisions/1",
        "/documents/no-such-doc/file",
        "/documents/harbour-convention/provisions/99",
        "/documents/harbour-convention/provisions/2?annex=I",
    ],
)
def test_unknown_document_or_provision_is_404(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_file_is_the_original_served_inline_with_its_media_type(client: TestClient) -> None:
    response = client.get("/documents/pilots-protocol/file")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/markdown; charset=utf-8"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.content == (FIXTURES / "pilots-protocol.md").read_bytes()


def test_text_files_are_served_in_a_script_free_sandbox(client: TestClient) -> None:
    response = client.get("/documents/pilots-protocol/file")
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"
