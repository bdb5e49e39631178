"""The formulas of SPEC §5, with values worked out by hand from the plan's own numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import metric
from xnkc.compute import calc
from xnkc.read.numeric import parse_period

# -- completion, gap, met -----------------------------------------------------------------------


def test_completion_and_gap_hitech_enterprises():
    # 附件1-3: 720 高新技术企业 in 2025; 700 reported → 0.97222, short by 20
    assert calc.completion(700, 720, "higher") == pytest.approx(0.972222, abs=1e-6)
    assert calc.gap(700, 720, "higher", "at_least") == 20
    assert calc.is_met(700, 720, "higher", "at_least") is False
    assert calc.is_met(720, 720, "higher", "at_least") is True


def test_rank_lower_is_better():
    # 附件1-10: rank target 93 in 2025; 94th is missed, completion 93/94
    assert calc.completion(94, 93, "lower") == pytest.approx(93 / 94)
    assert calc.gap(94, 93, "lower", "at_most") == 1
    assert calc.is_met(94, 93, "lower", "at_most") is False
    assert calc.is_met(92, 93, "lower", "at_most") is True
    row = calc.evaluate(metric("rank", "lower", {2024: 95, 2025: 93, 2026: 90}, "at_most"), {2025: {"m": 94}}, 2025, 12)
    assert row.status == "missed"
    assert row.completion == pytest.approx(0.9893617, abs=1e-7)
    assert row.expected == 93


def test_zero_target_has_no_completion():
    # 附件1-15/16: 0 new institutes/platforms in 2024
    m = metric("annual", targets={2024: 0, 2025: 1, 2026: 1})
    row = calc.evaluate(m, {2024: {"m": 0}}, 2024, 12)
    assert row.completion is None and row.met is True and row.status == "met" and row.gap == 0
    row = calc.evaluate(m, {2024: {"m": 1}}, 2024, 12)
    assert row.completion is None and row.gap == -1 and row.status == "met"
    # in-year: expected 0 × f = 0, so progress has no divisor
    row = calc.evaluate(m, {2024: {"m": 0}}, 2024, 6)
    assert row.expected == 0 and row.progress is None and row.status == "met"
    # lower-better with a zero actual: T / 0 → null
    assert calc.completion(0, 93, "lower") is None


def test_approximate_targets():
    # 二(一)1 园区入驻企业保持在120家左右 (±10% → ±12)
    m = metric("level", targets={2024: 120, 2025: 120, 2026: 120}, comparator="approx", tolerance=12)
    assert calc.evaluate(m, {2025: {"m": 125}}, 2025, 12).status == "met"
    assert calc.evaluate(m, {2025: {"m": 108}}, 2025, 12).status == "met"
    over = calc.evaluate(m, {2025: {"m": 135}}, 2025, 12)
    assert over.status == "missed" and over.gap == -15
    assert calc.evaluate(m, {2025: {"m": 135}}, 2025, 9).status == "behind"


# -- expected (序时目标), progress and status --------------------------------------------------------


def test_expected_by_kind():
    assert calc.expected("annual", 235, 0.75, None) == pytest.approx(176.25)
    assert calc.expected("level", 720, 0.75, 668) == pytest.approx(707)
    assert calc.expected("cumulative", 26, 0.5, 22) == pytest.approx(24)
    assert calc.expected("level", 720, 0.75, None) == 720  # no base → T
    for kind in ("ratio", "growth", "rank"):
        assert calc.expected(kind, 1.6, 0.25, 1.2) == 1.6
    assert calc.expected("level", 720, 1.0, 668) == 720  # f = 1 → E = T


def test_level_base_falls_back_to_last_years_target():
    # no 2024 actual: B = 2024 target 650 → E = 650 + (720 − 650) × 0.75 = 702.5
    row = calc.evaluate(metric(), {2025: {"m": 700}}, 2025, 9)
    assert row.expected == pytest.approx(702.5)
    assert row.progress == pytest.approx(700 / 702.5)
    assert row.status == "behind"


def test_in_year_statuses():
    # hitech_enterprises at 2025-Q3: B = 668 → E = 707; 700/707 = 0.990 → behind
    row = calc.evaluate(metric(), {2024: {"m": 668}, 2025: {"m": 700}}, 2025, 9)
    assert row.expected == pytest.approx(707)
    assert row.progress == pytest.approx(0.990099, abs=1e-6)
    assert row.status == "behind"
    assert row.catch_up == pytest.approx(7)
    # tech_contract_value 150 of 235 at Q3: E = 176.25 → 0.851 → far_behind
    m = metric("annual", targets={2024: 220, 2025: 235, 2026: 250})
    row = calc.evaluate(m, {2025: {"m": 150}}, 2025, 9)
    assert row.progress == pytest.approx(150 / 176.25)
    assert row.status == "far_behind"
    assert row.catch_up == pytest.approx(26.25)
    # center_talent 16 of 20 at Q3: E = 15 → on_track, nothing to catch up
    m = metric("annual", targets={2024: 10, 2025: 20, 2026: 20})
    row = calc.evaluate(m, {2025: {"m": 16}}, 2025, 9)
    assert row.status == "on_track" and row.catch_up == 0
    # the behind threshold is an option: 0.85 makes 0.851 merely behind
    m = metric("annual", targets={2024: 220, 2025: 235, 2026: 250})
    assert calc.evaluate(m, {2025: {"m": 150}}, 2025, 9, threshold=0.85).status == "behind"


def test_no_data():
    row = calc.evaluate(metric(), {2025: {}}, 2025, 12)
    assert row.status == "no_data" and row.completion is None and row.gap is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("2025", 12),
        ("2025-Q1", 3),
        ("2025-Q3", 9),
        ("2025-H1", 6),
        ("2025-H2", 12),
        ("2025-09", 9),
        ("2025-01", 1),
        (2025, 12),
    ],
)
def test_time_progress(text, months):
    p = parse_period(text)
    assert p is not None and p.months == months
    assert p.time_progress == pytest.approx(months / 12)


@pytest.mark.parametrize("text", ["2025-Q5", "2025-Q0", "2025-H3", "2025-13", "2025-00", "Q3", "25-Q3", "2025Q3"])
def test_bad_periods(text):
    assert parse_period(text) is None


# -- growth ---------------------------------------------------------------------------------------


def test_growth_quantity():
    # 高新技术企业数 610 (2023) → 668 (2024), target 800 in 2026
    g = calc.growth("level", {2023: 610, 2024: 668}, 800, False, final_year=2026)
    assert g.yoy == pytest.approx(668 / 610 - 1)
    assert g.actual_rate == pytest.approx(0.0950820, abs=1e-6)
    assert g.required_rate == pytest.approx(math.sqrt(800 / 668) - 1)
    assert g.projected == pytest.approx(668 * (668 / 610) ** 2)
    assert g.assessment == "on_course"  # q = 0.09508 / 0.09435 = 1.008
    assert g.change is None


def test_growth_three_years_uses_earliest_as_base():
    # 610 → 668 → 705: a = (705/610)^(1/2) − 1 = 0.07505; r = 800/705 − 1 = 0.13475; q = 0.557
    g = calc.growth("level", {2023: 610, 2024: 668, 2025: 705}, 800, False, final_year=2026)
    assert g.yoy == pytest.approx(705 / 668 - 1)
    assert g.actual_rate == pytest.approx(0.0750524, abs=1e-6)
    assert g.required_rate == pytest.approx(0.1347518, abs=1e-6)
    assert g.projected == pytest.approx(705 * 1.0750524, rel=1e-6)
    assert g.assessment == "insufficient"


def test_growth_rank_is_linear():
    # rank 97 → 94, target 90 in 2026: a = −3/yr, r = (90 − 94)/2 = −2/yr, q = 1.5
    g = calc.growth("rank", {2023: 97, 2024: 94}, 90, False, final_year=2026)
    assert g.change == -3 and g.actual_rate == -3 and g.required_rate == -2
    assert g.projected == 88
    assert g.assessment == "on_course"
    assert g.yoy is None


def test_growth_percentage_is_linear():
    g = calc.growth("ratio", {2024: 1.4, 2025: 1.5}, 1.8, False, final_year=2026)
    assert g.change == pytest.approx(0.1)
    assert g.required_rate == pytest.approx(0.3)
    assert g.projected == pytest.approx(1.6)
    assert g.assessment == "insufficient"  # q = 0.333


@pytest.mark.parametrize(
    ("rate", "required", "met", "expected"),
    [
        (0.2, 0.1, False, "on_course"),
        (0.095, 0.1, False, "on_course"),  # q = 0.95 exactly
        (0.094, 0.1, False, "moderate"),
        (0.06, 0.1, False, "moderate"),  # q = 0.6
        (0.059, 0.1, False, "insufficient"),
        (0.0, 0.1, False, "insufficient"),
        (-0.01, 0.1, False, "regressing"),
        (-0.01, 0.1, True, "achieved"),
    ],
)
def test_assessment_bands(rate, required, met, expected):
    assert calc.assess(rate, required, met, 1) == expected


def test_growth_needs_two_full_years_and_positive_values():
    assert calc.growth("level", {2024: 668}, 800, False, final_year=2026) == calc.Growth()
    g = calc.growth("annual", {2024: 0, 2025: 0}, 1, False, final_year=2026)
    assert g.actual_rate is None and g.required_rate is None and g.assessment is None
    # the final year decides: no assessment unless already achieved
    assert calc.growth("level", {2025: 720, 2026: 780}, 800, False, final_year=2026).assessment is None
    assert calc.growth("level", {2025: 720, 2026: 805}, 800, True, final_year=2026).assessment == "achieved"


def test_growth_only_uses_full_years():
    # 2025 is partial (Q3): growth is from 2023 → 2024 only
    row = calc.evaluate(metric(), {2023: {"m": 610}, 2024: {"m": 668}, 2025: {"m": 700}}, 2025, 9, final_full=False)
    assert row.growth.latest_year == 2024 and row.growth.base_year == 2023


# -- annual flows over the plan, commitments -----------------------------------------------------------


def test_cumulative_flows_against_three_year_total():
    # 新增“新物种”企业 25 + 25 + 30 = 80 (二(三)9); 27 in 2024, 21 in 2025
    m = metric("annual", targets={2024: 25, 2025: 25, 2026: 30})
    row = calc.with_plan_total(calc.evaluate(m, {2024: {"m": 27}, 2025: {"m": 21}}, 2025, 12), 80)
    assert row.cumulative is not None
    assert row.cumulative.actual == 48 and row.cumulative.target == 50
    assert row.cumulative.completion == pytest.approx(0.96)
    assert row.cumulative.plan_total == 80
    assert row.cumulative.plan_total_completion == pytest.approx(0.6)
    # a missing year leaves the sum open rather than understating it
    row = calc.evaluate(m, {2025: {"m": 21}}, 2025, 12)
    assert row.cumulative is not None and row.cumulative.actual is None
    assert row.cumulative.missing_years == (2024,)


def test_total_commitment_counts_over_the_plan():
    # 二(四)13 科技成果转化金额1亿元以上 over 2024–2026: 0.35 + 0.42 by end-2025, f = 24/36
    m = metric("annual", targets={2026: 1}, applies="total")
    row = calc.evaluate(m, {2024: {"m": 0.35}, 2025: {"m": 0.42}}, 2025, 12)
    assert row.actual == pytest.approx(0.77)
    assert row.expected == pytest.approx(2 / 3)
    assert row.status == "on_track"
    assert row.completion == pytest.approx(0.77)


def test_by_2026_commitment_is_not_missed_before_2026():
    m = metric("cumulative", targets={2026: 3}, applies="by_end")
    row = calc.evaluate(m, {2025: {"m": 2}}, 2025, 12)
    # no earlier actual: E = T = 3, p = 2/3 < 0.9 → 明显滞后
    assert row.target == 3 and row.expected == 3 and row.progress == pytest.approx(2 / 3)
    assert row.status == "far_behind"
    assert calc.evaluate(m, {2026: {"m": 2}}, 2026, 12).status == "missed"
    assert calc.evaluate(m, {2025: {"m": 3}}, 2025, 12).status == "met"


# -- properties -------------------------------------------------------------------------------------

pos = st.floats(min_value=0.001, max_value=1e7, allow_nan=False, allow_infinity=False)
nonneg = st.floats(min_value=0, max_value=1e7, allow_nan=False, allow_infinity=False)
fractions = st.sampled_from([1 / 12, 0.25, 0.5, 0.75, 1.0])


@given(actual=nonneg, target=pos, better=st.sampled_from(["higher", "lower"]))
def test_gap_sign_agrees_with_met(actual, target, better):
    comparator = "at_most" if better == "lower" else "at_least"
    met = calc.is_met(actual, target, better, comparator)
    g = calc.gap(actual, target, better, comparator)
    assert met == (g <= 0)
    c = calc.completion(actual, target, better)
    if c is not None:
        assert (c >= 1) == met or math.isclose(c, 1.0)


@given(
    actual=nonneg,
    target=pos,
    f=fractions,
    base=st.one_of(st.none(), nonneg),
    kind=st.sampled_from(["level", "cumulative", "annual", "ratio", "growth"]),
)
def test_status_invariants(actual, target, f, base, kind):
    e = calc.expected(kind, target, f, base)
    if kind in ("level", "cumulative") and base is not None:
        assert min(base, target) - 1e-6 <= e <= max(base, target) + 1e-6
    if kind == "annual":
        assert e == pytest.approx(target * f)
    met = calc.is_met(actual, target, "higher", "at_least")
    p = calc.progress(actual, e, "higher")
    s = calc.status(actual, met, f, p)
    if f == 1.0:
        assert s in ("met", "missed")
    elif not met:
        assert s in ("on_track", "behind", "far_behind")
        if p is not None and p >= 1:
            assert s == "on_track"
    assert calc.status(None, met, f, p) == "no_data"
    cu = calc.catch_up(actual, e, "higher")
    assert cu >= 0 and (cu == 0) == (actual >= e)


@given(a=pos, b=pos, t=pos)
def test_geometric_growth_is_compound_from_the_base_year(a, b, t):
    # base 2023, latest 2025 (two years), final 2026: the rates are compound, worked out here
    # independently; a linear or one-year formula gives other numbers for almost every input
    g = calc.growth("level", {2023: a, 2025: b}, t, b >= t, final_year=2026)
    rate = (b / a) ** 0.5 - 1
    assert g.actual_rate == pytest.approx(rate, rel=1e-9, abs=1e-12)
    assert g.required_rate == pytest.approx(t / b - 1, rel=1e-9, abs=1e-12)
    assert g.projected == pytest.approx(b * (1 + rate), rel=1e-9)
    assert (g.base_year, g.latest_year) == (2023, 2025)
    assert g.yoy is None  # no 2024 value: no year-on-year figure


def test_by_2026_commitment_paces_from_the_last_actual():
    # 二(二)6 建成省级重点实验室3个: 1 at end-2024, 2 at end-2025 → E = 1 + (3 − 1) × 12/24 = 2
    m = metric("cumulative", targets={2026: 3}, applies="by_end")
    row = calc.evaluate(m, {2024: {"m": 1}, 2025: {"m": 2}}, 2025, 12)
    assert row.time_progress == pytest.approx(0.5)
    assert row.expected == pytest.approx(2) and row.status == "on_track"
    # from the 2023 base instead: f = 24/36
    row = calc.evaluate(m, {2023: {"m": 0}, 2025: {"m": 2}}, 2025, 12)
    assert row.time_progress == pytest.approx(2 / 3) and row.expected == pytest.approx(2)
    # in 2026 itself: the year's own time progress from 2025's actual
    row = calc.evaluate(m, {2025: {"m": 2}, 2026: {"m": 2}}, 2026, 6)
    assert row.time_progress == pytest.approx(0.5) and row.expected == pytest.approx(2.5)


def test_overflowing_growth_is_null_not_a_crash():
    g = calc.growth("level", {2024: 1e-300, 2025: 1e10}, 800, True, final_year=2026)
    assert g.assessment == "achieved"
    g = calc.growth("level", {2023: 1e-300, 2024: 1e-300, 2025: 1e11}, 1e12, False, final_year=2026)
    assert g.actual_rate is None or math.isfinite(g.actual_rate)


def test_a_row_carries_the_provenance_of_its_actual():
    here = calc.read_at("a.yaml", 5, 9)
    m = metric("level")
    row = calc.evaluate(m, {2025: {"m": 700}}, 2025, 12, origin="reported", provenance=here)
    assert row.provenance == calc.Provenance(file="a.yaml", line=5, column=9)
    # no actual: no provenance, whatever was passed
    assert calc.evaluate(m, {}, 2025, 12, provenance=here).provenance is None
    # no target (a region without a 分解目标): the value is shown, and where it came from
    row = calc.evaluate(metric("level", targets={}), {2025: {"m": 70}}, 2025, 12, provenance=here)
    assert row.status == "no_target" and row.provenance == here


def test_a_plan_total_is_the_sum_of_its_years():
    # 二(四)13 over 2024–2026, checked in 2025: the flows of 2024 and 2025
    m = metric("annual", targets={2026: 1}, applies="total")
    row = calc.evaluate(m, {2024: {"m": 0.35}, 2025: {"m": 0.42}}, 2025, 12, provenance=calc.read_at("a", 1, 1))
    assert row.provenance == calc.Provenance(years=(2024, 2025))
    assert calc.evaluate(m, {2025: {"m": 0.42}}, 2025, 12).provenance is None  # 2024 missing: no sum


def test_provenance_builders():
    assert calc.derived_from("ratio", ["a", "b"]) == calc.Provenance(derived="ratio", sources=("a", "b"))
    assert calc.summed_over(["咸安区"]) == calc.Provenance(regions=("咸安区",))
    assert calc.read_at("f", 2, 3) == calc.Provenance(file="f", line=2, column=3)
    assert calc.Provenance() == calc.Provenance(None, None, None, None, (), (), ())
