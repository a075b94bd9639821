"""Judge-free faithfulness: the advisor's own verifier, applied to its answers and to itself.

Two figures: the share of answer sentences supported by the passages they cite (for an
extractive answer the sentences are the quotes, so anything below ~1.0 means the verifier is
too strict); and the verifier's precision and recall on hand-labelled claims
(evals/verifier_claims.jsonl), which says how far the first figure can be trusted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from advisor.answering.verify import Verifier
from advisor.errors import DatasetError
from advisor.evaluation.results import SentenceScore
from advisor.models import Answer, Citation


class LabelledClaim(BaseModel):
    claim: str
    passage: str
    doc: str
    article: str
    label: str
    kind: str = ""


def sentence_score(answer: Answer, verifier: Verifier) -> SentenceScore:
    """A generated answer is scored on its draft's checks (what the model wrote, before the
    guard removed anything); an extractive one, or a fallback to it, on its quotes."""
    if answer.abstained:
        return SentenceScore()
    verification = answer.verification
    if answer.mode == "generative" and verification and not verification.fell_back_to_extractive:
        claims = [s for s in verification.sentences if s.substantive]
        return SentenceScore(
            checked=len(claims), supported=sum(s.supported for s in claims), source="generated"
        )
    return _quotes_score(answer.citations, verifier)


def _quotes_score(citations: Sequence[Citation], verifier: Verifier) -> SentenceScore:
    """An extractive answer's claims are its quotes: each is checked, whole, against its own
    passage (located as the generative answerer locates passages for the model)."""
    supported = 0
    for citation in citations:
        passage = f"{citation.title}, {citation.provision}: {citation.quote}"
        supported += verifier.support(citation.quote, passage) >= verifier.threshold
    return SentenceScore(checked=len(citations), supported=supported, source="quotes")


def sentence_summary(scores: Sequence[SentenceScore]) -> dict[str, float | int | None]:
    checked = sum(s.checked for s in scores)
    supported = sum(s.supported for s in scores)
    return {
        "sentences": checked,
        "supported_sentence_rate": round(supported / checked, 4) if checked else None,
    }


def load_claims(path: Path) -> list[LabelledClaim]:
    """Labelled claims; `DatasetError` naming the line and field when one is malformed."""
    claims = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DatasetError(f"cannot read claims file {path}: {e.strerror}") from e
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            claim = LabelledClaim.model_validate(json.loads(line))
        except json.JSONDecodeError as e:
            raise DatasetError(f"{path}:{number}: not valid JSON ({e.msg})") from e
        except ValidationError as e:
            first = e.errors()[0]
            raise DatasetError(
                f"{path}:{number}: field {'.'.join(map(str, first['loc']))}: {first['msg']}"
            ) from e
        if claim.label not in ("supported", "unsupported"):
            raise DatasetError(f"{path}:{number}: field label: must be 'supported' or 'unsupported'")
        claims.append(claim)
    return claims


def verifier_scores(
    claims: Sequence[LabelledClaim], verifier: Verifier, label_of: Callable[[str], str]
) -> dict:
    """Predict "supported" iff support(claim, heading + passage) reaches the threshold, as the
    generative answerer does; "supported" is the positive class."""
    outcomes: list[tuple[LabelledClaim, bool]] = []
    for claim in claims:
        passage = f"{label_of(claim.doc)}, Article {claim.article}: {claim.passage}"
        outcomes.append((claim, verifier.support(claim.claim, passage) >= verifier.threshold))
    predicted = [c for c, yes in outcomes if yes]
    positives = [c for c, _ in outcomes if c.label == "supported"]
    true_positives = sum(c.label == "supported" for c in predicted)
    correct = sum((c.label == "supported") == yes for c, yes in outcomes)
    return {
        "claims": len(outcomes),
        "threshold": verifier.threshold,
        "precision": round(true_positives / len(predicted), 4) if predicted else None,
        "recall": round(true_positives / len(positives), 4) if positives else None,
        "accuracy": round(correct / len(outcomes), 4) if outcomes else None,
        "by_kind": _by_kind(outcomes),
    }


def _by_kind(outcomes: Sequence[tuple[LabelledClaim, bool]]) -> dict[str, dict[str, float | int]]:
    groups: dict[str, list[bool]] = defaultdict(list)
    for claim, yes in outcomes:
        groups[claim.kind or "unspecified"].append((claim.label == "supported") == yes)
    return {
        kind: {"claims": len(v), "accuracy": round(sum(v) / len(v), 4)} for kind, v in sorted(groups.items())
    }
