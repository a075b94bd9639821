"""The fitted fusion: feature columns, weights files, and fitting on the tune split."""

from __future__ import annotations

import json

import numpy as np
import pytest

from advisor.errors import ConfigError
from advisor.evaluation.dataset import EvalItem, GoldProvision
from advisor.evaluation.fitting import Candidates, fit, ranking
from advisor.models import ProvisionKey
from advisor.retrieval.fusion import Fusion, Signals


def _signals(dense: list[float], docs: list[str] | None = None) -> Signals:
    n = len(dense)
    docs = docs or ["treaty"] * n
    zeros = np.zeros(n)
    return Signals(
        keys=[ProvisionKey(d, "", str(i + 1)) for i, d in enumerate(docs)],
        space="english",
        dense=np.array(dense),
        dense_ml=zeros,
        provision_dense=zeros,
        expansion=zeros,
        headnote_dense=zeros,
        headnote_lexical=zeros,
        carried=zeros,
    )


def test_an_instrument_unseen_in_fitting_gets_no_prior_either_way() -> None:
    matrix = _signals([0.5, 0.5], ["treaty", "upload"]).matrix(["doc:treaty", "doc:upload", "doc:other"])
    assert matrix.tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]


def test_ranks_are_reciprocal_and_a_silent_signal_ranks_nothing() -> None:
    columns = _signals([0.2, 0.9, 0.5]).columns()
    assert np.argsort(-columns["dense_rank"]).tolist() == [1, 2, 0]
    assert not columns["dense_ml_rank"].any()
    assert columns["dense_gap"].max() == 0.0


def test_the_bundled_weights_score_a_closer_provision_higher() -> None:
    fusion = Fusion.load()
    assert "dense" in fusion.models["english"].features
    low, high = fusion.probabilities(_signals([0.3, 0.7]))
    assert 0.0 < low < high < 1.0


def test_an_unreadable_weights_file_is_a_configuration_error(tmp_path) -> None:
    path = tmp_path / "fusion.json"
    path.write_text(json.dumps({"spaces": {"english": {"features": ["dense"]}}}))
    with pytest.raises(ConfigError, match="fusion weights"):
        Fusion.load(path)


def _candidates(n_questions: int) -> list[Candidates]:
    """Questions whose gold provision is the one with the highest cosine, ids chosen so both
    splits have items."""
    rng = np.random.default_rng(7)
    out = []
    for q in range(n_questions):
        dense = rng.uniform(0.1, 0.6, size=8)
        gold = int(rng.integers(8))
        dense[gold] = 0.8
        item = EvalItem(id=f"q{q}", question="?", type="scenario", answerable=True, reference_answer=".",
                        gold=[GoldProvision(doc="treaty", article=str(gold + 1))])  # fmt: skip
        out.append(Candidates(item, _signals(list(dense)), np.arange(8) == gold))
    return out


def test_fitting_on_tune_learns_that_the_closest_provision_is_gold() -> None:
    collected = _candidates(60)
    fitted = fit(collected)
    validation = [c for c in collected if c.split == "validation"]
    assert validation, "the ids give both splits"
    assert ranking(fitted, validation)["top1"] == 1.0


def test_a_group_left_out_is_not_a_feature() -> None:
    fitted = fit(_candidates(30), ["dense"])
    assert not {"dense", "dense_gap", "dense_rank"} & set(fitted.spaces["english"].features)
