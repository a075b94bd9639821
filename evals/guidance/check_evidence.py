"""Check the guidance question set against an index: every gold evidence span must lie in its
unit's indexed text (`evidence_in_corpus`, the test `advisor eval` applies), and should lie in
that unit only, since the look-alike fixtures reuse sentences across many units and a shared
span cannot tell a correct citation from a wrong one.

    PYTHONPATH=. python evals/guidance/check_evidence.py evals/guidance --index index-guidance

Prints one line per gold provision that fails either check and a count; exits 1 when any
span is not in its unit.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from advisor.evaluation.citations import SourceTexts, evidence_in_corpus
from advisor.evaluation.dataset import load_dataset
from advisor.index.catalog import Catalog


def _words(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def unit_texts(catalog: Catalog) -> dict[tuple[str, str], str]:
    """Each (doc, article) of the main text as its own segments joined, in words: a unit's
    segments need not be contiguous (a footnote printed inside the next unit), so a span
    from the first to the last offset would lend a unit its neighbour's sentences."""
    parts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for record in catalog.documents():
        text, _ = catalog.text_of(record.doc_id)
        for s in catalog.segments_of(record.doc_id):
            if not s.annex:
                parts[(record.doc_id, s.article)].append(_words(text[s.start : s.end]))
    return {key: f" {' '.join(words)} " for key, words in parts.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()

    catalog = Catalog(args.index / "catalog.sqlite")
    sources = SourceTexts(catalog)
    units = unit_texts(catalog)
    items = load_dataset(args.dataset)
    provisions = [(item, p) for item in items for p in item.gold]
    missing, shared = [], []
    for item, p in provisions:
        if not evidence_in_corpus([p], sources):
            reason = "no such unit in the index" if (p.doc, p.article) not in units else "span not in unit"
            missing.append(item.id)
            print(f"NOT IN UNIT  {item.id}  {p.doc}:{p.article}  ({reason})")
        span = f" {_words(p.evidence)} "
        holders = [f"{d}:{a}" for (d, a), words in units.items() if span in words]
        if len(holders) != 1 or holders[0] != f"{p.doc}:{p.article}":
            shared.append(item.id)
            print(f"NOT UNIQUE   {item.id}  {p.doc}:{p.article}  found in {holders or 'no unit'}")
    print(
        f"{len(items)} items, {len(provisions)} gold provisions: "
        f"{len(missing)} provisions in {len(set(missing))} items not in their unit, "
        f"{len(shared)} whose span is not in exactly that one unit"
    )
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
