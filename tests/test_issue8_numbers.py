"""Issue 8, points 1, 2, 3, 8, 10, 11, 12: a number never changes silently, and messages about
values say what is wrong and how to fix it.

Every expected number is worked out by hand from the plan (data/targets.yaml, data/projects.yaml):
tech_contract_value (附件1-7, 亿元, annual) has targets 220/235/250; hitech_enterprises (附件1-3,
家, level) 650/720/800; funded_amount (附件1-14) is in 万元; sti_projects (附件1-12) in 个;
附件2 project 4 has an investment of 0.2 亿元 and project 11 none; unit_conversions declares
1 亿元 = 10000 万元 and 1 项 = 1 个.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import run_xnkc
from xnkc.common.findings import Finding, FindingsError
from xnkc.compute.actuals import load_actuals
from xnkc.plan.load import load_plan
from xnkc.read.numeric import parse_number, parse_period
from xnkc.read.yamlload import resolve_plain

PLAN = load_plan()
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(text: str):
    """(actuals, findings) of an actuals text, or the FindingsError it raises."""
    try:
        return load_actuals("a.yaml", PLAN, text=text)
    except FindingsError as exc:
        return exc


def _value_file(key: str, raw: str, *, period: str = "2025", year: int = 2025, extra: str = "") -> str:
    return f"period: {period}\nvalues:\n{extra}  {year}:\n    {key}: {json.dumps(raw, ensure_ascii=False)}\n"


def _only(result, code: str) -> Finding:
    """The one finding of ``code`` (the run failed with it, or warned)."""
    findings = result.findings if isinstance(result, FindingsError) else result[1]
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, [f.render("en") for f in findings]
    return hits[0]


def _codes(result) -> list[str]:
    findings = result.findings if isinstance(result, FindingsError) else result[1]
    return [f.code for f in findings]


# -- point 1: footnote marks, superscripts, circled numbers, other scripts' digits ----------------


@pytest.mark.parametrize(
    ("raw", "char", "reading"),
    [
        ("705①", "①", "705"),  # NFKC: 7051
        ("705¹", "¹", "705"),  # NFKC: 7051
        ("705 ²", "²", "705"),  # NFKC: "705 2", then the space was dropped: 7052
        ("705⑴", "⑴", "705"),  # NFKC: 705(1)
        ("705⒈", "⒈", "705"),  # NFKC: 7051.
    ],
)
def test_a_footnote_mark_is_an_error_naming_the_character(raw: str, char: str, reading: str) -> None:
    result = _load(_value_file("hitech_enterprises", raw))
    assert isinstance(result, FindingsError), f"{raw!r} was read as {result[0].values}"
    f = _only(result, "XK320")
    assert f.path == "values.2025.hitech_enterprises" and (f.line, f.column) == (4, 25)
    assert char in f.message() and f"U+{ord(char):04X}" in f.message()
    assert unicodedata.name(char) in f.message("en")
    assert f"写成 {reading};" in f.hint() and f"write {reading};" in f.hint("en")


def test_233_squared_is_not_2332() -> None:
    result = _load(_value_file("tech_contract_value", "233²"))
    f = _only(result, "XK320")
    assert "写成 233;" in f.hint()


@pytest.mark.parametrize("raw", ["7①5", "½", "705½", "㉑", "1²3"])
def test_a_mark_inside_the_number_has_no_guessed_reading(raw: str) -> None:
    f = _only(_load(_value_file("hitech_enterprises", raw)), "XK320")
    assert f.hint() == ""  # the number before the mark is not the reading here: no guess


@pytest.mark.parametrize(
    ("raw", "name"),
    [("٧٠٥", "ARABIC-INDIC DIGIT SEVEN"), ("७०५", "DEVANAGARI DIGIT SEVEN"), ("𝟕𝟎𝟓", "MATHEMATICAL BOLD DIGIT SEVEN")],
)
def test_other_scripts_digits_are_an_error_with_the_reading(raw: str, name: str) -> None:
    """int() and float() read ٧٠٥ as 705; xnkc refuses it and offers 705."""
    f = _only(_load(_value_file("hitech_enterprises", raw)), "XK321")
    assert name in f.message("en")
    assert f.hint().endswith("例如 705") and f.hint("en").endswith("e.g. 705")


def test_full_width_digits_stay_accepted() -> None:
    actuals, findings = _load(_value_file("hitech_enterprises", "１２３") + '    hitech_va_share: "１６．４％"\n')
    assert actuals.values[2025] == {"hitech_enterprises": 123.0, "hitech_va_share": 16.4}
    assert findings == []


@pytest.mark.parametrize("ykey", ["²⁰²⁵", "٢٠٢٥", "2_025", "2025¹", "⑵⓪⑵⑸"])
def test_year_keys_take_no_other_digits(ykey: str) -> None:
    result = _load(f'values:\n  "{ykey}":\n    hitech_enterprises: 705\n')
    assert isinstance(result, FindingsError)
    assert _codes(result) == ["XK308"]


@pytest.mark.parametrize(("ykey", "year"), [("２０２５", 2025), (" 2024 ", 2024)])
def test_year_keys_in_full_width_or_padded_are_read(ykey: str, year: int) -> None:
    actuals, _ = _load(f'values:\n  "{ykey}":\n    hitech_enterprises: 705\n')
    assert list(actuals.values) == [year]


@pytest.mark.parametrize("pkey", ["①", "¹", "٤", "1_0"])
def test_project_keys_take_no_other_digits(pkey: str) -> None:
    result = _load(f'values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  "{pkey}": {{invested: 0.1}}\n')
    assert _codes(result) == ["XK313"]


def test_a_full_width_project_key_is_read() -> None:
    actuals, _ = _load('values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  "１": {invested: 0.5}\n')
    assert actuals.projects[1].invested == 0.5


@pytest.mark.parametrize("period", ["2025-Q³", "2025-Q③", "٢٠٢٥", "2025-⑨", "2025-0⁹"])
def test_a_period_takes_no_other_digits(period: str) -> None:
    assert parse_period(period) is None
    result = _load(f'period: "{period}"\nvalues:\n  2025:\n    hitech_enterprises: 705\n')
    assert _codes(result) == ["XK309"]


def test_a_full_width_period_is_read() -> None:
    p = parse_period("２０２５-Ｑ３")
    assert p is not None and (p.year, p.months) == (2025, 9)


def test_invested_takes_no_footnote_marks() -> None:
    result = _load('values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  1: {invested: "1.2①"}\n')
    f = _only(result, "XK320")
    assert f.path == "projects.1.invested" and "写成 1.2;" in f.hint()


def test_footnote_mark_fails_validate_and_check(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(_value_file("hitech_enterprises", "705①"), encoding="utf-8")
    res = run_xnkc("validate", str(path))
    assert res.code == 1
    assert f"{path}:4:25: error [XK320] " in res.out
    res = run_xnkc("check", str(path), "--format", "json")
    assert res.code == 2 and res.out == ""
    assert "[XK320]" in res.err


# -- point 2: spaces inside a number ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reading"),
    [
        ("70 5", "705"),
        ("705 2", "7052"),
        ("70\u00a05", "705"),  # no-break space
        ("70\u20095", "705"),  # thin space
        ("70\u202f5", "705"),  # narrow no-break space
        ("70\u30005", "705"),  # ideographic space
        ("1 234.5", "1234.5"),
        ("7 0 5", "705"),
    ],
)
def test_a_space_inside_a_number_is_an_error_with_its_reading(raw: str, reading: str) -> None:
    result = _load(_value_file("tech_smes", raw))
    assert isinstance(result, FindingsError), f"{raw!r} was read as {result[0].values}"
    f = _only(result, "XK322")
    assert f"去掉空格写成 {reading};" in f.hint() and f"write {reading} without the space" in f.hint("en")


def test_a_space_between_sign_and_digits_is_inside_the_number() -> None:
    assert _codes(_load(_value_file("rd_growth", "- 5"))) == ["XK322"]


@pytest.mark.parametrize(
    ("key", "raw", "value"),
    [
        ("hitech_va_share", "16.4 %", 16.4),  # a space before % is not inside the number
        ("hitech_enterprises", "705 家", 705.0),  # nor before the unit
        ("hitech_enterprises", " 705\u3000", 705.0),  # nor around it
        ("hitech_enterprises", "1,234", 1234.0),
    ],
)
def test_spaces_around_a_number_are_not_inside_it(key: str, raw: str, value: float) -> None:
    actuals, _ = _load(_value_file(key, raw))
    assert actuals.values[2025][key] == value


# -- point 3: unit slips (plausibility) and units written beside the number --------------------------


def test_wanyuan_typed_into_a_yiyuan_field_offers_the_reading() -> None:
    """2330000 against the 2025 target 235 亿元: 2330000 / 235 = 9,914.9 times; as 万元 it is
    2330000 / 10000 = 233 亿元, within 20× of 235."""
    f = _only(_load(_value_file("tech_contract_value", 2330000)), "XK406")
    assert f.severity == "warning" and (f.line, f.column) == (4, 26)
    assert "2330000 亿元" in f.message() and "235 亿元(2025 年目标)" in f.message()
    assert "相差约 9,915 倍" in f.message()
    assert f.hint() == "2330000 万元 = 233 亿元?若是,请填 233"
    assert f.hint("en") == "2330000 万元 = 233 亿元? If so, write 233"


def _value_file_num(key: str, value, *, period: str = "2025", extra: str = "") -> str:
    return f"period: {period}\nvalues:\n{extra}  2025:\n    {key}: {value}\n"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (4700, None),  # 235 × 20 = 4700: not more than 20 times
        (4701, "XK405"),  # 4701 万元 would be 0.4701 亿元: no reading in range, so XK405
        (11.75, None),  # 235 / 20 = 11.75: not under 1/20
        (11.7, "XK405"),
        (0, None),  # 0 is 0 in every unit: the report shows the shortfall
    ],
)
def test_plausibility_bounds_of_a_full_year(value, code) -> None:
    result = _load(_value_file_num("tech_contract_value", value))
    assert [c for c in _codes(result) if c in ("XK405", "XK406")] == ([code] if code else [])


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (3525, None),  # 2025-Q3: expected 235 × 9/12 = 176.25; 176.25 × 20 = 3525
        (3526, "XK405"),
        (8.8125, None),  # 176.25 / 20
        (8.8, "XK405"),
    ],
)
def test_an_in_year_annual_flow_is_compared_with_its_share_of_the_target(value, code) -> None:
    result = _load(_value_file_num("tech_contract_value", value, period="2025-Q3"))
    found = [f for f in (result.findings if isinstance(result, FindingsError) else result[1]) if f.code == code]
    assert [f.code for f in found] == ([code] if code else [])
    if code:
        assert "176.25 亿元(2025 年目标 × 序时进度 75%)" in found[0].message()


@pytest.mark.parametrize(("value", "warned"), [(14400, False), (14401, True)])
def test_a_level_is_compared_with_the_whole_target_in_year(value, warned: bool) -> None:
    """hitech_enterprises is a stock: the 2025 target 720 is not scaled by the time progress
    (720 × 20 = 14400; scaled to Q3 it would have been 540 × 20 = 10800)."""
    result = _load(_value_file_num("hitech_enterprises", value, period="2025-Q3"))
    assert ("XK405" in _codes(result)) is warned


def test_a_raw_statistic_is_compared_with_last_year() -> None:
    """gdp has no target: 19850000 against 2024's 1985 is 10000 times; as 万元 it is 1985 亿元."""
    f = _only(_load(_value_file_num("gdp", 19850000, extra="  2024:\n    gdp: 1985\n")), "XK406")
    assert "1985 亿元(2024 年报送值)" in f.message() and "the 2024 value" in f.message("en")
    assert f.hint() == "19850000 万元 = 1985 亿元?若是,请填 1985"


@pytest.mark.parametrize(
    "text",
    [
        _value_file_num("gdp", 19850000),  # no earlier year: nothing to compare with
        _value_file_num("gdp", 39700, extra="  2024:\n    gdp: 1985\n"),  # exactly 20 × 1985
        _value_file_num("hitech_zone_rank", 5000),  # a rank is not a quantity
        _value_file_num("hitech_va_share", 16.4),  # nor a ratio
        "period: 2024\nvalues:\n  2024:\n    new_provincial_institutes: 5\n",  # 2024's target is 0: skipped
    ],
)
def test_no_plausibility_warning_without_a_comparable_expectation(text: str) -> None:
    assert not {"XK405", "XK406"} & set(_codes(_load(text)))


def _project_file(invested) -> str:
    return f"values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  4: {{invested: {invested}}}\n"


def test_invested_against_the_projects_investment() -> None:
    """Project 4: 0.2 亿元. invested 5 is 25 times that (shown as 2,500 % before)."""
    f = _only(_load(_project_file(5)), "XK405")
    assert f.path == "projects.4.invested"
    assert "5 亿元" in f.message() and "0.2 亿元(附件2 项目总投资)" in f.message() and "25 倍" in f.message()
    assert f.hint() == "核对单位(亿元)和位数"
    assert not {"XK405", "XK406"} & set(_codes(_load(_project_file(4))))  # 0.2 × 20 = 4
    # 5000 as 万元 is 0.5 亿元, 2.5 times the investment: the reading is offered
    assert _only(_load(_project_file(5000)), "XK406").hint() == "5000 万元 = 0.5 亿元?若是,请填 0.5"
    # project 11 has no investment in 附件2: nothing to compare with
    text = "values:\n  2025:\n    hitech_enterprises: 705\nprojects:\n  11: {invested: 500}\n"
    assert not {"XK405", "XK406"} & set(_codes(_load(text)))


@pytest.mark.parametrize(
    ("key", "raw", "value", "from_unit", "factor"),
    [
        ("funded_amount", "0.312亿元", 3120.0, "亿元", "10000"),  # 0.312 × 10000 万元
        ("funded_amount", "0.312 亿元", 3120.0, "亿元", "10000"),
        ("tech_contract_value", "2330000万元", 233.0, "万元", "0.0001"),  # 2330000 / 10000 亿元
        ("sti_projects", "15项", 15.0, "项", "1"),  # 1 项 = 1 个
    ],
)
def test_a_unit_written_beside_the_number_is_converted_with_a_note(key, raw, value, from_unit, factor) -> None:
    actuals, findings = _load(_value_file(key, raw))
    assert actuals.values[2025][key] == value
    (note,) = findings
    assert note.code == "XK323" and note.severity == "note" and not note.is_error
    assert f"1 {from_unit} = {factor} " in note.message() and f"换算为 {value:g} " in note.message()


def test_invested_written_in_wanyuan_is_converted() -> None:
    actuals, findings = _load(_project_file('"5000万元"'))
    assert actuals.projects[4].invested == 0.5
    assert [f.code for f in findings] == ["XK323"]  # 0.5 against 0.2: plausible


@pytest.mark.parametrize(
    ("raw", "code"),
    [("705人", "XK311"), ("0.3 12亿元", "XK322"), ("0.312¹亿元", "XK320"), ("-1亿元", "XK305")],
)
def test_a_written_unit_does_not_excuse_a_bad_number(raw: str, code: str) -> None:
    key = "hitech_enterprises" if raw == "705人" else "funded_amount"
    assert _codes(_load(_value_file(key, raw))) == [code]


def test_a_unit_slip_fails_validate_strict_and_shows_in_check(tmp_path: Path) -> None:
    slip = tmp_path / "slip.yaml"
    slip.write_text(_value_file_num("tech_contract_value", 2330000), encoding="utf-8")
    res = run_xnkc("validate", "--strict", str(slip))
    assert res.code == 1 and f"{slip}:4:26: warning [XK406] " in res.out
    assert run_xnkc("validate", str(slip)).code == 0  # a warning, not an error
    res = run_xnkc("check", str(slip), "--format", "json")
    assert res.code == 0 and [w["code"] for w in res.json()["warnings"]] == ["XK406"]
    converted = tmp_path / "converted.yaml"
    converted.write_text(_value_file("funded_amount", "0.312亿元"), encoding="utf-8")
    res = run_xnkc("validate", "--strict", str(converted))
    assert res.code == 0 and f"{converted}:4:20: note [XK323] " in res.out  # a note never fails


# -- point 8: XK310 says which way to fix it ----------------------------------------------------------


def test_period_before_the_latest_year_says_drop_the_later_data() -> None:
    text = "period: 2024\nvalues:\n  2024:\n    hitech_enterprises: 668\n  2025:\n    hitech_enterprises: 705\n"
    f = _only(_load(text), "XK310")
    assert f.hint() == "把报告期改成 2025 年,或删去 2025 年的数据"
    assert f.hint("en") == "set the period to 2025, or drop the 2025 values"
    text += "  2026:\n    hitech_enterprises: 790\n"
    assert _only(_load(text), "XK310").hint() == "把报告期改成 2026 年,或删去 2025–2026 年的数据"


def test_period_after_the_latest_year_says_add_that_year() -> None:
    f = _only(_load("period: 2025-Q3\nvalues:\n  2024:\n    hitech_enterprises: 668\n"), "XK310")
    assert f.hint() == "把报告期改成 2024 年,或补上 2025 年的数据"
    assert f.hint("en") == "set the period to 2024, or add the 2025 values"


# -- point 10: an echoed value is cut to ~60 characters ----------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_huge_value_is_not_echoed_whole(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "huge.yaml"
    digits = "7" * (4 * 1024 * 1024)  # 4 MB, under the 5 MB cap
    path.write_text(f'values:\n  2025:\n    hitech_enterprises: "{digits}"\n', encoding="utf-8")
    res = run_xnkc("validate", "--format", fmt, str(path))
    assert res.code == 1
    assert len(res.out) < 3000, len(res.out)
    if fmt == "json":
        (err,) = res.json()["errors"]
        assert err["code"] == "XK319" and "7" * 59 + "…" in err["message"] and "7" * 60 not in err["message"]
    else:
        (line,) = [ln for ln in res.out.splitlines() if "XK319" in ln]
        assert "'" + "7" * 59 + "…'" in line and len(line) < 300


def test_clipping_covers_every_echoed_kind() -> None:
    key = "k" * 500
    f = Finding("XK302", "a.yaml", 1, 1, "values.2025." + key, {"key": key, "value": 10**1000})
    assert f.message() == "k" * 59 + "… 的值 1" + "0" * 58 + "… 不是数字"  # a huge integer: no quotes
    assert len(f.render()) < 400
    assert len(f.to_dict()["path"]) == 120 and f.to_dict()["path"].endswith("k…")
    beyond = Finding("XK302", "a.yaml", 1, 1, "", {"key": "k", "value": 10**5000})  # int() cannot print it
    assert beyond.message() == "k 的值 <16610-bit integer> 不是数字"
    listed = Finding("XK203", "a.yaml", 1, 1, "", {"detail_zh": "应为数字", "got": list(range(100))})
    assert "[0, 1, 2," in listed.message() and len(listed.message()) < 120
    assert Finding("XK302", "a.yaml", 1, 1, "", {"key": "k", "value": "短值"}).message() == "k 的值 '短值' 不是数字"


# -- point 11: a 附件1 row number as the key ----------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "hint"),
    [
        ("3", "你是不是想写 hitech_enterprises(附件1-3 高新技术企业数)?"),
        ('"3"', "你是不是想写 hitech_enterprises(附件1-3 高新技术企业数)?"),
        ("29", "你是不是想写 innovation_teams(附件1-29 引进培育高水平科技创新团队)?"),
        ("10", "你是不是想写 hitech_zone_rank(附件1-10 咸宁高新区全国排名)?"),
    ],
)
def test_a_row_number_key_suggests_that_rows_indicator(key: str, hint: str) -> None:
    f = _only(_load(f"values:\n  2025:\n    {key}: 705\n"), "XK301")
    assert f.hint() == hint


def test_a_number_that_is_no_row_suggests_nothing() -> None:
    f = _only(_load("values:\n  2025:\n    30: 705\n"), "XK301")
    assert f.hint() == ""  # not c3_hitech_zone_rank or any other look-alike


# -- point 12: an unknown unit is an error, with a suggestion where one is close ---------------------


def test_an_unknown_unit_fails_check_and_validate(tmp_path: Path) -> None:
    path = tmp_path / "unit.yaml"
    path.write_text("unit: 市不存在局\nperiod: 2025\nvalues:\n  2025:\n    hitech_enterprises: 705\n", encoding="utf-8")
    res = run_xnkc("validate", "--strict", str(path))
    assert res.code == 1 and f"{path}:1:7: error [XK501] 未登记的责任单位 '市不存在局' (unit)" in res.out
    assert run_xnkc("validate", str(path)).code == 1
    res = run_xnkc("check", str(path))
    assert res.code == 2 and "[XK501]" in res.err


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("共青团咸宁市委会", "团市委"), ("市科技", "市科技局"), ("咸宁市高新区管委会", "咸宁高新区管委会")],
)
def test_an_unknown_unit_suggests_the_registered_name_through_its_aliases(written: str, canonical: str) -> None:
    f = _only(_load(f"unit: {written}\nvalues:\n  2025:\n    hitech_enterprises: 705\n"), "XK501")
    assert f.hint() == f"你是不是想写 {canonical}?"


# -- properties of the number reader ------------------------------------------------------------------


def _turned_into_a_digit(ch: str) -> bool:
    """The issue's definition: what NFKC, Python's \\d, int() or float() turn into a digit."""
    if unicodedata.normalize("NFKC", ch) != ch and re.search("[0-9]", unicodedata.normalize("NFKC", ch)):
        return True
    return re.match(r"\d", ch) is not None or unicodedata.decimal(ch, None) is not None


FULL_WIDTH = "０１２３４５６７８９"
DIGIT_LIKE = sorted(
    ch
    for ch in map(chr, range(0x110000))
    if not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "0123456789" + FULL_WIDTH and _turned_into_a_digit(ch)
)
ASCII_NUMBER = st.one_of(
    st.integers(0, 10**9).map(str),
    st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False).map(str),
)


def test_the_digit_like_alphabet_is_what_the_issue_names() -> None:
    for ch in "①¹²⑴⒈㉑½٧७𝟕㋀":
        assert ch in DIGIT_LIKE, ch
    assert len(DIGIT_LIKE) > 500


@PROPS
@given(
    number=ASCII_NUMBER,
    mark=st.sampled_from(DIGIT_LIKE),
    at=st.integers(0, 20),
    unit=st.sampled_from(["家", "%", "亿元"]),
)
@example(number="705", mark="①", at=3, unit="家")
@example(number="233", mark="²", at=3, unit="亿元")
@example(number="705", mark="٧", at=0, unit="家")
def test_no_digit_like_character_is_ever_read_as_a_number(number: str, mark: str, at: int, unit: str) -> None:
    at = min(at, len(number))
    raw = number[:at] + mark + number[at:]
    value, code, _ = parse_number(raw, unit=unit, signed=False)
    assert value is None and code is not None, (raw, value)
    assert parse_period(f"2025-Q{mark}") is None


@PROPS
@given(mark=st.sampled_from(DIGIT_LIKE), at=st.integers(0, 4))
def test_no_digit_like_character_makes_a_year_key(mark: str, at: int) -> None:
    ykey = "2025"[:at] + mark + "2025"[at:]
    result = _load(yaml.safe_dump({"values": {ykey: {"hitech_enterprises": 705}}}, allow_unicode=True))
    assert isinstance(result, FindingsError) and "XK308" in _codes(result)


FULL_WIDTH_MAP = str.maketrans("0123456789.%", FULL_WIDTH + "．％")


@PROPS
@given(
    x=st.one_of(st.integers(0, 10**12), st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)),
    form=st.sampled_from(["plain", "full_width", "percent", "unit", "unit_spaced", "padded"]),
)
def test_accepted_values_round_trip(x, form: str) -> None:
    text = repr(x)
    raw, unit = {
        "plain": (text, "家"),
        "full_width": (text.translate(FULL_WIDTH_MAP), "家"),
        "percent": (text + "%", "%"),
        "unit": (text + "家", "家"),
        "unit_spaced": (text + " 亿元", "亿元"),
        "padded": ("\u3000" + text + "\u00a0", "家"),
    }[form]
    value, code, _ = parse_number(raw, unit=unit, signed=False)
    assert code is None, (raw, code)
    assert value == float(x)


NOISY = st.text(
    alphabet=st.sampled_from(
        list("0123456789.,%") + list(FULL_WIDTH) + [" ", "\u00a0", "\u2009", "\u3000", "①", "²", "٧"]
    ),
    min_size=1,
    max_size=12,
)


@PROPS
@given(raw=NOISY)
@example(raw="70 5")
@example(raw="705 ²")
@example(raw="16.4 %")
def test_whatever_is_accepted_is_clean(raw: str) -> None:
    """Accepted text holds no digit-like character and no space inside the number, and its value
    is the ASCII reading of what was written."""
    value, code, _ = parse_number(raw, unit="%", signed=False)
    if code is not None:
        return
    assert not any(ch in DIGIT_LIKE for ch in raw)
    text = unicodedata.normalize("NFKC", raw).strip()
    text = text[:-1].rstrip() if text.endswith("%") else text
    assert not re.search(r"\s", text), raw
    assert value == float(text.replace(",", ""))


@PROPS
@given(text=st.text(min_size=1, max_size=12))
def test_the_yaml_resolver_makes_numbers_of_ascii_only(text: str) -> None:
    """yamlload.resolve_plain: a plain scalar becomes an int or float only when it is ASCII."""
    value = resolve_plain(text)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        assert text.isascii(), text


@PROPS
@given(
    value=st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
    last=st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False),
    period=st.sampled_from(["2025", "2025-01", "2025-Q3"]),
)
@example(value=5e-324, last=1e12, period="2025")
@example(value=1e12, last=5e-324, period="2025-01")
def test_plausibility_never_fails_on_extreme_values(value: float, last: float, period: str) -> None:
    """Subnormal and huge values (the fuzz round trip's 5e-324 beside 1e12) give a warning or
    none, never an exception."""
    text = yaml.safe_dump(
        {
            "period": period,
            "values": {2024: {"gdp": last}, 2025: {"gdp": value, "tech_contract_value": value}},
            "projects": {4: {"invested": value}},
        }
    )
    actuals, findings = _load(text)
    assert actuals.values[2025]["gdp"] == value
    for f in findings:
        assert f.code in ("XK405", "XK406") and f.render() and f.render("en")
