"""Is the server alive, and can it answer (index loaded, how much of it)?"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from advisor.api.deps import LiveDep
from advisor.api.schemas import Health, Ready

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="The process is up")
def health() -> Health:
    return Health()


@router.get(
    "/ready",
    response_model=Ready,
    summary="The index is loaded",
    responses={503: {"model": Ready, "description": "No index (or a broken one); `detail` says what to do."}},
)
def ready(live: LiveDep) -> Ready | JSONResponse:
    state = live.readiness()
    body = Ready(ready=state.ready, documents=state.documents, chunks=state.chunks, detail=state.detail)
    return body if state.ready else JSONResponse(body.model_dump(), status_code=503)
