"""The faithfulness guard: sentences stand only on the passages they cite."""

from __future__ import annotations

import pytest

from advisor.answering.verify import Verifier
from advisor.config import Settings
from advisor.index.embeddings import Embedder

PASSAGES = [
    "Harbour Convention, Article 2(3): A State Party that has taken any measure in accordance with "
    "paragraph 2 of this article shall promptly inform the flag State of the results of that measure.",
    "Pilots Protocol, Article 2(2): A licence shall be valid for no more than five years and may be "
    "renewed after a medical examination.",
]


@pytest.fixture(scope="module")
def verifier(embedder: Embedder) -> Verifier:
    settings = Settings()
    return Verifier(embedder, settings.verifier_threshold, settings.verifier_lexical_share)


def test_a_faithful_paraphrase_is_kept_with_its_citation(verifier):
    result = verifier.verify(
        "The State must promptly inform the flag State of the results of the measure. [1]", PASSAGES
    )
    assert result.removed == 0 and result.checks[0].supported and result.checks[0].cited == [1]


def test_a_changed_number_is_removed(verifier):
    result = verifier.verify("A licence is valid for no more than ten years. [2]", PASSAGES)
    assert result.removed == 1 and result.text == ""


def test_a_negated_obligation_is_removed(verifier):
    result = verifier.verify("The State does not need to inform the flag State of the results. [1]", PASSAGES)
    assert result.removed == 1


def test_an_unrelated_claim_is_removed_even_with_a_citation(verifier):
    result = verifier.verify("Pilots must speak at least two languages fluently. [2]", PASSAGES)
    assert result.removed == 1


def test_citations_to_passages_not_given_are_dropped(verifier):
    result = verifier.verify("A licence may be renewed after a medical examination. [2][7]", PASSAGES)
    assert result.citations_dropped == [7]
    assert "[7]" not in result.text and "[2]" in result.text


def test_an_uncited_but_supported_sentence_gets_the_citation_it_deserves(verifier):
    result = verifier.verify("A licence may be renewed after a medical examination.", PASSAGES)
    assert result.checks[0].cited == [2] and result.text.endswith("[2]")


def test_marking_instead_of_removing_keeps_the_sentence_flagged(embedder: Embedder):
    settings = Settings()
    marking = Verifier(embedder, settings.verifier_threshold, settings.verifier_lexical_share, mark=True)
    result = marking.verify("Pilots must speak at least two languages fluently. [2]", PASSAGES)
    assert result.removed == 0 and result.text.endswith("[unsupported]")
