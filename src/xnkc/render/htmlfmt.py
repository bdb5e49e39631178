"""``--format html``: one self-contained page people read and print (inline CSS and SVG, no
script, no network): a header, summary cards in the 亮灯 colours, a bar chart of every
indicator's completion with its 序时 mark, the tables, per-unit sections and regions.

Every figure comes from the same Report as ``--format json`` (text via ``records``; unrounded
values in ``data-*`` attributes); every text from the data is escaped. The page is a list of
sections (``SECTIONS``): a later section (the trajectory of each indicator across periods,
issue 11 point 4) is one more function of the view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from xnkc.common.i18n import plan_text, t
from xnkc.compute import chart
from xnkc.compute.calc import STATUSES, Row
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView
from xnkc.render.lights import HEX, LIGHT_LABEL, TINT

FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", SimSun, sans-serif'

# chart geometry, in SVG user units (1 unit = 1 CSS px; the chart fits an A4 page's width)
LABEL_W = 230  # the indicator's name left of its bar
BAR_X = LABEL_W + 10
BAR_W = 380  # the whole scale 0 … chart.scale()
VALUE_W = 90
ROW_H = 20
BAR_H = 12
AXIS_H = 22
CHART_W = BAR_X + BAR_W + VALUE_W


def esc(x: object) -> str:
    return escape(str(x), quote=True)


def num_attr(x: float | None) -> str:
    """An unrounded value for a ``data-*`` attribute (``repr``: what JSON prints); empty for null."""
    return "" if x is None else repr(float(x))


CSS = f"""
@page {{ size: A4; margin: 14mm 12mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONTS}; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 190mm;
  line-height: 1.45; }}
h1 {{ font-size: 16pt; text-align: center; margin: 8px 0 4px; font-weight: bold; }}
h2 {{ font-size: 12.5pt; border-bottom: 2px solid #8B0000; padding-bottom: 2px; margin: 18px 0 8px; }}
h3 {{ font-size: 11pt; margin: 12px 0 4px; }}
p.meta {{ text-align: center; margin: 0 0 10px; color: #333; }}
.cards {{ display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }}
.card {{ border: 1px solid #999; border-left-width: 6px; padding: 3px 8px; min-width: 78px; }}
.card .n {{ font-size: 15pt; font-weight: bold; display: block; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; margin: 4px 0 8px; }}
th, td {{ border: 1px solid #666; padding: 2px 4px; vertical-align: top; white-space: nowrap; }}
td.w {{ white-space: normal; }}
th {{ background: #eee; font-weight: bold; text-align: center; }}
td.n {{ text-align: right; white-space: nowrap; }}
thead {{ display: table-header-group; }}
tr {{ page-break-inside: avoid; break-inside: avoid; }}
.dot {{ display: inline-block; width: 0.8em; height: 0.8em; border-radius: 50%; margin-right: 3px;
  vertical-align: -0.05em; }}
svg {{ display: block; max-width: 100%; height: auto; }}
svg text {{ font-family: {FONTS}; font-size: 11px; fill: #111; }}
svg text.axis {{ font-size: 10px; fill: #444; }}
svg line.grid {{ stroke: #ccc; stroke-width: 1; }}
svg line.pace {{ stroke: #111; stroke-width: 2; }}
p.note, ul.notes {{ font-size: 9pt; color: #333; }}
section.page {{ page-break-before: always; break-before: page; }}
@media print {{ body {{ max-width: none; }} h2 {{ page-break-after: avoid; break-after: avoid; }} }}
"""


def dot(status: str) -> str:
    light = chart.light(status)
    return f'<span class="dot light-{light}" style="background:#{HEX[light]}"></span>'


def table_html(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: Sequence[int] = (),
    attrs: Callable[[int], str] | None = None,
    wrap: Sequence[int] = (1,),
) -> str:
    """A plain table; ``rows`` are already-escaped HTML cells; ``attrs(i)`` the i-th <tr>'s
    attributes; only the ``wrap`` columns (names, texts) break onto more lines."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for i, row in enumerate(rows):
        tds = "".join(
            f'<td class="n">{c}</td>' if j in numeric else f'<td class="w">{c}</td>' if j in wrap else f"<td>{c}</td>"
            for j, c in enumerate(row)
        )
        body.append(f"<tr{attrs(i) if attrs else ''}>{tds}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class HtmlFormat(Format):
    # -- check ---------------------------------------------------------------------------------

    def check(self, view: CheckView) -> str:
        body = "".join(section(self, view) for section in SECTIONS)
        title = esc(records.header_line(view, self.lang))
        return page(title, body, self.lang)

    def header(self, view: CheckView) -> str:
        r = view.report
        period = records.header_line(view, self.lang).removeprefix(r.title).lstrip(" ·")
        return f'<header><h1>{esc(r.title)}</h1><p class="meta">{esc(period)}</p></header>'

    def summary(self, view: CheckView) -> str:
        r = view.report
        out = [f"<section class='summary'><h2>{esc(t('report_overview', self.lang))}</h2>"]
        for key, counts in (("indicators", r.summary), ("commitments", r.commitments_summary)):
            if key == "commitments" and not r.commitments:
                continue
            out.append(f"<h3>{esc(plan_text(view.labels, key, self.lang))}</h3>{self.cards(counts, key)}")
        out.append("</section>")
        return "".join(out)

    def cards(self, counts: dict[str, int], group: str = "") -> str:
        cards = []
        for status in STATUSES:
            n = counts.get(status, 0)
            if status == "no_target" and not n:
                continue
            light = chart.light(status)
            cards.append(
                f'<div class="card light-{light}" data-group="{esc(group)}" data-status="{status}" data-count="{n}"'
                f' style="border-left-color:#{HEX[light]};background:#{TINT[light]}">'
                f'<span class="n">{n}</span>{esc(t(status, self.lang))}</div>'
            )
        return f'<div class="cards">{"".join(cards)}</div>'

    def chart(self, view: CheckView) -> str:
        rows = view.report.rows
        if not rows:
            return ""
        svg = completion_chart(rows, self.lang)
        note = t("report_pace_mark", self.lang)
        return (
            f"<section class='chart'><h2>{esc(t('report_chart', self.lang))}</h2>{svg}"
            f'<p class="note">{esc(note)}</p></section>'
        )

    def tables(self, view: CheckView) -> str:
        r = view.report
        out = []
        for key, rows in (("indicators", r.rows), ("commitments", r.commitments)):
            if rows:
                out.append(
                    f"<section class='page rows' data-group='{key}'>"
                    f"<h2>{esc(plan_text(view.labels, key, self.lang))}</h2>{self.row_table(rows)}</section>"
                )
        link_headers, links = records.link_cells(view, self.lang)
        if links:
            cells = [[esc(c) for c in row] for row in links]
            out.append(
                f"<section class='links'><h2>{esc(plan_text(view.labels, 'links', self.lang))}</h2>"
                f"{table_html(link_headers, cells, numeric=(3, 4), wrap=(1, 2))}</section>"
            )
        notes = records.footer_lines(view, self.lang)
        out.append('<ul class="notes">' + "".join(f"<li>{esc(x)}</li>" for x in notes) + "</ul>")
        return "".join(out)

    def row_table(self, rows: Sequence[Row], roles: Sequence[str] | None = None) -> str:
        headers = [t("light", self.lang), *(t(c, self.lang) for c in records.CHECK_COLUMNS)]
        cells = []
        for i, row in enumerate(rows):
            text = [esc(c) for c in records.check_cells(row, self.lang)]
            if roles is not None:
                text[1] = f"{esc(t(roles[i], self.lang))}:{text[1]}"
            light = LIGHT_LABEL[chart.light(row.status)][1 if self.lang == "en" else 0]
            cells.append([dot(row.status) + esc(light), *text])
        numeric = (4, 5, 6, 7, 8, 10)  # target, actual, completion, gap, expected, growth

        def attrs(i: int) -> str:
            row = rows[i]
            return (
                f' data-id="{esc(row.metric.id)}" data-status="{row.status}" data-light="{chart.light(row.status)}"'
                f' data-completion="{num_attr(row.completion)}" data-actual="{num_attr(row.actual)}"'
                f' data-target="{num_attr(row.target)}" data-expected="{num_attr(row.expected)}"'
            )

        return table_html(headers, cells, numeric, attrs, wrap=(2, 11))

    def units(self, view: CheckView) -> str:
        """Per responsible unit: its own status counts and its rows (牵头 first), as ``--by unit``."""
        if not view.unit_rows or view.report.unit_filter:
            return ""
        summaries = {u.unit: u.summary for u in view.units}
        out = [f"<section class='page units'><h2>{esc(t('report_units', self.lang))}</h2>"]
        for unit, entries in view.unit_rows.items():
            if not entries:
                continue
            summary = summaries.get(unit, {})
            out.append(
                f"<section class='unit' data-unit='{esc(unit)}'><h3>{esc(unit)}</h3>"
                f"<p>{esc(records.summary_line(summary, self.lang))}</p>"
                f"{self.row_table([x for _, x in entries], [role for role, _ in entries])}</section>"
            )
        out.append("</section>")
        return "".join(out)

    def regions(self, view: CheckView) -> str:
        """Per metric reported by region: a bar per region of its value (with its completion where
        a 分解目标 is given), then the region table."""
        if not view.regions:
            return ""
        by_id = {x.metric.id: x for x in view.report.rows + view.report.commitments}
        out = [f"<section class='page regions'><h2>{esc(t('report_regions', self.lang))}</h2>"]
        for mid, row in by_id.items():
            cells = {name: cells[mid] for name, cells in view.regions.items() if mid in cells}
            if cells:
                title = f"{row.metric.name}({row.metric.unit})" if row.metric.unit else row.metric.name
                out.append(f"<h3>{esc(title)}</h3>{region_chart(mid, cells, view.report.threshold)}")
        headers, rows = records.region_cells(view, self.lang)
        out.append(table_html(headers, [[esc(c) for c in x] for x in rows], numeric=range(2, len(headers))))
        out.append("</section>")
        return "".join(out)

    def trajectory(self, view: CheckView) -> str:
        """Each indicator across periods (issue 11 point 4): the year's target as steps, actuals as
        points, in-year 序时目标 as rings. Drawn when ``view.series`` is given (``trend`` / ``check
        --history`` fill it); absent otherwise."""
        if not view.series:
            return ""
        out = [f"<section class='page trajectory'><h2>{esc(t('report_trajectory', self.lang))}</h2>"]
        for row in view.report.rows + view.report.commitments:
            points = view.series.get(row.metric.id)
            if points:
                m = row.metric
                title = f"{m.name}({m.unit})" if m.unit else m.name
                out.append(f"<h3>{esc(title)}</h3>{trajectory_chart(m.id, points)}")
        out.append("</section>")
        return "".join(out)

    def warnings(self, view: CheckView) -> str:
        if not view.warnings:
            return ""
        items = "".join(f"<li>{esc(w.render(self.lang))}</li>" for w in view.warnings)
        return f"<section class='warnings'><h2>{esc(t('warnings', self.lang))}</h2><ul class='notes'>{items}</ul></section>"

    # -- targets and projects: plain tables -----------------------------------------------------

    def targets(self, view: TargetsView) -> str:
        heading, nothing = records.targets_heading(view, self.lang), records.nothing_to_report(view, self.lang)
        body = f"<h1>{esc(heading or view.plan.title)}</h1>"
        if nothing:
            return page(esc(view.plan.title), body + f"<p>{esc(nothing)}</p>", self.lang)
        headers, rows = records.targets_cells(view, self.lang)
        notes = "".join(f'<p class="note">{esc(x)}</p>' for x in records.targets_footer(view, self.lang))
        return page(
            esc(view.plan.title),
            body + table_html(headers, [[esc(c) for c in x] for x in rows], wrap=(1, len(headers) - 1)) + notes,
            self.lang,
        )

    def projects(self, view: ProjectsView) -> str:
        body = f"<h1>{esc(view.plan.title)}</h1>"
        nothing = records.no_projects(view, self.lang)
        if nothing:
            return page(esc(view.plan.title), body + f"<p>{esc(nothing)}</p>", self.lang)
        headers, rows = records.projects_cells(view, self.lang)
        title, th, tr = records.totals_cells(view, self.lang)
        body += table_html(headers, [[esc(c) for c in x] for x in rows], wrap=(1, 3, 4, 5))
        body += f"<h2>{esc(title)}</h2>" + table_html(th, [[esc(c) for c in x] for x in tr], numeric=(1, 2, 3, 4))
        body += f'<p class="note">{esc(plan_text(view.plan.labels, "shared_note", self.lang))}</p>'
        return page(esc(view.plan.title), body, self.lang)

    def status(self, view: StatusView) -> str:
        """``xnkc status``: who has reported and who has not, one row per unit (SPEC §9)."""
        title = " · ".join(records.status_footer(view, self.lang)[:1])
        headers, rows = records.status_cells(view, self.lang)
        body = f"<h1>{esc(title)}</h1>" + table_html(headers, [[esc(c) for c in x] for x in rows], numeric=(2, 3))
        body += "".join(f'<p class="note">{esc(line)}</p>' for line in records.status_footer(view, self.lang)[1:])
        return page(esc(title), body, self.lang)


SECTIONS: tuple[Callable[[HtmlFormat, CheckView], str], ...] = (
    HtmlFormat.header,
    HtmlFormat.summary,
    HtmlFormat.chart,
    HtmlFormat.tables,
    HtmlFormat.units,
    HtmlFormat.regions,
    HtmlFormat.trajectory,
    HtmlFormat.warnings,
)


def page(title: str, body: str, lang: str) -> str:
    html_lang = "en" if lang == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{CSS}</style></head>\n<body>{body}\n"
        f'<footer><p class="note">{esc(t("report_generated", lang))}</p></footer></body></html>\n'
    )


def completion_chart(rows: Sequence[Row], lang: str) -> str:
    """One horizontal bar per indicator with a completion, its length completion / scale of
    BAR_W, coloured by the row's light; a vertical mark at the 序时 position; real text labels."""
    bars = [chart.bar(r) for r in rows]
    end = chart.scale(b.completion for b in bars)
    height = AXIS_H + ROW_H * len(rows) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="completion" viewBox="0 0 {CHART_W} {height}"'
        f' width="{CHART_W}" height="{height}" role="img" data-scale="{num_attr(end)}">'
    ]
    steps = round(end / 0.25)
    for k in range(steps + 1):  # grid every 25 %
        x = BAR_X + BAR_W * (k * 0.25) / end
        parts.append(f'<line class="grid" x1="{x:.2f}" y1="{AXIS_H - 4}" x2="{x:.2f}" y2="{height}"/>')
        parts.append(f'<text class="axis" x="{x:.2f}" y="{AXIS_H - 8}" text-anchor="middle">{k * 25}%</text>')
    for i, (row, b) in enumerate(zip(rows, bars, strict=True)):
        y = AXIS_H + i * ROW_H
        m = row.metric
        label = f"{m.seq if m.seq is not None else m.source} {m.name}"
        parts.append(
            f'<text class="label" x="{LABEL_W}" y="{y + ROW_H / 2 + 4:.1f}" text-anchor="end">'
            f"<title>{esc(label)}</title>{esc(clip(label, 17))}</text>"
        )
        share = chart.share_of_scale(b.completion, end)
        if share is not None:
            w = BAR_W * share
            parts.append(
                f'<rect class="bar light-{b.light}" data-id="{esc(b.id)}" data-status="{row.status}"'
                f' data-completion="{num_attr(b.completion)}" x="{BAR_X}" y="{y + (ROW_H - BAR_H) / 2:.1f}"'
                f' width="{w:.3f}" height="{BAR_H}" fill="#{HEX[b.light]}"/>'
            )
        pace = chart.share_of_scale(b.pace, end)
        if pace is not None:
            x = BAR_X + BAR_W * pace
            parts.append(
                f'<line class="pace" data-id="{esc(b.id)}" data-pace="{num_attr(b.pace)}"'
                f' x1="{x:.3f}" y1="{y + 2}" x2="{x:.3f}" y2="{y + ROW_H - 2}"/>'
            )
        value = records.pct(b.completion) if b.completion is not None else t(row.status, lang)
        parts.append(f'<text class="value" x="{BAR_X + BAR_W + 6}" y="{y + ROW_H / 2 + 4:.1f}">{esc(value)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def region_chart(mid: str, cells: dict, threshold: float) -> str:
    """Each region's value as a bar on the scale 0 … the largest value; the text beside it says
    the value and, against a 分解目标, the completion."""
    values = [c.value for c in cells.values() if c.value is not None and c.value > 0]
    end = max(values, default=0.0)
    height = ROW_H * len(cells) + 4
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="regions" data-id="{esc(mid)}" viewBox="0 0 {CHART_W} {height}"'
        f' width="{CHART_W}" height="{height}" role="img">'
    ]
    for i, (name, c) in enumerate(cells.items()):
        y = i * ROW_H
        parts.append(f'<text x="{LABEL_W}" y="{y + ROW_H / 2 + 4:.1f}" text-anchor="end">{esc(name)}</text>')
        share = chart.share_of_scale(c.value, end) if end > 0 else None
        light = chart.region_light(c.completion, threshold)
        if share is not None:
            parts.append(
                f'<rect class="bar region light-{light}" data-region="{esc(name)}" data-value="{num_attr(c.value)}"'
                f' x="{BAR_X}" y="{y + (ROW_H - BAR_H) / 2:.1f}" width="{BAR_W * share:.3f}" height="{BAR_H}"'
                f' fill="#{HEX[light]}"/>'
            )
        text = records.num(c.value)
        if c.target is not None:
            text += f"/{records.num(c.target)} ({records.pct(c.completion)})"
        elif c.share is not None:
            text += f" ({records.pct(c.share)})"
        parts.append(f'<text class="value" x="{BAR_X + BAR_W + 6}" y="{y + ROW_H / 2 + 4:.1f}">{esc(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


TRAJ_H, TRAJ_TOP, TRAJ_BOTTOM, TRAJ_LEFT = 150, 10, 24, 60  # a trajectory chart's frame


def trajectory_chart(mid: str, points: Sequence[chart.SeriesPoint]) -> str:
    """Periods evenly spaced left to right; the value axis from ``chart.series_range``."""
    low, high = chart.series_range(points)
    plot_w, plot_h = CHART_W - TRAJ_LEFT - 20, TRAJ_H - TRAJ_TOP - TRAJ_BOTTOM
    step = plot_w / max(len(points), 1)

    def x(i: int) -> float:
        return TRAJ_LEFT + step * (i + 0.5)

    def y(v: float) -> float:
        return TRAJ_TOP + (1 - (v - low) / (high - low)) * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trajectory" data-id="{esc(mid)}"'
        f' viewBox="0 0 {CHART_W} {TRAJ_H}" width="{CHART_W}" height="{TRAJ_H}" role="img">',
        f'<line class="grid" x1="{TRAJ_LEFT}" y1="{y(low):.2f}" x2="{CHART_W - 20}" y2="{y(low):.2f}"/>',
        f'<text class="axis" x="{TRAJ_LEFT - 4}" y="{y(low) + 4:.2f}" text-anchor="end">{esc(records.num(low))}</text>',
        f'<text class="axis" x="{TRAJ_LEFT - 4}" y="{TRAJ_TOP + 4}" text-anchor="end">{esc(records.num(high))}</text>',
    ]
    steps = []
    for i, p in enumerate(points):
        if p.target is not None:  # the year's target as a step across the period's slot
            steps.append(f"{x(i) - step / 2:.2f},{y(p.target):.2f} {x(i) + step / 2:.2f},{y(p.target):.2f}")
        parts.append(f'<text class="axis" x="{x(i):.2f}" y="{TRAJ_H - 6}" text-anchor="middle">{esc(p.period)}</text>')
    if steps:
        parts.append(
            f'<polyline class="target" points="{" ".join(steps)}" fill="none" stroke="#555" stroke-width="2"/>'
        )
    for i, p in enumerate(points):
        if p.expected is not None:
            parts.append(
                f'<circle class="expected" data-period="{esc(p.period)}" data-value="{num_attr(p.expected)}"'
                f' cx="{x(i):.2f}" cy="{y(p.expected):.2f}" r="4" fill="none" stroke="#111"/>'
            )
        if p.actual is not None:
            parts.append(
                f'<circle class="actual" data-period="{esc(p.period)}" data-value="{num_attr(p.actual)}"'
                f' cx="{x(i):.2f}" cy="{y(p.actual):.2f}" r="4" fill="#8B0000"/>'
                f'<text class="value" x="{x(i) + 7:.2f}" y="{y(p.actual) - 5:.2f}">{esc(records.num(p.actual))}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def clip(text: str, n: int) -> str:
    """A chart label of at most ``n`` characters (the whole name is in the table and the <title>)."""
    return text if len(text) <= n else text[: n - 1] + "…"
