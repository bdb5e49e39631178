"""What a kind of metric means — one table (issue 9 point 3). Pure: no I/O, no YAML, no catalog.

Every decision that depends on a metric's ``kind`` (read/models.py ``Kind``) reads it from
``KINDS``: whether values add up over regions, whether they may be negative, whether growth is
compound (quantities) or linear (percentages and ranks, in points), how the in-year expected
value (序时目标) is paced, and what the plausibility checks of an actuals file compare a value
with (SPEC §4, §4.1, §5). No other module compares a kind with a kind name
(tests/test_kinds.py scans for it).

Growth is decided by the kind alone: ``ratio``/``growth``/``rank`` are linear, ``level``/
``cumulative``/``annual`` compound, whatever the unit (a ``level`` in % would grow compound; the
shipped plan has none — its %-figures are ratios and growth rates).
"""

from __future__ import annotations

from dataclasses import dataclass

# how the in-year expected value E is paced from the target T, the time fraction f and the base B
SCALED = "scaled"  # E = T × f (an annual flow, and a plan total of flows)
FROM_BASE = "from_base"  # E = B + (T − B) × f (a stock: level, cumulative count)
AT_TARGET = "at_target"  # E = T (a ratio, a growth rate, a rank: no pacing within the year)
PACINGS = (SCALED, FROM_BASE, AT_TARGET)


@dataclass(frozen=True)
class Kind:
    """The rules of one kind."""

    name: str
    additive: bool  # regions' values add up to the city's; a region's value is a share of the city's
    signed: bool  # a value may be negative (a growth rate can fall)
    linear: bool  # growth in points (change, (A(L) − A(B)) / n); else compound, in fractions
    pacing: str  # one of PACINGS
    flow: bool  # a year's flow: summed over the plan, "at the final year's level" rather than achieved
    magnitude: bool  # plausibility: compared with its target (or last year's value), 20× either way
    floor: float | None = None  # plausibility: a value below it is unlikely (a rank below 1)
    percent_share: bool = False  # plausibility with unit %: a share above 100, or 16.8% written 0.168
    # xnkc init (SPEC §8): a milestone between two known points of the table — "geometric"
    # (a stock grows by a rate), "linear", or None (an annual flow is never interpolated)
    interpolation: str | None = "linear"
    lower_is_better: bool = False  # the direction when neither the cells nor 方向 say (a rank)


KINDS: dict[str, Kind] = {
    "level": Kind(
        "level",
        additive=True,
        signed=False,
        linear=False,
        pacing=FROM_BASE,
        flow=False,
        magnitude=True,
        interpolation="geometric",
    ),
    "cumulative": Kind(
        "cumulative",
        additive=True,
        signed=False,
        linear=False,
        pacing=FROM_BASE,
        flow=False,
        magnitude=True,
        interpolation="geometric",
    ),
    "annual": Kind(
        "annual",
        additive=True,
        signed=False,
        linear=False,
        pacing=SCALED,
        flow=True,
        magnitude=True,
        interpolation=None,
    ),
    "ratio": Kind(
        "ratio",
        additive=False,
        signed=False,
        linear=True,
        pacing=AT_TARGET,
        flow=False,
        magnitude=False,
        percent_share=True,
    ),
    "growth": Kind("growth", additive=False, signed=True, linear=True, pacing=AT_TARGET, flow=False, magnitude=False),
    "rank": Kind(
        "rank",
        additive=False,
        signed=False,
        linear=True,
        pacing=AT_TARGET,
        flow=False,
        magnitude=False,
        floor=1.0,
        lower_is_better=True,
    ),
}

# a plan total (Σ of an annual flow over the plan's years) is paced like the flow itself
TOTAL_PACING = SCALED


def kind_of(name: str) -> Kind:
    """The rules of the kind ``name`` (every ``Kind`` literal of the data files has an entry)."""
    return KINDS[name]
