"""Compose the check report from the plan and resolved values (pure; formulas live in calc)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from xnkc import calc
from xnkc.calc import Report, Row
from xnkc.plan import Plan


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
) -> Report:
    """The report for ``year``; values after it are ignored (``--year 2024`` on a 2025 file)."""
    values = {y: v for y, v in values.items() if y <= year}
    months = period_months if year == period_year else 12
    label = period_label if year == period_year else str(year)
    final_full = months == 12
    rows: list[Row] = []
    commitments: list[Row] = []
    for m in plan.metrics.values():
        if unit is not None and plan.role(unit, m.lead, m.support) is None:
            continue
        row = calc.evaluate(
            m, values, year, months, origin=origin.get((year, m.id)), final_full=final_full, threshold=threshold
        )
        if m.is_indicator:
            rows.append(_with_links(plan, row, values, year))
        else:
            commitments.append(row)
    return Report(plan.title, year, label, months, months / 12, rows, commitments, threshold, unit)


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
                c.id, c.clause, c.text, c.relation or "", value, c.comparator, m.better, values, m.id, year, cum
            )
        )
    return replace(calc.with_plan_total(row, plan_total), links=tuple(links))


def unit_views(plan: Plan, report: Report) -> list[UnitView]:
    """Per responsible unit: the indicators it leads/supports and a status count over them."""
    views: list[UnitView] = []
    for u in plan.targets.units:
        lead = tuple(r.metric.id for r in report.rows if u.name in r.metric.lead)
        support = tuple(r.metric.id for r in report.rows if u.name in r.metric.support)
        clead = tuple(r.metric.id for r in report.commitments if u.name in r.metric.lead)
        csupport = tuple(r.metric.id for r in report.commitments if u.name in r.metric.support)
        if not (lead or support or clead or csupport):
            continue
        mine = [r for r in report.rows + report.commitments if r.metric.id in {*lead, *support, *clead, *csupport}]
        views.append(UnitView(u.name, lead, support, clead, csupport, calc.count_statuses(mine)))
    return views


def unit_tables(plan: Plan, report: Report, units: list[str]) -> dict[str, list[tuple[str, Row]]]:
    """Per unit, (role, row) for every row it leads or supports — directly or as one of a group
    (各县市区人民政府) — worst status first: the gap table the office sends to each unit."""
    order = {s: i for i, s in enumerate(calc.STATUS_ORDER)}
    tables = {}
    for unit in units:
        mine = [
            (role, r)
            for r in report.rows + report.commitments
            if (role := plan.role(unit, r.metric.lead, r.metric.support)) is not None
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
    report: Report, values: dict[str, dict[str, float]], targets: dict[str, dict[str, float]]
) -> dict[str, dict[str, RegionCell]]:
    rows = {r.metric.id: r for r in report.rows + report.commitments}
    table: dict[str, dict[str, RegionCell]] = {}
    for region in sorted(set(values) | set(targets), key=lambda n: list(values).index(n) if n in values else 99):
        cells: dict[str, RegionCell] = {}
        mine, goals = values.get(region, {}), targets.get(region, {})
        for ident in [i for i in rows if i in mine or i in goals]:
            row, value, target = rows[ident], mine.get(ident), goals.get(ident)
            additive = row.metric.kind in ("level", "cumulative", "annual")
            cells[ident] = RegionCell(
                value,
                target,
                None if value is None or target is None else calc.completion(value, target, row.metric.better),
                value / row.actual if additive and value is not None and row.actual else None,
            )
        table[region] = cells
    return table
