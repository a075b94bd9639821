"""A quiz as a file, in any format `advisor.trainer.exports` writes.

A quiz edited by hand (the web page's "Prepare Q&A" view) may break a format's rules; that is
the user's input, so it is reported as `InvalidQuiz` (a 4xx), not as a crash."""

from __future__ import annotations

from advisor.errors import InvalidQuiz
from advisor.models import Quiz, QuizFormat
from advisor.trainer.exports import export


def quiz_file(quiz: Quiz, fmt: QuizFormat) -> tuple[bytes, str, str]:
    """(content, media type, file suffix) of `quiz` in `fmt`."""
    try:
        return export(quiz, fmt)
    except ValueError as e:
        raise InvalidQuiz(f"the quiz cannot be written as {fmt}: {e}") from e
