"""Loader benchmark: how long reading the corpus PDFs takes, per document and in all.

The test suite checks what the PDF loader reads; how fast it reads is a figure for this script,
not a test assertion (timings depend on the machine and on what else it is running). The
README's expectation is "a few seconds" for the whole set (~240 pages).

    .venv/bin/python evals/bench_loaders.py --corpus ../shared/corpus
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from advisor.ingest.loaders import load_document

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = parser.parse_args(argv)
    pdfs = sorted(args.corpus.glob("*.pdf"))
    if not pdfs:
        parser.error(f"no PDF in {args.corpus}")
    total_pages, total_s = 0, 0.0
    print(f"{'document':<28} {'pages':>5} {'seconds':>8} {'pages/s':>8}")
    for pdf in pdfs:
        started = time.perf_counter()
        pages = load_document(pdf).page_count
        seconds = time.perf_counter() - started
        total_pages, total_s = total_pages + pages, total_s + seconds
        print(f"{pdf.stem:<28} {pages:>5} {seconds:>8.2f} {pages / seconds:>8.0f}")
    print(f"{'all':<28} {total_pages:>5} {total_s:>8.2f} {total_pages / total_s:>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
