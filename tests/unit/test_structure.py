"""Legal structure: each body block knows its chapter, article and paragraph address."""

from __future__ import annotations

from advisor.ingest.structure import parse_structure
from tests.builders import HARBOUR_TREATY, document


def _addresses(parts):
    doc = document(parts)
    return [
        (doc.text[s.start : s.end][:12], s.article, s.paragraph)
        for s in parse_structure(doc)
        if not s.is_heading
    ]


def test_numbered_paragraphs_and_subparagraphs_get_full_addresses():
    addresses = {text: (article, para) for text, article, para in _addresses(HARBOUR_TREATY)}
    assert addresses["1. Each Stat"] == ("2", "1")
    assert addresses["(a) Board th"] == ("2", "2(a)")
    assert addresses["3. States Pa"] == ("2", "3")
    assert addresses["(ii) Who is "] == ("1", "b(ii)")


def test_title_on_the_line_after_the_article_number_is_read():
    doc = document(HARBOUR_TREATY)
    article3 = [s for s in parse_structure(doc) if s.article == "3"]
    assert {s.article_title for s in article3} == {"Entry into force"}


def test_chapter_heading_ends_the_previous_article():
    doc = document(HARBOUR_TREATY)
    chapter = next(s for s in parse_structure(doc) if doc.text[s.start : s.end].startswith("Chapter II"))
    assert chapter.is_heading and chapter.article == "" and chapter.chapter == "II Final provisions"


def test_preamble_is_addressed_without_an_article():
    doc = document(HARBOUR_TREATY)
    preamble = next(s for s in parse_structure(doc) if doc.text[s.start : s.end].startswith("The States"))
    assert (preamble.article, preamble.section) == ("", "Preamble")


def test_body_text_starting_with_article_is_not_a_heading_when_typography_exists():
    parts = [("Article 1. Scope", 4), ("Article 5 of the Convention shall apply to this Protocol.", None)]
    body = [s for s in parse_structure(document(parts)) if not s.is_heading]
    assert len(body) == 1 and body[0].article == "1"


def test_plain_text_headings_are_found_without_typography():
    parts = [("Article 1", None), ("Scope", None), ("This applies to harbours.", None)]
    body = [s for s in parse_structure(document(parts)) if not s.is_heading]
    assert [(s.article, s.article_title) for s in body] == [("1", "Scope")]


def test_roman_articles_and_letter_sections_are_recognised():
    parts = [
        ("Article IV. Settlement of disputes", 4),
        ("A. Any dispute shall be referred to the Court.", None),
        ("(1) At the request of a party;", None),
        ("B.", None),
        ("(1) Otherwise by agreement.", None),
    ]
    addresses = [(s.article, s.paragraph) for s in parse_structure(document(parts)) if not s.is_heading]
    assert addresses == [("IV", "A"), ("IV", "A(1)"), ("IV", "B"), ("IV", "B(1)")]


def test_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    parts = [("Article 9. Lists", 4), ("(h) Eighth item;", None), ("(i) Ninth item;", None)]
    addresses = [s.paragraph for s in parse_structure(document(parts)) if not s.is_heading]
    assert addresses == ["h", "i"]


def test_annex_articles_carry_their_annex():
    parts = [
        ("Article 1. Main", 4),
        ("Text.", None),
        ("Annex II. Procedure", 2),
        ("Article 1. Annexed", 4),
        ("More.", None),
    ]
    body = [(s.annex, s.article) for s in parse_structure(document(parts)) if not s.is_heading]
    assert body == [("", "1"), ("II", "1")]


def test_numbered_section_headings_of_manuals_are_sections():
    parts = [("2.3 Investigation techniques", 2), ("Officers should record the route.", None)]
    body = [s for s in parse_structure(document(parts, kind="manual")) if not s.is_heading]
    assert body[0].section == "2.3 Investigation techniques" and body[0].article == ""
