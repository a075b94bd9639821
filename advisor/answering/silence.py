"""Signs in a question that the indexed documents are silent on it.

The indexed texts are treaties and UNODC guidance: they state obligations and powers, not
national law, statistics, case outcomes or who has ratified what. Each sign is one input to the
calibrated abstention decision (`advisor.answering.abstain`), and the reason shown when it
abstains:
1. **Unknown names.** A question about Spain's penalties, Interpol in Libya or 2021 figures
   names something the corpus never mentions: capitalised words (not opening a sentence),
   acronyms and four-digit years absent from the indexed text and the instruments' names.
   Only the sentences that *ask* are checked — "the people fled Afghanistan in 2023" in a
   scenario is a fact of the case, not the subject of the question.
2. **A national scope**: "in Germany", "Spain's law".
3. **Questions about the world, not the texts**: who ratified or declared what, who was first
   or is currently in charge.
4. **Figures the texts do not give.** "How many hours", "maximum sentence", "minimum fine":
   if the best provisions state no figure of that kind (hours, years, an amount), the
   documents set none.
These read English; a question in another language is judged on its evidence alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from advisor.index.lexical import STOPWORDS

#: Characters allowed between who is asked about and what they did ("which States in West
#: Africa have ratified"): a clause, not a second sentence.
_SUBJECT_TO_VERB_CHARS = 60
#: Longest place or owner name taken from "in ..." or "...'s law" ("United Arab Emirates").
_MAX_NAME_WORDS = 3
#: A people's name shares at least this stem with its country's ("Sudan" → "Sudanese") and
#: differs at most in the country name's last letters ("Eritrea" → "Eritrean", "Albania" → "Albanian").
_PEOPLE_STEM = 4
_PEOPLE_SUFFIX = 2
#: Words allowed between a count and its unit ("three or more persons", "ten working days").
_WORDS_BEFORE_UNIT = 2
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“(]\s*)$")
_CANDIDATE = re.compile(r"\b(?:[A-Z][\w'’-]*|\d{4})\b")
_SENTENCES = re.compile(r"[^.!?]+[.!?]*")
#: Acronyms and words of everyday writing that are not names of anything out of scope.
_GENERIC = frozenset(
    {
        "i",
        "i'm",
        "i've",
        "ok",
        "okay",
        "hi",
        "hello",
        "thanks",
        "please",
        "dear",
        "id",
        "ids",
        "dna",
        "gps",
        "sms",
        "faq",
        "vs",
    }
)
_WORLD_FACTS = (
    (
        re.compile(
            r"\b(?:which|what|how many)\s+(?:states|countries|parties|governments)\b"
            rf"[^?]{{0,{_SUBJECT_TO_VERB_CHARS}}}\b"
            r"(?:have|has|had)\s+(?:ratified|signed|acceded|declared|made|entered|withdrawn|denounced|objected)",
            re.I,
        ),
        "the documents do not record which States ratified, signed or made declarations",
    ),
    (
        re.compile(
            r"\b(?:when|what\s+(?:date|day|year)|which\s+year|in\s+what\s+year)\s+(?:did|has|have|was|were)\b"
            rf"[^?]{{0,{_SUBJECT_TO_VERB_CHARS}}}\b(?:ratif|sign|acced|accession|join|bec[oa]me\s+a\s+party)",
            re.I,
        ),
        "the documents do not record when States ratified, signed or acceded",
    ),
    (
        re.compile(r"\bwho\s+(?:was|were|is|are)\s+the\s+(?:first|last|latest|current|most recent)\b", re.I),
        "the documents do not name persons, cases or office holders",
    ),
)
_SCOPED = re.compile(
    r"\b(?:in|under|within)\s+(?:the\s+)?(?:law\s+of\s+)?"
    rf"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{0,{_MAX_NAME_WORDS - 1}}})"
    rf"|(?P<owner>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){{0,{_MAX_NAME_WORDS - 1}}})"
    r"['’]s\s+(?:law|legislation|code|courts?|penal|criminal|asylum|police)"
)
_ASKS_FOR_FIGURE = re.compile(
    r"\b(?:how\s+(?:many|much|long|far)|maximum|minimum|at\s+least|at\s+most|what\s+(?:percentage|number|amount)"
    r"|(?:sentence|penalty|fine)\s+range)\b",
    re.I,
)
_COUNT = (
    r"(?:\d+(?:[.,]\d+)?(?:\s*[-–]\s*\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|half|"
    r"thirtieth|fortieth|ninetieth|first|second|third)"
)
#: What kind of figure a question asks for (its words) and what units state one.
_FIGURE_KINDS: dict[str, tuple[str, str]] = {
    # Checked in this order; the first kind the question's words match decides the units.
    "custody": (r"sentences?|prison|imprisonment|jail|custod", r"years?|months?"),
    "time": (
        r"how\s+long|days?|hours?|weeks?|months?|years?|minutes?|detention|detain|held|period",
        r"days?|hours?|weeks?|months?|years?|minutes?",
    ),
    "money": (
        r"how\s+much|fines?|amount|cost|price|fees?|dues|dollars?|euros?",
        r"dollars?|euros?|usd|eur|francs?|pounds?|dinars?|pesos?|rupees?|yen|yuan|(?:\w+\s)?coins?|units?|\$|€|£",
    ),
    "people": (
        r"persons?|people|migrants?|members?|smugglers?|passengers?",
        r"persons?|people|migrants?|members?|passengers?",
    ),
    "states": (r"states|countries|parties|signator", r"states|parties|countries|instruments?"),
    "distance": (
        r"how\s+far|miles?|metres?|meters?|kilometres?|distance",
        r"(?:nautical\s+)?miles?|metres?|meters?|kilometres?",
    ),
    "share": (r"percentage|per\s*cent|percent|proportion", r"per\s*cent|percent|%"),
}
_EXPLICIT_UNIT = re.compile(r"\b(hours?|days?|weeks?|months?|years?|minutes?)\b", re.I)
_ANY_UNIT = "|".join(units for _, units in _FIGURE_KINDS.values())


def _figure_pattern(units: str) -> re.Pattern[str]:
    """A count with its unit ("3-4 days", "not less than ten years", "three or more persons",
    "143 States"); bare numbers are mostly references ("article 6", "paragraph 1")."""
    return re.compile(rf"\b{_COUNT}(?:\s+|-)(?:[\w-]+\s+){{0,{_WORDS_BEFORE_UNIT}}}?(?:{units})\b", re.I)


def world_fact(question: str) -> str:
    """Why the documents cannot answer a question about the world ("" when it is not one)."""
    for pattern, reason in _WORLD_FACTS:
        if pattern.search(question):
            return reason
    return ""


def national_scope(question: str) -> str:
    """The country an asking sentence confines the question to ("in Germany", "Spain's law")."""
    for sentence in asking_sentences(question):
        for match in _SCOPED.finditer(sentence):
            name = match.group("place") or match.group("owner")
            words = name.split()
            # "in Germany", "in the United Kingdom", "Spain's law": try the longest name first.
            for length in range(len(words), 0, -1):
                candidate = " ".join(words[:length])
                if candidate.lower() in _countries():
                    return candidate
    return ""


def lacks_figure(question: str, texts: Sequence[str]) -> bool:
    """The question asks for a figure (hours, a maximum sentence, a fine) and none of `texts`
    states a figure of that kind: the documents are silent on it."""
    if not _ASKS_FOR_FIGURE.search(question):
        return False
    explicit = _EXPLICIT_UNIT.findall(question)
    kinds = [units for words, units in _FIGURE_KINDS.values() if re.search(rf"\b(?:{words})", question, re.I)]
    if explicit:  # "how many hours": only hours answer it
        units = "|".join(f"{u.lower().rstrip('s')}s?" for u in explicit)
    else:
        units = kinds[0] if kinds else _ANY_UNIT
    pattern = _figure_pattern(units)
    return not any(pattern.search(text) for text in texts)


def unknown_terms(question: str, vocabulary: set[str]) -> list[str]:
    """Names and years in the asking sentences of `question` that the corpus never uses."""
    found = []
    for sentence in asking_sentences(question):
        for match in _CANDIDATE.finditer(sentence):
            word = re.sub(r"['’]s$", "", match.group(0))
            lowered = word.lower().strip("'’")
            if lowered in STOPWORDS or lowered in _GENERIC or lowered in vocabulary:
                continue
            if _opens_sentence(sentence, match.start()) and not word.isupper() and not word.isdigit():
                continue
            if lowered.endswith("s") and lowered[:-1] in vocabulary:  # "NGOs", "States"
                continue
            if len(lowered) == 1 or _is_country_or_people(lowered):
                continue
            found.append(word)
    return list(dict.fromkeys(found))


def _is_country_or_people(word: str) -> bool:
    """ "Bulgaria", "Eritrean", "Bangladeshis", "Afghan": in a case, where people come from or
    pass through is a fact of it, and the treaties apply whatever the countries; asking about a
    country's own law is a national scope (`national_scope`), not an unknown name. "Country X"
    and "Country T" are placeholders, so one letter is no name either."""
    singular = word.removesuffix("s")
    return any(
        word.startswith(name[: max(_PEOPLE_STEM, len(name) - _PEOPLE_SUFFIX)])
        or (len(singular) >= _PEOPLE_STEM and name.startswith(singular))
        for name in _single_word_countries()
    )


@lru_cache(maxsize=1)
def _single_word_countries() -> tuple[str, ...]:
    return tuple(c for c in _countries() if " " not in c and len(c) >= _PEOPLE_STEM)


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country names (pycountry, ISO 3166) in lower case: "germany", "spain", "libya"..."""
    import pycountry

    names = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value.lower())
    return frozenset(names)


def asking_sentences(text: str) -> list[str]:
    """The sentences that ask (end with "?"); the whole text when none does."""
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    asking = [s for s in sentences if s.endswith("?")]
    return asking or sentences or [text]


def _opens_sentence(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[:position]))
