"""Issue 9 point 2: the plan's wording is data (``plan.labels`` in targets.yaml).

Table titles, the nouns prose names the tables by, the heading of the promises table, the
shared-project footnote and the investment unit come from the plan; a plan without ``labels``
gets neutral words (no 附件1/附件2, no 咸宁, no 三年 on a five-year plan). The shipped plan's
block gives its own words, so its output is unchanged (tests/test_golden.py and the format
tests).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import run_xnkc

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
OTHER = ROOT / "tests" / "plans" / "p2021-2025"
NO_CACHE = {"XNKC_NO_CACHE": "1"}

# what only the Xianning plan says of itself
XIANNING_WORDS = ("附件1", "附件2", "咸宁", "咸安", "三年")


def _labels_block(text: str) -> re.Match[str]:
    found = re.search(r"^  labels:\n(?:  (?: .*|#.*)\n)+", text, re.M)
    assert found, "data/targets.yaml has a plan.labels block"
    return found


def shipped_copy(tmp_path: Path, labels: str | None) -> Path:
    """The shipped plan in ``tmp_path`` with its ``labels`` block replaced (None: removed)."""
    text = (DATA / "targets.yaml").read_text(encoding="utf-8")
    block = _labels_block(text)
    text = text[: block.start()] + (labels or "") + text[block.end() :]
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    shutil.copy(DATA / "projects.yaml", tmp_path / "projects.yaml")
    return tmp_path / "targets.yaml"


def check_other(*args: str) -> str:
    r = run_xnkc(
        "check", "--targets", str(OTHER / "targets.yaml"), str(OTHER / "actuals-2023-q3.yaml"), *args, env=NO_CACHE
    )
    assert r.code == 0, r.err
    return r.out


# -- a plan without labels: neutral words ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "markdown"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_without_labels_names_no_annex_and_no_place(fmt: str, lang: str) -> None:
    out = check_other("--format", fmt, "--lang", lang)
    for word in XIANNING_WORDS:
        assert word not in out, (word, out)
    if lang == "zh":
        for title in ("重点指标", "正文承诺", "正文承诺与重点指标的核对(合计按累计计算)"):
            assert title in out
        assert "重点指标: 已完成 0,序时达标 0,滞后 3,明显滞后 1" in out  # the footer's count line
    else:
        for title in ("key indicators", "body-text commitments", "body-text promises restating the indicators"):
            assert title in out


def test_markdown_headings_of_a_plan_without_labels() -> None:
    headings = [x for x in check_other("--format", "markdown").splitlines() if x.startswith("## ")]
    assert headings == ["## 重点指标", "## 正文承诺", "## 正文承诺与重点指标的核对(合计按累计计算)"]


def test_a_unit_with_nothing_to_report_is_told_in_neutral_nouns(tmp_path: Path) -> None:
    text = (OTHER / "targets.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - {name: 县统计局, aliases: [统计局]}\n", "  - {name: 县统计局, aliases: [统计局]}\n  - {name: 县财政局}\n"
    )
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    for lang, said in (
        ("zh", "县财政局 在方案中不牵头也不配合任何重点指标、带数字的正文承诺或重点项目"),
        ("en", "县财政局 leads or supports no key indicator, no body-text promise with a figure and no key project"),
    ):
        r = run_xnkc("targets", "--targets", str(tmp_path / "targets.yaml"), "--unit", "县财政局", "--lang", lang)
        assert r.code == 0, r.err
        assert said in r.out
        assert "附件" not in r.out


def test_projects_of_a_plan_without_labels_use_the_neutral_footnote_and_yi_yuan(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, None)
    r = run_xnkc("projects", "--targets", str(targets), "--format", "markdown", env=NO_CACHE)
    assert r.code == 0, r.err
    assert "投资额(亿元)" in r.out  # the default investment unit
    assert "共同项目在每个区域/单位中全额计入;合计行每个项目只计一次" in r.out
    assert "跨咸宁高新区和咸安区" not in r.out and "附件2-3" not in r.out
    r = run_xnkc("projects", "--targets", str(targets), "--lang", "en", env=NO_CACHE)
    assert r.code == 0, r.err
    assert "a shared project counts fully for each; the total counts it once" in r.out
    assert "investment (亿元)" in r.out


def test_invested_too_large_is_compared_with_the_neutral_basis(tmp_path: Path) -> None:
    """附件2-4 lists 0.2 亿元; 5 亿元 invested is 25 times that (XK405), named without 附件2."""
    targets = shipped_copy(tmp_path, None)
    actuals = tmp_path / "a.yaml"
    actuals.write_text(
        "values:\n  2025:\n    hitech_enterprises: 700\nprojects:\n  4: {invested: 5}\n", encoding="utf-8"
    )
    r = run_xnkc("projects", "--targets", str(targets), str(actuals), env=NO_CACHE)
    assert r.code == 0, r.err
    assert "XK405" in r.err and "0.2 亿元(项目总投资)" in r.err and "25 倍" in r.err
    assert "附件2" not in r.err


def test_template_with_nothing_to_report_names_the_plans_own_noun(tmp_path: Path) -> None:
    """XK334 names the indicators as the plan does: 重点指标 without labels, 附件1指标 shipped."""
    text = (OTHER / "targets.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  - {name: 县统计局, aliases: [统计局]}\n", "  - {name: 县统计局, aliases: [统计局]}\n  - {name: 县财政局}\n"
    )
    (tmp_path / "targets.yaml").write_text(text, encoding="utf-8")
    r = run_xnkc("template", "--targets", str(tmp_path / "targets.yaml"), "--unit", "县财政局")
    assert r.code == 2 and "[XK334]" in r.err
    assert "不牵头也不配合任何重点指标或带数字的正文承诺" in r.err and "附件" not in r.err
    en = run_xnkc("template", "--targets", str(tmp_path / "targets.yaml"), "--unit", "县财政局", "--lang", "en")
    assert "leads or supports no key indicator and no body-text promise" in en.err
    shipped = run_xnkc("template", "--unit", "市委宣传部")
    assert "不牵头也不配合任何附件1指标或带数字的正文承诺" in shipped.err


def test_an_unknown_project_is_named_with_the_plans_list(tmp_path: Path) -> None:
    """XK313: "重点项目 中没有…" without labels (no 附件2), the shipped plan's "附件2 重点项目"."""
    targets = shipped_copy(tmp_path, None)
    actuals = tmp_path / "a.yaml"
    actuals.write_text(
        "values:\n  2025:\n    hitech_enterprises: 700\nprojects:\n  12: {invested: 1}\n", encoding="utf-8"
    )
    r = run_xnkc("projects", "--targets", str(targets), str(actuals), env=NO_CACHE)
    assert r.code == 2 and "[XK313] 重点项目 中没有序号为 12 的项目(1–11)" in r.err and "附件2" not in r.err
    shipped = run_xnkc("projects", str(actuals))
    assert "[XK313] 附件2 重点项目 中没有序号为 12 的项目(1–11)" in shipped.err
    en = run_xnkc("projects", str(actuals), "--lang", "en")
    assert "[XK313] 附件2 projects has no project 12 (1–11)" in en.err


def test_findings_name_a_project_as_the_plan_does(tmp_path: Path) -> None:
    """XK503 on a project: 项目3 without labels, 附件2-3 with the shipped block (project_ref)."""
    projects = (DATA / "projects.yaml").read_text(encoding="utf-8")
    assert "region: [咸宁高新区, 咸安区]" in projects  # 附件2-3, the shared project
    (tmp_path / "bad-projects.yaml").write_text(
        projects.replace("region: [咸宁高新区, 咸安区]", "region: [咸宁高新区, 咸安新区]", 1), encoding="utf-8"
    )
    neutral = shipped_copy(tmp_path, None)
    r = run_xnkc("validate", "--targets", str(neutral), "--projects", str(tmp_path / "bad-projects.yaml"), env=NO_CACHE)
    assert r.code == 1 and "[XK503] 项目3 引用了不存在的 '咸安新区'" in r.out
    r = run_xnkc("validate", "--projects", str(tmp_path / "bad-projects.yaml"), env=NO_CACHE)
    assert r.code == 1 and "[XK503] 附件2-3 引用了不存在的 '咸安新区'" in r.out


# -- the shipped plan keeps its words -------------------------------------------------------------


def test_the_shipped_plan_names_its_annexes() -> None:
    r = run_xnkc("check", str(ROOT / "examples" / "2025-q3.yaml"), "--format", "markdown")
    assert r.code == 0, r.err
    headings = [x for x in r.out.splitlines() if x.startswith("## ")]
    assert headings == ["## 附件1 重点指标", "## 正文承诺", "## 正文承诺与附件1 的核对(三年合计按累计计算)"]
    r = run_xnkc("projects", "--format", "markdown", "--lang", "en")
    assert "a shared project (e.g. 附件2-3, in 咸宁高新区 and 咸安区) counts fully for each" in r.out


# -- a plan with labels of its own: its words ---------------------------------------------------

OWN = """\
  labels:
    indicators: {zh: 附表一 主要指标, en: Table 1 indicators}
    commitments: {zh: 文中目标, en: targets in the text}
    projects: {zh: 附表二 项目, en: Table 2 projects}
    indicator_noun: {zh: 附表一指标, en: Table 1 indicator}
    project_noun: {zh: 附表二项目, en: Table 2 project}
    links: {zh: 文中目标与附表一的核对, en: text targets against Table 1}
    shared_note: {zh: 跨区项目各计一次, en: a cross-region project counts in each}
    investment_unit: 万元
    investment_basis: {zh: 附表二总投资, en: the Table 2 investment}
"""


def test_titles_come_from_the_plan(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, OWN)
    ex = str(ROOT / "examples" / "2025-q3.yaml")
    r = run_xnkc("check", "--targets", str(targets), ex, "--format", "markdown", env=NO_CACHE)
    assert r.code == 0, r.err
    headings = [x for x in r.out.splitlines() if x.startswith("## ")]
    assert headings == ["## 附表一 主要指标", "## 文中目标", "## 文中目标与附表一的核对"]
    assert "附表一 主要指标: " in r.out and "文中目标: " in r.out  # the count lines under the tables
    r = run_xnkc("check", "--targets", str(targets), ex, "--lang", "en", env=NO_CACHE)
    assert r.code == 0, r.err
    for title in ("Table 1 indicators", "targets in the text", "text targets against Table 1"):
        assert title in r.out
    assert "附件1" not in r.out


def test_the_investment_unit_comes_from_the_plan(tmp_path: Path) -> None:
    """investment_unit 万元: headers say 万元, and ``invested: 1亿元`` is read as 10000 万元 (the
    plan's unit_conversions: 1 亿元 = 10000 万元), not as 1."""
    targets = shipped_copy(tmp_path, OWN)
    actuals = tmp_path / "a.yaml"
    actuals.write_text(
        "values:\n  2025:\n    hitech_enterprises: 700\nprojects:\n  1: {invested: 1亿元}\n", encoding="utf-8"
    )
    r = run_xnkc("projects", "--targets", str(targets), str(actuals), "--format", "json", env=NO_CACHE)
    assert r.code == 0, r.err
    first = json.loads(r.out)["projects"][0]
    assert first["seq"] == 1 and first["progress"]["invested"] == 10000
    r = run_xnkc("projects", "--targets", str(targets), str(actuals), "--format", "csv", env=NO_CACHE)
    header = r.out.splitlines()[0]
    assert "投资额(万元)" in header and "已投资(万元)" in header and "亿元" not in header
    r = run_xnkc("projects", "--targets", str(targets), "--by", "region", env=NO_CACHE)
    assert "投资额(万元)" in r.out and "跨区项目各计一次" in r.out


def test_a_project_noun_of_the_plan_in_prose(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, OWN)
    r = run_xnkc("targets", "--targets", str(targets), "--unit", "市委宣传部", env=NO_CACHE)
    assert r.code == 0, r.err
    assert "市委宣传部 在方案中不牵头也不配合任何附表一指标、带数字的正文承诺或附表二项目" in r.out


# -- a wrong labels block is an error at its place -------------------------------------------------


def test_an_unknown_label_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, "  labels:\n    indicator: {zh: 指标, en: indicators}\n")
    r = run_xnkc("validate", "--targets", str(targets), env=NO_CACHE)
    assert r.code == 1
    line = next(x for x in r.out.splitlines() if "XK201" in x)
    at = targets.read_text(encoding="utf-8").splitlines().index("    indicator: {zh: 指标, en: indicators}") + 1
    assert line.startswith(f"{targets}:{at}:5: error [XK201]")  # the key's own line and column
    assert "indicators" in line  # did you mean


def test_a_label_without_its_english_is_an_error(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, "  labels:\n    indicators: {zh: 主要指标}\n")
    r = run_xnkc("validate", "--targets", str(targets), env=NO_CACHE)
    assert r.code == 1
    assert "XK202" in r.out and "plan.labels.indicators" in r.out


def test_check_refuses_a_plan_with_a_bad_label(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, "  labels:\n    investment_unit: [亿元]\n")
    r = run_xnkc("check", "--targets", str(targets), str(ROOT / "examples" / "2025-q3.yaml"), env=NO_CACHE)
    assert r.code == 2
    assert "XK203" in r.err and "plan.labels.investment_unit" in r.err


def test_the_help_counts_no_plans_indicators() -> None:
    r = run_xnkc("--help")
    assert r.code == 0
    assert "29" not in r.out and "附件" not in r.out


# -- a plan's span and its project list, in its words ---------------------------------------------


def test_csv_plan_totals_name_the_plans_span() -> None:
    """2021—2025 is five years: 五年合计, never 三年合计 (the shipped 2024—2026 plan keeps 三年合计)."""
    header = check_other("--format", "csv").lstrip("\ufeff").splitlines()[0].split(",")
    assert "五年合计目标" in header and "五年合计完成率(1=100%)" in header
    assert not any("三年" in h for h in header)
    r = run_xnkc("targets", "--targets", str(OTHER / "targets.yaml"), "--format", "csv", env=NO_CACHE)
    header = r.out.lstrip("\ufeff").splitlines()[0].split(",")
    assert header[8:14] == ["2021", "2022", "2023", "2024", "2025", "五年合计"]
    r = run_xnkc("targets", "--format", "csv")
    assert "三年合计" in r.out.lstrip("\ufeff").splitlines()[0].split(",")


@pytest.mark.parametrize(
    ("lang", "said"), [("zh", "方案没有列出重点项目\n"), ("en", "the plan lists no key projects\n")]
)
@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_a_plan_without_projects_says_so_in_one_line(fmt: str, lang: str, said: str) -> None:
    r = run_xnkc("projects", "--targets", str(OTHER / "targets.yaml"), "--format", fmt, "--lang", lang, env=NO_CACHE)
    assert r.code == 0, r.err
    assert r.out == said


def test_no_projects_named_with_the_plans_title(tmp_path: Path) -> None:
    targets = shipped_copy(tmp_path, OWN)
    (tmp_path / "projects.yaml").write_text("schema: 1\nprojects: []\n", encoding="utf-8")
    r = run_xnkc("projects", "--targets", str(targets), env=NO_CACHE)
    assert r.code == 0, r.err
    assert r.out == "方案没有列出附表二 项目\n"
