"""Typesetting shared by the guidance look-alikes, and the ground truth recorded while it happens.

Pages in the truth come from reportlab's own layout (the page a flowable was drawn on), never
from reading the PDF back, so the unit test that checks them against pypdf is a real check.
Every document is built twice: the first pass fixes where things fall, the second prints the
contents page and "Page N of M" footers with those numbers.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

MARGIN = 72.0
#: Space kept free under the text frame on every page for footnotes (real layouts grow the
#: note area upwards; a fixed one is simpler and still puts notes below the body text).
NOTE_AREA = 62.0
NOTE_SIZE = 7.5
NOTE_LEADING = 9.0
#: A footnote reference is set this far above the baseline in its own text object: far enough
#: that pypdf (and many real PDFs read with it) puts the number on a line of its own.
REFERENCE_RISE = 5.2
REFERENCE_SIZE = 6.0
WORDS_IN_START = 8
_TAG = re.compile(r"<[^>]+>")


def plain(markup: str) -> str:
    """What a reader sees of paragraph markup: tags and footnote references dropped."""
    return " ".join(html.unescape(_TAG.sub("", markup)).split())


def first_words(markup: str, count: int = WORDS_IN_START) -> str:
    return " ".join(plain(markup).split()[:count])


def roman(number: int, lower: bool = False) -> str:
    """Roman numeral for chapter and front-matter page numbers."""
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]  # fmt: skip
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out.lower() if lower else out


def styles(font: str = "Times") -> dict[str, ParagraphStyle]:
    """Body in a standard serif or sans font; headings bold and larger (the loader's evidence)."""
    regular, bold = ("Times-Roman", "Times-Bold") if font == "Times" else ("Helvetica", "Helvetica-Bold")
    italic = "Times-Italic" if font == "Times" else "Helvetica-Oblique"

    def heading(name: str, size: float, before: float) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=bold, fontSize=size, leading=size * 1.25,
                              spaceBefore=before, spaceAfter=6, keepWithNext=True)  # fmt: skip

    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=12.5, spaceAfter=6)
    return {
        "title": heading("title", 20, 0),
        "h1": heading("h1", 15, 12),
        "h2": heading("h2", 12.5, 10),
        "h3": heading("h3", 11, 8),
        "body": body,
        "italic": ParagraphStyle("italic", parent=body, fontName=italic),
        "quote": ParagraphStyle(
            "quote", parent=body, leftIndent=28, rightIndent=28, fontSize=9.5, leading=12
        ),
        "item": ParagraphStyle("item", parent=body, leftIndent=22, firstLineIndent=-16),
        "subitem": ParagraphStyle("subitem", parent=body, leftIndent=44, firstLineIndent=-18),
        "cell": ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5, spaceAfter=0),
        "cellhead": ParagraphStyle("cellhead", parent=body, fontName=bold, fontSize=8.5, leading=10.5),
        "boxtitle": ParagraphStyle("boxtitle", parent=body, fontName=bold, spaceAfter=3),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10),
    }


@dataclass
class Truth:
    """The ground truth of one PDF, in the JSON shape `tests/data/guidance` documents."""

    file: str
    doc_id: str
    kind: str
    pages: int = 0
    units: list[dict[str, Any]] = field(default_factory=list)
    pinpoints: list[dict[str, Any]] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    footnotes: list[dict[str, Any]] = field(default_factory=list)
    boxes: list[dict[str, Any]] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)
    treaty_links: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True)
class Furniture:
    """What the page edges carry from the page this is set on: header, footer, numbering."""

    header: str = ""
    #: e.g. "{n}" or "Page {n} of {total}"; `n` is the printed page number.
    footer: str = ""
    restart: bool = False
    roman: bool = False


class _FurnitureMark(Flowable):
    """Zero-size flowable: the document applies its `Furniture` on the page it lands on."""

    def __init__(self, furniture: Furniture) -> None:
        super().__init__()
        self.furniture = furniture

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        """Nothing to draw: the template reads the mark in `afterFlowable`."""


class _Tracked(Paragraph):
    """A paragraph whose truth records get the page it starts on (a split keeps them on part 1)."""

    records: tuple[dict[str, Any], ...] = ()

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        parts = super().split(available_width, available_height)
        if parts:
            parts[0].records = self.records
            for part in parts[1:]:
                part.records = ()
        return parts


class Story:
    """Flowables of one document plus the truth they carry; fixture modules write through it."""

    def __init__(
        self, truth: Truth, font: str = "Times", contents: dict[str, int | str] | None = None
    ) -> None:
        self.truth = truth
        self.css = styles(font)
        self.flow: list[Flowable] = []
        self.notes: dict[str, str] = {}
        #: Printed page (or paragraph range) of each contents key, from the first pass.
        self.contents = contents if contents is not None else {}
        self.marks: dict[str, dict[str, Any]] = {}
        self._unit: str | None = None
        self._unit_open = False

    # -- page furniture and breaks ------------------------------------------------------
    def furniture(self, furniture: Furniture) -> None:
        self.flow.append(_FurnitureMark(furniture))

    def page_break(self) -> None:
        self.flow.append(PageBreak())

    def space(self, height: float) -> None:
        self.flow.append(Spacer(1, height))

    # -- text -------------------------------------------------------------------------------
    def heading(self, text: str, style: str = "h2", mark: str | None = None) -> None:
        """A heading; `mark` names it for the contents page (its printed page is recorded)."""
        records: tuple[dict[str, Any], ...] = ()
        if mark is not None:
            self.marks[mark] = {"printed": 0}
            records = (self.marks[mark],)
        self._add(text, style, records)

    def unit(self, label: str | None) -> None:
        """Text from here on belongs to `label`; its next body paragraph opens it."""
        self._unit = label
        self._unit_open = label is not None

    @property
    def current_unit(self) -> str | None:
        return self._unit

    def para(
        self,
        markup: str,
        style: str = "body",
        *,
        pinpoint: tuple[str, str] | None = None,
        links: Sequence[str] = (),
    ) -> None:
        """A body paragraph; `pinpoint` is (label, fragment) for a sub-paragraph citation."""
        records: list[dict[str, Any]] = []
        if self._unit_open and self._unit is not None:
            entry = {"unit": self._unit, "page": 0, "starts_with": first_words(markup)}
            self.truth.units.append(entry)
            records.append(entry)
            self._unit_open = False
        if pinpoint is not None:
            entry = {"pinpoint": pinpoint[0], "page": 0, "text": pinpoint[1]}
            self.truth.pinpoints.append(entry)
            records.append(entry)
        if links and self._unit is not None:
            self.link(links)
        self._add(markup, style, tuple(records))

    def link(self, articles: Iterable[str]) -> None:
        """The current unit discusses these treaty articles by name."""
        wanted = list(dict.fromkeys(articles))
        for entry in self.truth.treaty_links:
            if entry["unit"] == self._unit:
                entry["articles"] = list(dict.fromkeys(entry["articles"] + wanted))
                return
        self.truth.treaty_links.append({"unit": self._unit, "articles": wanted})

    def note(self, text: str, anchor: str) -> str:
        """Footnote reference markup to put right after `anchor` (the words it follows)."""
        marker = str(len(self.notes) + 1)
        self.notes[marker] = text
        self.truth.footnotes.append(
            {"unit": self._unit, "marker": marker, "text": " ".join(text.split()[:7]), "anchor": anchor}
        )
        return f'{anchor}<onDraw name="noteref" label="{marker}"/>'

    def raw(self, flowable: Flowable) -> None:
        self.flow.append(flowable)

    # -- boxes and tables ---------------------------------------------------------------
    def box(self, title: str, paragraphs: Sequence[str], shade: str = "#EEEEEE") -> None:
        """A bordered box: one table row per paragraph, so a long box may break between them."""
        rows = [[Paragraph(title, self.css["boxtitle"])]] + [
            [Paragraph(p, self.css["body"])] for p in paragraphs
        ]
        table = Table(rows, colWidths=[self._width() - 12], style=TableStyle([
            ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(shade)),
            ("LEFTPADDING", (0, 0), (-1, -1), 8), ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ]))  # fmt: skip
        self.flow += [Spacer(1, 4), table, Spacer(1, 8)]
        self.truth.boxes.append({"unit": self._unit, "title": plain(title),
                                 "fragments": [first_words(paragraphs[0], 6), _last_words(paragraphs[-1], 6)]})  # fmt: skip

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> None:
        """A gridded table whose header row is repeated on every page it runs onto."""
        cells = [[Paragraph(h, self.css["cellhead"]) for h in header]]
        cells += [[Paragraph(c, self.css["cell"]) for c in row] for row in rows]
        total = sum(widths)
        table = Table(cells, colWidths=[self._width() * w / total for w in widths], repeatRows=1,
                      style=TableStyle([
                          ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                          ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDDDDD")),
                          ("VALIGN", (0, 0), (-1, -1), "TOP"),
                      ]))  # fmt: skip
        self.flow += [Spacer(1, 4), table, Spacer(1, 10)]
        self.truth.tables.append({"unit": self._unit, "header": list(header),
                                  "rows": [[plain(c) for c in row] for row in rows]})  # fmt: skip

    def _add(self, markup: str, style: str, records: tuple[dict[str, Any], ...]) -> None:
        paragraph = _Tracked(markup, self.css[style])
        paragraph.records = records
        self.flow.append(paragraph)

    def _width(self) -> float:
        return 451.0  # narrower of A4 and letter minus margins; boxes and tables fit both


class ContentsLine(Flowable):
    """A contents entry with dotted leaders; a paragraph range's dash is a drawn rule, as in
    layouts whose dash glyph has no text mapping (it extracts as nothing)."""

    def __init__(self, title: str, page: str, indent: float = 0, size: float = 10) -> None:
        super().__init__()
        self.title, self.page, self.indent, self.size = title, page, indent, size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.6

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont("Times-Roman", self.size)
        canvas.drawString(self.indent, 2, self.title)
        start = self.indent + canvas.stringWidth(self.title, "Times-Roman", self.size) + 6
        end = self.width - canvas.stringWidth(self.page, "Times-Roman", self.size) - 6
        dots = int((end - start) / canvas.stringWidth(". ", "Times-Roman", self.size))
        canvas.drawString(start, 2, ". " * max(dots, 0))
        if "-" in self.page:
            low, high = self.page.split("-")
            right = self.width - canvas.stringWidth(high, "Times-Roman", self.size)
            canvas.drawRightString(right - 10, 2, low)
            canvas.line(right - 8, 2 + self.size * 0.3, right - 2, 2 + self.size * 0.3)
            canvas.drawRightString(self.width, 2, high)
        else:
            canvas.drawRightString(self.width, 2, self.page)


def _last_words(markup: str, count: int) -> str:
    return " ".join(plain(markup).split()[-count:])


class _Document(BaseDocTemplate):
    """Applies furniture marks, fills truth pages, and draws header, notes and footer."""

    def __init__(self, path: Path, pagesize: tuple[float, float], story: Story, total: int) -> None:
        super().__init__(str(path), pagesize=pagesize, invariant=1, title=story.truth.doc_id,
                         leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN + NOTE_AREA - 20)  # fmt: skip
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPageEnd=self._page_end)])
        self._story = story
        self._total = total
        self._furniture = Furniture()
        self._numbering_starts = 1
        self._refs_on_page: list[str] = []
        self.printed: dict[int, str] = {}

    def handle_pageBegin(self) -> None:
        super().handle_pageBegin()
        self._refs_on_page = []
        self.canv.setNamedCB("noteref", self._note_reference)

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, _FurnitureMark):
            self._furniture = flowable.furniture
            if flowable.furniture.restart:
                self._numbering_starts = self.page
        for record in getattr(flowable, "records", ()):
            record["page"] = self.page
            record["printed"] = self.page - self._numbering_starts + 1
        self.printed[self.page] = self._printed_number()

    def _printed_number(self) -> str:
        number = self.page - self._numbering_starts + 1
        return roman(number, lower=True) if self._furniture.roman else str(number)

    def _note_reference(self, canvas: Canvas, kind: str, label: str) -> None:
        """Set the reference number as its own small raised text object, as typesetters do."""
        info = canvas._curr_tx_info
        text = info["tx"]
        x, y, line_start = info["cur_x"], info["cur_y"], text._x0
        small = canvas._doc.getInternalFontName("Times-Roman")
        body = canvas._doc.getInternalFontName(text._fontname)
        size = text._fontsize
        # Back to the line's start, then advance to where the words continue: the text
        # object's own relative moves (next line, next word) stay valid.
        text._code.append(
            f"{small} {REFERENCE_SIZE} Tf 1 0 0 1 {x:.2f} {y + REFERENCE_RISE:.2f} Tm ({label}) Tj "
            f"{body} {size} Tf 1 0 0 1 {line_start:.2f} {y:.2f} Tm [{-(x - line_start) * 1000 / size:.1f}] TJ"
        )
        self._refs_on_page.append(label)

    def _page_end(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        width, height = self.pagesize
        furniture = self._furniture
        canvas.saveState()
        if furniture.header:
            canvas.setFont("Helvetica-Oblique", 8)
            canvas.drawString(MARGIN, height - 42, furniture.header)
            canvas.line(MARGIN, height - 46, width - MARGIN, height - 46)
        if furniture.footer:
            canvas.setFont("Helvetica", 8.5)
            body_pages = self._total - self._numbering_starts + 1
            label = furniture.footer.format(n=self._printed_number(), total=body_pages)
            canvas.drawCentredString(width / 2, 30, label)
        self._draw_notes(canvas)
        canvas.restoreState()

    def _draw_notes(self, canvas: Canvas) -> None:
        lines: list[str] = []
        for marker in self._refs_on_page:
            lines += _wrap(f"{marker} {self._story.notes[marker]}", self.width)
        if not lines:
            return
        y = self.bottomMargin - 14
        canvas.line(MARGIN, y + 9, MARGIN + 120, y + 9)
        canvas.setFont("Times-Roman", NOTE_SIZE)
        for line in lines:
            canvas.drawString(MARGIN, y, line)
            y -= NOTE_LEADING


def _wrap(text: str, width: float) -> list[str]:
    from reportlab.lib.utils import simpleSplit

    return simpleSplit(text, "Times-Roman", NOTE_SIZE, width)


def render(
    path: Path,
    make_story: Callable[[dict[str, int | str]], Story],
    pagesize: tuple[float, float],
    furniture: Callable[[Story, dict[int, str], int], list[str]],
) -> Truth:
    """Lay the document out twice (contents and totals need the first pass) and fill its truth.

    `furniture` lists, from the finished story, the printed page labels and the page count,
    the strings that must never reach a chunk.
    """
    first = make_story({})
    document = _Document(path, pagesize, first, total=0)
    document.build(first.flow)
    contents = {key: mark["printed"] for key, mark in first.marks.items()}
    story = make_story(contents)
    document = _Document(path, pagesize, story, total=document.page)
    document.build(story.flow)
    truth = story.truth
    truth.pages = document.page
    truth.furniture = furniture(story, document.printed, document.page)
    for entry in truth.units + truth.pinpoints:
        entry.pop("printed", None)
    return truth
