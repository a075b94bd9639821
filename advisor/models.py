"""What an answer is: the JSON the CLI prints, the API returns and the evaluation scores.

The API's response is the serialisation of these models, never a dict built by hand elsewhere.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

#: Longest turn of a conversation, in characters: room for a whole earlier answer (three
#: provisions, three quotes each of up to 900 characters, plus headings), ten times the
#: default question limit. The API cuts remembered turns here rather than fail a request.
MAX_TURN_CHARS = 20_000


class Turn(BaseModel):
    """One earlier message of a conversation."""

    role: Literal["user", "assistant"]
    content: str = Field(max_length=MAX_TURN_CHARS)


class Citation(BaseModel):
    """A quoted passage: `quote` is an exact substring of the document's cleaned text."""

    n: int = Field(description="The number the answer text cites it by: [n].")
    doc_id: str
    title: str
    kind: str
    provision: str = Field(description='Pinpoint, e.g. "Article 8(7)"; a section or "" for unnumbered text.')
    article: str
    paragraph: str
    page: int | None = Field(
        description="1-based page of the quote's start in the source PDF; None for page-less formats."
    )
    quote: str
    score: float
    start: int = Field(description="Character offset of the quote in the document's cleaned text.")
    end: int
    annex: str = ""


class SeeAlso(BaseModel):
    """A nearby provision offered when the advisor abstains, or as further reading."""

    doc_id: str
    title: str
    provision: str
    article: str
    reason: str = ""


class SentenceCheck(BaseModel):
    text: str
    cited: list[int]
    supported: bool
    support: float = Field(description="Best support score against the cited passages (0–1).")
    substantive: bool = Field(
        True, description="False for fillers too short to claim anything (kept, not scored)."
    )


class Verification(BaseModel):
    """What the faithfulness check did to a generated answer (None for extractive answers)."""

    method: str
    threshold: float
    sentences: list[SentenceCheck] = []
    removed: int = 0
    citations_dropped: list[int] = []
    fell_back_to_extractive: bool = False
    note: str = ""


class Answer(BaseModel):
    question: str
    answer: str
    citations: list[Citation] = []
    abstained: bool = False
    mode: Literal["extractive", "generative"] = "extractive"
    verification: Verification | None = None
    see_also: list[SeeAlso] = []
    resolved_question: str = Field("", description="The question as searched, after follow-up resolution.")
    timings_ms: dict[str, float] = {}
