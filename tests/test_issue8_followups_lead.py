"""Defects a review found after issue 8's fixes: each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import EXAMPLES, run_xnkc

ANNUAL = str(EXAMPLES / "2025-annual.yaml")


def _file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_huge_integer_is_out_of_range_and_echoed_as_written(tmp_path, digits):
    # 5000 digits is beyond what int() converts: it was read as inf and reported as "inf, not finite"
    path = _file(tmp_path, f"values:\n  2025:\n    tech_smes: {'7' * digits}\n")
    res = run_xnkc("check", path)
    assert res.code == 2
    line = next(ln for ln in res.err.splitlines() if "[XK319]" in ln)
    assert line.startswith(f"{path}:3:16: error [XK319] tech_smes 的值 ")
    assert f"{'7' * 59}…" in line and "超出可处理的范围" in line
    assert "inf" not in line


@pytest.mark.parametrize(
    ("alias", "unit"), [("高新区", "咸宁高新区管委会"), ("通城", "通城县人民政府"), ("咸安", "咸安区人民政府")]
)
def test_a_regions_alias_names_its_government(alias, unit):
    # SPEC §4.1: 高新区 is an alias of the region 咸宁高新区, whose government is 咸宁高新区管委会
    res = run_xnkc("check", ANNUAL, "--unit", alias, "--format", "json")
    assert res.code == 0, res.err
    assert res.json()["unit_filter"] == unit


def test_an_empty_unit_is_an_unknown_unit(tmp_path):
    path = _file(tmp_path, 'unit: ""\nvalues:\n  2025:\n    hitech_enterprises: 705\n')
    res = run_xnkc("validate", "--strict", path)
    assert res.code == 1
    assert f"{path}:1:7: error [XK501]" in res.out
