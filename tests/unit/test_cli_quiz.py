"""`advisor quiz` over the fixture index: output, summary on stderr, one-line errors."""

from __future__ import annotations

from advisor.config import Settings
from advisor.models import Quiz
from tests.cli import assert_one_line_error, run_main


def test_quiz_prints_json_and_summarises_on_stderr(fixture_index: Settings, tmp_path):
    out = tmp_path / "quiz.json"
    args = ["quiz", "--doc", "harbour-convention", "--articles", "1-2", "--n", "4", "--seed", "2"]
    result = run_main(*args, "--out", out, "--index", fixture_index.index_dir)
    assert result.returncode == 0, result.stderr
    assert len(Quiz.model_validate_json(out.read_text()).items) == 4
    assert "4 items" in result.stderr and "dropped" in result.stderr


def test_an_empty_range_is_a_one_line_error(fixture_index: Settings):
    result = run_main(
        "quiz", "--doc", "harbour-convention", "--articles", "40-50", "--index", fixture_index.index_dir
    )
    assert_one_line_error(result, "no provision")


def test_an_unknown_format_is_a_one_line_error(fixture_index: Settings):
    assert_one_line_error(run_main("quiz", "--format", "pdf", "--index", fixture_index.index_dir), "gift")
