"""Issue 8 points 15, 16, 17 (SPEC §2.3, §5): what a growth figure means, said in the data.

15. 年均增长率: the derivation's ``method`` (yoy | average_since_base) decides ``actual``; both
    readings are shown in every format (JSON ``methods``, CSV two columns, a line under the
    table and the markdown).
16. An annual flow at the final year's quota is ``at_final_level`` (已达2026年度水平), not the
    stocks' ``achieved`` (已达2026目标).
17. ``growth.rate_unit``: ``fraction`` for quantities, ``points`` for %-figures and ranks.

Every expected value is worked out by hand from examples/2025-annual.yaml (comments).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT, run_xnkc
from xnkc.compute import calc

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
Q3 = str(EXAMPLES / "2025-q3.yaml")

# examples/2025-annual.yaml: rd_expenditure 2023 24.5, 2024 27.2, 2025 30.3 (亿元)
#   yoy 2025      = (30.3 / 27.2 − 1) × 100 = 1.1139706 − 1 → 11.39706 %
#   average 2025  = ((30.3 / 24.5) ** (1/2) − 1) × 100 = 1.2367347 ** 0.5 = 1.1120857 → 11.20857 %
#   yoy 2024 = average 2024 (one year after the base) = (27.2 / 24.5 − 1) × 100 = 11.02041 %
RD_YOY_2025, RD_AVG_2025, RD_2024 = 11.39706, 11.20857, 11.02041
# industrial_investment 2023 410, 2024 446, 2025 478 (亿元)
#   yoy 2025 = (478 / 446 − 1) × 100 = 7.17489 %; average = ((478 / 410) ** 0.5 − 1) × 100
#            = 1.1658537 ** 0.5 = 1.0797471 → 7.97471 %
II_YOY_2025, II_AVG_2025 = 7.17489, 7.97471


def rows(doc: dict) -> dict[str, dict]:
    return {r["id"]: r for r in doc["indicators"] + doc["commitments"]}


def check_json(*args: str, env: dict[str, str] | None = None) -> dict:
    r = run_xnkc("check", *args, "--format", "json", env=env)
    assert r.code == 0, r.err
    return r.json()


@pytest.fixture(scope="module")
def annual() -> dict[str, dict]:
    return rows(check_json(ANNUAL))


# -- 15: both readings of 年均增长率 --------------------------------------------------------------


def test_json_rows_carry_both_readings_named(annual: dict[str, dict]) -> None:
    rd = annual["rd_growth"]
    assert rd["origin"] == "derived" and rd["method"] == "yoy"  # the shipped reading
    assert set(rd["methods"]) == {"yoy", "average_since_base"}
    assert rd["methods"]["yoy"] == pytest.approx(RD_YOY_2025, abs=1e-5)
    assert rd["methods"]["average_since_base"] == pytest.approx(RD_AVG_2025, abs=1e-5)
    assert rd["methods_base_year"] == 2023
    assert rd["actual"] == rd["methods"]["yoy"]  # actual follows method
    ii = annual["industrial_investment_growth"]  # 二(三)10 工业和技改投资年均增长10%以上
    assert ii["method"] == "yoy" and ii["actual"] == pytest.approx(II_YOY_2025, abs=1e-5)
    assert ii["methods"]["average_since_base"] == pytest.approx(II_AVG_2025, abs=1e-5)
    # rows that are not derived growth rates say so with null
    for other in ("hitech_enterprises", "rd_intensity", "center_talent"):
        assert (annual[other]["method"], annual[other]["methods"], annual[other]["methods_base_year"]) == (
            None,
            None,
            None,
        )


def test_one_year_after_the_base_both_readings_agree() -> None:
    rd = rows(check_json(ANNUAL, "--year", "2024"))["rd_growth"]
    assert rd["methods"]["yoy"] == pytest.approx(RD_2024, abs=1e-5)
    assert rd["methods"]["average_since_base"] == pytest.approx(RD_2024, abs=1e-5)
    assert rd["actual"] == pytest.approx(RD_2024, abs=1e-5)


def test_a_year_to_date_figure_is_no_growth_rate() -> None:
    # 2025-Q3: nine months of 2025 against a full 2024 is not a growth rate; 2024's is
    assert rows(check_json(Q3))["rd_growth"]["methods"] is None
    rd = rows(check_json(Q3, "--year", "2024"))["rd_growth"]
    assert rd["methods"]["yoy"] == pytest.approx(RD_2024, abs=1e-5)


def test_without_last_year_only_the_average_exists(tmp_path: Path) -> None:
    f = tmp_path / "gap.yaml"
    f.write_text("values:\n  2023: {rd_expenditure: 24.5}\n  2025: {rd_expenditure: 30.3}\n", encoding="utf-8")
    rd = rows(check_json(str(f)))["rd_growth"]
    assert rd["methods"] == {"yoy": None, "average_since_base": pytest.approx(RD_AVG_2025, abs=1e-5)}
    assert rd["actual"] is None and rd["status"] == "no_data"  # the shipped method (yoy) needs 2024


def plan_with_method(tmp_path: Path, method: str) -> tuple[str, str]:
    text = (ROOT / "data" / "targets.yaml").read_text(encoding="utf-8")
    old = "{target: rd_growth, op: growth, of: rd_expenditure, method: yoy}"
    assert old in text
    t = tmp_path / "targets.yaml"
    t.write_text(text.replace(old, old.replace("method: yoy", f"method: {method}")), encoding="utf-8")
    p = tmp_path / "projects.yaml"
    p.write_text((ROOT / "data" / "projects.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return str(t), str(p)


def test_the_method_in_the_data_decides_actual(tmp_path: Path) -> None:
    t, p = plan_with_method(tmp_path, "average_since_base")
    rd = rows(check_json(ANNUAL, "--targets", t, "--projects", p))["rd_growth"]
    assert rd["method"] == "average_since_base"
    assert rd["actual"] == pytest.approx(RD_AVG_2025, abs=1e-5)
    # target 12.5 for 2025: completion 11.20857 / 12.5 = 0.896686, gap 12.5 − 11.20857 = 1.29143
    assert rd["completion"] == pytest.approx(0.896686, abs=1e-6)
    assert rd["gap"] == pytest.approx(1.29143, abs=1e-5)
    assert rd["methods"]["yoy"] == pytest.approx(RD_YOY_2025, abs=1e-5)  # the other one, beside it
    table = run_xnkc("check", ANNUAL, "--targets", t, "--projects", p, "--format", "markdown")
    assert "同比 11.4%;2023年以来年均 11.21%(采用)" not in table.out
    assert "2023年以来年均 11.21%(采用);同比 11.4%" in table.out


def test_a_reported_rate_is_checked_against_the_method_in_the_data(tmp_path: Path) -> None:
    f = tmp_path / "reported.yaml"
    body = (EXAMPLES / "2025-annual.yaml").read_text(encoding="utf-8")
    f.write_text(body.replace("    rd_expenditure: 30.3\n", "    rd_expenditure: 30.3\n    rd_growth: 11.4\n"), "utf-8")
    # yoy: 11.4 reported vs 11.397 derived (0.003 apart): no warning
    same = run_xnkc("check", str(f), "--format", "json")
    assert same.code == 0 and "XK401" not in same.err
    assert rows(same.json())["rd_growth"]["actual"] == 11.4  # reported wins
    # average_since_base: 11.4 vs 11.20857 (0.19 apart > 0.05): XK401 names the derived reading
    t, p = plan_with_method(tmp_path, "average_since_base")
    other = run_xnkc("check", str(f), "--targets", t, "--projects", p, "--format", "json")
    assert other.code == 0 and "[XK401]" in other.err and "11.2086" in other.err


def test_a_method_the_data_cannot_name_is_refused(tmp_path: Path) -> None:
    t, p = plan_with_method(tmp_path, "cagr")
    r = run_xnkc("validate", "--targets", t, "--projects", p)
    assert r.code == 1
    assert re.search(
        r"targets\.yaml:\d+:\d+: error \[XK204\].*'yoy'、'average_since_base' \(derivations\.0\.method\)", r.out
    ), r.out


def test_table_and_markdown_name_both_readings_under_the_table() -> None:
    zh = "1 全社会研发经费投入年均增长率:同比 11.4%(采用);2023年以来年均 11.21%"
    en = "1 全社会研发经费投入年均增长率: year on year 11.4% (used); average since 2023 11.21%"
    ii = "二(三)10 工业和技改投资增长率:同比 7.17%(采用);2023年以来年均 7.97%"
    for fmt in ("table", "markdown"):
        out = run_xnkc("check", ANNUAL, "--format", fmt).out
        assert zh in out and ii in out, out[-800:]
        assert en in run_xnkc("check", ANNUAL, "--format", fmt, "--lang", "en").out


def test_csv_has_both_readings_as_two_columns() -> None:
    r = run_xnkc("check", ANNUAL, "--format", "csv", "--lang", "en")
    assert r.code == 0, r.err
    table = list(csv.reader(io.StringIO(r.out.lstrip("\ufeff"))))
    head = table[0]
    body = {row[head.index("id")]: row for row in table[1:]}
    yoy, avg = head.index("growth, year on year (%)"), head.index("growth, average since base year (%)")
    assert float(body["rd_growth"][yoy]) == pytest.approx(RD_YOY_2025, abs=1e-5)
    assert float(body["rd_growth"][avg]) == pytest.approx(RD_AVG_2025, abs=1e-5)
    assert float(body["industrial_investment_growth"][avg]) == pytest.approx(II_AVG_2025, abs=1e-5)
    assert body["hitech_enterprises"][yoy] == body["hitech_enterprises"][avg] == ""


def test_growth_methods_formula() -> None:
    m = calc.growth_methods("yoy", {2023: 24.5, 2024: 27.2, 2025: 30.3}, 2025)
    assert (m.base_year, m.method) == (2023, "yoy")
    assert m.yoy == pytest.approx(RD_YOY_2025, abs=1e-5) and m.chosen == m.yoy
    assert m.average_since_base == pytest.approx(RD_AVG_2025, abs=1e-5)
    # three years: ((30.3 / 20) ** (1/3) − 1) × 100 = 1.515 ** (1/3) = 1.148517 → 14.8517 %
    m3 = calc.growth_methods("average_since_base", {2022: 20, 2024: 27.2, 2025: 30.3}, 2025)
    assert m3.average_since_base == pytest.approx(14.8517, abs=1e-4) and m3.chosen == m3.average_since_base
    assert m3.base_year == 2022
    # undefined where a value is 0 or missing
    zero = calc.growth_methods("yoy", {2023: 0.0, 2024: 27.2, 2025: 30.3}, 2025)
    assert zero.average_since_base is None and zero.yoy == pytest.approx(RD_YOY_2025, abs=1e-5)
    alone = calc.growth_methods("yoy", {2025: 30.3}, 2025)
    assert (alone.yoy, alone.average_since_base, alone.base_year) == (None, None, None)


# -- 16: an annual flow at the final year's quota ------------------------------------------------


def test_annual_flows_at_the_final_quota_are_at_final_level(annual: dict[str, dict]) -> None:
    # 2025 flows against the 2026 targets (附件1): 8 center_talent 21 ≥ 20; 15 new_provincial_institutes
    # 1 ≥ 1; 21 transferred_achievements 104 ≥ 100; 29 innovation_teams 3 ≥ 2; 二(一)1 每年30家 31 ≥ 30
    for ident in (
        "center_talent",
        "new_provincial_institutes",
        "transferred_achievements",
        "innovation_teams",
        "offshore_production_bases",
    ):
        assert annual[ident]["kind"] == "annual"
        assert annual[ident]["growth"]["assessment"] == "at_final_level", ident
    # a stock that is there already: 离岸科创园入驻企业 121 within 120 ± 12 (the 2026 band)
    assert annual["offshore_park_enterprises"]["kind"] == "level"
    assert annual["offshore_park_enterprises"]["growth"]["assessment"] == "achieved"
    # an annual flow below its 2026 quota is assessed as usual: 25 engineers 19 < 20
    assert annual["engineers"]["growth"]["assessment"] not in ("achieved", "at_final_level")


def test_the_labels_say_what_they_mean() -> None:
    md = run_xnkc("check", ANNUAL, "--format", "markdown").out
    row8 = next(line for line in md.splitlines() if line.startswith("| 8 |"))
    assert row8.endswith("| 已达2026年度水平 |") and "已达2026目标" not in row8
    stock = next(line for line in md.splitlines() if "离岸科创园入驻企业" in line)
    assert stock.endswith("| 已达2026目标 |")
    en = run_xnkc("check", ANNUAL, "--format", "markdown", "--lang", "en").out
    assert next(line for line in en.splitlines() if line.startswith("| 8 |")).endswith("| at the 2026 annual level |")
    csv_out = run_xnkc("check", ANNUAL, "--format", "csv").out
    line8 = next(line for line in csv_out.splitlines() if ",center_talent," in line)
    assert ",at_final_level,已达2026年度水平," in line8


def test_at_final_level_in_the_calculation() -> None:
    # one year's flow at the quota: 2025 21 against the 2026 target 20
    assert calc.growth("annual", {2024: 12, 2025: 21}, 20, True, final_year=2026).assessment == "at_final_level"
    assert calc.growth("level", {2024: 12, 2025: 21}, 20, True, final_year=2026).assessment == "achieved"
    assert calc.growth("cumulative", {2024: 2, 2025: 4}, 4, True, final_year=2026).assessment == "achieved"
    # the label's year is the plan's final year, not a literal
    from xnkc.plan.load import load_plan
    from xnkc.render import records

    metric = load_plan().metrics["center_talent"]
    g = calc.growth("annual", {2025: 12, 2026: 21}, 20, True, final_year=2027)
    row = calc.Row(metric=metric, status="met", time_progress=1.0, growth=g)
    assert records.assessment_label(row, "zh") == "已达2027年度水平"
    assert records.assessment_label(row, "en") == "at the 2027 annual level"


# -- 17: the unit of a growth rate ----------------------------------------------------------------


def test_rate_unit_says_fraction_or_points(annual: dict[str, dict]) -> None:
    units = {i: annual[i]["growth"]["rate_unit"] for i in annual}
    assert {units[i] for i in ("hitech_enterprises", "provincial_hitech_zones", "center_talent")} == {"fraction"}
    assert {units[i] for i in ("rd_growth", "rd_intensity", "hitech_zone_rank", "fiscal_st_share")} == {"points"}
    # a fraction: 高新技术企业数 705 / 668 − 1 = 0.055389 (5.5 %)
    assert annual["hitech_enterprises"]["growth"]["yoy"] == pytest.approx(0.055389, abs=1e-6)
    # points: 研发经费投入强度 30.3 / 2070 × 100 = 1.463768 against 27.2 / 1985 × 100 = 1.370277:
    # + 0.093491 percentage points (not 9 %)
    assert annual["rd_intensity"]["growth"]["change"] == pytest.approx(0.093491, abs=1e-6)
    # a rank: 97 (2023) → 94 (2025), a = (94 − 97) / 2 = −1.5 places a year
    assert annual["hitech_zone_rank"]["growth"]["actual_rate"] == pytest.approx(-1.5)
    assert annual["hitech_zone_rank"]["growth"]["rate_unit"] == "points"


def test_rate_unit_in_csv() -> None:
    r = run_xnkc("check", ANNUAL, "--format", "csv", "--lang", "en")
    table = list(csv.reader(io.StringIO(r.out.lstrip("\ufeff"))))
    head = table[0]
    body = {row[head.index("id")]: row for row in table[1:]}
    col = head.index("rate unit")
    assert body["hitech_enterprises"][col] == "fraction" and body["rd_intensity"][col] == "points"


def test_readme_says_which_rates_are_fractions() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "rate_unit" in readme and "points" in readme
    assert "methods" in readme and "average_since_base" in readme and "at_final_level" in readme
