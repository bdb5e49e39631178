"""One cell of an indicator table read as the office writes it (SPEC §8 "Cells"): pure, no I/O.

``parse_target("达到1.8%以上", "%")`` → ``Target(1.8, "at_least")``; ``"前40位"`` → a rank 40,
at_most; an empty cell, ``—``, ``——``, ``-``, ``/`` or ``无`` → None (no target that year).
Anything else raises ``CellProblem`` (the reader puts it at the cell).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# longest first within each end, so 不超过 is never read as 超过 and 不低于 never as 低于
WORDS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        {
            "≥": "at_least",
            ">=": "at_least",
            "达到": "at_least",
            "不低于": "at_least",
            "不少于": "at_least",
            "以上": "at_least",
            ">": "gt",
            "超过": "gt",
            "超": "gt",
            "突破": "gt",
            "高于": "gt",
            "≤": "at_most",
            "<=": "at_most",
            "以下": "at_most",
            "以内": "at_most",
            "不高于": "at_most",
            "不超过": "at_most",
            "<": "lt",
            "低于": "lt",
            "不满": "lt",
            "左右": "approx",
            "约": "approx",
        }.items(),
        key=lambda kv: -len(kv[0]),
    )
)
NO_TARGET = frozenset({"", "—", "——", "-", "/", "无"})
_RANK = re.compile(r"前(\d+)(?:位|名)")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


@dataclass(frozen=True)
class Target:
    value: float
    comparator: str | None = None  # None: a plain number (the row's default for its direction)
    rank: bool = False  # 前N位 / 前N名
    percent: bool = False  # written with %


class CellProblem(ValueError):
    """A cell that is not a target: ``reason`` is ``unreadable``, ``disagree`` or ``percent``."""

    def __init__(self, reason: str, words: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.words = words


def normalise(text: str) -> str:
    """NFKC (full-width forms plain), whitespace at either end removed."""
    return unicodedata.normalize("NFKC", text).strip()


def is_empty(text: str) -> bool:
    return normalise(text) in NO_TARGET


def parse_target(text: str, unit: str = "") -> Target | None:
    """The target a cell states, or None when the cell says the year has none."""
    t = normalise(text)
    if t in NO_TARGET:
        return None
    rank = _RANK.fullmatch(t)
    if rank:
        return Target(float(rank.group(1)), "at_most", rank=True)
    t, words = _strip_words(t)
    comparators = {c for _, c in words}
    if len(comparators) > 1:
        raise CellProblem("disagree", tuple(w for w, _ in words))
    percent = False
    if t.endswith("%"):
        t, percent = t[:-1].rstrip(), True
        if unit not in ("%", ""):
            raise CellProblem("percent")
    elif unit and unit != "%" and t.endswith(unit):
        t = t[: -len(unit)].rstrip()
    if not _NUMBER.fullmatch(t):
        raise CellProblem("unreadable")
    value = float(t.replace(",", ""))
    return Target(value, next(iter(comparators)) if comparators else None, percent=percent)


def _strip_words(t: str) -> tuple[str, list[tuple[str, str]]]:
    """``t`` without one comparator word in front and one behind, and the words taken."""
    words: list[tuple[str, str]] = []
    for word, comparator in WORDS:
        if t.startswith(word):
            words.append((word, comparator))
            t = t[len(word) :].lstrip()
            break
    for word, comparator in WORDS:
        if t.endswith(word) and len(t) > len(word):
            words.append((word, comparator))
            t = t[: -len(word)].rstrip()
            break
    return t, words


def parse_number(text: str, unit: str = "") -> float | None:
    """A base-year cell: a number (with %, unit suffix, thousands separators) or None when empty.
    Comparator words are refused: a statistic is a value, not a target."""
    target = parse_target(text, unit)
    if target is None:
        return None
    if target.comparator is not None:
        raise CellProblem("unreadable")
    return target.value
