"""summary.json: every figure of a run, nested by family (summary["retrieval"]["mrr"]).

Built from the per-question results alone (plus the verifier's claim scores and the ragas
bookkeeping), so `results.jsonl` always explains `summary.json`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from advisor.evaluation.citations import citation_summary
from advisor.evaluation.faithfulness import sentence_summary
from advisor.evaluation.metrics import abstention_summary, latency_summary, mean, retrieval_summary
from advisor.evaluation.results import ItemResult


def build_summary(
    items: Sequence[ItemResult],
    run: dict[str, Any],
    judge: dict[str, Any],
    verifier: dict[str, Any] | None,
    ragas_values: dict[str, float | None],
    ragas_counts: dict[str, dict],
) -> dict[str, Any]:
    answerable = [i for i in items if i.answerable]
    answered = [i for i in answerable if not i.abstained]
    faithfulness: dict[str, Any] = sentence_summary([i.sentences for i in items if not i.abstained])
    faithfulness["verifier"] = verifier
    return {
        "run": {**run, "questions": len(items), "errors": sum(bool(i.error) for i in items)},
        "retrieval": retrieval_summary([i.retrieval for i in answerable if i.retrieval is not None]),
        "citations": citation_summary(
            [i.citations for i in items if not i.abstained], [bool(i.cites_gold) for i in answered]
        ),
        "faithfulness": faithfulness,
        "abstention": abstention_summary(items),
        "latency_ms": latency_summary(items),
        "ragas": ragas_values,
        "judge": {**judge, "metrics": ragas_counts},
        "baselines": baselines_summary(answerable),
        "by_type": by_type(items),
        "by_split": by_split(items),
        "dataset": dataset_summary(items),
    }


def dataset_summary(items: Sequence[ItemResult]) -> dict[str, Any]:
    """The question set itself: its split, and whether its gold evidence is in the index."""
    checked = [i for i in items if i.evidence_in_corpus is not None]
    return {
        "tune": sum(i.split == "tune" for i in items),
        "validation": sum(i.split == "validation" for i in items),
        "evidence_checked": len(checked),
        "evidence_in_corpus_rate": mean(float(bool(i.evidence_in_corpus)) for i in checked),
        "evidence_not_in_corpus": [i.id for i in checked if not i.evidence_in_corpus],
    }


def baselines_summary(answerable: Sequence[ItemResult]) -> dict[str, dict[str, Any]]:
    """Each baseline's retrieval figures, on the same answerable questions as ours."""
    names = sorted({name for i in answerable for name in i.baselines})
    return {
        name: {
            "retrieval": retrieval_summary([i.baselines[name] for i in answerable if name in i.baselines]),
            "evidence_retrieved": mean(
                float(i.baseline_evidence[name]) for i in answerable if name in i.baseline_evidence
            ),
        }
        for name in names
    }


def by_type(items: Sequence[ItemResult]) -> dict[str, dict[str, Any]]:
    """Headline figures per question type: where the system is weak, not just how much."""
    table: dict[str, dict[str, Any]] = {}
    for kind, group in _grouped(items, lambda i: i.type).items():
        scored = [i.retrieval for i in group if i.answerable and i.retrieval is not None]
        table[kind] = {
            "questions": len(group),
            "recall_at_5": mean(s.recall_at_5 for s in scored),
            "mrr": mean(s.reciprocal_rank for s in scored),
            "abstained": round(sum(i.abstained for i in group) / len(group), 4),
            "cites_gold": mean(float(i.cites_gold) for i in group if i.cites_gold is not None),
        }
        for name in sorted({n for i in group for n in i.baselines}):
            table[kind][f"{name}.recall_at_5"] = mean(
                i.baselines[name].recall_at_5 for i in group if name in i.baselines
            )
    return table


#: Categories of unanswerable items that must get the refusal, not an abstention with see-also.
_REFUSE = ("off-topic", "instruction")


def by_split(items: Sequence[ItemResult]) -> dict[str, dict[str, Any]]:
    """Tune and validation apart, each overall, by question type and by language: changes are
    judged on validation, and a tune figure far above it is a sign of fitting."""
    table: dict[str, dict[str, Any]] = {}
    for split in ("tune", "validation"):
        group = [i for i in items if i.split == split]
        if not group:
            continue
        table[split] = {
            "all": headline(group),
            "by_type": {k: headline(g) for k, g in _grouped(group, lambda i: i.type).items()},
            "by_language": {k: headline(g) for k, g in _grouped(group, lambda i: i.language).items()},
        }
    return table


def headline(items: Sequence[ItemResult]) -> dict[str, Any]:
    """What a practitioner sees, over answerable items (an abstention or an error cites
    nothing, so it counts as a miss): a gold provision among the citations, the first citation
    gold, a gold evidence span quoted; and abstention on the unanswerable ones."""
    answerable = [i for i in items if i.answerable]
    abstention = abstention_summary(items)
    return {
        "questions": len(items),
        "answerable": len(answerable),
        "gold_cited": mean(float(bool(i.cites_gold)) for i in answerable),
        "first_cited_gold": mean(float(bool(i.first_cited_gold)) for i in answerable),
        "evidence_quoted": mean(float(bool(i.evidence_quoted)) for i in answerable),
        **{
            f"{name}.evidence_retrieved": mean(float(i.baseline_evidence[name]) for i in answerable)
            for name in sorted({n for i in answerable for n in i.baseline_evidence})
        },
        "hit_at_5": mean(i.retrieval.hit_at_5 for i in answerable if i.retrieval is not None),
        "mrr": mean(i.retrieval.reciprocal_rank for i in answerable if i.retrieval is not None),
        "abstention_precision": abstention["precision"],
        "abstention_recall": abstention["recall"],
        "answer_rate": abstention["answer_rate"],
        "off_topic_refused": mean(float(i.refused) for i in items if i.category in _REFUSE),
        "wrongly_refused": mean(float(i.refused) for i in items if i.category not in _REFUSE),
    }


def _grouped(items: Sequence[ItemResult], key: Callable[[ItemResult], str]) -> dict[str, list[ItemResult]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return dict(sorted(groups.items()))
