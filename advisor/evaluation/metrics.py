"""Scores that need nothing but lists and counts: ranks, abstention, latency, averages.

Undefined figures (no item to average, no abstention to be precise about) are None, never 0
or 1: a gate must not pass on a metric that was not measured.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from advisor.evaluation.results import KS, ItemResult, RankScores


def rank_scores(ranked: Sequence[str], gold: Sequence[str]) -> RankScores:
    """hit@k, recall@k (share of the gold provisions in the top k) and reciprocal rank."""
    top = list(dict.fromkeys(ranked))[: max(KS)]
    wanted = set(gold)
    scores: dict[str, float] = {}
    for k in KS:
        found = wanted & set(top[:k])
        scores[f"hit_at_{k}"] = float(bool(found))
        scores[f"recall_at_{k}"] = len(found) / len(wanted) if wanted else 0.0
    first = next((rank for rank, pid in enumerate(top, start=1) if pid in wanted), None)
    return RankScores(ranked=top, reciprocal_rank=1.0 / first if first else 0.0, **scores)


def retrieval_summary(scores: Sequence[RankScores]) -> dict[str, float | int | None]:
    """Means of the per-question figures; `mrr` is the mean reciprocal rank."""
    summary: dict[str, float | int | None] = {"questions": len(scores)}
    for k in KS:
        summary[f"hit_at_{k}"] = mean(s.model_dump()[f"hit_at_{k}"] for s in scores)
        summary[f"recall_at_{k}"] = mean(s.model_dump()[f"recall_at_{k}"] for s in scores)
    summary["mrr"] = mean(s.reciprocal_rank for s in scores)
    return summary


def abstention_summary(items: Sequence[ItemResult]) -> dict[str, float | int | None]:
    """Abstaining is the positive class: precision = right abstentions / all abstentions,
    recall = right abstentions / unanswerable questions; answer rate on answerable ones."""
    unanswerable = [i for i in items if not i.answerable]
    answerable = [i for i in items if i.answerable]
    abstained = [i for i in items if i.abstained]
    right = [i for i in unanswerable if i.abstained]
    return {
        "unanswerable": len(unanswerable),
        "abstained": len(abstained),
        "precision": _ratio(len(right), len(abstained)),
        "recall": _ratio(len(right), len(unanswerable)),
        "answer_rate": _ratio(sum(not i.abstained for i in answerable), len(answerable)),
    }


def latency_summary(
    items: Sequence[ItemResult], stages: Sequence[str] = ("retrieve", "answer", "total")
) -> dict:
    """p50/p95 of every stage; the top-level p50/p95 are those of the whole question."""
    summary: dict = {}
    for stage in stages:
        values = [i.timings_ms[stage] for i in items if stage in i.timings_ms]
        summary[stage] = {
            "p50": percentile(values, 50),
            "p95": percentile(values, 95),
            "max": max(values, default=None),
        }
    summary["p50"] = summary["total"]["p50"] if "total" in summary else None
    summary["p95"] = summary["total"]["p95"] if "total" in summary else None
    return summary


def mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None and not np.isnan(v)]
    return round(float(np.mean(kept)), 4) if kept else None


def percentile(values: Sequence[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 1) if values else None


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
