"""Words as the lexical side of the advisor sees them, and a BM25 index over chunks.

Legal questions often hinge on exact terms ("controlled delivery", "flag State", "legal
persons") that a small embedder blurs; BM25 over stemmed content words catches them. The same
`content_terms` feed the verifier's lexical support check and the abstention's vocabulary test.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from advisor.models import Chunk

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|\d+[A-Za-z]*")
# Function words plus the question words of chat ("what", "does", "can"), which say nothing
# about which provision is meant.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our
    ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves shall may must might let tell say says said give please us we'd we're i'm it's
    there's whether within without upon thereof therein hereby any""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased words and numbers, in order."""
    return [w.lower().strip("'") for w in _WORD.findall(text)]


def content_terms(text: str) -> list[str]:
    """Stemmed words that carry meaning: stopwords dropped, "smuggling" → "smuggl"."""
    kept = [w for w in words(text) if w not in STOPWORDS]
    return list(_stemmer().stemWords(kept))


class LexicalIndex:
    """BM25 (bm25s, Lucene variant) over chunk context lines and texts."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        import bm25s

        self.chunks = list(chunks)
        self._bm25 = bm25s.BM25()
        corpus = [content_terms(f"{c.context}\n{c.text}") or ["_"] for c in self.chunks]
        self._bm25.index(corpus, show_progress=False)
        self.vocabulary = frozenset(w for c in self.chunks for w in words(f"{c.context} {c.text}"))
        frequency = Counter(term for terms in corpus for term in set(terms))
        self._idf = {t: math.log(1 + len(corpus) / n) for t, n in frequency.items()}
        self._unseen_idf = math.log(1 + len(corpus))

    def idf(self, term: str) -> float:
        """How telling a stemmed term is: rare terms weigh more (unseen ones most)."""
        return self._idf.get(term, self._unseen_idf)

    def scores(self, text: str) -> np.ndarray:
        """BM25 score of every chunk for `text` (aligned with `self.chunks`)."""
        terms = content_terms(text)
        if not terms:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return self._bm25.get_scores(terms)

    def top(self, text: str, k: int, allowed: Iterable[int] | None = None) -> list[tuple[int, float]]:
        """(chunk position, score) of the k best chunks with a positive score."""
        scores = self.scores(text)
        if allowed is not None:
            mask = np.zeros(len(scores), dtype=bool)
            mask[list(allowed)] = True
            scores = np.where(mask, scores, 0.0)
        best = np.argsort(-scores)[:k]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]
