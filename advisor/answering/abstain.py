"""When to say "the documents do not cover this" instead of answering: one calibrated decision.

A question naming an existing provision ("article 16 of the Protocol") is always answered, one
naming a provision the instrument lacks always abstains, and so does a question about the world
rather than the texts (who ratified, who was first): these are facts, not estimates, and the
tune split has too few of the last kind to weigh them.
Off-topic or instruction-like requests are refused (`Decision.refused`). Every other question
is answered when the estimated probability that the documents answer it reaches the model's
threshold. The estimate is a logistic model over the retrieval's evidence (the best fused
score, its margin over the next, the best cosine) and the signs of silence in
`advisor.answering.silence` (unknown names, a national scope, a figure the nearest provisions
do not state). Its weights and threshold are fitted on the tune
split (`evals/calibrate.py`) and bundled in `abstention.json`; a reliability plot on the
validation split is in evals/reports/.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np

from advisor.answering.silence import (
    asking_sentences,
    lacks_figure,
    national_scope,
    unknown_terms,
    world_fact,
)
from advisor.errors import ConfigError
from advisor.legal.languages import language
from advisor.models import Reason
from advisor.retrieval.retriever import Retrieval

#: Keeps the logit of a fused score of exactly 0 or 1 finite.
_EPSILON = 1e-6


@dataclass(frozen=True)
class Decision:
    abstain: bool
    reason: str = ""
    unknown_terms: list[str] = field(default_factory=list)
    best_similarity: float = 0.0
    #: Not a question about the documents at all (off-topic, or addressed to the assistant):
    #: refused with what the advisor answers, and no provision offered as "see also".
    refused: bool = False
    #: Estimated probability that the documents answer the question (None: not estimated).
    confidence: float | None = None


@dataclass(frozen=True)
class Evidence:
    """What the decision reads, as numbers (`values`) and as the reasons shown to the user."""

    values: dict[str, float]
    unknown: list[str]
    reasons: list[str]


def gather(question: str, retrieval: Retrieval, vocabulary: Iterable[str], nearest: int) -> Evidence:
    """The retrieval's evidence and the signs of silence, for `AbstentionModel`."""
    scores = [p.score for p in retrieval.provisions]
    top = scores[0] if scores else 0.0
    english = retrieval.language == "en"
    unknown = unknown_terms(question, set(vocabulary)) if english else []
    country = national_scope(question) if english else ""
    texts = [h.chunk.text for p in retrieval.provisions[:nearest] for h in p.hits]
    figure = lacks_figure(question, texts) if english else False
    reasons = [
        f"the indexed documents never mention {', '.join(unknown)}" if unknown else "",
        f"the law and practice of {country} are not in the indexed documents" if country else "",
        "the documents set no such figure; the nearest provisions are silent on it" if figure else "",
    ]
    values = {
        "top": top,
        "top_logit": float(np.log(max(top, _EPSILON) / max(1.0 - top, _EPSILON))),
        "margin": top - (scores[1] if len(scores) > 1 else 0.0),
        "dense": retrieval.best_dense if english else 0.0,
        "dense_ml": 0.0 if english else retrieval.best_dense,
        "english": float(english),
        "unknown_names": float(bool(unknown)),
        "national_scope": float(bool(country)),
        "lacks_figure": float(figure),
    }
    return Evidence(values, unknown, [r for r in reasons if r])


@dataclass(frozen=True)
class AbstentionModel:
    features: list[str]
    weights: np.ndarray
    bias: float
    #: Answer when the estimated probability reaches this (chosen on the tune split).
    threshold: float

    @classmethod
    def load(cls, path: Path | None = None) -> AbstentionModel:
        """The model at `path`, or the bundled one fitted on the tune split."""
        try:
            raw = path.read_text(encoding="utf-8") if path else _bundled()
            data = json.loads(raw)
            return cls(
                list(data["features"]),
                np.asarray(data["weights"], dtype=float),
                float(data["bias"]),
                float(data["threshold"]),
            )
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ConfigError(f"cannot read the abstention model {path or 'bundled'}: {e}") from e

    def answerable(self, evidence: Evidence) -> float:
        """Estimated probability that the documents answer the question."""
        x = np.array([evidence.values.get(f, 0.0) for f in self.features])
        return float(1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias))))


def decide(
    question: str,
    retrieval: Retrieval,
    vocabulary: Iterable[str],
    model: AbstentionModel,
    off_topic_below: float,
    nearest: int,
) -> Decision:
    """Abstain before quoting anything, or not, and why (the reason is shown to the user)."""
    best = retrieval.best_similarity
    lang = language(retrieval.language)
    if lang.is_instruction(question) or (not retrieval.references and retrieval.best_dense < off_topic_below):
        return Decision(True, lang.refusal, best_similarity=best, refused=True)
    world = world_fact(question)
    if world:  # who ratified, who was first: no treaty or guide records it, whatever the evidence
        return Decision(True, world, best_similarity=best, confidence=0.0)
    statute = next(filter(None, map(lang.names_national_law, asking_sentences(question))), "")
    if statute and not retrieval.references:  # likewise a national statute, code or judgment
        reason = f"the indexed documents contain no national law or case law ({statute})"
        return Decision(True, reason, best_similarity=best, confidence=0.0)
    if retrieval.references:
        if any(p.reason == Reason.NAMED for p in retrieval.provisions):
            return Decision(False, best_similarity=best, confidence=1.0)
        cited = ", ".join(f"article {r.article}" for r in retrieval.references)
        reason = f"the indexed documents have no {cited} of the instrument named"
        return Decision(True, reason, best_similarity=best, confidence=0.0)
    evidence = gather(question, retrieval, vocabulary, nearest)
    confidence = model.answerable(evidence)
    if confidence >= model.threshold:
        return Decision(False, best_similarity=best, confidence=confidence)
    reason = evidence.reasons[0] if evidence.reasons else lang.too_far
    return Decision(True, reason, evidence.unknown, best, confidence=confidence)


def _bundled() -> str:
    return resources.files("advisor.answering").joinpath("abstention.json").read_text(encoding="utf-8")
