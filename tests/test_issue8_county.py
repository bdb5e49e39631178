"""Issue 8, points 19–23: county (region government) and unit views.

Expected numbers are worked out by hand from data/targets.yaml and examples/2025-annual.yaml:
附件1-3 高新技术企业数 2025 target 720; 附件1-25 引进培育高水平工程师 target 20 per year
(2024: 22, 2025: 19 in the example); 二(五)17 promises (市教育局 co-leads) restate 附件1-25…29.
"""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from conftest import EXAMPLES, run_xnkc

ANNUAL = str(EXAMPLES / "2025-annual.yaml")
Q3 = str(EXAMPLES / "2025-q3.yaml")
ALL_REGIONS = ["咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "咸宁高新区"]
C17 = ["c17_engineers", "c17_high_skill_talent", "c17_skilled_talent", "c17_young_talent", "c17_innovation_teams"]
TALENT = ["engineers", "high_skill_talent", "skilled_talent", "young_talent", "innovation_teams"]


def _rows(doc: dict) -> dict[str, dict]:
    return {r["id"]: r for r in doc["indicators"] + doc["commitments"]}


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _csv_records(out: str, lang: str = "zh") -> list[dict[str, str]]:
    """CSV records keyed by field name (the headers are in the output language)."""
    from xnkc.common.i18n import t
    from xnkc.render.csvfmt import CHECK_FIELDS

    field_of = {t(key, lang): name for name, key in CHECK_FIELDS.items()}
    return [
        {field_of.get(k, k): v for k, v in rec.items()} for rec in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))
    ]


def _fill(template: str, values: dict[str, float]) -> str:
    """Fill blank keys of a written template (``    key:    # comment``) with numbers."""
    out = []
    for line in template.splitlines():
        key = line.strip().split(":")[0]
        if key in values and line.split(":", 1)[1].lstrip().startswith("#"):
            indent = line[: len(line) - len(line.lstrip())]
            line = f"{indent}{key}: {values[key]}"
        out.append(line)
    return "\n".join(out) + "\n"


# -- 19: a region's government gets a regions: template and sees its region's rows ------------------


def test_template_for_a_county_is_a_regions_block(tmp_path):
    res = run_xnkc("template", "--unit", "通城县", "--year", "2025")
    assert res.code == 0, res.err
    doc = yaml.safe_load(res.out)
    assert "values" not in doc  # 通城县人民政府 leads no city figure itself
    assert list(doc["regions"]) == ["通城县"]
    fields = doc["regions"]["通城县"][2025]
    assert "hitech_enterprises" in fields and "engineers" in fields
    line = next(ln for ln in res.out.splitlines() if ln.strip().startswith("hitech_enterprises:"))
    assert "全市目标 720" in line  # the city's target, named as such: not the county's
    # filled in with county numbers, it is a normal county submission: valid, even with --strict
    filled = _write(tmp_path, "tc.yaml", _fill(res.out, {"hitech_enterprises": 95, "engineers": 3}))
    val = run_xnkc("validate", "--strict", filled)
    assert val.code == 0, val.out
    assert "XK404" not in val.out and "XK202" not in val.out


def test_template_for_a_county_with_region_targets(tmp_path):
    goals = _write(
        tmp_path,
        "goals.yaml",
        "kind: region_targets\nregions:\n  通城:\n    2025: {hitech_enterprises: 100, engineers: 2}\n",
    )
    res = run_xnkc("template", "--unit", "通城县人民政府", "--year", "2025", "--region-targets", goals)
    assert res.code == 0, res.err
    lines = {ln.strip().split(":")[0]: ln for ln in res.out.splitlines() if ":" in ln}
    assert "分解目标 100" in lines["hitech_enterprises"]
    assert "分解目标 2" in lines["engineers"]
    assert "全市目标 2050" in lines["tech_smes"]  # no 分解目标 for it: the city's, named so
    res = run_xnkc("template", "--unit", "通城县", "--year", "2025", "--region-targets", str(tmp_path / "no.yaml"))
    assert res.code == 2 and "XK100" in res.err


def test_template_for_a_region_government_that_leads_a_city_figure():
    # 咸宁高新区管委会 leads 附件1-10 (the 高新区's national rank: the city's figure); it supports the rest
    doc = yaml.safe_load(run_xnkc("template", "--unit", "高新区管委会", "--year", "2025").out)
    assert list(doc["values"][2025]) == ["hitech_zone_rank"]
    assert "hitech_enterprises" in doc["regions"]["咸宁高新区"][2025]
    assert "hitech_zone_rank" not in doc["regions"]["咸宁高新区"][2025]


def test_check_unit_county_shows_the_regions_values(tmp_path):
    county = _write(tmp_path, "tc.yaml", "regions:\n  通城县:\n    2025:\n      hitech_enterprises: 95\n")
    res = run_xnkc("check", county, "--unit", "通城县", "--format", "json")
    assert res.code == 0, res.err
    doc = res.json()
    assert doc["unit_filter"] == "通城县人民政府" and doc["region"] == "通城县"
    row = _rows(doc)["hitech_enterprises"]
    # the county's 95 against no county target: no judgement against the city's 720 (no 13.2% 未完成)
    assert (row["actual"], row["target"], row["completion"], row["gap"]) == (95, None, None, None)
    assert row["status"] == "no_target" and row["region"] == "通城县"
    assert row["share"] is None  # the city total is unknown (one county of seven)
    assert doc["summary"]["no_target"] >= 1 and doc["summary"]["missed"] == 0
    assert doc["warnings"] == []
    # with the city total known: the county's share of it, 95 / 720
    both = _write(
        tmp_path,
        "both.yaml",
        "values:\n  2025: {hitech_enterprises: 720}\nregions:\n  通城县: {2025: {hitech_enterprises: 95}}\n",
    )
    row = _rows(run_xnkc("check", both, "--unit", "通城县", "--format", "json").json())["hitech_enterprises"]
    assert row["actual"] == 95 and row["share"] == pytest.approx(95 / 720)
    table = run_xnkc("check", both, "--unit", "通城县")
    assert table.code == 0 and "通城县" in table.out.splitlines()[0]
    line = next(ln for ln in table.out.splitlines() if "高新技术企业数" in ln)
    assert "95 (13.2%)" in line and "无目标" in line and "未完成" not in line


def test_check_unit_county_against_its_region_targets(tmp_path):
    county = _write(tmp_path, "tc.yaml", "period: 2025\nregions:\n  通城县:\n    2025: {hitech_enterprises: 95}\n")
    goals = _write(
        tmp_path, "g.yaml", "kind: region_targets\nregions:\n  通城县:\n    2025: {hitech_enterprises: 100}\n"
    )
    doc = run_xnkc("check", county, "--unit", "通城县", "--region-targets", goals, "--format", "json").json()
    row = _rows(doc)["hitech_enterprises"]
    # full year: 95 of the county's 100 → 95 %, 5 short, missed
    assert (row["actual"], row["target"]) == (95, 100)
    assert row["completion"] == pytest.approx(0.95) and row["gap"] == pytest.approx(5)
    assert row["status"] == "missed"


def test_check_unit_county_without_its_data_says_so(tmp_path):
    # the defect: county numbers typed under values: were judged against the city's targets
    wrong = _write(tmp_path, "w.yaml", "values:\n  2025:\n    hitech_enterprises: 95\n")
    res = run_xnkc("check", wrong, "--unit", "通城县", "--format", "json")
    assert res.code == 0
    row = _rows(res.json())["hitech_enterprises"]
    assert row["actual"] is None and row["status"] == "no_target"
    assert ": note [XK330]" in res.err and "regions" in res.err


def test_check_unit_county_led_city_row_stays_a_city_row():
    # 嘉鱼县人民政府 co-leads 附件1-11 (累计建成省级高新区, the city's count): judged as the city's row
    doc = run_xnkc("check", ANNUAL, "--unit", "嘉鱼县", "--format", "json").json()
    row = _rows(doc)["provincial_hitech_zones"]
    assert row["region"] is None and row["target"] == 3 and row["role"] == "lead"
    assert _rows(doc)["hitech_enterprises"]["region"] == "嘉鱼县"


# -- 20: county-only submissions ---------------------------------------------------------------------


def test_regions_only_file_needs_no_values_and_raises_no_warning(tmp_path):
    county = _write(
        tmp_path, "tc.yaml", "period: 2025\nregions:\n  通城县:\n    2025: {hitech_enterprises: 95, gdp: 160}\n"
    )
    res = run_xnkc("validate", "--strict", "--format", "json", county)
    assert res.code == 0, res.out
    doc = res.json()
    assert [f for f in doc["errors"] + doc["warnings"] if f["file"] == county] == []
    chk = run_xnkc("check", county, "--format", "json")
    assert chk.code == 0, chk.err
    rows = _rows(chk.json())
    # a partial sum (one region of seven) never becomes the city's value
    assert rows["hitech_enterprises"]["actual"] is None and rows["hitech_enterprises"]["status"] == "no_data"
    assert chk.json()["regions"]["通城县"]["hitech_enterprises"]["value"] == 95
    assert chk.json()["warnings"] == []


def test_partial_regions_beside_city_values_note_not_warning(tmp_path):
    mixed = _write(
        tmp_path,
        "m.yaml",
        "values:\n  2025:\n    tech_smes: 2000\nregions:\n  咸安区:\n    2025: {hitech_enterprises: 160}\n",
    )
    res = run_xnkc("validate", "--strict", mixed)
    assert res.code == 0, res.out
    assert "note [XK404]" in res.out and "1/7" in res.out
    assert _rows(run_xnkc("check", mixed, "--format", "json").json())["hitech_enterprises"]["actual"] is None


def test_all_regions_sum_to_the_city_value(tmp_path):
    text = "regions:\n" + "".join(f"  {r}: {{2025: {{hitech_enterprises: 100}}}}\n" for r in ALL_REGIONS)
    doc = run_xnkc("check", _write(tmp_path, "all.yaml", text), "--format", "json").json()
    row = _rows(doc)["hitech_enterprises"]
    assert row["actual"] == 700 and row["origin"] == "regions"  # 7 × 100
    assert row["completion"] == pytest.approx(700 / 720)


def test_a_file_with_neither_values_nor_regions(tmp_path):
    res = run_xnkc("validate", _write(tmp_path, "p.yaml", "period: 2025\n"))
    assert res.code == 1 and "error [XK202]" in res.out and "values" in res.out


# -- 21: 分解目标 files --------------------------------------------------------------------------------


def test_validate_recognises_a_region_targets_file(tmp_path):
    goals = _write(
        tmp_path,
        "分解目标.yaml",
        "kind: region_targets\nregions:\n  咸安区:\n    2025: {hitech_enterprises: 150}\n  高新区:\n"
        "    2025: {hitech_enterprises: 130, rd_intensity: 2.5}\n",
    )
    res = run_xnkc("validate", "--strict", "--format", "json", goals)
    assert res.code == 0, res.out
    doc = res.json()
    assert [f for f in doc["errors"] + doc["warnings"] if f["file"] == goals] == []
    # and check --region-targets takes it: 160/150 and 120/130 for the Q3 example
    chk = run_xnkc("check", Q3, "--format", "json", "--region-targets", goals).json()
    assert chk["regions"]["咸安区"]["hitech_enterprises"]["completion"] == pytest.approx(160 / 150)
    assert chk["regions"]["咸宁高新区"]["hitech_enterprises"]["completion"] == pytest.approx(120 / 130)


@pytest.mark.parametrize(
    ("body", "code", "line", "column"),
    [
        ("  火星区:\n    2025: {hitech_enterprises: 150}\n", "XK312", 3, 3),  # unknown region
        ("  咸安区:\n    2025: {hitech_enterprise: 150}\n", "XK301", 4, 12),  # unknown id
        ("  咸安区:\n    2025: {hitech_enterprises: 很多}\n", "XK302", 4, 32),  # not a number
        ("  咸安区:\n    2025: {gdp: 500}\n", "XK333", 4, 12),  # a raw statistic has no target
    ],
)
def test_validate_region_targets_errors(tmp_path, body, code, line, column):
    goals = _write(tmp_path, "g.yaml", "kind: region_targets\nregions:\n" + body)
    res = run_xnkc("validate", goals)
    assert res.code == 1
    assert f"{goals}:{line}:{column}: error [{code}]" in res.out, res.out
    res = run_xnkc("check", Q3, "--region-targets", goals)
    assert res.code == 2 and f"error [{code}]" in res.err


def test_region_targets_file_shape_errors(tmp_path):
    extra = _write(tmp_path, "x.yaml", "kind: region_targets\nvalues: {}\nregions: {}\n")
    res = run_xnkc("validate", extra)
    assert res.code == 1 and f"{extra}:2:1: error [XK201]" in res.out
    # given to check as a submission: said plainly, not "unknown field kind"
    goals = _write(tmp_path, "g.yaml", "kind: region_targets\nregions:\n  咸安区: {2025: {hitech_enterprises: 150}}\n")
    res = run_xnkc("check", goals)
    assert res.code == 2 and f"{goals}:1:7: error [XK331]" in res.err and "--region-targets" in res.err


def test_old_region_targets_form_is_still_accepted(tmp_path):
    goals = _write(tmp_path, "g.yaml", "regions:\n  咸安区:\n    2025: {hitech_enterprises: 150}\n")
    doc = run_xnkc("check", Q3, "--format", "json", "--region-targets", goals).json()
    assert doc["regions"]["咸安区"]["hitech_enterprises"]["target"] == 150


# -- 22: units that lead or support a body-text promise ---------------------------------------------


def test_a_unit_leading_only_promises_gets_its_rows():
    doc = run_xnkc("check", ANNUAL, "--unit", "市教育局", "--format", "json").json()
    rows = _rows(doc)
    assert sorted(rows) == sorted(TALENT)  # the five indicators 二(五)17 restates
    assert all(r["role"] == "lead" for r in rows.values())
    eng = rows["engineers"]  # 19 of 20 in 2025; Σ 22 + 19 = 41 of the promised 60
    assert eng["completion"] == pytest.approx(19 / 20) and eng["status"] == "missed"
    assert eng["cumulative"]["actual"] == 41 and eng["cumulative"]["plan_total"] == 60
    unit = next(u for u in doc["units"] if u["unit"] == "市教育局")
    assert unit["commitments_lead"] == C17 and unit["lead"] == [] and unit["support"] == []
    assert sum(unit["summary"].values()) == 5


def test_by_unit_lists_a_promise_only_unit(tmp_path):
    out = run_xnkc("check", ANNUAL, "--by", "unit", "--format", "csv").out
    recs = [r for r in _csv_records(out) if r["unit_name"] == "市教育局"]
    assert sorted(r["id"] for r in recs) == sorted(TALENT)
    assert {r["role"] for r in recs} == {"lead"}
    assert "市教育局" in run_xnkc("check", ANNUAL, "--by", "unit").out


def test_template_for_a_promise_only_unit_is_valid(tmp_path):
    res = run_xnkc("template", "--unit", "市教育局", "--year", "2025")
    assert res.code == 0
    doc = yaml.safe_load(res.out)
    assert list(doc["values"][2025]) == TALENT  # the indicators' own ids (not the three-year totals)
    line = next(ln for ln in res.out.splitlines() if ln.strip().startswith("engineers:"))
    assert "目标 20" in line and "牵头" in line and "二(五)17" in line
    example = {"engineers": 19, "high_skill_talent": 1500, "skilled_talent": 9800, "young_talent": 61}
    filled = _write(tmp_path, "edu.yaml", _fill(res.out, {**example, "innovation_teams": 3}))
    val = run_xnkc("validate", "--strict", filled)
    assert val.code == 0, val.out


# -- 23: every format says whose table it is ---------------------------------------------------------


def test_csv_for_a_unit_names_the_unit_and_its_role():
    out = run_xnkc("check", ANNUAL, "--unit", "市经信局", "-f", "csv").out
    recs = _csv_records(out)
    assert recs and {r["unit_name"] for r in recs} == {"市经信局"}
    roles = {r["id"]: r["role"] for r in recs}
    assert roles["new_specialized_smes"] == "lead"  # 附件1-19: 市经信局
    assert roles["funded_projects"] == "lead"  # 附件1-13: 市科技局、市经信局
    assert roles["tech_renovation_projects"] == "lead"  # 附件1-20: 市经信局
    assert roles["hitech_enterprises"] == "lead"  # 二(三)9 (市科技局、市经信局) restates 附件1-3
    assert "" not in roles.values()


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_human_formats_name_the_unit(fmt):
    out = run_xnkc("check", ANNUAL, "--unit", "经信局", "-f", fmt).out
    assert "市经信局" in out.splitlines()[0]
    en = run_xnkc("check", ANNUAL, "--unit", "经信局", "-f", fmt, "--lang", "en").out
    assert "市经信局" in en.splitlines()[0]


def test_json_for_a_unit_names_the_unit_and_roles():
    doc = run_xnkc("check", ANNUAL, "--unit", "市经信局", "-f", "json").json()
    assert doc["unit_filter"] == "市经信局"
    assert _rows(doc)["new_specialized_smes"]["role"] == "lead"
    assert {r["role"] for r in doc["indicators"]} <= {"lead", "support"}
    full = run_xnkc("check", ANNUAL, "-f", "json").json()
    assert {r["role"] for r in full["indicators"]} == {None}  # no unit chosen: no role
