"""A quiz as a file: JSON here, every other format through `advisor.trainer.exports.export`.

`exports` is imported when a file is asked for, so a quiz can be generated (and served as JSON)
by an installation whose exporters are absent; asking it for another format then says so."""

from __future__ import annotations

import importlib

from advisor.errors import ExportUnavailable
from advisor.models import Quiz, QuizFormat

JSON_MEDIA_TYPE = "application/json"


def quiz_file(quiz: Quiz, fmt: QuizFormat) -> tuple[bytes, str, str]:
    """(content, media type, file suffix) of `quiz` in `fmt`."""
    if fmt == "json":
        return quiz.model_dump_json(indent=2).encode() + b"\n", JSON_MEDIA_TYPE, ".json"
    try:
        exports = importlib.import_module("advisor.trainer.exports")
    except ModuleNotFoundError as e:
        if e.name != "advisor.trainer.exports":
            raise
        raise ExportUnavailable(
            f"this installation cannot write {fmt} quizzes yet (advisor.trainer.exports is missing): use json"
        ) from e
    return exports.export(quiz, fmt)
