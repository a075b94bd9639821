"""Helpers for the HTTP API tests: the app in process, a copy of an index, SSE, a small PDF.

The app runs in process through `TestClient`, which runs its lifespan (the real pipeline is
loaded from a real index) with the run's one embedder. Tests that upload or delete work on their
own copy of the index.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn
from fastapi.testclient import TestClient
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from advisor.api import create_app
from advisor.api.sessions_service import Clock
from advisor.config import Settings
from advisor.index.embeddings import Embedder

API_KEY = "test-key-7f3a"


@contextmanager
def api_client(settings: Settings, embedder: Embedder, clock: Clock = time.monotonic) -> Iterator[TestClient]:
    """The app for `settings`, started (lifespan run) and stopped around the block."""
    with TestClient(create_app(settings, clock=clock, embedder=embedder)) as client:
        yield client


def copy_index(settings: Settings, dest: Path, **overrides: Any) -> Settings:
    """Settings for a private copy of `settings`' index, for tests that change it."""
    shutil.copytree(settings.index_dir, dest)
    return settings.with_overrides(index_dir=dest, **overrides)


def parse_sse(body: str) -> list[tuple[str, str]]:
    """(event, data) pairs of a Server-Sent Events body; event is "message" when unnamed."""
    events = []
    for block in body.split("\n\n"):
        if not block.strip():
            continue
        name, data = "message", []
        for line in block.split("\n"):
            if line.startswith("event:"):
                name = line[len("event:") :].strip()
            elif line.startswith("data:"):
                data.append(line[len("data:") :].removeprefix(" "))
        events.append((name, "\n".join(data)))
    return events


def sse_json(body: str) -> list[tuple[str, Any]]:
    return [(name, data if data == "[DONE]" else json.loads(data)) for name, data in parse_sse(body)]


#: A two-page instrument typeset in the test: article 2 is on page 2.
LIGHTHOUSE_PAGES = [
    [
        "Charter of Lighthouse Keepers",
        "Article 1. Duties of keepers",
        "1. Each keeper shall keep the lamp lit from sunset to sunrise.",
        "2. Each keeper shall record passing vessels in the lighthouse log.",
    ],
    [
        "Article 2. Rest of keepers",
        "1. A lighthouse keeper shall rest at least eleven consecutive hours in every day.",
        "2. No keeper shall serve more than six nights in a row without a relief keeper.",
    ],
]


def build_pdf(path: Path, pages: list[list[str]] = LIGHTHOUSE_PAGES) -> Path:
    """A real PDF: a heading per article (bold, larger), body lines below, one list per page."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle(pages[0][0])
    for lines in pages:
        y = 760.0
        for line in lines:
            heading = not line[0].isdigit()
            canvas.setFont("Times-Bold" if heading else "Times-Roman", 13 if heading else 10.5)
            canvas.drawString(72, y, line)
            y -= 30 if heading else 22
        canvas.showPage()
    canvas.save()
    return path


@contextmanager
def served_over_http(settings: Settings, embedder: Embedder) -> Iterator[str]:
    """The app behind a real uvicorn server on a free loopback port, in a thread: real sockets
    and real concurrency (TestClient runs one request at a time). Yields the base URL."""
    app = create_app(settings, embedder=embedder)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the in-thread server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
