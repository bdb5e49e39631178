"""calc on the SPEC §8 fields of a metric, without the CLI (so mutation testing sees them): a
year's own comparator and tolerance, interpolated milestones, base-year values for growth.

The metric is 附件1-3 高新技术企业 (650 / 720 / 800 家 over 2024–2026, conftest ``metric``) with
one field added per test; every expected value is worked out by hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from conftest import metric
from xnkc.compute import calc

M = "m"


def values(**by_year: float) -> dict[int, dict[str, float]]:
    return {int(y[1:]): {M: v} for y, v in by_year.items()}


def test_a_years_own_comparator_decides_that_year() -> None:
    m = replace(metric(), comparators={2025: "gt"})
    # 2025, full year, 720 reported against 720: ≥ is met, 超过 (gt) is not → missed
    row = calc.evaluate(m, values(y2025=720), 2025, 12)
    assert (row.comparator, row.met, row.status) == ("gt", False, "missed")
    # 2024 keeps the row's own comparator: 650 against 650, ≥ → met
    row = calc.evaluate(m, values(y2024=650), 2024, 12)
    assert (row.comparator, row.met, row.status) == ("at_least", True, "met")


def test_a_final_year_promise_takes_the_final_years_comparator() -> None:
    # 到2026年突破800 (by_end, gt in 2026): in 2025, 800 reached but not exceeded → not met
    m = replace(metric(applies="by_end", targets={2026: 800}), comparators={2026: "gt"})
    row = calc.evaluate(m, values(y2025=800), 2025, 12)
    assert (row.target, row.comparator, row.met) == (800, "gt", False)
    assert calc.evaluate(replace(m, comparators={}), values(y2025=800), 2025, 12).met is True


def test_a_tolerance_share_is_a_band_around_each_years_target() -> None:
    m = replace(metric(comparator="approx"), tolerance_share=0.05)
    # 2025: 720 ± 5 % = 720 ± 36 → 750 is inside (30 ≤ 36), 760 outside (40 > 36)
    inside = calc.evaluate(m, values(y2025=750), 2025, 12)
    assert inside.tolerance == pytest.approx(36) and (inside.met, inside.status) == (True, "met")
    outside = calc.evaluate(m, values(y2025=760), 2025, 12)
    assert (outside.met, outside.status) == (False, "missed")
    # 2024: 650 ± 32.5 → 680 is inside
    assert calc.evaluate(m, values(y2024=680), 2024, 12).tolerance == pytest.approx(32.5)
    # an absolute tolerance wins over a share
    assert calc.evaluate(replace(m, tolerance=1.0), values(y2025=750), 2025, 12).met is False


def test_an_interpolated_target_is_marked_only_in_its_year_and_only_with_a_target() -> None:
    m = replace(metric(), interpolated=frozenset({2025}))
    assert calc.evaluate(m, values(y2025=700), 2025, 12).interpolated is True
    assert calc.evaluate(m, values(y2024=700), 2024, 12).interpolated is False
    # a year in interpolated but without a target (never valid data: XK543) is not marked
    hole = replace(m, targets={2024: 650, 2026: 800})
    row = calc.evaluate(hole, values(y2025=700), 2025, 12)
    assert (row.status, row.target, row.interpolated) == ("no_target", None, False)
    assert calc.evaluate(metric(), values(y2025=700), 2025, 12).interpolated is False


def test_base_year_values_join_the_growth_series() -> None:
    m = replace(metric(), base={2023: 600})
    # 2025-Q2 (in-year): full years before it are the base 2023 (600) and 2024 (660)
    grow = calc.evaluate(m, values(y2024=660, y2025=700), 2025, 6, final_full=False).growth
    assert (grow.base_year, grow.latest_year) == (2023, 2024)
    assert grow.actual_rate == pytest.approx(660 / 600 - 1)  # 0.1
    assert grow.yoy == pytest.approx(660 / 600 - 1)
    # without the base, 2024 alone: one value, no growth block
    alone = calc.evaluate(metric(), values(y2024=660, y2025=700), 2025, 6, final_full=False).growth
    assert (alone.base_year, alone.actual_rate) == (None, None)
    # the actuals' own 2023 wins over the table's: 660 / 610 − 1
    reported = calc.evaluate(m, {**values(y2024=660, y2025=700), 2023: {M: 610}}, 2025, 6, final_full=False).growth
    assert reported.actual_rate == pytest.approx(660 / 610 - 1)


def test_a_base_value_is_never_the_year_checked() -> None:
    # --year 2023 (the base year) with nothing reported: the table's base is not that year's value
    # (two base years, 2022 550 and 2023 600: only 2022 is before the year checked — one value, no rate)
    m = replace(metric(), base={2022: 550, 2023: 600})
    assert calc.evaluate(m, {}, 2023, 12).growth.latest_year is None
    # checked in 2024 with nothing reported, both base years make the series: 600 / 550 − 1
    grow = calc.evaluate(m, {}, 2024, 12).growth
    assert (grow.base_year, grow.latest_year) == (2022, 2023) and grow.yoy == pytest.approx(600 / 550 - 1)


def test_growth_judges_the_final_year_with_its_own_comparator_and_tolerance() -> None:
    # 2025 full year 800 = T(2026): ≥ → achieved; 突破 (gt) in 2026 → not yet achieved
    plain = calc.evaluate(metric(), values(y2024=700, y2025=800), 2025, 12).growth
    assert plain.assessment == "achieved"
    strict = replace(metric(), comparators={2026: "gt"})
    assert calc.evaluate(strict, values(y2024=700, y2025=800), 2025, 12).growth.assessment != "achieved"
    # about 800 ± 5 % (± 40) in 2026: 770 is already inside → achieved
    band = replace(metric(comparator="approx"), tolerance_share=0.05)
    assert calc.evaluate(band, values(y2024=700, y2025=770), 2025, 12).growth.assessment == "achieved"
