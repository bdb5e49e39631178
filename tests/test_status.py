"""``xnkc status`` (SPEC §9, issue 10 point 6): who has reported and who has not. The expected
figures are worked out by hand from the plan's 牵头 units (data/targets.yaml), each figure's
``reporter`` being the first lead unit:

- 市人社局 leads 附件1-25/26/27 (engineers, high_skill_talent, skilled_talent): 3 figures;
- 市财政局 leads 附件1-24 fiscal_st_share, derived from fiscal_st_expenditure /
  general_budget_expenditure: the 2 statistics (a derived figure is not asked for);
- 市市场监管局 leads 附件1-6 patents_per_10k = invention_patents / population: 2 statistics.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import run_xnkc
from test_readme_json import WORDS, keys

RS = "period: 2025\nunit: 市人社局\nvalues:\n  2025: {engineers: 120, high_skill_talent: 900}\n"
CZ = "period: 2025\nunit: 市财政局\nvalues:\n  2025: {fiscal_st_expenditure: 9.1, general_budget_expenditure: 260}\n"
TC = "period: 2025\nunit: 通城县人民政府\nregions:\n  通城县:\n    2025: {hitech_enterprises: 100}\n"


def folder(tmp: Path, **files: str) -> Path:
    d = tmp / "in"
    d.mkdir()
    for name, text in files.items():
        (d / f"{name}.yaml").write_text(text, encoding="utf-8")
    return d


def entry(doc: dict, unit: str, region: str | None = None) -> dict:
    return next(u for u in doc["units"] if u["unit"] == unit and u["region"] == region)


def ids(items: list[dict]) -> list[str]:
    return [x["id"] for x in items]


def test_status_lists_what_each_unit_sent_and_what_is_missing(tmp_path):
    d = folder(tmp_path, rs=RS, cz=CZ, tc=TC)
    res = run_xnkc("status", str(d), "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    assert (doc["year"], doc["period"]) == (2025, "2025")
    rs = entry(doc, "市人社局")
    assert (rs["expected"], ids(rs["submitted"]), ids(rs["missing"])) == (
        3,
        ["engineers", "high_skill_talent"],
        ["skilled_talent"],
    )
    assert rs["missing"] == [{"id": "skilled_talent", "name": "引进培育技能型人才"}]
    assert rs["files"] == [str(d / "rs.yaml")]
    cz = entry(doc, "市财政局")
    assert (cz["expected"], ids(cz["missing"]), cz["files"]) == (2, [], [str(d / "cz.yaml")])
    sj = entry(doc, "市市场监管局")
    assert (ids(sj["submitted"]), ids(sj["missing"]), sj["files"]) == ([], ["invention_patents", "population"], [])
    tc = entry(doc, "通城县人民政府", "通城县")
    assert "hitech_enterprises" in ids(tc["submitted"]) and tc["files"] == [str(d / "tc.yaml")]
    assert "hitech_enterprises" in ids(entry(doc, "赤壁市人民政府", "赤壁市")["missing"])
    assert [f["unit"] for f in doc["files"]] == ["市财政局", "市人社局", "通城县人民政府"]
    assert doc["missing"] == sum(len(u["missing"]) for u in doc["units"])


def test_fail_on_missing_exits_1_while_anything_is_missing(tmp_path):
    d = folder(tmp_path, rs=RS)
    assert run_xnkc("status", str(d)).code == 0
    res = run_xnkc("status", str(d), "--fail-on-missing", "--format", "json")
    assert res.code == 1
    assert res.json()["missing"] > 0


def test_nothing_missing_exits_0_with_fail_on_missing(tmp_path):
    from xnkc.compute.status import expected_city, expected_regions
    from xnkc.plan.load import load_plan

    plan = load_plan(None, None)
    city = sorted({i for wanted in expected_city(plan).values() for i in wanted})
    lines = ["period: 2025", "values:", "  2025:", *(f"    {i}: 1" for i in city), "regions:"]
    for region, (_, wanted) in expected_regions(plan).items():
        lines += [f"  {region}:", "    2025:", *(f"      {i}: 1" for i in wanted)]
    d = folder(tmp_path, all="\n".join(lines) + "\n")
    res = run_xnkc("status", str(d), "--fail-on-missing", "--format", "json")
    assert res.code == 0, res.out[-500:]
    assert res.json()["missing"] == 0


def test_a_derived_figure_given_directly_covers_its_statistics(tmp_path):
    sj = "period: 2025\nunit: 市市场监管局\nvalues:\n  2025: {patents_per_10k: 5.2}\n"
    d = folder(tmp_path, sj=sj)
    doc = run_xnkc("status", str(d), "--format", "json").json()
    assert ids(entry(doc, "市市场监管局")["missing"]) == []


def test_period_counts_only_the_files_of_that_period(tmp_path):
    q3 = RS.replace("period: 2025\n", "period: 2025-Q3\n")
    d = folder(tmp_path, rs=q3)
    doc = run_xnkc("status", str(d), "--period", "2025", "--format", "json").json()
    assert doc["period"] == "2025"
    assert ids(entry(doc, "市人社局")["missing"]) == ["engineers", "high_skill_talent", "skilled_talent"]
    doc = run_xnkc("status", str(d), "--period", "2025-Q3", "--format", "json").json()
    assert ids(entry(doc, "市人社局")["missing"]) == ["skilled_talent"]
    bad = run_xnkc("status", str(d), "--period", "2025-Q5")
    assert bad.code == 2 and "XK123" in bad.err


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_every_format_names_the_unit_and_its_missing_figures(tmp_path, fmt):
    d = folder(tmp_path, rs=RS)
    res = run_xnkc("status", str(d), "--format", fmt)
    assert res.code == 0, res.err
    line = next(ln for ln in res.out.splitlines() if "市人社局" in ln)
    assert "引进培育技能型人才" in line and re.search(r"\b3\b", line) and re.search(r"\b2\b", line)
    assert "报告期 2025" in res.out or fmt == "csv"


def test_status_json_keys_are_documented(tmp_path):
    d = folder(tmp_path, rs=RS, cz=CZ, tc=TC)
    found = keys(run_xnkc("status", str(d), "--format", "json").json())
    assert found <= WORDS, sorted(found - WORDS)


# -- reporter (SPEC §9) ------------------------------------------------------------------------------


def edited_plan(tmp: Path, old: str, new: str) -> Path:
    root = Path(__file__).resolve().parent.parent
    text = (root / "data" / "targets.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp / "targets.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    (tmp / "projects.yaml").write_text((root / "data" / "projects.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_reporter_defaults_to_the_first_lead_and_a_statistic_follows_its_indicator(plan):
    # 附件1-24 fiscal_st_share: lead [市财政局, 市科技局] → 市财政局; its statistics follow it
    assert plan.reporters["fiscal_st_share"] == "市财政局"
    assert plan.reporters["fiscal_st_expenditure"] == plan.reporters["general_budget_expenditure"] == "市财政局"
    # 附件1-2 rd_intensity = rd_expenditure / gdp, lead 市科技局: gdp is asked of 市科技局
    assert plan.reporters["gdp"] == "市科技局"
    # 二(三)11 strategic_emerging_share, lead [市发改委, 市经信局, 市科技局]
    assert plan.reporters["industrial_va"] == "市发改委"


def test_a_reporter_in_targets_yaml_moves_the_figure_to_that_unit(tmp_path):
    targets = edited_plan(
        tmp_path,
        "{id: gdp, name: 地区生产总值, unit: 亿元, additive: true}",
        "{id: gdp, name: 地区生产总值, unit: 亿元, additive: true, reporter: 发改委}",
    )
    d = folder(tmp_path, rs=RS)
    doc = run_xnkc("status", str(d), "--targets", str(targets), "--format", "json").json()
    assert "gdp" in ids(entry(doc, "市发改委")["missing"])  # the alias 发改委 names 市发改委
    assert "gdp" not in ids(entry(doc, "市科技局")["missing"])
    shown = run_xnkc("targets", "--targets", str(targets), "--format", "json").json()
    assert {i["id"]: i["reporter"] for i in shown["indicators"]}["rd_intensity"] == "市科技局"


def test_an_unknown_reporter_is_an_error_in_the_plan(tmp_path):
    targets = edited_plan(
        tmp_path,
        "{id: gdp, name: 地区生产总值, unit: 亿元, additive: true}",
        "{id: gdp, name: 地区生产总值, unit: 亿元, additive: true, reporter: 市统计局}",
    )
    res = run_xnkc("validate", "--targets", str(targets))
    assert res.code == 1
    line = next(ln for ln in res.out.splitlines() if "[XK501]" in ln)
    assert "市统计局" in line and "(statistics." in line


def test_a_units_template_asks_for_what_it_reports(tmp_path):
    """SPEC §9: with ``reporter: 市教育局`` on gdp, 市教育局's template asks for gdp; the shipped
    plan's templates are unchanged (every reporter there is a lead unit already)."""
    targets = edited_plan(
        tmp_path,
        "{id: gdp, name: 地区生产总值, unit: 亿元, additive: true}",
        "{id: gdp, name: 地区生产总值, unit: 亿元, additive: true, reporter: 市教育局}",
    )
    before = run_xnkc("template", "--unit", "市教育局", "--year", "2025")
    after = run_xnkc("template", "--unit", "市教育局", "--year", "2025", "--targets", str(targets))
    assert before.code == after.code == 0, after.err
    assert "gdp:" not in before.out
    assert re.search(r"^    gdp:", after.out, re.M)


@pytest.mark.parametrize("fmt", ["html", "xlsx", "docx"])
def test_the_report_formats_show_status_too(tmp_path, fmt):
    d = folder(tmp_path, rs=RS)
    out = tmp_path / f"status.{fmt}"
    res = run_xnkc("status", str(d), "--format", fmt, "-o", str(out))
    assert res.code == 0, res.err
    if fmt == "html":
        text = out.read_text(encoding="utf-8")
    elif fmt == "xlsx":
        import openpyxl

        ws = openpyxl.load_workbook(out).active
        text = " ".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None)
    else:
        import docx

        text = " ".join(c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells)
    assert "市人社局" in text and "引进培育技能型人才" in text
    if fmt != "html":
        assert run_xnkc("status", str(d), "--format", fmt).code == 2  # bytes only with -o (XK651)


def test_a_figure_the_files_disagree_on_was_sent_and_the_conflict_is_listed(tmp_path):
    other = RS.replace("unit: 市人社局", "unit: 市人社局").replace("engineers: 120", "engineers: 121")
    d = folder(tmp_path, rs=RS, rs2=other)
    res = run_xnkc("status", str(d), "--format", "json")
    assert res.code == 0
    assert ids(entry(res.json(), "市人社局")["missing"]) == ["skilled_talent"]
    assert [ln.split("[")[1][:5] for ln in res.err.splitlines() if "[XK" in ln] == ["XK620", "XK620"]
