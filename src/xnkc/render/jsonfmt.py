"""``--format json``: the stable objects of SPEC §6 (numbers unrounded, null where n/a)."""

from __future__ import annotations

import json
from typing import Any

from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, TargetsView


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


class JsonFormat(Format):
    def check(self, view: CheckView) -> str:
        return dumps(records.check_dict(view, self.lang))

    def targets(self, view: TargetsView) -> str:
        return dumps(records.targets_dict(view))

    def projects(self, view: ProjectsView) -> str:
        from xnkc.portfolio import grand_total, totals

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
        "key": total.key,
        "projects": total.projects,
        "investment": total.investment,
        "not_listed": total.not_listed,
    }
