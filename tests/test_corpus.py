"""The bad-input corpus (SPEC §4, §6, §7): every file in tests/corpus/ run through the real CLI.

``tests/corpus/manifest.yaml`` says, for each run, the command, the exit code and the finding
(code, line, column) that must be printed as ``FILE:LINE:COL: severity [CODE] …``. The
lines and columns there were worked out by hand from the files. A few inputs cannot live in git
(a > 5 MB file, a directory, a missing path, an unreadable file) and are built in ``tmp_path``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from xnkc.common.catalog import CATALOG

CORPUS = Path(__file__).resolve().parent / "corpus"
MANIFEST = CORPUS / "manifest.yaml"
CASES: list[dict] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
DOCS = ROOT / "docs" / "errors.md"

VALID_TEXT = "period: 2025\nvalues:\n  2025:\n    hitech_enterprises: 705\n"
# Without these capabilities root obeys file permissions like anybody else.
_DROP_DAC = [
    "setpriv",
    "--inh-caps=-dac_override,-dac_read_search",
    "--bounding-set=-dac_override,-dac_read_search",
    "--",
]


def _case_id(case: dict) -> str:
    name = case.get("file") or f"<{case['generate']}>"
    return f"{name}::{' '.join(case['args'])}"


def _run(args: list[str], prefix: list[str] | None = None) -> tuple[int, str, str, float]:
    """``python -m xnkc ARGS`` as a user runs it (same environment as conftest.run_xnkc)."""
    env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": ""}
    env.pop("XNKC_DATA_DIR", None)
    start = time.monotonic()
    proc = subprocess.run(
        [*(prefix or []), sys.executable, "-m", "xnkc", *args], capture_output=True, text=True, env=env, timeout=120
    )
    return proc.returncode, proc.stdout, proc.stderr, time.monotonic() - start


def _can_block_reading(path: Path) -> bool:
    """Does running under ``setpriv`` without DAC capabilities make ``path`` unreadable?"""
    if shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        [*_DROP_DAC, sys.executable, "-c", f"open({str(path)!r}, 'rb')"], capture_output=True, timeout=60
    )
    return probe.returncode != 0 and b"PermissionError" in probe.stderr


def _readable(path: Path) -> bool:
    try:
        with open(path, "rb"):
            return True
    except PermissionError:
        return False


def _generate(kind: str, tmp_path: Path) -> tuple[Path, list[str] | None, bool]:
    """Build a generated case: (path, command prefix, does the OS let us make it unreadable?)."""
    if kind == "large":
        path = tmp_path / "2025-everything.yaml"
        pad = "# " + "统计数据备注" * 16 + "\n"
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(VALID_TEXT)
            while fh.tell() <= 6 * 1024 * 1024:
                fh.write(pad * 1000)
        assert path.stat().st_size > 5 * 1024 * 1024
        return path, None, True
    if kind == "directory":  # SPEC §9: a directory stands for its submissions; this one has none
        path = tmp_path / "2025-submissions"
        path.mkdir()
        (path / ".2025-q3.yaml").write_text(VALID_TEXT, encoding="utf-8")
        (path / "notes.txt").write_text("2025 年三季度\n", encoding="utf-8")
        return path, None, True
    if kind == "missing":
        return tmp_path / "2025-Q3.yaml", None, True
    if kind == "not_a_directory":
        parent = tmp_path / "2025.yaml"
        parent.write_text(VALID_TEXT, encoding="utf-8")
        return parent / "q3.yaml", None, True
    if kind == "unreadable":
        path = tmp_path / "locked.yaml"
        path.write_text(VALID_TEXT, encoding="utf-8")
        path.chmod(0)
        if not _readable(path):
            return path, None, True  # an ordinary user: chmod 000 blocks reading
        if _can_block_reading(path):
            return path, _DROP_DAC, True  # root: drop CAP_DAC_OVERRIDE for the run
        return path, None, False  # root and no way to drop the capability
    raise AssertionError(f"unknown generated case {kind!r}")


def _finding_lines(stream: str, path: str, code: str, line, column) -> list[str]:
    entry = CATALOG[code]
    if line is None:  # a finding about the whole file is printed at 1:1
        prefix = f"{path}:1:1: "
    elif column is None:
        prefix = f"{path}:{line}:"
    else:
        prefix = f"{path}:{line}:{column}: "
    tag = f" {entry.severity} [{code}] "
    return [ln for ln in stream.splitlines() if ln.startswith(prefix) and tag in ln]


def _assert_finding(stream: str, *, json_out: bool, path: str, code: str, line, column, cell=None) -> None:
    if cell is not None:  # a workbook cell: FILE:SHEET!D7 (SPEC §9)
        tag = f" {CATALOG[code].severity} [{code}] "
        hits = [ln for ln in stream.splitlines() if ln.startswith(f"{path}:{cell}: ") and tag in ln]
        assert hits, f"no line `{path}:{cell}: … [{code}] …` in:\n{stream}"
        return
    if json_out:
        doc = json.loads(stream)
        key = "errors" if CATALOG[code].severity == "error" else "warnings"
        hits = [
            f
            for f in doc[key]
            if f["file"] == path
            and f["code"] == code
            and f["line"] == line
            and (column is None or f["column"] == column)
        ]
        assert hits, f"no {code} at {path}:{line}:{column} in {key}: {doc[key]}"
        assert all(f["message"] and f["slug"] == CATALOG[code].slug for f in hits)
        return
    hits = _finding_lines(stream, path, code, line, column)
    assert hits, f"no line `{path}:{line}:{column}: … [{code}] …` in:\n{stream}"


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_corpus_case(case: dict, tmp_path: Path) -> None:
    prefix = None
    blockable = True
    if "generate" in case:
        path, prefix, blockable = _generate(case["generate"], tmp_path)
    else:
        path = CORPUS / case["file"]
        assert path.is_file(), f"corpus file {path} is missing"
    args = [str(a) for a in case["args"]]
    command = args[0]
    json_out = "--format" in args and args[args.index("--format") + 1] == "json"

    code, out, err, elapsed = _run([*args, str(path)], prefix)
    assert "Traceback" not in out + err, err
    assert "internal error" not in err, err

    if not blockable:
        # Root without a way to drop CAP_DAC_OVERRIDE: chmod 000 does not stop reading, so the
        # (valid) file must simply be read; XK111 itself is covered in-process below.
        assert code == 0, err
        assert "XK111" not in out + err
        return

    assert code == case["exit"], f"exit {code}, expected {case['exit']}\nstdout:\n{out}\nstderr:\n{err}"
    if "max_seconds" in case:
        assert elapsed < case["max_seconds"], f"took {elapsed:.1f}s"

    # findings go to stderr for check, to stdout for validate (SPEC §6)
    stream = err if command == "check" else out
    if case.get("code"):
        expected = [(case["code"], case.get("line"), case.get("column")), *map(tuple, case.get("more", []))]
        for c, line, column in expected:
            _assert_finding(
                stream,
                json_out=json_out and command == "validate",
                path=str(path),
                code=c,
                line=line,
                column=column,
                cell=case.get("cell") if c == case["code"] else None,
            )
    for text in case.get("contains", []):
        assert text in stream, f"{text!r} not in:\n{stream}"

    if case["exit"] == 0 and command == "check":
        assert " error [" not in err, err
    if case.get("actual"):
        report = json.loads(out)
        rows = {r["id"]: r for r in report["indicators"] + report.get("commitments", [])}
        for ident, value in case["actual"].items():
            if value is None:
                assert rows[ident]["actual"] is None, rows[ident]
            else:
                assert rows[ident]["actual"] == pytest.approx(value, abs=1e-9), rows[ident]


def test_manifest_covers_every_corpus_file() -> None:
    listed = {c["file"] for c in CASES if "file" in c}
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != MANIFEST.name}
    assert on_disk == listed, (sorted(on_disk - listed), sorted(listed - on_disk))
    distinct = listed | {c["generate"] for c in CASES if "generate" in c}
    assert len(distinct) >= 40
    for c in CASES:
        assert c["exit"] in (0, 1, 2)
        assert c.get("code") is None or c["code"] in CATALOG, c
        if c["exit"] != 0:
            assert c.get("code"), f"a failing case must name its finding: {c}"


def test_unreadable_file_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """XK111 whatever user runs the tests: ``open`` raising PermissionError, as chmod 000 does."""
    from xnkc import cli
    from xnkc.common.findings import FindingsError
    from xnkc.read import yamlload
    from xnkc.validation import validate_all

    path = tmp_path / "locked.yaml"
    path.write_text(VALID_TEXT, encoding="utf-8")

    real_open = open

    def denied(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(yamlload, "open", denied, raising=False)
    with pytest.raises(FindingsError) as exc:
        yamlload.read_text(str(path))
    assert [f.code for f in exc.value.findings] == ["XK111"]
    assert exc.value.unusable_path

    result = validate_all([str(path)])
    assert result.exit_code(strict=False) == 2
    assert [f.code for f in result.findings if f.file == str(path)] == ["XK111"]

    monkeypatch.setattr(sys, "argv", ["xnkc", "check", str(path)])
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert re.search(rf"^{re.escape(str(path))}:1:1: error \[XK111\] ", err, re.M), err


def test_every_catalog_code_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [code for code in CATALOG if code not in text]
    assert not missing, f"docs/errors.md does not mention {missing}"
    for code, entry in CATALOG.items():
        # each code has its own heading naming its slug and severity
        assert re.search(rf"^#+ .*{code}.*{re.escape(entry.slug)}", text, re.M), code
        assert re.search(rf"^#+ .*{code}.*\b{entry.severity}\b", text, re.M), code


def test_plan_data_without_a_target_year_is_a_finding(tmp_path: Path) -> None:
    """A targets file whose first indicator lost its 2026 target: XK510 (a note) at that line, not a crash."""
    from xnkc.plan.load import data_dir

    lines = (data_dir() / "targets.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, ln in enumerate(lines) if ln.strip() == "indicators:")
    at = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("targets: {"))
    edited = re.sub(r",\s*2026:\s*[-\d.]+\s*}", "}", lines[at])
    assert edited != lines[at] and "2026" not in edited
    lines[at] = edited
    path = tmp_path / "targets.yaml"
    path.write_text("".join(lines), encoding="utf-8")

    code, out, err, _ = _run(["validate", "--targets", str(path)])
    assert "Traceback" not in out + err
    assert "internal error" not in err, err
    assert code == 0, (code, out, err)  # a note (SPEC §8: that year is no_target)
    column = edited.index("{") + 1
    assert _finding_lines(out, str(path), "XK510", at + 1, column), out


def _doc_examples() -> list[tuple[str, str]]:
    """(command, first output line) of each docs/errors.md example that runs a committed file."""
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    out = []
    for cmd, body in re.findall(r"```console\n\$ (xnkc [^\n]*?)\s+# exit \d+\n(.*?)```", text, re.S):
        args = cmd.split()[1:]
        if all((ROOT / a).exists() for a in args if a.startswith("tests/corpus/")) and any(
            a.startswith("tests/corpus/") for a in args
        ):
            out.append((cmd, body.splitlines()[0]))
    return out


@pytest.mark.parametrize(("cmd", "first_line"), _doc_examples())
def test_documented_examples_are_current(cmd: str, first_line: str, tmp_path: Path) -> None:
    """docs/errors.md shows what xnkc prints today, not what it printed once. Run in a scratch
    copy, as scripts/update_error_docs.py does: an example may write a file (``-o report.txt``)."""
    args = cmd.split()[1:]
    for name in ("examples", "data", "tests/corpus"):
        shutil.copytree(ROOT / name, tmp_path / name)
    env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": "", "XNKC_DATA_DIR": "data"}
    proc = subprocess.run(
        [sys.executable, "-m", "xnkc", *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60
    )
    assert first_line in (proc.stdout + proc.stderr).splitlines(), "run: python scripts/update_error_docs.py"
