"""PDF loader on treaties typeset in the test with reportlab (platypus for flowing text, the
canvas where a line break must fall on an exact word)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from advisor.ingest.loaders import LoadedDocument, load_document

HEADER_LEFT = "Synthetic Convention (Testing)"
HEADER_RIGHT = "United Nations"
TITLE = "Synthetic Convention on the Testing of Document Loaders"

_CLAUSES = (
    (
        "Each State Party shall adopt such legislative and other measures as may be necessary "
        "to give effect to the obligations set forth in this article"
    ),
    (
        "when committed intentionally and in order to obtain, directly or indirectly, a financial "
        "or other material benefit"
    ),
    (
        "States Parties shall cooperate to the fullest extent possible with a view to preventing "
        "and suppressing the conduct described in this Convention"
    ),
    (
        "taking into account the rights of persons who have been the object of such conduct and "
        "the relevant provisions of international law"
    ),
)


def _paragraph(number: int, clauses: int) -> str:
    chosen = [_CLAUSES[(number + k) % len(_CLAUSES)] for k in range(clauses)]
    return f"{number}. " + "; ".join(chosen) + "."


@dataclass
class Treaty:
    """What was typeset: body paragraphs, and the page each heading was drawn on."""

    path: Path
    paragraphs: list[str] = field(default_factory=list)
    heading_pages: dict[str, int] = field(default_factory=dict)
    page_count: int = 0


class _RecordingTemplate(SimpleDocTemplate):
    """Remembers the page each heading lands on: the ground truth for page offsets."""

    def __init__(self, *args: object, record: dict[str, int], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._record = record

    def afterFlowable(self, flowable: object) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name.startswith("h"):
            self._record.setdefault(flowable.getPlainText(), self.page)


def _styles(alignment: int) -> dict[str, ParagraphStyle]:
    """Spacing as treaties are set: a label sits close to its title, far from what precedes."""

    def style(name: str, font: str, size: float, before: float) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=size * 1.25,
            alignment=TA_CENTER,
            spaceBefore=before,
            spaceAfter=3,
            keepWithNext=True,
        )

    return {
        "h1": style("h1", "Times-Bold", 15, 0),
        "h2": style("h2", "Times-Bold", 12, 18),
        "h3": style("h3", "Times-Bold", 10.5, 10),
        "h4": style("h4", "Times-Italic", 10.5, 1),
        "body": ParagraphStyle(
            "body", fontName="Times-Roman", fontSize=10.5, leading=13.5, spaceAfter=6, alignment=alignment
        ),
    }


def build_treaty(path: Path, footer: str = "{page}", alignment: int = 0) -> Treaty:
    """Three pages or so: title, a chapter, four articles, running header, page numbers."""
    treaty = Treaty(path)
    styles = _styles(alignment)
    story: list[Paragraph] = [
        Paragraph(TITLE, styles["h1"]),
        Paragraph("Chapter I", styles["h2"]),
        Paragraph("General provisions", styles["h4"]),
    ]
    number = 0
    for article, (title, paragraphs) in enumerate(
        [
            ("Scope of application", 2),
            ("Use of terms", 3),
            ("Criminalization", 6),
            ("Protection of migrants", 3),
        ],
        start=1,
    ):
        story += [Paragraph(f"Article {article}", styles["h3"]), Paragraph(title, styles["h4"])]
        for _ in range(paragraphs):
            number += 1
            treaty.paragraphs.append(_paragraph(number, 2 + number % 3))
            story.append(Paragraph(treaty.paragraphs[-1], styles["body"]))

    def furniture(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.setFont("Times-Italic", 8.5)
        canvas.drawString(56.7, 807.9, HEADER_LEFT)
        canvas.drawRightString(538.6, 807.9, HEADER_RIGHT)
        canvas.setFont("Times-Roman", 9)
        canvas.drawCentredString(297.6, 28.3, footer.format(page=doc.page))

    template = _RecordingTemplate(str(path), pagesize=A4, title=TITLE, record=treaty.heading_pages)
    template.build(story, onFirstPage=furniture, onLaterPages=furniture)
    treaty.page_count = template.page
    return treaty


@pytest.fixture
def treaty(tmp_path: Path) -> Treaty:
    return build_treaty(tmp_path / "synthetic-convention.pdf")


@pytest.fixture
def loaded(treaty: Treaty) -> LoadedDocument:
    return load_document(treaty.path)


def _spans_pages(doc: LoadedDocument, text: str) -> bool:
    block = next(block for block in doc.blocks if block.text == text)
    return doc.page_at(block.start) != doc.page_at(block.end - 1)


def test_running_header_lines_are_removed(loaded: LoadedDocument) -> None:
    assert HEADER_LEFT not in loaded.text
    assert HEADER_RIGHT not in loaded.text


@pytest.mark.parametrize("footer", ["{page}", "Page {page}", "- {page} -", "Page {page} of 3"])
def test_page_numbers_are_removed(tmp_path: Path, footer: str) -> None:
    treaty = build_treaty(tmp_path / "numbered.pdf", footer=footer)
    doc = load_document(treaty.path)
    assert not [b.text for b in doc.blocks if re.search(r"^(Page )?[-\d ]+( of \d+)?$", b.text)]
    assert "Page" not in doc.text


def test_each_typeset_paragraph_is_one_block(treaty: Treaty, loaded: LoadedDocument) -> None:
    body = [block.text for block in loaded.blocks if block.heading_level is None]
    assert body == treaty.paragraphs


def test_paragraph_running_onto_the_next_page_is_joined(treaty: Treaty, loaded: LoadedDocument) -> None:
    spanning = [text for text in treaty.paragraphs if _spans_pages(loaded, text)]
    assert spanning, "fixture should put a paragraph across a page break"


def test_justified_paragraphs_are_rebuilt(tmp_path: Path) -> None:
    treaty = build_treaty(tmp_path / "justified.pdf", alignment=TA_JUSTIFY)
    doc = load_document(treaty.path)
    assert [b.text for b in doc.blocks if b.heading_level is None] == treaty.paragraphs


def test_article_label_and_title_form_one_heading(loaded: LoadedDocument) -> None:
    headings = [block.text for block in loaded.blocks if block.heading_level is not None]
    assert "Article 3\nCriminalization" in headings
    assert "Chapter I\nGeneral provisions" in headings


def test_larger_or_bolder_headings_get_smaller_levels(loaded: LoadedDocument) -> None:
    level = {
        block.text.split("\n")[0]: block.heading_level
        for block in loaded.blocks
        if block.heading_level is not None
    }
    assert level[TITLE] < level["Chapter I"] < level["Article 1"]


def test_page_at_gives_the_page_a_heading_is_printed_on(treaty: Treaty, loaded: LoadedDocument) -> None:
    articles = [block for block in loaded.blocks if block.text.startswith("Article")]
    assert len(articles) > 1
    for block in articles:
        label = block.text.split("\n")[0]
        assert loaded.page_at(block.start) == treaty.heading_pages[label], label


def test_page_offsets_start_each_page(treaty: Treaty, loaded: LoadedDocument) -> None:
    assert loaded.page_count == treaty.page_count > 1
    assert loaded.page_offsets[0] == 0
    assert list(loaded.page_offsets) == sorted(set(loaded.page_offsets))


def test_title_comes_from_pdf_metadata(loaded: LoadedDocument) -> None:
    assert loaded.title == TITLE


def test_blocks_are_exact_slices_of_the_text(loaded: LoadedDocument) -> None:
    for block in loaded.blocks:
        assert loaded.text[block.start : block.end] == block.text
        assert "\n\n" not in block.text and block.text == block.text.strip()
    assert loaded.text == "\n\n".join(block.text for block in loaded.blocks)


# --- line-level cases, drawn on a canvas so that each line break is exactly where we want ---


def draw_lines(path: Path, lines: list[str], *, gap_after: tuple[int, ...] = ()) -> Path:
    """Body lines at a fixed leading; `gap_after` indexes get paragraph spacing below them."""
    canvas = Canvas(str(path), pagesize=A4)
    y = 760.0
    for index, line in enumerate(lines):
        canvas.setFont("Times-Roman", 10.5)
        canvas.drawString(72, y, line)
        y -= 13.5 + (8 if index in gap_after else 0)
    canvas.save()
    return path


def _blocks(path: Path) -> list[str]:
    return [block.text for block in load_document(path).blocks]


def test_hyphen_splitting_a_word_at_line_end_is_removed(tmp_path: Path) -> None:
    lines = ["1. Each State Party shall report on the implemen-", "tation of this article."]
    expected = "1. Each State Party shall report on the implementation of this article."
    assert _blocks(draw_lines(tmp_path / "h.pdf", lines)) == [expected]


def test_hyphen_of_a_prefix_is_kept_at_line_end(tmp_path: Path) -> None:
    lines = ["d) “Vessel” includes any water craft, non-", "displacement craft and seaplanes."]
    expected = "d) “Vessel” includes any water craft, non-displacement craft and seaplanes."
    assert _blocks(draw_lines(tmp_path / "h.pdf", lines)) == [expected]


def test_hyphen_before_a_capital_is_kept(tmp_path: Path) -> None:
    lines = ["The Convention applies to the Inter-", "American system of protection."]
    expected = "The Convention applies to the Inter-American system of protection."
    assert _blocks(draw_lines(tmp_path / "h.pdf", lines)) == [expected]


@pytest.mark.parametrize(
    ("elsewhere", "expected"),
    [
        ("co-operation", "international co-operation."),
        ("cooperation", "international cooperation."),
    ],
)
def test_spelling_elsewhere_in_the_document_settles_a_line_end_hyphen(
    tmp_path: Path, elsewhere: str, expected: str
) -> None:
    lines = [
        f"1. Technical {elsewhere} is encouraged.",
        "2. States Parties shall promote international co-",
        "operation.",
    ]
    assert _blocks(draw_lines(tmp_path / "h.pdf", lines))[-1].endswith(expected)


def test_marker_after_a_closed_clause_starts_a_paragraph_without_spacing(tmp_path: Path) -> None:
    lines = [
        "Each State Party shall take measures, in accordance with its domestic law, including:",
        "(a) To board the vessel;",
        "(b) To search the vessel; and",
    ]
    assert _blocks(draw_lines(tmp_path / "m.pdf", lines)) == lines


def test_wrapped_reference_is_not_mistaken_for_a_marker(tmp_path: Path) -> None:
    lines = [
        "Participating as an accomplice in an offence established under paragraph 1 a),",
        "b) (i) or c) of this article.",
    ]
    assert _blocks(draw_lines(tmp_path / "m.pdf", lines)) == [" ".join(lines)]


def test_short_line_ends_a_paragraph_without_spacing(tmp_path: Path) -> None:
    long_line = "States Parties shall cooperate to the fullest extent possible to prevent and suppress the"
    path = draw_lines(
        tmp_path / "s.pdf", [long_line, "smuggling of migrants.", long_line, "smuggling of migrants by sea."]
    )
    assert _blocks(path) == [
        f"{long_line} smuggling of migrants.",
        f"{long_line} smuggling of migrants by sea.",
    ]


def test_footnote_follows_the_paragraph_it_interrupts(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "f.pdf"), pagesize=A4)
    full = "The provisions of this article shall be without prejudice to the obligations under"
    canvas.setFont("Times-Roman", 10.5)
    canvas.drawString(72, 760, "1. Short opening paragraph.")
    canvas.drawString(72, 738, full)
    canvas.setFont("Times-Roman", 8)
    canvas.drawString(72, 90, "1 See the travaux préparatoires.")
    canvas.showPage()
    canvas.setFont("Times-Roman", 10.5)
    canvas.drawString(72, 760, "any other treaty, bilateral or multilateral.")
    canvas.save()
    assert _blocks(tmp_path / "f.pdf") == [
        "1. Short opening paragraph.",
        f"{full} any other treaty, bilateral or multilateral.",
        "1 See the travaux préparatoires.",
    ]


def test_pdf_restricted_by_an_owner_password_only_is_read(tmp_path: Path) -> None:
    path = tmp_path / "restricted.pdf"
    canvas = Canvas(str(path), pagesize=A4, encrypt=_owner_only())
    canvas.setFont("Times-Roman", 10.5)
    canvas.drawString(72, 760, "Article 1. Printing is restricted but reading is not.")
    canvas.save()
    assert _blocks(path) == ["Article 1. Printing is restricted but reading is not."]


def _owner_only() -> object:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return StandardEncryption("", ownerPassword="owner-secret", canPrint=0)
