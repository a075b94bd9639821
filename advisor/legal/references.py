"""Provision references in questions and in provisions: "article 8(7)", "art. 6 para. 3",
"articles 27 and 28 of the Convention", "Article 16 of the Smuggling Protocol", and guidance
units: "para 42 of the legislative guide", "the commentary to article 5.A", "tool 6",
"section 2.3.1", "module 3, section B".

A reference names an article and maybe a paragraph; the instrument is the one named nearest
to it (after "of the ..." or just before), else the default the caller gives. Inside a
provision, "this Protocol" is the provision's own instrument and "the Convention" the one it
supplements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.legal.instruments import Instruments, Mention
from advisor.models import COMMENTARY

_ARTICLE_WORD = r"(?:articles?|arts?\.?)"
#: "5.A" is a model law article of an option group; "5. A person" is not.
_NUMBER = r"(?:\d{1,3}(?:\.[A-Za-z](?!\w)|\s?bis)?|(?-i:[IVXLC]{1,6}))\b"
_PARAGRAPHS = r"(?:\s*\(\s*(?:\d{1,3}|[a-z]{1,4})\s*\))*"
_ONE = rf"{_NUMBER}{_PARAGRAPHS}"
_REFERENCE = re.compile(
    rf"\b{_ARTICLE_WORD}\s*(?P<list>{_ONE}(?:\s*(?:,|and|or|&)\s*{_ONE})*)"
    r"(?:,?\s*(?:para(?:graph)?s?\.?|§)\s*(?P<para>\d{1,3}))?",
    re.I,
)
_ITEM = re.compile(rf"(?P<number>{_NUMBER})(?P<paras>{_PARAGRAPHS})", re.I)
#: Guidance units named in a question; each pattern's groups build the unit's label.
_UNITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bmodule\s+(\d{1,2}),?\s+section\s+([A-H])\b", re.I), "Module {0}, section {1}"),
    (re.compile(r"\bmodule\s+(\d{1,2})\b(?!,?\s+section)", re.I), "Module {0}"),
    (re.compile(r"\btool\s+(\d{1,2}(?:\.\d{1,2})?)\b", re.I), "Tool {0}"),
    (re.compile(r"\bsection\s+(\d{1,2}(?:\.\d{1,2}){0,3})\b", re.I), "section {0}"),
    (re.compile(r"\bpara(?:graph)?s?\.?\s*(\d{1,3})\b(?!\s*(?:of|in)\s+(?:the\s+)?art)", re.I), "para. {0}"),
)
_COMMENTARY_BEFORE = re.compile(r"commentary\s+(?:to|on|of|for)\s+(?:the\s+|its\s+)?$", re.I)
_COMMENTARY_AFTER = re.compile(r"^(?:['’]s)?,?\s+(?:and\s+its\s+)?commentary\b", re.I)
_OWN_INSTRUMENT = re.compile(r"^\s*of\s+this\s+(?:protocol|convention)\b", re.I)
_PARENT_INSTRUMENT = re.compile(r"^\s*of\s+the\s+convention\b", re.I)
_OF_LINK = re.compile(r"^\s*(?:of|in|under)\s+(?:the\s+)?$", re.I)
#: How far (characters) an instrument name may sit from the article number it qualifies.
_REACH_AFTER, _REACH_BEFORE = 60, 40


@dataclass(frozen=True)
class ProvisionRef:
    """An article (and maybe paragraph) of an instrument; `doc_id` None when none was named."""

    doc_id: str | None
    article: str
    paragraph: str = ""


def find_references(
    text: str, instruments: Instruments, default_doc: str | None = None
) -> list[ProvisionRef]:
    """References in a question, each tied to the nearest named instrument or `default_doc`."""
    mentions = instruments.mentions(text)
    refs: list[ProvisionRef] = []
    articles = list(_REFERENCE.finditer(text))
    for match in articles:
        named = _nearest(text, mentions, match.start(), match.end())
        found = [
            # "5.A" numbers a model law's articles, never the default treaty's.
            ProvisionRef(None, r.article, r.paragraph) if not named and "." in r.article else r
            for r in _refs_in(match, named or default_doc)
        ]
        if _COMMENTARY_BEFORE.search(text[: match.start()]) or _COMMENTARY_AFTER.match(text[match.end() :]):
            # A commentary belongs to a model law, which the default (a treaty) is not.
            refs += [ProvisionRef(named, f"{r.article}{COMMENTARY}") for r in found]
        refs += found
    refs += _unit_refs(text, mentions, [(m.start(), m.end()) for m in articles])
    return list(dict.fromkeys(refs))


def _unit_refs(text: str, mentions: list[Mention], taken: list[tuple[int, int]]) -> list[ProvisionRef]:
    """Guidance units named in `text`, outside article references ("article 8, paragraph
    2" is a treaty's paragraph, not a guide's). With no document named, any indexed document
    holding a unit of that label answers: such labels are rare outside their own kind."""
    refs: list[tuple[int, ProvisionRef]] = []
    for pattern, label in _UNITS:
        for match in pattern.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            unit = label.format(*(g.upper() if g.isalpha() else g for g in match.groups()))
            refs.append(
                (match.start(), ProvisionRef(_nearest(text, mentions, match.start(), match.end()), unit))
            )
    return [ref for _, ref in sorted(refs, key=lambda pair: pair[0])]


def cross_references(text: str, own_doc: str, instruments: Instruments) -> list[ProvisionRef]:
    """References a provision makes: "article 6 of this Protocol", "articles 27 and 28 of the
    Convention" (the supplemented Convention). Bare "article 3" is the provision's own."""
    refs: list[ProvisionRef] = []
    mentions = instruments.mentions(text)
    for match in _REFERENCE.finditer(text):
        tail = text[match.end() : match.end() + 30]
        if _PARENT_INSTRUMENT.match(tail):
            doc_id = instruments.parent(own_doc) or own_doc
        elif _OWN_INSTRUMENT.match(tail):
            doc_id = own_doc
        else:
            named = _nearest(text, mentions, match.start(), match.end())
            doc_id = named if named and not _is_generic(mentions, named) else own_doc
        refs += _refs_in(match, doc_id)
    return list(dict.fromkeys(refs))


def _refs_in(match: re.Match[str], doc_id: str | None) -> list[ProvisionRef]:
    refs = []
    for item in _ITEM.finditer(match.group("list")):
        paragraphs = re.findall(r"\(\s*([^)\s]+)\s*\)", item.group("paras"))
        paragraph = paragraphs[0] if paragraphs else (match.group("para") or "")
        if paragraphs[1:]:
            paragraph += "".join(f"({p})" for p in paragraphs[1:])
        refs.append(ProvisionRef(doc_id, _normalise(item.group("number")), paragraph))
    return refs


def _nearest(text: str, mentions: list[Mention], start: int, end: int) -> str | None:
    """The instrument an article number belongs to: "article 8 of (the) X" first, else the
    name closest on either side ("UNTOC article 24", "art 19 SOM protocol")."""
    candidates = []
    for m in mentions:
        if 0 <= m.start - end <= _REACH_AFTER:
            if _OF_LINK.match(text[end : m.start]):
                return m.doc_id
            candidates.append((m.start - end, m.doc_id))
        elif 0 <= start - m.end <= _REACH_BEFORE:
            candidates.append((start - m.end, m.doc_id))
    return min(candidates)[1] if candidates else None


def _is_generic(mentions: list[Mention], doc_id: str) -> bool:
    return all(m.generic for m in mentions if m.doc_id == doc_id)


def _normalise(number: str) -> str:
    number = re.sub(r"\s+", " ", number.strip())
    return number.upper() if re.fullmatch(r"\d+\.[a-z]", number) else number
