"""Issue 9 points 1 and 11: the plan's horizon is data (plan.years), enum values name no year,
and a plan on another horizon (tests/plans/p2021-2025, 2021–2025) works end to end.

Every expected value below is worked out by hand from the plan's own numbers (the comments
show the arithmetic), never copied from xnkc's output.
"""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from conftest import ROOT, metric, run_xnkc
from xnkc.compute import calc

PLAN_DIR = ROOT / "tests" / "plans" / "p2021-2025"
TARGETS = str(PLAN_DIR / "targets.yaml")
ACTUALS = str(PLAN_DIR / "actuals-2023-q3.yaml")


def _plan_copy(tmp_path: Path, *replacements: tuple[str, str]) -> str:
    text = (PLAN_DIR / "targets.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    out = tmp_path / "targets.yaml"
    out.write_text(text, encoding="utf-8")
    return str(out)


# -- no year literal in src/ (SPEC §10: through the AST, not grep) -------------------------------


def test_no_year_literal_in_src() -> None:
    found = []
    for path in sorted((ROOT / "src" / "xnkc").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and type(node.value) is int and 1900 <= node.value <= 2100:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value}")
    assert found == []


# -- the pure layer: the horizon comes from the metric ---------------------------------------------


def test_plan_fraction_over_a_five_year_plan() -> None:
    # 2023-Q3 in a 2021–2025 plan: 2 full years + 9 months of 60 months = 33/60
    assert calc.plan_fraction(2023, 9, 2021, 2025) == pytest.approx(33 / 60)
    # the same moment in the shipped 2024–2026 plan is 0 (before it began) and 2025-Q3 is 21/36
    assert calc.plan_fraction(2023, 9, 2024, 2026) == 0
    assert calc.plan_fraction(2025, 9, 2024, 2026) == pytest.approx(21 / 36)
    assert calc.plan_fraction(2026, 12, 2021, 2025) == 1.0


def test_a_total_is_paced_over_the_metrics_own_horizon() -> None:
    m = metric("annual", targets={2025: 50}, applies="total", first_year=2021, final_year=2025)
    row = calc.evaluate(m, {2021: {"m": 8}, 2022: {"m": 10}, 2023: {"m": 6}}, 2023, 9)
    assert row.actual == 24  # 8 + 10 + 6
    assert row.time_progress == pytest.approx(33 / 60)
    assert row.expected == pytest.approx(50 * 33 / 60)  # 27.5
    assert row.status == "far_behind"  # 24 / 27.5 = 0.873 < 0.9


def test_growth_and_by_end_use_the_metrics_final_year() -> None:
    m = metric("level", targets={2021: 50, 2025: 100}, first_year=2021, final_year=2025)
    row = calc.evaluate(m, {2020: {"m": 40}, 2021: {"m": 52}, 2022: {"m": 63}, 2023: {"m": 66}}, 2023, 12)
    assert row.growth.final_year == 2025
    assert row.growth.required_rate == pytest.approx((100 / 66) ** (1 / 2) - 1)  # two years left
    by_end = metric("cumulative", targets={2025: 6}, applies="by_end", first_year=2021, final_year=2025)
    # paced from the 2022 actual 3 (end of 2022) to 6 at the end of 2025: f = 9 / 36
    row = calc.evaluate(by_end, {2022: {"m": 3}, 2023: {"m": 3}}, 2023, 9)
    assert row.time_progress == pytest.approx(0.25)
    assert row.expected == pytest.approx(3.75)


# -- the 2021–2025 plan end to end -------------------------------------------------------------


def test_validate_the_other_plan() -> None:
    result = run_xnkc("validate", "--targets", TARGETS, "--format", "json")
    assert result.code == 0, result.out
    assert result.json() == {"errors": [], "warnings": [], "notes": [], "files": [TARGETS]}  # no projects.yaml


def test_check_the_other_plan_worked_by_hand() -> None:
    result = run_xnkc("check", "--targets", TARGETS, ACTUALS, "--format", "json")
    assert result.code == 0, result.err
    report = result.json()
    assert (report["year"], report["period"], report["time_progress"]) == (2023, "2023-Q3", 0.75)
    rows = {r["id"]: r for r in report["indicators"] + report["commitments"]}

    new = rows["new_enterprises"]  # annual: T 14, A 9, E = 14 × 0.75
    assert (new["target"], new["actual"], new["gap"]) == (14, 9, 5)
    assert new["completion"] == pytest.approx(9 / 14)
    assert new["expected"] == pytest.approx(10.5)
    assert new["status"] == "far_behind"  # 9 / 10.5 = 0.857
    # growth from full years 2021..2022 (2023 is in-year): a = 12/11 − 1, r = (18/12)^(1/3) − 1
    g = new["growth"]
    assert g["actual_rate"] == pytest.approx(12 / 11 - 1)
    assert g["required_rate"] == pytest.approx(1.5 ** (1 / 3) - 1)
    assert g["assessment"] == "moderate"  # q = 0.0909 / 0.1447 = 0.63
    cum = new["cumulative"]  # Σ 2021..2023: 11 + 12 + 9 against 10 + 12 + 14, and the five-year 70
    assert (cum["actual"], cum["target"], cum["plan_total"]) == (32, 36, 70)
    assert cum["plan_total_completion"] == pytest.approx(32 / 70)

    level = rows["hitech_count"]  # level: E = 63 + (70 − 63) × 0.75
    assert (level["target"], level["actual"], level["gap"]) == (70, 66, 4)
    assert level["expected"] == pytest.approx(68.25)
    assert level["status"] == "behind"  # 66 / 68.25 = 0.967
    # the base year 2020 counts: a = (63/40)^(1/2) − 1; r = (100/63)^(1/3) − 1 to 2025
    assert level["growth"]["base_year"] == 2020
    assert level["growth"]["actual_rate"] == pytest.approx(math.sqrt(63 / 40) - 1)
    assert level["growth"]["required_rate"] == pytest.approx((100 / 63) ** (1 / 3) - 1)
    assert level["growth"]["assessment"] == "on_course"  # q = 0.255 / 0.167 = 1.53

    ratio = rows["rd_share"]  # ratio: E = T; linear growth in points
    assert (ratio["target"], ratio["actual"], ratio["expected"]) == (1.4, 1.3, 1.4)
    assert ratio["gap"] == pytest.approx(0.1)
    assert ratio["status"] == "behind"  # 1.3 / 1.4 = 0.929
    assert ratio["growth"]["actual_rate"] == pytest.approx((1.25 - 0.8) / 2)
    assert ratio["growth"]["required_rate"] == pytest.approx((2.0 - 1.25) / 3)
    assert ratio["growth"]["assessment"] == "moderate"  # q = 0.225 / 0.25 = 0.9

    rank = rows["park_rank"]  # rank, lower is better: completion T / A, gap A − T
    assert (rank["target"], rank["actual"], rank["gap"], rank["expected"]) == (50, 52, 2, 50)
    assert rank["completion"] == pytest.approx(50 / 52)
    assert rank["status"] == "behind"
    assert rank["growth"]["actual_rate"] == pytest.approx((54 - 65) / 2)
    assert rank["growth"]["required_rate"] == pytest.approx((40 - 54) / 3)
    assert rank["growth"]["assessment"] == "on_course"  # q = −5.5 / −4.67 = 1.18

    labs = rows["labs_total"]  # only a 2025 target: paced from the 2022 actual 3, f = 9/36
    assert (labs["target"], labs["actual"], labs["applies"]) == (6, 3, "by_end")
    assert labs["time_progress"] == pytest.approx(0.25)
    assert labs["expected"] == pytest.approx(3.75)
    assert labs["status"] == "far_behind"  # 3 / 3.75 = 0.8

    total = rows["transfers_total"]  # Σ 8 + 10 + 6 against 50 over 2021–2025: f = 33/60
    assert (total["target"], total["actual"], total["applies"]) == (50, 24, "total")
    assert total["expected"] == pytest.approx(27.5)
    assert total["completion"] == pytest.approx(0.48)
    assert total["status"] == "far_behind"  # 24 / 27.5 = 0.873

    links = {c["id"]: c for c in rank["commitments"] + new["commitments"]}
    assert links["c_rank"]["relation"] == "equals_final"
    assert links["c_new_total"]["actual"] == 32


def test_the_other_plan_in_a_table_says_due_2025() -> None:
    result = run_xnkc("check", "--targets", TARGETS, ACTUALS)
    assert result.code == 0, result.err
    assert "尚未达到(2025年前)" in result.out
    assert "32 (2021–2023)" in result.out
    assert "2026" not in result.out


def test_targets_of_the_other_plan_list_2021_to_2025() -> None:
    result = run_xnkc("targets", "--targets", TARGETS, "--format", "json")
    assert result.code == 0, result.err
    first = result.json()["indicators"][0]
    assert list(first["targets"]) == ["2021", "2022", "2023", "2024", "2025"]
    csv = run_xnkc("targets", "--targets", TARGETS, "--format", "csv")
    header = csv.out.lstrip("\ufeff").splitlines()[0]
    assert ",2021,2022,2023,2024,2025," in header and "2026" not in header
    refused = run_xnkc("targets", "--targets", TARGETS, "--year", "2026")
    assert refused.code == 2 and "XK136" in refused.err and "2021–2025" in refused.err


def test_template_of_the_other_plan(tmp_path: Path) -> None:
    result = run_xnkc("template", "--targets", TARGETS, "--year", "2023")
    assert result.code == 0, result.err
    assert "new_enterprises:" in result.out and "目标 14" in result.out
    assert "labs_total:" in result.out and "2025年目标 6" in result.out
    assert "2021—2025五年合计 50" in result.out
    refused = run_xnkc("template", "--targets", TARGETS, "--year", "2026")
    assert refused.code == 2 and "XK136" in refused.err and "2021–2025" in refused.err


def test_actuals_years_run_from_ten_base_years_to_the_final_year(tmp_path: Path) -> None:
    def validate(year: int):
        path = tmp_path / f"a{year}.yaml"
        path.write_text(f"values:\n  {year}:\n    hitech_count: 40\n  2023:\n    hitech_count: 66\n", encoding="utf-8")
        return run_xnkc("validate", "--targets", TARGETS, str(path), "--format", "json")

    assert validate(2011).code == 0  # 2021 − 10: the earliest base year
    for year in (2010, 2026):
        result = validate(year)
        assert result.code == 1
        (error,) = result.json()["errors"]
        assert error["code"] == "XK308"
        assert "2011" in error["message"] and "2025" in error["message"]


def test_check_with_only_base_years_names_the_plan_years(tmp_path: Path) -> None:
    path = tmp_path / "base.yaml"
    path.write_text("values:\n  2020:\n    hitech_count: 40\n", encoding="utf-8")
    result = run_xnkc("check", "--targets", TARGETS, str(path))
    assert result.code == 2
    assert "XK318" in result.err and "2021–2025" in result.err


# -- plan.years is checked against every target --------------------------------------------------


def test_a_horizon_that_misses_the_targets_fails_validate(tmp_path: Path) -> None:
    plan = _plan_copy(tmp_path, ("years: [2021, 2025]", "years: [2030, 2031]"))
    result = run_xnkc("validate", "--targets", plan, "--format", "json")
    assert result.code == 1
    errors = result.json()["errors"]
    outside = [e for e in errors if e["code"] == "XK540"]
    assert len(outside) == 4 * 5  # every target of the four indicators
    assert "2021" in outside[0]["message"] and "2030" in outside[0]["message"]
    # 2030 and 2031 have no target for each indicator: a note each (SPEC §8: no_target, never failing)
    missing = {(e["path"] if "path" in e else "", e["message"]) for e in result.json()["notes"] if e["code"] == "XK510"}
    assert len(missing) == 4 * 2
    assert any("2030" in m for _, m in missing) and any("2031" in m for _, m in missing)


def test_a_missing_year_inside_the_horizon_is_noted_and_not_judged(tmp_path: Path) -> None:
    plan = _plan_copy(
        tmp_path, ("{2021: 50, 2022: 60, 2023: 70, 2024: 80, 2025: 100}", "{2021: 50, 2022: 60, 2024: 80, 2025: 100}")
    )
    result = run_xnkc("validate", "--targets", plan)
    assert result.code == 0  # SPEC §8: a year without a target is allowed, and noted
    assert "note [XK510]" in result.out and "hitech_count 没有 2023 年目标" in result.out
    check = run_xnkc("check", "--targets", plan, ACTUALS, "--format", "json")
    assert check.code == 0
    row = next(r for r in check.json()["indicators"] if r["id"] == "hitech_count")
    # 2023 is shown (66 reported) but not judged: no target, no completion, no gap
    assert (row["status"], row["actual"], row["target"]) == ("no_target", 66, None)
    assert row["completion"] is None and row["gap"] is None and row["interpolated"] is False
    assert check.json()["summary"]["no_target"] == 1


def test_an_empty_horizon_is_an_error(tmp_path: Path) -> None:
    plan = _plan_copy(tmp_path, ("years: [2021, 2025]", "years: []"))
    result = run_xnkc("validate", "--targets", plan, "--format", "json")
    assert result.code == 1
    assert [e["code"] for e in result.json()["errors"]] == ["XK541"]


def test_every_year_listed_reads_as_first_to_final(tmp_path: Path) -> None:
    plan = _plan_copy(tmp_path, ("years: [2021, 2025]", "years: [2021, 2022, 2023, 2024, 2025]"))
    assert run_xnkc("validate", "--targets", plan).code == 0
    listed = run_xnkc("check", "--targets", plan, ACTUALS, "--format", "json").json()
    assert listed == run_xnkc("check", "--targets", TARGETS, ACTUALS, "--format", "json").json()


# -- old enum names: read, with a note; printed as the new ones -----------------------------------


def test_old_enum_names_are_read_with_a_note(tmp_path: Path) -> None:
    plan = _plan_copy(
        tmp_path,
        ("applies: by_end, kind: cumulative", "applies: by_2026, kind: cumulative"),
        ("relation: equals_final", "relation: equals_2026"),
        ("applies: total, kind: annual", "applies: total_2024_2026, kind: annual"),
    )
    result = run_xnkc("validate", "--targets", plan, "--strict", "--format", "json")
    assert result.code == 0  # a note never fails, not even --strict
    notes = result.json()["notes"]
    assert [n["code"] for n in notes] == ["XK542"] * 3
    assert "'by_2026'" in notes[0]["message"] and "'by_end'" in notes[0]["message"]
    text = run_xnkc("validate", "--targets", plan).out
    assert "note [XK542]" in text and "equals_2026" in text and "equals_final" in text
    same = run_xnkc("check", "--targets", plan, ACTUALS, "--format", "json").json()
    assert same == run_xnkc("check", "--targets", TARGETS, ACTUALS, "--format", "json").json()
    listed = run_xnkc("targets", "--targets", plan, "--format", "json").out
    assert "by_2026" not in listed and "equals_2026" not in listed and "total_2024_2026" not in listed


def test_the_shipped_plan_uses_the_new_names() -> None:
    text = (ROOT / "data" / "targets.yaml").read_text(encoding="utf-8")
    for old in ("applies: by_2026", "applies: total_2024_2026", "relation: equals_2026"):
        assert old not in text
    assert run_xnkc("validate", "--format", "json").json()["notes"] == []


# -- messages name the plan's final year ---------------------------------------------------------


def test_plan_contradiction_names_the_final_year(tmp_path: Path) -> None:
    plan = _plan_copy(
        tmp_path,
        ("value: 40, unit: 位", "value: 41, unit: 位"),
        ('五年新增科技型企业70家", value: 70', '五年新增科技型企业70家", value: 71'),
    )
    result = run_xnkc("validate", "--targets", plan)
    assert result.code == 0  # warnings
    assert "2025年目标应为 41位" in result.out
    assert "2021—2025年合计 70家,应为 71家" in result.out  # 10 + 12 + 14 + 16 + 18 = 70
    en = run_xnkc("validate", "--targets", plan, "--lang", "en")
    assert "the 2025 target should be 41位" in en.out
    assert "the years 2021–2025 sum to 70家, not 71家" in en.out


def test_a_total_reported_under_its_own_key_names_the_plans_years(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("values:\n  2023:\n    c_new_total: 32\n", encoding="utf-8")
    result = run_xnkc("validate", "--targets", TARGETS, str(path))
    assert result.code == 1
    assert "[XK317]" in result.out and "c_new_total 是 2021—2025 五年合计的承诺" in result.out


def test_the_other_plan_through_xnkc_data_dir_and_without_projects() -> None:
    via_env = run_xnkc("check", ACTUALS, "--format", "json", env={"XNKC_DATA_DIR": str(PLAN_DIR)})
    assert via_env.code == 0, via_env.err
    assert via_env.json() == run_xnkc("check", "--targets", TARGETS, ACTUALS, "--format", "json").json()
    validated = run_xnkc("validate", "--format", "json", env={"XNKC_DATA_DIR": str(PLAN_DIR)})
    assert validated.code == 0
    assert [Path(f).resolve() for f in validated.json()["files"]] == [PLAN_DIR / "targets.yaml"]  # no projects.yaml
    projects = run_xnkc("projects", "--targets", TARGETS, "--format", "json")
    assert projects.code == 0, projects.err
    assert projects.json()["projects"] == []
