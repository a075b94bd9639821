"""`advisor serve` as a user starts it: a mistyped model spec is a one-line error at once."""

from __future__ import annotations

from pathlib import Path

from tests.cli import assert_one_line_error, run_main


def test_serve_with_a_bad_llm_spec_exits_with_one_line(tmp_path: Path) -> None:
    result = run_main("serve", "--index", tmp_path, "--port", "0", "--llm", "gpt-4")
    assert_one_line_error(result)
    assert result.stderr.strip().startswith("advisor: cannot read LLM spec 'gpt-4'")
