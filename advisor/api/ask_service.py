"""Questions over HTTP: filters from the request, and answers as Server-Sent Events.

The stream sends `delta` events with the answer's text as it is produced, then one `answer`
event with the complete `Answer` JSON. With a language model the deltas are the model's draft
and the final answer is the *verified* one (unsupported sentences removed, or the quotations
instead), so a client must show the final event's text once it arrives. Errors found before the
first event (an invalid question, an unknown document) are ordinary HTTP errors; an error
later ends the stream with an `error` event (`advisor.api.sse`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from advisor.api.live import LivePipeline
from advisor.api.schemas import AskFilters, AskRequest
from advisor.api.sse import sse
from advisor.models import Answer, Filters
from advisor.pipeline import Advisor


def filters_for(advisor: Advisor, requested: AskFilters | None) -> Filters:
    """Checked filters: an unknown document id is a 404, not a silently empty search."""
    if requested is None:
        return Filters()
    return advisor.filters(requested.doc_ids, requested.kinds)


def ask(advisor: Advisor, request: AskRequest) -> Answer:
    return advisor.ask(request.question, request.history, filters_for(advisor, request.filters))


def answer_events(live: LivePipeline, request: AskRequest) -> Iterator[str]:
    """`delta` events, then the `answer` event; the index cannot change until the last one."""
    with live.reading() as advisor:
        for item in advisor.stream(request.question, request.history, filters_for(advisor, request.filters)):
            yield _event(item)


def _event(item: str | Answer) -> str:
    if isinstance(item, Answer):
        return sse(item.model_dump_json(), "answer")
    return sse(json.dumps({"text": item}, ensure_ascii=False), "delta")
