"""Gold question sets: one JSON object per line, in the schema of ../shared/evals/README.md.

A dataset that does not follow the schema is refused whole, with the line and field at fault
(`DatasetError`): a silently skipped item would make two runs incomparable. A dataset is a
file or a folder of `*.jsonl` files (`evals/questions/`), read in name order.

Every item belongs to a fixed split, decided by its id alone (`split_of`): changes are tuned
on `tune` items and judged on `validation` ones (evals/questions/PROTOCOL.md).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.errors import DatasetError
from advisor.models import Turn

QuestionType = Literal[
    "lookup",
    "scenario",
    "article-ref",
    "cross-instrument",
    "compare",
    "guidance",
    "unanswerable",
    "follow-up",
]


Split = Literal["tune", "validation"]
#: An item is in validation when the first byte of sha256(id) is below this: about 30 % of
#: items, fixed by the id so that nobody can move a hard item out of validation.
VALIDATION_BELOW = 77


def split_of(item_id: str) -> Split:
    """The item's split, from its id alone (stable across files, machines and runs)."""
    first_byte = hashlib.sha256(item_id.encode("utf-8")).digest()[0]
    return "validation" if first_byte < VALIDATION_BELOW else "tune"


class GoldProvision(BaseModel):
    """A provision a correct answer relies on; `article` is "" for unnumbered text (a brochure)."""

    model_config = ConfigDict(extra="forbid")

    doc: str = Field(min_length=1)
    article: str
    evidence: str = ""

    @property
    def id(self) -> str:
        return provision_id(self.doc, self.article)


class EvalItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    question: str = Field(min_length=1)
    history: list[Turn] = []
    type: QuestionType
    answerable: bool
    reference_answer: str
    gold: list[GoldProvision] = []
    source: str | None = None
    #: ISO 639-1 code of the question's language.
    language: str = Field("en", min_length=2, max_length=3)
    #: For unanswerable items: a near-miss (about the field, but the documents are silent), or a
    #: request that is off-topic or addressed to the assistant, which must be refused.
    category: Literal["near-miss", "off-topic", "instruction"] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EvalItem:
        """Gold and answerability must agree, or retrieval and abstention cannot be scored."""
        if self.answerable and not self.gold:
            raise ValueError("an answerable item needs at least one gold provision")
        if not self.answerable and self.gold:
            raise ValueError("an unanswerable item must have no gold provisions")
        if self.type == "follow-up" and not self.history:
            raise ValueError("a follow-up item needs its history")
        return self

    @property
    def gold_ids(self) -> list[str]:
        return list(dict.fromkeys(g.id for g in self.gold))

    @property
    def split(self) -> Split:
        return split_of(self.id)


def provision_id(doc_id: str, article: str, annex: str = "") -> str:
    """The id ragas and the scores compare: "smuggling-protocol:8", or the bare document id
    for unnumbered text. Annex articles get their own ids, so they never match a gold
    provision of the main text with the same number."""
    if annex:
        return f"{doc_id}:annex-{annex}:{article}"
    return f"{doc_id}:{article}" if article else doc_id


def load_dataset(path: Path) -> list[EvalItem]:
    """Every item of `path` (a file, or a folder of *.jsonl files), validated; `DatasetError`
    naming the file, line and field otherwise."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files:
        raise DatasetError(f"dataset folder {path} has no *.jsonl files")
    items: list[EvalItem] = []
    seen: dict[str, str] = {}
    for file in files:
        for where, item in _read_items(file):
            if item.id in seen:
                raise DatasetError(f"{where}: field id: {item.id!r} already used at {seen[item.id]}")
            seen[item.id] = where
            items.append(item)
    if not items:
        raise DatasetError(f"dataset {path} has no items")
    return items


def _read_items(path: Path) -> list[tuple[str, EvalItem]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DatasetError(f"cannot read dataset {path}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise DatasetError(f"dataset {path} is not UTF-8 text") from e
    return [
        (f"{path}:{number}", _parse_line(path, number, line))
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]


def _parse_line(path: Path, number: int, line: str) -> EvalItem:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as e:
        raise DatasetError(f"{path}:{number}: not valid JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(data, dict):
        raise DatasetError(f"{path}:{number}: expected a JSON object, got {type(data).__name__}")
    try:
        return EvalItem.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "item"
        raise DatasetError(f"{path}:{number}: field {where}: {first['msg']}") from e


def rates_by_group(items: Sequence[EvalItem], flags: Sequence[bool]) -> dict[str, tuple[int, float]]:
    """(count, share true) of `flags` by split, for all items, the non-English ones and each
    language: "tune all", "validation non-en", "tune fr"... (the benchmarks' tables)."""
    groups: dict[str, list[bool]] = defaultdict(list)
    for item, flag in zip(items, flags, strict=True):
        groups[f"{item.split} all"].append(flag)
        if item.language != "en":
            groups[f"{item.split} non-en"].append(flag)
        groups[f"{item.split} {item.language}"].append(flag)
    return {k: (len(v), sum(v) / len(v)) for k, v in sorted(groups.items())}
