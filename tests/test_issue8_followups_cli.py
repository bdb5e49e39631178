"""Follow-ups from a review of issue 8 (engineer F): exit codes whatever happens to stderr, OS
errors in the output language, option-value messages, blank -o, --by region -o without regions,
GitHub annotations for files outside the working directory, and check never showing the plan's
own XK502.

Expected values come from the plan's own numbers and from the catalog's wording, never from a run:
附件1-3 高新技术企业数 has a 2025 target of 720 (examples/2025-annual.yaml reports 705, so it is
未完成 and `--fail-on missed` fails); the plan's years are 2024–2026 (附件1 columns).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_xnkc

ANNUAL = str(ROOT / "examples" / "2025-annual.yaml")
Q3 = str(ROOT / "examples" / "2025-q3.yaml")
TYPO = "values:\n  2025:\n    hitech_enterprise: 702\n"  # XK301 at line 3, column 5
HAS_FULL = Path("/dev/full").exists()


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": "", **(extra or {})}
    env.pop("XNKC_DATA_DIR", None)
    return env


def run_fds(*args: str, stdout=None, stderr=None, close: tuple[int, ...] = (), cwd=None) -> int:
    """``python -m xnkc ARGS`` with its stdout/stderr redirected as a shell does (``> /dev/full``,
    ``2>/dev/full``) or closed (``>&-``, ``2>&-``): the exit code."""

    def closer() -> None:
        for fd in close:
            os.close(fd)

    proc = subprocess.run(
        [sys.executable, "-m", "xnkc", *args],
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=stderr if stderr is not None else subprocess.DEVNULL,
        env=_env(),
        cwd=cwd,
        timeout=120,
        preexec_fn=closer if close else None,
    )
    return proc.returncode


def cut(text: str) -> str:
    """An echoed value as findings show it: up to 60 characters, else 59 and an ellipsis."""
    return text if len(text) <= 60 else text[:59] + "…"


def finding_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.match(r"^\S+: (error|warning|note) \[XK\d+\]", ln)]


# -- 1. the exit code is the run's, whatever happens to stderr ---------------------------------------

# (args, the exit code the run decides): a missing file is 2, a valid check 0, an invalid file 1
DECIDED = [
    (("check", "nonexist.yaml"), 2),
    (("validate", "nonexist.yaml"), 2),
    (("check", ANNUAL), 0),
    (("check", ANNUAL, "--fail-on", "missed"), 1),  # 705 < 720: 高新技术企业数 is 未完成
    (("validate", ANNUAL), 0),
    (("targets",), 0),
    (("check", ANNUAL, "--year", "2030"), 2),  # a usage error
    (("chek", ANNUAL), 2),
]


@pytest.mark.parametrize(("args", "code"), DECIDED, ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v))
def test_closed_stderr_keeps_the_exit_code(args, code):
    assert run_fds(*args, close=(2,)) == code


@pytest.mark.skipif(not HAS_FULL, reason="needs /dev/full")
@pytest.mark.parametrize(("args", "code"), DECIDED, ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v))
def test_full_stderr_keeps_the_exit_code(args, code):
    with open("/dev/full", "w") as full:
        assert run_fds(*args, stderr=full) == code


@pytest.mark.parametrize(("args", "code"), DECIDED, ids=lambda v: " ".join(v) if isinstance(v, tuple) else str(v))
def test_stderr_whose_reader_has_gone_keeps_the_exit_code(args, code):
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to stderr is EPIPE
    try:
        assert run_fds(*args, stderr=write_end) == code
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [("check", ANNUAL), ("validate", ANNUAL), ("targets",), ("--version",)], ids=" ".join)
def test_unwritable_output_is_2_with_stderr_closed_too(args):
    """``>&- 2>&-``: the output cannot be written (exit 2), and neither can the finding."""
    assert run_fds(*args, close=(1, 2)) == 2


@pytest.mark.skipif(not HAS_FULL, reason="needs /dev/full")
@pytest.mark.parametrize("args", [("check", ANNUAL), ("validate", ANNUAL), ("targets",)], ids=" ".join)
def test_unwritable_output_is_2_with_stderr_full_too(args):
    with open("/dev/full", "w") as out, open("/dev/full", "w") as err:
        assert run_fds(*args, stdout=out, stderr=err) == 2


def test_output_file_is_whole_with_stdout_and_stderr_closed(tmp_path):
    """With fds 1 and 2 closed, the file of ``-o`` gets a number of its own: nothing but the report
    lands in it (the JSON parses, 高新技术企业数 705 against 720)."""
    import json

    out = tmp_path / "r.json"
    assert run_fds("check", ANNUAL, "-f", "json", "-o", str(out), close=(1, 2)) == 0
    row = next(r for r in json.loads(out.read_text(encoding="utf-8"))["indicators"] if r["seq"] == 3)
    assert (row["target"], row["actual"], row["status"]) == (720, 705, "missed")


def test_stderr_messages_still_show_when_stderr_is_fine():
    res = run_xnkc("check", "nonexist.yaml")
    assert res.code == 2
    assert finding_lines(res.err) == ["nonexist.yaml:1:1: error [XK100] 找不到文件 — 检查路径和文件名"]


# -- 2. the operating system's reason in the output language ----------------------------------------


def test_read_error_not_a_directory_in_both_languages(tmp_path):
    inside_a_file = str(tmp_path / "a.yaml" / "q3.yaml")
    (tmp_path / "a.yaml").write_text(TYPO, encoding="utf-8")
    res = run_xnkc("check", inside_a_file)
    assert res.code == 2
    assert finding_lines(res.err) == [f"{inside_a_file}:1:1: error [XK114] 读取失败:路径中有一段不是目录"]
    res = run_xnkc("validate", inside_a_file, "--lang", "en")
    assert res.code == 2
    assert f"{inside_a_file}:1:1: error [XK114] cannot read: a part of the path is not a directory" in res.out


def test_output_into_a_missing_directory_in_both_languages(tmp_path):
    out = str(tmp_path / "no-such-dir" / "t.txt")
    res = run_xnkc("targets", "-o", out)
    assert res.code == 2
    assert finding_lines(res.err) == [f"{out}:1:1: error [XK121] 无法写入输出文件:文件或目录不存在"]
    res = run_xnkc("targets", "-o", out, "--lang", "en")
    assert finding_lines(res.err) == [
        f"{out}:1:1: error [XK121] cannot write the output file: no such file or directory"
    ]


def test_output_under_a_file_in_both_languages(tmp_path):
    (tmp_path / "a.yaml").write_text(TYPO, encoding="utf-8")
    out = str(tmp_path / "a.yaml" / "t.txt")
    res = run_xnkc("template", "--year", "2025", "-o", out)
    assert res.code == 2
    assert finding_lines(res.err) == [f"{out}:1:1: error [XK121] 无法写入输出文件:路径中有一段不是目录"]


@pytest.mark.skipif(not HAS_FULL, reason="needs /dev/full")
def test_output_to_a_full_disk_in_both_languages():
    res = run_xnkc("targets", "--force", "-o", "/dev/full")
    assert res.code == 2
    assert finding_lines(res.err) == ["/dev/full:1:1: error [XK121] 无法写入输出文件:磁盘已满"]
    res = run_xnkc("targets", "--force", "-o", "/dev/full", "--lang", "en")
    assert finding_lines(res.err) == [
        "/dev/full:1:1: error [XK121] cannot write the output file: no space left on the device"
    ]


OS_WORDS = [
    (errno.ENOSPC, "No space left on device", "磁盘已满", "no space left on the device"),
    (errno.ENOENT, "No such file or directory", "文件或目录不存在", "no such file or directory"),
    (errno.EACCES, "Permission denied", "没有权限", "permission denied"),
    (errno.EPERM, "Operation not permitted", "操作不被允许", "operation not permitted"),
    (errno.EROFS, "Read-only file system", "文件系统是只读的", "read-only file system"),
    (errno.EISDIR, "Is a directory", "这是一个目录", "is a directory"),
    (errno.ENOTDIR, "Not a directory", "路径中有一段不是目录", "a part of the path is not a directory"),
    (errno.EEXIST, "File exists", "文件已存在", "the file exists"),
    (errno.EDQUOT, "Disk quota exceeded", "超出磁盘配额", "disk quota exceeded"),
    # any other keeps the system's own words, in both languages
    (errno.EXDEV, "Invalid cross-device link", "Invalid cross-device link", "Invalid cross-device link"),
]


@pytest.mark.parametrize(("number", "os_text", "zh", "en"), OS_WORDS, ids=lambda v: str(v))
def test_output_failure_says_the_reason_in_the_output_language(tmp_path, monkeypatch, number, os_text, zh, en):
    """Root ignores permissions and no read-only file system is at hand: the failure is simulated
    where write_atomic asks the system for its temporary file."""
    import tempfile

    from xnkc.common.findings import FindingsError
    from xnkc.render.output import write_atomic

    def refuse(*args, **kwargs):
        raise OSError(number, os_text)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(FindingsError) as exc:
        write_atomic(str(tmp_path / "r.txt"), "text")
    (f,) = exc.value.findings
    assert f.code == "XK121"
    assert f.message() == f"无法写入输出文件:{zh}"
    assert f.message("en") == f"cannot write the output file: {en}"
    assert not (tmp_path / "r.txt").exists()


def test_read_failure_says_the_reason_in_the_output_language(monkeypatch):
    """XK114 (read error) for an errno without a code of its own: an I/O error."""
    import builtins

    from xnkc.common.findings import FindingsError
    from xnkc.read.yamlload import read_text

    real_open = builtins.open

    def failing_open(path, *args, **kwargs):
        if str(path) == "broken.yaml":
            raise OSError(errno.EIO, "Input/output error")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", failing_open)
    with pytest.raises(FindingsError) as exc:
        read_text("broken.yaml")
    (f,) = exc.value.findings
    assert (f.code, f.message(), f.message("en")) == (
        "XK114",
        "读取失败:输入输出错误",
        "cannot read: input/output error",
    )


# -- 3. option values: said in the output language, with what is valid --------------------------------

STATUS_CHOICES_ZH = (
    "met(已完成)、on_track(序时达标)、behind(滞后)、far_behind(明显滞后)、missed(未完成)、"
    "no_data(无数据)、no_target(无目标)(写状态代码或中文名称均可)"
)
STATUS_CHOICES_EN = (
    "met, on_track, behind, far_behind, missed, no_data, no_target "
    "(or their Chinese names: 已完成、序时达标、滞后、明显滞后、未完成、无数据、无目标)"
)
OPTION_VALUES = [
    (
        ("check", ANNUAL, "--fail-on", "bogus"),
        f"xnkc: error [XK135] --fail-on 的值 'bogus' 不是状态 — 可选:{STATUS_CHOICES_ZH}",
        f"xnkc: error [XK135] --fail-on: 'bogus' is not a status — one of: {STATUS_CHOICES_EN}",
    ),
    (
        ("check", ANNUAL, "--year", "2030"),
        "xnkc: error [XK136] --year 的值 2030 超出范围:应为方案年度 2024–2026 之一 — 例如 --year 2025",
        "xnkc: error [XK136] --year 2030 is out of range: must be one of the plan's years 2024–2026 — e.g. --year 2025",
    ),
    (
        ("targets", "--year", "2023"),
        "xnkc: error [XK136] --year 的值 2023 超出范围:应为方案年度 2024–2026 之一 — 例如 --year 2025",
        "xnkc: error [XK136] --year 2023 is out of range: must be one of the plan's years 2024–2026 — e.g. --year 2025",
    ),
    (
        ("template", "--year", "2030"),
        "xnkc: error [XK136] --year 的值 2030 超出范围:应为方案年度 2024–2026 之一 — 例如 --year 2025",
        "xnkc: error [XK136] --year 2030 is out of range: must be one of the plan's years 2024–2026 — e.g. --year 2025",
    ),
    (
        ("check", ANNUAL, "--behind-threshold", "5"),
        "xnkc: error [XK136] --behind-threshold 的值 5 超出范围:应大于 0 且不大于 1 — 例如 --behind-threshold 0.9",
        "xnkc: error [XK136] --behind-threshold 5 is out of range: must be > 0 and ≤ 1 — e.g. --behind-threshold 0.9",
    ),
    (
        ("check", ANNUAL, "--behind-threshold", "0"),
        "xnkc: error [XK136] --behind-threshold 的值 0 超出范围:应大于 0 且不大于 1 — 例如 --behind-threshold 0.9",
        "xnkc: error [XK136] --behind-threshold 0 is out of range: must be > 0 and ≤ 1 — e.g. --behind-threshold 0.9",
    ),
    (
        ("validate", "--max-errors", "0"),
        "xnkc: error [XK136] --max-errors 的值 0 超出范围:应不小于 1 — 例如 --max-errors 50",
        "xnkc: error [XK136] --max-errors 0 is out of range: must be ≥ 1 — e.g. --max-errors 50",
    ),
    (
        ("check", ANNUAL, "missed"),
        "xnkc: error [XK138] check 的参数都是文件,这些不是:missed — 状态请用 --fail-on 给出(如 --fail-on missed)",
        "xnkc: error [XK138] check's arguments are files; these are not: missed"
        " — give statuses with --fail-on (e.g. --fail-on missed)",
    ),
    (
        ("validate", "-", "-"),
        "xnkc: error [XK139] 标准输入(-)只能读一次,却给出了 2 次 — 只用一次 -(--files-from - 也算一次),其他文件写路径",
        "xnkc: error [XK139] standard input (-) can be read only once, but it was given 2 times"
        " — use - once (--files-from - counts too) and name the other files by path",
    ),
    (
        ("check", ANNUAL, "--unit", "市科学局"),
        "xnkc: error [XK123] --unit 无效:市科学局(不是登记的责任单位) — 你是不是想写 市科学技术局?",
        "xnkc: error [XK123] invalid --unit: 市科学局 (not a registered responsible unit) — did you mean 市科学技术局?",
    ),
    (
        ("validate", "--ignore", "XK301"),
        "xnkc: error [XK123] --ignore 无效:XK301(只有警告 warning 的代码可以忽略)",
        "xnkc: error [XK123] invalid --ignore: XK301 (only the codes of warnings can be ignored)",
    ),
]


@pytest.mark.parametrize(("args", "zh", "en"), OPTION_VALUES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_option_values_are_explained_in_the_output_language(args, zh, en):
    res = run_xnkc(*args, input="")
    assert res.code == 2
    assert (res.out, finding_lines(res.err)) == ("", [zh])
    res = run_xnkc(*args, "--lang", "en", input="")
    assert res.code == 2
    assert finding_lines(res.err) == [en]


def test_only_the_echoed_arguments_are_clipped(tmp_path):
    """A long word that is no file is cut to 60 characters (59 + …); the explanation is whole."""
    long_word = "第二个参数" * 20  # 100 characters, no path separator or dot: not a file
    res = run_xnkc("check", ANNUAL, long_word)
    assert res.code == 2
    assert finding_lines(res.err) == [
        f"xnkc: error [XK138] check 的参数都是文件,这些不是:{long_word[:59]}… — 状态请用 --fail-on 给出(如 --fail-on missed)"
    ]


def test_a_second_file_after_fail_on_is_a_file_combined_with_the_first_not_a_status():
    """SPEC §9: positional arguments are files; the full-year file supersedes the Q3 file
    (note XK623), and --fail-on missed applies to the combined report (2025-annual has missed rows)."""
    res = run_xnkc("check", ANNUAL, Q3, "--fail-on", "missed")
    assert res.code == 1
    assert [ln.split("]")[0].split(": ")[-1] for ln in finding_lines(res.err)] == ["note [XK623"]


def test_statuses_after_fail_on_still_count():
    """SPEC §6 ``--fail-on STATUS…``: 705 < 720 makes 附件1-3 未完成, so missed fails the run."""
    assert run_xnkc("check", ANNUAL, "-f", "json", "--fail-on", "no_data", "missed").code == 1
    assert run_xnkc("check", ANNUAL, "-f", "json", "--fail-on", "no_data", "未完成").code == 1
    assert run_xnkc("check", ANNUAL, "-f", "json", "--fail-on", "no_data", "no_target").code == 0


def test_year_is_refused_before_the_file_is_read():
    """A usage error does not wait for the actuals file: --year 2030 on a missing file is XK136."""
    res = run_xnkc("check", "nonexist.yaml", "--year", "2030")
    assert res.code == 2
    assert [ln.split("]")[0] for ln in finding_lines(res.err)] == ["xnkc: error [XK136"]


# -- 4. a blank -o; --by region -o on a file without regions ------------------------------------------


@pytest.mark.parametrize("blank", [" ", "   ", "\t"], ids=repr)
@pytest.mark.parametrize(
    ("args", "example"),
    [
        (("check", ANNUAL), "report.csv"),
        (("check", ANNUAL, "--by", "unit"), "分单位报告/"),
        (("check", ANNUAL, "--by", "region"), "分单位报告/"),
        (("targets",), "report.csv"),
        (("template", "--year", "2025"), "report.csv"),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else v,
)
def test_blank_output_path_is_a_usage_error(tmp_path, args, example, blank):
    res = run_xnkc(*args, "-o", blank, cwd=tmp_path)
    assert res.code == 2
    assert finding_lines(res.err)[-1] == f"xnkc: error [XK128] -o 需要一个值(没有给出或为空) — 例如 -o {example}"
    assert list(tmp_path.iterdir()) == []  # no file named " "


def test_by_region_output_without_regions_says_so(tmp_path):
    """examples/2025-annual.yaml has no regions: block, so there is no region file to write."""
    res = run_xnkc("check", ANNUAL, "--by", "region", "-o", "分区域", cwd=tmp_path)
    assert res.code == 0  # a note never fails
    assert res.out == ""
    assert finding_lines(res.err) == [
        f"{ANNUAL}:1:1: note [XK137] 文件中没有 regions(分区域)数据,--by region -o 分区域 没有写出任何文件"
        " — 县市区的数值写在 regions: {区域: {年份: {…}}} 下(见 xnkc template --unit 通城县)"
    ]
    assert list(tmp_path.iterdir()) == []  # not even the directory
    res = run_xnkc("check", ANNUAL, "--by", "region", "-o", "regions", "--lang", "en", cwd=tmp_path)
    assert finding_lines(res.err) == [
        f"{ANNUAL}:1:1: note [XK137] the file has no regions block; --by region -o regions wrote no file"
        " — a region's figures go under regions: {region: {year: {…}}} (see xnkc template --unit 通城县)"
    ]


def test_by_region_output_without_regions_from_standard_input(tmp_path):
    res = run_xnkc(
        "check",
        "-",
        "--by",
        "region",
        "-o",
        "out",
        cwd=tmp_path,
        input="values:\n  2025:\n    hitech_enterprises: 705\n",
    )
    assert res.code == 0
    assert [ln.split(" — ")[0] for ln in finding_lines(res.err)] == [
        "<stdin>:1:1: note [XK137] 文件中没有 regions(分区域)数据,--by region -o out 没有写出任何文件"
    ]


# -- 5. GitHub annotations only for files under the working directory -------------------------------

XK301_ZH = "未知的指标或统计量 'hitech_enterprise' — 你是不是想写 hitech_enterprises?"


def test_github_annotation_outside_the_working_directory_has_no_file(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text(TYPO, encoding="utf-8")
    res = run_xnkc("validate", "--format", "github", str(path), cwd=ROOT)  # tmp_path is not under ROOT
    assert res.code == 1
    assert [ln for ln in res.out.splitlines() if "XK301" in ln] == [
        f"::error title=XK301 unknown-statistic::{path}:3:5: {XK301_ZH}"
    ]


def test_github_annotation_inside_the_working_directory_is_on_the_file(tmp_path):
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "a.yaml"
    path.write_text(TYPO, encoding="utf-8")
    for given in ("sub/a.yaml", str(path)):  # relative as given; absolute made relative
        res = run_xnkc("validate", "--format", "github", given, cwd=tmp_path)
        assert res.code == 1
        assert [ln for ln in res.out.splitlines() if "XK301" in ln] == [
            f"::error file=sub/a.yaml,line=3,col=5,title=XK301 unknown-statistic::{XK301_ZH}"
        ]


def test_github_annotation_for_standard_input_has_no_file():
    res = run_xnkc("validate", "--format", "github", "-", input=TYPO)
    assert res.code == 1
    assert [ln for ln in res.out.splitlines() if "XK301" in ln] == [
        f"::error title=XK301 unknown-statistic::<stdin>:3:5: {XK301_ZH}"
    ]


def test_github_notice_for_a_plan_installed_elsewhere(tmp_path):
    """The plan outside the working directory (as in site-packages after a plain install): the
    XK502 notice carries no file= and starts with the plan's path and position instead."""
    plan = tmp_path / "plan"
    plan.mkdir()
    for name in ("targets.yaml", "projects.yaml"):
        shutil.copyfile(ROOT / "data" / name, plan / name)
    needle = "id: c10_tech_renovation_projects,"
    lines = (plan / "targets.yaml").read_text(encoding="utf-8").splitlines()
    (line,) = [n for n, text in enumerate(lines, 1) if needle in text]
    work = tmp_path / "repo"
    work.mkdir()
    (work / "a.yaml").write_text("values:\n  2025:\n    hitech_enterprises: 705\n", encoding="utf-8")
    res = run_xnkc("validate", "--format", "github", "a.yaml", cwd=work, env={"XNKC_DATA_DIR": str(plan)})
    assert res.code == 0
    (notice,) = res.out.splitlines()
    assert notice.startswith(f"::notice title=XK502 plan-contradiction::{plan / 'targets.yaml'}:{line}:")
    assert "file=" not in notice.split("::")[1]


# -- 6. check is about the user's file: never the plan's own XK502 -------------------------------------

CHECK_CASES = [
    ("valid", "values:\n  2025:\n    hitech_enterprises: 705\n", 0),
    ("errors", TYPO, 2),
    # 附件1-3's 2025 target is 720: 72000 is 100× it, a plausibility warning (XK405)
    ("warning", "values:\n  2025:\n    hitech_enterprises: 72000\n", 0),
]


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
@pytest.mark.parametrize(
    ("case", "text", "code"), CHECK_CASES, ids=lambda v: v if isinstance(v, str) and "\n" not in v else ""
)
def test_check_never_shows_the_plans_warning(tmp_path, fmt, case, text, code):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    res = run_xnkc("check", str(path), "-f", fmt)
    assert res.code == code, res.err
    assert "XK502" not in res.out + res.err
    if case == "warning":
        assert "[XK405]" in res.err  # the user's own warning is shown
    res = run_xnkc("check", "-", "-f", fmt, input=text)
    assert res.code == code and "XK502" not in res.out + res.err


def test_check_never_shows_the_plans_warning_with_a_plan_copy(tmp_path):
    plan = tmp_path / "plan"
    plan.mkdir()
    for name in ("targets.yaml", "projects.yaml"):
        shutil.copyfile(ROOT / "data" / name, plan / name)
    bad = tmp_path / "a.yaml"
    bad.write_text(TYPO, encoding="utf-8")
    for args in (("--targets", str(plan / "targets.yaml")), ()):
        for actuals, code in ((bad, 2), (Path(ANNUAL), 0)):
            res = run_xnkc("check", str(actuals), *args, env={"XNKC_DATA_DIR": str(plan)})
            assert res.code == code
            assert "XK502" not in res.out + res.err
