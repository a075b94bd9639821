"""Guidance at scale: ~2,000 pages of look-alike UNODC guidance, ingested, re-ingested, asked.

Builds the guidance look-alikes (`tests/data/guidance/build.py`) at `--scale` (44 gives about
2,000 pages), then, each in a fresh process as a user would run them:
1. a cold `advisor ingest` (English embedder; `--multilingual` adds the e5 pass): seconds,
   chunks per second and the ingest process's peak RSS;
2. the same command again on the unchanged files: what a nightly re-run costs;
3. the advisor loaded on that index, asked `--questions` warm: p50/p95 per question.
Prints the figures and writes them as Markdown to `--out`.

    PYTHONPATH=. .venv/bin/python evals/bench_guidance_scale.py --scale 44
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench_ingest import committed
from bench_scale import _measure_in_subprocess, _percentile, disk_mb
from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.data.guidance.build import build_all  # noqa: E402

#: Practitioner questions over the look-alikes' topics (not their words), for timing only.
DEFAULT_QUESTIONS = REPO / "evals" / "guidance"


@dataclass(frozen=True)
class Ingested:
    seconds: float
    chunks: int
    peak_rss_mb: float


def run_ingest(corpus: Path, index: Path, multilingual: bool) -> Ingested:
    """One `advisor ingest` in a fresh process; its own peak RSS from wait4's rusage."""
    command = [sys.executable, "-m", "advisor", "ingest", str(corpus), "--index", str(index)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if not multilingual:
        env["ADVISOR_MULTILINGUAL_MODEL"] = ""
    started = time.perf_counter()
    with (index.parent / f"{index.name}-ingest.log").open("a") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"ingest of {corpus} failed: see {log.name}")
    return Ingested(seconds, committed(index)[1], usage.ru_maxrss / 1024)


def page_count(corpus: Path) -> int:
    return sum(len(PdfReader(path).pages) for path in corpus.glob("*.pdf"))


def question_file(path: Path) -> Path:
    """A JSONL file of questions: `path` itself, or the first one in that folder."""
    if path.is_dir():
        found = sorted(path.glob("*.jsonl"))
        if not found:
            raise SystemExit(f"no *.jsonl questions in {path}")
        return found[0]
    return path


def report(figures: dict[str, float | int | str]) -> str:
    rows = "\n".join(f"| {name} | {value} |" for name, value in figures.items())
    return (
        "# Guidance look-alikes at scale\n\n"
        "Measured by `evals/bench_guidance_scale.py` on this machine (2 cores); each step a fresh "
        "process.\n\n| figure | value |\n| --- | --- |\n" + rows + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--scale", type=int, default=44, help="look-alike body repetitions (44: ~2,000 pages)"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-guidance"))
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--count", type=int, default=30, help="questions timed")
    parser.add_argument("--multilingual", action="store_true", help="also compute the e5 vectors")
    parser.add_argument("--out", type=Path, default=REPO / "evals" / "reports" / "guidance-scale.md")
    args = parser.parse_args()
    corpus, index = args.work / f"corpus-{args.scale}x", args.work / f"index-{args.scale}x"
    shutil.rmtree(index, ignore_errors=True)
    build_all(corpus, args.scale)
    pages = page_count(corpus)
    print(f"{pages} pages in {corpus}; ingesting", flush=True)
    cold = run_ingest(corpus, index, args.multilingual)
    print(f"cold ingest {cold.seconds:.0f} s, {cold.chunks} chunks", flush=True)
    again = run_ingest(corpus, index, args.multilingual)
    print(f"re-ingest unchanged {again.seconds:.1f} s", flush=True)
    query = _measure_in_subprocess(index, question_file(args.questions), args.count)
    figures = {
        "scale": args.scale,
        "pages": pages,
        "chunks": cold.chunks,
        "cold ingest (s)": round(cold.seconds, 1),
        "chunks per second": round(cold.chunks / cold.seconds, 1),
        "ingest peak RSS (MB)": round(cold.peak_rss_mb),
        "re-ingest, unchanged (s)": round(again.seconds, 1),
        "index on disk (MB)": round(disk_mb(index)),
        "advisor load (s)": round(query.load_s, 1),
        "RSS after load (MB)": round(query.rss_mb),
        "question p50 (ms)": round(statistics.median(query.wall_ms), 1),
        "question p95 (ms)": round(_percentile(query.wall_ms, 95), 1),
        "questions timed": len(query.wall_ms),
        "multilingual vectors": "yes" if args.multilingual else "no (English embedder only)",
        "load average (5 min)": round(os.getloadavg()[1], 2),
    }
    print(json.dumps(figures, indent=1))
    args.out.write_text(report(figures), encoding="utf-8")
    print(f"report: {args.out}")


if __name__ == "__main__":
    main()
