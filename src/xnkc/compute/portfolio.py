"""附件2 projects: totals by region / lead unit and investment progress (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from xnkc.read.models import Project


@dataclass
class ProjectLine:
    project: Project
    invested: float | None = None
    status: str | None = None

    @property
    def investment_completion(self) -> float | None:
        inv = self.project.investment
        if self.invested is None or not inv:
            return None
        return self.invested / inv


@dataclass
class Total:
    key: str
    projects: int
    investment: float  # sum over projects with a listed investment
    not_listed: int  # projects whose investment the plan does not give
    shared: int = 0  # projects this region/unit shares with another (counted in each)


def totals(lines: list[ProjectLine], by: str) -> list[Total]:
    """Totals per region or per lead unit. A project of two regions (附件2-3) or with two lead
    units (附件2-6) counts fully in each — what each is responsible for — and is marked
    ``shared``; the grand total (``grand_total``) counts every project once."""
    groups: dict[str, list[ProjectLine]] = {}
    for line in lines:
        names = line.project.region if by == "region" else line.project.lead
        for name in names or [""]:
            groups.setdefault(name, []).append(line)

    def members(x: ProjectLine) -> list[str]:
        return x.project.region if by == "region" else x.project.lead

    out = [
        Total(
            k,
            len(v),
            sum(x.project.investment or 0.0 for x in v),
            sum(1 for x in v if x.project.investment is None),
            sum(1 for x in v if len(members(x)) > 1),
        )
        for k, v in groups.items()
    ]
    return sorted(out, key=lambda t: (-t.investment, t.key))


def grand_total(lines: list[ProjectLine]) -> Total:
    return Total(
        "",
        len(lines),
        sum(x.project.investment or 0.0 for x in lines),
        sum(1 for x in lines if x.project.investment is None),
    )
