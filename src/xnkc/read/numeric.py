"""Reading numbers and periods as the user meant them (SPEC §4, §7): pure, no I/O.

A value is a number, or a text that is unambiguously one ("1,234", "16.4%", "800家", full-width
digits); anything that could be read two ways is an error with the reading in the hint, never a
silently changed number: footnote marks, superscripts and other scripts' digits (XK320/XK321), a
space inside a number (XK322), commas that are not thousands separators, YAML 1.1's octal,
sexagesimal and underscore forms (XK307). Functions return an error code and its arguments rather
than findings: the caller knows where the value stands.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

MAX_MAGNITUDE = 1e12
_BOOL_WORDS = frozenset({"yes", "no", "y", "n", "on", "off", "true", "false", "是", "否", "对", "错"})
_NONFINITE = frozenset({"nan", ".nan", "inf", ".inf", "+inf", "-inf", "+.inf", "-.inf", "infinity", "-infinity"})
# ASCII digits only: Python's \d, int() and float() also take ٧٠٥ and other scripts' digits
_THOUSANDS = re.compile(r"[-+]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?\Z")
_NUMBER = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\Z")
_FULLWIDTH_DIGITS = frozenset("０１２３４５６７８９")  # what a Chinese input method types: accepted
# SPEC §4 plausibility: a quantity more than this many times off its expected value is a warning
PLAUSIBLE_FACTOR = 20.0
_SPACE = re.compile(r"\s+")


@dataclass
class Period:
    year: int
    months: int  # months of ``year`` covered (12 = full year)
    label: str

    @property
    def time_progress(self) -> float:
        return self.months / 12


def parse_period(raw: Any) -> Period | None:
    """``YYYY``, ``YYYY-Qn``, ``YYYY-Hn`` or ``YYYY-MM`` → Period; None when malformed."""
    if isinstance(raw, str) and digit_marks(raw):  # 2025-Q³ is not 2025-Q3 (SPEC §4)
        return None
    text = unicodedata.normalize("NFKC", str(raw)).strip().upper()
    m = re.fullmatch(r"([0-9]{4})(?:-(Q[1-4]|H[12]|[0-9]{2}))?", text)
    if not m or isinstance(raw, (bool, float)):
        return None
    year, part = int(m.group(1)), m.group(2)
    if part is None:
        return Period(year, 12, str(year))
    if part[0] == "Q":
        return Period(year, 3 * int(part[1]), f"{year}-{part}")
    if part[0] == "H":
        return Period(year, 6 * int(part[1]), f"{year}-{part}")
    month = int(part)
    if not 1 <= month <= 12:
        return None
    return Period(year, month, f"{year}-{part}")


def parse_number(raw: Any, *, unit: str, signed: bool) -> tuple[float | None, str | None, dict[str, Any]]:
    """Read one reported value. Returns (value, None, {}) or (None, error code, args)."""
    if isinstance(raw, bool):
        return None, "XK303", {}
    if isinstance(raw, (int, float)):
        try:
            value = float(raw)
        except OverflowError:  # an integer beyond float range: a finite number, only far too large
            return None, "XK319", {}
    elif isinstance(raw, str):
        value_or_err = _parse_text(raw, unit)
        if isinstance(value_or_err, tuple):
            return None, value_or_err[0], value_or_err[1]
        value = value_or_err
    else:
        return None, "XK302", {}
    value += 0.0  # -0.0 is 0
    if not math.isfinite(value):
        return None, "XK304", {}
    if abs(value) > MAX_MAGNITUDE:  # no statistic of a city is this large: a typo or a unit slip
        return None, "XK319", {}
    if value < 0 and not signed:
        return None, "XK305", {}
    return value, None, {}


def digit_like(ch: str) -> bool:
    """Would ``int()``/``float()``, ``\\d`` or NFKC read ``ch`` as a digit, though it is not 0–9 or ０–９?

    Superscripts (¹), circled and bracketed numbers (① ⑴ ⒈ ㉑), fractions (½), other scripts'
    decimal digits (٧), mathematical digits (𝟕), telegraph symbols (㋀ → 1月): SPEC §4 says such a
    character in a number is an error, never a digit.
    """
    if ch.isascii() or ch in _FULLWIDTH_DIGITS:
        return False
    return ch.isdigit() or any("0" <= c <= "9" for c in unicodedata.normalize("NFKC", ch))


def digit_marks(raw: str) -> tuple[str, dict[str, Any]] | None:
    """XK321 (another script's digits) or XK320 (footnote marks and the like) for the first
    digit-like character of ``raw``, with the reading to suggest where it is unambiguous; None
    when there is none."""
    if raw.isascii():
        return None
    marks = [i for i, ch in enumerate(raw) if digit_like(ch)]
    if not marks:
        return None
    ch = raw[marks[0]]
    args: dict[str, Any] = {"char": ch, "codepoint": f"U+{ord(ch):04X}", "charname": unicodedata.name(ch, "?")}
    if all(unicodedata.category(raw[i]) == "Nd" for i in marks):  # ٧٠٥: digits, but not ours
        at = set(marks)
        reading = "".join(str(unicodedata.decimal(c)) if i in at else c for i, c in enumerate(raw))
        return "XK321", {**args, "suggest": unicodedata.normalize("NFKC", reading).strip()}
    # footnote marks after the number (705①, 233², "705 ²"): the number before them is the reading
    head = unicodedata.normalize("NFKC", raw[: marks[0]]).strip()
    tail = raw[marks[0] :]  # only marks and spaces after the number; a fraction (705½) is no mark
    trailing = all(digit_like(c) or c.isspace() for c in tail) and "⁄" not in unicodedata.normalize("NFKC", tail)
    numeric = re.match(r"[-+]?[0-9.]", head) is not None
    return "XK320", {**args, "suggest": head if trailing and numeric else ""}


def _parse_text(raw: str, unit: str) -> float | tuple[str, dict[str, Any]]:
    marks = digit_marks(raw)
    if marks:
        return marks
    text = unicodedata.normalize("NFKC", raw).strip()  # NBSP, thin and ideographic spaces → " "
    low = text.lower()
    if low in _BOOL_WORDS:
        return ("XK303", {})
    if low in _NONFINITE:
        return ("XK304", {})
    if text.endswith("%"):  # "16.4 %": a space before the % or the unit is not inside the number
        if unit != "%":
            return ("XK306", {"unit": unit})
        text = text[:-1].rstrip()
    elif unit and text.endswith(unit) and text != unit:  # (a "%" unit was handled above)
        text = text[: -len(unit)].rstrip()
    elif text and not text[-1].isdigit() and text[-1] != "." and re.match(r"[-+]?[0-9.,]+[^0-9]+\Z", text):
        return ("XK311", {"unit": unit or "-"})
    if _SPACE.search(text):  # "70 5", "705 2", "1 234": one number or two? (SPEC §4)
        compact = _SPACE.sub("", text)
        if not re.fullmatch(r"[-+]?[0-9][0-9.,]*", compact):
            return ("XK302", {})
        reading = compact.replace(",", "") if _THOUSANDS.match(compact) else compact
        return ("XK322", {"suggest": reading if _NUMBER.match(reading) else ""})
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    elif "," in text:
        return (
            "XK307",
            {
                "why_zh": "逗号不是千分位",
                "why_en": "the commas are not thousands separators",
                "suggest": "" if "." in text else text.replace(",", ""),  # 1.234,5: no safe guess
            },
        )
    if "_" in text and _NUMBER.match(text.replace("_", "")):
        return (
            "XK307",
            {
                "why_zh": "YAML 1.1 会忽略下划线",
                "why_en": "YAML 1.1 drops underscores",
                "suggest": text.replace("_", ""),
            },
        )
    if re.fullmatch(r"[-+]?0[0-9]+(\.[0-9]*)?", text):
        return (
            "XK307",
            {
                "why_zh": "以 0 开头,YAML 1.1 会按八进制读",
                "why_en": "a leading zero reads as octal in YAML 1.1",
                "suggest": text.lstrip("0") or "0",
            },
        )
    if re.fullmatch(r"[0-9]+(:[0-5]?[0-9])+(\.[0-9]*)?", text):
        return (
            "XK307",
            {
                "why_zh": "像时间,YAML 1.1 会按六十进制读",
                "why_en": "looks like a time, YAML 1.1 reads base 60",
                "suggest": text.replace(":", ""),
            },
        )
    if _NUMBER.match(text):
        value = float(text)
        return value if math.isfinite(value) else ("XK319", {})  # 1e400, 400 digits: too large, not "infinite"
    return ("XK302", {})


def int_key(x: Any) -> int | None:
    """A year or project key written as text: 0–9 (or full-width ０–９) digits only, never ²⁰²⁵,
    ٢٠٢٥ or 2_025 (which ``int()`` would take)."""
    if isinstance(x, int) and not isinstance(x, bool):
        return x
    text = str(x)
    if digit_marks(text):
        return None
    text = unicodedata.normalize("NFKC", text).strip()
    return int(text) if re.fullmatch(r"[0-9]{1,18}", text) else None  # (no key has more digits)


def scaled(value: float, factor: float) -> float:
    """``value × factor`` without binary noise (0.312 × 10000 is 3120, not 3120.0000000000005)."""
    return float(f"{value * factor:.12g}")


def num(x: float) -> str:
    """A number for a message: 2330000, 233, 0.0005, 176.25 — no exponent, no float noise."""
    text = f"{x:.10g}"
    if "e" in text:
        text = f"{x:.10f}".rstrip("0").rstrip(".")
    return text


def implausible_factor(value: float, expected: float | None) -> float | None:
    """How many times ``value`` is off ``expected`` when that is more than PLAUSIBLE_FACTOR either
    way (SPEC §4), else None. Not comparable, so None: no expectation, an expectation of 0, or a
    value of 0 (0 is 0 in every unit: a shortfall the report shows, not a unit slip)."""
    if expected is None or expected <= 0 or value <= 0:
        return None
    if PLAUSIBLE_FACTOR * expected < value:
        return value / expected
    if PLAUSIBLE_FACTOR * value < expected:
        return expected / value  # may be inf for a subnormal value: still implausible
    return None
