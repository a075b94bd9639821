"""Markdown loader: headings from `#`, words without markup, one block per paragraph."""

from __future__ import annotations

from pathlib import Path

from advisor.ingest.loaders import LoadedDocument, load_document

PROTOCOL_MD = """\
# Synthetic Protocol on *Testing*

_Source: written for the tests._

## Chapter I. General provisions

#### Article 1. Use of terms

For the purposes of this Protocol, **"vessel"** shall mean any type
of water craft, as defined in [article 3](https://example.org/a3) of the `Convention`.

1. Each State Party shall cooperate.

2. Measures shall be *environmentally sound* and __proportionate__.

- first bullet item
- second bullet item

**SUBSECTION A. RULES APPLICABLE TO ALL SHIPS**

Passage may be suspended by* force majeure *or distress.

| Period | Rate |
| --- | --- |
| years 1-10 | 5 per cent |
"""


def _load(tmp_path: Path, source: str, name: str = "protocol.md") -> LoadedDocument:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return load_document(path)


def _headings(doc: LoadedDocument) -> list[tuple[int | None, str]]:
    return [(b.heading_level, b.text) for b in doc.blocks if b.heading_level is not None]


def test_heading_level_is_the_number_of_hashes(tmp_path: Path) -> None:
    headings = _headings(_load(tmp_path, PROTOCOL_MD))
    assert headings[:3] == [
        (1, "Synthetic Protocol on Testing"),
        (2, "Chapter I. General provisions"),
        (4, "Article 1. Use of terms"),
    ]


def test_inline_markup_is_stripped_but_words_kept(tmp_path: Path) -> None:
    doc = _load(tmp_path, PROTOCOL_MD)
    assert (
        'For the purposes of this Protocol, "vessel" shall mean any type of water craft, '
        "as defined in article 3 of the Convention."
    ) in [b.text for b in doc.blocks]
    assert "2. Measures shall be environmentally sound and proportionate." in doc.text
    assert "*" not in doc.text.replace("by* force majeure *or", "")
    assert "https://" not in doc.text


def test_wrapped_lines_join_into_one_paragraph(tmp_path: Path) -> None:
    doc = _load(tmp_path, "Line one of a paragraph\ncontinues here.\n\nSecond paragraph.\n")
    assert [b.text for b in doc.blocks] == ["Line one of a paragraph continues here.", "Second paragraph."]


def test_numbered_paragraphs_keep_their_numbers(tmp_path: Path) -> None:
    doc = _load(tmp_path, PROTOCOL_MD)
    assert "1. Each State Party shall cooperate." in [b.text for b in doc.blocks]


def test_each_bullet_item_is_a_block_without_its_marker(tmp_path: Path) -> None:
    texts = [b.text for b in _load(tmp_path, PROTOCOL_MD).blocks]
    assert [t for t in texts if "bullet" in t] == ["first bullet item", "second bullet item"]


def test_paragraph_that_is_all_bold_is_a_heading(tmp_path: Path) -> None:
    headings = _headings(_load(tmp_path, PROTOCOL_MD))
    assert (5, "SUBSECTION A. RULES APPLICABLE TO ALL SHIPS") in headings


def test_italic_source_note_ending_a_sentence_stays_body_text(tmp_path: Path) -> None:
    doc = _load(tmp_path, PROTOCOL_MD)
    note = next(b for b in doc.blocks if b.text.startswith("Source:"))
    assert note.heading_level is None


def test_emphasis_not_hugging_its_words_is_left_as_written(tmp_path: Path) -> None:
    doc = _load(tmp_path, PROTOCOL_MD)
    assert "Passage may be suspended by* force majeure *or distress." in doc.text


def test_table_rows_become_blocks_and_rules_disappear(tmp_path: Path) -> None:
    texts = [b.text for b in _load(tmp_path, PROTOCOL_MD).blocks]
    assert texts[-2:] == ["Period | Rate", "years 1-10 | 5 per cent"]


def test_title_is_the_first_level_one_heading(tmp_path: Path) -> None:
    assert _load(tmp_path, PROTOCOL_MD).title == "Synthetic Protocol on Testing"


def test_title_falls_back_to_the_file_name(tmp_path: Path) -> None:
    doc = _load(tmp_path, "Just text.\n", name="model-law_2010.md")
    assert doc.title == "Model law 2010"


def test_front_matter_lines_stay_as_paragraphs(tmp_path: Path) -> None:
    doc = _load(tmp_path, "---\ntitle: Model Law\nyear: 2010\n---\n\n# Model Law\n\nText.\n")
    assert [b.text for b in doc.blocks] == ["title: Model Law", "year: 2010", "Model Law", "Text."]


def test_setext_heading_is_recognised(tmp_path: Path) -> None:
    doc = _load(tmp_path, "Model Law\n=========\n\nText.\n")
    assert _headings(doc) == [(1, "Model Law")]


def test_code_fence_content_is_kept_as_text(tmp_path: Path) -> None:
    doc = _load(tmp_path, "Intro.\n\n```\nArticle *1*\n```\n")
    assert [b.text for b in doc.blocks] == ["Intro.", "Article 1"]
