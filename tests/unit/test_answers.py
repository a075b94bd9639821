"""Extractive answers: verbatim quotes with pinpoint citations, or an honest abstention."""

from __future__ import annotations

import pytest

from advisor.errors import InvalidQuestion, UnknownDocument
from advisor.models import Turn


def test_every_quote_is_the_exact_text_at_its_offsets_and_page(fixture_advisor):
    answer = fixture_advisor.ask(
        "What may a State Party do when it suspects a vessel carries undeclared hazardous cargo?"
    )
    assert not answer.abstained and answer.citations
    for citation in answer.citations:
        text, _ = fixture_advisor.catalog.text_of(citation.doc_id)
        assert text[citation.start : citation.end] == citation.quote


def test_citations_are_numbered_in_the_text_and_pinpoint_the_paragraph(fixture_advisor):
    answer = fixture_advisor.ask(
        "What may a State Party do when it suspects a vessel carries undeclared hazardous cargo?"
    )
    provisions = [c.provision for c in answer.citations]
    assert "Article 2(2)" in provisions and "Article 2(2)(a)" in provisions
    for citation in answer.citations:
        assert f"[{citation.n}]" in answer.answer
    assert answer.answer.startswith("The documents address this in Harbour Convention, Article 2")


def test_a_sub_paragraph_is_quoted_with_its_chapeau(fixture_advisor):
    answer = fixture_advisor.ask("Can the vessel be searched?")
    provisions = [c.provision for c in answer.citations]
    assert "Article 2(2)(b)" in provisions, "the sub-paragraph on searching is quoted"
    assert "Article 2(2)" in provisions


def test_a_question_about_a_country_the_documents_never_mention_is_declined(fixture_advisor):
    answer = fixture_advisor.ask("What is the penalty for unlicensed pilotage in France?")
    assert answer.abstained and not answer.citations
    assert "do not cover" in answer.answer and "France" in answer.answer
    assert answer.see_also, "the nearest provisions are offered instead"


def test_a_figure_the_documents_do_not_set_is_not_invented(fixture_advisor):
    answer = fixture_advisor.ask("How many hours may a harbour master detain a vessel?")
    assert answer.abstained and "no such figure" in answer.answer


def test_a_figure_the_documents_set_is_quoted(fixture_advisor):
    answer = fixture_advisor.ask("How long is a pilot licence valid?")
    assert not answer.abstained
    assert any("five years" in c.quote for c in answer.citations)


def test_an_article_that_does_not_exist_is_said_not_to_exist(fixture_advisor):
    answer = fixture_advisor.ask("What does article 40 of the Harbour Convention say?")
    assert answer.abstained and "no article 40" in answer.answer


def test_a_follow_up_inherits_the_provisions_of_the_conversation(fixture_advisor):
    history = [
        Turn(role="user", content="Who must inspect vessels entering harbours?"),
        Turn(
            role="assistant",
            content="Article 2 of the Harbour Convention: each State Party shall inspect vessels.",
        ),
    ]
    answer = fixture_advisor.ask("And must the flag State be told of the results?", history)
    assert answer.citations[0].doc_id == "harbour-convention" and answer.citations[0].article == "2"
    assert any(c.paragraph == "3" for c in answer.citations)


def test_the_answer_object_carries_mode_timings_and_the_resolved_question(fixture_advisor):
    answer = fixture_advisor.ask("Must lighthouses be kept lit?")
    data = answer.model_dump()
    assert data["mode"] == "extractive" and data["verification"] is None
    assert {"retrieve", "answer", "total"} <= data["timings_ms"].keys()
    assert {
        "n",
        "doc_id",
        "title",
        "kind",
        "provision",
        "article",
        "paragraph",
        "page",
        "quote",
        "score",
    } <= data["citations"][0].keys()


@pytest.mark.parametrize("question", ["", "   ", "x" * 2001])
def test_empty_or_overlong_questions_are_refused(fixture_advisor, question):
    with pytest.raises(InvalidQuestion):
        fixture_advisor.ask(question)


def test_filters_naming_an_unknown_document_are_refused(fixture_advisor):
    with pytest.raises(UnknownDocument, match="not in the index"):
        fixture_advisor.filters(["no-such-treaty"])


def test_the_full_text_of_a_provision_is_available_for_open_the_source(fixture_advisor):
    provision = fixture_advisor.provision("harbour-convention", "2")
    assert (
        provision.text.startswith("Article 2")
        and "3. A State Party that has taken any measure" in provision.text
    )
    with pytest.raises(UnknownDocument):
        fixture_advisor.provision("harbour-convention", "99")


def test_a_provision_named_earlier_is_carried_not_named_so_a_new_topic_can_be_declined(fixture_advisor):
    history = [
        Turn(role="user", content="What does article 2 of the Harbour Convention say?"),
        Turn(role="assistant", content="Article 2 of the Harbour Convention requires inspections."),
    ]
    answer = fixture_advisor.ask("What is the penalty for unlicensed pilotage in France?", history)
    assert answer.abstained and "France" in answer.answer


def test_a_bare_paragraph_in_a_follow_up_is_read_as_a_paragraph_of_the_article_discussed(fixture_advisor):
    history = [
        Turn(role="user", content="What does article 2 of the Harbour Convention say?"),
        Turn(role="assistant", content="Article 2 of the Harbour Convention requires inspections."),
    ]
    answer = fixture_advisor.ask("And paragraph 3?", history)
    assert [c.provision for c in answer.citations] == ["Article 2(3)"]


def test_a_figure_written_in_words_counts_as_a_figure(fixture_advisor):
    answer = fixture_advisor.ask("How many arrivals a year make a lighthouse compulsory?")
    assert not answer.abstained and "one hundred arrivals" in answer.citations[0].quote


def test_what_guidance_says_about_an_article_is_found_through_the_article_it_names(fixture_advisor):
    answer = fixture_advisor.ask("What does the guide say about article 2?")
    first = answer.citations[0]
    assert (first.doc_id, first.provision) == ("harbour-guide", "section 2")
    assert first.authority == "UNODC guidance, not binding"
    assert "[UNODC guidance, not binding]" in answer.answer


def test_the_treaty_article_leads_the_guidance_that_explains_it(fixture_advisor):
    answer = fixture_advisor.ask(
        "Should the harbour master write down which pilot brought a ship in at night?"
    )
    assert [(c.doc_id, c.provision.split("(")[0]) for c in answer.citations][:1] == [
        ("harbour-convention", "Article 2")
    ]
    assert any(c.doc_id == "harbour-guide" for c in answer.citations), "the guidance explains it"
    assert answer.citations[0].authority == "binding treaty"


def test_what_does_not_bind_says_so_in_the_question_language(fixture_advisor):
    answer = fixture_advisor.ask("Que dit le guide des capitaines de port sur l'article 2 de la convention ?")
    assert answer.language == "fr"
    assert "[orientations de l'ONUDC, non contraignantes]" in answer.answer
