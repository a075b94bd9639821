"""Questions the texts cannot answer whatever retrieval finds: national law, case law, and who
ratified what when. Legal questions using the same words are still answered."""

from __future__ import annotations

import pytest

from advisor.answering.silence import unknown_terms, world_fact
from advisor.legal.languages import LANGUAGES


@pytest.mark.parametrize(
    ("code", "question", "named"),
    [
        ("en", "What is the maximum sentence in the Spanish criminal code?", "Spanish criminal code"),
        ("en", "Does Law No. 82 of 2016 comply with the Protocol?", "Law No. 82"),
        (
            "en",
            "Can carriers be fined under the Immigration and Asylum Act 1999?",
            "Immigration and Asylum Act 1999",
        ),
        ("en", "What does section 25 of the Immigration Act say?", "section 25 of the Immigration Act"),
        (
            "en",
            "What did the court hold in Hirsi Jamaa and Others v. Italy?",
            "Hirsi Jamaa and Others v. Italy",
        ),
        ("fr", "Quelle peine prévoit l'article L823-1 du CESEDA ?", "CESEDA"),
        ("es", "¿Qué pena prevé la Ley Orgánica 4/2000?", "Ley Orgánica 4/2000"),
        ("ru", "Какое наказание по статье 322.1 УК РФ?", "УК"),
        ("zh", "中国刑法第318条怎么规定的？", "刑法"),
        ("ar", "ما العقوبة في القانون المصري رقم 82 لسنة 2016؟", "قانون المصري رقم 82"),
    ],
)
def test_a_national_statute_or_case_named_in_the_question_is_recognised(code, question, named):
    assert LANGUAGES[code].names_national_law(question) == named


@pytest.mark.parametrize(
    "question",
    [
        "Can we prosecute under our domestic law even without a benefit?",
        "Domestic law: may we go further than the Protocol?",
        "The Italian courts asked us for bank records; must we help under UNTOC?",
        "A Moroccan national was found in a lorry; what offence is it?",
        "Must States criminalize smuggling in their criminal law?",
        "Is the Smuggling Protocol vs the Trafficking Protocol different on consent?",
    ],
)
def test_legal_questions_about_domestic_law_in_general_name_no_statute(question):
    assert LANGUAGES["en"].names_national_law(question) == ""


@pytest.mark.parametrize(
    ("question", "about_the_world"),
    [
        ("On what date did my country sign the Firearms Protocol?", True),
        ("In what year did Mexico become a party to UNTOC?", True),
        ("When did Italy ratify the Protocol?", True),
        ("When can a State sign the Protocol?", False),
        ("When does the Protocol enter into force?", False),
    ],
)
def test_when_a_state_ratified_is_a_fact_about_the_world(question, about_the_world):
    assert bool(world_fact(question)) is about_the_world


def test_a_question_about_a_national_statute_abstains_with_the_nearest_provisions(fixture_advisor):
    answer = fixture_advisor.ask("What fine does the Harbours Act 1995 set for unlicensed pilots?")
    assert answer.abstained and "Harbours Act 1995" in answer.answer
    assert answer.see_also


def test_a_statute_named_only_in_the_facts_of_a_case_does_not_stop_the_answer(fixture_advisor):
    answer = fixture_advisor.ask(
        "The pilot was convicted under the Harbours Act 1995 years ago. How long may a pilot's licence last?"
    )
    assert not answer.abstained


@pytest.mark.parametrize(
    "question",
    [
        "We are holding 14 Bangladeshis found in a container: must we tell them about their consulate?",
        "A man we intercepted is an Eritrean national who lived in Sudan. Can he be returned?",
        "Can we make Country X confirm whether the passport is genuine?",
        "Do the Afghans on the boat have a right to consular access?",
    ],
)
def test_where_people_come_from_is_a_fact_of_the_case_not_an_unknown_name(question):
    assert unknown_terms(question, {"country"}) == []


def test_names_the_corpus_never_uses_are_still_unknown():
    assert unknown_terms("What did Interpol and Frontex agree in 2021?", set()) == [
        "Interpol",
        "Frontex",
        "2021",
    ]
