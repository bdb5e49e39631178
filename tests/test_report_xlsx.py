"""Issue 11 point 2: ``check --format xlsx`` read back with openpyxl — values, number formats,
fills by status, sheets per unit and for regions; the binary format needs -o and names the extra
it needs when openpyxl is missing.

Expected figures are worked out by hand from data/targets.yaml and examples/2025-q3.yaml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import EXAMPLES, run_xnkc

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is a test dependency (pip install '.[test]')")

Q3 = str(EXAMPLES / "2025-q3.yaml")
LIGHT_HEX = {"green": "2E7D32", "yellow": "F9A825", "red": "C62828", "grey": "9E9E9E"}
STATUS_LIGHT = {
    "met": "green",
    "on_track": "green",
    "behind": "yellow",
    "far_behind": "red",
    "missed": "red",
    "no_data": "grey",
    "no_target": "grey",
}
STATUS_ZH = {"已完成": "met", "序时达标": "on_track", "滞后": "behind", "明显滞后": "far_behind", "未完成": "missed"}


def workbook(tmp_path: Path, *args: str, name: str = "report.xlsx"):
    out = tmp_path / name
    res = run_xnkc("check", Q3, *args, "--format", "xlsx", "-o", str(out))
    assert res.code == 0, res.err
    return openpyxl.load_workbook(out)


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return workbook(tmp_path_factory.mktemp("xlsx"))


def rows_by_seq(ws) -> dict:
    headers = [c.value for c in ws[1]]
    return {r[0].value: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=2)}


def test_sheets(book):
    assert book.sheetnames == ["汇总", "附件1 重点指标", "正文承诺", "区域"]


def test_indicator_values_are_numbers_with_formats(book):
    rows = rows_by_seq(book["附件1 重点指标"])
    assert len(rows) == 29
    r3 = rows[3]  # 附件1-3 高新技术企业数: target 720, actual 160+95+70+80+45+130+120 = 700
    assert r3["指标"].value == "高新技术企业数" and r3["单位"].value == "家"
    assert r3["目标"].value == 720 and r3["实际"].value == 700
    assert r3["完成率"].value == pytest.approx(700 / 720) and r3["完成率"].number_format == "0.0%"
    assert r3["差距"].value == 20  # 720 − 700
    assert r3["序时目标"].value == pytest.approx(707)  # 668 + (720 − 668) × 0.75
    assert r3["目标"].number_format == "#,##0"  # whole 家, thousands separated
    # 附件1-2 研发投入强度: 1.45 of 1.6 (%) → two decimals; completion 1.45 / 1.6 = 0.90625
    r2 = rows[2]
    assert r2["实际"].value == 1.45 and r2["实际"].number_format == "#,##0.00"
    assert r2["完成率"].value == pytest.approx(0.90625)
    # 附件1-7 技术合同成交额: expected 235 × 0.75 = 176.25 (an annual flow) → two decimals
    assert rows[7]["序时目标"].value == pytest.approx(176.25) and rows[7]["序时目标"].number_format == "#,##0.00"
    assert rows[3]["牵头"].value == "市科技局"


def test_status_cells_are_filled_in_their_light(book):
    for ws in (book["附件1 重点指标"], book["正文承诺"]):
        for row in rows_by_seq(ws).values():
            cell = row["状态"]
            status = STATUS_ZH.get(cell.value, "no_data" if cell.value == "无数据" else None)
            if status is None:  # 偏离目标区间 (a 左右 band): behind → yellow
                status = "behind"
            assert cell.fill.fgColor.rgb == "FF" + LIGHT_HEX[STATUS_LIGHT[status]], (cell.value, cell.fill.fgColor.rgb)
    # by hand: 附件1-11 累计建成省级高新区 3 ≥ 3 → met, green
    assert rows_by_seq(book["附件1 重点指标"])[11]["状态"].fill.fgColor.rgb == "FF" + LIGHT_HEX["green"]


def test_header_frozen_filter_and_widths(book):
    ws = book["附件1 重点指标"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:L30"  # 12 columns, header + 29 rows
    # the widest names, 附件1-23 咸宁科创供应链平台累计完成需求对接 (9 + 2 + 2 + 2 + 2 汉字) and 附件1-24
    # 市县财政科技支出占一般公共预算比重 (8 + 1 + 6 + 2): 17 汉字 = 34 cells, + 2 of margin
    assert ws.column_dimensions["B"].width == 36


def test_summary_sheet_counts_what_json_counts(book, tmp_path):
    data = json.loads(run_xnkc("check", Q3, "--format", "json").out)
    ws = book["汇总"]
    assert ws["A1"].value.startswith("咸宁市")
    assert ws["B3"].value == 0.75 and ws["B3"].number_format == "0%"  # 2025-Q3: 9 / 12
    counts = {r[0].value: (r[2].value, r[3].value) for r in ws.iter_rows(min_row=6) if r[0].value}
    assert counts["滞后"] == (data["summary"]["behind"], data["commitments_summary"]["behind"])
    assert sum(v[0] for v in counts.values()) == 29


def test_regions_sheet(book):
    ws = book["区域"]
    rows = {r[2].value: r for r in ws.iter_rows(min_row=2)}
    # 咸安区 160 高新技术企业 of the city's 700 (their sum) → share 160 / 700
    assert rows["咸安区"][3].value == 160
    assert rows["咸安区"][6].value == pytest.approx(160 / 700)
    assert rows["咸安区"][6].number_format == "0.0%"


def test_one_sheet_per_unit_with_by_unit(tmp_path):
    res = run_xnkc("check", Q3, "--by", "unit", "--format", "xlsx", "-o", str(tmp_path / "units"))
    assert res.code == 0, res.err
    book = openpyxl.load_workbook(tmp_path / "units" / "市人社局.xlsx")
    assert "市人社局" in book.sheetnames
    ws = book["市人社局"]
    assert [c.value for c in ws[1]][:3] == ["角色", "序号", "指标"]
    names = {r[2].value for r in ws.iter_rows(min_row=2)}
    # 市人社局 leads 附件1-25 高水平工程师, 26 高技能人才, 27 技能型人才 (data/targets.yaml)
    assert {"引进培育高水平工程师", "引进培育高技能人才", "引进培育技能型人才"} <= names


def test_xlsx_needs_o():
    res = run_xnkc("check", Q3, "--format", "xlsx")
    assert res.code == 2 and res.out == ""
    assert "[XK651]" in res.err and "-o report.xlsx" in res.err


def test_without_openpyxl_one_finding_names_the_extra(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['openpyxl'] = None\n", "utf-8")
    import os

    env = {"PYTHONPATH": os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")])}
    res = run_xnkc("check", Q3, "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"), env=env)
    assert res.code == 2, res.err
    assert "[XK650]" in res.err and "xnkc[office]" in res.err and "openpyxl" in res.err
    assert "Traceback" not in res.err
    assert not (tmp_path / "r.xlsx").exists()


@pytest.mark.parametrize("command", [("targets",), ("projects", Q3)])
def test_targets_and_projects_in_the_report_formats(tmp_path, command):
    docx = pytest.importorskip("docx")
    for fmt in ("html", "xlsx", "docx"):
        out = tmp_path / f"{command[0]}.{fmt}"
        res = run_xnkc(*command, "--format", fmt, "-o", str(out))
        assert res.code == 0, res.err
    html = (tmp_path / f"{command[0]}.html").read_text(encoding="utf-8")
    ws = openpyxl.load_workbook(tmp_path / f"{command[0]}.xlsx").active
    table = docx.Document(str(tmp_path / f"{command[0]}.docx")).tables[0]
    if command[0] == "targets":
        # 附件1-3 高新技术企业数: 650 / 720 / 800 家 in 2024–2026 (data/targets.yaml)
        row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[1] == "高新技术企业数")
        assert row[3:6] == ("650", "720", "800")
        assert "<td>高新技术企业数</td>" in html.replace(' class="w"', "")
        assert any(r.cells[1].text == "高新技术企业数" for r in table.rows)
    else:
        # 附件2-1 with progress from the Q3 file: invested 1.2 亿元, 在建
        row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "1")
        assert row[6] == "1.2" and row[8] == "在建"
        assert len(table.rows) == 1 + 11  # 附件2: 11 projects
