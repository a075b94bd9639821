"""What flows between the stages: documents and chunks, provision keys, retrieval reasons, answers.

Declared once here and imported everywhere, so a stage never redeclares another's types. The
API's response is the serialisation of these models, never a dict built by hand elsewhere.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field


class TextQuality(BaseModel):
    """How far a PDF's text layer could be trusted, as found when it was ingested."""

    model_config = ConfigDict(frozen=True)

    pages_checked: int = Field(description="Pages with enough text to judge.")
    garbled_pages: tuple[int, ...] = Field(
        description="Pages whose text layer is garbled (a broken font map, letters lost with ligatures)."
    )
    ocr_pages: tuple[int, ...] = Field(
        description="Garbled pages read by OCR instead; the other garbled pages are left out of the text."
    )
    score: float = Field(description="Share of the text layer's letters in well-formed words, 0–1.")


class PublicDocument(BaseModel):
    """A document as users see it: the JSON the CLI prints and the API returns for it."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    title: str
    short_title: str
    kind: str
    year: int | None
    authority: str
    url: str
    page_count: int
    chunk_count: int
    ingested_at: str
    language: str = Field("en", description="ISO 639-1 code of this edition's language.")
    edition_of: str = Field(
        "", description="For an edition in another UN language: the id of the English document it translates."
    )
    quality: TextQuality | None = Field(
        None, description="null when unknown: not a PDF, or indexed before text quality was checked."
    )

    @property
    def label(self) -> str:
        return self.short_title or self.title


class DocumentRecord(PublicDocument):
    """A document as indexed (without its text): its public form, plus where the server keeps
    the file and how it recognises a change, which are for the index only and stay out of its
    JSON (`model_dump`)."""

    source_path: str = Field(exclude=True)
    file_sha256: str = Field(exclude=True)
    fingerprint: str = Field(exclude=True)


#: Citable units of guidance that are not articles carry their own noun in `article`.
_LABELLED_UNIT = re.compile(r"^(?:para\.|section|Tool|Module|Part)\s")
COMMENTARY = ", Commentary"


def unit_label(annex: str, article: str) -> str:
    """The unit a citation names, without its paragraph: "Article 8", "Annex II, Article 4",
    "Article 5.A, Commentary", or a guidance unit as is ("para. 42", "section 2.3.1",
    "Module 3, section B", "Tool 5.3"); "" for text outside any unit."""
    if not article:
        return ""
    where = article if is_labelled(article) else f"Article {article}"
    return f"Annex {annex}, {where}" if annex else where


def is_labelled(article: str) -> bool:
    """True for a guidance unit that names itself ("para. 42"), false for an article number."""
    return bool(_LABELLED_UNIT.match(article))


def is_paragraph_unit(article: str) -> bool:
    """A guide's numbered paragraph: "para. 42", or "Part Three, para. 42" where each Part
    numbers its paragraphs afresh."""
    return article.startswith("para. ") or (article.startswith("Part ") and ", para. " in article)


class ProvisionKey(NamedTuple):
    """What gets cited: (instrument, annex, article); article "" for unnumbered text.

    `article` is an article number ("8", "5.A"), a model law's commentary to one ("5.A,
    Commentary"), or a guidance unit's label ("para. 42", "Part Three, para. 42", "section
    2.3.1", "Module 3, section B", "Tool 5.3"): one scheme that citations, the API, the eval
    and gold files share.
    A tuple, so it equals, sorts and hashes like the plain `(doc_id, annex, article)`."""

    doc_id: str
    annex: str
    article: str

    @property
    def unit(self) -> str:
        return unit_label(self.annex, self.article)


@dataclass(frozen=True)
class Chunk:
    """One embedded unit; `text == document.text[start:end]`.

    A dataclass rather than a pydantic model: tens of thousands are built at every load."""

    id: str
    doc_id: str
    ordinal: int
    text: str
    context: str
    start: int
    end: int
    page_start: int | None
    page_end: int | None
    part: str
    chapter: str
    section: str
    annex: str
    article: str
    article_title: str
    paragraphs: tuple[str, ...]

    @property
    def embed_text(self) -> str:
        return f"{self.context}\n{self.text}"

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.embed_text.encode("utf-8")).hexdigest()

    @property
    def provision(self) -> ProvisionKey:
        return ProvisionKey(self.doc_id, self.annex, self.article)

    @property
    def unit(self) -> str:
        """The citable unit holding this chunk ("Article 8", "para. 42", "Tool 5.3")."""
        return unit_label(self.annex, self.article)


class Provision(BaseModel):
    """A provision's full text: what "open the source" shows beside a citation."""

    doc_id: str
    title: str
    annex: str
    article: str
    article_title: str
    text: str
    start: int
    end: int
    page_start: int | None
    page_end: int | None


@dataclass(frozen=True)
class Filters:
    """Which documents a question may be answered from (empty: no restriction)."""

    doc_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def allows(self, chunk: Chunk, kind: str) -> bool:
        return (not self.doc_ids or chunk.doc_id in self.doc_ids) and (not self.kinds or kind in self.kinds)

    def narrowed_to(self, doc_ids: Sequence[str]) -> Filters:
        """These filters, also confined to `doc_ids`; a choice of documents already made is
        kept when none of them is in it (an empty search would answer nothing)."""
        kept = tuple(d for d in doc_ids if not self.doc_ids or d in self.doc_ids)
        return replace(self, doc_ids=kept) if kept else self


class Reason(StrEnum):
    """Why a provision is in the results when similarity alone would not have put it there."""

    NAMED = "named"
    CARRIED = "carried"
    BRIDGE = "bridge"
    CROSS_REFERENCE = "cross_reference"
    EXPLAINED = "explained"
    EXPLAINS = "explains"

    def describe(self, referred_by: str = "") -> str:
        """The reason in the answer's words; a cross-reference names the provision citing it
        (`referred_by`, e.g. "Smuggling of Migrants Protocol, Article 6")."""
        match self:
            case Reason.NAMED:
                return "named in the question"
            case Reason.CARRIED:
                return "from the earlier turns"
            case Reason.BRIDGE:
                return "applies the Convention mutatis mutandis"
            case Reason.CROSS_REFERENCE:
                return f"referred to by {referred_by}"
            case Reason.EXPLAINED:
                return f"the treaty provision {referred_by} explains"
            case Reason.EXPLAINS:
                return f"explains {referred_by}"


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
    authority: str = Field(
        "",
        description='How much it binds: "binding treaty", "model legislation, not binding", '
        '"UNODC guidance, not binding" or "training material, not binding".',
    )
    provision: str = Field(
        description='Pinpoint: "Article 8(7)", "Article 5.A, Commentary", "para. 42", "section 2.3.1", '
        '"Module 3, section B", "Tool 5.3"; a division or "" for unnumbered text.'
    )
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
    refused: bool = Field(
        False,
        description="An off-topic or instruction-like request: says what the advisor answers, cites nothing.",
    )
    mode: Literal["extractive", "generative"] = "extractive"
    verification: Verification | None = None
    see_also: list[SeeAlso] = []
    resolved_question: str = Field("", description="The question as searched, after follow-up resolution.")
    language: str = Field(
        "en", description="The question's language (ISO 639-1): the answer's frame is in it."
    )
    confidence: float | None = Field(
        None,
        description="Estimated probability that the documents answer the question (calibrated on "
        "the tune split; null when a named provision, a refusal or an error decided).",
    )
    timings_ms: dict[str, float] = {}


#: Kinds of training item (issue "trainer tools"): what each asks of a learner.
ItemType = Literal["definition", "obligation", "true-false", "multiple-choice", "classification", "open"]
#: Formats a quiz exports to.
QuizFormat = Literal["json", "gift", "aiken", "moodle-xml", "csv", "md", "docx"]


class QuizSource(BaseModel):
    """The provision an item rests on, in the shared pinpoint scheme, with its verbatim basis."""

    doc_id: str
    title: str
    kind: str
    authority: str
    provision: str = Field(description='Pinpoint: "Article 6(1)(b)", "para. 42", "Tool 5.3".')
    article: str
    annex: str = ""
    page: int | None
    quote: str = Field(description="Verbatim slice of the document's cleaned text the key rests on.")
    start: int
    end: int


class QuizOption(BaseModel):
    text: str
    correct: bool
    feedback: str = ""


class QuizItem(BaseModel):
    """One question with its key and source; `options` for true/false, multiple choice and
    classification, empty for definition, obligation and open items (answered in words)."""

    id: str
    type: ItemType
    question: str
    options: list[QuizOption] = []
    answer: str = Field(description="The key: the correct option's text, or the model answer.")
    feedback: str = Field("", description="Why: shown after answering, names the source.")
    source: QuizSource


class DroppedItem(BaseModel):
    """A generated item the faithfulness check or the de-duplication removed, and why."""

    type: ItemType
    question: str
    provision: str
    reason: str


class Quiz(BaseModel):
    title: str
    seed: int
    provisions: list[str] = Field(
        [], description='The provisions drawn on: "Smuggling of Migrants Protocol, Article 6".'
    )
    items: list[QuizItem] = []
    dropped: list[DroppedItem] = []
