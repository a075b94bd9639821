"""The LLM judge behind ragas' LLM metrics: an OpenAI-compatible endpoint, given or started.

`--judge openai:BASE_URL:MODEL` uses that endpoint as it is. `--judge gguf:PATH` (or
`gguf:smollm2`) starts xllamacpp's OpenAI-compatible HTTP server in this process on a free
loopback port for the length of the evaluation, so ragas talks to a local model exactly as it
would to a remote one. SmolLM2-135M is a *toy* judge: it proves the plumbing, its scores mean
nothing, and the report says so.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from advisor.config import Settings
from advisor.errors import ConfigError, LLMUnavailable
from advisor.llm import parse_llm_spec

log = logging.getLogger(__name__)

#: Judge models too small for their scores to mean anything (matched in the model's name).
TOY_MODELS = ("smollm",)
#: ragas prompts carry few-shot examples and five passages: a 4k context is not enough.
JUDGE_CONTEXT_TOKENS = 8192
#: Seconds a local judge server may take to load its model and answer /health.
_STARTUP_S = 60.0


@dataclass(frozen=True)
class Judge:
    spec: str
    base_url: str
    model: str
    api_key: str = ""

    @property
    def toy(self) -> bool:
        return any(name in self.model.lower() for name in TOY_MODELS)

    @property
    def max_tokens(self) -> int:
        """A toy judge's answers are discarded anyway; shorter ones keep the run short."""
        return 128 if self.toy else 1024

    @property
    def attempts(self) -> int:
        """Structured-output attempts per call: a real judge gets one retry on a parse error."""
        return 1 if self.toy else 2


@contextmanager
def open_judge(spec: str, settings: Settings) -> Iterator[Judge]:
    """The judge `spec` names, reachable over HTTP while the context lasts."""
    parsed = parse_llm_spec(spec)
    if parsed.backend == "openai":
        yield Judge(spec, parsed.target, parsed.model, settings.llm_api_key)
    elif parsed.backend == "gguf":
        from advisor.llm.gguf import resolve_gguf

        path = resolve_gguf(parsed.target)
        with local_server(path, settings) as base_url:
            yield Judge(spec, base_url, path.stem)
    else:
        raise ConfigError("--judge needs openai:BASE_URL:MODEL or gguf:PATH (gguf:smollm2 for the toy judge)")


@contextmanager
def local_server(path: Path, settings: Settings) -> Iterator[str]:
    """xllamacpp's HTTP server for `path` on 127.0.0.1 (port chosen by the OS); yields its
    OpenAI base URL. The server lives as long as its object: dropping it stops it."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(path)
    params.n_ctx = JUDGE_CONTEXT_TOKENS
    params.n_parallel = 1
    params.cpuparams.n_threads = settings.embed_threads
    params.cpuparams_batch.n_threads = settings.embed_threads
    params.hostnames = ["127.0.0.1"]
    params.port = 0
    params.verbosity = -1
    try:
        server = xllamacpp.Server(params)
    except (RuntimeError, ValueError) as e:  # what xllamacpp's native loader raises
        raise LLMUnavailable(f"cannot start a judge server for {path}: {e}") from e
    address = str(server.listening_address)
    try:
        _wait_until_healthy(address)
        log.info("judge server for %s at %s", path.name, address)
        yield f"{address}/v1"
    finally:
        del server
        log.info("judge server at %s stopped", address)


def _wait_until_healthy(address: str) -> None:
    deadline = time.monotonic() + _STARTUP_S
    while time.monotonic() < deadline:
        if _healthy(address):
            return
        time.sleep(0.2)
    raise LLMUnavailable(f"the judge server at {address} did not become ready within {_STARTUP_S:.0f} s")


def _healthy(address: str) -> bool:
    """True once the server answers /health with 200 (503 while the model loads)."""
    try:
        return httpx.get(f"{address}/health", timeout=2.0).status_code == 200
    except httpx.HTTPError:
        return False
