"""Follow-ups from a review of issue 8 (tables, templates, formats): points 4, 5, 22, 23 and 25
of the reviewer's list, as a user meets them at the prompt. Every expected value is worked out
from the plan's own numbers (data/targets.yaml, data/projects.yaml)."""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache

import pytest
from rich.cells import cell_len

from conftest import EXAMPLES, run_xnkc

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
Q3 = str(EXAMPLES / "2025-q3.yaml")


@cache
def run(*args: str, columns: int = 200, lang: str = "") -> tuple[int, str, str]:
    env = {"COLUMNS": str(columns)}
    if lang:
        env["XNKC_LANG"] = lang
    res = run_xnkc(*args, env=env)
    assert "Traceback" not in res.err
    return res.code, res.out, res.err


def out(*args: str, columns: int = 200, lang: str = "") -> str:
    code, text, err = run(*args, columns=columns, lang=lang)
    assert code == 0, err
    return text


def tables(text: str) -> list[dict]:
    """Every box table in the output: its top rule, headers (wrapped header lines joined) and
    body lines split into cells (not stripped: the widths are what is tested)."""
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("┏"):
            i += 1
            continue
        top, j, head = lines[i], i + 1, []
        while not lines[j].startswith("┡"):
            head.append(lines[j].split("┃")[1:-1])
            j += 1
        k, body = j + 1, []
        while not lines[k].startswith("└"):
            body.append(lines[k].split("│")[1:-1])
            k += 1
        headers = ["".join(p.strip() for p in parts) for parts in zip(*head, strict=True)]
        widths = [cell_len(s) for s in re.split("[┏┳┓]", top)[1:-1]]
        found.append({"headers": headers, "head": head, "body": body, "widths": widths})
        i = k + 1
    return found


def logical_rows(table: dict, key: str) -> list[dict[str, str]]:
    """A body line whose ``key`` cell is empty continues the row above (a name that folded)."""
    k = table["headers"].index(key)
    rows: list[list[str]] = []
    for cells in table["body"]:
        cells = [c.strip() for c in cells]
        if cells[k] or not rows:
            rows.append(cells)
        else:
            rows[-1] = [a + b for a, b in zip(rows[-1], cells, strict=True)]
    return [dict(zip(table["headers"], r, strict=True)) for r in rows]


def md_rows(text: str, first: str) -> list[list[str]]:
    """The rows of every Markdown table whose first header is ``first``, in order."""
    lines = text.splitlines()
    rows = []
    for start in [i for i, x in enumerate(lines) if x.startswith(f"| {first} |")]:
        for line in lines[start + 2 :]:
            if not line.startswith("|"):
                break
            rows.append([c.strip() for c in line.strip().strip("|").split(" | ")])
    return rows


# == point 4: no scientific notation in a human table ==================================================


def test_huge_investment_completion_is_written_plainly(tmp_path):
    # 附件2-6 湖北高端玻璃新材料创新联合体: investment 0.1 亿元; 1000 亿元 invested (a 万元 slip) is
    # 1000 / 0.1 = 10,000 times the investment = 1,000,000 % — was printed "1e+06%"
    f = tmp_path / "slip.yaml"
    f.write_text("values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  6: {invested: 1000}\n", encoding="utf-8")
    code, text, err = run("projects", str(f))
    assert code == 0, err
    row = next(r for r in logical_rows(tables(text)[0], "序号") if r["序号"] == "6")
    assert row["投资额(亿元)"] == "0.1" and row["已投资(亿元)"] == "1,000"
    assert row["投资完成率"] == "1,000,000%"
    md = out("projects", str(f), "--format", "markdown")
    assert md_rows(md, "序号")[5][:3] == ["6", "湖北高端玻璃新材料创新联合体", "0.1"]
    assert md_rows(md, "序号")[5][-2] == "1,000,000%"
    for text in (out("projects", str(f)), md, out("projects", str(f), "--lang", "en")):
        assert not re.search(r"\de[+-]\d", text)


def test_rates_and_values_in_words_never_in_exponent_form():
    from xnkc.render.records import num, pct

    assert pct(10_000.0) == "1,000,000%"  # 10,000 times: whole, with separators
    assert pct(99.99) == "9999.0%"  # below 10,000 %: one decimal, as before
    assert pct(0.954) == "95.4%"
    assert pct(1e13) == "1,000,000,000,000,000%"  # the largest a 1e12 value over 0.1 gives
    assert num(1e12) == "1,000,000,000,000"  # the largest value read (XK319 beyond)
    assert num(1e20) == ">1,000,000,000,000,000,000"  # only a near-zero divisor: said, not 1e+20
    assert pct(1e17) == ">1,000,000,000,000,000,000%"


# == point 5: 左右 rows show their signed distance, never 超额 =====================================

# 一 "技术合同成交额占GDP比重保持10%左右": approx 10 ± 1 (data/targets.yaml, by the plan's end)
# 二(一)1 "园区入驻企业长期保持在120家左右": approx 120 ± 12, each year


@pytest.mark.parametrize(
    ("share", "distance", "status"),
    [("11.16", "+1.16", "偏离目标区间"), ("8.84", "-1.16", "偏离目标区间"), ("10.5", "+0.5", "已完成")],
)
def test_approx_row_shows_signed_distance_from_the_target(tmp_path, share, distance, status):
    f = tmp_path / "approx.yaml"
    f.write_text(f"values:\n  2026:\n    tech_contract_gdp_share: {share}\n", encoding="utf-8")
    text = out("check", str(f))
    row = next(r for r in logical_rows(tables(text)[1], "实际") if r["指标"].startswith("技术合同成交额占GDP比重"))
    assert row["目标"] == "≈10±1" and row["实际"] == share
    assert row["差距"] == distance and row["状态"] == status
    assert "超额" not in row["差距"]
    md = out("check", str(f), "--format", "markdown")
    cells = next(r for r in md_rows(md, "序号") if r[1] == "技术合同成交额占GDP比重")
    assert cells[6] == distance and cells[8] == status
    # JSON and CSV keep the signed gap T − A
    data = json.loads(out("check", str(f), "--format", "json"))
    c = next(x for x in data["commitments"] if x["id"] == "tech_contract_gdp_share")
    assert c["gap"] == pytest.approx(10 - float(share))


def test_approx_row_in_english_and_a_plain_gap_stays_as_it_was(tmp_path):
    # 二(一)1 园区入驻企业 ≈120±12: 135 is 15 above (outside the band); 附件1-3 高新技术企业数 2025
    # target 720: 750 is 超额 30 (a higher-better target beaten)
    f = tmp_path / "park.yaml"
    f.write_text(
        "values:\n  2025:\n    offshore_park_enterprises: 135\n    hitech_enterprises: 750\n", encoding="utf-8"
    )
    text = out("check", str(f), "--lang", "en")
    park = next(r for r in logical_rows(tables(text)[1], "actual") if r["indicator"].startswith("离岸科创园入驻企业"))
    assert park["target"] == "≈120±12" and park["gap"] == "+15"
    assert park["status"].replace(" ", "") == "outsidetheband"
    hitech = next(r for r in logical_rows(tables(text)[0], "actual") if r["indicator"].startswith("高新技术企业数"))
    assert hitech["gap"] == "ahead 30"


# == point 23: targets --unit names the unit in every format =========================================

# 市经信局 leads 附件1-13 争取科技、技改项目 and 附件1-14 争取科技、技改资金 (with 市科技局), 附件1-19
# 新增省级专精特新中小企业 and 附件1-20 实施重点技术改造项目 (alone); 嘉鱼县人民政府 is one of
# 各县市区人民政府, which supports 附件1-13.
MIIT_LEADS = {"funded_projects", "funded_amount", "new_specialized_smes", "tech_renovation_projects"}


def test_targets_table_and_markdown_name_the_unit():
    text = out("targets", "--unit", "市经信局")
    assert text.splitlines()[0] == "责任单位:市经信局"
    seqs = [r["序号"] for r in logical_rows(tables(text)[0], "序号")]
    assert {"13", "14", "19", "20"} <= set(seqs)
    md = out("targets", "--unit", "经信局", "--format", "markdown")  # an alias names the same unit
    assert md.startswith("# 责任单位:市经信局\n\n| 序号 |")
    en = out("targets", "--unit", "市经信局", "--lang", "en")
    assert en.splitlines()[0] == "responsible unit: 市经信局"
    # without --unit: every unit's targets, no heading
    assert out("targets").startswith("┏") and out("targets", "--format", "markdown").startswith("| 序号 |")


def test_targets_csv_and_json_name_the_unit_and_its_role():
    recs = list(csv.DictReader(io.StringIO(out("targets", "--unit", "市经信局", "--format", "csv"))))
    assert recs and {r["责任单位"] for r in recs} == {"市经信局"}
    roles = {r["id"]: r["角色"] for r in recs}
    assert {k: roles[k] for k in MIIT_LEADS} == dict.fromkeys(MIIT_LEADS, "lead")
    county = list(csv.DictReader(io.StringIO(out("targets", "--unit", "嘉鱼县", "--format", "csv", "--lang", "en"))))
    assert {r["responsible unit"] for r in county} == {"嘉鱼县人民政府"}
    assert {r["id"]: r["role"] for r in county}["funded_projects"] == "support"
    everyone = list(csv.DictReader(io.StringIO(out("targets", "--format", "csv"))))
    assert len(everyone) > len(recs) and {r["责任单位"] for r in everyone} == {""}
    data = json.loads(out("targets", "--unit", "市经信局", "--format", "json"))
    assert data["unit_filter"] == "市经信局"
    assert {x["id"] for x in data["indicators"]} == MIIT_LEADS
    assert {x["role"] for x in data["indicators"] + data["commitments"]} == {"lead"}
    plain = json.loads(out("targets", "--format", "json"))
    assert plain["unit_filter"] is None and len(plain["indicators"]) == 29
    assert {x["role"] for x in plain["indicators"]} == {None}


# == point 22: a unit with nothing to report =========================================================

# 市委宣传部 and 市科协 are named by the plan only in 二(五)18 厚植创新创造生态, which sets no figure:
# no 附件1 row, no body-text promise with a number and no 附件2 project is theirs.


@pytest.mark.parametrize("unit", ["市委宣传部", "科协"])
def test_template_for_a_unit_with_nothing_to_report_says_so_and_writes_nothing(tmp_path, unit):
    name = {"科协": "市科协"}.get(unit, unit)
    target = tmp_path / "t.yaml"
    res = run_xnkc("template", "--unit", unit, "--year", "2025", "-o", str(target))
    assert res.code == 2 and res.out == "" and not target.exists()
    assert res.err.startswith("xnkc: error [XK334] ") and res.err.count("\n") == 1
    assert f"{name} 没有需要填报的数据" in res.err and "不用报送数据" in res.err and "Traceback" not in res.err
    en = run_xnkc("template", "--unit", unit, "--lang", "en")
    assert en.code == 2 and en.out == "" and f"[XK334] {name} has nothing to report" in en.err


def test_every_other_unit_gets_a_template_that_validates(tmp_path):
    from xnkc.plan import load_plan

    units = [u.name for u in load_plan().targets.units]
    nothing = {"市委宣传部", "市科协"}
    assert nothing <= set(units)
    for unit in ("市经信局", "市教育局", "湖北科技学院", "通城县"):
        f = tmp_path / f"{unit}.yaml"
        res = run_xnkc("template", "--unit", unit, "--year", "2025", "-o", str(f))
        assert res.code == 0, res.err
        # a clerk fills in a figure on the first field line and validates the file
        lines = f.read_text(encoding="utf-8").splitlines()
        i = next(k for k, x in enumerate(lines) if re.match(r"\s+[a-z]\w*:\s+#", x) and "原始统计量" not in x)
        lines[i] = lines[i].replace(":    #", ": 1    #", 1)
        f.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert run_xnkc("validate", str(f)).code == 0


def test_targets_for_a_unit_with_nothing_to_report_explains_it():
    text = out("targets", "--unit", "市委宣传部")
    assert "┏" not in text  # no empty table
    lines = text.splitlines()
    assert lines[0] == "责任单位:市委宣传部"
    said = "".join(lines[1:])
    assert said.startswith("市委宣传部 在方案中不牵头也不配合任何附件1指标、带数字的正文承诺或附件2项目")
    assert said.endswith("没有需要填报或核对的数据")
    md = out("targets", "--unit", "市科协", "--format", "markdown", "--lang", "en")
    assert md.startswith("# responsible unit: 市科协\n\n市科协 leads or supports no 附件1 indicator")
    assert md.rstrip().endswith("it has nothing to report")
    data = json.loads(out("targets", "--unit", "市科协", "--format", "json"))
    assert data["unit_filter"] == "市科协" and data["indicators"] == [] and data["commitments"] == []
