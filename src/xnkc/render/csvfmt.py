"""``--format csv``: one record per row, machine values (unrounded), for spreadsheets."""

from __future__ import annotations

import csv
import io
from typing import Any

from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, TargetsView

CHECK_FIELDS = (
    "section",
    "unit_name",
    "role",
    "id",
    "seq",
    "name",
    "unit",
    "kind",
    "target",
    "actual",
    "origin",
    "completion",
    "gap",
    "expected",
    "progress",
    "catch_up",
    "status",
    "yoy",
    "change",
    "actual_rate",
    "required_rate",
    "projected",
    "assessment",
    "cumulative_actual",
    "cumulative_target",
    "plan_total",
    "plan_total_completion",
    "commitments_not_met",
    "lead",
    "support",
    "source",
)


def _write(fields: tuple[str, ...] | list[str], rows: list[dict[str, Any]] | list[list[str]]) -> str:
    buf = io.StringIO()
    if rows and isinstance(rows[0], dict):
        w = csv.DictWriter(buf, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)  # type: ignore[arg-type]
    else:
        w2 = csv.writer(buf, lineterminator="\n")
        w2.writerow(fields)
        w2.writerows(rows)  # type: ignore[arg-type]
    return buf.getvalue()


def _flat(row: Any, section: str, lang: str, unit_name: str = "", role: str = "") -> dict[str, Any]:
    d = records.row_dict(row, lang)
    g = d.pop("growth")
    d.update(g)
    cum = d.pop("cumulative") or {}
    d.update(
        {
            "cumulative_actual": cum.get("actual"),
            "cumulative_target": cum.get("target"),
            "plan_total": cum.get("plan_total"),
            "plan_total_completion": cum.get("plan_total_completion"),
        }
    )
    d["commitments_not_met"] = " ".join(x["id"] for x in d.pop("commitments") if x["met"] is False)
    d["lead"] = "、".join(d["lead"])
    d["support"] = "、".join(d["support"])
    return {**d, "section": section, "unit_name": unit_name, "role": role}


class CsvFormat(Format):
    def check(self, view: CheckView) -> str:
        r = view.report
        if view.by == "region":
            return _write(*records.region_cells(view, self.lang))
        if view.by == "unit":
            out = [
                _flat(row, "indicator" if row.metric.is_indicator else "commitment", self.lang, u, role)
                for u, rows in view.unit_rows.items()
                for role, row in rows
            ]
        else:
            out = [_flat(x, "indicator", self.lang) for x in r.rows]
            out += [_flat(x, "commitment", self.lang) for x in r.commitments]
        return _write(CHECK_FIELDS, out)

    def targets(self, view: TargetsView) -> str:
        headers, rows = records.targets_cells(view, self.lang)
        return _write(headers, rows)

    def projects(self, view: ProjectsView) -> str:
        if view.by:
            _, headers, rows = records.totals_cells(view, self.lang)
            return _write(headers, rows)
        headers, rows = records.projects_cells(view, self.lang)
        return _write(headers, rows)
