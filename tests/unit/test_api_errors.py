"""The one error mapping: every advisor error has a deliberate status, in a plain response or in a
stream that has started; nothing leaks a traceback."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.testclient import TestClient

from advisor import errors
from advisor.api.errors import install_error_handlers, status_for
from advisor.api.sse import event_stream, sse
from tests.apiclient import sse_json

EXPECTED = {
    errors.IndexNotReady: 503,
    errors.StoreUnavailable: 503,
    errors.LLMUnavailable: 503,
    errors.ConfigError: 503,
    errors.UnknownDocument: 404,
    errors.UnknownSession: 404,
    errors.Unauthorized: 401,
    errors.Forbidden: 403,
    errors.InvalidQuestion: 422,
    errors.DocumentError: 422,
    errors.UnsupportedUpload: 415,
    errors.UploadTooLarge: 413,
    errors.DocumentConflict: 409,
}


def all_subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *all_subclasses(direct))]


@pytest.mark.parametrize("error", all_subclasses(errors.AdvisorError), ids=lambda cls: cls.__name__)
def test_every_advisor_error_has_a_status_other_than_500(error: type[errors.AdvisorError]) -> None:
    assert status_for(error("x")) != 500


@pytest.mark.parametrize(("error", "status"), EXPECTED.items(), ids=lambda v: getattr(v, "__name__", str(v)))
def test_errors_map_to_their_status(error: type[errors.AdvisorError], status: int) -> None:
    assert status_for(error("x")) == status


def app_raising(exc: Exception) -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise exc

    return TestClient(app, raise_server_exceptions=False)


def test_advisor_error_message_is_the_body_in_both_conventions() -> None:
    response = app_raising(errors.IndexNotReady("run `advisor ingest` first")).get("/boom")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "run `advisor ingest` first",
        "error": {"message": "run `advisor ingest` first", "type": "index_not_ready", "code": 503},
    }


def test_unexpected_error_is_a_plain_500_without_traceback_or_details() -> None:
    response = app_raising(RuntimeError("secret internal state")).get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.json()["error"]["type"] == "internal_error"


def test_an_acronym_in_an_error_class_stays_one_word_in_its_type() -> None:
    response = app_raising(errors.LLMUnavailable("the model is down")).get("/boom")
    assert response.json()["error"]["type"] == "llm_unavailable"


def test_a_missing_key_is_a_401_that_says_how_to_authenticate() -> None:
    response = app_raising(errors.Unauthorized("an API key is required")).get("/boom")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["type"] == "unauthorized"


def app_streaming(first: str, exc: Exception) -> TestClient:
    """An app whose stream sends `first`, then fails with `exc`."""
    app = FastAPI()
    install_error_handlers(app)

    def events() -> Iterator[str]:
        yield first
        raise exc

    @app.get("/stream")
    def stream() -> StreamingResponse:
        return event_stream(events())

    return TestClient(app, raise_server_exceptions=False)


def test_an_error_in_a_started_stream_is_one_event_with_the_plain_response_body() -> None:
    error = errors.LLMUnavailable("the model stopped mid-answer")
    response = app_streaming(sse('{"text": "Yes"}', "delta"), error).get("/stream")
    assert response.status_code == 200
    plain = app_raising(error).get("/boom").json()
    assert sse_json(response.text) == [("delta", {"text": "Yes"}), ("error", plain)]


def test_a_bug_in_a_started_stream_is_a_plain_error_event_without_details() -> None:
    response = app_streaming(sse('{"text": "Yes"}', "delta"), RuntimeError("secret internal state")).get(
        "/stream"
    )
    (_, _), (name, body) = sse_json(response.text)
    assert name == "error" and "secret" not in response.text
    assert body["error"] == {
        "message": "internal error: the server log has the details",
        "type": "internal_error",
        "code": 500,
    }
