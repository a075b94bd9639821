"""Scores from ranks and counts: recall@k, reciprocal rank, abstention, latency."""

from __future__ import annotations

from advisor.evaluation.metrics import abstention_summary, latency_summary, rank_scores, retrieval_summary
from advisor.evaluation.results import ItemResult


def _item(answerable: bool, abstained: bool, total_ms: float = 10.0) -> ItemResult:
    return ItemResult(
        id="x",
        type="lookup",
        answerable=answerable,
        question="q",
        abstained=abstained,
        timings_ms={"total": total_ms},
    )


def test_recall_at_k_is_the_share_of_gold_provisions_in_the_top_k() -> None:
    scores = rank_scores(["a:1", "b:2", "c:3", "d:4"], ["b:2", "d:4"])
    assert (scores.recall_at_1, scores.recall_at_3, scores.recall_at_5) == (0.0, 0.5, 1.0)
    assert (scores.hit_at_1, scores.hit_at_3) == (0.0, 1.0)


def test_reciprocal_rank_is_that_of_the_first_gold_provision() -> None:
    assert rank_scores(["a:1", "b:2", "c:3"], ["c:3", "b:2"]).reciprocal_rank == 0.5


def test_a_gold_provision_below_rank_five_does_not_count() -> None:
    scores = rank_scores(["a", "b", "c", "d", "e", "gold"], ["gold"])
    assert scores.reciprocal_rank == 0.0 and scores.recall_at_5 == 0.0


def test_a_provision_ranked_twice_counts_once() -> None:
    assert rank_scores(["a", "a", "a", "a", "a", "gold"], ["gold"]).hit_at_5 == 1.0


def test_mrr_is_the_mean_reciprocal_rank() -> None:
    summary = retrieval_summary([rank_scores(["g"], ["g"]), rank_scores(["x", "g"], ["g"])])
    assert summary["mrr"] == 0.75


def test_abstention_precision_and_recall_treat_abstaining_as_positive() -> None:
    items = [
        _item(False, True),
        _item(False, False),
        _item(True, True),
        _item(True, False),
        _item(True, False),
    ]
    summary = abstention_summary(items)
    assert summary["precision"] == 0.5  # one of two abstentions was right
    assert summary["recall"] == 0.5  # one of two unanswerable questions abstained on
    assert summary["answer_rate"] == round(2 / 3, 4)


def test_precision_without_any_abstention_is_unmeasured_not_zero() -> None:
    assert abstention_summary([_item(True, False)])["precision"] is None


def test_latency_p50_and_p95_are_those_of_whole_questions() -> None:
    summary = latency_summary([_item(True, False, float(ms)) for ms in range(1, 101)])
    assert summary["p50"] == 50.5 and summary["p95"] == summary["total"]["p95"] == 95.0
