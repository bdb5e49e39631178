"""The trend across quarters (issue 11 point 4; pure: the files are read already).

Each stated period (2024, 2025-Q1, 2025-H1, 2025-Q3, 2025 …) is one snapshot: the files of that
period, together with every full-year file of an earlier year (what ``check`` of those files
would combine: last year's actual is the base of a level's 序时目标 and of growth), are combined
with the rules of ``check`` (``compute.combine``, SPEC §9) and evaluated for the period's year
(SPEC §5). Files of one period that disagree are conflicts at both places (XK620, as ``merge``
says them); equal ones give one point. Each indicator and commitment then has a series, one
point per snapshot, oldest first.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from xnkc.common.findings import Finding, FindingsError
from xnkc.compute import calc
from xnkc.compute.actuals import Actuals
from xnkc.compute.chart import SeriesPoint
from xnkc.compute.combine import combine
from xnkc.compute.derive import resolve
from xnkc.compute.report import build_report
from xnkc.plan.domain import Metric
from xnkc.plan.load import Plan

SPARKS = "▁▂▃▄▅▆▇█"
NO_VALUE = " "  # a period without a value keeps its place in the sparkline


@dataclass(frozen=True)
class TrendPoint:
    """One indicator in one snapshot: the year-to-date ``value`` of ``period``, the year's
    ``target``, the 序时目标 ``expected`` (in-year periods only; None for a full year, where it
    would only repeat the target) and the status of SPEC §5."""

    period: str
    year: int
    months: int
    value: float | None
    target: float | None
    expected: float | None
    status: str


@dataclass
class TrendLine:
    metric: Metric
    points: list[TrendPoint]

    @property
    def latest(self) -> TrendPoint | None:
        """The newest point with a value (None: no snapshot has one)."""
        return next((p for p in reversed(self.points) if p.value is not None), None)

    @property
    def spark(self) -> str:
        return sparkline([p.value for p in self.points], [p.target for p in self.points])


@dataclass
class Trend:
    periods: list[str]
    indicators: list[TrendLine]
    commitments: list[TrendLine]
    findings: list[Finding] = field(default_factory=list)  # conflicts (errors) and notes

    @property
    def conflicts(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def series(self) -> dict[str, list[SeriesPoint]]:
        """What the HTML report's trajectory charts draw: metric id → its points."""
        return {
            line.metric.id: [SeriesPoint(p.period, p.value, p.target, p.expected) for p in line.points]
            for line in self.indicators + self.commitments
        }


def period_key(a: Actuals) -> tuple[int, int]:
    """A file's snapshot: (year, months covered) of its period; 2025-Q3 and 2025-09 are one."""
    return a.period.year, a.period.months


def snapshots(parts: Iterable[Actuals]) -> list[list[Actuals]]:
    """The files grouped by period, oldest period first."""
    groups: dict[tuple[int, int], list[Actuals]] = {}
    for a in parts:
        groups.setdefault(period_key(a), []).append(a)
    return [groups[k] for k in sorted(groups)]


def build_trend(
    plan: Plan,
    parts: Sequence[Actuals],
    *,
    threshold: float = calc.BEHIND_THRESHOLD,
    unit: str | None = None,
) -> Trend:
    """Every snapshot evaluated, and a series per indicator and commitment (``unit``: only the
    rows it leads or supports, as ``check --unit``)."""
    findings: list[Finding] = []
    groups = snapshots(parts)
    periods: list[str] = []
    reports: list[calc.Report] = []
    for group in groups:
        year = group[0].period.year
        earlier = [a for a in parts if a.period.year < year and a.period.months == 12]
        combined = combine(plan, [*earlier, *group])
        findings += combined.findings
        if any(f.is_error and f.code != "XK620" for f in combined.findings):
            continue  # periods that cannot be combined: no point for this snapshot
        data = combined.actuals
        try:
            chosen = data.year_checked(year)
        except FindingsError as exc:  # a snapshot of base-year figures only
            findings += exc.findings
            continue
        resolved = resolve(plan, data, up_to=chosen)
        report = build_report(
            plan,
            resolved.values,
            resolved.origin,
            chosen,
            data.period.year,
            data.period.months,
            data.period.label,
            threshold=threshold,
            unit=unit,
        )
        periods.append(report.period)
        reports.append(report)
    return Trend(periods, _lines(reports, "rows"), _lines(reports, "commitments"), unique(findings))


def _lines(reports: list[calc.Report], which: str) -> list[TrendLine]:
    if not reports:
        return []
    lines = {row.metric.id: TrendLine(row.metric, []) for row in getattr(reports[-1], which)}
    for report in reports:
        for row in getattr(report, which):
            if row.metric.id in lines:
                lines[row.metric.id].points.append(point(report, row))
    return list(lines.values())


def point(report: calc.Report, row: calc.Row) -> TrendPoint:
    in_year = report.months < 12
    return TrendPoint(
        report.period,
        report.year,
        report.months,
        row.actual,
        row.target,
        row.expected if in_year else None,
        row.status,
    )


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once: an earlier full-year file is combined into every later snapshot, so a
    conflict of its values would be found once per snapshot."""
    seen: set[tuple[object, ...]] = set()
    out = []
    for f in findings:
        key = (f.code, f.file, f.line, f.column, f.sheet, f.path, repr(sorted(f.args.items())))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def spark_range(values: Iterable[float | None], targets: Iterable[float | None] = ()) -> tuple[float, float] | None:
    """The scale of a sparkline: the lowest and highest of the values and the targets (None when
    there is no finite number at all)."""
    nums = [v for v in (*values, *targets) if v is not None and math.isfinite(v)]
    if not nums:
        return None
    return min(nums), max(nums)


def spark_char(value: float | None, low: float, high: float) -> str:
    """One period's bar: ▁ at ``low`` … █ at ``high`` (a flat scale: the middle bar)."""
    if value is None or not math.isfinite(value):
        return NO_VALUE
    if high <= low:
        return SPARKS[len(SPARKS) // 2 - 1]
    share = min(max((value - low) / (high - low), 0.0), 1.0)
    return SPARKS[min(len(SPARKS) - 1, math.floor(share * (len(SPARKS) - 1) + 0.5 + 1e-9))]


def sparkline(values: Sequence[float | None], targets: Sequence[float | None] = ()) -> str:
    """One character per period, scaled to the indicator's own min–max including its targets."""
    scale = spark_range(values, targets)
    if scale is None:
        return NO_VALUE * len(values)
    return "".join(spark_char(v, *scale) for v in values)
