"""``xnkc merge`` (SPEC §9, issue 10 point 2): one actuals file from several submissions, each
value followed by a comment naming its source; the merged file checks to the same numbers."""

from __future__ import annotations

import math
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, run_xnkc

KJ = """period: 2025-Q3
unit: 市科技局
values:
  2025:
    高新技术企业数: 690
    rd_expenditure: 22.5
"""
FG = """period: 2025-Q3
unit: 市发改委
values:
  2024:
    gdp: 1985
  2025:
    gdp: 1520.25
    rd_expenditure: 22.50
projects:
  3: {invested: 2.5, status: 在建}
"""
XA = """period: 2025-Q3
unit: 咸安区人民政府
regions:
  咸安:
    2025: {hitech_enterprises: 160, gdp: 380}
"""


def folder(tmp: Path) -> Path:
    d = tmp / "q3"
    d.mkdir()
    for name, text in (("fg.yaml", FG), ("kj.yaml", KJ), ("xa.yaml", XA)):
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_the_merged_file_lists_sources_the_period_and_a_source_after_each_value(tmp_path):
    d = folder(tmp_path)
    out = tmp_path / "city.yaml"
    res = run_xnkc("merge", "q3", "-o", "city.yaml", cwd=tmp_path)
    assert res.code == 0, res.err
    # positions by hand: "    高新技术企业数: " is 4 + 7 + 2 = 13 characters → 5:14;
    # "    rd_expenditure: " 20 → 6:21 (kj) and 8:21 (fg); "    gdp: " 9 → 5:10 and 7:10;
    # "  3: " → the project key at 10:3; "    2025: {hitech_enterprises: " 31 → 5:32, "…160, gdp: " → 5:43
    assert out.read_text(encoding="utf-8") == (
        "# xnkc merge:由 3 个文件合并;每个数值后的注释是它的来源(报送单位 · 文件:位置)\n"
        "# 来源:\n"
        "#   q3/fg.yaml · 市发改委 · 报告期 2025-Q3\n"
        "#   q3/kj.yaml · 市科技局 · 报告期 2025-Q3\n"
        "#   q3/xa.yaml · 咸安区人民政府 · 报告期 2025-Q3\n"
        "period: 2025-Q3\n"
        "values:\n"
        "  2024:\n"
        "    gdp: 1985  # 市发改委 · q3/fg.yaml:5:10\n"
        "  2025:\n"
        "    gdp: 1520.25  # 市发改委 · q3/fg.yaml:7:10\n"
        "    hitech_enterprises: 690  # 市科技局 · q3/kj.yaml:5:14\n"
        "    rd_expenditure: 22.5  # 市发改委 · q3/fg.yaml:8:21; 市科技局 · q3/kj.yaml:6:21\n"
        "regions:\n"
        "  咸安区:\n"
        "    2025:\n"
        "      gdp: 380  # 咸安区人民政府 · q3/xa.yaml:5:42\n"
        "      hitech_enterprises: 160  # 咸安区人民政府 · q3/xa.yaml:5:32\n"
        "projects:\n"
        "  3: {invested: 2.5, status: under_construction}  # 市发改委 · q3/fg.yaml:10:3\n"
    )
    assert d.exists()


def strip(doc: dict) -> dict:
    """The report's numbers: every row without its provenance (which names other files)."""
    rows = [{k: v for k, v in r.items() if k != "provenance"} for r in doc["indicators"] + doc["commitments"]]
    return {"rows": rows, "summary": doc["summary"], "period": doc["period"], "regions": doc["regions"]}


def test_check_of_the_merged_file_gives_the_same_numbers_as_check_of_the_files(tmp_path):
    folder(tmp_path)
    assert run_xnkc("merge", "q3", "-o", "city.yaml", cwd=tmp_path).code == 0
    files = run_xnkc("check", "q3", "--format", "json", cwd=tmp_path)
    merged = run_xnkc("check", "city.yaml", "--format", "json", cwd=tmp_path)
    assert files.code == merged.code == 0, files.err + merged.err
    assert strip(files.json()) == strip(merged.json())
    # rd_intensity = 22.5 / 1520.25 × 100 (both from the files), 1.48002…
    row = next(r for r in merged.json()["indicators"] if r["id"] == "rd_intensity")
    assert math.isclose(row["actual"], 22.5 / 1520.25 * 100)
    projects = run_xnkc("projects", "city.yaml", "--format", "json", cwd=tmp_path).json()["projects"]
    assert projects[2]["progress"]["invested"] == 2.5


def test_the_shipped_examples_merge_and_check_alike(tmp_path):
    """One file: the merged copy checks to the same numbers (annual example: every year, regions)."""
    for example in ("2025-annual.yaml", "2025-q3.yaml"):
        out = tmp_path / f"m-{example}"
        res = run_xnkc("merge", str(EXAMPLES / example), "-o", str(out))
        assert res.code == 0, res.err
        one = run_xnkc("check", str(EXAMPLES / example), "--format", "json")
        two = run_xnkc("check", str(out), "--format", "json")
        assert strip(one.json()) == strip(two.json())


def test_conflicts_are_listed_and_nothing_is_written(tmp_path):
    d = folder(tmp_path)
    (d / "kj.yaml").write_text(KJ.replace("22.5", "22.6"), encoding="utf-8")
    res = run_xnkc("merge", "q3", "-o", "city.yaml", cwd=tmp_path)
    assert res.code == 2
    assert not (tmp_path / "city.yaml").exists()
    lines = [ln for ln in res.err.splitlines() if re.search(r"\[XK6", ln)]
    assert [ln.split(": error")[0] for ln in lines] == ["q3/fg.yaml:8:21", "q3/kj.yaml:6:21", "xnkc"]
    assert lines[-1] == "xnkc: error [XK626] 有 1 处冲突,未写出合并文件 city.yaml — 先解决上面列出的冲突"


def test_an_existing_file_is_never_overwritten_without_force(tmp_path):
    folder(tmp_path)
    (tmp_path / "city.yaml").write_text("old\n", encoding="utf-8")
    res = run_xnkc("merge", "q3", "-o", "city.yaml", cwd=tmp_path)
    assert res.code == 2 and "XK120" in res.err
    assert (tmp_path / "city.yaml").read_text(encoding="utf-8") == "old\n"
    assert run_xnkc("merge", "q3", "-o", "city.yaml", "--force", cwd=tmp_path).code == 0
    assert (tmp_path / "city.yaml").read_text(encoding="utf-8").startswith("# xnkc merge")


def test_merge_needs_an_output_file(tmp_path):
    folder(tmp_path)
    res = run_xnkc("merge", "q3", cwd=tmp_path)
    assert res.code == 2 and "-o" in res.err
    res = run_xnkc("merge", "q3", "-o", " ", cwd=tmp_path)
    assert res.code == 2 and "XK128" in res.err


def test_merge_in_english_names_its_sources_in_english(tmp_path):
    folder(tmp_path)
    assert run_xnkc("merge", "q3", "-o", "city.yaml", "--lang", "en", cwd=tmp_path).code == 0
    head = (tmp_path / "city.yaml").read_text(encoding="utf-8").splitlines()[:3]
    assert head == [
        "# xnkc merge: combined from 3 files; the comment after each value is its source (unit · file:place)",
        "# sources:",
        "#   q3/fg.yaml · 市发改委 · period 2025-Q3",
    ]


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12))
def test_a_number_written_reads_back_as_the_same_float(x):
    from xnkc.read.yamlload import resolve_plain
    from xnkc.render.merged_yaml import number

    text = number(x)
    assert "e" not in text.lower()
    assert float(resolve_plain(text)) == x
