"""``--format json``: the stable objects of SPEC §6 (numbers unrounded, null where n/a)."""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView, TrendView


def dumps(obj: Any) -> str:
    """Indented for a person at a terminal; compact (json's C encoder, ~5× faster) when piped."""
    indent = 2 if sys.stdout.isatty() else None
    try:  # the usual case, every number finite: no walk over the whole report
        text = json.dumps(obj, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:  # "Out of range float values are not JSON compliant"
        text = json.dumps(_finite(obj), ensure_ascii=False, indent=indent, allow_nan=False)
    return text + "\n"


def _finite(obj: Any) -> Any:
    """JSON has no inf/NaN: a non-finite number (an overflowing ratio) is null."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


class JsonFormat(Format):
    def check(self, view: CheckView) -> str:
        return dumps(records.check_dict(view, self.lang))

    def targets(self, view: TargetsView) -> str:
        return dumps(records.targets_dict(view))

    def status(self, view: StatusView) -> str:
        return dumps(records.status_dict(view))

    def trend(self, view: TrendView) -> str:
        return dumps(records.trend_dict(view, self.lang))

    def projects(self, view: ProjectsView) -> str:
        from xnkc.compute.portfolio import grand_total, totals

        g = grand_total(view.lines)
        return dumps(
            {
                "projects": [records.project_dict(view, i) for i in range(len(view.lines))],
                "totals": {
                    "projects": g.projects,
                    "investment": g.investment,
                    "not_listed": g.not_listed,
                    "by_region": [vars_(x) for x in totals(view.lines, "region")],
                    "by_unit": [vars_(x) for x in totals(view.lines, "unit")],
                },
            }
        )


def vars_(total: Any) -> dict[str, Any]:
    return {
        "key": total.key or None,  # None: projects the plan lists without a region
        "projects": total.projects,
        "investment": total.investment,
        "not_listed": total.not_listed,
        "shared": total.shared,
    }
