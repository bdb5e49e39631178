"""Issue 13: each test here kills a mutant that survived the suite before, by asserting the value
a user sees. The expected values are worked out by hand from the plan (data/targets.yaml,
data/projects.yaml) and the shipped examples; the comment above each says which mutant it kills.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_xnkc

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
CITY_REGIONS = ("咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "咸宁高新区")


def _check_json(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    res = run_xnkc("check", str(path), "--format", "json", *args)
    assert res.code == 0, res.err
    return res.json(), res.err


def _row(doc, ident: str, section: str = "indicators") -> dict:
    return next(r for r in doc[section] if r["id"] == ident)


# -- calc: the 0.9 threshold is inclusive (calc.status: prog >= threshold) -----------------------


@pytest.mark.parametrize(
    ("engineers", "status"),
    [
        (9, "behind"),  # E = 20 × 6/12 = 10; p = 9/10 = 0.9 exactly → 滞后, not 明显滞后
        (8.9, "far_behind"),  # p = 0.89
        (10, "on_track"),  # p = 1.0
    ],
)
def test_progress_exactly_at_threshold_is_behind(tmp_path, engineers, status):
    doc, _ = _check_json(tmp_path, f"period: 2025-H1\nvalues:\n  2025:\n    engineers: {engineers}\n")
    row = _row(doc, "engineers")
    assert row["expected"] == pytest.approx(10)
    assert row["progress"] == pytest.approx(engineers / 10)
    assert row["status"] == status


def test_behind_threshold_option_moves_the_boundary(tmp_path):
    # the same 9 of 10 with --behind-threshold 0.95 is 明显滞后
    doc, _ = _check_json(
        tmp_path, "period: 2025-H1\nvalues:\n  2025:\n    engineers: 9\n", "--behind-threshold", "0.95"
    )
    assert _row(doc, "engineers")["status"] == "far_behind"


# -- calc: a missing year leaves a three-year total open (never counted as 0) --------------------


def test_missing_year_in_three_year_total_is_no_data(tmp_path):
    # 二(四)13 科技成果转化金额 Σ2024–2026 ≥ 1 亿元: only 2025 reported (0.42) → no sum, not 0.42
    doc, _ = _check_json(tmp_path, "values:\n  2024:\n    gdp: 1900\n  2025:\n    achievement_transfer_amount: 0.42\n")
    row = _row(doc, "achievement_transfer_amount", "commitments")
    assert row["actual"] is None
    assert row["status"] == "no_data"


def test_three_year_total_sums_every_year(tmp_path):
    # 0.35 (2024) + 0.42 (2025) = 0.77 of 1 亿元; paced over 24 of 36 months: E = 2/3, p = 1.155
    doc, _ = _check_json(
        tmp_path,
        "values:\n  2024:\n    achievement_transfer_amount: 0.35\n  2025:\n    achievement_transfer_amount: 0.42\n",
    )
    row = _row(doc, "achievement_transfer_amount", "commitments")
    assert row["actual"] == pytest.approx(0.77)
    assert row["expected"] == pytest.approx(2 / 3)
    assert row["progress"] == pytest.approx(0.77 / (2 / 3))
    assert row["status"] == "on_track"


# -- calc.link_check: rank promises are "at most" (lower is better) -------------------------------


def test_rank_promises_in_the_annual_example():
    # the annual example reports 咸宁高新区全国排名 94 for 2025:
    # 二(一)3 稳居全国百强 (≤ 100) is met; 力争进入全国前90位 (≤ 90) is not
    res = run_xnkc("check", ANNUAL, "--format", "json")
    assert res.code == 0, res.err
    row = _row(res.json(), "hitech_zone_rank")
    assert row["actual"] == 94
    links = {c["id"]: c for c in row["commitments"]}
    assert links["c3_hitech_zone_top100"]["value"] == 100 and links["c3_hitech_zone_top100"]["met"] is True
    assert links["c3_hitech_zone_rank"]["value"] == 90 and links["c3_hitech_zone_rank"]["met"] is False


@pytest.mark.parametrize(("rank", "top100", "top90"), [(100, True, False), (101, False, False), (90, True, True)])
def test_rank_promise_boundaries(tmp_path, rank, top100, top90):
    doc, _ = _check_json(tmp_path, f"values:\n  2025:\n    hitech_zone_rank: {rank}\n")
    links = {c["id"]: c["met"] for c in _row(doc, "hitech_zone_rank")["commitments"]}
    assert links == {"c3_hitech_zone_top100": top100, "c3_hitech_zone_rank": top90}


# -- derive: reported vs derived tolerance 0.05 (inclusive) --------------------------------------


@pytest.mark.parametrize(
    ("reported", "warned"),
    [
        ("1.551", True),  # derived 30 / 2000 × 100 = 1.5; |1.551 − 1.5| = 0.051 > 0.05
        ("1.549", False),  # 0.049
        ("1.55", False),  # 0.05 exactly: within the tolerance
        ("1.586", True),  # 0.086: the mismatch the issue names
        ("1.449", True),  # below by 0.051
    ],
)
def test_derived_mismatch_tolerance(tmp_path, reported, warned):
    doc, err = _check_json(
        tmp_path, f"values:\n  2025:\n    rd_expenditure: 30\n    gdp: 2000\n    rd_intensity: {reported}\n"
    )
    row = _row(doc, "rd_intensity")
    assert row["actual"] == pytest.approx(float(reported))  # the reported value wins
    assert ("XK401" in err) is warned
    assert any(w["code"] == "XK401" for w in doc["warnings"]) is warned


# -- derive: city vs sum of the regions, 0.5 % (of the city value) --------------------------------


@pytest.mark.parametrize(
    ("last_region", "warned"),
    [
        (105.1, True),  # Σ = 900 + 105.1 = 1005.1 vs city 1000: 0.51 % apart
        (104.9, False),  # 1004.9: 0.49 %
        (94.9, True),  # 994.9: 0.51 % below
        (95.1, False),  # 995.1
    ],
)
def test_region_sum_tolerance(tmp_path, last_region, warned):
    # six regions report 150 each (900), the seventh the rest; the city reports 1000
    lines = ["values:", "  2025:", "    hitech_enterprises: 1000", "regions:"]
    for name in CITY_REGIONS[:-1]:
        lines.append(f"  {name}: {{2025: {{hitech_enterprises: 150}}}}")
    lines.append(f"  {CITY_REGIONS[-1]}: {{2025: {{hitech_enterprises: {last_region}}}}}")
    doc, err = _check_json(tmp_path, "\n".join(lines) + "\n")
    assert _row(doc, "hitech_enterprises")["actual"] == 1000  # the city's own figure wins
    assert ("XK402" in err) is warned


# -- actuals: a growth rate may be negative -------------------------------------------------------


def test_negative_growth_rate_is_accepted(tmp_path):
    # 全社会研发经费投入年均增长率 fell by 2.5 %: a valid figure, far from the 12.5 % target
    doc, err = _check_json(tmp_path, "values:\n  2025:\n    rd_growth: -2.5\n")
    row = _row(doc, "rd_growth")
    assert row["actual"] == -2.5
    assert row["gap"] == pytest.approx(12.5 + 2.5)
    assert row["status"] == "missed"
    assert "XK305" not in err


def test_negative_count_is_refused(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("values:\n  2025:\n    hitech_enterprises: -5\n", encoding="utf-8")
    res = run_xnkc("check", str(path))
    assert res.code == 2
    assert f"{path}:3:25: error [XK305]" in res.err


# -- yamlload: the 5 MiB cap, exactly -------------------------------------------------------------


def _padded(size: int) -> bytes:
    head = b"values:\n  2025:\n    hitech_enterprises: 705\n"
    pad = size - len(head) - 2  # "# " … "\n"
    return head + b"#" + b"x" * pad + b"\n"


def test_file_of_exactly_the_size_cap_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(_padded(5 * 1024 * 1024))
    assert path.stat().st_size == 5 * 1024 * 1024
    res = run_xnkc("check", str(path), "--format", "json")
    assert res.code == 0, res.err[:500]
    assert _row(res.json(), "hitech_enterprises")["actual"] == 705


def test_file_one_byte_over_the_cap_is_refused(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(_padded(5 * 1024 * 1024 + 1))
    res = run_xnkc("check", str(path))
    assert res.code == 2
    assert f"{path}:1:1: error [XK104]" in res.err
    assert str(5 * 1024 * 1024 + 1) in res.err


# -- render.findings: GitHub annotation properties are escaped ------------------------------------


@pytest.mark.parametrize(
    ("name", "escaped"),
    [("a,b%.yaml", "a%2Cb%25.yaml"), ("a:b.yaml", "a%3Ab.yaml"), ("a\nb.yaml", "a%0Ab.yaml")],
)
def test_github_annotation_escapes_the_file_property(tmp_path, name, escaped):
    path = tmp_path / name
    path.write_text("values:\n  2025:\n    hitech_enterprise: 705\n", encoding="utf-8")
    res = run_xnkc("validate", "--format", "github", str(path), cwd=tmp_path)  # annotated: under the cwd
    assert res.code == 1
    line = next(ln for ln in res.out.splitlines() if "XK301" in ln)
    assert line.startswith("::error file=")
    assert f"{escaped},line=3,col=5," in line
    assert "\n" not in line and name not in line


# -- output: -o goes through a temporary file and a rename ----------------------------------------


def test_crash_between_write_and_rename_leaves_the_old_file_whole(tmp_path, monkeypatch):
    from xnkc.common.findings import FindingsError
    from xnkc.render import output

    target = tmp_path / "report.json"
    target.write_text("OLD REPORT\n", encoding="utf-8")

    def crash(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(FindingsError) as exc:
        output.write_atomic(str(target), "NEW REPORT\n" * 1000, force=True)
    assert [f.code for f in exc.value.findings] == ["XK121"]
    assert target.read_text(encoding="utf-8") == "OLD REPORT\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left


def test_written_file_replaces_the_old_one_whole(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("OLD\n", encoding="utf-8")
    res = run_xnkc("check", ANNUAL, "--format", "json", "-o", str(target), "--force")
    assert res.code == 0, res.err
    import json

    assert json.loads(target.read_text(encoding="utf-8"))["year"] == 2025
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


# -- cli: projects --by is honoured ---------------------------------------------------------------


def test_projects_by_unit_totals_lead_units():
    # 咸安区人民政府 leads 附件2-8 (2 亿元) and 附件2-9 (20 亿元): 2 projects, 22 亿元, none shared
    res = run_xnkc("projects", "--by", "unit", "--format", "markdown")
    assert res.code == 0, res.err
    assert "按牵头单位合计" in res.out and "按区域合计" not in res.out
    assert "| 咸安区人民政府 | 2 | 22 | 0 | 0 |" in res.out
    # 市科技局 leads 2, 3, 4, 6, 7: 1 + 10 + 0.2 + 0.1 + 2 = 13.3 亿元; 附件2-6 is shared with 咸宁高新区管委会
    assert "| 市科技局 | 5 | 13.3 | 0 | 1 |" in res.out


def test_projects_by_region_totals_regions():
    # 咸安区: 附件2-3 (10, shared with 咸宁高新区), 2-8 (2), 2-9 (20) = 32 亿元
    res = run_xnkc("projects", "--by", "region", "--format", "markdown")
    assert res.code == 0, res.err
    assert "按区域合计" in res.out and "按牵头单位合计" not in res.out
    assert "| 咸安区 | 3 | 32 | 0 | 1 |" in res.out
    # 崇阳县: 附件2-10 (30) and 2-11 (investment not listed)
    assert "| 崇阳县 | 2 | 30 | 1 | 0 |" in res.out
