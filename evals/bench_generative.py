"""How the faithfulness guard treats a real (weak) local model: SmolLM2-135M through xllamacpp.

For every answerable question of a dataset, the generative pipeline answers; the script counts
the generated sentences the verifier removed and how often it fell back to the extractive
answer, and writes the sentences that survived, each beside the passage it cites, to a
Markdown file for hand-checking (a sample of 20 by default, drawn with a fixed seed).

    python evals/bench_generative.py --index index --dataset ../shared/evals/dev.jsonl \\
        --llm gguf:smollm2 --sample-out evals/reports/generative-sample.md
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from advisor.config import Settings
from advisor.models import Turn
from advisor.pipeline import Advisor
from advisor.runtime import configure_process


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    settings = Settings(index_dir=args.index, llm=args.llm)
    configure_process(settings)
    advisor = Advisor.load(settings)
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    answerable = [r for r in rows if r["answerable"]][: args.limit]
    totals = {"questions": 0, "sentences": 0, "removed": 0, "fallbacks": 0, "abstained": 0}
    survivors: list[dict] = []
    started = time.perf_counter()
    for row in answerable:
        history = [Turn(**t) for t in row.get("history", [])]
        answer = advisor.ask(row["question"], history)
        _count(answer, totals)
        survivors += _surviving(row["id"], answer)
        print(f"{row['id']}: {_status(answer)}", file=sys.stderr)
    _report(totals, time.perf_counter() - started)
    distinct = list({item["sentence"]: item for item in survivors}.values())
    sample = random.Random(args.seed).sample(distinct, min(args.sample, len(distinct)))
    args.sample_out.parent.mkdir(parents=True, exist_ok=True)
    args.sample_out.write_text(_sample_markdown(sample, args), encoding="utf-8")
    print(f"hand-check sample ({len(sample)} of {len(distinct)} distinct kept sentences): {args.sample_out}")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("index"))
    parser.add_argument("--dataset", type=Path, default=Path("../shared/evals/dev.jsonl"))
    parser.add_argument("--llm", default="gguf:smollm2")
    parser.add_argument("--limit", type=int, default=None, help="First N answerable questions only.")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sample-out", type=Path, default=Path("evals/reports/generative-sample.md"))
    return parser.parse_args(argv)


def _count(answer, totals: dict) -> None:
    totals["questions"] += 1
    if answer.abstained or answer.verification is None:
        totals["abstained"] += 1
        return
    claims = [s for s in answer.verification.sentences if s.substantive]
    totals["sentences"] += len(claims)
    totals["removed"] += answer.verification.removed
    totals["fallbacks"] += answer.verification.fell_back_to_extractive


def _surviving(question_id: str, answer) -> list[dict]:
    if answer.abstained or answer.verification is None or answer.verification.fell_back_to_extractive:
        return []
    by_n = {c.n: c for c in answer.citations}
    return [
        {
            "id": question_id,
            "question": answer.question,
            "sentence": s.text,
            "support": s.support,
            "cited": [_cited(by_n[n]) for n in s.cited if n in by_n],
        }
        for s in answer.verification.sentences
        if s.supported and s.substantive
    ]


def _cited(citation) -> str:
    where = ", ".join(p for p in (citation.title, citation.provision) if p)
    return f"{where}: {citation.quote}"


def _status(answer) -> str:
    if answer.abstained:
        return "abstained"
    v = answer.verification
    return f"{v.removed} removed, fallback={v.fell_back_to_extractive}"


def _report(totals: dict, seconds: float) -> None:
    kept = totals["sentences"] - totals["removed"]
    share = totals["removed"] / totals["sentences"] if totals["sentences"] else 0.0
    answered = totals["questions"] - totals["abstained"]
    print(f"questions answered generatively   {answered} of {totals['questions']}")
    print(f"generated sentences (claims)      {totals['sentences']}")
    print(f"removed by the verifier           {totals['removed']} ({share:.1%})")
    print(f"kept                              {kept}")
    print(f"fell back to the extractive answer {totals['fallbacks']}")
    print(f"wall time                         {seconds:.0f} s")


def _sample_markdown(sample: list[dict], args: argparse.Namespace) -> str:
    lines = [
        f"# Hand-check sample: sentences SmolLM2 wrote that the verifier kept ({args.llm})",
        "",
        "Verdict column filled in by hand: supported / partly / not supported.",
        "",
    ]
    for i, item in enumerate(sample, start=1):
        lines += [
            f"## {i}. {item['id']} — {item['question']}",
            "",
            f"**Sentence** (support {item['support']}): {item['sentence']}",
            "",
        ]
        lines += [f"> {quote}" for quote in item["cited"]] + ["", "**Verdict:** ", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
