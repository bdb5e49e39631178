"""Start-up (issue 12 point 4): what a run imports and builds before it does any work.

Whole-process times are the benchmark's business (benchmarks/bench.py); these tests pin the
decisions that make start-up cheap — which modules a run loads, which commands typer builds,
how the garbage collector is set — so that a change that undoes one fails here, not in a timing.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from xnkc import cli

ANNUAL = str(EXAMPLES / "2025-annual.yaml")

# Run xnkc exactly as the console script does, then list every module the process loaded.
_LIST_MODULES = """
import atexit, json, sys
listing = sys.argv[1]
def dump():
    with open(listing, "w") as fh:
        json.dump(sorted(sys.modules), fh)
atexit.register(dump)
sys.argv = ["xnkc", *sys.argv[2:]]
from xnkc.__main__ import run
run()
"""


def modules_loaded(tmp_path, *args: str, env: dict[str, str] | None = None) -> tuple[int, set[str]]:
    """Modules loaded by ``xnkc ARGS`` with a warm plan cache (a cold one validates the plan with
    pydantic, once per plan copy)."""
    listing = tmp_path / "modules.json"
    full_env = {**os.environ, "COLUMNS": "120", "XNKC_CACHE_DIR": str(tmp_path / "cache"), **(env or {})}
    for _ in range(2):  # the first run fills the cache
        proc = subprocess.run(
            [sys.executable, "-c", _LIST_MODULES, str(listing), *args],
            capture_output=True,
            text=True,
            timeout=120,
            env=full_env,
        )
    return proc.returncode, set(json.loads(listing.read_text(encoding="utf-8")))


def heavy(loaded: set[str], *prefixes: str) -> list[str]:
    return sorted(m for m in loaded if m.split(".")[0] in prefixes or m in prefixes)


def test_check_json_loads_neither_pydantic_nor_rich(tmp_path) -> None:
    code, loaded = modules_loaded(tmp_path, "check", ANNUAL, "--format", "json")
    assert code == 0
    assert heavy(loaded, "pydantic", "pydantic_core", "rich", "openpyxl", "docx") == []
    # a YAML file never loads the form reader; no chart, no CI summary unless GitHub asks for one
    for module in ("xnkc.read.forms", "xnkc.compute.chart", "xnkc.render.ci_summary", "xnkc.render.table"):
        assert module not in loaded, module


def test_validate_of_clean_files_loads_neither_pydantic_nor_rich(tmp_path) -> None:
    code, loaded = modules_loaded(tmp_path, "validate", ANNUAL)
    assert code == 0
    assert heavy(loaded, "pydantic", "pydantic_core", "rich") == []


def test_a_form_still_loads_the_form_reader(tmp_path) -> None:
    form = tmp_path / "form.csv"
    form.write_text("nothing,here\n", encoding="utf-8")
    _, loaded = modules_loaded(tmp_path, "check", str(form), "--format", "json")
    assert "xnkc.read.forms" in loaded


def test_the_ci_summary_is_loaded_when_github_asks(tmp_path) -> None:
    summary = tmp_path / "summary.md"
    code, loaded = modules_loaded(
        tmp_path, "check", ANNUAL, "--format", "json", env={"GITHUB_STEP_SUMMARY": str(summary)}
    )
    assert code == 0 and "xnkc.render.ci_summary" in loaded
    assert "### xnkc check" in summary.read_text(encoding="utf-8")


# --- the command tree -------------------------------------------------------------------------


def names(app: typer.Typer) -> list[str]:
    return [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize(
    "command", ["check", "validate", "targets", "projects", "template", "init", "merge", "trend", "status"]
)
def test_a_command_gets_a_tree_of_its_own(command: str) -> None:
    lean = cli._app_for([command, "whatever", "--lang", "en"])
    assert lean is not cli.app
    assert names(lean) == [command]
    assert lean.registered_callback is cli.app.registered_callback  # --debug, --version still there


def test_debug_before_the_command_still_gets_the_lean_tree() -> None:
    assert names(cli._app_for(["--debug", "check", "x.yaml"])) == ["check"]


def test_version_needs_no_command() -> None:
    assert names(cli._app_for(["--version"])) == []


@pytest.mark.parametrize("args", [[], ["--help"], ["chek", "x"], ["--lang", "en"], ["--debug"]])
def test_help_completion_and_unknown_words_get_the_whole_tree(args: list[str]) -> None:
    assert cli._app_for(args) is cli.app


def test_shell_completion_gets_the_whole_tree(monkeypatch) -> None:
    monkeypatch.setenv("_XNKC_COMPLETE", "bash_complete")
    assert cli._app_for(["check"]) is cli.app


def test_every_command_is_reachable_through_the_lean_tree() -> None:
    assert sorted(cli.app_commands()) == sorted(
        name for name in cli.app_commands() if names(cli._app_for([name])) == [name]
    )


@pytest.mark.parametrize("command", ["check", "validate", "merge", "status"])
def test_help_and_usage_errors_read_the_same_in_both_trees(command: str) -> None:
    runner = CliRunner()
    for args in ([command, "--help"], [command, "--no-such-option"], [command, "--lang"]):
        whole = runner.invoke(cli.app, args, prog_name="xnkc")
        lean = runner.invoke(cli._app_for(args), args, prog_name="xnkc")
        assert (lean.exit_code, lean.output) == (whole.exit_code, whole.output), args


def test_an_unknown_command_is_still_suggested() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "xnkc", "chek", "x.yaml"], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert proc.returncode == 2
    assert "[XK115]" in proc.stderr and "check" in proc.stderr


# --- the garbage collector --------------------------------------------------------------------


def test_run_freezes_start_up_objects_and_collects_afterwards(monkeypatch) -> None:
    import xnkc.__main__ as entry

    seen: dict[str, object] = {}

    def fake_main() -> None:
        seen["enabled"] = gc.isenabled()
        seen["threshold"] = gc.get_threshold()[0]
        seen["frozen"] = gc.get_freeze_count()

    before = gc.get_threshold()
    monkeypatch.setattr(cli, "main", fake_main)
    try:
        entry.run()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        gc.enable()
    assert seen["enabled"] is True  # the command's own garbage is still collected
    assert seen["threshold"] == entry.GEN0_THRESHOLD == 10_000
    assert isinstance(seen["frozen"], int) and seen["frozen"] > 0


def test_run_turns_collection_back_on_when_the_import_fails(monkeypatch) -> None:
    import xnkc.__main__ as entry

    before = gc.get_threshold()
    monkeypatch.setitem(sys.modules, "xnkc.cli", None)  # ``from xnkc.cli import main`` raises ImportError
    try:
        with pytest.raises(ImportError):
            entry.run()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
        gc.enable()
