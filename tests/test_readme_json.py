"""The README's JSON section (SPEC-facing docs, issue 8 "Done when") matches what the tool prints:
every key a command prints is documented there, and every field the README lists exists."""

from __future__ import annotations

import re

from conftest import EXAMPLES, ROOT, run_xnkc

SECTION = re.search(r"## JSON formats\n(.*?)\n## ", (ROOT / "README.md").read_text(encoding="utf-8"), re.S).group(1)
WORDS = set(re.findall(r"[a-z_]+", SECTION))


def keys(obj, into: set[str] | None = None) -> set[str]:
    """Every key of every object inside ``obj`` (region names and ids as keys excluded by the caller)."""
    into = set() if into is None else into
    if isinstance(obj, dict):
        for k, v in obj.items():
            into.add(k)
            keys(v, into)
    elif isinstance(obj, list):
        for v in obj:
            keys(v, into)
    return into


def listed(block: str) -> set[str]:
    """Field names the README lists in a ``{ a, b (…), c: {…} }`` block."""
    block = re.sub(r"\([^()]*\)", "", block)  # explanations in parentheses
    return set(re.findall(r"(?:[{,]\s*)([a-z_]+)(?=\s*[,:}\]|])", block))


def test_check_json_keys_are_documented():
    res = run_xnkc("check", str(EXAMPLES / "2025-q3.yaml"), "--format", "json")
    doc = res.json()
    found = keys({k: v for k, v in doc.items() if k != "regions"})
    for cells in doc["regions"].values():  # region → id → cell: only the cell's own keys are fields
        for cell in cells.values():
            found |= set(cell)
    found -= set(doc["summary"])  # status ids, documented as the statuses
    assert found <= WORDS, sorted(found - WORDS)
    block = re.search(r"row = \{(.*?)\n```", SECTION, re.S).group(1)
    annual = run_xnkc("check", str(EXAMPLES / "2025-annual.yaml"), "--format", "json").json()
    nested = keys(annual["indicators"] + annual["commitments"] + doc["indicators"] + doc["commitments"])
    assert listed("{" + block) <= nested, sorted(listed("{" + block) - nested)


def test_targets_projects_validate_json_keys_are_documented():
    for args in (("targets",), ("projects", str(EXAMPLES / "2025-annual.yaml")), ("validate", "x.yaml")):
        res = run_xnkc(*args, "--format", "json")
        doc = res.json()
        found = keys(doc) - {"2024", "2025", "2026"}
        assert found <= WORDS, (args, sorted(found - WORDS))
    res = run_xnkc("validate", "nothere.yaml", "--format", "json")
    assert set(res.json()) == {"errors", "warnings", "notes", "files"}
    assert set(res.json()["errors"][0]) == listed("{file, line, column, severity, code, slug, path, message, hint}")
