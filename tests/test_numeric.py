"""The number and period readers (``xnkc.read.numeric``) called directly, so mutation testing sees
them: every branch with its exact result — the value, or the error code and the arguments its
message and hint are built from. Each expectation is read off the input by hand (SPEC §4, §7)."""

from __future__ import annotations

import math

import pytest

from xnkc.common.catalog import CATALOG
from xnkc.read.numeric import (
    Period,
    digit_like,
    digit_marks,
    implausible_factor,
    int_key,
    num,
    parse_number,
    parse_period,
    scaled,
)

COMMAS = {"why_zh": "逗号不是千分位", "why_en": "the commas are not thousands separators"}
UNDERSCORE = {"why_zh": "YAML 1.1 会忽略下划线", "why_en": "YAML 1.1 drops underscores"}
OCTAL = {"why_zh": "以 0 开头,YAML 1.1 会按八进制读", "why_en": "a leading zero reads as octal in YAML 1.1"}
TIME = {"why_zh": "像时间,YAML 1.1 会按六十进制读", "why_en": "looks like a time, YAML 1.1 reads base 60"}


@pytest.mark.parametrize(
    ("raw", "unit", "signed", "expected"),
    [
        # plain numbers
        (705, "家", False, (705.0, None, {})),
        (16.4, "%", False, (16.4, None, {})),
        (-0.0, "家", False, (0.0, None, {})),
        ("705", "家", False, (705.0, None, {})),
        (" 705 ", "家", False, (705.0, None, {})),
        ("７０５", "家", False, (705.0, None, {})),  # full-width digits: what an input method types
        ("1,234", "家", False, (1234.0, None, {})),
        ("1,234.5", "亿元", False, (1234.5, None, {})),
        ("16.4%", "%", False, (16.4, None, {})),
        ("16.4 %", "%", False, (16.4, None, {})),
        ("16.4％", "%", False, (16.4, None, {})),
        ("800家", "家", False, (800.0, None, {})),
        ("800 家", "家", False, (800.0, None, {})),
        (".5", "亿元", False, (0.5, None, {})),
        ("5.", "亿元", False, (5.0, None, {})),
        ("1e3", "家", False, (1000.0, None, {})),
        ("0", "家", False, (0.0, None, {})),
        ("0.5", "亿元", False, (0.5, None, {})),
        ("-2.5", "%", True, (-2.5, None, {})),
        (-2.5, "%", True, (-2.5, None, {})),
        (1e12, "元", False, (1e12, None, {})),
        # refused: not numbers
        (True, "家", False, (None, "XK303", {})),
        (False, "家", False, (None, "XK303", {})),
        ("yes", "家", False, (None, "XK303", {})),
        ("NO", "家", False, (None, "XK303", {})),
        ("是", "家", False, (None, "XK303", {})),
        ("nan", "家", False, (None, "XK304", {})),
        ("-Infinity", "家", False, (None, "XK304", {})),
        (".INF", "家", False, (None, "XK304", {})),
        (float("nan"), "家", False, (None, "XK304", {})),
        (float("inf"), "家", False, (None, "XK304", {})),
        (10**400, "家", False, (None, "XK319", {})),  # beyond float range: too large, not "not finite"
        ("1" * 400, "家", False, (None, "XK319", {})),  # a digit string that would overflow to inf
        ("1e400", "家", False, (None, "XK319", {})),
        (1e12 + 1, "元", False, (None, "XK319", {})),
        (-1e13, "%", True, (None, "XK319", {})),
        (None, "家", False, (None, "XK302", {})),
        ([705], "家", False, (None, "XK302", {})),
        ("abc", "家", False, (None, "XK302", {})),
        ("", "家", False, (None, "XK302", {})),
        ("-", "家", False, (None, "XK302", {})),
        ("1.2.3", "家", False, (None, "XK302", {})),
        ("家", "家", False, (None, "XK302", {})),  # the unit alone
        ("%", "%", False, (None, "XK302", {})),
        # negatives
        (-5, "家", False, (None, "XK305", {})),
        ("-5", "家", False, (None, "XK305", {})),
        ("-0", "家", False, (0.0, None, {})),
        # a % where the unit is not %
        ("16%", "家", False, (None, "XK306", {"unit": "家"})),
        # another unit written beside the number
        ("800个", "家", False, (None, "XK311", {"unit": "家"})),
        ("800个", "", False, (None, "XK311", {"unit": "-"})),
        ("1.5亿", "%", False, (None, "XK311", {"unit": "%"})),
        # spaces inside a number
        ("70 5", "家", False, (None, "XK322", {"suggest": "705"})),
        ("705 2", "家", False, (None, "XK322", {"suggest": "7052"})),
        ("1 234", "家", False, (None, "XK322", {"suggest": "1234"})),
        ("1, 234", "家", False, (None, "XK322", {"suggest": "1234"})),  # a thousands comma, then a space
        ("1 234,567", "家", False, (None, "XK322", {"suggest": ""})),  # 1234,567: no safe reading
        ("1 2,3", "家", False, (None, "XK322", {"suggest": ""})),
        ("7\u00a005", "家", False, (None, "XK322", {"suggest": "705"})),
        ("7\u300005", "家", False, (None, "XK322", {"suggest": "705"})),
        ("- 5", "家", False, (None, "XK322", {"suggest": "-5"})),
        ("7 0x", "家", False, (None, "XK302", {})),
        # commas that are not thousands separators
        ("7,05", "家", False, (None, "XK307", {**COMMAS, "suggest": "705"})),
        ("1,23,456", "家", False, (None, "XK307", {**COMMAS, "suggest": "123456"})),
        ("1.234,5", "亿元", False, (None, "XK307", {**COMMAS, "suggest": ""})),
        # YAML 1.1 forms
        ("1_000", "家", False, (None, "XK307", {**UNDERSCORE, "suggest": "1000"})),
        ("0700", "家", False, (None, "XK307", {**OCTAL, "suggest": "700"})),
        ("00", "家", False, (None, "XK307", {**OCTAL, "suggest": "0"})),
        ("-0700.5", "家", False, (None, "XK307", {**OCTAL, "suggest": "-0700.5"})),
        ("7:05", "家", False, (None, "XK307", {**TIME, "suggest": "705"})),
        ("1:30:00", "家", False, (None, "XK307", {**TIME, "suggest": "13000"})),
        ("7:65", "家", False, (None, "XK302", {})),  # no time: minutes above 59
        ("a_b", "家", False, (None, "XK302", {})),
    ],
)
def test_parse_number(raw, unit, signed, expected):
    assert parse_number(raw, unit=unit, signed=signed) == expected


def test_parse_number_codes_are_catalogued():
    for code in ("XK302", "XK303", "XK304", "XK305", "XK306", "XK307", "XK311", "XK319", "XK320", "XK321", "XK322"):
        assert code in CATALOG


def test_negative_zero_is_zero():
    value, _, _ = parse_number(-0.0, unit="家", signed=False)
    assert math.copysign(1, value) == 1  # shown as 0, never -0
    value, _, _ = parse_number("-0", unit="%", signed=True)
    assert math.copysign(1, value) == 1


# -- footnote marks and other scripts' digits -------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("705①", ("XK320", "①", "U+2460", "CIRCLED DIGIT ONE", "705")),
        ("705¹", ("XK320", "¹", "U+00B9", "SUPERSCRIPT ONE", "705")),
        ("705 ²", ("XK320", "²", "U+00B2", "SUPERSCRIPT TWO", "705")),
        ("233²", ("XK320", "²", "U+00B2", "SUPERSCRIPT TWO", "233")),
        ("①705", ("XK320", "①", "U+2460", "CIRCLED DIGIT ONE", "")),  # a mark first: no reading
        ("70①5", ("XK320", "①", "U+2460", "CIRCLED DIGIT ONE", "")),  # inside: ambiguous
        ("705½", ("XK320", "½", "U+00BD", "VULGAR FRACTION ONE HALF", "")),  # a fraction is no mark
        ("abc①", ("XK320", "①", "U+2460", "CIRCLED DIGIT ONE", "")),
        ("٧٠٥", ("XK321", "٧", "U+0667", "ARABIC-INDIC DIGIT SEVEN", "705")),
        ("7٠5", ("XK321", "٠", "U+0660", "ARABIC-INDIC DIGIT ZERO", "705")),
    ],
)
def test_digit_marks(raw, expected):
    code, char, codepoint, name, reading = expected
    found = digit_marks(raw)
    assert found == (code, {"char": char, "codepoint": codepoint, "charname": name, "suggest": reading})
    assert parse_number(raw, unit="家", signed=False) == (None, code, found[1])


def test_digit_marks_none_for_plain_text():
    assert digit_marks("705") is None
    assert digit_marks("７０５家") is None
    assert digit_marks("高新技术企业") is None


def test_digit_marks_unnamed_character():
    # an unassigned code point with no name: "?" rather than a crash
    assert digit_like("\U000e0100") is False


@pytest.mark.parametrize(
    ("ch", "like"),
    [
        ("7", False),
        ("０", False),
        ("９", False),
        ("a", False),
        ("家", False),
        ("¹", True),
        ("①", True),
        ("⑴", True),
        ("⒈", True),
        ("⓪", True),  # NFKC → 0
        ("⑨", True),  # NFKC → 9
        ("٧", True),
        ("𝟕", True),
        ("½", True),
        ("㋀", True),  # 1月
        ("Ⅻ", False),  # a Roman numeral reads as letters (XII), not digits
        ("㍘", True),  # not a digit to isdigit(), but NFKC makes it "0点"
        ("㍡", True),  # "9点"
    ],
)
def test_digit_like(ch, like):
    assert digit_like(ch) is like


# -- periods ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "period"),
    [
        (2025, Period(2025, 12, "2025")),
        ("2025", Period(2025, 12, "2025")),
        ("2025-Q1", Period(2025, 3, "2025-Q1")),
        ("2025-q3", Period(2025, 9, "2025-Q3")),
        ("2025-Q4", Period(2025, 12, "2025-Q4")),
        ("2025-H1", Period(2025, 6, "2025-H1")),
        ("2025-h2", Period(2025, 12, "2025-H2")),
        ("2025-01", Period(2025, 1, "2025-01")),
        ("2025-09", Period(2025, 9, "2025-09")),
        ("2025-12", Period(2025, 12, "2025-12")),
        (" ２０２５－Ｑ３ ", Period(2025, 9, "2025-Q3")),
        ("2025-13", None),
        ("2025-00", None),
        ("2025-Q5", None),
        ("2025-H3", None),
        ("2025-Q³", None),
        ("²⁰²⁵", None),
        ("٢٠٢٥", None),
        ("25-Q3", None),
        ("2025Q3", None),
        (2025.0, None),
        (True, None),
        ("", None),
    ],
)
def test_parse_period(raw, period):
    assert parse_period(raw) == period


def test_period_time_progress():
    assert Period(2025, 9, "2025-Q3").time_progress == 0.75
    assert Period(2025, 12, "2025").time_progress == 1.0


# -- keys ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (2025, 2025),
        ("2025", 2025),
        (" 2025 ", 2025),
        ("２０２５", 2025),
        ("3", 3),
        (True, None),
        (False, None),
        ("2_025", None),
        ("٢٠٢٥", None),
        ("²⁰²⁵", None),
        ("2025.0", None),
        ("-3", None),
        ("7" * 5000, None),  # more digits than int() converts: no key, no crash
        ("1" * 19, None),
        ("", None),
    ],
)
def test_int_key(raw, value):
    assert int_key(raw) == value


# -- numbers in messages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (2330000, "2330000"),
        (233.0, "233"),
        (176.25, "176.25"),
        (0.0005, "0.0005"),
        (1e-5, "0.00001"),
        (2.5e-7, "0.00000025"),
        (1.5e-11, "0"),
        (1e15, "1000000000000000"),
        (0.1 + 0.2, "0.3"),
    ],
)
def test_num(x, text):
    assert num(x) == text


def test_scaled_drops_binary_noise():
    assert 0.29 * 100 != 29
    assert scaled(0.29, 100) == 29
    assert scaled(0.312, 10000) == 3120
    assert scaled(2330000, 1 / 10000) == 233


# -- plausibility ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected", "times"),
    [
        (2330000, 235, 2330000 / 235),  # 万元 typed into a 亿元 field
        (4700, 235, None),  # exactly 20×: still plausible
        (4700.5, 235, 4700.5 / 235),
        (11.75, 235, None),  # exactly 1/20
        (11.7, 235, 235 / 11.7),
        (5, 0.2, 25),  # invested 5 on a 0.2 亿元 project
        (0, 235, None),  # 0 is 0 in every unit
        (235, 0, None),
        (235, None, None),
        (-5, 235, None),
    ],
)
def test_implausible_factor(value, expected, times):
    got = implausible_factor(value, expected)
    if times is None:
        assert got is None
    else:
        assert got == pytest.approx(times)
