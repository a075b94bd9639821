"""Ingestion benchmark: cold-start cost, re-ingest cost, and what a SIGKILL leaves behind.

Every figure comes from `advisor ingest` run as a user runs it (a fresh process, so the model
load is included); counts are read from the index itself (catalog SQLite and Chroma), not from
the command's output, except "embeddings computed", which only the summary line reports.

The embed+store phase is timed by polling the catalog while the cold ingest runs: documents
are committed one by one, each as soon as it is read, chunked and embedded, so the chunks
committed between the first and the last commit, over the time between them, is the rate at
which chunks are read, embedded and written (the first document's own work is left out).

    .venv/bin/python evals/bench_ingest.py --corpus ../shared/corpus
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.store import open_store

#: How often the catalog is polled while an ingest runs.
POLL_SECONDS = 0.05
_EMBEDDED = re.compile(r"(\d+)\s+embeddings\s+computed")


@dataclass
class Run:
    """One `advisor ingest` process: its wall time, output, and when documents were committed."""

    seconds: float
    returncode: int
    stdout: str
    stderr: str
    #: (seconds since start, documents committed, chunks committed) at each change seen.
    commits: list[tuple[float, int, int]] = field(default_factory=list)
    killed: bool = False

    @property
    def embeddings_computed(self) -> int | None:
        found = _EMBEDDED.search(self.stdout)
        return int(found.group(1)) if found else None


@dataclass(frozen=True)
class IndexState:
    documents: int
    catalog_ids: frozenset[str]
    chroma_ids: frozenset[str]


def committed(index: Path) -> tuple[int, int]:
    """(documents, chunks) the catalog lists right now; (0, 0) before it exists."""
    try:
        with sqlite3.connect(index / "catalog.sqlite", timeout=1) as db:
            row = db.execute("SELECT COUNT(*), COALESCE(SUM(chunk_count), 0) FROM documents").fetchone()
    except sqlite3.OperationalError:
        return (0, 0)  # no catalog file or schema yet
    return (int(row[0]), int(row[1]))


def run_ingest(corpus: Path, index: Path, kill_after_docs: int | None = None) -> Run:
    """Run `advisor ingest` to the end, or SIGKILL it once `kill_after_docs` are committed."""
    command = [sys.executable, "-m", "advisor", "ingest", str(corpus), "--index", str(index)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, text=True)
        commits, killed = _watch(process, index, started, kill_after_docs)
        seconds = time.perf_counter() - started
        out.seek(0), err.seek(0)
        return Run(seconds, process.returncode, out.read(), err.read(), commits, killed)


def _watch(
    process: subprocess.Popen[str], index: Path, started: float, kill_after_docs: int | None
) -> tuple[list[tuple[float, int, int]], bool]:
    commits: list[tuple[float, int, int]] = []
    while True:
        running = process.poll() is None
        documents, chunks = committed(index)
        if not commits or commits[-1][1] != documents:
            commits.append((time.perf_counter() - started, documents, chunks))
        if not running:
            return commits, False
        if kill_after_docs is not None and documents >= kill_after_docs:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return commits, True
        time.sleep(POLL_SECONDS)


def index_state(index: Path) -> IndexState:
    """What the catalog and Chroma hold; Chroma's client cache is dropped so that a later call
    sees what another process wrote since."""
    from chromadb.api.client import SharedSystemClient

    settings = Settings(index_dir=index)
    catalog = Catalog.open_existing(settings.catalog_path)
    try:
        chroma_ids = open_store(settings).ids()
    finally:
        SharedSystemClient.clear_system_cache()
    return IndexState(len(catalog.documents()), frozenset(catalog.chunk_ids()), frozenset(chroma_ids))


def embed_phase_rate(run: Run) -> tuple[float, int] | None:
    """(chunks/s, chunks timed) between the first and the last document commit."""
    firsts = [c for c in run.commits if c[1] > 0]
    if len(firsts) < 2 or firsts[-1][0] <= firsts[0][0]:
        return None
    chunks = firsts[-1][2] - firsts[0][2]
    return chunks / (firsts[-1][0] - firsts[0][0]), chunks


def show(label: str, value: object) -> None:
    print(f"{label:<42} {value}", flush=True)


def bench_cold(corpus: Path, index: Path) -> IndexState:
    run = run_ingest(corpus, index)
    if run.returncode != 0:
        raise SystemExit(f"cold ingest failed ({run.returncode}):\n{run.stderr[-2000:]}")
    state = index_state(index)
    chunks = len(state.catalog_ids)
    first_commit = next((c[0] for c in run.commits if c[1] > 0), float("nan"))
    show("cold ingest, wall (process start to exit)", f"{run.seconds:.1f} s")
    show("documents", state.documents)
    show("chunks written (catalog / Chroma)", f"{chunks} / {len(state.chroma_ids)}")
    show("embeddings computed", run.embeddings_computed)
    show("throughput end to end", f"{chunks / run.seconds:.1f} chunks/s")
    rate = embed_phase_rate(run)
    show(
        "throughput embed+store phase",
        f"{rate[0]:.1f} chunks/s ({rate[1]} chunks timed)" if rate else "n/a (too few commits)",
    )
    show("start to first committed document", f"{first_commit:.1f} s (model load, read, chunk)")
    return state


def bench_reingest(corpus: Path, index: Path, before: IndexState) -> bool:
    run = run_ingest(corpus, index)
    after = index_state(index)
    unchanged = after == before and run.returncode == 0
    ok = run.embeddings_computed == 0 and unchanged
    show("re-ingest unchanged corpus, wall", f"{run.seconds:.1f} s")
    show("re-ingest embeddings computed (must be 0)", run.embeddings_computed)
    show("re-ingest leaves the index as it was", "yes" if unchanged else "NO")
    return ok


def bench_sigkill(corpus: Path, index: Path, clean: IndexState, after_docs: int) -> bool:
    killed = run_ingest(corpus, index, kill_after_docs=after_docs)
    if not killed.killed:
        show(f"SIGKILL after {after_docs} documents", "NOT INTERRUPTED (finished first)")
        return False
    at_kill = index_state(index)
    orphans = len(at_kill.chroma_ids - at_kill.catalog_ids)
    show(
        f"SIGKILL after {after_docs} documents",
        f"at {killed.seconds:.1f} s: {at_kill.documents} documents, {len(at_kill.catalog_ids)} "
        f"chunks in catalog, {len(at_kill.chroma_ids)} vectors in Chroma ({orphans} orphans)",
    )
    rerun = run_ingest(corpus, index)
    final = index_state(index)
    show(
        "re-run after SIGKILL, wall",
        f"{rerun.seconds:.1f} s, exit {rerun.returncode}, {rerun.embeddings_computed} embeddings computed",
    )
    checks = {
        "chunk count (vs clean)": len(final.catalog_ids) == len(clean.catalog_ids),
        "chunk ids, catalog (vs clean)": final.catalog_ids == clean.catalog_ids,
        "chunk ids, Chroma (vs clean)": final.chroma_ids == clean.chroma_ids,
        "Chroma ids == catalog ids": final.chroma_ids == final.catalog_ids,
    }
    show("chunk count (re-run / clean)", f"{len(final.catalog_ids)} / {len(clean.catalog_ids)}")
    for label, same in checks.items():
        show(label, "MATCH" if same else "MISMATCH")
    verdict = rerun.returncode == 0 and all(checks.values())
    show("SIGKILL check", "MATCH" if verdict else "MISMATCH")
    return verdict


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=Path("../shared/corpus"),
        help="Folder to ingest (default ../shared/corpus).",
    )
    parser.add_argument(
        "--index",
        type=Path,
        default=None,
        help="Work directory for the indexes (default: a temp dir, removed after).",
    )
    parser.add_argument(
        "--kill-after-docs",
        type=int,
        default=3,
        help="SIGKILL the interrupted ingest once this many documents are committed.",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        raise SystemExit(f"no corpus folder at {corpus}")
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        work = (args.index or Path(scratch)).resolve()
        clean_index, killed_index = work / "clean", work / "killed"
        if any(p.exists() and any(p.iterdir()) for p in (clean_index, killed_index)):
            raise SystemExit(f"{work} already holds clean/ or killed/ indexes: give an empty --index")
        show("corpus", corpus)
        show("indexes under", work)
        clean = bench_cold(corpus, clean_index)
        reingest_ok = bench_reingest(corpus, clean_index, clean)
        sigkill_ok = bench_sigkill(corpus, killed_index, clean, args.kill_after_docs)
    return 0 if reingest_ok and sigkill_ok else 1


if __name__ == "__main__":
    sys.exit(main())
