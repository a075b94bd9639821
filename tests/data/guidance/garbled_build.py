"""Build `garbled-issue-paper.pdf`: an issue-paper look-alike whose text layer is wrong on some pages.

Real UNODC PDFs show three kinds of damage, and this fixture has one page of each, between
clean pages that carry the same vocabulary:

- page 3 is set in an embedded TrueType font whose ToUnicode map sends every glyph to the
  Private Use Area (what a producer writes when it has no idea what a glyph is);
- page 4 is set in a font whose ToUnicode map is a wrong letter permutation (a broken map
  copied from another subset): the extracted words look like words but are not;
- page 5 draws each "fi" and "fl" with glyphs that map to nothing, as ligature glyphs without
  a Unicode mapping do, so "benefit" is extracted as "beneit".

The page is drawn right in every case: only the text layer lies, so OCR reads it back. The
words are our own, written for this fixture. Deterministic (`invariant=1`, fixed ids): a unit
test rebuilds the file and compares the bytes.

    PYTHONPATH=. .venv/bin/python tests/data/guidance/garbled_build.py
"""

from __future__ import annotations

import io
import json
import re
import string
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import StreamObject
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
PDF_PATH = HERE / "garbled-issue-paper.pdf"
TRUTH_PATH = HERE / "garbled-issue-paper.truth.json"
VERA = Path(rl_config.__file__).resolve().parent / "fonts" / "Vera.ttf"

TITLE = "Issue Paper: Profit, Financial Benefit and the Smuggling of Migrants"
HEADER = "Issue paper on the financial benefit element"
BODY_SIZE = 11.0
LEADING = 15.0
MARGIN = 72.0
#: Face names of the three TrueType fonts; the post-processing finds their ToUnicode maps by them.
PRIVATE_USE_FACE = "VeraPrivateUse"
PERMUTED_FACE = "VeraPermuted"
LIGATURE_FACE = "VeraLigature"
#: The wrong map of page 4, a permutation of the lower-case letters: vowels become consonants.
PERMUTED_FROM = "abcdefghijklmnopqrstuvwxyz"
PERMUTED_TO = "qxzvkwjpbmtnrcsgydhflaieou"
LIGATURES = re.compile("f[il]")

PAGES: dict[int, list[str]] = {
    1: [
        TITLE,
        "This paper looks at one element of the offence of smuggling of migrants: that the "
        "smuggler acts to obtain, directly or indirectly, a financial or other material benefit. "
        "It was written for officials, prosecutors and drafters who meet the question in their "
        "daily work, and it draws on the experience of offices in several regions.",
        "The benefit element was defined with a specific purpose. It separates organized criminal "
        "groups that profit from irregular migration from relatives, friends and humanitarian "
        "organizations that help people in flight without any profit motive. States identified this "
        "distinction as significant during the negotiations and kept it in the final text.",
        "The paper is confidential in its drafts but public in its final form. Readers who wish to "
        "comment are invited to write to the coordinating office before the end of the year.",
    ],
    2: [
        "Part one: what counts as a benefit",
        "A financial benefit is the plainest case: a fee paid in cash, by transfer or through an "
        "informal value system. Investigators follow the money flows, which often pass through "
        "several intermediaries before they reach the organizer. The profit is rarely kept in one "
        "place, and officials need financial intelligence to trace it.",
        "Other material benefits count as well. Services, goods, the use of a vehicle, or work on a "
        "fishing boat can all be the price of a crossing. Prosecutors have identified cases in which "
        "the benefit was a share of later earnings, fixed in advance and collected with threats.",
        "The conflict between the interests of the smuggler and those of the migrant is often "
        "visible in the price. A sufficient and efficient investigation therefore asks who set the "
        "price, who received it and what influence the payment had on the conditions of travel.",
    ],
    3: [
        "Part two: proving the purpose of profit",
        "The prosecution must show that the accused acted in order to obtain a benefit. A payment "
        "that was promised but never made can still prove the purpose. Messages, ledgers and "
        "witness statements are the usual evidence, and each must be verified with care.",
        "Courts have accepted indirect proof. When a driver carried strangers across a border at "
        "night for a sum far above the normal fare, the judges inferred the purpose of profit from "
        "the amount and the circumstances, without a confession.",
    ],
    4: [
        "Part three: humanitarian assistance",
        "People who help migrants for humanitarian reasons, or because they are family members, "
        "do not act for a benefit in this sense. Sharing the cost of fuel on a common journey is "
        "not a benefit either. Laws that leave out the benefit element risk punishing solidarity.",
        "Some States write an explicit exemption into their law. Others rely on the general "
        "definition and on prosecutorial discretion. Both approaches can work when guidance is "
        "clear and published, so that helpers know where the line is drawn.",
    ],
    5: [
        "Part four: practical findings",
        "In the files we reviewed, the financial benefit was identified in most cases through bank "
        "records and the flows of money between accounts. Officials found that the profit was "
        "often split among several people, each with a specific role in the final crossing.",
        "A significant number of files showed a conflict of evidence about the fee. Where the "
        "benefit was defined in the law with clear words, judges were more confident, and the "
        "influence of the definition on the outcome was visible in their reasons.",
        "Investigators who fled from routine and followed the flow of funds identified the "
        "organizers faster than those who relied on confessions alone.",
    ],
    6: [
        "Conclusions",
        "The benefit element keeps the offence aimed at those who profit from the movement of "
        "people. Drafters should keep it, define it with care and explain it in guidance for "
        "officials. Financial investigation should be part of every smuggling case.",
        "The final recommendations of this paper are a summary of the findings above: train "
        "investigators in financial analysis, publish guidance on humanitarian assistance, and "
        "collect data on the benefits identified in each prosecution.",
    ],
}
GARBLED_FACES = {3: PRIVATE_USE_FACE, 4: PERMUTED_FACE}
LIGATURE_PAGE = 5


def build() -> bytes:
    """The finished PDF: typeset with reportlab, then its three fonts' maps corrupted."""
    return _corrupt_maps(_typeset())


def truth() -> dict[str, object]:
    garbled = sorted([*GARBLED_FACES, LIGATURE_PAGE])
    return {
        "file": PDF_PATH.name,
        "pages": len(PAGES),
        "garbled_pages": garbled,
        "clean_pages": [page for page in PAGES if page not in garbled],
        "page_text": {str(page): "\n\n".join(PAGES[page]) for page in garbled},
    }


def _register_fonts() -> None:
    """Three faces from the one Vera file; reportlab shares a font object between
    registrations of the same face name, so each gets a name of its own."""
    for face in (PRIVATE_USE_FACE, PERMUTED_FACE, LIGATURE_FACE):
        if face in pdfmetrics.getRegisteredFontNames():
            continue
        font = TTFont(face, VERA)
        font.face.name = face.encode("ascii")
        pdfmetrics.registerFont(font)


def _typeset() -> bytes:
    _register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, pageCompression=1)
    canvas.setTitle(TITLE)
    canvas.setAuthor("advisor test fixtures")
    for number, paragraphs in PAGES.items():
        _draw_page(canvas, number, paragraphs)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw_page(canvas: Canvas, number: int, paragraphs: list[str]) -> None:
    width, height = A4
    canvas.setFont("Helvetica", 8)
    canvas.drawString(MARGIN, height - 40, HEADER)
    canvas.drawCentredString(width / 2, 36, str(number))
    font = GARBLED_FACES.get(number, "Helvetica")
    y = height - MARGIN - 20
    for index, paragraph in enumerate(paragraphs):
        heading = index == 0
        size = 14.0 if heading else BODY_SIZE
        line_font = "Helvetica-Bold" if heading and number not in GARBLED_FACES else font
        for line in _wrap(paragraph, line_font, size, width - 2 * MARGIN):
            if number == LIGATURE_PAGE:
                _draw_without_ligature_text(canvas, line, line_font, size, y)
            else:
                canvas.setFont(line_font, size)
                canvas.drawString(MARGIN, y, line)
            y -= size + 4
        y -= LEADING / 2


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            candidate = word
        current = candidate
    return [*lines, current] if current else lines


def _draw_without_ligature_text(canvas: Canvas, line: str, font: str, size: float, y: float) -> None:
    """One text object: "fi"/"fl" in the ligature face (Vera), the rest in the page's font."""
    text = canvas.beginText(MARGIN, y)
    cursor = 0
    for match in LIGATURES.finditer(line):
        text.setFont(font, size)
        text.textOut(line[cursor : match.start()])
        text.setFont(LIGATURE_FACE, size)
        text.textOut(match.group())
        cursor = match.end()
    text.setFont(font, size)
    text.textOut(line[cursor:])
    canvas.drawText(text)


def _corrupt_maps(pdf: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    # Every page lists every font: each map must be broken once, not once per page.
    fonts = {
        ref.idnum: ref.get_object() for page in writer.pages for ref in page["/Resources"]["/Font"].values()
    }
    for font in fonts.values():
        face = str(font["/BaseFont"]).split("+", 1)[-1]
        if face in (PRIVATE_USE_FACE, PERMUTED_FACE, LIGATURE_FACE):
            _replace_map(font["/ToUnicode"].get_object(), face)
    # Fixed file identifiers: pypdf would otherwise derive them from the time.
    writer._ID = None
    writer.add_metadata({"/Title": TITLE, "/Producer": "advisor test fixtures"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _replace_map(stream: StreamObject, face: str) -> None:
    """Rewrite a reportlab ToUnicode map (`<code> <unicode>` pairs) the way `face` breaks it."""
    lines = []
    for line in stream.get_data().decode("latin-1").splitlines():
        pair = re.fullmatch(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", line)
        if pair is not None:
            line = _broken_pair(int(pair.group(1), 16), int(pair.group(2), 16), face)
        lines.append(line)
    stream.set_data("\n".join(lines).encode("latin-1"))


def _broken_pair(code: int, char: int, face: str) -> str:
    if face == PRIVATE_USE_FACE and chr(char) not in string.whitespace:
        return f"<{code:02X}> <{0xE000 + code:04X}>"
    if face == PERMUTED_FACE and chr(char) in PERMUTED_FROM:
        return f"<{code:02X}> <{ord(PERMUTED_TO[PERMUTED_FROM.index(chr(char))]):04X}>"
    if face == LIGATURE_FACE and chr(char) in "fil":
        return f"<{code:02X}> <>"
    return f"<{code:02X}> <{char:04X}>"


def main() -> None:
    PDF_PATH.write_bytes(build())
    TRUTH_PATH.write_text(json.dumps(truth(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
