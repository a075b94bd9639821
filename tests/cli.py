"""The `advisor` command line in process: `main()` with its error handling, without a subprocess.

A subprocess would load torch again (seconds each); `main()` in this process reuses what the
test run has imported and shows the same exit code and stderr a shell would see, because the
one-line error messages are made in `main()`, around the Typer app. A few tests in
`test_cli_process.py` still run `python -m advisor` for real, end to end.
"""

from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch

from advisor.cli import main


@dataclass(frozen=True)
class Outcome:
    """What a shell sees of one `advisor` run."""

    returncode: int
    stdout: str
    stderr: str


def run_main(*args: str | Path, stdin: str = "") -> Outcome:
    """`advisor ARGS` through `main()`, with `stdin` as its input."""
    stdout, stderr = io.StringIO(), io.StringIO()
    argv = ["advisor", *map(str, args)]
    with (
        patch.object(sys, "argv", argv),
        patch.object(sys, "stdin", io.StringIO(stdin)),
        redirect_stdout(stdout),
        redirect_stderr(stderr),
    ):
        try:
            main()
            code = 0
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    return Outcome(code, stdout.getvalue(), stderr.getvalue())


def assert_one_line_error(result: Outcome | subprocess.CompletedProcess[str], *words: str) -> None:
    """A failed run whose stderr is one `advisor: ...` line containing `words`."""
    message = result.stderr.strip()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(message.splitlines()) == 1, message
    assert message.startswith("advisor: ")
    for word in words:
        assert word in message
