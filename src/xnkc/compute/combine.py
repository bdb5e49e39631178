"""Several submissions, one picture (SPEC §9). Pure: no I/O — the files are read already.

Values are keyed by (city or region, year, statistic id after name resolution and unit
conversion); project progress by (project seq, period). Two values for a key are equal when
they agree to 10 significant digits (one value, every source kept); otherwise the key is a
conflict — an error at each place, naming the other — and it is left out. Periods: the combined
period is the latest year's; an in-year file for an earlier year is an error; for the latest
year in-year files of different periods are an error, and a full-year file supersedes the
in-year files of that year as whole files (a note names them); when several files are combined
every file with data for the latest year must state its period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding
from xnkc.compute.actuals import Actuals, ProjectProgress
from xnkc.compute.reading import Source
from xnkc.plan.load import Plan
from xnkc.read.numeric import Period

SIGNIFICANT = 10

Key = tuple[str | None, int, str]  # (region or None for the city, year, id)


@dataclass(frozen=True)
class FileInfo:
    """One file combined: who sent it (``unit:``/填报单位, canonical), its period as stated (None:
    none stated) and whether a full-year file superseded it."""

    file: str
    unit: str | None
    period: str | None
    superseded: bool = False


@dataclass
class Combined:
    actuals: Actuals
    findings: list[Finding] = field(default_factory=list)  # conflicts and periods (errors), notes
    files: list[FileInfo] = field(default_factory=list)
    project_sources: dict[int, tuple[Source, ...]] = field(default_factory=dict)  # seq → the places

    @property
    def conflicts(self) -> int:
        return len(self.actuals.conflicts)


def same(a: float, b: float) -> bool:
    """Equal to 10 significant digits (an equivalence: both are rounded, then compared)."""
    return rounded(a) == rounded(b)


def rounded(x: float) -> str:
    return f"{x:.{SIGNIFICANT - 1}e}"


def combine(plan: Plan, parts: Iterable[Actuals]) -> Combined:
    """One ``Actuals`` from several read files (in any order: the result is the same)."""
    files = sorted(parts, key=lambda a: a.file)
    if not files:
        raise ValueError("combine() needs at least one file")
    latest = max((y for a in files for y in years_with_data(a)), default=max(files[0].values, default=0))
    findings, dropped = _periods(files, latest)
    used = [a for a in files if a.file not in dropped]
    out = Actuals(
        files[0].file,
        _period(used, latest),
        {y: {} for a in used for y in a.values},
        plan_years=files[0].plan_years,
        unit=_common_unit(used),
    )
    groups: dict[Key, list[tuple[float, Source]]] = {}
    for a in used:
        for key, value in _entries(a):
            groups.setdefault(key, []).append((value, a.source_of(*key)))
    for key in sorted(groups, key=_order):
        _settle(plan, out, key, groups[key], findings)
    project_sources: dict[int, tuple[Source, ...]] = {}
    out.projects = _projects(plan, used, findings, project_sources)
    info = [FileInfo(a.file, a.unit, _stated(a), a.file in dropped) for a in files]
    return Combined(out, findings, info, project_sources)


def years_with_data(a: Actuals) -> set[int]:
    """The years a file gives any value for (the city's or a region's)."""
    years = {y for y, v in a.values.items() if v}
    return years | {y for by_year in a.regions.values() for y, v in by_year.items() if v}


def _stated(a: Actuals) -> str | None:
    """The period the file states (None: none)."""
    if a.reading is None:
        return a.period.label
    return None if a.reading.period_raw is None else a.period.label


def _period_finding(a: Actuals, code: str, **args: Any) -> Finding:
    if a.reading is None:
        return Finding(code, a.file, args=args)
    return a.reading.doc.finding(code, ("period",), **args)


def _periods(files: list[Actuals], latest: int) -> tuple[list[Finding], set[str]]:
    """The period rules: their findings, and the files a full-year file supersedes."""
    findings: list[Finding] = []
    with_latest = [a for a in files if latest in years_with_data(a)]
    for a in with_latest if len(files) > 1 else ():
        if _stated(a) is None:
            findings.append(_period_finding(a, "XK624", year=latest))
    for a in files:
        if _stated(a) is not None and a.period.months < 12 and a.period.year < latest:
            findings.append(_period_finding(a, "XK621", period=a.period.label, year=a.period.year, latest=latest))
    in_year = [a for a in with_latest if _stated(a) is not None and a.period.months < 12 and a.period.year == latest]
    full = [a for a in with_latest if _stated(a) is not None and a.period.months == 12]
    if full and in_year:
        names = "、".join(a.file for a in in_year)
        findings.append(_period_finding(full[0], "XK623", year=latest, full=full[0].file, files=names))
        return findings, {a.file for a in in_year}
    first = in_year[0] if in_year else None
    for a in in_year[1:]:
        if first is not None and a.period.label != first.period.label:
            args = {"period": a.period.label, "there": first.file, "other_period": first.period.label}
            findings.append(_period_finding(a, "XK622", **args))
    return findings, set()


def _period(used: list[Actuals], latest: int) -> Period:
    """The latest year's period: the in-year period its files state, else the full year."""
    for a in used:
        if latest in years_with_data(a) and a.period.year == latest and _stated(a) is not None:
            if a.period.months < 12:
                return a.period
    return Period(latest, 12, str(latest))


def _common_unit(used: list[Actuals]) -> str | None:
    units = {a.unit for a in used}
    return units.pop() if len(units) == 1 else None


def _entries(a: Actuals) -> Iterable[tuple[Key, float]]:
    for year, vals in a.values.items():
        for k, v in vals.items():
            yield (None, year, k), v
    for region, by_year in a.regions.items():
        for year, vals in by_year.items():
            for k, v in vals.items():
                yield (region, year, k), v


def _order(key: Key) -> tuple[str, int, str]:
    region, year, k = key
    return (region or "", year, k)


def _settle(plan: Plan, out: Actuals, key: Key, given: list[tuple[float, Source]], findings: list[Finding]) -> None:
    """One key: its value and every source, or a conflict (a finding at each place)."""
    region, year, k = key
    first_value, first_source = given[0]
    if all(same(v, first_value) for v, _ in given):
        target = out.values if region is None else out.regions.setdefault(region, {})
        target.setdefault(year, {})[k] = first_value
        out.positions[key] = (first_source.line, first_source.column)
        out.origins[key] = tuple(s for _, s in given)
        return
    out.conflicts[key] = tuple(s for _, s in given)
    if region is None:
        out.values.setdefault(year, {})
    path = f"values.{year}.{k}" if region is None else f"regions.{region}.{year}.{k}"
    for value, source in given:
        other_value, other = next((v, s) for v, s in given if not same(v, value))
        args = {
            "key": plan.display_name(k),
            "year": year,
            "place": "" if region is None else f" · {region}",
            "value": _shown(value),
            "there": other.where(),
            "other_value": _shown(other_value),
        }
        findings.append(Finding("XK620", source.file, source.line, source.column, path, args, sheet=source.sheet))


def _shown(x: float) -> str:
    return f"{x:.10g}"


def _projects(
    plan: Plan, used: list[Actuals], findings: list[Finding], sources: dict[int, tuple[Source, ...]]
) -> dict[int, ProjectProgress]:
    """Project progress by (seq, period): the latest period's; files of that period must agree."""
    out: dict[int, ProjectProgress] = {}
    by_seq: dict[int, list[tuple[Actuals, ProjectProgress]]] = {}
    for a in used:
        for seq, prog in a.projects.items():
            by_seq.setdefault(seq, []).append((a, prog))
    for seq in sorted(by_seq):
        given = by_seq[seq]
        newest = max((a.period.year, a.period.months) for a, _ in given)
        given = [(a, p) for a, p in given if (a.period.year, a.period.months) == newest]
        a0, p0 = given[0]
        clash = [
            (a, p)
            for a, p in given[1:]
            if p.status != p0.status
            or (p.invested is None) != (p0.invested is None)
            or (p.invested is not None and p0.invested is not None and not same(p.invested, p0.invested))
        ]
        if not clash:
            out[seq] = p0
            sources[seq] = tuple(_project_source(a, seq) for a, _ in given)
            continue
        for a, p in [(a0, p0), *clash]:
            other, op = clash[0] if a is a0 else (a0, p0)
            args = {
                "key": f"projects.{seq}",
                "year": a.period.label,
                "place": "",
                "value": _progress_text(p),
                "there": _project_where(other, seq),
                "other_value": _progress_text(op),
            }
            findings.append(_project_finding(a, seq, args))
    return out


def _progress_text(p: ProjectProgress) -> str:
    invested = "—" if p.invested is None else _shown(p.invested)
    return f"{invested}/{p.status or '—'}"


def _project_where(a: Actuals, seq: int) -> str:
    return _project_finding(a, seq, {}).location()


def _project_source(a: Actuals, seq: int) -> Source:
    f = _project_finding(a, seq, {})
    return Source(f.file, f.line, f.column, f.sheet, a.unit)


def _project_finding(a: Actuals, seq: int, args: dict[str, Any]) -> Finding:
    if a.reading is None:
        return Finding("XK620", a.file, args=args)
    entry = next((e for e in a.reading.projects if e.seq == seq and e.first is None), None)
    path = entry.path if entry is not None else ("projects",)
    return a.reading.doc.finding("XK620", path, at_key=True, **args)
