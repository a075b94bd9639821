"""`advisor serve` as a user starts it: a mistyped model spec is a one-line error at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_serve_with_a_bad_llm_spec_exits_with_one_line(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "advisor", "serve", "--index", str(tmp_path), "--port", "0", "--llm", "gpt-4"],
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert result.returncode != 0
    assert result.stderr.strip().startswith("advisor: cannot read LLM spec 'gpt-4'")
    assert len(result.stderr.strip().splitlines()) == 1
