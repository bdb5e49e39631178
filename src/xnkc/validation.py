"""``xnkc validate``: the plan's data files and any number of actuals files, findings for all."""

from __future__ import annotations

from dataclasses import dataclass, field

from xnkc.common.findings import Finding, FindingsError


@dataclass
class ValidationResult:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    unusable: bool = False  # a path could not be read at all (missing, directory, permission)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    def exit_code(self, strict: bool) -> int:
        if self.unusable:
            return 2
        if self.errors or (strict and any(f.severity == "warning" for f in self.findings)):
            return 1
        return 0


def validate_all(
    files: list[str],
    targets: str | None = None,
    projects: str | None = None,
    *,
    max_errors: int | None = None,
    combined: bool = False,
) -> ValidationResult:
    """Validate the plan and ``files``; ``result.files`` lists the files the user gave.

    SPEC §6: ``--strict`` fails on warnings about the files being checked. The plan itself is
    being checked when no files are given or a plan file is named (``--targets``/``--projects``):
    then its warnings count (and its files are listed). Otherwise the plan's own known warnings
    (the shipped plan's contradiction XK502) are shown once, as notes, and never fail the run.

    A directory stands for its submissions (SPEC §9, ``read.collect``), each checked on its own;
    with ``combined`` the files are also combined, and what combining finds is reported.
    """
    from xnkc.plan.load import data_dir, load_plan, projects_beside, shown_path

    result = ValidationResult()
    plan_checked = not files or targets is not None or projects is not None
    if not files:  # the plan is what is checked: list its two files
        base = data_dir()
        ppath = projects or projects_beside(targets, base)  # a plan may have no projects.yaml
        result.files += [targets or shown_path(base / "targets.yaml"), *([ppath] if ppath else [])]
    else:  # the user's files, and any plan file named on the command line
        result.files += [p for p in (targets, projects) if p is not None]
    plan = None
    try:
        plan = load_plan(targets, projects)
    except FindingsError as exc:
        result.findings += exc.findings
        result.unusable |= exc.unusable_path
    if plan is not None:
        own = plan.check_findings
        result.findings += own if plan_checked else [f.as_note() if f.severity == "warning" else f for f in own]
    paths = _expand(files, result)
    for path in paths:
        if max_errors is not None and result.errors >= max_errors:
            break
        from xnkc.common.stdio import STDIN_NAME, is_stdin

        result.files.append(STDIN_NAME if is_stdin(path) else path)
        result.findings += validate_actuals(path, plan, result)
    if combined and plan is not None and len(paths) > 1 and not result.errors and not result.unusable:
        result.findings += combine_findings(paths, plan)
    return result


def _expand(files: list[str], result: ValidationResult) -> list[str]:
    """Each path given, a directory replaced by its submissions (XK625 for one without any)."""
    import os

    from xnkc.read.collect import scan

    out: list[str] = []
    for path in files:
        if path == "-" or not os.path.isdir(path):
            out.append(path)
            continue
        found = scan(path)
        if not found:
            result.findings.append(Finding("XK625", path))
            result.unusable = True
        out += found
    return out


def combine_findings(paths: list[str], plan) -> list[Finding]:
    """What combining the (valid) files finds: conflicts, period rules, superseded files."""
    from xnkc.common.stdio import STDIN_NAME, is_stdin
    from xnkc.compute.actuals import load_actuals
    from xnkc.compute.combine import combine
    from xnkc.read.stdin import read_stdin

    parts = []
    for path in paths:
        try:
            text = read_stdin() if is_stdin(path) else None
            parts.append(load_actuals(STDIN_NAME if text is not None else path, plan, text=text)[0])
        except FindingsError:  # a plan file or a 分解目标 file named among them: not a submission
            continue
    return combine(plan, parts).findings if len(parts) > 1 else []


def validate_actuals(path: str, plan, result: ValidationResult) -> list[Finding]:
    """Every finding for one file; marks the result unusable for an unreadable path.

    A file that is a copy of the plan's own data (``indicators:`` or a ``projects:`` list at
    the top) is checked against the plan's schema rather than as actuals.
    """
    from xnkc.common.stdio import STDIN_NAME, is_stdin
    from xnkc.compute.submission import load_document
    from xnkc.read.stdin import read_stdin
    from xnkc.read.yamlload import load_text

    try:
        doc = load_text(read_stdin(), STDIN_NAME) if is_stdin(path) else load_document(path, plan)
        if plan is None:  # without a plan only the YAML itself can be checked
            return doc.findings
        kind = _plan_file_kind(doc.data)
        if kind is not None:
            from xnkc.read.shape import validate_as

            return [*doc.findings, *validate_as(kind, doc)[1]]
        from xnkc.compute.actuals import is_region_targets, read_actuals, read_region_targets

        if is_region_targets(doc.data):  # a 分解目标 file (kind: region_targets), SPEC §4.1
            return read_region_targets(doc, plan)[1]
        from xnkc.compute.derive import resolve

        actuals, warnings = read_actuals(doc, plan)
        return [*warnings, *resolve(plan, actuals).warnings]
    except FindingsError as exc:
        result.unusable |= exc.unusable_path
        return exc.findings


def _plan_file_kind(data: object) -> type | None:
    from xnkc.read.models import ProjectsFile, TargetsFile

    if isinstance(data, dict) and "values" not in data:
        if "indicators" in data or "commitments" in data:
            return TargetsFile
        if isinstance(data.get("projects"), list):
            return ProjectsFile
    return None


def check_written_plan(text: str, dest: str) -> list[Finding]:
    """The findings of loading ``text`` as the targets.yaml it is about to become at ``dest``
    (``xnkc init`` checks what it writes before writing anything). It is loaded from a scratch
    directory, with the projects.yaml beside ``dest`` when there is one; findings name ``dest``."""
    import os
    import tempfile
    from dataclasses import replace

    from xnkc.plan.load import load_plan

    beside = os.path.join(os.path.dirname(dest) or ".", "projects.yaml")
    projects = beside if os.path.isfile(beside) else None
    with tempfile.TemporaryDirectory(prefix="xnkc-init-") as tmp:
        scratch = os.path.join(tmp, "targets.yaml")
        with open(scratch, "w", encoding="utf-8") as fh:
            fh.write(text)
        try:
            plan = load_plan(scratch, projects, use_cache=False)
            found = plan.check_findings
        except FindingsError as exc:
            found = exc.findings
    return [replace(f, file=dest) if f.file == scratch else f for f in found]
