"""Fill-in forms (SPEC §9, issue 10 points 4–5): .xlsx and CSV read as strictly as YAML.

A form is read into a Document shaped like a YAML actuals file and then goes through the same
``read_actuals``: the round trips below compare ``check --format json`` of a filled form with the
equivalent YAML file, whole. Workbooks are built and filled with openpyxl in the tests; a formula
with a saved result gets its ``<v>`` written into the sheet XML (tests/forms_kit.py says why).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run_xnkc
from forms_kit import cache_formula, fill, new_form, row_of
from xnkc.common.findings import FindingsError

HEADER = ["id", "序号", "指标", "单位", "2025年目标", "2024年实际", "2025年实际"]


def _load(path: Path, plan=None):
    from xnkc.compute.submission import load_document

    return load_document(str(path), plan)


def _read(path: Path, plan):
    from xnkc.compute.actuals import load_actuals

    return load_actuals(str(path), plan)


def _codes(exc: pytest.ExceptionInfo[FindingsError]) -> list[tuple[str, str]]:
    return [(f.code, f.location()) for f in exc.value.findings]


def _check_json(path: Path, cwd: Path) -> dict[str, Any]:
    res = run_xnkc("check", str(path), "--format", "json", cwd=cwd)
    assert res.code == 0, res.err
    assert "Traceback" not in res.err
    return res.json()


def _same_report(a: dict[str, Any], b: dict[str, Any]) -> None:
    """The two reports agree in every field except where each value came from (provenance names
    the file and its position, which differ between a form and a YAML file by design)."""

    def strip(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "provenance"} for r in rows]

    assert strip(a["indicators"]) == strip(b["indicators"])
    assert strip(a["commitments"]) == strip(b["commitments"])
    for key in ("year", "period", "time_progress", "summary", "commitments_summary"):
        assert a[key] == b[key], key


# -- round trips -------------------------------------------------------------------------------------


def test_template_xlsx_filled_reads_like_the_equivalent_yaml(tmp_path: Path) -> None:
    form = tmp_path / "科技局-2025q3.xlsx"
    res = run_xnkc(
        "template", "--format", "xlsx", "--unit", "市科技局", "--year", "2025", "--period", "2025-Q3", "-o", str(form)
    )
    assert res.code == 0, res.err
    fill(form, {}, insert_blank_row=row_of(form, "tech_smes"))  # a blank row between two rows
    row = {ident: row_of(form, ident) for ident in ("hitech_enterprises", "tech_smes", "hitech_va_share")}
    row |= {i: row_of(form, i) for i in ("tech_contract_value", "center_talent", "center_projects", "rd_intensity")}
    row |= {i: row_of(form, i) for i in ("hitech_zone_rank", "rd_expenditure", "sti_projects")}
    # header: id 序号 指标 单位 2025年目标 2024年实际 2025年实际 说明 → F is 2024, G is 2025
    cells = {
        f"G{row['hitech_enterprises']}": "705",  # a number typed as text
        f"G{row['tech_smes']}": "1,234",  # thousands separator
        f"G{row['hitech_va_share']}": "16.8%",  # a percent string on a % indicator
        f"G{row['tech_contract_value']}": "=100+30",  # a formula: its saved result 130 below
        f"G{row['center_talent']}": "１５",  # full-width digits
        f"G{row['center_projects']}": 2,  # a number
        f"G{row['rd_intensity']}": 0.0155,  # percent-formatted: Excel shows 1.55%
        f"G{row['hitech_zone_rank']}": "—",  # not reported
        f"F{row['rd_expenditure']}": 28.6,  # last year's, for the growth rate
        f"G{row['rd_expenditure']}": 21.5,
        f"G{row['sti_projects']}": "/",  # not reported
    }
    fill(form, cells, percent=(f"G{row['rd_intensity']}",), hidden_rows=(row["center_projects"],))
    cache_formula(form, f"G{row['tech_contract_value']}", 130)  # last: openpyxl drops saved results
    yaml_file = tmp_path / "same.yaml"
    yaml_file.write_text(
        "period: 2025-Q3\nvalues:\n  2024:\n    rd_expenditure: 28.6\n  2025:\n"
        "    hitech_enterprises: 705\n    tech_smes: 1234\n    hitech_va_share: 16.8\n"
        "    tech_contract_value: 130\n    center_talent: 15\n    center_projects: 2\n"
        "    rd_intensity: 1.55\n    rd_expenditure: 21.5\n",
        encoding="utf-8",
    )
    got, want = _check_json(form, tmp_path), _check_json(yaml_file, tmp_path)
    _same_report(got, want)
    actual = {r["id"]: r["actual"] for r in got["indicators"]}
    assert actual["hitech_enterprises"] == 705 and actual["tech_smes"] == 1234
    assert actual["hitech_va_share"] == 16.8 and actual["tech_contract_value"] == 130
    assert actual["center_talent"] == 15 and actual["center_projects"] == 2
    assert actual["rd_intensity"] == pytest.approx(1.55)  # 0.0155 × 100
    assert actual["hitech_zone_rank"] is None and actual["sti_projects"] is None
    assert got["period"] == "2025-Q3" and got["time_progress"] == 0.75  # 9 months / 12


def test_csv_form_reads_like_the_equivalent_yaml(tmp_path: Path) -> None:
    res = run_xnkc("template", "--format", "csv", "--unit", "市经信局", "--year", "2025")
    assert res.code == 0, res.err
    rows = list(csv.reader(io.StringIO(res.out.lstrip("\ufeff"))))
    header = rows[3]
    assert header[:5] == ["id", "序号", "指标", "单位", "2025年目标"] and rows[1] == ["报告期", "2025"]
    value_col, prev_col = header.index("2025年实际"), header.index("2024年实际")
    filled = {"hitech_enterprises": "705", "tech_smes": "２０５０", "industrial_investment": "1,234.5"}
    for r in rows[4:]:
        if r[0] in filled:
            r[value_col] = filled[r[0]]
        if r[0] == "industrial_investment":
            r[prev_col] = "1100"
    rows.insert(6, [])  # a blank line
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    form = tmp_path / "经信局.csv"
    form.write_bytes(out.getvalue().encode("gb18030"))  # as Chinese Excel/WPS saves "CSV"
    yaml_file = tmp_path / "same.yaml"
    yaml_file.write_text(
        "period: 2025\nvalues:\n  2024:\n    industrial_investment: 1100\n  2025:\n"
        "    hitech_enterprises: 705\n    tech_smes: 2050\n    industrial_investment: 1234.5\n",
        encoding="utf-8",
    )
    got = _check_json(form, tmp_path)
    _same_report(got, _check_json(yaml_file, tmp_path))
    growth = {r["id"]: r["actual"] for r in got["commitments"]}["industrial_investment_growth"]
    assert growth == pytest.approx((1234.5 / 1100 - 1) * 100)  # 12.227…%: derived from the two years


def test_region_government_form_puts_its_rows_under_its_region(tmp_path: Path, plan) -> None:
    """通城县人民政府's form: rows with 区域 通城县 (or empty: the unit's region) are the region's;
    a row marked 全市 is the city's; an alias (通城) is the region."""
    path = new_form(
        tmp_path / "通城.xlsx",
        [
            ["id", "指标", "2025年实际", "区域"],
            ["hitech_enterprises", "高新技术企业数", 160, "通城县"],
            ["tech_smes", "入库科技型中小企业数", 300, ""],
            ["rd_expenditure", "", 3.2, "通城"],
            ["provincial_hitech_zones", "", 3, "全市"],
        ],
        unit="通城县人民政府",
    )
    doc = _load(path, plan)
    assert doc.data["regions"] == {
        "通城县": {2025: {"hitech_enterprises": 160, "tech_smes": 300, "rd_expenditure": 3.2}}
    }
    assert doc.data["values"] == {2025: {"provincial_hitech_zones": 3}}
    actuals, _ = _read(path, plan)
    assert actuals.regions["通城县"][2025]["tech_smes"] == 300.0
    assert actuals.unit == "通城县人民政府"


def test_vertical_merge_in_the_id_column_fills_each_row(tmp_path: Path, plan) -> None:
    """One indicator over two region rows, its id cell merged down: both rows are that indicator."""
    path = new_form(
        tmp_path / "merged.xlsx",
        [["id", "区域", "2025"], ["hitech_enterprises", "咸安区", 160], [None, "赤壁市", 140]],
        title=None,
    )
    import openpyxl

    book = openpyxl.load_workbook(path)
    book["填报"].merge_cells("A3:A4")
    book.save(path)
    doc = _load(path, plan)
    assert doc.data["regions"] == {
        "咸安区": {2025: {"hitech_enterprises": 160}},
        "赤壁市": {2025: {"hitech_enterprises": 140}},
    }


def test_layout_details(tmp_path: Path, plan) -> None:
    """The sheet 填报 wins over the first; headers 2025.0 and 2025年数据 are value columns; 目标
    columns and columns without a year are ignored; an Excel date period is YYYY-MM; a merged
    title row after the header is skipped; trailing empty rows do not matter."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "封面"
    book.active["A1"] = "id"  # the first sheet is not the form: 填报 is
    ws = book.create_sheet("填报")
    ws.append(["报告期", datetime.datetime(2025, 9, 30)])
    ws.append(["ID", "指标", "2025年目标", 2025.0, "2024年数据", "备注"])
    ws.append(["一、科技创新"])
    ws.merge_cells("A3:F3")
    ws.append(["hitech_enterprises", "高新技术企业数", 720, 705, 668, "同比增长"])
    ws.append([None, None, None, None, None, "备注只写给人看"])
    ws.cell(row=40, column=1).number_format = "0.0"  # a formatted but empty cell far below
    book.save(tmp_path / "f.xlsx")
    doc = _load(tmp_path / "f.xlsx", plan)
    assert doc.data == {
        "period": "2025-09",
        "values": {2025: {"hitech_enterprises": 705}, 2024: {"hitech_enterprises": 668}},
    }
    assert doc.sheet == "填报"
    assert doc.finding("XK301", ("values", 2025, "hitech_enterprises")).location().endswith("f.xlsx:填报!D4")


def test_duplicate_row_is_an_error_naming_the_first(tmp_path: Path, plan) -> None:
    path = new_form(
        tmp_path / "dup.xlsx",
        [HEADER, ["hitech_enterprises", 3, "", "", 720, None, 705], ["hitech_enterprises", 3, "", "", 720, None, 706]],
        title=None,
        period=None,
    )
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    f = exc.value.findings[0]
    assert (f.code, f.location(), f.args["first_line"]) == ("XK101", f"{path}:填报!A3", 2)


def test_same_statistic_by_id_and_by_name_is_xk315(tmp_path: Path, plan) -> None:
    path = new_form(
        tmp_path / "twice.xlsx",
        [["id", "2025"], ["hitech_enterprises", 705], ["高新技术企业数", 706]],
        title=None,
        period=None,
    )
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [("XK315", f"{path}:填报!A3")]


def test_number_rules_are_the_yaml_ones(tmp_path: Path, plan) -> None:
    """Footnote marks, a % on a count (typed, or a percent-formatted cell), text, a date, a
    negative count: the YAML reader's codes, at the cell."""
    import datetime

    path = new_form(
        tmp_path / "bad.xlsx",
        [
            ["id", "2025"],
            ["hitech_enterprises", "705①"],
            ["tech_smes", 0.5],
            ["center_talent", "暂无"],
            ["center_projects", datetime.datetime(2025, 9, 30)],
            ["sti_projects", -3],
            ["funded_projects", "16%"],
            ["hitech_va_share", 0.168],
        ],
        title=None,
        period=None,
    )
    fill(path, {}, percent=("B3", "B8"))
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [
        ("XK320", f"{path}:填报!B2"),
        ("XK306", f"{path}:填报!B3"),  # 0.5 shown as 50%: a % on a count
        ("XK302", f"{path}:填报!B4"),
        ("XK302", f"{path}:填报!B5"),
        ("XK305", f"{path}:填报!B6"),
        ("XK306", f"{path}:填报!B7"),
    ]  # B8: 0.168 under a percent format is 16.8 — valid


def test_unknown_key_and_region_and_unit_point_at_their_cells(tmp_path: Path, plan) -> None:
    path = new_form(
        tmp_path / "names.xlsx",
        [["id", "区域", "2025"], ["hitech_enterprise", "", 705], ["tech_smes", "咸安县", 300]],
        unit="市科学局",
        title=None,
        period=None,
    )
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    got = {(f.code, f.location(), f.args.get("suggest")) for f in exc.value.findings}
    assert got == {
        ("XK301", f"{path}:填报!A3", "hitech_enterprises"),
        ("XK312", f"{path}:填报!B4", "咸安区"),
        ("XK501", f"{path}:填报!B1", "市科技局"),
    }


def test_period_year_mismatch_points_at_the_period_cell(tmp_path: Path, plan) -> None:
    path = new_form(tmp_path / "p.xlsx", [["id", "2025"], ["hitech_enterprises", 705]], period="2024-Q3", title=None)
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [("XK310", f"{path}:填报!B1")]


def test_csv_positions_are_row_and_column(tmp_path: Path, plan) -> None:
    path = tmp_path / "f.csv"
    path.write_text('报告期,2025\n\nid,指标,2025\nhitech_enterprise,"高新技术\n企业数",705\n,,7\n', encoding="utf-8")
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    # the quoted name spans lines 4–5: the next record starts on line 6
    assert _codes(exc) == [("XK605", f"{path}:6:3"), ("XK301", f"{path}:4:1")]


# -- every error code of the forms --------------------------------------------------------------------


def test_xk558_without_openpyxl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, plan) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "2025"], ["hitech_enterprises", 705]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl → ImportError
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [("XK558", f"{path}:1:1")]
    assert "xnkc[excel]" in exc.value.findings[0].hint()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not a workbook at all", "XK556"),
        (b"PK\x03\x04\x14\x00\x06\x00", "XK556"),  # a truncated zip
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "XK556"),  # an old .xls renamed
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "XK557"),
    ],
)
def test_files_that_are_no_workbook(tmp_path: Path, content: bytes, code: str, plan) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(content)
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [(code, f"{path}:1:1")]


def test_xk556_a_zip_that_is_no_workbook_and_a_broken_part(tmp_path: Path, plan) -> None:
    import zipfile

    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w/>")  # a .docx renamed
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert exc.value.findings[0].code == "XK556" and "xl/workbook.xml" in exc.value.findings[0].message()
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook><broken")
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert [f.code for f in exc.value.findings] == ["XK556"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [('id,2025\nhitech_enterprises,"705\n', 2, "引号没有闭合"), ('id,2025\n"a"b,7\n', 2, "引号后面还有文字")],
)
def test_xk556_a_csv_file_with_a_broken_quote(tmp_path: Path, text: str, line: int, words: str, plan) -> None:
    """An unclosed quote would swallow every line after it: an error, never a shorter form."""
    path = tmp_path / "f.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [("XK556", f"{path}:{line}:1")] and words in exc.value.findings[0].message()


def test_xk600_zip_bomb_is_refused_before_openpyxl_opens_it(tmp_path: Path, monkeypatch, plan) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (51 * 1024 * 1024))  # 51 MB in ~50 KB
    assert path.stat().st_size < 200_000
    import openpyxl

    def never(*a, **k):  # pragma: no cover - the point: it is not called
        raise AssertionError("openpyxl opened a zip bomb")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    f = exc.value.findings[0]
    assert (f.code, f.args["limit"]) == ("XK600", 50 * 1024 * 1024) and f.args["size"] > 51 * 1024 * 1024


def test_xk601_no_header_row(tmp_path: Path, plan) -> None:
    path = new_form(tmp_path / "f.xlsx", [["指标", "2025"], ["高新技术企业数", 705]])
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [("XK601", f"{path}:填报")]


def test_xk602_no_value_column(tmp_path: Path, plan) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "指标", "2025年目标"], ["hitech_enterprises", "", 720]], title=None)
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [("XK602", f"{path}:填报!A2")]


def test_xk603_a_header_with_a_year_that_is_no_value_column(tmp_path: Path, plan) -> None:
    path = new_form(
        tmp_path / "f.xlsx",
        [["id", "2025年实际", "2025年完成率", "2025年1-9月"], ["hitech_enterprises", 705, 0.98, 700]],
        title=None,
        period=None,
    )
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [("XK603", f"{path}:填报!C1"), ("XK603", f"{path}:填报!D1")]


def test_xk604_two_columns_for_one_year(tmp_path: Path, plan) -> None:
    path = tmp_path / "f.csv"
    path.write_text("id,2025,2025年实际\nhitech_enterprises,705,706\n", encoding="utf-8")
    with pytest.raises(FindingsError) as exc:
        _load(path, plan)
    assert _codes(exc) == [("XK604", f"{path}:1:3")]
    assert exc.value.findings[0].args["other"] == "1:2"


def test_xk605_a_value_without_id(tmp_path: Path, plan) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "指标", "2025"], [None, "高新技术企业数", 705]], title=None)
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [("XK605", f"{path}:填报!C3")]


def test_xk606_a_formula_without_a_saved_result(tmp_path: Path, plan) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "2024", "2025"], ["rd_expenditure", 28.6, "=B3*1.1"]], title=None)
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [("XK606", f"{path}:填报!C3")]
    assert exc.value.findings[0].args["formula"] == "=B3*1.1"
    cache_formula(path, "C3", 31.46)  # saved in Excel: 28.6 × 1.1
    actuals, _ = _read(path, plan)
    assert actuals.values[2025]["rd_expenditure"] == 31.46


def test_xk607_xlsx_template_needs_output(tmp_path: Path) -> None:
    res = run_xnkc("template", "--format", "xlsx", "--unit", "市科技局", cwd=tmp_path)
    assert res.code == 2 and "[XK607]" in res.err and list(tmp_path.iterdir()) == []


# -- the command line -------------------------------------------------------------------------------


def test_check_validate_projects_take_a_form(tmp_path: Path) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "2025"], ["hitech_enterprises", "7O5"]], title=None)
    res = run_xnkc("check", str(path))
    assert res.code == 2 and f"{path}:填报!B3: error [XK302]" in res.err and "Traceback" not in res.err
    res = run_xnkc("validate", "--format", "json", str(path))
    assert res.code == 1
    (err,) = res.json()["errors"]
    assert (err["sheet"], err["cell"], err["line"], err["column"], err["code"]) == ("填报", "B3", 3, 2, "XK302")
    fill(path, {"B3": 705})
    assert run_xnkc("validate", str(path)).code == 0
    res = run_xnkc("projects", str(path), "--format", "json")
    assert res.code == 0 and len(res.json()["projects"]) == 11


def test_check_of_a_file_that_is_no_workbook_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "renamed.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    res = run_xnkc("check", str(path))
    assert res.code == 2 and res.err.startswith(f"{path}:1:1: error [XK556]") and "Traceback" not in res.err


# -- property: a number written to a value cell reads back equal --------------------------------------

# Excel keeps 15 significant digits of a number (and openpyxl writes 16): a number as a workbook
# can hold it has at most 15
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False).map(lambda x: float(f"{x:.15g}")),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=NUMBERS)
def test_a_number_in_a_value_cell_reads_back_equal(tmp_path_factory, plan, value: float) -> None:
    from xnkc.compute.actuals import read_actuals

    path = tmp_path_factory.mktemp("p") / "f.xlsx"
    new_form(path, [["id", "2025"], ["funded_amount", value]], title=None, period=None)
    doc = _load(path, plan)
    assert doc.data["values"][2025]["funded_amount"] == value
    actuals, _ = read_actuals(doc, plan)
    assert actuals.values[2025]["funded_amount"] == float(value)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=NUMBERS)
def test_a_number_in_a_csv_cell_reads_back_equal(tmp_path_factory, plan, value: float) -> None:
    from xnkc.compute.actuals import read_actuals

    path = tmp_path_factory.mktemp("p") / "f.csv"
    path.write_text(f"id,2025\nfunded_amount,{value!r}\n", encoding="utf-8")
    actuals, _ = read_actuals(_load(path, plan), plan)
    assert actuals.values[2025]["funded_amount"] == float(value)


def test_validate_json_of_a_form_is_valid_json_with_cells(tmp_path: Path) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "2025"], ["hitech_enterprise", 705]], title=None)
    res = run_xnkc("validate", "--format", "json", str(path), "--lang", "en")
    doc = json.loads(res.out)
    assert [(e["code"], e["cell"]) for e in doc["errors"]] == [("XK301", "A3")]


# -- fuzz: any grid is read or refused with findings, never a crash -----------------------------------

WORDS = [
    "id", "2025", "2024年实际", "2025年目标", "2025年1-9月", "区域", "全市", "咸安", "火星", "报告期", "2025-Q3",
    "填报单位", "通城县人民政府", "hitech_enterprises", "高新技术企业数", "rd_expenditure", "rd_growth",
    "705", "—", "", "1,2", "16%", "-5", "1e400", "３", "x",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grid=st.lists(st.lists(st.sampled_from(WORDS), max_size=6), max_size=8))
def test_any_csv_grid_is_read_or_refused_with_findings(tmp_path_factory, plan, grid: list[list[str]]) -> None:
    from xnkc.compute.actuals import read_actuals
    from xnkc.compute.derive import resolve

    path = tmp_path_factory.mktemp("g") / "f.csv"
    out = io.StringIO()
    csv.writer(out).writerows(grid)
    path.write_text(out.getvalue(), encoding="utf-8")
    try:
        actuals, _ = read_actuals(_load(path, plan), plan)
    except FindingsError as exc:
        assert exc.findings and all(f.file == str(path) for f in exc.findings)  # each at a place in the form
        return
    resolve(plan, actuals)


# -- the remaining paths of the reader -----------------------------------------------------------------


def test_xk104_xk600_a_file_over_10_mb_and_a_zip_of_too_many_parts(tmp_path: Path, plan) -> None:
    import zipfile

    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(10 * 1024 * 1024 + 1)  # one byte over the 10 MB a form may have on disk
    with pytest.raises(FindingsError) as exc:
        _load(big, plan)
    assert [(f.code, f.args["size"]) for f in exc.value.findings] == [("XK104", 10 * 1024 * 1024 + 1)]
    many = tmp_path / "many.xlsx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(4097):
            z.writestr(f"x/{i}", "")
    with pytest.raises(FindingsError) as exc:
        _load(many, plan)
    assert [(f.code, f.args["parts"]) for f in exc.value.findings] == [("XK600", 4097)]


def test_a_missing_form_is_xk100_and_exit_2(tmp_path: Path, plan) -> None:
    for name in ("gone.xlsx", "gone.csv"):
        with pytest.raises(FindingsError) as exc:
            _load(tmp_path / name, plan)
        assert _codes(exc) == [("XK100", f"{tmp_path / name}:1:1")] and exc.value.unusable_path
    res = run_xnkc("check", str(tmp_path / "gone.xlsx"))
    assert res.code == 2 and "[XK100]" in res.err


def test_a_workbook_of_chart_sheets_only_has_no_header(tmp_path: Path, monkeypatch, plan) -> None:
    """openpyxl 3.1 cannot even load the chart-sheet-only workbook it writes (XK556); should a
    version load it, the reader says there is no sheet to read (XK601), never an IndexError."""
    import openpyxl

    book = openpyxl.Workbook()
    book.create_chartsheet("图表")
    book.remove(book.active)
    book.save(tmp_path / "chart.xlsx")
    with pytest.raises(FindingsError) as exc:
        _load(tmp_path / "chart.xlsx", plan)
    assert _codes(exc) == [("XK556", f"{tmp_path / 'chart.xlsx'}:1:1")]
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: book)
    with pytest.raises(FindingsError) as exc:
        _load(tmp_path / "chart.xlsx", plan)
    assert _codes(exc) == [("XK601", f"{tmp_path / 'chart.xlsx'}:1:1")]


def test_formulas_without_results_in_the_period_and_id_cells(tmp_path: Path, plan) -> None:
    path = new_form(
        tmp_path / "f.xlsx",
        [["id", "2025"], ['=CONCAT("hitech_","enterprises")', 705], ["tech_smes", 2050]],
        period="=TEXT(2025,0)",
        title=None,
    )
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [("XK606", f"{path}:填报!B1"), ("XK606", f"{path}:填报!A3")]


def test_a_form_without_rows_has_no_values(tmp_path: Path, plan) -> None:
    path = new_form(tmp_path / "f.xlsx", [["id", "指标", "2025年实际"]], title=None)
    with pytest.raises(FindingsError) as exc:
        _read(path, plan)
    assert _codes(exc) == [("XK316", f"{path}:填报!A2")]


def test_provenance_of_a_form_value_names_its_cell(tmp_path: Path) -> None:
    """check --format json: a value from a workbook is located like a finding, FILE:SHEET!CELL;
    one from a CSV form by row and column."""
    path = new_form(tmp_path / "f.xlsx", [["id", "指标", "2025"], ["hitech_enterprises", "", 705]], title=None)
    rows = {r["id"]: r for r in _check_json(path, tmp_path)["indicators"]}
    # 报告期 is row 1, the header row 2, hitech_enterprises row 3; its value in column C
    assert rows["hitech_enterprises"]["provenance"] == {
        "file": str(path),
        "line": 3,
        "column": 3,
        "sheet": "填报",
        "cell": "C3",
    }
    csv_path = tmp_path / "f.csv"
    csv_path.write_text("id,2025\nhitech_enterprises,705\n", encoding="utf-8")
    rows = {r["id"]: r for r in _check_json(csv_path, tmp_path)["indicators"]}
    assert rows["hitech_enterprises"]["provenance"] == {"file": str(csv_path), "line": 2, "column": 2}
