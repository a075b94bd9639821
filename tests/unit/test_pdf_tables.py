"""Table rows read from a page's lines: cells that restart on one baseline, left to right."""

from __future__ import annotations

from advisor.ingest.loaders.pdf_lines import Line
from advisor.ingest.loaders.pdf_tables import TableRow, split_tables


def _line(text: str, x: float, y: float, font: str = "Helvetica") -> Line:
    return Line(1, text, x, y, x + 5.0 * len(text), 8.5, font, 20.0)


def _table() -> list[Line]:
    bold = "Helvetica-Bold"
    return [
        _line("State", 80, 600, bold), _line("Convictions", 200, 600, bold),
        _line("Duvania", 80, 580), _line("25", 200, 580),
        _line("Norrland", 80, 560), _line("Isles", 80, 549.5), _line("13", 200, 560),
    ]  # fmt: skip


def test_rows_keep_their_cells_in_column_order() -> None:
    rows = [item for item in split_tables(_table()) if isinstance(item, TableRow)]
    cells = [[" ".join(line.text for line in cell) for cell in row.cells] for row in rows]
    assert cells == [["State", "Convictions"], ["Duvania", "25"], ["Norrland Isles", "13"]]


def test_the_bold_first_row_is_the_header() -> None:
    rows = [item for item in split_tables(_table()) if isinstance(item, TableRow)]
    assert [row.header for row in rows] == [True, False, False]


def test_running_text_and_a_lone_label_beside_its_value_stay_lines() -> None:
    lines = [_line("A paragraph of text", 72, 700), _line("continues here.", 72, 688),
             _line("Label", 72, 660), _line("value", 200, 660), _line("Next paragraph.", 72, 630)]  # fmt: skip
    assert split_tables(lines) == lines
