"""What reading an actuals file against the plan found at each place of it — the record the
checks of compute/actuals_checks.py look at (no findings here: the checks make them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from xnkc.read.numeric import Period
from xnkc.read.yamlload import Document

if TYPE_CHECKING:
    from xnkc.plan.load import Plan

BASE_YEARS = 10  # how many years before the plan's first an actuals file may report (base years)

Path = tuple[Any, ...]


@dataclass
class Written:
    """Where a value stands in the file and how it was written: its path and key, the unit of
    the key (a commitment id has its own) and the factor from that unit to the indicator's."""

    path: Path
    key: Any
    unit: str
    factor: float = 1.0


@dataclass(frozen=True)
class YearKey:
    """A year key (``2025:``) under ``values`` or a region: the year, or None outside the years
    an actuals file may report; ``first`` is the path of an earlier key for the same year."""

    path: Path
    key: Any
    year: int | None
    first: Path | None = None


@dataclass(frozen=True)
class RegionKey:
    """A region key: its canonical name, or None for no region of the plan; ``first`` as above."""

    path: Path
    key: Any
    name: str | None
    first: Path | None = None


@dataclass(frozen=True)
class Entry:
    """One ``key: value`` under a year: the id the key names (None: none), the plan total a
    year's key wrongly names (``total_of``: its indicator), the key and line of an earlier key
    for the same id (``other``), and the value read — or the code and args of what reading the
    number said (an error; or XK323, a unit converted)."""

    path: Path
    key: Any
    raw: Any
    ident: str | None = None
    total_of: str | None = None
    other: tuple[Any, int | None] | None = None
    value: float | None = None  # in the id's own unit
    code: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    metric: Any = None  # the plan's Metric for the id (None for a raw statistic)


Step = YearKey | RegionKey | Entry


@dataclass(frozen=True)
class ProjectEntry:
    """One ``projects:`` key: its 附件2 seq (None: no such project), ``first`` as above, and its
    ``invested`` and ``status`` as written and as read."""

    path: Path
    key: Any
    seq: int | None
    first: Path | None = None
    invested_raw: Any = None
    invested: float | None = None
    code: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    status_raw: Any = None
    status: str | None = None


@dataclass
class Reading:
    """Everything the checks of an actuals file look at, in the order of the file."""

    doc: Document
    steps: list[Step] = field(default_factory=list)  # values, then regions
    projects: list[ProjectEntry] = field(default_factory=list)
    written: dict[tuple[int, str], Written] = field(default_factory=dict)  # (year, id) → a city value
    invested_at: dict[int, Written] = field(default_factory=dict)  # seq → its ``invested``
    period_raw: Any = None
    period_parsed: Period | None = None  # None: no period given, or one that is malformed
    unit_raw: str | None = None


@dataclass(frozen=True)
class Source:
    """Where one value was read: the file, its line and column (a workbook: the cell's row and
    column, on ``sheet``) and the unit the file says it comes from (``unit:`` / 填报单位)."""

    file: str
    line: int | None = None
    column: int | None = None
    sheet: str | None = None
    unit: str | None = None

    def where(self) -> str:
        """``a.yaml:7:5`` or ``b.xlsx:填报!D9``."""
        from xnkc.common.findings import Finding

        return Finding("XK620", self.file, self.line, self.column, sheet=self.sheet).location()


def year_range(plan: Plan) -> tuple[int, int]:
    """The years an actuals file may report: up to BASE_YEARS base years before the plan's
    first year, then the plan's years; none after its final year."""
    return plan.first_year - BASE_YEARS, plan.final_year
