"""Fixtures shared by all tests: where `../shared` is, and settings pointing at a temp index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.config import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"

# Model hubs are unreachable; the embedder comes from an installed package.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests needing it skip with the reason when absent."""
    if not (SHARED_DIR / "corpus").is_dir():
        pytest.skip(f"{SHARED_DIR}/corpus is absent: real-corpus tests need ../shared beside the repo")
    return SHARED_DIR


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings isolated in a temp dir: own index, own corpus folder."""
    return Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus")
