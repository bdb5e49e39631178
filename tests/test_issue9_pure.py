"""Issue 9 point 6: the pure layer stays pure. Importing the calculation imports no YAML, no
loader, no error catalog, no pydantic — calc sees only the domain types (xnkc.plan.domain)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# what the calculation must never pull in: the YAML parser, the loader, the findings and their
# catalog, the data-file models, the plan loader, and the heavy libraries
FORBIDDEN = (
    "yaml",
    "xnkc.read.yamlload",
    "xnkc.common.catalog",
    "xnkc.common.findings",
    "xnkc.read.models",
    "xnkc.plan.load",
    "pydantic",
    "rich",
)


def imported_by(statement: str) -> set[str]:
    """The modules ``statement`` loads, in a fresh interpreter (nothing imported before it)."""
    code = f"{statement}; import sys, json; print(json.dumps(sorted(sys.modules)))"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout))


def test_importing_calc_imports_no_yaml_loader_catalog_or_pydantic() -> None:
    loaded = imported_by("import xnkc.compute.calc")
    assert "xnkc.compute.calc" in loaded and "xnkc.plan.domain" in loaded
    assert not loaded & set(FORBIDDEN), sorted(loaded & set(FORBIDDEN))


def test_the_domain_module_is_pure_too() -> None:
    loaded = imported_by("import xnkc.plan.domain")
    assert not loaded & set(FORBIDDEN), sorted(loaded & set(FORBIDDEN))
    assert {m for m in loaded if m.startswith("xnkc.")} == {"xnkc.plan", "xnkc.plan.domain"}


def test_the_plan_builds_the_domain_metric_calc_uses() -> None:
    from xnkc.compute import calc
    from xnkc.plan import domain
    from xnkc.plan import load as plan

    assert plan.Metric is domain.Metric  # one type: what the loader builds is what calc reads
    assert calc.Metric is domain.Metric
    shipped = plan.load_plan()
    m = shipped.metrics["hitech_enterprises"]
    assert isinstance(m, domain.Metric)
    # 附件1-3 高新技术企业数: 650 / 720 / 800 家 over 2024–2026, evaluated by calc alone
    row = calc.evaluate(m, {2025: {"hitech_enterprises": 702}}, 2025, 12)
    assert row.target == 720 and row.status == "missed"
    assert row.gap == 720 - 702


def test_the_kinds_table_is_pure() -> None:
    loaded = imported_by("import xnkc.plan.kinds")
    assert not loaded & set(FORBIDDEN), sorted(loaded & set(FORBIDDEN))
    assert {m for m in loaded if m.startswith("xnkc.")} == {"xnkc.plan", "xnkc.plan.kinds"}
