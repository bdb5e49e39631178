"""Read an actuals file (SPEC §4): keys resolved to ids, values read strictly, all findings kept."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from xnkc.findings import Finding, FindingsError, suggest
from xnkc.models import PLAN_YEARS
from xnkc.plan import Plan, normalise_name
from xnkc.yamlload import Document, load_file, load_text

MIN_YEAR, MAX_YEAR = 2020, 2026
PLAN_FIRST, PLAN_LAST = PLAN_YEARS[0], PLAN_YEARS[-1]
MAX_MAGNITUDE = 1e12
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
# kinds whose values may be negative (a growth rate can fall)
_SIGNED_KINDS = frozenset({"growth"})
_BOOL_WORDS = frozenset({"yes", "no", "y", "n", "on", "off", "true", "false", "是", "否", "对", "错"})
_NONFINITE = frozenset({"nan", ".nan", "inf", ".inf", "+inf", "-inf", "+.inf", "-.inf", "infinity", "-infinity"})
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?\Z")
_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\Z")


@dataclass
class Period:
    year: int
    months: int  # months of ``year`` covered (12 = full year)
    label: str

    @property
    def time_progress(self) -> float:
        return self.months / 12


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

    def year_checked(self, year: int | None = None) -> int:
        """SPEC §5: ``--year`` or else the latest year under values — a plan year with data."""
        chosen = year if year is not None else max(self.values)
        if chosen not in self.values or not PLAN_FIRST <= chosen <= PLAN_LAST:
            wanted = chosen if year is not None else f"{PLAN_FIRST}–{PLAN_LAST}"  # only base years
            present = ", ".join(map(str, sorted(self.values)))
            raise FindingsError([Finding("XK318", self.file, args={"year": wanted, "years": present})])
        return chosen


def parse_period(raw: Any) -> Period | None:
    """``YYYY``, ``YYYY-Qn``, ``YYYY-Hn`` or ``YYYY-MM`` → Period; None when malformed."""
    text = unicodedata.normalize("NFKC", str(raw)).strip().upper()
    m = re.fullmatch(r"(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?", text)
    if not m or isinstance(raw, (bool, float)):
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return Period(year, 12, str(year))
    if part[0] == "Q":
        return Period(year, 3 * int(part[1]), f"{year}-{part}")
    if part[0] == "H":
        return Period(year, 6 * int(part[1]), f"{year}-{part}")
    month = int(part)
    if not 1 <= month <= 12:
        return None
    return Period(year, month, f"{year}-{part}")


def parse_number(raw: Any, *, unit: str, signed: bool) -> tuple[float | None, str | None, dict[str, Any]]:
    """Read one reported value. Returns (value, None, {}) or (None, error code, args)."""
    if isinstance(raw, bool):
        return None, "XK303", {}
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an integer beyond float range
            return None, "XK304", {}
    elif isinstance(raw, str):
        value_or_err = _parse_text(raw, unit)
        if isinstance(value_or_err, tuple):
            return None, value_or_err[0], value_or_err[1]
        value = value_or_err
    else:
        return None, "XK302", {}
    value += 0.0  # -0.0 is 0
    if not math.isfinite(value):
        return None, "XK304", {}
    if abs(value) > MAX_MAGNITUDE:  # no statistic of a city is this large: a typo or a unit slip
        return None, "XK319", {}
    if value < 0 and not signed:
        return None, "XK305", {}
    return value, None, {}


def _parse_text(raw: str, unit: str) -> float | tuple[str, dict[str, Any]]:
    text = unicodedata.normalize("NFKC", raw).strip().replace(" ", "")
    low = text.lower()
    if low in _BOOL_WORDS:
        return ("XK303", {})
    if low in _NONFINITE:
        return ("XK304", {})
    if text.endswith("%"):
        if unit != "%":
            return ("XK306", {"unit": unit})
        text = text[:-1]
    elif unit and unit != "%" and text.endswith(unit) and text != unit:
        text = text[: -len(unit)]
    elif text and not text[-1].isdigit() and text[-1] != "." and re.match(r"[-+]?[\d.,]+\D+\Z", text):
        return ("XK311", {"unit": unit or "-"})
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif "," in text:
        return (
            "XK307",
            {
                "why_zh": "逗号不是千分位",
                "why_en": "the commas are not thousands separators",
                "suggest": "" if "." in text else text.replace(",", ""),  # 1.234,5: no safe guess
            },
        )
    if "_" in text and _NUMBER.match(text.replace("_", "")):
        return (
            "XK307",
            {
                "why_zh": "YAML 1.1 会忽略下划线",
                "why_en": "YAML 1.1 drops underscores",
                "suggest": text.replace("_", ""),
            },
        )
    if re.fullmatch(r"[-+]?0\d+(\.\d*)?", text):
        return (
            "XK307",
            {
                "why_zh": "以 0 开头,YAML 1.1 会按八进制读",
                "why_en": "a leading zero reads as octal in YAML 1.1",
                "suggest": text.lstrip("0") or "0",
            },
        )
    if re.fullmatch(r"\d+(:[0-5]?\d)+(\.\d*)?", text):
        return (
            "XK307",
            {
                "why_zh": "像时间,YAML 1.1 会按六十进制读",
                "why_en": "looks like a time, YAML 1.1 reads base 60",
                "suggest": text.replace(":", ""),
            },
        )
    if _NUMBER.match(text):
        return float(text)  # a huge one becomes inf, then XK304
    return ("XK302", {})


def load_actuals(path: str, plan: Plan, *, text: str | None = None) -> tuple[Actuals, list[Finding]]:
    """Load and check an actuals file. Raises FindingsError if it has errors; returns warnings."""
    doc = load_text(text, path) if text is not None else load_file(path)
    return read_actuals(doc, plan)


def read_actuals(doc: Document, plan: Plan) -> tuple[Actuals, list[Finding]]:
    from xnkc.models import ActualsFile, actuals_shape_ok
    from xnkc.models import ProjectProgress as ProgressShape  # the file's shape; ours is read below

    findings: list[Finding] = list(doc.findings)  # e.g. duplicate keys: reported with the rest
    if actuals_shape_ok(doc.data):  # the common case, without importing pydantic
        data = doc.data
        shape = ActualsFile(
            values=data["values"],
            period=data.get("period"),
            unit=data.get("unit"),
            projects={k: ProgressShape(**v) for k, v in (data.get("projects") or {}).items()},
            regions=data.get("regions") or {},
        )
    else:
        from xnkc.plan import validate_as

        shape, errors = validate_as(ActualsFile, doc)
        if errors:
            raise FindingsError(findings + errors)

    values: dict[int, dict[str, float]] = {}
    positions: dict[tuple[Any, ...], tuple[int | None, int | None]] = {}
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}  # normalised key → its first path
    for ykey, block in shape.values.items():
        year = _year(ykey, doc, ("values", ykey), findings)
        if year is None or not _first(seen, ("values", year), ("values", ykey), doc, findings):
            continue
        values[year] = _read_block(block or {}, doc, ("values", ykey), plan, findings, positions, year)

    regions = _read_regions(shape.regions or {}, doc, plan, findings, positions, seen)

    for by_year in regions.values():  # a year reported only by regions is a year of the file
        for year in by_year:
            values.setdefault(year, {})
    if not any(values.values()) and not any(v for r in regions.values() for v in r.values()) and not findings:
        findings.append(doc.finding("XK316", ("values",)))

    projects: dict[int, ProjectProgress] = {}
    seqs = {p.seq for p in plan.projects}
    for pkey, prog in (shape.projects or {}).items():
        seq = pkey if isinstance(pkey, int) and not isinstance(pkey, bool) else _int_or_none(pkey)
        if seq not in seqs:
            findings.append(doc.finding("XK313", ("projects", pkey), at_key=True, **{"key": pkey, "count": len(seqs)}))
            continue
        if not _first(seen, ("projects", seq), ("projects", pkey), doc, findings):
            continue
        invested = None
        if prog.invested is not None:
            invested, code, args = parse_number(prog.invested, unit="亿元", signed=False)
            if code:
                findings.append(
                    doc.finding(
                        code,
                        ("projects", pkey, "invested"),
                        key=f"projects.{pkey}.invested",
                        value=prog.invested,
                        **args,
                    )
                )
        status = None
        if prog.status is not None:
            status = PROJECT_STATUS.get(normalise_name(str(prog.status)).lower())
            if status is None:
                findings.append(doc.finding("XK314", ("projects", pkey, "status"), value=prog.status))
        assert seq is not None
        projects[seq] = ProjectProgress(invested, status)

    period = _period(shape.period, doc, values, findings)
    unit = plan.canonical_unit(shape.unit) if shape.unit else None
    if shape.unit and unit is None:
        canon = sorted({u.name for u in plan.targets.units})
        findings.append(doc.finding("XK501", ("unit",), name=shape.unit, suggest=suggest(shape.unit, canon)))
    errors = [f for f in findings if f.is_error]
    if errors:
        raise FindingsError(findings)
    actuals = Actuals(doc.file, period, values, positions, regions, projects, unit)
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
            year = _year(ykey, doc, ("regions", rkey, ykey), findings)
            if year is not None and _first(seen, ("regions", name, year), ("regions", rkey, ykey), doc, findings):
                rvals[year] = _read_block(
                    block or {}, doc, ("regions", rkey, ykey), plan, findings, positions, year, region=name
                )
    return regions


def load_region_targets(path: str, plan: Plan) -> dict[str, dict[int, dict[str, float]]]:
    """An optional 分解目标 file (SPEC §4.1): ``regions: {区域: {年份: {指标: 目标}}}``, read and
    checked like the ``regions`` block of an actuals file. Raises FindingsError on any error."""
    doc = load_file(path)
    findings: list[Finding] = list(doc.findings)
    data = doc.data
    if set(data) != {"regions"} or not isinstance(data["regions"], dict):
        extra = next((k for k in data if k != "regions"), "regions")
        findings.append(
            doc.finding(
                "XK201" if extra != "regions" else "XK202", (extra,), at_key=True, field=extra, suggest="regions"
            )
        )
        raise FindingsError(findings)
    targets = _read_regions(data["regions"], doc, plan, findings, {}, {})
    if any(f.is_error for f in findings):
        raise FindingsError(findings)
    return targets


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
    if metric.kind == "rank" and value < 1:
        return {"why_zh": "排名不能小于 1", "why_en": "a rank below 1", "suggest": ""}
    if metric.kind == "ratio" and metric.unit == "%":
        if value > 100:
            return {"why_zh": "比重超过 100%", "why_en": "a share above 100%", "suggest": ""}
        if 0 < value < 1 and min(metric.targets.values()) >= 5:  # Excel exported 16.8% as 0.168
            return {
                "why_zh": "像是小数形式的百分比",
                "why_en": "looks like a fraction, not a percentage",
                "suggest": f"{value * 100:g}",
            }
    return None


def _int_or_none(x: Any) -> int | None:
    try:
        return int(str(x).strip())
    except ValueError:
        return None


def _year(ykey: Any, doc: Document, path: tuple[Any, ...], findings: list[Finding]) -> int | None:
    year = ykey if isinstance(ykey, int) and not isinstance(ykey, bool) else _int_or_none(ykey)
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        findings.append(doc.finding("XK308", path, at_key=True, year=ykey, low=MIN_YEAR, high=MAX_YEAR))
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
                    "XK317", kpath, at_key=True, key=key, indicator=indicator, name=plan.display_name(indicator)
                )
            )
            continue
        if ident is None:
            findings.append(
                doc.finding(
                    "XK301", kpath, at_key=True, **{"key": key, "suggest": suggest(str(key), sorted(plan.keys))}
                )
            )
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
        signed = metric is not None and metric.kind in _SIGNED_KINDS
        value, code, args = parse_number(raw, unit=unit, signed=signed)
        if code:
            findings.append(doc.finding(code, kpath, **{"key": key, "value": raw, **args}))
            continue
        assert value is not None
        value *= factor  # a commitment id in its own unit: 1 亿元 → 10000 万元
        if metric is not None:
            why = _implausible(metric, value)
            if why:
                findings.append(doc.finding("XK403", kpath, **{"key": key, "value": raw, **why}))
        positions[(region, year, ident)] = doc.marks.get(kpath, (None, None))
        out[ident] = value
    return out


def _period(raw: Any, doc: Document, values: dict[int, dict[str, float]], findings: list[Finding]) -> Period:
    latest = max(values) if values else MAX_YEAR
    if raw is None:
        return Period(latest, 12, str(latest))
    period = parse_period(raw)
    if period is None:
        findings.append(doc.finding("XK309", ("period",), value=raw))
        return Period(latest, 12, str(latest))
    if values and period.year != latest:
        findings.append(doc.finding("XK310", ("period",), period=period.label, latest=latest, year=period.year))
    return period
