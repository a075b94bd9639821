"""`advisor eval` and `advisor eval compare` as a user (or CI) runs them (in process: `tests.cli`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from tests.cli import run_main

FIXTURE_DATASET = Path(__file__).resolve().parents[1] / "data" / "eval_fixture.jsonl"
#: One labelled claim: the repository's 160 would make every run here a minute longer.
CLAIM = {
    "claim": "A licence is valid for no more than five years.",
    "passage": "2. A licence shall be valid for no more than five years.",
    "doc": "pilots-protocol",
    "article": "2",
    "label": "supported",
    "kind": "quote",
}


@pytest.fixture
def claims(tmp_path: Path) -> Path:
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(CLAIM) + "\n")
    return path


@pytest.mark.slow  # a whole run with a baseline, its own model load and three figures: seconds
def test_eval_writes_results_summary_and_reports(fixture_index, claims: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = CliRunner().invoke(app, [
        "eval", "--dataset", str(FIXTURE_DATASET), "--index", str(fixture_index.index_dir), "--out", str(out),
        "--baseline", "bm25", "--limit", "3", "--no-gate", "--claims", str(claims),
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {
        "results.jsonl",
        "summary.json",
        "report.md",
        "report.html",
        "reliability.png",
    }
    assert "recall@5" in result.stdout
    assert list(json.loads((out / "summary.json").read_text())["baselines"]) == ["bm25"]


def test_a_failed_gate_exits_1_with_one_line_naming_the_metric(
    fixture_index, claims: Path, tmp_path: Path
) -> None:
    strict = tmp_path / "thresholds.toml"
    strict.write_text('"retrieval.mrr" = 1.01\n"citations.quote_exact_rate" = 1.0\n')
    index = fixture_index.index_dir
    result = run_main("eval", "--dataset", FIXTURE_DATASET, "--index", index, "--limit", "2",
                      "--baseline", "none", "--thresholds", strict, "--claims", claims,
                      "--out", tmp_path / "run")  # fmt: skip
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("advisor: quality gate failed: retrieval.mrr") and "quote_exact_rate" not in last
    assert (tmp_path / "run" / "summary.json").is_file()  # the evidence is written before failing


def test_a_malformed_dataset_is_refused_naming_line_and_field(tmp_path: Path) -> None:
    dataset = tmp_path / "bad.jsonl"
    dataset.write_text('{"id": "x", "question": "Why?", "type": "lookup", "answerable": true, "gold": []}\n')
    result = run_main("eval", "--dataset", dataset, "--index", tmp_path / "nowhere")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"advisor: {dataset}:1: field reference_answer: Field required"


def test_eval_without_a_dataset_says_what_it_needs() -> None:
    result = run_main("eval")
    assert result.returncode == 1 and "--dataset FILE" in result.stderr


def test_compare_prints_every_metric_with_its_change(tmp_path: Path) -> None:
    before, after = tmp_path / "a.json", tmp_path / "b.json"
    before.write_text(
        json.dumps({"retrieval": {"mrr": 0.8, "recall_at_5": 0.9}, "latency_ms": {"p50": 200.0}})
    )
    after.write_text(
        json.dumps({"retrieval": {"mrr": 0.85, "recall_at_5": 0.9}, "latency_ms": {"p50": 150.0}})
    )
    result = CliRunner().invoke(app, ["eval", "compare", str(before), str(after)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") >= 4}
    assert (
        "+0.05" in rows["retrieval.mrr"]
        and "-50" in rows["latency_ms.p50"]
        and "+0 " in rows["retrieval.recall_at_5"]
    )


def test_compare_of_a_file_that_is_not_a_summary_fails_in_one_line(tmp_path: Path) -> None:
    other = tmp_path / "x.json"
    other.write_text("[1, 2]")
    result = run_main("eval", "compare", other, other)
    assert (
        result.returncode == 1
        and result.stderr.strip() == f"advisor: {other} is not an `advisor eval` summary.json"
    )
