"""Session fixtures over the real corpus: one full ingest, shared by every integration test."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.ingest.incremental import ingest


@pytest.fixture(scope="session")
def corpus_index(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """Settings pointing at an index of the whole shared corpus, built once per session.

    Ingesting ~240 PDF pages with the real embedder takes about a minute, so ingestion and
    retrieval tests read this one index and must not modify it. The corpus folder has a
    manifest, so the treaties are read from their PDFs rather than their Markdown twins.
    """
    settings = Settings(index_dir=tmp_path_factory.mktemp("corpus-index") / "index")
    ingest([shared_dir / "corpus"], settings, embedder=embedder)
    return settings
