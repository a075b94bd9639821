"""Ablation: the validation figures with each knowledge source and retrieval signal switched off.

Every variant is the full `advisor eval` (same pipeline as the server) on `--dataset`, with one
change to `Settings`; the table compares the validation split, which nothing was tuned on. A
component whose removal does not lower validation has not earned its place.

    .venv/bin/python evals/ablation.py --index index --dataset evals/questions \
        --out evals/reports/ablation.md
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from typing import Any

from advisor.config import Settings
from advisor.evaluation.runner import EvalOptions, run_evaluation
from advisor.index.embeddings import Embedder
from advisor.pipeline import Advisor
from advisor.runtime import configure_process

COLUMNS = ("gold_cited", "first_cited_gold", "evidence_quoted", "hit_at_5", "abstention_precision",
           "abstention_recall")  # fmt: skip


def variants(empty: Path) -> dict[str, dict[str, Any]]:
    """Settings overrides per variant; `empty` holds empty thesaurus and keyword files."""
    return {
        "full pipeline": {},
        "no multilingual embedder (questions read as English)": {"multilingual_model": ""},
        "no thesaurus (legal/data/thesaurus.json)": {"thesaurus_path": empty / "thesaurus.json"},
        "no headnote keywords (legal/data/provision_keywords.json)": {
            "keywords_path": empty / "keywords.json"
        },
        "no headnotes at all": {"headnote_dense_weight": 0.0, "headnote_lexical_weight": 0.0,
                                "headnote_candidates": 0},
        "no instrument focus bonus": {"focus_boost": 0.0},
        "no BM25 (dense only)": {
            "lexical_weight": 0.0, "expansion_weight": 0.0, "headnote_lexical_weight": 0.0
        },
        "no dense (BM25 only)": {"dense_weight": 0.0, "headnote_dense_weight": 0.0},
    }  # fmt: skip


def run_variant(
    base: Settings, overrides: dict[str, Any], dataset: Path, out: Path, embedder: Embedder
) -> dict:
    settings = base.with_overrides(**overrides)
    advisor = Advisor.load(settings, embedder=embedder)
    options = EvalOptions(dataset=dataset, out_dir=out, baselines=())
    return run_evaluation(settings, options, advisor=advisor).summary["by_split"]


def table(results: dict[str, dict], split: str) -> str:
    full = results["full pipeline"][split]["all"]
    lines = [f"| variant ({split}) | " + " | ".join(COLUMNS) + " |", "| --- " * (len(COLUMNS) + 1) + "|"]
    for name, by_split in results.items():
        row = by_split[split]["all"]
        cells = [_cell(row.get(c), full.get(c), name == "full pipeline") for c in COLUMNS]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: float | None, full: float | None, is_full: bool) -> str:
    if value is None:
        return "–"
    if is_full or full is None:
        return f"{value:.3f}"
    return f"{value:.3f} ({value - full:+.3f})"


def main() -> None:
    args = _arguments()
    base = Settings(index_dir=args.index)
    configure_process(base)
    embedder = Embedder(base)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp)
        (empty / "thesaurus.json").write_text(json.dumps({"entries": []}))
        (empty / "keywords.json").write_text(json.dumps({"provisions": {}}))
        for name, overrides in variants(empty).items():
            runs = args.runs / name.split(" (")[0].replace(" ", "-")
            results[name] = run_variant(base, overrides, args.dataset, runs, embedder)
            print(f"done: {name}", flush=True)
    report = _report(results, args.dataset)
    print(report)
    if args.out:
        args.out.write_text(report + "\n", encoding="utf-8")


def _report(results: dict[str, dict], dataset: Path) -> str:
    intro = (
        f"# Ablation on `{dataset}`\n\nEach row is the whole `advisor eval` with one component "
        "switched off (deltas against the full pipeline in brackets). Validation decides; tune "
        "is shown to expose fitting.\n"
    )
    return "\n\n".join([intro, table(results, "validation"), table(results, "tune")])


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    parser.add_argument("--runs", type=Path, default=Path("evals/runs/ablation"))
    parser.add_argument("--out", type=Path, help="Also write the Markdown table here.")
    return parser.parse_args()


if __name__ == "__main__":
    main()
