"""``xnkc template``: a fill-in actuals file listing every statistic a unit must report."""

from __future__ import annotations

from xnkc.plan import Plan


def render_template(plan: Plan, year: int, unit: str | None = None) -> str:
    def mine(lead: tuple[str, ...] | list[str], support: tuple[str, ...] | list[str]) -> str | None:
        if unit is None:
            return "lead" if lead else "support"
        return plan.role(unit, lead, support)

    lines = [
        f"# {plan.title}",
        f"# xnkc 填报模板 · {year}年" + (f" · {unit}" if unit else ""),
        '# 填数字即可(百分比指标可写 16.4 或 "16.4%");不填的留空。检查:xnkc validate 本文件',
        f"period: {year}        # {year}(全年) / {year}-Q3 / {year}-H1 / {year}-09",
        "values:",
        f"  {year}:",
    ]
    derived = {d.target: d for d in plan.targets.derivations}
    components: list[str] = []
    for m in plan.metrics.values():
        role = mine(m.lead, m.support)
        if role is None:
            continue
        target = m.targets.get(year, m.targets.get(max(m.targets)))
        tag = "牵头" if role == "lead" else "配合"
        where = f"{m.seq} " if m.seq else f"{m.source} "
        lines.append(f"    {m.id}:    # {where}{m.name}({m.unit}) 目标 {target:g} · {tag}")
        d = derived.get(m.id)
        if d is not None:
            for comp in d.inputs:
                if comp and comp not in plan.metrics and comp not in components:
                    components.append(comp)
    if components:
        lines.append("    # 原始统计量(用于计算比重、强度和增速;上一年的值写在上一年下)")
        stats = {s.id: s for s in plan.targets.statistics}
        for comp in components:
            s = stats[comp]
            lines.append(f"    {comp}:    # {s.name}({s.unit})")
    return "\n".join(lines) + "\n"
