"""Cross-checks of the plan's data: small named functions, each returning a list of findings.

``PLAN_CHECKS`` composes them; ``validate`` runs them all. A contradiction inside the plan
itself is a warning naming both places — the data stays a faithful copy of the plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from xnkc.common.findings import Finding, suggest
from xnkc.plan.load import Plan, normalise_name, parse_responsible
from xnkc.read.models import OLD_NAMES

Check = Callable[[Plan], list[Finding]]


def check_unique_ids(plan: Plan) -> list[Finding]:
    """Ids are unique across indicators, commitments and statistics (they share one key space)."""
    doc = plan.targets_doc
    seen: set[str] = set()
    out: list[Finding] = []
    for section, items in (
        ("statistics", plan.targets.statistics),
        ("indicators", plan.targets.indicators),
        ("commitments", plan.targets.commitments),
    ):
        for i, item in enumerate(items):
            if item.id in seen:
                out.append(doc.finding("XK505", (section, i, "id"), id=item.id))
            seen.add(item.id)
    return out


def check_sequences(plan: Plan) -> list[Finding]:
    """附件1 seq is 1..29 once each; 附件2 seq is 1..11 once each."""
    out: list[Finding] = []
    for doc, section, seqs in (
        (plan.targets_doc, "indicators", [i.seq for i in plan.targets.indicators]),
        (plan.projects_doc, "projects", [p.seq for p in plan.projects]),
    ):
        if sorted(seqs) != list(range(1, len(seqs) + 1)):
            dup = [s for s, n in Counter(seqs).items() if n > 1]
            if dup:  # the first row carrying a duplicated seq
                at = seqs.index(dup[0])
            else:  # the first seq outside 1..N
                at = next(k for k, s in enumerate(seqs) if not 1 <= s <= len(seqs))
            out.append(doc.finding("XK506", (section, at, "seq"), count=len(seqs), got=sorted(seqs)))
    return out


def check_units_known(plan: Plan) -> list[Finding]:
    """Every responsible unit named in either file is a canonical name of the unit registry."""
    canon = {u.name for u in plan.targets.units}
    out: list[Finding] = []
    places = [(plan.targets_doc, "indicators", i, x) for i, x in enumerate(plan.targets.indicators)]
    places += [(plan.targets_doc, "commitments", i, x) for i, x in enumerate(plan.targets.commitments)]
    places += [(plan.projects_doc, "projects", i, x) for i, x in enumerate(plan.projects)]
    for doc, section, i, item in places:
        for role in ("lead", "support"):
            for j, name in enumerate(getattr(item, role)):
                if name in canon:
                    continue
                code = "XK509" if normalise_name(name) in canon else "XK501"
                alias = plan.canonical_unit(name)
                out.append(
                    doc.finding(code, (section, i, role, j), name=name, suggest=alias or suggest(name, sorted(canon)))
                )
    reporters = places + [(plan.targets_doc, "statistics", i, x) for i, x in enumerate(plan.targets.statistics)]
    for doc, section, i, item in reporters:  # SPEC §9: an explicit reporter is a registered unit (or alias)
        name = getattr(item, "reporter", None)
        if name is not None and plan.canonical_unit(name) is None:
            out.append(doc.finding("XK501", (section, i, "reporter"), name=name, suggest=suggest(name, sorted(canon))))
    return out


def check_responsible_text(plan: Plan) -> list[Finding]:
    """lead/support agree with the 责任单位 text they were parsed from (SPEC §2.1)."""
    out: list[Finding] = []
    places = [(plan.targets_doc, "indicators", i, x) for i, x in enumerate(plan.targets.indicators)]
    places += [(plan.targets_doc, "commitments", i, x) for i, x in enumerate(plan.targets.commitments)]
    places += [(plan.projects_doc, "projects", i, x) for i, x in enumerate(plan.projects)]
    for doc, section, i, item in places:
        if not item.responsible:
            continue
        lead, support = parse_responsible(item.responsible)
        if (lead, support) != (list(item.lead), list(item.support)):
            what = getattr(item, "id", None) or plan.project_ref(item.seq)
            out.append(
                doc.finding(
                    "XK504",
                    (section, i, "responsible"),
                    what=what,
                    responsible=item.responsible,
                    lead=lead,
                    support=support,
                )
            )
    return out


def check_regions_known(plan: Plan) -> list[Finding]:
    """Every project region is a registered region (canonical name)."""
    canon = {r.name for r in plan.targets.regions}
    out: list[Finding] = []
    for i, p in enumerate(plan.projects):
        for j, r in enumerate(p.region):
            if r not in canon:
                out.append(
                    plan.projects_doc.finding(
                        "XK503",
                        ("projects", i, "region", j),
                        what=plan.project_ref(p.seq),
                        ref=r,
                        suggest=plan.canonical_region(r) or suggest(r, canon),
                    )
                )
    return out


def check_commitment_links(plan: Plan) -> list[Finding]:
    """A commitment links an existing indicator with a relation, or carries its own kind/better."""
    out: list[Finding] = []
    doc = plan.targets_doc
    for i, c in enumerate(plan.targets.commitments):
        if c.indicator is not None and c.indicator not in plan.indicators:
            out.append(
                doc.finding(
                    "XK503",
                    ("commitments", i, "indicator"),
                    what=c.id,
                    ref=c.indicator,
                    suggest=suggest(c.indicator, list(plan.indicators)),
                )
            )
        elif c.indicator is not None and c.relation is None:
            out.append(doc.finding("XK202", ("commitments", i), field="relation"))
        elif c.indicator is None and (c.kind is None or c.better is None):
            out.append(doc.finding("XK507", ("commitments", i), id=c.id))
        if c.comparator == "approx" and c.tolerance is None:
            out.append(doc.finding("XK202", ("commitments", i), field="tolerance"))
    return out


def check_derivations(plan: Plan) -> list[Finding]:
    """Every derivation computes a known target from known statistics or indicators."""
    known = {s.id for s in plan.targets.statistics} | set(plan.metrics)
    out: list[Finding] = []
    for i, d in enumerate(plan.targets.derivations):
        for field_name, ref in (
            ("target", d.target),
            *((n, getattr(d, n)) for n in ("of", "numerator", "denominator")),
        ):
            needed = field_name == "target" or (d.op == "growth") == (field_name == "of")
            if needed and (ref is None or ref not in known):
                out.append(
                    plan.targets_doc.finding(
                        "XK503",
                        ("derivations", i, field_name),
                        what=f"derivation {d.target}",
                        ref=ref or "",
                        suggest=suggest(ref or "", sorted(known)),
                    )
                )
    return out


def check_commitment_relations(plan: Plan) -> list[Finding]:
    """Body commitments agree with the 附件1 targets they restate (with unit conversion)."""
    out: list[Finding] = []
    doc = plan.targets_doc
    index = {ind.id: n for n, ind in enumerate(plan.targets.indicators)}
    for i, c in enumerate(plan.targets.commitments):
        ind = plan.indicators.get(c.indicator or "")
        years = plan.years
        if ind is None or c.relation is None or any(y not in ind.targets for y in years):
            continue  # broken links and missing targets are reported by their own checks
        factor = plan.conversion(c.unit, ind.unit)
        if factor is None:
            out.append(doc.finding("XK508", ("commitments", i, "unit"), what=c.id, a=c.unit, b=ind.unit))
            continue
        value = c.value * factor
        targets = [ind.targets[y] for y in years]
        v = f"{_num(value)}{ind.unit}"
        first, final = years[0], years[-1]
        if c.relation == "equals_final":
            ok = _close(ind.targets[final], value)
            rel_zh, rel_en = f"{final}年目标应为 {v}", f"the {final} target should be {v}"
        elif c.relation == "sums_to":
            ok = _close(sum(targets), value)
            total = f"{_num(sum(targets))}{ind.unit}"
            rel_zh, rel_en = (
                f"{first}—{final}年合计 {total},应为 {v}",
                f"the years {first}–{final} sum to {total}, not {v}",
            )
        else:
            ok = all(_satisfies(t, value, c.comparator) for t in targets)
            sign = {"gt": ">", "at_most": "≤", "lt": "<"}.get(c.comparator, "≥")
            rel_zh, rel_en = f"每年都应 {sign} {v}", f"every year should be {sign} {v}"
        if not ok:
            line, _ = doc.mark(("indicators", index[ind.id]))
            out.append(
                doc.finding(
                    "XK502",
                    ("commitments", i),
                    clause=c.clause,
                    text=c.text,
                    source=f"{ind.source}({doc.file}:{line})",
                    targets="/".join(_num(t) for t in targets),
                    relation_zh=rel_zh,
                    relation_en=rel_en,
                )
            )
    return out


def _satisfies(target: float, value: float, comparator: str) -> bool:
    if comparator == "at_most":
        return target <= value + 1e-9
    if comparator == "lt":
        return target < value - 1e-9
    if comparator == "gt":
        return target > value + 1e-9
    return target >= value - 1e-9


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _num(x: float) -> str:
    return f"{x:g}"


def check_horizon(plan: Plan) -> list[Finding]:
    """``plan.years`` gives the plan's horizon (first..final)."""
    if plan.targets.plan.years:
        return []
    return [plan.targets_doc.finding("XK541", ("plan", "years"))]


def check_targets_complete(plan: Plan) -> list[Finding]:
    """Every indicator has a target in some plan year and none outside them. A plan year without
    one is allowed (SPEC §8: status no_target that year) and noted, in case it was left out."""
    out: list[Finding] = []
    years = plan.years
    first, final = plan.first_year, plan.final_year
    for i, ind in enumerate(plan.targets.indicators):
        if not ind.targets:
            out.append(plan.targets_doc.finding("XK511", ("indicators", i, "targets"), id=ind.id, final=final))
            continue
        for year in years:
            if year not in ind.targets:
                note = plan.targets_doc.finding("XK510", ("indicators", i, "targets"), id=ind.id, year=year)
                out.append(note.as_note())
        for year in ind.targets:
            if not first <= year <= final:
                out.append(
                    plan.targets_doc.finding(
                        "XK540",
                        ("indicators", i, "targets", year),
                        at_key=True,
                        id=ind.id,
                        year=year,
                        first=first,
                        final=final,
                    )
                )
    return out


def check_milestones(plan: Plan) -> list[Finding]:
    """The SPEC §8 fields of an indicator agree with its targets: ``interpolated`` and
    ``comparators`` name years that have a target, ``base`` years come before the plan, and an
    approximate (左右/约) target has a tolerance."""
    out: list[Finding] = []
    doc, first = plan.targets_doc, plan.first_year
    for i, ind in enumerate(plan.targets.indicators):
        for field_name, years in (("interpolated", ind.interpolated), ("comparators", ind.comparators)):
            for year in years:
                if year not in ind.targets:
                    path = ("indicators", i, field_name) + ((year,) if field_name == "comparators" else ())
                    out.append(
                        doc.finding(
                            "XK543", path, at_key=field_name == "comparators", id=ind.id, field=field_name, year=year
                        )
                    )
        for year in ind.base:
            if year >= first:
                out.append(
                    doc.finding(
                        "XK544", ("indicators", i, "base", year), at_key=True, id=ind.id, year=year, first=first
                    )
                )
        if ind.tolerance is None and ind.tolerance_share is None:
            for year in sorted(ind.targets):
                if ind.comparators.get(year, ind.comparator) == "approx":
                    out.append(doc.finding("XK545", ("indicators", i), id=ind.id, year=year))
                    break
    return out


def check_old_names(plan: Plan) -> list[Finding]:
    """The older enum values (by_2026, total_2024_2026, equals_2026) are read, with a note: the
    new names say the same for any plan (SPEC §2.2). Read from the document: the plan's own
    objects already carry the new names."""
    doc = plan.targets_doc
    items = doc.data.get("commitments") if isinstance(doc.data, dict) else None
    out: list[Finding] = []
    for i, raw in enumerate(items if isinstance(items, list) else []):
        for field_name in ("applies", "relation"):
            old = raw.get(field_name) if isinstance(raw, dict) else None
            if isinstance(old, str) and old in OLD_NAMES:
                found = doc.finding(
                    "XK542", ("commitments", i, field_name), field=field_name, old=old, new=OLD_NAMES[old]
                )
                out.append(found.as_note())
    return out


def check_value_ranges(plan: Plan) -> list[Finding]:
    """seq ≥ 1, conversion factors > 0, tolerances and investments ≥ 0."""
    out: list[Finding] = []
    tdoc, pdoc = plan.targets_doc, plan.projects_doc
    for i, c in enumerate(plan.targets.unit_conversions):
        if not c.factor > 0:
            out.append(tdoc.finding("XK204", ("unit_conversions", i, "factor"), detail=f"factor {c.factor} ≤ 0"))
    for i, ind in enumerate(plan.targets.indicators):
        if ind.seq < 1:
            out.append(tdoc.finding("XK204", ("indicators", i, "seq"), detail=f"seq {ind.seq} < 1"))
        for name in ("tolerance", "tolerance_share"):
            value = getattr(ind, name)
            if value is not None and value < 0:
                out.append(tdoc.finding("XK204", ("indicators", i, name), detail=f"{name} {value} < 0"))
    for i, com in enumerate(plan.targets.commitments):
        if com.tolerance is not None and com.tolerance < 0:
            out.append(tdoc.finding("XK204", ("commitments", i, "tolerance"), detail=f"tolerance {com.tolerance} < 0"))
    for i, p in enumerate(plan.projects):
        if p.seq < 1:
            out.append(pdoc.finding("XK204", ("projects", i, "seq"), detail=f"seq {p.seq} < 1"))
        if p.investment is not None and p.investment < 0:
            out.append(pdoc.finding("XK204", ("projects", i, "investment"), detail=f"investment {p.investment} < 0"))
    return out


PLAN_CHECKS: list[Check] = [
    check_value_ranges,
    check_unique_ids,
    check_horizon,
    check_targets_complete,
    check_milestones,
    check_old_names,
    check_sequences,
    check_units_known,
    check_responsible_text,
    check_regions_known,
    check_commitment_links,
    check_derivations,
    check_commitment_relations,
]


def run_plan_checks(plan: Plan) -> list[Finding]:
    """All checks; needs a plan read from its files (``load_plan`` runs them on a cache miss)."""
    if plan.targets_doc is None or (plan.projects and plan.projects_doc is None):
        raise ValueError("plan checks need the source documents, not a cached plan")
    return [f for check in PLAN_CHECKS for f in check(plan)]
