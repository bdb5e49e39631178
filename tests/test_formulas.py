"""Every function of ``calc`` called directly (in-process, so mutation testing sees it), with
values worked out by hand. The numbers are the plan's own where it has them (附件1-3 高新技术企业
650/720/800, 附件1-10 排名 95/93/90, 附件1-25 工程师 20 a year, 二(二)6 省级重点实验室 3 by 2026) and
the shipped annual example's (研发经费 24.5 / 27.2 / 30.3 亿元 for 2023–2025).
"""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from conftest import metric
from xnkc.compute import calc

HITECH = {2024: 650, 2025: 720, 2026: 800}  # 附件1-3, the default of conftest.metric


# -- names and counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("missed", "missed"),
        ("MISSED", "missed"),
        ("far-behind", "far_behind"),
        (" On_Track ", "on_track"),
        ("明显滞后", "far_behind"),
        (" 未完成 ", "missed"),
        ("无目标", "no_target"),
        ("无数据", "no_data"),
        ("已完成", "met"),
        ("序时达标", "on_track"),
        ("滞后", "behind"),
        ("late", None),
        ("", None),
    ],
)
def test_status_named(word, status):
    assert calc.status_named(word) == status


def test_count_statuses_lists_every_status_in_order():
    rows = [SimpleNamespace(status=s) for s in ("met", "behind", "met", "no_target")]
    counts = calc.count_statuses(rows)
    assert list(counts) == ["met", "on_track", "behind", "far_behind", "missed", "no_data", "no_target"]
    assert counts == {
        "met": 2,
        "on_track": 0,
        "behind": 1,
        "far_behind": 0,
        "missed": 0,
        "no_data": 0,
        "no_target": 1,
    }
    assert calc.count_statuses([]) == dict.fromkeys(calc.STATUSES, 0)


@pytest.mark.parametrize(
    ("kind", "unit"),
    [
        ("level", "fraction"),
        ("cumulative", "fraction"),
        ("annual", "fraction"),
        ("ratio", "points"),
        ("growth", "points"),
        ("rank", "points"),
    ],
)
def test_rate_unit(kind, unit):
    assert calc.rate_unit(kind) == unit


def test_share():
    assert calc.share(160, 700) == pytest.approx(160 / 700)
    assert calc.share(None, 700) is None
    assert calc.share(160, None) is None
    assert calc.share(160, 0) is None
    assert calc.share(0, 700) == 0


# -- the small formulas ---------------------------------------------------------------------------


def test_gap_for_an_approximate_target_is_target_minus_actual_whatever_the_direction():
    # 园区入驻企业保持在120家左右: 130 is 10 over → gap −10 even for a lower-better figure
    assert calc.gap(130, 120, "lower", "approx") == -10
    assert calc.gap(130, 120, "lower", "at_most") == 10
    assert calc.gap(130, 120, "higher", "approx") == -10
    assert calc.gap(110, 120, "higher", "at_least") == 10


@pytest.mark.parametrize(
    ("actual", "met"),
    [(132, True), (108, True), (132.5, False), (107.5, False), (120, True)],
)
def test_is_met_within_the_tolerance_band(actual, met):
    # 120家左右, ±10 % = 12: the band 108..132 includes its ends
    assert calc.is_met(actual, 120, "higher", "approx", 12) is met


def test_is_met_approx_without_tolerance_needs_the_exact_value():
    assert calc.is_met(120, 120, "higher", "approx", None) is True
    assert calc.is_met(120.5, 120, "higher", "approx", None) is False
    assert calc.is_met(119.5, 120, "higher", "approx", 0.0) is False


def test_is_met_by_direction():
    assert calc.is_met(93, 93, "lower", "at_most") is True
    assert calc.is_met(94, 93, "lower", "at_most") is False
    assert calc.is_met(720, 720, "higher", "at_least") is True
    assert calc.is_met(719.9, 720, "higher", "at_least") is False


def test_expected_by_kind():
    # annual: T × f; level: B + (T − B) × f; ratio/growth/rank: T
    assert calc.expected("annual", 20, 0.75, 18) == 15
    assert calc.expected("level", 720, 0.75, 668) == pytest.approx(668 + 52 * 0.75)
    assert calc.expected("cumulative", 4, 0.5, 2) == 3
    assert calc.expected("level", 720, 0.25, None) == 720  # no base: E = T
    assert calc.expected("ratio", 1.6, 0.5, 1.4) == 1.6
    assert calc.expected("rank", 93, 0.5, 95) == 93


def test_progress_and_catch_up():
    assert calc.progress(700, 707, "higher") == pytest.approx(700 / 707)
    assert calc.progress(94, 93, "lower") == pytest.approx(93 / 94)  # E / A for a rank
    assert calc.progress(0, 93, "lower") is None
    assert calc.progress(5, 0, "higher") is None
    assert calc.catch_up(700, 707, "higher") == 7
    assert calc.catch_up(710, 707, "higher") == 0
    assert calc.catch_up(94, 93, "lower") == 1  # one place to gain
    assert calc.catch_up(92, 93, "lower") == 0


@pytest.mark.parametrize(
    ("actual", "met", "f", "prog", "approx", "expected"),
    [
        (None, False, 0.5, None, False, "no_data"),
        (5, True, 0.5, 0.5, False, "met"),
        (5, False, 1.0, 0.99, False, "missed"),
        (5, False, 0.5, 1.2, True, "behind"),  # outside a 左右 band in-year
        (5, False, 0.5, None, False, "behind"),
        (5, False, 0.5, 1.0, False, "on_track"),
        (5, False, 0.5, 0.9, False, "behind"),
        (5, False, 0.5, 0.8999, False, "far_behind"),
    ],
)
def test_status(actual, met, f, prog, approx, expected):
    assert calc.status(actual, met, f, prog, approx=approx) == expected


def test_status_threshold_option():
    assert calc.status(5, False, 0.5, 0.93, threshold=0.95) == "far_behind"
    assert calc.status(5, False, 0.5, 0.95, threshold=0.95) == "behind"


@pytest.mark.parametrize(
    ("year", "months", "fraction"),
    [(2024, 12, 12 / 36), (2025, 6, 0.5), (2026, 12, 1.0), (2023, 12, 0.0), (2027, 6, 1.0), (2024, 1, 1 / 36)],
)
def test_plan_fraction(year, months, fraction):
    assert calc.plan_fraction(year, months, 2024, 2026) == pytest.approx(fraction)


# -- growth ----------------------------------------------------------------------------------------


def test_growth_of_a_quantity():
    # 高新技术企业 600 (2023) → 668 → 705 (2025), 2026 target 800
    g = calc.growth("level", {2023: 600, 2024: 668, 2025: 705}, 800, False, final_year=2026)
    assert g.yoy == pytest.approx(705 / 668 - 1)
    assert g.change is None
    assert g.actual_rate == pytest.approx(math.sqrt(705 / 600) - 1)  # 8.397 % a year
    assert g.required_rate == pytest.approx(800 / 705 - 1)  # 13.475 %
    assert g.projected == pytest.approx(705 * math.sqrt(705 / 600))
    assert g.assessment == "moderate"  # q = 0.0840 / 0.1348 = 0.623
    assert (g.base_year, g.latest_year, g.final_year) == (2023, 2025, 2026)


def test_growth_of_a_percentage_is_linear_in_points():
    # 研发投入强度 1.28 → 1.37 → 1.46 %, 2026 target 1.8
    g = calc.growth("ratio", {2023: 1.28, 2024: 1.37, 2025: 1.46}, 1.8, False, final_year=2026)
    assert g.yoy is None
    assert g.change == pytest.approx(0.09)
    assert g.actual_rate == pytest.approx(0.09)  # (1.46 − 1.28) / 2
    assert g.required_rate == pytest.approx(0.34)
    assert g.projected == pytest.approx(1.55)
    assert g.assessment == "insufficient"  # q = 0.09 / 0.34 = 0.26


def test_growth_of_a_rank_improves_downwards():
    # 排名 97 (2024) → 94 (2025), 2026 target 90: −3 a year against −4 needed
    g = calc.growth("rank", {2024: 97, 2025: 94}, 90, False, final_year=2026)
    assert (g.change, g.actual_rate, g.required_rate, g.projected) == (-3, -3, -4, 91)
    assert g.assessment == "moderate"  # q = 0.75


def test_growth_reached_level_and_annual_quota():
    assert calc.growth("level", {2024: 700, 2025: 810}, 800, True, final_year=2026).assessment == "achieved"
    # an annual flow at the 2026 quota: the flow of 2026 itself is still to come
    assert calc.growth("annual", {2024: 20, 2025: 22}, 20, True, final_year=2026).assessment == "at_final_level"
    assert calc.growth("annual", {2024: 20, 2025: 18}, 20, False, final_year=2026).assessment == "regressing"


def test_growth_needs_two_years_and_positive_values():
    assert calc.growth("level", {2025: 705}, 800, False, final_year=2026) == calc.Growth()
    g = calc.growth("level", {2024: 0, 2025: 705}, 800, False, final_year=2026)
    assert g.yoy is None and g.actual_rate is None and g.projected is None
    assert g.required_rate == pytest.approx(800 / 705 - 1)
    assert g.assessment is None
    g = calc.growth("level", {2024: 668, 2025: 0}, 800, False, final_year=2026)
    assert (g.yoy, g.actual_rate, g.required_rate, g.projected) == (None, None, None, None)


def test_growth_without_last_year_has_no_yoy():
    g = calc.growth("level", {2023: 600, 2025: 705}, 800, False, final_year=2026)
    assert g.yoy is None
    assert g.actual_rate == pytest.approx(math.sqrt(705 / 600) - 1)
    g = calc.growth("ratio", {2023: 1.28, 2025: 1.46}, 1.8, False, final_year=2026)
    assert g.change is None and g.actual_rate == pytest.approx(0.09)


def test_growth_without_a_final_target():
    g = calc.growth("level", {2024: 668, 2025: 705}, None, False, final_year=2026)
    assert g.required_rate is None and g.assessment is None
    assert g.actual_rate == pytest.approx(705 / 668 - 1)
    g = calc.growth("ratio", {2024: 1.37, 2025: 1.46}, None, False, final_year=2026)
    assert g.required_rate is None and g.projected == pytest.approx(1.55)
    g = calc.growth("level", {2024: 668, 2025: 705}, 0, False, final_year=2026)  # a zero target: no rate reaches it
    assert g.required_rate is None


def test_growth_in_the_final_year_leaves_nothing_required():
    g = calc.growth("ratio", {2025: 1.46, 2026: 1.6}, 1.8, False, final_year=2026)
    assert g.required_rate is None and g.assessment is None
    assert g.projected == pytest.approx(1.6)
    g = calc.growth("level", {2025: 705, 2026: 790}, 800, False, final_year=2026)
    assert g.required_rate is None and g.projected == pytest.approx(790)
    assert g.final_year == 2026


def test_growth_towards_another_final_year():
    g = calc.growth("level", {2024: 668, 2025: 705}, 800, False, final_year=2027)
    assert g.required_rate == pytest.approx(math.sqrt(800 / 705) - 1)
    assert g.projected == pytest.approx(705 * (705 / 668) ** 2)
    assert g.final_year == 2027
    g = calc.growth("rank", {2024: 97, 2025: 94}, 90, False, final_year=2027)
    assert g.required_rate == -2 and g.projected == 88


def test_growth_overflow_is_none():
    g = calc.growth("level", {2024: 1e-300, 2025: 1e10}, 1e11, False, final_year=2026)
    assert g.actual_rate is None and g.projected is None
    assert g.required_rate == pytest.approx(9)


@pytest.mark.parametrize(
    ("rate", "required", "verdict"),
    [
        (0.95, 1.0, "on_course"),
        (0.9499, 1.0, "moderate"),
        (0.6, 1.0, "moderate"),
        (0.5999, 1.0, "insufficient"),
        (0.0, 1.0, "insufficient"),
        (-0.01, 1.0, "regressing"),
        (-3, -4, "moderate"),  # a rank: both negative
        (3, -4, "regressing"),
    ],
)
def test_assess_thresholds(rate, required, verdict):
    assert calc.assess(rate, required, False, 1) == verdict


def test_assess_without_enough_to_judge():
    assert calc.assess(0.1, 0.1, True, 0) == "achieved"
    assert calc.assess(0.1, 0.1, False, 0) is None
    assert calc.assess(None, 0.1, False, 1) is None
    assert calc.assess(0.1, None, False, 1) is None
    assert calc.assess(0.1, 0.0, False, 1) is None
    assert calc.assess(0.1, 1.0, False, 1) == "insufficient"  # required 1 is a real requirement


# -- the two readings of a derived growth rate ---------------------------------------------------

RD = {2023: 24.5, 2024: 27.2, 2025: 30.3}  # the annual example's 全社会研发经费投入, 亿元


def test_growth_methods_both_readings():
    m = calc.growth_methods("yoy", RD, 2025)
    assert m.yoy == pytest.approx((30.3 / 27.2 - 1) * 100)  # 11.397
    assert m.average_since_base == pytest.approx((math.sqrt(30.3 / 24.5) - 1) * 100)  # 11.209
    assert m.base_year == 2023 and m.method == "yoy"
    assert m.chosen == m.yoy
    avg = calc.growth_methods("average_since_base", RD, 2025)
    assert avg.chosen == pytest.approx(11.209, abs=1e-3)


def test_growth_methods_one_year_after_the_base_agree():
    m = calc.growth_methods("yoy", RD, 2024)
    assert m.yoy == pytest.approx((27.2 / 24.5 - 1) * 100)
    assert m.average_since_base == pytest.approx(m.yoy)
    assert m.base_year == 2023


def test_growth_methods_base_is_the_earliest_year():
    m = calc.growth_methods("yoy", {2022: 20.0, **RD}, 2025)
    assert m.base_year == 2022
    assert m.average_since_base == pytest.approx(((30.3 / 20) ** (1 / 3) - 1) * 100)


def test_growth_methods_undefined_cases():
    m = calc.growth_methods("yoy", RD, 2023)  # nothing before the base year
    assert (m.yoy, m.average_since_base, m.base_year) == (None, None, None)
    gap = calc.growth_methods("yoy", {2023: 24.5, 2025: 30.3}, 2025)  # no 2024
    assert gap.yoy is None and gap.average_since_base == pytest.approx((math.sqrt(30.3 / 24.5) - 1) * 100)
    assert calc.growth_methods("yoy", {2024: 27.2, 2025: 0.0}, 2025).yoy is None
    zero_prev = calc.growth_methods("yoy", {2023: 24.5, 2024: 0.0, 2025: 30.3}, 2025)
    assert zero_prev.yoy is None and zero_prev.average_since_base is not None
    zero_base = calc.growth_methods("yoy", {2023: 0.0, 2024: 27.2, 2025: 30.3}, 2025)
    assert zero_base.yoy == pytest.approx((30.3 / 27.2 - 1) * 100) and zero_base.average_since_base is None
    missing = calc.growth_methods("yoy", RD, 2026)  # the year itself not reported
    assert (missing.yoy, missing.average_since_base) == (None, None)


# -- links to body-text promises ------------------------------------------------------------------


def _link(relation, value, comparator="at_least", better="higher", values=None, cum=None):
    return calc.link_check(
        "c", "二(三)10", "每年…", relation, value, comparator, better, values or {}, "x", 2025, cum, 2026
    )


def test_link_check_three_year_total_uses_the_cumulative_actual():
    # 二(五)17 工程师60名: 22 + 19 = 41 so far
    link = _link("sums_to", 60, cum=41, values={2025: {"x": 19}})
    assert (link.actual, link.met) == (41, False)
    assert _link("sums_to", 60, cum=60).met is True
    assert _link("sums_to", 60, cum=None).met is None
    assert (link.id, link.clause, link.text, link.relation, link.value) == ("c", "二(三)10", "每年…", "sums_to", 60)


def test_link_check_each_year_reads_that_year():
    values = {2024: {"x": 120}, 2025: {"x": 36}}
    assert (_link("each_year", 100, values=values).actual, _link("each_year", 100, values=values).met) == (36, False)
    assert _link("each_year", 100, values={2025: {"x": 100}}).met is True
    none = _link("each_year", 100, values={2024: {"x": 120}})
    assert (none.actual, none.met) == (None, None)


@pytest.mark.parametrize(
    ("rank", "comparator", "better", "met"),
    [
        (94, "at_most", "lower", True),  # 稳居全国百强: ≤ 100
        (100, "at_most", "lower", True),
        (101, "at_most", "lower", False),
        (101, "at_most", "higher", False),  # at_most decides even without the direction
        (99, "at_most", "higher", True),
        (101, "at_least", "lower", False),  # a lower-better figure is at most
        (100, "at_least", "lower", True),
    ],
)
def test_link_check_at_most(rank, comparator, better, met):
    assert _link("equals_final", 100, comparator, better, values={2025: {"x": rank}}).met is met


# -- pace and evaluate ------------------------------------------------------------------------------


def test_evaluate_level_in_year():
    # 高新技术企业: 668 at end-2024, 702 by Q3 2025: E = 668 + (720 − 668) × 0.75 = 707
    row = calc.evaluate(metric(), {2024: {"m": 668}, 2025: {"m": 702}}, 2025, 9, origin="reported")
    assert row.target == 720 and row.actual == 702
    assert row.expected == pytest.approx(707)
    assert row.progress == pytest.approx(702 / 707)
    assert row.completion == pytest.approx(702 / 720)
    assert row.gap == 18 and row.met is False
    assert row.catch_up == pytest.approx(5)
    assert row.time_progress == 0.75
    assert row.status == "behind"  # p = 0.9929
    assert row.origin == "reported"
    assert row.cumulative is None  # a stock has no running sum


def test_evaluate_level_paced_from_last_years_target_without_an_actual():
    # no 2024 value: B = the 2024 target 650 → E = 650 + 70 × 0.5 = 685
    row = calc.evaluate(metric(), {2025: {"m": 690}}, 2025, 6)
    assert row.expected == pytest.approx(685)
    assert row.status == "on_track"


def test_evaluate_annual_is_not_paced_from_last_year():
    # 工程师 20 a year, 22 last year: E = 20 × 0.75 = 15 (never from 22)
    m = metric("annual", targets={2024: 20, 2025: 20, 2026: 20})
    row = calc.evaluate(m, {2024: {"m": 22}, 2025: {"m": 14}}, 2025, 9)
    assert row.expected == 15
    assert row.status == "behind"  # 14 / 15 = 0.933
    assert row.cumulative is not None
    assert (row.cumulative.actual, row.cumulative.target) == (36, 40)
    assert row.cumulative.completion == pytest.approx(0.9)
    assert row.cumulative.missing_years == ()


def test_evaluate_threshold_is_passed_on():
    m = metric("annual", targets={2024: 20, 2025: 20, 2026: 20})
    assert calc.evaluate(m, {2025: {"m": 9}}, 2025, 6).status == "behind"
    assert calc.evaluate(m, {2025: {"m": 9}}, 2025, 6, threshold=0.95).status == "far_behind"


def test_evaluate_no_target_and_no_data():
    row = calc.evaluate(metric(targets={2026: 800}), {2025: {"m": 700}}, 2025, 12)
    assert row.status == "no_target" and row.actual == 700 and row.target is None
    assert row.expected is None and row.completion is None
    row = calc.evaluate(metric(), {2025: {}}, 2025, 6)
    assert row.status == "no_data" and row.actual is None
    assert row.expected == pytest.approx(650 + 70 * 0.5)
    assert row.completion is None and row.gap is None and row.met is None


def test_evaluate_approx_outside_band_in_year_is_behind_and_met_inside():
    m = metric("level", targets={2024: 120, 2025: 120, 2026: 120}, comparator="approx", tolerance=12)
    assert calc.evaluate(m, {2025: {"m": 140}}, 2025, 6).status == "behind"
    assert calc.evaluate(m, {2025: {"m": 140}}, 2025, 12).status == "missed"
    row = calc.evaluate(m, {2025: {"m": 125}}, 2025, 6)
    assert row.status == "met" and row.gap == -5


def test_evaluate_growth_block_uses_final_full_years_only():
    values = {2023: {"m": 600}, 2024: {"m": 668}, 2025: {"m": 702}}
    full = calc.evaluate(metric(), values, 2025, 12).growth
    assert full.latest_year == 2025 and full.yoy == pytest.approx(702 / 668 - 1)
    partial = calc.evaluate(metric(), values, 2025, 9, final_full=False).growth
    assert partial.latest_year == 2024  # year-to-date 2025 is not a full-year value
    assert partial.actual_rate == pytest.approx(668 / 600 - 1)
    later = calc.evaluate(metric(), {**values, 2026: {"m": 790}}, 2025, 12).growth
    assert later.latest_year == 2025  # values after the year checked are not used


def test_evaluate_growth_block_assessment():
    values = {2024: {"m": 668}, 2025: {"m": 810}}
    assert calc.evaluate(metric(), values, 2025, 12).growth.assessment == "achieved"
    # "about 120": no direction to assess unless reached
    m = metric("level", targets={2024: 120, 2025: 120, 2026: 120}, comparator="approx", tolerance=12)
    assert calc.evaluate(m, {2024: {"m": 90}, 2025: {"m": 100}}, 2025, 12).growth.assessment is None
    assert calc.evaluate(m, {2024: {"m": 90}, 2025: {"m": 125}}, 2025, 12).growth.assessment == "achieved"
    # no final-year target: no growth block
    assert calc.evaluate(metric(targets={2024: 650, 2025: 720}), values, 2025, 12).growth == calc.Growth()
    assert calc.evaluate(metric(), {2025: {"m": 705}}, 2025, 12).growth.latest_year is None


def test_evaluate_three_year_total():
    # 科技成果转化金额 Σ ≥ 1 亿元: 0.35 + 0.42 = 0.77; f = 24/36 → E = 2/3
    m = metric("annual", targets={2026: 1}, applies="total")
    row = calc.evaluate(m, {2024: {"m": 0.35}, 2025: {"m": 0.42}}, 2025, 12, origin="reported")
    assert row.origin == "cumulative"
    assert row.actual == pytest.approx(0.77) and row.target == 1
    assert row.time_progress == pytest.approx(2 / 3)
    assert row.expected == pytest.approx(2 / 3)
    assert row.status == "on_track"
    assert row.growth == calc.Growth()  # a total has no growth block
    missing = calc.evaluate(m, {2025: {"m": 0.42}}, 2025, 12)
    assert missing.actual is None and missing.status == "no_data"
    zero = calc.evaluate(m, {2024: {"m": 0.0}, 2025: {"m": 0.0}}, 2025, 12)
    assert zero.actual == 0 and zero.status == "far_behind"


def test_evaluate_by_2026_paced_from_the_last_actual():
    # 省级重点实验室 3 by 2026: 1 at end-2024 → by Q3 2025 E = 1 + 2 × 9/24 = 1.75
    m = metric("cumulative", targets={2026: 3}, applies="by_end")
    row = calc.evaluate(m, {2024: {"m": 1}, 2025: {"m": 2}}, 2025, 9)
    assert row.time_progress == pytest.approx(9 / 24)
    assert row.expected == pytest.approx(1.75)
    assert row.status == "on_track"
    full = calc.evaluate(m, {2024: {"m": 1}, 2025: {"m": 2}}, 2025, 12)
    assert full.time_progress == pytest.approx(0.5) and full.expected == pytest.approx(2)
    # the latest earlier actual counts, not the first
    later = calc.evaluate(m, {2023: {"m": 0}, 2024: {"m": 1}, 2025: {"m": 2}}, 2025, 12)
    assert later.expected == pytest.approx(2)


def test_evaluate_by_2026_without_an_earlier_actual():
    m = metric("cumulative", targets={2026: 3}, applies="by_end")
    row = calc.evaluate(m, {2025: {"m": 2}}, 2025, 6)
    assert row.time_progress == pytest.approx(18 / 36)
    assert row.expected == 3
    final = calc.evaluate(m, {2026: {"m": 2}}, 2026, 6)
    assert final.time_progress == 0.5 and final.status == "far_behind"  # 2 / 3


# -- running sums of annual flows --------------------------------------------------------------------


def test_cumulative_first_year_and_missing_years():
    m = metric("annual", targets={2024: 20, 2025: 20, 2026: 20})
    first = calc.evaluate(m, {2024: {"m": 22}}, 2024, 12).cumulative
    assert first is not None and (first.actual, first.target, first.missing_years) == (22, 20, ())
    assert first.completion == pytest.approx(1.1)
    gap = calc.evaluate(m, {2025: {"m": 19}}, 2025, 12).cumulative
    assert gap.actual is None and gap.completion is None and gap.missing_years == (2024,)
    assert gap.target == 40
    assert (gap.plan_total, gap.plan_total_completion) == (None, None)


def test_cumulative_needs_every_years_target():
    m = metric("annual", targets={2025: 20})  # e.g. one year's 分解目标
    assert calc.evaluate(m, {2025: {"m": 19}}, 2025, 12).cumulative is None


def test_cumulative_zero_target():
    m = metric("annual", targets={2024: 0, 2025: 0, 2026: 5})
    c = calc.evaluate(m, {2024: {"m": 1}, 2025: {"m": 1}}, 2025, 12).cumulative
    assert c.target == 0 and c.completion is None and c.actual == 2


def test_with_plan_total():
    m = metric("annual", targets={2024: 20, 2025: 20, 2026: 20})
    row = calc.evaluate(m, {2024: {"m": 22}, 2025: {"m": 19}}, 2025, 12)
    assert calc.with_plan_total(row, None) is row
    with_total = calc.with_plan_total(row, 60)
    assert with_total.cumulative.plan_total == 60
    assert with_total.cumulative.plan_total_completion == pytest.approx(41 / 60)
    assert calc.with_plan_total(row, 0).cumulative.plan_total_completion is None
    missing = calc.evaluate(m, {2025: {"m": 19}}, 2025, 12)
    assert calc.with_plan_total(missing, 60).cumulative.plan_total_completion is None
    stock = calc.evaluate(metric(), {2025: {"m": 700}}, 2025, 12)
    assert calc.with_plan_total(stock, 60) is stock  # no running sum to attach to


def test_with_methods_attaches_the_years_readings():
    m = metric("growth", targets={2024: 10, 2025: 12.5, 2026: 15})
    row = calc.evaluate(m, {2025: {"m": 11.4}}, 2025, 12)
    report = calc.Report("t", 2025, "2025", 12, 1.0, [row], [], 2024, 2026)
    found = calc.growth_methods("yoy", RD, 2025)
    other = calc.growth_methods("yoy", RD, 2024)
    out = calc.with_methods(report, {(2025, "m"): found, (2024, "x"): other})
    assert out.rows[0].methods is found
    assert calc.with_methods(report, {(2024, "m"): other}).rows[0].methods is None
    region_row = calc.Row(metric=m, status="no_target", time_progress=1.0, growth=calc.Growth(), region="咸安区")
    report = calc.Report("t", 2025, "2025", 12, 1.0, [region_row], [row], 2024, 2026)
    out = calc.with_methods(report, {(2025, "m"): found}, {"咸安区": {(2025, "m"): other}})
    assert out.rows[0].methods is other  # a region's row gets its region's figures
    assert out.commitments[0].methods is found
    assert calc.with_methods(report, {(2025, "m"): found}).rows[0].methods is None


# -- figures below 1 and lower-better rows through evaluate (mutation survivors) -----------------


def test_growth_of_small_figures():
    # 科技成果转化金额 0.35 → 0.42 亿元: +20 %; values below 1 are values like any other
    g = calc.growth("annual", {2024: 0.35, 2025: 0.42}, 1.0, False, final_year=2026)
    assert g.yoy == pytest.approx(0.2)
    assert g.actual_rate == pytest.approx(0.2)
    assert g.required_rate == pytest.approx(1.0 / 0.42 - 1)
    m = calc.growth_methods("yoy", {2024: 0.35, 2025: 0.42}, 2025)
    assert m.yoy == pytest.approx(20.0) and m.average_since_base == pytest.approx(20.0)


RANK = {2024: 95, 2025: 93, 2026: 90}  # 附件1-10 咸宁高新区全国排名


def test_evaluate_rank_in_year():
    # 94th at mid-2025 against 93: E = 93, p = 93/94, one place short
    m = metric("rank", "lower", RANK, "at_most")
    row = calc.evaluate(m, {2025: {"m": 94}}, 2025, 6)
    assert row.expected == 93
    assert row.progress == pytest.approx(93 / 94)
    assert row.gap == 1 and row.catch_up == 1
    assert row.completion == pytest.approx(93 / 94)
    assert row.status == "behind"  # p = 0.989


def test_evaluate_rank_growth_reached():
    m = metric("rank", "lower", RANK, "at_most")
    g = calc.evaluate(m, {2024: {"m": 95}, 2025: {"m": 89}}, 2025, 12).growth
    assert g.assessment == "achieved"  # 89 ≤ 90 already
    assert (g.change, g.actual_rate) == (-6, -6)


def test_evaluate_ratio_growth_is_linear():
    m = metric("ratio", targets={2024: 1.4, 2025: 1.6, 2026: 1.8})
    g = calc.evaluate(m, {2024: {"m": 1.37}, 2025: {"m": 1.46}}, 2025, 12).growth
    assert g.yoy is None
    assert g.change == pytest.approx(0.09) and g.actual_rate == pytest.approx(0.09)
    assert g.required_rate == pytest.approx(0.34)


def test_evaluate_growth_required_rate_towards_the_final_target():
    g = calc.evaluate(metric(), {2024: {"m": 668}, 2025: {"m": 705}}, 2025, 12).growth
    assert g.required_rate == pytest.approx(800 / 705 - 1)
    assert g.assessment == "insufficient"  # q = 0.0554 / 0.1348 = 0.41


def test_evaluate_approx_reached_inside_the_band_below_the_target():
    # 115 is inside 120 ± 12 though below 120: reached
    m = metric("level", targets={2024: 120, 2025: 120, 2026: 120}, comparator="approx", tolerance=12)
    assert calc.evaluate(m, {2024: {"m": 90}, 2025: {"m": 115}}, 2025, 12).growth.assessment == "achieved"


def test_evaluate_approx_gap_ignores_the_direction():
    m = metric("level", "lower", {2024: 120, 2025: 120, 2026: 120}, comparator="approx", tolerance=12)
    row = calc.evaluate(m, {2025: {"m": 125}}, 2025, 12)
    assert row.gap == -5 and row.met is True


def test_evaluate_a_year_without_values():
    row = calc.evaluate(metric(), {2024: {"m": 668}}, 2025, 12)
    assert row.status == "no_data" and row.actual is None
    assert row.expected == 720


def test_evaluate_no_data_keeps_the_running_sum():
    m = metric("annual", targets={2024: 20, 2025: 20, 2026: 20})
    row = calc.evaluate(m, {2024: {"m": 22}, 2025: {}}, 2025, 9)
    assert row.status == "no_data"
    assert row.cumulative is not None
    assert (row.cumulative.actual, row.cumulative.target, row.cumulative.missing_years) == (None, 40, (2025,))


def test_evaluate_by_2026_annual_without_an_earlier_actual_is_paced_over_the_plan():
    # an annual-kind promise due by 2026, nothing before 2025: E = T × f = 20 × 24/36
    m = metric("annual", targets={2026: 20}, applies="by_end")
    row = calc.evaluate(m, {2025: {"m": 10}}, 2025, 12)
    assert row.expected == pytest.approx(40 / 3)
    assert row.status == "far_behind"  # 10 / 13.33 = 0.75


def test_cumulative_before_the_plan_and_without_a_final_target():
    # a target for the base year 2023 (before the plan): no running sum over the plan yet
    m = metric("annual", targets={2023: 10, 2024: 20, 2025: 20, 2026: 20})
    assert calc.evaluate(m, {2023: {"m": 9}}, 2023, 12).cumulative is None
    # the sum up to 2025 needs the 2024 and 2025 targets only
    m = metric("annual", targets={2024: 20, 2025: 20})
    c = calc.evaluate(m, {2024: {"m": 22}, 2025: {"m": 19}}, 2025, 12).cumulative
    assert c is not None and (c.actual, c.target) == (41, 40)


# -- strict comparators (SPEC §2.2: 超过/突破 exclude the number) -------------------------------------


@pytest.mark.parametrize(
    ("actual", "comparator", "met"),
    [(800, "gt", False), (801, "gt", True), (799, "gt", False), (3.3, "lt", False), (3.2, "lt", True)],
)
def test_is_met_strict(actual, comparator, met):
    target = 800 if comparator == "gt" else 3.3
    assert calc.is_met(actual, target, "higher" if comparator == "gt" else "lower", comparator) is met


def test_link_check_strict():
    # 一 高新技术企业突破800家: 800 is not beyond 800
    assert _link("equals_final", 800, "gt", values={2025: {"x": 800}}).met is False
    assert _link("equals_final", 800, "gt", values={2025: {"x": 801}}).met is True
    assert _link("equals_final", 90, "lt", "lower", values={2025: {"x": 90}}).met is False
    assert _link("equals_final", 90, "lt", "lower", values={2025: {"x": 89}}).met is True
    assert _link("equals_final", 90, "lt", "higher", values={2025: {"x": 89}}).met is True  # lt decides


def test_evaluate_strict_row_completion_and_gap_as_non_strict():
    # 需求对接成功率超过80%: 80 exactly is not met, yet completion 1 and gap 0 as for "80以上"
    m = metric("ratio", targets={2026: 80}, comparator="gt", applies="by_end")
    row = calc.evaluate(m, {2026: {"m": 80}}, 2026, 12)
    assert row.met is False and row.status == "missed"
    assert row.completion == 1 and row.gap == 0
    assert calc.evaluate(m, {2026: {"m": 80.5}}, 2026, 12).status == "met"
