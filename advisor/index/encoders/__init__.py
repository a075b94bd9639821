"""Encoders: the backends that run one sentence-embedding model, chosen by `Settings.embed_backend`.

`Embedder` (advisor.index.embeddings) owns what every backend shares: the model's directory,
batching, the question cache. A backend only turns a batch of texts into normalised vectors;
each registers a factory here under its name, so a new runtime is a new module, not an edit of
the embedder. Factories import their runtime when called: building one loads a model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from advisor.config import Settings
from advisor.errors import ConfigError


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in order."""
        ...


#: A factory receives the settings and the model's local directory.
EncoderFactory = Callable[[Settings, Path], Encoder]

ENCODERS: dict[str, EncoderFactory] = {}


def register_encoder(name: str) -> Callable[[EncoderFactory], EncoderFactory]:
    def register(factory: EncoderFactory) -> EncoderFactory:
        ENCODERS[name] = factory
        return factory

    return register


def encoder_factory(backend: str) -> EncoderFactory:
    """The factory registered as `backend`; `ConfigError` for an unknown name."""
    try:
        return ENCODERS[backend]
    except KeyError as e:
        raise ConfigError(f"unknown embedding backend {backend!r}; known: {', '.join(ENCODERS)}") from e


# The backends register themselves on import (after the registry above exists).
from advisor.index.encoders import onnx_int8, st_torch  # noqa: E402, F401
