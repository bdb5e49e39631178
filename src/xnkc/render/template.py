"""``xnkc template``: a fill-in actuals file listing every statistic a unit must report."""

from __future__ import annotations

from collections.abc import Mapping

from xnkc.compute.fillin import Section
from xnkc.plan.load import Metric, Plan

_TEXT = {
    "zh": {
        "title": "xnkc 填报模板 · {year}年",
        "how": '# 只填数字(百分比指标可写 16.4 或 "16.4%"),不知道的留空;填完检查:xnkc validate 本文件',
        "region_how": "# 在 regions: {region} 下填写{region}本区域的数值(不是全市数);“全市目标”仅供参考,“分解目标”是本区域的目标",
        "period": "# {year}(全年) / {year}-Q3(1-9月) / {year}-H1 / {year}-09",
        "target": "目标 {value}",
        "by_end": "{final}年目标 {value}",
        "total": "{first}—{final}{years}合计 {value},此处填当年新增",
        "city": "全市",
        "region_target": "分解目标 {value}",
        "lead": "牵头",
        "support": "配合",
        "raw": "# 原始统计量:用于计算比重、强度和增速",
        "previous": "{year}:    # 上一年的值,用于计算增速(已报过可删去)",
    },
    "en": {
        "title": "xnkc fill-in file · {year}",
        "how": '# numbers only (a % indicator takes 16.4 or "16.4%"); leave unknown ones empty; then: xnkc validate FILE',
        "region_how": "# enter {region}'s own figures (not the city's) under regions: {region}; a city target is for"
        " reference, a 分解目标 is the region's own",
        "period": "# {year} (full year) / {year}-Q3 (Jan–Sep) / {year}-H1 / {year}-09",
        "target": "target {value}",
        "by_end": "{final} target {value}",
        "total": "{first}–{final} total {value}; enter this year's new ones",
        "city": "city ",
        "region_target": "分解目标 (region target) {value}",
        "lead": "lead",
        "support": "support",
        "raw": "# raw statistics: the components of shares, intensities and growth rates",
        "previous": "{year}:    # last year's values, for growth rates (delete if already reported)",
    },
}


def render_template(
    plan: Plan,
    year: int,
    unit: str | None = None,
    lang: str = "zh",
    region_targets: Mapping[str, Mapping[int, Mapping[str, float]]] | None = None,
    period: str | None = None,
) -> str:
    """Every metric ``unit`` reports (``compute.fillin``), its target as a comment, and the raw
    statistics its derived figures need (the previous year's too for growth rates).

    A region's government (通城县人民政府) reports its region's own figures: they go under
    ``regions: {通城县: …}``, with its 分解目标 from ``region_targets`` in the comments where one
    is given (else the city's target, named as such). A figure it leads itself (咸宁高新区管委会:
    附件1-10) is the city's and stays under ``values``.
    """
    from xnkc.compute.fillin import fill_in

    text = _TEXT["en" if lang == "en" else "zh"]
    form = fill_in(plan, unit)  # XK334 for a unit with nothing to report
    region = form.region
    heading = text["title"].format(year=year) + (f" · {unit}" if unit else "")
    lines = [f"# {plan.title}", "# " + heading, text["how"]]
    if form.regional:
        lines.append(text["region_how"].format(region=region))
    lines.append(f"period: {period or year}        " + text["period"].format(year=year))
    if form.city:
        lines.append("values:")
        lines += _blocks(plan, year, form.city, "  ", text, None)
    if form.regional:
        goals = (region_targets or {}).get(region or "", {}).get(year, {})
        lines += ["regions:", f"  {region}:"]
        lines += _blocks(plan, year, form.regional, "    ", text, goals)
    return "\n".join(lines) + "\n"


def _blocks(
    plan: Plan, year: int, section: Section, indent: str, text: dict[str, str], goals: Mapping[str, float] | None
) -> list[str]:
    """The previous year's growth components, then ``year`` with each metric and the raw
    statistics. ``goals`` (a region's 分解目标) is None for the city's figures."""
    stats = {s.id: s for s in plan.targets.statistics}
    inner = indent + "  "
    lines = []
    if section.previous:
        lines.append(indent + text["previous"].format(year=year - 1))
        lines += [f"{inner}{c}:    # {stats[c].name}({stats[c].unit})" for c in section.previous]
    lines.append(f"{indent}{year}:")
    for row in section.rows:
        m = row.metric
        where = f"{m.seq} " if m.seq else f"{m.source} "
        who = text[row.role] + (f"({'、'.join(row.via)})" if row.via else "")
        lines.append(f"{inner}{m.id}:    # {where}{m.name}({m.unit}) {_goal(m, year, text, goals)} · {who}")
    if section.raw:
        lines.append(inner + text["raw"])
        lines += [f"{inner}{c}:    # {stats[c].name}({stats[c].unit})" for c in section.raw]
    return lines


def goal_text(m: Metric, year: int, lang: str, goals: Mapping[str, float] | None) -> str:
    """The target a row shows: "目标 720", "2026年目标 …", "分解目标 160", "全市目标 720"."""
    return _goal(m, year, _TEXT["en" if lang == "en" else "zh"], goals)


def _goal(m: Metric, year: int, text: dict[str, str], goals: Mapping[str, float] | None) -> str:
    if goals is not None and m.id in goals:
        return text["region_target"].format(value=f"{goals[m.id]:g}")
    value = f"{m.targets.get(year, m.targets[max(m.targets)]):g}"
    goal = text["target" if m.applies == "each_year" else m.applies]  # by_end | total
    from xnkc.common.i18n import zh_years

    filled = goal.format(
        value=value, first=m.first_year, final=m.final_year, years=zh_years(m.first_year, m.final_year)
    )
    return ("" if goals is None else text["city"]) + filled
