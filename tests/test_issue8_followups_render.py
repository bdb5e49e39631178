"""Follow-ups from a review of issue 8 (tables, templates, formats): points 4, 5, 22, 23 and 25
of the reviewer's list, as a user meets them at the prompt. Every expected value is worked out
from the plan's own numbers (data/targets.yaml, data/projects.yaml)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from rich.cells import cell_len

from conftest import EXAMPLES, out, run_xnkc
from conftest import run_cached as run

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
Q3 = str(EXAMPLES / "2025-q3.yaml")


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
    from xnkc.plan.load import load_plan

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


# == point 25: narrow terminals keep names usable ====================================================

NARROW_COMMANDS = {
    "check": ("check", ANNUAL),
    "check --by unit": ("check", ANNUAL, "--by", "unit"),
    "check --unit": ("check", ANNUAL, "--unit", "市经信局"),
    "check --by region": ("check", Q3, "--by", "region"),
    "targets": ("targets",),
    "projects": ("projects",),
    "projects with progress": ("projects", ANNUAL),
    "projects --by unit": ("projects", "--by", "unit"),
}
NAME_HEADERS = ("指标", "名称", "正文承诺", "indicator", "name", "commitment")
_ASCII = re.compile(r"[!-~]+")


def _tokens(text: str) -> set[str]:
    """Numbers and English words in the tables' bodies (brackets and the ':' of 'lead:' dropped:
    a narrow table writes 高新技术企业数(家), 牵头:…)."""
    runs = (w for table in tables(text) for cells in table["body"] for c in cells for w in _ASCII.findall(c))
    return {w for run in runs for w in re.split("[():]", run) if len(w) > 1}


def _left_out(text: str, width: int, lang: str) -> list[str]:
    marker = f"因终端只有 {width} 列宽,未显示:" if lang == "zh" else f"left out to fit {width} columns: "
    lines = text.splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith(marker.rstrip()))
    note = ("" if lang == "zh" else " ").join(lines[start:])
    return note[len(marker) :].strip().split(";")[0].split("、" if lang == "zh" else ", ")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [40, 30])
@pytest.mark.parametrize("name", list(NARROW_COMMANDS))
def test_narrow_terminal_keeps_every_name_usable_and_every_value_whole(name, width, lang):
    args = (*NARROW_COMMANDS[name], "--lang", lang)
    narrow, wide = out(*args, columns=width), out(*args)
    assert max(cell_len(x) for x in narrow.splitlines()) <= width
    found = tables(narrow)
    assert found and len(found) == len(tables(wide))
    for table in found:
        # the name column is never left out (a totals table: its first, 区域 or 牵头)
        names = [h for h in table["headers"] if h in NAME_HEADERS] or table["headers"][:1]
        k = table["headers"].index(names[0])
        # the widest line of the name column: at least 4 汉字 (8 cells), as the wide table needs it
        used = max(cell_len(cells[k].strip()) for cells in table["body"])
        assert used >= 8, (names[0], used)
        for j, h in enumerate(table["headers"]):  # no column squeezed to a sliver
            assert max(cell_len(cells[j].strip()) for cells in table["body"]) >= 1, h
    # no number or English word is cut: each one shown narrow is one the wide table shows
    assert _tokens(narrow) <= _tokens(wide), sorted(_tokens(narrow) - _tokens(wide))


def test_targets_at_40_and_30_columns_leave_out_in_the_stated_order():
    # 附件1-1 全社会研发经费投入年均增长率: 10 / 12.5 / 15 (%), 2024 / 2025 / 2026
    at40 = out("targets", columns=40)
    table = tables(at40)[0]
    assert table["headers"] == ["指标", "2024", "2025", "2026"]  # was 序号 9 wide, 指标 2 ("指/标")
    first = logical_rows(table, "2026")[0]
    assert first == {"指标": "全社会研发经费投入年均增长率(%)", "2024": "10", "2025": "12.5", "2026": "15"}
    assert _left_out(at40, 40, "zh") == ["配合", "出处", "牵头", "序号"]
    assert len(at40.splitlines()) < 400  # was 1183 lines, one character a line
    at30 = out("targets", columns=30)
    table = tables(at30)[0]
    assert table["headers"] == ["指标", "2025", "2026"]  # the years go from the left; 2026 stays
    assert logical_rows(table, "2026")[0] == {"指标": "全社会研发经费投入年均增长率(%)", "2025": "12.5", "2026": "15"}
    assert _left_out(at30, 30, "zh") == ["配合", "出处", "牵头", "序号", "2024"]
    en = out("targets", "--lang", "en", columns=40)
    assert tables(en)[0]["headers"] == ["indicator", "2024", "2025", "2026"]
    assert _left_out(en, 40, "en") == ["support", "source", "lead", "#"]
    # one year asked for: nothing but the year left to leave out, and it stays
    one = out("targets", "--year", "2025", columns=30)
    assert tables(one)[0]["headers"] == ["序号", "指标", "2025"]


def test_narrow_by_unit_puts_the_role_before_the_name():
    # 市经信局 leads 附件1-20 实施重点技术改造项目 (2025 target 30; the example reports 36)
    text = out("check", ANNUAL, "--by", "unit", columns=30)
    table = tables(text)[0]
    assert "角色" not in table["headers"] and "角色" not in _left_out(text, 30, "zh")
    rows = logical_rows(table, "实际")
    assert all(r["指标"].startswith(("牵头:", "配合:")) for r in rows)
    miit = tables(text)[next(i for i, x in enumerate(text.split("┏")) if x.rstrip().endswith("市经信局"))]
    row = next(r for r in logical_rows(miit, "实际") if "实施重点技术改造项目" in r["指标"])
    assert row == {"指标": "牵头:实施重点技术改造项目(个)", "实际": "36", "状态": "已完成"}
    # at 40 the role keeps its column (the 目标 column goes first)
    assert tables(out("check", ANNUAL, "--by", "unit", columns=40))[0]["headers"][0] == "角色"


def test_narrow_promises_table_keeps_numbers_in_names_whole():
    # 一 "全社会研发经费投入强度达到1.8%以上" (附件1-2's 2026 target 1.8): at 40 columns rich cut it as
    # "1./8%"; 二(三)9 新增“新物种”企业80家 so far 2024–2025: the example reports 27 + 21 = 48
    at40 = out("check", ANNUAL, columns=40)
    assert any("1.8%以上" in line for line in at40.splitlines())
    species = next(r for r in logical_rows(tables(at40)[2], "实际") if "新物种" in r["正文承诺"])
    assert species["实际"].replace(" ", "") == "48(2024–2025)"  # may break at its space
    at30 = out("check", ANNUAL, columns=30)
    links = tables(at30)[2]
    assert links["headers"] == ["正文承诺", "实际", "状态"]
    species = next(r for r in logical_rows(links, "实际") if "新物种" in r["正文承诺"])
    assert species["实际"] == "Σ48"


def test_narrow_projects_with_progress_in_english_names_what_it_left_out():
    # 附件2-1 华中健康饮品研发中心: 80.0 % invested (the example's figure against its investment)
    text = out("projects", ANNUAL, "--lang", "en", columns=30)
    table = tables(text)[0]
    assert table["headers"] == ["name", "invested share"]
    left = ["support", "lead", "region", "#", "investment (亿元)", "invested (亿元)", "status"]
    assert _left_out(text, 30, "en")[:7] == left
    first = logical_rows(table, "invested share")[0]
    assert first == {"name": "华中健康饮品研发中心", "invested share": "80.0%"}  # 1.6 of 2 亿元
    # the totals table: 其中共同项目 and 未列明 go; 附件2's listed total 70.6 亿元 stays
    totals = tables(text)[1]
    assert totals["headers"] == ["region", "projects", "investment (亿元)".replace(" ", "")]
