"""Issue 11 points 5 and 6: completion bars in the terminal table (geometry by hand, colour on a
terminal only, none with NO_COLOR or when piped), the $GITHUB_STEP_SUMMARY summary of check and
validate, the pre-commit hook file, and the chart arithmetic (compute/chart.py) as properties."""

from __future__ import annotations

import fcntl
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT, run_xnkc
from xnkc.compute import chart
from xnkc.render.table import BAR_EMPTY, BAR_FILL, BAR_MARK, BAR_WIDTH, bar_text

Q3 = str(EXAMPLES / "2025-q3.yaml")
ANNUAL = str(EXAMPLES / "2025-annual.yaml")


def line_of(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if name in line)


# -- the bar's geometry ---------------------------------------------------------------------------


def test_bars_in_the_table_by_hand():
    res = run_xnkc("check", Q3)  # piped, COLUMNS=200: no colour, every column
    assert res.code == 0, res.err
    assert "\x1b[" not in res.out
    # 附件1-3 高新技术企业数: 700 / 720 = 97.2 % → 9 of 10 cells (never rounded up to a full bar);
    # the pace E = 668 + (720 − 668) × 0.75 = 707, 707 / 720 = 0.982 → cell 9 is the mark
    assert BAR_FILL * 9 + BAR_MARK in line_of(res.out, "高新技术企业数")
    # 附件1-7 技术合同成交额: 150 / 235 = 63.8 % → 6 cells; pace 235 × 0.75 / 235 = 0.75 → cell 7
    assert BAR_FILL * 6 + BAR_EMPTY + BAR_MARK + BAR_EMPTY * 2 in line_of(res.out, "技术合同成交额")
    # 附件1-15 新建省级产业技术研究院: 0 of 1 → no cell filled, the mark at 0.75 → cell 7
    assert BAR_EMPTY * 7 + BAR_MARK + BAR_EMPTY * 2 in line_of(res.out, "新建省级产业技术研究院")
    assert "进度" in line_of(res.out, "完成率")  # the bar's header, beside 完成率


def test_a_full_year_has_bars_without_a_mark():
    out = run_xnkc("check", ANNUAL).out
    # 2025 full year: 附件1-3 705 of 720 = 97.9 % → 9 cells, no pace mark (E = T)
    assert BAR_FILL * 9 + BAR_EMPTY in line_of(out, "高新技术企业数")
    indicators = out.split("\n正文承诺")[0]
    assert BAR_MARK not in indicators
    # a promise due by 2026 is paced over the plan's years even in a full year: 二(二)6 建成省级重点
    # 实验室, 3 by 2026, 2 built → 66.7 %, 6 cells; paced from 2024's 1 halfway to 2026 (f = 0.5):
    # E = 1 + (3 − 1) × 0.5 = 2, 2 / 3 → cell 6 is the mark
    assert BAR_FILL * 6 + BAR_MARK + BAR_EMPTY * 3 in line_of(out, "建成省级重点实验室")


def test_at_80_and_120_columns_the_table_stays_within_the_width():
    for width in (80, 120):
        res = run_xnkc("check", Q3, env={"COLUMNS": str(width)})
        assert res.code == 0
        assert max(len(x) for x in res.out.splitlines()) <= width  # box characters are 1 cell
        for name in ("高新技术企业数", "实际", "状态"):
            assert name in res.out
    # at 80 columns the bar is the first column left out (完成率 says the same), named in the note
    narrow = run_xnkc("check", Q3, env={"COLUMNS": "80"}).out
    assert BAR_FILL not in narrow and "未显示:进度、" in line_of(narrow, "未显示")


def on_a_terminal(*args: str, env: dict[str, str] | None = None, columns: int = 160) -> str:
    """Run xnkc with its stdout on a pseudo-terminal ``columns`` wide; what it printed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 60, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    full_env.update({"XNKC_LANG": "", "TERM": "xterm-256color", **(env or {})})
    proc = subprocess.Popen([sys.executable, "-m", "xnkc", *args], stdout=slave, stderr=subprocess.PIPE, env=full_env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_on_a_terminal_the_bar_is_coloured_by_status():
    out = on_a_terminal("check", Q3)
    # 附件1-3 is behind: its bar in yellow (SGR 33); 附件1-7 is far behind: red (31);
    # 附件1-11 met: green (32)
    assert "\x1b[33m" + BAR_FILL * 9 + BAR_MARK in out
    assert "\x1b[31m" + BAR_FILL * 6 in out
    assert "\x1b[32m" + BAR_FILL * 9 in out


def test_no_color_on_a_terminal():
    out = on_a_terminal("check", Q3, env={"NO_COLOR": "1"})
    assert BAR_FILL * 9 + BAR_MARK in out
    assert not re.search(r"\x1b\[(?:\d+;)*3[0-7](?:;\d+)*m", out)  # no foreground colour at all


@given(
    completion=st.one_of(st.none(), st.floats(min_value=-1, max_value=50, allow_nan=False)),
    pace=st.one_of(st.none(), st.floats(min_value=0, max_value=5, allow_nan=False)),
)
def test_a_bar_is_always_width_cells_and_never_rounded_up(completion, pace):
    b = chart.Bar("x", completion, pace, "green")
    text = bar_text(b)
    if completion is None:
        assert text == ""
        return
    assert len(text) == BAR_WIDTH and set(text) <= {BAR_FILL, BAR_EMPTY, BAR_MARK}
    filled = int(min(max(completion, 0.0), 1.0) * BAR_WIDTH + 1e-9)
    assert text.count(BAR_FILL) in (filled, filled - 1)  # the mark may sit on a filled cell
    assert text.count(BAR_MARK) == (pace is not None)
    assert filled < BAR_WIDTH or completion >= 1 - 1e-9  # a bar below 100 % is never full


@given(st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False)), max_size=30))
def test_the_scale_ends_at_100_percent_or_the_next_ten_above_the_longest_bar(values):
    end = chart.scale(values)
    top = max((v for v in values if v is not None), default=0.0)
    assert 1.0 <= end <= chart.SCALE_CAP
    assert round(end * 10, 6) == round(end * 10)  # a whole number of 10 %
    if top <= 1:
        assert end == 1.0
    else:
        # the next 10 % at or above the longest bar, or the cap
        assert end == chart.SCALE_CAP or top - 1e-9 <= end < top + 0.1 + 1e-9


def test_lights_are_the_spec_table():
    assert {
        s: chart.light(s) for s in ("met", "on_track", "behind", "far_behind", "missed", "no_data", "no_target")
    } == {
        "met": "green",
        "on_track": "green",
        "behind": "yellow",
        "far_behind": "red",
        "missed": "red",
        "no_data": "grey",
        "no_target": "grey",
    }


# -- CI conventions ---------------------------------------------------------------------------------


def test_check_appends_a_summary_to_github_step_summary(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    res = run_xnkc("check", Q3, "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert res.code == 0, res.err
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### xnkc check · 咸宁市")  # appended, never replaced
    data = res.json()
    s = data["summary"]
    assert (
        f"- **指标**: 🟢 已完成 {s['met']},🟢 序时达标 {s['on_track']},🟡 滞后 {s['behind']},"
        f"🔴 明显滞后 {s['far_behind']},🔴 未完成 {s['missed']},⚪ 无数据 {s['no_data']}"
    ) in text
    assert s["behind"] == 17  # the Q3 example, as its table shows (test_report_html: by hand)
    assert "- **正文承诺**:" in text


def test_validate_appends_its_findings(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("period: 2025\nvalues:\n  2025:\n    hitech_enterprise: 700\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    res = run_xnkc("validate", str(bad), env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert res.code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("### xnkc validate\n\n❌ 1 个文件:1 个错误")
    assert f"`{bad}:4:5` error [" in text


def test_without_the_variable_nothing_is_written(tmp_path):
    res = run_xnkc("check", Q3, "--format", "json", env={"GITHUB_STEP_SUMMARY": ""}, cwd=str(tmp_path))
    assert res.code == 0 and list(tmp_path.iterdir()) == []


def test_pre_commit_hook_validates_submission_files():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "xnkc-validate")
    assert hook["entry"] == "xnkc validate"
    assert hook["language"] == "python"
    assert hook["files"] == r"\.(ya?ml|xlsx|csv)$"
    import re

    pattern = re.compile(hook["files"])
    for name in ("submissions/2025-q3.yaml", "a.yml", "form.xlsx", "form.csv"):
        assert pattern.search(name)
    for name in ("README.md", "report.html", "a.yaml.bak"):
        assert not pattern.search(name)
    excluded = re.compile(hook["exclude"])
    for name in ("data/targets.yaml", ".github/workflows/ci.yml", ".pre-commit-config.yaml", "sub/.hidden.yaml"):
        assert excluded.search(name), name
    assert not excluded.search("submissions/2025-q3.yaml")


def test_ci_run_installs_chromium_before_pytest():
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "command -v chromium" in text and "fonts-noto-cjk" in text
    assert text.index("apt-get") < text.index("-m pytest")
    assert Path(ROOT / ".ci" / "run").stat().st_mode & 0o111


finite = st.one_of(st.none(), st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))


@given(st.lists(st.tuples(finite, finite, finite), max_size=8))
def test_a_trajectory_axis_holds_every_value_with_headroom(triples):
    points = [chart.SeriesPoint(str(i), a, t, e) for i, (a, t, e) in enumerate(triples)]
    low, high = chart.series_range(points)
    values = [v for p in points for v in (p.actual, p.target, p.expected) if v is not None]
    assert low < high and low <= 0.0
    for v in values:
        assert low <= v <= high
    if values and max(values) > low:
        # 10 % of the span above the highest value
        assert high == pytest.approx(max(values) + (max(values) - low) * 0.1)


def test_a_summary_that_cannot_be_written_changes_nothing(tmp_path):
    missing = tmp_path / "no-such-dir" / "summary.md"
    res = run_xnkc("check", Q3, "--format", "json", env={"GITHUB_STEP_SUMMARY": str(missing)})
    assert res.code == 0 and res.err == "" and res.json()["summary"]["behind"] == 17
    res = run_xnkc("validate", Q3, env={"GITHUB_STEP_SUMMARY": str(missing)})
    assert res.code == 0
