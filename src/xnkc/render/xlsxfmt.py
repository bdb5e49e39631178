"""``--format xlsx``: a workbook units can filter — a summary sheet, the indicator and commitment
sheets, one sheet per unit with ``--by unit``, regions when present. Real numbers with number
formats (percent for rates, thousands, the row's decimals), status cells filled in the 亮灯
colours, frozen header, autofilter, column widths that fit 汉字. openpyxl is imported only here,
when the format is used (a missing one is XK650 in the cli)."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from xnkc.common.i18n import plan_text, t
from xnkc.compute import chart
from xnkc.compute.calc import STATUSES, Row
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView
from xnkc.render.lights import HEX, LIGHT_LABEL

PCT = "0.0%"
MAX_WIDTH = 60
HEADER_FILL = "D9D9D9"
WHITE_ON = frozenset({"green", "red"})  # a light dark enough for white text


@dataclass(frozen=True)
class Column:
    key: str  # an i18n label
    value: Callable[[Row], Any]
    kind: str = "text"  # text | num (the row's decimals) | pct (a fraction as %) | status


def decimals(row: Row) -> int:
    """How many decimals the row's figures need (0–2): 720 → 0, 1.45 → 2, 12.5 → 1."""
    most = 0
    for x in (row.target, row.actual, row.expected):
        if x is None or not math.isfinite(x):
            continue
        text = f"{round(x, 2):.2f}".rstrip("0").rstrip(".")
        most = max(most, len(text.split(".")[1]) if "." in text else 0)
    return most


def number_format(places: int) -> str:
    return "#,##0" + ("." + "0" * places if places else "")


def finite(x: float | None) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def check_columns(lang: str) -> list[Column]:
    return [
        Column("seq", lambda r: r.metric.seq if r.metric.seq is not None else r.metric.source),
        Column("indicator", lambda r: r.metric.name),
        Column("unit", lambda r: r.metric.unit),
        Column("target", lambda r: finite(r.target), "num"),
        Column("actual", lambda r: finite(r.actual), "num"),
        Column("completion", lambda r: finite(r.completion), "pct"),
        Column("gap", lambda r: finite(r.gap), "num"),
        Column("expected", lambda r: finite(r.expected), "num"),
        Column("status", lambda r: records.status_label(r, lang), "status"),
        Column("assessment", lambda r: records.assessment_label(r, lang) or ""),
        Column("lead", lambda r: "、".join(r.metric.lead)),
        Column("support", lambda r: "、".join(r.metric.support)),
    ]


def cell_width(value: Any) -> int:
    """Display width of a value: a 汉字 (or other wide character) counts two."""
    text = str(value) if value is not None else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


class XlsxFormat(Format):
    def check(self, view: CheckView) -> bytes:  # type: ignore[override]
        from openpyxl import Workbook

        wb = Workbook()
        summary = wb.active
        summary.title = sheet_name(t("report_summary_sheet", self.lang))
        self.summary_sheet(summary, view)
        r = view.report
        for key, rows in (("indicators", r.rows), ("commitments", r.commitments)):
            if rows:
                self.rows_sheet(wb.create_sheet(sheet_name(plan_text(view.labels, key, self.lang))), rows)
        if view.by == "unit":
            for unit, entries in view.unit_rows.items():
                ws = wb.create_sheet(sheet_name(unit, taken=wb.sheetnames))
                self.rows_sheet(ws, [row for _, row in entries], [role for role, _ in entries])
        if view.regions:
            self.regions_sheet(wb.create_sheet(sheet_name(t("region", self.lang))), view)
        return save(wb)

    def summary_sheet(self, ws, view: CheckView) -> None:
        from openpyxl.styles import Font

        r = view.report
        ws.append([r.title])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([records.header_line(view, self.lang).removeprefix(r.title).lstrip(" ·")])
        ws.append([t("time_progress", self.lang), r.time_progress])
        ws.cell(row=3, column=2).number_format = "0%"
        ws.append([])
        header_row = ws.max_row + 1
        groups = [("indicators", r.summary)]
        if r.commitments:
            groups.append(("commitments", r.commitments_summary))
        ws.append(
            [t("status", self.lang), t("light", self.lang), *(plan_text(view.labels, k, self.lang) for k, _ in groups)]
        )
        for status in STATUSES:
            ws.append(
                [t(status, self.lang), LIGHT_LABEL[chart.light(status)][self.lang == "en"]]
                + [counts.get(status, 0) for _, counts in groups]
            )
            fill_status(ws.cell(row=ws.max_row, column=1), status)
        style_header(ws, header_row)
        fit_widths(ws, header_row)

    def rows_sheet(self, ws, rows: Sequence[Row], roles: Sequence[str] | None = None) -> None:
        cols = check_columns(self.lang)
        headers = [t(c.key, self.lang) for c in cols]
        if roles is not None:
            headers.insert(0, t("role", self.lang))
        ws.append(headers)
        for i, row in enumerate(rows):
            values = [c.value(row) for c in cols]
            if roles is not None:
                values.insert(0, t(roles[i], self.lang))
            ws.append(values)
            offset = 1 if roles is not None else 0
            places = number_format(decimals(row))
            for j, c in enumerate(cols, start=1 + offset):
                cell = ws.cell(row=ws.max_row, column=j)
                if c.kind == "num":
                    cell.number_format = places
                elif c.kind == "pct":
                    cell.number_format = PCT
                elif c.kind == "status":
                    fill_status(cell, row.status)
        style_header(ws, 1)
        finish_table(ws, 1)

    def regions_sheet(self, ws, view: CheckView) -> None:
        """One row per (metric, region): value, 分解目标, completion, share of the city — filterable."""
        by_id = {x.metric.id: x for x in view.report.rows + view.report.commitments}
        ws.append(
            [
                t("indicator", self.lang),
                t("unit", self.lang),
                t("region", self.lang),
                t("csv_value", self.lang),
                t("csv_region_target", self.lang),
                t("completion", self.lang),
                t("csv_share", self.lang).split("(")[0],
            ]
        )
        for mid, row in by_id.items():
            for name, cells in view.regions.items():
                c = cells.get(mid)
                if c is None:
                    continue
                ws.append(
                    [row.metric.name, row.metric.unit, name, c.value, c.target, finite(c.completion), finite(c.share)]
                )
                places = number_format(decimals(row))
                for j, fmt in ((4, places), (5, places), (6, PCT), (7, PCT)):
                    ws.cell(row=ws.max_row, column=j).number_format = fmt
        style_header(ws, 1)
        finish_table(ws, 1)

    # -- targets and projects: the human cells, one sheet ----------------------------------------

    def targets(self, view: TargetsView) -> bytes:  # type: ignore[override]
        headers, rows = records.targets_cells(view, self.lang)
        return plain_book(plan_text(view.plan.labels, "indicators", self.lang), headers, rows)

    def projects(self, view: ProjectsView) -> bytes:  # type: ignore[override]
        headers, rows = records.projects_cells(view, self.lang)
        return plain_book(plan_text(view.plan.labels, "projects", self.lang), headers, rows)

    def status(self, view: StatusView) -> bytes:  # type: ignore[override]
        headers, rows = records.status_cells(view, self.lang)
        return plain_book(t("status_missing", self.lang), headers, rows)


def plain_book(title: str, headers: list[str], rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_name(title)
    ws.append(headers)
    for row in rows:
        ws.append(row)
    style_header(ws, 1)
    finish_table(ws, 1)
    return save(wb)


def save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_NOT_IN_SHEET_NAMES = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


def sheet_name(name: str, taken: Sequence[str] = ()) -> str:
    """A valid, unique sheet name: no []:*?/\\, at most 31 characters."""
    base = (name.translate(_NOT_IN_SHEET_NAMES).strip("'") or "_")[:31]
    out, n = base, 2
    while out in taken:
        suffix = f"({n})"
        out, n = base[: 31 - len(suffix)] + suffix, n + 1
    return out


def fill_status(cell, status: str) -> None:
    from openpyxl.styles import Font, PatternFill

    light = chart.light(status)
    cell.fill = PatternFill(fill_type="solid", start_color="FF" + HEX[light], end_color="FF" + HEX[light])
    cell.font = Font(bold=True, color="FFFFFFFF" if light in WHITE_ON else "FF000000")


def style_header(ws, row: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for cell in ws[row]:
        if cell.value is None:
            continue
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color="FF" + HEADER_FILL, end_color="FF" + HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def finish_table(ws, header_row: int) -> None:
    """Frozen header, an autofilter over the table, widths that fit."""
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = ws.dimensions
    fit_widths(ws)


def fit_widths(ws, from_row: int = 1) -> None:
    """Each column as wide as its widest value from ``from_row`` on (a title above may overflow)."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=from_row):
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            if isinstance(value, float):
                value = f"{value:,.2f}"
            widths[cell.column] = max(widths.get(cell.column, 0), cell_width(value))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(MAX_WIDTH, width + 2)
