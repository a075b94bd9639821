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
        "reliability": reliability_figure(results),
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


#: Confidence bins of the reliability plot: ten, as usual for a few hundred items.
_RELIABILITY_BINS = 10


def reliability_figure(results: Sequence[ItemResult], split: str = "validation") -> Figure | None:
    """Abstention's calibration on `split`: per confidence bin, the share of items that are
    answerable, against the diagonal a calibrated estimate would follow."""
    scored = [(r.confidence, r.answerable) for r in results if r.split == split and r.confidence is not None]
    if not scored:
        return None
    confidence = np.array([c for c, _ in scored])
    answerable = np.array([a for _, a in scored], dtype=float)
    edges = np.linspace(0.0, 1.0, _RELIABILITY_BINS + 1)
    bins = np.clip(np.digitize(confidence, edges) - 1, 0, _RELIABILITY_BINS - 1)
    used = [b for b in range(_RELIABILITY_BINS) if (bins == b).any()]
    fig = Figure(figsize=(5.5, 4.2), layout="constrained")
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="calibrated")
    ax.plot(
        [confidence[bins == b].mean() for b in used],
        [answerable[bins == b].mean() for b in used],
        marker="o",
        color=_PALETTE[0],
        label=f"advisor ({split}, {len(scored)} items)",
    )
    for b in used:
        ax.annotate(str(int((bins == b).sum())), (confidence[bins == b].mean(), answerable[bins == b].mean()),
                    textcoords="offset points", xytext=(4, -10), fontsize=8)  # fmt: skip
    ax.set_xlabel("estimated probability that the documents answer it")
    ax.set_ylabel("share of items that are answerable")
    ax.set_title("Abstention reliability")
    ax.legend(loc="upper left")
    return fig


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
