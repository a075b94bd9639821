"""Chat sessions kept by the server: the turns of a conversation, forgotten after a quiet spell.

A session is what lets a client send only "And the penalties?" and have it read as a follow-up.
Sessions live in memory (one store per app, on `app.state`), expire `session_ttl_s` after their
last message, and are capped in number so a flood of new sessions cannot exhaust memory.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from advisor.api.live import LivePipeline
from advisor.api.schemas import AskFilters, SessionView
from advisor.errors import UnknownSession
from advisor.models import MAX_TURN_CHARS, Answer, Filters, Turn

Clock = Callable[[], float]


@dataclass
class Session:
    id: str
    created: float
    last_active: float
    doc_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    turns: list[Turn] = field(default_factory=list)
    #: Serialises the messages of one session so turns stay in question/answer order.
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class SessionStore:
    """Thread-safe, in-memory, least-recently-used sessions with a time to live."""

    def __init__(self, ttl_s: float, max_sessions: int, clock: Clock = time.monotonic) -> None:
        self.ttl_s = ttl_s
        self._max = max_sessions
        self._clock = clock
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def create(self, doc_ids: tuple[str, ...] = (), kinds: tuple[str, ...] = ()) -> Session:
        now = self._clock()
        session = Session(uuid.uuid4().hex, now, now, doc_ids, kinds)
        with self._lock:
            self._purge(now)
            while len(self._sessions) >= self._max:
                self._sessions.popitem(last=False)
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> Session:
        """The live session; `UnknownSession` when absent or expired."""
        with self._lock:
            self._purge(self._clock())
            session = self._sessions.get(session_id)
        if session is None:
            raise UnknownSession(
                f"no session {session_id!r} (it may have expired after {self.ttl_s:g} s idle)"
            )
        return session

    def touch(self, session: Session) -> None:
        with self._lock:
            session.last_active = self._clock()
            if session.id in self._sessions:
                self._sessions.move_to_end(session.id)

    def delete(self, session_id: str) -> None:
        with self._lock:
            if self._sessions.pop(session_id, None) is None:
                raise UnknownSession(f"no session {session_id!r}")

    def expires_in(self, session: Session) -> float:
        return max(0.0, session.last_active + self.ttl_s - self._clock())

    def _purge(self, now: float) -> None:
        expired = [key for key, s in self._sessions.items() if now - s.last_active >= self.ttl_s]
        for key in expired:
            del self._sessions[key]


def ask_in_session(store: SessionStore, live: LivePipeline, session_id: str, question: str) -> Answer:
    """Answer `question` as the next turn of the session, and remember both turns."""
    session = store.get(session_id)
    with session.lock:
        with live.reading() as advisor:
            filters = (
                advisor.filters(session.doc_ids, session.kinds)
                if session.doc_ids or session.kinds
                else Filters()
            )
            answer = advisor.ask(question, list(session.turns), filters)
        session.turns += [
            Turn(role="user", content=question[:MAX_TURN_CHARS]),
            Turn(role="assistant", content=answer.answer[:MAX_TURN_CHARS]),
        ]
        store.touch(session)
    return answer


def session_view(store: SessionStore, session: Session) -> SessionView:
    return SessionView(
        id=session.id,
        turns=list(session.turns),
        filters=AskFilters(doc_ids=list(session.doc_ids), kinds=list(session.kinds)),
        expires_in_s=round(store.expires_in(session), 1),
    )
