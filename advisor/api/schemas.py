"""What the HTTP API accepts, and the few responses that are not already advisor models.

Answers are returned as `advisor.models.Answer` and provisions as `advisor.models.Provision`
(their serialisation is the API's JSON); the models here describe requests, documents,
sessions and the server's state. Unknown request fields are refused (422), so a misspelt
"questoin" is an error rather than a silently empty question.
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

from advisor.models import DocumentRecord, ItemType, PublicDocument, Quiz, QuizFormat, Turn

#: Far above `Settings.max_question_chars`: only a guard against absurd bodies; the setting's
#: limit is checked by the pipeline, whose message says what the limit is.
_BODY_CHARS = 100_000


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AskFilters(Strict):
    doc_ids: list[str] = Field(
        [], max_length=100, description="Only these documents (ids from GET /documents)."
    )
    kinds: list[str] = Field([], max_length=10, description='Only documents of these kinds, e.g. "treaty".')


class AskRequest(Strict):
    question: str = Field(
        max_length=_BODY_CHARS,
        description="The question; at most `max_question_chars` (2,000 by default) characters.",
        examples=["What does article 8 of the Smuggling Protocol say?"],
    )
    history: list[Turn] = Field([], max_length=100, description="Earlier turns, oldest first.")
    filters: AskFilters | None = None


class SessionCreate(Strict):
    filters: AskFilters | None = Field(None, description="Applied to every question of the session.")


class SessionMessage(Strict):
    question: str = Field(max_length=_BODY_CHARS, description="The next question of the conversation.")


class SessionView(BaseModel):
    id: str
    turns: list[Turn]
    filters: AskFilters
    expires_in_s: float = Field(description="Seconds left before the session is forgotten if unused.")


class Health(BaseModel):
    status: str = "ok"


class Ready(BaseModel):
    ready: bool
    documents: int
    chunks: int
    detail: str = ""


class DocumentInfo(PublicDocument):
    """An indexed document as clients see it: the record's public form, plus where its file is."""

    file_url: str = Field(description="The original file; append #page=N to open a PDF at a page.")

    @classmethod
    def of(cls, record: DocumentRecord, **more: Any) -> Self:
        """`record` as the API shows it; `more` fills the fields a subclass adds."""
        return cls(**record.model_dump(), file_url=f"/documents/{record.doc_id}/file", **more)


class ProvisionSummary(BaseModel):
    annex: str
    article: str
    title: str


class DocumentDetail(DocumentInfo):
    provisions: list[ProvisionSummary] = Field(description="Numbered articles, in document order.")


class UploadResult(BaseModel):
    document: DocumentInfo
    replaced: bool = Field(description="True when an earlier upload with the same id was replaced.")
    seconds: float


#: Most items a quiz may have: a trainer's session, and a bound on the work one request asks.
MAX_QUIZ_ITEMS = 100


class QuizRequest(Strict):
    """Which provisions a quiz is drawn from, which items, and in which format it comes back."""

    doc: str | None = Field(
        None, max_length=200, description="Document id (GET /documents); default: the default instrument."
    )
    articles: str | None = Field(
        None, max_length=200, pattern=r"^[\w.,\s\-–]+$", description='Articles: "3-6" or "1,3,5-7".'
    )
    chapter: str | None = Field(None, max_length=200, description='Chapter, e.g. "II".')
    topic: str | None = Field(
        None,
        max_length=_BODY_CHARS,
        description="Draw on the provisions retrieval finds for this topic (listed in `provisions`).",
        examples=["international cooperation"],
    )
    n: int = Field(20, ge=1, le=MAX_QUIZ_ITEMS, description="Most items.")
    types: list[ItemType] = Field([], max_length=10, description="Only these item types; empty = all.")
    seed: int = Field(0, ge=0, le=2**32 - 1, description="The same seed gives the same quiz.")
    format: QuizFormat = Field("json", description="json returns the Quiz; other formats return a file.")


class QuizExportRequest(Strict):
    """A quiz (possibly edited by a trainer) to turn into a file."""

    quiz: Quiz
    format: QuizFormat
