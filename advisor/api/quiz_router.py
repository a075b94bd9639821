"""POST /quiz (a grounded quiz from the indexed provisions) and POST /quiz/export (a quiz,
perhaps edited in the web page, as a file for a learning platform)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from advisor.api import quiz_service
from advisor.api.deps import AdvisorDep
from advisor.api.schemas import QuizExportRequest, QuizRequest
from advisor.models import Quiz

router = APIRouter(prefix="/quiz", tags=["quiz"])

_FILE = {"content": {"application/octet-stream": {}}, "description": "The quiz as a file (format ≠ json)."}


@router.post(
    "",
    response_model=Quiz,
    summary="Generate a quiz whose every item quotes the provision it rests on",
    responses={200: {"content": {"application/json": {}, **_FILE["content"]}}, 404: {}, 422: {}, 501: {}},
)
def make_quiz(body: QuizRequest, advisor: AdvisorDep) -> Quiz | Response:
    return quiz_service.quiz_response(advisor, body)


@router.post(
    "/export",
    response_class=Response,
    summary="A quiz as a file: GIFT, Aiken, Moodle XML, CSV, Markdown, DOCX or JSON",
    responses={200: _FILE, 422: {}, 501: {}},
)
def export_quiz(body: QuizExportRequest) -> Response:
    return quiz_service.export(body)
