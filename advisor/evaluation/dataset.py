"""Gold question sets: one JSON object per line, in the schema of ../shared/evals/README.md.

A dataset that does not follow the schema is refused whole, with the line and field at fault
(`DatasetError`): a silently skipped item would make two runs incomparable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from advisor.models import Turn
from advisor.errors import DatasetError

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


def provision_id(doc_id: str, article: str, annex: str = "") -> str:
    """The id ragas and the scores compare: "smuggling-protocol:8", or the bare document id
    for unnumbered text. Annex articles get their own ids, so they never match a gold
    provision of the main text with the same number."""
    if annex:
        return f"{doc_id}:annex-{annex}:{article}"
    return f"{doc_id}:{article}" if article else doc_id


def load_dataset(path: Path) -> list[EvalItem]:
    """Every item of `path`, validated; `DatasetError` naming the line and field otherwise."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DatasetError(f"cannot read dataset {path}: {e.strerror}") from e
    except UnicodeDecodeError as e:
        raise DatasetError(f"dataset {path} is not UTF-8 text") from e
    items: list[EvalItem] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        item = _parse_line(path, number, line)
        if item.id in seen:
            raise DatasetError(f"{path}:{number}: field id: {item.id!r} already used on line {seen[item.id]}")
        seen[item.id] = number
        items.append(item)
    if not items:
        raise DatasetError(f"dataset {path} has no items")
    return items


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
