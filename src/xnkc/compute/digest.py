"""What a 通报 says (pure): the overall counts and the share on pace, and the lagging rows
grouped by lead unit. The docx renderer only words these."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from xnkc.compute.calc import Row

ON_PACE = ("met", "on_track")
LAGGING = ("behind", "far_behind", "missed")
UNJUDGED = ("no_data", "no_target")


@dataclass(frozen=True)
class Overview:
    total: int  # rows counted
    counts: Mapping[str, int]  # status → rows
    on_pace: int  # met + on_track
    judged: int  # rows with an actual and a target
    share_on_pace: float | None  # on_pace / judged; None when nothing is judged


def overview(counts: Mapping[str, int]) -> Overview:
    total = sum(counts.values())
    on_pace = sum(counts.get(s, 0) for s in ON_PACE)
    judged = total - sum(counts.get(s, 0) for s in UNJUDGED)
    return Overview(total, dict(counts), on_pace, judged, on_pace / judged if judged else None)


def lagging_by_lead(rows: Sequence[Row], units: Sequence[str]) -> dict[str, list[Row]]:
    """Each lead unit (in ``units``' order, then any other in order of appearance) → its lagging
    rows (behind, far behind, missed) in the report's order. A row with two lead units is under
    both: each answers for it."""
    groups: dict[str, list[Row]] = {u: [] for u in units}
    for row in rows:
        if row.status in LAGGING:
            for unit in row.metric.lead:
                groups.setdefault(unit, []).append(row)
    return {u: rs for u, rs in groups.items() if rs}
