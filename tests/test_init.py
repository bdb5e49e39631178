"""``xnkc init``: a plan from its indicator table (SPEC §8, issue 9 points 8–10).

Two plans that are not Xianning's go table → ``init`` → ``validate --targets`` → ``check`` end
to end: a county's 2021–2025 plan with a base-year column and only end-year targets (CSV in
GB18030), and a district's 2025–2027 plan with targets for 2025 and 2027 written with ranks,
percents and words (an .xlsx with a merged two-row header, built here with openpyxl).
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, run_xnkc

PLANS = ROOT / "tests" / "plans"
COUNTY = PLANS / "county-2021-2025"
DISTRICT = PLANS / "district-2025-2027"


def _rows(report: dict) -> dict:
    return {r["id"]: r for r in report["indicators"]}


# -- plan (a): 2021–2025, base year 2020, only 2025 targets -------------------------------------------


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county's table (GB18030 CSV) through ``init`` into a fresh directory."""
    where = tmp_path_factory.mktemp("county")
    shutil.copy(COUNTY / "table.csv", where / "table.csv")
    result = run_xnkc("init", "table.csv", "--name", "示例县科技创新规划", "-o", "plan", cwd=where)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    (where / "init.out").write_text(result.out, encoding="utf-8")
    return where


def test_county_plan_years_come_from_the_base_column(county: Path) -> None:
    data = yaml.safe_load((county / "plan" / "targets.yaml").read_text(encoding="utf-8"))
    assert data["plan"]["years"] == [2021, 2025]  # the year after 2020年(基期) … the last target year
    assert data["plan"]["title"] == "示例县科技创新规划"
    assert [u["name"] for u in data["units"]] == [
        "县科技局",
        "县经信局",
        "县统计局",
        "县发改局",
        "县市场监管局",
        "县经开区管委会",
    ]
    ind = {i["id"]: i for i in data["indicators"]}
    assert [ind[k]["kind"] for k in sorted(ind)] == ["level", "ratio", "annual", "cumulative", "level", "rank"]
    # level, geometric from 2020: 100 to 2025: 160 → 100 × 1.6^(k/5)
    hitech = ind["i01"]
    for k, year in enumerate(range(2021, 2025), 1):
        assert hitech["targets"][year] == pytest.approx(100 * 1.6 ** (k / 5), abs=1e-6)
    assert hitech["targets"][2025] == 160
    assert hitech["interpolated"] == [2021, 2022, 2023, 2024]
    assert hitech["base"] == {2020: 100}
    assert (hitech["lead"], hitech["support"], hitech["attribute"]) == (["县科技局"], ["县经信局"], "预期性")
    assert hitech["source"] == "table.csv:3"
    # ratio, linear from 1.5 to 2.5: +0.2 a year
    assert ind["i02"]["targets"] == {2021: 1.7, 2022: 1.9, 2023: 2.1, 2024: 2.3, 2025: 2.5}
    assert ind["i02"]["unit"] == "%"
    # an annual flow is never interpolated: only its 2025 target
    assert ind["i03"]["targets"] == {2025: 50}
    assert "interpolated" not in ind["i03"]
    # rank 前30位: lower is better, linear 50 → 30: −4 a year
    assert ind["i06"]["targets"] == {2021: 46, 2022: 42, 2023: 38, 2024: 34, 2025: 30}
    assert ind["i06"]["better"] == "lower"
    assert ind["i04"]["lead"] == ["县科技局", "县发改局"]  # 、 without a comma: all lead


def test_county_init_lists_every_inferred_field_with_its_rule(county: Path) -> None:
    out = (county / "init.out").read_text(encoding="utf-8")
    assert "首年 = 基期 2020 的下一年;末年 = 最后一个目标年 2025" in out
    assert "插值(几何):2020 年 100 与 2025 年 160 之间" in out
    assert "插值(线性):2020 年 50 与 2025 年 30 之间" in out
    assert "年度流量指标不插值:该年无目标" in out
    assert "目标写作“前N位/前N名”" in out
    assert "名称含“累计”" in out
    assert "已写入 plan/targets.yaml:6 个指标,方案年度 2021—2025" in out


def test_county_plan_validates(county: Path) -> None:
    result = run_xnkc("validate", "--targets", "plan/targets.yaml", "--format", "json", cwd=county)
    assert result.code == 0, result.out
    assert result.json()["errors"] == []


def test_county_check_worked_by_hand(county: Path) -> None:
    actuals = str(COUNTY / "actuals-2023-q3.yaml")
    result = run_xnkc("check", "--targets", "plan/targets.yaml", actuals, "--format", "json", cwd=county)
    assert result.code == 0, result.err
    report = result.json()
    assert (report["year"], report["time_progress"]) == (2023, 0.75)
    rows = _rows(report)

    hitech = rows["i01"]  # T = 100 × 1.6^(3/5) = 132.578161, interpolated; A 126
    t = round(100 * 1.6**0.6, 6)
    assert hitech["target"] == pytest.approx(t)
    assert hitech["interpolated"] is True
    assert hitech["completion"] == pytest.approx(126 / t)  # 0.9504
    assert hitech["gap"] == pytest.approx(t - 126)  # 6.578161
    assert hitech["expected"] == pytest.approx(118 + (t - 118) * 0.75)  # B = the 2022 actual 118 → 128.93
    assert hitech["status"] == "behind"  # 126 / 128.934 = 0.977

    ratio = rows["i02"]  # T 2.1 (1.5 + 3 × 0.2), A 2.2 ≥ 2.1
    assert (ratio["target"], ratio["actual"], ratio["interpolated"]) == (2.1, 2.2, True)
    assert ratio["completion"] == pytest.approx(2.2 / 2.1)
    assert ratio["status"] == "met"

    flow = rows["i03"]  # an annual flow: no 2023 target at all
    assert (flow["target"], flow["actual"], flow["status"]) == (None, 30, "no_target")
    assert flow["interpolated"] is False

    platforms = rows["i04"]  # cumulative, T = 10 × 2^(3/5) = 15.157166; E = 13 + (T − 13) × 0.75
    t4 = round(10 * 2**0.6, 6)
    assert platforms["expected"] == pytest.approx(13 + (t4 - 13) * 0.75)  # 14.6179
    assert platforms["status"] == "on_track"  # 15 / 14.618 = 1.026
    assert platforms["gap"] == pytest.approx(t4 - 15)  # 0.157166

    patents = rows["i05"]  # T = 2 × 2.25^(3/5) = 3.253415; A 3.3 ≥ T
    assert patents["target"] == pytest.approx(2 * 2.25**0.6, abs=1e-6)
    assert patents["status"] == "met"

    rank = rows["i06"]  # T 38, A 40, lower is better: completion T / A, gap A − T, E = T
    assert (rank["target"], rank["actual"], rank["gap"], rank["expected"]) == (38, 40, 2, 38)
    assert rank["completion"] == pytest.approx(0.95)
    assert rank["status"] == "behind"  # 38 / 40 = 0.95
    assert report["summary"]["no_target"] == 1


def test_init_writes_the_same_bytes_twice(county: Path, tmp_path: Path) -> None:
    shutil.copy(COUNTY / "table.csv", tmp_path / "table.csv")
    result = run_xnkc("init", "table.csv", "--name", "示例县科技创新规划", "-o", "plan", cwd=tmp_path)
    assert result.code == 0, result.err
    assert (tmp_path / "plan" / "targets.yaml").read_bytes() == (county / "plan" / "targets.yaml").read_bytes()


# -- plan (b): 2025–2027, targets for 2025 and 2027, a workbook with a two-row header -----------------


def district_workbook(path: Path) -> None:
    """指标 sheet (a 说明 sheet first): a merged title, then 目标值 merged over 2025年/2026年/2027年."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "说明"
    notes["A1"] = "本表为测试用指标表"
    ws = book.create_sheet("指标")
    ws["A1"] = "某区科技创新三年行动主要指标(2025—2027年)"
    ws.merge_cells("A1:H1")
    for col, text in zip("ABCGH", ["序号", "指标名称", "单位", "容差", "责任单位"], strict=True):
        ws[f"{col}2"] = text
        ws.merge_cells(f"{col}2:{col}3")
    ws["D2"] = "目标值"
    ws.merge_cells("D2:F2")
    ws["D3"], ws["E3"], ws["F3"] = "2025年", "2026年", "2027年"
    rows = [
        (1, "高新区全国排名", "位", "前40位", "—", "前30名", None, "区科技局，区发改局"),
        (2, "高新技术产业增加值占GDP比重", "%", "16%", None, 0.18, None, "区统计局"),
        (3, "研发经费投入增长率", "%", ">7", "", "≥8", None, "区科技局"),
        (4, "技术合同成交额", "亿元", "≥3.4", "3.4以上", "不低于3.4", None, "区科技局"),
        (5, "科创园区入驻企业", "家", "10左右", "约10", "约10", 2, "区经信局"),
        (6, "新增省级孵化器", "个", 2, "—", 3, None, "区科技局"),
    ]
    for r, values in enumerate(rows, 4):
        for col, value in zip("ABCDEFGH", values, strict=True):
            ws[f"{col}{r}"] = value
    ws["F5"].number_format = "0%"  # 0.18 shown as 18%: its value × 100
    book.save(path)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("district")
    district_workbook(where / "table.xlsx")
    result = run_xnkc("init", "table.xlsx", "--name", "某区三年行动", cwd=where)
    assert result.code == 0, result.err
    (where / "init.out").write_text(result.out, encoding="utf-8")
    return where


def test_district_targets_as_written_and_interpolated(district: Path) -> None:
    data = yaml.safe_load((district / "targets.yaml").read_text(encoding="utf-8"))
    assert data["plan"]["years"] == [2025, 2027]  # first and last target year (no base column)
    ind = {i["id"]: i for i in data["indicators"]}
    assert [ind[k]["kind"] for k in sorted(ind)] == ["rank", "ratio", "growth", "level", "level", "annual"]
    rank = ind["i01"]  # 前40位 … 前30名: 2026 = 40 + (30 − 40) / 2
    assert (rank["targets"], rank["interpolated"], rank["better"]) == ({2025: 40, 2026: 35, 2027: 30}, [2026], "lower")
    share = ind["i02"]  # "16%" and 0.18 under a percent format: 16 and 18; 2026 = 17
    assert (share["targets"], share["interpolated"], share["unit"]) == ({2025: 16, 2026: 17, 2027: 18}, [2026], "%")
    growth = ind["i03"]  # >7 (gt), ≥8; 2026 = 7.5 with the comparator of 2027 (at_least, the default)
    assert growth["targets"] == {2025: 7, 2026: 7.5, 2027: 8}
    assert growth["comparators"] == {2025: "gt"}
    contract = ind["i04"]  # ≥3.4, 3.4以上, 不低于3.4: all at_least, nothing interpolated
    assert (contract["targets"], contract.get("interpolated", [])) == ({2025: 3.4, 2026: 3.4, 2027: 3.4}, [])
    assert "comparators" not in contract and "comparator" not in contract
    park = ind["i05"]  # 10左右, 约10: approximately, ± the 容差 2
    assert (park["comparator"], park["tolerance"]) == ("approx", 2)
    flow = ind["i06"]  # an annual flow: — in 2026 is no target
    assert flow["targets"] == {2025: 2, 2027: 3}
    assert flow["source"] == "table.xlsx:指标!9"
    assert ind["i01"]["support"] == ["区发改局"]


def test_district_plan_validates_and_checks_by_hand(district: Path) -> None:
    result = run_xnkc("validate", "--targets", "targets.yaml", cwd=district)
    assert result.code == 0, result.out + result.err
    actuals = str(DISTRICT / "actuals-2026.yaml")
    result = run_xnkc("check", "--targets", "targets.yaml", actuals, "--format", "json", cwd=district)
    assert result.code == 0, result.err
    report = result.json()
    assert (report["year"], report["time_progress"]) == (2026, 1.0)
    rows = _rows(report)

    rank = rows["i01"]  # T 35 (interpolated), A 33 ≤ 35: completion T / A, gap A − T
    assert (rank["target"], rank["actual"], rank["gap"], rank["status"]) == (35, 33, -2, "met")
    assert rank["completion"] == pytest.approx(35 / 33)
    assert rank["interpolated"] is True

    share = rows["i02"]  # T 17, A 16.5, full year: missed
    assert (share["target"], share["status"], share["interpolated"]) == (17, "missed", True)
    assert share["gap"] == pytest.approx(0.5)
    assert share["completion"] == pytest.approx(16.5 / 17)

    growth = rows["i03"]  # T 7.5 at_least (the comparator of 2027's ≥8), A 7.5: met
    assert (growth["target"], growth["actual"], growth["status"]) == (7.5, 7.5, "met")
    assert growth["completion"] == pytest.approx(1.0)

    contract = rows["i04"]  # T 3.4 (3.4以上), A 3.0: missed; completion 3 / 3.4
    assert (contract["status"], contract["interpolated"]) == ("missed", False)
    assert contract["completion"] == pytest.approx(3.0 / 3.4)
    assert contract["gap"] == pytest.approx(0.4)

    park = rows["i05"]  # about 10 ± 2, A 8.5: |8.5 − 10| = 1.5 ≤ 2, met (at_least would miss); gap T − A = 1.5
    assert (park["status"], park["gap"]) == ("met", 1.5)

    flow = rows["i06"]  # no 2026 target: no_target, the value still shown
    assert (flow["target"], flow["actual"], flow["status"]) == (None, 1, "no_target")
    assert report["summary"]["met"] == 3 and report["summary"]["missed"] == 2 and report["summary"]["no_target"] == 1


def test_district_init_rules_in_english(district: Path, tmp_path: Path) -> None:
    district_workbook(tmp_path / "table.xlsx")
    result = run_xnkc("init", "table.xlsx", "--lang", "en", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "first = the first target year 2025; final = the last target year 2027" in result.out
    assert "interpolated (linear) between 2025: 40 and 2027: 30" in result.out
    assert "an interpolated year takes the next target's comparator" not in result.out  # 2026 takes at_least
    assert "comparator 2025  gt" in result.out
    assert "wrote targets.yaml: 6 indicators, plan years 2025–2027" in result.out
    assert "the table's file name (--name sets it)" in result.out
    data = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))
    assert data["plan"]["title"] == "table"


# -- options ------------------------------------------------------------------------------------------


def test_years_option_overrides_the_horizon(tmp_path: Path) -> None:
    shutil.copy(COUNTY / "table.csv", tmp_path / "table.csv")
    result = run_xnkc("init", "table.csv", "--years", "2022-2025", cwd=tmp_path)
    assert result.code == 0, result.err
    data = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))
    assert data["plan"]["years"] == [2022, 2025]
    assert min(data["indicators"][0]["targets"]) == 2022  # only the plan's years get milestones
    assert "--years 给出" in result.out


def test_years_that_leave_out_a_target_column_are_an_error_at_its_header(tmp_path: Path) -> None:
    shutil.copy(COUNTY / "table.csv", tmp_path / "table.csv")
    result = run_xnkc("init", "table.csv", "--years", "2021-2024", cwd=tmp_path)
    assert result.code == 2
    assert result.err.splitlines()[0].startswith(
        "table.csv:2:5: error [XK565] 2025 年的目标列在 --years 2021-2024 之外"
    )
    assert "[XK510]" not in result.err and "[XK540]" not in result.err
    assert not (tmp_path / "targets.yaml").exists()


@pytest.mark.parametrize("value", ["2025-2021", "2021", "二〇二一-2025", "2021-25"])
def test_a_bad_years_option_is_a_usage_error(tmp_path: Path, value: str) -> None:
    shutil.copy(COUNTY / "table.csv", tmp_path / "table.csv")
    result = run_xnkc("init", "table.csv", "--years", value, cwd=tmp_path)
    assert result.code == 2
    assert "[XK123]" in result.err and "--years" in result.err
    assert not (tmp_path / "targets.yaml").exists()


def test_an_existing_targets_yaml_is_not_overwritten_without_force(tmp_path: Path) -> None:
    shutil.copy(COUNTY / "table.csv", tmp_path / "table.csv")
    (tmp_path / "targets.yaml").write_text("# mine\n", encoding="utf-8")
    result = run_xnkc("init", "table.csv", cwd=tmp_path)
    assert result.code == 2
    assert "targets.yaml:1:1: error [XK120]" in result.err
    assert (tmp_path / "targets.yaml").read_text(encoding="utf-8") == "# mine\n"
    result = run_xnkc("init", "table.csv", "--force", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "schema: 1" in (tmp_path / "targets.yaml").read_text(encoding="utf-8")


def test_output_that_is_a_file_is_a_usage_error(tmp_path: Path) -> None:
    shutil.copy(COUNTY / "table.csv", tmp_path / "table.csv")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = run_xnkc("init", "table.csv", "-o", "out", cwd=tmp_path)
    assert (result.code, "[XK123]" in result.err) == (2, True)


def test_a_missing_table_exits_2(tmp_path: Path) -> None:
    result = run_xnkc("init", "nope.csv", cwd=tmp_path)
    assert result.code == 2
    assert "nope.csv:1:1: error [XK100]" in result.err
    assert list(tmp_path.iterdir()) == []


# -- every error path: exit 2, a finding at its cell, nothing written -----------------------------------

HEAD = "序号,指标名称,单位,2024年,2025年,2026年,责任单位\n"


def _init_csv(tmp_path: Path, text: str, *args: str, encoding: str = "utf-8"):
    (tmp_path / "table.csv").write_bytes(text.encode(encoding))
    return run_xnkc("init", "table.csv", *args, cwd=tmp_path)


@pytest.mark.parametrize(
    ("body", "where", "code"),
    [
        ("1,高新技术企业数,家,650,七百,800,市科技局\n", "table.csv:2:5: error [XK550]", "XK550"),
        ("1,高新技术企业数,家,650,16%,800,市科技局\n", "table.csv:2:5: error [XK550]", "XK550"),
        ("1,高新技术企业数,家,650,超过700以下,800,市科技局\n", "table.csv:2:5: error [XK551]", "XK551"),
        ("1,高新技术企业数,家,≥650,700以下,800,市科技局\n", "table.csv:2:2: error [XK559]", "XK559"),
    ],
)
def test_a_bad_cell_is_an_error_at_the_cell(tmp_path: Path, body: str, where: str, code: str) -> None:
    result = _init_csv(tmp_path, HEAD + body)
    assert result.code == 2, result.out
    assert where in result.err, result.err
    assert result.err.count(f"[{code}]") == 1  # once, not once per pass over the row
    assert not (tmp_path / "targets.yaml").exists()


def test_every_bad_cell_is_reported_not_only_the_first(tmp_path: Path) -> None:
    body = "1,高新技术企业数,家,650,七百,800,市科技局\n2,技术合同成交额,亿元,x,3,约3,市科技局\n"
    result = _init_csv(tmp_path, HEAD + body)
    assert result.code == 2
    assert "table.csv:2:5: error [XK550]" in result.err and "table.csv:3:4: error [XK550]" in result.err


def test_no_name_header(tmp_path: Path) -> None:
    result = _init_csv(tmp_path, "序号,名称,2025年\n1,高新技术企业数,800\n")
    assert (result.code, "table.csv:1:1: error [XK552]" in result.err) == (2, True)


def test_no_year_column(tmp_path: Path) -> None:
    result = _init_csv(tmp_path, "序号,指标名称,目标\n1,高新技术企业数,800\n")
    assert (result.code, "table.csv:1:2: error [XK553]" in result.err) == (2, True)


def test_duplicate_header(tmp_path: Path) -> None:
    result = _init_csv(tmp_path, "指标名称,2025年,2025年目标\n高新技术企业数,800,800\n")
    assert result.code == 2
    assert "table.csv:1:3: error [XK554]" in result.err and "(与 table.csv:1:2 相同)" in result.err


def test_a_header_with_another_year_is_not_read_with_a_warning(tmp_path: Path) -> None:
    result = _init_csv(tmp_path, "指标名称,单位,2025年,2024—2026年累计\n新增孵化器,个,3,9\n")
    assert result.code == 0, result.err
    assert "table.csv:1:4: warning [XK555]" in result.err
    assert yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))["indicators"][0]["targets"] == {
        2025: 3
    }


def test_a_row_without_any_target_is_skipped_with_a_warning(tmp_path: Path) -> None:
    result = _init_csv(tmp_path, HEAD + "一,创新主体,,,,,\n1,高新技术企业数,家,650,700,800,市科技局\n")
    assert result.code == 0, result.err
    assert "table.csv:2:2: warning [XK563]" in result.err
    data = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))
    assert [i["name"] for i in data["indicators"]] == ["高新技术企业数"]
    assert data["indicators"][0]["id"] == "i01"


@pytest.mark.parametrize(
    ("header", "cell", "code"),
    [("类型", "存货", "XK560"), ("方向", "越多越好", "XK561"), ("容差", "大约", "XK562")],
)
def test_a_bad_kind_direction_or_tolerance(tmp_path: Path, header: str, cell: str, code: str) -> None:
    result = _init_csv(tmp_path, f"指标名称,2025年,{header}\n高新技术企业数,800,{cell}\n")
    assert result.code == 2
    assert f"table.csv:2:3: error [{code}]" in result.err


def test_columns_override_the_inference(tmp_path: Path) -> None:
    text = "指标名称,类型,方向,容差,牵头单位,配合单位,2025年\n单位GDP能耗降低,growth,越高越好,5%,县发改局,县统计局、县经信局,3.2以上\n"
    result = _init_csv(tmp_path, text)
    assert result.code == 0, result.err
    ind = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))["indicators"][0]
    assert (ind["kind"], ind["better"], ind["tolerance_share"]) == ("growth", "higher", 0.05)
    assert (ind["lead"], ind["support"], ind["responsible"]) == (
        ["县发改局"],
        ["县统计局", "县经信局"],
        "县发改局,县统计局、县经信局",
    )
    assert "类型列给出" in result.out


def test_the_unit_in_parentheses_and_utf8_with_bom(tmp_path: Path) -> None:
    result = _init_csv(tmp_path, "\ufeff主要指标,2025年末\n高新技术企业数（家）,800家\n")
    assert result.code == 0, result.err
    ind = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))["indicators"][0]
    assert (ind["name"], ind["unit"], ind["targets"]) == ("高新技术企业数", "家", {2025: 800})
    assert "名称末尾括号中的单位" in result.out


def test_the_written_plan_is_checked_before_anything_is_written(tmp_path: Path) -> None:
    # two rows with the same id column: the plan it would write is invalid (XK505), so no file
    result = _init_csv(tmp_path, "id,指标名称,2025年\na,甲指标,1\na,乙指标,2\n")
    assert result.code == 2
    assert "targets.yaml" in result.err and "[XK505]" in result.err
    assert not (tmp_path / "targets.yaml").exists()


def test_not_a_table(tmp_path: Path) -> None:
    (tmp_path / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = run_xnkc("init", "table.xls", cwd=tmp_path)
    assert (result.code, "table.xls:1:1: error [XK564]" in result.err) == (2, True)


def test_an_unreadable_workbook(tmp_path: Path) -> None:
    (tmp_path / "table.xlsx").write_text("指标名称,2025年\n", encoding="utf-8")
    result = run_xnkc("init", "table.xlsx", cwd=tmp_path)
    assert (result.code, "table.xlsx:1:1: error [XK556]" in result.err) == (2, True)
    assert not (tmp_path / "targets.yaml").exists()


def test_a_huge_workbook_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    with open(tmp_path / "table.xlsx", "wb") as fh:
        fh.truncate(6 * 1024 * 1024)  # over the 5 MB limit of every file xnkc reads
    result = run_xnkc("init", "table.xlsx", cwd=tmp_path)
    assert (result.code, "table.xlsx:1:1: error [XK104]" in result.err) == (2, True)


def test_an_encrypted_workbook(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64
    (tmp_path / "table.xlsx").write_bytes(ole)
    result = run_xnkc("init", "table.xlsx", cwd=tmp_path)
    assert (result.code, "table.xlsx:1:1: error [XK557]" in result.err) == (2, True)


def test_a_workbook_without_openpyxl_names_the_extra(tmp_path: Path) -> None:
    import subprocess
    import sys

    district_workbook(tmp_path / "table.xlsx")
    code = "import sys; sys.modules['openpyxl'] = None\nfrom xnkc.cli import main\nsys.argv = ['xnkc', 'init', 'table.xlsx']\nmain()"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert proc.returncode == 2
    assert "table.xlsx:1:1: error [XK558]" in proc.stderr and "xnkc[excel]" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_bad_workbook_cell_is_named_by_sheet_and_address(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Sheet1"
    ws.append(["指标名称", "单位", "2025年"])
    ws.append(["高新技术企业数", "家", "七百"])
    book.save(tmp_path / "table.xlsx")
    result = run_xnkc("init", "table.xlsx", cwd=tmp_path)
    assert result.code == 2
    assert "table.xlsx:Sheet1!C2: error [XK550]" in result.err


def test_a_workbook_finding_carries_sheet_and_cell_in_json() -> None:
    from xnkc.read.indicator_table import cell_finding

    f = cell_finding("XK550", "t.xlsx", "指标", 7, 4, value="七", unit="家", reason="unreadable")
    assert f.location() == "t.xlsx:指标!D7"
    d = f.to_dict()
    assert (d["line"], d["column"], d["sheet"], d["cell"]) == (7, 4, "指标", "D7")
    csv_finding = cell_finding("XK550", "t.csv", "", 7, 4, value="七")
    assert csv_finding.location() == "t.csv:7:4" and "sheet" not in csv_finding.to_dict()
    assert json.dumps(d, ensure_ascii=False)


def test_milestones_by_hand() -> None:
    from xnkc.plan.infer import milestone

    # level 100 → 160 over five years, geometric: 100 × 1.6^(2/5)
    assert milestone("level", 2020, 100, 2025, 160, 2022) == (pytest.approx(100 * 1.6**0.4), "interpolated-geometric")
    # a level through 0 is linear: 0 + (10 − 0) × 1/2
    assert milestone("level", 2020, 0, 2022, 10, 2021) == (5, "interpolated-linear")
    # rank: linear even though both are positive
    assert milestone("rank", 2025, 40, 2027, 30, 2026) == (35, "interpolated-linear")
    assert math.isclose(milestone("cumulative", 2020, 10, 2025, 20, 2023)[0], 10 * 2**0.6)


# -- examples/other-plan and the README section "Another plan" ------------------------------------------


def _readme_commands() -> list[str]:
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Another plan") : text.index("## What it does")]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block
    return block.group(1).strip().splitlines()


def test_the_readme_other_plan_commands_run_as_shown(tmp_path: Path) -> None:
    import shlex

    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    commands = _readme_commands()
    assert [c.split()[1] for c in commands] == ["init", "validate", "check"]
    results = []
    for command in commands:
        words = shlex.split(command)
        assert words[0] == "xnkc"
        results.append(run_xnkc(*words[1:], cwd=tmp_path))
    assert [r.code for r in results] == [0, 0, 0], [r.err for r in results]
    assert "已写入 my-plan/targets.yaml:6 个指标,方案年度 2021—2025" in results[0].out
    assert "0 个错误,0 个警告" in results[1].err
    out = results[2].out
    assert "某县“十四五”科技创新规划 · 2024年1-6月 · 序时进度 50%" in out
    # 高新技术企业数: 2024 is interpolated, 60 × (80/60)^(1/2) = 69.28; E = 62 + (69.28 − 62) × 0.5 = 65.64
    assert "69.28" in out and "65.64" in out
    # the json of the same run, by hand: 技术合同成交额 (类型 年度) has no 2024 target
    res = run_xnkc(*shlex.split(commands[2])[1:], "--format", "json", cwd=tmp_path)
    rows = _rows(res.json())
    assert rows["i02"]["target"] == pytest.approx(60 * (80 / 60) ** 0.5, abs=1e-6)
    assert rows["i02"]["status"] == "on_track"  # 66 / 65.64 = 1.005
    assert (rows["i05"]["kind"], rows["i05"]["status"]) == ("annual", "no_target")
    assert rows["i06"]["target"] == 55  # rank 60 → 50 over 2023–2025: 55 in 2024
    assert rows["i06"]["status"] == "behind"  # 55 / 57 = 0.965


# -- property tests: the reader and the milestones ----------------------------------------------------

_names = st.text(alphabet="科技创新企业研发投入平台专利人才孵化器园区数量强度", min_size=1, max_size=12)
_cells = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.sampled_from(["", "—", "≥3.4", "3.4以上", "约10", "10左右", "前40位", "1,234"]),
)


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(st.tuples(_names, st.lists(_cells, min_size=3, max_size=3)), min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_any_csv_table_reads_back_with_positions(tmp_path_factory, rows, encoding: str, newline: str) -> None:
    import csv
    import io

    from xnkc.read.indicator_table import read_table

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(["标题"])
    writer.writerow(["指标名称", "2025年", "2026年目标", "2027年底"])
    for name, cells in rows:
        writer.writerow([name, *cells])
    path = tmp_path_factory.mktemp("csv") / "t.csv"
    path.write_bytes(buf.getvalue().encode(encoding))
    table = read_table(str(path))
    assert [r.number for r in table.rows] == list(range(3, 3 + len(rows)))
    for row, (name, cells) in zip(table.rows, rows, strict=True):
        assert row.cells["name"].text == name
        assert [row.targets[y].text for y in (2025, 2026, 2027)] == cells
        assert [row.targets[y].col for y in (2025, 2026, 2027)] == [2, 3, 4]


_values = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(
    kind=st.sampled_from(["level", "cumulative", "ratio", "growth", "rank"]),
    v0=_values,
    v1=_values,
    y0=st.integers(min_value=1990, max_value=2040),
    span=st.integers(min_value=2, max_value=10),
    data=st.data(),
)
def test_a_milestone_lies_between_its_two_points(kind: str, v0: float, v1: float, y0: int, span: int, data) -> None:
    from xnkc.plan.infer import milestone

    year = data.draw(st.integers(min_value=y0 + 1, max_value=y0 + span - 1))
    value, rule = milestone(kind, y0, v0, y0 + span, v1, year)
    assert min(v0, v1) * (1 - 1e-9) <= value <= max(v0, v1) * (1 + 1e-9)
    geometric = kind in ("level", "cumulative")
    assert rule == ("interpolated-geometric" if geometric else "interpolated-linear")
    # at the points themselves the formula gives the points (the interpolation is anchored)
    assert milestone(kind, y0, v0, y0 + span, v1, y0)[0] == pytest.approx(v0)
    assert milestone(kind, y0, v0, y0 + span, v1, y0 + span)[0] == pytest.approx(v1)


def test_a_workbook_with_number_headers_and_a_percent_cell(tmp_path: Path) -> None:
    """Year headers typed as numbers (2025, not "2025年") and a 12.5% cell stored as 0.125."""
    openpyxl = pytest.importorskip("openpyxl")
    from xnkc.plan.infer import infer
    from xnkc.read.indicator_table import read_table

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["主要指标", "单位", 2025, 2026])
    ws.append(["高新技术产业增加值占比", "%", 0.125, "13%"])
    ws["C2"].number_format = "0.0%"
    book.save(tmp_path / "t.xlsx")
    plan = infer(read_table(str(tmp_path / "t.xlsx")))
    ind = plan.indicators[0]
    assert (ind.targets, ind.kind, plan.years) == ({2025: 12.5, 2026: 13.0}, "ratio", (2025, 2026))  # 0.125 × 100
    assert ind.source == "t.xlsx:Sheet!2"


def test_a_two_row_header_saved_as_csv_reads_its_groups(tmp_path: Path) -> None:
    """Excel/WPS save a merged 目标值 over 2024年…2026年 as 目标值 and empty cells: the years below
    belong to it; 基期值 over 2023年 makes that a base-year column (first year 2024)."""
    text = (
        "序号,指标名称,单位,基期值,目标值,,,责任单位\n"
        ",,,2023年,2024年,2025年,2026年,\n"
        "1,高新技术企业数量,家,1050,1200,,1500,市科技局\n"
        "2,研发投入强度,%,2.1,2.3,2.5,2.8,市科技局\n"
    )
    result = _init_csv(tmp_path, text)
    assert result.code == 0, result.err
    plan = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))
    assert plan["plan"]["years"] == [2024, 2026]
    first, second = plan["indicators"]
    assert first["base"] == {2023: 1050} and second["base"] == {2023: 2.1}
    # 2025 between 1200 (2024) and 1500 (2026), a level: √(1200 × 1500) = 1341.64
    assert first["targets"][2024] == 1200 and first["targets"][2026] == 1500
    assert first["targets"][2025] == pytest.approx(math.sqrt(1200 * 1500), rel=1e-5)
    assert first["interpolated"] == [2025]
    assert second["targets"] == {2024: 2.3, 2025: 2.5, 2026: 2.8}


def test_a_year_under_a_header_of_its_own_is_not_a_year_column(tmp_path: Path) -> None:
    """A year in the row below 单位 is not a year column: no two-row header, XK553."""
    result = _init_csv(tmp_path, "序号,指标名称,单位\n,,2025年\n1,高新技术企业数,家\n")
    assert result.code == 2 and "table.csv:1:2: error [XK553]" in result.err


def test_a_workbook_header_merged_down_two_rows_beside_a_group(tmp_path: Path) -> None:
    """序号/指标名称/单位/2023年完成值/责任单位 merged down over two rows, 目标值 merged across
    2024年–2026年 in the second: one two-row header; the merged-down copies are not a data row."""
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某县科技创新主要指标"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "指标名称", "单位", "2023年完成值", "目标值", None, None, "责任单位"])
    ws.append([None, None, None, None, "2024年", "2025年", "2026年", None])
    for rng in ("E2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "H2:H3"):
        ws.merge_cells(rng)
    ws.append([1, "研发经费投入强度", "%", 0.021, 0.023, 0.025, "≥2.8%", "县科技局"])
    for cell in ("D4", "E4", "F4"):
        ws[cell].number_format = "0.0%"  # a percent cell is its value × 100
    ws.append([2, "区域创新能力排名", "位", 12, "前11位", None, "前8名", "县科技局"])
    wb.save(tmp_path / "t.xlsx")
    result = run_xnkc("init", "t.xlsx", cwd=tmp_path)
    assert result.code == 0, result.err
    plan = yaml.safe_load((tmp_path / "targets.yaml").read_text(encoding="utf-8"))
    assert plan["plan"]["years"] == [2024, 2026]
    rd, rank = plan["indicators"]
    assert rd["name"] == "研发经费投入强度" and rd["base"] == {2023: 2.1}
    assert rd["targets"] == {2024: 2.3, 2025: 2.5, 2026: 2.8}
    # a rank: 前11位 (2024) and 前8名 (2026), 2025 linear: 11 + (8 − 11) / 2 = 9.5
    assert rank["kind"] == "rank" and rank["better"] == "lower" and rank["base"] == {2023: 12}
    assert rank["targets"] == {2024: 11, 2025: 9.5, 2026: 8} and rank["interpolated"] == [2025]
