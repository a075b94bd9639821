"""Server-Sent Events, and the one way every stream (`/ask/stream`, `/v1` with stream=true) fails.

The first event is produced before the response starts, so an error found by then (an invalid
question, an unknown document) is an ordinary HTTP status. Once the status line is sent, an
error can only be told in the stream: one `error` event whose data is the body the same error
would have had as a plain response (`advisor.api.errors`), and then the stream ends. On `/v1`
that is also OpenAI's convention: the `openai` SDK raises `APIError` for a chunk with an `error`
key, whatever the event is called, and such a stream ends without `[DONE]`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from itertools import chain
from typing import Any

from fastapi.responses import StreamingResponse

from advisor.api.errors import advisor_error_body, internal_error_body
from advisor.errors import AdvisorError

log = logging.getLogger(__name__)

#: Proxies must pass each event on as it comes, not buffer the stream.
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def sse(data: str, event: str | None = None) -> str:
    """One Server-Sent Event; multi-line data is split over `data:` lines as the format requires."""
    head = f"event: {event}\n" if event else ""
    return head + "".join(f"data: {line}\n" for line in data.split("\n")) + "\n"


def error_event(body: dict[str, Any]) -> str:
    return sse(json.dumps(body, ensure_ascii=False), "error")


def event_stream(events: Iterator[str]) -> StreamingResponse:
    """The response for `events`: errors before the first event propagate (the caller answers
    with a status); later ones end the stream with one `error` event."""
    first = next(events)
    return StreamingResponse(
        chain([first], _ending_in_error_event(events)), media_type="text/event-stream", headers=SSE_HEADERS
    )


def _ending_in_error_event(events: Iterator[str]) -> Iterator[str]:
    try:
        yield from events
    except AdvisorError as e:
        log.warning("stream ended early: %s", e)
        yield error_event(advisor_error_body(e))
    except Exception:  # a bug: logged with its traceback, told to the client without details
        log.exception("unexpected error in a stream")
        yield error_event(internal_error_body())
