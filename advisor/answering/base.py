"""The answering stage: one small interface, one module per way of answering."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from advisor.models import Answer
from advisor.retrieval.followup import Condenser, ResolvedQuestion
from advisor.retrieval.retriever import Retrieval


class Answerer(Protocol):
    """Turns retrieved provisions into an `Answer` whose every claim is backed by a citation."""

    mode: str
    #: Rewrites a follow-up as a standalone question; None when there is no model to do it.
    condense: Condenser | None

    def answer(self, question: str, resolved: ResolvedQuestion, retrieval: Retrieval) -> Answer: ...

    def stream(
        self, question: str, resolved: ResolvedQuestion, retrieval: Retrieval
    ) -> Iterator[str | Answer]:
        """Text as it is produced, then the complete `Answer` (last item)."""
        ...
