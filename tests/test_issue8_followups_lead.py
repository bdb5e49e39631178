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


@pytest.mark.parametrize(
    ("text", "where", "zh", "en"),
    [
        ("a: b: c\n", "1:5", "此处不能出现“键: 值”", "mapping values are not allowed"),
        ("values:\n\t2025: 1\n", "2:1", "制表符 Tab", "cannot start any token"),
        ('values: "abc\n', "1:9", "引号或括号没有闭合", "found unexpected end of stream"),
        ("values: [1, 2\n", "1:9", "方括号列表没有闭合", "did not find expected ',' or ']'"),
        ("values:\n  2025:\n   a: 1\n  b: 2\n x: 3\n", "5:2", "缩进不齐", "did not find expected key"),
    ],
)
def test_yaml_syntax_errors_are_said_in_chinese(tmp_path, text, where, zh, en):
    path = _file(tmp_path, text)
    res = run_xnkc("validate", path)
    line = next(ln for ln in res.out.splitlines() if "[XK102]" in ln)
    assert line.startswith(f"{path}:{where}: error [XK102] YAML 语法错误:") and zh in line
    assert not any(word in line for word in ("mapping", "expected", "stream", "token"))  # no English left
    res = run_xnkc("validate", path, "--lang", "en")
    assert en in next(ln for ln in res.out.splitlines() if "[XK102]" in ln)


def test_a_literal_choice_is_listed_in_chinese(tmp_path):
    import shutil

    from conftest import ROOT

    for name in ("targets.yaml", "projects.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    t = tmp_path / "targets.yaml"
    t.write_text(t.read_text(encoding="utf-8").replace("method: yoy}", "method: cagr}", 1), encoding="utf-8")
    res = run_xnkc("validate", "--targets", str(t), "--projects", str(tmp_path / "projects.yaml"))
    line = next(ln for ln in res.out.splitlines() if "[XK204]" in ln)
    assert "应为以下之一:'yoy'、'average_since_base'" in line and " or " not in line


def test_projects_prints_the_files_warnings(tmp_path):
    # 附件2-4 has 0.2 亿元; 5 invested is 25 times that: the plausibility warning is shown here too
    path = _file(tmp_path, "values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  4: {invested: 5}\n")
    res = run_xnkc("projects", path)
    assert res.code == 0, res.err
    assert f"{path}:5:17: warning [XK405]" in res.err
