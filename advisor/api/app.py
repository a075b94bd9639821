"""The app factory: `create_app(settings)` builds the FastAPI app; its lifespan loads the pipeline.

Importing this module opens nothing. Models and index are loaded once, at startup; a missing
index does not stop the server from starting: /ready and every question then answer 503 with
what to do (`advisor ingest ...`, or upload a document).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from advisor import __version__
from advisor.api import (
    ask_router,
    documents_router,
    health_router,
    openai_router,
    quiz_router,
    sessions_router,
)
from advisor.api.documents_service import Uploads
from advisor.api.errors import install_error_handlers
from advisor.api.limits import RequestSizeLimit
from advisor.api.live import LivePipeline
from advisor.api.sessions_service import Clock, SessionStore
from advisor.api.web import mount_web
from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.runtime import configure_process

log = logging.getLogger(__name__)

DESCRIPTION = """Cited answers on the Protocol against the Smuggling of Migrants, UNTOC and related
instruments. Every answer quotes the passages it relies on, with pinpoint citations; when the
documents do not cover a question, the answer says so (`abstained: true`).

The web chat is at `/`; OpenAI-compatible clients can use `/v1`."""


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    live: LivePipeline = app.state.live
    configure_process(live.settings)  # the server's start: before any model library is imported
    log.info("loading the index at %s", live.settings.index_dir)
    live.load()
    yield


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock = time.monotonic,
    embedder: Embedder | None = None,
) -> FastAPI:
    """The advisor's HTTP service; `settings` default to the ADVISOR_* environment.

    `clock` times session expiry (a test can move it instead of sleeping); `embedder` lets
    several apps in one process share a loaded model instead of loading one each.
    """
    settings = settings or Settings()
    app = FastAPI(title="advisor", version=__version__, description=DESCRIPTION, lifespan=_lifespan)
    app.add_middleware(RequestSizeLimit, max_upload_mb=settings.max_upload_mb)
    live = LivePipeline(settings, embedder)
    app.state.settings = settings
    app.state.live = live
    app.state.sessions = SessionStore(settings.session_ttl_s, settings.max_sessions, clock)
    app.state.uploads = Uploads(live)
    app.state.started = int(time.time())
    install_error_handlers(app)
    for module in (health_router, ask_router, sessions_router, documents_router, quiz_router, openai_router):
        app.include_router(module.router)
    mount_web(app)
    return app
