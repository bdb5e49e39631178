"""CI conventions: when ``$GITHUB_STEP_SUMMARY`` names a file (GitHub Actions), ``check`` and
``validate`` append a short Markdown summary to it; elsewhere nothing happens."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from xnkc.common.i18n import t
from xnkc.common.stdio import STEP_SUMMARY, step_summary_wanted
from xnkc.compute.calc import STATUS_LIGHT, STATUSES

if TYPE_CHECKING:
    from xnkc.common.findings import Finding
    from xnkc.compute.calc import Report

ENV = STEP_SUMMARY
LIGHT_EMOJI = {"green": "🟢", "yellow": "🟡", "red": "🔴", "grey": "⚪"}


def check_summary(report: Report, lang: str) -> str:
    """A heading with the plan and period, then one line per status with its count and light."""
    lines = [f"### xnkc check · {report.title} · {report.period}", ""]
    for key, counts in (("indicators", report.summary), ("commitments", report.commitments_summary)):
        if key == "commitments" and not report.commitments:
            continue
        shown = [s for s in STATUSES if counts.get(s, 0) or s != "no_target"]
        sep = ", " if lang == "en" else ","
        items = sep.join(f"{LIGHT_EMOJI[STATUS_LIGHT[s]]} {t(s, lang)} {counts.get(s, 0)}" for s in shown)
        lines.append(f"- **{_group(key, lang)}**: {items}")
    return "\n".join(lines) + "\n\n"


def validate_summary(findings: Sequence[Finding], files: int, lang: str) -> str:
    """Counts, then the errors and warnings (first 20) as ``FILE:LINE:COL [code] message``."""
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if f.severity == "warning"]
    mark = "❌" if errors else "✅"
    if lang == "en":
        head = f"{mark} {files} file(s): {len(errors)} error(s), {len(warnings)} warning(s)"
    else:
        head = f"{mark} {files} 个文件:{len(errors)} 个错误,{len(warnings)} 个警告"
    lines = ["### xnkc validate", "", head, ""]
    for f in (errors + warnings)[:20]:
        lines.append(f"- `{f.location()}` {f.severity} [{f.code}] {f.message(lang)}")
    return "\n".join(lines) + "\n\n"


def _group(key: str, lang: str) -> str:
    return {"indicators": ("指标", "indicators"), "commitments": ("正文承诺", "commitments")}[key][lang == "en"]


def append(text: str) -> None:
    """Append to the file ``$GITHUB_STEP_SUMMARY`` names; a summary that cannot be written never
    changes the command's result."""
    path = os.environ.get(ENV, "")
    if not path.strip():
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)
    except OSError:
        pass


def append_step_summary(report: Report, lang: str) -> None:
    if step_summary_wanted():
        append(check_summary(report, lang))
