"""The reference backend: sentence-transformers on torch, the model exactly as published."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.config import REFERENCE_BACKEND, Settings
from advisor.index.encoders import Encoder, register_encoder

log = logging.getLogger(__name__)


class SentenceTransformerEncoder:
    """Torch's thread count is the process's (`advisor.runtime.configure_process`), not set here."""

    def __init__(self, model_dir: Path) -> None:
        from sentence_transformers import SentenceTransformer

        log.info("loading embedding model from %s (torch)", model_dir)
        self._model = SentenceTransformer(str(model_dir), device="cpu")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=max(1, len(texts)), normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


@register_encoder(REFERENCE_BACKEND)
def _sentence_transformers(settings: Settings, model_dir: Path) -> Encoder:
    return SentenceTransformerEncoder(model_dir)
