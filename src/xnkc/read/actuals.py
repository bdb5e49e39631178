"""Read an actuals file's structure (SPEC §4, §4.1) without the plan: the reader reports only
what it cannot read — a 分解目标 file given as a submission, a wrong shape, a file with neither
``values`` nor ``regions``. Keys, years and values stay as written, their positions in the
``Document``; compute/actuals.py resolves them against the plan and compute/actuals_checks.py
checks them (issue 9 point 4).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xnkc.common.findings import Finding, FindingsError
from xnkc.read.yamlload import Document

REGION_TARGETS_KIND = "region_targets"


def is_region_targets(data: Any) -> bool:
    """Does this document declare itself a 分解目标 file (``kind: region_targets``)?"""
    return isinstance(data, dict) and data.get("kind") == REGION_TARGETS_KIND


@dataclass
class Progress:
    """A project's progress as written (``projects: {seq: {invested, status}}``)."""

    invested: Any = None
    status: Any = None


@dataclass
class Submission:
    """An actuals file as written: year key → key → raw value (the city's), region key → year key
    → key → raw value, project key → progress, ``period`` and ``unit`` raw; ``doc`` has the
    positions of all of it."""

    doc: Document
    values: dict[Any, Any] = field(default_factory=dict)
    regions: dict[Any, Any] = field(default_factory=dict)
    projects: dict[Any, Progress] = field(default_factory=dict)
    period: Any = None
    unit: str | None = None


def read_submission(doc: Document) -> Submission:
    """The file's structure; raises FindingsError (the YAML's own findings first) where it
    cannot be read."""
    from xnkc.read.models import ActualsFile, actuals_shape_ok

    findings = list(doc.findings)  # e.g. duplicate keys: reported with the rest
    if is_region_targets(doc.data):  # a 分解目标 file given as a submission: say so plainly
        raise FindingsError([*findings, doc.finding("XK331", ("kind",))])
    if actuals_shape_ok(doc.data):  # the common case, without importing pydantic
        data = doc.data
        projects = {k: Progress(v.get("invested"), v.get("status")) for k, v in (data.get("projects") or {}).items()}
        sub = Submission(doc, data.get("values", {}), data.get("regions") or {}, projects, data.get("period"))
        sub.unit = data.get("unit")
    else:
        from xnkc.read.shape import validate_as

        shape, errors = validate_as(ActualsFile, doc)
        if errors:
            raise FindingsError(findings + errors)
        projects = {k: Progress(p.invested, p.status) for k, p in (shape.projects or {}).items()}
        sub = Submission(doc, shape.values, shape.regions or {}, projects, shape.period, shape.unit)
    if "values" not in doc.data and "regions" not in doc.data:  # a county's file has only regions
        raise FindingsError([*findings, doc.finding("XK202", (), field="values")])
    return sub


def read_region_block(doc: Document) -> tuple[dict[Any, Any] | None, list[Finding]]:
    """A 分解目标 file's ``regions`` as written and no findings; or None and the findings of its
    shape."""
    from xnkc.read.models import RegionTargetsFile
    from xnkc.read.shape import validate_as

    shape, errors = validate_as(RegionTargetsFile, doc)
    return (None, errors) if errors else (shape.regions, [])
