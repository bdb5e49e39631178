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
    # row 3 (10 亿元) lies in 咸宁高新区 and 咸安区: it counts fully for each, once in the total
    assert by_region["咸安区"] == {
        "key": "咸安区",
        "projects": 3,
        "investment": pytest.approx(32),
        "not_listed": 0,
        "shared": 1,
    }  # rows 3 (10) + 8 (2) + 9 (20)
    assert by_region["咸宁高新区"]["investment"] == pytest.approx(13.1)  # rows 1 (2) + 2 (1) + 3 (10) + 6 (0.1)
    assert by_region[None]["investment"] == pytest.approx(2.2)  # rows 4 (0.2) and 7 (2) list no region
    assert by_region["崇阳县"] == {"key": "崇阳县", "projects": 2, "investment": 30, "not_listed": 1, "shared": 0}
    by_unit = {x["key"]: x for x in doc["totals"]["by_unit"]}
    # 市科技局 leads rows 2, 3, 4, 6 (jointly with 咸宁高新区管委会) and 7: 1 + 10 + 0.2 + 0.1 + 2
    assert by_unit["市科技局"]["investment"] == pytest.approx(13.3) and by_unit["市科技局"]["shared"] == 1
    assert by_unit["咸宁高新区管委会"]["investment"] == pytest.approx(2.1)  # rows 1 (2) + 6 (0.1)
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
