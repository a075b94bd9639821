"""Provisions → answer: extractive (default, no model) or generative (a chat model behind the
verifier), with passage selection, abstention and plain-text rendering beside them."""

from __future__ import annotations

from advisor.answering.base import Answerer
from advisor.answering.extractive import ExtractiveAnswerer
from advisor.answering.generative import GenerativeAnswerer
from advisor.answering.passages import PassageSelector
from advisor.answering.verify import Verifier
from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.legal.instruments import Instruments
from advisor.llm import open_llm

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
