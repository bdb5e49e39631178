"""Mutation testing of the modules that hold the numbers (issue 13), with a score bar.

    python scripts/mutation.py                       # every configured module, bar 0.90
    python scripts/mutation.py --module calc         # one module (what CI runs)
    python scripts/mutation.py --min-score 0.9 --max-children 2

mutmut (the `dev` or `mutation` extra) does the work; its configuration is ``[tool.mutmut]`` in
pyproject.toml: which files are mutated and which in-process tests are run against each mutant.
This script runs ``mutmut run`` for the chosen modules, reads ``mutmut results``, prints one
line per module (killed / survived / no tests / timeout and the score) and exits 1 when a
module's score is below the bar. Score = (killed + timeout) / all mutants of the module; a
mutant that no test reaches ("no tests") counts as surviving.

Survivors that cannot be killed because they do not change behaviour (equivalent mutants) are
listed with the reason in tests/mutation-survivors.md; ``--list-survivors`` prints the ones that
are not listed there, with their diffs, to kill or to document.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "compute.calc",
    "compute.derive",
    "read.numeric",
)  # the formulas, the derivations and region sums, the number readers
SURVIVORS_DOC = ROOT / "tests" / "mutation-survivors.md"
RESULT = re.compile(r"^\s*(xnkc\.([\w.]+?)\.x_\S+): (.+)$")
DETECTED = ("killed", "timeout", "caught by type check")


def mutmut() -> list[str]:
    exe = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or shutil.which("mutmut")
    if exe is None:
        sys.exit("mutmut is not installed: pip install -e '.[dev]' (or '.[mutation]')")
    return [exe]


def run(modules: list[str], max_children: int | None) -> None:
    cmd = [*mutmut(), "run", *(f"xnkc.{m}.*" for m in modules)]
    if max_children:
        cmd[2:2] = ["--max-children", str(max_children)]
    env = {**os.environ, "XNKC_NO_CACHE": "1", "COLUMNS": "200", "XNKC_LANG": ""}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode not in (0, 1):  # mutmut exits 1 when mutants survive
        sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
        sys.exit(f"mutmut run failed (exit {proc.returncode})")


def results() -> dict[str, dict[str, str]]:
    """module → mutant name → status, from ``mutmut results --all true``."""
    proc = subprocess.run([*mutmut(), "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True)
    out: dict[str, dict[str, str]] = {}
    for line in proc.stdout.splitlines():
        m = RESULT.match(line)
        if m:
            out.setdefault(m.group(2), {})[m.group(1)] = m.group(3).strip()
    return out


def documented() -> set[str]:
    if not SURVIVORS_DOC.is_file():
        return set()
    return set(re.findall(r"`(xnkc\.[\w.]+?\.x_\w+__mutmut_\d+)`", SURVIVORS_DOC.read_text(encoding="utf-8")))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--module", action="append", choices=MODULES, help="module(s) to mutate (default: all)")
    ap.add_argument("--min-score", type=float, default=0.90)
    ap.add_argument("--max-children", type=int, default=None)
    ap.add_argument("--no-run", action="store_true", help="only read the results of the last run")
    ap.add_argument("--list-survivors", action="store_true", help="print undocumented survivors with their diffs")
    args = ap.parse_args()
    modules = args.module or list(MODULES)
    started = time.monotonic()
    if not args.no_run:
        run(modules, args.max_children)
    by_module = results()
    known = documented()
    failed = False
    print(f"{'module':<16}{'mutants':>9}{'killed':>8}{'survived':>10}{'no tests':>10}{'timeout':>9}{'score':>8}")
    for mod in modules:
        statuses = by_module.get(mod, {})
        counts = Counter(statuses.values())
        total = len(statuses)
        detected = sum(counts[s] for s in DETECTED)
        score = detected / total if total else 0.0
        ok = total > 0 and score >= args.min_score
        failed |= not ok
        print(
            f"{mod:<16}{total:>9}{counts['killed']:>8}{counts['survived']:>10}{counts['no tests']:>10}"
            f"{counts['timeout']:>9}{score:>8.1%}  {'PASS' if ok else 'FAIL'} (bar {args.min_score:.0%})"
        )
        alive = sorted(n for n, s in statuses.items() if s not in DETECTED)
        undocumented = [n for n in alive if n not in known]
        if undocumented:
            print(f"  {len(undocumented)} survivor(s) of {mod} not listed in {SURVIVORS_DOC.relative_to(ROOT)}")
            if args.list_survivors:
                for name in undocumented:
                    diff = subprocess.run([*mutmut(), "show", name], cwd=ROOT, capture_output=True, text=True).stdout
                    print(diff)
    if not args.no_run:
        print(f"mutmut run: {time.monotonic() - started:.0f} s for {', '.join(modules)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
