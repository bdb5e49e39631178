"""SPEC §2.2: comparators read as Chinese law reads them — 以上/不低于 include the number,
超过/突破 exclude it. The shipped plan's 突破/超过 promises are strict (gt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_xnkc

STRICT = {
    "general_hitech_enterprises": (800, "高新技术企业突破800家"),
    "general_tech_smes": (2200, "入库科技型中小企业突破2200家"),
    "c9_tech_smes": (2200, "科技型中小企业突破2200家"),
    "c14_platform_enterprises": (3000, "到2026年,平台入驻企业突破3000家"),
    "match_success_rate": (80, "需求对接成功率超过80%"),
    "c16_fiscal_st_share": (3.3, "力争到2026年市县财政科技支出占一般公共预算支出比重超过3.3%"),
}


def test_the_plans_strict_promises_are_gt():
    res = run_xnkc("targets", "--format", "json")
    assert res.code == 0, res.err
    commitments = {c["id"]: c for c in res.json()["commitments"]}
    for ident, (value, text) in STRICT.items():
        c = commitments[ident]
        assert (c["comparator"], c["value"], c["text"]) == ("gt", value, text), ident
    # 达到/以上 stay inclusive, and 零的突破 (at least one) is no strict promise
    assert commitments["general_rd_intensity"]["comparator"] == "at_least"
    assert commitments["enterprise_key_labs"]["comparator"] == "at_least"
    assert [c for c in commitments.values() if c["comparator"] == "gt"] == [commitments[i] for i in STRICT]


def _check(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    return run_xnkc("check", str(path), *args)


@pytest.mark.parametrize(("value", "met"), [(800, False), (801, True)])
def test_breaking_800_needs_more_than_800(tmp_path, value, met):
    res = _check(tmp_path, f"values:\n  2026:\n    hitech_enterprises: {value}\n", "--format", "json")
    assert res.code == 0, res.err
    row = next(r for r in res.json()["indicators"] if r["id"] == "hitech_enterprises")
    links = {c["id"]: c["met"] for c in row["commitments"]}
    assert links["general_hitech_enterprises"] is met
    assert row["status"] == "met"  # 附件1-3's own 2026 target is "800": 800 meets it


def test_exactly_the_strict_target_reads_not_exceeded(tmp_path):
    # 需求对接成功率 = 1600 / 2000 × 100 = 80 % exactly: not beyond 80 %
    text = "values:\n  2026:\n    platform_matches: 2000\n    platform_matches_successful: 1600\n"
    res = _check(tmp_path, text, "--format", "json")
    row = next(r for r in res.json()["commitments"] if r["id"] == "match_success_rate")
    assert row["actual"] == pytest.approx(80)
    assert (row["comparator"], row["met"], row["status"]) == ("gt", False, "missed")
    assert row["completion"] == pytest.approx(1) and row["gap"] == pytest.approx(0)
    md = _check(tmp_path, text, "--format", "markdown")
    line = next(ln for ln in md.out.splitlines() if "需求对接成功率" in ln and ln.startswith("|"))
    assert "未超过" in line and ">80" in line
    en = _check(tmp_path, text, "--format", "markdown", "--lang", "en")
    assert "not exceeded" in next(ln for ln in en.out.splitlines() if "需求对接成功率" in ln and ln.startswith("|"))
