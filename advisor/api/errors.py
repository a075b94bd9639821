"""The one place errors become HTTP responses.

Every `advisor.errors` class has a status here (the most specific class in an exception's
ancestry wins), and every error body has the same shape: `detail` (FastAPI's convention, a
list of field errors for invalid bodies) and `error` (OpenAI's convention, so the `openai` SDK
and chat front-ends show our message). Nothing unexpected leaks: a bug is logged with its
traceback and answered with a plain 500. A stream that has already started reports its error
with the same body, as an SSE `error` event (`advisor.api.sse`).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from advisor.errors import (
    AdvisorError,
    ConfigError,
    DatasetError,
    DocumentConflict,
    DocumentError,
    ExportUnavailable,
    FetchError,
    Forbidden,
    IndexNotReady,
    InvalidQuestion,
    InvalidSelection,
    LLMUnavailable,
    ManifestError,
    StoreUnavailable,
    Unauthorized,
    UnknownDocument,
    UnknownSession,
    UnsupportedUpload,
    UploadTooLarge,
)

log = logging.getLogger(__name__)

#: A misconfigured server (ConfigError) cannot serve, which is what 503 says; the message
#: tells the operator which setting to fix.
STATUS: dict[type[AdvisorError], int] = {
    AdvisorError: 500,
    IndexNotReady: 503,
    StoreUnavailable: 503,
    LLMUnavailable: 503,
    ConfigError: 503,
    UnknownDocument: 404,
    UnknownSession: 404,
    Unauthorized: 401,
    Forbidden: 403,
    InvalidQuestion: 422,
    InvalidSelection: 422,
    ExportUnavailable: 501,
    DocumentError: 422,
    UnsupportedUpload: 415,
    UploadTooLarge: 413,
    DocumentConflict: 409,
    ManifestError: 422,
    DatasetError: 422,
    FetchError: 502,
}
#: A 401 must say how to authenticate (RFC 9110, section 11.6.1).
_CHALLENGE = {"WWW-Authenticate": "Bearer"}
_INTERNAL_ERROR = "internal error: the server log has the details"


def status_for(error: AdvisorError) -> int:
    """The status of the most specific mapped class `error` is an instance of."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def error_body(status: int, message: str, kind: str, detail: Any = None) -> dict[str, Any]:
    return {
        "detail": message if detail is None else detail,
        "error": {"message": message, "type": kind, "code": status},
    }


def advisor_error_body(error: AdvisorError) -> dict[str, Any]:
    """The body for one of our errors: its message, its class in snake case, its status."""
    return error_body(status_for(error), str(error), _snake(type(error).__name__))


def internal_error_body() -> dict[str, Any]:
    """The body for a bug: it names no detail, which only the server log holds."""
    return error_body(500, _INTERNAL_ERROR, "internal_error")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AdvisorError, _advisor_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


async def _advisor_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AdvisorError)
    status = status_for(exc)
    if status >= 500:
        log.error("%s %s: %s", request.method, request.url.path, exc)
    headers = _CHALLENGE if status == 401 else None
    return JSONResponse(advisor_error_body(exc), status_code=status, headers=headers)


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """422 naming each bad field; the submitted values are not echoed back."""
    assert isinstance(exc, RequestValidationError)
    fields = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
    message = "; ".join(f"{'.'.join(str(p) for p in f['loc'])}: {f['msg']}" for f in fields)
    return JSONResponse(error_body(422, message, "invalid_request", detail=fields), status_code=422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    body = error_body(exc.status_code, str(exc.detail), "http_error")
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return JSONResponse(internal_error_body(), status_code=500)


def _snake(name: str) -> str:
    """`IndexNotReady` → `index_not_ready`; an acronym stays a word: `LLMUnavailable` → `llm_unavailable`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
