"""POST and DELETE /documents: the API key, type and size limits, bad files changing nothing,
and an uploaded document answered from, served, then removed — on a private copy of the index."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.embeddings import Embedder
from advisor.index.store import open_store
from tests.apiclient import API_KEY, api_client, build_pdf, copy_index, served_over_http, sse_json

HARBOUR_FEES = b"""# Regulation on Harbour Fees

#### Article 1. Harbour dues

1. Harbour dues shall not exceed ten gold coins for each vessel mooring overnight.

2. Vessels in distress shall pay no harbour dues.
"""
FEES_QUESTION = "What are the harbour dues for a vessel mooring overnight?"
KEY = {"X-API-Key": API_KEY}
LIMIT_MB = 0.05


@pytest.fixture(scope="module")
def settings(fixture_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return copy_index(
        fixture_index, tmp_path_factory.mktemp("uploads") / "index", api_key=API_KEY, max_upload_mb=LIMIT_MB
    )


@pytest.fixture(scope="module")
def client(settings: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(settings, embedder) as client:
        yield client


@pytest.fixture(scope="module")
def keyless(fixture_index: Settings, embedder: Embedder) -> Iterator[TestClient]:
    with api_client(fixture_index.with_overrides(api_key=""), embedder) as client:
        yield client


def upload(client: TestClient, name: str, content: bytes, headers: dict[str, str] = KEY) -> httpx.Response:
    return client.post(
        "/documents", files={"file": (name, content, "application/octet-stream")}, headers=headers
    )


def index_state(client: TestClient, settings: Settings) -> tuple[object, ...]:
    """Everything an upload could change: the API's view, the catalog, the vectors, the files."""
    uploads = settings.index_dir / "uploads"
    files = (
        sorted(p.name for p in uploads.iterdir() if not p.name.startswith(".")) if uploads.exists() else []
    )
    catalog = Catalog.open_existing(settings.catalog_path)
    return client.get("/documents").json(), catalog.chunk_ids(), open_store(settings).ids(), files


def test_writes_are_disabled_without_a_configured_key(keyless: TestClient) -> None:
    for response in (
        upload(keyless, "a.md", HARBOUR_FEES),
        keyless.delete("/documents/harbour-guide", headers=KEY),
    ):
        assert response.status_code == 403
        assert "ADVISOR_API_KEY" in response.json()["detail"]


def test_upload_without_a_key_is_401(client: TestClient) -> None:
    response = upload(client, "harbour-fees.md", HARBOUR_FEES, headers={})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "X-API-Key" in response.json()["detail"]
    assert response.json()["error"]["type"] == "unauthorized"


@pytest.mark.parametrize("headers", [{"X-API-Key": "wrong"}, {"Authorization": "Bearer wrong"}])
def test_upload_with_a_wrong_key_is_403(client: TestClient, headers: dict[str, str]) -> None:
    response = upload(client, "harbour-fees.md", HARBOUR_FEES, headers=headers)
    assert response.status_code == 403
    assert response.json()["error"] == {"message": "wrong API key", "type": "forbidden", "code": 403}


def test_delete_without_a_key_is_401(client: TestClient) -> None:
    assert client.delete("/documents/harbour-guide").status_code == 401


def test_unsupported_type_is_415_listing_the_accepted_ones(client: TestClient, settings: Settings) -> None:
    before = index_state(client, settings)
    response = upload(client, "minutes.docx", b"PK\x03\x04 not really a docx")
    assert response.status_code == 415
    assert ".pdf" in response.json()["detail"]
    assert index_state(client, settings) == before


@pytest.mark.parametrize("size_kb", [60, 400])  # over the limit; over the limit plus multipart room
def test_oversized_upload_is_413(client: TestClient, settings: Settings, size_kb: int) -> None:
    before = index_state(client, settings)
    response = upload(client, "big.txt", b"Harbour. " * (size_kb * 1024 // 9))
    assert response.status_code == 413
    assert index_state(client, settings) == before


def test_corrupt_pdf_is_422_and_changes_nothing(client: TestClient, settings: Settings) -> None:
    before = index_state(client, settings)
    response = upload(client, "broken-treaty.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    assert response.status_code == 422
    assert "broken-treaty.pdf" in response.json()["detail"]
    assert str(settings.index_dir) not in response.text
    assert index_state(client, settings) == before


def test_empty_text_file_is_422_and_changes_nothing(client: TestClient, settings: Settings) -> None:
    before = index_state(client, settings)
    assert upload(client, "blank.txt", b"  \n\n ").status_code == 422
    assert index_state(client, settings) == before


def test_upload_cannot_take_the_id_of_an_ingested_document(client: TestClient, settings: Settings) -> None:
    before = index_state(client, settings)
    response = upload(client, "pilots-protocol.md", HARBOUR_FEES)
    assert response.status_code == 409
    assert index_state(client, settings) == before


def test_uploaded_document_is_answered_from_then_removed(client: TestClient, settings: Settings) -> None:
    response = upload(client, "Harbour Fees.md", HARBOUR_FEES)
    assert response.status_code == 201, response.text
    assert response.json()["document"]["doc_id"] == "harbour-fees"
    cited = client.post("/ask", json={"question": FEES_QUESTION}).json()["citations"]
    assert cited[0]["doc_id"] == "harbour-fees" and "ten gold coins" in cited[0]["quote"]
    assert (settings.index_dir / "uploads" / "harbour-fees.md").is_file()

    assert client.delete("/documents/harbour-fees", headers=KEY).status_code == 204
    assert client.get("/documents/harbour-fees").status_code == 404
    cited = client.post("/ask", json={"question": FEES_QUESTION}).json()["citations"]
    assert "harbour-fees" not in {c["doc_id"] for c in cited}
    assert not (settings.index_dir / "uploads" / "harbour-fees.md").exists()


def test_uploaded_pdf_is_cited_by_page_and_served_as_pdf(client: TestClient, tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "lighthouse-charter.pdf")
    response = upload(client, pdf.name, pdf.read_bytes(), headers={"Authorization": f"Bearer {API_KEY}"})
    assert response.status_code == 201, response.text
    answer = client.post("/ask", json={"question": "How many hours must a lighthouse keeper rest?"}).json()
    citation = answer["citations"][0]
    assert (citation["doc_id"], citation["article"], citation["page"]) == ("lighthouse-charter", "2", 2)
    file = client.get("/documents/lighthouse-charter/file")
    assert file.headers["content-type"] == "application/pdf"
    assert file.headers["content-disposition"].startswith("inline")
    assert file.content == pdf.read_bytes()


def test_uploading_the_same_name_again_replaces_the_earlier_upload(client: TestClient) -> None:
    assert upload(client, "harbour-tolls.md", HARBOUR_FEES).json()["replaced"] is False
    revised = HARBOUR_FEES.replace(b"ten gold coins", b"twelve silver coins")
    assert upload(client, "harbour-tolls.md", revised).json()["replaced"] is True
    provision = client.get("/documents/harbour-tolls/provisions/1").json()
    assert "twelve silver coins" in provision["text"] and "ten gold coins" not in provision["text"]


def test_a_bad_replacement_keeps_the_earlier_upload(client: TestClient, settings: Settings) -> None:
    assert upload(client, "harbour-berths.md", HARBOUR_FEES).status_code == 201
    before = index_state(client, settings)
    assert upload(client, "harbour-berths.pdf", b"%PDF-1.4 truncated").status_code == 422
    assert index_state(client, settings) == before


def test_deleting_an_unknown_document_is_404(client: TestClient) -> None:
    assert client.delete("/documents/no-such-doc", headers=KEY).status_code == 404


def test_questions_during_uploads_and_deletions_never_fail(
    fixture_index: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    """Real HTTP, real threads: questions keep coming while the index is rewritten."""
    settings = copy_index(fixture_index, tmp_path / "index", api_key=API_KEY)
    statuses: list[int] = []
    stop = threading.Event()
    with served_over_http(settings, embedder) as url:

        def keep_asking() -> None:
            with httpx.Client(base_url=url, timeout=60) as http:
                while not stop.is_set():
                    statuses.append(http.post("/ask", json={"question": FEES_QUESTION}).status_code)
                    stream = http.post("/ask/stream", json={"question": "What must be recorded at night?"})
                    complete = stream.status_code == 200 and sse_json(stream.text)[-1][0] == "answer"
                    statuses.append(
                        200 if complete else stream.status_code if stream.status_code != 200 else 599
                    )
                    provision = http.get("/documents/harbour-fees/provisions/1").status_code
                    statuses.append(200 if provision == 404 else provision)  # absent between uploads

        def wait_for_questions(count: int) -> None:
            target, deadline = len(statuses) + count, time.monotonic() + 60
            while len(statuses) < target and time.monotonic() < deadline:
                time.sleep(0.01)

        askers = [threading.Thread(target=keep_asking) for _ in range(3)]
        for thread in askers:
            thread.start()
        writes = []
        with httpx.Client(base_url=url, timeout=120, headers=KEY) as admin:
            for _ in range(3):
                wait_for_questions(6)
                writes.append(
                    admin.post("/documents", files={"file": ("harbour-fees.md", HARBOUR_FEES)}).status_code
                )
                wait_for_questions(6)
                writes.append(admin.delete("/documents/harbour-fees").status_code)
        stop.set()
        for thread in askers:
            thread.join()
    assert writes == [201, 204] * 3
    assert set(statuses) == {200}


def test_first_upload_to_a_server_without_an_index_makes_it_ready(tmp_path: Path, embedder: Embedder) -> None:
    with api_client(Settings(index_dir=tmp_path / "index", api_key=API_KEY), embedder) as client:
        assert client.get("/ready").status_code == 503
        assert upload(client, "harbour-fees.md", HARBOUR_FEES).status_code == 201
        assert client.get("/ready").json()["documents"] == 1
        assert client.post("/ask", json={"question": FEES_QUESTION}).json()["citations"]


def test_body_over_the_limit_is_refused_in_the_common_error_shape(client: TestClient) -> None:
    response = upload(client, "big.txt", b"x" * 400 * 1024)
    assert response.status_code == 413
    assert f"{LIMIT_MB:g} MB upload limit" in response.json()["error"]["message"]
