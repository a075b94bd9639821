"""Fixtures shared by all tests: where `../shared` is, settings pointing at a temp index, and the
expensive things built once per run (the embedder, the fixture index, the pipeline over it).

Tests marked `slow` (and everything under tests/integration) are left out of the everyday loop
by `pytest -m "not slow"`; a plain `pytest` runs everything.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.runtime import configure_process, go_offline

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT.parent / "shared"
INTEGRATION_DIR = REPO_ROOT / "tests" / "integration"

# Model hubs are unreachable; the embedder comes from an installed package. Set while conftest
# is imported, before any test module can import a model library.
go_offline()
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session", autouse=True)
def _process_switches() -> None:
    """What every entry point sets for its process (`advisor.runtime`), once for the run."""
    configure_process(Settings())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Integration tests ingest the real corpus (about a minute): all of them are `slow`."""
    for item in items:
        if item.path.is_relative_to(INTEGRATION_DIR):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """`../shared` beside the checkout; tests needing it skip with the reason when absent."""
    if not (SHARED_DIR / "corpus").is_dir():
        pytest.skip(f"{SHARED_DIR}/corpus is absent: real-corpus tests need ../shared beside the repo")
    return SHARED_DIR


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings isolated in a temp dir: own index, own corpus folder; English only, since the
    multilingual embedder costs seconds per ingest (the shared fixture index has it)."""
    return Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus", multilingual_model="")


FIXTURE_CORPUS = REPO_ROOT / "tests" / "data" / "corpus"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The one embedder of the run: loading the model costs about a second each time.

    Every test builds it from default `Settings`, so one instance serves them all."""
    return Embedder(Settings())


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """An index of the synthetic fixture corpus (3 documents), built once per session.

    Read-only: a test that changes an index works on a copy (`tests.apiclient.copy_index`)."""
    from advisor.ingest.incremental import ingest

    settings = Settings(
        index_dir=tmp_path_factory.mktemp("fixture-index"), default_instrument="pilots-protocol"
    )
    ingest([FIXTURE_CORPUS], settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def fixture_advisor(fixture_index: Settings, embedder: Embedder):
    """The extractive pipeline over the fixture index, loaded once."""
    from advisor.pipeline import Advisor

    return Advisor.load(fixture_index, embedder=embedder)
