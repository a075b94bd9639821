"""The `advisor` command line: fetch, ingest, documents (and the stages built on them).

Commands translate flags into a `Settings` and call one library function each; errors from
`advisor.errors` become a one-line message on stderr and a non-zero exit code in `report`, and
only there. Heavy libraries (torch, chromadb) are imported inside commands so `--help` stays fast;
for the same reason every command goes offline at once, and only those that load models set
the rest of the process's switches (`advisor.runtime`).
"""

from __future__ import annotations

import json
import logging
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from advisor.config import Settings
from advisor.errors import AdvisorError, ConfigError, IndexNotReady, InvalidQuestion, InvalidSelection
from advisor.models import TextQuality
from advisor.runtime import configure_process, go_offline

app = typer.Typer(
    help="Cited answers on the Smuggling of Migrants Protocol, UNTOC and related instruments.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode="markdown",
)
out = Console()
err = Console(stderr=True)

#: Exit codes by error type (the most specific class wins); anything else exits with 1.
EXIT_CODES: dict[type[AdvisorError], int] = {ConfigError: 3, IndexNotReady: 4}

IndexOption = Annotated[
    Path | None,
    typer.Option("--index", help="Index directory (env ADVISOR_INDEX_DIR; default index/)."),
]


@app.callback()
def _root(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    go_offline()
    try:
        ctx.obj = Settings()
    except ValidationError as e:
        raise ConfigError(f"invalid ADVISOR_* setting: {_first_error(e)}") from e


@app.command()
def fetch(
    ctx: typer.Context,
    source: Annotated[
        Path | None,
        typer.Option("--from", help="Copy from this local folder instead of downloading."),
    ] = None,
    dest: Annotated[
        Path | None,
        typer.Option("--dest", help="Where to put the files (env ADVISOR_CORPUS_DIR; default corpus/files)."),
    ] = None,
) -> None:
    """Download the official documents of corpus/manifest.json (resumable, checksum-aware).

    With --from DIR the files come from a local mirror; if DIR has its own manifest.json
    (as ../shared/corpus does), that manifest decides which documents are taken.
    """
    from advisor.corpus.fetch import fetch_corpus
    from advisor.corpus.manifest import find_manifest, load_manifest
    from advisor.progress import FetchBars

    settings = _settings(ctx).with_overrides(corpus_dir=dest)
    mirror_has_manifest = source is not None and find_manifest(source) is not None
    specs = [] if mirror_has_manifest else load_manifest(settings.manifest_path)
    with FetchBars(err) as bars:
        report = fetch_corpus(specs, settings.corpus_dir, settings, mirror=source, on_progress=bars)
    for result in report.manual:
        err.print(f"[yellow]manual[/yellow] {result.doc_id}: {result.reason}", highlight=False)
    for result in report.failures:
        err.print(f"[red]failed[/red] {result.doc_id} ({result.filename}): {result.reason}", highlight=False)
    out.print(f"{report.summary()} → {settings.corpus_dir}", highlight=False)
    if not report.ok:
        _fail(f"{len(report.failures)} file(s) could not be fetched (see above); run again to resume")


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (PDF, Markdown, text, HTML).")],
    index: IndexOption = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Drop indexed documents whose files are gone.")
    ] = False,
) -> None:
    """Read documents, cut them at articles and paragraphs, embed and index them.

    Unchanged files are skipped without computing embeddings; an interrupted run is completed
    by running it again. In a folder with a manifest.json, the manifest names the documents.
    """
    from advisor.ingest.incremental import ingest as run_ingest
    from advisor.progress import IngestBars

    settings = _settings(ctx).with_overrides(index_dir=index)
    with IngestBars(err) as bars:
        prepare = partial(configure_process, settings)
        report = run_ingest(paths, settings, prune=prune, progress=bars, before_models=prepare)
    for skipped in report.skipped:
        err.print(f"[dim]skipped {skipped.path}: {skipped.reason}[/dim]", soft_wrap=True)
    for failed in report.failed:
        err.print(f"[red]failed[/red] {failed.reason}", soft_wrap=True)
    for garbled in report.garbled:
        err.print(f"[yellow]warning[/yellow] {garbled.describe()}", soft_wrap=True, highlight=False)
    out.print(
        f"{len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged, {len(report.pruned)} pruned, "
        f"{len(report.failed)} failed; {report.chunks_written} chunks written, "
        f"{report.embeddings_computed} embeddings computed"
        f" (+{report.multilingual_embeddings_computed} multilingual) in {report.seconds:.1f} s "
        f"→ {settings.index_dir}",
        soft_wrap=True,
    )
    if rates := report.rates():
        out.print("chunks/s: " + ", ".join(f"{name} {rate:.1f}" for name, rate in rates.items()))
    if report.failed:
        _fail(f"{len(report.failed)} document(s) could not be ingested (see above)")


@app.command()
def documents(
    ctx: typer.Context,
    index: IndexOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the indexed documents: id, title, kind, pages, chunks, text quality, when ingested.

    Text quality is the share of a PDF's text layer in well-formed words, with the pages where
    it was garbled (read by OCR, or left out); "–" when unknown (not a PDF, or an older index).
    """
    from advisor.index.catalog import Catalog

    settings = _settings(ctx).with_overrides(index_dir=index)
    records = Catalog.open_existing(settings.catalog_path).documents()
    if as_json:
        print(json.dumps([r.model_dump() for r in records], indent=2, ensure_ascii=False))
        return
    table = Table("id", "title", "kind", "pages", "chunks", "text quality", "ingested at")
    for r in records:
        table.add_row(
            r.doc_id,
            r.label,
            r.kind,
            str(r.page_count or "–"),
            str(r.chunk_count),
            _quality_cell(r.quality),
            r.ingested_at,
        )
    out.print(table)


def _quality_cell(quality: TextQuality | None) -> str:
    """The score, then the garbled pages and those OCR read: "0.48, garbled p. 3-5 (OCR 3-4)"."""
    from advisor.ingest.loaders.text_quality import page_ranges

    if quality is None:
        return "–"
    cell = f"{quality.score:.2f}"
    if quality.garbled_pages:
        cell += f", garbled p. {page_ranges(quality.garbled_pages)}"
        cell += f" (OCR {page_ranges(quality.ocr_pages)})" if quality.ocr_pages else " (left out)"
    return cell


LLMOption = Annotated[
    str | None,
    typer.Option("--llm", help="none | openai:BASE_URL:MODEL | gguf:PATH (env ADVISOR_LLM; default none)."),
]


@app.command()
def ask(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="The question, as you would ask a colleague.")],
    index: IndexOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer object as JSON.")] = False,
    doc: Annotated[
        list[str] | None, typer.Option("--doc", help="Only this document id (repeatable).")
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only documents of this kind (repeatable).")
    ] = None,
    history: Annotated[
        Path | None,
        typer.Option("--history", help='JSON file: earlier turns [{"role": ..., "content": ...}].'),
    ] = None,
    llm: LLMOption = None,
) -> None:
    """Answer one question from the indexed documents, quoting the provisions relied on."""
    from advisor.answering.render import answer_as_text
    from advisor.pipeline import Advisor

    settings = _settings(ctx).with_overrides(index_dir=index, llm=llm)
    turns = _read_history(history) if history else []
    configure_process(settings)
    advisor = Advisor.load(settings)
    answer = advisor.ask(question, turns, advisor.filters(doc or [], kind or []))
    if as_json:
        print(answer.model_dump_json(indent=2))
    else:
        out.print(answer_as_text(answer), highlight=False, markup=False)


@app.command()
def chat(
    ctx: typer.Context,
    index: IndexOption = None,
    doc: Annotated[
        list[str] | None, typer.Option("--doc", help="Only this document id (repeatable).")
    ] = None,
    llm: LLMOption = None,
) -> None:
    """Interactive questions with follow-ups; /reset forgets the conversation, /quit leaves."""
    from advisor.answering.render import answer_as_text
    from advisor.models import Turn
    from advisor.pipeline import Advisor

    settings = _settings(ctx).with_overrides(index_dir=index, llm=llm)
    configure_process(settings)
    advisor = Advisor.load(settings)
    filters = advisor.filters(doc or [])
    turns: list[Turn] = []
    out.print("Ask about the indexed documents. /reset starts over, /quit (or Ctrl-D) leaves.")
    while (question := _prompt()) is not None:
        if question in ("/quit", "/exit"):
            break
        if question == "/reset":
            turns = []
            continue
        if not question:
            continue
        try:
            answer = advisor.ask(question, turns, filters)
        except AdvisorError as e:
            report(e)
            continue
        out.print(answer_as_text(answer) + "\n", highlight=False, markup=False)
        turns += [Turn(role="user", content=question), Turn(role="assistant", content=answer.answer)]


@app.command()
def serve(
    ctx: typer.Context,
    port: Annotated[int | None, typer.Option("--port", help="Port (env ADVISOR_PORT; default 8000).")] = None,
    host: Annotated[str | None, typer.Option("--host", help="Address (env ADVISOR_HOST; 127.0.0.1).")] = None,
    index: IndexOption = None,
    llm: LLMOption = None,
) -> None:
    """Serve the HTTP API, the OpenAI-compatible /v1 endpoints and the web chat at /.

    Models and index load once at startup; without an index the server still starts and
    /ready says what to do. API docs: http://HOST:PORT/docs.
    """
    import uvicorn

    from advisor.api import create_app
    from advisor.llm import parse_llm_spec

    settings = _settings(ctx).with_overrides(index_dir=index, llm=llm, host=host, port=port)
    parse_llm_spec(settings.llm)  # a mistyped --llm is a one-line error now, not a 503 later
    logging.getLogger("advisor").setLevel(logging.INFO)
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")


@app.command()
def quiz(
    ctx: typer.Context,
    doc: Annotated[
        str | None,
        typer.Option("--doc", help="Document id (see `advisor documents`); default: the Protocol."),
    ] = None,
    articles: Annotated[
        str | None, typer.Option("--articles", help='Only these articles: "3-6" or "1,3,5-7".')
    ] = None,
    chapter: Annotated[str | None, typer.Option("--chapter", help='Only this chapter, e.g. "II".')] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", help="Draw on the provisions retrieval finds for this topic (listed first)."),
    ] = None,
    n: Annotated[int, typer.Option("--n", min=1, max=100, help="Most items.")] = 20,
    types: Annotated[
        str | None,
        typer.Option(
            "--types",
            help="Comma-separated item types: definition, obligation, true-false, multiple-choice, "
            "classification, open (default: all).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", min=0, help="The same seed gives the same quiz.")] = 0,
    fmt: Annotated[
        str, typer.Option("--format", help="json | gift | aiken | moodle-xml | csv | md | docx.")
    ] = "json",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write the quiz to FILE (default: stdout; docx needs --out).")
    ] = None,
    index: IndexOption = None,
) -> None:
    """Generate a quiz from the legal text itself, without a language model: definitions,
    obligations, true/false, multiple choice, "which provision applies?", "smuggling or
    trafficking?" and open questions, each quoting the provision it rests on.

    Every item's key is checked by the verifier against its quote; items that fail, and
    near-duplicates, are dropped and counted (with the reason) on stderr and in the JSON.
    """
    from typing import get_args

    from advisor.models import QuizFormat
    from advisor.pipeline import Advisor
    from advisor.trainer.files import quiz_file
    from advisor.trainer.generate import QuizSpec, generate_quiz, parse_types
    from advisor.trainer.selection import Scope

    if fmt not in get_args(QuizFormat):
        raise InvalidSelection(f"unknown format {fmt!r}: use {', '.join(get_args(QuizFormat))}")
    if fmt == "docx" and out_file is None:
        raise InvalidSelection("a docx quiz is a binary file: give --out FILE")
    settings = _settings(ctx).with_overrides(index_dir=index)
    spec = QuizSpec(Scope(doc, articles, chapter, topic), n=n, types=parse_types(types), seed=seed)
    configure_process(settings)
    generated = generate_quiz(Advisor.load(settings), spec)
    if topic:
        err.print(f"provisions for {topic!r}:", markup=False, highlight=False, soft_wrap=True)
        for label in generated.provisions:
            err.print(f"  {label}", markup=False, highlight=False, soft_wrap=True)
    content, _, _ = quiz_file(generated, fmt)  # type: ignore[arg-type]
    if out_file:
        out_file.write_bytes(content)
    else:
        sys.stdout.write(content.decode("utf-8"))
    _summarise_quiz(generated, out_file)


def _summarise_quiz(generated, out_file: Path | None) -> None:
    """Counts by type, then how many were dropped and why, on stderr."""
    from collections import Counter

    kinds = Counter(item.type for item in generated.items)
    counts = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    where = f" → {out_file}" if out_file else ""
    err.print(
        f"{len(generated.items)} items ({counts}){where}", markup=False, highlight=False, soft_wrap=True
    )
    reasons = Counter(d.reason.split(" (")[0] for d in generated.dropped)
    if generated.dropped:
        why = "; ".join(f"{count} × {reason}" for reason, count in reasons.most_common())
        err.print(f"{len(generated.dropped)} dropped: {why}", markup=False, highlight=False, soft_wrap=True)
    else:
        err.print("0 dropped", markup=False, highlight=False)


eval_app = typer.Typer(
    help="Score the advisor on a gold question set (`advisor eval --dataset FILE`); `compare` two runs.",
    invoke_without_command=True,
)
app.add_typer(eval_app, name="eval")


@eval_app.callback()
def eval_run(
    ctx: typer.Context,
    dataset: Annotated[
        Path | None,
        typer.Option(
            "--dataset",
            help="Gold questions: a JSONL file or a folder of them (see ../shared/evals/README.md).",
        ),
    ] = None,
    index: IndexOption = None,
    llm: LLMOption = None,
    judge: Annotated[
        str | None, typer.Option("--judge", help="ragas judge: openai:BASE_URL:MODEL or gguf:PATH.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default runs/TIMESTAMP/ in ADVISOR_EVALS_DIR, evals/)."),
    ] = None,
    baseline: Annotated[
        list[str] | None, typer.Option("--baseline", help="llamaindex-default | bm25 | none (repeatable).")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N questions.")] = None,
    thresholds: Annotated[
        Path | None,
        typer.Option(
            "--thresholds", help="Gate minimums (default thresholds.toml in ADVISOR_EVALS_DIR, evals/)."
        ),
    ] = None,
    no_gate: Annotated[bool, typer.Option("--no-gate", help="Report only: apply no thresholds.")] = False,
    claims: Annotated[
        Path | None,
        typer.Option(
            "--claims", help="Claims for the verifier (default verifier_claims.jsonl in ADVISOR_EVALS_DIR)."
        ),
    ] = None,
    judge_timeout: Annotated[
        float, typer.Option("--judge-timeout", min=1, help="Seconds per item and judged metric.")
    ] = 180.0,
) -> None:
    """Run every question through the pipeline the server uses and score it (results.jsonl,
    summary.json, report.md/html in --out); exits 1 naming the metrics below a threshold."""
    if ctx.invoked_subcommand is not None:
        return
    if dataset is None:
        _fail("advisor eval needs --dataset FILE (or: advisor eval compare A/summary.json B/summary.json)")
    from advisor.evaluation import runner
    from advisor.evaluation.gate import gate_message
    from advisor.evaluation.report import headline_rows
    from advisor.progress import EvalBars

    settings = _settings(ctx).with_overrides(index_dir=index, llm=llm)
    options = runner.EvalOptions(
        dataset=dataset,
        out_dir=out_dir,
        baselines=runner.baseline_names(baseline),
        limit=limit,
        judge=judge,
        judge_timeout_s=judge_timeout,
        claims=runner.file_or_default(claims, settings.verifier_claims_path),
        thresholds=None if no_gate else runner.file_or_default(thresholds, settings.thresholds_path),
    )
    configure_process(settings)
    with EvalBars(err) as bars:
        result = runner.run_evaluation(settings, options, bars)
    table = Table("metric", "value", title=f"advisor eval → {result.out_dir}")
    for name, value in headline_rows(result.summary):
        table.add_row(name, value)
    out.print(table)
    if result.gate:
        _fail(gate_message(result.gate))


@eval_app.command("compare")
def eval_compare(
    before: Annotated[Path, typer.Argument(help="summary.json of the earlier run.")],
    after: Annotated[Path, typer.Argument(help="summary.json of the later run.")],
    changed_only: Annotated[bool, typer.Option("--changed", help="Only metrics that changed.")] = False,
) -> None:
    """Per-metric deltas between two runs (green: better, red: worse)."""
    from advisor.evaluation.compare import compare, comparison_table, load_summary

    deltas = compare(load_summary(before), load_summary(after))
    out.print(comparison_table(deltas, str(before), str(after), changed_only))


def main() -> None:
    """Console-script entry point: run the app, turn our errors into one line and an exit code."""
    try:
        app()
    except AdvisorError as e:
        sys.exit(report(e))
    except KeyboardInterrupt:
        err.print("advisor: interrupted")
        sys.exit(130)


def report(error: AdvisorError) -> int:
    """Tell the user `error` in one line on stderr; the exit code it calls for."""
    # soft_wrap: one line even when stderr is a pipe (Rich would fold it at 80 columns).
    err.print(f"advisor: {error}", markup=False, highlight=False, soft_wrap=True)
    return next((EXIT_CODES[cls] for cls in type(error).__mro__ if cls in EXIT_CODES), 1)


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings)
    return settings


def _prompt() -> str | None:
    try:
        return input("? ").strip()
    except EOFError:
        return None


def _read_history(path: Path) -> list:
    """Turns from a JSON file; `InvalidQuestion` naming the defect otherwise."""
    from pydantic import TypeAdapter

    from advisor.models import Turn

    try:
        return TypeAdapter(list[Turn]).validate_json(path.read_bytes())
    except OSError as e:
        raise InvalidQuestion(f"cannot read history file {path}: {e.strerror}") from e
    except ValidationError as e:
        raise InvalidQuestion(f"history file {path}: {_first_error(e)}") from e


def _fail(message: str) -> NoReturn:
    raise AdvisorError(message)


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
