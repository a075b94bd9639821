"""PDF documents: text layer read with pypdf, page furniture removed, paragraphs rebuilt.

Page numbers are kept (`page_offsets`) because citations must be checkable on the printed
page. Scanned PDFs are refused rather than indexed empty: the advisor must not claim to have
read a document it could not read. For the same reason pages whose text layer is garbled (a
broken font map) are read by OCR when a reader is given, and otherwise left out
(`pdf_quality`).
"""

from __future__ import annotations

import logging
import zlib
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from advisor.errors import DocumentError
from advisor.ingest.loaders.assemble import Piece, assemble
from advisor.ingest.loaders.base import LoadedText
from advisor.ingest.loaders.pdf_boilerplate import remove_boilerplate
from advisor.ingest.loaders.pdf_furniture import remove_furniture
from advisor.ingest.loaders.pdf_layout import Layout, heading_styles
from advisor.ingest.loaders.pdf_lines import FontWidths, Line, extract_page_lines
from advisor.ingest.loaders.pdf_paragraphs import build_pieces
from advisor.ingest.loaders.pdf_quality import PageReader, check_pages
from advisor.ingest.loaders.pdf_tables import split_tables

logger = logging.getLogger(__name__)

#: What pypdf raises on malformed files besides its own errors: broken streams surface as
#: zlib, key, index or type errors from deep inside the parser.
_MALFORMED_PDF = (
    PyPdfError,
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    AttributeError,
    OSError,
    RecursionError,
    zlib.error,
)
#: Producers that put a file name, not a title, into /Title.
_FILENAME_TITLE_ENDINGS = (".doc", ".docx", ".pdf", ".indd", ".rtf", ".odt", ".txt")


class PdfLoader:
    """Reads `.pdf` files that have a text layer; `ocr` reads the pages where it is garbled
    (None: those pages are left out)."""

    suffixes: tuple[str, ...] = (".pdf",)

    def __init__(self, ocr: PageReader | None = None) -> None:
        self.ocr = ocr

    def load(self, path: Path) -> LoadedText:
        reader = _open(path)
        pages = _read_lines(reader, path)
        if not any(pages):
            raise DocumentError(f"{path}: no text layer (scanned?); OCR is not supported")
        _warn_about_empty_pages(pages, path)
        checked = check_pages(pages, path, self.ocr)
        if not any(checked.pages):
            raise DocumentError(
                f"{path}: the text layer is garbled on every page ({_no_ocr_reason(self.ocr)})"
            )
        pages = remove_boilerplate(remove_furniture(checked.pages))
        if not any(pages):
            raise DocumentError(f"{path}: no text besides page headers, footers and numbers")
        items = [split_tables(lines) for lines in pages]
        # Table cells are set small and can outnumber the prose: measured with them, the body
        # size would be the cells' and every paragraph would read as a heading.
        text_lines = [[item for item in page if isinstance(item, Line)] for page in items]
        layout = Layout.measure(text_lines if any(text_lines) else pages)
        pieces = build_pieces(items, layout, heading_styles(text_lines, layout))
        return assemble(
            pieces,
            page_count=len(pages),
            title=_metadata_title(reader) or _first_heading(pieces),
            metadata={"pages": str(len(pages)), "producer": _producer(reader), **checked.metadata()},
        )


def _no_ocr_reason(ocr: PageReader | None) -> str:
    if ocr is None:
        return "OCR is off or tesseract is not installed"
    return "OCR could not read it either"


def _open(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            _decrypt_without_password(reader, path)
        return reader
    except _MALFORMED_PDF as e:
        raise DocumentError(f"{path}: not a readable PDF (corrupt or truncated: {e})") from e


def _decrypt_without_password(reader: PdfReader, path: Path) -> None:
    """Open "protected" PDFs that only restrict printing/copying (empty user password)."""
    try:
        result = reader.decrypt("")
    except DependencyError as e:
        raise DocumentError(f"{path}: encrypted PDF (AES) needs the 'cryptography' package to open") from e
    if result == PasswordType.NOT_DECRYPTED:
        raise DocumentError(f"{path}: encrypted PDF; cannot decrypt it without a password")


def _read_lines(reader: PdfReader, path: Path) -> list[list[Line]]:
    widths = FontWidths()
    try:
        return [extract_page_lines(page, number, widths) for number, page in enumerate(reader.pages, start=1)]
    except FileNotDecryptedError as e:
        raise DocumentError(f"{path}: encrypted PDF; cannot decrypt it without a password") from e
    except _MALFORMED_PDF as e:
        raise DocumentError(f"{path}: corrupt PDF content ({type(e).__name__}: {e})") from e


def _warn_about_empty_pages(pages: list[list[Line]], path: Path) -> None:
    empty = [number for number, lines in enumerate(pages, start=1) if not lines]
    if empty:
        logger.warning(
            "%s: %d page(s) without a text layer (scanned?), e.g. page %d; their text is missing",
            path,
            len(empty),
            empty[0],
        )


def _metadata_title(reader: PdfReader) -> str:
    try:
        title = (reader.metadata.title if reader.metadata else None) or ""
    except _MALFORMED_PDF:
        logger.debug("unreadable /Title in PDF metadata; using the first heading")
        return ""
    title = " ".join(str(title).split())
    return "" if title.lower().endswith(_FILENAME_TITLE_ENDINGS) else title


def _producer(reader: PdfReader) -> str:
    try:
        return str((reader.metadata.producer if reader.metadata else None) or "")
    except _MALFORMED_PDF:
        return ""


def _first_heading(pieces: list[Piece]) -> str:
    top = next((piece for piece in pieces if piece.heading_level == 1), None)
    return top.text.replace("\n", " ") if top else ""
