"""OpenAI-compatible endpoints: point the `openai` SDK or Open WebUI at `http://HOST:PORT/v1`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from advisor.api import openai_service
from advisor.api.deps import LiveDep
from advisor.api.openai_schemas import ChatCompletion, ChatCompletionRequest, ModelList
from advisor.api.sse import event_stream

router = APIRouter(prefix="/v1", tags=["openai"])


@router.get("/models", response_model=ModelList, summary="The one model: the advisor")
def list_models(request: Request) -> ModelList:
    return openai_service.models(request.app.state.started)


@router.post(
    "/chat/completions",
    response_model=ChatCompletion,
    summary="Chat completion: last user message = question; sources at the end of the text",
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "JSON, or chunks when stream=true"}
    },
)
def chat_completions(body: ChatCompletionRequest, live: LiveDep) -> ChatCompletion | StreamingResponse:
    if not body.stream:
        return openai_service.complete(live, body)
    return event_stream(openai_service.completion_chunks(live, body))
