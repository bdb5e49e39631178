"""``xnkc merge``: the combined values as one actuals file (SPEC §4, §9) — the sources listed at
the top, the period, every value in a deterministic order (city years, then regions, then
projects; ids sorted) followed by a comment naming where it came from."""

from __future__ import annotations

from decimal import Decimal

from xnkc.compute.combine import Combined
from xnkc.compute.reading import Source
from xnkc.plan.load import Plan

_TEXT = {
    "zh": {
        "title": "# xnkc merge:由 {n} 个文件合并;每个数值后的注释是它的来源(报送单位 · 文件:位置)",
        "sources": "# 来源:",
        "period": "报告期 {period}",
        "no_period": "未写报告期",
        "superseded": "被全年数据取代,未采用",
    },
    "en": {
        "title": "# xnkc merge: combined from {n} files; the comment after each value is its source (unit · file:place)",
        "sources": "# sources:",
        "period": "period {period}",
        "no_period": "no period stated",
        "superseded": "superseded by a full-year file, not used",
    },
}


def render_merged(plan: Plan, combined: Combined, lang: str = "zh") -> str:
    text = _TEXT["en" if lang == "en" else "zh"]
    data = combined.actuals
    lines = [text["title"].format(n=len(combined.files)), text["sources"]]
    for f in combined.files:
        period = text["period"].format(period=f.period) if f.period is not None else text["no_period"]
        parts = [f.file, *([f.unit] if f.unit else []), period, *([text["superseded"]] if f.superseded else [])]
        lines.append("#   " + " · ".join(parts))
    lines.append(f"period: {data.period.label}")
    if data.unit is not None:
        lines.append(f"unit: {data.unit}")
    city = {y: v for y, v in sorted(data.values.items()) if v}
    if city or not data.regions:
        lines.append("values:" if city else "values: {}")
        lines += _years(data, city, None, "  ")
    if data.regions:
        lines.append("regions:")
        for name in sorted(data.regions):
            by_year = {y: v for y, v in sorted(data.regions[name].items()) if v}
            if by_year:
                lines.append(f"  {name}:")
                lines += _years(data, by_year, name, "    ")
    if data.projects:
        lines.append("projects:")
        for seq in sorted(data.projects):
            p = data.projects[seq]
            fields = []
            if p.invested is not None:
                fields.append(f"invested: {number(p.invested)}")
            if p.status is not None:
                fields.append(f"status: {p.status}")
            lines.append(f"  {seq}: {{{', '.join(fields)}}}{_comment(combined.project_sources.get(seq, ()))}")
    return "\n".join(lines) + "\n"


def _years(data, by_year: dict[int, dict[str, float]], region: str | None, indent: str) -> list[str]:
    out: list[str] = []
    for year, vals in by_year.items():
        out.append(f"{indent}{year}:")
        for key in sorted(vals):
            sources = data.origins.get((region, year, key), ())
            out.append(f"{indent}  {key}: {number(vals[key])}{_comment(sources)}")
    return out


def _comment(sources: tuple[Source, ...]) -> str:
    """``  # 市经信局 · jx-2025q3.xlsx:填报!D9`` (several places: separated by ``; ``)."""
    if not sources:
        return ""
    return "  # " + "; ".join(" · ".join([*([s.unit] if s.unit else []), s.where()]) for s in sources)


def number(x: float) -> str:
    """A number as YAML that reads back to the same float: 705, 16.4, 0.00001 (no exponent)."""
    if float(x).is_integer() and abs(x) < 1e15:
        return str(int(x))
    text = repr(float(x))
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
    return text
