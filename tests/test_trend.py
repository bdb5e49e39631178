"""xnkc trend and check --history (issue 11 point 4): each period's files a snapshot, a series per
indicator against its targets, sparklines; conflicting snapshots of one period as merge conflicts.

Snapshots used: a 2024 full-year file written here (its 2023 and 2024 values copied from
examples/2025-annual.yaml, which agree with examples/2025-q3.yaml's own 2024 entries), the Q3
example (2025-Q3) and the annual example (2025)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, run_xnkc
from xnkc.common.findings import Finding
from xnkc.compute.trend import NO_VALUE, SPARKS, spark_char, sparkline, unique

Q3, ANNUAL = str(EXAMPLES / "2025-q3.yaml"), str(EXAMPLES / "2025-annual.yaml")


@pytest.fixture
def y2024(tmp_path: Path) -> str:
    """period: 2024, with the annual example's 2023 and 2024 values."""
    values = yaml.safe_load((EXAMPLES / "2025-annual.yaml").read_text(encoding="utf-8"))["values"]
    doc = {"period": 2024, "values": {2023: values[2023], 2024: values[2024]}}
    path = tmp_path / "city-2024.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return str(path)


def series(doc: dict, mid: str, section: str = "indicators") -> list[dict]:
    return next(x for x in doc[section] if x["id"] == mid)["series"]


def line(doc: dict, mid: str, section: str = "indicators") -> dict:
    return next(x for x in doc[section] if x["id"] == mid)


def test_trend_json_series_by_hand(y2024):
    res = run_xnkc("trend", y2024, Q3, ANNUAL, "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    assert doc["periods"] == ["2024", "2025-Q3", "2025"]  # ordered by time, whatever the argument order
    # 高新技术企业数 (level, targets 2024: 650, 2025: 720): 2024 668 ≥ 650 met; 2025-Q3 700 against
    # 序时目标 668 + (720 − 668) × 9/12 = 707 → 700/707 = 0.990 → behind; 2025 705 < 720, full year → missed
    assert series(doc, "hitech_enterprises") == [
        {"period": "2024", "year": 2024, "months": 12, "value": 668, "target": 650, "expected": None, "status": "met"},
        {
            "period": "2025-Q3",
            "year": 2025,
            "months": 9,
            "value": 700,
            "target": 720,
            "expected": 707,
            "status": "behind",
        },
        {
            "period": "2025",
            "year": 2025,
            "months": 12,
            "value": 705,
            "target": 720,
            "expected": None,
            "status": "missed",
        },
    ]
    # scale 650…720 (targets included, 70): 668 → 18/70 × 7 = 1.8 → ▃ (2); 700 → 5 → ▆; 705 → 5.5 → ▇ (6)
    assert line(doc, "hitech_enterprises")["sparkline"] == "▃▆▇"
    # 技术合同成交额 (annual flow, 2024: 220, 2025: 235): 226 met; Q3 150 against 235 × 0.75 = 176.25 →
    # 0.851 < 0.9 → far_behind; 2025 231 < 235 → missed
    tc = series(doc, "tech_contract_value")
    assert [(p["value"], p["target"], p["expected"], p["status"]) for p in tc] == [
        (226, 220, None, "met"),
        (150, 235, 176.25, "far_behind"),
        (231, 235, None, "missed"),
    ]
    # scale 150…235 (85): 226 → 76/85 × 7 = 6.26 → ▇; 150 → ▁; 231 → 81/85 × 7 = 6.67 → █
    assert line(doc, "tech_contract_value")["sparkline"] == "▇▁█"
    assert line(doc, "tech_contract_value")["name"] == "技术合同成交额"
    assert line(doc, "tech_contract_value")["unit"] == "亿元"
    assert len(doc["indicators"]) == 29
    assert doc["commitments"] and all(len(x["series"]) == 3 for x in doc["indicators"] + doc["commitments"])
    assert doc["warnings"] == []


def test_trend_table_has_sparklines_and_the_latest_value_against_its_target(y2024):
    res = run_xnkc("trend", y2024, Q3, ANNUAL)
    assert res.code == 0, res.err
    row = next(x for x in res.out.splitlines() if "高新技术企业数" in x)
    cells = [c.strip() for c in re.split(r"[│┃]", row) if c.strip()]
    # name, unit, 2024, 2025-Q3, 2025, sparkline, latest (period), target, status
    assert cells == ["高新技术企业数", "家", "668", "700", "705", "▃▆▇", "705(2025)", "720", "未完成"]
    assert "2024、2025-Q3、2025" in res.out


def test_trend_csv_one_record_per_indicator_and_period(y2024):
    res = run_xnkc("trend", y2024, Q3, "--format", "csv", "--lang", "en")
    assert res.code == 0, res.err
    lines = res.out.splitlines()
    assert lines[0] == "section,id,indicator,unit,period,year,months,actual,target,expected,status id,status"
    assert "indicators,hitech_enterprises,高新技术企业数,家,2025-Q3,2025,9,700.0,720.0,707.0,behind,behind" in lines
    assert "indicators,hitech_enterprises,高新技术企业数,家,2024,2024,12,668.0,650.0,,met,met" in lines


def test_trend_markdown(y2024):
    res = run_xnkc("trend", y2024, Q3, "--format", "markdown")
    assert res.code == 0, res.err
    assert "| 高新技术企业数 | 家 | 668 | 700 | ▃▆ | 700(2025-Q3) | 720 | 滞后 |" in res.out
    # two periods: 650…720: 668 → ▃; 700 → 50/70 × 7 = 5 → ▆


def test_a_directory_and_equal_snapshots_of_one_period_are_one_point(tmp_path, y2024):
    copy = tmp_path / "q3-copy.yaml"
    copy.write_text((EXAMPLES / "2025-q3.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    res = run_xnkc("trend", y2024, Q3, str(copy), "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    assert doc["periods"] == ["2024", "2025-Q3"]
    assert [p["value"] for p in series(doc, "hitech_enterprises")] == [668, 700]


def test_conflicting_snapshots_of_one_period_are_merge_conflicts_at_both_places(tmp_path, y2024):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("period: 2025-Q3\nvalues:\n  2025:\n    hitech_enterprises: 700\n", encoding="utf-8")
    b.write_text("period: 2025-Q3\nvalues:\n  2025:\n    hitech_enterprises: 701\n", encoding="utf-8")
    res = run_xnkc("trend", y2024, str(a), str(b), "--format", "json")
    assert res.code == 2
    assert f"{a}:4:25: error [XK620]" in res.err and f"{b}:4:25: error [XK620]" in res.err
    assert "700 ≠ 701" in res.err and "701 ≠ 700" in res.err  # each names the other's value
    doc = res.json()  # the series are still printed; the key is left out of that snapshot
    assert [p["value"] for p in series(doc, "hitech_enterprises")] == [668, None]
    assert series(doc, "hitech_enterprises")[1]["status"] == "no_data"


def test_an_earlier_full_year_that_disagrees_with_a_later_files_own_entry_is_a_conflict(tmp_path):
    y = tmp_path / "2024.yaml"
    y.write_text("period: 2024\nvalues:\n  2024:\n    hitech_enterprises: 669\n", encoding="utf-8")
    res = run_xnkc("trend", str(y), Q3, "--format", "json")
    assert res.code == 2
    assert f"{y}:4:25: error [XK620]" in res.err
    assert re.search(re.escape(Q3) + r":19:\d+: error \[XK620\]", res.err)  # the Q3 file's 2024 entry
    assert res.err.count("[XK620]") == 2  # once per place, not once per snapshot


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("nothere.yaml",), "XK100"),
        ((Q3, "--format", "html"), "XK1"),
        ((Q3, "--unit", "市科学局"), "XK1"),
        ((Q3, "--behind-threshold", "2"), "XK1"),
    ],
)
def test_trend_cannot_run_exit_2(args, code):
    res = run_xnkc("trend", *args)
    assert res.code == 2, res.err
    assert f"[{code}" in res.err and "Traceback" not in res.err


def test_trend_of_an_invalid_file_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("period: 2025-Q3\nvalues:\n  2025:\n    hitech_entreprises: 700\n", encoding="utf-8")
    res = run_xnkc("trend", str(bad), Q3)
    assert res.code == 2 and f"{bad}:4:5: error" in res.err
    assert res.out == ""


def test_trend_unit_shows_only_its_rows(y2024):
    doc = run_xnkc("trend", y2024, Q3, "--unit", "市人社局", "--format", "json").json()
    ids = {x["id"] for x in doc["indicators"]}
    assert ids and "hitech_enterprises" not in ids  # 市科技局 leads it, 市人社局 neither leads nor supports
    full = run_xnkc("check", Q3, "--unit", "市人社局", "--format", "json").json()
    assert ids == {x["id"] for x in full["indicators"]}


def test_trend_json_keys_are_documented_in_the_readme(y2024):
    section = re.search(r"## JSON formats\n(.*?)\n## ", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    words = set(re.findall(r"[a-z_]+", section.group(1)))
    doc = run_xnkc("trend", y2024, Q3, "--format", "json").json()
    found = (
        set(doc) | {k for x in doc["indicators"] for k in x} | {k for p in doc["indicators"][0]["series"] for k in p}
    )
    assert found <= words, sorted(found - words)
    hist = run_xnkc("check", Q3, "--history", y2024, "--format", "json").json()["history"]
    assert set(hist) <= words and "history" in words


def test_check_history_adds_the_series_to_json(y2024):
    res = run_xnkc("check", Q3, "--history", y2024, "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    # the checked file is the newest snapshot; its numbers are check's own
    assert doc["history"]["periods"] == ["2024", "2025-Q3"]
    hist = series(doc["history"], "hitech_enterprises")
    row = next(x for x in doc["indicators"] if x["id"] == "hitech_enterprises")
    assert (hist[-1]["value"], hist[-1]["expected"], hist[-1]["status"]) == (
        row["actual"],
        row["expected"],
        row["status"],
    )
    assert hist[0]["value"] == 668
    plain = run_xnkc("check", Q3, "--format", "json").json()
    assert "history" not in plain  # without --history the output is unchanged (golden files)


def test_check_history_fills_the_html_trajectory(tmp_path, y2024):
    out = tmp_path / "r.html"
    res = run_xnkc("check", Q3, "--history", y2024, "--history", ANNUAL, "--format", "html", "-o", str(out))
    assert res.code == 0, res.err
    html = out.read_text(encoding="utf-8")
    charts = re.findall(r'<svg[^>]*class="trajectory" data-id="([^"]+)".*?</svg>', html, re.S)
    doc = run_xnkc("check", Q3, "--format", "json").json()
    assert charts == [x["id"] for x in doc["indicators"] + doc["commitments"]]  # one chart per row
    chart = re.search(r'<svg[^>]*class="trajectory" data-id="hitech_enterprises".*?</svg>', html, re.S).group(0)
    # three snapshots 2024, 2025-Q3, 2025: three actual points, one 序时 ring (the in-year Q3, 707)
    actual = re.findall(r'class="actual" data-period="([^"]+)" data-value="([^"]+)"', chart)
    assert [(p, float(v)) for p, v in actual] == [("2024", 668), ("2025-Q3", 700), ("2025", 705)]
    rings = re.findall(r'class="expected" data-period="([^"]+)" data-value="([^"]+)"', chart)
    assert [(p, float(v)) for p, v in rings] == [("2025-Q3", 707)]
    assert '<polyline class="target"' in chart
    plain = tmp_path / "p.html"
    assert run_xnkc("check", Q3, "--format", "html", "-o", str(plain)).code == 0
    assert 'class="trajectory"' not in plain.read_text(encoding="utf-8")


def test_check_history_conflict_exit_2(tmp_path):
    y = tmp_path / "2024.yaml"
    y.write_text("period: 2024\nvalues:\n  2024:\n    hitech_enterprises: 669\n", encoding="utf-8")
    res = run_xnkc("check", Q3, "--history", str(y), "--format", "json")
    assert res.code == 2 and "[XK620]" in res.err
    assert res.json()["history"]["periods"] == ["2024", "2025-Q3"]


# -- pure ------------------------------------------------------------------------------------------


def test_spark_chars_by_hand():
    # 0…70: 18 → 1.8 → ▃; 35 → 3.5 → ▅ (rounded half up); 70 → █; a flat scale → the middle bar
    assert [spark_char(v, 0, 70) for v in (0, 18, 35, 70)] == ["▁", "▃", "▅", "█"]
    assert spark_char(5, 5, 5) == "▄"
    assert sparkline([None, 1.0, None]) == " ▄ "
    assert sparkline([None, None]) == "  "
    assert sparkline([1.0, 2.0], [10.0, 10.0]) == "▁▂"  # 1…10: 1 → 0 → ▁; 2 → 1/9 × 7 = 0.78 → ▂


def test_unique_keeps_the_first_of_equal_findings():
    f = Finding("XK620", "a.yaml", 4, 25, args={"key": "x"})
    g = Finding("XK620", "b.yaml", 4, 25, args={"key": "x"})
    assert unique([f, g, Finding("XK620", "a.yaml", 4, 25, args={"key": "x"})]) == [f, g]


values = st.lists(st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False)), max_size=12)


@given(values, st.lists(st.floats(-1e9, 1e9, allow_nan=False), max_size=4))
def test_sparkline_one_char_per_period_monotone_in_the_values(vals, targets):
    line = sparkline(vals, targets)
    assert len(line) == len(vals)
    for v, c in zip(vals, line, strict=True):
        assert (c == NO_VALUE) == (v is None)
    ranked = [(v, SPARKS.index(c)) for v, c in zip(vals, line, strict=True) if v is not None]
    for v1, i1 in ranked:
        for v2, i2 in ranked:
            if v1 <= v2:
                assert i1 <= i2
