"""Plain-text loader: blank lines separate paragraphs; wrapped lines are re-joined."""

from __future__ import annotations

from pathlib import Path

from advisor.ingest.loaders import load_document


def test_blank_lines_separate_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(
        "Article 1\n\nThe purpose of this\nProtocol is to prevent.\n \n\nEnd.\n", encoding="utf-8"
    )
    doc = load_document(path)
    assert [b.text for b in doc.blocks] == [
        "Article 1",
        "The purpose of this Protocol is to prevent.",
        "End.",
    ]
    assert all(b.heading_level is None for b in doc.blocks)


def test_windows_line_endings_are_handled(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First line\r\nsame paragraph.\r\n\r\nSecond.\r\n")
    assert load_document(path).text == "First line same paragraph.\n\nSecond."


def test_text_has_no_pages(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Text.", encoding="utf-8")
    doc = load_document(path)
    assert doc.page_offsets == () and doc.page_at(0) is None
