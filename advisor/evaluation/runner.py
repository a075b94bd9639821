"""`advisor eval`: every gold question through `Advisor.run` (the server's pipeline), scored,
beside baselines, with ragas; results, summary and report written to one folder.

Library code reports progress through an `EvalProgress`; `advisor.progress.EvalBars` is the
CLI's rich implementation (stderr, so stdout stays clean).
"""

from __future__ import annotations

import json
import logging
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from advisor.answering.verify import Verifier
from advisor.config import Settings
from advisor.evaluation.baselines import BASELINES, check_baseline_names, open_baselines
from advisor.evaluation.citations import SourceTexts
from advisor.evaluation.dataset import EvalItem, load_dataset
from advisor.evaluation.faithfulness import load_claims, verifier_scores
from advisor.evaluation.gate import GateFailure, check_gate, load_thresholds
from advisor.evaluation.judge import Judge, open_judge
from advisor.evaluation.ragas_metrics import RagasInput, RagasOutcome, ragas_summary, score_items
from advisor.evaluation.report import write_reports
from advisor.evaluation.results import ItemResult
from advisor.evaluation.scoring import score_question
from advisor.evaluation.summary import build_summary
from advisor.pipeline import Advisor

log = logging.getLogger(__name__)


class EvalProgress(Protocol):
    """What a run reports while it works: a stage begins (with its item count, if known),
    an item of the current stage is done."""

    def stage(self, name: str, total: int | None) -> None: ...

    def advance(self) -> None: ...


@dataclass(frozen=True)
class EvalOptions:
    """One run's choices (the CLI's flags); the pipeline itself is configured by `Settings`."""

    dataset: Path
    out_dir: Path | None = None
    baselines: tuple[str, ...] = tuple(BASELINES)
    limit: int | None = None
    judge: str | None = None
    #: Per item and metric: a judge call that takes longer counts as a failure.
    judge_timeout_s: float = 180.0
    claims: Path | None = None
    thresholds: Path | None = None


@dataclass
class EvalRun:
    out_dir: Path
    summary: dict[str, Any]
    items: list[ItemResult]
    gate: list[GateFailure] = field(default_factory=list)


def run_evaluation(
    settings: Settings,
    options: EvalOptions,
    progress: EvalProgress | None = None,
    advisor: Advisor | None = None,
) -> EvalRun:
    """Run, score, write; the caller decides what a failed gate means (the CLI exits 1).

    `advisor` is the loaded pipeline when the caller has one already (tests, a server);
    otherwise it is loaded from `settings` exactly as the server loads it. Every input file
    is read before the models load, so a malformed one fails at once."""
    progress = progress or _Silent()
    started, clock = datetime.now(UTC), time.perf_counter()
    items = load_dataset(options.dataset)[: options.limit]
    thresholds = load_thresholds(options.thresholds) if options.thresholds else {}
    claims = load_claims(options.claims) if options.claims else []
    check_baseline_names(options.baselines)
    progress.stage("loading the advisor and baselines", None)
    advisor = advisor or Advisor.load(settings)
    verifier = Verifier(advisor.embedder, settings.verifier_threshold, settings.verifier_lexical_share)
    results, inputs = _score_questions(items, advisor, verifier, options, progress)
    outcome, judge_info = _score_ragas(inputs, advisor, settings, options, progress)
    _attach_ragas(results, outcome)
    progress.stage("verifier claims", None)
    verifier_figures = verifier_scores(claims, verifier, advisor.instruments.label) if claims else None
    values, counts = ragas_summary(outcome, len(inputs))
    run = _run_info(settings, options, started, time.perf_counter() - clock)
    summary = build_summary(results, run, judge_info, verifier_figures, values, counts)
    failures = check_gate(summary, thresholds)
    summary["gate"] = {"thresholds": thresholds, "passed": not failures, "failed": [str(f) for f in failures]}
    out_dir = options.out_dir or settings.eval_runs_dir / started.strftime("%Y%m%d-%H%M%S")
    write_outputs(out_dir, results, summary)
    return EvalRun(out_dir, summary, results, failures)


def _score_questions(
    items: list[EvalItem], advisor: Advisor, verifier: Verifier, options: EvalOptions, progress: EvalProgress
) -> tuple[list[ItemResult], list[RagasInput]]:
    baselines = open_baselines(options.baselines, advisor)
    sources = SourceTexts(advisor.catalog)
    results, inputs = [], []
    progress.stage("questions", len(items))
    for item in items:
        result, ragas_input = score_question(item, advisor, baselines, sources, verifier)
        results.append(result)
        inputs += [ragas_input] if ragas_input else []
        progress.advance()
    return results, inputs


def _score_ragas(
    inputs: list[RagasInput],
    advisor: Advisor,
    settings: Settings,
    options: EvalOptions,
    progress: EvalProgress,
) -> tuple[RagasOutcome, dict[str, Any]]:
    """ragas on the answerable questions; a local judge runs only for this stage."""
    with open_judge(options.judge, settings) if options.judge else nullcontext() as judge:
        progress.stage("ragas" + (" (judge)" if judge else ""), len(inputs))
        outcome = score_items(
            inputs, judge, advisor.embedder.model_dir, options.judge_timeout_s, progress.advance
        )
    return outcome, _judge_info(judge, options)


def baseline_names(given: list[str] | None) -> tuple[str, ...]:
    """`--baseline` values: none given = all registered; "none" = no baseline."""
    if not given:
        return tuple(BASELINES)
    return tuple(name for name in dict.fromkeys(given) if name != "none")


def file_or_default(given: Path | None, default: Path) -> Path | None:
    """A file named on the command line must exist (its loader says so); the default one
    is used only when present (`Settings.evals_dir` is a checkout's evals/ folder)."""
    if given is not None:
        return given
    return default if default.is_file() else None


def write_outputs(out_dir: Path, results: list[ItemResult], summary: dict[str, Any]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as f:
        for result in results:
            f.write(result.model_dump_json() + "\n")
    (out_dir / "summary.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    write_reports(out_dir, results, summary)


def _attach_ragas(results: list[ItemResult], outcome: RagasOutcome) -> None:
    for result in results:
        result.ragas = dict(outcome.scores.get(result.id, {}))
        result.ragas_failures = dict(outcome.failures.get(result.id, {}))


def _run_info(settings: Settings, options: EvalOptions, started: datetime, seconds: float) -> dict[str, Any]:
    return {
        "dataset": str(options.dataset),
        "limit": options.limit,
        "index": str(settings.index_dir),
        "llm": settings.llm,
        "mode": "extractive" if settings.llm in ("", "none") else "generative",
        "embed_model": settings.embed_space,
        # Questions in the other languages are read in this space (None: English only).
        "multilingual_model": settings.multilingual.embed_space if settings.multilingual else None,
        "baselines": list(dict.fromkeys(options.baselines)),
        "started_at": started.isoformat(timespec="seconds"),
        "seconds": round(seconds, 1),
    }


def _judge_info(judge: Judge | None, options: EvalOptions) -> dict[str, Any]:
    if judge is None:
        return {
            "spec": None,
            "toy": False,
            "note": "no judge: the LLM-judged ragas metrics were not computed",
        }
    note = (
        "toy judge (SmolLM2-135M): its scores are meaningless; they test the plumbing only"
        if judge.toy
        else ""
    )
    return {
        "spec": judge.spec,
        "model": judge.model,
        "endpoint": judge.base_url,
        "toy": judge.toy,
        "timeout_s": options.judge_timeout_s,
        "note": note,
    }


class _Silent:
    def stage(self, name: str, total: int | None) -> None:
        log.info("eval: %s", name)

    def advance(self) -> None:
        return None
