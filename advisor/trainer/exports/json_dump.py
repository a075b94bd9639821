"""JSON: the Quiz model itself, the same document the API returns, for re-import or archiving."""

from __future__ import annotations

from advisor.models import Quiz
from advisor.trainer.exports import register_format


@register_format("json", media_type="application/json", suffix=".json")
def write_json(quiz: Quiz) -> bytes:
    return quiz.model_dump_json(indent=2).encode("utf-8")
