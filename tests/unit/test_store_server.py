"""Ingest into a real Chroma server process: vectors live in the server, not on local disk.

`ADVISOR_CHROMA_HOST` switches the store from the embedded Chroma in `index/chroma` to a
server; the catalog stays local. The server is the `chroma` executable installed beside the
interpreter, on a free loopback port, so nothing here is faked; starting it takes a second or
more each time: `slow`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.errors import StoreUnavailable
from advisor.index.embeddings import Embedder
from advisor.index.store import open_store
from advisor.ingest.incremental import IngestReport, ingest
from tests.chromaserver import ChromaServer

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    with ChromaServer(tmp_path_factory.mktemp("chroma-server") / "data") as chroma:
        yield chroma


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ChromaServer]:
    """A server of the test's own, which the test may stop."""
    with ChromaServer(tmp_path / "data") as chroma:
        yield chroma


@pytest.fixture(scope="module")
def served(
    server: ChromaServer, embedder: Embedder, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Settings, IngestReport]:
    """The fixture corpus ingested once into the server, with the report of that ingest."""
    folder = tmp_path_factory.mktemp("served") / "docs"
    shutil.copytree(FIXTURES, folder)
    settings = server.settings(folder.parent / "index")
    return settings, ingest([folder], settings, embedder=embedder)


def test_vectors_are_stored_in_the_server(served) -> None:
    settings, report = served
    assert report.chunks_written > 0
    assert open_store(settings).count() == report.chunks_written


def test_server_rows_carry_doc_id_and_article_metadata(served) -> None:
    settings, _ = served
    rows = open_store(settings)._collection.get(include=["metadatas"])["metadatas"]
    assert {r["doc_id"] for r in rows} == {"harbour-convention", "pilots-protocol", "harbour-guide"}
    assert {("pilots-protocol", n) for n in "1234"} <= {(r["doc_id"], r["article"]) for r in rows}


def test_search_in_the_server_finds_the_obvious_document(served, embedder: Embedder) -> None:
    settings, _ = served
    query = embedder.embed_query("How long is a pilot's licence valid before renewal?")
    best_id, _ = open_store(settings).search(query, top_k=1)[0]
    assert best_id.startswith("pilots-protocol:")


def test_no_embedded_store_is_written_when_a_server_is_configured(served) -> None:
    settings, _ = served
    assert settings.catalog_path.is_file()
    assert not settings.chroma_dir.exists()


def test_reingest_into_the_server_computes_no_embeddings(served, embedder: Embedder) -> None:
    settings, _ = served
    folder = settings.index_dir.parent / "docs"
    report = ingest([folder], settings, embedder=embedder)
    assert report.embeddings_computed == 0
    assert len(report.unchanged) == 3


def test_opening_the_store_of_a_stopped_server_raises_store_unavailable(
    own_server: ChromaServer, tmp_path: Path
) -> None:
    own_server.stop()
    with pytest.raises(StoreUnavailable, match=f"127.0.0.1:{own_server.port}"):
        open_store(own_server.settings(tmp_path / "index"))


def test_a_server_that_stops_after_opening_raises_store_unavailable(
    own_server: ChromaServer, tmp_path: Path
) -> None:
    store = open_store(own_server.settings(tmp_path / "index"))
    own_server.stop()
    with pytest.raises(StoreUnavailable, match="unreachable"):
        store.count()
