"""``--format csv``: one record per row, for spreadsheets. One convention for every command:

- headers in the output language (``--lang en``: English); ids stay ids (``id``, status and
  assessment codes, ``section``, ``role``), with a translated label column beside a status;
- numbers are numbers, unrounded and without thousands separators: never ``"160 (22.9%)"`` or
  ``"≥50"`` — a comparator, a share or a total has a column of its own; rates are fractions
  (1 = 100%), as in JSON; an empty cell is "not given";
- the UTF-8 BOM that Excel/WPS need is added by the CLI when the CSV goes to a file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from xnkc.common.i18n import t, zh_years
from xnkc.compute.calc import UNMET_VERDICTS
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView, TrendView

# field → the i18n key of its header ("id" stays "id" in every language)
CHECK_FIELDS: dict[str, str] = {
    "section": "csv_section",
    "unit_name": "csv_unit_name",
    "role": "role",
    "id": "id",
    "seq": "seq",
    "name": "indicator",
    "unit": "unit",
    "kind": "kind",
    "target": "target",
    "actual": "actual",
    "origin": "csv_origin",
    "method_yoy": "csv_method_yoy",  # a derived growth rate's two readings (SPEC §2.3)
    "method_average_since_base": "csv_method_average_since_base",
    "completion": "csv_completion",
    "gap": "csv_gap",
    "expected": "expected",
    "progress": "csv_progress",
    "catch_up": "catch_up",
    "status": "csv_status",
    "status_label": "csv_status_label",
    "yoy": "csv_yoy",
    "change": "csv_change",
    "actual_rate": "csv_actual_rate",
    "required_rate": "csv_required_rate",
    "rate_unit": "csv_rate_unit",
    "projected": "csv_projected",
    "assessment": "csv_assessment",
    "assessment_label": "csv_assessment_label",
    "cumulative_actual": "csv_cumulative_actual",
    "cumulative_target": "csv_cumulative_target",
    "plan_total": "csv_plan_total",
    "plan_total_completion": "csv_plan_total_completion",
    "interpolated": "csv_interpolated",  # the target is an interpolated milestone (SPEC §8)
    # the promises restating the row, by their verdict (decided in calc; no data: in none)
    "commitments_reached": "csv_commitments_reached",
    "commitments_not_yet": "csv_commitments_not_yet",
    "commitments_not_met": "csv_commitments_not_met",
    "lead": "csv_lead",
    "support": "csv_support",
    "source": "source",
    "region": "region",  # a region's own row (check --unit 通城县): whose value it is
    "share": "csv_share",  # and its share of the city's
}


# a CSV column of promise ids → the verdicts it lists (not met: due and unmet, 未超过 included)
VERDICT_COLUMNS: dict[str, frozenset[str]] = {
    "commitments_reached": frozenset({"reached"}),
    "commitments_not_yet": frozenset({"not_yet"}),
    "commitments_not_met": UNMET_VERDICTS,
}


def _write(headers: Sequence[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue()


def _records(fields: dict[str, str], rows: list[dict[str, Any]], lang: str, years: str) -> str:
    return _write([_header(k, lang, years) for k in fields.values()], [[r.get(f) for f in fields] for r in rows])


def _header(key: str, lang: str, years: str) -> str:
    """A column header; a plan total names the plan's span (三年合计 on 2024—2026, 五年合计 on a
    2021—2025 plan): ``years`` is ``i18n.zh_years`` of the horizon."""
    return t(key, lang).format(years=years) if key in _SPAN_KEYS else t(key, lang)


_SPAN_KEYS = frozenset({"csv_plan_total", "csv_plan_total_completion", "csv_total"})


def _flat(row: Any, section: str, lang: str, unit_name: str = "", role: str = "") -> dict[str, Any]:
    d = records.row_dict(row, lang)
    g = d.pop("growth")
    d.update({k: v for k, v in g.items() if not isinstance(v, dict)})
    cum = d.pop("cumulative") or {}
    d.update(
        {
            "cumulative_actual": cum.get("actual"),
            "cumulative_target": cum.get("target"),
            "plan_total": cum.get("plan_total"),
            "plan_total_completion": cum.get("plan_total_completion"),
        }
    )
    d["assessment_label"] = records.assessment_label(row, lang)
    d.update({f"method_{k}": v for k, v in (d.pop("methods") or {}).items()})
    promises = d.pop("commitments")
    for field, verdicts in VERDICT_COLUMNS.items():
        d[field] = " ".join(x["id"] for x in promises if x["verdict"] in verdicts)
    d["interpolated"] = t("csv_yes", lang) if d["interpolated"] else ""  # a mark, not Python's True
    d["lead"] = "、".join(d["lead"])
    d["support"] = "、".join(d["support"])
    return {**d, "section": section, "unit_name": unit_name, "role": role}


def _regions(view: CheckView, lang: str) -> str:
    """One record per (metric, region): the region's value, its own target and completion where a
    分解目标 file gives one, else its share of the city total; the city's value beside it."""
    rows_by_id = {x.metric.id: x for x in view.report.rows + view.report.commitments}
    ids = [i for i in rows_by_id if any(i in cells for cells in view.regions.values())]
    out = []
    for k in ids:
        row = rows_by_id[k]
        for region, cells in view.regions.items():
            c = cells.get(k)
            out.append(
                [
                    k,
                    row.metric.name,
                    row.metric.unit,
                    region,
                    None if c is None else c.value,
                    None if c is None else c.target,
                    None if c is None else c.completion,
                    None if c is None else c.share,
                    row.actual,
                ]
            )
    keys = ("id", "indicator", "unit", "region", "csv_value", "csv_region_target", "csv_completion", "csv_share")
    return _write([*(t(x, lang) for x in keys), t("csv_city_actual", lang)], out)


class CsvFormat(Format):
    def check(self, view: CheckView) -> str:
        r = view.report
        if view.by == "region":
            return _regions(view, self.lang)
        if view.by == "unit":
            out = [
                _flat(row, "indicator" if row.metric.is_indicator else "commitment", self.lang, u, role)
                | {"value_source": records.value_source(row, self.lang)}
                for u, rows in view.unit_rows.items()
                for role, row in rows
            ]
            if view.sources:  # several files (SPEC §9): where each value came from, in the last column
                fields = {**CHECK_FIELDS, "value_source": "value_source"}
                return _records(fields, out, self.lang, zh_years(r.first_year, r.final_year))
        else:  # with --unit: whose rows they are, and its role in each
            unit, roles = r.unit_filter or "", records.unit_roles(view)
            out = [_flat(x, "indicator", self.lang, unit, roles.get(x.metric.id, "")) for x in r.rows]
            out += [_flat(x, "commitment", self.lang, unit, roles.get(x.metric.id, "")) for x in r.commitments]
        return _records(CHECK_FIELDS, out, self.lang, zh_years(r.first_year, r.final_year))

    def targets(self, view: TargetsView) -> str:
        """Indicators, then the body-text promises: a target per year column (a promise for the
        final year in that year's column, a plan-period total in 三年合计), the comparator apart."""
        lang = self.lang
        years = [view.year] if view.year else list(view.plan.years)
        keys = ["seq", "id", "csv_section", "csv_name", "unit", "kind", "csv_comparator", "csv_tolerance"]
        # with --unit, whose targets these are and its role in each row (as check's CSV)
        tail = ["csv_applies", "csv_indicator_link", "csv_text", "csv_lead", "csv_support", "source"]
        tail += ["csv_unit_name", "role", "csv_interpolated_years"]  # milestones interpolated by init
        unit, roles = view.unit or "", records.target_roles(view)
        headers = [
            *(t(k, lang) for k in keys),
            *(str(y) for y in years),
            _header("csv_total", lang, zh_years(view.plan.first_year, view.plan.final_year)),
            *(t(k, lang) for k in tail),
        ]
        rows: list[list[Any]] = []
        for m in view.indicators:
            rows.append(
                [
                    m.seq,
                    m.id,
                    "indicator",
                    m.name,
                    m.unit,
                    m.kind,
                    records.COMPARATOR_SIGN.get(m.comparator, ""),
                    m.tolerance,
                    *(m.targets.get(y) for y in years),
                    None,
                    "each_year",
                    None,
                    None,
                    "、".join(m.lead),
                    "、".join(m.support),
                    m.source,
                    unit,
                    roles.get(m.id, ""),
                    " ".join(str(y) for y in years if y in m.interpolated),
                ]
            )
        for c in view.commitments:
            applies = c.applies
            final = view.plan.final_year
            per_year = [
                c.value if applies == "each_year" or (applies == "by_end" and y == final) else None for y in years
            ]
            rows.append(
                [
                    None,
                    c.id,
                    "commitment",
                    c.name or c.text,
                    c.unit,
                    c.kind,
                    records.COMPARATOR_SIGN.get(c.comparator, ""),
                    c.tolerance,
                    *per_year,
                    c.value if applies == "total" else None,
                    applies,
                    c.indicator,
                    c.text,
                    "、".join(c.lead),
                    "、".join(c.support),
                    c.clause,
                    unit,
                    roles.get(c.id, ""),
                    "",
                ]
            )
        return _write(headers, rows)

    def status(self, view: StatusView) -> str:
        return _status(view, self.lang)

    def trend(self, view: TrendView) -> str:  # one record per indicator and period
        fields = records.TREND_CSV_FIELDS
        headers = [t(k, self.lang) if k != "id" else "id" for k in fields.values()]
        return _write(headers, [[r[f] for f in fields] for r in records.trend_records(view, self.lang)])

    def projects(self, view: ProjectsView) -> str:
        lang = self.lang
        if view.by:
            from xnkc.compute.portfolio import grand_total, totals

            keys = ["region" if view.by == "region" else "lead", "projects", "investment", "csv_not_listed", "shared"]
            rows: list[list[Any]] = [
                [x.key or t("none", lang), x.projects, x.investment, x.not_listed, x.shared]
                for x in totals(view.lines, view.by)
            ]
            g = grand_total(view.lines)
            rows.append([t("total", lang), g.projects, g.investment, g.not_listed, None])
            return _write(_project_headers(keys, view, lang), rows)
        keys = ["seq", "name", "investment", "region", "implementers", "csv_lead", "csv_support", "csv_summary"]
        if view.with_progress:
            keys += ["invested", "csv_investment_completion", "csv_project_status", "csv_project_status_label"]
        rows = []
        for line in view.lines:
            p = line.project
            cells: list[Any] = [
                p.seq,
                p.name,
                p.investment,  # empty where the plan lists none (附件2-11), never 0
                "、".join(p.region),
                "、".join(p.implementers),
                "、".join(p.lead),
                "、".join(p.support),
                p.summary,
            ]
            if view.with_progress:
                cells += [
                    line.invested,
                    line.investment_completion,
                    line.status,
                    t(line.status, lang) if line.status else None,
                ]
            rows.append(cells)
        return _write(_project_headers(keys, view, lang), rows)


def _status(view: StatusView, lang: str) -> str:
    headers, rows = records.status_cells(view, lang)
    return _write(headers, [list(r) for r in rows])


def _project_headers(keys: list[str], view: ProjectsView, lang: str) -> list[str]:
    """Column headers; the investment columns name the plan's unit (plan.labels.investment_unit)."""
    money = view.plan.labels.investment_unit
    return [t(k, lang).format(unit=money) if k in ("investment", "invested") else t(k, lang) for k in keys]
