"""Scale curve: what ingest, disk, memory and a question cost at 1×, 10× and 100× the corpus.

For each `--scale` k, builds the corpus of k × `--source` (the real documents once, k − 1
look-alikes of each: `synthetic_corpus.py`), ingests it with `advisor ingest` in a fresh
process with the multilingual embedder off (at ~4 chunks/s it would take days at 100×), then,
in another fresh process, loads `Advisor` and asks `--questions` (warm, question cache off, so
every question is embedded): load time, RSS after load, p50/p95 per question. Each scale's
figures are kept as JSON in `--work`, so a scale measured once is not measured again and the
report can be rewritten (`--report-only`). An ingest stopped by `--ingest-limit-s` is reported
as such, with the chunks it committed and its rate; its questions are timed on what it wrote.

    PYTHONPATH=. .venv/bin/python evals/bench_scale.py --source corpus/files --scale 1 10 100
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bench_ingest import committed
from scale_report import ScaleResult, write_report
from synthetic_corpus import build_corpus

REPO = Path(__file__).resolve().parents[1]
DEFAULT_QUESTIONS = REPO.parent / "shared" / "evals" / "dev.jsonl"
POLL_SECONDS = 1.0
#: Questions asked (and not timed) before timing starts: first-call costs are not per question.
WARM_UP = 3


@dataclass(frozen=True)
class IngestRun:
    seconds: float
    documents: int
    chunks: int
    finished: bool


@dataclass(frozen=True)
class QueryRun:
    load_s: float
    rss_mb: float
    peak_rss_mb: float
    wall_ms: list[float]
    cpu_ms: list[float]


def ingest(corpus: Path, index: Path, limit_s: float | None) -> IngestRun:
    """`advisor ingest` as a user runs it, English embedder only; SIGKILLed after `limit_s`
    (ingest survives that by design: what it committed stays consistent)."""
    command = [sys.executable, "-m", "advisor", "ingest", str(corpus), "--index", str(index)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "ADVISOR_MULTILINGUAL_MODEL": ""}
    started = time.perf_counter()
    with (index.parent / f"{index.name}-ingest.log").open("w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        while process.poll() is None:
            if limit_s is not None and time.perf_counter() - started > limit_s:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()
                break
            time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    finished = process.returncode == 0
    if not finished and limit_s is None:
        raise SystemExit(f"ingest of {corpus} failed ({process.returncode}): see {log.name}")
    documents, chunks = committed(index)
    return IngestRun(seconds, documents, chunks, finished)


def measure_queries(index: Path, questions: list[str]) -> QueryRun:
    """In this process: load the advisor on `index`, then time each question once."""
    from advisor.config import Settings
    from advisor.pipeline import Advisor
    from advisor.runtime import configure_process

    settings = Settings(index_dir=index, multilingual_model="", query_cache_size=0)
    configure_process(settings)
    started = time.perf_counter()
    advisor = Advisor.load(settings)
    load_s = time.perf_counter() - started
    rss_mb = _rss_mb()
    for question in questions[:WARM_UP]:
        advisor.ask(question)
    wall_ms, cpu_ms = [], []
    for question in questions:
        wall, cpu = time.perf_counter(), time.process_time()
        advisor.ask(question)
        wall_ms.append(1000 * (time.perf_counter() - wall))
        cpu_ms.append(1000 * (time.process_time() - cpu))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return QueryRun(load_s, rss_mb, peak_mb, wall_ms, cpu_ms)


def _rss_mb() -> float:
    """Resident memory of this process now (Linux: /proc/self/statm counts pages)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def disk_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def run_scale(scale: int, args: argparse.Namespace) -> ScaleResult:
    corpus, index = args.work / f"corpus-{scale}x", args.work / f"index-{scale}x"
    documents = build_corpus(args.source, corpus, scale)
    print(f"{scale}x: {documents} documents in {corpus}; ingesting", flush=True)
    run = ingest(corpus, index, args.ingest_limit_s)
    busy = os.getloadavg()[1]  # the 5-minute load as ingest ends: was the machine shared?
    print(f"{scale}x: ingest {run.seconds:.0f} s, {run.chunks} chunks, finished={run.finished}", flush=True)
    query = _measure_in_subprocess(index, args.questions, args.count)
    return ScaleResult(
        scale=scale,
        documents=documents,
        documents_indexed=run.documents,
        chunks=run.chunks,
        ingest_s=run.seconds,
        ingest_finished=run.finished,
        index_mb=disk_mb(index),
        chroma_mb=disk_mb(index / "chroma"),
        load_s=query.load_s,
        rss_mb=query.rss_mb,
        peak_rss_mb=query.peak_rss_mb,
        p50_ms=statistics.median(query.wall_ms),
        p95_ms=_percentile(query.wall_ms, 95),
        cpu_p50_ms=statistics.median(query.cpu_ms),
        questions=len(query.wall_ms),
        load_average=busy,
    )


def _measure_in_subprocess(index: Path, questions: Path, count: int) -> QueryRun:
    """A fresh process per index, so RSS is that index's alone."""
    command = [sys.executable, __file__, "--measure", str(index), "--questions", str(questions)]
    command += ["--count", str(count)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"measuring {index} failed:\n{done.stderr[-3000:]}")
    return QueryRun(**json.loads(done.stdout.strip().splitlines()[-1]))


def _percentile(values: list[float], pct: float) -> float:
    """Nearest rank, as evals/bench_load.py reports it."""
    ranked = sorted(values)
    return ranked[min(len(ranked), max(1, round(pct / 100 * len(ranked)))) - 1]


def read_questions(path: Path, count: int) -> list[str]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line)["question"] for line in lines[:count]]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=REPO / "corpus" / "files")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-scale"))
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--count", type=int, default=30, help="Questions timed (the file's first).")
    parser.add_argument("--ingest-limit-s", type=float, default=None, help="Stop an ingest after this.")
    parser.add_argument("--out", type=Path, default=REPO / "evals" / "reports" / "scale.md")
    parser.add_argument("--report-only", action="store_true", help="Rewrite the report from --work.")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # the child process's mode
    return parser.parse_args()


def main() -> None:
    args = _arguments()
    if args.measure:
        print(json.dumps(asdict(measure_queries(args.measure, read_questions(args.questions, args.count)))))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    for scale in [] if args.report_only else args.scale:
        saved = args.work / f"result-{scale}x.json"
        if saved.exists():
            print(f"{scale}x: measured before ({saved}); delete it to measure again")
            continue
        saved.write_text(json.dumps(asdict(run_scale(scale, args)), indent=1))
    results = [ScaleResult(**json.loads(p.read_text())) for p in sorted(args.work.glob("result-*x.json"))]
    write_report(sorted(results, key=lambda r: r.scale), args.out)
    print(f"report: {args.out}")


if __name__ == "__main__":
    main()
