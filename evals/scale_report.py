"""The scale curve's report: one table and one figure from the figures `bench_scale.py` keeps.

The analysis under `ANALYSIS_MARKER` is written by a person reading the figures; rewriting the
report replaces what is above the marker and keeps what is below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

ANALYSIS_MARKER = "<!-- analysis: kept when the report is rewritten -->"

_METHOD = """\
# Scale curve: 1×, 10×, 100× the shared corpus

Produced by `PYTHONPATH=. .venv/bin/python evals/bench_scale.py --source corpus/files`.
A corpus of scale k is the shared corpus once plus k − 1 look-alikes of each of its Markdown
documents (`evals/synthetic_corpus.py`: the same outline of chapters, articles and paragraph
lengths, every heading and paragraph recombined from clauses of the whole corpus, new titles
and article numbers), so no chunk is a duplicate. A look-alike paragraph is filled with whole
clauses until it reaches its model's length, so it runs about 1.3× longer: a corpus of scale k
has somewhat more than k × the real 1,131 chunks (10×: 13,238, i.e. 11.7×).

**The multilingual embedder is off** (`ADVISOR_MULTILINGUAL_MODEL=""`) for ingest and questions:
e5 at ~4 chunks/s would need about 8 hours for 100×. English embedder: ONNX int8 MiniLM (the
default). Ingest is `advisor ingest` in a fresh process (wall time, model load included);
questions are the first {questions} of `../shared/evals/dev.jsonl`, asked once each after {warm}
warm-up questions in a fresh process that has just run `Advisor.load`, with the question cache
off. RSS is the process's resident memory right after load; peak is its high-water mark after
the questions. The machine has 2 cores, shared with another engineer's jobs during some runs:
"load avg" is the 5-minute load average as the ingest ended (this bench alone keeps it near 2;
more means the cores were shared and times are inflated).
"""


@dataclass(frozen=True)
class ScaleResult:
    scale: int
    documents: int
    documents_indexed: int
    chunks: int
    ingest_s: float
    ingest_finished: bool
    index_mb: float
    chroma_mb: float
    load_s: float
    rss_mb: float
    peak_rss_mb: float
    p50_ms: float
    p95_ms: float
    cpu_p50_ms: float
    questions: int
    #: 5-minute load average when ingest ended; above ~2 the 2 cores were shared with other jobs.
    load_average: float = 0.0


def write_report(results: list[ScaleResult], out: Path, warm: int = 3) -> None:
    """Table into `out`, figure beside it (same name, .png), the analysis below the marker kept."""
    kept = ""
    if out.exists() and ANALYSIS_MARKER in out.read_text(encoding="utf-8"):
        kept = out.read_text(encoding="utf-8").split(ANALYSIS_MARKER, 1)[1]
    questions = results[0].questions if results else 0
    figure = out.with_suffix(".png")
    text = "\n".join(
        [
            _METHOD.format(questions=questions, warm=warm),
            table(results),
            "",
            f"![scale curve]({figure.name})",
            "",
            ANALYSIS_MARKER,
        ]
    )
    out.write_text(text + (kept or "\n"), encoding="utf-8")
    if results:
        scale_figure(results).savefig(figure, dpi=110, bbox_inches="tight")


def table(results: list[ScaleResult]) -> str:
    header = (
        "| scale | documents | chunks | ingest s | chunks/s | index MB (Chroma) | load s "
        "| RSS after load MB | peak RSS MB | p50 ms | p95 ms | CPU p50 ms | load avg |"
    )
    rows = [header, "|" + " --- |" * 13]
    for r in results:
        ingest = f"{r.ingest_s:.0f}" if r.ingest_finished else f"stopped at {r.ingest_s:.0f}"
        indexed = f"{r.documents_indexed} of {r.documents}" if not r.ingest_finished else str(r.documents)
        rows.append(
            f"| {r.scale}× | {indexed} | {r.chunks:,} | {ingest} | {r.chunks / r.ingest_s:.1f} "
            f"| {r.index_mb:.0f} ({r.chroma_mb:.0f}) | {r.load_s:.1f} | {r.rss_mb:.0f} "
            f"| {r.peak_rss_mb:.0f} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | {r.cpu_p50_ms:.1f} "
            f"| {r.load_average:.1f} |"
        )
    return "\n".join(rows)


def scale_figure(results: list[ScaleResult]) -> Figure:
    """Latency, memory and load time against chunks indexed, log-log."""
    chunks = [r.chunks for r in results]
    figure = Figure(figsize=(11, 3.4))
    latency, memory, times = figure.subplots(1, 3)
    latency.plot(chunks, [r.p50_ms for r in results], "o-", label="p50")
    latency.plot(chunks, [r.p95_ms for r in results], "s--", label="p95")
    latency.set(title="per question (wall ms)", ylabel="ms")
    memory.plot(chunks, [r.rss_mb for r in results], "o-", label="RSS after load")
    memory.plot(chunks, [r.index_mb for r in results], "s--", label="index on disk")
    memory.set(title="memory and disk (MB)", ylabel="MB")
    times.plot(chunks, [r.ingest_s for r in results], "o-", label="ingest")
    times.plot(chunks, [r.load_s for r in results], "s--", label="Advisor.load")
    times.set(title="ingest and load (s)", ylabel="s")
    for axes in (latency, memory, times):
        axes.set(xscale="log", yscale="log", xlabel="chunks indexed")
        axes.grid(True, which="both", alpha=0.3)
        axes.legend()
    figure.tight_layout()
    return figure
