"""附件2 projects: totals by region / lead unit and investment progress (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from xnkc.models import Project


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Total:
    key: str
    projects: int
    investment: float  # sum over projects with a listed investment
    not_listed: int  # projects whose investment the plan does not give


def group_key(names: list[str]) -> str:
    """Projects shared by several regions/units are grouped jointly, never counted twice."""
    return "、".join(names)


def totals(lines: list[ProjectLine], by: str) -> list[Total]:
    groups: dict[str, list[ProjectLine]] = {}
    for line in lines:
        names = line.project.region if by == "region" else line.project.lead
        groups.setdefault(group_key(list(names)), []).append(line)
    out = [
        Total(k, len(v), sum(x.project.investment or 0.0 for x in v), sum(1 for x in v if x.project.investment is None))
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
