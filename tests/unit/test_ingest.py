"""Ingest into a real embedded Chroma with the real embedder: incremental, prunable, safe.

Tests that only read an index read the session's `fixture_index`; tests that change files
ingest their own copy of the corpus, with the run's one embedder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.errors import ConfigError
from advisor.index.catalog import Catalog
from advisor.index.store import open_store
from advisor.ingest.incremental import ingest

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(FIXTURES, folder)
    return folder


def _chroma_rows(settings: Settings) -> list[dict]:
    store = open_store(settings)
    got = store._collection.get(include=["metadatas"])  # read back what Chroma really holds
    return got["metadatas"]


def test_every_article_is_indexed_with_doc_id_and_article_metadata(fixture_index):
    rows = _chroma_rows(fixture_index)
    articles = {(r["doc_id"], r["article"]) for r in rows}
    assert {("harbour-convention", n) for n in "1234"} <= articles
    assert {("pilots-protocol", n) for n in "1234"} <= articles
    assert {r["doc_id"] for r in rows} == {"harbour-convention", "pilots-protocol", "harbour-guide"}


def test_reingest_of_unchanged_files_computes_no_embeddings(settings, corpus, embedder):
    first = ingest([corpus], settings, embedder=embedder)
    second = ingest([corpus], settings, embedder=embedder)
    assert first.embeddings_computed > 0
    assert second.embeddings_computed == 0
    assert sorted(second.unchanged) == ["harbour-convention", "harbour-guide", "pilots-protocol"]


def test_a_changed_file_replaces_its_old_chunks(settings, corpus, embedder):
    ingest([corpus], settings, embedder=embedder)
    protocol = corpus / "pilots-protocol.md"
    protocol.write_text(protocol.read_text().replace("five years", "three years"))
    report = ingest([corpus], settings, embedder=embedder)
    catalog = Catalog(settings.catalog_path)
    texts = " ".join(c.text for c in catalog.chunks("pilots-protocol"))
    assert report.updated == ["pilots-protocol"]
    assert report.embeddings_computed == 1, "only the edited paragraph's chunk is new"
    assert "three years" in texts and "five years" not in texts
    assert open_store(settings).ids() == catalog.chunk_ids()


def test_prune_drops_documents_whose_files_are_gone(settings, corpus, embedder):
    ingest([corpus], settings, embedder=embedder)
    (corpus / "harbour-guide.md").unlink()
    report = ingest([corpus], settings, prune=True, embedder=embedder)
    catalog = Catalog(settings.catalog_path)
    assert report.pruned == ["harbour-guide"]
    assert [d.doc_id for d in catalog.documents()] == ["harbour-convention", "pilots-protocol"]
    assert not any(i.startswith("harbour-guide:") for i in open_store(settings).ids())


def test_an_unreadable_file_is_reported_and_the_others_are_indexed(settings, corpus, embedder):
    empty = corpus.parent / "empty.txt"
    empty.write_text("")
    report = ingest([corpus, empty], settings, embedder=embedder)
    assert [f.path.name for f in report.failed] == ["empty.txt"]
    assert len(report.added) == 3


def test_a_file_that_turns_bad_leaves_its_indexed_version_untouched(settings, corpus, embedder):
    ingest([corpus], settings, embedder=embedder)
    catalog = Catalog(settings.catalog_path)
    before = [c.id for c in catalog.chunks("harbour-guide")]
    (corpus / "harbour-guide.md").write_bytes(b"")
    report = ingest([corpus], settings, embedder=embedder)
    assert [f.path.name for f in report.failed] == ["harbour-guide.md"]
    assert [c.id for c in catalog.chunks("harbour-guide")] == before
    assert set(before) <= open_store(settings).ids()


def test_vectors_the_catalog_does_not_own_are_removed_on_the_next_ingest(settings, corpus, embedder):
    ingest([corpus], settings, embedder=embedder)
    catalog = Catalog(settings.catalog_path)
    catalog.delete_document("harbour-guide")  # as if a run died after the catalog swap
    report = ingest([corpus / "harbour-convention.md"], settings, embedder=embedder)
    assert report.orphans_removed > 0
    assert open_store(settings).ids() == catalog.chunk_ids()


def test_the_index_refuses_a_different_embedding_model(fixture_index):
    with pytest.raises(ConfigError, match="built with embedding model"):
        open_store(fixture_index.with_overrides(embed_model="/models/another-embedder"))


def test_a_corrupt_embedded_store_is_unavailable_not_a_crash(settings):
    from advisor.errors import StoreUnavailable

    settings.chroma_dir.mkdir(parents=True)
    (settings.chroma_dir / "chroma.sqlite3").write_bytes(b"not a database " * 100)
    with pytest.raises(StoreUnavailable, match="file is not a database"):
        open_store(settings)
