"""Fitting the retrieval fusion on the tune split, and scoring rankings by split.

Shared by `evals/fit_fusion.py` (writes the bundled weights) and `evals/ablation.py` (refits
without one signal group at a time and reports the validation ranking). Each answerable item is
retrieved as the server would (follow-ups resolved, language detected); each candidate
provision's signals are one row, labelled by whether it is a gold provision. Regularisation is
chosen by cross-validation over questions (no question's candidates on both sides of a fold),
scored by how often the best-scored candidate is gold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rich.progress import track
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from advisor.evaluation.dataset import EvalItem, provision_id, split_of
from advisor.pipeline import Advisor
from advisor.retrieval.fusion import GROUPS, Signals

#: Inverse regularisation strengths tried; the data are ~10,000 rows of ~25 columns.
C_GRID = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5


@dataclass(frozen=True)
class Candidates:
    """One answerable item's candidate provisions, their signals and which are gold."""

    item: EvalItem
    signals: Signals
    gold: np.ndarray

    @property
    def split(self) -> str:
        return split_of(self.item.id)


@dataclass(frozen=True)
class SpaceFit:
    features: list[str]
    model: LogisticRegression
    cv_top1: dict[float, float]
    questions: int

    def as_json(self) -> dict:
        """The form `advisor.retrieval.fusion.Fusion.load` reads, with how it was chosen."""
        return {
            "questions": self.questions,
            "C": self.model.C,
            "cv_top1": {str(c): round(v, 4) for c, v in self.cv_top1.items()},
            "features": self.features,
            "weights": [round(float(w), 5) for w in self.model.coef_[0]],
            "bias": round(float(self.model.intercept_[0]), 5),
        }


@dataclass(frozen=True)
class Fitted:
    """One fit per space (`Signals.space`)."""

    spaces: dict[str, SpaceFit]

    def scores(self, candidates: Candidates) -> np.ndarray:
        fitted = self.spaces[candidates.signals.space]
        return fitted.model.decision_function(candidates.signals.matrix(fitted.features))


def collect(advisor: Advisor, items: Sequence[EvalItem]) -> list[Candidates]:
    """Every answerable item's candidates, retrieved once."""
    out = []
    for item in track([i for i in items if i.answerable], description="retrieving"):
        signals = advisor.run(item.question, item.history).retrieval.signals
        if signals is not None and signals.keys:
            gold = {g.id for g in item.gold}
            labels = np.array([provision_id(k.doc_id, k.article, k.annex) in gold for k in signals.keys])
            out.append(Candidates(item, signals, labels))
    return out


def features_of(collected: Sequence[Candidates], without: Sequence[str] = ()) -> list[str]:
    """The columns any candidate has, minus the `without` groups (instrument columns are the
    "instrument" group)."""
    dropped = {f for g in without for f in GROUPS[g]}
    names = {f for c in collected for f in c.signals.columns()}
    return sorted(
        f for f in names if f not in dropped and not ("instrument" in without and f.startswith("doc:"))
    )


def fit(collected: Sequence[Candidates], without: Sequence[str] = ()) -> Fitted:
    """One model per space, fitted on the tune items' candidates."""
    tune = [c for c in collected if c.split == "tune"]
    spaces = sorted({c.signals.space for c in tune})
    return Fitted(
        {space: _fit_space([c for c in tune if c.signals.space == space], without) for space in spaces}
    )


def _fit_space(tune: Sequence[Candidates], without: Sequence[str]) -> SpaceFit:
    """Logistic regression with its strength cross-validated over questions."""
    features = features_of(tune, without)
    X = np.concatenate([c.signals.matrix(features) for c in tune])
    y = np.concatenate([c.gold for c in tune]).astype(int)
    groups = np.concatenate([np.full(len(c.gold), n) for n, c in enumerate(tune)])
    cv = {}
    for strength in C_GRID:
        held_out = []
        for train, test in GroupKFold(n_splits=min(FOLDS, len(tune))).split(X, y, groups):
            model = _model(strength).fit(X[train], y[train])
            held_out.append(_top1(model.decision_function(X[test]), y[test], groups[test]))
        cv[strength] = float(np.mean(held_out))
    best = max(cv, key=lambda c: (cv[c], -c))
    return SpaceFit(features, _model(best).fit(X, y), cv, len(tune))


def ranking(fitted: Fitted, collected: Sequence[Candidates]) -> dict[str, float]:
    """Top-1 gold, gold in the top 5 and MRR of the fused ranking (named provisions aside)."""
    first, top5, reciprocal = [], [], []
    for c in collected:
        order = np.argsort(-fitted.scores(c), kind="stable")
        ranks = np.flatnonzero(c.gold[order])
        first.append(bool(len(ranks)) and ranks[0] == 0)
        top5.append(bool(len(ranks)) and ranks[0] < 5)
        reciprocal.append(1 / (ranks[0] + 1) if len(ranks) else 0.0)
    n = len(collected) or 1
    return {"questions": len(collected), "top1": sum(first) / n, "hit_at_5": sum(top5) / n,
            "mrr": sum(reciprocal) / n}  # fmt: skip


def _top1(scores: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    hits = [y[groups == g][np.argmax(scores[groups == g])] for g in np.unique(groups)]
    return float(np.mean(hits))


def _model(strength: float) -> LogisticRegression:
    return LogisticRegression(C=strength, max_iter=5000)
