"""``--format table`` (default): rich tables; CJK-aware widths, colour only on a terminal.

A narrow terminal never squeezes a column below what its values need, and never cuts a value.
Each table first gets denser without losing anything (padding collapsed, long names folded onto
more lines, 单位 written after the name as 附件1 prints it: ``高新技术企业数(家)``), then leaves out
whole columns in the order its ``*_STEPS`` tuple states, and one line under the report names
them (``--format markdown`` or a wider terminal shows them all). A name never gets under 8 cells
(4 汉字) while a column is left to leave out (down to 30 columns for every command), and folds
between 汉字 and words (``_fold``), never inside a number such as ``1.8%``.
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

from xnkc.common.i18n import plan_text, t
from xnkc.compute import chart
from xnkc.compute.calc import UNMET_VERDICTS
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView, TrendView
from xnkc.render.lights import STATUS_STYLE

# Layout steps, applied in order until a table fits. Three are lossless and apply to any table:
COMPACT = "=compact"  # one space of padding between columns instead of two
NARROW = "=narrow"  # names and texts fold at 12 cells (6 汉字) instead of 16
NARROWER = "=narrower"  # … and then at 8 (4 汉字)
UNIT_INTO_NAME = "=unit"  # the 单位 column goes after the name: 高新技术企业数(家)
CLAUSE_INTO_TEXT = "=clause"  # 二(三)9 goes in front of the promise's text
ROLE_INTO_NAME = "=role"  # 牵头/配合 goes in front of the name: 牵头:高新技术企业数(家)
SUM_MARK = "=sum"  # a three-year total so far, "48 (2024–2025)", reads Σ48 (the table's title says so)
# every other step is a column key: that column is left out (and named in the note)
BAR = "bar"  # the completion bar beside 完成率: a picture of a number shown anyway, the first to go
CHECK_STEPS = (
    COMPACT,
    BAR,
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
    ROLE_INTO_NAME,
)  # never left out: 指标, 实际, 状态 (and 角色, which at the last goes in front of the name)
LINK_STEPS = (
    COMPACT,
    "indicator",
    NARROW,
    "promised",
    NARROWER,
    CLAUSE_INTO_TEXT,
    SUM_MARK,
)  # the text names the indicator
REGION_STEPS = (COMPACT, NARROW, UNIT_INTO_NAME, NARROWER)  # then regions from the right; never 指标 or 全市
TARGETS_STEPS = (
    COMPACT,
    "support",
    "source",
    NARROW,
    UNIT_INTO_NAME,
    NARROWER,
    "lead",
    "seq",
)  # then the years from the left: the plan's final year stays, with 指标
PROJECTS_STEPS = (
    COMPACT,
    "support",
    NARROW,
    "lead",
    NARROWER,
    "region",
    "seq",
    "investment",
    "invested",
    "project_status",
)
TOTALS_STEPS = (COMPACT, "shared", "not_listed")  # never 区域/牵头, 项目数, 投资额

TEXT_WIDTH = 8  # units, status words, promise texts fold at 4 汉字


def _name_width(applied: set[str]) -> int:
    return 8 if NARROWER in applied else 12 if NARROW in applied else 16


HEADER_FLOOR = 4  # a header longer than its values wraps, down to 2 汉字 a line
_ASCII_WORD = re.compile(r"[!-~]+")
_LINK = re.compile(r"^(.*) → (\w+)$", re.S)
_SUM_SO_FAR = re.compile(r"^(\S+) \(\d{4}–\d{4}\)$")
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
    words: bool = False  # a label (status, unit names): an English word in it stays whole

    def natural(self) -> int:
        return max(_width(x) for x in [self.header, *self.cells])

    def floor(self, relax: int = 0) -> int:
        """The narrowest this column gets: a value is never cut, only a header or a text wraps.
        Where nothing is left to leave out (``relax``): 1 an English word of a header may break,
        2 an English word of a label too."""
        if self.fold is not None:
            floor = min(self.natural(), self.fold)
            if self.words:  # "under construction" folds between its words, not inside them (relaxed: at 8)
                longest = max((cell_len(w) for x in self.cells for w in _ASCII_WORD.findall(x)), default=0)
                floor = max(floor, longest if relax < 2 else min(longest, TEXT_WIDTH))
            return floor
        parts = [p for x in self.cells for p in (x.split(" ") if self.breakable else [x])]
        body = max((_width(p) for p in parts), default=0)
        # a header wraps, but an English word in it stays whole ("completion", not "comple/tion")
        words = [cell_len(w) for w in self.header.split() if w.isascii() and relax < 1]
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


def _allocate(cols: list[Col], width: int, compact: bool, relax: int = 0) -> list[int] | None:
    widths = [c.floor(relax) for c in cols]
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
    for relax in (1, 2):  # nothing left to leave out: English words in headers, then in labels, break
        if widths is None:
            widths = _allocate(kept, width, True, relax)
    if widths is None:  # narrower than any sensible table: names and texts fold further, down to 1 汉字
        widths = [c.floor(2) for c in kept]
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
            cells = [
                _fold(c.cells[r], w) if c.fold is not None else c.cells[r]
                for c, w in zip(lay.cols, lay.widths, strict=True)
            ]
            table.add_row(
                *(
                    Text(x, style=(c.styles[r] if c.styles else None) or "")
                    for c, x in zip(lay.cols, cells, strict=True)
                ),
                style=row_style(r),
            )
        console.print(table)


# a name or text folds between 汉字 and between words, never inside a number or a word ("1.8%",
# "2026", "construction") unless that alone is wider than the column
_TOKEN = re.compile(r"[!-~]+|\s+|.")
_ID_PART = re.compile(r"[^_]*_|[^_]+")


def _fold(text: str, width: int) -> str:
    """``text`` folded onto lines of at most ``width`` cells (rich would cut "1.8%" as "1./8%")."""
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        tokens = [
            part
            for tok in _TOKEN.findall(para)
            for part in (_ID_PART.findall(tok) if cell_len(tok) > width and "_" in tok else [tok])
        ]  # an id wider than the column breaks after its underscores: innovation_/teams
        for tok in tokens:
            if cell_len(line + tok) <= width:
                line += tok
                continue
            if tok.isspace():  # a break at a space drops it
                lines.append(line.rstrip())
                line = ""
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = ""
            while cell_len(tok) > width:  # a word wider than the column: folded, as it must be
                cut = next((i for i in range(len(tok), 0, -1) if cell_len(tok[:i]) <= width), 1)
                lines.append(tok[:cut])
                tok = tok[cut:]
            line = tok
        lines.append(line.rstrip())
    return "\n".join(lines)


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


BAR_WIDTH = 10  # cells of a completion bar: 0 … 100 %
BAR_FILL, BAR_EMPTY, BAR_MARK = "█", "░", "|"  # the mark is no box-drawing character: tables are drawn with those


def bar_text(b: chart.Bar, width: int = BAR_WIDTH) -> str:
    """A completion bar on the scale 0 … 100 % (a bar past it is full: 完成率 beside it says how
    far): whole cells filled, never rounded up; the 序时 position marked |; "" without a completion."""
    if b.completion is None:
        return ""
    filled = chart.cells(chart.share_of_scale(b.completion, 1.0), width)
    chars = [BAR_FILL] * filled + [BAR_EMPTY] * (width - filled)
    pace = chart.share_of_scale(b.pace, 1.0)
    if pace is not None:
        chars[min(width - 1, chart.cells(pace, width))] = BAR_MARK
    return "".join(chars)


def _name_cells(names: list[str], units: list[str], applied: set[str]) -> list[str]:
    if UNIT_INTO_NAME not in applied:
        return names
    return [f"{n}({u})" if u else n for n, u in zip(names, units, strict=True)]


class TableFormat(Format):
    # -- check ---------------------------------------------------------------------------------

    def _check_cols(
        self, entries: list[tuple[str | None, Any]], applied: set[str], sources: list[str] | None = None
    ) -> list[Col]:
        lang = self.lang
        cells = [records.check_cells(row, lang) for _, row in entries]
        column = {key: [c[j] for c in cells] for j, key in enumerate(records.CHECK_COLUMNS)}
        fold = _name_width(applied)
        cols = []
        roles = [role or "" for role, _ in entries]
        if any(roles) and ROLE_INTO_NAME not in applied:
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
                if ROLE_INTO_NAME in applied and any(roles):  # 牵头:高新技术企业数(家)
                    sep = ": " if lang == "en" else ":"
                    col.cells = [f"{t(r, lang)}{sep}{x}" if r else x for r, x in zip(roles, col.cells, strict=True)]
            elif key in ("status", "assessment"):
                col.fold, col.words = TEXT_WIDTH, True
            if key == "status":
                col.styles = [STATUS_STYLE.get(row.status, "") for _, row in entries]
            cols.append(col)
            if key == "completion":
                bars = [bar_text(chart.bar(row)) for _, row in entries]
                if any(bars):
                    styles = [STATUS_STYLE.get(row.status, "") for _, row in entries]
                    cols.append(Col(BAR, t("bar", lang), bars, styles=styles))
        if sources is not None:  # several files (SPEC §9): where each value came from
            cols.append(Col("value_source", t("value_source", lang), sources, fold=2 * TEXT_WIDTH, words=True))
        return cols

    def _link_cols(self, links: list[list[str]], headers: list[str], applied: set[str]) -> list[Col]:
        keys = ("clause", "text", "indicator", "promised", "actual", "status")
        column = {k: [x[j] for x in links] for j, k in enumerate(keys)}
        fold = _name_width(applied)
        if CLAUSE_INTO_TEXT in applied:
            column["text"] = [f"{c} {x}" for c, x in zip(column["clause"], column["text"], strict=True)]
        if SUM_MARK in applied:  # "48 (2024–2025)" → Σ48: a total so far, as the title says
            column["actual"] = [_SUM_SO_FAR.sub(r"Σ\1", x) for x in column["actual"]]
        cols = [
            Col("clause", headers[0], column["clause"]),
            Col("text", headers[1], column["text"], fold=fold),
            Col("indicator", headers[2], column["indicator"], fold=fold),
            Col("promised", headers[3], column["promised"], right=True),
            Col("actual", headers[4], column["actual"], right=True, breakable=True),
            Col("status", headers[5], column["status"], fold=10, words=True),
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
                    (plan_text(view.labels, k, lang), [(None, x) for x in rows])
                    for k, rows in (("indicators", r.rows), ("commitments", r.commitments))
                ]
                groups = [(title, rows) for title, rows in groups if rows]
            entries = [e for _, rows in groups for e in rows]
            if entries:
                with_sources = view.sources and view.by == "unit"  # several files: where each value came from
                sources = [records.value_source(x, lang) for _, x in entries] if with_sources else None
                lay = layout(lambda applied: self._check_cols(entries, applied, sources), CHECK_STEPS, console.width)
                parts, start = [], 0
                for title, rows in groups:
                    parts.append((title, range(start, start + len(rows))))
                    start += len(rows)
                _tables(console, lay, parts)
                left_out += lay.left_out
            headers, links = records.link_cells(view, lang) if view.by != "unit" else ([], [])
            if links:
                lay = layout(lambda applied: self._link_cols(links, headers, applied), LINK_STEPS, console.width)
                verdicts = [link.verdict for _, link in records.links(r)]  # decided in calc
                _tables(
                    console,
                    lay,
                    [(plan_text(view.labels, "links", lang), range(len(links)))],
                    lambda i: "red" if verdicts[i] in UNMET_VERDICTS else None,
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

        sources = {m.id: m.source for m in view.plan.indicators.values()}

        def build(applied: set[str]) -> list[Col]:
            fold = _name_width(applied)
            column = {k: [x[j] for x in rows] for j, k in enumerate(keys)}
            if "seq" in applied:  # a promise restating an indicator: "… → hitech_enterprises" (an id
                # wider than the column) names the row as 序号 would have: "…(家) → 附件1-3"
                split = [_LINK.match(x) for x in column["indicator"]]
                names = [m.group(1) if m else x for m, x in zip(split, column["indicator"], strict=True)]
                links = [f" → {sources.get(m.group(2), m.group(2))}" if m else "" for m in split]
                named = _name_cells(names, column["unit"], applied)
                column["indicator"] = [n + x for n, x in zip(named, links, strict=True)]
            else:
                column["indicator"] = _name_cells(column["indicator"], column["unit"], applied)
            cols = []
            for j, k in enumerate(keys):
                if k == "unit" and UNIT_INTO_NAME in applied:
                    continue
                col = Col(k, headers[j], column[k], right=k.startswith("year:"))
                if k == "indicator":
                    col.fold = fold
                elif k in ("lead", "support", "source"):
                    col.fold, col.words = TEXT_WIDTH, True
                cols.append(col)
            return cols

        years = [k for k in keys if k.startswith("year:")]
        lay = layout(build, (*TARGETS_STEPS, *years[:-1]), console.width)
        _tables(console, lay, [(None, range(len(rows)))])
        _left_out(console, self.lang, lay.left_out)
        for line in records.targets_footer(view, self.lang):
            _say(console, line)
        return buf.getvalue()

    def projects(self, view: ProjectsView) -> str:
        console, buf = _console()
        lang = self.lang
        nothing = records.no_projects(view, lang)
        if nothing:
            _say(console, nothing)
            return buf.getvalue()
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
                    col.fold, col.words = TEXT_WIDTH, True
                elif k == "project_status":
                    col.fold, col.words = 4, True  # 在建 / under construction
                cols.append(col)
            return cols

        lay = layout(build, PROJECTS_STEPS, console.width)
        _tables(console, lay, [(None, range(len(rows)))])
        title, th, tr = records.totals_cells(view, lang)

        def build_totals(applied: set[str]) -> list[Col]:
            cols = [Col("key", th[0], [x[0] for x in tr], fold=TEXT_WIDTH, words=True)]
            keys = ("projects", "investment", "not_listed", "shared")
            cols += [
                Col(k, h, [x[j] for x in tr], right=True)
                for j, (k, h) in enumerate(zip(keys, th[1:], strict=True), start=1)
            ]
            return cols

        totals = layout(build_totals, TOTALS_STEPS, console.width)
        _tables(console, totals, [(title, range(len(tr)))], lambda i: "bold" if i == len(tr) - 1 else None)
        _say(console, plan_text(view.plan.labels, "shared_note", lang))
        _left_out(console, lang, lay.left_out + totals.left_out)
        return buf.getvalue()

    def status(self, view: StatusView) -> str:
        console, buf = _console()
        headers, rows = records.status_cells(view, self.lang)
        keys = records.STATUS_COLUMNS

        def build(applied: set[str]) -> list[Col]:
            cols = []
            for j, (k, h) in enumerate(zip(keys, headers, strict=True)):
                right = k in ("status_expected", "status_submitted")
                fold = None if right else TEXT_WIDTH
                cols.append(Col(k, h, [x[j] for x in rows], right=right, fold=fold, words=not right))
            return cols

        lay = layout(build, (COMPACT,), console.width)
        _tables(console, lay, [(None, range(len(rows)))])
        for line in records.status_footer(view, self.lang):
            _say(console, line)
        return buf.getvalue()

    def trend(self, view: TrendView) -> str:
        """One row per indicator (then commitment): each period's value, the sparkline (▁…█ on the
        row's own min–max, its targets included), the latest value, its target and status."""
        console, buf = _console()
        headers = records.trend_headers(view, self.lang)
        sections = records.trend_rows(view, self.lang)
        rows = [cells for _, cells in sections]
        statuses = [line.latest.status if line.latest else "no_data" for line in view.trend.indicators]
        statuses += [line.latest.status if line.latest else "no_data" for line in view.trend.commitments]
        n_periods = len(view.trend.periods)

        def build(applied: set[str]) -> list[Col]:
            cols = []
            for j, h in enumerate(headers):
                cells = [x[j] for x in rows]
                if j == 0:
                    cols.append(Col("indicator", h, cells, fold=_name_width(applied)))
                elif j == 1:
                    cols.append(Col("unit", h, cells, fold=TEXT_WIDTH, words=True))
                elif j == len(headers) - 1:
                    styles = [STATUS_STYLE.get(s, "") for s in statuses]
                    cols.append(Col("status", h, cells, fold=TEXT_WIDTH, words=True, styles=styles))
                elif j == 2 + n_periods:
                    cols.append(Col("trend_spark", h, cells))
                else:
                    cols.append(Col(f"trend_{j}", h, cells, right=True, breakable=j == 3 + n_periods))
            return cols

        _say(console, records.trend_heading(view, self.lang))
        lay = layout(build, (COMPACT, NARROW, NARROWER), console.width)
        n_ind = len(view.trend.indicators)
        parts: list[tuple[str | None, range]] = [(None, range(n_ind))]
        if view.trend.commitments:
            parts.append((t("trend_commitments", self.lang), range(n_ind, len(rows))))
        _tables(console, lay, parts)
        return buf.getvalue()
