"""The one interface every output format implements, and the views it renders."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: a format imports what it renders, nothing more
    from xnkc.common.findings import Finding
    from xnkc.compute.calc import Report
    from xnkc.compute.portfolio import ProjectLine
    from xnkc.compute.report import UnitView
    from xnkc.compute.status import Status
    from xnkc.compute.trend import Trend
    from xnkc.plan.load import Metric, Plan
    from xnkc.read.models import PlanLabels


@dataclass
class CheckView:
    report: Report
    units: list[UnitView]
    by: str = "indicator"  # indicator | unit | region
    warnings: list[Finding] = field(default_factory=list)
    unit_rows: dict[str, list] = field(default_factory=dict)  # --by unit: unit → [(role, Row)]
    regions: dict[str, dict] = field(default_factory=dict)  # region → id → report.RegionCell
    labels: PlanLabels = field(default_factory=lambda: neutral_labels())  # the plan's wording
    # issue 11 point 4 (trend, check --history): metric id → its snapshots, oldest first
    series: dict[str, list] = field(default_factory=dict)  # id → [compute.chart.SeriesPoint]
    # several files were combined (SPEC §9): --by unit tables show where each value came from
    sources: bool = False
    history: Trend | None = None  # check --history: the trend those series come from (JSON `history`)


def neutral_labels() -> PlanLabels:
    """The wording of a plan without ``plan.labels``."""
    from xnkc.read.models import PlanLabels

    return PlanLabels()


@dataclass
class TargetsView:
    plan: Plan
    indicators: list[Metric]
    commitments: list  # list[Commitment]
    year: int | None = None
    unit: str | None = None  # --unit: whose targets these are (every format names it)


@dataclass
class ProjectsView:
    plan: Plan
    lines: list[ProjectLine]
    by: str | None = None  # region | unit
    with_progress: bool = False


@dataclass
class TrendView:
    trend: Trend  # xnkc trend: each indicator across the snapshots (issue 11 point 4)
    title: str
    warnings: list[Finding] = field(default_factory=list)
    unit: str | None = None  # --unit: whose rows these are


@dataclass
class StatusView:
    status: Status  # who was expected to send what, what arrived (xnkc status, SPEC §9)


class Format(ABC):
    def __init__(self, lang: str = "zh") -> None:
        self.lang = lang

    @abstractmethod
    def check(self, view: CheckView) -> str: ...

    @abstractmethod
    def targets(self, view: TargetsView) -> str: ...

    @abstractmethod
    def projects(self, view: ProjectsView) -> str: ...

    @abstractmethod
    def status(self, view: StatusView) -> str: ...

    def trend(self, view: TrendView) -> str:  # table, json, csv and markdown (``xnkc trend --format``)
        raise NotImplementedError(f"{type(self).__name__} has no trend view")
