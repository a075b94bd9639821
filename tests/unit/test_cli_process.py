"""`python -m advisor` in a process of its own, end to end, as a shell runs it.

The other CLI tests call `main()` in process (`tests.cli`); these few check what only a real
process shows: the module entry point, exit codes as the shell sees them, and a stderr holding
nothing but the one-line message (no warnings or tracebacks from the libraries loaded). Each
start loads torch, seconds apiece, hence `slow`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from advisor.config import Settings
from tests.cli import assert_one_line_error

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"
FIXTURE_DATASET = Path(__file__).resolve().parents[1] / "data" / "eval_fixture.jsonl"
FIXTURE_IDS = ["harbour-convention", "harbour-guide", "pilots-protocol"]


def run_advisor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m advisor ARGS` in its own process, with `main()`'s error handling."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "advisor", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def test_documents_without_an_index_exits_4_saying_to_run_ingest(tmp_path: Path) -> None:
    empty = tmp_path / "empty-index"
    empty.mkdir()
    result = run_advisor("documents", "--index", empty)
    assert_one_line_error(result, "advisor ingest")
    assert result.returncode == 4


def test_an_unreadable_file_fails_the_run_but_the_good_ones_are_indexed(tmp_path: Path) -> None:
    corpus, empty, index = tmp_path / "docs", tmp_path / "empty.txt", tmp_path / "index"
    shutil.copytree(FIXTURES, corpus)
    empty.write_text("")
    result = run_advisor("ingest", corpus, empty, "--index", index)
    listed = json.loads(run_advisor("documents", "--index", index, "--json").stdout)
    assert result.returncode != 0
    assert f"{empty}: empty file" in result.stderr
    assert [r["doc_id"] for r in listed] == FIXTURE_IDS


def test_ask_json_is_the_answer_object(fixture_index: Settings) -> None:
    result = run_advisor(
        "ask", "Must lighthouses be lit at night?", "--index", fixture_index.index_dir, "--json"
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["mode"] == "extractive" and answer["citations"][0]["doc_id"] == "pilots-protocol"


def test_serve_with_a_bad_llm_spec_exits_with_one_line(tmp_path: Path) -> None:
    result = run_advisor("serve", "--index", tmp_path, "--port", "0", "--llm", "gpt-4")
    assert_one_line_error(result)
    assert result.stderr.strip().startswith("advisor: cannot read LLM spec 'gpt-4'")


def test_a_failed_gate_exits_1_with_one_line_naming_the_metric(
    fixture_index: Settings, tmp_path: Path
) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text("")
    strict = tmp_path / "thresholds.toml"
    strict.write_text('"retrieval.mrr" = 1.01\n')
    result = run_advisor("eval", "--dataset", FIXTURE_DATASET, "--index", fixture_index.index_dir,
                         "--limit", "2", "--baseline", "none", "--thresholds", strict, "--claims", claims,
                         "--out", tmp_path / "run")  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("advisor: quality gate failed: retrieval.mrr")
