"""Every file the loaders cannot read is refused with a one-line reason that names the file."""

from __future__ import annotations

import logging
import random
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from advisor.errors import DocumentError
from advisor.ingest.loaders import load_document


def _refusal(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        load_document(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    return message


def _one_page_pdf(
    path: Path, text: str = "Article 1. Scope of application.", **canvas_options: object
) -> Path:
    canvas = Canvas(str(path), pagesize=A4, **canvas_options)
    canvas.setFont("Times-Roman", 10.5)
    canvas.drawString(72, 760, text)
    canvas.save()
    return path


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "treaty.docx"
    path.write_bytes(b"PK\x03\x04 not supported")
    message = _refusal(path)
    assert "unsupported file type .docx" in message and ".pdf" in message


def test_missing_file_is_reported(tmp_path: Path) -> None:
    assert "file not found" in _refusal(tmp_path / "absent.pdf")


@pytest.mark.parametrize("name", ["empty.pdf", "empty.md", "empty.txt", "empty.html"])
def test_empty_file_is_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert "empty file" in _refusal(path)


def test_whitespace_only_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t \n", encoding="utf-8")
    assert "empty file" in _refusal(path)


def test_markup_without_words_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rules.md"
    path.write_text("---\n\n***\n", encoding="utf-8")
    assert "no text" in _refusal(path)


def test_corrupt_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(random.Random(7).randbytes(4096))
    assert "not a readable PDF" in _refusal(path)


def test_truncated_pdf_is_refused(tmp_path: Path) -> None:
    whole = _one_page_pdf(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    assert "PDF" in _refusal(path)


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    path = _one_page_pdf(tmp_path / "locked.pdf", encrypt="user-secret")
    assert "encrypted PDF; cannot decrypt it without a password" in _refusal(path)


def test_image_only_pdf_is_refused_as_scanned(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFillGray(0.4)
    canvas.rect(72, 400, 400, 300, fill=1)
    canvas.save()
    assert "no text layer (scanned?); OCR is not supported" in _refusal(path)


def test_pdf_with_only_page_numbers_is_refused(tmp_path: Path) -> None:
    path = _one_page_pdf(tmp_path / "numbers.pdf", text="1")
    assert "no text besides page headers" in _refusal(path)


def test_binary_content_in_a_text_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"Article 1\x00\x00\x01")
    assert "binary content" in _refusal(path)


def test_undecodable_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "garbled.md"
    # 0x81 and 0x8d are invalid UTF-8 starts and undefined in cp1252.
    path.write_bytes(b"# Title\n\n\x81\x8d text")
    assert "undecodable text" in _refusal(path)


def test_cp1252_text_is_read_with_a_note(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes(b"The \x93smuggling of migrants\x94 \x96 caf\xe9.")
    with caplog.at_level(logging.WARNING):
        doc = load_document(path)
    assert doc.text == "The “smuggling of migrants” – café."
    assert doc.metadata["encoding"] == "cp1252"
    assert "decoded as cp1252" in caplog.text


def test_utf8_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes("\ufeff# Model Law\n\nText.".encode())
    doc = load_document(path)
    assert doc.text == "Model Law\n\nText."
    assert doc.metadata["encoding"] == "utf-8"
