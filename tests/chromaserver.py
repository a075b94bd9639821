"""A real Chroma server process (`chroma run`) on a free loopback port, for tests of the server
store path: the `chroma` executable installed beside the interpreter, nothing faked."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from advisor.config import Settings
from evals.serving import free_port

CHROMA = Path(sys.executable).with_name("chroma")
#: A cold start of the Rust server takes well under a second here; generous for slow CI.
STARTUP_SECONDS = 30.0


class ChromaServer:
    """`chroma run` on 127.0.0.1, data in `data_dir`, output in `data_dir.parent/chroma.log`."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.log_path = data_dir.parent / "chroma.log"
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        if not CHROMA.is_file():
            pytest.fail(f"no chroma executable at {CHROMA}: is chromadb installed in the venv?")
        command = [
            str(CHROMA),
            "run",
            "--path",
            str(self.data_dir),
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
        ]
        with self.log_path.open("wb") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        self._wait_for_heartbeat()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def __enter__(self) -> ChromaServer:
        """Started; stopped on leaving, even when starting failed half-way."""
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()

    def settings(self, index_dir: Path) -> Settings:
        return Settings(index_dir=index_dir, chroma_host="127.0.0.1", chroma_port=self.port)

    def _wait_for_heartbeat(self) -> None:
        assert self._process is not None
        url = f"http://127.0.0.1:{self.port}/api/v2/heartbeat"
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                pytest.fail(f"chroma exited with {self._process.returncode}: {self._log_tail()}")
            try:
                if httpx.get(url, timeout=1.0, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                pass  # not listening yet
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"chroma gave no heartbeat at {url} within {STARTUP_SECONDS:.0f} s: {self._log_tail()}")

    def _log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-2000:]
