"""Which reader an actuals path goes to: a YAML file, or a fill-in form (.xlsx/.csv, SPEC §9).

Either way the result is a ``Document`` of the same shape, read by the same ``read_actuals``.
A form needs the plan only to resolve region names and the region of a reporting unit (a
region's government: its rows with an empty 区域 are its region's).
"""

from __future__ import annotations

from xnkc.plan.load import Plan
from xnkc.read.collect import is_form
from xnkc.read.yamlload import Document, load_file


def load_document(path: str, plan: Plan | None) -> Document:
    """``path`` read as a Document: a form by its name (``.xlsx``, ``.csv``), else YAML."""
    if not is_form(path):
        return load_file(path)
    from xnkc.read.forms import load_form

    if plan is None:  # validate without a usable plan: the layout alone
        return load_form(path)
    from xnkc.compute.report import unit_region

    def region_of_unit(name: str) -> str | None:
        return unit_region(plan, plan.canonical_unit(name))

    return load_form(path, region=plan.canonical_region, unit_region=region_of_unit)
