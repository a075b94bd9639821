"""Calibrate abstention and quoting on the tune split only; print the values to put in Settings.

For each tune item the question is retrieved once; then, per question language group (English,
and the languages read by the multilingual embedder, whose cosines sit on another scale):
- `abstain_below`: the similarity threshold that best separates unanswerable from answerable
  items (highest balanced accuracy, ties to the lower threshold);
- `provision_ratio`: how close to the best provision another must score to be quoted too,
  chosen for the highest share of answerable items whose first and any citation is gold;
- `off_topic_below`: the highest best-chunk cosine that refuses no answerable or near-miss item
  (a refusal offers no provision at all, so it must never hit a real question), and how many
  off-topic or instruction-like items it refuses.
Validation items are never read here.

    .venv/bin/python evals/calibrate.py --index index --dataset evals/questions
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from advisor.answering.extractive import ExtractiveAnswerer
from advisor.config import Settings
from advisor.evaluation.dataset import EvalItem, load_dataset, provision_id
from advisor.pipeline import Advisor, Run
from advisor.runtime import configure_process

_REFUSE = ("off-topic", "instruction")
THRESHOLDS = np.round(np.arange(0.10, 0.70, 0.01), 2)
RATIOS = (0.80, 0.85, 0.90, 0.93, 0.95, 0.97, 0.99, 1.0)


@dataclass
class Observed:
    item: EvalItem
    run: Run

    @property
    def group(self) -> str:
        return "english" if self.run.retrieval.language == "en" else "multilingual"


def abstention_threshold(observed: Sequence[Observed]) -> tuple[float, float]:
    """(threshold, balanced accuracy) separating unanswerable from answerable by similarity."""
    best = (float(THRESHOLDS[0]), -1.0)
    for threshold in THRESHOLDS:
        abstains = [o.run.retrieval.best_similarity < threshold for o in observed]
        unanswerable = [not o.item.answerable for o in observed]
        recall = _share([a for a, u in zip(abstains, unanswerable, strict=True) if u])
        answer_rate = _share([not a for a, u in zip(abstains, unanswerable, strict=True) if not u])
        balanced = (recall + answer_rate) / 2
        if balanced > best[1]:
            best = (float(threshold), balanced)
    return best


def off_topic_threshold(observed: Sequence[Observed]) -> tuple[float, int, int]:
    """(threshold, refusable items below it, refusable items): the threshold sits halfway
    between the lowest on-topic cosine and the highest refusable one beneath it."""
    on_topic = [o.run.retrieval.best_dense for o in observed if o.item.category not in _REFUSE]
    refusable = [o.run.retrieval.best_dense for o in observed if o.item.category in _REFUSE]
    floor = min(on_topic, default=0.0)
    below = [d for d in refusable if d < floor]
    threshold = (floor + max(below)) / 2 if below else 0.0
    return round(threshold, 3), len(below), len(refusable)


def quoting_ratio(observed: Sequence[Observed], advisor: Advisor) -> list[tuple[float, float, float]]:
    """(ratio, gold cited, first cited gold) over the answerable items, per ratio."""
    answerable = [o for o in observed if o.item.answerable]
    rows = []
    for ratio in RATIOS:
        answerer = _answerer(advisor, ratio)
        cited = first = 0
        for o in answerable:
            answer = answerer.answer(o.run.resolved.question, o.run.resolved, o.run.retrieval)
            ids = [provision_id(c.doc_id, c.article, c.annex) for c in answer.citations]
            cited += bool(set(ids) & set(o.item.gold_ids))
            first += bool(ids) and ids[0] in o.item.gold_ids
        rows.append((ratio, cited / len(answerable), first / len(answerable)))
    return rows


def _answerer(advisor: Advisor, ratio: float) -> ExtractiveAnswerer:
    """The advisor's extractive answerer with another quoting ratio and no abstention, so the
    ratio is judged on what would be quoted."""
    base = advisor.answerer
    assert isinstance(base, ExtractiveAnswerer), "calibrate the extractive answerer"
    settings = advisor.settings.with_overrides(
        provision_ratio=ratio,
        multilingual_provision_ratio=ratio,
        abstain_below=0.0,
        multilingual_abstain_below=0.0,
    )
    return ExtractiveAnswerer(settings, base.selector, base.instruments, base.vocabulary)


def _share(values: Sequence[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    args = _arguments()
    settings = Settings(index_dir=args.index)
    configure_process(settings)
    advisor = Advisor.load(settings)
    items = [i for i in load_dataset(args.dataset) if i.split == "tune"]
    observed = [Observed(i, advisor.run(i.question, i.history)) for i in items]
    for group in ("english", "multilingual"):
        chosen = [o for o in observed if o.group == group]
        if not chosen:
            continue
        threshold, balanced = abstention_threshold(chosen)
        print(f"\n## {group}: {len(chosen)} tune items")
        print(f"abstain below {threshold:.2f} (balanced accuracy {balanced:.3f})")
        off_topic, caught, refusable = off_topic_threshold(chosen)
        print(f"off-topic below {off_topic:.3f} (refuses {caught} of {refusable} refusable items)")
        print("| provision ratio | gold cited | first cited gold |\n| --- | --- | --- |")
        for ratio, cited, first in quoting_ratio(chosen, advisor):
            print(f"| {ratio:.2f} | {cited:.3f} | {first:.3f} |")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    return parser.parse_args()


if __name__ == "__main__":
    main()
