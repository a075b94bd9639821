"""Fixtures shared by all tests: where `../shared` is, and settings pointing at a temp index."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.runtime import configure_process, go_offline

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"

# Model hubs are unreachable; the embedder comes from an installed package. Set while conftest
# is imported, before any test module can import a model library.
go_offline()
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session", autouse=True)
def _process_switches() -> None:
    """What every entry point sets for its process (`advisor.runtime`), once for the run."""
    configure_process(Settings())


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


FIXTURE_CORPUS = REPO_ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index of the synthetic fixture corpus (3 documents), built once per session."""
    from advisor.ingest.incremental import ingest

    settings = Settings(
        index_dir=tmp_path_factory.mktemp("fixture-index"), default_instrument="pilots-protocol"
    )
    ingest([FIXTURE_CORPUS], settings)
    return settings


@pytest.fixture(scope="session")
def fixture_advisor(fixture_index: Settings):
    """The extractive pipeline over the fixture index, loaded once."""
    from advisor.pipeline import Advisor

    return Advisor.load(fixture_index)
