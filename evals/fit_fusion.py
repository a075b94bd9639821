"""Fit the fusion weights (advisor/retrieval/fusion.json) on the tune split, cross-validated.

See `advisor.evaluation.fitting` for how rows, labels and folds are made. Validation items
are never read.

    .venv/bin/python evals/fit_fusion.py --index index --dataset evals/questions \\
        --out advisor/retrieval/fusion.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from advisor.config import Settings
from advisor.evaluation.dataset import load_dataset, split_of
from advisor.evaluation.fitting import collect, fit, ranking
from advisor.pipeline import Advisor
from advisor.runtime import configure_process


def main() -> None:
    args = _arguments()
    settings = Settings(index_dir=args.index)
    configure_process(settings)
    advisor = Advisor.load(settings)
    tune = [i for i in load_dataset(args.dataset) if split_of(i.id) == "tune"]
    collected = collect(advisor, tune)
    fitted = fit(collected)
    report = {
        "fitted": f"evals/fit_fusion.py on the {len(collected)} answerable tune items of {args.dataset}",
        "tune": {k: round(v, 4) for k, v in ranking(fitted, collected).items()},
        "spaces": {space: f.as_json() for space, f in fitted.spaces.items()},
    }
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report["tune"]))
    for space, f in report["spaces"].items():
        print(f"\n## {space}: {f['questions']} questions, C={f['C']}, cv top-1 {f['cv_top1']}")
        for name, weight in sorted(zip(f["features"], f["weights"], strict=True), key=lambda t: -abs(t[1])):
            print(f"  {weight:+8.3f}  {name}")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    parser.add_argument("--out", type=Path, default=Path("advisor/retrieval/fusion.json"))
    return parser.parse_args()


if __name__ == "__main__":
    main()
