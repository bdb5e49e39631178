"""``--format table`` (default): rich tables; CJK-aware widths, colour only on a terminal."""

from __future__ import annotations

import io
import os
import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from xnkc.i18n import t
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, TargetsView

STATUS_STYLE = {
    "met": "green",
    "on_track": "green",
    "behind": "yellow",
    "far_behind": "red",
    "missed": "bold red",
    "no_data": "dim",
}
# columns dropped first when the terminal is narrow (lowest priority first)
# (the unit stays: 3,000 万元 is not 3,000 亿元; the gap stays: it is what a unit's table is for)
DROP_ORDER = ("growth", "assessment", "expected", "completion", "seq")


def _console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    tty = sys.stdout.isatty()
    width = os.get_terminal_size().columns if tty else int(os.environ.get("COLUMNS", "0") or 0) or 120
    console = Console(
        file=buf,
        width=width,
        force_terminal=tty,
        no_color=not tty or "NO_COLOR" in os.environ,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    return console, buf


def _columns_for(width: int) -> list[str]:
    cols = list(records.CHECK_COLUMNS)
    budget = {120: 0, 100: 1, 90: 2, 80: 3, 0: 5}
    drop = next(n for w, n in budget.items() if width >= w)
    for c in DROP_ORDER[:drop]:
        cols.remove(c)
    return cols


class TableFormat(Format):
    def _check_table(self, rows: list[tuple[str | None, Any]], cols: list[str], title: str | None) -> Table:
        table = Table(title=title, title_justify="left", show_lines=False, header_style="bold", pad_edge=False)
        with_role = any(role for role, _ in rows)
        if with_role:
            table.add_column(t("role", self.lang), no_wrap=True)
        for c in cols:
            numeric = c in ("target", "actual", "completion", "gap", "expected", "growth")
            table.add_column(
                t(c, self.lang),
                justify="right" if numeric else "left",
                no_wrap=c not in ("indicator",),
                overflow="fold",
                min_width=8 if c == "indicator" else None,
            )
        index = [records.CHECK_COLUMNS.index(c) for c in cols]
        for role, row in rows:
            cells = records.check_cells(row, self.lang)
            out: list[Any] = [cells[i] for i in index]
            if "status" in cols:
                k = cols.index("status")
                out[k] = Text(out[k], style=STATUS_STYLE[row.status])
            if with_role:
                out.insert(0, Text(t(role or "", self.lang), style="bold" if role == "lead" else ""))
            table.add_row(*out)
        return table

    def check(self, view: CheckView) -> str:
        console, buf = _console()
        r = view.report
        cols = _columns_for(console.width - (8 if view.by == "unit" else 0))  # the role column
        console.print(Text(records.header_line(view, self.lang), style="bold"))
        if view.by == "unit":
            for u, rows in view.unit_rows.items():
                console.print(self._check_table(rows, cols, u))
        elif view.by == "region":
            if view.regions:
                self._regions(console, view)
            else:
                console.print(t("no_regions", self.lang))
        else:
            for title, rows in (("indicators", r.rows), ("commitments", r.commitments)):
                if rows:
                    console.print(self._check_table([(None, x) for x in rows], cols, t(title, self.lang)))
            headers, links = records.link_cells(view, self.lang)
            if links:
                table = Table(title=t("links", self.lang), title_justify="left", header_style="bold", pad_edge=False)
                for i, h in enumerate(headers):
                    table.add_column(
                        h, justify="right" if i in (3, 4) else "left", overflow="fold", no_wrap=i in (0, 3)
                    )
                for link in links:
                    table.add_row(*link, style="red" if link[-1] == t("not_reached", self.lang) else None)
                console.print(table)
        if not r.rows and not r.commitments:
            console.print(t("nothing_for_unit", self.lang).format(unit=r.unit_filter))
        console.print(f"{t('indicators', self.lang)}: {records.summary_line(r.summary, self.lang)}")
        if r.commitments:
            console.print(f"{t('commitments', self.lang)}: {records.summary_line(r.commitments_summary, self.lang)}")
        if any(x.origin in ("derived", "regions") for x in r.rows + r.commitments):
            console.print(
                "* "
                + (
                    "由分项统计计算或由各区域汇总"
                    if self.lang != "en"
                    else "computed from component statistics or summed over regions"
                )
            )
        return buf.getvalue()

    def _regions(self, console: Console, view: CheckView) -> None:
        """Per-region values; additive ones also as a share of the city total (no region targets)."""
        headers, rows = records.region_cells(view, self.lang)
        table = Table(title=t("region", self.lang), title_justify="left", header_style="bold", pad_edge=False)
        for i, h in enumerate(headers):
            table.add_column(
                h, justify="right" if i else "left", no_wrap=bool(i), overflow="fold", min_width=None if i else 8
            )
        for row in rows:
            table.add_row(*row)
        console.print(table)

    def targets(self, view: TargetsView) -> str:
        console, buf = _console()
        headers, rows = records.targets_cells(view, self.lang)
        table = Table(header_style="bold", pad_edge=False)
        for i, h in enumerate(headers):
            table.add_column(
                h, justify="right" if h.isdigit() else "left", overflow="fold", no_wrap=h.isdigit() or i == 0
            )
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return buf.getvalue()

    def projects(self, view: ProjectsView) -> str:
        console, buf = _console()
        headers, rows = records.projects_cells(view, self.lang)
        table = Table(header_style="bold", pad_edge=False)
        for i, h in enumerate(headers):
            table.add_column(h, overflow="fold", no_wrap=i in (0, 2), justify="right" if i == 2 else "left")
        for row in rows:
            table.add_row(*row)
        console.print(table)
        title, th, tr = records.totals_cells(view, self.lang)
        totals = Table(title=title, title_justify="left", header_style="bold", pad_edge=False)
        for i, h in enumerate(th):
            totals.add_column(h, justify="right" if i else "left")
        for k, row in enumerate(tr):
            totals.add_row(*row, style="bold" if k == len(tr) - 1 else None)
        console.print(totals)
        console.print(t("shared_note", self.lang))
        return buf.getvalue()
