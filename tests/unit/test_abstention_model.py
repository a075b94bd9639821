"""The calibrated abstention model: its file, and the evidence it reads."""

from __future__ import annotations

import json

import numpy as np
import pytest

from advisor.answering.abstain import AbstentionModel, Evidence
from advisor.errors import ConfigError


def test_the_bundled_model_says_a_national_law_question_is_less_likely_answered() -> None:
    model = AbstentionModel.load()
    base = {f: 0.0 for f in model.features} | {"top": 0.6, "top_logit": 0.4, "dense": 0.6, "english": 1.0}
    plain = model.answerable(Evidence(base, [], []))
    national = model.answerable(Evidence(base | {"national_scope": 1.0}, [], []))
    assert 0.0 < national < plain < 1.0
    assert 0.0 < model.threshold < 1.0


def test_a_model_file_without_a_threshold_is_a_configuration_error(tmp_path) -> None:
    path = tmp_path / "abstention.json"
    path.write_text(json.dumps({"features": ["top"], "weights": [1.0], "bias": 0.0}))
    with pytest.raises(ConfigError, match="abstention model"):
        AbstentionModel.load(path)


def test_a_feature_the_evidence_lacks_counts_as_zero() -> None:
    model = AbstentionModel(["top", "new_sign"], np.array([1.0, -5.0]), 0.0, 0.5)
    assert model.answerable(Evidence({"top": 0.0}, [], [])) == pytest.approx(0.5)
