"""``xnkc template --format xlsx|csv``: the fill-in form of SPEC §9 (read back by ``read.forms``).

Layout (sheet ``填报``): a title row, ``报告期`` and ``填报单位`` rows, the header row (``id``, ``序号``,
``指标``, ``单位``, ``{Y}年目标``, ``{Y-1}年实际`` where a growth rate needs last year's figure,
``{Y}年实际``, ``区域`` for a region's government, ``说明``), then one row per statistic the unit
reports — the rows ``compute.fillin`` chose, as the YAML template has them. Value cells are
unlocked, with a decimal validation and an input message; everything else is protected without
a password; the header is frozen; column widths fit the Chinese names; a second sheet ``说明``
says how to fill the form in. The CSV form is the same rows as text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from xnkc.plan.kinds import kind_of
from xnkc.plan.load import Plan

_HOW = [
    "怎样填写这张填报表",
    "",
    "1. 只在浅黄色的单元格里填写数字;其他单元格已保护(不需要密码就能取消保护,但请不要改动 id 列和表头)。",
    "2. 报告期:全年数据写 {year};1-9 月累计写 {year}-Q3,上半年写 {year}-H1,截至某月写 {year}-09。",
    "3. 数值按“单位”列的单位填写;百分比指标可以写 16.8 或 16.8%;千分位 1,234 和全角数字也可以。",
    "4. 不知道或不适用的留空,或写 —、-、/、无;不要写“暂无”“约”等文字,不要加脚注符号。",
    "5. “{prev}年实际”列只在计算增速需要上一年数值时填写(已报过的可以留空)。",
    "6. 可以用公式,但请在 Excel 或 WPS 中保存后再报送(程序只读取公式保存的计算结果)。",
    "7. 不要加密码(打开密码会让文件无法读取);可以隐藏行、增加备注列和其他工作表。",
    "8. 填完后自查:xnkc check 本文件.xlsx (或 xnkc validate 本文件.xlsx),按提示的单元格修改。",
    "",
    "id 列是指标代码(也可以写指标的中文全称);“{year}年目标”和“说明”列只供参考,不会被读取。",
]


@dataclass
class FormCell:
    value: Any = None
    input: bool = False  # a cell the unit fills in: unlocked, validated
    prompt: str = ""  # its input message
    signed: bool = False  # a growth rate may be negative


@dataclass
class Form:
    title: str
    period: str
    unit: str | None
    header: list[str]
    rows: list[list[FormCell]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    year: int = 0


def build_form(
    plan: Plan,
    year: int,
    unit: str | None,
    region_targets: Mapping[str, Mapping[int, Mapping[str, float]]] | None = None,
    period: str | None = None,
) -> Form:
    """The form's cells, from the rows ``compute.fillin`` chose (XK334 for a unit with none)."""
    from xnkc.compute.fillin import fill_in
    from xnkc.render.template import goal_text

    plan_form = fill_in(plan, unit)
    sections = [(s, None) for s in [plan_form.city] if s] + [(s, plan_form.region) for s in [plan_form.regional] if s]
    previous = any(s.previous for s, _ in sections)
    with_region = plan_form.region is not None
    header = ["id", "序号", "指标", "单位", f"{year}年目标"]
    header += [f"{year - 1}年实际"] if previous else []
    header += [f"{year}年实际"] + (["区域"] if with_region else []) + ["说明"]
    stats = {s.id: s for s in plan.targets.statistics}
    form = Form(f"{plan.title} · {year}年填报表" + (f" · {unit}" if unit else ""), period or str(year), unit, header)
    form.year = year
    for section, region in sections:
        goals = (region_targets or {}).get(region or "", {}).get(year, {}) if region else None
        place = region if region else ("全市" if with_region else None)
        for row in section.rows:
            m = row.metric
            target: Any = m.targets.get(year) if goals is None and m.applies == "each_year" else None
            if target is None:
                target = goal_text(m, year, "zh", goals)
            who = {"lead": "牵头", "support": "配合"}[row.role] + (f"({'、'.join(row.via)})" if row.via else "")
            where = m.seq if m.seq else m.source
            prompt = f"{m.name}({m.unit});{goal_text(m, year, 'zh', goals)}"
            cells = [FormCell(m.id), FormCell(where), FormCell(m.name), FormCell(m.unit), FormCell(target)]
            cells += [FormCell()] if previous else []
            cells += [FormCell(input=True, prompt=prompt, signed=kind_of(m.kind).signed)]
            cells += [FormCell(place)] if with_region else []
            form.rows.append([*cells, FormCell(who)])
        for ident in section.raw:
            s = stats[ident]
            prompt = f"{s.name}({s.unit});原始统计量,用于计算比重、强度和增速"
            cells = [FormCell(ident), FormCell(""), FormCell(s.name), FormCell(s.unit), FormCell("")]
            if previous:
                last = ident in section.previous
                cells.append(FormCell(input=last, prompt=f"{year - 1}年 {s.name}({s.unit}),用于计算增速"))
            cells.append(FormCell(input=True, prompt=prompt))
            cells += [FormCell(place)] if with_region else []
            form.rows.append([*cells, FormCell("原始统计量")])
    form.notes = [line.format(year=year, prev=year - 1) for line in _HOW]
    return form


def render_csv(form: Form) -> str:
    """The form as CSV text (the caller adds the UTF-8 BOM for Excel/WPS)."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([form.title])
    writer.writerow(["报告期", form.period])
    writer.writerow(["填报单位", form.unit or ""])
    writer.writerow(form.header)
    for row in form.rows:
        writer.writerow(["" if c.value is None else _text(c.value) for c in row])
    return buf.getvalue()


def _text(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def render_xlsx(form: Form) -> bytes:
    """The form as an .xlsx workbook (openpyxl: the optional extra ``office``/``excel``)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    ws.title = "填报"
    width = len(form.header)
    ws.append([form.title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws["A1"].font = Font(bold=True, size=13)
    hint = f"全年写 {form.year};1-9月写 {form.year}-Q3;上半年 {form.year}-H1;截至某月 {form.year}-09"
    ws.append(["报告期", form.period, hint])
    ws.append(["填报单位", form.unit or ""])
    ws.append(form.header)
    header_row = 4
    open_cell = Protection(locked=False)
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    ws["B2"].number_format = "@"  # 2025-09 stays text, not a date
    ws["B2"].protection = open_cell
    ws["B2"].fill = to_fill
    if not form.unit:
        ws["B3"].protection = open_cell
        ws["B3"].fill = to_fill
    head_fill = PatternFill("solid", fgColor="D9E1F2")
    for cell in ws[header_row]:
        cell.font = Font(bold=True)
        cell.fill = head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(form.rows, header_row + 1):
        for c, fc in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=fc.value)
            if fc.input:
                cell.protection = open_cell
                cell.fill = to_fill
                ws.add_data_validation(_validation(DataValidation, f"{get_column_letter(c)}{r}", fc))
    widths = [_width(v) for v in form.header]
    for row in form.rows:
        widths = [max(w, _width(c.value)) for w, c in zip(widths, row, strict=True)]
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(w + 2, 8), 60)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=4)  # header rows and id, 序号, 指标 stay in view
    ws.protection.sheet = True  # no password: SPEC §9
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.formatRows = False
    notes = book.create_sheet("说明")
    for line in form.notes:
        notes.append([line])
    notes["A1"].font = Font(bold=True, size=13)
    notes.column_dimensions["A"].width = 110
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _validation(cls: Any, ref: str, fc: FormCell) -> Any:
    """A decimal validation with an input message (a warning on other input: the reader decides)."""
    low, high = ("-1000000000000", "1000000000000") if fc.signed else ("0", "1000000000000")
    dv = cls(
        type="decimal",
        operator="between",
        formula1=low,
        formula2=high,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",
        promptTitle="填写数字"[:32],
        prompt=fc.prompt[:250],
        errorTitle="不是数字",
        error="这里应填写数字(不知道的留空)。"[:250],
    )
    dv.add(ref)
    return dv


def _width(value: Any) -> int:
    """Display width of a cell's text: a Chinese character takes two columns."""
    if value is None:
        return 0
    text = _text(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
