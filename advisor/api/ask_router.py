"""POST /ask and its streaming twin: a question in, a cited `Answer` out."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from advisor.api import ask_service
from advisor.api.deps import AdvisorDep, LiveDep
from advisor.api.schemas import AskRequest
from advisor.api.sse import event_stream
from advisor.models import Answer

router = APIRouter(tags=["ask"])


@router.post("/ask", response_model=Answer, summary="Answer a question with quoted, cited passages")
def ask(body: AskRequest, advisor: AdvisorDep) -> Answer:
    return ask_service.ask(advisor, body)


@router.post(
    "/ask/stream",
    response_class=StreamingResponse,
    summary="Answer as Server-Sent Events: `delta` text events, then one `answer` event",
    responses={200: {"content": {"text/event-stream": {}}, "description": "delta… answer (or error)"}},
)
def ask_stream(body: AskRequest, live: LiveDep) -> StreamingResponse:
    return event_stream(ask_service.answer_events(live, body))
