"""The instruments in the index, the names practitioners use for them, and how they relate.

Practitioners say "the Palermo Convention", "SOM Protocol", "art. 8 of the Protocol"; the index
says `untoc`, `smuggling-protocol`. Known instruments take their aliases from
`data/instruments.json`; any other indexed document gets aliases from its title and short
title, and a Protocol "supplementing the X" is linked to X, because a supplementing Protocol
applies its Convention *mutatis mutandis* (Smuggling Protocol art. 1(2)).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources

from advisor.models import DocumentRecord

_SUPPLEMENTING = re.compile(r"supplementing the (.+)$", re.I)
_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")


@dataclass(frozen=True)
class Instrument:
    doc_id: str
    label: str
    aliases: tuple[str, ...]
    generic: tuple[str, ...] = ()
    supplements: str | None = None
    topics: tuple[str, ...] = ()
    #: For an edition in another UN language, the English document's id.
    edition_of: str = ""


@dataclass(frozen=True)
class Mention:
    """An instrument named in a text, at [start, end)."""

    doc_id: str
    start: int
    end: int
    generic: bool = False


@dataclass
class Instruments:
    """The registry for one index: look-ups by alias, parent convention and topic."""

    items: dict[str, Instrument] = field(default_factory=dict)

    @classmethod
    def for_documents(cls, records: list[DocumentRecord]) -> Instruments:
        known = _known_instruments()
        items = {r.doc_id: _instrument(r, known.get(r.doc_id, {}), records) for r in records}
        return cls(_with_derived_generics(items, {r.doc_id: r.kind for r in records}))

    def label(self, doc_id: str) -> str:
        item = self.items.get(doc_id)
        return item.label if item else doc_id

    def canonical(self, doc_id: str) -> str:
        """The English edition's id: the same provision in two languages is one provision."""
        item = self.items.get(doc_id)
        return item.edition_of if item and item.edition_of else doc_id

    def parent(self, doc_id: str) -> str | None:
        item = self.items.get(doc_id)
        parent = item.supplements if item else None
        return parent if parent in self.items else None

    def with_parents(self, doc_ids: Sequence[str]) -> list[str]:
        """Each instrument, then the Conventions they supplement (which apply mutatis mutandis)."""
        parents = [p for d in doc_ids if (p := self.parent(d))]
        return list(dict.fromkeys([*doc_ids, *parents]))

    def mentions(self, text: str) -> list[Mention]:
        """Instruments named in `text`, in order. A generic name ("the Protocol") is dropped
        when the text also names another instrument with that word ("the 1967 Protocol")."""
        lowered = text.lower()
        found: list[Mention] = []
        for doc_id, alias, generic, pattern in self._alias_patterns:
            if alias not in lowered:  # most aliases are absent: a substring test rules them out
                continue
            for match in pattern.finditer(lowered):
                if not any(m.start < match.end() and match.start() < m.end for m in found):
                    found.append(Mention(doc_id, match.start(), match.end(), generic))
        specific_names = " ".join(lowered[m.start : m.end] for m in found if not m.generic)
        kept = [m for m in found if not m.generic or lowered[m.start : m.end] not in specific_names]
        return sorted(kept, key=lambda m: m.start)

    def focus(self, text: str) -> set[str]:
        """Instruments a question is about: named ones, or those whose field it touches,
        each with the Convention it supplements (which applies mutatis mutandis)."""
        named = {m.doc_id for m in self.mentions(text)}
        lowered = text.lower()
        topical = {
            doc_id
            for doc_id, topic, pattern in self._topic_patterns
            if topic in lowered and pattern.search(lowered)
        }
        return set(self.with_parents(sorted(named | topical)))

    def without_names(self, text: str, field_words: bool = True) -> str:
        """`text` with instrument names, and unless told otherwise field words, blanked out."""
        spans = [(m.start, m.end) for m in self.mentions(text)]
        lowered = text.lower()
        for _, topic, pattern in self._topic_patterns if field_words else ():
            if topic in lowered:
                spans += [(m.start(), m.end()) for m in pattern.finditer(lowered)]
        kept = list(text)
        for start, end in spans:
            kept[start:end] = " " * (end - start)
        return "".join(kept)

    def vocabulary(self) -> set[str]:
        """Words of every alias: names the corpus "knows" even if its text never uses them."""
        return {word for item in self.items.values() for a in item.aliases for word in re.findall(r"\w+", a)}

    @cached_property
    def _alias_patterns(self) -> list[tuple[str, str, bool, re.Pattern[str]]]:
        """(doc id, alias, generic, pattern), longest alias first, compiled once: every
        question and every cited provision's text is searched for all of them."""
        pairs = [(i.doc_id, a, False) for i in self.items.values() for a in i.aliases]
        pairs += [(i.doc_id, g, True) for i in self.items.values() for g in i.generic]
        return [
            (doc_id, alias, generic, re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])"))
            for doc_id, alias, generic in sorted(pairs, key=lambda p: (-len(p[1]), p[2]))
        ]

    @cached_property
    def _topic_patterns(self) -> list[tuple[str, str, re.Pattern[str]]]:
        """(doc id, field word, the word and the rest of it: "smuggl" → "smuggling")."""
        return [
            (doc_id, topic, re.compile(rf"(?<!\w){re.escape(topic)}\w*"))
            for doc_id, item in self.items.items()
            for topic in item.topics
        ]


def _known_instruments() -> dict[str, dict]:
    text = resources.files("advisor.legal.data").joinpath("instruments.json").read_text(encoding="utf-8")
    return json.loads(text)["instruments"]


def _instrument(record: DocumentRecord, known: dict, records: list[DocumentRecord]) -> Instrument:
    derived = [record.title, record.short_title, *_ACRONYM.findall(record.short_title)]
    derived.append(_ACRONYM.sub("", record.short_title))
    aliases = {a.strip().lower() for a in [*known.get("aliases", []), *derived] if a and a.strip()}
    return Instrument(
        doc_id=record.doc_id,
        label=record.label,
        aliases=tuple(sorted(aliases)),
        generic=tuple(known.get("generic", [])),
        supplements=known.get("supplements") or _supplemented(record, records),
        topics=tuple(known.get("topics", [])),
        edition_of=record.edition_of,
    )


_GENERIC_WORDS = ("convention", "protocol")
#: What practitioners call a guidance document when the index holds one of its kind: "the
#: commentary" is the model law's, "the guide" the legislative guide.
_GENERIC_BY_KIND = {
    "model-law": (
        "model law",
        "model legislative provisions",
        "model provisions",
        "commentary",
        "commentaries",
    ),
    "guide": ("guide", "legislative guide"),
    "manual": ("manual", "training manual"),
    "issue-paper": ("issue paper",),
}
_GENERIC_TITLE_WORDS = ("guide", "manual", "toolkit", "framework")


def _with_derived_generics(items: dict[str, Instrument], kinds: dict[str, str]) -> dict[str, Instrument]:
    """ "the Convention" / "the Protocol" / "the guide" for an index with one document of that
    kind.

    Only where no known instrument claims the word and exactly one indexed document's short
    title ends with it (or, for guidance, is of the kind); otherwise the word stays ambiguous
    and names nothing."""
    claimed = {g for item in items.values() for g in item.generic}
    derived = dict(items)
    for word in _GENERIC_WORDS + _GENERIC_TITLE_WORDS:
        if word in claimed:
            continue
        owners = [
            i
            for i in items.values()
            if not i.generic and word in i.label.lower().rstrip(")").split(" (")[0].split()[-1:]
        ]
        if len(owners) == 1:
            derived[owners[0].doc_id] = replace(owners[0], generic=(word,))
    for kind, words in _GENERIC_BY_KIND.items():
        owners = [d for d, k in kinds.items() if k == kind]
        if len(owners) == 1 and not claimed & set(words):
            owner = derived[owners[0]]
            derived[owner.doc_id] = replace(owner, generic=tuple(dict.fromkeys((*owner.generic, *words))))
    return derived


def _supplemented(record: DocumentRecord, records: list[DocumentRecord]) -> str | None:
    """The document a "..., supplementing the X" title names, when X is indexed too."""
    match = _SUPPLEMENTING.search(record.title)
    if not match:
        return None
    parent_title = match.group(1).strip().lower()
    for other in records:
        if other.doc_id != record.doc_id and other.title.strip().lower() == parent_title:
            return other.doc_id
    return None
