"""Fill in derived indicators and city totals (SPEC §2.3, §4.1). Pure: no I/O, no printing.

A value reported directly wins. If its components are reported too and the derived value
differs by more than 0.05 (in the indicator's unit), that is a warning naming both. Where the
city value of an additive statistic is absent, it is the sum of the regions (marked as such)
when every region reports it; where both are given and differ by more than 0.5%, that is a
warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding
from xnkc.compute.actuals import Actuals
from xnkc.compute.calc import Methods, Provenance, derived_from, growth_methods, read_at, summed_over
from xnkc.compute.kinds import kind_of
from xnkc.plan.load import Plan

DERIVED_TOLERANCE = 0.05
REGION_TOLERANCE = 0.005


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
        res.warnings += region.warnings
    return res


def _read(
    actuals: Actuals, values: dict[int, dict[str, float]], region: str | None = None
) -> dict[tuple[int, str], Provenance]:
    """The provenance of every value as read: the file and the value's line and column."""
    return {(y, k): read_at(actuals.file, *_pos(actuals, y, k, region)) for y in values for k in values[y]}


def _pos(actuals: Actuals, year: int, key: str, region: str | None = None) -> tuple[int | None, int | None]:
    return actuals.positions.get((region, year, key), (None, None))


def _sum_regions(plan: Plan, actuals: Actuals, res: Resolved, years: list[int]) -> None:
    """City values from the regions (SPEC §4.1): the sum only where every region reports the
    statistic. A partial sum never becomes the city value — beside city values that is a note
    (XK404); a county's own file (only ``regions``) is a normal submission and gets none. A full
    sum that differs from a reported city value by > 0.5 % is a warning (XK402); so is a partial
    sum above it (some regions alone cannot add up to more than the city), while a partial sum
    below it is expected (the other regions make up the rest)."""
    if not actuals.regions:
        return
    additive = additive_keys(plan)
    name_of = plan.display_name
    n_regions = len(plan.targets.regions)
    with_city_values = any(actuals.values.values())
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
            args = {"key": name_of(key), "n": len(names), "total": n_regions, "regions": "、".join(names)}
            if key not in city:
                if complete:
                    city[key] = total
                    res.origin[(year, key)] = "regions"
                    res.provenance[(year, key)] = summed_over(names)
                elif with_city_values:
                    line, col = _pos(actuals, year, key, names[0])
                    res.warnings.append(
                        Finding("XK404", actuals.file, line, col, f"regions.{names[0]}.{year}.{key}", args)
                    )
                continue
            excess = total - city[key] if complete else max(total - city[key], 0.0)
            if abs(excess) > REGION_TOLERANCE * max(abs(city[key]), 1e-12):
                line, col = _pos(actuals, year, key)
                res.warnings.append(
                    Finding(
                        "XK402",
                        actuals.file,
                        line,
                        col,
                        f"values.{year}.{key}",
                        {"key": name_of(key), "city": _fmt(city[key]), "total": _fmt(total)},
                    )
                )


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
            elif (
                res.origin.get((year, d.target)) == "reported"
                and abs(city[d.target] - derived) > DERIVED_TOLERANCE + 1e-9
            ):
                line, col = _pos(actuals, year, d.target, region)
                res.warnings.append(
                    Finding(
                        "XK401",
                        actuals.file,
                        line,
                        col,
                        f"regions.{region}.{year}.{d.target}" if region else f"values.{year}.{d.target}",
                        {
                            "key": name(d.target),
                            "reported": _fmt(city[d.target]),
                            "derived": _fmt(derived),
                            "components": components,
                            "diff": _fmt(abs(city[d.target] - derived)),
                        },
                    )
                )


def _fmt(x: Any) -> str:
    return f"{x:.6g}" if isinstance(x, float) else str(x)
