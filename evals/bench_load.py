"""Load benchmark of the HTTP service: concurrent clients asking questions for a fixed time.

Starts a real `advisor serve` on a free loopback port against `--index` (or targets `--url`),
then, for each of `--clients` in turn (one server for all), runs that many threads, each with
its own HTTP connection, posting the questions of `--questions` (cycled, each client starting
at a different one) to POST /ask for `--seconds`. Prints requests/s, latency percentiles, 5xx
responses and other errors (4xx, timeouts) and, for a server it started, the server process's
CPU time (user + system, all its threads) per request; then one Markdown table of every run.

    .venv/bin/python evals/bench_load.py --index /tmp/idx-server --clients 1 8 16 --seconds 60
    .venv/bin/python evals/bench_load.py --url http://127.0.0.1:8000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import cycle, islice
from pathlib import Path

import httpx
from serving import Served, ServerFailed, advisor_server

REPO = Path(__file__).resolve().parents[1]
DEFAULT_QUESTIONS = REPO.parent / "shared" / "evals" / "dev.jsonl"


@dataclass
class Tally:
    """What the clients saw; appended to from several threads (list.append is atomic)."""

    latencies_s: list[float] = field(default_factory=list)
    server_errors: list[int] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadRun:
    """One run's figures; `cpu_s` is the server's CPU over the run, None for a `--url` target."""

    clients: int
    tally: Tally
    elapsed_s: float
    cpu_s: float | None


def main() -> None:
    args = _arguments()
    questions = [
        json.loads(line)["question"] for line in args.questions.read_text().splitlines() if line.strip()
    ]
    runs = []
    with _target(args) as served:
        for clients in args.clients:
            before = _cpu_seconds(served.pid)
            tally, elapsed = run_load(served.url, questions, clients, args.seconds)
            after = _cpu_seconds(served.pid)
            cpu = after - before if before is not None and after is not None else None
            runs.append(LoadRun(clients, tally, elapsed, cpu))
            print(report(tally, elapsed, clients, len(questions), cpu), flush=True)
    print(markdown_table(runs))


def run_load(url: str, questions: list[str], clients: int, seconds: float) -> tuple[Tally, float]:
    """`clients` threads posting to /ask until `seconds` have passed."""
    tally = Tally()
    started = time.perf_counter()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=_client,
            args=(url, questions[i % len(questions) :] + questions[: i % len(questions)], deadline, tally),
        )
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def _client(url: str, questions: list[str], deadline: float, tally: Tally) -> None:
    with httpx.Client(base_url=url, timeout=120) as http:
        for question in cycle(questions):
            if time.perf_counter() >= deadline:
                return
            sent = time.perf_counter()
            try:
                response = http.post("/ask", json={"question": question})
            except httpx.HTTPError as e:
                tally.other_errors.append(f"{type(e).__name__}: {e}")
                continue
            if response.status_code >= 500:
                tally.server_errors.append(response.status_code)
            elif response.status_code != 200:
                tally.other_errors.append(f"{response.status_code}: {response.text[:200]}")
            else:
                tally.latencies_s.append(time.perf_counter() - sent)


def report(tally: Tally, elapsed: float, clients: int, questions: int, cpu_s: float | None = None) -> str:
    done = tally.latencies_s
    total = len(done) + len(tally.server_errors) + len(tally.other_errors)
    lines = [
        f"clients: {clients}   duration: {elapsed:.1f} s   questions in rotation: {questions}",
        f"requests: {total}   answered (200): {len(done)}   throughput: {total / elapsed:.2f} requests/s",
    ]
    if done:
        ms = sorted(1000 * s for s in done)
        lines.append(
            f"latency ms: p50 {_percentile(ms, 50):.0f}   p95 {_percentile(ms, 95):.0f}   "
            f"p99 {_percentile(ms, 99):.0f}   max {ms[-1]:.0f}   mean {statistics.fmean(ms):.0f}"
        )
    if cpu_s is not None and total:
        lines.append(f"server CPU: {cpu_s:.1f} s   per request {1000 * cpu_s / total:.1f} ms")
    lines.append(f"5xx responses: {len(tally.server_errors)}   other errors: {len(tally.other_errors)}")
    lines += [f"  {e}" for e in islice(dict.fromkeys(tally.other_errors), 5)]
    return "\n".join(lines)


def markdown_table(runs: list[LoadRun]) -> str:
    rows = [
        "| clients | requests | requests/s | p50 ms | p95 ms | p99 ms | errors (5xx / other) "
        "| server CPU ms per request |",
        "|" + " --- |" * 8,
    ]
    for run in runs:
        ms = sorted(1000 * s for s in run.tally.latencies_s) or [float("nan")]
        total = len(run.tally.latencies_s) + len(run.tally.server_errors) + len(run.tally.other_errors)
        cpu = f"{1000 * run.cpu_s / total:.1f}" if run.cpu_s is not None and total else "n/a"
        rows.append(
            f"| {run.clients} | {total} | {total / run.elapsed_s:.2f} | {_percentile(ms, 50):.0f} "
            f"| {_percentile(ms, 95):.0f} | {_percentile(ms, 99):.0f} "
            f"| {len(run.tally.server_errors)} / {len(run.tally.other_errors)} | {cpu} |"
        )
    return "\n".join(rows)


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU of process `pid` and all its threads so far (Linux /proc); None when
    the server is not ours to read."""
    if pid is None:
        return None
    # Fields 14 and 15 (utime, stime) follow the parenthesised command name, which may hold spaces.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile: the value below which `pct`% of the observations fall."""
    rank = max(1, round(pct / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


@contextmanager
def _target(args: argparse.Namespace) -> Iterator[Served | _Remote]:
    if args.url:
        yield _Remote(args.url.rstrip("/"))
        return
    with tempfile.TemporaryDirectory() as scratch:
        try:
            with advisor_server(args.index, Path(scratch) / "serve.log") as served:
                yield served
        except ServerFailed as e:
            sys.exit(str(e))


@dataclass(frozen=True)
class _Remote:
    """A server given by URL: its process is not ours, so its CPU is not measured."""

    url: str
    pid: None = None


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="A running server, e.g. http://127.0.0.1:8000.")
    where.add_argument("--index", type=Path, help="Start `advisor serve` on this index.")
    parser.add_argument(
        "--questions", type=Path, default=DEFAULT_QUESTIONS, help="JSONL with a 'question' field."
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[8], help="One run per count.")
    parser.add_argument("--seconds", type=float, default=30.0)
    return parser.parse_args()


if __name__ == "__main__":
    main()
