"""Legal structure: each body block knows its chapter, article and paragraph address."""

from __future__ import annotations

import pytest

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


def _units(parts, kind="guidance"):
    doc = document(parts, kind=kind)
    return [(doc.text[s.start : s.end][:12], s.article) for s in parse_structure(doc) if not s.is_heading]


def test_numbered_section_headings_of_papers_are_citable_sections():
    parts = [
        ("2. THE ELEMENT OF BENEFIT", 1),
        ("Benefit is broader than money.", None),
        ("2.3 Investigation techniques", 2),
        ("Officers should record the route.", None),
        ("Case 3: a ferry ticket", 3),
        ("The ticket was the benefit.", None),
        ("Annex", 1),
        ("Survey questions.", None),
    ]
    body = [s for s in parse_structure(document(parts, kind="issue-paper")) if not s.is_heading]
    assert [s.article for s in body] == ["section 2", "section 2.3", "section 2.3", ""]
    assert (
        body[1].section == "2.3 Investigation techniques"
        and body[1].article_title == "Investigation techniques"
    )


def test_model_law_articles_are_alphanumeric_and_commentary_is_its_own_unit():
    parts = [
        ("Option A", 2),
        ("Article 5.A Smuggling of migrants", 3),
        ("(1) Any person who procures the illegal entry commits an offence.", None),
        ("(a) for a benefit;", None),
        ("Commentary", 4),
        ("This provision is mandatory; its source is article 6 of the Protocol.", None),
        ("(a) national example;", None),
        ("Article 5.B Aggravation", 3),
        ("(1) The penalty is increased.", None),
    ]
    assert _units(parts, "model-law") == [
        ("(1) Any pers", "5.A"),
        ("(a) for a be", "5.A"),
        ("This provisi", "5.A, Commentary"),
        ("(a) national", "5.A, Commentary"),
        ("(1) The pena", "5.B"),
    ]
    body = [s for s in parse_structure(document(parts, kind="model-law")) if not s.is_heading]
    assert [s.paragraph for s in body] == ["1", "1(a)", "", "", "1"]


def test_a_guide_numbered_through_its_part_is_cited_by_paragraph():
    parts = [("Part Three", 1), ("I. General provisions", 2), ("1. Introduction", 3)]
    parts += [(f"{n}. States should consider measure number {n}.", None) for n in range(1, 6)]
    parts += [("“Article 6 of the Protocol”", None), ("2. Summary of main requirements", 3)]
    parts += [(f"{n}. The guide explains point {n}.", None) for n in range(6, 12)]
    units = _units(parts, "guide")
    assert units[0] == ("1. States sh", "para. 1")
    assert units[5] == ("“Article 6 o", "para. 5")  # a quoted block stays with its paragraph
    assert units[6] == ("6. The guide", "para. 6")
    assert units[-1][1] == "para. 11"


def test_paragraph_numbers_restarting_in_each_article_are_not_a_guide():
    units = _units(HARBOUR_TREATY, "treaty")
    assert {article for _, article in units} == {"", "1", "2", "3"}


def test_manual_modules_and_their_lettered_sections():
    parts = [
        ("Module 3 Investigation", 1),
        ("This module covers investigation.", None),
        ("A. Learning objectives", 2),
        ("On completing this module users will be able to:", None),
        ("B. Case study", 2),
        ("A truck was stopped.", None),
        ("Module 4 Prosecution", 1),
        ("A. Learning objectives", 2),
        ("Users will charge the case.", None),
    ]
    assert [a for _, a in _units(parts, "manual")] == [
        "Module 3",
        "Module 3, section A",
        "Module 3, section B",
        "Module 4, section A",
    ]


def test_toolkit_tools_and_their_sections():
    parts = [
        ("Tool 5 Law enforcement", 1),
        ("Tool 5 is about police work.", None),
        ("Tool 5.3 Interviewing", 2),
        ("Interview migrants as witnesses; see Tool 6.2.", None),
        ("Promising practice", 3),
        ("A joint team was formed.", None),
    ]
    assert [a for _, a in _units(parts)] == ["Tool 5", "Tool 5.3", "Tool 5.3"]


def test_a_volume_numbering_each_part_afresh_cites_the_part_with_the_paragraph():
    parts = []
    for part in ("One", "Three"):
        parts.append((f"Part {part}", 1))
        parts += [(f"{n}. Guidance point {n} of Part {part}.", None) for n in range(1, 10)]
    units = [a for _, a in _units(parts, "guide")]
    assert units[0] == "Part One, para. 1" and units[-1] == "Part Three, para. 9"


def test_a_contents_list_is_navigation_and_never_body_text():
    parts = [
        ("Contents", 2),
        ("Introduction", None),
        (". . . . . . . . 2", None),
        ("Chapter II. Criminalization . . . . . 5", 3),
        ("Introduction", 2),
        ("This guide explains the Protocol.", None),
    ]
    body = [doc_text for doc_text, _ in _units(parts)]
    assert body == ["This guide e"]


@pytest.mark.parametrize(
    ("chapter", "article", "title"),
    [
        ("Capítulo II", "Artículo 8. Medidas contra el tráfico por mar", "Medidas contra el tráfico por mar"),
        ("Глава II", "Статья 8. Меры по борьбе с незаконным ввозом", "Меры по борьбе с незаконным ввозом"),
        ("第二章", "第八条 打击海上偷运移民的措施", "打击海上偷运移民的措施"),
        ("الفصل الثاني", "المادة ٨ تدابير مكافحة التهريب", "تدابير مكافحة التهريب"),
    ],
)
def test_editions_in_other_un_languages_number_the_same_articles(chapter, article, title):
    parts = [(chapter, 2), (article, 3), ("1. Texto del párrafo.", None)]
    body = [s for s in parse_structure(document(parts)) if not s.is_heading]
    assert (body[0].article, body[0].article_title, body[0].paragraph) == ("8", title, "1")
