"""``--format docx``: a draft 通报 in the plain style of a government office — a title (plan and
period), 一、总体情况 (one paragraph worded from the counts), 二、滞后指标 by lead unit, 三、正文承诺,
and the full indicator table as 附件. Every sentence is made from the data (``compute.digest``
decides what is counted and grouped); python-docx is imported only here (a missing one is XK650
in the cli)."""

from __future__ import annotations

import io
from collections.abc import Sequence

from xnkc.common.i18n import plan_text, t
from xnkc.compute import chart, digest
from xnkc.compute.calc import STATUSES, Row
from xnkc.render import records
from xnkc.render.base import CheckView, Format, ProjectsView, StatusView, TargetsView
from xnkc.render.lights import HEX

BODY_FONT = "仿宋_GB2312"  # the body font of a 公文; Word/WPS substitute where it is missing
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
LATIN_FONT = "Times New Roman"
_ZH_DIGITS = "零一二三四五六七八九"
LAG_COLUMNS = ("indicator", "target", "actual", "expected", "gap", "status")


def zh_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (for 1 ≤ n < 100)."""
    if n < 10:
        return _ZH_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def counts_phrase(counts: dict[str, int], lang: str) -> str:
    """已完成1项,序时达标3项,…(无目标 only when some row has it)."""
    shown = [s for s in STATUSES if counts.get(s, 0) or s != "no_target"]
    if lang == "en":
        return ", ".join(f"{counts.get(s, 0)} {t(s, lang)}" for s in shown)
    return ",".join(f"{t(s, lang)}{counts.get(s, 0)}项" for s in shown)


def overview_sentences(view: CheckView, lang: str) -> list[str]:
    """一、总体情况: the indicators' counts and share on pace, then the commitments'."""
    r = view.report
    period = spoken_period(r, lang)
    tp = f"{r.time_progress * 100:.0f}%"
    o = digest.overview(r.summary)
    noun = plan_text(view.labels, "indicators", lang)
    if lang == "en":
        text = f"{period} (time progress {tp}): of the {o.total} {noun}, {counts_phrase(r.summary, lang)}."
        if o.share_on_pace is not None:
            text += f" {o.on_pace} of the {o.judged} with data are on pace (met or on track): {records.pct(o.share_on_pace)}."
    else:
        text = f"{period}(序时进度{tp}),{noun}共{o.total}项:{counts_phrase(r.summary, lang)}。"
        if o.share_on_pace is not None:
            text += f"达到序时进度(已完成或序时达标)的{o.on_pace}项,占有数据指标({o.judged}项)的{records.pct(o.share_on_pace)}。"
    sentences = [text]
    if r.commitments:
        c = digest.overview(r.commitments_summary)
        cnoun = plan_text(view.labels, "commitments", lang)
        if lang == "en":
            sentences.append(f"Of the {c.total} {cnoun}: {counts_phrase(r.commitments_summary, lang)}.")
        else:
            sentences.append(f"{cnoun}共{c.total}项:{counts_phrase(r.commitments_summary, lang)}。")
    return sentences


def spoken_period(r, lang: str) -> str:
    """2025年1-9月, 2025年全年 (no space inside a Chinese sentence), 2025 full year."""
    words = records.period_words(r, lang)
    return words if lang == "en" else words.replace(" ", "")


def lagging_sentence(unit: str, rows: Sequence[Row], lang: str) -> str:
    if lang == "en":
        names = [f"{row.metric.name} ({records.status_label(row, lang)})" for row in rows]
        return f"{unit} leads {len(rows)} lagging indicator(s): " + "; ".join(names) + "."
    names = [f"{row.metric.name}({records.status_label(row, lang)})" for row in rows]
    return f"{unit}牵头的指标中有{len(rows)}项滞后:" + "、".join(names) + "。"


class DocxFormat(Format):
    def check(self, view: CheckView) -> bytes:  # type: ignore[override]
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        doc = Document()
        base_style(doc)
        r = view.report
        lang = self.lang
        title = doc.add_heading(level=0)
        run = title.add_run(r.title)
        font(run, TITLE_FONT, 18, bold=True)
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub = doc.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        words = spoken_period(r, lang)
        font(sub.add_run(f"{words}推进情况通报" if lang != "en" else f"Progress notice, {words}"), HEADING_FONT, 14)

        heading(doc, "一、总体情况" if lang != "en" else "1. Overview")
        for sentence in overview_sentences(view, lang):
            doc.add_paragraph(sentence)

        heading(doc, "二、滞后指标" if lang != "en" else "2. Lagging indicators")
        groups = digest.lagging_by_lead(r.rows, [u.unit for u in view.units])
        if not groups:
            doc.add_paragraph("没有滞后的指标。" if lang != "en" else "No indicator is lagging.")
        for i, (unit, rows) in enumerate(groups.items(), start=1):
            heading(doc, f"({zh_number(i)}){unit}" if lang != "en" else f"2.{i} {unit}", level=2)
            doc.add_paragraph(lagging_sentence(unit, rows, lang))
            cells = [[row.metric.name, *lag_cells(row, lang)] for row in rows]
            add_table(doc, [t(k, lang) for k in LAG_COLUMNS], cells, [row.status for row in rows], status_col=5)

        heading(doc, "三、正文承诺" if lang != "en" else "3. Commitments in the plan's text")
        if r.commitments:
            doc.add_paragraph(overview_sentences(view, lang)[-1])
            reported = [row for row in r.commitments if row.actual is not None]
            if reported:
                headers = [t("source", lang), t("commitment_text", lang), *(t(k, lang) for k in LAG_COLUMNS[1:])]
                cells = [[row.metric.source, row.metric.name, *lag_cells(row, lang)] for row in reported]
                add_table(doc, headers, cells, [row.status for row in reported], status_col=6)
        else:
            doc.add_paragraph(
                "方案正文没有单独跟踪的承诺。" if lang != "en" else "The plan tracks no separate commitment."
            )

        doc.add_page_break()
        noun = plan_text(view.labels, "indicators", lang)
        heading(doc, f"附件:{noun}完成情况表" if lang != "en" else f"Annex: {noun}")
        headers = [t(c, lang) for c in records.CHECK_COLUMNS]
        cells = [records.check_cells(row, lang) for row in r.rows]
        add_table(doc, headers, cells, [row.status for row in r.rows], status_col=8, size=8)
        for line in records.footer_lines(view, lang):
            doc.add_paragraph(line)
        return save(doc)

    def targets(self, view: TargetsView) -> bytes:  # type: ignore[override]
        from docx import Document

        doc = Document()
        base_style(doc)
        heading(doc, records.targets_heading(view, self.lang) or view.plan.title)
        headers, rows = records.targets_cells(view, self.lang)
        add_table(doc, headers, rows, None)
        return save(doc)

    def projects(self, view: ProjectsView) -> bytes:  # type: ignore[override]
        from docx import Document

        doc = Document()
        base_style(doc)
        heading(doc, plan_text(view.plan.labels, "projects", self.lang))
        headers, rows = records.projects_cells(view, self.lang)
        add_table(doc, headers, rows, None)
        return save(doc)

    def status(self, view: StatusView) -> bytes:  # type: ignore[override]
        from docx import Document

        doc = Document()
        base_style(doc)
        lines = records.status_footer(view, self.lang)
        heading(doc, lines[0])
        headers, rows = records.status_cells(view, self.lang)
        add_table(doc, headers, rows, None)
        for line in lines[1:]:
            doc.add_paragraph(line)
        return save(doc)


def lag_cells(row: Row, lang: str) -> list[str]:
    """目标, 实际, 序时目标, 差距, 状态 — the same texts as every human format."""
    cells = dict(zip(records.CHECK_COLUMNS, records.check_cells(row, lang), strict=True))
    return [cells["target"], cells["actual"], cells["expected"], cells["gap"], cells["status"]]


def save(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def font(run, east_asia: str, size: float | None = None, bold: bool | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = LATIN_FONT
    run.font.color.rgb = RGBColor(0, 0, 0)
    r_pr = run._element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), east_asia)
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold


def base_style(doc) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = doc.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(12)
    r_pr = normal.element.get_or_add_rPr()
    r_fonts = r_pr.find(qn("w:rFonts"))
    if r_fonts is None:
        r_fonts = r_pr.makeelement(qn("w:rFonts"), {})
        r_pr.append(r_fonts)
    r_fonts.set(qn("w:eastAsia"), BODY_FONT)


def heading(doc, text: str, level: int = 1) -> None:
    """A heading in black 黑体 (Word's blue heading look is not a 通报's)."""
    par = doc.add_heading(level=level)
    font(par.add_run(text), HEADING_FONT, 14 if level == 1 else 12, bold=level > 1)


def add_table(
    doc, headers: list[str], rows: list[list[str]], statuses: list[str] | None, status_col: int = -1, size: float = 9
) -> None:
    """A grid table; the status cell of each row shaded in its 亮灯 colour."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.font.bold = True
        run.font.size = Pt(size)
    for i, row in enumerate(rows):
        cells = table.add_row().cells
        for j, text in enumerate(row):
            cells[j].text = ""
            cells[j].paragraphs[0].add_run(text).font.size = Pt(size)
        if statuses is not None and 0 <= status_col < len(headers):
            light = chart.light(statuses[i])
            tc_pr = cells[status_col]._tc.get_or_add_tcPr()
            shd = tc_pr.makeelement(
                qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): HEX[light]}
            )
            tc_pr.append(shd)
