"""Fill in derived indicators and city totals (SPEC §2.3, §4.1). Pure: no I/O, no printing.

A value reported directly wins. If its components are reported too and the derived value
differs by more than 0.05 (in the indicator's unit), that is a warning naming both. Where the
city value of an additive statistic is absent, it is the sum of the regions (marked as such)
when every region reports it; where both are given and differ by more than 0.5%, that is a
warning. Resolving records the sums and the derivations made beside reported values; the
checks of ``RESOLVED_CHECKS`` turn them into findings (issue 9 point 4).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding
from xnkc.compute.actuals import Actuals
from xnkc.compute.calc import Methods, Provenance, derived_from, growth_methods, summed_over
from xnkc.compute.reading import Source
from xnkc.plan.kinds import kind_of
from xnkc.plan.load import Plan

DERIVED_TOLERANCE = 0.05
REGION_TOLERANCE = 0.005


@dataclass(frozen=True)
class RegionSum:
    """The regions' sum of an additive statistic in a year (``complete``: every region reports
    it), beside the city's reported value (None where the city gave none)."""

    year: int
    key: str
    total: float
    regions: tuple[str, ...]
    complete: bool
    city: float | None


@dataclass(frozen=True)
class Beside:
    """A value derived where the value was reported too (``region``: in that region's figures)."""

    year: int
    target: str
    reported: float
    derived: float
    components: str  # what it is derived from, for the message: 研发经费/地区生产总值, X(2024→2025)
    region: str | None = None


@dataclass
class Resolved:
    """City-level values by year and id, where each came from, and the warnings made."""

    values: dict[int, dict[str, float]]
    origin: dict[tuple[int, str], str] = field(default_factory=dict)  # reported | derived | regions
    # (year, id) → where the value came from: its position in the file, the derivation, the regions
    provenance: dict[tuple[int, str], Provenance] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)
    regions: dict[str, Resolved] = field(default_factory=dict)  # per region, ratios recomputed
    # (year, id) → both readings of a growth rate derived from its statistic (SPEC §2.3)
    methods: dict[tuple[int, str], Methods] = field(default_factory=dict)
    sums: list[RegionSum] = field(default_factory=list)  # what the checks look at
    beside: list[Beside] = field(default_factory=list)

    def get(self, year: int, key: str) -> float | None:
        return self.values.get(year, {}).get(key)


def additive_keys(plan: Plan) -> set[str]:
    ratio_targets = {d.target for d in plan.targets.derivations}
    keys = {s.id for s in plan.targets.statistics if s.additive}
    keys |= {m.id for m in plan.metrics.values() if kind_of(m.kind).additive and m.id not in ratio_targets}
    return keys


def resolve(plan: Plan, actuals: Actuals, up_to: int | None = None) -> Resolved:
    reported = {*actuals.values, *(y for by_year in actuals.regions.values() for y in by_year)}
    years = sorted(y for y in reported if up_to is None or y <= up_to)  # a year of regions only counts
    values = {y: dict(actuals.values.get(y, {})) for y in years}
    res = Resolved(values, {(y, k): "reported" for y in years for k in values[y]}, _read(actuals, values))
    _sum_regions(plan, actuals, res, years)
    _derive(plan, actuals, res)
    for name, by_year in actuals.regions.items():
        rvals = {y: dict(v) for y, v in by_year.items() if up_to is None or y <= up_to}
        region = Resolved(rvals, {(y, k): "reported" for y in rvals for k in rvals[y]}, _read(actuals, rvals, name))
        _derive(plan, actuals, region, name)
        res.regions[name] = region
    _leave_out_conflicts(actuals, res)
    res.warnings = [f for check in RESOLVED_CHECKS for f in check(plan, actuals, res)]
    return res


def _read(
    actuals: Actuals, values: dict[int, dict[str, float]], region: str | None = None
) -> dict[tuple[int, str], Provenance]:
    """The provenance of every value as read: the file and the value's line and column (every
    file that gave it, when several files were combined)."""
    return {(y, k): _provenance(actuals, y, k, region) for y in values for k in values[y]}


def at(source: Source) -> Provenance:
    return Provenance(file=source.file, line=source.line, column=source.column, sheet=source.sheet)


def _provenance(actuals: Actuals, year: int, key: str, region: str | None) -> Provenance:
    places = actuals.origins.get((region, year, key), ())
    first = at(actuals.source_of(region, year, key))
    if len(places) > 1:
        from dataclasses import replace

        return replace(first, also=tuple(at(s) for s in places))
    return first


def _leave_out_conflicts(actuals: Actuals, res: Resolved) -> None:
    """SPEC §9: a key the files disagree on has no value — not reported, derived nor summed —
    and its provenance names every place."""
    for (region, year, key), places in actuals.conflicts.items():
        target = res if region is None else res.regions.get(region)
        if target is None or year not in target.values:
            continue
        target.values[year].pop(key, None)
        target.origin.pop((year, key), None)
        target.methods.pop((year, key), None)
        target.provenance[(year, key)] = Provenance(conflict=tuple(at(s) for s in places))


def _sum_regions(plan: Plan, actuals: Actuals, res: Resolved, years: list[int]) -> None:
    """City values from the regions (SPEC §4.1): the sum only where every region reports the
    statistic and the city gives no value; every sum is recorded for ``check_region_sums``."""
    if not actuals.regions:
        return
    additive = additive_keys(plan)
    n_regions = len(plan.targets.regions)
    for year in years:
        totals: dict[str, float] = {}
        reporting: dict[str, list[str]] = {}
        for name, rvals in actuals.regions.items():
            for key, v in rvals.get(year, {}).items():
                if key in additive:
                    totals[key] = totals.get(key, 0.0) + v
                    reporting.setdefault(key, []).append(name)
        city = res.values[year]
        for key, total in totals.items():
            names = reporting[key]
            complete = len(names) >= n_regions
            res.sums.append(RegionSum(year, key, total, tuple(names), complete, city.get(key)))
            if key not in city and complete:
                city[key] = total
                res.origin[(year, key)] = "regions"
                res.provenance[(year, key)] = summed_over(names)


def _derive(plan: Plan, actuals: Actuals, res: Resolved, region: str | None = None) -> None:
    partial_year = actuals.period.year if actuals.period.months < 12 else None
    name = plan.display_name
    for year in sorted(res.values):
        for d in plan.targets.derivations:
            if d.op == "growth":
                if year == partial_year:  # year-to-date against a full year is not a growth rate
                    continue
                of = d.of or ""
                series = {y: x for y in res.values if y <= year and (x := res.get(y, of)) is not None}
                both = growth_methods(d.method, series, year)
                if both.yoy is not None or both.average_since_base is not None:
                    res.methods[(year, d.target)] = both  # the other reading is shown beside
                if both.chosen is None:
                    continue
                derived = both.chosen
                since = year - 1 if d.method == "yoy" else both.base_year
                components = f"{name(of)}({since}→{year})"
                sources: tuple[str, ...] = (of,)
            else:
                num, den = res.get(year, d.numerator or ""), res.get(year, d.denominator or "")
                if num is None or den is None or den == 0:
                    continue
                derived = num / den * d.scale
                components = f"{name(d.numerator or '')}/{name(d.denominator or '')}"
                sources = (d.numerator or "", d.denominator or "")
            city = res.values[year]
            if d.target not in city:
                city[d.target] = derived
                res.origin[(year, d.target)] = "derived"
                res.provenance[(year, d.target)] = derived_from(d.op, sources)
            elif res.origin.get((year, d.target)) == "reported":
                res.beside.append(Beside(year, d.target, city[d.target], derived, components, region))


# -- the checks of the resolved values ----------------------------------------------------------------


def check_region_sums(plan: Plan, actuals: Actuals, res: Resolved) -> list[Finding]:
    """A partial sum never becomes the city value — beside city values that is a note (XK404);
    a county's own file (only ``regions``) is a normal submission and gets none. A full sum that
    differs from a reported city value by > 0.5 % is a warning (XK402); so is a partial sum above
    it (some regions alone cannot add up to more than the city), while a partial sum below it is
    expected (the other regions make up the rest)."""
    out: list[Finding] = []
    with_city_values = any(actuals.values.values())
    n_regions = len(plan.targets.regions)
    for s in res.sums:
        if s.city is None:
            if not s.complete and with_city_values:
                first = s.regions[0]
                args = {"key": plan.display_name(s.key), "n": len(s.regions), "total": n_regions}
                args["regions"] = "、".join(s.regions)
                out.append(_at(actuals, "XK404", s.year, s.key, first, f"regions.{first}.{s.year}.{s.key}", args))
            continue
        excess = s.total - s.city if s.complete else max(s.total - s.city, 0.0)
        if abs(excess) > REGION_TOLERANCE * max(abs(s.city), 1e-12):
            args = {"key": plan.display_name(s.key), "city": _fmt(s.city), "total": _fmt(s.total)}
            out.append(_at(actuals, "XK402", s.year, s.key, None, f"values.{s.year}.{s.key}", args))
    return out


def check_derived_agree(plan: Plan, actuals: Actuals, res: Resolved) -> list[Finding]:
    """XK401: a reported value more than 0.05 (in its unit) from the value its components give —
    the city's, then each region's."""
    out: list[Finding] = []
    for b in [*res.beside, *(b for region in res.regions.values() for b in region.beside)]:
        diff = abs(b.reported - b.derived)
        if diff > DERIVED_TOLERANCE + 1e-9:
            path = f"regions.{b.region}.{b.year}.{b.target}" if b.region else f"values.{b.year}.{b.target}"
            args = {
                "key": plan.display_name(b.target),
                "reported": _fmt(b.reported),
                "derived": _fmt(b.derived),
                "components": b.components,
                "diff": _fmt(diff),
            }
            out.append(_at(actuals, "XK401", b.year, b.target, b.region, path, args))
    return out


RESOLVED_CHECKS: list[Callable[[Plan, Actuals, Resolved], list[Finding]]] = [check_region_sums, check_derived_agree]


def _at(
    actuals: Actuals, code: str, year: int, key: str, region: str | None, path: str, args: dict[str, Any]
) -> Finding:
    """A finding at the place ``key``'s value was read (in its own file when files were combined)."""
    s = actuals.source_of(region, year, key)
    return Finding(code, s.file, s.line, s.column, path, args, sheet=s.sheet)


def _fmt(x: Any) -> str:
    return f"{x:.6g}" if isinstance(x, float) else str(x)
