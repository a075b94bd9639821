"""The faithfulness guard: every generated sentence must be backed by the passage it cites.

Method (calibrated on `evals/verifier_claims.jsonl`; figures in evals/reports/):
- split the answer into sentences, each with its `[n]` citations; citations to passages that
  were not given are dropped;
- support of a sentence by a passage = `lexical_share` · (share of the sentence's content
  words found in the passage) + (1 − `lexical_share`) · (cosine of their embeddings);
- a number, year or period in the sentence that the passage does not contain, or a negation
  the passage does not have, voids the support: those are the errors that change a legal answer;
- an uncited sentence is checked against all passages and, if supported, gets the best one's
  citation; a sentence whose support is below the threshold is removed (or marked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from advisor.index.embeddings import Embedder
from advisor.index.lexical import content_terms
from advisor.models import SentenceCheck

METHOD = "lexical overlap + embedding cosine, numbers and negations must match"
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)(?:\s*\[\d+(?:\s*,\s*\d+)*\])*", re.M)
_CITATION = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirty sixty ninety hundred".split()
)
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|nor|without|neither)\b|n't\b", re.I)
_HEADER_ECHO = re.compile(
    r"^[^.;]{0,80}\barticle\s+[\divxlc]+(?:\s*\(\w+\))*(?:,\s*page\s+\d+)?\s*[.:]?$", re.I
)
#: A firm obligation, and the wordings that only grant or invite a discretion.
_DUTY = re.compile(r"\b(?:must|shall|required|obliged|obligat\w*|ha(?:s|ve) to|mandatory)\b", re.I)
_DISCRETION = re.compile(
    r"\bshall\s+(?:consider|endeavour|endeavor|seek|strive|take\s+into\s+account)\b"
    r"|\b(?:may|encouraged|where\s+appropriate|as\s+appropriate)\b",
    re.I,
)
#: Sentences too short to claim anything ("Yes.", "In short:") are kept without a check.
_MIN_WORDS = 4


@dataclass
class VerifiedText:
    text: str
    checks: list[SentenceCheck] = field(default_factory=list)
    removed: int = 0
    citations_dropped: list[int] = field(default_factory=list)

    @property
    def cited(self) -> set[int]:
        return {n for c in self.checks if c.supported and c.substantive for n in c.cited}

    @property
    def supported_share(self) -> float:
        """Share of the claims (sentences long enough to claim something) that are supported."""
        claims = [c for c in self.checks if c.substantive]
        return sum(c.supported for c in claims) / len(claims) if claims else 0.0


class Verifier:
    """Checks generated sentences against passages. Callers pass `Settings.verifier_threshold`
    and `Settings.verifier_lexical_share`: their calibrated values live there, and only there."""

    def __init__(
        self, embedder: Embedder, threshold: float, lexical_share: float, mark: bool = False
    ) -> None:
        self._embedder = embedder
        self.threshold = threshold
        self._lexical_share = lexical_share
        self._mark = mark

    def support(self, sentence: str, passage: str) -> float:
        """How well `passage` backs `sentence`, 0–1."""
        return self.supports(sentence, [passage])[0]

    def supports(self, sentence: str, passages: list[str]) -> list[float]:
        claim = _CITATION.sub("", sentence).strip()
        terms = set(content_terms(claim))
        vectors = np.asarray(self._embedder.embed_passages([claim, *passages]))
        scores = []
        quoted = _plain(claim)
        for passage, vector in zip(passages, vectors[1:], strict=True):
            if quoted and quoted in _plain(passage):  # a verbatim quote is its own support
                scores.append(1.0)
                continue
            if _contradicts(claim, passage):
                scores.append(0.0)
                continue
            lexical = len(terms & set(content_terms(passage))) / len(terms) if terms else 0.0
            cosine = float(np.dot(vectors[0], vector))
            scores.append(self._lexical_share * lexical + (1 - self._lexical_share) * max(cosine, 0.0))
        return scores

    def verify(self, text: str, passages: list[str]) -> VerifiedText:
        """Check every sentence of `text` against the numbered `passages` (1-based)."""
        result = VerifiedText(text="")
        kept: list[str] = []
        seen: set[str] = set()
        for sentence in (m.group().strip() for m in _SENTENCE.finditer(text)):
            bare = " ".join(_CITATION.sub("", sentence).split()).lower()
            if not bare or bare in seen or bare.endswith(":") or _HEADER_ECHO.match(bare):
                # Repeats and echoed headings ("UNTOC, Article 25", "Article 8(2), page 3:")
                # claim nothing.
                result.checks.append(
                    SentenceCheck(text=bare, cited=[], supported=True, support=0.0, substantive=False)
                )
                continue
            seen.add(bare)
            check, rewritten, dropped = self._check(sentence, passages)
            result.citations_dropped += dropped
            result.checks.append(check)
            if check.supported:
                kept.append(rewritten)
            elif self._mark:
                kept.append(f"{rewritten} [unsupported]")
            else:
                result.removed += 1
        result.text = " ".join(kept)
        return result

    def _check(self, sentence: str, passages: list[str]) -> tuple[SentenceCheck, str, list[int]]:
        numbers = [int(n) for group in _CITATION.findall(sentence) for n in re.split(r"\s*,\s*", group)]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= len(passages)]
        dropped = [n for n in numbers if n not in valid]
        bare = _CITATION.sub("", sentence).strip()
        if len(bare.split()) < _MIN_WORDS:
            filler = SentenceCheck(text=bare, cited=valid, supported=True, support=0.0, substantive=False)
            return filler, _cite(bare, valid), dropped
        candidates = valid or list(range(1, len(passages) + 1))
        scores = self.supports(bare, [passages[n - 1] for n in candidates]) if candidates else []
        best = max(scores, default=0.0)
        cited = valid or ([candidates[int(np.argmax(scores))]] if best >= self.threshold else [])
        supported = best >= self.threshold
        return (
            SentenceCheck(text=bare, cited=cited, supported=supported, support=round(best, 3)),
            _cite(bare, cited),
            dropped,
        )


def _plain(text: str) -> str:
    """Lower case, plain quotes, single spaces: so a quote matches its source verbatim."""
    text = text.translate(str.maketrans("“”‘’", "\"\"''")).lower()
    return " ".join(text.strip(" .;:").split())


def _cite(sentence: str, cited: list[int]) -> str:
    return f"{sentence} {''.join(f'[{n}]' for n in cited)}".strip()


def _contradicts(claim: str, passage: str) -> bool:
    """Numbers the passage lacks, a negation it lacks, or a duty where it only has a
    discretion ("must" for "shall consider"): the claim says something else in law."""
    lowered = passage.lower()
    for number in _NUMBER.findall(claim):
        if number not in passage:
            return True
    for word in re.findall(r"[a-z]+", claim.lower()):
        if word in _NUMBER_WORDS and word not in lowered:
            return True
    if _NEGATION.search(claim) and not _NEGATION.search(passage):
        return True
    return bool(_DUTY.search(_DISCRETION.sub(" ", claim))) and not _DUTY.search(_DISCRETION.sub(" ", passage))
