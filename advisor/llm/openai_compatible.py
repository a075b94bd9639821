"""Any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, OpenAI) via the SDK.

The SDK raises `openai.OpenAIError`s for what goes wrong before an answer starts (and for an
`error` chunk in a stream); a connection lost while a stream is read surfaces as httpx's own
`TransportError`. Both become `LLMUnavailable`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from advisor.config import Settings
from advisor.errors import LLMUnavailable
from advisor.llm import LLMSpec, register_backend
from advisor.llm.base import Message


class OpenAICompatibleModel:
    def __init__(self, spec: LLMSpec, settings: Settings) -> None:
        import openai

        self.name = str(spec)
        self._model = spec.model
        self._errors = (openai.OpenAIError, httpx.TransportError)
        self._client = openai.OpenAI(
            base_url=spec.target,
            api_key=settings.llm_api_key or "not-needed",
            timeout=settings.llm_timeout_s,
            max_retries=1,
        )

    def complete(self, messages: list[Message], max_tokens: int, temperature: float) -> str:
        response = self._call(messages, max_tokens, temperature, stream=False)
        return response.choices[0].message.content or ""

    def stream(self, messages: list[Message], max_tokens: int, temperature: float) -> Iterator[str]:
        chunks = self._call(messages, max_tokens, temperature, stream=True)
        try:
            for chunk in chunks:
                delta = chunk.choices[0].delta.content if chunk.choices else None
                if delta:
                    yield delta
        except self._errors as e:
            raise LLMUnavailable(f"the language model at {self.name} stopped mid-answer: {e}") from e

    def _call(self, messages: list[Message], max_tokens: int, temperature: float, stream: bool) -> Any:
        try:
            return self._client.chat.completions.create(
                model=self._model,
                messages=messages,  # type: ignore[arg-type]
                max_tokens=max_tokens,
                temperature=temperature,
                stream=stream,
            )
        except self._errors as e:
            raise LLMUnavailable(f"the language model at {self.name} did not answer: {e}") from e


@register_backend("openai")
def _open(spec: LLMSpec, settings: Settings) -> OpenAICompatibleModel:
    return OpenAICompatibleModel(spec, settings)
