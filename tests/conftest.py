"""Shared test helpers: run the CLI in-process or as a subprocess; the shipped plan."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


def run_xnkc(
    *args: str, cwd: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None, input: str | None = None
) -> Result:
    """Run ``python -m xnkc ARGS`` as a user would (a real process: exit codes, stdout, stderr)."""
    full_env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": "", **(env or {})}
    full_env.pop("XNKC_DATA_DIR", None) if env is None or "XNKC_DATA_DIR" not in env else None
    proc = subprocess.run(
        [sys.executable, "-m", "xnkc", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full_env,
        input=input,
        timeout=120,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def xnkc():
    return run_xnkc


@pytest.fixture(scope="session")
def plan():
    from xnkc.plan.load import load_plan

    return load_plan()


def metric(
    kind: str = "level",
    better: str = "higher",
    targets: dict[int, float] | None = None,
    comparator: str = "at_least",
    tolerance: float | None = None,
    applies: str = "each_year",
    id: str = "m",
    first_year: int = 2024,
    final_year: int = 2026,
):  # -> xnkc.plan.load.Metric
    """A metric for the formula tests: by default 附件1-3 高新技术企业 (650/720/800 家), on the
    shipped plan's horizon 2024–2026."""
    from xnkc.plan.load import Metric

    return Metric(
        id=id,
        seq=1,
        name=id,
        unit="家",
        kind=kind,
        better=better,
        comparator=comparator,
        tolerance=tolerance,
        applies=applies,
        targets=dict({2024: 650, 2025: 720, 2026: 800} if targets is None else targets),
        lead=("市科技局",),
        support=(),
        source="附件1-3",
        is_indicator=True,
        first_year=first_year,
        final_year=final_year,
    )


@functools.cache
def run_cached(*args: str, columns: int = 200, lang: str = "") -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of an xnkc run at a terminal width, run once per argument list."""
    env = {"COLUMNS": str(columns)}
    if lang:
        env["XNKC_LANG"] = lang
    res = run_xnkc(*args, env=env)
    assert "Traceback" not in res.err
    return res.code, res.out, res.err


def out(*args: str, columns: int = 200, lang: str = "") -> str:
    """stdout of a successful (exit 0) xnkc run; see ``run_cached``."""
    code, text, err = run_cached(*args, columns=columns, lang=lang)
    assert code == 0, err
    return text
