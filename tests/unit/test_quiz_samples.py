"""The committed sample quiz (`docs/samples/`, 20 items over articles 1–9 of the Smuggling
Protocol, `advisor quiz --doc smuggling-protocol --articles 1-9 --n 20 --seed 1`): every item
cites a provision in the range asked for, and every export of it parses."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import docx
from moodle_xml_parser.parser import parse_bytes

from advisor.models import Quiz
from tests import aiken, gift

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"
STEM = "smuggling-protocol-arts-1-9"
QUIZ = Quiz.model_validate_json((SAMPLES / f"{STEM}.json").read_text(encoding="utf-8"))


def test_twenty_items_all_citing_articles_one_to_nine():
    assert len(QUIZ.items) == 20
    assert all(i.source.doc_id == "smuggling-protocol" for i in QUIZ.items)
    assert {int(i.source.article) for i in QUIZ.items} <= set(range(1, 10))
    assert all(i.source.provision.startswith(f"Article {i.source.article}") for i in QUIZ.items)


def test_the_gift_sample_parses_with_one_question_per_item():
    questions = gift.parse((SAMPLES / f"{STEM}.gift.txt").read_text(encoding="utf-8"))
    assert len(questions) == len(QUIZ.items)


def test_the_moodle_xml_sample_parses():
    raw = (SAMPLES / f"{STEM}.xml").read_bytes()
    assert len(ET.fromstring(raw).findall("question")) == len(QUIZ.items)
    parsed = parse_bytes(raw)
    assert sum(len(questions) for questions in parsed.values()) > 0


def test_the_aiken_sample_parses_with_the_choice_items():
    questions = aiken.read((SAMPLES / f"{STEM}.aiken.txt").read_text(encoding="utf-8"))
    choice = [i for i in QUIZ.items if i.options and i.type != "true-false"]
    assert len(questions) >= len(choice) > 0


def test_the_csv_docx_and_markdown_samples_hold_every_item():
    rows = list(csv.DictReader(io.StringIO((SAMPLES / f"{STEM}.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(QUIZ.items)
    text = "\n".join(p.text for p in docx.Document(str(SAMPLES / f"{STEM}.docx")).paragraphs)
    markdown = (SAMPLES / f"{STEM}.md").read_text(encoding="utf-8")
    for item in QUIZ.items:
        assert item.source.provision in text and item.source.provision in markdown
