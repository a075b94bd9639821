"""Process-wide switches, set where a process starts and never inside a component.

Some libraries keep state for the whole process: huggingface_hub reads `HF_HUB_OFFLINE` once,
when it is imported; bm25s sets its logger to DEBUG when imported; torch has one thread pool.
Setting these from a constructor would let building one object reconfigure every other, and
whether it worked would depend on what had been imported first. The entry points call these
functions instead: the CLI (every command goes offline; those that load models configure the
rest), the app's lifespan (`advisor serve`, `uvicorn server:app`), tests/conftest.py and the
evals/ scripts.
"""

from __future__ import annotations

import logging
import os

from advisor.config import Settings


def go_offline() -> None:
    """Never ask a model hub: models come from installed packages, and hubs are unreachable.

    `HF_HUB_OFFLINE` only counts if set before huggingface_hub is imported (by
    sentence-transformers, transformers, llama-index), so this runs first; it imports nothing.
    An explicit `HF_HUB_OFFLINE=0` in the environment is respected."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def configure_process(settings: Settings) -> None:
    """Offline hub, quiet libraries, torch's thread count: for a process about to load models.

    Imports torch and transformers (seconds), so the CLI calls it only in the commands that
    embed or search, not in `fetch`, `documents` or `--help`."""
    go_offline()
    import bm25s  # noqa: F401  # imported first: importing it sets its logger to DEBUG
    import torch
    import transformers

    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
    transformers.logging.set_verbosity_error()
    transformers.logging.disable_progress_bar()  # no "Loading weights" bar on every start
    torch.set_num_threads(settings.embed_threads)
