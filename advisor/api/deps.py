"""What routes receive: the app's resources (created once in `create_app`) as `Annotated` aliases.

Resources live on `app.state`, never in module globals, so two apps in one process (as in the
tests) share nothing.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request

from advisor.api.documents_service import Uploads
from advisor.api.live import LivePipeline
from advisor.api.sessions_service import SessionStore
from advisor.config import Settings
from advisor.errors import Forbidden, Unauthorized
from advisor.pipeline import Advisor


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _live(request: Request) -> LivePipeline:
    return request.app.state.live


def _sessions(request: Request) -> SessionStore:
    return request.app.state.sessions


def _uploads(request: Request) -> Uploads:
    return request.app.state.uploads


def _advisor(live: Annotated[LivePipeline, Depends(_live)]) -> Iterator[Advisor]:
    """The loaded pipeline, held (read lock) until the response is built."""
    with live.reading() as advisor:
        yield advisor


SettingsDep = Annotated[Settings, Depends(_settings)]
LiveDep = Annotated[LivePipeline, Depends(_live)]
AdvisorDep = Annotated[Advisor, Depends(_advisor)]
SessionsDep = Annotated[SessionStore, Depends(_sessions)]
UploadsDep = Annotated[Uploads, Depends(_uploads)]


def require_api_key(
    settings: SettingsDep,
    x_api_key: Annotated[str | None, Header(description="The server's ADVISOR_API_KEY.")] = None,
    authorization: Annotated[str | None, Header(description="Bearer <ADVISOR_API_KEY>.")] = None,
) -> None:
    """Writes need the key; with no key configured they are switched off altogether."""
    if not settings.api_key:
        raise Forbidden(
            "adding and removing documents is disabled: set ADVISOR_API_KEY on the server to enable it"
        )
    given = x_api_key or _bearer(authorization)
    if not given:
        raise Unauthorized("an API key is required: send it as X-API-Key or Authorization: Bearer")
    if not hmac.compare_digest(given.encode(), settings.api_key.encode()):
        raise Forbidden("wrong API key")


def _bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


ApiKeyDep = Depends(require_api_key)
