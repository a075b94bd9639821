"""The OpenAI chat-completions wire format, as far as chat clients use it.

Requests are read leniently (clients send temperature, top_p, user... which an extractive
advisor has no use for); responses carry one extra field, `advisor`, with the full `Answer`
(citations, quotes, pages, verification) for clients that can use more than the text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from advisor.api.schemas import AskFilters
from advisor.models import Answer

MODEL_ID = "advisor"


class ContentPart(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str
    text: str = ""


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    @property
    def text(self) -> str:
        if isinstance(self.content, list):
            return "\n".join(part.text for part in self.content if part.type == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1, max_length=200)
    stream: bool = False
    filters: AskFilters | None = Field(None, description="Advisor extension: only these documents or kinds.")


class ReplyMessage(BaseModel):
    role: Literal["assistant"] = "assistant"
    content: str


class Choice(BaseModel):
    index: int = 0
    message: ReplyMessage
    finish_reason: str = "stop"


class Usage(BaseModel):
    """Tokens are not counted (the default answers are quotations, not generated text)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class ChatCompletion(BaseModel):
    id: str
    object: Literal["chat.completion"] = "chat.completion"
    created: int
    model: str
    choices: list[Choice]
    usage: Usage = Usage()
    advisor: Answer = Field(description="The full answer: citations with quotes and pages, verification.")


class Delta(BaseModel):
    role: Literal["assistant"] | None = None
    content: str | None = None


class ChunkChoice(BaseModel):
    index: int = 0
    delta: Delta
    finish_reason: str | None = None


class ChatCompletionChunk(BaseModel):
    id: str
    object: Literal["chat.completion.chunk"] = "chat.completion.chunk"
    created: int
    model: str
    choices: list[ChunkChoice]
    advisor: Answer | None = Field(None, description="Only in the last chunk: the full answer.")


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "advisor"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
