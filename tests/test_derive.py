"""``derive.resolve`` called directly (in-process, so mutation testing sees it): the §2.3
derivations and the §4.1 region sums on the shipped plan, values worked out by hand."""

from __future__ import annotations

import copy
import math

import pytest

from xnkc.compute import calc, derive
from xnkc.compute.actuals import Actuals
from xnkc.read.numeric import Period

REGIONS = ("咸安区", "嘉鱼县", "通城县", "崇阳县", "通山县", "赤壁市", "咸宁高新区")
FULL_2025 = Period(2025, 12, "2025")


def actuals(values=None, regions=None, period=FULL_2025, positions=None) -> Actuals:
    return Actuals("a.yaml", period, values or {}, positions or {}, regions or {})


def codes(res) -> list[str]:
    return [f.code for f in res.warnings]


# -- ratio derivations -------------------------------------------------------------------------------


def test_ratio_derivations_with_their_scale(plan):
    res = derive.resolve(
        plan,
        actuals(
            {
                2025: {
                    "rd_expenditure": 30,
                    "gdp": 2000,
                    "hitech_value_added": 300,
                    "invention_patents": 2600,
                    "population": 260,
                }
            }
        ),
    )
    assert res.get(2025, "rd_intensity") == pytest.approx(1.5)  # 30 / 2000 × 100
    assert res.get(2025, "hitech_va_share") == pytest.approx(15)  # 300 / 2000 × 100
    assert res.get(2025, "patents_per_10k") == pytest.approx(10)  # 2600 / 260 (× 1)
    assert res.origin[(2025, "rd_intensity")] == "derived"
    assert res.origin[(2025, "gdp")] == "reported"
    assert res.warnings == []


def test_no_ratio_without_both_components_or_with_a_zero_denominator(plan):
    res = derive.resolve(plan, actuals({2025: {"rd_expenditure": 30}, 2024: {"rd_expenditure": 27, "gdp": 0}}))
    assert res.get(2025, "rd_intensity") is None
    assert res.get(2024, "rd_intensity") is None
    assert (2024, "rd_intensity") not in res.origin
    assert res.get(2099, "gdp") is None


def test_reported_value_wins_and_a_mismatch_is_a_warning(plan):
    values = {2025: {"rd_expenditure": 30, "gdp": 2000, "rd_intensity": 1.6}}
    res = derive.resolve(plan, actuals(values, positions={(None, 2025, "rd_intensity"): (7, 19)}))
    assert res.get(2025, "rd_intensity") == 1.6
    assert res.origin[(2025, "rd_intensity")] == "reported"
    (w,) = res.warnings
    assert (w.code, w.file, w.line, w.column, w.path) == ("XK401", "a.yaml", 7, 19, "values.2025.rd_intensity")
    assert w.args["reported"] == "1.6" and w.args["derived"] == "1.5" and w.args["diff"] == "0.1"
    assert w.args["components"] == "全社会研发经费投入/地区生产总值"
    assert w.args["key"] == "全社会研发经费投入强度"


@pytest.mark.parametrize(("reported", "warned"), [(1.55, False), (1.5501, True), (1.45, False), (1.4499, True)])
def test_derived_tolerance_is_inclusive(plan, reported, warned):
    res = derive.resolve(plan, actuals({2025: {"rd_expenditure": 30, "gdp": 2000, "rd_intensity": reported}}))
    assert (codes(res) == ["XK401"]) is warned


# -- growth derivations -------------------------------------------------------------------------------


RD = {2023: {"rd_expenditure": 24.5}, 2024: {"rd_expenditure": 27.2}, 2025: {"rd_expenditure": 30.3}}


def test_growth_derivation_year_on_year(plan):
    res = derive.resolve(plan, actuals(copy.deepcopy(RD)))
    assert res.get(2025, "rd_growth") == pytest.approx((30.3 / 27.2 - 1) * 100)
    assert res.get(2024, "rd_growth") == pytest.approx((27.2 / 24.5 - 1) * 100)
    assert res.get(2023, "rd_growth") is None  # nothing before the base year
    assert res.origin[(2025, "rd_growth")] == "derived"
    both = res.methods[(2025, "rd_growth")]
    assert both.average_since_base == pytest.approx((math.sqrt(30.3 / 24.5) - 1) * 100)
    assert both.method == "yoy" and both.base_year == 2023
    assert (2023, "rd_growth") not in res.methods


def test_growth_derivation_average_since_base(plan):
    other = copy.deepcopy(plan)
    (d,) = [d for d in other.targets.derivations if d.target == "rd_growth"]
    d.method = "average_since_base"
    values = copy.deepcopy(RD)
    values[2025]["rd_growth"] = 11.4  # reported as year-on-year: 0.19 from the average reading
    res = derive.resolve(other, actuals(values))
    assert res.get(2024, "rd_growth") == pytest.approx((27.2 / 24.5 - 1) * 100)
    assert res.get(2025, "rd_growth") == 11.4
    (w,) = res.warnings
    assert w.code == "XK401" and w.args["derived"] == "11.2086"  # (√(30.3 / 24.5) − 1) × 100
    assert w.args["components"] == "全社会研发经费投入(2023→2025)"


def test_growth_mismatch_names_the_years(plan):
    values = copy.deepcopy(RD)
    values[2025]["rd_growth"] = 12.0  # derived 11.397: 0.6 apart
    res = derive.resolve(plan, actuals(values))
    (w,) = res.warnings
    assert w.args["components"] == "全社会研发经费投入(2024→2025)"
    assert w.args["reported"] == "12" and w.args["derived"] == "11.3971"


def test_no_growth_for_a_year_to_date(plan):
    values = copy.deepcopy(RD)
    values[2025]["gdp"] = 1515
    res = derive.resolve(plan, actuals(values, period=Period(2025, 9, "2025-Q3")))
    assert res.get(2025, "rd_growth") is None  # Jan–Sep against a full year is no growth rate
    assert res.get(2025, "rd_intensity") == pytest.approx(2.0)  # the ratios of that year still are
    assert (2025, "rd_growth") not in res.methods
    assert res.get(2024, "rd_growth") == pytest.approx((27.2 / 24.5 - 1) * 100)


def test_either_growth_reading_alone_is_kept(plan):
    # no 2024 value: no year-on-year figure, but the average since 2023 exists (and is shown)
    res = derive.resolve(plan, actuals({2023: {"rd_expenditure": 24.5}, 2025: {"rd_expenditure": 30.3}}))
    both = res.methods[(2025, "rd_growth")]
    assert both.yoy is None and both.average_since_base == pytest.approx((math.sqrt(30.3 / 24.5) - 1) * 100)
    assert res.get(2025, "rd_growth") is None  # the plan's reading (yoy) is undefined
    # a base year of 0: no average, the year-on-year figure stands
    res = derive.resolve(plan, actuals({2023: {"rd_expenditure": 0.0}, **{y: RD[y] for y in (2024, 2025)}}))
    both = res.methods[(2025, "rd_growth")]
    assert both.average_since_base is None and both.yoy == pytest.approx((30.3 / 27.2 - 1) * 100)


def test_a_ratio_without_components_does_not_stop_the_others(plan):
    # no rd_expenditure (so no 研发投入强度), but 高新技术产业增加值占比 = 300 / 2000 × 100
    res = derive.resolve(plan, actuals({2025: {"gdp": 2000, "hitech_value_added": 300}}))
    assert res.get(2025, "rd_intensity") is None
    assert res.get(2025, "hitech_va_share") == pytest.approx(15)


def test_growth_undefined_from_zero(plan):
    res = derive.resolve(plan, actuals({2024: {"rd_expenditure": 0.0}, 2025: {"rd_expenditure": 30.3}}))
    assert res.get(2025, "rd_growth") is None
    assert (2025, "rd_growth") not in res.methods


def test_up_to_ignores_later_years(plan):
    res = derive.resolve(plan, actuals(copy.deepcopy(RD)), up_to=2024)
    assert sorted(res.values) == [2023, 2024]
    assert res.get(2024, "rd_growth") == pytest.approx((27.2 / 24.5 - 1) * 100)


# -- region sums ----------------------------------------------------------------------------------------


def every_region(values: list[float], year: int = 2025, key: str = "hitech_enterprises"):
    return {name: {year: {key: v}} for name, v in zip(REGIONS, values, strict=True)}


def test_every_region_reporting_makes_the_city_value(plan):
    # 160 + 95 + 70 + 80 + 45 + 130 + 120 = 700
    res = derive.resolve(plan, actuals({2025: {}}, every_region([160, 95, 70, 80, 45, 130, 120])))
    assert res.get(2025, "hitech_enterprises") == 700
    assert res.origin[(2025, "hitech_enterprises")] == "regions"
    assert res.warnings == []


def test_every_summed_statistic_becomes_a_city_value(plan):
    regions = {name: {2025: {"hitech_enterprises": 100, "tech_smes": 300}} for name in REGIONS}
    res = derive.resolve(plan, actuals({2025: {}}, regions))
    assert res.get(2025, "hitech_enterprises") == 700 and res.get(2025, "tech_smes") == 2100


def test_full_sum_exactly_half_a_percent_off_is_tolerated(plan):
    # 6 × 100 + 405 = 1005 against 1000: exactly 0.5 % of the city value
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": 1000}}, every_region([100] * 6 + [405])))
    assert res.warnings == []
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": 1000}}, every_region([100] * 6 + [405.1])))
    assert codes(res) == ["XK402"]


def test_region_tolerance_is_relative_even_below_one(plan):
    # funded amounts below 1: 6 × 0.1 + 0.106 = 0.706 against 0.71 — 0.004 apart > 0.5 % × 0.71 = 0.00355
    res = derive.resolve(
        plan, actuals({2025: {"rd_expenditure": 0.71}}, every_region([0.1] * 6 + [0.106], key="rd_expenditure"))
    )
    assert codes(res) == ["XK402"]


def test_partial_sum_below_a_small_city_value_is_expected(plan):
    regions = {"咸安区": {2025: {"hitech_enterprises": 30}}, "赤壁市": {2025: {"hitech_enterprises": 40}}}
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": 100}}, regions))
    assert res.warnings == []


def test_a_regions_only_file_sums_into_its_year(plan):
    res = derive.resolve(plan, actuals({}, every_region([1] * 7)))
    assert res.get(2025, "hitech_enterprises") == 7


def test_a_partial_sum_never_becomes_the_city_value(plan):
    regions = {"咸安区": {2025: {"hitech_enterprises": 160}}, "赤壁市": {2025: {"hitech_enterprises": 130}}}
    positions = {("咸安区", 2025, "hitech_enterprises"): (6, 30)}
    res = derive.resolve(plan, actuals({2025: {"gdp": 2000}}, regions, positions=positions))
    assert res.get(2025, "hitech_enterprises") is None
    (w,) = res.warnings
    assert (w.code, w.file, w.line, w.column) == ("XK404", "a.yaml", 6, 30)
    assert w.path == "regions.咸安区.2025.hitech_enterprises"
    assert w.args["n"] == 2 and w.args["total"] == 7 and w.args["regions"] == "咸安区、赤壁市"
    assert w.args["key"] == "高新技术企业数"
    # a county's own file (only regions) is a normal submission: no finding at all
    county = derive.resolve(plan, actuals({}, {"通城县": {2025: {"hitech_enterprises": 95}}}))
    assert county.get(2025, "hitech_enterprises") is None and county.warnings == []


@pytest.mark.parametrize(
    ("city", "warned"),
    [(1000, False), (1005, False), (1005.02, False), (1005.1, True), (994.9, True), (995.1, False), (1100, True)],
)
def test_full_sum_against_the_city_value(plan, city, warned):
    # the regions add up to 1000: 0.5 % of the city value either side is tolerated
    # (1005.1: 5.1 > 5.0255 warned; 1005.02: 5.02 < 5.0251 not; 994.9: 5.1 > 4.9745)
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": city}}, every_region([100] * 6 + [400])))
    assert res.get(2025, "hitech_enterprises") == city  # the city's own figure wins
    assert res.origin[(2025, "hitech_enterprises")] == "reported"
    assert (codes(res) == ["XK402"]) is warned


def test_full_sum_mismatch_finding(plan):
    positions = {(None, 2025, "hitech_enterprises"): (4, 25)}
    res = derive.resolve(
        plan, actuals({2025: {"hitech_enterprises": 1100}}, every_region([100] * 6 + [400]), positions=positions)
    )
    (w,) = res.warnings
    assert (w.code, w.file, w.line, w.column) == ("XK402", "a.yaml", 4, 25)
    assert w.path == "values.2025.hitech_enterprises"
    assert w.args == {"key": "高新技术企业数", "city": "1100", "total": "1000"}


@pytest.mark.parametrize(("city", "warned"), [(250, True), (300, False), (298.6, False), (298.4, True), (800, False)])
def test_partial_sum_above_the_city_value(plan, city, warned):
    # two regions alone add up to 300: a city value below that is a contradiction (> 0.5 %)
    regions = {"咸安区": {2025: {"hitech_enterprises": 160}}, "赤壁市": {2025: {"hitech_enterprises": 140}}}
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": city}}, regions))
    assert ("XK402" in codes(res)) is warned
    assert "XK404" not in codes(res)  # the city value is there: nothing to say about a missing one


def test_only_additive_figures_are_summed(plan):
    # shares and rates do not add up; counts and amounts do
    regions = every_region([1.2] * 7, key="rd_intensity")
    res = derive.resolve(plan, actuals({2025: {}}, regions))
    assert res.get(2025, "rd_intensity") is None
    keys = derive.additive_keys(plan)
    assert {"gdp", "rd_expenditure", "hitech_enterprises", "tech_contract_value", "engineers"} <= keys
    assert not {"rd_intensity", "rd_growth", "hitech_zone_rank", "patents_per_10k", "fiscal_st_share"} & keys


def test_region_years_after_the_year_checked_are_ignored(plan):
    regions = {name: {2024: {"hitech_enterprises": 1}, 2026: {"hitech_enterprises": 2}} for name in REGIONS}
    res = derive.resolve(plan, actuals({2024: {}, 2025: {}, 2026: {}}, regions), up_to=2025)
    assert res.get(2024, "hitech_enterprises") == 7
    assert res.get(2026, "hitech_enterprises") is None
    assert 2026 not in res.values


def test_each_region_gets_its_own_derivations(plan):
    regions = {
        "咸安区": {2025: {"rd_expenditure": 6.1, "gdp": 520, "rd_intensity": 1.5}},
        "赤壁市": {2025: {"rd_expenditure": 5.0, "gdp": 500}},
    }
    positions = {("咸安区", 2025, "rd_intensity"): (9, 9)}
    res = derive.resolve(plan, actuals({2025: {}}, regions, positions=positions))
    assert res.regions["赤壁市"].get(2025, "rd_intensity") == pytest.approx(1.0)
    assert res.regions["赤壁市"].origin[(2025, "rd_intensity")] == "derived"
    assert res.regions["咸安区"].get(2025, "rd_intensity") == 1.5  # reported; derived 1.173
    # the region's mismatch is reported with the city's warnings (XK401, 1.5 vs 1.17308)
    xk401 = [w for w in res.warnings if w.code == "XK401"]
    assert len(xk401) == 1 and xk401[0].args["derived"] == "1.17308"
    # at the region's own line, under the region's path
    assert (xk401[0].line, xk401[0].column, xk401[0].path) == (9, 9, "regions.咸安区.2025.rd_intensity")
    assert set(res.regions) == {"咸安区", "赤壁市"}
    # up to and including the year checked
    upto = derive.resolve(plan, actuals({2025: {}}, regions), up_to=2025)
    assert upto.regions["赤壁市"].get(2025, "rd_intensity") == pytest.approx(1.0)
    assert derive.resolve(plan, actuals({2025: {}}, regions), up_to=2024).regions["赤壁市"].values == {}


def test_format_of_numbers_in_messages():
    assert derive._fmt(1.23456789) == "1.23457"
    assert derive._fmt(1100) == "1100"
    assert derive._fmt(0.1 + 0.2) == "0.3"
    assert derive._fmt(1234567) == "1234567"  # an integer is shown whole


# -- provenance (SPEC §6): where each resolved value came from --------------------------------------------


def test_provenance_of_reported_values_is_their_position(plan):
    positions = {(None, 2025, "gdp"): (12, 11), (None, 2025, "rd_expenditure"): (13, 21)}
    res = derive.resolve(plan, actuals({2025: {"gdp": 2000, "rd_expenditure": 30}}, positions=positions))
    assert res.provenance[(2025, "gdp")] == calc.Provenance(file="a.yaml", line=12, column=11)
    assert res.provenance[(2025, "rd_expenditure")] == calc.Provenance(file="a.yaml", line=13, column=21)
    # 30 / 2000 × 100 = 1.5, derived from the two statistics (numerator first)
    assert res.provenance[(2025, "rd_intensity")] == calc.Provenance(derived="ratio", sources=("rd_expenditure", "gdp"))


def test_provenance_of_a_reported_value_without_a_position(plan):
    res = derive.resolve(plan, actuals({2025: {"gdp": 2000}}))
    assert res.provenance[(2025, "gdp")] == calc.Provenance(file="a.yaml", line=None, column=None)


def test_a_reported_value_keeps_its_provenance_beside_a_derivation(plan):
    values = {2025: {"rd_expenditure": 30, "gdp": 2000, "rd_intensity": 1.5}}
    res = derive.resolve(plan, actuals(values, positions={(None, 2025, "rd_intensity"): (7, 19)}))
    assert res.provenance[(2025, "rd_intensity")] == calc.Provenance(file="a.yaml", line=7, column=19)


def test_provenance_of_a_growth_derivation(plan):
    res = derive.resolve(plan, actuals(copy.deepcopy(RD)))
    assert res.provenance[(2025, "rd_growth")] == calc.Provenance(derived="growth", sources=("rd_expenditure",))
    assert (2023, "rd_growth") not in res.provenance  # nothing to grow from


def test_provenance_of_a_region_sum_names_every_region(plan):
    positions = {("咸安区", 2025, "hitech_enterprises"): (30, 27)}
    res = derive.resolve(plan, actuals({2025: {}}, every_region([160, 95, 70, 80, 45, 130, 120]), positions=positions))
    assert res.provenance[(2025, "hitech_enterprises")] == calc.Provenance(regions=REGIONS)
    # a region's own value keeps its position (check --unit 咸安区人民政府)
    region = res.regions["咸安区"]
    assert region.provenance[(2025, "hitech_enterprises")] == calc.Provenance(file="a.yaml", line=30, column=27)
    assert res.regions["赤壁市"].provenance[(2025, "hitech_enterprises")].line is None


def test_a_partial_region_sum_has_no_provenance(plan):
    regions = {"咸安区": {2025: {"hitech_enterprises": 30}}, "赤壁市": {2025: {"hitech_enterprises": 40}}}
    res = derive.resolve(plan, actuals({2025: {"gdp": 1}}, regions))
    assert (2025, "hitech_enterprises") not in res.provenance


# -- what resolving records for the checks, and the checks as a list (issue 9 point 4) ------------------------


def test_the_checks_of_resolved_values_are_a_list():
    assert [c.__name__ for c in derive.RESOLVED_CHECKS] == ["check_region_sums", "check_derived_agree"]


def test_resolving_records_every_region_sum(plan):
    regions = {"咸安区": {2025: {"hitech_enterprises": 30}}, "赤壁市": {2025: {"hitech_enterprises": 40}}}
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": 100}}, regions))
    # 30 + 40 = 70 from two of seven regions, beside the city's 100
    assert res.sums == [derive.RegionSum(2025, "hitech_enterprises", 70, ("咸安区", "赤壁市"), False, 100)]
    res = derive.resolve(plan, actuals({2025: {}}, every_region([160, 95, 70, 80, 45, 130, 120])))
    assert res.sums == [derive.RegionSum(2025, "hitech_enterprises", 700, REGIONS, True, None)]
    assert derive.check_region_sums(plan, actuals({2025: {}}), res) == []  # the full sum is the city value


def test_resolving_records_a_derivation_beside_a_reported_value(plan):
    values = {2025: {"rd_expenditure": 30, "gdp": 2000, "rd_intensity": 1.52}}
    a = actuals(values, regions={"咸安区": {2025: {"rd_expenditure": 3, "gdp": 100, "rd_intensity": 2.9}}})
    res = derive.resolve(plan, a)
    # the city: 30 / 2000 × 100 = 1.5 beside 1.52 (within 0.05); 咸安区: 3 / 100 × 100 = 3 beside 2.9
    assert res.beside == [
        derive.Beside(2025, "rd_intensity", 1.52, pytest.approx(1.5), "全社会研发经费投入/地区生产总值")
    ]
    (mine,) = res.regions["咸安区"].beside
    assert (mine.region, mine.reported, mine.derived) == ("咸安区", 2.9, pytest.approx(3.0))
    (w,) = derive.check_derived_agree(plan, a, res)  # only the region's is off by more than 0.05
    assert (w.code, w.path, w.args["diff"]) == ("XK401", "regions.咸安区.2025.rd_intensity", "0.1")


def test_a_sum_without_a_city_value_does_not_stop_the_next(plan):
    # 咸安区 alone: tech_smes 50 (the city gives none: a note) then hitech_enterprises 160, above the
    # city's 100 (some regions alone cannot add up to more than the city: a warning)
    regions = {"咸安区": {2025: {"tech_smes": 50, "hitech_enterprises": 160}}}
    res = derive.resolve(plan, actuals({2025: {"hitech_enterprises": 100}}, regions))
    assert codes(res) == ["XK404", "XK402"]
    assert [s.key for s in res.sums] == ["tech_smes", "hitech_enterprises"]


def test_a_value_read_from_a_workbook_names_its_sheet(plan):
    """Provenance of a value from an .xlsx form (SPEC §9): the sheet beside the cell's row and
    column; a YAML file's value names no sheet."""
    import dataclasses

    acts = actuals({2025: {"hitech_enterprises": 700.0}}, positions={(None, 2025, "hitech_enterprises"): (9, 4)})
    res = derive.resolve(plan, dataclasses.replace(acts, sheet="填报"))
    where = res.provenance[(2025, "hitech_enterprises")]
    assert (where.sheet, where.line, where.column) == ("填报", 9, 4)
    assert derive.resolve(plan, acts).provenance[(2025, "hitech_enterprises")].sheet is None


# -- several files combined (SPEC §9): what resolve does with their sources and conflicts -----------


def _combined(plan, *texts: str):
    """The files a.yaml, b.yaml … read from ``texts`` and combined."""
    from xnkc.compute.actuals import load_actuals
    from xnkc.compute.combine import combine

    parts = [load_actuals(f"{chr(97 + i)}.yaml", plan, text=t)[0] for i, t in enumerate(texts)]
    return combine(plan, parts).actuals


# "    hitech_enterprises: " is 24 characters: the value is at line 4, column 25 of each file
HITECH = "period: '2025'\nvalues:\n  2025:\n    hitech_enterprises: {}\n"


def test_one_value_from_two_files_names_both_places(plan):
    res = derive.resolve(plan, _combined(plan, HITECH.format(700), HITECH.format(700)))
    where = res.provenance[(2025, "hitech_enterprises")]
    assert res.get(2025, "hitech_enterprises") == 700
    assert (where.file, where.line, where.column) == ("a.yaml", 4, 25)
    assert [(p.file, p.line, p.column) for p in where.also] == [("a.yaml", 4, 25), ("b.yaml", 4, 25)]
    alone = derive.resolve(plan, _combined(plan, HITECH.format(700))).provenance[(2025, "hitech_enterprises")]
    assert (alone.file, alone.line, alone.also) == ("a.yaml", 4, ())


def test_a_conflict_leaves_the_key_out_and_names_every_place(plan):
    res = derive.resolve(plan, _combined(plan, HITECH.format(700), HITECH.format(705)))
    assert res.get(2025, "hitech_enterprises") is None
    assert (2025, "hitech_enterprises") not in res.origin
    where = res.provenance[(2025, "hitech_enterprises")]
    assert [(p.file, p.line, p.column) for p in where.conflict] == [("a.yaml", 4, 25), ("b.yaml", 4, 25)]


def test_a_conflicting_growth_rate_loses_its_two_readings_too(plan):
    # rd_growth reported 20 and 21; the statistic (25 → 30) would give both readings (yoy 20 %)
    a = "period: '2025'\nvalues:\n  2024:\n    rd_expenditure: 25\n  2025:\n    rd_expenditure: 30\n    rd_growth: 20\n"
    b = "period: '2025'\nvalues:\n  2025:\n    rd_growth: 21\n"
    res = derive.resolve(plan, _combined(plan, a, b))
    assert res.get(2025, "rd_growth") is None and (2025, "rd_growth") not in res.methods
    assert len(res.provenance[(2025, "rd_growth")].conflict) == 2
    assert res.get(2025, "rd_expenditure") == 30  # the statistic itself is not in conflict


def test_a_regions_conflict_is_left_out_of_that_region_only(plan):
    # "      hitech_enterprises: " is 26 characters: line 5, column 27
    # (and gdp 500 in both files: the region keeps its agreed value)
    text = "period: '2025'\nregions:\n  咸安区:\n    2025:\n      hitech_enterprises: {}\n      gdp: 500\n"
    res = derive.resolve(plan, _combined(plan, text.format(100), text.format(120)))
    region = res.regions["咸安区"]
    assert region.get(2025, "hitech_enterprises") is None and region.get(2025, "gdp") == 500
    where = region.provenance[(2025, "hitech_enterprises")]
    assert [(p.file, p.line, p.column) for p in where.conflict] == [("a.yaml", 5, 27), ("b.yaml", 5, 27)]
    assert (2025, "hitech_enterprises") not in res.provenance or res.provenance[
        (2025, "hitech_enterprises")
    ].conflict == ()


def test_a_warning_about_a_value_from_a_workbook_names_its_sheet(plan):
    import dataclasses

    values = {2025: {"rd_expenditure": 30, "gdp": 2000, "rd_intensity": 1.6}}
    acts = actuals(values, positions={(None, 2025, "rd_intensity"): (7, 3)})
    (w,) = derive.resolve(plan, dataclasses.replace(acts, sheet="填报")).warnings
    assert (w.code, w.sheet, w.cell) == ("XK401", "填报", "C7")
