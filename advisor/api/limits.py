"""Refuse an oversized request before reading it: an upload over the limit is answered 413 as
soon as its Content-Length is seen, instead of being received and spooled to disk first.

A body sent without a Content-Length (chunked) is still counted while it is stored, by
`documents_service`, and refused there with the same status.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from advisor.api.errors import error_body

#: Room for multipart boundaries and part headers around a file of exactly the upload limit.
MULTIPART_OVERHEAD = 64 * 1024


class RequestSizeLimit:
    """Pure ASGI middleware: 413 in the API's error shape when Content-Length is over the limit."""

    def __init__(self, app: ASGIApp, max_upload_mb: float) -> None:
        self.app = app
        self.max_upload_mb = max_upload_mb
        self.max_bytes = int(max_upload_mb * 2**20) + MULTIPART_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            length = Headers(scope=scope).get("content-length", "")
            if length.isdigit() and int(length) > self.max_bytes:
                message = f"the request is larger than the {self.max_upload_mb:g} MB upload limit"
                response = JSONResponse(error_body(413, message, "upload_too_large"), status_code=413)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
