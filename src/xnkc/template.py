"""``xnkc template``: a fill-in actuals file listing every statistic a unit must report."""

from __future__ import annotations

from xnkc.plan import Metric, Plan

_TEXT = {
    "zh": {
        "title": "xnkc 填报模板 · {year}年",
        "how": '# 只填数字(百分比指标可写 16.4 或 "16.4%"),不知道的留空;填完检查:xnkc validate 本文件',
        "period": "# {year}(全年) / {year}-Q3(1-9月) / {year}-H1 / {year}-09",
        "target": "目标 {value}",
        "by_2026": "2026年目标 {value}",
        "total": "2024—2026三年合计 {value},此处填当年新增",
        "lead": "牵头",
        "support": "配合",
        "raw": "    # 原始统计量:用于计算比重、强度和增速",
        "previous": "  {year}:    # 上一年的值,用于计算增速(已报过可删去)",
    },
    "en": {
        "title": "xnkc fill-in file · {year}",
        "how": '# numbers only (a % indicator takes 16.4 or "16.4%"); leave unknown ones empty; then: xnkc validate FILE',
        "period": "# {year} (full year) / {year}-Q3 (Jan–Sep) / {year}-H1 / {year}-09",
        "target": "target {value}",
        "by_2026": "2026 target {value}",
        "total": "2024–2026 total {value}; enter this year's new ones",
        "lead": "lead",
        "support": "support",
        "raw": "    # raw statistics: the components of shares, intensities and growth rates",
        "previous": "  {year}:    # last year's values, for growth rates (delete if already reported)",
    },
}


def render_template(plan: Plan, year: int, unit: str | None = None, lang: str = "zh") -> str:
    """Every metric ``unit`` leads or supports (all, without a unit), its target as a comment,
    and the raw statistics its derived figures need — the previous year's too for growth rates."""
    text = _TEXT["en" if lang == "en" else "zh"]
    rows: list[tuple[Metric, str]] = []
    for m in plan.metrics.values():
        role = plan.role(unit, m.lead, m.support) if unit else "lead"
        if role is not None:
            rows.append((m, role))
    derivations = {d.target: d for d in plan.targets.derivations}
    components: list[str] = []
    growth_of: list[str] = []
    for m, _ in rows:
        d = derivations.get(m.id)
        for comp in d.inputs if d else ():
            if comp and comp not in plan.metrics and comp not in components:
                components.append(comp)
            if d is not None and d.op == "growth" and comp not in growth_of:
                growth_of.append(comp)
    stats = {s.id: s for s in plan.targets.statistics}
    lines = [
        f"# {plan.title}",
        "# " + text["title"].format(year=year) + (f" · {unit}" if unit else ""),
        text["how"],
        f"period: {year}        " + text["period"].format(year=year),
        "values:",
    ]
    if growth_of:
        lines.append(text["previous"].format(year=year - 1))
        lines += [f"    {c}:    # {stats[c].name}({stats[c].unit})" for c in growth_of]
    lines.append(f"  {year}:")
    for m, role in rows:
        value = f"{m.targets.get(year, m.targets[max(m.targets)]):g}"
        goal = text["target" if m.applies == "each_year" else "by_2026" if m.applies == "by_2026" else "total"]
        where = f"{m.seq} " if m.seq else f"{m.source} "
        lines.append(f"    {m.id}:    # {where}{m.name}({m.unit}) {goal.format(value=value)} · {text[role]}")
    if components:
        lines.append(text["raw"])
        lines += [f"    {c}:    # {stats[c].name}({stats[c].unit})" for c in components]
    return "\n".join(lines) + "\n"
