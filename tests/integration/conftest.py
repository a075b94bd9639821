"""Session fixtures over the real corpus: one full ingest, shared by every integration test;
and the headless browser the web page tests drive."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

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


def chromium_path() -> str:
    """Debian's chromium; missing is a failure where CI requires the browser, a skip elsewhere."""
    path = shutil.which("chromium")
    if path:
        return path
    if os.environ.get("ADVISOR_REQUIRE_BROWSER"):
        pytest.fail(
            "chromium is not installed but ADVISOR_REQUIRE_BROWSER is set: "
            "install Debian's 'chromium' package (scripts/setup does)"
        )
    pytest.skip(
        "chromium is not installed (Debian package 'chromium'); set ADVISOR_REQUIRE_BROWSER=1 to fail instead"
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, one per test module."""
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True)
        yield browser
        browser.close()
