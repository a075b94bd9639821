"""Quiz generation over the fixture index: range, determinism, verbatim quotes, distractors,
true/false falsifications, de-duplication, errors."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

from advisor.errors import InvalidSelection, UnknownDocument
from advisor.models import Quiz, unit_label
from advisor.trainer import forms
from advisor.trainer.generate import DUPLICATE_RATIO, QuizSpec, generate_quiz, parse_types
from advisor.trainer.selection import Clause, Scope, parse_articles


def quiz(advisor, doc="harbour-convention", seed=1, n=100, **scope) -> Quiz:
    return generate_quiz(advisor, QuizSpec(Scope(doc=doc, **scope), n=n, seed=seed))


def test_every_item_cites_a_provision_in_the_requested_articles(fixture_advisor):
    generated = quiz(fixture_advisor, articles="2-3")
    assert generated.items
    assert {item.source.article for item in generated.items} <= {"2", "3"}
    assert generated.provisions == ["Harbour Convention, Article 2", "Harbour Convention, Article 3"]


def test_the_same_seed_gives_byte_identical_json(fixture_advisor):
    assert quiz(fixture_advisor, seed=7).model_dump_json() == quiz(fixture_advisor, seed=7).model_dump_json()


def test_another_seed_gives_another_quiz(fixture_advisor):
    first, second = quiz(fixture_advisor, seed=1, n=8), quiz(fixture_advisor, seed=2, n=8)
    assert [i.id for i in first.items] != [i.id for i in second.items]


def test_every_quote_is_the_catalog_text_at_its_offsets_inside_the_cited_provision(fixture_advisor):
    for doc in ("harbour-convention", "pilots-protocol"):
        for item in quiz(fixture_advisor, doc=doc).items:
            text, _ = fixture_advisor.catalog.text_of(item.source.doc_id)
            assert text[item.source.start : item.source.end] == item.source.quote
            provision = fixture_advisor.provision(item.source.doc_id, item.source.article)
            assert provision.start <= item.source.start < item.source.end <= provision.end


def test_no_two_items_are_near_duplicates(fixture_advisor):
    items = quiz(fixture_advisor).items
    texts = [f"{i.question} {i.answer}".lower() for i in items]
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            assert fuzz.ratio(texts[a], texts[b]) < DUPLICATE_RATIO


def test_a_choice_item_has_exactly_one_correct_option_and_no_distractor_repeats_it(fixture_advisor):
    choices = [i for i in quiz(fixture_advisor).items if i.type == "multiple-choice"]
    assert choices
    for item in choices:
        correct = [o for o in item.options if o.correct]
        assert len(correct) == 1 and correct[0].text == item.answer
        for option in item.options:
            if not option.correct:
                assert option.text.removesuffix(" …") not in item.source.quote
                assert fuzz.ratio(option.text, item.answer) < 75


def test_a_false_statement_really_differs_from_the_provision(fixture_advisor):
    false = [i for i in quiz(fixture_advisor).items if i.type == "true-false" and i.answer == "False"]
    assert false
    for item in false:
        shown = item.question.split("provides: “", 1)[1].removesuffix("”")
        assert shown not in " ".join(item.source.quote.split())
        assert item.feedback.startswith("False (")


def test_a_definition_item_keys_the_defining_words():
    clause = Clause("b", 100, 160, "b) “Pilot” shall mean a person who guides vessels;", 1)
    found = forms.definition_in(clause)
    assert found is not None and (found.term, found.text) == ("Pilot", "a person who guides vessels")


@pytest.mark.parametrize(
    ("statement", "changed"),
    [
        ("Migrants shall not become liable to prosecution.", "Migrants shall become liable to prosecution."),
        (
            "It may consider this Convention the legal basis.",
            "It shall consider this Convention the legal basis.",
        ),
        ("States Parties shall consider adopting measures.", "States Parties shall adopt measures."),
        ("It shall consider providing for it.", "It shall provide for it."),
        ("It enters into force on the ninetieth day.", "It enters into force on the thirtieth day."),
        ("Each State Party shall inspect vessels.", "Each State Party may inspect vessels."),
    ],
)
def test_a_contrast_changes_the_law_in_one_place(statement, changed):
    contrast = forms.contrast_in(statement)
    assert contrast is not None and forms.falsified(statement, contrast) == changed


def test_possibilities_and_saving_clauses_are_not_falsified():
    assert forms.contrast_in("Such measures as may be necessary are taken.") is None
    assert forms.contrast_in("Nothing in this Protocol shall prevent a State Party from acting.") is None


def test_types_filter_the_items(fixture_advisor):
    spec = QuizSpec(Scope(doc="harbour-convention"), n=100, types=parse_types("definition,obligation"))
    assert {i.type for i in generate_quiz(fixture_advisor, spec).items} == {"definition", "obligation"}


def test_n_caps_the_items(fixture_advisor):
    assert len(quiz(fixture_advisor, n=3).items) == 3


def test_a_topic_lists_the_provisions_it_selected_and_items_cite_only_them(fixture_advisor):
    generated = generate_quiz(fixture_advisor, QuizSpec(Scope(topic="licensing of pilots"), n=5))
    assert "Pilots Protocol, Article 2" in generated.provisions
    for item in generated.items:
        assert f"{item.source.title}, {unit_label('', item.source.article)}" in generated.provisions


def test_an_unknown_document_is_an_unknown_document(fixture_advisor):
    with pytest.raises(UnknownDocument, match="nope"):
        quiz(fixture_advisor, doc="nope")


@pytest.mark.parametrize("scope", [{"articles": "40-50"}, {"chapter": "IX"}])
def test_a_selection_of_nothing_says_what_exists(fixture_advisor, scope):
    with pytest.raises(InvalidSelection, match="has no provision"):
        quiz(fixture_advisor, **scope)


@pytest.mark.parametrize("spec", ["9-3", "1,,2", "a-b"])
def test_a_malformed_range_is_refused(spec):
    with pytest.raises(InvalidSelection):
        parse_articles(spec)


def test_ranges_and_single_articles_parse():
    assert parse_articles("1,3,5-7") == ["1", "3", (5, 7)]


def test_an_unknown_type_names_the_known_ones():
    with pytest.raises(InvalidSelection, match="multiple-choice"):
        parse_types("essay")
