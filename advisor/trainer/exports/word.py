"""Word handout (python-docx): the Markdown handout's content, with the answer key starting on
a page of its own so a trainer can print the questions without it."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Cm

from advisor.models import Quiz, QuizItem
from advisor.trainer.exports import register_format
from advisor.trainer.exports.text import CHOICE_TYPES, citation, key_text, letter, xml_safe

_INDENT = Cm(0.75)


def _question(doc: DocxDocument, n: int, item: QuizItem) -> None:
    doc.add_paragraph(xml_safe(f"{n}. {item.question}"))
    if item.type in CHOICE_TYPES:
        for i, option in enumerate(item.options):
            doc.add_paragraph(xml_safe(f"{letter(i)}. {option.text}")).paragraph_format.left_indent = _INDENT
    else:
        note = doc.add_paragraph()
        note.add_run("Answer in your own words.").italic = True
        note.paragraph_format.left_indent = _INDENT


def _key(doc: DocxDocument, n: int, item: QuizItem) -> None:
    label = "Key" if item.type in CHOICE_TYPES else "Model answer"
    key = doc.add_paragraph(f"{n}. ")
    key.add_run(f"{label}: ").bold = True
    key.add_run(xml_safe(key_text(item)))
    if item.feedback:
        doc.add_paragraph(xml_safe(item.feedback)).paragraph_format.left_indent = _INDENT
    doc.add_paragraph(xml_safe(f"Source: {citation(item.source)}")).paragraph_format.left_indent = _INDENT


@register_format(
    "docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    suffix=".docx",
)
def write_docx(quiz: Quiz) -> bytes:
    doc = Document()
    doc.add_heading(xml_safe(quiz.title), level=0)
    doc.add_heading("Questions", level=1)
    for n, item in enumerate(quiz.items, 1):
        _question(doc, n, item)
    doc.add_page_break()
    doc.add_heading("Answer key", level=1)
    for n, item in enumerate(quiz.items, 1):
        _key(doc, n, item)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
