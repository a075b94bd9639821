"""The indexed documents: list, details, a provision's full text, the original file; and, with
the API key, uploading and removing documents."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import FileResponse

from advisor.api import documents_service
from advisor.api.deps import AdvisorDep, ApiKeyDep, UploadsDep
from advisor.api.schemas import DocumentDetail, DocumentInfo, UploadResult
from advisor.errors import DocumentError
from advisor.models import Provision

router = APIRouter(prefix="/documents", tags=["documents"])


@router.get("", response_model=list[DocumentInfo], summary="The indexed documents")
def list_documents(advisor: AdvisorDep) -> list[DocumentInfo]:
    return documents_service.document_infos(advisor)


@router.get("/{doc_id}", response_model=DocumentDetail, summary="One document and its articles")
def get_document(doc_id: str, advisor: AdvisorDep) -> DocumentDetail:
    return documents_service.document_detail(advisor, doc_id)


@router.get("/{doc_id}/provisions/{article}", response_model=Provision, summary="A provision's full text")
def get_provision(
    doc_id: str,
    article: str,
    advisor: AdvisorDep,
    annex: Annotated[str, Query(max_length=20, description='The annex holding the article, e.g. "I".')] = "",
) -> Provision:
    return advisor.provision(doc_id, article, annex)


@router.get(
    "/{doc_id}/file",
    response_class=FileResponse,
    summary="The original file (open a PDF at a page with #page=N)",
    responses={200: {"content": {"application/pdf": {}, "text/markdown": {}, "text/plain": {}}}},
)
def get_file(doc_id: str, advisor: AdvisorDep) -> FileResponse:
    path, media_type = documents_service.source_file(advisor, doc_id)
    # Non-PDF files are shown as text in a sandbox: an indexed HTML page must not run script here.
    headers = {"X-Content-Type-Options": "nosniff"}
    if media_type != "application/pdf":
        headers["Content-Security-Policy"] = "sandbox"
    return FileResponse(
        path, media_type=media_type, filename=path.name, content_disposition_type="inline", headers=headers
    )


@router.post(
    "",
    response_model=UploadResult,
    status_code=201,
    dependencies=[ApiKeyDep],
    summary="Upload and index a PDF, Markdown or text file (id = the file's stem)",
    responses={401: {}, 403: {}, 409: {}, 413: {}, 415: {}, 422: {}},
)
def upload_document(
    uploads: UploadsDep, file: Annotated[UploadFile, File(description="PDF, Markdown or text.")]
) -> UploadResult:
    if not file.filename:
        raise DocumentError("the upload has no file name: the document id is taken from it")
    return uploads.add(file.filename, file.file)


@router.delete(
    "/{doc_id}", status_code=204, dependencies=[ApiKeyDep], summary="Remove a document from the index"
)
def delete_document(doc_id: str, uploads: UploadsDep) -> Response:
    uploads.remove(doc_id)
    return Response(status_code=204)
