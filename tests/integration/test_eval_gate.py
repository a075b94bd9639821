"""The quality gate as CI runs it: the dev question set, extractive answers, a real index of
the shared corpus, `python -m advisor eval` with evals/thresholds.toml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from advisor.config import Settings
from advisor.evaluation.dataset import load_dataset

REPO_ROOT = Path(__file__).resolve().parents[2]
INTERFACE = {
    "retrieval": {"recall_at_5", "mrr"},
    "citations": {"quote_exact_rate"},
    "faithfulness": {"supported_sentence_rate"},
    "abstention": {"precision", "recall"},
    "latency_ms": {"p50", "p95"},
    "ragas": {"id_based_context_recall", "id_based_context_precision", "non_llm_string_similarity"},
}


def test_the_dev_set_follows_the_schema(shared_dir: Path) -> None:
    items = load_dataset(shared_dir / "evals" / "dev.jsonl")
    assert len({i.id for i in items}) == len(items) > 0


def test_the_dev_set_passes_the_quality_gate(
    corpus_index: Settings, shared_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "dev"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "ADVISOR_LLM": "none"}
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "eval", "--dataset", str(shared_dir / "evals" / "dev.jsonl"),
         "--index", str(corpus_index.index_dir), "--out", str(out), "--baseline", "bm25",
         "--thresholds", "evals/thresholds.toml"],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    summary = json.loads((out / "summary.json").read_text())
    for family, keys in INTERFACE.items():
        assert keys <= set(summary[family]), family
    assert summary["gate"]["passed"] and summary["gate"]["thresholds"]
    assert summary["faithfulness"]["verifier"]["claims"] == 160
