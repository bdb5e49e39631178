"""What a unit fills in (``xnkc template``, every format): its rows, and where they go.

One decision shared by the YAML template and the xlsx/CSV forms: every metric ``unit`` leads or
supports — directly, as one of a group, or through a body-text promise restating it — and the
raw statistics its derived figures need (the previous year's too for growth rates). A region's
government (通城县人民政府) reports its region's own figures; a figure it leads itself (咸宁高新区
管委会: 附件1-10) is the city's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xnkc.common.findings import Finding, FindingsError
from xnkc.plan.load import Metric, Plan


@dataclass(frozen=True)
class FillRow:
    metric: Metric
    role: str  # "lead" | "support"
    via: tuple[str, ...]  # clauses of the body-text promises that give the role


@dataclass
class Section:
    """The rows of one place (the city, or the unit's region)."""

    rows: list[FillRow]
    previous: list[str] = field(default_factory=list)  # raw statistics of growth rates: last year's value too
    raw: list[str] = field(default_factory=list)  # raw statistics the rows are derived from


@dataclass
class FillIn:
    unit: str | None
    region: str | None  # the region whose government ``unit`` is
    city: Section | None  # None: a region's government that leads no city figure
    regional: Section | None  # None: not a region's government


def fill_in(plan: Plan, unit: str | None) -> FillIn:
    """``unit``'s rows (every metric, without a unit). A unit with nothing to report (市委宣传部,
    市科协: the plan gives them duties without a figure) has no form: FindingsError XK334."""
    from xnkc.compute.report import role_via, unit_region

    rows: list[FillRow] = []
    for m in plan.metrics.values():
        role, via = role_via(plan, unit, m) if unit else ("lead", ())
        if role is None and unit and plan.reporters.get(m.id) == unit:  # SPEC §9: it asks for what it reports
            role = "lead"
        if role is not None:
            rows.append(FillRow(m, role, via))
    reported = [s.id for s in plan.targets.statistics if unit and plan.reporters.get(s.id) == unit]
    if unit and not rows and not reported:
        noun = plan.labels.indicator_noun  # 附件1指标 for the shipped plan
        raise FindingsError(
            [Finding("XK334", "", args={"unit": unit, "indicator_zh": noun.zh, "indicator_en": noun.en})]
        )
    region = unit_region(plan, unit)
    mine = {i for i, u in plan.reporters.items() if u == unit}
    city = [r for r in rows if region is None or unit in r.metric.lead or r.metric.id in mine]
    regional = [r for r in rows if region is not None and unit not in r.metric.lead and r.metric.id not in mine]
    city_section = _section(plan, city) if city or not regional or reported else None
    if city_section is not None:  # a raw statistic it reports (reporter:) though no row of its needs it
        city_section.raw += [s for s in reported if s not in city_section.raw]
    return FillIn(unit, region, city_section, _section(plan, regional) if regional else None)


def _section(plan: Plan, rows: list[FillRow]) -> Section:
    derivations = {d.target: d for d in plan.targets.derivations}
    section = Section(rows)
    for r in rows:
        d = derivations.get(r.metric.id)
        for comp in d.inputs if d else ():
            if comp and comp not in plan.metrics and comp not in section.raw:
                section.raw.append(comp)
            if d is not None and d.op == "growth" and comp not in section.previous:
                section.previous.append(comp)
    return section
