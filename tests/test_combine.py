"""Several submissions, one picture (SPEC §9, issue 10 point 1): combining, conflicts, periods,
directory scans. Positions are worked out by hand from the files' text (1-based line, column)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_xnkc

A = "period: 2025\nunit: 市科技局\nvalues:\n  2025:\n    hitech_enterprises: 705\n    rd_expenditure: 30.3\n"
# "    hitech_enterprises: " is 24 characters: the value at 5:25; "    rd_expenditure: " 20: 6:21
B = "period: 2025\nunit: 市发改委\nvalues:\n  2025:\n    hitech_enterprises: 705.0\n    gdp: 2070\n"
# gdp at 6:10 ("    gdp: " is 9 characters)


def write(tmp: Path, **files: str) -> list[str]:
    out = []
    for name, text in files.items():
        path = tmp / name.replace("__", ".")
        path.write_text(text, encoding="utf-8")
        out.append(str(path))
    return out


def rows(doc: dict) -> dict[str, dict]:
    return {r["id"]: r for r in doc["indicators"] + doc["commitments"]}


def finding_lines(err: str) -> list[str]:
    return [ln for ln in err.splitlines() if re.search(r": (error|warning|note) \[XK", ln)]


# -- equal values ---------------------------------------------------------------------------------


def test_the_same_value_twice_is_one_value_with_both_sources(tmp_path):
    a, b = write(tmp_path, a__yaml=A, b__yaml=B)
    res = run_xnkc("check", a, b, "--format", "json")
    assert res.code == 0, res.err
    row = rows(res.json())["hitech_enterprises"]
    assert row["actual"] == 705
    assert row["provenance"] == {
        "file": a,
        "line": 5,
        "column": 25,
        "sources": [{"file": a, "line": 5, "column": 25}, {"file": b, "line": 5, "column": 25}],
    }
    # rd_intensity = 30.3 (a.yaml) / 2070 (b.yaml) × 100 = 1.4637681…
    intensity = rows(res.json())["rd_intensity"]
    assert intensity["actual"] == pytest.approx(30.3 / 2070 * 100)
    assert intensity["provenance"] == {"derived": "ratio", "from": ["rd_expenditure", "gdp"]}


def test_ten_significant_digits_decide_equality():
    from xnkc.compute.combine import same

    assert same(705, 705.0)
    assert same(705, 705.00000001)  # 7.0500000001e2 → 10 digits: 7.050000000e2
    assert not same(705, 705.0000001)  # 7.050000001e2: the 10th digit differs
    assert same(0.1 + 0.2, 0.3)
    assert not same(16.4, 16.5)


# -- conflicts ------------------------------------------------------------------------------------


def test_different_values_are_a_conflict_at_both_places_and_the_key_is_left_out(tmp_path):
    a, b = write(tmp_path, a__yaml=A, b__yaml=B.replace("705.0", "706"))
    res = run_xnkc("check", a, b, "--format", "json")
    assert res.code == 2
    row = rows(res.json())["hitech_enterprises"]  # the report is still printed
    assert row["actual"] is None
    assert row["status"] == "no_data"
    assert row["status_label"] == "冲突"
    assert row["provenance"] == {
        "conflict": [{"file": a, "line": 5, "column": 25}, {"file": b, "line": 5, "column": 25}]
    }
    assert finding_lines(res.err) == [
        f"{a}:5:25: error [XK620] 高新技术企业数(2025)与 {b}:5:25 的值不同:705 ≠ 706;两个值都不采用"
        " (values.2025.hitech_enterprises) — 与报送单位核实后改正其中一个文件",
        f"{b}:5:25: error [XK620] 高新技术企业数(2025)与 {a}:5:25 的值不同:706 ≠ 705;两个值都不采用"
        " (values.2025.hitech_enterprises) — 与报送单位核实后改正其中一个文件",
    ]
    # other keys are computed: rd_intensity = 30.3 / 2070 × 100
    assert rows(res.json())["rd_intensity"]["actual"] == pytest.approx(30.3 / 2070 * 100)


def test_a_conflicting_statistic_gives_no_derived_value_and_a_reported_one_is_not_derived_instead(tmp_path):
    one = "period: 2025\nvalues:\n  2025:\n    rd_expenditure: 30.3\n    gdp: 2070\n    rd_intensity: 1.46\n"
    two = "period: 2025\nvalues:\n  2025:\n    rd_expenditure: 31\n    rd_intensity: 1.5\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=two)
    res = run_xnkc("check", a, b, "--format", "json", "--lang", "en")
    assert res.code == 2
    row = rows(res.json())["rd_intensity"]
    # rd_intensity conflicts (1.46 ≠ 1.5) and is not derived from gdp and a conflicting rd_expenditure
    assert (row["actual"], row["status_label"]) == (None, "conflict")
    assert [p["line"] for p in row["provenance"]["conflict"]] == [6, 5]
    codes = [ln.split("[")[1][:5] for ln in finding_lines(res.err)]
    assert codes == ["XK620"] * 4  # two keys, each at both places


def test_a_region_conflict_names_the_region(tmp_path):
    one = "period: 2025\nregions:\n  咸安区:\n    2025: {hitech_enterprises: 160}\n"
    two = "period: 2025\nregions:\n  咸安:\n    2025: {hitech_enterprises: 161}\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=two)
    res = run_xnkc("check", a, b, "--format", "json")
    assert res.code == 2
    # "    2025: {hitech_enterprises: " is 31 characters: the value at 4:32
    assert finding_lines(res.err)[0] == (
        f"{a}:4:32: error [XK620] 高新技术企业数(2025 · 咸安区)与 {b}:4:32 的值不同:160 ≠ 161;两个值都不采用"
        " (regions.咸安区.2025.hitech_enterprises) — 与报送单位核实后改正其中一个文件"
    )
    assert res.json()["regions"] is None  # the only region value was left out


def test_project_progress_of_one_period_must_agree(tmp_path):
    one = "period: 2025\nvalues:\n  2025: {gdp: 2070}\nprojects:\n  1: {invested: 1.2, status: 在建}\n"
    two = "period: 2025\nvalues:\n  2025: {gdp: 2070}\nprojects:\n  1: {invested: 1.3, status: 在建}\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=two)
    res = run_xnkc("projects", a, b, "--format", "json")
    assert res.code == 2
    first = res.json()["projects"][0]
    assert first["progress"]["invested"] is None  # left out
    assert [ln.split(": error")[0] for ln in finding_lines(res.err)] == [f"{a}:5:3", f"{b}:5:3"]
    same = run_xnkc("projects", a, a.replace("a.yaml", "c.yaml"), "--format", "json")  # c.yaml missing
    assert same.code == 2 and "XK100" in same.err


def test_the_later_period_of_a_project_stands(tmp_path):
    one = "period: 2024\nvalues: {2024: {gdp: 1985}}\nprojects:\n  1: {invested: 0.5, status: 在建}\n"
    two = "period: 2025\nvalues: {2025: {gdp: 2070}}\nprojects:\n  1: {invested: 1.3, status: 建成}\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=two)
    res = run_xnkc("projects", a, b, "--format", "json")
    assert res.code == 0, res.err
    assert res.json()["projects"][0]["progress"]["invested"] == 1.3
    assert res.json()["projects"][0]["progress"]["status"] == "completed"


# -- periods -----------------------------------------------------------------------------------------


def test_in_year_files_of_the_latest_year_combine_into_their_period(tmp_path):
    one = "period: 2025-Q3\nvalues:\n  2025: {hitech_enterprises: 690}\n"
    two = "period: 2025-Q3\nvalues:\n  2024: {gdp: 1985}\n  2025: {gdp: 1500}\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=two)
    res = run_xnkc("check", a, b, "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    assert (doc["period"], doc["time_progress"]) == ("2025-Q3", 0.75)


def test_an_in_year_file_for_an_earlier_year_is_an_error(tmp_path):
    one = "period: 2024-Q3\nvalues:\n  2024: {hitech_enterprises: 600}\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=B)
    res = run_xnkc("check", a, b)
    assert res.code == 2 and res.out == ""
    assert finding_lines(res.err) == [
        f"{a}:1:9: error [XK621] 报告期 2024-Q3 是 2024 年的年内数据,但合并后的最新年度是 2025:年内累计数不能当作全年数"
        " (period) — 报送 2024 年的全年数(period: 2024),或去掉这个文件"
    ]


def test_in_year_files_of_different_periods_are_an_error(tmp_path):
    one = "period: 2025-Q3\nvalues:\n  2025: {hitech_enterprises: 690}\n"
    two = "period: 2025-H1\nvalues:\n  2025: {gdp: 1000}\n"
    a, b = write(tmp_path, a__yaml=one, b__yaml=two)
    res = run_xnkc("check", a, b, "--lang", "en")
    assert res.code == 2
    assert finding_lines(res.err) == [
        f"{b}:1:9: error [XK622] period 2025-H1 differs from {a}'s period 2025-Q3: in-year files of one year"
        " must cover the same period (period) — give all in-year files of the year the same period"
    ]


def test_a_full_year_file_supersedes_in_year_files_whole_with_a_note(tmp_path):
    q3 = "period: 2025-Q3\nvalues:\n  2024: {gdp: 1900}\n  2025: {hitech_enterprises: 650}\n"
    a, b = write(tmp_path, a__yaml=A, q3__yaml=q3)
    res = run_xnkc("check", a, b, "--format", "json")
    assert res.code == 0, res.err  # 650 ≠ 705 is no conflict: the Q3 file is left out whole
    assert rows(res.json())["hitech_enterprises"]["actual"] == 705
    assert res.json()["period"] == "2025"
    assert finding_lines(res.err) == [
        f"{a}:1:9: note [XK623] 2025 年的全年数据 {a} 取代了年内文件 {b}(整份文件不再采用) (period)"
    ]


def test_every_file_with_latest_year_data_states_its_period_when_combined(tmp_path):
    a, b = write(tmp_path, a__yaml=A.replace("period: 2025\n", ""), b__yaml=B)
    res = run_xnkc("check", a, b)
    assert res.code == 2
    assert finding_lines(res.err) == [
        f"{a}:1:1: error [XK624] 合并多个文件时,含 2025 年数据的文件必须写明 period"
        " (period) — 在文件开头写 period: 2025(全年)或 2025-Q3 等"
    ]
    alone = run_xnkc("check", a)  # one file: no period needed (SPEC §4 default: the latest year, full)
    assert alone.code == 0, alone.err


def test_an_earlier_years_file_needs_no_period(tmp_path):
    base = "values:\n  2024: {gdp: 1985, rd_expenditure: 27.2}\n"
    a, b = write(tmp_path, a__yaml=A, base__yaml=base)
    res = run_xnkc("check", a, b, "--format", "json")
    assert res.code == 0, res.err
    # rd_growth yoy is not computed for 2025 (no gdp/rd for 2025 in a.yaml? rd 30.3): 30.3 / 27.2 − 1
    growth = rows(res.json())["rd_growth"]
    assert growth["actual"] == pytest.approx((30.3 / 27.2 - 1) * 100)


# -- directories ---------------------------------------------------------------------------------------


def test_a_directory_is_its_submissions_sorted_without_dot_lock_or_region_target_files(tmp_path):
    from xnkc.read.collect import collect

    (tmp_path / "sub").mkdir()
    write(
        tmp_path,
        b__yaml=B,
        a__yml=A,
        c__xlsx="x",
        d__csv="x",
        e__txt="x",
        __hidden__yaml=A,
        **{"~$lock__xlsx": "x"},
        rt__yaml="# 分解目标\n\nkind: region_targets\nregions: {}\n",
        rt2__yaml="kind: 'region_targets'  # quoted\nregions: {}\n",
        notrt__yaml="values: {}\nkind: region_targets\n",
    )
    (tmp_path / "sub" / "x.yaml").write_text(A, encoding="utf-8")
    found = [os.path.basename(p) for p in collect([str(tmp_path)])]
    assert found == ["a.yml", "b.yaml", "c.xlsx", "d.csv", "notrt.yaml"]


def test_a_file_named_twice_is_read_once_and_a_directory_without_submissions_is_an_error(tmp_path):
    from xnkc.common.findings import FindingsError
    from xnkc.read.collect import collect

    (a,) = write(tmp_path, a__yaml=A)
    assert collect([a, str(tmp_path), a]) == [a]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FindingsError) as exc:
        collect([str(empty)])
    assert [f.code for f in exc.value.findings] == ["XK625"]
    res = run_xnkc("check", str(empty))
    assert res.code == 2
    assert finding_lines(res.err) == [
        f"{empty}:1:1: error [XK625] 目录中没有可读的报送文件(*.yaml、*.yml、*.xlsx、*.csv)"
        " — 检查目录;以 . 或 ~$ 开头的文件和分解目标文件不计"
    ]


def test_check_of_a_directory_equals_check_of_its_files(tmp_path):
    write(tmp_path, a__yaml=A, b__yaml=B, __c__yaml="not: [valid")
    by_dir = run_xnkc("check", str(tmp_path), "--format", "json")
    by_files = run_xnkc("check", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "json")
    assert by_dir.code == by_files.code == 0
    assert by_dir.json() == by_files.json()


def test_a_bad_file_among_several_stops_with_all_its_findings(tmp_path):
    a, b = write(tmp_path, a__yaml=A, b__yaml=B.replace("gdp", "gpd"))
    res = run_xnkc("check", a, b)
    assert res.code == 2 and res.out == ""
    assert [ln.split(": error")[0] for ln in finding_lines(res.err)] == [f"{b}:6:5"]


# -- validate ----------------------------------------------------------------------------------------


def test_validate_checks_each_file_on_its_own_unless_combined(tmp_path):
    a, b = write(tmp_path, a__yaml=A, b__yaml=B.replace("705.0", "706"))
    alone = run_xnkc("validate", str(tmp_path), "--format", "json")
    assert alone.code == 0
    assert alone.json()["files"] == [a, b]
    both = run_xnkc("validate", "--combined", str(tmp_path), "--format", "json")
    assert both.code == 1
    assert [(e["file"], e["line"], e["column"], e["code"]) for e in both.json()["errors"]] == [
        (a, 5, 25, "XK620"),
        (b, 5, 25, "XK620"),
    ]


# -- in process: the property --------------------------------------------------------------------

VALUES = {"hitech_enterprises": 705, "gdp": 2070.5, "rd_expenditure": 30.3, "tech_smes": 2100}


@pytest.fixture(scope="module")
def shipped():
    from xnkc.plan.load import load_plan

    return load_plan(None, None)


def read(plan, name: str, text: str):
    from xnkc.compute.actuals import read_actuals
    from xnkc.read.yamlload import load_text

    return read_actuals(load_text(text, name), plan)[0]


def file_text(keys: list[str], region: bool) -> str:
    block = "".join(f"    {k}: {VALUES[k]}\n" for k in keys)
    text = f"period: 2025\nvalues:\n  2025:\n{block}"
    if region:
        text += "regions:\n  咸安区:\n    2025: {hitech_enterprises: 160}\n"
    return text


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(st.sampled_from(sorted(VALUES)), min_size=1, unique=True), st.booleans()),
        min_size=2,
        max_size=5,
    ),
    st.randoms(use_true_random=False),
)
def test_combining_files_that_agree_in_any_order_gives_the_same_result(shipped, files, rnd):
    from xnkc.compute.combine import combine

    parts = [read(shipped, f"f{i}.yaml", file_text(keys, region)) for i, (keys, region) in enumerate(files)]
    shuffled = parts[:]
    rnd.shuffle(shuffled)
    one, two = combine(shipped, parts), combine(shipped, shuffled)
    assert one.findings == two.findings == []
    assert one.actuals.values == two.actuals.values
    assert one.actuals.regions == two.actuals.regions
    assert one.actuals.origins == two.actuals.origins
    # every value given is there, with one source per file that gave it
    given_keys = {k for keys, _ in files for k in keys}
    assert set(one.actuals.values[2025]) == given_keys
    for k in given_keys:
        assert len(one.actuals.origins[(None, 2025, k)]) == sum(k in keys for keys, _ in files)


def test_combine_in_process_keeps_the_latest_in_year_period(shipped):
    from xnkc.compute.combine import combine

    a = read(shipped, "a.yaml", "period: 2025-H1\nvalues:\n  2025: {gdp: 1000}\n")
    b = read(shipped, "b.yaml", "period: 2024\nvalues:\n  2024: {gdp: 1985}\n")
    out = combine(shipped, [b, a])
    assert (out.actuals.period.label, out.actuals.period.months) == ("2025-H1", 6)
    assert out.actuals.values == {2024: {"gdp": 1985}, 2025: {"gdp": 1000}}
    assert [f.file for f in out.files] == ["a.yaml", "b.yaml"]
    assert json.dumps([f.period for f in out.files]) == '["2025-H1", "2024"]'


# -- --by unit of several files: where each value came from ---------------------------------------------


def test_by_unit_tables_of_several_files_name_each_values_source(tmp_path):
    a, b = write(tmp_path, a__yaml=A, b__yaml=B)
    md = run_xnkc("check", a, b, "--by", "unit", "--format", "markdown")
    assert md.code == 0, md.err
    header = next(ln for ln in md.out.splitlines() if ln.startswith("| 角色"))
    assert header.endswith("| 数据来源 |")
    line = next(ln for ln in md.out.splitlines() if "| 高新技术企业数 |" in ln)
    assert line.endswith(f"| {a}:5:25、{b}:5:25 |")  # both files gave 705
    intensity = next(ln for ln in md.out.splitlines() if "| 全社会研发经费投入强度 |" in ln)
    assert intensity.endswith("| 计算 |")  # 30.3 / 2070 × 100, derived
    csv = run_xnkc("check", a, b, "--by", "unit", "--format", "csv", "--lang", "en")
    head, *rows = csv.out.splitlines()
    assert head.split(",")[-1] == "value from"
    assert any(r.endswith(f",{a}:5:25、{b}:5:25") for r in rows)
    table = run_xnkc("check", a, b, "--by", "unit", "--unit", "市科技局")
    assert "数据来源" in table.out
    assert "数据来源" not in run_xnkc("check", a, b).out  # the report by indicator: JSON has the places
    one = run_xnkc("check", a, "--by", "unit", "--format", "markdown")  # one file: no such column
    assert "数据来源" not in one.out


def test_by_unit_of_several_files_writes_one_file_per_unit(tmp_path):
    a, b = write(tmp_path, a__yaml=A, b__yaml=B)
    out = tmp_path / "out"
    res = run_xnkc("check", a, b, "--by", "unit", "--format", "markdown", "-o", str(out))
    assert res.code == 0, res.err
    text = (out / "市科技局.md").read_text(encoding="utf-8")
    assert "## 市科技局" in text and f"{a}:5:25、{b}:5:25" in text
    assert (out / "市发改委.md").exists()


# -- a workbook form among the files (SPEC §9: FILE:SHEET!CELL) ---------------------------------------


def test_a_form_and_a_yaml_file_combine_and_a_conflict_names_the_cell(tmp_path):
    from forms_kit import new_form

    # rows: title 1, 报告期 2, 填报单位 3, header 4, hitech_enterprises 5, tech_smes 6; 2025年实际 is column C
    form = new_form(
        tmp_path / "jx.xlsx",
        [["id", "指标", "2025年实际"], ["hitech_enterprises", "高新技术企业数", 706], ["tech_smes", "入库", 2100]],
        unit="市经信局",
    )
    (a,) = write(tmp_path, a__yaml=A)
    res = run_xnkc("check", a, str(form), "--format", "json")
    assert res.code == 2
    assert finding_lines(res.err) == [
        f"{a}:5:25: error [XK620] 高新技术企业数(2025)与 {form}:填报!C5 的值不同:705 ≠ 706;两个值都不采用"
        " (values.2025.hitech_enterprises) — 与报送单位核实后改正其中一个文件",
        f"{form}:填报!C5: error [XK620] 高新技术企业数(2025)与 {a}:5:25 的值不同:706 ≠ 705;两个值都不采用"
        " (values.2025.hitech_enterprises) — 与报送单位核实后改正其中一个文件",
    ]
    smes = rows(res.json())["tech_smes"]
    assert smes["actual"] == 2100
    assert smes["provenance"] == {"file": str(form), "line": 6, "column": 3, "sheet": "填报", "cell": "C6"}
    merged = run_xnkc("merge", str(tmp_path), "-o", str(tmp_path / "out.yaml"))
    assert merged.code == 2 and not (tmp_path / "out.yaml").exists()
