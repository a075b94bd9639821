"""The ragas LLM path end to end with a real local judge: SmolLM2-135M served by xllamacpp's
OpenAI-compatible HTTP server in process. Its scores are meaningless; the plumbing is not."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.evaluation.ragas_metrics import LLM_METRICS

pytestmark = pytest.mark.slow  # starts a llama.cpp server and judges with it: over a minute

FIXTURE_DATASET = Path(__file__).resolve().parents[1] / "data" / "eval_fixture.jsonl"


@pytest.fixture(scope="module")
def judged(fixture_index, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("judged")
    claims = tmp_path_factory.mktemp("claims") / "none.jsonl"
    claims.write_text("")  # no claims: the verifier is measured elsewhere
    result = CliRunner().invoke(app, [
        "eval", "--dataset", str(FIXTURE_DATASET), "--index", str(fixture_index.index_dir), "--out", str(out),
        "--judge", "gguf:smollm2", "--limit", "2", "--baseline", "none", "--no-gate", "--judge-timeout", "20",
        "--claims", str(claims),
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_every_llm_metric_has_a_value_or_counted_failures(judged: Path) -> None:
    summary = json.loads((judged / "summary.json").read_text())
    for name in LLM_METRICS:
        counts = summary["judge"]["metrics"][name]
        assert name in summary["ragas"]
        assert counts["run"] and counts["scored"] + counts["failed"] == 2, (name, counts)
        assert (summary["ragas"][name] is None) == (counts["scored"] == 0)


def test_each_failure_is_recorded_with_its_reason_on_the_item(judged: Path) -> None:
    items = [json.loads(line) for line in (judged / "results.jsonl").read_text().splitlines()]
    for item in items:
        assert set(item["ragas"]) | set(item["ragas_failures"]) >= set(LLM_METRICS)
        assert all(": " in reason for reason in item["ragas_failures"].values())
    # However the toy judge fares, the items and the summary tell the same story.
    metrics = json.loads((judged / "summary.json").read_text())["judge"]["metrics"]
    for name in LLM_METRICS:
        assert sum(name in item["ragas"] for item in items) == metrics[name]["scored"], name
        assert sum(name in item["ragas_failures"] for item in items) == metrics[name]["failed"], name


def test_the_report_says_the_judge_was_a_toy(judged: Path) -> None:
    summary = json.loads((judged / "summary.json").read_text())
    assert summary["judge"]["toy"] is True
    assert "Toy judge `gguf:smollm2`" in (judged / "report.md").read_text()


def test_the_judge_server_is_stopped_after_the_run(judged: Path) -> None:
    endpoint = json.loads((judged / "summary.json").read_text())["judge"]["endpoint"]
    assert endpoint.startswith("http://127.0.0.1:")
    with pytest.raises(httpx.ConnectError):
        httpx.get(endpoint.removesuffix("/v1") + "/health", timeout=2.0)
