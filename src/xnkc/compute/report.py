"""Compose the check report from the plan and resolved values (pure; formulas live in calc)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from xnkc.compute import calc
from xnkc.compute.calc import Report, Row
from xnkc.plan.kinds import kind_of
from xnkc.plan.load import Metric, Plan

if TYPE_CHECKING:
    from xnkc.compute.derive import Resolved


@dataclass
class UnitView:
    unit: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    commitments_lead: tuple[str, ...]
    commitments_support: tuple[str, ...]
    summary: dict[str, int]


def build_report(
    plan: Plan,
    values: dict[int, dict[str, float]],
    origin: dict[tuple[int, str], str],
    year: int,
    period_year: int,
    period_months: int,
    period_label: str,
    *,
    threshold: float = calc.BEHIND_THRESHOLD,
    unit: str | None = None,
    regions: Mapping[str, Resolved] | None = None,
    region_targets: Mapping[str, Mapping[int, Mapping[str, float]]] | None = None,
    provenance: Mapping[tuple[int, str], calc.Provenance] | None = None,
) -> Report:
    """The report for ``year``; values after it are ignored (``--year 2024`` on a 2025 file).

    With ``unit`` only the rows it leads or supports (SPEC §6), directly, as one of a group or
    through a body-text promise that restates the row. Where ``unit`` is a region's government
    (通城县人民政府) the rows are that region's (SPEC §4.1): its value from ``regions``, its
    分解目标 from ``region_targets`` or none (status ``no_target``: shown, not judged against
    the city's target), and its share of the city value — except rows the unit itself leads
    (嘉鱼县人民政府 co-leads 附件1-11): that figure is the city's, judged as such.
    """
    values = {y: v for y, v in values.items() if y <= year}
    months = period_months if year == period_year else 12
    label = period_label if year == period_year else str(year)
    final_full = months == 12
    region = unit_region(plan, unit)
    mine = (regions or {}).get(region or "")
    region_values = {y: v for y, v in (mine.values if mine else {}).items() if y <= year}
    goals = (region_targets or {}).get(region or "", {})
    rows: list[Row] = []
    commitments: list[Row] = []
    for m in plan.metrics.values():
        if unit is not None and role_of(plan, unit, m) is None:
            continue
        if region is not None and unit not in m.lead:
            targets = {y: g[m.id] for y, g in goals.items() if m.id in g}
            row = calc.evaluate(
                replace(
                    m, targets=targets, applies="each_year", interpolated=frozenset()
                ),  # a 分解目标 is one year's target
                region_values,
                year,
                months,
                origin=mine.origin.get((year, m.id)) if mine else None,
                provenance=mine.provenance.get((year, m.id)) if mine else None,
                final_full=final_full,
                threshold=threshold,
            )
            city = values.get(year, {}).get(m.id) if kind_of(m.kind).additive else None
            row = replace(row, region=region, share=calc.share(row.actual, city))
        else:
            row = calc.evaluate(
                m,
                values,
                year,
                months,
                origin=origin.get((year, m.id)),
                provenance=(provenance or {}).get((year, m.id)),
                final_full=final_full,
                threshold=threshold,
            )
            if m.is_indicator:
                row = _with_links(plan, row, values, year)
        (rows if m.is_indicator else commitments).append(row)
    return Report(
        plan.title,
        year,
        label,
        months,
        months / 12,
        rows,
        commitments,
        plan.first_year,
        plan.final_year,
        threshold,
        unit,
        region,
    )


def unit_region(plan: Plan, unit: str | None) -> str | None:
    """The region whose government ``unit`` is — a name or alias of the unit names a region
    (通城县人民政府 → 通城县, 咸宁高新区管委会 → 咸宁高新区) — else None."""
    for u in plan.targets.units:
        if u.name == unit:
            return next((r for r in map(plan.canonical_region, (u.name, *u.aliases)) if r), None)
    return None


def role_via(plan: Plan, unit: str, metric: Metric) -> tuple[str | None, tuple[str, ...]]:
    """``unit``'s role for a row — 'lead', 'support' or None — and the clauses of the body-text
    promises it comes from where the row's own lead/support do not give it (市教育局 co-leads
    二(五)17, which restates 附件1-25…29 led by 市人社局). The stronger role wins."""
    direct = plan.role(unit, metric.lead, metric.support)
    if direct == "lead" or not metric.is_indicator:
        return direct, ()
    via: dict[str, list[str]] = {}
    for c in plan.commitment_links(metric.id):
        role = plan.role(unit, c.lead, c.support)
        if role is not None and c.clause not in via.setdefault(role, []):
            via[role].append(c.clause)
    if "lead" in via:
        return "lead", tuple(via["lead"])
    if direct is not None:
        return direct, ()
    return ("support", tuple(via["support"])) if "support" in via else (None, ())


def role_of(plan: Plan, unit: str, metric: Metric) -> str | None:
    return role_via(plan, unit, metric)[0]


def _with_links(plan: Plan, row: Row, values: dict[int, dict[str, float]], year: int) -> Row:
    """Attach the body-text commitments that restate this indicator, checked against the actuals."""
    m = row.metric
    links = []
    plan_total = None
    cum = row.cumulative.actual if row.cumulative else None
    for c in plan.commitment_links(m.id):
        value = c.value * (plan.conversion(c.unit, m.unit) or 1.0)  # validate reports a missing conversion
        if c.relation == "sums_to":
            plan_total = value
        links.append(
            calc.link_check(
                c.id,
                c.clause,
                c.text,
                c.relation or "",
                value,
                c.comparator,
                m.better,
                values,
                m.id,
                year,
                cum,
                m.final_year,
            )
        )
    return replace(calc.with_plan_total(row, plan_total), links=tuple(links))


def unit_views(plan: Plan, report: Report) -> list[UnitView]:
    """Per responsible unit: the indicators it leads/supports (directly or as one of a group),
    the body-text promises it leads/supports — tracked ones and those restating an indicator
    (二(五)17 for 市教育局) — and a status count over every row it answers for."""
    views: list[UnitView] = []
    for u in plan.targets.units:
        lead, support, clead, csupport = [], [], [], []
        for r in report.rows:
            role = plan.role(u.name, r.metric.lead, r.metric.support)
            (lead if role == "lead" else support if role == "support" else []).append(r.metric.id)
            for c in plan.commitment_links(r.metric.id):
                role = plan.role(u.name, c.lead, c.support)
                (clead if role == "lead" else csupport if role == "support" else []).append(c.id)
        for r in report.commitments:
            role = plan.role(u.name, r.metric.lead, r.metric.support)
            (clead if role == "lead" else csupport if role == "support" else []).append(r.metric.id)
        mine = [r for r in report.rows + report.commitments if role_of(plan, u.name, r.metric) is not None]
        if mine:
            views.append(
                UnitView(u.name, tuple(lead), tuple(support), tuple(clead), tuple(csupport), calc.count_statuses(mine))
            )
    return views


def unit_tables(plan: Plan, report: Report, units: list[str]) -> dict[str, list[tuple[str, Row]]]:
    """Per unit, (role, row) for every row it leads or supports — directly, as one of a group
    (各县市区人民政府) or through a promise restating the row — worst status first: the gap
    table the office sends to each unit."""
    order = {s: i for i, s in enumerate(calc.STATUS_ORDER)}
    tables = {}
    for unit in units:
        mine = [
            (role, r) for r in report.rows + report.commitments if (role := role_of(plan, unit, r.metric)) is not None
        ]
        if mine:
            tables[unit] = sorted(mine, key=lambda x: (order[x[1].status], x[0] != "lead", x[1].metric.seq or 99))
    return tables


@dataclass
class RegionCell:
    """One region's figure for one metric: its value, and against the region's own target
    (分解目标) where a targets file gives one, else as a share of the city total."""

    value: float | None
    target: float | None = None
    completion: float | None = None
    share: float | None = None  # of the city value, for counts and amounts


def region_table(
    report: Report,
    values: dict[str, dict[str, float]],
    targets: dict[str, dict[str, float]],
    city: Mapping[str, float] | None = None,
) -> dict[str, dict[str, RegionCell]]:
    """Per region and metric: value, 分解目标, completion and share of ``city`` (the city's values
    of the year; by default the report's city rows)."""
    rows = {r.metric.id: r for r in report.rows + report.commitments}
    if city is None:
        city = {i: r.actual for i, r in rows.items() if r.region is None and r.actual is not None}
    table: dict[str, dict[str, RegionCell]] = {}
    for region in sorted(set(values) | set(targets), key=lambda n: list(values).index(n) if n in values else 99):
        cells: dict[str, RegionCell] = {}
        mine, goals = values.get(region, {}), targets.get(region, {})
        for ident in [i for i in rows if i in mine or i in goals]:
            row, value, target = rows[ident], mine.get(ident), goals.get(ident)
            additive = kind_of(row.metric.kind).additive
            cells[ident] = RegionCell(
                value,
                target,
                None if value is None or target is None else calc.completion(value, target, row.metric.better),
                calc.share(value, city.get(ident)) if additive else None,
            )
        table[region] = cells
    return table
