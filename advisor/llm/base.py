"""A chat model, as the advisor needs one: messages in, text out (whole or streamed)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, TypedDict


class Message(TypedDict):
    role: str
    content: str


class ChatModel(Protocol):
    """A loaded chat model. Raises `LLMUnavailable` when it cannot answer."""

    name: str

    def complete(self, messages: list[Message], max_tokens: int, temperature: float) -> str: ...

    def stream(self, messages: list[Message], max_tokens: int, temperature: float) -> Iterator[str]: ...
