"""The quality gate: minimums for summary figures, read from evals/thresholds.toml.

    "retrieval.mrr" = 0.85        # metric path in summary.json → least acceptable value

A figure that was not measured (None, or absent) fails its threshold: a gate must never pass
because a metric silently disappeared.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.errors import ConfigError


@dataclass(frozen=True)
class GateFailure:
    metric: str
    minimum: float
    value: float | None

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.metric} not measured (minimum {self.minimum:g})"
        return f"{self.metric} {self.value:.4g} < {self.minimum:g}"


def load_thresholds(path: Path) -> dict[str, float]:
    """Metric path → minimum; `ConfigError` for unreadable TOML or a non-numeric minimum."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"cannot read thresholds {path}: {e.strerror}") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"thresholds {path} is not valid TOML: {e}") from e
    thresholds: dict[str, float] = {}
    for metric, minimum in data.items():
        if isinstance(minimum, bool) or not isinstance(minimum, int | float):
            raise ConfigError(f'thresholds {path}: "{metric}" must be a number, e.g. "{metric}" = 0.9')
        thresholds[metric] = float(minimum)
    return thresholds


def metric_at(summary: dict[str, Any], path: str) -> float | None:
    """summary["a"]["b"] for "a.b"; None when absent or not a number."""
    node: Any = summary
    for part in path.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return float(node) if isinstance(node, int | float) and not isinstance(node, bool) else None


def check_gate(summary: dict[str, Any], thresholds: dict[str, float]) -> list[GateFailure]:
    failures = []
    for metric, minimum in thresholds.items():
        value = metric_at(summary, metric)
        if value is None or value < minimum:
            failures.append(GateFailure(metric, minimum, value))
    return failures


def gate_message(failures: list[GateFailure]) -> str:
    """One line naming every failed metric."""
    return "quality gate failed: " + "; ".join(str(f) for f in failures)
