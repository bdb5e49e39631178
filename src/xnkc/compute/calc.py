"""The calculation of SPEC §5 — all of it, in one pure module (no I/O, no printing).

Values (target, actual, expected, gap) are in the metric's own unit; computed rates
(completion, progress, time_progress, growth rates) are fractions (0.1 = 10%).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from xnkc.plan.domain import Metric
from xnkc.plan.kinds import AT_TARGET, FROM_BASE, SCALED, TOTAL_PACING, kind_of

BEHIND_THRESHOLD = 0.9
STATUSES = ("met", "on_track", "behind", "far_behind", "missed", "no_data", "no_target")
# worst first, for per-unit tables
STATUS_ORDER = ("missed", "far_behind", "behind", "no_data", "no_target", "on_track", "met")
# SPEC §5 亮灯, the one table every format reads (rich styles, HTML/xlsx/docx colours map the light)
STATUS_LIGHT = {
    "met": "green",
    "on_track": "green",
    "behind": "yellow",
    "far_behind": "red",
    "missed": "red",
    "no_data": "grey",
    "no_target": "grey",
}
_STATUS_WORDS = {
    "已完成": "met",
    "序时达标": "on_track",
    "滞后": "behind",
    "明显滞后": "far_behind",
    "未完成": "missed",
    "无数据": "no_data",
    "无目标": "no_target",
}


def status_named(word: str) -> str | None:
    """A status from its id (any case, - or _) or its Chinese label; None if there is none."""
    key = word.strip().lower().replace("-", "_")
    return key if key in STATUSES else _STATUS_WORDS.get(word.strip())


# -- the formulas ----------------------------------------------------------------------------


def completion(actual: float, target: float, better: str) -> float | None:
    """higher: A / T; lower: T / A; null when the divisor is 0."""
    num, den = (target, actual) if better == "lower" else (actual, target)
    return None if den == 0 else num / den


def gap(actual: float, target: float, better: str, comparator: str) -> float:
    """Shortfall, > 0 means short: higher T − A; lower A − T; approximate T − A."""
    if comparator != "approx" and better == "lower":
        return actual - target
    return target - actual


def is_met(actual: float, target: float, better: str, comparator: str, tolerance: float | None = None) -> bool:
    """at_least A ≥ T; gt A > T (突破800: 800 is not met); at_most A ≤ T; lt A < T; approx
    |A − T| ≤ tolerance. at_least/at_most follow the metric's direction."""
    if comparator == "approx":
        return abs(actual - target) <= (tolerance or 0.0) + 1e-12
    if comparator == "gt":
        return actual > target
    if comparator == "lt":
        return actual < target
    if better == "lower":
        return actual <= target
    return actual >= target


def expected(kind: str, target: float, f: float, base: float | None) -> float:
    """序时目标: annual T × f; level/cumulative B + (T − B) × f; ratio/growth/rank T (kinds.py)."""
    return paced(kind_of(kind).pacing, target, f, base)


def paced(pacing: str, target: float, f: float, base: float | None) -> float:
    """E by a pacing rule of kinds.py: SCALED T × f; FROM_BASE B + (T − B) × f (no B: T); AT_TARGET T."""
    if pacing == SCALED:
        return target * f
    if pacing == FROM_BASE:
        b = target if base is None else base
        return b + (target - b) * f
    assert pacing == AT_TARGET, pacing
    return target


def share(part: float | None, whole: float | None) -> float | None:
    """A region's value over the city's; null where either is missing or the city's is 0."""
    return None if part is None or not whole else part / whole


def progress(actual: float, exp: float, better: str) -> float | None:
    """p = A / E (lower-better E / A); null when the divisor is 0."""
    num, den = (exp, actual) if better == "lower" else (actual, exp)
    return None if den == 0 else num / den


def status(
    actual: float | None,
    met: bool,
    f: float,
    prog: float | None,
    *,
    approx: bool = False,
    threshold: float = BEHIND_THRESHOLD,
) -> str:
    if actual is None:
        return "no_data"
    if met:
        return "met"
    if f >= 1:
        return "missed"
    if approx or prog is None:
        return "behind"
    if prog >= 1:
        return "on_track"
    if prog >= threshold:
        return "behind"
    return "far_behind"


def catch_up(actual: float, exp: float, better: str) -> float:
    """What is still needed to be on pace (序时差距): E − A where short (lower: A − E), else 0."""
    short = actual - exp if better == "lower" else exp - actual
    return max(short, 0.0)


@dataclass
class Growth:
    yoy: float | None = None
    change: float | None = None
    actual_rate: float | None = None
    required_rate: float | None = None
    projected: float | None = None
    assessment: str | None = None
    base_year: int | None = None
    latest_year: int | None = None
    final_year: int | None = None  # F of "已达{F}年度水平"


def rate_unit(kind: str) -> str:
    """The unit of a metric's growth rates: ``fraction`` (0.1 = 10 %) for quantities, ``points``
    (in the metric's own unit: percentage points, ranks) for %-figures, growth rates and ranks."""
    return "points" if kind_of(kind).linear else "fraction"


def growth(
    kind: str,
    series: Mapping[int, float],
    final_target: float | None,
    met_final: bool | None,
    final_year: int,
) -> Growth:
    """Growth block from final full-year values ``series`` (needs two of them)."""
    years = sorted(series)
    if len(years) < 2:
        return Growth()
    latest, base = years[-1], years[0]
    a_l, a_b = series[latest], series[base]
    prev = series.get(latest - 1)
    n_past, n_left = latest - base, final_year - latest
    rules = kind_of(kind)
    linear = rules.linear
    yoy = change = rate = required = projected = None
    if linear:
        change = None if prev is None else a_l - prev
        rate = (a_l - a_b) / n_past
        if final_target is not None and n_left > 0:
            required = (final_target - a_l) / n_left
        projected = a_l + rate * n_left
    else:
        if prev is not None and prev > 0 and a_l > 0:
            yoy = a_l / prev - 1
        if a_l > 0 and a_b > 0:
            rate = _finite(lambda: (a_l / a_b) ** (1 / n_past) - 1)
            projected = None if rate is None else _finite(lambda: a_l * (1 + rate) ** n_left)
        if final_target is not None and final_target > 0 and a_l > 0 and n_left > 0:
            required = _finite(lambda: (final_target / a_l) ** (1 / n_left) - 1)
    assessment = assess(rate, required, bool(met_final), n_left)
    if assessment == "achieved" and rules.flow:
        # one year's flow at the final year's quota does not reach the final year's target: that
        # flow must still happen in year F (SPEC §5)
        assessment = "at_final_level"
    return Growth(yoy, change, rate, required, projected, assessment, base, latest, final_year)


def _finite(compute: Callable[[], float]) -> float | None:
    """A growth figure, or None where it over- or underflows (e.g. from 1e-300 to 1e10)."""
    try:
        x = compute()
    except (OverflowError, ZeroDivisionError):
        return None
    return x if math.isfinite(x) else None


REACHED = frozenset({"achieved", "at_final_level"})  # the final year's target (level), or its quota


def assess(rate: float | None, required: float | None, already_met: bool, years_left: int) -> str | None:
    """achieved / on_course (q ≥ 0.95) / moderate (≥ 0.6) / insufficient (≥ 0) / regressing
    (``growth`` says at_final_level instead of achieved for an annual flow)."""
    if already_met:
        return "achieved"
    if years_left <= 0 or rate is None or required is None or required == 0:
        return None
    q = rate / required
    if q >= 0.95:
        return "on_course"
    if q >= 0.6:
        return "moderate"
    if q >= 0:
        return "insufficient"
    return "regressing"


# -- the two readings of a derived growth rate (SPEC §2.3, issue 8 point 15) ---------------------

GROWTH_METHODS = ("yoy", "average_since_base")


@dataclass
class Methods:
    """Both readings of a growth rate derived from a statistic X, in % (the indicator's unit):
    ``yoy`` = (X(y) / X(y−1) − 1) × 100 and ``average_since_base`` = ((X(y) / X(B))^(1/(y−B)) − 1)
    × 100 from the earliest reported year B. ``method`` names the one the row's actual follows
    (the derivation's ``method`` in targets.yaml)."""

    method: str
    yoy: float | None
    average_since_base: float | None
    base_year: int | None

    @property
    def chosen(self) -> float | None:
        return self.average_since_base if self.method == "average_since_base" else self.yoy


def growth_methods(method: str, series: Mapping[int, float], year: int) -> Methods:
    """Both readings for ``year`` from the full-year values ``series`` of X (undefined where a
    value needed is missing or ≤ 0)."""
    x = series.get(year)
    prev = series.get(year - 1)
    base = min((y for y in series if y < year), default=None)
    yoy = avg = None
    if x is not None and x > 0:
        if prev is not None and prev > 0:
            yoy = (x / prev - 1) * 100
        if base is not None and series[base] > 0:
            x_b = series[base]
            avg = _finite(lambda: ((x / x_b) ** (1 / (year - base)) - 1) * 100)
    return Methods(method, yoy, avg, base)


# -- rows and the report -------------------------------------------------------------------------


# what a body-text promise restating an indicator comes to in the year checked: reached; not yet
# (unmet, due only by the plan's final year); not reached (unmet and due: every year's promise, or
# the final year); not exceeded / not below (a strict 突破/超过 or 低于 promise, due, met only at
# equality: the number reached, not beyond it, SPEC §2.2); no data
VERDICTS = ("reached", "not_yet", "not_reached", "not_exceeded", "not_below", "no_data")
UNMET_VERDICTS = frozenset({"not_reached", "not_exceeded", "not_below"})


def verdict(met: bool | None, due: bool, comparator: str, actual: float | None, value: float) -> str:
    """The verdict on a promise from whether it is met and whether it is due in the year checked."""
    if met is None:
        return "no_data"
    if met:
        return "reached"
    if not due:
        return "not_yet"
    if actual == value:
        return {"gt": "not_exceeded", "lt": "not_below"}.get(comparator, "not_reached")
    return "not_reached"


@dataclass
class LinkCheck:
    """A body commitment restating an 附件1 indicator, checked against the actuals."""

    id: str
    clause: str
    text: str
    relation: str
    value: float  # in the indicator's unit
    actual: float | None
    met: bool | None
    verdict: str  # one of VERDICTS: decided here, every format only translates it


@dataclass
class Cumulative:
    """Annual flows over the plan: Σ A(P0..y) against Σ T(P0..y) and the plan's total."""

    actual: float | None
    target: float
    completion: float | None
    plan_total: float | None
    plan_total_completion: float | None
    missing_years: tuple[int, ...]


@dataclass(frozen=True)
class Provenance:
    """Where a row's actual came from (SPEC §6 ``provenance``): the file and the position of the
    value as written; or the derivation (``derived``: its op) and the ids it is made from; or the
    regions whose values add up to it; or, for a plan total, the years whose flows it sums."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    derived: str | None = None  # ratio | growth
    sources: tuple[str, ...] = ()  # the ids a derivation is made from
    regions: tuple[str, ...] = ()  # a city value summed from these regions
    years: tuple[int, ...] = ()  # a plan total: the sum of these years' flows
    sheet: str | None = None  # a workbook's sheet (line/column: the cell's row and column)
    also: tuple[Provenance, ...] = ()  # several files gave the same value (SPEC §9): every place
    conflict: tuple[Provenance, ...] = ()  # files disagree: the places; the key is left out


def read_at(file: str, line: int | None, column: int | None, sheet: str | None = None) -> Provenance:
    return Provenance(file=file, line=line, column=column, sheet=sheet)


def derived_from(op: str, sources: Iterable[str]) -> Provenance:
    return Provenance(derived=op, sources=tuple(sources))


def summed_over(regions: Iterable[str]) -> Provenance:
    return Provenance(regions=tuple(regions))


@dataclass
class Row:
    """One metric evaluated in one year: the fields of SPEC §5 (None where they do not apply)."""

    metric: Metric
    status: str
    time_progress: float
    growth: Growth
    target: float | None = None
    actual: float | None = None
    completion: float | None = None
    gap: float | None = None
    met: bool | None = None
    expected: float | None = None
    progress: float | None = None
    catch_up: float | None = None
    origin: str | None = None  # reported | derived | regions | cumulative
    cumulative: Cumulative | None = None
    links: tuple[LinkCheck, ...] = ()
    region: str | None = None  # a region's row (``check --unit 通城县``); None: the city's
    share: float | None = None  # a region's value as a share of the city's (additive kinds)
    methods: Methods | None = None  # a derived growth rate: both readings (SPEC §2.3)
    # the comparator and ± tolerance of this year's target, and whether that target is a
    # milestone interpolated between two known points of the plan's table (SPEC §8)
    comparator: str = "at_least"
    tolerance: float | None = None
    interpolated: bool = False
    provenance: Provenance | None = None  # where ``actual`` came from; None without one


@dataclass
class Report:
    title: str
    year: int
    period: str
    months: int
    time_progress: float
    rows: list[Row]
    commitments: list[Row]
    first_year: int  # the plan's horizon (plan.years)
    final_year: int
    threshold: float = BEHIND_THRESHOLD
    unit_filter: str | None = None
    region: str | None = None  # the unit is this region's government: rows are the region's

    @property
    def summary(self) -> dict[str, int]:
        return count_statuses(self.rows)

    @property
    def commitments_summary(self) -> dict[str, int]:
        return count_statuses(self.commitments)


def count_statuses(rows: Iterable[Row]) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for r in rows:
        counts[r.status] += 1
    return counts


def plan_fraction(year: int, months: int, first: int, final: int) -> float:
    """Share of the plan period (the years first..final) elapsed by ``months`` into ``year``."""
    return min(max((year - first) * 12 + months, 0) / (12 * (final - first + 1)), 1.0)


@dataclass
class _Pace:
    """What a metric is measured against in a year: target, actual, time fraction f and base B."""

    target: float | None
    actual: float | None
    f: float
    base: float | None
    pacing: str  # how 序时目标 is paced (kinds.py; a plan total paces like an annual flow)


def _pace(metric: Metric, values: Mapping[int, Mapping[str, float]], year: int, months: int) -> _Pace:
    this_year = values.get(year, {})
    if metric.applies == "each_year":  # 附件1 indicators and 每年… commitments
        base = values.get(year - 1, {}).get(metric.id)
        if base is None:  # (an annual flow's 序时目标 is T × f: it has no base)
            base = metric.targets.get(year - 1)  # last year's target, else (None) T itself
        pacing = kind_of(metric.kind).pacing
        return _Pace(metric.targets.get(year), this_year.get(metric.id), months / 12, base, pacing)
    first_year, final_year = metric.first_year, metric.final_year
    final = metric.targets.get(final_year)
    if metric.applies == "total":  # Σ of the annual flows so far, paced over the plan
        flows = [values.get(y, {}).get(metric.id) for y in range(first_year, year + 1)]
        total = None if None in flows else sum(v for v in flows if v is not None)  # a missing year: no sum
        return _Pace(final, total, plan_fraction(year, months, first_year, final_year), None, TOTAL_PACING)
    # due by the final year F: paced linearly from the latest earlier actual B (at the end of its
    # year) to T at the end of F; without one, E = T
    prior = [y for y, v in values.items() if y < year and metric.id in v]
    if not prior:
        f = plan_fraction(year, months, first_year, final_year) if year < final_year else months / 12
        return _Pace(final, this_year.get(metric.id), f, None, kind_of(metric.kind).pacing)
    b_year = max(prior)
    f = ((year - b_year - 1) * 12 + months) / ((final_year - b_year) * 12)
    return _Pace(final, this_year.get(metric.id), f, values[b_year][metric.id], kind_of(metric.kind).pacing)


def _growth_of(metric: Metric, values: Mapping[int, Mapping[str, float]], year: int, final_full: bool) -> Growth:
    """The growth block from the final full-year values up to ``year``."""
    final, final_target = metric.final_year, metric.targets.get(metric.final_year)
    if metric.applies == "total" or final_target is None:
        return Growth()
    # base-year values from the plan's table serve as A(B) unless the actuals report that year
    series = {y: v for y, v in metric.base.items() if y < year}
    series |= {
        y: v[metric.id] for y, v in values.items() if metric.id in v and (y < year or (final_full and y == year))
    }
    if not series:
        return Growth()
    latest = series[max(series)]
    comparator = metric.comparator_in(final)
    met_final = is_met(latest, final_target, metric.better, comparator, metric.tolerance_in(final))
    grow = growth(metric.kind, series, final_target, met_final, final)
    if comparator == "approx" and grow.assessment not in REACHED:  # "about N": no direction to assess
        grow = replace(grow, assessment=None)
    return grow


def evaluate(
    metric: Metric,
    values: Mapping[int, Mapping[str, float]],
    year: int,
    months: int,
    *,
    origin: str | None = None,
    provenance: Provenance | None = None,
    links: tuple[LinkCheck, ...] = (),
    final_full: bool = True,
    threshold: float = BEHIND_THRESHOLD,
) -> Row:
    """One metric in ``year`` (``months`` of it covered) from the values reported up to it;
    ``origin`` and ``provenance`` say where the year's value came from (a plan total: the years
    it sums)."""
    pace = _pace(metric, values, year, months)
    target_year = year if metric.applies == "each_year" else metric.final_year
    comparator, tolerance = metric.comparator_in(target_year), metric.tolerance_in(target_year)
    if metric.applies == "total":
        provenance = Provenance(years=tuple(range(metric.first_year, year + 1)))
    common = {
        "metric": metric,
        "time_progress": pace.f,
        "growth": _growth_of(metric, values, year, final_full),
        "origin": "cumulative" if metric.applies == "total" else origin,
        "links": links,
        "target": pace.target,
        "actual": pace.actual,
        "comparator": comparator,
        "tolerance": tolerance,
        "interpolated": pace.target is not None and target_year in metric.interpolated,
        "provenance": provenance if pace.actual is not None or (provenance and provenance.conflict) else None,
    }
    if pace.target is None:  # e.g. a region without a 分解目标: its value is shown, not judged
        return Row(status="no_target", **common)
    exp = paced(pace.pacing, pace.target, pace.f, pace.base)
    cumulative = _cumulative(metric, values, year)
    if pace.actual is None:
        return Row(status="no_data", expected=exp, cumulative=cumulative, **common)
    a, t, better = pace.actual, pace.target, metric.better
    met = is_met(a, t, better, comparator, tolerance)
    prog = progress(a, exp, better)
    return Row(
        status=status(a, met, pace.f, prog, approx=comparator == "approx", threshold=threshold),
        completion=completion(a, t, better),
        gap=gap(a, t, better, comparator),
        met=met,
        expected=exp,
        progress=prog,
        catch_up=catch_up(a, exp, better),
        cumulative=cumulative,
        **common,
    )


def _cumulative(metric: Metric, values: Mapping[int, Mapping[str, float]], year: int) -> Cumulative | None:
    first_year = metric.first_year
    if not kind_of(metric.kind).flow or metric.applies != "each_year" or year < first_year:
        return None
    if any(y not in metric.targets for y in range(first_year, year + 1)):  # e.g. one year's 分解目标
        return None
    years = range(first_year, year + 1)
    reported = {y: values.get(y, {}).get(metric.id) for y in years}
    missing = tuple(y for y, v in reported.items() if v is None)
    actual = None if missing else sum(v for v in reported.values() if v is not None)
    target = sum(metric.targets[y] for y in years)
    return Cumulative(actual, target, None if actual is None or target == 0 else actual / target, None, None, missing)


def with_methods(
    report: Report,
    city: Mapping[tuple[int, str], Methods],
    regions: Mapping[str, Mapping[tuple[int, str], Methods]] | None = None,
) -> Report:
    """Attach both readings of every derived growth rate in the report's year to its rows (a
    region's row gets its region's)."""

    def attach(row: Row) -> Row:
        source = (regions or {}).get(row.region, {}) if row.region else city
        return replace(row, methods=source.get((report.year, row.metric.id)))

    return replace(report, rows=[attach(x) for x in report.rows], commitments=[attach(x) for x in report.commitments])


def with_plan_total(row: Row, total: float | None) -> Row:
    """Attach a linked plan total (e.g. 新增“新物种”企业80家 over 2024–2026) to an annual row."""
    c = row.cumulative
    if c is None or total is None:
        return row
    comp = None if c.actual is None or total == 0 else c.actual / total
    return replace(row, cumulative=replace(c, plan_total=total, plan_total_completion=comp))


def link_check(
    cid: str,
    clause: str,
    text: str,
    relation: str,
    value: float,
    comparator: str,
    better: str,
    values: Mapping[int, Mapping[str, float]],
    indicator_id: str,
    year: int,
    cumulative_actual: float | None,
    final_year: int,
) -> LinkCheck:
    """Does the reported value satisfy a body commitment that restates the indicator? A promise
    for every year is due each year; one for the final year (or a plan total) only then."""
    if relation == "sums_to":
        actual = cumulative_actual
        met = None if actual is None else actual >= value
    else:
        actual = values.get(year, {}).get(indicator_id)
        # the promise's own "at most" decides (稳居百强: ≤ 100); gt/lt carry their direction themselves
        direction = "lower" if comparator == "at_most" else better
        met = None if actual is None else is_met(actual, value, direction, comparator)
    due = relation == "each_year" or year >= final_year
    return LinkCheck(cid, clause, text, relation, value, actual, met, verdict(met, due, comparator, actual, value))
