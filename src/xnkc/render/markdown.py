"""``--format markdown``: the human rows as GitHub-flavoured Markdown tables."""

from __future__ import annotations

from xnkc.common.i18n import plan_text, t
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView, TrendView


def table(headers: list[str], rows: list[list[str]]) -> str:
    def esc(cell: str) -> str:
        return cell.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(esc(h) for h in headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


class MarkdownFormat(Format):
    def check(self, view: CheckView) -> str:
        r = view.report
        headers = [t(c, self.lang) for c in records.CHECK_COLUMNS]
        parts = [f"# {records.header_line(view, self.lang)}\n"]
        if view.by == "unit":
            extra = [t("value_source", self.lang)] if view.sources else []  # several files: where from
            for u, unit_rows in view.unit_rows.items():
                rows = [
                    [
                        t(role, self.lang),
                        *records.check_cells(row, self.lang),
                        *([records.value_source(row, self.lang)] if view.sources else []),
                    ]
                    for role, row in unit_rows
                ]
                parts.append(f"## {u}\n\n" + table([t("role", self.lang), *headers, *extra], rows))
        elif view.by == "region":
            parts.append(f"## {t('region', self.lang)}\n\n" + table(*records.region_cells(view, self.lang)))
        else:
            parts.append(
                f"## {plan_text(view.labels, 'indicators', self.lang)}\n\n"
                + table(headers, [records.check_cells(x, self.lang) for x in r.rows])
            )
            if r.commitments:
                parts.append(
                    f"## {plan_text(view.labels, 'commitments', self.lang)}\n\n"
                    + table(headers, [records.check_cells(x, self.lang) for x in r.commitments])
                )
            link_headers, links = records.link_cells(view, self.lang)
            if links:
                parts.append(f"## {plan_text(view.labels, 'links', self.lang)}\n\n" + table(link_headers, links))
        # the same lines as under the table: status counts of both tables, the `*` footnote
        lines = records.footer_lines(view, self.lang)
        parts.append("".join(("\\" if line.startswith("* ") else "") + line + "\n\n" for line in lines))  # not a bullet
        for w in view.warnings:
            parts.append(f"- {w.render(self.lang)}\n")
        return "\n".join(parts)

    def targets(self, view: TargetsView) -> str:
        heading, nothing = records.targets_heading(view, self.lang), records.nothing_to_report(view, self.lang)
        text = f"# {heading}\n\n" if heading else ""
        if nothing:
            return text + nothing + "\n"
        notes = "".join(f"\n{line}\n" for line in records.targets_footer(view, self.lang))
        return text + table(*records.targets_cells(view, self.lang)) + notes

    def projects(self, view: ProjectsView) -> str:
        nothing = records.no_projects(view, self.lang)
        if nothing:
            return nothing + "\n"
        headers, rows = records.projects_cells(view, self.lang)
        title, th, tr = records.totals_cells(view, self.lang)
        return (
            table(headers, rows)
            + f"\n## {title}\n\n"
            + table(th, tr)
            + f"\n{plan_text(view.plan.labels, 'shared_note', self.lang)}\n"
        )

    def status(self, view: StatusView) -> str:
        lines = "".join(f"\n{line}\n" for line in records.status_footer(view, self.lang))
        return table(*records.status_cells(view, self.lang)) + lines

    def trend(self, view: TrendView) -> str:
        headers = records.trend_headers(view, self.lang)
        parts = [f"# {records.trend_heading(view, self.lang)}\n"]
        rows = records.trend_rows(view, self.lang)
        for section in ("indicators", "commitments"):
            mine = [cells for s, cells in rows if s == section]
            if mine:
                if section == "commitments":
                    parts.append(f"## {t('trend_commitments', self.lang)}\n")
                parts.append(table(headers, mine))
        return "\n".join(parts)
