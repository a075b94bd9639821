"""Questions over HTTP: filters from the request, and answers as Server-Sent Events.

The stream sends `delta` events with the answer's text as it is produced, then one `answer`
event with the complete `Answer` JSON. With a language model the deltas are the model's draft
and the final answer is the *verified* one (unsupported sentences removed, or the quotations
instead), so a client must show the final event's text once it arrives. Errors found before the
first event (an invalid question, an unknown document) are ordinary HTTP errors; an error
later can only be reported in the stream, as an `error` event.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

from advisor.models import Answer, Filters
from advisor.api.errors import status_for
from advisor.api.live import LivePipeline
from advisor.api.schemas import AskFilters, AskRequest
from advisor.errors import AdvisorError
from advisor.pipeline import Advisor

log = logging.getLogger(__name__)


def filters_for(advisor: Advisor, requested: AskFilters | None) -> Filters:
    """Checked filters: an unknown document id is a 404, not a silently empty search."""
    if requested is None:
        return Filters()
    return advisor.filters(requested.doc_ids, requested.kinds)


def ask(advisor: Advisor, request: AskRequest) -> Answer:
    return advisor.ask(request.question, request.history, filters_for(advisor, request.filters))


def sse(data: str, event: str | None = None) -> str:
    """One Server-Sent Event; multi-line data is split over `data:` lines as the format requires."""
    head = f"event: {event}\n" if event else ""
    return head + "".join(f"data: {line}\n" for line in data.split("\n")) + "\n"


def answer_events(live: LivePipeline, request: AskRequest) -> Iterator[str]:
    """`delta` events, then the `answer` event; the index cannot change until the last one."""
    with live.reading() as advisor:
        items = advisor.stream(request.question, request.history, filters_for(advisor, request.filters))
        yield _event(next(items))  # errors so far propagate: the caller answers with a status
        try:
            for item in items:
                yield _event(item)
        except AdvisorError as e:
            log.warning("stream ended early: %s", e)
            yield sse(json.dumps({"status": status_for(e), "detail": str(e)}), "error")


def _event(item: str | Answer) -> str:
    if isinstance(item, Answer):
        return sse(item.model_dump_json(), "answer")
    return sse(json.dumps({"text": item}, ensure_ascii=False), "delta")
