"""SPEC §6 ``provenance``: every check row in JSON says where its actual came from — the file
and the value's line and column, the derivation and its inputs, the regions summed — or null.
Positions are counted by hand from the files written here (1-based, as in findings)."""

from __future__ import annotations

from conftest import run_xnkc

REGIONS = ("咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "咸宁高新区")

# line 4: "    hitech_enterprises: 705" — 4 spaces + 18 letters + ": " = 24 characters, value at column 25
# line 5: "    rd_expenditure: 30.0" — 4 + 14 + 2 = 20 characters, value at column 21
# line 6: "    gdp: 2000" — 4 + 3 + 2 = 9, value at column 10
FILE = """\
period: 2025
values:
  2025:
    hitech_enterprises: 705
    rd_expenditure: 30.0
    gdp: 2000
"""


def rows(result) -> dict[str, dict]:
    assert result.code == 0, result.err
    doc = result.json()
    return {r["id"]: r for r in doc["indicators"] + doc["commitments"]}


def test_a_value_read_from_a_file_gives_its_line_and_column(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(FILE, encoding="utf-8")
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    assert got["hitech_enterprises"]["provenance"] == {"file": str(path), "line": 4, "column": 25}
    assert got["hitech_enterprises"]["origin"] == "reported"


def test_a_value_under_its_chinese_name_is_placed_the_same_way(tmp_path):
    # line 4: "    高新技术企业数: 705" — 4 spaces + 7 characters + ": " = 13, value at column 14
    path = tmp_path / "a.yaml"
    path.write_text(FILE.replace("hitech_enterprises", "高新技术企业数"), encoding="utf-8")
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    assert got["hitech_enterprises"]["provenance"] == {"file": str(path), "line": 4, "column": 14}


def test_a_derived_value_names_its_derivation_and_inputs(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(FILE, encoding="utf-8")
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    # 附件1-2 研发投入强度 = rd_expenditure / gdp × 100 = 30 / 2000 × 100 = 1.5
    assert got["rd_intensity"]["actual"] == 1.5
    assert got["rd_intensity"]["provenance"] == {"derived": "ratio", "from": ["rd_expenditure", "gdp"]}


def test_a_derived_growth_rate_names_its_statistic(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(FILE.replace("  2025:\n", "  2024:\n    rd_expenditure: 27.2\n  2025:\n"), encoding="utf-8")
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    # (30 / 27.2 − 1) × 100 = 10.294…
    assert abs(got["rd_growth"]["actual"] - (30 / 27.2 - 1) * 100) < 1e-9
    assert got["rd_growth"]["provenance"] == {"derived": "growth", "from": ["rd_expenditure"]}


def test_a_city_value_summed_from_every_region_names_them(tmp_path):
    lines = ["values:", "  2025:", "    gdp: 2000", "regions:"]
    for name, v in zip(REGIONS, (160, 95, 70, 80, 45, 130, 120), strict=True):
        lines += [f"  {name}:", f"    2025: {{hitech_enterprises: {v}}}"]
    path = tmp_path / "a.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    # 160 + 95 + 70 + 80 + 45 + 130 + 120 = 700
    assert got["hitech_enterprises"]["actual"] == 700
    assert got["hitech_enterprises"]["provenance"] == {"regions": list(REGIONS)}
    # a region's own row (its government as --unit) points at the region's value: line 10
    # (values: 1–3, regions: 4, two lines per region) is "    2025: {hitech_enterprises: 70}"
    # (通城县, the third region): "    2025: {" is 11
    # characters, "hitech_enterprises: " 20 more, so 70 is at column 32
    mine = rows(run_xnkc("check", str(path), "--format", "json", "--unit", "通城县人民政府"))
    assert mine["hitech_enterprises"]["region"] == "通城县"
    assert mine["hitech_enterprises"]["provenance"] == {"file": str(path), "line": 10, "column": 32}


def test_standard_input_is_named_as_findings_name_it():
    got = rows(run_xnkc("check", "-", "--format", "json", input=FILE))
    assert got["hitech_enterprises"]["provenance"] == {"file": "<stdin>", "line": 4, "column": 25}
    assert got["rd_intensity"]["provenance"] == {"derived": "ratio", "from": ["rd_expenditure", "gdp"]}


def test_no_actual_no_provenance(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(FILE, encoding="utf-8")
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    assert got["tech_smes"]["actual"] is None and got["tech_smes"]["provenance"] is None


def test_a_plan_total_names_the_years_it_sums(tmp_path):
    # 二(四)13 科技成果转化金额 over 2024–2026: the flows of 2024 and 2025 (lines 4 and 6)
    path = tmp_path / "a.yaml"
    path.write_text(
        "values:\n  2024:\n    achievement_transfer_amount: 0.35\n  2025:\n    achievement_transfer_amount: 0.42\n",
        encoding="utf-8",
    )
    got = rows(run_xnkc("check", str(path), "--format", "json"))
    row = got["achievement_transfer_amount"]
    assert abs(row["actual"] - 0.77) < 1e-9  # 0.35 + 0.42
    assert row["origin"] == "cumulative" and row["provenance"] == {"years": [2024, 2025]}
