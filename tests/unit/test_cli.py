"""The `advisor` command line as a user meets it: help, listings, and one-line errors.

Errors become messages in `advisor.cli.main()`, around the Typer app, so error cases run
`main()` in process and look at its exit code and stderr, as a shell would (`tests.cli`).
Successful runs go through Typer's `CliRunner`, in process.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from advisor.api.schemas import DocumentInfo
from advisor.cli import app, report
from advisor.config import Settings
from advisor.errors import AdvisorError, ConfigError, IndexNotReady, InvalidQuestion
from tests.cli import assert_one_line_error, run_main

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"
FIXTURE_IDS = ["harbour-convention", "harbour-guide", "pilots-protocol"]
RECORD_FIELDS = {"doc_id", "title", "kind", "page_count", "chunk_count", "ingested_at"}


def _command_paths(command: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and subcommand of the app, so commands added later are covered too.

    Typer ships its own copy of click, so groups are recognised by their `commands`."""
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from _command_paths(sub, (*prefix, name))


COMMANDS = list(_command_paths(typer.main.get_command(app)))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_every_command_discovered_includes_the_ingestion_commands() -> None:
    assert {("fetch",), ("ingest",), ("documents",)} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda path: " ".join(path) or "advisor")
def test_help_exits_zero_for_every_command(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_documents_without_an_index_says_to_run_ingest(tmp_path: Path) -> None:
    empty = tmp_path / "empty-index"
    empty.mkdir()
    assert_one_line_error(run_main("documents", "--index", empty), "advisor ingest")


def test_ingest_of_a_missing_path_fails_with_the_reason(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = run_main("ingest", missing, "--index", tmp_path / "index")
    assert_one_line_error(result, str(missing), "no such file or folder")


def test_documents_json_lists_the_ingested_documents(fixture_index: Settings) -> None:
    result = CliRunner().invoke(app, ["documents", "--index", str(fixture_index.index_dir), "--json"])
    records = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [r["doc_id"] for r in records] == FIXTURE_IDS
    assert all(r.keys() >= RECORD_FIELDS for r in records)
    assert all(r["chunk_count"] > 0 and r["ingested_at"] and r["title"] for r in records)
    assert {r["doc_id"]: r["kind"] for r in records}["harbour-guide"] == "guidance"


def test_documents_json_is_the_public_form_the_api_shows(fixture_index: Settings) -> None:
    result = CliRunner().invoke(app, ["documents", "--index", str(fixture_index.index_dir), "--json"])
    records = json.loads(result.stdout)
    assert all(r.keys() == DocumentInfo.model_fields.keys() - {"file_url"} for r in records)
    assert not any(str(FIXTURES) in str(value) for r in records for value in r.values())


def test_an_unreadable_file_fails_the_run_but_the_good_ones_are_indexed(corpus: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    index = tmp_path / "index"
    result = run_main("ingest", corpus, empty, "--index", index)
    listed = json.loads(run_main("documents", "--index", index, "--json").stdout)
    assert result.returncode != 0
    assert f"{empty}: empty file" in result.stderr
    assert [r["doc_id"] for r in listed] == FIXTURE_IDS


def test_fetch_from_a_local_folder_copies_its_files(tmp_path: Path) -> None:
    dest = tmp_path / "fetched"
    result = CliRunner().invoke(app, ["fetch", "--from", str(FIXTURES), "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    for name in ("harbour-convention.md", "pilots-protocol.md", "harbour-guide.md"):
        assert (dest / name).read_bytes() == (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (ConfigError("invalid ADVISOR_PORT"), 3),
        (IndexNotReady("run `advisor ingest` first"), 4),
        (InvalidQuestion("the question is empty"), 1),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, Exception) else str(v),
)
def test_an_error_is_reported_as_one_line_with_the_exit_code_of_its_class(
    error: AdvisorError, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert report(error) == code
    assert capsys.readouterr().err == f"advisor: {error}\n"


def test_a_long_error_message_stays_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    report(IndexNotReady("the index at " + "/very/deep" * 20 + " is empty: run `advisor ingest PATH...`"))
    assert len(capsys.readouterr().err.splitlines()) == 1
