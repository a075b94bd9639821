"""Follow-up questions: "And the documents used for it?" only makes sense after the last turn.

Without a language model, a follow-up inherits what the conversation was about: the earlier
user question's words join the search text, and the provisions the conversation cited are
carried over so retrieval favours them. A question that names its own article starts a new
topic and inherits nothing; one that names an instrument ("and under UNTOC?") keeps the topic
but not the earlier provisions. With a model, `condense` first rewrites the follow-up
as a standalone question (the carried provisions still apply).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from advisor.legal.instruments import Instruments
from advisor.legal.languages import LANGUAGES, Language
from advisor.legal.references import ProvisionRef, find_references
from advisor.models import Turn, is_paragraph_unit

_BARE_PARAGRAPH = re.compile(r"\b(?:para(?:graph)?s?\.?|§)\s*(\d{1,3})\b", re.I)
#: Words that set an instrument aside rather than ask about it, just before its name.
_SET_ASIDE = re.compile(
    r"\b(?:not|instead of|rather than|other than|except|but not)\s+"
    r"(?:the\s+|under\s+(?:the\s+)?|in\s+(?:the\s+)?)?$"
)
#: How far before a name (characters) those words are looked for.
_SET_ASIDE_REACH = 30
#: How many earlier user turns lend their words to the search.
_TURNS_REMEMBERED = 2

Condenser = Callable[[str, Sequence[Turn]], str]


@dataclass(frozen=True)
class ResolvedQuestion:
    question: str
    search_text: str
    carried: list[ProvisionRef] = field(default_factory=list)
    #: The question with a bare "paragraph 7" completed from the conversation
    #: ("... (article 8(7) of the Smuggling of Migrants Protocol)"): what names provisions.
    asked: str = ""

    #: Instruments a follow-up turns to ("the same under the Trafficking Protocol?", "no, I
    #: meant UNTOC, not UNCAC"): it asks about them, whatever the earlier turns were about.
    switched_to: tuple[str, ...] = ()

    @property
    def is_followup(self) -> bool:
        return self.search_text != self.question


def resolve_followup(
    question: str,
    history: Sequence[Turn],
    instruments: Instruments,
    default_doc: str | None,
    condense: Condenser | None = None,
    language: Language = LANGUAGES["en"],
) -> ResolvedQuestion:
    """The question as it should be searched, and the provisions it inherits; names and
    citations are read in the question's `language`."""
    citations = language.english_citations(question)
    standalone = [r for r in find_references(citations, instruments, None) if not _is_bare_paragraph(r)]
    if not history or standalone:
        return ResolvedQuestion(question, question, asked=question)
    switched_to = _switched_to(citations, instruments)
    carried = [] if switched_to else _carried_provisions(history, instruments, default_doc)
    asked = _completed_paragraph(question, carried, instruments)
    if condense is not None:
        standalone = condense(question, history).strip()
        if standalone:
            return ResolvedQuestion(question, standalone, carried, asked, switched_to)
    earlier = [t.content for t in history if t.role == "user"][-_TURNS_REMEMBERED:]
    if switched_to:  # the earlier instrument's names would pull the search back to it
        earlier = [instruments.without_names(e, field_words=False) for e in earlier]
    search_text = " ".join([question, *reversed(earlier)])
    return ResolvedQuestion(question, search_text, carried, asked, switched_to)


def _switched_to(question: str, instruments: Instruments) -> tuple[str, ...]:
    """Instruments a follow-up names by a specific name, except those it sets aside ("not
    UNCAC", "rather than the Convention"): the earlier turns lend it their topic, not their
    instrument."""
    lowered = question.lower()
    named = [
        m.doc_id
        for m in instruments.mentions(question)
        if not m.generic and not _SET_ASIDE.search(lowered[max(0, m.start - _SET_ASIDE_REACH) : m.start])
    ]
    return tuple(dict.fromkeys(named))


def _completed_paragraph(question: str, carried: list[ProvisionRef], instruments: Instruments) -> str:
    """ "And paragraph 7?" after a turn about article 8: paragraph 7 of that article."""
    paragraph = _BARE_PARAGRAPH.search(question)
    if not paragraph or not carried or carried[0].doc_id is None:
        return question
    first = carried[0]
    name = instruments.label(first.doc_id)
    if is_paragraph_unit(first.article):  # a guide's paragraphs are numbered through it
        return f"{question} (para. {paragraph.group(1)} of the {name})"
    return f"{question} (article {first.article}({paragraph.group(1)}) of the {name})"


def _is_bare_paragraph(ref: ProvisionRef) -> bool:
    """ "And paragraph 3?": a paragraph of whatever the conversation is about, not a unit
    named outright."""
    return ref.doc_id is None and is_paragraph_unit(ref.article)


def _carried_provisions(
    history: Sequence[Turn], instruments: Instruments, default_doc: str | None
) -> list[ProvisionRef]:
    """Provisions cited in the conversation, most recent first, at article level."""
    refs: list[ProvisionRef] = []
    for turn in reversed(history):
        for ref in find_references(turn.content, instruments, default_doc):
            refs.append(ProvisionRef(ref.doc_id, ref.article))
    return list(dict.fromkeys(refs))
