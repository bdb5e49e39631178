"""The targets.yaml that ``xnkc init`` writes: text, deterministic (no date: a rerun on the same
table gives the same bytes), in the engine's fields (``read.models.Indicator``)."""

from __future__ import annotations

import json
import re

from xnkc.plan.infer import Inferred, InferredPlan

_PLAIN = re.compile(r"[\w\u3000-\u303f\u4e00-\u9fff\uff00-\uffef()、,。·]+")


def text(s: str) -> str:
    """A string as YAML: plain when it cannot be read as anything else, else double-quoted."""
    from xnkc.read.yamlload import resolve_plain

    if s and _PLAIN.fullmatch(s) and not s[0].isdigit() and resolve_plain(s) == s:
        return s
    return json.dumps(s, ensure_ascii=False)


def number(value: float) -> str:
    value = round(float(value), 6)
    if value.is_integer():
        return str(int(value))
    return repr(value)


def _map(items: dict[int, float] | dict[int, str], fmt: type | None = None) -> str:
    return "{" + ", ".join(f"{k}: {number(v) if fmt is None else text(str(v))}" for k, v in items.items()) + "}"


def _list(items: list[str]) -> str:
    return "[" + ", ".join(text(i) for i in items) + "]"


def render_targets(plan: InferredPlan) -> str:
    first, final = plan.years
    out = [
        f"# 由 xnkc init 从指标表 {plan.table} 生成 / written by xnkc init from the indicator table {plan.table}",
        "# 请核对推断的字段(xnkc init 的输出列出了每条规则),再用 xnkc validate --targets 校验",
        "# review the inferred fields (xnkc init lists the rule behind each), then xnkc validate --targets",
        "schema: 1",
        "plan:",
        f"  title: {text(plan.name)}",
        f"  short: {text(plan.name)}",
        '  issued: ""',
        f"  years: [{first}, {final}]",
        "",
        "units:",
    ]
    out += [f"  - {{name: {text(u)}}}" for u in plan.units] or []
    if not plan.units:
        out[-1] = "units: []"
    out += ["", "regions: []", "statistics: []", "derivations: []", "commitments: []", "", "indicators:"]
    for ind in plan.indicators:
        out += _indicator(ind)
    if not plan.indicators:
        out[-1] = "indicators: []"
    return "\n".join(out) + "\n"


def _indicator(ind: Inferred) -> list[str]:
    lines = [
        f"  - id: {text(ind.id)}",
        f"    seq: {ind.seq}",
        f"    name: {text(ind.name)}",
        f"    unit: {text(ind.unit)}",
        f"    kind: {ind.kind}",
        f"    better: {ind.better}",
        f"    targets: {_map(ind.targets)}",
    ]
    if ind.interpolated:
        lines.append(f"    interpolated: [{', '.join(str(y) for y in ind.interpolated)}]")
    if ind.comparator:
        lines.append(f"    comparator: {ind.comparator}")
    if ind.comparators:
        lines.append(f"    comparators: {_map(ind.comparators, str)}")
    if ind.tolerance is not None:
        lines.append(f"    tolerance: {number(ind.tolerance)}")
    if ind.tolerance_share is not None:
        lines.append(f"    tolerance_share: {number(ind.tolerance_share)}")
    if ind.base:
        lines.append(f"    base: {_map(ind.base)}")
    if ind.attribute:
        lines.append(f"    attribute: {text(ind.attribute)}")
    lines += [
        f"    responsible: {text(ind.responsible)}",
        f"    lead: {_list(ind.lead)}",
        f"    support: {_list(ind.support)}",
        f"    source: {text(ind.source)}",
    ]
    return lines
