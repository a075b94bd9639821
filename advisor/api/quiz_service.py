"""Quizzes over HTTP: request options into a `QuizSpec`, a quiz into JSON or a download."""

from __future__ import annotations

import re

from fastapi import Response

from advisor.api.schemas import QuizExportRequest, QuizRequest
from advisor.models import Quiz, QuizFormat
from advisor.pipeline import Advisor
from advisor.trainer.files import quiz_file
from advisor.trainer.generate import QuizSpec, generate_quiz, parse_types
from advisor.trainer.selection import Scope


def spec_of(request: QuizRequest) -> QuizSpec:
    scope = Scope(doc=request.doc, articles=request.articles, chapter=request.chapter, topic=request.topic)
    return QuizSpec(scope=scope, n=request.n, types=parse_types(request.types), seed=request.seed)


def quiz(advisor: Advisor, request: QuizRequest) -> Quiz:
    return generate_quiz(advisor, spec_of(request))


def quiz_response(advisor: Advisor, request: QuizRequest) -> Quiz | Response:
    """The Quiz itself for `json`; a file download for any other format."""
    generated = quiz(advisor, request)
    return generated if request.format == "json" else download(generated, request.format)


def export(request: QuizExportRequest) -> Response:
    return download(request.quiz, request.format)


def download(generated: Quiz, fmt: QuizFormat) -> Response:
    content, media_type, suffix = quiz_file(generated, fmt)
    name = (re.sub(r"[^A-Za-z0-9]+", "-", generated.title).strip("-").lower() or "quiz")[:80]
    headers = {"Content-Disposition": f'attachment; filename="{name}{suffix}"'}
    return Response(content, media_type=media_type, headers=headers)
