"""Issue 8 points 18, 24, 25, 26: the human formats.

18 an exceeded target reads 超额 N in table and markdown (JSON and CSV keep the signed gap);
24 markdown carries both status summaries and the ``*`` footnote the table prints;
25 a narrow terminal never squeezes a column to nothing or cuts a value: columns are left out in
   a stated order and one line names them;
26 CSV: headers in the output language, numbers as numbers, a UTF-8 BOM whenever it goes to a file.

Expected figures are worked out here from the plan (data/targets.yaml, data/projects.yaml) and
the example files, never copied from the program's output.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from functools import cache

import pytest
import yaml
from rich.cells import cell_len

from conftest import EXAMPLES, out, run_xnkc
from conftest import run_cached as run

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
Q3 = str(EXAMPLES / "2025-q3.yaml")
BOM = "\ufeff"


@cache
def example(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# -- reading a rich table back as a person would ---------------------------------------------------


def tables(text: str) -> list[dict]:
    """Every box table in the output: its title, headers (wrapped header lines joined) and body
    lines split into cells (stripped)."""
    lines = text.splitlines()
    found = []
    i = 0
    while i < len(lines):
        if not lines[i].startswith("┏"):
            i += 1
            continue
        title = lines[i - 1].strip() if i and not lines[i - 1].startswith(("┃", "│", "└")) else ""
        top = lines[i]
        j = i + 1
        head = []
        while not lines[j].startswith("┡"):
            head.append([c.strip() for c in lines[j].split("┃")[1:-1]])
            j += 1
        k = j + 1
        body = []
        while not lines[k].startswith("└"):
            body.append([c.strip() for c in lines[k].split("│")[1:-1]])
            k += 1
        headers = ["".join(parts) for parts in zip(*head, strict=True)]
        found.append({"title": title, "top": top, "headers": headers, "body": body})
        i = k + 1
    return found


def rows(table: dict, key: str) -> list[dict[str, str]]:
    """Logical rows: a body line whose ``key`` cell is empty continues the row above (a name or a
    header that folded); fragments are joined without spaces, as CJK text folds."""
    k = table["headers"].index(key)
    out_rows: list[list[str]] = []
    for cells in table["body"]:
        if cells[k] or not out_rows:
            out_rows.append(list(cells))
        else:
            out_rows[-1] = [a + b for a, b in zip(out_rows[-1], cells, strict=True)]
    return [dict(zip(table["headers"], r, strict=True)) for r in out_rows]


def row_named(table: dict, key: str, name: str, unit: str = "") -> dict[str, str]:
    """The row whose 指标 cell is the name, or the name with its unit as 附件1 prints it."""
    col = table["headers"][0] if table["headers"][0] not in ("序号", "#", "角色", "role") else table["headers"][1]
    for r in rows(table, key):
        if r[col] in (name, f"{name}({unit})"):
            return r
    raise AssertionError(f"no row {name} in {[r[col] for r in rows(table, key)]}")


def left_out_note(text: str, width: int, lang: str = "zh") -> list[str] | None:
    """The column names listed by the one "left out" line (wrapped lines joined), or None."""
    lines = text.splitlines()
    marker = f"因终端只有 {width} 列宽,未显示:" if lang != "en" else f"left out to fit {width} columns: "
    starts = [i for i, line in enumerate(lines) if line.startswith(marker)]
    if not starts:
        assert not any("未显示" in x or "left out" in x for x in lines)
        return None
    assert len(starts) == 1, "one line names what was left out"
    note = "".join(lines[starts[0] :]) if lang != "en" else " ".join(lines[starts[0] :])
    assert "--format markdown" in note  # how to see them
    listed = note[len(marker) :].split(";")[0]
    return listed.split("、") if lang != "en" else listed.split(", ")


# == point 18: 超额 N, not a negative gap ==============================================================


def test_exceeded_target_reads_ahead_in_the_table():
    # 附件1-4 入库科技型中小企业数: 2025 target 2050, reported 2061 → 11 over; 附件1-14 争取科技、技改资金:
    # 3000 万元, reported 3120 → 120 over; 附件1-3 高新技术企业数 720 vs 705 → 15 short
    assert example(ANNUAL)["values"][2025]["tech_smes"] == 2061
    main = tables(out("check", ANNUAL))[0]
    assert main["headers"][5:8] == ["完成率", "进度", "差距"]  # the completion bar (issue 11) sits beside 完成率
    assert row_named(main, "实际", "入库科技型中小企业数")["差距"] == "超额 11"
    assert row_named(main, "实际", "争取科技、技改资金")["差距"] == "超额 120"
    assert row_named(main, "实际", "高新技术企业数")["差距"] == "15"
    assert not any(c.startswith("-") for r in rows(main, "实际") for c in (r["差距"],))
    en = tables(out("check", ANNUAL, "--lang", "en"))[0]
    assert row_named(en, "actual", "入库科技型中小企业数")["gap"] == "ahead 11"


def test_exceeded_target_reads_ahead_in_markdown_and_stays_signed_in_json_and_csv():
    md = out("check", ANNUAL, "--format", "markdown")
    # 2061 / 2050 = 100.54 %
    assert "| 4 | 入库科技型中小企业数 | 家 | 2,050 | 2,061 | 100.5% | 超额 11 |" in md
    assert "| -11 |" not in md
    doc = run_xnkc("check", ANNUAL, "--format", "json").json()
    gap = {r["id"]: r["gap"] for r in doc["indicators"]}
    assert gap["tech_smes"] == 2050 - 2061 and gap["funded_amount"] == 3000 - 3120
    recs = {r["id"]: r for r in csv.DictReader(io.StringIO(out("check", ANNUAL, "--format", "csv")))}
    assert float(recs["tech_smes"]["差距(负数为超额)"]) == -11  # the heading says what the sign means


def test_a_rank_beaten_reads_ahead(tmp_path):
    # 附件1-10 咸宁高新区全国排名, lower is better: 2025 target ≤93; 90th place is 3 places ahead
    f = tmp_path / "rank.yaml"
    f.write_text("values:\n  2025:\n    hitech_zone_rank: 90\n", encoding="utf-8")
    main = tables(out("check", str(f)))[0]
    assert row_named(main, "实际", "咸宁高新区全国排名")["差距"] == "超额 3"


# == point 24: markdown carries what the table prints ==================================================


def _summary(counts: dict[str, int], labels: dict[str, str]) -> str:
    return ",".join(f"{labels[s]} {n}" for s, n in counts.items() if n or s != "no_target")


LABELS = {
    "met": "已完成",
    "on_track": "序时达标",
    "behind": "滞后",
    "far_behind": "明显滞后",
    "missed": "未完成",
    "no_data": "无数据",
    "no_target": "无目标",
}


@pytest.mark.parametrize("path", [ANNUAL, Q3])
def test_markdown_prints_both_summaries_and_the_footnote(path):
    md = out("check", path, "--format", "markdown")
    table = out("check", path)
    doc = run_xnkc("check", path, "--format", "json").json()
    indicators = "附件1 重点指标: " + _summary(doc["summary"], LABELS)
    promises = "正文承诺: " + _summary(doc["commitments_summary"], LABELS)
    for text in (md, table):
        lines = text.splitlines()
        assert indicators in lines and promises in lines
    # the footnote explains the * on derived / region-summed values, in both formats
    assert "* 由分项统计计算或由各区域汇总" in table.splitlines()
    assert "\\* 由分项统计计算或由各区域汇总" in md.splitlines()  # escaped: a note, not a bullet
    if path == ANNUAL:
        # a full year (f = 1): every indicator is met or missed, none on track or behind
        assert "序时达标 0,滞后 0,明显滞后 0" in indicators
        # 附件1-1 derived from rd_expenditure: (30.3 / 27.2 − 1) × 100 = 11.397 → 11.4*
        values = example(ANNUAL)["values"]
        rate = (values[2025]["rd_expenditure"] / values[2024]["rd_expenditure"] - 1) * 100
        assert f"{rate:.1f}" == "11.4"
        assert "| 1 | 全社会研发经费投入年均增长率 | % | 12.5 | 11.4* |" in md


def test_markdown_in_english_and_without_derived_values(tmp_path):
    md = out("check", ANNUAL, "--format", "markdown", "--lang", "en")
    assert any(x.startswith("附件1 indicators: met ") for x in md.splitlines())
    assert any(x.startswith("body-text commitments: met ") for x in md.splitlines())
    assert "\\* computed from component statistics or summed over regions" in md
    # nothing derived or summed: no footnote in either format
    f = tmp_path / "plain.yaml"
    f.write_text("values:\n  2025:\n    hitech_enterprises: 705\n", encoding="utf-8")
    for fmt in ("markdown", "table"):
        text = out("check", str(f), "--format", fmt)
        assert "由分项统计计算" not in text and "附件1 重点指标: " in text


# == point 25: narrow terminals ==========================================================================

COMMANDS = {
    "check": (("check", ANNUAL), "实际"),
    "check --by unit": (("check", ANNUAL, "--by", "unit"), "实际"),
    "check --by region": (("check", Q3, "--by", "region"), "实际"),
    "targets": (("targets",), "序号"),
    "projects": (("projects",), "投资额(亿元)"),
    "projects with progress": (("projects", ANNUAL), "投资额(亿元)"),
    "projects --by unit": (("projects", "--by", "unit"), "投资额(亿元)"),
}


def _columns_ok(table: dict) -> None:
    """No column squeezed to nothing: every column of the top rule is at least two cells wide."""
    segments = re.split("[┏┳┓]", table["top"])[1:-1]
    assert segments and all(cell_len(s) >= 2 for s in segments), table["top"]
    assert all(table["headers"]), table["headers"]


@pytest.mark.parametrize("width", [80, 60, 40])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_narrow_terminal_keeps_every_shown_value_whole_and_names_what_it_left_out(name, width):
    args, key = COMMANDS[name]
    wide, narrow = out(*args), out(*args, columns=width)
    assert max(cell_len(line) for line in narrow.splitlines()) <= width
    assert left_out_note(wide, 200) is None
    wide_tables, narrow_tables = tables(wide), tables(narrow)
    assert len(narrow_tables) == len(wide_tables)
    missing: list[str] = []
    for w, n in zip(wide_tables, narrow_tables, strict=True):
        _columns_ok(n)
        assert set(n["headers"]) <= set(w["headers"]) | {h for h in n["headers"] if h in w["headers"]}
        links = "正文承诺" in w["headers"]  # the table checking the promises that restate 附件1
        # 单位 goes after the name (高新技术企业数(家)), a promise's 出处 before its text: not left out
        merged = {"单位", "出处"} if links else {"单位"}
        gone = [h for h in w["headers"] if h not in n["headers"] and h not in merged]
        missing += [("核对表的" if links else "") + h for h in gone]
        if key in n["headers"] and not links:
            # every row that the wide table shows is there, with the same values in the shown columns
            wide_rows, narrow_rows = rows(w, key), rows(n, key)
            assert len(narrow_rows) == len(wide_rows)
            for wr, nr in zip(wide_rows, narrow_rows, strict=True):
                for h, v in nr.items():
                    if h in wr and h != "单位":
                        # a text may break at a space where the wide table kept it on one line
                        v, expect = v.replace(" ", ""), wr[h].replace(" ", "")
                        if h in ("指标", "名称") and "单位" in wr and "单位" not in nr:
                            assert v in (expect, f"{expect}({wr['单位']})")
                        else:
                            assert v == expect, (h, v, expect)
    listed = left_out_note(narrow, width)
    if missing:
        assert listed is not None and sorted(listed) == sorted(dict.fromkeys(missing)), (listed, missing)
    else:
        assert listed is None


@pytest.mark.parametrize("width", [80, 60, 40])
def test_narrow_main_table_keeps_name_actual_status_and_says_so(width):
    text = out("check", ANNUAL, columns=width)
    main = tables(text)[0]
    for h in ("指标", "实际", "状态"):
        assert h in main["headers"]
    row = row_named(main, "实际", "高新技术企业数", "家")
    assert row["实际"] == "705" and row["状态"] == "未完成"  # 705 < 720 at the year's end
    if "目标" in main["headers"]:
        assert row["目标"] == "720"
    listed = left_out_note(text, width)
    assert listed and "增速/需增速" in listed  # the first column to go
    if width == 60:  # the defect: 完成率 dropped silently at 60 — now it stays, or the note names it
        assert "完成率" in main["headers"] or "完成率" in listed


def test_80_columns_region_view_shows_every_region_whole():
    # SPEC §4.1: Q3 regions 160+95+70+80+45+130+120 = 700; 咸安区 160/700 = 22.857 % → 22.9%
    regions = example(Q3)["regions"]
    values = {k: v[2025]["hitech_enterprises"] for k, v in regions.items()}
    total = sum(values.values())
    assert total == 700
    text = out("check", Q3, "--by", "region", columns=80)
    table = tables(text)[0]
    assert left_out_note(text, 80) is None  # all seven regions fit at 80
    row = rows(table, "实际")[0]
    assert row["指标"] in ("高新技术企业数", "高新技术企业数(家)")
    assert row["实际"] in ("700", "700*")
    for region, v in values.items():
        name = "咸宁高新区" if region == "高新区" else region
        assert row[name].replace(" ", "") == f"{v}({v / total * 100:.1f}%)"  # value and share, whole


def test_left_out_note_in_english():
    text = out("check", ANNUAL, "--lang", "en", columns=60)
    listed = left_out_note(text, 60, "en")
    assert listed and "growth/needed" in listed


def test_layout_engine_fits_every_width_without_cutting():
    """In-process, every width from 30 to 160: no line wider than the console, no column below 2."""
    from xnkc.render.table import COMPACT, Col, layout

    cols = [
        Col("name", "指标", ["高新技术产业增加值占GDP比重", "万人发明专利拥有量"], fold=16),
        Col("unit", "单位", ["%", "件"]),
        Col("target", "目标", ["≈120±12", "5.5"], right=True),
        Col("growth", "增速/需增速", ["+0.38/+3.6", "11.0%/12.0%"], right=True),
    ]
    for width in range(30, 161):
        lay = layout(lambda applied: [c for c in cols], (COMPACT, "growth"), width)
        overhead = 2 * len(lay.cols) if lay.compact else 3 * len(lay.cols) - 1
        assert sum(lay.widths) + overhead <= width
        assert all(w >= 2 for w in lay.widths)
        for c, w in zip(lay.cols, lay.widths, strict=True):
            if c.fold is None:
                assert w >= max(cell_len(x) for x in c.cells)  # a value is never cut
        assert lay.left_out == ([] if "growth" in [c.key for c in lay.cols] else ["增速/需增速"])


# == point 26: CSV ==========================================================================================


def read_csv(text: str) -> list[dict[str, str]]:
    assert not text.startswith(BOM)  # a pipe gets no BOM
    return list(csv.DictReader(io.StringIO(text)))


def _numbers(records: list[dict[str, str]], headers: list[str]) -> None:
    """Every non-empty cell of a number column is a plain number (no "160 (22.9%)", no "1,875")."""
    for r in records:
        for h in headers:
            if r[h] != "":
                float(r[h])


CHECK_NUMBERS_ZH = ["目标", "实际", "完成率(1=100%)", "差距(负数为超额)", "序时目标", "序时进度比(1=100%)", "序时差距"]
CHECK_NUMBERS_EN = ["target", "actual", "completion (1 = 100%)", "gap (negative = exceeded)", "expected"]


@pytest.mark.parametrize("by", ["indicator", "unit"])
def test_check_csv_headers_in_chinese_numbers_as_numbers(by):
    recs = read_csv(out("check", ANNUAL, "--by", by, "--format", "csv"))
    assert {"id", "指标", "单位", "状态代码", "状态", "牵头单位", "配合单位"} <= set(recs[0])
    _numbers(recs, [*CHECK_NUMBERS_ZH, "累计实际", "累计目标", "三年合计目标"])
    hitech = next(r for r in recs if r["id"] == "hitech_enterprises")  # ids stay ids
    assert float(hitech["目标"]) == 720 and float(hitech["实际"]) == 705
    assert float(hitech["完成率(1=100%)"]) == pytest.approx(705 / 720)
    assert float(hitech["差距(负数为超额)"]) == 15
    assert hitech["状态代码"] == "missed" and hitech["状态"] == "未完成"


def test_check_csv_headers_in_english():
    recs = read_csv(out("check", ANNUAL, "--format", "csv", "--lang", "en"))
    assert {"id", "indicator", "unit", "status id", "status", "lead units"} <= set(recs[0])
    _numbers(recs, CHECK_NUMBERS_EN)
    smes = next(r for r in recs if r["id"] == "tech_smes")
    assert float(smes["gap (negative = exceeded)"]) == 2050 - 2061 and smes["status"] == "met"
    # XNKC_LANG=en works like --lang en
    assert read_csv(out("check", ANNUAL, "--format", "csv", lang="en"))[0].keys() == recs[0].keys()


def test_region_csv_splits_value_and_share():
    # Q3: 咸安区 160 of the city's 700 (the sum of the seven regions)
    text = out("check", Q3, "--by", "region", "--format", "csv")
    assert not re.search(r"\d \(\d", text)  # no "160 (22.9%)" strings
    recs = read_csv(text)
    assert list(recs[0]) == [
        "id",
        "指标",
        "单位",
        "区域",
        "数值",
        "分解目标",
        "完成率(1=100%)",
        "占全市比重(1=100%)",
        "全市实际",
    ]
    _numbers(recs, ["数值", "分解目标", "完成率(1=100%)", "占全市比重(1=100%)", "全市实际"])
    hitech = {r["区域"]: r for r in recs if r["id"] == "hitech_enterprises"}
    assert float(hitech["咸安区"]["数值"]) == 160
    assert float(hitech["咸安区"]["占全市比重(1=100%)"]) == pytest.approx(160 / 700)
    assert float(hitech["咸安区"]["全市实际"]) == 700
    assert sum(float(r["数值"]) for r in hitech.values()) == 700
    en = read_csv(out("check", Q3, "--by", "region", "--format", "csv", "--lang", "en"))
    assert {"region", "value", "share of the city (1 = 100%)", "city actual"} <= set(en[0])


def test_region_csv_with_region_targets(tmp_path):
    goals = tmp_path / "分解目标.yaml"
    goals.write_text(
        "kind: region_targets\nregions:\n  咸安区:\n    2025: {hitech_enterprises: 150}\n", encoding="utf-8"
    )
    code, text, err = run("check", Q3, "--by", "region", "--format", "csv", "--region-targets", str(goals))
    assert code == 0, err
    xianan = next(r for r in read_csv(text) if r["id"] == "hitech_enterprises" and r["区域"] == "咸安区")
    assert float(xianan["分解目标"]) == 150 and float(xianan["完成率(1=100%)"]) == pytest.approx(160 / 150)


def test_targets_csv_numbers_and_comparators_apart():
    text = out("targets", "--format", "csv")
    recs = read_csv(text)
    assert {"序号", "id", "名称", "单位", "比较", "2024", "2025", "2026", "三年合计"} <= set(recs[0])
    _numbers(recs, ["2024", "2025", "2026", "三年合计", "容差"])
    by_id = {r["id"]: r for r in recs}
    # 附件1-4: 1875 / 2050 / 2200
    assert [float(by_id["tech_smes"][y]) for y in ("2024", "2025", "2026")] == [1875, 2050, 2200]
    assert by_id["hitech_zone_rank"]["比较"] == "≤"  # a rank: at most
    # 二(四)15 每年举办对接活动50场次: 50 each year, at least
    events = by_id["matchmaking_events"]
    assert [float(events[y]) for y in ("2024", "2025", "2026")] == [50, 50, 50] and events["比较"] == "≥"
    # 二(三)9 新增“新物种”企业80家: a three-year total, not a 2026 target
    species = by_id["c9_new_species_enterprises"]
    assert float(species["三年合计"]) == 80 and species["2026"] == "" and species["2024"] == ""
    # 一 高新技术企业突破800家: by the final year only
    general = by_id["general_hitech_enterprises"]
    assert float(general["2026"]) == 800 and general["2025"] == ""
    en = read_csv(out("targets", "--format", "csv", "--lang", "en"))
    assert {"id", "name", "unit", "comparator", "2025", "plan total"} <= set(en[0])


def test_projects_csv_numbers_and_totals():
    recs = read_csv(out("projects", "--format", "csv"))
    assert {"序号", "名称", "投资额(亿元)", "区域", "牵头单位"} <= set(recs[0])
    _numbers(recs, ["序号", "投资额(亿元)"])
    invest = {int(r["序号"]): r["投资额(亿元)"] for r in recs}
    assert invest[11] == ""  # 附件2-11 lists no investment: empty, never 0 or 未列明
    # 附件2: 2 + 1 + 10 + 0.2 + 3.3 + 0.1 + 2 + 2 + 20 + 30 = 70.6 亿元 over the ten listed
    assert sum(float(v) for v in invest.values() if v) == pytest.approx(70.6)
    progress = read_csv(out("projects", ANNUAL, "--format", "csv"))
    _numbers(progress, ["已投资(亿元)", "投资完成率(1=100%)"])
    first = progress[0]
    # 附件2-1: 2 亿元 planned, 1.6 invested (examples/2025-annual.yaml) → 0.8
    assert float(first["已投资(亿元)"]) == 1.6 and float(first["投资完成率(1=100%)"]) == pytest.approx(0.8)
    assert first["项目状态代码"] == "under_construction" and first["项目状态"] == "在建"
    for by, key in (("region", "区域"), ("unit", "牵头")):
        totals = read_csv(out("projects", "--by", by, "--format", "csv"))
        _numbers(totals, ["项目数", "投资额(亿元)", "投资额未列明的项目数"])
        total = totals[-1]
        assert total[key] == "合计"
        assert (float(total["项目数"]), float(total["投资额(亿元)"]), float(total["投资额未列明的项目数"])) == (
            11,
            pytest.approx(70.6),
            1,
        )
    en = read_csv(out("projects", "--by", "region", "--format", "csv", "--lang", "en"))
    assert list(en[0])[:3] == ["region", "projects", "investment (亿元)"]


def _env() -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": ""}
    env.pop("XNKC_DATA_DIR", None)
    return env


CSV_COMMANDS = [
    ("check", ANNUAL),
    ("check", ANNUAL, "--by", "unit"),
    ("check", Q3, "--by", "region"),
    ("targets",),
    ("projects",),
    ("projects", "--by", "region"),
]


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=" ".join)
def test_csv_to_a_file_has_a_bom_on_a_pipe_none(args, tmp_path):
    piped = out(*args, "--format", "csv")
    assert not piped.startswith(BOM)
    # -o FILE (check --by unit|region -o DIR: one file each)
    target = tmp_path / "o.csv"
    assert run_xnkc(*args, "--format", "csv", "-o", str(target)).code == 0
    files = sorted(target.iterdir()) if args[0] == "check" and "--by" in args else [target]
    assert files and all(f.read_bytes().startswith(BOM.encode("utf-8")) for f in files)
    if files == [target]:
        assert target.read_text(encoding="utf-8-sig") == piped
    # a redirected stdout (`> out.csv`) is a file too
    redirected = tmp_path / "r.csv"
    with open(redirected, "wb") as f:
        proc = subprocess.run([sys.executable, "-m", "xnkc", *args, "--format", "csv"], stdout=f, env=_env())
    assert proc.returncode == 0
    assert redirected.read_bytes().startswith(BOM.encode("utf-8"))
    assert redirected.read_text(encoding="utf-8-sig") == piped


def test_no_bom_in_the_middle_of_an_appended_file_nor_on_other_formats(tmp_path):
    f = tmp_path / "log.csv"
    f.write_text("earlier\n", encoding="utf-8")
    with open(f, "ab") as fh:  # `>> log.csv`
        subprocess.run([sys.executable, "-m", "xnkc", "targets", "--format", "csv"], stdout=fh, env=_env(), check=True)
    assert BOM not in f.read_text(encoding="utf-8")
    j = tmp_path / "t.json"
    with open(j, "wb") as fh:
        subprocess.run([sys.executable, "-m", "xnkc", "targets", "--format", "json"], stdout=fh, env=_env(), check=True)
    assert not j.read_bytes().startswith(BOM.encode("utf-8"))
