"""An actuals file read against the plan (SPEC §4): keys resolved to ids, values read strictly.

Three steps (issue 9 point 4): ``read.actuals.read_submission`` reads the file's structure and
reports only what it cannot read; ``resolve_submission`` (here) resolves years, regions, keys,
values, projects and the period against the plan — making no findings, only recording what it
found at each place in the file; the named checks of ``actuals_checks.ACTUALS_CHECKS`` turn
that record into findings, in the order of the file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding, FindingsError
from xnkc.compute import actuals_checks
from xnkc.compute.reading import (
    BASE_YEARS,
    Entry,
    Path,
    ProjectEntry,
    Reading,
    RegionKey,
    Source,
    Step,
    Written,
    YearKey,
    year_range,
)
from xnkc.plan.kinds import kind_of
from xnkc.plan.load import Plan, normalise_name
from xnkc.read.actuals import REGION_TARGETS_KIND, Submission, is_region_targets, read_region_block, read_submission
from xnkc.read.numeric import MAX_MAGNITUDE, Period, digit_marks, int_key, num, parse_number, parse_period, scaled
from xnkc.read.yamlload import Document, load_file, load_text

__all__ = [
    "BASE_YEARS",
    "REGION_TARGETS_KIND",
    "Actuals",
    "is_region_targets",
    "load_actuals",
    "load_region_targets",
    "read_actuals",
    "read_region_targets",
    "year_range",
]

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
    reading: Reading | None = None  # what the checks look at (None: built in memory, not read)
    sheet: str | None = None  # read from a workbook form (SPEC §9): positions are its cells
    # several files combined (SPEC §9): (region, year, id) → every place that gave the value, and
    # the keys left out because the files disagree (each with the places of every value given)
    origins: dict[tuple[Any, ...], tuple[Source, ...]] = field(default_factory=dict)
    conflicts: dict[tuple[Any, ...], tuple[Source, ...]] = field(default_factory=dict)

    def source_of(self, region: str | None, year: int, key: str) -> Source:
        """Where the value of ``key`` (the city's, or ``region``'s) in ``year`` was read."""
        found = self.origins.get((region, year, key))
        if found:
            return found[0]
        line, col = self.positions.get((region, year, key), (None, None))
        sheet = self.sheet or (self.reading.doc.sheet if self.reading is not None else None)
        return Source(self.file, line, col, sheet, self.unit)

    def year_checked(self, year: int | None = None) -> int:
        """SPEC §5: ``--year`` or else the latest year under values — a plan year with data."""
        first, final = self.plan_years
        chosen = year if year is not None else max(self.values)
        if chosen not in self.values or not first <= chosen <= final:
            wanted = chosen if year is not None else f"{first}–{final}"  # only base years
            present = ", ".join(map(str, sorted(self.values)))
            raise FindingsError([Finding("XK318", self.file, args={"year": wanted, "years": present})])
        return chosen


# -- values -------------------------------------------------------------------------------------------


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


# -- loading: read, resolve, check ------------------------------------------------------------------------


def load_actuals(path: str, plan: Plan, *, text: str | None = None) -> tuple[Actuals, list[Finding]]:
    """Load and check an actuals file. Raises FindingsError if it has errors; returns warnings."""
    from xnkc.compute.submission import load_document

    doc = load_text(text, path) if text is not None else load_document(path, plan)
    return read_actuals(doc, plan)


def read_actuals(doc: Document, plan: Plan) -> tuple[Actuals, list[Finding]]:
    """Read (what cannot be read raises), resolve against the plan, run ACTUALS_CHECKS. Raises
    FindingsError with every finding if any is an error; else returns the warnings and notes."""
    actuals = resolve_submission(read_submission(doc), plan)
    findings = [*doc.findings, *actuals_checks.run(plan, actuals)]
    if any(f.is_error for f in findings):
        raise FindingsError(findings)
    return actuals, findings


def resolve_submission(sub: Submission, plan: Plan) -> Actuals:
    """Years, regions, keys, values, projects, period and unit of ``sub`` resolved against the
    plan; what was found at each place is kept in ``Actuals.reading`` for the checks."""
    doc = sub.doc
    reading = Reading(doc, period_raw=sub.period, unit_raw=sub.unit)
    values: dict[int, dict[str, float]] = {}
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]] = {}
    seen: dict[Path, Path] = {}  # normalised key → its first path
    for ykey, block in sub.values.items():
        path = ("values", ykey)
        year = _year_key(ykey, path, plan, seen, ("values",), reading.steps)
        if year is not None:
            values[year] = _read_block(block or {}, doc, path, plan, reading, positions, year, written=reading.written)
    regions = _read_regions(sub.regions, doc, plan, reading, positions, seen)
    for by_year in regions.values():  # a year reported only by regions is a year of the file
        for year in by_year:
            values.setdefault(year, {})
    projects = _read_projects(sub, plan, reading, seen)
    reading.period_parsed = parse_period(sub.period) if sub.period is not None else None
    period = period_of(reading.period_parsed, values, plan.final_year)
    unit = plan.canonical_unit(sub.unit) if sub.unit is not None else None
    years = (plan.first_year, plan.final_year)
    return Actuals(doc.file, period, values, positions, regions, projects, unit, years, reading, doc.sheet)


def period_of(parsed: Period | None, values: dict[int, dict[str, float]], final: int) -> Period:
    """The period given, else (none, or a malformed one) the latest year of values, full."""
    if parsed is not None:
        return parsed
    latest = max(values) if values else final
    return Period(latest, 12, str(latest))


def _first(seen: dict[Path, Path], norm: Path, path: Path) -> Path | None:
    """None the first time ``norm`` is given; else the path that gave it first. Catches what YAML
    itself cannot: ``2025`` and ``"2025"``, ``咸安`` and ``咸安区``, ``1`` and ``"1"``."""
    if norm in seen:
        return seen[norm]
    seen[norm] = path
    return None


def _year_key(ykey: Any, path: Path, plan: Plan, seen: dict[Path, Path], scope: Path, steps: list[Step]) -> int | None:
    """The year of a year key, recorded; None (and nothing read under it) when it is not a year
    the file may report or the same year was given before."""
    year = ykey if isinstance(ykey, int) and not isinstance(ykey, bool) else int_key(ykey)
    low, high = year_range(plan)
    if year is None or not low <= year <= high:
        steps.append(YearKey(path, ykey, None))
        return None
    first = _first(seen, (*scope, year), path)
    steps.append(YearKey(path, ykey, year, first))
    return None if first is not None else year


def _read_regions(
    raw: dict[Any, Any],
    doc: Document,
    plan: Plan,
    reading: Reading,
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]],
    seen: dict[Path, Path],
) -> dict[str, dict[int, dict[str, float]]]:
    """The ``regions:`` block: region (alias resolved) → year → statistic → value."""
    regions: dict[str, dict[int, dict[str, float]]] = {}
    for rkey, years in raw.items():
        path = ("regions", rkey)
        name = plan.canonical_region(str(rkey))
        if name is None:
            reading.steps.append(RegionKey(path, rkey, None))
            continue
        first = _first(seen, ("regions", name), path)
        reading.steps.append(RegionKey(path, rkey, name, first))
        if first is not None:
            continue  # 咸安 and 咸安区 are one region
        rvals = regions.setdefault(name, {})
        for ykey, block in (years or {}).items():
            ypath = (*path, ykey)
            year = _year_key(ykey, ypath, plan, seen, ("regions", name), reading.steps)
            if year is not None:
                rvals[year] = _read_block(block or {}, doc, ypath, plan, reading, positions, year, region=name)
    return regions


def _read_block(
    block: Any,
    doc: Document,
    path: Path,
    plan: Plan,
    reading: Reading,
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]],
    year: int,
    region: str | None = None,
    written: dict[tuple[int, str], Written] | None = None,
) -> dict[str, float]:
    """One year's ``key: value`` pairs: id → value (in the id's unit); each pair recorded."""
    out: dict[str, float] = {}
    first: dict[str, tuple[Any, int | None]] = {}
    if not isinstance(block, dict):  # pragma: no cover - the shape model guarantees a mapping
        return out
    for key, raw in block.items():
        kpath = (*path, key)
        ident = plan.keys.get(key) if isinstance(key, str) else None  # exact ids: the common case
        if ident is None:
            ident = plan.keys.get(normalise_name(str(key)))
        if ident is None:  # a plan total's id (c9_new_species_enterprises: 80 over 3 years), or nothing
            reading.steps.append(Entry(kpath, key, raw, total_of=plan.total_ids.get(str(key))))
            continue
        if ident in first:
            reading.steps.append(Entry(kpath, key, raw, ident, other=first[ident]))
            continue
        first[ident] = (key, doc.key_marks.get(kpath, (None, None))[0])
        if raw is None:  # left blank (e.g. in a template): not reported
            reading.steps.append(Entry(kpath, key, raw, ident))
            continue
        metric = plan.metrics.get(ident)
        unit, factor = plan.key_units.get(str(key), (plan.stat_unit(ident), 1.0))
        signed = metric is not None and kind_of(metric.kind).signed
        value, code, args = read_value(raw, unit=unit, signed=signed, plan=plan)
        if value is not None:
            if written is not None:
                written[(year, ident)] = Written(kpath, key, unit, factor)
            value *= factor  # a commitment id in its own unit: 1 亿元 → 10000 万元
            positions[(region, year, ident)] = doc.marks.get(kpath, (None, None))
            out[ident] = value
        reading.steps.append(Entry(kpath, key, raw, ident, value=value, code=code, args=args, metric=metric))
    return out


def _read_projects(sub: Submission, plan: Plan, reading: Reading, seen: dict[Path, Path]) -> dict[int, ProjectProgress]:
    """``projects:``: 附件2 seq → invested (in the plan's investment unit) and status."""
    projects: dict[int, ProjectProgress] = {}
    seqs = {p.seq for p in plan.projects}
    for pkey, prog in sub.projects.items():
        path = ("projects", pkey)
        seq = pkey if isinstance(pkey, int) and not isinstance(pkey, bool) else int_key(pkey)
        if seq not in seqs:
            reading.projects.append(ProjectEntry(path, pkey, None))
            continue
        assert seq is not None
        first = _first(seen, ("projects", seq), path)
        if first is not None:
            reading.projects.append(ProjectEntry(path, pkey, seq, first))
            continue
        invested, code, args = None, None, {}
        if prog.invested is not None:
            money = plan.labels.investment_unit  # a project's investment unit (亿元 by default)
            invested, code, args = read_value(prog.invested, unit=money, signed=False, plan=plan)
            if invested is not None:
                reading.invested_at[seq] = Written((*path, "invested"), f"projects.{pkey}.invested", money, 1.0)
        status = None
        if prog.status is not None:
            status = PROJECT_STATUS.get(normalise_name(str(prog.status)).lower())
        reading.projects.append(
            ProjectEntry(path, pkey, seq, None, prog.invested, invested, code, args, prog.status, status)
        )
        projects[seq] = ProjectProgress(invested, status)
    return projects


# -- 分解目标 files ------------------------------------------------------------------------------------


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
    raw, errors = read_region_block(doc)
    findings: list[Finding] = list(doc.findings)
    if raw is None:  # the shape is wrong
        return {}, findings + errors
    reading = Reading(doc)
    targets = _read_regions(raw, doc, plan, reading, {}, {})
    findings += actuals_checks.check_steps(plan, reading)
    for rkey, years in raw.items():
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
