"""Calibrate abstention and quoting on the tune split only: fit the abstention model, print the
quoting table and the off-topic floor to put in Settings.

Each tune item is retrieved once, as the server would. Then:
- **abstention** (`advisor/answering/abstention.json`): a logistic regression of "answerable"
  on the evidence `advisor.answering.abstain.gather` reads, over the items the model decides
  (not refused, naming no provision), its regularisation chosen by 5-fold cross-validation
  (log loss), its threshold the one with the best F1 of abstaining on tune;
- `provision_ratio`: how close to the best provision another must score to be quoted too,
  by the share of answerable items whose first and any citation is gold;
- `off_topic_below`: the highest best-chunk cosine that refuses no answerable or near-miss item
  (a refusal offers no provision at all, so it must never hit a real question).
Validation items are never read here.

    .venv/bin/python evals/calibrate.py --index index --dataset evals/questions \\
        --out advisor/answering/abstention.json
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rich.progress import track
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score

from advisor.answering.abstain import gather
from advisor.answering.extractive import ExtractiveAnswerer
from advisor.answering.silence import world_fact
from advisor.config import Settings
from advisor.evaluation.dataset import EvalItem, load_dataset, provision_id, split_of
from advisor.pipeline import Advisor, Run
from advisor.runtime import configure_process

_REFUSE = ("off-topic", "instruction")
C_GRID = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0)
THRESHOLDS = np.round(np.arange(0.05, 0.96, 0.01), 2)
RATIOS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0)
#: The evidence the model reads: the best chunk's cosine (the same scale for any document) and
#: the signs of silence. The fused score is left out on purpose: its level depends on what the
#: fusion learnt about the bundled treaties (headnote keywords, instrument priors), so an
#: uploaded or guidance document would score low and be abstained on; the tune log loss with
#: it is printed beside (`FUSED`) for comparison.
FEATURES = ("dense", "dense_ml", "english", "unknown_names", "national_scope", "lacks_figure")
FUSED = ("top", "top_logit", "margin")


@dataclass
class Observed:
    item: EvalItem
    run: Run


def decided_by_model(observed: Sequence[Observed], advisor: Advisor) -> list[Observed]:
    """Items the model decides: not refused as off-topic, naming no provision, not about the world."""
    s = advisor.settings
    kept = []
    for o in observed:
        floor = s.off_topic_below if o.run.retrieval.language == "en" else s.multilingual_off_topic_below
        if (
            o.run.retrieval.references
            or o.run.retrieval.best_dense < floor
            or o.run.answer.refused
            or world_fact(o.item.question)
        ):
            continue
        kept.append(o)
    return kept


def fit_abstention(observed: Sequence[Observed], advisor: Advisor) -> dict:
    """The abstention model's weights, threshold and tune figures."""
    nearest = advisor.settings.answer_provisions
    evidence = [gather(o.item.question, o.run.retrieval, advisor.vocabulary, nearest) for o in observed]
    X = np.array([[e.values[f] for f in FEATURES] for e in evidence])
    y = np.array([o.item.answerable for o in observed], dtype=int)
    with_fused = np.array([[e.values[f] for f in FEATURES + FUSED] for e in evidence])
    for name, data in (("without the fused score", X), ("with it", with_fused)):
        loss = -max(cross_val_score(_model(c), data, y, cv=5, scoring="neg_log_loss").mean() for c in C_GRID)
        print(f"tune cross-validated log loss {name}: {loss:.4f}")
    cv = {c: float(cross_val_score(_model(c), X, y, cv=5, scoring="neg_log_loss").mean()) for c in C_GRID}
    best = max(cv, key=lambda c: (cv[c], -c))
    model = _model(best).fit(X, y)
    p = model.predict_proba(X)[:, 1]
    threshold, f1 = max(((float(t), _abstention_f1(p >= t, y)) for t in THRESHOLDS), key=lambda t: t[1])
    for t in THRESHOLDS[::5]:
        precision, recall = _abstention_precision_recall(p >= t, y)
        print(f"threshold {t:.2f}: abstention precision {precision:.3f} recall {recall:.3f}")
    return {
        "fitted": f"evals/calibrate.py on {len(observed)} tune items the model decides",
        "C": best,
        "cv_log_loss": {str(c): round(-v, 4) for c, v in cv.items()},
        "tune_abstention_f1": round(f1, 4),
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 5),
        "threshold": threshold,
    }


def _model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000)


def _abstention_precision_recall(answers: np.ndarray, answerable: np.ndarray) -> tuple[float, float]:
    abstains = ~answers
    right = int((abstains & (answerable == 0)).sum())
    precision = right / int(abstains.sum()) if abstains.any() else 1.0
    recall = right / int((answerable == 0).sum()) if (answerable == 0).any() else 1.0
    return precision, recall


def _abstention_f1(answers: np.ndarray, answerable: np.ndarray) -> float:
    """F1 of abstaining on unanswerable items: the acceptance asks precision and recall alike."""
    precision, recall = _abstention_precision_recall(answers, answerable)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def off_topic_threshold(observed: Sequence[Observed]) -> tuple[float, int, int]:
    """(threshold, refusable items below it, refusable items): the threshold sits halfway
    between the lowest on-topic cosine and the highest refusable one beneath it."""
    on_topic = [o.run.retrieval.best_dense for o in observed if o.item.category not in _REFUSE]
    refusable = [o.run.retrieval.best_dense for o in observed if o.item.category in _REFUSE]
    floor = min(on_topic, default=0.0)
    below = [d for d in refusable if d < floor]
    threshold = (floor + max(below)) / 2 if below else 0.0
    return round(threshold, 3), len(below), len(refusable)


def quoting_ratio(observed: Sequence[Observed], advisor: Advisor) -> list[tuple[float, float, float, float]]:
    """(ratio, gold cited, first cited gold, provisions cited) over the answerable items."""
    answerable = [o for o in observed if o.item.answerable]
    rows = []
    for ratio in RATIOS:
        answerer = _answerer(advisor, ratio)
        cited = first = count = 0
        for o in answerable:
            answer = answerer.answer(o.run.resolved.question, o.run.resolved, o.run.retrieval)
            ids = list(dict.fromkeys(provision_id(c.doc_id, c.article, c.annex) for c in answer.citations))
            cited += bool(set(ids) & set(o.item.gold_ids))
            first += bool(ids) and ids[0] in o.item.gold_ids
            count += len(ids)
        n = len(answerable)
        rows.append((ratio, cited / n, first / n, count / n))
    return rows


def _answerer(advisor: Advisor, ratio: float) -> ExtractiveAnswerer:
    """The advisor's extractive answerer with another quoting ratio and no abstention, so the
    ratio is judged on what would be quoted."""
    base = advisor.answerer
    assert isinstance(base, ExtractiveAnswerer), "calibrate the extractive answerer"
    settings = advisor.settings.with_overrides(provision_ratio=ratio)
    answerer = ExtractiveAnswerer(settings, base.selector, base.instruments, base.vocabulary)
    answerer.abstention = dataclasses.replace(base.abstention, threshold=0.0)
    return answerer


def main() -> None:
    args = _arguments()
    settings = Settings(index_dir=args.index)
    configure_process(settings)
    advisor = Advisor.load(settings)
    items = [i for i in load_dataset(args.dataset) if split_of(i.id) == "tune"]
    observed = [
        Observed(i, advisor.run(i.question, i.history)) for i in track(items, description="tune items")
    ]
    model = fit_abstention(decided_by_model(observed, advisor), advisor)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in model.items() if k != "features"}, indent=1))
    for group, english in (("english", True), ("multilingual", False)):
        chosen = [o for o in observed if (o.run.retrieval.language == "en") == english]
        off_topic, caught, refusable = off_topic_threshold(chosen)
        print(f"\n## {group}: {len(chosen)} tune items")
        print(f"off-topic below {off_topic:.3f} (refuses {caught} of {refusable} refusable items)")
    print(
        "\n| provision ratio | gold cited | first cited gold | provisions cited |\n| --- | --- | --- | --- |"
    )
    for ratio, cited, first, count in quoting_ratio(observed, advisor):
        print(f"| {ratio:.2f} | {cited:.3f} | {first:.3f} | {count:.2f} |")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    parser.add_argument("--out", type=Path, default=Path("advisor/answering/abstention.json"))
    return parser.parse_args()


if __name__ == "__main__":
    main()
