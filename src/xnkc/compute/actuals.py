"""Read an actuals file (SPEC §4): keys resolved to ids, values read strictly, all findings kept."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding, FindingsError, suggest
from xnkc.common.i18n import zh_years
from xnkc.compute.kinds import kind_of
from xnkc.plan.load import Plan, normalise_name
from xnkc.read.numeric import (
    MAX_MAGNITUDE,
    Period,
    digit_marks,
    implausible_factor,
    int_key,
    num,
    parse_number,
    parse_period,
    scaled,
)
from xnkc.read.yamlload import Document, load_file, load_text

BASE_YEARS = 10  # how many years before the plan's first an actuals file may report (base years)
PROJECT_STATUS = {
    "planned": "planned",
    "规划": "planned",
    "计划": "planned",
    "under_construction": "under_construction",
    "在建": "under_construction",
    "completed": "completed",
    "建成": "completed",
    "竣工": "completed",
    "stalled": "stalled",
    "停滞": "stalled",
    "停建": "stalled",
}


@dataclass
class ProjectProgress:
    invested: float | None
    status: str | None


@dataclass
class Actuals:
    file: str
    period: Period
    values: dict[int, dict[str, float]]
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]] = field(default_factory=dict)
    regions: dict[str, dict[int, dict[str, float]]] = field(default_factory=dict)
    projects: dict[int, ProjectProgress] = field(default_factory=dict)
    unit: str | None = None
    plan_years: tuple[int, int] = (0, 0)  # the plan's (first, final) year the file was read against

    def year_checked(self, year: int | None = None) -> int:
        """SPEC §5: ``--year`` or else the latest year under values — a plan year with data."""
        first, final = self.plan_years
        chosen = year if year is not None else max(self.values)
        if chosen not in self.values or not first <= chosen <= final:
            wanted = chosen if year is not None else f"{first}–{final}"  # only base years
            present = ", ".join(map(str, sorted(self.values)))
            raise FindingsError([Finding("XK318", self.file, args={"year": wanted, "years": present})])
        return chosen


@dataclass
class Written:
    """Where a value stands in the file and how it was written: its path and key, the unit of
    the key (a commitment id has its own) and the factor from that unit to the indicator's."""

    path: tuple[Any, ...]
    key: Any
    unit: str
    factor: float = 1.0


def read_value(raw: Any, *, unit: str, signed: bool, plan: Plan) -> tuple[float | None, str | None, dict[str, Any]]:
    """``parse_number``, and a unit written beside the number that the plan's ``unit_conversions``
    convert to the field's own ("0.312亿元" on a 万元 field → 3120): then (value, "XK323", args),
    a note saying so. Errors are (None, code, args); a plain number is (value, None, {})."""
    written = _written_unit(raw, unit, plan)
    if written is None:
        return parse_number(raw, unit=unit, signed=signed)
    number, from_unit, factor = written
    value, code, args = parse_number(number, unit=unit, signed=signed)
    if value is None:
        return value, code, args
    converted = scaled(value, factor)
    if abs(converted) > MAX_MAGNITUDE:
        return None, "XK319", {}
    args = {"from_unit": from_unit, "unit": unit, "factor": num(factor), "converted": num(converted)}
    return converted, "XK323", args


def _written_unit(raw: Any, unit: str, plan: Plan) -> tuple[str, str, float] | None:
    """("0.312", "亿元", 10000.0) for "0.312亿元" on a 万元 field; None when no other unit is written."""
    if not isinstance(raw, str) or not unit or unit == "%" or digit_marks(raw):
        return None
    text = unicodedata.normalize("NFKC", raw).strip()
    units = {u for c in plan.targets.unit_conversions for u in (c.from_unit, c.to_unit)}
    for other in sorted(units, key=len, reverse=True):  # 万元 before 元
        if other != unit and text.endswith(other) and len(text) > len(other):
            factor = plan.conversion(other, unit)
            number = text[: -len(other)].rstrip()
            if factor is not None and number[-1:].isdigit():
                return number, other, factor
    return None


def _suggest_key(key: Any, plan: Plan) -> str:
    """The "did you mean" of an unknown key; a 附件1 row number (``3: 705``) names that row's indicator."""
    seq = int_key(key) if isinstance(key, (int, str)) and not isinstance(key, bool) else None
    if seq is not None:
        ind = next((i for i in plan.indicators.values() if i.seq == seq), None)
        return f"{ind.id}({ind.source} {ind.name})" if ind else ""
    return suggest(str(key), sorted(plan.keys))


def plausibility(
    plan: Plan,
    doc: Document,
    values: dict[int, dict[str, float]],
    written: dict[tuple[int, str], Written],
    period: Period,
    projects: dict[int, ProjectProgress],
    invested_at: dict[int, Written],
) -> list[Finding]:
    """SPEC §4 plausibility warnings for the city's quantities and the projects' ``invested``.

    Expected: the year's target (× f for an annual flow in the period's year), else last year's
    reported value; a project's ``invested`` against its investment (附件2). Ratios, growth
    rates and ranks are not compared. Where a unit conversion brings the value into range, the
    warning offers that reading (XK406: ``2330000 万元 = 233 亿元?``), else XK405.
    """
    out: list[Finding] = []
    for (year, ident), w in written.items():
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
    for seq, w in invested_at.items():
        invested = projects[seq].invested
        if invested is not None:
            finding = _magnitude(
                plan,
                doc,
                w,
                invested,
                investments.get(seq),
                plan.labels.investment_basis.zh,
                plan.labels.investment_basis.en,
            )
            if finding:
                out.append(finding)
    return out


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


def load_actuals(path: str, plan: Plan, *, text: str | None = None) -> tuple[Actuals, list[Finding]]:
    """Load and check an actuals file. Raises FindingsError if it has errors; returns warnings."""
    doc = load_text(text, path) if text is not None else load_file(path)
    return read_actuals(doc, plan)


def read_actuals(doc: Document, plan: Plan) -> tuple[Actuals, list[Finding]]:
    from xnkc.read.models import ActualsFile, actuals_shape_ok
    from xnkc.read.models import ProjectProgress as ProgressShape  # the file's shape; ours is read below

    findings: list[Finding] = list(doc.findings)  # e.g. duplicate keys: reported with the rest
    if is_region_targets(doc.data):  # a 分解目标 file given as a submission: say so plainly
        raise FindingsError([*findings, doc.finding("XK331", ("kind",))])
    if actuals_shape_ok(doc.data):  # the common case, without importing pydantic
        data = doc.data
        shape = ActualsFile(
            values=data.get("values", {}),
            period=data.get("period"),
            unit=data.get("unit"),
            projects={k: ProgressShape(**v) for k, v in (data.get("projects") or {}).items()},
            regions=data.get("regions") or {},
        )
    else:
        from xnkc.read.shape import validate_as

        shape, errors = validate_as(ActualsFile, doc)
        if errors:
            raise FindingsError(findings + errors)
    if "values" not in doc.data and "regions" not in doc.data:  # a county's file has only regions
        raise FindingsError([*findings, doc.finding("XK202", (), field="values")])

    values: dict[int, dict[str, float]] = {}
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]] = {}
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # normalised key → its first path
    written: dict[tuple[int, str], Written] = {}  # (year, id) → where and how the city value was written
    for ykey, block in shape.values.items():
        year = _year(ykey, doc, ("values", ykey), findings, plan)
        if year is None or not _first(seen, ("values", year), ("values", ykey), doc, findings):
            continue
        values[year] = _read_block(block or {}, doc, ("values", ykey), plan, findings, positions, year, written=written)

    regions = _read_regions(shape.regions or {}, doc, plan, findings, positions, seen)

    for by_year in regions.values():  # a year reported only by regions is a year of the file
        for year in by_year:
            values.setdefault(year, {})
    if not any(values.values()) and not any(v for r in regions.values() for v in r.values()) and not findings:
        findings.append(doc.finding("XK316", ("values",)))

    projects: dict[int, ProjectProgress] = {}
    invested_at: dict[int, Written] = {}
    seqs = {p.seq for p in plan.projects}
    for pkey, prog in (shape.projects or {}).items():
        seq = pkey if isinstance(pkey, int) and not isinstance(pkey, bool) else int_key(pkey)
        if seq not in seqs:
            names = plan.labels.projects  # the list's title in the plan's words (附件2 重点项目)
            args = {"key": pkey, "count": len(seqs), "projects_zh": names.zh, "projects_en": names.en}
            findings.append(doc.finding("XK313", ("projects", pkey), at_key=True, **args))
            continue
        if not _first(seen, ("projects", seq), ("projects", pkey), doc, findings):
            continue
        invested = None
        if prog.invested is not None:
            ipath = ("projects", pkey, "invested")
            money = plan.labels.investment_unit  # a project's investment unit (亿元 by default)
            invested, code, args = read_value(prog.invested, unit=money, signed=False, plan=plan)
            if code:
                findings.append(doc.finding(code, ipath, key=f"projects.{pkey}.invested", value=prog.invested, **args))
            if invested is not None:
                invested_at[seq] = Written(ipath, f"projects.{pkey}.invested", money, 1.0)
        status = None
        if prog.status is not None:
            status = PROJECT_STATUS.get(normalise_name(str(prog.status)).lower())
            if status is None:
                findings.append(doc.finding("XK314", ("projects", pkey, "status"), value=prog.status))
        assert seq is not None
        projects[seq] = ProjectProgress(invested, status)

    period = _period(shape.period, doc, values, findings, plan.final_year)
    findings += plausibility(plan, doc, values, written, period, projects, invested_at)
    unit = plan.canonical_unit(shape.unit) if shape.unit is not None else None
    if shape.unit is not None and unit is None:  # a typo, or a name the registry lacks: did you mean (aliases too)?
        close = suggest(normalise_name(shape.unit), sorted(plan.unit_names))
        findings.append(doc.finding("XK501", ("unit",), name=shape.unit, suggest=plan.unit_names.get(close, "")))
    errors = [f for f in findings if f.is_error]
    if errors:
        raise FindingsError(findings)
    actuals = Actuals(doc.file, period, values, positions, regions, projects, unit, (plan.first_year, plan.final_year))
    return actuals, findings


def _read_regions(
    raw: dict[Any, Any],
    doc: Document,
    plan: Plan,
    findings: list[Finding],
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]],
    seen: dict[tuple[Any, ...], tuple[Any, ...]],
) -> dict[str, dict[int, dict[str, float]]]:
    """The ``regions:`` block: region (alias resolved) → year → statistic → value."""
    regions: dict[str, dict[int, dict[str, float]]] = {}
    for rkey, years in raw.items():
        name = plan.canonical_region(str(rkey))
        if name is None:
            close = plan.region_names.get(suggest(str(rkey), sorted(plan.region_names)), "")
            findings.append(doc.finding("XK312", ("regions", rkey), at_key=True, key=rkey, suggest=close))
            continue
        if not _first(seen, ("regions", name), ("regions", rkey), doc, findings):
            continue  # 咸安 and 咸安区 are one region
        rvals = regions.setdefault(name, {})
        for ykey, block in (years or {}).items():
            year = _year(ykey, doc, ("regions", rkey, ykey), findings, plan)
            if year is not None and _first(seen, ("regions", name, year), ("regions", rkey, ykey), doc, findings):
                rvals[year] = _read_block(
                    block or {}, doc, ("regions", rkey, ykey), plan, findings, positions, year, region=name
                )
    return regions


REGION_TARGETS_KIND = "region_targets"


def is_region_targets(data: Any) -> bool:
    """Does this document declare itself a 分解目标 file (``kind: region_targets``)?"""
    return isinstance(data, dict) and data.get("kind") == REGION_TARGETS_KIND


def load_region_targets(path: str, plan: Plan) -> dict[str, dict[int, dict[str, float]]]:
    """An optional 分解目标 file (SPEC §4.1): ``kind: region_targets`` and
    ``regions: {区域: {年份: {指标: 目标}}}`` (the older form without ``kind`` is read too), checked
    like the ``regions`` block of an actuals file. Raises FindingsError on any error."""
    targets, findings = read_region_targets(load_file(path), plan)
    if any(f.is_error for f in findings):
        raise FindingsError(findings)
    return targets


def read_region_targets(doc: Document, plan: Plan) -> tuple[dict[str, dict[int, dict[str, float]]], list[Finding]]:
    """Every finding of a 分解目标 file: its shape, known regions, known ids, numbers — and only
    metrics (indicators, tracked commitments) have targets: a raw statistic is refused (XK333)."""
    from xnkc.read.models import RegionTargetsFile
    from xnkc.read.shape import validate_as

    findings: list[Finding] = list(doc.findings)
    shape, errors = validate_as(RegionTargetsFile, doc)
    if errors:
        return {}, findings + errors
    targets = _read_regions(shape.regions, doc, plan, findings, {}, {})
    for rkey, years in shape.regions.items():
        for ykey, block in (years or {}).items():
            for key in block or {}:
                ident = plan.keys.get(normalise_name(str(key)))
                if ident is not None and ident not in plan.metrics:
                    findings.append(
                        doc.finding(
                            "XK333", ("regions", rkey, ykey, key), at_key=True, key=key, name=plan.display_name(ident)
                        )
                    )
                    region = plan.canonical_region(str(rkey))
                    year = int_key(ykey)
                    targets.get(region or "", {}).get(year or 0, {}).pop(ident, None)
    return targets, findings


def _first(
    seen: dict[tuple[Any, ...], tuple[Any, ...]],
    norm: tuple[Any, ...],
    path: tuple[Any, ...],
    doc: Document,
    findings: list[Finding],
) -> bool:
    """False (and an XK101 finding naming both lines) when ``norm`` was already given.

    Catches what YAML itself cannot: ``2025`` and ``"2025"``, ``咸安`` and ``咸安区``, ``1`` and ``"1"``.
    """
    if norm in seen:
        first_line = doc.mark(seen[norm], key=True)[0]
        findings.append(doc.finding("XK101", path, at_key=True, key=path[-1], first_line=first_line))
        return False
    seen[norm] = path
    return True


def _implausible(metric: Any, value: float) -> dict[str, str] | None:
    """Why a well-formed value is still unlikely (a warning, not an error), or None."""
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


def year_range(plan: Plan) -> tuple[int, int]:
    """The years an actuals file may report: up to BASE_YEARS base years before the plan's
    first year, then the plan's years; none after its final year."""
    return plan.first_year - BASE_YEARS, plan.final_year


def _year(ykey: Any, doc: Document, path: tuple[Any, ...], findings: list[Finding], plan: Plan) -> int | None:
    year = ykey if isinstance(ykey, int) and not isinstance(ykey, bool) else int_key(ykey)
    low, high = year_range(plan)
    if year is None or not low <= year <= high:
        findings.append(doc.finding("XK308", path, at_key=True, year=ykey, low=low, high=high))
        return None
    return year


def _read_block(
    block: Any,
    doc: Document,
    path: tuple[Any, ...],
    plan: Plan,
    findings: list[Finding],
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]],
    year: int,
    region: str | None = None,
    written: dict[tuple[int, str], Written] | None = None,
) -> dict[str, float]:
    out: dict[str, float] = {}
    first: dict[str, tuple[Any, int | None]] = {}
    if not isinstance(block, dict):  # pragma: no cover - the shape model guarantees a mapping
        return out
    for key, raw in block.items():
        kpath = (*path, key)
        ident = plan.keys.get(key) if isinstance(key, str) else None  # exact ids: the common case
        if ident is None:
            ident = plan.keys.get(normalise_name(str(key)))
        if ident is None and str(key) in plan.total_ids:  # e.g. c9_new_species_enterprises (80 over 3 years)
            indicator = plan.total_ids[str(key)]
            findings.append(
                doc.finding(
                    "XK317",
                    kpath,
                    at_key=True,
                    key=key,
                    indicator=indicator,
                    name=plan.display_name(indicator),
                    first=plan.first_year,
                    final=plan.final_year,
                    years_zh=zh_years(plan.first_year, plan.final_year),
                )
            )
            continue
        if ident is None:
            findings.append(doc.finding("XK301", kpath, at_key=True, key=key, suggest=_suggest_key(key, plan)))
            continue
        if ident in first:
            other, line = first[ident]
            findings.append(
                doc.finding("XK315", kpath, at_key=True, **{"key": key, "other": other, "first_line": line})
            )
            continue
        first[ident] = (key, doc.key_marks.get(kpath, (None, None))[0])
        if raw is None:  # left blank (e.g. in a template): not reported
            continue
        metric = plan.metrics.get(ident)
        unit, factor = plan.key_units.get(str(key), (plan.stat_unit(ident), 1.0))
        signed = metric is not None and kind_of(metric.kind).signed
        value, code, args = read_value(raw, unit=unit, signed=signed, plan=plan)
        if code:
            findings.append(doc.finding(code, kpath, **{"key": key, "value": raw, **args}))
        if value is None:
            continue
        if written is not None:
            written[(year, ident)] = Written(kpath, key, unit, factor)
        value *= factor  # a commitment id in its own unit: 1 亿元 → 10000 万元
        if metric is not None:
            why = _implausible(metric, value)
            if why:
                findings.append(doc.finding("XK403", kpath, **{"key": key, "value": raw, **why}))
        positions[(region, year, ident)] = doc.marks.get(kpath, (None, None))
        out[ident] = value
    return out


def _period(
    raw: Any, doc: Document, values: dict[int, dict[str, float]], findings: list[Finding], final: int
) -> Period:
    latest = max(values) if values else final
    if raw is None:
        return Period(latest, 12, str(latest))
    period = parse_period(raw)
    if period is None:
        findings.append(doc.finding("XK309", ("period",), value=raw))
        return Period(latest, 12, str(latest))
    if values and period.year != latest:
        if period.year < latest:  # values beyond the period: drop them, or move the period on
            later = [y for y in values if y > period.year]
            other = str(min(later)) if len(later) == 1 else f"{min(later)}–{max(later)}"
            action = {"action_zh": "删去", "action_en": "drop"}
        else:  # a period after the data: the period's year is missing
            other, action = str(period.year), {"action_zh": "补上", "action_en": "add"}
        findings.append(
            doc.finding(
                "XK310", ("period",), period=period.label, latest=latest, year=period.year, other=other, **action
            )
        )
    return period
