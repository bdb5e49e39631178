"""A target cell of an indicator table read as the office writes it (SPEC §8 "Cells", issue 9 point 9)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xnkc.read.target_cell import WORDS, CellProblem, Target, parse_number, parse_target


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("7", "%", Target(7.0)),
        (">7", "%", Target(7.0, "gt")),
        ("≥3.4", "亿元", Target(3.4, "at_least")),
        (">=3.4", "亿元", Target(3.4, "at_least")),
        ("3.4以上", "亿元", Target(3.4, "at_least")),
        ("不低于3.4", "亿元", Target(3.4, "at_least")),
        ("不少于3.4", "亿元", Target(3.4, "at_least")),
        ("达到1.8%以上", "%", Target(1.8, "at_least", percent=True)),  # front and behind agree
        ("超过80%", "%", Target(80.0, "gt", percent=True)),
        ("突破100", "家", Target(100.0, "gt")),
        ("超100", "家", Target(100.0, "gt")),
        ("高于5", "家", Target(5.0, "gt")),
        ("<0.5", "吨", Target(0.5, "lt")),
        ("低于0.5", "吨", Target(0.5, "lt")),
        ("不满3", "个", Target(3.0, "lt")),
        ("≤20", "位", Target(20.0, "at_most")),
        ("<=20", "位", Target(20.0, "at_most")),
        ("20以下", "位", Target(20.0, "at_most")),
        ("20以内", "位", Target(20.0, "at_most")),
        ("不高于20", "位", Target(20.0, "at_most")),
        ("不超过20", "位", Target(20.0, "at_most")),  # 不超过 before 超过 before 超
        ("10左右", "家", Target(10.0, "approx")),
        ("约10", "家", Target(10.0, "approx")),
        ("前40位", "位", Target(40.0, "at_most", rank=True)),
        ("前40名", "", Target(40.0, "at_most", rank=True)),
        ("16%", "%", Target(16.0, percent=True)),
        ("16%", "", Target(16.0, percent=True)),
        ("800家", "家", Target(800.0)),  # the row's unit as a suffix
        ("1,234", "家", Target(1234.0)),
        ("1,234.5万元", "万元", Target(1234.5)),
        ("≥ 3.4 ", "亿元", Target(3.4, "at_least")),
        ("＞７", "%", Target(7.0, "gt")),  # full-width forms: NFKC first
        ("３．４以上", "亿元", Target(3.4, "at_least")),
    ],
)
def test_cells_as_the_office_writes_them(text: str, unit: str, expected: Target) -> None:
    assert parse_target(text, unit) == expected


@pytest.mark.parametrize("text", ["", "  ", "—", "——", "-", "/", "无", "－", "／"])
def test_no_target_that_year(text: str) -> None:
    assert parse_target(text, "家") is None


@pytest.mark.parametrize(
    ("text", "unit", "reason"),
    [
        ("七", "家", "unreadable"),
        ("待定", "家", "unreadable"),
        ("1 234", "家", "unreadable"),  # an inner space is never read as digits
        ("12,34", "家", "unreadable"),  # a comma that is not a thousands separator
        ("800个", "家", "unreadable"),  # another unit than the row's
        ("16%", "家", "percent"),  # a % in a row counted in 家
        ("超过3以下", "家", "disagree"),
        ("≥3左右", "家", "disagree"),
        ("约", "家", "unreadable"),
        ("以上", "家", "unreadable"),
        ("前四十位", "位", "unreadable"),
        ("3.4.5", "家", "unreadable"),
    ],
)
def test_anything_else_is_a_problem_at_the_cell(text: str, unit: str, reason: str) -> None:
    with pytest.raises(CellProblem) as exc:
        parse_target(text, unit)
    assert exc.value.reason == reason


def test_disagreeing_words_are_named() -> None:
    with pytest.raises(CellProblem) as exc:
        parse_target("超过3以下", "家")
    assert exc.value.words == ("超过", "以下")


def test_words_are_matched_longest_first() -> None:
    ordered = [w for w, _ in WORDS]
    for i, word in enumerate(ordered):  # no word is preceded by a shorter one it contains
        assert not any(shorter in word and len(shorter) < len(word) for shorter in ordered[:i])


def test_a_base_value_is_a_number_without_words() -> None:
    assert parse_number("1,500", "家") == 1500.0
    assert parse_number("1.5%", "%") == 1.5
    assert parse_number("—", "家") is None
    with pytest.raises(CellProblem):
        parse_number("约100", "家")


_numbers = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(_numbers, st.sampled_from(WORDS), st.booleans())
def test_any_number_with_any_word_reads_back(number, word_comparator, behind) -> None:
    word, comparator = word_comparator
    text = f"{number}{word}" if behind else f"{word}{number}"
    assert parse_target(text, "家") == Target(float(number), comparator)


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators_read_as_the_number(n: int) -> None:
    assert parse_target(f"{n:,}", "元") == Target(float(n))
    assert parse_target(f"{n:,}元", "元") == Target(float(n))


@given(st.text(max_size=12))
def test_any_text_is_a_target_none_or_a_cell_problem(text: str) -> None:
    import math

    from xnkc.read.target_cell import NO_TARGET, normalise

    try:
        result = parse_target(text, "家")
    except CellProblem as exc:
        assert exc.reason in ("unreadable", "disagree", "percent")
    else:
        if result is None:
            assert normalise(text) in NO_TARGET
        else:  # a number was read: finite, and its digits are in the cell
            assert math.isfinite(result.value)
            assert any(ch.isdigit() for ch in normalise(text))
