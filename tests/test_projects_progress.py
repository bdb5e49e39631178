"""`xnkc projects ACTUALS`: investment progress from an actuals file (附件2)."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES


def test_progress_from_actuals(xnkc):
    res = xnkc("projects", str(EXAMPLES / "2025-annual.yaml"), "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    p = {x["seq"]: x for x in doc["projects"]}
    assert p[1]["progress"] == {
        "invested": 1.6,
        "status": "under_construction",
        "investment_completion": pytest.approx(0.8),
    }  # 1.6 of 2 亿元
    assert p[4]["progress"]["status"] == "completed"  # 建成
    assert p[11]["investment"] is None and p[11]["progress"]["investment_completion"] is None
    assert p[11]["progress"]["status"] == "planned"  # 规划
    assert doc["totals"]["investment"] == pytest.approx(70.6) and doc["totals"]["not_listed"] == 1
    by_region = {x["key"]: x for x in doc["totals"]["by_region"]}
    assert by_region["咸安区"]["investment"] == pytest.approx(22)  # rows 8 (2) + 9 (20)
    assert by_region["咸宁高新区、咸安区"]["investment"] == 10  # row 3, shared, counted once
    assert by_region["崇阳县"] == {"key": "崇阳县", "projects": 2, "investment": 30, "not_listed": 1}
    table = xnkc("projects", str(EXAMPLES / "2025-annual.yaml"))
    assert "80.0%" in table.out and "在建" in table.out and "未列明" in table.out


def test_bad_project_progress(xnkc, tmp_path):
    f = tmp_path / "p.yaml"
    f.write_text(
        "values:\n  2025:\n    tech_smes: 2000\nprojects:\n  3: {invested: 1, status: 烂尾}\n  12: {}\n",
        encoding="utf-8",
    )
    res = xnkc("projects", str(f))
    assert res.code == 2
    assert f"{f}:5:28: error [XK314" in res.err  # column of 烂尾
    assert f"{f}:6:3: error [XK313" in res.err
