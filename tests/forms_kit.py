"""Helpers for the fill-in form tests: build and fill .xlsx workbooks with openpyxl.

openpyxl writes a formula without a result (it cannot compute one), which is what a file made by
a program looks like. A workbook saved by Excel/WPS carries the result in the cell's ``<v>``
element beside its ``<f>``: ``cache_formula`` writes that element into the saved sheet XML, so
the file is byte for byte what Excel would have stored for that cell (formula and cached value).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any


def new_form(
    path: Path,
    rows: list[list[Any]],
    *,
    period: Any = "2025",
    unit: str | None = None,
    title: str | None = "咸宁市科技创新指标填报表",
    sheet: str = "填报",
) -> Path:
    """A form: an optional merged title row, 报告期, 填报单位, then ``rows`` (the header first)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title is not None:
        ws.append([title])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=6)
    if period is not None:
        ws.append(["报告期", period])
    if unit is not None:
        ws.append(["填报单位", unit])
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def fill(
    path: Path,
    cells: dict[str, Any],
    *,
    percent: tuple[str, ...] = (),
    hidden_rows: tuple[int, ...] = (),
    insert_blank_row: int | None = None,
    out: Path | None = None,
) -> Path:
    """Write ``cells`` ({"G5": 705, …}) into the sheet 填报 as a user would (a str stays text);
    ``percent`` cells get a percent number format, ``hidden_rows`` are hidden, a blank row is
    inserted before ``insert_blank_row`` (after the cells are written)."""
    import openpyxl

    book = openpyxl.load_workbook(path)
    ws = book["填报"] if "填报" in book.sheetnames else book.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value  # a str is stored as text ("705" as typed into a text cell), "=…" as a formula
    for ref in percent:
        ws[ref].number_format = "0.0%"
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    if insert_blank_row is not None:
        ws.insert_rows(insert_blank_row)
    target = out or path
    book.save(target)
    return target


def cache_formula(path: Path, ref: str, value: float, *, sheet_part: str = "xl/worksheets/sheet1.xml") -> None:
    """Give the formula in cell ``ref`` the cached result ``value``, as Excel/WPS saves it."""
    tmp = path.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == sheet_part:
                pattern = rb'(<c r="' + ref.encode() + rb'"[^>]*>)(<f>[^<]*</f>)(?:<v\s*/>|<v>[^<]*</v>)?'
                data, n = re.subn(pattern, lambda m: m.group(1) + m.group(2) + b"<v>%r</v>" % value, data)
                assert n == 1, f"no formula in {ref}"
            dst.writestr(info, data)
    shutil.move(tmp, path)


def column_of(header: list[str], name: str) -> str:
    """The letter of column ``name`` in a header row."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(header.index(name) + 1)


def row_of(path: Path, ident: str, *, column: str = "A") -> int:
    """The row whose id cell (column A) reads ``ident``."""
    import openpyxl

    ws = openpyxl.load_workbook(path)["填报"]
    for cell in ws[column]:
        if cell.value == ident:
            return cell.row
    raise AssertionError(f"{ident} not in {path}")
