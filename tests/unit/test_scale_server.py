"""The Chroma server path at 10× scale: ingest into a real `chroma run`, load, answer.

The corpus is 10× the three fixture documents (the fixtures once, nine look-alikes of each:
`evals/synthetic_corpus.py`), not 10× the shared corpus: that would be about 11,000 chunks and
three minutes of embedding on two cores before the first assertion, on top of the slow tier's
real-corpus ingests, while every code path the server adds (vectors written to it, read back
in `Advisor.load`, a local catalog beside it) runs the same at 300 chunks. The full-size curve,
embedded store, is evals/bench_scale.py's (evals/reports/scale.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.embeddings import Embedder
from advisor.index.store import open_store
from advisor.ingest.incremental import IngestReport, ingest
from advisor.pipeline import Advisor
from evals.synthetic_corpus import build_corpus
from tests.chromaserver import ChromaServer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"
SCALE = 10


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    with ChromaServer(tmp_path_factory.mktemp("chroma-scale") / "data") as chroma:
        yield chroma


@pytest.fixture(scope="module")
def scaled(
    server: ChromaServer, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, IngestReport]:
    """The 10× corpus ingested once into the server (English only, as the fast tier's index)."""
    work = tmp_path_factory.mktemp("scaled")
    build_corpus(FIXTURES, work / "docs", SCALE)
    settings = server.settings(work / "index").with_overrides(
        multilingual_model="", default_instrument="pilots-protocol"
    )
    return settings, ingest([work / "docs"], settings, embedder=embedder)


def test_ten_times_the_documents_are_indexed(scaled) -> None:
    _, report = scaled
    assert len(report.added) == 3 * SCALE
    assert not report.failed


def test_look_alikes_add_chunks_of_their_own(scaled) -> None:
    """No look-alike chunk is a copy: every chunk has its own id, so its own vector."""
    settings, report = scaled
    real = [c for c in Catalog.open_existing(settings.catalog_path).chunks() if "lookalike" not in c.id]
    assert report.chunks_written >= (SCALE - 1) * len(real)
    assert open_store(settings).count() == report.chunks_written


def test_every_vector_lives_in_the_server(scaled) -> None:
    settings, _ = scaled
    assert not settings.chroma_dir.exists()


def test_the_advisor_loads_from_the_server_and_answers_from_the_real_document(
    scaled, embedder: Embedder
) -> None:
    """Look-alikes share the fixtures' vocabulary, so they crowd the search; the answer must
    still come from the one document that says it."""
    settings, _ = scaled
    answer = Advisor.load(settings, embedder=embedder).ask("Must lighthouses be kept lit at night?")
    assert (answer.citations[0].doc_id, answer.citations[0].article) == ("pilots-protocol", "3")
