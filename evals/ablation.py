"""Ablation: the validation ranking with each knowledge source and retrieval signal left out.

Every answerable item of `--dataset` is retrieved once; for each variant the fusion is refitted
on the tune split without one signal group (`advisor.retrieval.fusion.GROUPS`) and the ranking
it gives is scored on both splits: gold provision first, gold in the top 5, MRR, overall and
for scenarios, follow-ups and questions in the other UN languages. The headnote keywords file
is ablated by retrieving again with an empty one. A component whose removal does not lower
validation has not earned its place.

    .venv/bin/python evals/ablation.py --index index --dataset evals/questions \\
        --out evals/reports/ablation.md
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from advisor.config import Settings
from advisor.evaluation.dataset import load_dataset
from advisor.evaluation.fitting import Candidates, collect, fit, ranking
from advisor.pipeline import Advisor
from advisor.retrieval.fusion import GROUPS
from advisor.runtime import configure_process

#: Signals this table removed (refitted without them, validation did not move), kept on record.
REMOVED = (
    "Removed after earlier runs of this table, because the validation ranking did not change "
    "without them: the instrument focus (top-1 +0.000, hit@5 +0.013, MRR -0.002) and BM25 on the "
    "question's own words (top-1 +0.000, hit@5 +0.000, MRR -0.000; BM25 still proposes candidates "
    "and picks quotes).\n\n"
    "Tried as further signals and not kept, because validation did not rise with them (each "
    "refitted on tune): English questions read by multilingual-e5 as well (validation top-1 "
    "0.436 with and without, hit@5 0.818 both, English items); a second English vector for the "
    "asking sentence alone (top-1 0.455 both; tune 0.550 -> 0.591); thesaurus entries for "
    "criminalisation, attempt, accomplices and harbouring (gold cited 0.487 -> 0.474); a wider "
    "regularisation grid (C up to 100: gold cited 0.539 -> 0.526)."
)
SLICES = {
    "all": lambda c: True,
    "scenario": lambda c: c.item.type == "scenario",
    "follow-up": lambda c: c.item.type == "follow-up",
    "other languages": lambda c: c.item.language != "en",
}
DESCRIPTIONS = {
    "dense": "MiniLM cosine (English)",
    "provision": "cosine with the whole provision (mean of its chunk vectors)",
    "multilingual": "multilingual-e5 cosine (other languages)",
    "thesaurus": "BM25 on thesaurus terms (legal/data/thesaurus.json)",
    "headnotes": "headnotes (titles + legal/data/provision_keywords.json)",
    "carried": "provisions cited in earlier turns",
    "instrument": "per-instrument prior",
}


def figures(collected: Sequence[Candidates], without: Sequence[str] = ()) -> dict:
    fitted = fit(collected, without)
    out = {}
    for split in ("tune", "validation"):
        part = [c for c in collected if c.split == split]
        out[split] = {name: ranking(fitted, [c for c in part if keep(c)]) for name, keep in SLICES.items()}
    return out


def table(results: dict[str, dict], split: str) -> str:
    head = " | ".join(f"{s} top-1" for s in SLICES)
    full = results["full fusion"][split]
    n = " · ".join(f"{s} {full[s]['questions']}" for s in SLICES)
    lines = [f"**{split}** (answerable items: {n})", "", f"| variant | {head} | all hit@5 | all MRR |",
             "| --- " * (len(SLICES) + 3) + "|"]  # fmt: skip
    for name, result in results.items():
        row = result[split]
        cells = [_cell(row[s]["top1"], full[s]["top1"], name) for s in SLICES]
        cells += [_cell(row["all"][m], full["all"][m], name) for m in ("hit_at_5", "mrr")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: float, full: float, name: str) -> str:
    return f"{value:.3f}" if name == "full fusion" else f"{value:.3f} ({value - full:+.3f})"


def main() -> None:
    args = _arguments()
    base = Settings(index_dir=args.index)
    configure_process(base)
    items = load_dataset(args.dataset)
    collected = collect(Advisor.load(base), items)
    results = {"full fusion": figures(collected)}
    for group in GROUPS:
        results[f"without {DESCRIPTIONS[group]}"] = figures(collected, [group])
    with tempfile.TemporaryDirectory() as empty:
        keywords = Path(empty) / "keywords.json"
        keywords.write_text(json.dumps({"provisions": {}}))
        bare = collect(Advisor.load(base.with_overrides(keywords_path=keywords)), items)
    results["headnotes = titles only (no keywords file)"] = figures(bare)
    report = "\n\n".join(
        [
            "# Ablation on `evals/questions`",
            "Each row refits the fusion on the tune split without one signal group and scores the "
            "ranking it gives (named provisions aside): gold provision first (top-1), by slice, and "
            "gold in the top 5 and MRR overall; deltas against the full fusion in brackets. "
            "Validation decides; tune is shown to expose fitting.",
            table(results, "validation"),
            REMOVED,
            table(results, "tune"),
        ]
    )
    args.out.write_text(report + "\n", encoding="utf-8")
    print(report)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    parser.add_argument("--out", type=Path, default=Path("evals/reports/ablation.md"))
    return parser.parse_args()


if __name__ == "__main__":
    main()
