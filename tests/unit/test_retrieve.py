"""Retrieval over the fixture treaties: named provisions first, legal links followed, filters kept."""

from __future__ import annotations

from advisor.legal.references import ProvisionRef
from advisor.models import Filters, ProvisionKey, Reason
from advisor.pipeline import Advisor
from advisor.retrieval.candidates import ProvisionHit


def _keys(retrieval):
    return [p.key for p in retrieval.provisions]


def test_a_named_provision_comes_first_with_the_named_paragraph_leading(fixture_advisor):
    retrieval = fixture_advisor.retriever.retrieve("What does article 2(3) of the Harbour Convention say?")
    first = retrieval.provisions[0]
    assert first.key == ("harbour-convention", "", "2") and first.reason == Reason.NAMED
    assert "3" in first.hits[0].chunk.paragraphs


def test_the_convention_named_generically_is_the_only_convention_indexed(fixture_advisor):
    retrieval = fixture_advisor.retriever.retrieve("What does article 3 of the Convention provide?")
    assert retrieval.provisions[0].key == ("harbour-convention", "", "3")


def test_similarity_finds_the_provision_for_a_plain_question(fixture_advisor):
    retrieval = fixture_advisor.retriever.retrieve("Must lighthouses be kept lit at night?")
    assert retrieval.provisions[0].key == ("pilots-protocol", "", "3")


def test_a_protocol_question_answered_by_its_convention_brings_the_mutatis_mutandis_clause(fixture_advisor):
    retrieval = fixture_advisor.retriever.retrieve(
        "Under the Pilots Protocol, can a pilot operating without a licence who fled abroad be extradited?"
    )
    keys = _keys(retrieval)
    assert keys[0] == ("harbour-convention", "", "3")
    assert ("pilots-protocol", "", "1") in keys[:3]


def test_a_provision_referring_to_another_brings_the_target(fixture_index, embedder):
    # Few candidates: in a corpus this small every chunk is one, and a target found by
    # similarity is ranked by it, not brought by the reference.
    narrow = fixture_index.with_overrides(dense_candidates=2, lexical_candidates=2, headnote_candidates=0)
    retrieval = Advisor.load(narrow, embedder=embedder).retriever.retrieve(
        "protection of pilots against intimidation", top_k=6
    )
    assert _keys(retrieval)[0] == ("pilots-protocol", "", "4")
    target = {p.key: p for p in retrieval.provisions}[("harbour-convention", "", "2")]
    assert target.reason == Reason.CROSS_REFERENCE, "article 4 refers to article 2 of the Convention"


def test_filters_by_document_and_kind_are_respected(fixture_advisor):
    only_guide = fixture_advisor.retriever.retrieve(
        "training for harbour masters", Filters(doc_ids=("harbour-guide",))
    )
    assert {p.key[0] for p in only_guide.provisions} == {"harbour-guide"}
    treaties = fixture_advisor.retriever.retrieve("training for harbour masters", Filters(kinds=("treaty",)))
    assert "harbour-guide" not in {p.key[0] for p in treaties.provisions}


def test_provisions_carried_from_earlier_turns_are_favoured(fixture_advisor):
    carried = [ProvisionRef("harbour-convention", "2")]
    retrieval = fixture_advisor.retriever.retrieve("And what must they tell the flag State?", carried=carried)
    assert retrieval.provisions[0].key == ("harbour-convention", "", "2")
    assert retrieval.provisions[0].reason == Reason.CARRIED


def test_reasons_are_shown_in_the_words_answers_have_always_used():
    assert Reason.NAMED.describe() == "named in the question"
    assert Reason.CARRIED.describe() == "from the earlier turns"
    assert Reason.BRIDGE.describe() == "applies the Convention mutatis mutandis"
    key = ProvisionKey("untoc", "", "27")
    cited = ProvisionHit(key, 0.5, [], Reason.CROSS_REFERENCE, "Smuggling of Migrants Protocol, Article 6")
    assert cited.why == "referred to by Smuggling of Migrants Protocol, Article 6"
    assert ProvisionHit(key, 0.5, []).why == ""
