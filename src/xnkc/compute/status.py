"""``xnkc status``: who has reported and who has not (催报, SPEC §9). Pure: no I/O.

Each figure has one reporting unit (``Plan.reporters``). A unit is expected to send, for the
year of the period, every raw statistic and every figure that is not derived which it reports;
a derived figure is computed from its statistics and is not asked for. A raw statistic counts as
submitted when it is given, or when every figure made from it was given directly. A region's
government is expected to send its region's own figures (under ``regions``) of the additive
figures and statistics its group (各县市区人民政府) leads or supports. Which files came from
whom is the ``unit:`` of each file (a form's 填报单位 row). A figure the files disagree on was
sent: it is not missing (the conflict itself is reported by combining).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xnkc.compute.actuals import Actuals
from xnkc.compute.combine import FileInfo
from xnkc.plan.kinds import kind_of
from xnkc.plan.load import Plan


@dataclass(frozen=True)
class Expected:
    unit: str
    region: str | None  # a region's own figures (its government's submission); None: the city's
    ids: tuple[str, ...]  # what it is expected to send, in the plan's order
    submitted: tuple[str, ...]
    missing: tuple[str, ...]
    files: tuple[str, ...]  # the files that name it as their unit


@dataclass
class Status:
    year: int
    period: str
    rows: list[Expected] = field(default_factory=list)
    files: list[FileInfo] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # id → display name

    @property
    def missing(self) -> int:
        return sum(len(r.missing) for r in self.rows)


def expected_city(plan: Plan) -> dict[str, list[str]]:
    """unit → the city figures it reports and is asked for (raw statistics and figures that
    are not derived), in the plan's order (statistics after metrics)."""
    derived = {d.target for d in plan.targets.derivations}
    order = [*plan.metrics, *(s.id for s in plan.targets.statistics)]
    out: dict[str, list[str]] = {}
    for ident in order:
        unit = plan.reporters.get(ident)
        if unit is not None and ident not in derived:
            out.setdefault(unit, []).append(ident)
    return out


def expected_regions(plan: Plan) -> dict[str, tuple[str, list[str]]]:
    """region → (its government, the additive figures it reports for the region)."""
    from xnkc.compute.derive import additive_keys
    from xnkc.compute.report import unit_region

    additive = additive_keys(plan)
    derived = {d.target for d in plan.targets.derivations}
    inputs = {d.target: d.inputs for d in plan.targets.derivations}
    out: dict[str, tuple[str, list[str]]] = {}
    for u in plan.targets.units:
        region = unit_region(plan, u.name)
        if region is None:
            continue
        ids: list[str] = []
        for m in plan.metrics.values():
            if plan.role(u.name, m.lead, m.support) is None or plan.reporters.get(m.id) == u.name:
                continue
            wanted = list(inputs.get(m.id, ())) if m.id in derived else [m.id]
            ids += [i for i in wanted if i in additive and i not in ids and kind_ok(plan, i)]
        if ids:
            out[region] = (u.name, ids)
    return out


def kind_ok(plan: Plan, ident: str) -> bool:
    """A figure a region can give its own value of: a statistic, or an additive metric."""
    m = plan.metrics.get(ident)
    return m is None or kind_of(m.kind).additive


def build_status(plan: Plan, actuals: Actuals, files: list[FileInfo], year: int, period: str) -> Status:
    """Who was expected to send what for ``year``, what arrived, what is missing."""
    sent = {(r, k) for r, y, k in actuals.conflicts if y == year}  # sent, though the files disagree
    given = set(actuals.values.get(year, {})) | {k for r, k in sent if r is None}
    derivations = plan.targets.derivations
    status = Status(year, period, files=list(files), names={k: plan.display_name(k) for k in plan.reporters})
    by_unit: dict[str, list[str]] = {}
    for f in files:
        if f.unit is not None and not f.superseded:
            by_unit.setdefault(f.unit, []).append(f.file)
    for unit, ids in expected_city(plan).items():
        done = tuple(i for i in ids if _submitted(i, given, derivations))
        missing = tuple(i for i in ids if i not in done)
        status.rows.append(Expected(unit, None, tuple(ids), done, missing, tuple(by_unit.get(unit, ()))))
    for region, (unit, ids) in expected_regions(plan).items():
        mine = set(actuals.regions.get(region, {}).get(year, {})) | {k for r, k in sent if r == region}
        done = tuple(i for i in ids if i in mine)
        missing = tuple(i for i in ids if i not in mine)
        status.rows.append(Expected(unit, region, tuple(ids), done, missing, tuple(by_unit.get(unit, ()))))
    for ident in plan.reporters:
        status.names.setdefault(ident, plan.display_name(ident))
    return status


def _submitted(ident: str, given: set[str], derivations) -> bool:
    if ident in given:
        return True
    users = [d.target for d in derivations if ident in d.inputs]
    return bool(users) and all(t in given for t in users)
