"""The plan's data model (SPEC §2, §3) and the shape of an actuals file (§4).

Plain dataclasses (read-only by convention; not ``frozen``, which costs ~0.25 ms each at every
start-up): importing this module does not import pydantic. Pydantic v2
validates them (``read.shape.validate_as``), with ``__pydantic_config__`` forbidding unknown fields,
so the classes are both the schema and the objects the rest of xnkc computes with. Value
ranges (seq ≥ 1, factor > 0, tolerance and investment ≥ 0) are checked by ``checks``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

Kind = Literal["level", "cumulative", "annual", "ratio", "growth", "rank"]
Better = Literal["higher", "lower"]
# SPEC §2.2, read as Chinese law reads them: 以上/不低于 at_least and 以下/不超过 at_most include the
# number; 超过/突破 gt and 低于/不满 lt exclude it; 左右/约 approx (± tolerance)
Comparator = Literal["at_least", "gt", "at_most", "lt", "approx"]
# enum values name no year (SPEC §2.2): by_end = by the plan's final year, total = summed over the
# plan's years, equals_final = the final year's target. The older names are still read (a
# deprecation note, ``checks.check_old_names``) and become the new ones in ``plan.build_plan``.
Applies = Literal["each_year", "by_end", "total", "by_2026", "total_2024_2026"]
Relation = Literal["equals_final", "each_year", "sums_to", "equals_2026"]
OLD_NAMES = {"by_2026": "by_end", "total_2024_2026": "total", "equals_2026": "equals_final"}

if TYPE_CHECKING:
    Number = float
    Integer = int
else:

    class Number:
        """A real number in the data: int or float, never a bool or a numeric string.

        (Pydantic's lax mode would read ``true`` as 1.0 and ``"3"`` as 3.) The schema hook
        imports pydantic_core only when a validator is built, never at import time.
        """

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            from pydantic_core import core_schema

            return core_schema.float_schema(strict=True)

    class Integer:
        """An integer in the data, never a bool or a float."""

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            from pydantic_core import core_schema

            return core_schema.int_schema(strict=True)


_STRICT: dict[str, Any] = {"extra": "forbid", "str_strip_whitespace": True}


@dataclass
class Wording:
    """A text of the plan's own, in Chinese and in English (``--lang en``)."""

    __pydantic_config__ = _STRICT
    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass
class PlanLabels:
    """The plan's wording (``plan.labels``, optional): table titles, the nouns prose names its
    tables by, the investment unit and the footnotes. The defaults are neutral — a plan without
    the block names no 附件 and no place; the shipped plan's block gives its own words."""

    __pydantic_config__ = _STRICT
    # titles of the indicator table, the promises table and the project list
    indicators: Wording = field(default_factory=lambda: Wording("重点指标", "key indicators"))
    commitments: Wording = field(default_factory=lambda: Wording("正文承诺", "body-text commitments"))
    projects: Wording = field(default_factory=lambda: Wording("重点项目", "key projects"))
    # how prose names one row of those tables ("leads no 附件1 indicator")
    indicator_noun: Wording = field(default_factory=lambda: Wording("重点指标", "key indicator"))
    project_noun: Wording = field(default_factory=lambda: Wording("重点项目", "key project"))
    # heading of the promises that restate an indicator, checked
    links: Wording = field(
        default_factory=lambda: Wording(
            "正文承诺与重点指标的核对(合计按累计计算)",
            "body-text promises restating the indicators (totals cumulative)",
        )
    )
    # the footnote under the project totals
    shared_note: Wording = field(
        default_factory=lambda: Wording(
            "共同项目在每个区域/单位中全额计入;合计行每个项目只计一次",
            "a shared project counts fully for each; the total counts it once",
        )
    )
    # how a finding names one project ("{seq}" is its 序号): the shipped plan writes 附件2-{seq}
    project_ref: str = "项目{seq}"
    investment_unit: str = "亿元"  # of a project's investment and of ``invested`` in actuals
    # what a project's ``invested`` is compared with (XK405/XK406)
    investment_basis: Wording = field(default_factory=lambda: Wording("项目总投资", "the project's investment"))


@dataclass
class PlanInfo:
    """``years``: the plan's horizon, [first, final] or every year (read as min..max);
    ``labels``: the plan's wording (neutral when absent)."""

    __pydantic_config__ = _STRICT
    title: str
    short: str
    issued: str
    years: list[Integer]
    labels: PlanLabels = field(default_factory=PlanLabels)


@dataclass
class UnitConversion:
    """value_in ``to_unit`` = value_in ``from_unit`` × ``factor`` (and the inverse)."""

    __pydantic_config__ = _STRICT
    from_unit: str
    to_unit: str
    factor: Number  # > 0: checks.check_value_ranges


@dataclass
class Named:
    """A responsible unit or a region: canonical name plus aliases."""

    __pydantic_config__ = _STRICT
    name: str
    aliases: list[str] = field(default_factory=list)
    member_of: str | None = None  # a county government is one of 各县市区人民政府


@dataclass
class Statistic:
    __pydantic_config__ = _STRICT
    id: str
    name: str
    unit: str
    additive: bool = True
    reporter: str | None = None  # SPEC §9: the unit that reports it (default: see Plan.reporters)


@dataclass
class Derivation:
    """ratio: numerator / denominator × scale; growth: a rate of ``of`` in %, by ``method``:
    ``yoy`` (of(y) / of(y−1) − 1) × 100 or ``average_since_base`` ((of(y) / of(B))^(1/(y−B)) − 1)
    × 100 from the earliest reported year B. Both are computed and shown (calc.growth_methods);
    the row's actual follows ``method``."""

    __pydantic_config__ = _STRICT
    target: str
    op: Literal["ratio", "growth"]
    numerator: str | None = None
    denominator: str | None = None
    scale: Number = 1.0
    of: str | None = None
    method: Literal["yoy", "average_since_base"] = "yoy"

    @property
    def inputs(self) -> tuple[str, ...]:
        if self.op == "growth":
            return (self.of or "",)
        return (self.numerator or "", self.denominator or "")


@dataclass
class Indicator:
    __pydantic_config__ = _STRICT
    id: str
    seq: Integer
    name: str
    unit: str
    kind: Kind
    better: Better
    targets: dict[int, Number]
    responsible: str
    lead: list[str]
    support: list[str]
    source: str
    # SPEC §8 — written by ``xnkc init`` for other plans; the shipped plan needs none of them.
    # Years whose target is a milestone interpolated between two known points of the row
    interpolated: list[Integer] = field(default_factory=list)
    # the comparator of the whole row (default: at_least when higher is better, at_most when
    # lower) and of single years where they differ (a row 2023 ≥3, 2025 超过4 → {2025: gt})
    comparator: Comparator | None = None
    comparators: dict[int, Comparator] = field(default_factory=dict)
    # for approx (左右/约) rows: ± tolerance in the row's unit, or a share of each year's target
    tolerance: Number | None = None
    tolerance_share: Number | None = None
    # base-year statistics from the table (A(B) for growth unless the actuals report that year)
    base: dict[int, Number] = field(default_factory=dict)
    attribute: str | None = None  # 属性: 预期性 / 约束性, kept and shown
    reporter: str | None = None  # SPEC §9: the unit that reports it (default: the first lead)


@dataclass
class Commitment:
    __pydantic_config__ = _STRICT
    id: str
    clause: str
    text: str
    value: Number
    unit: str
    comparator: Comparator
    applies: Applies
    name: str | None = None
    tolerance: Number | None = None
    indicator: str | None = None
    relation: Relation | None = None
    kind: Kind | None = None
    better: Better | None = None
    responsible: str | None = None
    lead: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    reporter: str | None = None  # SPEC §9: the unit that reports it (default: the first lead)


@dataclass
class TargetsFile:
    __pydantic_config__ = _STRICT
    schema: Integer
    plan: PlanInfo
    units: list[Named]
    regions: list[Named]
    statistics: list[Statistic]
    derivations: list[Derivation]
    indicators: list[Indicator]
    commitments: list[Commitment]
    unit_conversions: list[UnitConversion] = field(default_factory=list)


@dataclass
class Project:
    __pydantic_config__ = _STRICT
    seq: Integer
    name: str
    summary: str
    investment: Number | None  # in plan.labels.investment_unit (亿元); None where the plan lists none
    implementers: list[str]
    responsible: str
    lead: list[str]
    support: list[str]
    region: list[str]


@dataclass
class ProjectsFile:
    __pydantic_config__ = _STRICT
    schema: Integer
    projects: list[Project]


# -- the actuals file (shape only; values are read strictly by xnkc.compute.actuals) -----------------------


@dataclass
class ProjectProgress:
    __pydantic_config__ = _STRICT
    invested: Any = None
    status: Any = None
    note: str | None = None


@dataclass
class ActualsFile:
    __pydantic_config__ = _STRICT
    # optional in the shape: a county's submission has only ``regions`` (SPEC §4.1); a file
    # with neither is refused by ``read.actuals.read_submission`` (XK202)
    values: dict[Any, dict[Any, Any] | None] = field(default_factory=dict)
    period: Any = None
    unit: str | None = None
    note: str | None = None
    projects: dict[Any, ProjectProgress] = field(default_factory=dict)
    regions: dict[Any, dict[Any, dict[Any, Any] | None] | None] = field(default_factory=dict)


@dataclass
class RegionTargetsFile:
    """A 分解目标 file (SPEC §4.1): the ``regions`` shape with targets as values. ``kind`` tells it
    from a submission (files written before it existed have only ``regions``)."""

    __pydantic_config__ = _STRICT
    regions: dict[Any, dict[Any, dict[Any, Any] | None] | None]
    kind: Literal["region_targets"] | None = None
    note: str | None = None


ACTUALS_TOP = frozenset({"values", "period", "unit", "note", "projects", "regions"})
PROGRESS_KEYS = frozenset({"invested", "status", "note"})


def actuals_shape_ok(data: Any) -> bool:
    """True when ``data`` has exactly the shape ``ActualsFile`` accepts, decided without pydantic.

    The common, valid file takes this fast path; anything else goes through pydantic for
    precise findings (a property test keeps the two in agreement).
    """
    if not isinstance(data, dict) or not ACTUALS_TOP.issuperset(data):
        return False
    values = data.get("values", {})
    if not isinstance(values, dict) or not all(v is None or isinstance(v, dict) for v in values.values()):
        return False
    for key in ("unit", "note"):
        if data.get(key) is not None and not isinstance(data[key], str):
            return False
    projects = data.get("projects", {})
    if not isinstance(projects, dict):
        return False
    for prog in projects.values():
        if not isinstance(prog, dict) or not PROGRESS_KEYS.issuperset(prog):
            return False
        if prog.get("note") is not None and not isinstance(prog["note"], str):
            return False
    regions = data.get("regions", {})
    if not isinstance(regions, dict):
        return False
    for years in regions.values():
        if years is None:
            continue
        if not isinstance(years, dict) or not all(v is None or isinstance(v, dict) for v in years.values()):
            return False
    return True
