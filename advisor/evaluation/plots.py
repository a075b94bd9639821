"""The report's figures, as base64 PNG for a self-contained HTML file.

matplotlib's object API (`Figure`) is used rather than pyplot: no global figure state, no
display backend needed on a server or in CI.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.figure import Figure

from advisor.evaluation.results import ItemResult

_PALETTE = ("#1f5f8b", "#e07b39", "#6a9f58", "#9d6fb4", "#c44e52")


def figures(results: Sequence[ItemResult], summary: dict[str, Any]) -> dict[str, str]:
    """Figure name → base64 PNG; a figure with nothing to show is left out."""
    made = {
        "by_type": by_type_figure(summary.get("by_type", {})),
        "latency": latency_figure(results),
        "baselines": baselines_figure(summary),
    }
    return {name: _png(fig) for name, fig in made.items() if fig is not None}


def by_type_figure(by_type: dict[str, dict[str, Any]]) -> Figure | None:
    metrics = [
        ("recall_at_5", "recall@5"),
        ("mrr", "MRR"),
        ("cites_gold", "cites gold"),
        ("abstained", "abstained"),
    ]
    kinds = list(by_type)
    if not kinds:
        return None
    return _grouped_bars(
        kinds,
        [(label, [by_type[k].get(key) for k in kinds]) for key, label in metrics],
        "Metrics by question type",
    )


def baselines_figure(summary: dict[str, Any]) -> Figure | None:
    systems = {"advisor": summary.get("retrieval", {})}
    systems.update({name: b["retrieval"] for name, b in summary.get("baselines", {}).items()})
    metrics = [("hit_at_1", "hit@1"), ("hit_at_5", "hit@5"), ("recall_at_5", "recall@5"), ("mrr", "MRR")]
    return _grouped_bars(
        [label for _, label in metrics],
        [(name, [figures_.get(key) for key, _ in metrics]) for name, figures_ in systems.items()],
        "Retrieval: advisor and baselines",
    )


def latency_figure(results: Sequence[ItemResult]) -> Figure | None:
    """Whole-question latency, with its p50 and p95 marked (stages are in the table)."""
    totals = [r.timings_ms["total"] for r in results if "total" in r.timings_ms]
    if not totals:
        return None
    fig = Figure(figsize=(7, 3.2), layout="constrained")
    ax = fig.add_subplot()
    ax.hist(totals, bins=min(30, max(5, len(totals) // 2)), color=_PALETTE[0])
    for q, style in ((50, "--"), (95, ":")):
        value = float(np.percentile(totals, q))
        ax.axvline(value, color=_PALETTE[1], linestyle=style, label=f"p{q} {value:.0f} ms")
    ax.set_xlabel("milliseconds per question (retrieve + answer)")
    ax.set_ylabel("questions")
    ax.set_title("Latency")
    ax.legend()
    return fig


def _grouped_bars(groups: list[str], series: list[tuple[str, list[float | None]]], title: str) -> Figure:
    fig = Figure(
        figsize=(min(11.0, max(6.0, 0.45 * len(groups) * max(2, len(series)))), 4.0), layout="constrained"
    )
    ax = fig.add_subplot()
    width = 0.8 / max(1, len(series))
    for n, (label, values) in enumerate(series):
        positions = [i + (n - (len(series) - 1) / 2) * width for i in range(len(groups))]
        ax.bar(positions, [v or 0.0 for v in values], width, label=label, color=_PALETTE[n % len(_PALETTE)])
    ax.set_xticks(range(len(groups)), groups, rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(fontsize="small", ncols=min(4, len(series)), loc="upper center", bbox_to_anchor=(0.5, -0.22))
    return fig


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110)
    return base64.b64encode(buffer.getvalue()).decode("ascii")
