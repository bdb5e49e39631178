"""User-facing labels in Chinese (default) and English. Data names stay as the plan writes them."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xnkc.read.models import PlanLabels

LABELS: dict[str, tuple[str, str]] = {
    # statuses
    "met": ("已完成", "met"),
    "on_track": ("序时达标", "on track"),
    "behind": ("滞后", "behind"),
    "far_behind": ("明显滞后", "far behind"),
    "missed": ("未完成", "missed"),
    "no_data": ("无数据", "no data"),
    "conflict": ("冲突", "conflict"),
    "value_source": ("数据来源", "value from"),
    "value_derived": ("计算", "derived"),
    "value_regions": ("各区域合计", "sum of the regions"),
    # xnkc status (SPEC §9)
    "status_unit": ("报送单位", "unit"),
    "status_expected": ("应报", "expected"),
    "status_submitted": ("已报", "submitted"),
    "status_missing": ("未报", "missing"),
    "status_files": ("文件", "files"),
    "status_period": ("报告期 {period} · 共缺 {missing} 项", "period {period} · {missing} figure(s) missing"),
    "status_no_unit": ("未写报送单位(unit)的文件:{files}", "files that name no unit: {files}"),
    "no_target": ("无目标", "no target"),
    "not_exceeded": ("未超过", "not exceeded"),  # 突破800 with exactly 800 (SPEC §2.2)
    "not_below": ("未低于", "not below"),
    "off_band": ("偏离目标区间", "outside the band"),
    "reached": ("已达到", "reached"),
    "not_reached": ("未达到", "not reached"),
    "not_yet": ("尚未达到({F}年前)", "not yet (due {F})"),  # F: the plan's final year
    "commitment_text": ("正文承诺", "commitment"),
    "promised": ("承诺值", "promised"),
    # growth assessments
    # {F}: the plan's final year (records.assessment_label); an annual flow at the final year's
    # quota is at that year's level, its final-year target is still to be reached (SPEC §5)
    "achieved": ("已达{F}目标", "{F} target reached"),
    "at_final_level": ("已达{F}年度水平", "at the {F} annual level"),
    "on_course": ("增速达标", "on course"),
    "moderate": ("增速偏慢", "moderate"),
    "insufficient": ("增速不足", "insufficient"),
    "regressing": ("倒退", "regressing"),
    # the two readings of a derived growth rate (SPEC §2.3): 年均增长 as year on year or as the
    # compound average since the base year
    "methods_line": ("增长率两种算法", "growth rate, both readings"),
    "method_yoy": ("同比", "year on year"),
    "method_average_since_base": ("{base}年以来年均", "average since {base}"),
    "method_used": ("采用", "used"),
    "csv_method_yoy": ("同比增长率(%)", "growth, year on year (%)"),
    "csv_method_average_since_base": ("基期以来年均增长率(%)", "growth, average since base year (%)"),
    # columns
    "seq": ("序号", "#"),
    "indicator": ("指标", "indicator"),
    "unit": ("单位", "unit"),
    "target": ("目标", "target"),
    "actual": ("实际", "actual"),
    "completion": ("完成率", "completion"),
    "gap": ("差距", "gap"),
    "expected": ("序时目标", "expected"),
    "catch_up": ("序时差距", "catch-up"),
    "status": ("状态", "status"),
    "growth": ("增速/需增速", "growth/needed"),
    "assessment": ("研判", "assessment"),
    "role": ("角色", "role"),
    "lead": ("牵头", "lead"),
    "support": ("配合", "support"),
    "source": ("出处", "source"),
    "kind": ("类型", "kind"),
    "name": ("名称", "name"),
    # {unit}: the plan's investment unit (plan.labels.investment_unit)
    "investment": ("投资额({unit})", "investment ({unit})"),
    "invested": ("已投资({unit})", "invested ({unit})"),
    "investment_completion": ("投资完成率", "invested share"),
    "project_status": ("项目状态", "status"),
    "region": ("区域", "region"),
    "city": ("全市", "city"),
    "implementers": ("实施单位", "implementers"),
    "projects": ("项目数", "projects"),
    "total": ("合计", "total"),
    "not_listed": ("未列明", "not listed"),
    "none": ("(未列明区域)", "(no region)"),
    "summary": ("小计", "summary"),
    "time_progress": ("序时进度", "time progress"),
    "full_year": ("全年", "full year"),
    "year": ("年度", "year"),
    "warnings": ("提示", "warnings"),
    "by_region": ("按区域合计", "totals by region"),
    "by_unit": ("按牵头单位合计", "totals by lead unit"),
    "planned": ("规划", "planned"),
    "under_construction": ("在建", "under construction"),
    "completed": ("建成", "completed"),
    "stalled": ("停滞", "stalled"),
    "listed_total": ("已列明投资合计", "listed investment total"),
    "cumulative": ("累计", "cumulative"),
    "shared": ("其中共同项目", "of which shared"),
    "region_view": ("{region}的区域数据", "{region}'s own figures"),
    "share_note": ("括号内为占全市的比重", "in brackets: share of the city total"),
    "unit_view": ("责任单位:{unit}", "responsible unit: {unit}"),
    "no_regions": ("文件中没有 regions(分区域)数据", "the file has no regions block"),
    # {projects}: the title of the plan's project list (plan.labels.projects)
    "no_projects": ("方案没有列出{projects}", "the plan lists no {projects}"),
    # {indicator} / {project}: the plan's nouns for its tables (plan.labels: 附件1指标 / 附件2项目)
    "unit_nothing": (
        "{unit} 在方案中不牵头也不配合任何{indicator}、带数字的正文承诺或{project}(方案交给它的工作没有量化目标),"
        "没有需要填报或核对的数据",
        "{unit} leads or supports no {indicator}, no body-text promise with a figure and no {project}"
        " (its duties in the plan set no figure): it has nothing to report",
    ),
    "unit_projects_only": (
        "{unit} 不牵头也不配合任何{indicator}或带数字的正文承诺;它负责的{project}见 xnkc projects --by unit",
        "{unit} leads or supports no {indicator} and no body-text promise with a figure;"
        " its {project}s: xnkc projects --by unit",
    ),
    "nothing_for_unit": (
        "{unit} 没有牵头或配合的{indicator}或单独跟踪的正文承诺(它负责的正文承诺见 xnkc targets --unit {unit})",
        "{unit} leads or supports no {indicator} or separately tracked commitment"
        " (its body-text promises: xnkc targets --unit {unit})",
    ),
}


# -- the human formats (table, markdown, CSV headers) ---------------------------------------------
LABELS.update(
    {
        "ahead": ("超额", "ahead"),
        "derived_note": ("由分项统计计算或由各区域汇总", "computed from component statistics or summed over regions"),
        "interpolated_note": (
            "目标为插值里程碑:指标表未列该年目标,按前后两个已知值插值",
            "the target is an interpolated milestone: the plan's table gives none for that year",
        ),
        "left_out": (
            "因终端只有 {width} 列宽,未显示:{columns};加宽终端或用 --format markdown 可看全部",
            "left out to fit {width} columns: {columns}; a wider terminal or --format markdown shows all",
        ),
        "links_table": ("核对表的{column}", "{column} (promises table)"),
        # CSV headers: ids stay ids; rates are fractions (1 = 100%), as in JSON
        "csv_section": ("类别", "section"),
        "csv_unit_name": ("责任单位", "responsible unit"),
        "csv_name": ("名称", "name"),
        "csv_origin": ("数据来源", "origin"),
        "csv_interpolated": ("插值目标", "interpolated"),
        "csv_yes": ("是", "yes"),
        "csv_interpolated_years": ("插值年份", "interpolated years"),
        "csv_completion": ("完成率(1=100%)", "completion (1 = 100%)"),
        "csv_gap": ("差距(负数为超额)", "gap (negative = exceeded)"),
        "csv_progress": ("序时进度比(1=100%)", "progress (1 = 100%)"),
        "csv_status": ("状态代码", "status id"),
        "csv_status_label": ("状态", "status"),
        "csv_yoy": ("同比增长", "year-on-year"),
        "csv_change": ("较上年变化", "change on last year"),
        "csv_actual_rate": ("实际年均增速", "actual rate"),
        "csv_required_rate": ("所需年均增速", "required rate"),
        "csv_rate_unit": ("增速单位", "rate unit"),
        "csv_projected": ("预计期末值", "projected final value"),
        "csv_assessment": ("研判代码", "assessment id"),
        "csv_assessment_label": ("研判", "assessment"),
        "csv_cumulative_actual": ("累计实际", "cumulative actual"),
        "csv_cumulative_target": ("累计目标", "cumulative target"),
        # {years}: the plan's span in words (zh_years: 三年 for 2024—2026)
        "csv_plan_total": ("{years}合计目标", "plan total"),
        "csv_plan_total_completion": ("{years}合计完成率(1=100%)", "plan total completion (1 = 100%)"),
        "csv_commitments_reached": ("已达到的正文承诺", "commitments reached"),
        "csv_commitments_not_yet": ("尚未到期的正文承诺", "commitments not yet due"),
        "csv_commitments_not_met": ("未达到的正文承诺", "commitments not met"),
        "csv_lead": ("牵头单位", "lead units"),
        "csv_support": ("配合单位", "support units"),
        "csv_comparator": ("比较", "comparator"),
        "csv_tolerance": ("容差", "tolerance"),
        "csv_total": ("{years}合计", "plan total"),
        "csv_applies": ("适用", "applies"),
        "csv_indicator_link": ("对应指标", "indicator"),
        "csv_clause": ("条款", "clause"),
        "csv_text": ("原文", "text"),
        "csv_summary": ("项目简介", "summary"),
        "csv_investment_completion": ("投资完成率(1=100%)", "invested share (1 = 100%)"),
        "csv_project_status": ("项目状态代码", "status id"),
        "csv_project_status_label": ("项目状态", "status"),
        "csv_not_listed": ("投资额未列明的项目数", "projects without a listed investment"),
        "csv_value": ("数值", "value"),
        "csv_region_target": ("分解目标", "region target"),
        "csv_share": ("占全市比重(1=100%)", "share of the city (1 = 100%)"),
        "csv_city_actual": ("全市实际", "city actual"),
    }
)


# -- the reports people read: HTML, xlsx, the docx 通报, terminal bars (issue 11) ------------------
LABELS.update(
    {
        "bar": ("进度", "progress"),
        "light": ("亮灯", "light"),
        "report_overview": ("总体情况", "overview"),
        "report_chart": ("完成率与序时目标", "completion against the expected pace"),
        "report_pace_mark": ("竖线为序时目标", "a vertical mark is the expected pace"),
        "report_units": ("分单位情况", "by responsible unit"),
        "report_regions": ("分区域情况", "by region"),
        "report_trajectory": ("历次数据与目标", "across periods, against the targets"),
        "report_region_value": ("各区域数值", "each region's value"),
        "report_city": ("全市", "city"),
        "report_no_rows": ("(无)", "(none)"),
        "report_summary_sheet": ("汇总", "summary"),
        "report_count": ("数量", "count"),
        "report_generated": ("由 xnkc 根据报送数据生成", "generated by xnkc from the submitted data"),
    }
)


# -- xnkc trend (issue 11 point 4) ------------------------------------------------------------------
LABELS.update(
    {
        "trend_title": ("历次数据", "across periods"),
        "trend_spark": ("走势", "trend"),
        "trend_latest": ("最新值(报告期)", "latest (period)"),
        "trend_period": ("报告期", "period"),
        "trend_months": ("月数", "months"),
        "trend_commitments": ("正文承诺", "commitments"),
    }
)


def default_lang() -> str:
    return "en" if os.environ.get("XNKC_LANG", "").lower().startswith("en") else "zh"


_ZH_COUNT = "零一两三四五六七八九十"


def zh_years(first: int, final: int) -> str:
    """How many years first..final span, in Chinese words: 2024—2026 → 三年, 2021—2025 → 五年."""
    n = final - first + 1
    return (_ZH_COUNT[n] if 0 <= n < len(_ZH_COUNT) else str(n)) + "年"


def plan_text(labels: PlanLabels, key: str, lang: str, **args: str) -> str:
    """A label in the plan's own words (``plan.labels``): ``key`` a wording of the block
    (indicators, commitments, projects, links, shared_note); with ``args``, an i18n label whose
    {indicator} and {project} name a row of the plan's tables ("no 附件1 indicator")."""
    if not args and key in _PLAN_WORDING:
        return getattr(labels, key).text(lang)
    return t(key, lang).format(
        indicator=labels.indicator_noun.text(lang),
        project=labels.project_noun.text(lang),
        **args,
    )


_PLAN_WORDING = frozenset({"indicators", "commitments", "projects", "links", "shared_note"})


def t(key: str, lang: str) -> str:
    pair = LABELS.get(key)
    if pair is None:
        return key
    return pair[1] if lang == "en" else pair[0]
