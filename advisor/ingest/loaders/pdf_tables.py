"""Tables on a PDF page: which lines are cells, grouped into rows and columns.

A typesetter draws a table row by row, and each cell in turn: the cell's lines go down one
column, then the next cell starts again at the row's top baseline, further right. That jump
back up to a shared baseline is what no running text does (a page's only other shared
baselines are a running header's, removed before this runs), so a row is read as a run of
cells that start on one baseline left to right, each cell's lines stacked in its column.
Two or more such rows in a row, in the same columns, make a table; a lone "row" (a label and
its value side by side) stays text.

The header row is told apart by its type: bold cells over rows that are not all bold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from advisor.ingest.loaders.pdf_lines import Line

#: Cells of a row start on one baseline, give or take this many points.
SAME_BASELINE = 1.0
#: A cell starts at least this share of its size to the right of the cell before it.
MIN_GUTTER = 0.5
#: A cell's next line lies at most this many sizes below its last (a cell's own leading,
#: with room for a paragraph break inside the cell) and starts at most this many sizes right
#: of its first line (a bullet's hanging indent).
MAX_CELL_STEP = 2.0
MAX_CELL_INDENT = 2.0
#: Cells of one column start within this many points of each other.
COLUMN_TOLERANCE = 3.0
MIN_ROWS = 2


@dataclass(frozen=True)
class TableRow:
    """One table row: for each of the table's columns, the lines of its cell (empty if none)."""

    page: int
    cells: tuple[tuple[Line, ...], ...]
    header: bool = False

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(line for cell in self.cells for line in cell)

    @property
    def bottom(self) -> float:
        return min(line.y for line in self.lines)


def split_tables(lines: Sequence[Line]) -> list[Line | TableRow]:
    """The page's lines in order, each table's lines replaced by its rows."""
    items: list[Line | TableRow] = []
    i = 0
    while i < len(lines):
        rows, end = _read_table(lines, i)
        if rows:
            items.extend(rows)
            i = end
        else:
            items.append(lines[i])
            i += 1
    return items


def _read_table(lines: Sequence[Line], start: int) -> tuple[list[TableRow], int]:
    """Rows of the table starting at `lines[start]` and the index after it; ([], start) if none."""
    cells_of_rows: list[list[list[Line]]] = []
    columns: list[float] = []
    i = start
    while (row := _read_row(lines, i)) is not None:
        xs = [cell[0].x for cell in row]
        if cells_of_rows:
            above = min(line.y for cell in cells_of_rows[-1] for line in cell)
            if row[0][0].y >= above or not all(_column(x, columns) is not None for x in xs):
                break
        else:
            columns = xs
        cells_of_rows.append(row)
        i += sum(len(cell) for cell in row)
    if len(cells_of_rows) < MIN_ROWS:
        return [], start
    rows = [_aligned(row, columns) for row in cells_of_rows]
    page = lines[start].page
    header = _is_header(cells_of_rows)
    return [TableRow(page, cells, header and n == 0) for n, cells in enumerate(rows)], i


def _read_row(lines: Sequence[Line], start: int) -> list[list[Line]] | None:
    """Cells of the row whose first cell starts at `lines[start]`; None unless two or more."""
    if start >= len(lines):
        return None
    top = lines[start]
    cells = [[top]]
    for line in lines[start + 1 :]:
        cell = cells[-1]
        starts_cell = line.x >= max(ln.right for ln in cell) + MIN_GUTTER * line.size
        if abs(line.y - top.y) <= SAME_BASELINE and starts_cell:
            cells.append([line])
        elif (
            0 < cell[-1].y - line.y <= MAX_CELL_STEP * line.size
            and 0 <= line.x - cell[0].x + COLUMN_TOLERANCE <= MAX_CELL_INDENT * line.size + COLUMN_TOLERANCE
        ):
            cell.append(line)
        else:
            break
    return cells if len(cells) >= 2 else None


def _column(x: float, columns: list[float]) -> int | None:
    return next((n for n, column in enumerate(columns) if abs(x - column) <= COLUMN_TOLERANCE), None)


def _aligned(row: list[list[Line]], columns: list[float]) -> tuple[tuple[Line, ...], ...]:
    """The row's cells placed in the table's columns, an empty cell where a column has none."""
    placed: list[tuple[Line, ...]] = [() for _ in columns]
    for cell in row:
        column = _column(cell[0].x, columns)
        if column is not None:
            placed[column] = tuple(cell)
    return tuple(placed)


def _is_header(rows: list[list[list[Line]]]) -> bool:
    def bold(row: list[list[Line]]) -> bool:
        return all(line.bold for cell in row for line in cell)

    return bold(rows[0]) and not all(bold(row) for row in rows[1:])
