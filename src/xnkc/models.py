"""Pydantic v2 models of the plan's data files (SPEC §2, §3) and of an actuals file's shape (§4)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Kind = Literal["level", "cumulative", "annual", "ratio", "growth", "rank"]
Better = Literal["higher", "lower"]
Comparator = Literal["at_least", "at_most", "approx"]
Applies = Literal["each_year", "by_2026", "total_2024_2026"]
Relation = Literal["equals_2026", "each_year", "sums_to"]
ProjectStatus = Literal["planned", "under_construction", "completed", "stalled"]

PLAN_YEARS = (2024, 2025, 2026)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class PlanInfo(_Strict):
    title: str
    short: str
    issued: str
    years: list[int]


class UnitConversion(_Strict):
    from_: str = Field(alias="from")
    to: str
    factor: float = Field(gt=0)


class Named(_Strict):
    """A responsible unit or a region: canonical name plus aliases."""

    name: str
    aliases: list[str] = []


class Statistic(_Strict):
    id: str
    name: str
    unit: str
    additive: bool = True


class Derivation(_Strict):
    target: str
    op: Literal["ratio", "growth"]
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    of: str | None = None

    @property
    def inputs(self) -> tuple[str, ...]:
        if self.op == "growth":
            return (self.of or "",)
        return (self.numerator or "", self.denominator or "")


class Indicator(_Strict):
    id: str
    seq: int = Field(ge=1)
    name: str
    unit: str
    kind: Kind
    better: Better
    targets: dict[int, float]
    responsible: str
    lead: list[str]
    support: list[str]
    source: str

    @field_validator("targets")
    @classmethod
    def _years(cls, v: dict[int, float]) -> dict[int, float]:
        missing = [y for y in PLAN_YEARS if y not in v]
        if missing:
            raise ValueError(f"targets need the years {list(PLAN_YEARS)}; missing {missing}")
        return v


class Commitment(_Strict):
    id: str
    clause: str
    name: str | None = None
    text: str
    value: float
    unit: str
    comparator: Comparator
    tolerance: float | None = Field(default=None, ge=0)
    applies: Applies
    indicator: str | None = None
    relation: Relation | None = None
    kind: Kind | None = None
    better: Better | None = None
    responsible: str | None = None
    lead: list[str] = []
    support: list[str] = []


class TargetsFile(_Strict):
    schema_: int = Field(alias="schema")
    plan: PlanInfo
    unit_conversions: list[UnitConversion] = []
    units: list[Named]
    regions: list[Named]
    statistics: list[Statistic]
    derivations: list[Derivation]
    indicators: list[Indicator]
    commitments: list[Commitment]


class Project(_Strict):
    seq: int = Field(ge=1)
    name: str
    summary: str
    investment: float | None = Field(ge=0)
    implementers: list[str]
    responsible: str
    lead: list[str]
    support: list[str]
    region: list[str]


class ProjectsFile(_Strict):
    schema_: int = Field(alias="schema")
    projects: list[Project]


# -- the actuals file (shape only; values are read by xnkc.actuals) ------------------------------


class ProjectProgress(_Strict):
    invested: Any = None
    status: Any = None
    note: str | None = None


class ActualsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    period: Any = None
    unit: str | None = None
    note: str | None = None
    values: dict[Any, dict[Any, Any] | None]
    projects: dict[Any, ProjectProgress] = {}
    regions: dict[Any, dict[Any, dict[Any, Any] | None] | None] = {}
