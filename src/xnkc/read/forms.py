"""Fill-in forms (SPEC §9): an .xlsx workbook or a CSV file read into a ``Document``.

The Document has exactly the shape of a YAML actuals file — ``{"period": …, "unit": …,
"values": {year: {key: raw}}, "regions": {region: {year: {key: raw}}}}`` — with the position of
every value and key, so that it goes through the same ``read_actuals`` as YAML: names, units,
numbers (``"16.8%"``, full-width digits, separators, numbers typed as text), plausibility and
every check are shared, never re-implemented here. What this module decides is only the layout:

* xlsx: the sheet ``填报``, else the first; positions are cells (``FILE:填报!D7``). CSV (UTF-8,
  BOM, GB18030): positions ``FILE:ROW:COL``.
* rows before the header: ``period``/``报告期`` and ``unit``/``填报单位`` with the value in the next
  cell (an Excel date as ``YYYY-MM``);
* the header row is the first row with a cell ``id``; value columns are headed by a year
  (``2025``, ``2025年``, ``2025年实际`` …); ``区域`` names a row's region; headers with ``目标`` and
  headers without a year are for people; any other header with a year is an error at that cell;
* ``—``, ``——``, ``-``, ``/``, ``无`` and empty cells are "not reported"; a percent-formatted cell is
  its value × 100 written as ``"16.8%"`` (so a ``%`` on a field that is not a percentage is the
  same error as in YAML); a formula cell is its cached value, an error without one.

Nothing here knows the plan: the caller passes how region names and a unit's region resolve.
openpyxl (the optional extra ``office``/``excel``) is imported only to read a workbook.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding, FindingsError, column_letters
from xnkc.read.yamlload import Document

SHEET = "填报"
NOT_REPORTED = frozenset({"", "—", "——", "-", "/", "无"})
CITY = "全市"  # a 区域 cell naming the city itself (a region government's own city-level rows)
PERIOD_LABELS = frozenset({"period", "报告期"})
UNIT_LABELS = frozenset({"unit", "填报单位"})
MAX_WORKBOOK_BYTES = 10 * 1024 * 1024  # on disk
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all parts of the zip together, as its directory declares them
MAX_ZIP_ENTRIES = 4096
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: an old .xls/.et, or an encrypted (password-to-open) workbook
_VALUE_HEADER = re.compile(r"([0-9]{4})(?:年|年实际|年实际值|年完成|年完成值|年数据)?")
_A_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")

Resolve = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Cell:
    """One non-empty cell: its value as the file holds it (xlsx: number, text, date, bool)."""

    value: Any
    row: int
    col: int
    percent: bool = False  # a number under a percent number format (Excel shows 0.168 as 16.8%)
    formula: str | None = None  # a formula without a saved result (value is None)
    across: bool = False  # the first cell of a merge spanning several columns (a title row)


@dataclass
class Grid:
    file: str
    sheet: str | None  # None: a CSV file (positions are ROW:COL)
    cells: dict[tuple[int, int], Cell]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # min_row, min_col, max_row, max_col

    def finding(self, code: str, row: int | None = None, col: int | None = None, **args: Any) -> Finding:
        return Finding(code, self.file, row, col, args=args, sheet=self.sheet)


def load_form(path: str, *, region: Resolve | None = None, unit_region: Resolve | None = None) -> Document:
    """Read the form at ``path`` (.xlsx, else CSV) into a Document; FindingsError when its layout
    cannot be read. ``region`` gives a 区域 cell's canonical region (None: unknown, kept as written
    for the actuals reader to report); ``unit_region`` the region whose government a ``填报单位``
    names — its rows with an empty 区域 are that region's."""
    grid = read_workbook(path) if path.lower().endswith(".xlsx") else read_csv(path)
    return grid_document(grid, region or (lambda name: None), unit_region or (lambda unit: None))


# -- a CSV file → a grid ---------------------------------------------------------------------------------


def read_csv(path: str) -> Grid:
    """Every non-blank field of a CSV file (decoded as YAML files are: UTF-8, BOM, GB18030)."""
    import csv
    import io

    from xnkc.read.yamlload import read_text

    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # an unclosed quote would eat the rest
    cells: dict[tuple[int, int], Cell] = {}
    start = 1  # a quoted field may span lines: a record's row is the line it starts on
    try:
        for record in reader:
            for j, value in enumerate(record, 1):
                if value.strip():
                    cells[(start, j)] = Cell(value, start, j)
            start = reader.line_num + 1
    except csv.Error as exc:
        detail = {"error": f"CSV 第 {start} 行起{_csv_problem(exc)} ({exc})"}
        raise FindingsError([Finding("XK556", path, start, 1, args=detail)]) from None
    return Grid(path, None, cells)


def _csv_problem(exc: Exception) -> str:
    """The csv module's complaint, said in Chinese where it is a common one."""
    text = str(exc)
    if "end of data" in text:
        return ":引号没有闭合"
    return ":引号后面还有文字" if "expected after" in text else ""


# -- an .xlsx workbook → a grid --------------------------------------------------------------------------


def read_workbook(path: str) -> Grid:
    """The sheet ``填报`` (else the first) of an .xlsx workbook: its non-empty cells, merges, and
    formulas without a saved result. The file is checked before openpyxl opens it."""
    _check_container(path)
    try:
        import openpyxl
    except ImportError:
        raise FindingsError([Finding("XK558", path)]) from None
    book = _open(openpyxl, path, data_only=True)
    sheets = book.worksheets
    if not sheets:  # only chart sheets
        raise FindingsError([Finding("XK601", path)])
    ws = book[SHEET] if SHEET in book.sheetnames and book[SHEET] in sheets else sheets[0]
    missing = _uncached_formulas(openpyxl, path, ws) if _has_formulas(path) else {}
    # ws._cells holds only the cells the file has; ws.iter_rows() would create every cell up to
    # the last one (one stray cell at XFD1048576 would mean 17 billion)
    cells: dict[tuple[int, int], Cell] = {}
    for (r, c), cell in ws._cells.items():
        value = cell.value
        if (r, c) in missing:
            cells[(r, c)] = Cell(None, r, c, formula=missing[(r, c)])
        elif value is not None and not (isinstance(value, str) and not value.strip()):
            percent = isinstance(value, (int, float)) and "%" in str(cell.number_format or "")
            cells[(r, c)] = Cell(value, r, c, percent=percent)
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    for r0, c0, _, c1 in merges:
        if c1 > c0 and (r0, c0) in cells:
            first = cells[(r0, c0)]
            cells[(r0, c0)] = Cell(first.value, r0, c0, first.percent, first.formula, across=True)
    return Grid(path, ws.title, cells, merges)


def _check_container(path: str) -> None:
    """Refuse, with one clear finding, what openpyxl should never be given: an OLE2 file (an old
    .xls/.et, or an encrypted workbook), something that is not a zip, a zip that is not a
    workbook, or one whose parts add up to more than MAX_UNCOMPRESSED (a zip bomb)."""
    import os
    import zipfile

    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(8)
            ole = fh.read(MAX_WORKBOOK_BYTES) if head == _OLE else b""
    except OSError as exc:
        from xnkc.common.stdio import os_error_args
        from xnkc.read.yamlload import _OS_ERRORS

        code = _OS_ERRORS.get(type(exc), "XK114")
        raise FindingsError([Finding(code, path, args=os_error_args(exc))], unusable_path=True) from None
    if head == _OLE:  # an encrypted OOXML package is an OLE2 file with an EncryptionInfo stream
        encrypted = "EncryptionInfo".encode("utf-16-le") in ole
        detail = {} if encrypted else {"error": "旧版 .xls/.et 格式 (an old .xls/.et workbook, OLE2)"}
        raise FindingsError([Finding("XK557" if encrypted else "XK556", path, args=detail)])
    if size > MAX_WORKBOOK_BYTES:
        raise FindingsError([Finding("XK104", path, args={"size": size, "limit": MAX_WORKBOOK_BYTES})])
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        detail = {"error": "不是 zip 格式的 Office Open XML 文件 (not an Office Open XML zip file)"}
        raise FindingsError([Finding("XK556", path, args=detail)]) from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED or len(infos) > MAX_ZIP_ENTRIES:
        args = {"size": total, "parts": len(infos), "limit": MAX_UNCOMPRESSED, "max_parts": MAX_ZIP_ENTRIES}
        raise FindingsError([Finding("XK600", path, args=args)])
    if not any(i.filename == "xl/workbook.xml" or i.filename.endswith("/workbook.xml") for i in infos):
        detail = {"error": "压缩包里没有工作簿 (no xl/workbook.xml in the zip)"}
        raise FindingsError([Finding("XK556", path, args=detail)])


def _open(openpyxl: Any, path: str, *, data_only: bool) -> Any:
    import warnings

    with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like
        warnings.simplefilter("ignore")
        try:
            return openpyxl.load_workbook(path, data_only=data_only, keep_links=False)
        except Exception as exc:  # a broken part: openpyxl raises KeyError, ValueError, XML errors …
            detail = {"error": f"{type(exc).__name__}: {exc}"[:200]}
            raise FindingsError([Finding("XK556", path, args=detail)]) from None


def _has_formulas(path: str) -> bool:
    """Does any worksheet of the workbook hold a formula (``<f>``)? (A cheap scan of the parts,
    whose total size _check_container has bounded.)"""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                if _FORMULA.search(archive.read(info)):
                    return True
    return False


def _uncached_formulas(openpyxl: Any, path: str, with_values: Any) -> dict[tuple[int, int], str]:
    """(row, col) → formula of every formula cell of the sheet ``with_values`` (read for values)
    that has no saved result: a second reading, made only for a workbook with formulas."""
    formulas = _open(openpyxl, path, data_only=False)[with_values.title]
    out = {}
    for (r, c), cell in formulas._cells.items():
        if cell.data_type != "f":
            continue
        cached = with_values._cells.get((r, c))
        if cached is None or cached.value is None:
            out[(r, c)] = str(getattr(cell.value, "text", None) or cell.value)  # an ArrayFormula has .text
    return out


# -- the grid → a Document -------------------------------------------------------------------------------


def header_key(value: Any) -> str:
    """A header as compared (SPEC §8, §9): NFKC, every whitespace removed; 2025.0 is 2025."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value)))


@dataclass
class Columns:
    id: int
    region: int | None
    years: dict[int, int]  # year → column
    header_row: int


def grid_document(grid: Grid, region: Resolve, unit_region: Resolve) -> Document:
    """The grid as an actuals Document (see the module's docstring for the layout)."""
    doc = Document(grid.file, {}, sheet=grid.sheet)
    rows: dict[int, list[Cell]] = {}
    for (r, _), cell in sorted(grid.cells.items()):
        rows.setdefault(r, []).append(cell)
    header = next((r for r, cells in rows.items() if any(header_key(c.value).lower() == "id" for c in cells)), None)
    if header is None:
        raise FindingsError([grid.finding("XK601")])
    problems: list[Finding] = []
    for r in (r for r in rows if r < header):
        _meta(rows[r], doc, problems)
    columns = _columns(rows[header], grid)
    _fill_merges(grid, rows, columns)
    own = unit_region(doc.data["unit"]) if isinstance(doc.data.get("unit"), str) else None
    _values(rows, columns, doc, grid, problems, region, own)
    doc.findings = problems
    return doc


def _meta(cells: list[Cell], doc: Document, problems: list[Finding]) -> None:
    """A row above the header: ``报告期``/``period`` or ``填报单位``/``unit`` and its value."""
    label = header_key(cells[0].value).lower() if cells[0].value is not None else ""
    name = "period" if label in PERIOD_LABELS else "unit" if label in UNIT_LABELS else None
    if name is None or name in doc.data:
        return
    doc.key_marks[(name,)] = (cells[0].row, cells[0].col)
    if len(cells) < 2:  # a label with nothing beside it: not given
        return
    cell = cells[1]
    doc.marks[(name,)] = (cell.row, cell.col)
    if cell.formula is not None:
        problems.append(doc.finding("XK606", (name,), formula=cell.formula))
        return
    value = cell.value
    if isinstance(value, (datetime.date, datetime.datetime)):
        value = f"{value.year:04d}-{value.month:02d}" if name == "period" else value.isoformat()
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str):
        value = value.strip()
    doc.data[name] = value


def _columns(cells: list[Cell], grid: Grid) -> Columns:
    """The header row's columns: id, 区域 and one per year; XK603/XK604 at a header cell."""
    errors: list[Finding] = []
    seen: dict[str, Cell] = {}
    id_col = region_col = None
    years: dict[int, int] = {}
    for cell in cells:
        key = header_key(cell.value)
        if isinstance(cell.value, (datetime.date, datetime.datetime)):
            key = cell.value.isoformat()[:10]  # a header Excel turned into a date: named as shown
        role = _role(key, cell.value)
        if role is None:
            continue
        if role == "bad":
            errors.append(grid.finding("XK603", cell.row, cell.col, header=str(cell.value).strip()))
            continue
        if role in seen:
            first = seen[role]
            other = f"{column_letters(first.col)}{first.row}" if grid.sheet is not None else f"{first.row}:{first.col}"
            errors.append(grid.finding("XK604", cell.row, cell.col, header=str(cell.value).strip(), other=other))
            continue
        seen[role] = cell
        if role == "id":
            id_col = cell.col
        elif role == "区域":
            region_col = cell.col
        else:
            years[int(role)] = cell.col
    if errors:
        raise FindingsError(errors)
    assert id_col is not None  # the header row is the row with an id cell
    if not years:
        raise FindingsError([grid.finding("XK602", cells[0].row, cells[0].col)])
    return Columns(id_col, region_col, years, cells[0].row)


def _role(key: str, value: Any) -> str | None:
    """``"id"``, ``"区域"``, a year as text, ``"bad"`` (a year in an unreadable header) or None."""
    if key.lower() == "id":
        return "id"
    if key == "区域":
        return "区域"
    if "目标" in key:
        return None
    if isinstance(value, bool):
        return None
    m = _VALUE_HEADER.fullmatch(key)
    if m:
        return m.group(1)
    return "bad" if _A_YEAR.search(key) else None


def _fill_merges(grid: Grid, rows: dict[int, list[Cell]], columns: Columns) -> None:
    """A merge down the id or 区域 column (one indicator over several region rows) fills each row."""
    wanted = {columns.id, columns.region} - {None}
    for r0, c0, r1, c1 in grid.merges:
        for col in wanted:
            origin = grid.cells.get((r0, col)) if c0 <= col <= c1 else None
            if origin is None or r1 == r0 or r0 <= columns.header_row:
                continue
            for r in range(r0 + 1, r1 + 1):
                filled = Cell(origin.value, r, col)
                grid.cells[(r, col)] = filled
                rows.setdefault(r, []).append(filled)
    for r in rows:
        rows[r].sort(key=lambda c: c.col)


def _values(
    rows: dict[int, list[Cell]],
    columns: Columns,
    doc: Document,
    grid: Grid,
    problems: list[Finding],
    region: Resolve,
    own_region: str | None,
) -> None:
    """Each row after the header: its id, its region and its value cells, into the Document."""
    latest = max(columns.years)
    doc.marks[()] = doc.marks[("values",)] = (columns.header_row, columns.id)
    first_row: dict[tuple[Any, ...], int] = {}  # (region, year, key) → the row that gave it
    for r in sorted(r for r in rows if r > columns.header_row):
        by_col = {c.col: c for c in rows[r]}
        values = {y: by_col[c] for y, c in columns.years.items() if c in by_col and _reported(by_col[c])}
        id_cell = by_col.get(columns.id)
        if id_cell is None or (id_cell.across and not values):  # a blank row, or a merged title row
            if values:
                cell = values[min(values)]
                problems.append(grid.finding("XK605", cell.row, cell.col, value=_shown(cell)))
            continue
        if id_cell.formula is not None:
            problems.append(grid.finding("XK606", id_cell.row, id_cell.col, formula=id_cell.formula))
            continue
        key = _key(id_cell.value)
        where = _region(by_col.get(columns.region) if columns.region else None, region, own_region, doc, columns)
        for year, cell in values.items() or [(latest, None)]:
            base = ("values", year) if where is None else ("regions", where, year)
            doc.marks.setdefault(base, (columns.header_row, columns.years[year]))
            doc.key_marks.setdefault(base, (columns.header_row, columns.years[year]))
            path = (*base, key)
            if (where, year, key) in first_row:
                args = {"key": key, "first_line": first_row[(where, year, key)]}
                problems.append(grid.finding("XK101", id_cell.row, id_cell.col, **args))
                continue
            first_row[(where, year, key)] = r
            _block(doc, where, year)[key] = _raw(cell, path, doc, problems) if cell is not None else None
            doc.key_marks[path] = (id_cell.row, id_cell.col)
            doc.marks[path] = (cell.row, cell.col) if cell is not None else (id_cell.row, id_cell.col)
    if "values" not in doc.data and "regions" not in doc.data:  # no row at all: "values holds no data"
        doc.data["values"] = {}


def _block(doc: Document, where: str | None, year: int) -> dict[Any, Any]:
    if where is None:
        return doc.data.setdefault("values", {}).setdefault(year, {})
    return doc.data.setdefault("regions", {}).setdefault(where, {}).setdefault(year, {})


def _region(cell: Cell | None, region: Resolve, own: str | None, doc: Document, columns: Columns) -> str | None:
    """A row's region (None: the city): its 区域 cell, or the unit's own region when that is empty."""
    text = "" if cell is None or cell.value is None else str(cell.value).strip()
    if not text:
        return own
    if header_key(text) == CITY:
        return None
    name = region(text) or text  # an unknown region is kept as written: the reader names it (XK312)
    doc.key_marks.setdefault(("regions", name), (cell.row, cell.col))  # type: ignore[union-attr]
    doc.marks.setdefault(("regions",), (columns.header_row, columns.region or 1))
    return name


def _reported(cell: Cell) -> bool:
    """False for "not reported": —, ——, -, /, 无 (and blanks); a formula without a value is reported
    (as an error)."""
    if cell.formula is not None:
        return True
    value = cell.value
    return not (isinstance(value, str) and unicodedata.normalize("NFKC", value).strip() in NOT_REPORTED)


def _key(value: Any) -> Any:
    """An id cell as a key: text stripped; a whole number as an int (附件1's row number 3 gets the
    reader's "did you mean hitech_enterprises")."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value if isinstance(value, int) else str(value)


def _raw(cell: Cell, path: tuple[Any, ...], doc: Document, problems: list[Finding]) -> Any:
    """A value cell as the YAML reader would get it: a number, or text (a percent-formatted
    number as ``"16.8%"``, a date as its ISO text — not a number either way)."""
    if cell.formula is not None:
        problems.append(Finding("XK606", doc.file, cell.row, cell.col, args={"formula": cell.formula}, sheet=doc.sheet))
        return None
    value = cell.value
    if cell.percent and not isinstance(value, bool):
        return f"{float(f'{value * 100:.12g}')!r}%"
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    return value


def _shown(cell: Cell) -> str:
    return "=" + cell.formula.lstrip("=") if cell.formula else str(cell.value)
