"""Gold question sets: the documented schema, and errors that name the line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.errors import DatasetError
from advisor.evaluation.dataset import load_dataset, provision_id, split_of

FIXTURE_DATASET = Path(__file__).resolve().parents[1] / "data" / "eval_fixture.jsonl"
GOOD = {
    "id": "q1",
    "question": "How long is a pilot's licence valid?",
    "type": "lookup",
    "answerable": True,
    "reference_answer": "Five years.",
    "gold": [{"doc": "pilots-protocol", "article": "2", "evidence": "no more than five years"}],
}


def _write(tmp_path: Path, *rows: dict | str) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    return path


def test_the_fixture_dataset_has_an_unanswerable_item_and_a_follow_up() -> None:
    items = load_dataset(FIXTURE_DATASET)
    assert 8 <= len(items) <= 12
    assert any(not i.answerable for i in items)
    assert any(i.type == "follow-up" and i.history for i in items)


def test_a_missing_field_is_named_with_its_line(tmp_path: Path) -> None:
    broken = {k: v for k, v in GOOD.items() if k != "answerable"} | {"id": "q2"}
    with pytest.raises(DatasetError, match=r"set\.jsonl:2: field answerable: Field required"):
        load_dataset(_write(tmp_path, GOOD, broken))


def test_a_line_that_is_not_json_is_named(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r":2: not valid JSON"):
        load_dataset(_write(tmp_path, GOOD, "{'id': 'q2'"))


def test_a_misspelt_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r":1: field refrence_answer"):
        load_dataset(_write(tmp_path, GOOD | {"refrence_answer": "x"}))


def test_an_unknown_question_type_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r":1: field type"):
        load_dataset(_write(tmp_path, GOOD | {"type": "trivia"}))


def test_an_answerable_item_without_gold_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="needs at least one gold provision"):
        load_dataset(_write(tmp_path, GOOD | {"gold": []}))


def test_a_repeated_id_names_both_lines(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r":2: field id: 'q1' already used at .*set\.jsonl:1$"):
        load_dataset(_write(tmp_path, GOOD, GOOD))


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="no items"):
        load_dataset(_write(tmp_path, ""))


def test_provision_ids_match_the_gold_forms() -> None:
    assert provision_id("smuggling-protocol", "8") == "smuggling-protocol:8"
    assert provision_id("unodc-som-services", "") == "unodc-som-services"
    assert provision_id("unclos", "6", "IV") != provision_id("unclos", "6")


def test_the_split_is_fixed_by_the_id_alone(tmp_path: Path) -> None:
    first = load_dataset(_write(tmp_path, GOOD))[0]
    again = load_dataset(_write(tmp_path, {**GOOD, "question": "Reworded entirely?"}))[0]
    assert first.split == again.split == split_of("q1")


def test_about_three_in_ten_ids_are_validation() -> None:
    share = sum(split_of(f"item-{n}") == "validation" for n in range(2000)) / 2000
    assert 0.25 < share < 0.35


def test_a_folder_is_read_file_by_file_and_ids_stay_unique_across_files(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({**GOOD, "id": "q2", "language": "fr"}) + "\n", encoding="utf-8"
    )
    items = load_dataset(tmp_path)
    assert [(i.id, i.language) for i in items] == [("q1", "en"), ("q2", "fr")]
    (tmp_path / "c.jsonl").write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"c\.jsonl:1: field id: 'q1' already used at .*a\.jsonl:1"):
        load_dataset(tmp_path)


def test_a_folder_without_question_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"no \*\.jsonl files"):
        load_dataset(tmp_path)
