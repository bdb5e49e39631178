"""Issue 8, points 4, 5, 6, 9, 13, 14, 27: the command line, its input/output and exit codes,
validate's counting, and the documentation that quotes the tool's output.

Expected values are worked out from the plan's own numbers (附件1-3 高新技术企业数: 2025 target
720; 附件2-1 华中健康饮品研发中心: 2 亿元), never copied from a run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_xnkc

ANNUAL = str(ROOT / "examples" / "2025-annual.yaml")
Q3 = str(ROOT / "examples" / "2025-q3.yaml")
# 702 high-tech enterprises against the 2025 target of 720: completion 702/720 = 0.975, gap 18
SMALL = "values:\n  2025:\n    hitech_enterprises: 702\n"
TYPO = "values:\n  2025:\n    hitech_enterprise: 702\n"  # line 3, column 5
# the shipped plan: data/targets.yaml in a checkout, …/site-packages/xnkc/data/targets.yaml when installed
XK502_NOTE = re.compile(r"^(?:\S*/)?data/targets\.yaml:\d+:\d+: note \[XK502\] ", re.M)


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": "", **(extra or {})}
    env.pop("XNKC_DATA_DIR", None)
    return env


def run_raw(*args: str, stdout=None, close_stdout: bool = False, env: dict[str, str] | None = None):
    """``python -m xnkc ARGS`` with its standard output redirected as a shell would do it:
    ``stdout`` a file object or descriptor (``> /dev/full``), or closed (``>&-``)."""
    proc = subprocess.run(
        [sys.executable, "-m", "xnkc", *args],
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(env),
        timeout=120,
        preexec_fn=(lambda: os.close(1)) if close_stdout else None,
    )
    return proc.returncode, proc.stderr


def finding_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.match(r"^\S+: (error|warning|note) \[XK\d+\]", ln)]


# -- point 4: output that cannot be written -------------------------------------------------------

EVERY_COMMAND = [
    ("check", ANNUAL),
    ("check", ANNUAL, "--format", "json"),
    ("validate",),
    ("validate", ANNUAL),
    ("targets",),
    ("projects",),
    ("template", "--year", "2025"),
    ("--version",),
    ("--help",),
    ("check", "--help"),
]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_closed_stdout_is_a_finding_and_exit_2(args):
    code, err = run_raw(*args, close_stdout=True)
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert finding_lines(err) == [
        "<stdout>:1:1: error [XK124] 无法写出结果(标准输出):标准输出已关闭 — "
        "检查输出重定向的目标:是否已关闭、磁盘是否已满;或用 -o 写入文件"
    ]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_full_disk_is_a_finding_and_exit_2(args):
    with open("/dev/full", "w") as full:
        code, err = run_raw(*args, "--lang", "en" if args[0] not in ("--version", "--help") else "", stdout=full)
    if args[0] in ("--version", "--help"):  # no --lang on the root: run again without it
        with open("/dev/full", "w") as full:
            code, err = run_raw(*args, stdout=full, env={"XNKC_LANG": "en"})
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err
    assert finding_lines(err) == [
        "<stdout>:1:1: error [XK124] could not write the output (standard output): no space left on the device"
        " — check where standard output goes (closed? disk full?), or write a file with -o"
    ]


@pytest.mark.parametrize("args", EVERY_COMMAND, ids=" ".join)
def test_broken_pipe_ends_quietly_with_exit_0(args):
    """A reader that has gone (``| head -1`` after its line): nothing on stderr, exit 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody reads: every write is EPIPE
    try:
        code, err = run_raw(*args, stdout=write_end)
    finally:
        os.close(write_end)
    assert (code, err) == (0, "")


def test_head_one_line_exits_0_quietly():
    proc = subprocess.run(
        ["bash", "-c", f'"{sys.executable}" -m xnkc targets | head -1; exit "${{PIPESTATUS[0]}}"'],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert len(proc.stdout.splitlines()) == 1


def test_output_file_does_not_need_stdout(tmp_path):
    """``-o FILE`` writes no stdout at all: a closed stdout does not matter."""
    out = tmp_path / "report.json"
    code, err = run_raw("check", ANNUAL, "--format", "json", "-o", str(out), close_stdout=True)
    assert (code, err) == (0, "")
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2025


# -- point 5: `-` is standard input -------------------------------------------------------------------


def test_check_reads_standard_input():
    res = run_xnkc("check", "-", "--format", "json", input=SMALL)
    assert res.code == 0, res.err
    row = next(r for r in res.json()["indicators"] if r["id"] == "hitech_enterprises")
    assert (row["target"], row["actual"], row["completion"], row["gap"]) == (720, 702, 702 / 720, 18)


def test_check_names_standard_input_in_findings():
    res = run_xnkc("check", "-", input=TYPO)
    assert res.code == 2
    assert finding_lines(res.err) == [
        "<stdin>:3:5: error [XK301] 未知的指标或统计量 'hitech_enterprise' (values.2025.hitech_enterprise)"
        " — 你是不是想写 hitech_enterprises?"
    ]
    assert "\n        hitech_enterprise: 702\n        ^\n" in res.err  # the excerpt, from what was read


def test_validate_reads_standard_input():
    res = run_xnkc("validate", "-", "--format", "json", input=TYPO)
    assert res.code == 1
    d = res.json()
    assert d["files"] == ["<stdin>"]
    assert [(e["file"], e["line"], e["column"], e["code"]) for e in d["errors"]] == [("<stdin>", 3, 5, "XK301")]
    assert run_xnkc("validate", "-", input=SMALL).code == 0


def test_validate_reads_standard_input_only_once():
    res = run_xnkc("validate", "-", "-", input=SMALL)
    assert res.code == 2
    assert finding_lines(res.err) == [
        "xnkc: error [XK139] 标准输入(-)只能读一次,却给出了 2 次 — 只用一次 -(--files-from - 也算一次),其他文件写路径"
    ]
    res = run_xnkc("validate", "-", "--files-from", "-", "--lang", "en", input=SMALL)
    assert res.code == 2
    assert finding_lines(res.err) == [
        "xnkc: error [XK139] standard input (-) can be read only once, but it was given 2 times"
        " — use - once (--files-from - counts too) and name the other files by path"
    ]


def test_projects_reads_standard_input():
    # 附件2-1 lists 2 亿元; 1.2 亿元 invested is 1.2 / 2 = 0.6 of it
    res = run_xnkc("projects", "-", "--format", "json", input=SMALL + "projects:\n  1: {invested: 1.2, status: 在建}\n")
    assert res.code == 0, res.err
    p1 = next(p for p in res.json()["projects"] if p["seq"] == 1)
    assert p1["investment"] == 2
    assert p1["progress"]["invested"] == 1.2
    assert p1["progress"]["investment_completion"] == pytest.approx(0.6)


# -- point 6: usage errors are findings, in the user's language ----------------------------------------

USAGE = [
    (
        ("check", "--year", "abc", ANNUAL),
        "xnkc: error [XK129] --year 的值 'abc' 不是整数 — 例如 --year 2025",
        "xnkc: error [XK129] --year: 'abc' is not a whole number — e.g. --year 2025",
    ),
    (
        ("check", ANNUAL, "--behind-threshold", "x"),
        "xnkc: error [XK129] --behind-threshold 的值 'x' 不是数字 — 例如 --behind-threshold 0.9",
        "xnkc: error [XK129] --behind-threshold: 'x' is not a number — e.g. --behind-threshold 0.9",
    ),
    (
        ("check", ANNUAL, "--by", "foo"),
        "xnkc: error [XK127] --by 的值 'foo' 无效 — 可选:indicator, unit, region",
        "xnkc: error [XK127] invalid value 'foo' for --by — one of: indicator, unit, region",
    ),
    (
        ("check", ANNUAL, "--format", "xml"),
        "xnkc: error [XK127] --format 的值 'xml' 无效 — 可选:table, json, csv, markdown, html, xlsx, docx",
        "xnkc: error [XK127] invalid value 'xml' for --format — one of: table, json, csv, markdown, html, xlsx, docx",
    ),
    (
        ("check",),
        "xnkc: error [XK125] 缺少参数 ACTUALS — 用法:xnkc check ACTUALS [OPTIONS]",
        "xnkc: error [XK125] missing argument ACTUALS — usage: xnkc check ACTUALS [OPTIONS]",
    ),
    (
        ("check", ANNUAL, "--yeer", "2025"),
        "xnkc: error [XK126] xnkc check 没有选项 --yeer — 你是不是想写 --year?",
        "xnkc: error [XK126] xnkc check has no option --yeer — did you mean --year?",
    ),
    (
        ("check", ANNUAL, "--year"),
        "xnkc: error [XK128] --year 需要一个值(没有给出或为空) — 例如 --year 2025",
        "xnkc: error [XK128] --year needs a value (none or an empty one was given) — e.g. --year 2025",
    ),
    (
        ("chek", ANNUAL),
        "xnkc: error [XK115] 没有这个命令 'chek' — 你是不是想写 check?(全部命令:xnkc --help)",
        "xnkc: error [XK115] no such command 'chek' — did you mean check? (all commands: xnkc --help)",
    ),
    (
        ("targets", "2025"),
        "xnkc: error [XK116] xnkc targets 不接受多余的参数 2025 — 用法见 xnkc targets --help",
        "xnkc: error [XK116] xnkc targets takes no extra argument 2025 — see xnkc targets --help",
    ),
    (
        ("validate", "--max-errors", "0"),
        "xnkc: error [XK136] --max-errors 的值 0 超出范围:应不小于 1 — 例如 --max-errors 50",
        "xnkc: error [XK136] --max-errors 0 is out of range: must be ≥ 1 — e.g. --max-errors 50",
    ),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE, ids=lambda x: " ".join(x) if isinstance(x, tuple) else "")
def test_usage_errors_are_findings(args, zh, en):
    res = run_xnkc(*args)
    assert res.code == 2
    assert res.err.splitlines() == [zh]  # one finding line: no click "Usage:"/"Error:" block
    for env, extra in (({}, ("--lang", "en")), ({"XNKC_LANG": "en"}, ())):
        if args[0] == "chek":  # the root has no --lang: only XNKC_LANG applies
            extra = ()
            env = {"XNKC_LANG": "en"}
        res = run_xnkc(args[0], *extra, *args[1:], env=env)
        assert res.code == 2
        assert res.err.splitlines() == [en]


def test_bad_lang_is_reported_in_xnkc_lang_or_chinese():
    zh = "xnkc: error [XK127] --lang 的值 'fr' 无效 — 可选:zh, en"
    en = "xnkc: error [XK127] invalid value 'fr' for --lang — one of: zh, en"
    assert run_xnkc("check", ANNUAL, "--lang", "fr").err.splitlines() == [zh]
    res = run_xnkc("check", ANNUAL, "--lang", "fr", env={"XNKC_LANG": "en"})
    assert (res.code, res.err.splitlines()) == (2, [en])


def test_root_option_given_before_the_command():
    res = run_xnkc("--lang", "en", "check", ANNUAL)
    assert res.code == 2
    assert res.err.splitlines() == ["xnkc: error [XK126] xnkc has no option --lang — did you mean xnkc check … --lang?"]


# -- point 9: -o and directories ------------------------------------------------------------------------


@pytest.mark.parametrize("force", [(), ("--force",)])
def test_output_directory_says_it_is_a_directory(tmp_path, force):
    res = run_xnkc("template", "--year", "2025", "-o", str(tmp_path), *force)
    assert res.code == 2
    assert finding_lines(res.err) == [
        f"{tmp_path}:1:1: error [XK118] 输出路径是一个目录,不是文件 — -o 后写文件名;"
        "只有 check --by unit 或 --by region 时 -o 才是目录(每个单位或区域一个文件)"
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [("template", "--year", "2025"), ("targets",), ("check", ANNUAL)])
def test_empty_output_path_is_a_usage_error(command):
    res = run_xnkc(*command, "-o", "")
    assert res.code == 2
    assert finding_lines(res.err)[-1] == "xnkc: error [XK128] -o 需要一个值(没有给出或为空) — 例如 -o report.csv"


def test_check_by_unit_writes_one_file_per_unit(tmp_path):
    src = tmp_path / "a.yaml"
    src.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "by-unit"  # created: it does not exist yet
    res = run_xnkc("check", str(src), "--by", "unit", "--format", "json", "-o", str(out))
    assert res.code == 0, res.err
    assert res.out == ""
    names = {p.name for p in out.iterdir()}
    # 附件1-3 高新技术企业数: 市科技局 leads it, 各县市区人民政府 and 咸宁高新区管委会 support it
    assert {"市科技局.json", "咸宁高新区管委会.json", "各县市区人民政府.json"} <= names
    mine = json.loads((out / "市科技局.json").read_text(encoding="utf-8"))
    assert mine["unit_filter"] == "市科技局"
    row = next(r for r in mine["indicators"] if r["id"] == "hitech_enterprises")
    assert (row["target"], row["actual"], row["completion"]) == (720, 702, 702 / 720)
    # the file for a unit is what `check --unit U --format json` prints
    alone = run_xnkc("check", str(src), "--unit", "市科技局", "--format", "json")
    assert [r["id"] for r in alone.json()["indicators"]] == [r["id"] for r in mine["indicators"]]
    assert alone.json()["summary"] == mine["summary"]


def test_check_by_region_writes_one_file_per_region(tmp_path):
    src = tmp_path / "a.yaml"
    src.write_text(
        "values:\n  2025:\n    hitech_enterprises: 700\n"
        "regions:\n  咸安区: {2025: {hitech_enterprises: 160}}\n  赤壁市: {2025: {hitech_enterprises: 140}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "regions"
    res = run_xnkc("check", str(src), "--by", "region", "--format", "csv", "-o", str(out))
    assert res.code == 0, res.err
    assert sorted(p.name for p in out.iterdir()) == ["咸安区.csv", "赤壁市.csv"]
    text = (out / "咸安区.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")  # a CSV file for Excel/WPS: UTF-8 with BOM
    assert "咸安区" in text and "赤壁市" not in text
    res = run_xnkc("check", str(src), "--by", "region", "--format", "json", "-o", str(out))
    assert res.code == 0, res.err
    cell = json.loads((out / "咸安区.json").read_text(encoding="utf-8"))["regions"]
    assert list(cell) == ["咸安区"]
    assert cell["咸安区"]["hitech_enterprises"]["value"] == 160
    assert cell["咸安区"]["hitech_enterprises"]["share"] == pytest.approx(160 / 700)


def test_check_by_region_never_overwrites_without_force(tmp_path):
    src = tmp_path / "a.yaml"
    src.write_text(
        "values:\n  2025:\n    hitech_enterprises: 700\n"
        "regions:\n  咸安区: {2025: {hitech_enterprises: 160}}\n  赤壁市: {2025: {hitech_enterprises: 140}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "regions"
    out.mkdir()
    (out / "赤壁市.md").write_text("kept\n", encoding="utf-8")
    res = run_xnkc("check", str(src), "--by", "region", "--format", "markdown", "-o", str(out))
    assert res.code == 2
    assert (
        finding_lines(res.err)[-1] == f"{out / '赤壁市.md'}:1:1: error [XK120] 输出文件已存在,未覆盖 — 加 --force 覆盖"
    )
    assert sorted(p.name for p in out.iterdir()) == ["赤壁市.md"]  # nothing written at all
    assert (out / "赤壁市.md").read_text(encoding="utf-8") == "kept\n"
    res = run_xnkc("check", str(src), "--by", "region", "--format", "markdown", "-o", str(out), "--force")
    assert res.code == 0, res.err
    assert sorted(p.name for p in out.iterdir()) == ["咸安区.md", "赤壁市.md"]
    assert "赤壁市" in (out / "赤壁市.md").read_text(encoding="utf-8")


def test_check_by_unit_output_that_is_a_file(tmp_path):
    existing = tmp_path / "report.txt"
    existing.write_text("kept\n", encoding="utf-8")
    res = run_xnkc("check", ANNUAL, "--by", "unit", "-o", str(existing), "--lang", "en")
    assert res.code == 2
    assert finding_lines(res.err)[-1] == (
        f"{existing}:1:1: error [XK119] with --by unit, -o names a directory (one file per responsible unit), "
        "but this is an existing file — name a directory instead (it is created if missing)"
    )
    assert existing.read_text(encoding="utf-8") == "kept\n"


def test_check_by_indicator_output_directory_is_an_error(tmp_path):
    res = run_xnkc("check", ANNUAL, "-o", str(tmp_path))
    assert res.code == 2
    assert "[XK118]" in finding_lines(res.err)[-1]


# -- point 27: validate counts the user's files; the plan's own warning is a note ---------------------


def test_strict_validation_of_a_valid_submission_passes():
    res = run_xnkc("validate", "--strict", ANNUAL)
    assert res.code == 0, res.out + res.err
    assert len(XK502_NOTE.findall(res.out)) == 1  # the plan's known contradiction: shown once, as a note
    assert res.err == "已校验 1 个文件:0 个错误,0 个警告,1 个说明\n"
    res = run_xnkc("validate", "--strict", ANNUAL, Q3, "--lang", "en")
    assert res.code == 0
    assert len(XK502_NOTE.findall(res.out)) == 1
    assert res.err == "2 file(s) checked: 0 error(s), 0 warning(s), 1 note(s)\n"


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_strict_validation_of_a_submission_in_every_format(fmt):
    res = run_xnkc("validate", "--strict", ANNUAL, "--format", fmt)
    assert res.code == 0, res.out
    if fmt == "json":
        d = res.json()
        assert d["files"] == [ANNUAL]  # the file the user gave; not the plan's (site-packages) paths
        assert (d["errors"], d["warnings"]) == ([], [])
        assert [(n["code"], n["severity"]) for n in d["notes"]] == [("XK502", "note")]
    else:
        assert [ln.split(" ", 1)[0] for ln in res.out.splitlines()] == ["::notice"]


def test_checking_the_plan_itself_counts_its_warning():
    res = run_xnkc("validate", "--strict")
    assert res.code == 1
    assert re.findall(r"^(?:\S*/)?data/targets\.yaml:\d+:\d+: (\w+) \[XK502\]", res.out, re.M) == ["warning"]
    assert res.err == "已校验 2 个文件:0 个错误,1 个警告,0 个说明\n"
    assert run_xnkc("validate").code == 0  # a warning fails only --strict
    targets = str(ROOT / "data" / "targets.yaml")
    res = run_xnkc("validate", "--strict", "--targets", targets, ANNUAL, "--format", "json")
    assert res.code == 1
    assert res.json()["files"] == [targets, ANNUAL]
    assert [w["code"] for w in res.json()["warnings"]] == ["XK502"]


def test_a_warning_about_the_users_file_still_fails_strict(tmp_path):
    # rd_intensity reported as 2.0 while rd_expenditure / gdp × 100 = 30 / 2000 × 100 = 1.5
    bad = tmp_path / "a.yaml"
    bad.write_text("values:\n  2025:\n    rd_intensity: 2.0\n    rd_expenditure: 30\n    gdp: 2000\n", encoding="utf-8")
    res = run_xnkc("validate", "--strict", str(bad), "--format", "json")
    assert res.code == 1
    assert [w["code"] for w in res.json()["warnings"]] == ["XK401"]
    assert run_xnkc("validate", str(bad)).code == 0


def test_check_does_not_print_the_plans_warning():
    res = run_xnkc("check", ANNUAL)
    assert res.code == 0
    assert "XK502" not in res.err + res.out


# -- points 13, 14: documentation that quotes the tool is generated from real runs -------------------

DOCS = ROOT / "docs" / "errors.md"
README = ROOT / "README.md"


def _sections() -> dict[str, str]:
    parts = re.split(r"(?m)^### (XK\d+) .*$", DOCS.read_text(encoding="utf-8"))
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_every_code_has_an_example_that_shows_it():
    """No example with empty output (XK122, XK502 before): each section's run prints its own code."""
    from xnkc.common.catalog import CATALOG

    sections = _sections()
    for code, entry in CATALOG.items():
        body = sections[code]
        m = re.search(r"```console\n\$ xnkc [^\n]*# exit (\d)\n(.*?)```", body, re.S)
        assert m, f"{code}: no generated example"
        assert re.search(rf"^\S+: {entry.severity} \[{code}\] ", m.group(2), re.M), f"{code}: example lacks it"


def test_plan_contradiction_example_fails_strict_like_the_readme_says():
    m = re.search(r"```console\n\$ (xnkc [^\n]*?)\s+# exit (\d)\n", _sections()["XK502"])
    assert m and m.group(1) == "xnkc validate --strict" and m.group(2) == "1"
    assert re.search(
        r"\$ xnkc template --force -o data/targets\.yaml\s+# exit 2\n\S+ error \[XK122\]", DOCS.read_text()
    )


def test_readme_xk502_line_names_the_lines_of_the_plan():
    """The README's XK502 line points at the two places in data/targets.yaml (issue 8 point 14)."""
    lines = (ROOT / "data" / "targets.yaml").read_text(encoding="utf-8").splitlines()
    body = next(n for n, ln in enumerate(lines, 1) if "id: c10_tech_renovation_projects," in ln)
    annex = next(n for n, ln in enumerate(lines, 1) if ln.strip() == "- id: tech_renovation_projects")
    column = lines[body - 1].index("{") + 1  # the flow mapping of the promise
    quoted = [ln for ln in README.read_text(encoding="utf-8").splitlines() if "[XK502]" in ln]
    assert len(quoted) == 1
    assert quoted[0].startswith(f"data/targets.yaml:{body}:{column}: warning [XK502] ")
    assert f"附件1-20(data/targets.yaml:{annex})" in quoted[0]
    assert "--ignore XK502 submissions" not in README.read_text(encoding="utf-8")


def test_generated_docs_and_readme_are_current():
    """docs/errors.md and the README's quoted output are what the tool prints today."""
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_error_docs.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr


# -- the note severity (foundation of point 27) ----------------------------------------------------------


def test_a_note_informs_and_never_fails():
    from xnkc.common.findings import Finding
    from xnkc.validation import ValidationResult

    warning = Finding("XK401", "a.yaml", 6, 19)
    note = warning.as_note()
    assert (warning.severity, note.severity, note.is_note, note.is_error) == ("warning", "note", True, False)
    assert note.render("en").startswith("a.yaml:6:19: note [XK401] ")
    only_notes = ValidationResult(findings=[note])
    assert (only_notes.exit_code(False), only_notes.exit_code(True)) == (0, 0)
    with_warning = ValidationResult(findings=[note, warning])
    assert (with_warning.exit_code(False), with_warning.exit_code(True)) == (0, 1)
    unusable = ValidationResult(findings=[note], unusable=True)
    assert unusable.exit_code(True) == 2
