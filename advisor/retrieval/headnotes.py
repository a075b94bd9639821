"""Headnotes: each provision's title plus the words practitioners use for what it governs.

A prosecutor describes facts ("a sealed lorry", "he'll give us the names if we drop the
charges"); the provision is worded in law ("endanger the lives of the migrants", "immunity
from prosecution for substantial cooperation"). Like the headnotes of a legal database,
`data/provision_keywords.json` lists, per article, the everyday and operational words for
the situations it governs (written from the treaty texts alone, not from evaluation
questions). Questions are matched against headnotes by embedding and BM25, as a second view
of each provision beside its text.

Headnote vectors are cached in the index folder (`headnotes.npz`), keyed by the text embedded,
so only a changed headnote is embedded again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from advisor.errors import ConfigError
from advisor.index.embeddings import Embedder
from advisor.index.lexical import content_terms
from advisor.models import Chunk, ProvisionKey

log = logging.getLogger(__name__)


class Headnotes:
    def __init__(self, keys: list[ProvisionKey], texts: list[str], vectors: np.ndarray) -> None:
        import bm25s

        self.keys = keys
        self.position = {k: i for i, k in enumerate(keys)}
        self._vectors = vectors
        self._bm25 = bm25s.BM25()
        self._bm25.index([content_terms(t) or ["_"] for t in texts], show_progress=False)

    @classmethod
    def build(
        cls, chunks: Sequence[Chunk], embedder: Embedder, cache: Path, keywords_path: Path | None = None
    ) -> Headnotes:
        keywords = load_keywords(keywords_path)
        titles: dict[ProvisionKey, str] = {}
        for chunk in chunks:
            titles.setdefault(chunk.provision, chunk.article_title or chunk.section or chunk.context)
        keys = sorted(titles)
        texts = [
            _headnote(titles[k], keywords.get(k.doc_id, {}).get(k.article, "") if not k.annex else "")
            for k in keys
        ]
        return cls(keys, texts, _vectors(texts, embedder, cache))

    def dense(self, query: Sequence[float]) -> np.ndarray:
        """Cosine of the question with every headnote (aligned with `keys`)."""
        # float32 like the matrix: a float64 query would make numpy copy the matrix to float64.
        return self._vectors @ np.asarray(query, dtype=np.float32) if len(self.keys) else np.zeros(0)

    def lexical(self, text: str) -> np.ndarray:
        """BM25 of the question's words against every headnote, normalised by the best."""
        terms = content_terms(text)
        scores = self._bm25.get_scores(terms) if terms else np.zeros(len(self.keys))
        best = float(scores.max()) if len(scores) else 0.0
        return scores / best if best > 0 else scores


def load_keywords(path: Path | None = None) -> dict[str, dict[str, str]]:
    """doc id → article → keywords; the bundled file unless `path` names another."""
    try:
        raw = path.read_text(encoding="utf-8") if path else _bundled()
        provisions = json.loads(raw)["provisions"]
    except (OSError, ValueError, KeyError) as e:
        raise ConfigError(f"cannot read provision keywords {path or 'bundled'}: {e}") from e
    return provisions


def _headnote(title: str, keywords: str) -> str:
    return f"{title}: {keywords}" if keywords else title


def _vectors(texts: list[str], embedder: Embedder, cache: Path) -> np.ndarray:
    """Headnote embeddings, reusing those cached for the same text and vector space."""
    digests = [hashlib.sha256(f"{embedder.space}\n{t}".encode()).hexdigest()[:20] for t in texts]
    known = _read_cache(cache)
    missing = [i for i, d in enumerate(digests) if d not in known]
    if missing:
        log.info("embedding %d provision headnotes", len(missing))
        for i, vector in zip(missing, embedder.embed_passages([texts[i] for i in missing]), strict=True):
            known[digests[i]] = np.asarray(vector, dtype=np.float32)
        _write_cache(cache, {d: known[d] for d in digests})
    dimension = len(next(iter(known.values()))) if known else 0
    return np.stack([known[d] for d in digests]) if digests else np.zeros((0, dimension), dtype=np.float32)


def _read_cache(cache: Path) -> dict[str, np.ndarray]:
    if not cache.is_file():
        return {}
    try:
        with np.load(cache) as data:
            return {key: data[key] for key in data.files}
    except (OSError, ValueError) as e:
        log.warning("ignoring unreadable headnote cache %s: %s", cache, e)
        return {}


def _write_cache(cache: Path, vectors: dict[str, np.ndarray]) -> None:
    temporary = cache.with_suffix(".tmp.npz")
    np.savez(temporary, **vectors)
    temporary.replace(cache)


def _bundled() -> str:
    return (
        resources.files("advisor.legal.data").joinpath("provision_keywords.json").read_text(encoding="utf-8")
    )
