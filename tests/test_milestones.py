"""SPEC §8 fields of an indicator, as `xnkc init` writes them, read by the engine: interpolated
milestones (marked in every format), a year's own comparator, a tolerance as a share of the
target, base-year values for growth, a year without a target (no_target), and the plan checks
that keep them consistent.

The plan is tests/plans/p2021-2025 (a county's 2021–2025 plan) with one field added per test;
every expected value is worked out by hand in the comments.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from conftest import ROOT, run_xnkc

PLAN_DIR = ROOT / "tests" / "plans" / "p2021-2025"
ACTUALS = PLAN_DIR / "actuals-2023-q3.yaml"
HITECH = "    targets: {2021: 50, 2022: 60, 2023: 70, 2024: 80, 2025: 100}\n"
RD = "    targets: {2021: 1.0, 2022: 1.2, 2023: 1.4, 2024: 1.6, 2025: 2.0}\n"


def plan(tmp_path: Path, *edits: tuple[str, str]) -> str:
    text = (PLAN_DIR / "targets.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    out = tmp_path / "targets.yaml"
    out.write_text(text, encoding="utf-8")
    return str(out)


def actuals(tmp_path: Path, text: str) -> str:
    out = tmp_path / "actuals.yaml"
    out.write_text(text, encoding="utf-8")
    return str(out)


def row(result, rid: str) -> dict:
    assert result.code == 0, result.err
    return next(r for r in result.json()["indicators"] if r["id"] == rid)


def test_an_interpolated_target_is_used_and_marked_in_every_format(tmp_path: Path) -> None:
    targets = plan(tmp_path, (HITECH, HITECH + "    interpolated: [2023]\n"))
    r = row(run_xnkc("check", "--targets", targets, str(ACTUALS), "--format", "json"), "hitech_count")
    # 2023-Q3, f = 0.75; level: E = B + (T − B) f with B = 2022's actual 63: 63 + (70 − 63) × 0.75 = 68.25
    assert r["interpolated"] is True and r["target"] == 70 and r["actual"] == 66
    assert r["expected"] == pytest.approx(68.25)
    assert r["completion"] == pytest.approx(66 / 70)  # 0.942857
    assert r["gap"] == pytest.approx(4)
    assert r["progress"] == pytest.approx(66 / 68.25)  # 0.967: 0.9 ≤ p < 1
    assert r["status"] == "behind"
    others = [x for x in run_xnkc("check", "--targets", targets, str(ACTUALS), "--format", "json").json()["indicators"]]
    assert [x["id"] for x in others if x["interpolated"]] == ["hitech_count"]

    table = run_xnkc("check", "--targets", targets, str(ACTUALS), env={"COLUMNS": "200"})
    assert "70†" in table.out and "† 目标为插值里程碑" in table.out
    md = run_xnkc("check", "--targets", targets, str(ACTUALS), "--format", "markdown")
    assert "70†" in md.out and "† 目标为插值里程碑" in md.out
    csv_lines = run_xnkc("check", "--targets", targets, str(ACTUALS), "--format", "csv").out.splitlines()
    header = csv_lines[0].split(",")
    col = header.index("插值目标")
    marks = {ln.split(",")[header.index("id")]: ln.split(",")[col] for ln in csv_lines[1:]}
    assert marks["hitech_count"] == "是" and marks["rd_share"] == ""
    en = run_xnkc("check", "--targets", targets, str(ACTUALS), "--lang", "en", env={"COLUMNS": "200"})
    assert "† the target is an interpolated milestone" in en.out
    # without the field nothing is marked, and no footnote
    plain = run_xnkc("check", "--targets", str(PLAN_DIR / "targets.yaml"), str(ACTUALS), env={"COLUMNS": "200"})
    assert "†" not in plain.out


def test_targets_json_lists_the_interpolated_years(tmp_path: Path) -> None:
    targets = plan(tmp_path, (HITECH, HITECH + "    interpolated: [2022, 2023]\n"))
    res = run_xnkc("targets", "--targets", targets, "--format", "json")
    assert res.code == 0, res.err
    ind = next(i for i in res.json()["indicators"] if i["id"] == "hitech_count")
    assert ind["interpolated"] == [2022, 2023]


def test_a_years_own_comparator_decides_that_year(tmp_path: Path) -> None:
    # rd_share 2022: target 1.2, reported exactly 1.2 — met at_least (≥), not met gt (超过)
    acts = actuals(tmp_path, "values:\n  2022:\n    rd_share: 1.2\n")
    plain = row(run_xnkc("check", "--targets", str(PLAN_DIR / "targets.yaml"), acts, "--format", "json"), "rd_share")
    assert (plain["comparator"], plain["status"]) == ("at_least", "met")
    targets = plan(tmp_path, (RD, RD + "    comparators: {2022: gt}\n"))
    r = row(run_xnkc("check", "--targets", targets, acts, "--format", "json"), "rd_share")
    assert (r["comparator"], r["met"], r["status"]) == ("gt", False, "missed")
    assert r["status_label"] == "未超过"  # reached the number, not beyond it
    assert r["gap"] == pytest.approx(0)


def test_a_tolerance_share_is_a_band_around_each_years_target(tmp_path: Path) -> None:
    targets = plan(tmp_path, (RD, RD + "    comparator: approx\n    tolerance_share: 0.05\n"))
    # 2022: 1.2 ± 5 % = 1.2 ± 0.06 → 1.25 is inside (|1.25 − 1.2| = 0.05 ≤ 0.06)
    inside = row(
        run_xnkc(
            "check",
            "--targets",
            targets,
            actuals(tmp_path, "values:\n  2022:\n    rd_share: 1.25\n"),
            "--format",
            "json",
        ),
        "rd_share",
    )
    assert inside["tolerance"] == pytest.approx(0.06) and inside["comparator"] == "approx"
    assert (inside["met"], inside["status"]) == (True, "met")
    # 2022: 1.27 is outside (0.07 > 0.06), a full year: missed, shown as off the band
    outside = row(
        run_xnkc(
            "check",
            "--targets",
            targets,
            actuals(tmp_path, "values:\n  2022:\n    rd_share: 1.27\n"),
            "--format",
            "json",
        ),
        "rd_share",
    )
    assert (outside["met"], outside["status"], outside["status_label"]) == (False, "missed", "偏离目标区间")
    # 2025's band is 2.0 × 5 % = 0.1 (a share of that year's target, not of 2022's)
    late = row(
        run_xnkc(
            "check",
            "--targets",
            targets,
            actuals(tmp_path, "values:\n  2025:\n    rd_share: 1.91\n"),
            "--format",
            "json",
        ),
        "rd_share",
    )
    assert late["tolerance"] == pytest.approx(0.1) and late["met"] is True


def test_base_year_values_serve_growth_unless_the_actuals_report_that_year(tmp_path: Path) -> None:
    no_2020 = "\n".join(
        ln
        for ln in ACTUALS.read_text(encoding="utf-8").splitlines()
        if "2020" not in ln and ln not in ("    hitech_count: 40", "    rd_share: 0.8", "    park_rank: 65")
    )
    acts = actuals(tmp_path, no_2020 + "\n")
    bare = row(run_xnkc("check", "--targets", str(PLAN_DIR / "targets.yaml"), acts, "--format", "json"), "hitech_count")
    # full years before 2023 without a base: 2021 52, 2022 63 → a = 63 / 52 − 1
    assert bare["growth"]["base_year"] == 2021
    assert bare["growth"]["actual_rate"] == pytest.approx(63 / 52 - 1)  # 0.211538
    targets = plan(tmp_path, (HITECH, HITECH + "    base: {2020: 40}\n"))
    based = row(run_xnkc("check", "--targets", targets, acts, "--format", "json"), "hitech_count")
    # with the table's base 40 for 2020: a = (63 / 40)^(1/2) − 1 = √1.575 − 1
    assert based["growth"]["base_year"] == 2020
    assert based["growth"]["actual_rate"] == pytest.approx(math.sqrt(1.575) - 1)  # 0.254990
    # the target, the pace and the status do not move: 2023 E = 63 + 7 × 0.75 = 68.25
    assert based["expected"] == pytest.approx(68.25) and based["status"] == bare["status"]
    # an actuals file that reports 2020 wins over the table's base: 40 reported in the shipped file
    # → the same rate as above; with 45: (63 / 45)^(1/2) − 1 = √1.4 − 1
    reported = ACTUALS.read_text(encoding="utf-8").replace("    hitech_count: 40\n", "    hitech_count: 45\n")
    won = row(run_xnkc("check", "--targets", targets, actuals(tmp_path, reported), "--format", "json"), "hitech_count")
    assert won["growth"]["actual_rate"] == pytest.approx(math.sqrt(1.4) - 1)  # 0.183216


@pytest.mark.parametrize(
    ("edit", "code", "where"),
    [
        ((HITECH, "    targets: {}\n"), "XK511", "indicators.1.targets"),
        ((HITECH, HITECH + "    interpolated: [2019]\n"), "XK543", "indicators.1.interpolated"),
        ((HITECH, HITECH + "    comparators: {2030: gt}\n"), "XK543", "indicators.1.comparators.2030"),
        ((HITECH, HITECH + "    base: {2021: 45}\n"), "XK544", "indicators.1.base.2021"),
        ((RD, RD + "    comparators: {2024: approx}\n"), "XK545", "indicators.2"),
        ((RD, RD + "    comparator: approx\n    tolerance_share: -0.05\n"), "XK204", "indicators.2.tolerance_share"),
        ((RD, RD + "    comparator: approx\n    tolerance: -1\n"), "XK204", "indicators.2.tolerance"),
    ],
)
def test_inconsistent_milestone_fields_are_errors(tmp_path: Path, edit: tuple[str, str], code: str, where: str) -> None:
    targets = plan(tmp_path, edit)
    res = run_xnkc("validate", "--targets", targets, "--format", "json")
    assert res.code == 1, res.out
    found = [e for e in res.json()["errors"] if e["code"] == code]
    assert found and found[0]["path"] == where, res.out
    assert found[0]["file"].endswith("targets.yaml") and found[0]["line"] > 0
    # and check refuses the plan (exit 2: a data file that is not valid)
    assert run_xnkc("check", "--targets", targets, str(ACTUALS)).code == 2


def test_an_approx_row_with_a_tolerance_is_valid(tmp_path: Path) -> None:
    targets = plan(tmp_path, (RD, RD + "    comparators: {2024: approx}\n    tolerance: 0.1\n"))
    assert run_xnkc("validate", "--targets", targets).code == 0


def test_the_targets_listing_marks_interpolated_years_and_a_years_own_comparator(tmp_path: Path) -> None:
    targets = plan(tmp_path, (HITECH, HITECH + "    interpolated: [2022, 2023]\n    comparators: {2025: gt}\n"))
    table = run_xnkc("targets", "--targets", targets, env={"COLUMNS": "200"})
    assert table.code == 0, table.err
    line = next(ln for ln in table.out.splitlines() if "高新技术企业数" in ln)
    # 50, 60†, 70†, 80, >100: the two milestones marked, 2025's 超过 shown as >
    assert "60†" in line and "70†" in line and ">100" in line and "80†" not in line
    assert "† 目标为插值里程碑" in table.out
    md = run_xnkc("targets", "--targets", targets, "--format", "markdown")
    assert "60†" in md.out and "† 目标为插值里程碑" in md.out
    rows = run_xnkc("targets", "--targets", targets, "--format", "csv").out.splitlines()
    header = rows[0].split(",")
    hitech = next(r.split(",") for r in rows if ",hitech_count," in r)
    assert hitech[header.index("插值年份")] == "2022 2023"
    plain = run_xnkc("targets", "--targets", str(PLAN_DIR / "targets.yaml"), env={"COLUMNS": "200"})
    assert "†" not in plain.out
