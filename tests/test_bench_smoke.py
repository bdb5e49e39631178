"""Smoke run of benchmarks/bench.py with tiny counts (the real run is manual: see the script's docstring)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench.py"


def test_bench_smoke(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH),
            "--runs",
            "2",
            "--warmup",
            "1",
            "--files",
            "5",
            "--big-files",
            "10",
            "--no-jsonschema",
            "--gen-dir",
            str(tmp_path / "gen"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "budgets" in proc.stdout and "xnkc validate" in proc.stdout

    res = json.loads(out.read_text(encoding="utf-8"))
    assert {"date", "machine", "config", "commands", "batches", "jsonschema", "budgets"} <= res.keys()
    assert res["machine"]["cpu_count"] and res["machine"]["python"]
    for name in (
        "floor: python -c pass",
        "floor: import typer, pydantic, yaml, rich.table",
        "xnkc --version",
        "xnkc check example --format json",
        "xnkc check example (table)",
        "xnkc validate (shipped plan only)",
        "xnkc check 30 files --format json",
        "xnkc merge 30 files",
    ):
        r = res["commands"][name]
        assert r["runs"] == 2 and len(r["samples_s"]) == 2
        assert 0 < r["min_s"] <= r["median_s"] <= r["max_s"]
        if name.startswith("xnkc"):
            assert r["ratio_to_import_floor"] > 0
    batches = res["batches"]
    assert [b["files"] for b in batches.values()] == [5, 10]
    for b in batches.values():
        assert b["median_s"] > 0 and b["per_file_ms"] > 0 and b["marginal_per_file_ms"] >= 0
        assert b["execs"] == 1
    assert res["jsonschema"]["skipped"]
    budget = res["budgets"]["validate per-file cost ≤ 2 ms"]
    worst = max(b["marginal_per_file_ms"] for b in batches.values())
    assert budget["value"] == worst and budget["limit"] == 2.0
    assert budget["pass"] is (worst <= 2.0)  # the verdict follows from the measured numbers


def test_committed_schema_matches_plan() -> None:
    """benchmarks/schema.json is generated from the plan; regenerate with ``bench.py --write-schema``."""
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    committed = json.loads((BENCH.parent / "schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(bench.schema_text(bench.load_plan()))
