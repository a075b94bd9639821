"""Answerers: extractive (default, no model) and generative (a chat model behind a verifier)."""

from __future__ import annotations

from advisor.answerers.base import Answerer
from advisor.answerers.extractive import ExtractiveAnswerer
from advisor.answerers.generative import GenerativeAnswerer
from advisor.config import Settings
from advisor.embeddings import Embedder
from advisor.instruments import Instruments
from advisor.llm import open_llm
from advisor.passages import PassageSelector
from advisor.verify import Verifier

__all__ = ["Answerer", "ExtractiveAnswerer", "GenerativeAnswerer", "make_answerer"]


def make_answerer(
    settings: Settings,
    selector: PassageSelector,
    instruments: Instruments,
    vocabulary: frozenset[str],
    embedder: Embedder,
) -> Answerer:
    """Extractive unless `settings.llm` names a model; the generative answerer falls back on it."""
    extractive = ExtractiveAnswerer(settings, selector, instruments, vocabulary)
    model = open_llm(settings.llm, settings)
    if model is None:
        return extractive
    verifier = Verifier(embedder, settings.verifier_threshold, settings.verifier_lexical_share)
    return GenerativeAnswerer(settings, model, extractive, verifier)
