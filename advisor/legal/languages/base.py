"""What a language pack holds (see `advisor.legal.languages`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.legal.authority import authority_label

#: (pattern, replacement): a citation form of the language → the English one.
Rewrite = tuple[re.Pattern[str], str]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    #: "The documents address this in {names}." — the answer's first line.
    lead: str
    #: Joins the last two names of the lead line ("A, B and C").
    and_word: str
    #: What the answer says when the documents are silent, before the reason.
    abstention: str
    #: Added after an abstention when nearest provisions are listed.
    see_also_note: str
    #: The reason given when nothing is close enough to the question.
    too_far: str
    #: What the advisor says to an off-topic or instruction-like request (it cites nothing).
    refusal: str
    #: The instruments' official titles and common short names in the language, rewritten to
    #: an English alias (`legal/data/instruments.json`) before the citation forms, so that "la
    #: traite des personnes" names the Trafficking Protocol and not "the Protocol" by default.
    instrument_names: tuple[Rewrite, ...] = field(default_factory=tuple)
    #: Citation forms of the language rewritten to English ones, applied in order.
    rewrites: tuple[Rewrite, ...] = field(default_factory=tuple)
    #: Requests addressed to the assistant rather than questions about the law: to drop its
    #: instructions, play a role, or write something (a poem, a contract, a translation).
    instruction_cues: tuple[re.Pattern[str], ...] = field(default_factory=tuple)
    #: A national statute, code or court case named in the question ("the Spanish Criminal
    #: Code", "Law No. 82 of 2016", "R v Smith"): the indexed treaties and guides contain none.
    national_law_cues: tuple[re.Pattern[str], ...] = field(default_factory=tuple)
    #: What does not bind, said in the language, by document kind ("guidance" for any kind
    #: not listed); empty: the English words of `advisor.legal.authority`.
    not_binding: dict[str, str] = field(default_factory=dict)

    def weight(self, kind: str) -> str:
        """ "UNODC guidance, not binding" in this language, for a passage of `kind`."""
        return self.not_binding.get(kind) or self.not_binding.get("guidance") or authority_label(kind)

    def is_instruction(self, text: str) -> bool:
        """`text` asks the assistant to do something else than answer from the documents."""
        return any(cue.search(text) for cue in self.instruction_cues)

    def names_national_law(self, text: str) -> str:
        """The national statute, code or case `text` names ("" when none)."""
        for cue in self.national_law_cues:
            if match := cue.search(text):
                return match.group().strip()
        return ""

    def english_citations(self, text: str) -> str:
        """`text` with its provision citations and instrument names in English form
        ("artículo 8(7)" → "article 8(7)"), for the reference finder and the follow-up
        resolver; the rest of the text is left as it is."""
        for pattern, replacement in (*self.instrument_names, *self.rewrites):
            text = pattern.sub(replacement, text)
        return text

    def join(self, names: list[str]) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {self.and_word} " + names[-1]


def rewrites(*pairs: tuple[str, str]) -> tuple[Rewrite, ...]:
    return tuple((re.compile(pattern, re.I), replacement) for pattern, replacement in pairs)


def cues(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.I) for pattern in patterns)
