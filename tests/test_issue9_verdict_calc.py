"""Issue 9 point 5, the decision itself (in process, for mutation testing of calc): a promise
restating an indicator is reached, not yet due, not reached, not exceeded / not below (a strict
promise met only at equality) or without data — decided by ``calc.verdict`` and ``link_check``.
Every expected verdict is worked out by hand from the plan's promises (SPEC §2.2)."""

from __future__ import annotations

import pytest

from xnkc.compute import calc


@pytest.mark.parametrize(
    ("met", "due", "comparator", "actual", "value", "expected"),
    [
        (None, True, "at_least", None, 100, "no_data"),
        (None, False, "gt", None, 800, "no_data"),
        (True, True, "at_least", 120, 100, "reached"),
        (True, False, "at_least", 900, 800, "reached"),  # reached early
        (False, False, "at_least", 705, 800, "not_yet"),  # due only in the final year
        (False, False, "gt", 800, 800, "not_yet"),  # 突破800 at 800 a year early: still to come
        (False, True, "at_least", 36, 100, "not_reached"),  # 每年100项 with 36
        (False, True, "gt", 800, 800, "not_exceeded"),  # 突破800 with exactly 800, due
        (False, True, "lt", 5, 5, "not_below"),  # 低于5 with exactly 5, due
        (False, True, "gt", 799, 800, "not_reached"),
        (False, True, "at_least", 800, 800.5, "not_reached"),
        (False, True, "at_most", 90, 90, "not_reached"),  # (at_most at equality is met: never here)
    ],
)
def test_verdict(met, due, comparator, actual, value, expected) -> None:
    assert calc.verdict(met, due, comparator, actual, value) == expected
    assert expected in calc.VERDICTS


def test_unmet_verdicts_are_the_due_and_unmet_ones() -> None:
    assert calc.UNMET_VERDICTS == {"not_reached", "not_exceeded", "not_below"}
    assert set(calc.VERDICTS) == calc.UNMET_VERDICTS | {"reached", "not_yet", "no_data"}


def _link(relation, value, comparator, values, year, cum=None, final=2026):
    return calc.link_check("c", "二(三)10", "…", relation, value, comparator, "higher", values, "x", year, cum, final)


def test_link_check_decides_when_a_promise_is_due() -> None:
    # 每年实施重点技术改造项目100项以上: due every year — 36 in 2025 is not reached
    each = _link("each_year", 100, "at_least", {2025: {"x": 36}}, 2025)
    assert (each.met, each.verdict) == (False, "not_reached")
    # 高新技术企业突破800家 (by the final year 2026): 705 in 2025 is not yet due …
    early = _link("equals_final", 800, "gt", {2025: {"x": 705}}, 2025)
    assert (early.met, early.verdict) == (False, "not_yet")
    # … 800 in 2026 reaches the number, not beyond it; 801 exceeds it; 790 falls short
    assert _link("equals_final", 800, "gt", {2026: {"x": 800}}, 2026).verdict == "not_exceeded"
    assert _link("equals_final", 800, "gt", {2026: {"x": 801}}, 2026).verdict == "reached"
    assert _link("equals_final", 800, "gt", {2026: {"x": 790}}, 2026).verdict == "not_reached"
    assert _link("equals_final", 800, "gt", {2027: {"x": 790}}, 2027).verdict == "not_reached"  # past F: due
    # 新增"新物种"企业80家 (a plan total): 27 + 21 = 48 by 2025 is not yet; 48 at the end is not reached
    assert _link("sums_to", 80, "at_least", {}, 2025, cum=48).verdict == "not_yet"
    assert _link("sums_to", 80, "at_least", {}, 2026, cum=48).verdict == "not_reached"
    assert _link("sums_to", 80, "at_least", {}, 2025, cum=80).verdict == "reached"
    assert _link("sums_to", 80, "at_least", {}, 2025, cum=None).verdict == "no_data"
    # another plan's horizon: a final-year promise is due in ITS final year (2025 here)
    assert _link("equals_final", 800, "at_least", {2025: {"x": 705}}, 2025, final=2025).verdict == "not_reached"
