"""Chat sessions kept by the server: turns remembered, follow-ups understood, expiry, 404s."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from advisor.api.sessions_service import SessionStore
from advisor.config import Settings
from advisor.errors import UnknownSession
from advisor.index.embeddings import Embedder
from tests.apiclient import api_client

LICENCE = "How long is a pilot licence valid?"
TTL_S = 1.0


class ManualClock:
    """A clock that moves only when the test moves it: expiry without waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(scope="module")
def client(fixture_index: Settings, embedder: Embedder, clock: ManualClock) -> Iterator[TestClient]:
    with api_client(fixture_index.with_overrides(session_ttl_s=TTL_S), embedder, clock) as client:
        yield client


def new_session(client: TestClient, **body: object) -> str:
    response = client.post("/sessions", json=body or None)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_new_session_has_no_turns(client: TestClient) -> None:
    session = client.get(f"/sessions/{new_session(client)}").json()
    assert session["turns"] == []
    assert 0 < session["expires_in_s"] <= TTL_S


def test_message_is_answered_and_both_turns_are_kept(client: TestClient) -> None:
    session_id = new_session(client)
    answer = client.post(f"/sessions/{session_id}/messages", json={"question": LICENCE}).json()
    turns = client.get(f"/sessions/{session_id}").json()["turns"]
    assert turns == [{"role": "user", "content": LICENCE}, {"role": "assistant", "content": answer["answer"]}]


def test_second_message_is_read_as_a_follow_up(client: TestClient) -> None:
    session_id = new_session(client)
    client.post(f"/sessions/{session_id}/messages", json={"question": LICENCE})
    answer = client.post(f"/sessions/{session_id}/messages", json={"question": "Can it be renewed?"}).json()
    assert LICENCE in answer["resolved_question"]


def test_session_filters_apply_to_every_question(client: TestClient) -> None:
    session_id = new_session(client, filters={"doc_ids": ["harbour-guide"]})
    answer = client.post(
        f"/sessions/{session_id}/messages", json={"question": "What must be recorded at night?"}
    ).json()
    assert answer["citations"]
    assert {c["doc_id"] for c in answer["citations"]} == {"harbour-guide"}


def test_session_with_an_unknown_document_filter_is_404(client: TestClient) -> None:
    response = client.post("/sessions", json={"filters": {"doc_ids": ["no-such-doc"]}})
    assert response.status_code == 404


def test_deleted_session_is_gone(client: TestClient) -> None:
    session_id = new_session(client)
    assert client.delete(f"/sessions/{session_id}").status_code == 204
    assert client.get(f"/sessions/{session_id}").status_code == 404
    assert client.post(f"/sessions/{session_id}/messages", json={"question": LICENCE}).status_code == 404


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [("GET", "", None), ("DELETE", "", None), ("POST", "/messages", {"question": LICENCE})],
)
def test_unknown_session_is_404(client: TestClient, method: str, suffix: str, body: dict | None) -> None:
    response = client.request(method, f"/sessions/0123456789abcdef{suffix}", json=body)
    assert response.status_code == 404
    assert "no session" in response.json()["detail"]


def test_session_expires_after_the_ttl_without_messages(client: TestClient, clock: ManualClock) -> None:
    session_id = new_session(client)
    clock.now += TTL_S + 0.2
    response = client.get(f"/sessions/{session_id}")
    assert response.status_code == 404
    assert "expired" in response.json()["detail"]


def test_message_without_a_question_is_422(client: TestClient) -> None:
    response = client.post(f"/sessions/{new_session(client)}/messages", json={"text": LICENCE})
    assert response.status_code == 422


def test_activity_postpones_expiry() -> None:
    clock = ManualClock()
    store = SessionStore(ttl_s=10, max_sessions=5, clock=clock)
    session = store.create()
    clock.now = 8
    store.touch(session)
    clock.now = 16
    assert store.get(session.id) is session
    clock.now = 18.5
    with pytest.raises(UnknownSession):
        store.get(session.id)


def test_oldest_idle_session_gives_way_when_the_store_is_full() -> None:
    clock = ManualClock()
    store = SessionStore(ttl_s=100, max_sessions=2, clock=clock)
    first, second = store.create(), store.create()
    store.touch(first)
    store.create()
    assert store.get(first.id) is first
    with pytest.raises(UnknownSession):
        store.get(second.id)
