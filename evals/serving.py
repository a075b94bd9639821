"""A real `advisor serve` process on a free loopback port, for tests and benchmarks that talk
HTTP to the service as a client would (the in-process app skips the network and uvicorn).

Benchmarks import it as `serving` (they run from `evals/`), tests as `evals.serving`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

#: Loading the full corpus index (model, BM25, headnotes) takes up to a minute on 2 cores.
READY_TIMEOUT_S = 300


class ServerFailed(RuntimeError):
    """The background `advisor serve` process did not come up ready (its log is in the message)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Served:
    """A running server: where to reach it, and its process id (for what it costs in CPU)."""

    url: str
    pid: int


@contextmanager
def advisor_serve(index_dir: Path, log_path: Path, *extra: str) -> Iterator[str]:
    """`python -m advisor serve` against `index_dir`; yields the base URL once /ready is 200."""
    with advisor_server(index_dir, log_path, *extra) as served:
        yield served.url


@contextmanager
def advisor_server(index_dir: Path, log_path: Path, *extra: str) -> Iterator[Served]:
    """`advisor_serve`, yielding the server's process id beside its URL."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    command = [
        sys.executable,
        "-m",
        "advisor",
        "serve",
        "--port",
        str(port),
        "--index",
        str(index_dir),
        *extra,
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_ready(url, process, log_path)
            yield Served(url, process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(
                f"advisor serve exited with {process.returncode}:\n{log_path.read_text()[-3000:]}"
            )
        try:
            ready = httpx.get(f"{url}/ready", timeout=5)
        except httpx.TransportError:
            ready = None  # still loading: uvicorn listens once the lifespan has loaded the index
        if ready is not None:
            if ready.status_code == 200:
                return
            raise ServerFailed(f"advisor serve is up but not ready: {ready.text}")
        time.sleep(0.5)
    raise ServerFailed(
        f"advisor serve was not ready after {READY_TIMEOUT_S} s:\n{log_path.read_text()[-3000:]}"
    )
