"""The domain types the calculation works on — no I/O, no YAML, no error catalog.

``plan`` builds them from the validated data files; ``calc`` imports only this module, so the
pure layer can be imported (and tested) without the loader (issue 9 point 6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


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
    # SPEC §8 (other plans): per-year comparators where they differ from ``comparator``, a
    # tolerance as a share of each year's target, interpolated milestone years, base-year values
    comparators: Mapping[int, str] = field(default_factory=dict)
    tolerance_share: float | None = None
    interpolated: frozenset[int] = frozenset()
    base: Mapping[int, float] = field(default_factory=dict)
    attribute: str | None = None

    def comparator_in(self, year: int) -> str:
        """The comparator of ``year``'s target."""
        return self.comparators.get(year, self.comparator)

    def tolerance_in(self, year: int) -> float | None:
        """± tolerance of an approx target in ``year``: absolute, or a share of that year's target."""
        if self.tolerance is not None or self.tolerance_share is None:
            return self.tolerance
        target = self.targets.get(year)
        return None if target is None else abs(target) * self.tolerance_share

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"
