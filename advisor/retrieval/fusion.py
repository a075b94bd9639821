"""Learned fusion: how much each similarity signal says that a provision answers a question.

Retrieval measures a candidate provision in several ways: the best cosine of its chunks (in
the English or the multilingual space), BM25 on thesaurus terms, its headnote's match, whether
an earlier turn cited it, and which instrument it is in.
Hand-set weights fitted the shared dev set and did not carry to unseen questions; these are a
logistic regression fitted on the tune split of `evals/questions` (cross-validated,
`evals/fit_fusion.py`), so a provision's score estimates the probability that it is a gold
provision. Two more signals went because, refitted without them, the validation ranking did
not change (evals/reports/ablation.md): whether the question names or touches the provision's
instrument, and BM25 on the question's own words (BM25 still proposes candidates and picks the
quotes; its score adds nothing to the headnotes' BM25 and the thesaurus').

Signals are per provision, not per chunk: a long article split in five chunks is one
candidate, scored by its best chunk, so that length neither helps nor hurts it. Relative
signals (gap to the best candidate, rank) make the score comparable across questions whose
cosines sit at different heights.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from advisor.errors import ConfigError
from advisor.models import ProvisionKey

#: Ranks enter as 1 / (RANK_OFFSET + rank), as in reciprocal-rank fusion: the first few ranks
#: differ, the tail flattens.
RANK_OFFSET = 10

#: Signal groups, each one knowledge source or retrieval signal an ablation can switch off.
GROUPS: dict[str, tuple[str, ...]] = {
    "dense": ("dense", "dense_gap", "dense_rank"),
    "provision": ("provision_dense", "provision_dense_gap", "provision_dense_rank"),
    "multilingual": ("dense_ml", "dense_ml_gap", "dense_ml_rank"),
    "thesaurus": ("expansion",),
    "headnotes": ("headnote_dense", "headnote_dense_rank", "headnote_lexical"),
    "carried": ("carried",),
    "instrument": (),  # one "doc:<id>" column per instrument, added from the fitted weights
}


@dataclass(frozen=True)
class Signals:
    """Per candidate provision, aligned with `keys`; English-only signals are zeros for a
    question read by the multilingual embedder, and the other way round."""

    keys: list[ProvisionKey]
    #: "english" (MiniLM, BM25, headnotes) or "multilingual" (e5 alone): each has its model.
    space: str
    dense: np.ndarray
    dense_ml: np.ndarray
    #: The cosine with each provision as a whole, in the question's own space.
    provision_dense: np.ndarray
    expansion: np.ndarray
    headnote_dense: np.ndarray
    headnote_lexical: np.ndarray
    carried: np.ndarray

    def columns(self) -> dict[str, np.ndarray]:
        """Every named feature column, instrument indicators included."""
        columns = {
            "dense": self.dense,
            "dense_gap": _gap(self.dense),
            "dense_rank": _rank(self.dense),
            "dense_ml": self.dense_ml,
            "dense_ml_gap": _gap(self.dense_ml),
            "dense_ml_rank": _rank(self.dense_ml),
            "provision_dense": self.provision_dense,
            "provision_dense_gap": _gap(self.provision_dense),
            "provision_dense_rank": _rank(self.provision_dense),
            "expansion": self.expansion,
            "headnote_dense": self.headnote_dense,
            "headnote_dense_rank": _rank(self.headnote_dense),
            "headnote_lexical": self.headnote_lexical,
            "carried": self.carried,
        }
        doc_ids = [k.doc_id for k in self.keys]
        for doc_id in sorted(set(doc_ids)):
            columns[f"doc:{doc_id}"] = np.array([d == doc_id for d in doc_ids], dtype=float)
        return columns

    def matrix(self, features: list[str]) -> np.ndarray:
        """Rows = candidates, columns = `features` (an instrument never seen in fitting, e.g. an
        upload, gets zeros: no prior either way)."""
        columns = self.columns()
        zeros = np.zeros(len(self.keys))
        return np.stack([columns.get(f, zeros) for f in features], axis=1).astype(float)


@dataclass(frozen=True)
class FusionModel:
    """A fitted logistic model over the feature columns of one space."""

    features: list[str]
    weights: np.ndarray
    bias: float

    def probabilities(self, signals: Signals) -> np.ndarray:
        logits = signals.matrix(self.features) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logits))


@dataclass(frozen=True)
class Fusion:
    """One model per space: an English question's candidates carry six kinds of signal, one in
    another language's only its multilingual cosine, and one set of weights for both would let
    the larger English part decide the other's (it did: evals/reports/ablation.md)."""

    models: dict[str, FusionModel]

    @classmethod
    def load(cls, path: Path | None = None) -> Fusion:
        """The weights file at `path`, or the bundled one fitted on the tune split."""
        try:
            raw = path.read_text(encoding="utf-8") if path else _bundled()
            spaces = json.loads(raw)["spaces"]
            return cls(
                {
                    space: FusionModel(
                        list(m["features"]), np.asarray(m["weights"], dtype=float), float(m["bias"])
                    )
                    for space, m in spaces.items()
                }
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
            raise ConfigError(f"cannot read fusion weights {path or 'bundled'}: {e}") from e

    def probabilities(self, signals: Signals) -> np.ndarray:
        """Estimated probability that each candidate is a provision the answer rests on."""
        if not signals.keys:
            return np.zeros(0)
        model = self.models.get(signals.space)
        if model is None:
            raise ConfigError(f"the fusion weights have no model for the {signals.space} space")
        return model.probabilities(signals)


def _gap(values: np.ndarray) -> np.ndarray:
    """How far each candidate is below the best (0 for the best)."""
    return values - values.max() if len(values) else values


def _rank(values: np.ndarray) -> np.ndarray:
    """Reciprocal rank among the candidates, best first; all zeros when the signal is silent."""
    if not len(values) or not values.any():
        return np.zeros(len(values))
    ranks = np.empty(len(values))
    ranks[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return 1.0 / (RANK_OFFSET + ranks)


def _bundled() -> str:
    return resources.files("advisor.retrieval").joinpath("fusion.json").read_text(encoding="utf-8")
