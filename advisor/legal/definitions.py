"""Defined terms: "what is an organized criminal group?" is answered by the article that says
“Organized criminal group” shall mean ...

Treaties define their terms in a "Use of terms" article, each term in quotation marks followed
by "shall mean" (or "means", "shall apply to"). Those definitions are indexed once; a question
asking what a term means is sent straight to the provision defining it, which similarity alone
often misses (the definition article is long and about many terms at once).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from advisor.models import Chunk, ProvisionKey

_DEFINITION = re.compile(
    r"[“\"‘']\s*(?P<term>[^”\"’'\n]{2,60}?)\s*[”\"’']\s*,?\s*"
    r"(?:shall\s+mean|means|shall\s+apply\s+to|refers\s+to|shall\s+include|includes)\b",
    re.I,
)
_QUOTE = r"[\"“”'‘’]?"
_END = r"(?=\s+(?:in|under|according|for|within|as)\b|\s*[?.!,;:]|\s*$)"
_TERM = r"(?P<term>[\w' -]{3,60}?)"
_ARTICLE = r"(?:the\s+|a\s+|an\s+)?"
_ASKS = tuple(
    re.compile(pattern, re.I)
    for pattern in (
        rf"\bdefin(?:e|es|ed|ition\s+of|ing)\s+{_ARTICLE}(?:term\s+)?{_QUOTE}{_TERM}{_QUOTE}{_END}",
        rf"\bmeaning\s+of\s+{_ARTICLE}(?:term\s+)?{_QUOTE}{_TERM}{_QUOTE}{_END}",
        rf"\bwhat\s+(?:is|are|does)\s+{_ARTICLE}{_QUOTE}{_TERM}{_QUOTE}(?:\s+mean)?{_END}",
        rf"\bwho\s+(?:is|are|counts\s+as)\s+{_ARTICLE}{_QUOTE}{_TERM}{_QUOTE}{_END}",
    )
)


class Definitions:
    """Term (lower case) → the provisions that define it."""

    def __init__(self, chunks: Iterable[Chunk]) -> None:
        self._by_term: dict[str, set[ProvisionKey]] = defaultdict(set)
        for chunk in chunks:
            for match in _DEFINITION.finditer(chunk.text):
                self._by_term[_normal(match.group("term"))].add(chunk.provision)

    def defining(self, question: str) -> set[ProvisionKey]:
        """Provisions defining the term the question asks about (empty if it asks no such thing)."""
        for pattern in _ASKS:
            match = pattern.search(question)
            if match:
                term = _normal(match.group("term"))
                found = self._by_term.get(term) or self._by_term.get(term.rstrip("s"), set())
                if found:
                    return found
        return set()


def _normal(term: str) -> str:
    return " ".join(term.lower().split())
