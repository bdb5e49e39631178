"""What ``xnkc init`` decided, for the office to review: one line per inferred field with the rule
that decided it (row, field, value, rule), in Chinese or English. Only translates."""

from __future__ import annotations

from unicodedata import east_asian_width

from xnkc.plan.infer import Decision, InferredPlan

RULES: dict[str, tuple[str, str]] = {
    "name-option": ("--name 给出", "given with --name"),
    "name-file": ("取自表格文件名(可用 --name 指定)", "the table's file name (--name sets it)"),
    "years-option": ("--years 给出", "given with --years"),
    "years-base": (
        "首年 = 基期 {base} 的下一年;末年 = 最后一个目标年 {final}",
        "first = the year after the base year {base}; final = the last target year {final}",
    ),
    "years-targets": (
        "首年 = 第一个目标年 {first};末年 = 最后一个目标年 {final}",
        "first = the first target year {first}; final = the last target year {final}",
    ),
    "years-none": ("表中没有目标年(用 --years 指定)", "the table has no target year (give --years)"),
    "id-column": ("id 列给出", "the id column"),
    "id-position": ("按有名称的行的顺序编号", "numbered by position among named rows"),
    "unit-column": ("单位列给出", "the unit column"),
    "unit-name": ("名称末尾括号中的单位", "the unit in parentheses after the name"),
    "unit-percent-cells": ("目标单元格带 %", "the target cells carry %"),
    "unit-none": ("表中没有单位", "the table gives no unit"),
    "kind-column": ("类型列给出", "the 类型/kind column"),
    "kind-rank-cell": ("目标写作“前N位/前N名”", "a target written 前N位/前N名 (a rank)"),
    "kind-rank-name": ("名称含“{word}”", "the name has {word}"),
    "kind-growth-name": ("名称含“{word}”", "the name has {word}"),
    "kind-ratio-unit": ("单位是 %", "the unit is %"),
    "kind-ratio-name": ("名称含“{word}”", "the name has {word}"),
    "kind-cumulative-name": ("名称含“{word}”", "the name has {word}"),
    "kind-annual-name": ("名称含“{word}”", "the name has {word}"),
    "kind-level": ("其他规则都不适用:存量指标", "no other rule applies: a level"),
    "better-comparators": ("目标单元格中的比较词", "the comparator words of the target cells"),
    "better-column": ("方向列给出", "the 方向/better column"),
    "better-rank": ("排名:越小越好", "a rank: lower is better"),
    "better-default": (
        "默认越高越好(名称本身不决定方向)",
        "higher by default (a name alone never makes a row lower-better)",
    ),
    "interpolated-geometric": (
        "插值(几何):{y0} 年 {v0} 与 {y1} 年 {v1} 之间",
        "interpolated (geometric) between {y0}: {v0} and {y1}: {v1}",
    ),
    "interpolated-linear": (
        "插值(线性):{y0} 年 {v0} 与 {y1} 年 {v1} 之间",
        "interpolated (linear) between {y0}: {v0} and {y1}: {v1}",
    ),
    "no-target-annual": ("年度流量指标不插值:该年无目标", "an annual flow is never interpolated: no target"),
    "no-target-outside": (
        "在第一个已知点之前或最后一个之后:该年无目标",
        "before the first or after the last known point: no target",
    ),
    "comparator-cell": ("单元格中的比较词", "the cell's comparator word"),
    "comparator-interpolated": (
        "插值年份沿用下一个目标的比较方式",
        "an interpolated year takes the next target's comparator",
    ),
    "comparator-row": ("每年的目标都用这一比较方式", "every year's target uses it"),
    "tolerance-column": ("容差列给出", "the 容差 column"),
    "tolerance-default": (
        "“左右/约”目标未给容差:默认目标的 ±10%",
        "左右/约 without a 容差: ±10 % of the target by default",
    ),
    "who-responsible": ("责任单位列:第一组为牵头,其余为配合", "责任单位: the first group leads, the rest support"),
    "who-columns": ("牵头单位/配合单位列", "the 牵头单位/配合单位 columns"),
    "who-none": ("表中没有责任单位", "the table names no responsible unit"),
}
FIELDS = {
    "name": ("方案名称", "plan name"),
    "years": ("方案年度", "plan years"),
    "id": ("标识", "id"),
    "unit": ("单位", "unit"),
    "kind": ("类型", "kind"),
    "better": ("方向", "better"),
    "target": ("{year}年目标", "target {year}"),
    "comparator": ("{year}年比较方式", "comparator {year}"),
    "tolerance": ("容差", "tolerance"),
    "lead": ("牵头单位", "lead"),
    "support": ("配合单位", "support"),
}
HEAD = {"zh": ("行", "指标", "字段", "值", "规则"), "en": ("row", "indicator", "field", "value", "rule")}


def _width(s: str) -> int:
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def rule_text(d: Decision, lang: str) -> str:
    zh, en = RULES[d.rule]
    args = {k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in d.args.items()}
    return (en if lang == "en" else zh).format(**args)


def render_decisions(plan: InferredPlan, lang: str) -> str:
    en = lang == "en"
    rows = [HEAD["en" if en else "zh"]]
    for d in plan.decisions:
        name = FIELDS.get(d.field, (d.field, d.field))[1 if en else 0]
        if d.year is None:  # the comparator of the whole row
            name = name.replace("{year}年", "").replace(" {year}", "")
        name = name.format(year=d.year)
        rows.append((str(d.row) if d.row else "—", d.id or "—", name, d.value or "—", rule_text(d, lang)))
    widths = [max(_width(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4] for r in rows]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_summary(plan: InferredPlan, path: str, lang: str) -> str:
    first, final = plan.years
    n = len(plan.indicators)
    if lang == "en":
        return f"wrote {path}: {n} indicators, plan years {first}–{final}\n"
    return f"已写入 {path}:{n} 个指标,方案年度 {first}—{final}\n"
