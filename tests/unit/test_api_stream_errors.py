"""A stream that fails after it has started ends with one `error` event, on every endpoint.

The failure is real: the generative answerer streams from an OpenAI-compatible service (a
scripted one on loopback, the outside world) that breaks off mid-answer. The event's data is
the body the same error gets as a plain response, so one client-side handler fits both.
"""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest
from fastapi.testclient import TestClient

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from tests.apiclient import api_client, served_over_http, sse_json
from tests.openai_server import STREAM_ERROR, StreamEnd, scripted_chat_server

QUESTION = "Must a State Party inform the flag State after inspecting a vessel?"
REPLY = "The State shall promptly inform the flag State of the results of that measure. [1]"


@pytest.fixture(scope="module", params=["error", "drop"])
def failing(request: pytest.FixtureRequest, fixture_index: Settings) -> Iterator[tuple[Settings, StreamEnd]]:
    """Settings whose language model stops mid-answer: with an error chunk, or by hanging up."""
    with scripted_chat_server(REPLY, stream_end=request.param) as (url, _):
        yield fixture_index.with_overrides(llm=f"openai:{url}:scripted"), request.param


@pytest.fixture(scope="module")
def client(failing: tuple[Settings, StreamEnd], embedder: Embedder) -> Iterator[TestClient]:
    with api_client(failing[0], embedder) as client:
        yield client


def assert_llm_unavailable_body(body: dict, end: StreamEnd) -> None:
    message = body["detail"]
    assert body == {"detail": message, "error": {"message": message, "type": "llm_unavailable", "code": 503}}
    assert "stopped mid-answer" in message
    if end == "error":
        assert STREAM_ERROR in message


def test_ask_stream_sends_the_draft_then_one_error_event(client: TestClient, failing) -> None:
    response = client.post("/ask/stream", json={"question": QUESTION})
    assert response.status_code == 200
    events = sse_json(response.text)
    assert {name for name, _ in events[:-1]} == {"delta"} and len(events) > 1
    name, body = events[-1]
    assert name == "error"
    assert_llm_unavailable_body(body, failing[1])


def test_chat_completion_stream_ends_with_the_same_error_event_and_no_done(
    client: TestClient, failing
) -> None:
    body = {"model": "advisor", "stream": True, "messages": [{"role": "user", "content": QUESTION}]}
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200
    events = sse_json(response.text)
    assert events[0][1]["choices"][0]["delta"]["role"] == "assistant"
    name, error = events[-1]
    assert name == "error" and ("message", "[DONE]") not in events
    assert_llm_unavailable_body(error, failing[1])


def test_the_openai_sdk_raises_api_error_for_a_failed_stream(failing, embedder: Embedder) -> None:
    settings, _ = failing
    with served_over_http(settings, embedder) as url:
        sdk = openai.OpenAI(base_url=f"{url}/v1", api_key="unused", max_retries=0)
        stream = sdk.chat.completions.create(
            model="advisor", messages=[{"role": "user", "content": QUESTION}], stream=True
        )
        with pytest.raises(openai.APIError, match="stopped mid-answer") as caught:
            list(stream)
    assert caught.value.body["type"] == "llm_unavailable"
