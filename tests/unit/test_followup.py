"""Follow-ups that turn to another instrument: the topic carries over, the instrument does not."""

from __future__ import annotations

import pytest

from advisor.models import Filters, Turn
from advisor.retrieval.followup import resolve_followup

LICENSING = [
    Turn(role="user", content="How long may a pilot's licence last under the Pilots Protocol?"),
    Turn(role="assistant", content="Article 2(2) of the Pilots Protocol: no more than five years."),
]


@pytest.mark.parametrize(
    ("question", "switched"),
    [
        ("And under the Harbour Convention?", ("harbour-convention",)),
        ("No, I meant the Harbour Convention, not the Pilots Protocol", ("harbour-convention",)),
        (
            "Is it the same in the Harbour Convention rather than the Pilots Protocol?",
            ("harbour-convention",),
        ),
        ("And how often must they be renewed?", ()),
    ],
)
def test_a_follow_up_turns_to_the_instruments_it_names_and_not_those_it_sets_aside(
    fixture_advisor, question, switched
):
    resolved = resolve_followup(question, LICENSING, fixture_advisor.instruments, None)
    assert resolved.switched_to == switched


def test_after_a_switch_the_earlier_instrument_is_neither_carried_nor_searched_by_name(fixture_advisor):
    resolved = resolve_followup(
        "And under the Harbour Convention?", LICENSING, fixture_advisor.instruments, None
    )
    assert resolved.carried == []
    assert "licence" in resolved.search_text and "Pilots Protocol" not in resolved.search_text


def test_a_follow_up_switching_instrument_is_answered_from_that_instrument(fixture_advisor):
    history = [
        Turn(role="user", content="Must pilots be protected against violence under the Pilots Protocol?"),
        Turn(role="assistant", content="Yes: Article 4 of the Pilots Protocol."),
    ]
    answer = fixture_advisor.ask("Is there something similar in the Harbour Convention?", history)
    assert answer.citations and {c.doc_id for c in answer.citations} == {"harbour-convention"}


def test_a_protocol_switched_to_brings_the_convention_it_supplements(fixture_advisor):
    assert fixture_advisor.instruments.with_parents(["pilots-protocol"]) == [
        "pilots-protocol",
        "harbour-convention",
    ]


def test_narrowing_filters_keeps_a_choice_of_documents_already_made():
    assert Filters().narrowed_to(["a", "b"]) == Filters(doc_ids=("a", "b"))
    assert Filters(doc_ids=("a", "c")).narrowed_to(["a", "b"]) == Filters(doc_ids=("a",))
    assert Filters(doc_ids=("c",)).narrowed_to(["a"]) == Filters(doc_ids=("c",))
