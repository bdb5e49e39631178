"""``xnkc template --format xlsx|csv`` (SPEC §9 "Form layout", issue 10 point 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_xnkc


def _book(path: Path):
    import openpyxl

    return openpyxl.load_workbook(path)


@pytest.fixture(scope="module")
def kjj(tmp_path_factory) -> Path:
    """市科技局's 2025-Q3 form."""
    path = tmp_path_factory.mktemp("t") / "kjj.xlsx"
    res = run_xnkc(
        "template", "--format", "xlsx", "--unit", "市科技局", "--year", "2025", "--period", "2025-Q3", "-o", str(path)
    )
    assert res.code == 0 and res.out == "" and res.err == "", res.err
    return path


def test_layout_of_the_form(kjj: Path, plan) -> None:
    book = _book(kjj)
    assert book.sheetnames == ["填报", "说明"]
    ws = book["填报"]
    assert [ws["A2"].value, ws["B2"].value] == ["报告期", "2025-Q3"]
    assert [ws["A3"].value, ws["B3"].value] == ["填报单位", "市科技局"]
    header = [c.value for c in ws[4]]
    assert header == ["id", "序号", "指标", "单位", "2025年目标", "2024年实际", "2025年实际", "说明"]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=5)}
    # 附件1-3: 市科技局 leads; the 2025 target is 720 (data/targets.yaml)
    assert rows["hitech_enterprises"] == ["hitech_enterprises", 3, "高新技术企业数", "家", 720, None, None, "牵头"]
    assert rows["rd_expenditure"][:5] == ["rd_expenditure", None, "全社会研发经费投入", "亿元", None]
    # the same rows as the YAML template of the unit, in the same order (compute.fillin decides both)
    from xnkc.compute.fillin import fill_in

    chosen = fill_in(plan, "市科技局").city
    assert list(rows) == [r.metric.id for r in chosen.rows] + chosen.raw
    assert ws.freeze_panes == "D5"
    notes = "\n".join(str(c.value) for c in book["说明"]["A"])
    assert "怎样填写" in notes and "2025-Q3" in notes and "xnkc check" in notes


def test_value_cells_are_open_and_validated_the_rest_locked(kjj: Path) -> None:
    ws = _book(kjj)["填报"]
    assert ws.protection.sheet and not ws.protection.password  # protected, no password (SPEC §9)
    header = [c.value for c in ws[4]]
    value_col, prev_col = header.index("2025年实际") + 1, header.index("2024年实际") + 1
    open_cells = {(c.row, c.column) for row in ws.iter_rows() for c in row if not c.protection.locked}
    by_id = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    expected = {(2, 2)} | {(r, value_col) for r in by_id.values()}
    expected |= {(by_id["rd_expenditure"], prev_col)}  # 附件1-1 rd_growth: last year's 研发经费 too
    assert open_cells == expected
    validated = {str(ref) for dv in ws.data_validations.dataValidation for ref in dv.sqref.ranges}
    from openpyxl.utils import get_column_letter

    assert validated == {f"{get_column_letter(c)}{r}" for r, c in expected - {(2, 2)}}
    dv = next(dv for dv in ws.data_validations.dataValidation if f"G{by_id['hitech_enterprises']}" in dv.sqref)
    assert dv.type == "decimal" and dv.showInputMessage and "高新技术企业数(家)" in dv.prompt
    growth = next(dv for dv in ws.data_validations.dataValidation if f"G{by_id['rd_growth']}" in dv.sqref)
    assert float(growth.formula1) < 0  # a growth rate may fall


def test_column_widths_fit_the_chinese_names(kjj: Path) -> None:
    ws = _book(kjj)["填报"]
    longest = max(len(ws.cell(r, 3).value or "") for r in range(5, ws.max_row + 1))
    assert ws.column_dimensions["C"].width >= 2 * longest  # a Chinese character is two columns wide


def test_unfilled_form_reads_back_as_no_data(kjj: Path) -> None:
    res = run_xnkc("validate", str(kjj))
    assert res.code == 1 and f"{kjj}:填报!A4: error [XK316]" in res.out


def test_region_government_form_fills_the_region_column(tmp_path: Path) -> None:
    path = tmp_path / "通城.xlsx"
    res = run_xnkc("template", "--format", "xlsx", "--unit", "通城县人民政府", "--year", "2025", "-o", str(path))
    assert res.code == 0, res.err
    ws = _book(path)["填报"]
    header = [c.value for c in ws[4]]
    assert "区域" in header
    regions = {ws.cell(r, header.index("区域") + 1).value for r in range(5, ws.max_row + 1)}
    assert regions == {"通城县"}
    from forms_kit import fill, row_of

    value = header.index("2025年实际") + 1
    fill(path, {ws.cell(row_of(path, "hitech_enterprises"), value).coordinate: 160})
    res = run_xnkc("check", str(path), "--unit", "通城县人民政府", "--format", "json")
    assert res.code == 0, res.err
    rows = {r["id"]: r for r in res.json()["indicators"]}
    assert rows["hitech_enterprises"]["actual"] == 160  # the region's own value (SPEC §4.1)


def test_high_tech_zone_leads_a_city_row(tmp_path: Path) -> None:
    """咸宁高新区管委会 leads 附件1-10 (a city figure): that row says 全市, the rest 咸宁高新区."""
    path = tmp_path / "高新区.csv"
    res = run_xnkc("template", "--format", "csv", "--unit", "咸宁高新区管委会", "--year", "2025", "-o", str(path))
    assert res.code == 0, res.err
    import csv

    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    col = rows[3].index("区域")
    places = {r[0]: r[col] for r in rows[4:]}
    assert places["hitech_zone_rank"] == "全市"
    assert places["hitech_enterprises"] == "咸宁高新区"


def test_never_overwrites_without_force(kjj: Path, tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_bytes(b"keep me")
    res = run_xnkc("template", "--format", "xlsx", "--unit", "市科技局", "-o", str(path))
    assert res.code == 2 and "[XK120]" in res.err and path.read_bytes() == b"keep me"
    res = run_xnkc("template", "--format", "xlsx", "--unit", "市科技局", "-o", str(path), "--force")
    assert res.code == 0 and path.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["f.xlsx"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--period", "2025-Q5"], "--period 无效:2025-Q5"),
        (["--year", "2025", "--period", "2024-Q3"], "报告期的年份应是 --year 2025"),
    ],
)
def test_bad_period(args: list[str], words: str, tmp_path: Path) -> None:
    res = run_xnkc("template", "--format", "xlsx", *args, "-o", str(tmp_path / "f.xlsx"))
    assert res.code == 2 and "[XK123]" in res.err and words in res.err
    assert not (tmp_path / "f.xlsx").exists()


def test_period_gives_the_year_and_the_yaml_template_takes_it_too() -> None:
    res = run_xnkc("template", "--unit", "市科技局", "--period", "2026-H1")
    assert res.code == 0 and "\nperiod: 2026-H1 " in res.out and "\n  2026:\n" in res.out


def test_unit_with_nothing_to_report_gets_no_form(tmp_path: Path) -> None:
    res = run_xnkc("template", "--format", "xlsx", "--unit", "市科协", "-o", str(tmp_path / "f.xlsx"))
    assert res.code == 2 and "[XK334]" in res.err and not (tmp_path / "f.xlsx").exists()


def test_xlsx_template_without_openpyxl_is_xk558(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from xnkc.plan.load import load_plan
    from xnkc.render.template_xlsx import build_form, render_xlsx

    form = build_form(load_plan(), 2025, "市科技局")
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(ImportError):
        render_xlsx(form)
    code = "import sys; sys.modules['openpyxl'] = None\nfrom xnkc.cli import main\nsys.argv = ['xnkc', *sys.argv[1:]]\nmain()"
    import subprocess

    proc = subprocess.run(
        [sys.executable, "-c", code, "template", "--format", "xlsx", "-o", str(tmp_path / "f.xlsx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "[XK558]" in proc.stderr and "xnkc[excel]" in proc.stderr
