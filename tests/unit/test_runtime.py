"""Process-wide switches are set by the entry point, never by building a component."""

from __future__ import annotations

import logging
import os

import pytest
import torch

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.index.lexical import LexicalIndex
from advisor.runtime import configure_process


def test_configure_process_goes_offline_quiets_bm25s_and_sets_torch_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    logging.getLogger("bm25s").setLevel(logging.DEBUG)
    threads = torch.get_num_threads()
    try:
        configure_process(Settings(embed_threads=1))
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(threads)
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert logging.getLogger("bm25s").level == logging.WARNING


def test_building_a_lexical_index_leaves_logger_levels_alone(fixture_advisor) -> None:
    bm25s_logger = logging.getLogger("bm25s")
    before = bm25s_logger.level
    bm25s_logger.setLevel(logging.INFO)
    try:
        LexicalIndex(fixture_advisor.catalog.chunks()[:3])
        assert bm25s_logger.level == logging.INFO
    finally:
        bm25s_logger.setLevel(before)


def test_loading_the_embedder_leaves_the_environment_and_threads_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    threads = torch.get_num_threads()
    Embedder(Settings(embed_threads=threads + 1)).embed_query("smuggling of migrants")
    assert "HF_HUB_OFFLINE" not in os.environ
    assert torch.get_num_threads() == threads
