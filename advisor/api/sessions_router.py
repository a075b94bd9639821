"""Conversations kept by the server: create one, send it questions, read it back, end it."""

from __future__ import annotations

from fastapi import APIRouter, Response

from advisor.api.deps import AdvisorDep, LiveDep, SessionsDep
from advisor.api.schemas import SessionCreate, SessionMessage, SessionView
from advisor.api.sessions_service import ask_in_session, session_view
from advisor.models import Answer

router = APIRouter(prefix="/sessions", tags=["sessions"])


@router.post("", response_model=SessionView, status_code=201, summary="Start a conversation")
def create_session(
    sessions: SessionsDep, advisor: AdvisorDep, body: SessionCreate | None = None
) -> SessionView:
    filters = body.filters if body and body.filters else None
    if filters:
        advisor.filters(filters.doc_ids, filters.kinds)  # unknown ids fail now, not at the first question
    session = sessions.create(tuple(filters.doc_ids), tuple(filters.kinds)) if filters else sessions.create()
    return session_view(sessions, session)


@router.post("/{session_id}/messages", response_model=Answer, summary="Ask the conversation's next question")
def send_message(session_id: str, body: SessionMessage, sessions: SessionsDep, live: LiveDep) -> Answer:
    return ask_in_session(sessions, live, session_id, body.question)


@router.get("/{session_id}", response_model=SessionView, summary="The conversation so far")
def get_session(session_id: str, sessions: SessionsDep) -> SessionView:
    return session_view(sessions, sessions.get(session_id))


@router.delete("/{session_id}", status_code=204, summary="Forget a conversation")
def delete_session(session_id: str, sessions: SessionsDep) -> Response:
    sessions.delete(session_id)
    return Response(status_code=204)
