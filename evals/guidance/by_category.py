"""Figures of a guidance-set run by the group an item belongs to (its id prefix: lookup,
named, about, gvt, unans), by split and language, which `advisor eval` cannot group by: the
dataset schema's `category` field only takes the unanswerable kinds.

    python evals/guidance/by_category.py evals/reports/guidance/results.jsonl

For treaty-then-guidance items (gvt) it also reports how often a treaty article is ranked
first and cited first, and how often the treaty gold is ranked above the guidance gold.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

GUIDANCE_DOCS = {
    "model-law-som",
    "legislative-guide-som",
    "issue-paper-benefit",
    "training-manual-som",
    "toolkit-som",
    "framework-som",
    "unodc-som-services",
}


def _doc(provision_id: str) -> str:
    return provision_id.split(":", 1)[0]


def _is_treaty(provision_id: str) -> bool:
    return _doc(provision_id) not in GUIDANCE_DOCS


def _mean(values: Iterable[float]) -> str:
    values = list(values)
    return f"{sum(values) / len(values):.3f}" if values else "–"


def _row(name: str, items: list[dict]) -> list[str]:
    answerable = [i for i in items if i["answerable"]]
    unanswerable = [i for i in items if not i["answerable"]]
    retrieval = [i["retrieval"] for i in answerable if i.get("retrieval")]
    return [
        name,
        str(len(items)),
        _mean(r["hit_at_1"] for r in retrieval),
        _mean(r["recall_at_5"] for r in retrieval),
        _mean(r["reciprocal_rank"] for r in retrieval),
        _mean(float(bool(i["cites_gold"])) for i in answerable),
        _mean(float(bool(i["first_cited_gold"])) for i in answerable),
        _mean(float(bool(i["evidence_quoted"])) for i in answerable),
        _mean(float(i["abstained"]) for i in answerable),
        _mean(float(i["abstained"]) for i in unanswerable),
    ]


HEADER = [
    "group",
    "n",
    "hit@1",
    "recall@5",
    "MRR",
    "cites gold",
    "first cited gold",
    "evidence quoted",
    "abstained (answerable)",
    "abstained (unanswerable)",
]


def _table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + " --- |" * len(HEADER)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def treaty_order(items: list[dict]) -> str:
    """Treaty-then-guidance items: is the binding article put before the guidance?"""
    gvt = [i for i in items if i["id"].startswith("gvt") and i.get("retrieval")]
    first_ranked = [
        float(
            bool(i["retrieval"]["ranked"])
            and _is_treaty(i["retrieval"]["ranked"][0])
            and i["retrieval"]["ranked"][0] in i["gold"]
        )
        for i in gvt
    ]
    first_cited = []
    order = []
    for i in gvt:
        cites = sorted(i.get("citations") or [], key=lambda c: c["n"])
        first_cited.append(
            float(
                bool(cites) and _is_treaty(cites[0]["provision_id"]) and cites[0]["provision_id"] in i["gold"]
            )
        )
        ranked = i["retrieval"]["ranked"]
        treaty = [ranked.index(g) for g in i["gold"] if _is_treaty(g) and g in ranked]
        guidance = [ranked.index(g) for g in i["gold"] if not _is_treaty(g) and g in ranked]
        if treaty and guidance:
            order.append(float(min(treaty) < min(guidance)))
    return (
        f"treaty-then-guidance items: {len(gvt)}; treaty gold ranked first {_mean(first_ranked)}, "
        f"cited first {_mean(first_cited)}; where both golds are in the top 5 ({len(order)} items), "
        f"treaty above guidance {_mean(order)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results", type=Path)
    args = parser.parse_args()
    items = [json.loads(line) for line in args.results.read_text(encoding="utf-8").splitlines() if line]
    for split in ("all", "tune", "validation"):
        chosen = [i for i in items if split == "all" or i["split"] == split]
        groups: dict[str, list[dict]] = defaultdict(list)
        for i in chosen:
            groups[f"category: {i['id'].split('-')[0]}"].append(i)
            groups[f"language: {i['language']}"].append(i)
        rows = [_row("all", chosen)] + [_row(k, v) for k, v in sorted(groups.items())]
        print(f"\n### {split}\n\n{_table(rows)}")
    print("\n" + treaty_order(items))
    for name in sorted({n for i in items for n in i.get("baselines") or {}}):
        print(f"\n{name}, on the same answerable items, by group and split:\n")
        for split in ("all", "tune", "validation"):
            scored = [
                i
                for i in items
                if i["answerable"] and name in i["baselines"] and (split == "all" or i["split"] == split)
            ]
            groups: dict[str, list[dict]] = defaultdict(list)
            for i in scored:
                groups[i["id"].split("-")[0]].append(i["baselines"][name])
            cells = [
                f"{g} hit@1 {_mean(r['hit_at_1'] for r in rs)} recall@5 {_mean(r['recall_at_5'] for r in rs)}"
                f" MRR {_mean(r['reciprocal_rank'] for r in rs)}"
                for g, rs in sorted(groups.items())
            ]
            print(f"- {split}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
