"""A plan from its indicator table (SPEC §8 "Inference", "Horizon", "Milestones"): pure, no I/O.

``infer(table)`` reads every row's cells (``read.target_cell``), decides each field the table
does not state — id, unit, kind, better, comparators, the horizon, the milestones between known
points — and records for each the rule that decided it (a ``Decision``), so the office can
review what ``xnkc init`` wrote. Every problem is a finding at its cell; all are raised together.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xnkc.common.findings import Finding, FindingsError
from xnkc.plan.kinds import KINDS, kind_of
from xnkc.plan.load import normalise_name, parse_responsible
from xnkc.read.indicator_table import Cell, IndicatorTable, Row
from xnkc.read.target_cell import CellProblem, Target, is_empty, parse_number, parse_target

KIND_WORDS: dict[str, str] = {
    **{k: k for k in KINDS},
    **dict.fromkeys(("水平", "存量", "总量"), "level"),
    "累计": "cumulative",
    **dict.fromkeys(("年度", "当年", "流量", "增量"), "annual"),
    **dict.fromkeys(("比重", "比率", "占比", "比例", "强度"), "ratio"),
    **dict.fromkeys(("增长率", "增速"), "growth"),
    **dict.fromkeys(("排名", "位次"), "rank"),
}
BETTER_WORDS: dict[str, str] = {
    **dict.fromkeys(("higher", "越高越好", "越大越好", "正向"), "higher"),
    **dict.fromkeys(("lower", "越低越好", "越小越好", "逆向"), "lower"),
}
# SPEC §8, first matching rule wins, in this order
NAME_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rank", ("排名", "位次", "名次")),
    ("growth", ("增长率", "增速", "增长")),
)
RATIO_WORDS = ("比重", "占比", "强度", "率")
CUMULATIVE_WORDS = ("累计",)
ANNUAL_WORDS = ("新增", "新建", "引进", "培育", "实施", "争取", "转化", "认定", "获批", "当年")
DIRECTION = {"at_least": "higher", "gt": "higher", "at_most": "lower", "lt": "lower"}
DEFAULT_COMPARATOR = {"higher": "at_least", "lower": "at_most"}
DEFAULT_TOLERANCE_SHARE = 0.1  # 左右/约 without a 容差: ±10 % of the target (SPEC §2.2)
_UNIT_SUFFIX = re.compile(r"(.+?)\(([^()]+)\)")
_MARKERS = re.compile(r"\((?:牵头|配合)(?:单位)?\)")


@dataclass(frozen=True)
class Decision:
    """One inferred field: where (the table row, 0 for the whole plan), what, and the rule."""

    row: int
    id: str  # the indicator's id ("" for the whole plan)
    field: str
    value: str
    rule: str  # a key of render.init_report.RULES
    args: dict[str, Any] = field(default_factory=dict)
    year: int | None = None  # the year of a target or comparator


@dataclass
class Inferred:
    id: str
    seq: int
    name: str
    unit: str
    kind: str
    better: str
    targets: dict[int, float]
    interpolated: list[int]
    comparator: str | None
    comparators: dict[int, str]
    tolerance: float | None
    tolerance_share: float | None
    base: dict[int, float]
    attribute: str | None
    responsible: str
    lead: list[str]
    support: list[str]
    source: str


@dataclass
class InferredPlan:
    name: str
    table: str  # the table's file name (the header comment of targets.yaml)
    years: tuple[int, int]
    indicators: list[Inferred]
    units: list[str]
    decisions: list[Decision]
    findings: list[Finding]  # warnings (of the table and of inference)


class _Row:
    """The findings of one row, collected while it is read."""

    def __init__(self, table: IndicatorTable, row: Row) -> None:
        self.table, self.row = table, row
        self.errors: list[Finding] = []

    def text(self, role: str) -> str:
        cell = self.row.cells.get(role)
        return normalise_name(cell.text) if cell is not None else ""

    def error(self, code: str, cell: Cell, **args: Any) -> None:
        self.errors.append(self.table.finding(code, cell, **args))


def infer(table: IndicatorTable, name: str | None = None, years: tuple[int, int] | None = None) -> InferredPlan:
    """The plan the table states; raises FindingsError with every error in the table."""
    findings = list(table.findings)
    errors: list[Finding] = []
    decisions: list[Decision] = []
    read: list[tuple[Row, dict[int, Target], dict[int, float], _Row]] = []
    for row in table.rows:
        r = _Row(table, row)
        unit = _unit_text(r)
        targets = _cells(r, row.targets, unit, parse_target)
        base = _cells(r, row.base, unit, parse_number)
        errors += r.errors
        if not r.errors and not targets and not base:
            findings.append(table.finding("XK563", row.cells["name"], name=r.text("name")))
            continue
        read.append((row, targets, base, r))
    first, final, rules = _horizon(table, [t for _, t, _, _ in read], years)
    if years is not None:  # a target column the plan's years leave out would be lost: say so at its header
        for col in table.columns:
            if col.role == "target" and col.year is not None and not first <= col.year <= final:
                args = {"year": col.year, "first": first, "final": final}
                errors.append(table.finding("XK565", Cell(col.header, col.row, col.col), **args))
    plan_name = name or Path(table.file).stem
    decisions.append(Decision(0, "", "name", plan_name, "name-option" if name else "name-file"))
    decisions.append(Decision(0, "", "years", f"{first}–{final}", rules[0], rules[1]))
    indicators: list[Inferred] = []
    seqs = _seqs([row for row, _, _, _ in read])
    for position, (_, targets, base, r) in enumerate(read, 1):
        seen = len(r.errors)  # the cell errors are counted already
        ind = _indicator(r, position, seqs[position - 1], targets, base, (first, final), decisions)
        errors += r.errors[seen:]
        if ind is not None:
            indicators.append(ind)
    if errors:
        raise FindingsError(errors)
    units: list[str] = []
    for ind in indicators:
        units += [u for u in (*ind.lead, *ind.support) if u not in units]
    return InferredPlan(plan_name, Path(table.file).name, (first, final), indicators, units, decisions, findings)


def _cells(r: _Row, cells: dict[int, Cell], unit: str, parse: Callable[[str, str], Any]) -> dict[int, Any]:
    """Each cell read with ``parse`` (a target or a base value); a problem is an error at its cell."""
    out: dict[int, Any] = {}
    for year, cell in sorted(cells.items()):
        if cell.number is not None:  # a workbook's number cell: its value (× 100 under a % format)
            out[year] = Target(cell.number, percent=cell.percent) if parse is parse_target else cell.number
            continue
        try:
            value = parse(cell.text, unit)
        except CellProblem as exc:
            if exc.reason == "disagree":
                r.error("XK551", cell, value=cell.text.strip(), words="、".join(exc.words))
            else:
                r.error("XK550", cell, value=cell.text.strip(), reason=exc.reason, unit=unit)
            continue
        if value is not None:
            out[year] = value
    return out


def _unit_text(r: _Row) -> str:
    """The unit as the table states it (unit column, else a trailing (单位) of the name), or ""."""
    unit = r.text("unit")
    if unit:
        return unit
    m = _UNIT_SUFFIX.fullmatch(r.text("name"))
    return m.group(2) if m else ""


def _seqs(rows: list[Row]) -> list[int]:
    """序号 where every row gives a distinct positive whole number, else the row's position."""
    values = []
    for row in rows:
        cell = row.cells.get("seq")
        text = normalise_name(cell.text) if cell is not None else ""
        values.append(int(text) if text.isdigit() and int(text) > 0 else None)
    if None in values or len(set(values)) != len(values):
        return list(range(1, len(rows) + 1))
    return [v for v in values if v is not None]


def _horizon(
    table: IndicatorTable, targets: list[dict[int, Target]], years: tuple[int, int] | None
) -> tuple[int, int, tuple[str, dict[str, Any]]]:
    """(first, final, (rule, args)) of the plan's years."""
    target_years = sorted({y for t in targets for y in t})
    if years is not None:
        return years[0], years[1], ("years-option", {})
    if not target_years:  # nothing to infer from: every row was skipped or empty
        base = table.base_years
        year = base[-1] + 1 if base else 0
        return year, year, ("years-none", {})
    final = target_years[-1]
    if table.base_years:
        base_year = table.base_years[-1]
        return base_year + 1, final, ("years-base", {"base": base_year, "final": final})
    return target_years[0], final, ("years-targets", {"first": target_years[0], "final": final})


def _indicator(
    r: _Row,
    position: int,
    seq: int,
    targets: dict[int, Target],
    base: dict[int, float],
    years: tuple[int, int],
    decisions: list[Decision],
) -> Inferred | None:
    row = r.row
    ident, id_rule = (r.text("id"), "id-column") if r.text("id") else (f"i{position:02d}", "id-position")
    name, unit, unit_rule = _name_unit(r, targets)
    kind, kind_rule, kind_args = _kind(r, name, unit, targets)
    better, better_rule = _better(r, kind, targets)
    if better is None:
        return None
    tolerance, share = _tolerance(r)
    default = DEFAULT_COMPARATOR[better]
    values = {y: t.value for y, t in targets.items()}
    comps = {y: t.comparator or default for y, t in targets.items()}
    points = sorted({**base, **values}.items())
    interpolated: list[int] = []
    add = decisions.append
    add(Decision(row.number, ident, "id", ident, id_rule))
    add(Decision(row.number, ident, "unit", unit, unit_rule))
    add(Decision(row.number, ident, "kind", kind, kind_rule, kind_args))
    add(Decision(row.number, ident, "better", better, better_rule))
    for year in range(years[0], years[1] + 1):
        if year in values:
            continue
        before = [p for p in points if p[0] < year]
        after = [y for y in sorted(values) if y > year]
        if kind_of(kind).interpolation is None:  # an annual flow: never interpolated
            add(Decision(row.number, ident, "target", "—", "no-target-annual", year=year))
        elif not before or not after:
            add(Decision(row.number, ident, "target", "—", "no-target-outside", year=year))
        else:
            (y0, v0), y1 = before[-1], after[0]
            v1 = values[y1]
            value, rule = milestone(kind, y0, v0, y1, v1, year)
            values[year], comps[year] = value, comps[y1]
            interpolated.append(year)
            args = {"y0": y0, "v0": v0, "y1": y1, "v1": v1}
            add(Decision(row.number, ident, "target", _num(value), rule, args, year))
    comparator, per_year = _comparators(comps, default)
    if "approx" in comps.values() and tolerance is None and share is None:  # SPEC §2.2: ±10 % by default
        share = DEFAULT_TOLERANCE_SHARE
        add(Decision(row.number, ident, "tolerance", "10%", "tolerance-default"))
    elif tolerance is not None or share is not None:
        shown = _num(tolerance) if tolerance is not None else f"{_num((share or 0) * 100)}%"
        add(Decision(row.number, ident, "tolerance", shown, "tolerance-column"))
    for y, c in sorted(per_year.items()):
        rule = "comparator-interpolated" if y in interpolated else "comparator-cell"
        add(Decision(row.number, ident, "comparator", c, rule, year=y))
    if comparator is not None:
        add(Decision(row.number, ident, "comparator", comparator, "comparator-row"))
    responsible, lead, support, who_rule = _responsible(r)
    add(Decision(row.number, ident, "lead", "、".join(lead) or "—", who_rule))
    if support:
        add(Decision(row.number, ident, "support", "、".join(support), who_rule))
    source = f"{Path(r.table.file).name}:{r.table.sheet + '!' if r.table.sheet else ''}{row.number}"
    return Inferred(
        id=ident,
        seq=seq,
        name=name,
        unit=unit,
        kind=kind,
        better=better,
        targets=dict(sorted(values.items())),
        interpolated=sorted(interpolated),
        comparator=comparator,
        comparators=per_year,
        tolerance=tolerance,
        tolerance_share=share,
        base={y: v for y, v in sorted(base.items()) if y < years[0]},  # a base year inside the plan is a point only
        attribute=r.text("attribute") or None,
        responsible=responsible,
        lead=lead,
        support=support,
        source=source,
    )


def milestone(kind: str, y0: int, v0: float, y1: int, v1: float, year: int) -> tuple[float, str]:
    """SPEC §8: level and cumulative grow geometrically between two positive points, everything
    else (and a point ≤ 0) linearly. Returns (value, rule)."""
    share = (year - y0) / (y1 - y0)
    if kind_of(kind).interpolation == "geometric" and v0 > 0 and v1 > 0:
        return v0 * (v1 / v0) ** share, "interpolated-geometric"
    return v0 + (v1 - v0) * share, "interpolated-linear"


def _name_unit(r: _Row, targets: dict[int, Target]) -> tuple[str, str, str]:
    name, unit = r.text("name"), r.text("unit")
    m = _UNIT_SUFFIX.fullmatch(name)
    if unit:
        if m and m.group(2) == unit:
            name = m.group(1)
        return name, unit, "unit-column"
    if m:
        return m.group(1), m.group(2), "unit-name"
    if any(t.percent for t in targets.values()):
        return name, "%", "unit-percent-cells"
    return name, "", "unit-none"


def _kind(r: _Row, name: str, unit: str, targets: dict[int, Target]) -> tuple[str, str, dict[str, Any]]:
    stated = r.text("kind")
    if stated:
        kind = KIND_WORDS.get(stated) or KIND_WORDS.get(stated.lower())
        if kind is None:
            r.error("XK560", r.row.cells["kind"], value=stated)
            return "level", "kind-column", {}
        return kind, "kind-column", {"value": stated}
    if any(t.rank for t in targets.values()):
        return "rank", "kind-rank-cell", {}
    for kind, words in NAME_RULES:
        word = next((w for w in words if w in name), None)
        if word:
            return kind, f"kind-{kind}-name", {"word": word}
    if unit == "%":
        return "ratio", "kind-ratio-unit", {}
    for kind, words in (("ratio", RATIO_WORDS), ("cumulative", CUMULATIVE_WORDS), ("annual", ANNUAL_WORDS)):
        word = next((w for w in words if w in name), None)
        if word:
            return kind, f"kind-{kind}-name", {"word": word}
    return "level", "kind-level", {}


def _better(r: _Row, kind: str, targets: dict[int, Target]) -> tuple[str | None, str]:
    votes = {DIRECTION[t.comparator] for t in targets.values() if t.comparator in DIRECTION}
    stated = r.text("better")
    said = None
    if stated:
        said = BETTER_WORDS.get(stated) or BETTER_WORDS.get(stated.lower())
        if said is None:
            r.error("XK561", r.row.cells["better"], value=stated)
            return None, ""
    if len(votes) > 1 or (said and votes and said not in votes):
        words = ", ".join(
            f"{y}: {r.row.targets[y].text.strip()}" for y, t in sorted(targets.items()) if t.comparator in DIRECTION
        )
        if said:
            words += f"; 方向 {stated}"
        r.error("XK559", r.row.cells["name"], name=r.text("name"), cells=words)
        return None, ""
    if votes:
        return next(iter(votes)), "better-comparators"
    if said:
        return said, "better-column"
    return ("lower", "better-rank") if kind_of(kind).lower_is_better else ("higher", "better-default")


def _tolerance(r: _Row) -> tuple[float | None, float | None]:
    cell = r.row.cells.get("tolerance")
    if cell is None or is_empty(cell.text):
        return None, None
    if cell.number is not None:
        return (None, cell.number / 100) if cell.percent else (cell.number, None)
    text = normalise_name(cell.text).lstrip("±")
    try:
        target = parse_target(text)
    except CellProblem:
        target = None
    if target is None or target.comparator is not None or target.value < 0:
        r.error("XK562", cell, value=cell.text.strip())
        return None, None
    return (None, target.value / 100) if target.percent else (target.value, None)


def _comparators(comps: dict[int, str], default: str) -> tuple[str | None, dict[int, str]]:
    """(the row's comparator when every year shares one that is not the default, per-year others)."""
    kinds = set(comps.values())
    if len(kinds) == 1 and default not in kinds:
        return kinds.pop(), {}
    return None, {y: c for y, c in sorted(comps.items()) if c != default}


def _responsible(r: _Row) -> tuple[str, list[str], list[str], str]:
    text = _MARKERS.sub("", r.text("responsible"))
    if text:
        lead, support = parse_responsible(text)
        return text, lead, support, "who-responsible"
    lead = [u for u in re.split(r"[,,、]", _MARKERS.sub("", r.text("lead"))) if u]
    support = [u for u in re.split(r"[,,、]", _MARKERS.sub("", r.text("support"))) if u]
    if not lead and not support:
        return "", [], [], "who-none"
    responsible = "、".join(lead) + ("," + "、".join(support) if support else "")
    return responsible, lead, support, "who-columns"


def _num(value: float) -> str:
    return f"{value:.6g}"
