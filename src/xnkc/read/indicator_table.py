"""An indicator table (指标分解表) as plain rows with positions (SPEC §8 "The table").

CSV (UTF-8, UTF-8 with BOM, GB18030 — decoded as the YAML files are) or .xlsx (openpyxl,
imported only here and only for a workbook: the optional extra ``excel``/``office``). A cell's
position is ``FILE:ROW:COL`` (CSV, 1-based) or ``FILE:SHEET!A1`` (a workbook). Headers are
compared after NFKC and removal of all whitespace, exactly. Cells are kept as text: what a
cell *means* is read by ``target_cell`` and decided by ``plan.infer``.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding, FindingsError

HEADERS: dict[str, str] = {
    "指标": "name",
    "指标名称": "name",
    "主要指标": "name",
    "序号": "seq",
    "单位": "unit",
    "计量单位": "unit",
    "责任单位": "responsible",
    "牵头单位": "lead",
    "配合单位": "support",
    "id": "id",
    "ID": "id",
    "类型": "kind",
    "kind": "kind",
    "方向": "better",
    "better": "better",
    "属性": "attribute",
    "容差": "tolerance",
}
_YEAR = r"((?:19|20)\d{2})"
TARGET_HEADER = re.compile(_YEAR + r"(?:年|年目标|年目标值|年末|年底)?")
BASE_WORDS = ("基期", "基准", "现状", "基数", "实际", "完成")
_ANY_YEAR = re.compile(_YEAR)
SHEET = "指标"
NOT_TABLES = (".xls", ".et", ".ods", ".doc", ".docx", ".wps", ".pdf", ".yaml", ".yml")


@dataclass(frozen=True)
class Cell:
    text: str  # as written; a workbook's number cell as its number's text
    row: int  # 1-based
    col: int  # 1-based
    number: float | None = None  # a workbook's number cell (× 100 under a percent number format)
    percent: bool = False  # a workbook cell with a percent number format
    across: tuple[int, int] | None = None  # (first, last) column of a merge spanning columns
    below: bool = False  # filled from a merged cell in a row above (a header merged down two rows)

    @property
    def spread(self) -> bool:
        """Filled from a merged cell to its left (not the merge's own cell)."""
        return self.across is not None and self.col != self.across[0]


@dataclass(frozen=True)
class Column:
    col: int
    role: str  # a HEADERS role, "target" or "base"
    header: str
    year: int | None = None
    row: int = 1  # the header cell's row


@dataclass
class Row:
    number: int  # the table's row (1-based)
    cells: dict[str, Cell]  # role → cell (the non-year columns)
    targets: dict[int, Cell]  # year → cell
    base: dict[int, Cell]  # base year → cell


@dataclass
class IndicatorTable:
    file: str
    sheet: str  # "" for a CSV file
    columns: list[Column]
    rows: list[Row]
    findings: list[Finding] = field(default_factory=list)  # warnings (headers not read)

    def finding(self, code: str, cell: Cell, **args: Any) -> Finding:
        return cell_finding(code, self.file, self.sheet, cell.row, cell.col, **args)

    @property
    def base_years(self) -> list[int]:
        return sorted({c.year for c in self.columns if c.role == "base" and c.year is not None})


def cell_finding(code: str, file: str, sheet: str, row: int, col: int, **args: Any) -> Finding:
    return Finding(code, file, row, col, sheet=sheet or None, args=args)


def header_key(text: str) -> str:
    """A header as compared: NFKC, every whitespace removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def read_table(path: str) -> IndicatorTable:
    """Read ``path`` (.xlsx by its name, else CSV); raises FindingsError when it cannot be used."""
    if path.lower().endswith(NOT_TABLES):
        raise FindingsError([Finding("XK564", path)])
    if path.lower().endswith((".xlsx", ".xlsm")):
        grid, sheet = read_workbook(path)
    else:
        grid, sheet = read_csv(path), ""
    return parse_grid(grid, path, sheet)


# -- the two file formats → a grid of cells -------------------------------------------------------------


def read_csv(path: str) -> list[list[Cell]]:
    import csv
    import io

    from xnkc.read.yamlload import read_text

    text = read_text(path)
    reader = csv.reader(io.StringIO(text))
    grid: list[list[Cell]] = []
    start = 1
    for record in reader:
        grid.append([Cell(value, start, j + 1) for j, value in enumerate(record)])
        start = reader.line_num + 1
    return grid


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: an encrypted workbook or an old .xls


def read_workbook(path: str) -> tuple[list[list[Cell]], str]:
    """The sheet ``指标`` (else the first) as a grid; a merged cell fills its whole range."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(8)
            ole = head == _OLE
            raw = fh.read() if ole else b""
    except OSError as exc:
        from xnkc.common.stdio import os_error_args
        from xnkc.read.yamlload import _OS_ERRORS

        code = _OS_ERRORS.get(type(exc), "XK114")
        raise FindingsError([Finding(code, path, args=os_error_args(exc))], unusable_path=True) from None
    from xnkc.read.yamlload import MAX_BYTES

    if size > MAX_BYTES:  # an indicator table is a few kB; a huge workbook is not one (nor a zip bomb)
        raise FindingsError([Finding("XK104", path, args={"size": size, "limit": MAX_BYTES})])
    if ole:
        encrypted = "EncryptionInfo".encode("utf-16-le") in raw
        detail = "old .xls format" if not encrypted else ""
        raise FindingsError([Finding("XK557" if encrypted else "XK556", path, args={"error": detail})])
    try:
        import openpyxl
    except ImportError:
        raise FindingsError([Finding("XK558", path)]) from None
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # not a zip, a broken zip, not a workbook: openpyxl raises many kinds
        raise FindingsError([Finding("XK556", path, args={"error": f"{type(exc).__name__}: {exc}"})]) from None
    ws = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    width = ws.max_column or 0
    grid = [[_workbook_cell(c, r, j + 1) for j, c in enumerate(row)] for r, row in enumerate(ws.iter_rows(), 1)]
    for row in grid:
        row.extend(Cell("", row[0].row if row else 0, j) for j in range(len(row) + 1, width + 1))
    for rng in ws.merged_cells.ranges:
        origin = grid[rng.min_row - 1][rng.min_col - 1]
        across = (rng.min_col, rng.max_col) if rng.max_col > rng.min_col else None
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                below = r > rng.min_row
                grid[r - 1][c - 1] = Cell(origin.text, r, c, origin.number, origin.percent, across, below)
    return grid, ws.title


def _workbook_cell(cell: Any, row: int, col: int) -> Cell:
    value = cell.value
    if value is None:
        return Cell("", row, col)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return Cell(str(value), row, col)
    percent = "%" in str(cell.number_format or "")
    number = round(float(value) * 100, 10) if percent else float(value)
    text = str(int(number)) if number.is_integer() else repr(number)
    return Cell(text, row, col, number, percent)


# -- the grid → header, columns, rows --------------------------------------------------------------------


def classify(text: str) -> tuple[str, int | None] | None:
    """(role, year) of a header text; ("other-year", year) for a header with a year that is not
    read; None for a header xnkc does not read (备注 …)."""
    key = header_key(text)
    if key in HEADERS:
        return HEADERS[key], None
    m = TARGET_HEADER.fullmatch(key)
    if m:
        return "target", int(m.group(1))
    m = _ANY_YEAR.search(key)
    if m:
        if any(w in key for w in BASE_WORDS):
            return "base", int(m.group(1))
        return "other-year", int(m.group(1))
    return None


def _years(row: list[Cell]) -> list[Cell]:
    """The year headers of a row (not the copies of a header merged down from the row above)."""
    return [c for c in row if not c.below and (k := classify(c.text)) and k[0] in ("target", "base")]


def parse_grid(grid: list[list[Cell]], file: str, sheet: str) -> IndicatorTable:
    found = _header(grid)
    if found is None:
        named = next((c for row in grid for c in row if (k := classify(c.text)) and k[0] == "name"), None)
        if named is None:
            raise FindingsError([Finding("XK552", file, 1, 1)])
        raise FindingsError([cell_finding("XK553", file, sheet, named.row, named.col, header=named.text.strip())])
    top, years_row = found
    header_cells = [c for c in grid[top] if not c.spread]
    groups: dict[int, Cell] = {}
    if years_row != top:  # two-row headers: the years sit under a group cell of the row above
        groups = {c.col: g for c in _years(grid[years_row]) if (g := _group(grid[top], c.col)) is not None}
        header_cells = [c for c in header_cells if c.col not in groups]
        header_cells += [c for c in grid[years_row] if c.col in groups and not c.spread]
    columns, findings, errors = _columns(header_cells, file, sheet, groups)
    if errors:
        raise FindingsError(errors)
    rows = []
    for line in grid[years_row + 1 :]:
        by_col = {c.col: c for c in line}
        cells = {col.role: by_col[col.col] for col in columns if col.col in by_col and col.year is None}
        name = cells.get("name")
        if name is None or not name.text.strip():
            continue  # SPEC §8: rows without a name are skipped
        targets = {c.year: by_col[c.col] for c in columns if c.role == "target" and c.col in by_col and c.year}
        base = {c.year: by_col[c.col] for c in columns if c.role == "base" and c.col in by_col and c.year}
        rows.append(Row(name.row, cells, targets, base))
    return IndicatorTable(file, sheet, columns, rows, findings)


def _header(grid: list[list[Cell]]) -> tuple[int, int] | None:
    """(header row index, index of the row with its years): the first row with a name header and
    a year column, in itself or — two-row headers — under a group cell in the row below."""
    for i, row in enumerate(grid):
        if not any((k := classify(c.text)) and k[0] == "name" for c in row):
            continue
        if i + 1 < len(grid) and any(_group(row, c.col) is not None for c in _years(grid[i + 1])):
            return i, i + 1  # two rows, even when a year header (2023年完成值) is merged down both
        if _years(row):
            return i, i
    return None


def _group(row: list[Cell], col: int) -> Cell | None:
    """The cell of a two-row header's upper row that column ``col`` sits under: the merged cell
    covering it, else the cell itself, else — a CSV, where Excel/WPS leave a merge's other cells
    empty — the nearest non-empty cell to its left. None when that cell is a header of its own
    (指标, 单位 …): a year under it is not a year column."""
    cells = sorted((c for c in row if c.col <= col), key=lambda c: c.col)
    above = next((c for c in reversed(cells) if c.text.strip()), None)
    if above is None:
        return None
    if above.col != col and not (above.across and above.across[0] <= col <= above.across[1]):
        if any(c.across for c in row):  # a workbook keeps its merges: an unmerged gap is a gap
            return None
    return above if classify(above.text) is None else None


def _columns(
    cells: list[Cell], file: str, sheet: str, groups: dict[int, Cell] | None = None
) -> tuple[list[Column], list[Finding], list[Finding]]:
    """The columns xnkc reads. In a two-row header a year under a group cell that names a base
    (基期值 over 2023年) is a base-year column; under any other group (目标值) a target."""
    columns: list[Column] = []
    warnings: list[Finding] = []
    errors: list[Finding] = []
    seen: dict[tuple[str, int | None], Cell] = {}
    for c in sorted(cells, key=lambda c: c.col):
        kind = classify(c.text)
        if kind is None:
            continue
        role, year = kind
        group = (groups or {}).get(c.col)
        if group is not None and role == "target" and any(w in header_key(group.text) for w in BASE_WORDS):
            role = "base"
        if role == "other-year":
            warnings.append(cell_finding("XK555", file, sheet, c.row, c.col, header=c.text.strip()))
            continue
        first = seen.get((role, year))
        if first is not None:
            other = cell_finding("XK554", file, sheet, first.row, first.col).location()
            errors.append(cell_finding("XK554", file, sheet, c.row, c.col, header=c.text.strip(), other=other))
            continue
        seen[(role, year)] = c
        columns.append(Column(c.col, role, c.text.strip(), year, c.row))
    return columns, warnings, errors
