"""The quality gate and run comparison: thresholds in, failed metrics and deltas out."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import ConfigError
from advisor.evaluation.compare import compare, flatten
from advisor.evaluation.gate import check_gate, gate_message, load_thresholds

SUMMARY = {"retrieval": {"mrr": 0.8, "recall_at_5": 0.95}, "abstention": {"precision": None}}


def test_a_metric_below_its_minimum_fails_the_gate_by_name() -> None:
    failures = check_gate(SUMMARY, {"retrieval.mrr": 0.85, "retrieval.recall_at_5": 0.9})
    assert [f.metric for f in failures] == ["retrieval.mrr"]
    assert gate_message(failures) == "quality gate failed: retrieval.mrr 0.8 < 0.85"


def test_an_unmeasured_or_absent_metric_fails_the_gate() -> None:
    failures = check_gate(SUMMARY, {"abstention.precision": 0.5, "ragas.faithfulness": 0.1})
    assert [str(f) for f in failures] == [
        "abstention.precision not measured (minimum 0.5)",
        "ragas.faithfulness not measured (minimum 0.1)",
    ]


def test_thresholds_are_read_as_dotted_metric_paths(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.toml"
    path.write_text('"retrieval.mrr" = 0.85\n"citations.quote_exact_rate" = 1\n', encoding="utf-8")
    assert load_thresholds(path) == {"retrieval.mrr": 0.85, "citations.quote_exact_rate": 1.0}


def test_a_threshold_that_is_not_a_number_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "thresholds.toml"
    path.write_text('"retrieval.mrr" = "high"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a number"):
        load_thresholds(path)


def test_compare_gives_the_change_of_every_metric() -> None:
    after = {"retrieval": {"mrr": 0.9, "recall_at_5": 0.95}, "latency_ms": {"p50": 100.0}}
    before = SUMMARY | {"latency_ms": {"p50": 120.0}}
    deltas = {d.metric: d for d in compare(before, after)}
    assert deltas["retrieval.mrr"].change == pytest.approx(0.1) and deltas["retrieval.mrr"].better
    assert deltas["latency_ms.p50"].better  # lower latency is an improvement
    assert deltas["retrieval.recall_at_5"].better is None


def test_flatten_keeps_unmeasured_figures_and_drops_text() -> None:
    assert flatten({"a": {"b": None, "c": "text", "d": 2}}) == {"a.b": None, "a.d": 2.0}
