"""The checks of an actuals file (SPEC §4, §4.1), as a list — like ``plan.checks.PLAN_CHECKS``.

``actuals.resolve_submission`` reads the file against the plan and records what it found at
each place (``Actuals.reading``); each check here is ``(plan, actuals) -> list[Finding]`` and
turns part of that record into findings. ``ACTUALS_CHECKS`` runs in order and gives the
findings in the order of the file: the years, regions and values (each place checked by every
``STEP_CHECKS`` in turn), then whether anything was reported, the projects, the period, the
plausibility of the values, the responsible unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from xnkc.common.findings import Finding, suggest
from xnkc.common.i18n import zh_years
from xnkc.compute.reading import Entry, Reading, RegionKey, Step, Written, YearKey, year_range
from xnkc.plan.kinds import kind_of
from xnkc.plan.load import normalise_name
from xnkc.read.numeric import implausible_factor, int_key, num, scaled

if TYPE_CHECKING:
    from xnkc.compute.actuals import Actuals
    from xnkc.plan.load import Plan
    from xnkc.read.yamlload import Document

Check = Callable[["Plan", "Actuals"], list[Finding]]
StepCheck = Callable[["Plan", "Document", Step], list[Finding]]


# -- one place of the file: a year key, a region key, a value ------------------------------------------


def check_year(plan: Plan, doc: Document, step: Step) -> list[Finding]:
    """XK308: a year key that is no year the file may report (base years .. the final year)."""
    if not isinstance(step, YearKey) or step.year is not None:
        return []
    low, high = year_range(plan)
    return [doc.finding("XK308", step.path, at_key=True, year=step.key, low=low, high=high)]


def check_region_known(plan: Plan, doc: Document, step: Step) -> list[Finding]:
    """XK312: a region the plan does not name (did you mean one of its names or aliases?)."""
    if not isinstance(step, RegionKey) or step.name is not None:
        return []
    close = plan.region_names.get(suggest(str(step.key), sorted(plan.region_names)), "")
    return [doc.finding("XK312", step.path, at_key=True, key=step.key, suggest=close)]


def check_given_once(plan: Plan, doc: Document, step: Step) -> list[Finding]:
    """XK101: a year or region given twice (``2025`` and ``"2025"``, ``咸安`` and ``咸安区``);
    XK315: two keys of one year naming one id (an id and its name)."""
    if isinstance(step, Entry):
        if step.other is None:
            return []
        other, line = step.other
        return [doc.finding("XK315", step.path, at_key=True, **{"key": step.key, "other": other, "first_line": line})]
    return _duplicate(doc, step.path, step.first)


def check_key_known(plan: Plan, doc: Document, step: Step) -> list[Finding]:
    """XK317: a plan total's id given as one year's value; XK301: a key naming nothing."""
    if not isinstance(step, Entry) or step.ident is not None:
        return []
    if step.total_of is not None:  # e.g. c9_new_species_enterprises (80 over 3 years)
        first, final = plan.first_year, plan.final_year
        args = {"indicator": step.total_of, "name": plan.display_name(step.total_of), "first": first, "final": final}
        return [doc.finding("XK317", step.path, at_key=True, key=step.key, years_zh=zh_years(first, final), **args)]
    return [doc.finding("XK301", step.path, at_key=True, key=step.key, suggest=suggest_key(step.key, plan))]


def check_number(plan: Plan, doc: Document, step: Step) -> list[Finding]:
    """What reading the number said: an error (text, a negative count, footnote marks…), or
    XK323, a unit written beside it and converted."""
    if not isinstance(step, Entry) or step.code is None:
        return []
    return [doc.finding(step.code, step.path, **{"key": step.key, "value": step.raw, **step.args})]


def check_likely(plan: Plan, doc: Document, step: Step) -> list[Finding]:
    """XK403: a well-formed value that is still unlikely (a rank below 1, a share above 100 %)."""
    if not isinstance(step, Entry) or step.value is None or step.metric is None:
        return []
    why = implausible(step.metric, step.value)
    return [doc.finding("XK403", step.path, **{"key": step.key, "value": step.raw, **why})] if why else []


STEP_CHECKS: list[StepCheck] = [
    check_year,
    check_region_known,
    check_given_once,
    check_key_known,
    check_number,
    check_likely,
]


def check_steps(plan: Plan, reading: Reading) -> list[Finding]:
    """Every STEP_CHECKS on every place of ``values`` and ``regions``, in the order of the file."""
    return [f for step in reading.steps for check in STEP_CHECKS for f in check(plan, reading.doc, step)]


# -- the checks of a file --------------------------------------------------------------------------------


def check_values(plan: Plan, actuals: Actuals) -> list[Finding]:
    """The years, regions, keys and numbers of ``values`` and ``regions``."""
    return check_steps(plan, _reading(actuals))


def check_something_reported(plan: Plan, actuals: Actuals) -> list[Finding]:
    """XK316: a file that reports no value at all (every field blank) and has nothing else wrong."""
    reading = _reading(actuals)
    if any(actuals.values.values()) or any(v for r in actuals.regions.values() for v in r.values()):
        return []
    if reading.doc.findings or check_steps(plan, reading):  # the file says what is wrong already
        return []
    return [reading.doc.finding("XK316", ("values",))]


def check_projects(plan: Plan, actuals: Actuals) -> list[Finding]:
    """XK313 a project the plan does not list; XK101 one given twice; what reading ``invested``
    said; XK314 a status that is none of planned / under_construction / completed / stalled."""
    reading = _reading(actuals)
    doc = reading.doc
    count = len({p.seq for p in plan.projects})
    out: list[Finding] = []
    for p in reading.projects:
        if p.seq is None:
            names = plan.labels.projects  # the list's title in the plan's words (附件2 重点项目)
            args = {"key": p.key, "count": count, "projects_zh": names.zh, "projects_en": names.en}
            out.append(doc.finding("XK313", p.path, at_key=True, **args))
            continue
        if p.first is not None:
            out += _duplicate(doc, p.path, p.first)
            continue
        if p.code:
            ipath = (*p.path, "invested")
            out.append(doc.finding(p.code, ipath, key=f"projects.{p.key}.invested", value=p.invested_raw, **p.args))
        if p.status_raw is not None and p.status is None:
            out.append(doc.finding("XK314", (*p.path, "status"), value=p.status_raw))
    return out


def check_period(plan: Plan, actuals: Actuals) -> list[Finding]:
    """XK309 a malformed period; XK310 a period whose year is not the latest year of values."""
    reading = _reading(actuals)
    doc, raw, period, values = reading.doc, reading.period_raw, reading.period_parsed, actuals.values
    if raw is None:
        return []
    if period is None:
        return [doc.finding("XK309", ("period",), value=raw)]
    latest = max(values) if values else plan.final_year
    if not values or period.year == latest:
        return []
    if period.year < latest:  # values beyond the period: drop them, or move the period on
        later = [y for y in values if y > period.year]
        other = str(min(later)) if len(later) == 1 else f"{min(later)}–{max(later)}"
        action = {"action_zh": "删去", "action_en": "drop"}
    else:  # a period after the data: the period's year is missing
        other, action = str(period.year), {"action_zh": "补上", "action_en": "add"}
    args = {"period": period.label, "latest": latest, "year": period.year, "other": other, **action}
    return [doc.finding("XK310", ("period",), **args)]


def check_plausible(plan: Plan, actuals: Actuals) -> list[Finding]:
    """SPEC §4 plausibility warnings for the city's quantities and the projects' ``invested``.

    Expected: the year's target (× f for an annual flow in the period's year), else last year's
    reported value; a project's ``invested`` against its investment (附件2). Which kinds are
    compared is kinds.py's ``magnitude``. Where a unit conversion brings the value into range,
    the warning offers that reading (XK406: ``2330000 万元 = 233 亿元?``), else XK405.
    """
    reading = _reading(actuals)
    doc, values, period = reading.doc, actuals.values, actuals.period
    out: list[Finding] = []
    for (year, ident), w in reading.written.items():
        value = values.get(year, {}).get(ident)
        metric = plan.metrics.get(ident)
        if value is None or (metric is not None and not kind_of(metric.kind).magnitude):
            continue
        target = metric.targets.get(year) if metric is not None else None
        if target is not None:
            expected, basis_zh, basis_en = target, f"{year} 年目标", f"the {year} target"
        elif (last := values.get(year - 1, {}).get(ident)) is not None:
            expected, basis_zh, basis_en = last, f"{year - 1} 年报送值", f"the {year - 1} value"
        else:
            continue
        f = period.time_progress if year == period.year else 1.0
        if metric is not None and kind_of(metric.kind).flow and f < 1:  # an in-year flow: so far
            expected *= f
            basis_zh += f" × 序时进度 {num(f * 100)}%"
            basis_en += f" × time progress {num(f * 100)}%"
        finding = _magnitude(plan, doc, w, value / w.factor, expected / w.factor, basis_zh, basis_en)
        if finding:
            out.append(finding)
    investments = {p.seq: p.investment for p in plan.projects}
    basis = plan.labels.investment_basis
    for seq, w in reading.invested_at.items():
        invested = actuals.projects[seq].invested
        if invested is not None:
            finding = _magnitude(plan, doc, w, invested, investments.get(seq), basis.zh, basis.en)
            if finding:
                out.append(finding)
    return out


def check_unit(plan: Plan, actuals: Actuals) -> list[Finding]:
    """XK501: a ``unit`` the plan does not name (did you mean a name or alias?)."""
    reading = _reading(actuals)
    if reading.unit_raw is None or actuals.unit is not None:
        return []
    close = suggest(normalise_name(reading.unit_raw), sorted(plan.unit_names))
    return [reading.doc.finding("XK501", ("unit",), name=reading.unit_raw, suggest=plan.unit_names.get(close, ""))]


ACTUALS_CHECKS: list[Check] = [
    check_values,
    check_something_reported,
    check_projects,
    check_period,
    check_plausible,
    check_unit,
]


def run(plan: Plan, actuals: Actuals) -> list[Finding]:
    """Every check of ACTUALS_CHECKS, in order."""
    return [f for check in ACTUALS_CHECKS for f in check(plan, actuals)]


# -- helpers ----------------------------------------------------------------------------------------------


def _reading(actuals: Actuals) -> Reading:
    assert actuals.reading is not None, "the checks look at an actuals file as read"
    return actuals.reading


def _duplicate(doc: Document, path: tuple[Any, ...], first: tuple[Any, ...] | None) -> list[Finding]:
    if first is None:
        return []
    first_line = doc.mark(first, key=True)[0]
    return [doc.finding("XK101", path, at_key=True, key=path[-1], first_line=first_line)]


def suggest_key(key: Any, plan: Plan) -> str:
    """The "did you mean" of an unknown key; a 附件1 row number (``3: 705``) names that row's indicator."""
    seq = int_key(key) if isinstance(key, (int, str)) and not isinstance(key, bool) else None
    if seq is not None:
        ind = next((i for i in plan.indicators.values() if i.seq == seq), None)
        return f"{ind.id}({ind.source} {ind.name})" if ind else ""
    return suggest(str(key), sorted(plan.keys))


def implausible(metric: Any, value: float) -> dict[str, str] | None:
    """Why a well-formed value is still unlikely (a warning, not an error), or None — by the
    plausibility rules of its kind (kinds.py ``floor``, ``percent_share``)."""
    rules = kind_of(metric.kind)
    if rules.floor is not None and value < rules.floor:
        return {"why_zh": "排名不能小于 1", "why_en": "a rank below 1", "suggest": ""}
    if rules.percent_share and metric.unit == "%":
        if value > 100:
            return {"why_zh": "比重超过 100%", "why_en": "a share above 100%", "suggest": ""}
        if 0 < value < 1 and min(metric.targets.values()) >= 5:  # Excel exported 16.8% as 0.168
            return {
                "why_zh": "像是小数形式的百分比",
                "why_en": "looks like a fraction, not a percentage",
                "suggest": f"{value * 100:g}",
            }
    return None


def _magnitude(
    plan: Plan, doc: Document, w: Written, value: float, expected: float | None, basis_zh: str, basis_en: str
) -> Finding | None:
    """XK405/XK406 for one value (in the unit it was written in) against its expected value."""
    times = implausible_factor(value, expected)
    if times is None or expected is None:
        return None
    args: dict[str, Any] = {
        "key": w.key,
        "value": num(value),
        "unit": w.unit,
        "expected": num(expected),
        "times": f"{times:,.0f}" if 100 <= times < 1e15 else f"{times:.3g}",
        "basis_zh": basis_zh,
        "basis_en": basis_en,
    }
    readings = []  # value as if written in another unit, converted to this one: in range?
    for c in plan.targets.unit_conversions:
        other = c.to_unit if c.from_unit == w.unit else c.from_unit if c.to_unit == w.unit else None
        factor = plan.conversion(other, w.unit) if other else None
        candidate = value * factor if other and factor and factor != 1 else 0.0
        if candidate > 0 and implausible_factor(candidate, expected) is None:
            readings.append((abs(math.log(candidate) - math.log(expected)), other, scaled(value, factor)))
    if readings:
        _, other, converted = min(readings)
        return doc.finding("XK406", w.path, other_unit=other, converted=num(converted), **args)
    return doc.finding("XK405", w.path, **args)
