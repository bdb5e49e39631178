"""What the pictures show (pure): a completion bar and its 序时 mark per row, the scale they are
drawn on, each status's 亮灯. Renderers (terminal bars, HTML/SVG, xlsx, docx) only draw these."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from xnkc.compute.calc import STATUS_LIGHT, Row, completion

SCALE_CAP = 2.0  # a bar scale never runs past 200 %: one outlier must not squash every other bar
SCALE_STEP = 0.1


@dataclass(frozen=True)
class Bar:
    """One row's bar: ``completion`` (unclipped, as in JSON), ``pace`` the completion an actual
    equal to the 序时目标 would give (the mark), and the row's light."""

    id: str
    completion: float | None
    pace: float | None
    light: str


def light(status: str) -> str:
    """The 亮灯 of a status: green, yellow, red or grey."""
    return STATUS_LIGHT[status]


def pace_completion(row: Row) -> float | None:
    """Where the 序时 mark sits on the completion scale: the completion of an actual equal to
    the expected value E (higher-better E / T, lower-better T / E); None without both."""
    if row.expected is None or row.target is None:
        return None
    return completion(row.expected, row.target, row.metric.better)


def bar(row: Row) -> Bar:
    """A row's bar; the 序时 mark only within a year (for a full year E = T: the mark would
    only repeat the 100 % line)."""
    pace = pace_completion(row) if row.time_progress < 1 else None
    return Bar(row.metric.id, row.completion, pace, light(row.status))


def scale(values: Iterable[float | None]) -> float:
    """The right end of a completion axis: 100 %, or the largest value rounded up to the next
    10 % when some bar runs past it (at most SCALE_CAP; longer bars are drawn to the end)."""
    top = max((v for v in values if v is not None and math.isfinite(v)), default=1.0)
    if top <= 1.0:
        return 1.0
    return min(SCALE_CAP, math.ceil(round(top / SCALE_STEP, 9)) * SCALE_STEP)


def share_of_scale(value: float | None, end: float) -> float | None:
    """``value`` as a share of the axis 0..``end``, clipped to [0, 1]; None for no value."""
    if value is None or not math.isfinite(value) or end <= 0:
        return None
    return min(max(value / end, 0.0), 1.0)


def cells(share: float | None, width: int) -> int:
    """How many of ``width`` character cells a share fills (whole cells, never rounded up: a
    bar at 97 % is not drawn full)."""
    if share is None:
        return 0
    return min(width, math.floor(share * width + 1e-9))


def region_light(completion_: float | None, threshold: float) -> str:
    """A region's value against its 分解目标: green reached, yellow within ``threshold`` of it,
    red below; grey without a target (its share of the city is shown instead)."""
    if completion_ is None:
        return "grey"
    return "green" if completion_ >= 1 else "yellow" if completion_ >= threshold else "red"


@dataclass(frozen=True)
class SeriesPoint:
    """One snapshot of an indicator for a trajectory chart (issue 11 point 4, fed by ``trend`` /
    ``check --history``): the period's label (2024, 2025-Q3…), its year-to-date actual, the year's
    target and, for an in-year period, the 序时目标."""

    period: str
    actual: float | None
    target: float | None
    expected: float | None = None


def series_range(points: Iterable[SeriesPoint]) -> tuple[float, float]:
    """The value axis of a trajectory: from 0 (or the lowest value, when negative) to the highest
    actual, target or 序时目标, 10 % of headroom above; (0, 1) with no value at all."""
    values = [v for p in points for v in (p.actual, p.target, p.expected) if v is not None and math.isfinite(v)]
    if not values:
        return 0.0, 1.0
    low, high = min(0.0, *values), max(values)
    if high <= low:
        return low, low + 1.0
    return low, high + (high - low) * 0.1
