"""Shared building blocks for the formats: JSON-ready dicts and human-formatted cells."""

from __future__ import annotations

import math
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from xnkc.common.i18n import plan_text, t
from xnkc.compute.calc import GROWTH_METHODS, LinkCheck, Provenance, Report, Row, rate_unit
from xnkc.plan.domain import Metric
from xnkc.render.base import CheckView, ProjectsView, StatusView, TargetsView, TrendView

if TYPE_CHECKING:
    from xnkc.compute.trend import Trend, TrendLine

# -- machine values ---------------------------------------------------------------------------


def row_dict(row: Row, lang: str = "zh") -> dict[str, Any]:
    m = row.metric
    g = row.growth
    return {
        "id": m.id,
        "seq": m.seq,
        "name": m.name,
        "unit": m.unit,
        "kind": m.kind,
        "better": m.better,
        "comparator": row.comparator,
        "tolerance": row.tolerance,
        "applies": m.applies,
        "source": m.source,
        "target": row.target,
        "interpolated": row.interpolated,  # the target is an interpolated milestone (SPEC §8)
        "actual": row.actual,
        "origin": row.origin if row.actual is not None else None,
        "provenance": provenance_dict(row.provenance),
        **method_fields(row),
        "completion": row.completion,
        "gap": row.gap,
        "met": row.met,
        "expected": row.expected,
        "progress": row.progress,
        "catch_up": row.catch_up,
        "time_progress": row.time_progress,
        "status": row.status,
        "status_label": status_label(row, lang),
        "lead": list(m.lead),
        "support": list(m.support),
        "growth": {
            "yoy": g.yoy,
            "change": g.change,
            "actual_rate": g.actual_rate,
            "required_rate": g.required_rate,
            "projected": g.projected,
            "assessment": g.assessment,
            "rate_unit": rate_unit(m.kind),  # fraction (0.1 = 10 %) | points (in the row's unit)
            "base_year": g.base_year,
            "latest_year": g.latest_year,
        },
        "cumulative": None
        if row.cumulative is None
        else {**asdict(row.cumulative), "missing_years": list(row.cumulative.missing_years)},
        "commitments": [link_dict(x, m.final_year, lang) for x in row.links],
        "region": row.region,  # a region's own row (check --unit 通城县), else null: the city's
        "share": row.share,  # that region's value over the city's
    }


def provenance_dict(p: Provenance | None) -> dict[str, Any] | None:
    """SPEC §6 ``provenance``: {file, line, column} for a value read from a file; {derived, from}
    for a derivation; {regions} for a sum of the regions; {years} for a plan total; null.
    A workbook cell adds {sheet, cell}; several files giving the same value add ``sources`` (every
    place); files that disagree give {conflict: [places]} (SPEC §9)."""
    if p is None:
        return None
    if p.conflict:
        return {"conflict": [place_dict(c) for c in p.conflict]}
    if p.derived is not None:
        return {"derived": p.derived, "from": list(p.sources)}
    if p.regions:
        return {"regions": list(p.regions)}
    if p.years:
        return {"years": list(p.years)}
    out = place_dict(p)
    if p.also:
        out["sources"] = [place_dict(a) for a in p.also]
    return out


def value_source(row: Row, lang: str) -> str:
    """Where a row's value came from, for a person (``--by unit`` of several files): every place
    it was read (``a.yaml:5:25``, ``b.xlsx:填报!D9``), 计算 for a derived value, 各区域合计 for a sum
    of the regions, 冲突 where the files disagree, — without a value."""
    p = row.provenance
    if p is None or p.years:
        return "—"
    if p.conflict:
        return t("conflict", lang) + ": " + "、".join(place_text(c) for c in p.conflict)
    if p.derived is not None:
        return t("value_derived", lang)
    if p.regions:
        return t("value_regions", lang)
    return "、".join(place_text(x) for x in (p.also or (p,)))


def place_text(p: Provenance) -> str:
    """``a.yaml:5:25`` or ``b.xlsx:填报!D9``."""
    from xnkc.common.findings import Finding

    return Finding("XK620", p.file or "", p.line, p.column, sheet=p.sheet).location()


def place_dict(p: Provenance) -> dict[str, Any]:
    """{file, line, column} of a value read; a workbook cell adds {sheet, cell}."""
    out: dict[str, Any] = {"file": p.file, "line": p.line, "column": p.column}
    if p.sheet is not None and p.line is not None:  # a workbook form's cell (SPEC §9), as a finding names it
        from xnkc.common.findings import column_letters

        out |= {"sheet": p.sheet, "cell": f"{column_letters(p.column or 1)}{p.line}"}
    return out


def unit_roles(view: CheckView) -> dict[str, str]:
    """With ``--unit``: metric id → the unit's role (lead | support) for that row."""
    unit = view.report.unit_filter
    return {r.metric.id: role for role, r in view.unit_rows.get(unit, [])} if unit else {}


def assessment_label(row: Row, lang: str) -> str | None:
    """The growth assessment in words, F being the plan's final year (已达{F}年度水平)."""
    g = row.growth
    if g.assessment is None:
        return None
    return t(g.assessment, lang).format(F=g.final_year if g.final_year is not None else row.metric.final_year)


def method_fields(row: Row) -> dict[str, Any]:
    """A derived growth rate's two readings (SPEC §2.3), named: ``methods`` {yoy, average_since_base}
    in the row's unit (%), ``method`` the one ``actual`` follows, ``methods_base_year`` B."""
    ms = row.methods
    if ms is None:
        return {"method": None, "methods": None, "methods_base_year": None}
    return {
        "method": ms.method,
        "methods": {k: getattr(ms, k) for k in GROWTH_METHODS},
        "methods_base_year": ms.base_year,
    }


def method_lines(report: Report, lang: str) -> list[str]:
    """One line per derived growth row naming both readings, the one used first (issue 8
    point 15: the office sees what 年均增长 means here and what the other reading gives)."""
    out = []
    for row in report.rows + report.commitments:
        ms = row.methods
        if ms is None:
            continue
        base = ms.base_year if ms.base_year is not None else "—"
        figures = {
            "yoy": f"{t('method_yoy', lang)} {_pct_points(ms.yoy)}",
            "average_since_base": f"{t('method_average_since_base', lang).format(base=base)} "
            f"{_pct_points(ms.average_since_base)}",
        }
        used = figures.pop(ms.method) + (
            f" ({t('method_used', lang)})" if lang == "en" else f"({t('method_used', lang)})"
        )
        m = row.metric
        label = f"{m.seq if m.seq is not None else m.source} {m.name}"
        sep = ": " if lang == "en" else ":"
        out.append(
            f"{t('methods_line', lang)} · {label}{sep}{used}{'; ' if lang == 'en' else ';'}{figures.popitem()[1]}"
        )
    return out


def _pct_points(x: float | None) -> str:
    """A growth rate that is itself in % (the row's unit): 11.397 → 11.4%."""
    return "—" if x is None else f"{num(x)}%"


def check_dict(view: CheckView, lang: str = "zh") -> dict[str, Any]:
    r = view.report
    roles = unit_roles(view)
    return {
        "plan": r.title,
        "year": r.year,
        "period": r.period,
        "months": r.months,
        "time_progress": r.time_progress,
        "behind_threshold": r.threshold,
        "unit_filter": r.unit_filter,
        "region": r.region,  # the unit is this region's government: rows are the region's
        "indicators": [{**row_dict(x, lang), "role": roles.get(x.metric.id)} for x in r.rows],
        "commitments": [{**row_dict(x, lang), "role": roles.get(x.metric.id)} for x in r.commitments],
        "units": [
            {
                "unit": u.unit,
                "lead": list(u.lead),
                "support": list(u.support),
                "commitments_lead": list(u.commitments_lead),
                "commitments_support": list(u.commitments_support),
                "summary": u.summary,
            }
            for u in view.units
        ],
        "summary": r.summary,
        "commitments_summary": r.commitments_summary,
        "regions": {name: {k: asdict(c) for k, c in cells.items()} for name, cells in view.regions.items()} or None,
        "warnings": [w.to_dict(lang) for w in view.warnings],
        **({"history": history_dict(view.history)} if view.history is not None else {}),
    }


def targets_dict(view: TargetsView) -> dict[str, Any]:
    roles = target_roles(view)
    inds = [asdict(view.plan.indicators[m.id]) for m in view.indicators]
    reporters = view.plan.reporters  # SPEC §9: the unit that reports it (given, or the default)
    for d in inds:
        d["targets"] = {str(k): v for k, v in d["targets"].items()}
        d["role"] = roles.get(d["id"])
        d["reporter"] = reporters.get(d["id"])
    commitments = [
        {**asdict(c), "role": roles.get(c.id), "reporter": reporters.get(c.id) or reporters.get(c.indicator or "")}
        for c in view.commitments
    ]
    return {
        "plan": view.plan.title,
        "unit_filter": view.unit,  # --unit: whose targets these are (null: every unit's)
        "indicators": inds,
        "commitments": commitments,
    }


def target_roles(view: TargetsView) -> dict[str, str]:
    """With ``--unit``: indicator or commitment id → the unit's role (lead | support). A promise
    that names no unit of its own is the restated indicator's (as ``targets --unit`` selects it)."""
    unit, plan = view.unit, view.plan
    if unit is None:
        return {}
    roles = {m.id: plan.role(unit, m.lead, m.support) for m in view.indicators}
    for c in view.commitments:
        lead, support = c.lead, c.support
        if not (lead or support) and c.indicator:
            lead, support = plan.indicators[c.indicator].lead, plan.indicators[c.indicator].support
        roles[c.id] = plan.role(unit, lead, support)
    return {k: v for k, v in roles.items() if v is not None}


def targets_heading(view: TargetsView, lang: str) -> str | None:
    """Whose targets these are (``--unit``), as ``check --unit`` says it."""
    return None if view.unit is None else t("unit_view", lang).format(unit=view.unit)


def nothing_to_report(view: TargetsView, lang: str) -> str | None:
    """``--unit`` for a unit with no target: one that answers for no 附件1 indicator, no promise with
    a figure and no 附件2 project (市委宣传部, 市科协: their clause, 二(五)18, sets no figure) has
    nothing to report; one with 附件2 projects only is sent to ``xnkc projects``."""
    if view.unit is None or view.indicators or view.commitments:
        return None
    if any(view.plan.role(view.unit, p.lead, p.support) for p in view.plan.projects):
        return plan_text(view.plan.labels, "unit_projects_only", lang, unit=view.unit)
    return plan_text(view.plan.labels, "unit_nothing", lang, unit=view.unit)


def no_projects(view: ProjectsView, lang: str) -> str | None:
    """A plan without projects (no projects.yaml): said in one line, in the plan's words, in
    place of two empty tables."""
    if view.plan.projects:
        return None
    return t("no_projects", lang).format(projects=plan_text(view.plan.labels, "projects", lang))


def project_dict(view: ProjectsView, i: int) -> dict[str, Any]:
    line = view.lines[i]
    d = asdict(line.project)
    if view.with_progress:
        d["progress"] = {
            "invested": line.invested,
            "status": line.status,
            "investment_completion": line.investment_completion,
        }
    return d


# -- human formatting ---------------------------------------------------------------------------


def labels(lang: str, *keys: str) -> list[str]:
    """Column headers in the output language."""
    return [t(k, lang) for k in keys]


HUGE = 1e18  # a million times any statistic xnkc reads (values are capped at 1e12: XK319)


def num(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "—"
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    if abs(x) >= HUGE:  # only a ratio over a near-zero divisor gets here: said plainly, never 1e+18
        return (">" if x > 0 else "<-") + f"{HUGE:,.0f}"
    x = round(x, digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.{digits}f}".rstrip("0").rstrip(".")


def pct(x: float | None, digits: int = 1) -> str:
    """A rate as a person reads it, never in scientific notation: 0.954 → 95.4%; from 10,000% on
    (a slip of unit, e.g. 1000 亿元 invested on a 0.1 亿元 project) whole, with separators:
    1,000,000%."""
    if x is None:
        return "—"
    if isinstance(x, float) and not math.isfinite(x):
        return f"{x * 100}%"
    v = x * 100 + 0.0
    if abs(v) >= HUGE:
        return num(v) + "%"
    if abs(v) >= 1e4:
        return f"{v:,.0f}%"
    return f"{v:.{digits}f}%"


def signed(x: float | None) -> str:
    if x is None:
        return "—"
    text = num(x)
    return ("+" if x > 0 and text != "0" else "") + text


def gap_text(gap: float | None, lang: str, approx: bool = False) -> str:
    """差距 as a person reads it: a shortfall as a plain number, a target beaten as 超额 N (JSON and CSV
    keep the signed gap, where a negative number means exceeded). A 左右 (approximate) target is
    neither short nor beaten: its row shows the actual's signed distance from it, A − T (+1.16 above,
    -1.16 below)."""
    if gap is None:
        return "—"
    if approx:  # "about N": the signed distance from N (+ above, - below), never 超额
        return signed(-gap)
    if gap < 0 and num(-gap) != "0":
        return f"{t('ahead', lang)} {num(-gap)}"
    return num(max(gap, 0.0))


def status_label(row: Row, lang: str) -> str:
    """The status as a person reads it: "behind" a 左右 band means off it, not lagging; a key
    the combined files disagree on shows 冲突 (SPEC §9)."""
    if row.provenance is not None and row.provenance.conflict:
        return t("conflict", lang)
    if row.comparator == "approx" and row.status in ("behind", "missed") and row.actual is not None:
        return t("off_band", lang)
    if row.status == "missed" and row.actual is not None and row.actual == row.target:
        strict = {"gt": "not_exceeded", "lt": "not_below"}.get(row.comparator)
        if strict:  # 突破800 with exactly 800: reached the number, not beyond it
            return t(strict, lang)
    return t(row.status, lang)


def growth_text(row: Row) -> str:
    """增速/需增速: rates in % for quantities; changes in the unit for %-figures and ranks."""
    g = row.growth
    if g.actual_rate is None and g.required_rate is None:
        return "—"
    if rate_unit(row.metric.kind) == "points":  # linear (kinds.py): changes in the unit
        return f"{signed(g.actual_rate)}/{signed(g.required_rate)}"
    return f"{pct(g.actual_rate)}/{pct(g.required_rate)}"


def target_cell(row: Row) -> str:
    if row.target is None:
        return "—"
    prefix = {"approx": "≈", "at_most": "≤", "gt": ">", "lt": "<"}.get(row.comparator, "")
    text = prefix + num(row.target)
    if row.comparator == "approx" and row.tolerance is not None:
        text += f"±{num(row.tolerance)}"
    if row.interpolated:  # a milestone the plan's table does not state (SPEC §8)
        text += INTERPOLATED_MARK
    return text


INTERPOLATED_MARK = "†"


COMPARATOR_SIGN = {"at_least": "≥", "gt": ">", "at_most": "≤", "lt": "<", "approx": "≈"}

CHECK_COLUMNS = (
    "seq",
    "indicator",
    "unit",
    "target",
    "actual",
    "completion",
    "gap",
    "expected",
    "status",
    "growth",
    "assessment",
)


def check_cells(row: Row, lang: str) -> list[str]:
    m = row.metric
    actual = num(row.actual)
    if row.origin in ("derived", "regions") and row.actual is not None:
        actual += "*"
    if row.share is not None:  # a region's value: its share of the city's
        actual += f" ({pct(row.share)})"
    return [
        str(m.seq) if m.seq is not None else m.source,
        m.name,
        m.unit,
        target_cell(row),
        actual,
        pct(row.completion),
        gap_text(row.gap, lang, approx=row.comparator == "approx"),
        num(row.expected),
        status_label(row, lang),
        growth_text(row),
        assessment_label(row, lang) or "—",
    ]


def header_line(view: CheckView, lang: str) -> str:
    r = view.report
    line = f"{r.title} · {period_words(r, lang)} · {t('time_progress', lang)} {r.time_progress * 100:.0f}%"
    if r.unit_filter:  # whose table it is
        line += " · " + t("unit_view", lang).format(unit=r.unit_filter)
    if r.region:
        line += " · " + t("region_view", lang).format(region=r.region)
        if any(x.share is not None for x in r.rows + r.commitments):
            line += f"({t('share_note', lang)})" if lang != "en" else f" ({t('share_note', lang)})"
    return line


def period_words(r: Report, lang: str) -> str:
    """The period checked as a person says it: 2025年1-9月, 2025年 全年, 2025 Jan–Sep."""
    if r.months == 12:
        return f"{r.year}年 全年" if lang != "en" else f"{r.year} full year"
    return f"{r.year}年1-{r.months}月" if lang != "en" else f"{r.year} Jan–{_month(r.months)}"


def _month(m: int) -> str:
    return ("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())[m - 1]


def summary_line(counts: dict[str, int], lang: str) -> str:
    shown = {s: n for s, n in counts.items() if n or s != "no_target"}  # 无目标: only region rows have it
    return (", " if lang == "en" else ",").join(f"{t(s, lang)} {n}" for s, n in shown.items())


def footer_lines(view: CheckView, lang: str) -> list[str]:
    """What every human format prints under the check tables: a note when a unit has no rows, the
    status counts of the 附件1 indicators and of the body-text promises, the ``*`` and ``†`` footnotes."""
    r = view.report
    lines = []
    if not r.rows and not r.commitments:
        lines.append(plan_text(view.labels, "nothing_for_unit", lang, unit=r.unit_filter or ""))
    lines.append(f"{plan_text(view.labels, 'indicators', lang)}: {summary_line(r.summary, lang)}")
    if r.commitments:
        lines.append(f"{plan_text(view.labels, 'commitments', lang)}: {summary_line(r.commitments_summary, lang)}")
    lines += method_lines(r, lang)  # a derived growth rate: both readings, named
    if any(x.origin in ("derived", "regions") and x.actual is not None for x in r.rows + r.commitments):
        lines.append("* " + t("derived_note", lang))
    if any(x.interpolated for x in r.rows + r.commitments):
        lines.append(INTERPOLATED_MARK + " " + t("interpolated_note", lang))
    return lines


def planned_target(m: Metric, year: int) -> str:
    """A target as the plan's table states it: a comparator sign where the year's differs from
    the row's usual one (>, ≈…), and † on a milestone interpolated by ``xnkc init``."""
    value = m.targets.get(year)
    if value is None:
        return num(None)
    default = "at_most" if m.better == "lower" else "at_least"
    comparator = m.comparator_in(year)
    sign = COMPARATOR_SIGN.get(comparator, "") if comparator != default else ""
    return sign + num(value) + (INTERPOLATED_MARK if year in m.interpolated else "")


def targets_footer(view: TargetsView, lang: str) -> list[str]:
    """The † footnote under a targets table, when a shown year is an interpolated milestone."""
    years = [view.year] if view.year else list(view.plan.years)
    if any(y in m.interpolated for m in view.indicators for y in years):
        return [INTERPOLATED_MARK + " " + t("interpolated_note", lang)]
    return []


def targets_cells(view: TargetsView, lang: str) -> tuple[list[str], list[list[str]]]:
    years = [view.year] if view.year else list(view.plan.years)
    final = view.plan.final_year
    headers = [
        t("seq", lang),
        t("indicator", lang),
        t("unit", lang),
        *[str(y) for y in years],
        t("lead", lang),
        t("support", lang),
        t("source", lang),
    ]
    rows = [
        [
            str(m.seq),
            m.name,
            m.unit,
            *[planned_target(m, y) for y in years],
            "、".join(m.lead),
            "、".join(m.support),
            m.source,
        ]
        for m in view.indicators
    ]
    for c in view.commitments:
        target = COMPARATOR_SIGN.get(c.comparator, "") + num(c.value)
        when = {
            "each_year": [target] * len(years),
            "by_end": [target if y == final else "" for y in years],
            "total": [("Σ" + num(c.value)) if y == final else "" for y in years],
        }[c.applies]
        link = f" → {c.indicator}" if c.indicator else ""
        rows.append(
            [c.clause, (c.name or c.text) + link, c.unit, *when, "、".join(c.lead), "、".join(c.support), c.text]
        )
    return headers, rows


def projects_cells(view: ProjectsView, lang: str) -> tuple[list[str], list[list[str]]]:
    money = view.plan.labels.investment_unit
    headers = labels(lang, "seq", "name", "investment", "region", "lead", "support")
    headers[2] = headers[2].format(unit=money)
    if view.with_progress:
        headers += [t("invested", lang).format(unit=money), t("investment_completion", lang), t("project_status", lang)]
    rows = []
    for line in view.lines:
        p = line.project
        cells = [
            str(p.seq),
            p.name,
            num(p.investment) if p.investment is not None else t("not_listed", lang),
            "、".join(p.region) or "—",
            "、".join(p.lead),
            "、".join(p.support) or "—",
        ]
        if view.with_progress:
            cells += [num(line.invested), pct(line.investment_completion), t(line.status, lang) if line.status else "—"]
        rows.append(cells)
    return headers, rows


def totals_cells(view: ProjectsView, lang: str) -> tuple[str, list[str], list[list[str]]]:
    from xnkc.compute.portfolio import grand_total, totals

    by = view.by or "region"
    title = t("by_region" if by == "region" else "by_unit", lang)
    headers = [
        t("region" if by == "region" else "lead", lang),
        t("projects", lang),
        t("investment", lang).format(unit=view.plan.labels.investment_unit),
        t("not_listed", lang),
        t("shared", lang),
    ]
    rows = [
        [x.key or t("none", lang), str(x.projects), num(x.investment), str(x.not_listed), str(x.shared)]
        for x in totals(view.lines, by)
    ]
    g = grand_total(view.lines)
    rows.append([t("total", lang), str(g.projects), num(g.investment), str(g.not_listed), ""])
    return title, headers, rows


def region_cells(view: CheckView, lang: str) -> tuple[list[str], list[list[str]]]:
    """One row per metric reported by region: each region's value, with its completion against
    the region's own target where one is given (分解目标), else its share of the city total."""
    regions = view.regions
    rows_by_id = {x.metric.id: x for x in view.report.rows + view.report.commitments}
    ids = [i for i in rows_by_id if any(i in v for v in regions.values())]
    headers = [t("indicator", lang), t("unit", lang), *regions, t("actual", lang)]
    out = []
    for k in ids:
        row = rows_by_id[k]
        cells = []
        for name in regions:
            c = regions[name].get(k)
            if c is None:
                cells.append("—")
            elif c.target is not None:
                cells.append(f"{num(c.value)}/{num(c.target)} ({pct(c.completion)})")
            else:
                cells.append(num(c.value) + (f" ({pct(c.share)})" if c.share is not None else ""))
        out.append([row.metric.name, row.metric.unit, *cells, num(row.actual)])
    return headers, out


def verdict_label(link: LinkCheck, final_year: int, lang: str) -> str:
    """A promise's verdict (decided in calc) in words; no data is a dash, as in every table."""
    return "—" if link.verdict == "no_data" else t(link.verdict, lang).format(F=final_year)


def link_dict(link: LinkCheck, final_year: int, lang: str) -> dict[str, Any]:
    """A promise restating the row, for JSON: its check and ``verdict`` with ``verdict_label``."""
    return {
        **asdict(link),
        "verdict_label": None if link.verdict == "no_data" else verdict_label(link, final_year, lang),
    }


def links(report: Report) -> list[tuple[Row, LinkCheck]]:
    """Every body-text promise restating an 附件1 row, with its row, in the report's order."""
    return [(row, link) for row in report.rows for link in row.links]


def link_cells(view: CheckView, lang: str) -> tuple[list[str], list[list[str]]]:
    """Body-text promises that restate an 附件1 row, checked: three-year totals against Σ so far."""
    headers = labels(lang, "source", "commitment_text", "indicator", "promised", "actual", "status")
    rows = []
    for row, link in links(view.report):
        promised = ("Σ" if link.relation == "sums_to" else "") + num(link.value) + row.metric.unit
        if link.relation == "sums_to" and row.cumulative is not None:
            years = f"{view.report.first_year}–{view.report.year}"
            actual = f"{num(link.actual)} ({years})" if link.actual is not None else "—"
        else:
            actual = num(link.actual)
        verdict = verdict_label(link, view.report.final_year, lang)
        rows.append([link.clause, link.text, row.metric.name, promised, actual, verdict])
    return headers, rows


# -- xnkc status --------------------------------------------------------------------------------------

STATUS_COLUMNS = ("status_unit", "region", "status_expected", "status_submitted", "status_missing", "status_files")


def status_dict(view: StatusView) -> dict[str, Any]:
    """``status --format json``: the period, one entry per unit (and region) expected to report,
    the files and who sent them, and the number of figures missing."""
    s = view.status

    def named(ids: tuple[str, ...]) -> list[dict[str, str]]:
        return [{"id": i, "name": s.names.get(i, i)} for i in ids]

    return {
        "year": s.year,
        "period": s.period,
        "units": [
            {
                "unit": r.unit,
                "region": r.region,
                "expected": len(r.ids),
                "submitted": named(r.submitted),
                "missing": named(r.missing),
                "files": list(r.files),
            }
            for r in s.rows
        ],
        "files": [{"file": f.file, "unit": f.unit, "period": f.period, "superseded": f.superseded} for f in s.files],
        "missing": s.missing,
    }


def status_cells(view: StatusView, lang: str) -> tuple[list[str], list[list[str]]]:
    """The human rows of ``xnkc status``: unit, region, how many expected and submitted, the
    names of the missing figures, the files it sent."""
    s = view.status
    rows = [
        [
            r.unit,
            r.region or t("city", lang),
            str(len(r.ids)),
            str(len(r.submitted)),
            "、".join(s.names.get(i, i) for i in r.missing) or "—",
            "、".join(r.files) or "—",
        ]
        for r in s.rows
    ]
    return [t(c, lang) for c in STATUS_COLUMNS], rows


def status_footer(view: StatusView, lang: str) -> list[str]:
    """The period, and the files without a ``unit`` (whose figures are counted, but not as anyone's)."""
    s = view.status
    lines = [t("status_period", lang).format(period=s.period, missing=s.missing)]
    anonymous = [f.file for f in s.files if f.unit is None]
    if anonymous:
        lines.append(t("status_no_unit", lang).format(files="、".join(anonymous)))
    return lines


# -- xnkc trend / check --history (issue 11 point 4) -----------------------------------------------


def history_dict(trend: Trend) -> dict[str, Any]:
    """The periods and, per indicator and commitment, its series (JSON of ``trend``, and
    ``history`` in ``check --history``'s JSON)."""
    return {
        "periods": list(trend.periods),
        "indicators": [trend_line_dict(x) for x in trend.indicators],
        "commitments": [trend_line_dict(x) for x in trend.commitments],
    }


def trend_line_dict(line: TrendLine) -> dict[str, Any]:
    m = line.metric
    return {
        "id": m.id,
        "name": m.name,
        "unit": m.unit or None,
        "sparkline": line.spark,
        "series": [
            {
                "period": p.period,
                "year": p.year,
                "months": p.months,
                "value": p.value,
                "target": p.target,
                "expected": p.expected,
                "status": p.status,
            }
            for p in line.points
        ],
    }


def trend_dict(view: TrendView, lang: str = "zh") -> dict[str, Any]:
    return {**history_dict(view.trend), "warnings": [w.to_dict(lang) for w in view.warnings]}


def trend_heading(view: TrendView, lang: str) -> str:
    periods = "、".join(view.trend.periods) if lang != "en" else ", ".join(view.trend.periods)
    line = (
        f"{view.title} · {t('trend_title', lang)}:{periods}"
        if lang != "en"
        else (f"{view.title} · {t('trend_title', lang)}: {periods}")
    )
    if view.unit:
        line += " · " + t("unit_view", lang).format(unit=view.unit)
    return line


def trend_headers(view: TrendView, lang: str) -> list[str]:
    """The wide table: the name, each period's value, the sparkline, the latest value against
    its target and its status."""
    return [
        t("indicator", lang),
        t("unit", lang),
        *view.trend.periods,
        t("trend_spark", lang),
        t("trend_latest", lang),
        t("target", lang),
        t("status", lang),
    ]


def trend_cells(line: TrendLine, periods: list[str], lang: str) -> list[str]:
    latest = line.latest
    values = {p.period: p.value for p in line.points}
    return [
        line.metric.name,
        line.metric.unit or "",
        *(num(values.get(p)) for p in periods),
        line.spark,
        "—" if latest is None else f"{num(latest.value)}{_bracketed(latest.period, lang)}",
        "—" if latest is None else num(latest.target),
        "—" if latest is None else t(latest.status, lang),
    ]


def _bracketed(text: str, lang: str) -> str:
    return f" ({text})" if lang == "en" else f"({text})"


def trend_rows(view: TrendView, lang: str) -> list[tuple[str, list[str]]]:
    """(section, cells) for every indicator, then every commitment."""
    periods = view.trend.periods
    return [("indicators", trend_cells(x, periods, lang)) for x in view.trend.indicators] + [
        ("commitments", trend_cells(x, periods, lang)) for x in view.trend.commitments
    ]


TREND_CSV_FIELDS: dict[str, str] = {
    "section": "csv_section",
    "id": "id",
    "name": "indicator",
    "unit": "unit",
    "period": "trend_period",
    "year": "year",
    "months": "trend_months",
    "value": "actual",
    "target": "target",
    "expected": "expected",
    "status": "csv_status",
    "status_label": "csv_status_label",
}


def trend_records(view: TrendView, lang: str) -> list[dict[str, Any]]:
    """One record per indicator and period (long format, for spreadsheets)."""
    out = []
    for section, lines in (("indicators", view.trend.indicators), ("commitments", view.trend.commitments)):
        for line in lines:
            for p in line.points:
                out.append(
                    {
                        "section": section,
                        "id": line.metric.id,
                        "name": line.metric.name,
                        "unit": line.metric.unit or "",
                        "period": p.period,
                        "year": p.year,
                        "months": p.months,
                        "value": p.value,
                        "target": p.target,
                        "expected": p.expected,
                        "status": p.status,
                        "status_label": t(p.status, lang),
                    }
                )
    return out
