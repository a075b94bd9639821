"""Reading a PDF page from its pixels: pdfium renders it, the `tesseract` program reads it.

Used only for pages whose text layer is garbled (`text_quality`): the glyphs are drawn right
even when the characters behind them are wrong, so the picture of the page says what it says.
OCR lines come back as `Line`s in PDF points with the geometry tesseract measured, so the same
furniture and paragraph rules apply to them as to the text layer's lines.

Tesseract is a Debian package (`tesseract-ocr` plus a language pack per language), not a Python
one; `ocr_reader` returns None when it is switched off or not installed, and the loader then
leaves garbled pages out instead of reading them.
"""

from __future__ import annotations

import io
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pypdfium2 as pdfium

from advisor.config import Settings
from advisor.errors import DocumentError
from advisor.ingest.loaders.cleaning import normalize_inline
from advisor.ingest.loaders.pdf_lines import Line

logger = logging.getLogger(__name__)

#: The font name OCR lines carry: no font is known, and it must not read as bold or italic.
OCR_FONT = "OCR"
#: Tesseract's `x_size` of a line runs from ascender to descender: about the font size (0.96-0.98
#: of it for 11 pt Helvetica-like text at 300 dpi, measured on
#: tests/data/guidance/garbled-issue-paper.pdf; a 14 pt heading reads 12.3 pt, still larger).
_LINE_SIZE_TO_POINTS = 1 / 0.98
#: Sizes are rounded to this many points, so one body size is found across OCR lines.
_SIZE_STEP = 0.5
#: Width of a space in ems, for `Line.lead_width` (what the line's first word needed above).
_SPACE_EM = 0.25
#: hOCR classes of a line of text (tesseract marks headings and captions apart).
_LINE_CLASSES = frozenset({"ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"})
#: One thread: tesseract's OpenMP threads make one page several times slower on a small machine
#: (3.5 s against 0.85 s per page on 2 cores).
_TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class TesseractReader:
    """Reads one page of a PDF with the `tesseract` program (`languages` as in its `-l`)."""

    executable: str
    languages: str
    dpi: int
    timeout_s: float

    @property
    def name(self) -> str:
        """What the index records, so that switching OCR on or off re-reads the documents."""
        return f"tesseract-{self.languages}-{self.dpi}"

    def read_page(self, path: Path, page_number: int) -> list[Line]:
        """The page's lines as tesseract reads them, top to bottom."""
        image, height = _render(path, page_number, self.dpi)
        command = [self.executable, "stdin", "stdout", "-l", self.languages, "--dpi", str(self.dpi), "hocr"]
        try:
            done = subprocess.run(
                command,
                input=image,
                capture_output=True,
                timeout=self.timeout_s,
                check=True,
                env={**os.environ, **_TESSERACT_ENV},
            )
        except subprocess.TimeoutExpired as e:
            raise DocumentError(f"{path}: OCR of page {page_number} took over {self.timeout_s:g} s") from e
        except (subprocess.CalledProcessError, OSError) as e:
            detail = getattr(e, "stderr", b"") or str(e).encode()
            raise DocumentError(
                f"{path}: OCR of page {page_number} failed ({detail.decode(errors='replace').strip()[:200]})"
            ) from e
        try:
            return _lines(done.stdout.decode("utf-8", errors="replace"), page_number, height, 72 / self.dpi)
        except DocumentError as e:
            raise DocumentError(f"{path}: {e}") from e


def ocr_reader(settings: Settings) -> TesseractReader | None:
    """The OCR reader the settings ask for; None when OCR is off or tesseract is missing."""
    if settings.ocr == "off":
        return None
    executable = shutil.which("tesseract")
    if executable is None:
        logger.debug("tesseract is not installed: garbled PDF pages will be left out, not read by OCR")
        return None
    return TesseractReader(executable, settings.ocr_languages, settings.ocr_dpi, settings.ocr_timeout_s)


def _render(path: Path, page_number: int, dpi: int) -> tuple[bytes, float]:
    """The page as a greyscale PNG at `dpi`, and its height in points."""
    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise DocumentError(f"{path}: cannot render page {page_number} for OCR ({e})") from e
    try:
        page = document[page_number - 1]
        height = page.get_height()
        image = page.render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), height


def _lines(hocr: str, page_number: int, page_height: float, scale: float) -> list[Line]:
    """The `Line`s of tesseract's hOCR, in its reading order (blocks, paragraphs, lines)."""
    try:
        root = ElementTree.fromstring(hocr)
    except ElementTree.ParseError as e:
        raise DocumentError(f"page {page_number}: tesseract's output is not readable ({e})") from e
    lines = []
    for element in root.iter():
        if element.get("class") in _LINE_CLASSES:
            line = _line(element, page_number, page_height, scale)
            if line is not None:
                lines.append(line)
    return lines


def _line(element: ElementTree.Element, page_number: int, page_height: float, scale: float) -> Line | None:
    words = [
        (_box(word), "".join(word.itertext()).strip())
        for word in element.iter()
        if word.get("class") == "ocrx_word"
    ]
    words = [(box, text) for box, text in words if text]
    text = normalize_inline(" ".join(text for _, text in words))
    if not text:
        return None
    left, _, right, bottom = _box(element)
    # x_size is tesseract's estimate of the line's size (ascender to descender) from its
    # model of the line, steadier than the box, which shrinks on a line without descenders.
    size = float(_property(element, "x_size") or bottom - _box(element)[1]) * scale * _LINE_SIZE_TO_POINTS
    first_box = words[0][0]
    return Line(
        page=page_number,
        text=text,
        x=left * scale,
        y=page_height - (bottom + float(_property(element, "baseline", 1) or 0)) * scale,
        right=right * scale,
        size=round(size / _SIZE_STEP) * _SIZE_STEP,
        font=OCR_FONT,
        lead_width=(first_box[2] - first_box[0]) * scale + _SPACE_EM * size,
    )


def _box(element: ElementTree.Element) -> tuple[int, int, int, int]:
    """hOCR's `bbox left top right bottom`, in pixels from the top left."""
    left, top, right, bottom = (int(value) for value in _property(element, "bbox", 0, 4).split())
    return left, top, right, bottom


def _property(element: ElementTree.Element, name: str, index: int = 0, count: int = 1) -> str:
    """The `name` property of an hOCR title ("bbox 1 2 3 4; x_size 44"): `count` values from `index`."""
    for part in (element.get("title") or "").split(";"):
        key, _, values = part.strip().partition(" ")
        if key == name:
            return " ".join(values.split()[index : index + count])
    return ""
