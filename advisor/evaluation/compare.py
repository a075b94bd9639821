"""`advisor eval compare A/summary.json B/summary.json`: what changed between two runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table

from advisor.errors import DatasetError

#: Sections compared; run metadata, judge bookkeeping and per-type tables are left out.
SECTIONS = ("retrieval", "citations", "faithfulness", "abstention", "latency_ms", "ragas", "baselines")
#: Figures where a fall is an improvement.
LOWER_IS_BETTER = ("latency_ms.",)


@dataclass(frozen=True)
class Delta:
    metric: str
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before

    @property
    def better(self) -> bool | None:
        change = self.change
        if not change:
            return None
        return (change < 0) if self.metric.startswith(LOWER_IS_BETTER) else (change > 0)


def load_summary(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise DatasetError(f"cannot read summary {path}: {e.strerror}") from e
    except json.JSONDecodeError as e:
        raise DatasetError(f"summary {path} is not valid JSON ({e.msg})") from e
    if not isinstance(data, dict) or "retrieval" not in data:
        raise DatasetError(f"{path} is not an `advisor eval` summary.json")
    return data


def flatten(node: Any, prefix: str = "") -> dict[str, float | None]:
    """Numeric leaves by dotted path ("retrieval.mrr"); None leaves are kept as unmeasured."""
    if isinstance(node, dict):
        flat: dict[str, float | None] = {}
        for key, value in node.items():
            flat.update(flatten(value, f"{prefix}{key}."))
        return flat
    if node is None:
        return {prefix.rstrip("."): None}
    if isinstance(node, int | float) and not isinstance(node, bool):
        return {prefix.rstrip("."): float(node)}
    return {}


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[Delta]:
    a = flatten({s: before.get(s) for s in SECTIONS if s in before})
    b = flatten({s: after.get(s) for s in SECTIONS if s in after})
    return [Delta(metric, a.get(metric), b.get(metric)) for metric in dict.fromkeys([*a, *b])]


def comparison_table(deltas: list[Delta], before: str, after: str, changed_only: bool = False) -> Table:
    table = Table("metric", before, after, "Δ", title="advisor eval compare")
    for d in deltas:
        if changed_only and not d.change:
            continue
        colour = {True: "green", False: "red", None: ""}[d.better]
        change = "–" if d.change is None else f"{d.change:+.4g}"
        table.add_row(
            d.metric, _fmt(d.before), _fmt(d.after), f"[{colour}]{change}[/{colour}]" if colour else change
        )
    return table


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.4g}"
