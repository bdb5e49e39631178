"""The shipped plan data is an exact transcription of the plan (SPEC §2, §3).

Every expected value below was typed by hand from the plan text (附件1 重点指标分解表, 附件2
重点项目清单 and the body 一/二), independently of data/targets.yaml and data/projects.yaml:
a second transcription that the shipped one must agree with.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import run_xnkc

REPO = Path(__file__).resolve().parent.parent

# -- 附件1, typed from the table --------------------------------------------------------------

GOV = "各县市区人民政府"
ZONE = "咸宁高新区管委会"
STD = "市科技局,各县市区人民政府,咸宁高新区管委会"  # the most common 责任单位 cell
STD_SUPPORT = [GOV, ZONE]

# seq, id, name (without the unit suffix), unit, kind, better, (2024, 2025, 2026),
# 责任单位 cell as printed, lead, support
INDICATORS = [
    (
        1,
        "rd_growth",
        "全社会研发经费投入年均增长率",
        "%",
        "growth",
        "higher",
        (10, 12.5, 15),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        2,
        "rd_intensity",
        "全社会研发经费投入强度",
        "%",
        "ratio",
        "higher",
        (1.4, 1.6, 1.8),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        3,
        "hitech_enterprises",
        "高新技术企业数",
        "家",
        "level",
        "higher",
        (650, 720, 800),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        4,
        "tech_smes",
        "入库科技型中小企业数",
        "家",
        "level",
        "higher",
        (1875, 2050, 2200),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        5,
        "hitech_va_share",
        "高新技术产业增加值占GDP比重",
        "%",
        "ratio",
        "higher",
        (16, 17, 18),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        6,
        "patents_per_10k",
        "万人发明专利拥有量",
        "件",
        "level",
        "higher",
        (5, 5.5, 6),
        "市市场监管局,各县市区人民政府,咸宁高新区管委会",
        ["市市场监管局"],
        STD_SUPPORT,
    ),
    (
        7,
        "tech_contract_value",
        "技术合同成交额",
        "亿元",
        "annual",
        "higher",
        (220, 235, 250),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        8,
        "center_talent",
        "咸宁科技创新中心引进人才数",
        "人",
        "annual",
        "higher",
        (10, 20, 20),
        "市科技局,咸安区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["咸安区人民政府", ZONE],
    ),
    (
        9,
        "center_projects",
        "咸宁科技创新中心引进项目数",
        "个",
        "annual",
        "higher",
        (2, 3, 5),
        "市科技局,咸安区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["咸安区人民政府", ZONE],
    ),
    (10, "hitech_zone_rank", "咸宁高新区全国排名", "位", "rank", "lower", (95, 93, 90), "咸宁高新区管委会", [ZONE], []),
    (
        11,
        "provincial_hitech_zones",
        "累计建成省级高新区",
        "个",
        "cumulative",
        "higher",
        (2, 3, 4),
        "崇阳县人民政府、嘉鱼县人民政府",
        ["崇阳县人民政府", "嘉鱼县人民政府"],
        [],
    ),
    (12, "sti_projects", "实施科技创新项目", "个", "annual", "higher", (15, 15, 20), "市科技局", ["市科技局"], []),
    (
        13,
        "funded_projects",
        "争取科技、技改项目",
        "个",
        "annual",
        "higher",
        (30, 30, 40),
        "市科技局、市经信局,各县市区人民政府,咸宁高新区管委会",
        ["市科技局", "市经信局"],
        STD_SUPPORT,
    ),
    (
        14,
        "funded_amount",
        "争取科技、技改资金",
        "万元",
        "annual",
        "higher",
        (3000, 3000, 4000),
        "市科技局、市经信局,各县市区人民政府,咸宁高新区管委会",
        ["市科技局", "市经信局"],
        STD_SUPPORT,
    ),
    (
        15,
        "new_provincial_institutes",
        "新建省级产业技术研究院",
        "个",
        "annual",
        "higher",
        (0, 1, 1),
        "市科技局,咸安区人民政府、崇阳县人民政府",
        ["市科技局"],
        ["咸安区人民政府", "崇阳县人民政府"],
    ),
    (
        16,
        "new_national_incubators",
        "新建国家级创新创业平台",
        "家",
        "annual",
        "higher",
        (0, 1, 1),
        "市科技局,咸安区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["咸安区人民政府", ZONE],
    ),
    (
        17,
        "provincial_incubators",
        "累计建成省级创新创业平台",
        "家",
        "cumulative",
        "higher",
        (22, 26, 30),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        18,
        "new_species_enterprises",
        "新增“新物种”企业",
        "家",
        "annual",
        "higher",
        (25, 25, 30),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        19,
        "new_specialized_smes",
        "新增省级专精特新中小企业",
        "家",
        "annual",
        "higher",
        (15, 15, 20),
        "市经信局,各县市区人民政府,咸宁高新区管委会",
        ["市经信局"],
        STD_SUPPORT,
    ),
    (
        20,
        "tech_renovation_projects",
        "实施重点技术改造项目",
        "个",
        "annual",
        "higher",
        (30, 30, 40),
        "市经信局",
        ["市经信局"],
        [],
    ),
    (
        21,
        "transferred_achievements",
        "转化科技成果",
        "项",
        "annual",
        "higher",
        (100, 100, 100),
        STD,
        ["市科技局"],
        STD_SUPPORT,
    ),
    (
        22,
        "platform_enterprises",
        "咸宁科创供应链平台累计入驻企业数",
        "家",
        "cumulative",
        "higher",
        (2000, 2500, 3000),
        "市科技局,市高投集团,各县市区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["市高投集团", GOV, ZONE],
    ),
    (
        23,
        "platform_matches",
        "咸宁科创供应链平台累计完成需求对接",
        "条",
        "cumulative",
        "higher",
        (1200, 1600, 2000),
        "市科技局,市高投集团,各县市区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["市高投集团", GOV, ZONE],
    ),
    (
        24,
        "fiscal_st_share",
        "市县财政科技支出占一般公共预算比重",
        "%",
        "ratio",
        "higher",
        (2.8, 3.0, 3.3),
        "市财政局、市科技局,各县市区人民政府,咸宁高新区管委会",
        ["市财政局", "市科技局"],
        STD_SUPPORT,
    ),
    (
        25,
        "engineers",
        "引进培育高水平工程师",
        "人",
        "annual",
        "higher",
        (20, 20, 20),
        "市人社局,各县市区人民政府,咸宁高新区管委会",
        ["市人社局"],
        STD_SUPPORT,
    ),
    (
        26,
        "high_skill_talent",
        "引进培育高技能人才",
        "人",
        "annual",
        "higher",
        (1500, 1500, 2000),
        "市人社局,各县市区人民政府,咸宁高新区管委会",
        ["市人社局"],
        STD_SUPPORT,
    ),
    (
        27,
        "skilled_talent",
        "引进培育技能型人才",
        "人",
        "annual",
        "higher",
        (10000, 10000, 10000),
        "市人社局,各县市区人民政府,咸宁高新区管委会",
        ["市人社局"],
        STD_SUPPORT,
    ),
    (
        28,
        "young_talent",
        "引进培育优秀青年科技人才",
        "人",
        "annual",
        "higher",
        (60, 60, 80),
        "市科技局,团市委,市人社局,各县市区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["团市委", "市人社局", GOV, ZONE],
    ),
    (
        29,
        "innovation_teams",
        "引进培育高水平科技创新团队",
        "个",
        "annual",
        "higher",
        (2, 2, 2),
        "市科技局、市人社局,各县市区人民政府,咸宁高新区管委会",
        ["市科技局", "市人社局"],
        STD_SUPPORT,
    ),
]
TARGETS_BY_ID = {row[1]: dict(zip((2024, 2025, 2026), row[6], strict=True)) for row in INDICATORS}
UNIT_BY_ID = {row[1]: row[3] for row in INDICATORS}

# the kinds the brief/SPEC §2.1 assign, by 附件1 seq
KIND_BY_SEQ = {
    1: "growth",
    2: "ratio",
    5: "ratio",
    24: "ratio",
    11: "cumulative",
    17: "cumulative",
    22: "cumulative",
    23: "cumulative",
    3: "level",
    4: "level",
    6: "level",
    10: "rank",
}
KIND_BY_SEQ.update({s: "annual" for s in (7, 8, 9, 12, 13, 14, 15, 16, 18, 19, 20, 21, 25, 26, 27, 28, 29)})


def test_indicator_table_has_29_rows_with_fixed_ids(plan):
    assert len(plan.indicators) == 29
    assert {i.seq: i.id for i in plan.indicators.values()} == {row[0]: row[1] for row in INDICATORS}
    assert sorted(i.seq for i in plan.indicators.values()) == list(range(1, 30))


@pytest.mark.parametrize(
    ("seq", "iid", "name", "unit", "kind", "better", "targets", "responsible", "lead", "support"),
    INDICATORS,
    ids=[f"{r[0]}-{r[1]}" for r in INDICATORS],
)
def test_indicator_row(plan, seq, iid, name, unit, kind, better, targets, responsible, lead, support):
    ind = plan.indicators[iid]
    assert ind.id == iid
    assert ind.seq == seq
    assert ind.name == name
    assert ind.unit == unit
    assert ind.kind == kind
    assert ind.kind == KIND_BY_SEQ[seq]
    assert ind.better == better
    assert ind.targets == {2024: targets[0], 2025: targets[1], 2026: targets[2]}
    assert ind.responsible == responsible
    assert list(ind.lead) == lead
    assert list(ind.support) == support
    assert ind.source == f"附件1-{seq}"


def test_percent_cells_are_plain_numbers(plan):
    # 附件1-5 prints "16% | 17% | 18%": the targets are the numbers 16, 17, 18 in unit %
    ind = plan.indicators["hitech_va_share"]
    assert ind.unit == "%"
    assert ind.targets == {2024: 16.0, 2025: 17.0, 2026: 18.0}


def test_rank_is_the_only_lower_is_better_indicator(plan):
    lower = [i.seq for i in plan.indicators.values() if i.better == "lower"]
    assert lower == [10]
    assert plan.indicators["hitech_zone_rank"].kind == "rank"


def test_names_and_units_have_no_whitespace_or_unit_suffix(plan):
    for ind in plan.indicators.values():
        assert not re.search(r"\s", ind.name), ind.name
        assert not re.search(r"\s", ind.unit), ind.unit
        assert not ind.name.endswith(f"({ind.unit})"), ind.name
    for p in plan.projects:
        assert not re.search(r"\s", p.name), p.name
        for name in (*p.lead, *p.support, *p.region, *p.implementers):
            assert not re.search(r"\s", name), name


def test_new_species_name_keeps_the_curly_quotes(plan):
    name = plan.indicators["new_species_enterprises"].name
    assert name == "新增\u201c新物种\u201d企业"
    assert '"' not in name


# -- 附件2, typed from the table --------------------------------------------------------------

# seq, name, investment (亿元 or None), implementers, responsible (normalised), lead, support, region,
# a phrase from the 项目简介
PROJECTS = [
    (
        1,
        "华中健康饮品研发中心",
        2,
        ["元气森林(湖北)饮料有限公司"],
        "咸宁高新区管委会",
        [ZONE],
        [],
        ["咸宁高新区"],
        "总建筑面积约9000平方米",
    ),
    (
        2,
        "咸宁科技创新中心",
        1,
        ["咸宁高新区管委会", "市高投集团"],
        "市科技局,咸宁高新区管委会,市高投集团",
        ["市科技局"],
        [ZONE, "市高投集团"],
        ["咸宁高新区"],
        "成为全市新质生产力发展的“主引擎”",
    ),
    (
        3,
        "武咸共建区",
        10,
        ["市科技局", "咸宁高新区管委会", "咸安区人民政府"],
        "市科技局,咸宁高新区管委会,咸安区人民政府",
        ["市科技局"],
        [ZONE, "咸安区人民政府"],
        ["咸宁高新区", "咸安区"],
        "在天子山大桥附近规划15平方公里建设武咸共建区",
    ),
    (
        4,
        "咸宁市“以竹代塑”研发中心",
        0.2,
        ["咸宁香城特色农业技术研究院有限公司", "国能(北京)新材料科技有限公司", "小驿科技(上海)有限公司"],
        "市科技局",
        ["市科技局"],
        [],
        [],
        "提高竹产品综合附加值",
    ),
    (
        5,
        "中试谷·智能无人系统测试基地",
        3.3,
        ["赤壁市高新产业投资集团有限公司"],
        "赤壁市人民政府",
        ["赤壁市人民政府"],
        [],
        ["赤壁市"],
        "项目总投资3.3亿元",
    ),
    (
        6,
        "湖北高端玻璃新材料创新联合体",
        0.1,
        ["咸宁南玻玻璃有限公司", "维达力科技股份有限公司", "咸宁南玻光电玻璃有限公司", "咸宁南玻节能玻璃有限公司"],
        "市科技局、咸宁高新区管委会",
        ["市科技局", ZONE],
        [],
        ["咸宁高新区"],
        "建设湖北省高端玻璃新材料创新联合体",
    ),
    (
        7,
        "省外离岸窗口",
        2,
        ["市科技局", "市高投集团", GOV, ZONE],
        "市科技局,市高投集团,各县市区人民政府,咸宁高新区管委会",
        ["市科技局"],
        ["市高投集团", GOV, ZONE],
        [],
        "在北京、上海、深圳开设离岸窗口",
    ),
    (
        8,
        "新鲜螺旋藻功能食品生产示范基地",
        2,
        ["咸安区功能食品产业技术研究院"],
        "咸安区人民政府",
        ["咸安区人民政府"],
        [],
        ["咸安区"],
        "项目预计投资2亿元",
    ),
    (
        9,
        "东湖高新咸安产业园(汽车零配件、新材料产业园)",
        20,
        ["武汉东湖高新集团", "湖北省工业建筑集团"],
        "咸安区人民政府",
        ["咸安区人民政府"],
        [],
        ["咸安区"],
        "计划总投资20亿元",
    ),
    (
        10,
        "绿色高分子材料循环产业园",
        30,
        ["湖北彰宸科技有限公司"],
        "崇阳县人民政府",
        ["崇阳县人民政府"],
        [],
        ["崇阳县"],
        "总投资30亿元",
    ),
    (
        11,
        "国家新材料改性与应用特色产业火炬基地",
        None,
        ["崇阳县人民政府"],
        "崇阳县人民政府",
        ["崇阳县人民政府"],
        [],
        ["崇阳县"],
        "构建产业供应链中心",
    ),
]


def test_eleven_projects_in_order(plan):
    assert [p.seq for p in plan.projects] == list(range(1, 12))


@pytest.mark.parametrize(
    ("seq", "name", "investment", "implementers", "responsible", "lead", "support", "region", "phrase"),
    PROJECTS,
    ids=[f"project-{r[0]}" for r in PROJECTS],
)
def test_project_row(plan, seq, name, investment, implementers, responsible, lead, support, region, phrase):
    proj = {p.seq: p for p in plan.projects}[seq]
    assert proj.name == name
    if investment is None:
        assert proj.investment is None  # 附件2 row 11 gives none: null, never 0
    else:
        assert proj.investment == pytest.approx(investment)
    assert list(proj.implementers) == implementers
    assert proj.responsible == responsible
    assert list(proj.lead) == lead
    assert list(proj.support) == support
    assert list(proj.region) == region
    assert phrase in proj.summary


def test_project_investment_total(plan):
    listed = [p.investment for p in plan.projects if p.investment is not None]
    assert len(listed) == 10
    # 2 + 1 + 10 + 0.2 + 3.3 + 0.1 + 2 + 2 + 20 + 30
    assert sum(listed) == pytest.approx(70.6)


def test_project_whitespace_artefacts_are_normalised(plan):
    by_seq = {p.seq: p for p in plan.projects}
    assert by_seq[1].lead == ["咸宁高新区管委会"]  # printed "咸宁高新区 管委会"
    assert by_seq[2].support == ["咸宁高新区管委会", "市高投集团"]  # printed "咸宁 高新区管委会"
    assert by_seq[5].lead == ["赤壁市人民政府"]  # printed "赤壁市 人民政府"
    assert by_seq[5].implementers == ["赤壁市高新产业投资集团有限公司"]  # printed "…高新产业 投资集团…"
    assert by_seq[10].implementers == ["湖北彰宸科技有限公司"]
    assert by_seq[8].lead == by_seq[9].lead == ["咸安区人民政府"]


def test_project_regions(plan):
    by_seq = {p.seq: p for p in plan.projects}
    assert by_seq[3].region == ["咸宁高新区", "咸安区"]
    assert by_seq[4].region == []
    assert by_seq[7].region == []
    canon = {r.name for r in plan.targets.regions}
    assert canon == {"咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "咸宁高新区"}
    for p in plan.projects:
        assert set(p.region) <= canon


# -- structural invariants ----------------------------------------------------------------


def test_unit_names_are_canonical_everywhere(plan):
    canon = {u.name for u in plan.targets.units}
    places = [(i.id, i) for i in plan.indicators.values()]
    places += [(c.id, c) for c in plan.targets.commitments]
    places += [(f"附件2-{p.seq}", p) for p in plan.projects]
    for what, item in places:
        for name in (*item.lead, *item.support):
            assert name in canon, (what, name)
    # every unit the plan's 附件1 names is registered
    named = {u for row in INDICATORS for u in (*row[8], *row[9])}
    assert named <= canon


def test_unit_registry_resolves_aliases(plan):
    assert plan.canonical_unit("高新区管委会") == "咸宁高新区管委会"
    assert plan.canonical_unit("咸宁 高新区管委会") == "咸宁高新区管委会"
    assert plan.canonical_unit("市科技局") == "市科技局"
    assert plan.canonical_unit("市科技厅") is None


def test_ids_unique_across_statistics_indicators_commitments(plan):
    ids = (
        [s.id for s in plan.targets.statistics]
        + [i.id for i in plan.targets.indicators]
        + [c.id for c in plan.targets.commitments]
    )
    assert len(ids) == len(set(ids))
    assert {s.id for s in plan.targets.statistics} >= {
        "rd_expenditure",
        "gdp",
        "hitech_value_added",
        "invention_patents",
        "population",
        "fiscal_st_expenditure",
        "general_budget_expenditure",
        "industrial_investment",
        "strategic_emerging_va",
        "industrial_va",
        "platform_matches_successful",
    }


def test_commitment_links_resolve(plan):
    linked = [c for c in plan.commitments.values() if c.indicator is not None]
    assert linked
    for c in linked:
        assert c.indicator in plan.indicators, c.id
        assert c.relation in ("equals_final", "each_year", "sums_to"), c.id
    for c in plan.commitments.values():
        if c.indicator is None:
            assert c.relation is None, c.id
            assert c.kind is not None and c.better is not None, c.id  # tracked on their own
        if c.comparator == "approx":
            assert c.tolerance is not None and c.tolerance > 0, c.id


# -- the body's quantitative promises (二 主要工作 and 一 总体要求), typed from the body ---------

# clause, words found in the commitment's text, value, unit, comparator, applies, indicator, relation
BODY = [
    ("一", "全社会研发经费投入年均增长10%以上", 10, "%", "at_least", "each_year", "rd_growth", "each_year"),
    ("一", "投入强度达到1.8%以上", 1.8, "%", "at_least", "by_end", "rd_intensity", "equals_final"),
    ("一", "高新技术企业突破800家", 800, "家", "gt", "by_end", "hitech_enterprises", "equals_final"),
    ("一", "入库科技型中小企业突破2200家", 2200, "家", "gt", "by_end", "tech_smes", "equals_final"),
    ("一", "高新技术产业增加值占GDP比重达到18%以上", 18, "%", "at_least", "by_end", "hitech_va_share", "equals_final"),
    ("一", "每万人发明专利拥有量达到6件", 6, "件", "at_least", "by_end", "patents_per_10k", "equals_final"),
    ("一", "当年技术合同成交额达到250亿元", 250, "亿元", "at_least", "by_end", "tech_contract_value", "equals_final"),
    ("一", "技术合同成交额占GDP比重保持10%左右", 10, "%", "approx", "by_end", None, None),
    ("二(一)1", "园区入驻企业长期保持在120家左右", 120, "家", "approx", "each_year", None, None),
    ("二(一)1", "每年来咸建设生产基地30家", 30, "家", "at_least", "each_year", None, None),
    ("二(一)2", "引进高层次人才50名以上", 50, "名", "at_least", "total", "center_talent", "sums_to"),
    ("二(一)2", "引进亿元以上项目10个", 10, "个", "at_least", "total", "center_projects", "sums_to"),
    ("二(一)3", "稳居全国百强", 100, "位", "at_most", "each_year", "hitech_zone_rank", "each_year"),
    ("二(一)3", "进入全国前90位", 90, "位", "at_most", "by_end", "hitech_zone_rank", "equals_final"),
    ("二(一)3", "建成省级高新区4个", 4, "个", "at_least", "by_end", "provincial_hitech_zones", "equals_final"),
    ("二(一)4", "产业链科技创新专项50项", 50, "项", "at_least", "total", "sti_projects", "sums_to"),
    ("二(一)4", "获批省级以上项目100项", 100, "项", "at_least", "total", "funded_projects", "sums_to"),
    ("二(一)4", "争取省级以上资金1亿元以上", 1, "亿元", "at_least", "total", "funded_amount", "sums_to"),
    ("二(二)6", "建成省级重点实验室3个", 3, "个", "at_least", "by_end", None, None),
    ("二(二)6", "零的突破", 1, "个", "at_least", "by_end", None, None),
    ("二(二)7", "建成省级产业技术研究院7家", 7, "家", "at_least", "by_end", None, None),
    ("二(二)7", "省级新型研发机构18个", 18, "个", "at_least", "by_end", None, None),
    ("二(三)8", "建成国家级创新创业平台5家", 5, "家", "at_least", "by_end", None, None),
    ("二(三)8", "省级创新创业平台30家", 30, "家", "at_least", "by_end", "provincial_incubators", "equals_final"),
    ("二(三)9", "高新技术企业数量达到800家", 800, "家", "at_least", "by_end", "hitech_enterprises", "equals_final"),
    ("二(三)9", "科技型中小企业突破2200家", 2200, "家", "gt", "by_end", "tech_smes", "equals_final"),
    ("二(三)9", "新增“新物种”企业80家", 80, "家", "at_least", "total", "new_species_enterprises", "sums_to"),
    (
        "二(三)9",
        "新增省级专精特新中小企业50家",
        50,
        "家",
        "at_least",
        "total",
        "new_specialized_smes",
        "sums_to",
    ),
    ("二(三)9", "新增“百强高企”2家", 2, "家", "at_least", "total", None, None),
    (
        "二(三)10",
        "每年实施重点技术改造项目100项以上",
        100,
        "项",
        "at_least",
        "each_year",
        "tech_renovation_projects",
        "each_year",
    ),
    ("二(三)10", "工业和技改投资年均增长10%以上", 10, "%", "at_least", "each_year", None, None),
    ("二(三)11", "战略性新兴产业增加值占规上工业增加值比重达到20%以上", 20, "%", "at_least", "by_end", None, None),
    ("二(四)13", "转化科技成果300项", 300, "项", "at_least", "total", "transferred_achievements", "sums_to"),
    ("二(四)13", "科技成果转化金额1亿元以上", 1, "亿元", "at_least", "total", None, None),
    ("二(四)14", "平台入驻企业突破3000家", 3000, "家", "gt", "by_end", "platform_enterprises", "equals_final"),
    ("二(四)14", "完成需求对接2000项", 2000, "项", "at_least", "by_end", "platform_matches", "equals_final"),
    ("二(四)14", "需求对接成功率超过80%", 80, "%", "gt", "by_end", None, None),
    ("二(四)15", "每年举办对接活动50场次", 50, "场次", "at_least", "each_year", None, None),
    ("二(五)16", "全社会科技投入强度达到1.8%以上", 1.8, "%", "at_least", "by_end", "rd_intensity", "equals_final"),
    (
        "二(五)16",
        "财政科技支出占一般公共预算支出比重超过3.3%",
        3.3,
        "%",
        "gt",
        "by_end",
        "fiscal_st_share",
        "equals_final",
    ),
    ("二(五)16", "2亿元规模的湖北香城长江科创投资基金", 2, "亿元", "at_least", "by_end", None, None),
    ("二(五)17", "高水平工程师60名", 60, "名", "at_least", "total", "engineers", "sums_to"),
    ("二(五)17", "高技能人才5000人", 5000, "人", "at_least", "total", "high_skill_talent", "sums_to"),
    ("二(五)17", "技能型人才30000人", 30000, "人", "at_least", "total", "skilled_talent", "sums_to"),
    ("二(五)17", "优秀青年科技人才200名", 200, "名", "at_least", "total", "young_talent", "sums_to"),
    ("二(五)17", "高水平科技创新团队6个", 6, "个", "at_least", "total", "innovation_teams", "sums_to"),
]

# 责任单位 of the body clauses, typed from the body (clause 一 names none)
CLAUSE_RESPONSIBLE = {
    "二(一)1": "市科技局,市高投集团,市招商和投资促进局,各县市区人民政府,咸宁高新区管委会",
    "二(一)2": "市科技局,市高投集团,咸安区人民政府,咸宁高新区管委会",
    "二(一)3": "市科技局,各县市区人民政府,咸宁高新区管委会",
    "二(一)4": "市科技局、市经信局,各县市区人民政府,咸宁高新区管委会",
    "二(二)6": "市科技局,湖北科技学院,各县市区人民政府,咸宁高新区管委会",
    "二(二)7": "市科技局,各县市区人民政府,咸宁高新区管委会",
    "二(三)8": "市科技局,各县市区人民政府,咸宁高新区管委会",
    "二(三)9": "市科技局、市经信局,各县市区人民政府,咸宁高新区管委会",
    "二(三)10": "市经信局、市发改委,各县市区人民政府,咸宁高新区管委会",
    "二(三)11": "市发改委、市经信局、市科技局,各县市区人民政府,咸宁高新区管委会",
    "二(四)13": "市科技局,各县市区人民政府,咸宁高新区管委会",
    "二(四)14": "市科技局,市高投集团,市政府办公室、市发改委、市人社局,各县市区人民政府,咸宁高新区管委会",
    "二(四)15": "市科技局,各县市区人民政府,咸宁高新区管委会",
    "二(五)16": "市科技局、市政府办公室,市高投集团,市财政局,各县市区人民政府,咸宁高新区管委会",
    "二(五)17": "市科技局、市教育局、市人社局,团市委,各县市区人民政府,咸宁高新区管委会",
}

# value_in_indicator_unit = value_in_commitment_unit × factor (1 亿元 = 10000 万元; 项/名 are counts)
CONVERSION = {("亿元", "万元"): 10000, ("项", "条"): 1, ("项", "个"): 1, ("名", "人"): 1}


def _convert(value: float, unit_from: str, unit_to: str) -> float:
    if unit_from == unit_to:
        return value
    return value * CONVERSION[(unit_from, unit_to)]


def _matching(plan, clause: str, words: str):
    return [c for c in plan.commitments.values() if c.clause == clause and words in c.text]


@pytest.mark.parametrize(
    ("clause", "words", "value", "unit", "comparator", "applies", "indicator", "relation"),
    BODY,
    ids=[f"{r[0]}:{r[1]}" for r in BODY],
)
def test_body_commitment(plan, clause, words, value, unit, comparator, applies, indicator, relation):
    found = _matching(plan, clause, words)
    assert len(found) == 1, [c.id for c in found]
    c = found[0]
    assert c.value == pytest.approx(value)
    assert c.unit == unit
    assert c.comparator == comparator
    assert c.applies == applies
    assert c.indicator == indicator
    assert c.relation == relation
    if indicator is None:
        assert c.kind is not None and c.better is not None  # tracked like an indicator of its own


def test_every_commitment_is_a_body_promise(plan):
    matched = {c.id for row in BODY for c in _matching(plan, row[0], row[1])}
    assert len(BODY) == 46
    assert matched == set(plan.commitments)


def test_commitment_responsible_units_follow_their_clause(plan):
    from xnkc.plan.load import parse_responsible

    for c in plan.commitments.values():
        if c.clause == "一":
            continue  # 总体要求 names no unit; linked ones inherit the indicator's
        cell = CLAUSE_RESPONSIBLE[c.clause]
        assert c.responsible == cell, c.id
        lead, support = parse_responsible(cell)
        assert (list(c.lead), list(c.support)) == (lead, support), c.id
    # a hand-parsed example: 二(四)14
    c14 = _matching(plan, "二(四)14", "需求对接成功率超过80%")[0]
    assert list(c14.lead) == ["市科技局"]
    assert list(c14.support) == ["市高投集团", "市政府办公室", "市发改委", "市人社局", GOV, ZONE]


def test_key_commitments(plan):
    c9 = plan.commitments["c9_new_species_enterprises"]
    assert (c9.clause, c9.value, c9.unit, c9.comparator) == ("二(三)9", 80, "家", "at_least")
    assert (c9.indicator, c9.relation, c9.applies) == ("new_species_enterprises", "sums_to", "total")
    # the plan's own annual targets (附件1-18: 25/25/30) add up to the promised 80
    assert sum(plan.indicators["new_species_enterprises"].targets.values()) == 80

    c4 = plan.commitments["c4_funded_amount"]
    assert (c4.value, c4.unit, c4.indicator, c4.relation) == (1, "亿元", "funded_amount", "sums_to")
    assert plan.conversion("亿元", "万元") == pytest.approx(10000)
    # 附件1-14 争取省级以上资金 3000/3000/4000 万元 sum to 1 亿元
    assert sum(plan.indicators["funded_amount"].targets.values()) == pytest.approx(1 * plan.conversion("亿元", "万元"))

    c10 = plan.commitments["c10_tech_renovation_projects"]
    assert (c10.clause, c10.value, c10.applies) == ("二(三)10", 100, "each_year")
    assert (c10.indicator, c10.relation, c10.comparator) == ("tech_renovation_projects", "each_year", "at_least")

    share = plan.commitments["tech_contract_gdp_share"]
    assert (share.comparator, share.value, share.unit) == ("approx", 10, "%")
    assert share.tolerance == pytest.approx(1)  # ±10% of 10%

    park = plan.commitments["offshore_park_enterprises"]
    assert (park.comparator, park.value, park.unit) == ("approx", 120, "家")
    assert park.tolerance == pytest.approx(12)  # ±10% of 120

    rank = plan.commitments["c3_hitech_zone_rank"]
    assert (rank.indicator, rank.comparator, rank.value) == ("hitech_zone_rank", "at_most", 90)
    assert [c for c in plan.commitments.values() if c.comparator == "approx"] == [share, park]


def _contradicts(value: float, comparator: str, relation: str, targets: dict[int, float]) -> bool:
    t = [targets[y] for y in (2024, 2025, 2026)]
    if relation == "equals_final":
        return t[2] != pytest.approx(value)
    if relation == "sums_to":
        return sum(t) != pytest.approx(value)
    if comparator == "at_most":
        return not all(x <= value for x in t)
    return not all(x >= value for x in t)


def test_the_only_body_vs_annex_contradiction_is_clause_2_3_10(plan):
    """Computed from the hand-typed 附件1 targets, not from the program's cross-check."""
    # first on the hand-typed body table alone
    typed = [
        row
        for row in BODY
        if row[6] is not None
        and _contradicts(_convert(row[2], row[3], UNIT_BY_ID[row[6]]), row[4], row[7], TARGETS_BY_ID[row[6]])
    ]
    assert [(r[0], r[1]) for r in typed] == [("二(三)10", "每年实施重点技术改造项目100项以上")]
    # then over the shipped commitments (their values, our targets)
    bad = []
    for c in plan.commitments.values():
        if c.indicator is None:
            continue
        value = _convert(c.value, c.unit, UNIT_BY_ID[c.indicator])
        if _contradicts(value, c.comparator, c.relation, TARGETS_BY_ID[c.indicator]):
            bad.append(c.id)
    assert bad == ["c10_tech_renovation_projects"]
    # the shipped 附件1-20 targets are the hand-typed 30/30/40, every one below the promised 100
    shipped = plan.indicators["tech_renovation_projects"].targets
    assert [shipped[y] for y in (2024, 2025, 2026)] == [30, 30, 40]
    # and the program's own cross-check finds exactly this contradiction, naming both places
    xk502 = [f for f in plan.check_findings if f.code == "XK502"]
    assert len(xk502) == 1
    assert xk502[0].args["clause"] == "二(三)10" and xk502[0].args["targets"] == "30/30/40"
    assert xk502[0].args["source"].startswith("附件1-20(")


# -- the CLI views of the data ------------------------------------------------------------


def _ok(r) -> None:
    assert r.code == 0, r.err
    assert "Traceback" not in r.err


def test_targets_json(plan):
    r = run_xnkc("targets", "--format", "json")
    _ok(r)
    data = r.json()
    assert len(data["indicators"]) == 29
    assert len(data["commitments"]) == 46
    by_id = {i["id"]: i for i in data["indicators"]}
    for seq, iid, name, unit, kind, better, targets, _resp, lead, support in INDICATORS:
        row = by_id[iid]
        assert (row["seq"], row["name"], row["unit"], row["kind"], row["better"]) == (seq, name, unit, kind, better)
        assert {int(k): v for k, v in row["targets"].items()} == dict(zip((2024, 2025, 2026), targets, strict=True))
        assert (row["lead"], row["support"], row["source"]) == (lead, support, f"附件1-{seq}")
    c9 = next(c for c in data["commitments"] if c["id"] == "c9_new_species_enterprises")
    assert (c9["value"], c9["relation"], c9["indicator"]) == (80, "sums_to", "new_species_enterprises")
    share = next(c for c in data["commitments"] if c["id"] == "tech_contract_gdp_share")
    assert (share["comparator"], share["tolerance"]) == ("approx", 1)


def test_projects_json():
    r = run_xnkc("projects", "--format", "json")
    _ok(r)
    projects = r.json()["projects"]
    assert len(projects) == 11
    by_seq = {p["seq"]: p for p in projects}
    assert by_seq[11]["investment"] is None
    assert by_seq[3]["region"] == ["咸宁高新区", "咸安区"]
    assert by_seq[4]["region"] == [] and by_seq[7]["region"] == []
    assert sum(p["investment"] for p in projects if p["investment"] is not None) == pytest.approx(70.6)
    for seq, name, investment, implementers, responsible, lead, support, region, _ in PROJECTS:
        p = by_seq[seq]
        assert p["name"] == name
        assert p["investment"] == (None if investment is None else pytest.approx(investment))
        assert (p["implementers"], p["lead"], p["support"], p["region"]) == (implementers, lead, support, region)
        assert p["responsible"] == responsible


def _cells(line: str) -> list[str]:
    return [c.strip() for c in re.split(r"[│┃|]", line) if c.strip()]


def test_projects_table_total_and_unlisted_investment():
    r = run_xnkc("projects")
    _ok(r)
    assert "70.6" in r.out
    row11 = [ln for ln in r.out.splitlines() if _cells(ln)[:1] == ["11"]]
    assert len(row11) == 1
    assert "未列明" in _cells(row11[0])
    # no other project row claims an unlisted investment
    others = [ln for ln in r.out.splitlines() if _cells(ln)[:1] and _cells(ln)[0].isdigit() and _cells(ln)[0] != "11"]
    assert len(others) == 10
    assert not any("未列明" in _cells(ln) for ln in others)


@pytest.mark.parametrize(
    ("by", "title", "other", "row"),
    [
        ("unit", "按牵头单位合计", "按区域合计", "崇阳县人民政府"),
        ("region", "按区域合计", "按牵头单位合计", "崇阳县"),
    ],
)
def test_projects_totals_by(by, title, other, row):
    r = run_xnkc("projects", "--by", by)
    _ok(r)
    assert "70.6" in r.out
    assert "华中健康饮品研发中心" in r.out
    assert title in r.out and other not in r.out  # --by decides which totals are printed
    totals = r.out[r.out.index(title) :]
    # 崇阳县 / 崇阳县人民政府: 附件2-10 (30 亿元) and 2-11 (not listed) → 2 projects, 30, 1 not listed
    line = next(ln for ln in totals.splitlines() if _cells(ln)[:1] == [row])
    assert _cells(line)[1:4] == ["2", "30", "1"]


def test_projects_by_region_json_keeps_every_project():
    r = run_xnkc("projects", "--by", "region", "--format", "json")
    _ok(r)
    assert len(r.json()["projects"]) == 11


def test_targets_for_one_unit_lists_only_its_indicators():
    r = run_xnkc("targets", "--unit", "团市委", "--format", "json")
    _ok(r)
    data = r.json()
    assert [i["seq"] for i in data["indicators"]] == [28]
    # the commitments 团市委 takes part in: the five of 二(五)17
    clauses = sorted(c["clause"] for c in data["commitments"])
    assert clauses == ["二(五)17"] * 5
    table = run_xnkc("targets", "--unit", "团市委")
    _ok(table)
    assert "引进培育优秀青年" in table.out
    assert "高新技术企业数" not in table.out


def test_targets_for_a_unit_alias_and_an_unknown_unit():
    r = run_xnkc("targets", "--unit", "高新区管委会", "--format", "json")
    _ok(r)
    assert 10 in [i["seq"] for i in r.json()["indicators"]]  # 附件1-10 is 咸宁高新区管委会 alone
    bad = run_xnkc("targets", "--unit", "团市委员会会")
    assert bad.code == 2
    assert "Traceback" not in bad.err


def test_targets_one_year():
    r = run_xnkc("targets", "--year", "2025", "--format", "csv")
    _ok(r)
    rows = list(csv.reader(io.StringIO(r.out)))
    header = rows[0]
    assert "2025" in header
    assert "2024" not in header and "2026" not in header
    col = header.index("2025")
    hitech = next(row for row in rows if "高新技术企业数" in row)
    assert float(hitech[col].replace(",", "")) == 720
    table = run_xnkc("targets", "--year", "2025")
    _ok(table)
    assert "720" in table.out
    bad = run_xnkc("targets", "--year", "2027")
    assert bad.code == 2
    assert "Traceback" not in bad.err


def test_targets_csv_and_markdown():
    r = run_xnkc("targets", "--format", "csv")
    _ok(r)
    rows = list(csv.reader(io.StringIO(r.out)))
    header = rows[0]
    for seq, _iid, name, unit, *_rest in INDICATORS:
        row = next(x for x in rows[1:] if name in x)
        assert row[0] == str(seq)
        assert unit in row
    tech_smes = next(x for x in rows if "入库科技型中小企业数" in x)
    assert [float(tech_smes[header.index(y)].replace(",", "")) for y in ("2024", "2025", "2026")] == [1875, 2050, 2200]

    md = run_xnkc("targets", "--format", "markdown")
    _ok(md)
    lines = [ln for ln in md.out.splitlines() if ln.startswith("|")]
    assert len(lines) >= 29 + 2
    row = next(ln for ln in lines if "高新技术企业数" in ln)
    assert "650" in row and "720" in row and "800" in row


def test_projects_csv_and_markdown():
    r = run_xnkc("projects", "--format", "csv")
    _ok(r)
    rows = list(csv.reader(io.StringIO(r.out)))
    assert len([row for row in rows[1:] if row and row[0].isdigit()]) == 11
    assert any("武咸共建区" in row for row in rows)
    md = run_xnkc("projects", "--format", "markdown")
    _ok(md)
    assert "国家新材料改性与应用特色产业火炬基地" in md.out
    assert "未列明" in md.out


# -- packaging: the data ships in the wheel ---------------------------------------------------


def test_wheel_ships_the_plan_data(tmp_path):
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path)]
    if importlib.util.find_spec("hatchling") is not None:
        cmd.append("--no-build-isolation")  # build offline with the installed backend
    cmd.append(str(REPO))
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    wheels = list(tmp_path.glob("xnkc-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as zf:
        names = set(zf.namelist())
        assert "xnkc/data/targets.yaml" in names
        assert "xnkc/data/projects.yaml" in names
        assert "xnkc/__main__.py" in names
        # the shipped copy is the repository's copy, byte for byte
        assert zf.read("xnkc/data/targets.yaml") == (REPO / "data" / "targets.yaml").read_bytes()
        assert zf.read("xnkc/data/projects.yaml") == (REPO / "data" / "projects.yaml").read_bytes()
