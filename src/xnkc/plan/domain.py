"""The domain types the calculation works on — no I/O, no YAML, no error catalog.

``plan`` builds them from the validated data files; ``calc`` imports only this module, so the
pure layer can be imported (and tested) without the loader (issue 9 point 6).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """Anything xnkc tracks against a target: an 附件1 indicator or an unlinked commitment."""

    id: str
    seq: int | None
    name: str
    unit: str
    kind: str
    better: str
    comparator: str  # at_least | gt | at_most | lt | approx
    tolerance: float | None
    applies: str  # each_year | by_end | total
    targets: dict[int, float]
    lead: tuple[str, ...]
    support: tuple[str, ...]
    source: str
    is_indicator: bool
    first_year: int  # the plan's horizon (plan.years): P0 …
    final_year: int  # … and F

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"
