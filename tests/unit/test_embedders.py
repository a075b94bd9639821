"""The embedder's backends: the int8 ONNX graph places texts where torch does, the same way
every time, built once per machine; questions asked again are not encoded again."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.index.embeddings import Embedder
from advisor.index.encoders.int8_graph import per_channel_int8
from advisor.index.encoders.onnx_int8 import bundled_graph
from advisor.index.store import open_store

TEXTS = [
    "Article 6. Criminalization: each State Party shall establish as criminal offences the smuggling of migrants.",
    "Must lighthouses be kept lit at night?",
    "Pilots shall hold a licence issued by the competent authority of the port State.",
    "Extradition",
]


@pytest.fixture(scope="module")
def torch_embedder() -> Embedder:
    return Embedder(Settings(embed_backend="torch"))


def test_the_onnx_backend_is_the_default(embedder):
    assert embedder.space == "all-MiniLM-L6-v2+onnx"


def test_onnx_vectors_are_close_to_torch_vectors(embedder, torch_embedder):
    onnx = np.asarray(embedder.embed_passages(TEXTS))
    reference = np.asarray(torch_embedder.embed_passages(TEXTS))
    assert np.allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert (onnx * reference).sum(axis=1).min() > 0.98


def test_onnx_vectors_are_deterministic(embedder):
    assert embedder.embed_passages(TEXTS) == embedder.embed_passages(TEXTS)


def test_a_text_has_the_same_vector_whatever_is_embedded_beside_it(embedder):
    together = embedder.embed_passages(TEXTS)  # batched longest first, returned in order
    assert together == [embedder.embed_passages([text])[0] for text in TEXTS]


def test_a_query_vector_is_its_passage_vector(embedder):
    assert embedder.embed_query(TEXTS[1]) == embedder.embed_passages([TEXTS[1]])[0]


def test_a_question_asked_again_is_not_encoded_again(embedder):
    question = "Can a vessel without nationality be boarded on the high seas?"
    first = embedder.embed_query(question)
    hits = embedder.query_cache_info().hits
    first.append(0.0)  # the caller's list is its own
    assert embedder.embed_query(question) == first[:-1]
    assert embedder.query_cache_info().hits == hits + 1


def test_the_query_cache_is_bounded(embedder):
    small = Embedder(Settings(query_cache_size=2))
    for question in ("one", "two", "three"):
        small.embed_query(question)
    assert small.query_cache_info().currsize == 2


def test_the_int8_graph_is_built_once_per_machine(embedder):
    source = bundled_graph("all-MiniLM-L6-v2")
    built = per_channel_int8(source, Settings().model_cache_dir)  # built when `embedder` loaded
    modified = built.stat().st_mtime_ns
    assert per_channel_int8(source, Settings().model_cache_dir) == built
    assert built.stat().st_mtime_ns == modified


def test_an_unknown_backend_is_a_configuration_error():
    with pytest.raises(ConfigError, match="unknown embedding backend"):
        Embedder(Settings(embed_backend="tensorflow"))


def test_a_model_without_an_onnx_graph_says_to_use_torch(tmp_path):
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ConfigError, match="ADVISOR_EMBED_BACKEND=torch"):
        _ = Embedder(Settings(embed_model=str(tmp_path))).encoder


def test_an_index_built_by_one_backend_refuses_the_other(fixture_index):
    with pytest.raises(ConfigError, match="ADVISOR_EMBED_BACKEND"):
        open_store(fixture_index.with_overrides(embed_backend="torch"))
