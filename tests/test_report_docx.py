"""Issue 11 point 3: ``check --format docx`` — a draft 通报 read back with python-docx: the
headings, the sentences made from the numbers (counts and names worked out by hand for the Q3
example and equal to the JSON), the lagging indicators by lead unit, the 附件 table.

Q3 example (examples/2025-q3.yaml, f = 9/12 = 0.75), by hand:
- 附件1-25 引进培育高水平工程师 (annual, 20, lead 市人社局): E = 20 × 0.75 = 15, A 14, p = 0.933 → 滞后
- 附件1-26 高技能人才 (1500): E = 1125, A 1100, p = 0.978 → 滞后
- 附件1-27 技能型人才 (10000): E = 7500, A 7400, p = 0.987 → 滞后
- 附件1-29 高水平科技创新团队 (2, lead 市科技局 and 市人社局): E = 1.5, A 1, p = 0.667 → 明显滞后
- 附件1-28 优秀青年科技人才 leads 市科技局 only: not under 市人社局
- 附件1-6 万人发明专利拥有量 (level, 5.5, lead 市市场监管局): B = 1330 / 264.8 = 5.0227 (2024),
  E = 5.0227 + (5.5 − 5.0227) × 0.75 = 5.3807, A 5.31, p = 0.987 → 滞后 (its unit's only lagging row)
- 附件1-11 累计建成省级高新区 3 of 3 → 已完成; on pace: 已完成 1 + 序时达标 3 (附件1-8 16 ≥ 15,
  附件1-19 12 ≥ 11.25, 附件1-20 24 ≥ 22.5) = 4 of 29 = 13.8 %
"""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, run_xnkc

docx = pytest.importorskip("docx", reason="python-docx is a test dependency (pip install '.[test]')")

Q3 = str(EXAMPLES / "2025-q3.yaml")
ANNUAL = str(EXAMPLES / "2025-annual.yaml")
LABEL = {
    "met": "已完成",
    "on_track": "序时达标",
    "behind": "滞后",
    "far_behind": "明显滞后",
    "missed": "未完成",
    "no_data": "无数据",
}


@pytest.fixture(scope="module")
def q3(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "通报.docx"
    res = run_xnkc("check", Q3, "--format", "docx", "-o", str(out))
    assert res.code == 0, res.err
    return docx.Document(str(out))


@pytest.fixture(scope="module")
def q3_json():
    return json.loads(run_xnkc("check", Q3, "--format", "json").out)


def headings(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def after(doc, heading: str) -> list[str]:
    """The paragraphs after ``heading`` up to the next heading."""
    out, inside = [], False
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            inside = p.text == heading
            continue
        if inside and p.text:
            out.append(p.text)
    return out


def test_title_and_headings(q3):
    title = [p.text for p in q3.paragraphs if p.style.name == "Title"]
    assert title == ["咸宁市加快构建以“用”为导向的科技创新体系三年行动方案(2024—2026年)"]
    assert q3.paragraphs[1].text == "2025年1-9月推进情况通报"
    h = headings(q3)
    assert h[0] == "一、总体情况"
    assert h[1] == "二、滞后指标"
    assert "三、正文承诺" in h
    assert h[-1] == "附件:附件1 重点指标完成情况表"


def test_overview_sentence_from_the_numbers(q3, q3_json):
    s = q3_json["summary"]
    assert (s["met"], s["on_track"]) == (1, 3)  # by hand, above
    assert sum(s.values()) == 29
    counts = ",".join(f"{LABEL[k]}{s[k]}项" for k in LABEL)
    expected = (
        f"2025年1-9月(序时进度75%),附件1 重点指标共29项:{counts}。"
        "达到序时进度(已完成或序时达标)的4项,占有数据指标(29项)的13.8%。"
    )
    assert after(q3, "一、总体情况")[0] == expected
    c = q3_json["commitments_summary"]
    assert (
        after(q3, "一、总体情况")[1]
        == f"正文承诺共{sum(c.values())}项:" + ",".join(f"{LABEL[k]}{c[k]}项" for k in LABEL) + "。"
    )


def test_lagging_indicators_by_lead_unit(q3, q3_json):
    h = headings(q3)
    units = [x for x in h if x.startswith("(")]
    assert units[0] == "(一)市科技局"  # the first unit of the plan's list
    hr = next(x for x in units if x.endswith("市人社局"))
    assert after(q3, hr) == [
        "市人社局牵头的指标中有4项滞后:引进培育高水平工程师(滞后)、引进培育高技能人才(滞后)、"
        "引进培育技能型人才(滞后)、引进培育高水平科技创新团队(明显滞后)。"
    ]
    market = next(x for x in units if x.endswith("市市场监管局"))
    assert after(q3, market) == ["市市场监管局牵头的指标中有1项滞后:万人发明专利拥有量(滞后)。"]
    # every lagging indicator of the JSON is under each of its lead units
    lagging = [x for x in q3_json["indicators"] if x["status"] in ("behind", "far_behind", "missed")]
    text = "\n".join(p.text for p in q3.paragraphs)
    for x in lagging:
        for unit in x["lead"]:
            assert f"{unit}牵头的指标中有" in text
            assert x["name"] in after(q3, next(u for u in units if u.endswith(unit)))[0]


def test_tables_hold_the_figures(q3):
    # one table per lead unit with lagging rows, the commitments table, the 附件
    annex = q3.tables[-1]
    assert [c.text for c in annex.rows[0].cells][:5] == ["序号", "指标", "单位", "目标", "实际"]
    assert len(annex.rows) == 1 + 29
    row3 = [c.text for c in annex.rows[3].cells]  # 附件1-3: 720, 700* (summed over regions), 97.2 %
    assert row3[:6] == ["3", "高新技术企业数", "家", "720", "700*", "97.2%"]
    hr = next(t for t in q3.tables if t.rows[1].cells[0].text == "引进培育高水平工程师")
    # 指标, 目标, 实际, 序时目标, 差距, 状态: 20, 14, 15 (20 × 0.75), 6 short, 滞后
    assert [c.text for c in hr.rows[1].cells] == ["引进培育高水平工程师", "20", "14", "15", "6", "滞后"]
    shading = hr.rows[1].cells[5]._tc.tcPr.xpath("./w:shd")[0]
    assert shading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill") == "F9A825"  # yellow


def test_no_placeholder_text(q3):
    text = "\n".join(p.text for p in q3.paragraphs)
    for word in ("XXX", "TODO", "{", "}", "None", "××"):
        assert word not in text


def test_a_full_year_with_english_labels(tmp_path):
    out = tmp_path / "notice.docx"
    res = run_xnkc("check", ANNUAL, "--format", "docx", "-o", str(out), "--lang", "en")
    assert res.code == 0, res.err
    doc = docx.Document(str(out))
    assert headings(doc)[0] == "1. Overview"
    assert doc.paragraphs[1].text == "Progress notice, 2025 full year"
    overview = after(doc, "1. Overview")[0]
    assert overview.startswith("2025 full year (time progress 100%): of the 29 ")


def test_docx_needs_o_and_python_docx(tmp_path):
    res = run_xnkc("check", Q3, "--format", "docx")
    assert res.code == 2 and "[XK651]" in res.err
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['docx'] = None\n", "utf-8")
    import os

    env = {"PYTHONPATH": os.pathsep.join([str(blocker), os.environ.get("PYTHONPATH", "")])}
    res = run_xnkc("check", Q3, "--format", "docx", "-o", str(tmp_path / "r.docx"), env=env)
    assert res.code == 2 and "[XK650]" in res.err and "python-docx" in res.err and "xnkc[office]" in res.err
