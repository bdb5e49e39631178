"""Load the plan (data/targets.yaml + data/projects.yaml) into validated models and indexes."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xnkc.common.findings import Finding, FindingsError
from xnkc.plan.domain import Metric  # built here; calc imports it from xnkc.plan.domain (no I/O)
from xnkc.read.models import (
    OLD_NAMES,
    Commitment,
    Indicator,
    Named,
    PlanLabels,
    Project,
    ProjectsFile,
    TargetsFile,
)

if TYPE_CHECKING:  # the YAML loader is imported when a file is read: a cached plan needs none
    from xnkc.read.yamlload import Document


def data_dir() -> Path:
    """Where the plan's data lives: $XNKC_DATA_DIR, the installed copy, or the source tree."""
    env = os.environ.get("XNKC_DATA_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent  # the package directory (xnkc/)
    packaged = here / "data"
    if (packaged / "targets.yaml").is_file():
        return packaged
    return here.parent.parent / "data"


def shown_path(path: Path) -> str:
    """``path`` relative to the working directory when inside it (shorter findings), else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") or os.path.dirname(os.getcwd()) == os.getcwd() else rel


@dataclass
class Plan:
    targets: TargetsFile
    projects: list[Project]
    targets_doc: Document | None  # None when the plan came from the cache
    projects_doc: Document | None
    indicators: dict[str, Indicator] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    unit_names: dict[str, str] = field(default_factory=dict)  # alias or name → canonical
    unit_groups: dict[str, str] = field(default_factory=dict)  # unit → the group it belongs to
    region_names: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)  # reportable key or Chinese name → id
    stat_units: dict[str, str] = field(default_factory=dict)  # statistic or metric id → unit
    key_units: dict[str, tuple[str, float]] = field(default_factory=dict)  # commitment id → (unit, factor)
    total_ids: dict[str, str] = field(default_factory=dict)  # three-year-total commitment id → indicator
    # SPEC §9: metric or raw statistic id → the one unit that reports it (``reporter``, else the
    # first lead of its indicator or commitment; a raw statistic: of the indicator derived from it)
    reporters: dict[str, str] = field(default_factory=dict)
    check_findings: list[Finding] = field(default_factory=list)  # the plan cross-checks (checks.py)

    @property
    def title(self) -> str:
        return self.targets.plan.title

    @property
    def labels(self) -> PlanLabels:
        """The plan's wording (``plan.labels``): table titles, investment unit, footnotes."""
        return self.targets.plan.labels

    def project_ref(self, seq: int) -> str:
        """How findings name project ``seq``, in the plan's words (附件2-3 for the shipped plan)."""
        return self.labels.project_ref.replace("{seq}", str(seq))

    @property
    def years(self) -> tuple[int, ...]:
        """The plan's years, first..final (``plan.years`` in targets.yaml)."""
        first, final = horizon(self.targets)
        return tuple(range(first, final + 1))

    @property
    def first_year(self) -> int:
        return horizon(self.targets)[0]

    @property
    def final_year(self) -> int:
        return horizon(self.targets)[1]

    def conversion(self, unit_from: str, unit_to: str) -> float | None:
        """Factor f with value_in_to = value_in_from × f, or None when not declared."""
        if unit_from == unit_to:
            return 1.0
        for c in self.targets.unit_conversions:
            if (c.from_unit, c.to_unit) == (unit_from, unit_to):
                return c.factor
            if (c.from_unit, c.to_unit) == (unit_to, unit_from):
                return 1.0 / c.factor
        return None

    def role(self, unit: str, lead: tuple[str, ...] | list[str], support: tuple[str, ...] | list[str]) -> str | None:
        """'lead', 'support' or None for ``unit`` — directly, or as one of a named group
        (嘉鱼县人民政府 is one of 各县市区人民政府)."""
        group = self.unit_groups.get(unit)
        for name in (unit, group):
            if name and name in lead:
                return "lead"
            if name and name in support:
                return "support"
        return None

    def canonical_unit(self, name: str) -> str | None:
        """The registered unit for a name or alias; a region's name or alias (高新区, 通城) names
        the region's government, as the region's canonical name does (咸宁高新区 → 咸宁高新区管委会)."""
        key = normalise_name(name)
        found = self.unit_names.get(key)
        if found is None and key in self.region_names:
            found = self.unit_names.get(normalise_name(self.region_names[key]))
        return found

    def canonical_region(self, name: str) -> str | None:
        return self.region_names.get(normalise_name(name))

    def commitment_links(self, indicator_id: str) -> list[Commitment]:
        return [c for c in self.commitments.values() if c.indicator == indicator_id]

    def display_name(self, key: str) -> str:
        """The plan's own name for an indicator, commitment or statistic id (the id if unknown)."""
        if key in self.metrics:
            return self.metrics[key].name
        return next((s.name for s in self.targets.statistics if s.id == key), key)

    def stat_unit(self, key: str) -> str:
        return self.stat_units.get(key, "")


_WS = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Remove whitespace artefacts ("咸宁 高新区管委会"); full-width forms (（）１２) as ASCII."""
    import unicodedata

    return _WS.sub("", unicodedata.normalize("NFKC", name))


def parse_responsible(text: str) -> tuple[list[str], list[str]]:
    """SPEC §2.1: first comma group = lead (split on 、), the remaining groups = support."""
    text = normalise_name(text).replace(",", ",")
    groups = [g for g in text.split(",") if g]
    if not groups:
        return [], []
    lead = [u for u in groups[0].split("、") if u]
    support = [u for g in groups[1:] for u in g.split("、") if u]
    return lead, support


def load_plan(
    targets_path: str | os.PathLike[str] | None = None,
    projects_path: str | os.PathLike[str] | None = None,
    *,
    use_cache: bool = True,
) -> Plan:
    """Read and validate both data files; raises FindingsError with every schema problem.

    A plan validated once is kept in a cache (plain JSON) keyed by the files' real path, size
    and mtime and a fingerprint of xnkc's code (see ``plancache``), so ``check`` at the prompt
    does not pay for YAML parsing and pydantic again. The cache also keeps the findings of the
    plan cross-checks (``checks``), run once here; they are attached to ``tpath``/``ppath`` as
    given at each use.
    """
    base = data_dir()
    tpath = str(targets_path) if targets_path else shown_path(base / "targets.yaml")
    ppath = str(projects_path) if projects_path else projects_beside(tpath if targets_path else None, base)
    if ppath is None:  # a plan without 附件2-style projects needs no projects.yaml (issue 9 point 11)
        use_cache = False
    key = None
    if use_cache:
        from xnkc.plan import cache as plancache

        key = plancache.key_for(tpath, ppath)
        cached = plancache.read(key, tpath, ppath) if key else None
        if cached is not None:
            plan = build_plan(cached[0], cached[1], None, None)
            plan.check_findings = cached[2]
            return plan
    from xnkc.read.yamlload import load_file

    findings: list[Finding] = []
    docs: dict[str, Document] = {}
    parsed: dict[str, Any] = {}
    unusable = False
    for path, model in ((tpath, TargetsFile), (ppath, ProjectsFile)):
        if path is None:
            parsed[model.__name__] = ProjectsFile(schema=1, projects=[])
            continue
        try:
            doc = load_file(path)
        except FindingsError as exc:
            findings.extend(exc.findings)
            unusable = unusable or exc.unusable_path
            continue
        from xnkc.read.shape import validate_as

        value, errs = validate_as(model, doc)
        findings.extend(doc.findings + errs)
        docs[model.__name__], parsed[model.__name__] = doc, value
    if findings or len(parsed) < 2:
        raise FindingsError(findings, unusable_path=unusable)
    targets, projects = parsed["TargetsFile"], parsed["ProjectsFile"]
    plan = build_plan(targets, projects, docs["TargetsFile"], docs.get("ProjectsFile"))
    from xnkc.plan.checks import run_plan_checks

    plan.check_findings = run_plan_checks(plan)
    if key:
        from xnkc.plan import cache as plancache

        plancache.write(key, (tpath, ppath), targets, projects, plan.check_findings)
    return plan


def projects_beside(targets_path: str | None, base: Path) -> str | None:
    """The projects file that goes with a plan: projects.yaml beside ``targets_path`` (given
    with --targets) or in the data directory; None when there is none (a plan may have none)."""
    where = Path(targets_path).parent if targets_path else base
    candidate = where / "projects.yaml"
    if targets_path is None and not candidate.exists() and not (where / "targets.yaml").exists():
        return shown_path(candidate)  # no plan at all there: the missing file is reported as such
    return shown_path(candidate) if candidate.exists() else None


def horizon(targets: TargetsFile) -> tuple[int, int]:
    """(first, final) of ``plan.years`` — [first, final] or every year, read as min..max. An
    empty list (an error, ``checks.check_horizon``) falls back on the years of the targets."""
    years = list(targets.plan.years) or [y for i in targets.indicators for y in i.targets]
    return (min(years), max(years)) if years else (0, 0)


def new_names(targets: TargetsFile) -> None:
    """The older enum values (by_2026, total_2024_2026, equals_2026) as their new names (SPEC §2.2)."""
    for c in targets.commitments:
        c.applies = OLD_NAMES.get(c.applies, c.applies)  # type: ignore[assignment]
        if c.relation is not None:
            c.relation = OLD_NAMES.get(c.relation, c.relation)  # type: ignore[assignment]


def reporters(plan: Plan) -> dict[str, str]:
    """Who reports each metric and raw statistic (SPEC §9), computed once when the plan is built."""
    out: dict[str, str] = {}

    def named(name: str | None) -> str | None:
        return None if name is None else plan.canonical_unit(name) or name

    for ind in plan.targets.indicators:
        unit = named(ind.reporter) or (ind.lead[0] if ind.lead else None)
        if unit:
            out[ind.id] = unit
    for c in plan.targets.commitments:
        if c.id in plan.metrics:
            unit = named(c.reporter) or (c.lead[0] if c.lead else None)
            if unit:
                out[c.id] = unit
    stats = {s.id: s for s in plan.targets.statistics}
    for s in plan.targets.statistics:
        if s.reporter:
            out[s.id] = named(s.reporter) or s.reporter
    for d in plan.targets.derivations:
        for comp in d.inputs:
            if comp in stats and comp not in out and d.target in out:
                out[comp] = out[d.target]
    return out


def build_plan(targets: TargetsFile, projects_file: ProjectsFile, tdoc: Document | None, pdoc: Document | None) -> Plan:
    new_names(targets)
    plan = Plan(targets, projects_file.projects, tdoc, pdoc)
    first, final = horizon(targets)
    plan.indicators = {i.id: i for i in targets.indicators}
    plan.commitments = {c.id: c for c in targets.commitments}
    plan.unit_names = _lookup(targets.units)
    plan.unit_groups = {u.name: u.member_of for u in targets.units if u.member_of}
    plan.region_names = _lookup(targets.regions)
    for ind in sorted(targets.indicators, key=lambda i: i.seq):
        plan.metrics[ind.id] = Metric(
            id=ind.id,
            seq=ind.seq,
            name=ind.name,
            unit=ind.unit,
            kind=ind.kind,
            better=ind.better,
            comparator=ind.comparator or ("at_most" if ind.better == "lower" else "at_least"),
            tolerance=ind.tolerance,
            applies="each_year",
            targets=dict(ind.targets),
            lead=tuple(ind.lead),
            support=tuple(ind.support),
            source=ind.source,
            is_indicator=True,
            first_year=first,
            final_year=final,
            comparators=dict(ind.comparators),
            tolerance_share=ind.tolerance_share,
            interpolated=frozenset(ind.interpolated),
            base=dict(ind.base),
            attribute=ind.attribute,
        )
    for c in targets.commitments:
        if c.indicator is None and c.kind and c.better:
            plan.metrics[c.id] = commitment_metric(c, first, final)
    keys: dict[str, str] = {}
    for s in targets.statistics:
        keys[s.id] = s.id
        keys[normalise_name(s.name)] = s.id
    for m in plan.metrics.values():
        keys[m.id] = m.id
        name = normalise_name(m.name)
        keys[name] = m.id
        keys[f"{name}({m.unit})"] = m.id  # as 附件1 prints it: 高新技术企业数(家)
    # a commitment that restates an indicator may be reported under its own id: the value is
    # that year's figure of the indicator, in the commitment's unit (c4_funded_amount in 亿元)
    for c in targets.commitments:
        ind = plan.indicators.get(c.indicator or "")
        factor = plan.conversion(c.unit, ind.unit) if ind else None
        if ind is None or factor is None or c.id in keys:
            continue
        if c.relation == "sums_to":  # a three-year total: one year's figure is ambiguous (XK317)
            plan.total_ids[c.id] = ind.id
        else:
            keys[c.id] = ind.id
            plan.key_units[c.id] = (c.unit, factor)
    plan.keys = keys
    plan.reporters = reporters(plan)
    plan.stat_units = {s.id: s.unit for s in targets.statistics} | {m.id: m.unit for m in plan.metrics.values()}
    return plan


def commitment_metric(c: Commitment, first: int, final: int) -> Metric:
    if c.applies == "each_year":
        targets = {y: c.value for y in range(first, final + 1)}
    else:
        targets = {final: c.value}
    return Metric(
        id=c.id,
        seq=None,
        name=c.name or c.text,
        unit=c.unit,
        kind=c.kind or "level",
        better=c.better or "higher",
        comparator=c.comparator,
        tolerance=c.tolerance,
        applies=c.applies,
        targets=targets,
        lead=tuple(c.lead),
        support=tuple(c.support),
        source=c.clause,
        is_indicator=False,
        first_year=first,
        final_year=final,
    )


def _lookup(items: list[Named]) -> dict[str, str]:
    table: dict[str, str] = {}
    for it in items:
        table[normalise_name(it.name)] = it.name
        for a in it.aliases:
            table[normalise_name(a)] = it.name
    return table
