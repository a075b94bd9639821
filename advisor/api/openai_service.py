"""The advisor as an OpenAI-compatible chat model, for the `openai` SDK and Open WebUI.

The last user message is the question and the earlier user/assistant messages its history
(system prompts are the client's, not ours, and are ignored). The reply's text is the answer
followed by its sources (`advisor.answering.render`), since most chat front-ends show nothing else; the
full `Answer` rides along in the `advisor` field.

Streaming: a chat client cannot take back text it has shown, so only text that is final is
streamed as it comes. Extractive answers are final line by line; a language model's draft is
not (the verifier may remove sentences), so in generative mode the verified text is sent once
it is known. An error after the first chunk ends the stream with an `error` event carrying the
usual error body, without `[DONE]` (`advisor.api.sse`).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

from advisor.answering.render import answer_as_text
from advisor.api.ask_service import filters_for
from advisor.api.live import LivePipeline
from advisor.api.openai_schemas import (
    MODEL_ID,
    ChatCompletion,
    ChatCompletionChunk,
    ChatCompletionRequest,
    Choice,
    ChunkChoice,
    Delta,
    ModelCard,
    ModelList,
    ReplyMessage,
)
from advisor.api.sse import sse
from advisor.errors import InvalidQuestion
from advisor.models import MAX_TURN_CHARS, Answer, Turn

#: How much of a long conversation is worth passing on.
_TURNS_KEPT = 20


def models(started: int) -> ModelList:
    return ModelList(data=[ModelCard(id=MODEL_ID, created=started)])


def split_conversation(request: ChatCompletionRequest) -> tuple[str, list[Turn]]:
    """(question, history): the last message must be the user's."""
    last = request.messages[-1]
    if last.role != "user":
        raise InvalidQuestion(f"the last message must be the user's question, not a {last.role!r} message")
    history = [
        Turn(role=m.role, content=m.text[:MAX_TURN_CHARS])
        for m in request.messages[:-1]
        if m.role in ("user", "assistant") and m.text.strip()
    ]
    return last.text, history[-_TURNS_KEPT:]


def complete(live: LivePipeline, request: ChatCompletionRequest) -> ChatCompletion:
    question, history = split_conversation(request)
    with live.reading() as advisor:
        answer = advisor.ask(question, history, filters_for(advisor, request.filters))
    return ChatCompletion(
        id=_completion_id(),
        created=int(time.time()),
        model=request.model,
        choices=[Choice(message=ReplyMessage(content=answer_as_text(answer)))],
        advisor=answer,
    )


def completion_chunks(live: LivePipeline, request: ChatCompletionRequest) -> Iterator[str]:
    """SSE `data:` lines: the role, the text, the sources, a last chunk with the answer, [DONE]."""
    question, history = split_conversation(request)
    chunk = _Chunker(_completion_id(), int(time.time()), request.model)
    with live.reading() as advisor:
        items = advisor.stream(question, history, filters_for(advisor, request.filters))
        progressive = advisor.answerer.mode == "extractive"
        first = next(items)  # before the role chunk, so that an error here is a status code
        yield chunk(Delta(role="assistant", content=""))
        yield from _content_chunks(_prepend(first, items), chunk, progressive)
    yield sse("[DONE]")


def _content_chunks(items: Iterator[str | Answer], chunk: _Chunker, progressive: bool) -> Iterator[str]:
    for item in items:
        if isinstance(item, Answer):
            if not progressive:
                yield chunk(Delta(content=item.answer))
            if tail := _sources_text(item):
                yield chunk(Delta(content="\n\n" + tail))
            yield chunk(Delta(), finish_reason="stop", answer=item)
        elif progressive:
            yield chunk(Delta(content=item))


class _Chunker:
    """Chunks of one completion: same id, time and model; only the delta changes."""

    def __init__(self, completion_id: str, created: int, model: str) -> None:
        self._id, self._created, self._model = completion_id, created, model

    def __call__(self, delta: Delta, finish_reason: str | None = None, answer: Answer | None = None) -> str:
        choice = ChunkChoice(delta=delta, finish_reason=finish_reason)
        chunk = ChatCompletionChunk(
            id=self._id, created=self._created, model=self._model, choices=[choice], advisor=answer
        )
        return sse(chunk.model_dump_json())


def _sources_text(answer: Answer) -> str:
    """What `answer_as_text` adds after the answer itself: sources, see also, verification."""
    return answer_as_text(answer.model_copy(update={"answer": ""}))


def _prepend(first: str | Answer, rest: Iterator[str | Answer]) -> Iterator[str | Answer]:
    yield first
    yield from rest


def _completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex[:24]}"
