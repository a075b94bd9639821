"""The readable report of a run: report.md and a self-contained report.html.

Both are rendered from one list of sections (`report_sections`), so they never disagree.
The report says plainly which judge scored the ragas LLM metrics — none, or a toy.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from advisor.evaluation.report_format import Section, Table, render_html, render_markdown
from advisor.evaluation.results import KS, ItemResult

_RETRIEVAL_COLUMNS = [*(f"hit_at_{k}" for k in KS), *(f"recall_at_{k}" for k in KS), "mrr"]


def write_reports(out_dir: Path, results: Sequence[ItemResult], summary: dict[str, Any]) -> None:
    from advisor.evaluation.plots import figures

    title = f"Evaluation of {Path(summary['run']['dataset']).name} ({summary['run']['questions']} questions)"
    sections = report_sections(results, summary)
    (out_dir / "report.md").write_text(render_markdown(title, sections), encoding="utf-8")
    made = figures(results, summary)
    (out_dir / "report.html").write_text(render_html(title, sections, made), encoding="utf-8")
    if "reliability" in made:  # cited from the README and the closing notes
        (out_dir / "reliability.png").write_bytes(base64.b64decode(made["reliability"]))


def report_sections(results: Sequence[ItemResult], summary: dict[str, Any]) -> list[Section]:
    return [
        _overview(summary),
        _retrieval(summary),
        _citations(summary),
        _faithfulness(summary),
        _abstention(summary),
        _latency(summary),
        _ragas(summary),
        _by_type(summary),
        _by_split(summary),
        _misses(results),
    ]


def judge_statement(summary: dict[str, Any]) -> str:
    judge = summary.get("judge", {})
    if not judge.get("spec"):
        return (
            "No judge was used: the LLM-judged ragas metrics (faithfulness, answer relevancy, "
            "context precision and recall, factual correctness) were not computed."
        )
    if judge.get("toy"):
        return (
            f"Toy judge `{judge['spec']}`: SmolLM2-135M cannot judge legal answers; its ragas "
            "scores are meaningless and only show that the plumbing works."
        )
    model, timeout = judge.get("model", "?"), judge.get("timeout_s")
    return f"Judge: `{judge['spec']}` (model {model}), {timeout} s per item and metric."


def _overview(s: dict[str, Any]) -> Section:
    run = s["run"]
    gate = s.get("gate", {})
    lines = [
        f"Dataset `{run['dataset']}`, {run['questions']} questions"
        + (f" (limit {run['limit']})" if run.get("limit") else "")
        + f"; index `{run['index']}`; {run['mode']} answers (llm `{run['llm']}`); "
        f"embedder `{run['embed_model']}`"
        + (f" (other languages `{run['multilingual_model']}`)" if run.get("multilingual_model") else "")
        + f"; {run['seconds']} s; started {run['started_at']}. "
        f"Errors: {run['errors']}.",
        judge_statement(s),
    ]
    tables = [Table(["headline", "value"], headline_rows(s))]
    if gate.get("thresholds"):
        verdict = "passed" if gate.get("passed") else "FAILED: " + "; ".join(gate.get("failed", []))
        lines.append(f"Quality gate ({len(gate['thresholds'])} thresholds): {verdict}.")
        tables.append(Table(["gated metric", "minimum"], [[k, _f(v)] for k, v in gate["thresholds"].items()]))
    return Section("Overview", lines, tables)


def headline_rows(s: dict[str, Any]) -> list[list[str]]:
    """The figures a reader looks at first (also printed by `advisor eval`)."""
    return [
        ["recall@5", _f(s["retrieval"].get("recall_at_5"))],
        ["MRR", _f(s["retrieval"].get("mrr"))],
        ["quotes exact", _f(s["citations"].get("quote_exact_rate"))],
        ["answers citing a gold provision", _f(s["citations"].get("answers_citing_gold_rate"))],
        ["supported sentences (verifier)", _f(s["faithfulness"].get("supported_sentence_rate"))],
        [
            "abstention precision / recall",
            f"{_f(s['abstention'].get('precision'))} / {_f(s['abstention'].get('recall'))}",
        ],
        ["answer rate (answerable)", _f(s["abstention"].get("answer_rate"))],
        ["latency p50 / p95 (ms)", f"{_f(s['latency_ms'].get('p50'))} / {_f(s['latency_ms'].get('p95'))}"],
        *(
            [
                [
                    f"{name} recall@5 / MRR",
                    f"{_f(b['retrieval'].get('recall_at_5'))} / {_f(b['retrieval'].get('mrr'))}",
                ]
                for name, b in s.get("baselines", {}).items()
            ]
        ),
    ]


def _retrieval(s: dict[str, Any]) -> Section:
    systems = {"advisor": s["retrieval"], **{n: b["retrieval"] for n, b in s.get("baselines", {}).items()}}
    rows = [[name, *(_f(fig.get(c)) for c in _RETRIEVAL_COLUMNS)] for name, fig in systems.items()]
    note = (
        "Gold provisions are (instrument, article); a retrieved provision counts when it is the same "
        "article of the main text. recall@k = share of a question's gold provisions in the top k; "
        "MRR over the top 5. Baselines are scored on the same answerable questions, follow-ups with "
        "the earlier turns prepended (they have no follow-up resolution)."
    )
    headers = ["system", *(c.replace("_at_", "@") for c in _RETRIEVAL_COLUMNS)]
    return Section("Retrieval", [note], [Table(headers, rows)], figure="baselines")


def _citations(s: dict[str, Any]) -> Section:
    c = s["citations"]
    rows = [[k.replace("_", " "), _f(v)] for k, v in c.items()]
    note = (
        "A quote is exact when it equals the document text at its offsets, lies inside the cited "
        "article, and the cited page is the page of its first character."
    )
    return Section("Citations", [note], [Table(["figure", "value"], rows)])


def _faithfulness(s: dict[str, Any]) -> Section:
    f = s["faithfulness"]
    lines = [
        f"Supported sentence rate (verifier, no judge): {_f(f.get('supported_sentence_rate'))} "
        f"over {f.get('sentences', 0)} sentences. "
        "Extractive answers are checked quote by quote (expected ≈ 1.0); generated ones on the model's draft."
    ]
    tables = []
    v = f.get("verifier")
    if v:
        lines.append(
            f"The verifier on {v['claims']} labelled claims (threshold {v['threshold']}): "
            f"precision {_f(v['precision'])}, "
            f"recall {_f(v['recall'])}, accuracy {_f(v['accuracy'])} (positive class: supported)."
        )
        tables.append(
            Table(
                ["claim kind", "claims", "accuracy"],
                [[k, str(x["claims"]), _f(x["accuracy"])] for k, x in v["by_kind"].items()],
            )
        )
    else:
        lines.append("The verifier's own precision/recall was not measured (no claims file).")
    return Section("Faithfulness (judge-free)", lines, tables)


def _abstention(s: dict[str, Any]) -> Section:
    a = s["abstention"]
    rows = [[k.replace("_", " "), _f(v)] for k, v in a.items()]
    return Section(
        "Abstention",
        [
            "Abstaining is the positive class; the answer rate is over answerable questions. The "
            "reliability figure (validation split) sets each answer's estimated probability that "
            "the documents answer it against how often they do (`reliability.png`)."
        ],
        [Table(["figure", "value"], rows)],
        figure="reliability",
    )


def _latency(s: dict[str, Any]) -> Section:
    lat = s["latency_ms"]
    rows = [
        [stage, _f(lat[stage]["p50"]), _f(lat[stage]["p95"]), _f(lat[stage]["max"])]
        for stage in ("retrieve", "answer", "total")
        if stage in lat
    ]
    return Section(
        "Latency (ms)",
        ["Per question, from `answer.timings_ms`, in this process (models already loaded)."],
        [Table(["stage", "p50", "p95", "max"], rows)],
        figure="latency",
    )


def _ragas(s: dict[str, Any]) -> Section:
    rows = []
    for name, counts in s.get("judge", {}).get("metrics", {}).items():
        if not counts.get("run"):
            rows.append([name, "–", "–", "–", "–", counts.get("reason", "")])
            continue
        kinds = ", ".join(f"{k}: {n}" for k, n in counts["failure_kinds"].items())
        rows.append(
            [
                name,
                _f(s["ragas"].get(name)),
                str(counts["scored"]),
                str(counts["failed"]),
                str(counts["skipped"]),
                kinds,
            ]
        )
    lines = [
        judge_statement(s),
        "ragas runs on answerable questions; a metric's value is the mean over the items it "
        "scored, and items the judge failed on are counted, not averaged in.",
    ]
    return Section(
        "ragas", lines, [Table(["metric", "value", "scored", "failed", "skipped", "failures / note"], rows)]
    )


def _by_type(s: dict[str, Any]) -> Section:
    table = s.get("by_type", {})
    columns = list(dict.fromkeys(c for row in table.values() for c in row))
    rows = [[kind, *(_f(row.get(c)) for c in columns)] for kind, row in table.items()]
    return Section("By question type", [], [Table(["type", *columns], rows)], figure="by_type")


_HEADLINE_COLUMNS = [
    "questions",
    "gold_cited",
    "first_cited_gold",
    "evidence_quoted",
    "hit_at_5",
    "mrr",
    "abstention_precision",
    "abstention_recall",
    "answer_rate",
    "off_topic_refused",
    "wrongly_refused",
]


def _by_split(s: dict[str, Any]) -> Section:
    """One table per split: overall, then per type and per language."""
    tables = []
    for split, groups in s.get("by_split", {}).items():
        baselines = [c for c in groups["all"] if c.endswith(".evidence_retrieved")]
        columns = [*_HEADLINE_COLUMNS, *baselines]
        rows = [["all", *(_f(groups["all"].get(c)) for c in columns)]]
        for family in ("by_type", "by_language"):
            rows += [
                [f"{family.removeprefix('by_')}: {name}", *(_f(row.get(c)) for c in columns)]
                for name, row in groups[family].items()
            ]
        tables.append(Table([split, *(c.replace("_", " ") for c in columns)], rows))
    lines = [
        "Each item's split is fixed by its id (sha256). Changes are tuned on `tune` and judged on "
        "`validation`. gold cited / first cited gold / evidence quoted are over answerable items "
        "(an abstention cites nothing and counts as a miss); a baseline's evidence retrieved is a "
        "gold evidence span inside the text it retrieved (its top nodes or chunks), the fair "
        "counterpart of the advisor's evidence quoted."
    ]
    return Section("Tune and validation", lines if tables else [], tables)


def _misses(results: Sequence[ItemResult]) -> Section:
    """Tune items only: validation items are judged by their figures, never read one by one."""
    rows = []
    for r in (r for r in results if r.split == "tune"):
        problems = []
        if r.error:
            problems.append(f"error: {r.error}")
        if r.answerable and r.abstained:
            problems.append("abstained on an answerable question")
        if not r.answerable and not r.abstained:
            problems.append("answered an unanswerable question")
        if r.retrieval and r.retrieval.recall_at_5 < 1:
            problems.append(
                f"gold {', '.join(g for g in r.gold if g not in r.retrieval.ranked)} not in top 5"
            )
        if any(not c.exact for c in r.citations):
            problems.append(f"{sum(not c.exact for c in r.citations)} inexact quote(s)")
        if r.sentences.supported < r.sentences.checked:
            unsupported = r.sentences.checked - r.sentences.supported
            what = "quotes" if r.sentences.source == "quotes" else "sentences"
            problems.append(f"{unsupported} of {r.sentences.checked} {what} not supported by the verifier")
        if problems:
            rows.append([r.id, r.type, r.question[:90], "; ".join(problems)])
    lines = ["Tune items only: validation items are not listed, so nobody fixes them one by one."]
    if not rows:
        lines.append("None: every tune question was retrieved, answered or abstained as the gold says.")
    return Section(
        "Questions to look at (tune)",
        lines,
        [Table(["id", "type", "question", "what went wrong"], rows)] if rows else [],
    )


def _f(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:.1f}"
    return str(value)
