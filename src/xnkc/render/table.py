"""``--format table`` (default): rich tables; CJK-aware widths, colour only on a terminal.

A narrow terminal never squeezes a column below what its values need, and never cuts a value.
Each table first gets denser without losing anything (padding collapsed, long names folded onto
more lines, 单位 written after the name as 附件1 prints it: ``高新技术企业数(家)``), then leaves out
whole columns in the order its ``*_STEPS`` tuple states, and one line under the report names
them (``--format markdown`` or a wider terminal shows them all).
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from xnkc.i18n import t
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, TargetsView

# SPEC §5 亮灯: green met/on_track, yellow behind, red far_behind/missed, grey no_data/no_target
STATUS_STYLE = {
    "met": "green",
    "on_track": "green",
    "behind": "yellow",
    "far_behind": "red",
    "missed": "bold red",
    "no_data": "dim",
    "no_target": "dim",
}

# Layout steps, applied in order until a table fits. Three are lossless and apply to any table:
COMPACT = "=compact"  # one space of padding between columns instead of two
NARROW = "=narrow"  # names and texts fold at 12 cells (6 汉字) instead of 16
NARROWER = "=narrower"  # … and then at 8 (4 汉字)
UNIT_INTO_NAME = "=unit"  # the 单位 column goes after the name: 高新技术企业数(家)
CLAUSE_INTO_TEXT = "=clause"  # 二(三)9 goes in front of the promise's text
# every other step is a column key: that column is left out (and named in the note)
CHECK_STEPS = (
    COMPACT,
    "growth",
    "assessment",
    "expected",
    "seq",
    UNIT_INTO_NAME,
    NARROW,
    "completion",
    NARROWER,
    "gap",
    "target",
)  # never left out: 角色, 指标, 实际, 状态
LINK_STEPS = (COMPACT, "indicator", NARROW, "promised", NARROWER, CLAUSE_INTO_TEXT)  # the text names the indicator
REGION_STEPS = (COMPACT, NARROW, UNIT_INTO_NAME, NARROWER)  # then regions from the right; never 指标 or 全市
TARGETS_STEPS = (COMPACT, "support", "source", NARROW, UNIT_INTO_NAME, NARROWER, "lead")
PROJECTS_STEPS = (COMPACT, "support", NARROW, "lead", NARROWER, "region", "seq")
TOTALS_STEPS = (COMPACT,)

TEXT_WIDTH = 8  # units, status words, promise texts fold at 4 汉字


def _name_width(applied: set[str]) -> int:
    return 8 if NARROWER in applied else 12 if NARROW in applied else 16


HEADER_FLOOR = 4  # a header longer than its values wraps, down to 2 汉字 a line
NUMERIC = {"target", "actual", "completion", "gap", "expected", "growth"}


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


def _width(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


@dataclass
class Col:
    key: str
    header: str
    cells: list[str]
    right: bool = False
    fold: int | None = None  # a name or text: may fold onto more lines, down to this width
    breakable: bool = False  # "160 (22.9%)": may break at its spaces, never inside a number
    styles: list[str] | None = None

    def natural(self) -> int:
        return max(_width(x) for x in [self.header, *self.cells])

    def floor(self) -> int:
        """The narrowest this column gets: a value is never cut, only a header or a text wraps."""
        if self.fold is not None:
            return min(self.natural(), self.fold)
        parts = [p for x in self.cells for p in (x.split(" ") if self.breakable else [x])]
        body = max((_width(p) for p in parts), default=0)
        # a header wraps, but an English word in it stays whole ("completion", not "comple/tion")
        words = [cell_len(w) for w in self.header.split() if w.isascii()]
        return max(body, min(HEADER_FLOOR, self.natural()), *words)


@dataclass
class Layout:
    cols: list[Col]
    widths: list[int]
    compact: bool
    left_out: list[str]  # headers of the columns left out, in the order they were dropped


def _overhead(n: int, compact: bool) -> int:
    """Rule and padding cells of a rich table of n columns (edges unpadded)."""
    return 2 * n if compact else 3 * n - 1


def _allocate(cols: list[Col], width: int, compact: bool) -> list[int] | None:
    widths = [c.floor() for c in cols]
    spare = width - _overhead(len(cols), compact) - sum(widths)
    if spare < 0:
        return None
    # headers and whole values first, then names and texts (left to right)
    order = [i for i, c in enumerate(cols) if c.fold is None] + [i for i, c in enumerate(cols) if c.fold is not None]
    for i in order:
        give = min(spare, cols[i].natural() - widths[i])
        widths[i] += give
        spare -= give
    return widths


def layout(build: Callable[[set[str]], list[Col]], steps: Sequence[str], width: int) -> Layout:
    """The first layout along ``steps`` that fits ``width``; past the last step, texts fold further."""
    applied: set[str] = set()
    dropped: list[str] = []
    kept: list[Col] = []
    widths: list[int] | None = None
    for step in (None, *steps):
        if step is not None:
            applied.add(step)
            dropped.append(step)
        cols = build(applied)
        kept = [c for c in cols if c.key not in applied]
        widths = _allocate(kept, width, COMPACT in applied)
        if widths is not None:
            break
    if widths is None:  # narrower than any sensible table: names and texts fold further, down to 1 汉字
        widths = [c.floor() for c in kept]
        deficit = sum(widths) + _overhead(len(kept), True) - width
        texts = [i for i, c in enumerate(kept) if c.fold is not None]
        while deficit > 0 and texts:
            i = max(texts, key=lambda k: widths[k])
            if widths[i] <= 2:
                break
            widths[i] -= 1
            deficit -= 1
    headers = {c.key: c.header for c in build(set())}
    left_out = [headers[k] for k in dropped if k in headers]
    return Layout(kept, widths, COMPACT in applied, left_out)


def _tables(
    console: Console,
    lay: Layout,
    parts: Iterable[tuple[str | None, range]],
    row_style: Callable[[int], str | None] = lambda r: None,
) -> None:
    """Print one rich table per (title, rows) part, all with the layout's columns and widths."""
    for title, rows in parts:
        table = Table(
            title=title,
            title_justify="left",
            header_style="bold",
            pad_edge=False,
            collapse_padding=lay.compact,
        )
        for c, w in zip(lay.cols, lay.widths, strict=True):
            table.add_column(c.header, justify="right" if c.right else "left", width=w, overflow="fold")
        for r in rows:
            table.add_row(
                *(Text(c.cells[r], style=(c.styles[r] if c.styles else None) or "") for c in lay.cols),
                style=row_style(r),
            )
        console.print(table)


# a line of prose breaks after punctuation, or at a space where it must; `--format markdown` stays whole
_CHUNK = re.compile(r"[^,:;、,;:]+[,:;、,;:]*\s*")
_WORD = re.compile(r"--format markdown\s*|\S+\s*|\s+")


def _say(console: Console, text: str) -> None:
    """Print a line of prose wrapped at the console width between words and list items."""
    width = console.width
    tokens = [
        w for chunk in _CHUNK.findall(text) for w in ([chunk] if cell_len(chunk) <= width else _WORD.findall(chunk))
    ]
    line = ""
    for tok in tokens:
        if line and cell_len((line + tok).rstrip()) > width:
            console.print(Text(line.rstrip()), overflow="fold")
            line = tok.lstrip()
        else:
            line += tok
    if line.strip():
        console.print(Text(line.rstrip()), overflow="fold")


def _left_out(console: Console, lang: str, names: list[str]) -> None:
    if names:
        sep = ", " if lang == "en" else "、"
        _say(console, t("left_out", lang).format(width=console.width, columns=sep.join(dict.fromkeys(names))))


def _name_cells(names: list[str], units: list[str], applied: set[str]) -> list[str]:
    if UNIT_INTO_NAME not in applied:
        return names
    return [f"{n}({u})" if u else n for n, u in zip(names, units, strict=True)]


class TableFormat(Format):
    # -- check ---------------------------------------------------------------------------------

    def _check_cols(self, entries: list[tuple[str | None, Any]], applied: set[str]) -> list[Col]:
        lang = self.lang
        cells = [records.check_cells(row, lang) for _, row in entries]
        column = {key: [c[j] for c in cells] for j, key in enumerate(records.CHECK_COLUMNS)}
        fold = _name_width(applied)
        cols = []
        if any(role for role, _ in entries):
            roles = [role or "" for role, _ in entries]
            cols.append(
                Col(
                    "role",
                    t("role", lang),
                    [t(r, lang) for r in roles],
                    styles=["bold" if r == "lead" else "" for r in roles],
                )
            )
        for key in records.CHECK_COLUMNS:
            if key == "unit" and UNIT_INTO_NAME in applied:
                continue
            col = Col(key, t(key, lang), column[key], right=key in NUMERIC)
            if key == "indicator":
                col.cells = _name_cells(column["indicator"], column["unit"], applied)
                col.fold = fold
            elif key in ("status", "assessment"):
                col.fold = TEXT_WIDTH
            if key == "status":
                col.styles = [STATUS_STYLE.get(row.status, "") for _, row in entries]
            cols.append(col)
        return cols

    def _link_cols(self, links: list[list[str]], headers: list[str], applied: set[str]) -> list[Col]:
        keys = ("clause", "text", "indicator", "promised", "actual", "status")
        column = {k: [x[j] for x in links] for j, k in enumerate(keys)}
        fold = _name_width(applied)
        if CLAUSE_INTO_TEXT in applied:
            column["text"] = [f"{c} {x}" for c, x in zip(column["clause"], column["text"], strict=True)]
        cols = [
            Col("clause", headers[0], column["clause"]),
            Col("text", headers[1], column["text"], fold=fold),
            Col("indicator", headers[2], column["indicator"], fold=fold),
            Col("promised", headers[3], column["promised"], right=True),
            Col("actual", headers[4], column["actual"], right=True, breakable=True),
            Col("status", headers[5], column["status"], fold=10),
        ]
        return [c for c in cols if not (c.key == "clause" and CLAUSE_INTO_TEXT in applied)]

    def check(self, view: CheckView) -> str:
        console, buf = _console()
        lang = self.lang
        r = view.report
        left_out: list[str] = []
        _say(console, records.header_line(view, lang))
        if view.by == "region":
            if view.regions:
                left_out += self._regions(console, view)
            else:
                console.print(t("no_regions", lang))
        else:
            if view.by == "unit":
                groups = [(u, list(rows)) for u, rows in view.unit_rows.items()]
            else:
                groups = [
                    (t(k, lang), [(None, x) for x in rows])
                    for k, rows in (("indicators", r.rows), ("commitments", r.commitments))
                ]
                groups = [(title, rows) for title, rows in groups if rows]
            entries = [e for _, rows in groups for e in rows]
            if entries:
                lay = layout(lambda applied: self._check_cols(entries, applied), CHECK_STEPS, console.width)
                parts, start = [], 0
                for title, rows in groups:
                    parts.append((title, range(start, start + len(rows))))
                    start += len(rows)
                _tables(console, lay, parts)
                left_out += lay.left_out
            headers, links = records.link_cells(view, lang) if view.by != "unit" else ([], [])
            if links:
                lay = layout(lambda applied: self._link_cols(links, headers, applied), LINK_STEPS, console.width)
                red = t("not_reached", lang)
                _tables(
                    console,
                    lay,
                    [(t("links", lang), range(len(links)))],
                    lambda i: "red" if links[i][-1] == red else None,
                )
                left_out += [t("links_table", lang).format(column=h) for h in lay.left_out]
        for line in records.footer_lines(view, lang):
            _say(console, line)
        _left_out(console, lang, left_out)
        return buf.getvalue()

    def _regions(self, console: Console, view: CheckView) -> list[str]:
        """Per region: the value against the region's own target (分解目标), else with its share of
        the city total; at a narrow width the share goes under the value, then regions are left out
        from the right."""
        headers, rows = records.region_cells(view, self.lang)
        regions = headers[2:-1]

        def build(applied: set[str]) -> list[Col]:
            fold = _name_width(applied)
            names = _name_cells([x[0] for x in rows], [x[1] for x in rows], applied)
            cols = [Col("indicator", headers[0], names, fold=fold)]
            if UNIT_INTO_NAME not in applied:
                cols.append(Col("unit", headers[1], [x[1] for x in rows]))
            for j, name in enumerate(regions, start=2):
                cols.append(Col("region:" + name, name, [x[j] for x in rows], right=True, breakable=True))
            cols.append(Col("city", headers[-1], [x[-1] for x in rows], right=True))
            return cols

        steps = (*REGION_STEPS, *("region:" + name for name in reversed(regions)))
        lay = layout(build, steps, console.width)
        _tables(console, lay, [(t("region", self.lang), range(len(rows)))])
        return lay.left_out

    # -- targets and projects ------------------------------------------------------------------

    def targets(self, view: TargetsView) -> str:
        console, buf = _console()
        heading, nothing = records.targets_heading(view, self.lang), records.nothing_to_report(view, self.lang)
        if heading:
            _say(console, heading)
        if nothing:  # no empty table: what the unit answers for, and that it has nothing to report
            _say(console, nothing)
            return buf.getvalue()
        headers, rows = records.targets_cells(view, self.lang)
        n_years = len(headers) - 6
        keys = [
            "seq",
            "indicator",
            "unit",
            *(f"year:{h}" for h in headers[3 : 3 + n_years]),
            "lead",
            "support",
            "source",
        ]

        def build(applied: set[str]) -> list[Col]:
            fold = _name_width(applied)
            column = {k: [x[j] for x in rows] for j, k in enumerate(keys)}
            column["indicator"] = _name_cells(column["indicator"], column["unit"], applied)
            cols = []
            for j, k in enumerate(keys):
                if k == "unit" and UNIT_INTO_NAME in applied:
                    continue
                col = Col(k, headers[j], column[k], right=k.startswith("year:"))
                if k == "indicator":
                    col.fold = fold
                elif k in ("lead", "support", "source"):
                    col.fold = TEXT_WIDTH
                cols.append(col)
            return cols

        lay = layout(build, TARGETS_STEPS, console.width)
        _tables(console, lay, [(None, range(len(rows)))])
        _left_out(console, self.lang, lay.left_out)
        return buf.getvalue()

    def projects(self, view: ProjectsView) -> str:
        console, buf = _console()
        lang = self.lang
        headers, rows = records.projects_cells(view, lang)
        keys = [
            "seq",
            "name",
            "investment",
            "region",
            "lead",
            "support",
            "invested",
            "investment_completion",
            "project_status",
        ]

        def build(applied: set[str]) -> list[Col]:
            fold = _name_width(applied)
            cols = []
            for j, h in enumerate(headers):
                k = keys[j]
                col = Col(k, h, [x[j] for x in rows], right=k in ("investment", "invested", "investment_completion"))
                if k == "name":
                    col.fold = fold
                elif k in ("region", "lead", "support"):
                    col.fold = TEXT_WIDTH
                elif k == "project_status":
                    col.fold = 4  # 在建 / under construction
                cols.append(col)
            return cols

        lay = layout(build, PROJECTS_STEPS, console.width)
        _tables(console, lay, [(None, range(len(rows)))])
        title, th, tr = records.totals_cells(view, lang)

        def build_totals(applied: set[str]) -> list[Col]:
            cols = [Col("key", th[0], [x[0] for x in tr], fold=TEXT_WIDTH)]
            cols += [Col(f"n{j}", h, [x[j] for x in tr], right=True) for j, h in enumerate(th) if j]
            return cols

        totals = layout(build_totals, TOTALS_STEPS, console.width)
        _tables(console, totals, [(title, range(len(tr)))], lambda i: "bold" if i == len(tr) - 1 else None)
        _say(console, t("shared_note", lang))
        _left_out(console, lang, lay.left_out + totals.left_out)
        return buf.getvalue()
