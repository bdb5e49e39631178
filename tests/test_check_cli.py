"""`xnkc check` end to end on the shipped examples; expectations worked out by hand."""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
Q3 = str(EXAMPLES / "2025-q3.yaml")


def by_id(doc, section="indicators"):
    return {r["id"]: r for r in doc[section]}


@pytest.fixture(scope="module")
def annual(request):
    from conftest import run_xnkc

    res = run_xnkc("check", ANNUAL, "--format", "json")
    assert res.code == 0, res.err
    return res.json()


@pytest.fixture(scope="module")
def q3():
    from conftest import run_xnkc

    res = run_xnkc("check", Q3, "--format", "json")
    assert res.code == 0, res.err
    return res.json()


def test_json_top_level(annual):
    assert annual["year"] == 2025 and annual["period"] == "2025" and annual["time_progress"] == 1.0
    assert len(annual["indicators"]) == 29
    assert [r["seq"] for r in annual["indicators"]] == list(range(1, 30))
    for key in ("commitments", "units", "summary", "commitments_summary", "warnings"):
        assert key in annual
    row = annual["indicators"][0]
    for key in (
        "id",
        "seq",
        "name",
        "unit",
        "kind",
        "better",
        "target",
        "actual",
        "completion",
        "gap",
        "expected",
        "progress",
        "status",
        "lead",
        "support",
        "growth",
    ):
        assert key in row
    assert set(row["growth"]) >= {"yoy", "change", "actual_rate", "required_rate", "projected", "assessment"}
    assert sum(annual["summary"].values()) == 29


def test_level_indicator_full_year(annual):
    r = by_id(annual)["hitech_enterprises"]  # 705 of 720
    assert r["target"] == 720 and r["actual"] == 705
    assert r["completion"] == pytest.approx(705 / 720)
    assert r["gap"] == 15 and r["expected"] == 720 and r["status"] == "missed"
    g = r["growth"]  # 610 (2023) → 668 → 705
    assert g["yoy"] == pytest.approx(705 / 668 - 1)
    assert g["actual_rate"] == pytest.approx((705 / 610) ** 0.5 - 1)
    assert g["required_rate"] == pytest.approx(800 / 705 - 1)
    assert g["assessment"] == "insufficient"


def test_rank_full_year(annual):
    r = by_id(annual)["hitech_zone_rank"]  # 94th against 93
    assert r["status"] == "missed" and r["completion"] == pytest.approx(93 / 94) and r["gap"] == 1
    g = r["growth"]  # 97 → 94 → 94: a = −1.5/yr, r = −4 → q = 0.375
    assert g["change"] == 0 and g["actual_rate"] == -1.5 and g["required_rate"] == -4
    assert g["assessment"] == "insufficient"


def test_derived_indicators(annual):
    rows = by_id(annual)
    # rd_growth(2025) = (30.3 / 27.2 − 1) × 100
    assert rows["rd_growth"]["actual"] == pytest.approx((30.3 / 27.2 - 1) * 100)
    assert rows["rd_growth"]["origin"] == "derived"
    assert rows["rd_growth"]["status"] == "missed"
    assert rows["rd_intensity"]["actual"] == pytest.approx(30.3 / 2070 * 100)
    assert rows["hitech_va_share"]["actual"] == pytest.approx(352 / 2070 * 100)
    assert rows["hitech_va_share"]["status"] == "met"  # 17.0048 ≥ 17
    assert rows["patents_per_10k"]["actual"] == pytest.approx(1420 / 265)
    assert rows["fiscal_st_share"]["actual"] == pytest.approx(7.6 / 254 * 100)
    assert rows["fiscal_st_share"]["status"] == "missed"  # 2.992 < 3.0
    c = by_id(annual, "commitments")
    assert c["tech_contract_gdp_share"]["actual"] == pytest.approx(231 / 2070 * 100)
    assert c["strategic_emerging_share"]["actual"] == pytest.approx(122 / 615 * 100)
    assert c["match_success_rate"]["actual"] == pytest.approx(1290 / 1630 * 100)
    assert c["industrial_investment_growth"]["actual"] == pytest.approx((478 / 446 - 1) * 100)


def test_annual_flows_and_links(annual):
    r = by_id(annual)["new_species_enterprises"]  # 27 + 21 of 25 + 25; 80 over the plan
    assert r["status"] == "missed" and r["completion"] == pytest.approx(21 / 25)
    assert r["cumulative"]["actual"] == 48 and r["cumulative"]["target"] == 50
    assert r["cumulative"]["plan_total"] == 80
    assert r["cumulative"]["plan_total_completion"] == pytest.approx(0.6)
    r = by_id(annual)["funded_amount"]  # 1 亿元 = 10000 万元 over the plan; 3350 + 3120
    assert r["cumulative"]["plan_total"] == 10000 and r["cumulative"]["actual"] == 6470
    r = by_id(annual)["tech_renovation_projects"]  # 36 ≥ 30 (附件1) but not ≥ 100 (二(三)10)
    assert r["status"] == "met"
    link = {x["id"]: x for x in r["commitments"]}["c10_tech_renovation_projects"]
    assert link["value"] == 100 and link["met"] is False


def test_zero_target_row(annual):
    r = by_id(annual)["new_national_incubators"]  # 2025 target 1, actual 0
    assert r["completion"] == 0 and r["status"] == "missed"


def test_units_membership(annual):
    units = {u["unit"]: u for u in annual["units"]}
    assert units["市经信局"]["lead"] == [
        "funded_projects",
        "funded_amount",
        "new_specialized_smes",
        "tech_renovation_projects",
    ]
    assert "young_talent" in units["团市委"]["support"]
    assert units["咸宁高新区管委会"]["lead"] == ["hitech_zone_rank"]
    assert sum(units["市经信局"]["summary"].values()) >= 4


def test_in_year_q3(q3):
    assert q3["period"] == "2025-Q3" and q3["time_progress"] == 0.75
    rows = by_id(q3)
    h = rows["hitech_enterprises"]  # summed over the 7 regions: 700; E = 668 + 52 × 0.75 = 707
    assert h["actual"] == 700 and h["origin"] == "regions"
    assert h["expected"] == pytest.approx(707) and h["status"] == "behind"
    t = rows["tech_contract_value"]  # 150 of 235 × 0.75
    assert t["expected"] == pytest.approx(176.25) and t["status"] == "far_behind"
    assert t["catch_up"] == pytest.approx(26.25)
    assert rows["center_talent"]["status"] == "on_track"
    assert rows["hitech_va_share"]["actual"] == 16.8  # given as "16.8%"
    assert rows["funded_amount"]["actual"] == 2100  # given as "2,100"
    assert rows["fiscal_st_share"]["actual"] == pytest.approx(5.4 / 182 * 100)
    # growth uses full years only: 2023 → 2024
    assert h["growth"]["latest_year"] == 2024
    assert h["growth"]["actual_rate"] == pytest.approx(668 / 610 - 1)


def test_year_option_reproduces_2024(xnkc):
    doc = xnkc("check", ANNUAL, "--year", "2024", "--format", "json").json()
    rows = by_id(doc)
    assert doc["year"] == 2024 and doc["time_progress"] == 1.0
    assert rows["hitech_enterprises"]["target"] == 650 and rows["hitech_enterprises"]["status"] == "met"
    assert rows["hitech_zone_rank"]["status"] == "met"  # 94 ≤ 95
    assert rows["hitech_enterprises"]["growth"]["latest_year"] == 2024  # 2025 ignored


@pytest.mark.parametrize(("period", "months"), [("2025-H1", 6), ("2025-05", 5), ("2025-Q1", 3)])
def test_partial_periods(xnkc, tmp_path, period, months):
    f = tmp_path / "a.yaml"
    f.write_text(
        f"period: {period}\nvalues:\n  2024:\n    tech_smes: 1890\n  2025:\n    tech_smes: 1990\n    engineers: 10\n",
        encoding="utf-8",
    )
    doc = xnkc("check", str(f), "--format", "json").json()
    rows = by_id(doc)
    f_ = months / 12
    assert doc["time_progress"] == pytest.approx(f_)
    assert rows["tech_smes"]["expected"] == pytest.approx(1890 + (2050 - 1890) * f_)
    assert rows["engineers"]["expected"] == pytest.approx(20 * f_)


def test_mismatch_warning(xnkc, tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text("values:\n  2025:\n    rd_expenditure: 30.3\n    gdp: 2070\n    rd_intensity: 1.6\n", encoding="utf-8")
    res = xnkc("check", str(f), "--format", "json")
    assert res.code == 0
    doc = res.json()
    assert by_id(doc)["rd_intensity"]["actual"] == 1.6  # the reported value wins
    assert [w["code"] for w in doc["warnings"]] == ["XK401"]
    assert f"{f}:5:19: warning [XK401" in res.err
    assert "全社会研发经费投入/地区生产总值" in res.err  # the plan's names, not ids
    # within 0.05: no warning
    f.write_text("values:\n  2025:\n    rd_expenditure: 30.3\n    gdp: 2070\n    rd_intensity: 1.5\n", encoding="utf-8")
    assert xnkc("check", str(f), "--format", "json").json()["warnings"] == []


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--fail-on", "missed"], 1),
        (["--fail-on", "no_data"], 0),
        (["--fail-on", "far_behind,no_data"], 1),  # commitments have far_behind
        (["--fail-on", "bogus"], 2),
        ([], 0),
    ],
)
def test_fail_on_exit_codes(xnkc, args, code):
    res = xnkc("check", ANNUAL, "--format", "json", *args)
    assert res.code == code, res.err
    assert "Traceback" not in res.err


def test_behind_threshold_option(xnkc):
    doc = xnkc("check", Q3, "--format", "json", "--behind-threshold", "0.8").json()
    assert by_id(doc)["tech_contract_value"]["status"] == "behind"  # 0.851 ≥ 0.8


def test_unit_filter_and_by_unit(xnkc):
    doc = xnkc("check", ANNUAL, "--format", "json", "--unit", "经信局").json()  # alias of 市经信局
    assert {r["id"] for r in doc["indicators"]} == {
        "funded_projects",
        "funded_amount",
        "new_specialized_smes",
        "tech_renovation_projects",
        # co-led through the promises restating them (issue 8 point 22): 二(一)4 and 二(三)9
        "sti_projects",
        "hitech_enterprises",
        "tech_smes",
        "new_species_enterprises",
    }
    res = xnkc("check", ANNUAL, "--by", "unit", "--unit", "团市委")
    assert res.code == 0 and "团市委" in res.out and "配合" in res.out and "引进培育优秀青年科技人才" in res.out
    res = xnkc("check", ANNUAL, "--by", "unit")
    assert res.code == 0
    # worst first inside a unit's table: 未完成 rows come before 已完成 ones
    section = res.out.split("市经信局")[1].split("市发改委")[0]
    assert section.index("未完成") < section.index("已完成")
    assert xnkc("check", ANNUAL, "--unit", "火星局").code == 2


def test_table_output(xnkc):
    res = xnkc("check", Q3)
    assert res.code == 0
    assert "2025年1-9月" in res.out and "75%" in res.out
    for label in ("序号", "指标", "单位", "目标", "实际", "完成率", "差距", "序时目标", "状态", "研判"):
        assert label in res.out
    assert "\x1b[" not in res.out  # piped: no colour codes
    assert "正文承诺" in res.out
    en = xnkc("check", Q3, "--lang", "en")
    assert "time progress 75%" in en.out and "far behind" in en.out


def test_table_fits_80_columns(xnkc):
    from rich.cells import cell_len

    res = xnkc("check", ANNUAL, env={"COLUMNS": "80"})
    assert res.code == 0
    assert max(cell_len(line) for line in res.out.splitlines()) <= 80
    assert "高新技术企业数" in res.out


@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_csv_and_markdown_carry_the_rows(xnkc, fmt):
    res = xnkc("check", ANNUAL, "--format", fmt)
    assert res.code == 0
    for name in ("高新技术企业数", "咸宁高新区全国排名", "举办对接活动"):
        assert name in res.out
    if fmt == "csv":
        lines = res.out.strip().splitlines()
        assert len(lines) == 1 + 29 + 15  # header + indicators + tracked commitments
        assert re.search(r"hitech_enterprises,3,高新技术企业数,家,level,720\.0,705\.0", res.out)


def test_unusable_actuals_is_exit_2(xnkc, tmp_path):
    f = tmp_path / "bad.yaml"
    f.write_text("values:\n  2025:\n    hitech_enterprise: 700\n", encoding="utf-8")
    res = xnkc("check", str(f))
    assert res.code == 2
    assert f"{f}:3:5: error [XK301" in res.err and "hitech_enterprises" in res.err
    assert xnkc("check", str(tmp_path / "missing.yaml")).code == 2
    assert xnkc("check", ANNUAL, "--year", "2023").code == 2


def test_fail_on_takes_several_statuses(xnkc):
    # SPEC §6 `--fail-on STATUS…`: repeated, comma-separated or space-separated
    assert xnkc("check", ANNUAL, "-f", "json", "--fail-on", "no_data", "on_track").code == 1
    assert xnkc("check", ANNUAL, "-f", "json", "--fail-on", "no_data", "--fail-on", "missed").code == 1
    assert xnkc("check", ANNUAL, "-f", "json", "--fail-on", "no_data", "no_data").code == 0
    res = xnkc("check", ANNUAL, "missed")  # a status without --fail-on: a usage error
    assert res.code == 2 and "XK138" in res.err


def test_regions_sum_recompute_and_mismatch(xnkc, tmp_path):
    f = tmp_path / "r.yaml"
    f.write_text(
        "values:\n  2025:\n    hitech_enterprises: 280\nregions:\n  咸安区:\n"
        "    2025: {hitech_enterprises: 160, rd_expenditure: 6.1, gdp: 520}\n"
        "  赤壁:\n    2025: {hitech_enterprises: 130, rd_expenditure: 5.0, gdp: 480}\n",
        encoding="utf-8",
    )
    res = xnkc("check", str(f), "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    rows = by_id(doc)
    # city 280 vs two regions alone 160 + 130 = 290: more than the city → a warning; the city
    # value is kept; rd_expenditure and gdp come from 2 of the 7 regions only → a note each
    assert rows["hitech_enterprises"]["actual"] == 280
    assert [w["code"] for w in doc["warnings"]] == ["XK402", "XK404", "XK404"]
    assert "2/7" in doc["warnings"][1]["message"]
    # 2 of 7 regions: a partial sum never becomes the city's rd_expenditure or gdp (SPEC §4.1,
    # issue 8 point 20), so the city's intensity stays no_data; XK404 is a note now
    assert rows["rd_intensity"]["actual"] is None and rows["rd_intensity"]["status"] == "no_data"
    assert [w["severity"] for w in doc["warnings"]] == ["warning", "note", "note"]
    # per region the ratio is recomputed from the region's own components
    assert doc["regions"]["咸安区"]["rd_intensity"]["value"] == pytest.approx(6.1 / 520 * 100)
    assert doc["regions"]["咸安区"]["rd_intensity"]["share"] is None  # a ratio is no share of the city
    assert doc["regions"]["赤壁市"]["hitech_enterprises"] == {  # alias 赤壁 → 赤壁市
        "value": 130,
        "target": None,
        "completion": None,
        "share": pytest.approx(130 / 280),
    }
    table = xnkc("check", str(f), "--by", "region")
    assert table.code == 0 and "160 (57.1%)" in table.out  # share of the city's 280
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "values:\n  2025:\n    tech_smes: 1\nregions:\n  火星区:\n    2025: {tech_smes: 1}\n", encoding="utf-8"
    )
    res = xnkc("check", str(bad))
    assert res.code == 2 and f"{bad}:5:3: error [XK312" in res.err


def test_commitment_ids_as_keys(xnkc, tmp_path):
    # SPEC §4: a key may be a commitment id; one restating an indicator is that indicator,
    # converted from the commitment's unit (二(四)14 counts 需求对接 in 项, 附件1-23 in 条)
    f = tmp_path / "c.yaml"
    f.write_text(
        "values:\n  2025:\n    c14_platform_matches: 1630\n    general_tech_contract_value: 231\n"
        "    general_hitech_enterprises: 700\n    matchmaking_events: 47\n",
        encoding="utf-8",
    )
    doc = xnkc("check", str(f), "--format", "json").json()
    rows = by_id(doc)
    assert rows["platform_matches"]["actual"] == 1630
    assert rows["tech_contract_value"]["actual"] == 231 and rows["tech_contract_value"]["status"] == "missed"
    assert rows["hitech_enterprises"]["actual"] == 700
    assert by_id(doc, "commitments")["matchmaking_events"]["actual"] == 47
    f.write_text(
        "values:\n  2025:\n    general_hitech_enterprises: 700\n    hitech_enterprises: 700\n", encoding="utf-8"
    )
    res = xnkc("check", str(f))
    assert res.code == 2 and "XK315" in res.err  # the same statistic twice
    # a three-year total (二(一)4 资金1亿元, 二(五)17 工程师60名) is not one year's figure
    f.write_text("values:\n  2025:\n    c4_funded_amount: 0.3\n    c17_engineers: 19\n", encoding="utf-8")
    res = xnkc("check", str(f))
    assert res.code == 2 and res.err.count("[XK317]") == 2 and "funded_amount" in res.err


def test_mismatch_tolerance_is_inclusive_and_partial_years_derive_no_growth(xnkc, tmp_path):
    # 30 / 2000 × 100 = 1.5; 1.55 differs by exactly 0.05 — "more than 0.05" warns, this does not
    f = tmp_path / "a.yaml"
    f.write_text("values:\n  2025:\n    rd_expenditure: 30\n    gdp: 2000\n    rd_intensity: 1.55\n", encoding="utf-8")
    assert xnkc("check", str(f), "--format", "json").json()["warnings"] == []
    # 2025-Q3: 22 亿元 spent so far is not a growth rate against 27.2 for all of 2024
    f.write_text(
        "period: 2025-Q3\nvalues:\n  2024:\n    rd_expenditure: 27.2\n  2025:\n    rd_expenditure: 22\n",
        encoding="utf-8",
    )
    rows = by_id(xnkc("check", str(f), "--format", "json").json())
    assert rows["rd_growth"]["actual"] is None and rows["rd_growth"]["status"] == "no_data"


def test_a_year_reported_only_by_regions(xnkc, tmp_path):
    # §4.1: where the city value is absent it is the sum of the regions — also for a whole year
    f = tmp_path / "r.yaml"
    regions = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "高新区"]
    f.write_text(
        "values:\n  2024: {hitech_enterprises: 668}\nregions:\n"
        + "".join(f"  {r}: {{2025: {{hitech_enterprises: 100}}}}\n" for r in regions),
        encoding="utf-8",
    )
    doc = xnkc("check", str(f), "--format", "json").json()
    row = by_id(doc)["hitech_enterprises"]
    assert doc["year"] == 2025 and row["actual"] == 700 and row["origin"] == "regions"
    assert doc["warnings"] == []  # all seven regions reported
    assert row["completion"] == pytest.approx(700 / 720)


def test_human_formats_show_three_year_totals_and_body_promises(xnkc):
    # 二(三)9 新增“新物种”企业80家: 27 + 21 = 48 so far; 二(三)10 每年100项 vs 36 in 2025
    md = xnkc("check", ANNUAL, "--format", "markdown").out
    assert "| 二(三)9 | 新增“新物种”企业80家 | 新增“新物种”企业 | Σ80家 | 48 (2024–2025) | 尚未达到(2026年前) |" in md
    assert "| 二(三)10 | 每年实施重点技术改造项目100项以上 | 实施重点技术改造项目 | 100个 | 36 | 未达到 |" in md
    csv_out = xnkc("check", ANNUAL, "--format", "csv").out
    header = csv_out.splitlines()[0].split(",")
    row = next(
        line.split(",") for line in csv_out.splitlines() if line.startswith("indicator,,,new_species_enterprises")
    )
    rec = dict(zip(header, row, strict=True))
    # CSV headers are in the output language (issue 8 point 26)
    assert (rec["累计实际"], rec["累计目标"], rec["三年合计目标"]) == ("48.0", "50.0", "80.0")
    assert float(rec["三年合计完成率(1=100%)"]) == pytest.approx(0.6)
    table = xnkc("check", ANNUAL).out
    assert "正文承诺与附件1 的核对" in table and "Σ80家" in table


def test_a_county_government_sees_the_rows_of_its_group(xnkc):
    # 嘉鱼县人民政府 co-leads 附件1-11 itself and is one of 各县市区人民政府 (support on 21 rows)
    doc = xnkc("check", ANNUAL, "--format", "json", "--unit", "嘉鱼县").json()  # a region names its government
    ids = {r["id"] for r in doc["indicators"]}
    assert "provincial_hitech_zones" in ids and "hitech_enterprises" in ids
    assert "center_talent" not in ids and "new_provincial_institutes" not in ids  # 咸安区 / 市科技局 alone
    # row 11 (lead) + the 21 rows 各县市区人民政府 supports (all but 8–12, 15, 16, 20) + the 3 rows whose
    # restating promises it supports (issue 8 point 22): 10 (二(一)3), 12 (二(一)4), 20 (二(三)10)
    assert {"hitech_zone_rank", "sti_projects", "tech_renovation_projects"} <= ids
    assert len(ids) == 25
    res = xnkc("check", ANNUAL, "--by", "unit", "--unit", "嘉鱼县人民政府", "--format", "csv")
    roles = {line.split(",")[3]: line.split(",")[2] for line in res.out.splitlines()[1:]}
    assert roles["provincial_hitech_zones"] == "lead" and roles["hitech_enterprises"] == "support"


def test_region_targets_file(xnkc, tmp_path):
    # SPEC §4.1: per-region completion needs region targets (分解目标) from an optional file
    goals = tmp_path / "分解目标.yaml"
    goals.write_text(
        "regions:\n  咸安区:\n    2025: {hitech_enterprises: 150}\n  高新区:\n    2025: {hitech_enterprises: 130}\n",
        encoding="utf-8",
    )
    doc = xnkc("check", Q3, "--format", "json", "--region-targets", str(goals)).json()
    assert doc["regions"]["咸安区"]["hitech_enterprises"]["completion"] == pytest.approx(160 / 150)
    assert doc["regions"]["咸宁高新区"]["hitech_enterprises"]["completion"] == pytest.approx(120 / 130)
    assert doc["regions"]["赤壁市"]["hitech_enterprises"]["target"] is None  # no target: share only
    table = xnkc("check", Q3, "--by", "region", "--region-targets", str(goals)).out
    assert "160/150 (106.7%)" in table and "130 (18.6%)" in table
    goals.write_text("regions:\n  火星区:\n    2025: {hitech_enterprises: 150}\n", encoding="utf-8")
    res = xnkc("check", Q3, "--region-targets", str(goals))
    assert res.code == 2 and f"{goals}:2:3: error [XK312]" in res.err
