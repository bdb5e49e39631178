"""Refresh docs/errors.md and the README's quoted tool output from the program itself.

    python scripts/update_error_docs.py           # rewrite docs/errors.md and README.md
    python scripts/update_error_docs.py --check   # exit 1 (and show a diff) when they are stale

* docs/errors.md: each ``### XKnnn`` section's message/hint lines come from the catalog, and its
  ```console example (``$ xnkc … # exit N`` followed by the output) is the output of a real run.
* README.md: a ```text block right after ``<!-- generated: NAME -->`` is the output of the run
  named NAME in ``README_RUNS`` below.

Every run happens in a scratch directory holding copies of ``examples/``, ``tests/corpus/`` and
``data/`` (``XNKC_DATA_DIR=data``, so the plan's own file shows as ``data/targets.yaml``), with
``COLUMNS=200`` and the default language. An example that needs a file made for the occasion
(an edited copy of the plan, a 6 MB file, an unreadable file …) gets it from ``SETUPS``, keyed by
the section's code. Nothing is filtered out of the output; nothing is kept "as written".
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from xnkc.common.catalog import CATALOG

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "errors.md"
README = ROOT / "README.md"
EXAMPLE = re.compile(r"```console\n\$ (xnkc [^\n]*?)(?:\s+# exit \d+)?\n.*?```", re.S)
GENERATED = re.compile(r"(<!-- generated: ([\w-]+) -->\n\n?```text\n).*?(```)", re.S)
VALID = "period: 2025\nvalues:\n  2025:\n    hitech_enterprises: 705\n"
DROP_DAC = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


@dataclass
class Setup:
    """What one example needs beyond the committed files."""

    prepare: Callable[[Path], None] = lambda scratch: None
    env: dict[str, str] = field(default_factory=dict)
    prefix: list[str] = field(default_factory=list)  # e.g. run without CAP_DAC_OVERRIDE
    inject: str = ""  # Python run before xnkc's main(): a simulated bug for XK900


def edit_plan(anchor: str, old: str, new: str, *, regex: bool = False) -> Callable[[Path], None]:
    """targets.yaml = data/targets.yaml with the first ``old`` after ``anchor`` replaced by ``new``."""

    def prepare(scratch: Path) -> None:
        text = (scratch / "data" / "targets.yaml").read_text(encoding="utf-8")
        at = text.index(anchor)
        head, tail = text[:at], text[at:]
        edited = re.sub(old, new, tail, count=1) if regex else tail.replace(old, new, 1)
        if edited == tail:
            raise SystemExit(f"update_error_docs: {old!r} not found after {anchor!r} in data/targets.yaml")
        (scratch / "targets.yaml").write_text(head + edited, encoding="utf-8")

    return prepare


def write(name: str, text: str, mode: int | None = None) -> Callable[[Path], None]:
    def prepare(scratch: Path) -> None:
        path = scratch / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if mode is not None:
            path.chmod(mode)

    return prepare


def write_bytes(name: str, data: bytes) -> Callable[[Path], None]:
    def prepare(scratch: Path) -> None:
        (scratch / name).write_bytes(data)

    return prepare


def write_all(**files: str) -> Callable[[Path], None]:
    """Several files at once (``a__yaml`` names a.yaml); a name ending in ``/`` is an empty directory."""

    def prepare(scratch: Path) -> None:
        for name, text in files.items():
            path = scratch / name.replace("__", ".")
            if name.endswith("_dir"):
                path = scratch / name[: -len("_dir")]
                path.mkdir(parents=True, exist_ok=True)
                continue
            path.write_text(text, encoding="utf-8")

    return prepare


JX = "period: 2025\nunit: 市经信局\nvalues:\n  2025:\n    hitech_enterprises: 705\n"
KJ = "period: 2025\nunit: 市科技局\nvalues:\n  2025:\n    hitech_enterprises: 706\n"
Q3 = "period: 2025-Q3\nunit: 市科技局\nvalues:\n  2025:\n    hitech_enterprises: 690\n"
TABLE_HEAD = "序号,指标名称,单位,2024年,2025年,2026年,责任单位\n"
# an encrypted workbook is an OLE compound file with an EncryptionInfo stream (not a zip)
ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64


def large_file(scratch: Path) -> None:
    pad = "# " + "统计数据备注" * 16 + "\n"
    with open(scratch / "2025-everything.yaml", "w", encoding="utf-8") as fh:
        fh.write(VALID)
        while fh.tell() <= 6 * 1024 * 1024:
            fh.write(pad * 1000)


RD_GROWTH = "  - id: rd_growth\n"
SETUPS: dict[str, Setup] = {
    "XK104": Setup(large_file),
    "XK111": Setup(write("locked.yaml", VALID, 0), prefix=DROP_DAC if os.geteuid() == 0 else []),
    "XK120": Setup(write("actuals-2025.yaml", VALID)),
    "XK204": Setup(edit_plan(RD_GROWTH, "kind: growth\n", "kind: growths\n")),
    "XK501": Setup(edit_plan(RD_GROWTH, "lead: [市科技局]", "lead: [市科学局]")),
    "XK503": Setup(edit_plan("id: general_rd_growth,", "indicator: rd_growth", "indicator: rd_grwth")),
    "XK504": Setup(
        edit_plan(RD_GROWTH, "support: [各县市区人民政府, 咸宁高新区管委会]", "support: [各县市区人民政府]")
    ),
    "XK505": Setup(edit_plan("  - id: rd_intensity\n", "id: rd_intensity", "id: rd_growth")),
    "XK506": Setup(edit_plan("  - id: rd_intensity\n", "seq: 2\n", "seq: 1\n")),
    "XK507": Setup(edit_plan("id: tech_contract_gdp_share,", ", kind: ratio", "")),
    "XK508": Setup(edit_plan("id: general_hitech_enterprises,", "unit: 家", "unit: 户")),
    "XK509": Setup(edit_plan(RD_GROWTH, "lead: [市科技局]", "lead: [市 科技局]")),
    "XK510": Setup(edit_plan(RD_GROWTH, r",\s*2026:\s*[-\d.]+\s*}", "}", regex=True)),
    "XK511": Setup(edit_plan(RD_GROWTH, "targets: {2024: 10, 2025: 12.5, 2026: 15}", "targets: {}")),
    "XK543": Setup(
        edit_plan(
            RD_GROWTH,
            "    targets: {2024: 10, 2025: 12.5, 2026: 15}\n",
            "    targets: {2024: 10, 2025: 12.5, 2026: 15}\n    interpolated: [2027]\n",
        )
    ),
    "XK544": Setup(
        edit_plan(
            RD_GROWTH,
            "    targets: {2024: 10, 2025: 12.5, 2026: 15}\n",
            "    targets: {2024: 10, 2025: 12.5, 2026: 15}\n    base: {2024: 9.1}\n",
        )
    ),
    "XK545": Setup(edit_plan(RD_GROWTH, "    better: higher\n", "    better: higher\n    comparator: approx\n")),
    "XK540": Setup(edit_plan(RD_GROWTH, "2026: 15}", "2026: 15, 2027: 17}")),
    "XK541": Setup(edit_plan("plan:\n", "years: [2024, 2025, 2026]", "years: []")),
    "XK542": Setup(edit_plan("id: general_rd_intensity,", "applies: by_end", "applies: by_2026")),
    "XK550": Setup(write("table.csv", TABLE_HEAD + "1,高新技术企业数,家,650,七百,800,市科技局\n")),
    "XK551": Setup(write("table.csv", TABLE_HEAD + "1,高新技术企业数,家,650,超过700以下,800,市科技局\n")),
    "XK552": Setup(write("table.csv", "序号,名称,2025年\n1,高新技术企业数,800\n")),
    "XK553": Setup(write("table.csv", "序号,指标名称,目标\n1,高新技术企业数,800\n")),
    "XK554": Setup(write("table.csv", "指标名称,2025年,2025年目标\n高新技术企业数,800,800\n")),
    "XK555": Setup(write("table.csv", "指标名称,单位,2025年,2024—2026年累计\n新增孵化器,个,3,9\n")),
    "XK556": Setup(write("table.xlsx", "指标名称,2025年\n高新技术企业数,800\n")),
    "XK557": Setup(write_bytes("table.xlsx", ENCRYPTED)),
    "XK558": Setup(write("table.xlsx", "PK"), inject="import sys; sys.modules['openpyxl'] = None"),
    "XK559": Setup(write("table.csv", TABLE_HEAD + "1,高新技术企业数,家,≥650,700以下,800,市科技局\n")),
    "XK560": Setup(write("table.csv", "指标名称,2025年,类型\n高新技术企业数,800,存货\n")),
    "XK561": Setup(write("table.csv", "指标名称,2025年,方向\n高新技术企业数,800,越多越好\n")),
    "XK562": Setup(write("table.csv", "指标名称,2025年,约,容差\n园区入驻企业,120左右,大约\n".replace(",约,", ","))),
    "XK563": Setup(write("table.csv", "指标名称,单位,2025年\n一、创新主体,,\n高新技术企业数,家,800\n")),
    "XK564": Setup(write("table.xls", "x")),
    "XK565": Setup(write("table.csv", TABLE_HEAD + "1,高新技术企业数,家,650,700,800,市科技局\n")),
    # fill-in forms (SPEC §9): small CSV forms made for the occasion
    "XK601": Setup(write("no-id.csv", "指标,2025年实际\n高新技术企业数,705\n")),
    "XK602": Setup(write("targets-only.csv", "id,指标,2025年目标\nhitech_enterprises,高新技术企业数,720\n")),
    "XK604": Setup(write("two-2025.csv", "id,2025,2025年实际\nhitech_enterprises,705,706\n")),
    "XK605": Setup(
        write(
            "no-id-row.csv", "id,指标,2025年实际\nhitech_enterprises,高新技术企业数,705\n,入库科技型中小企业数,2050\n"
        )
    ),
    "XK620": Setup(write_all(jx__yaml=JX, kj__yaml=KJ)),
    "XK621": Setup(
        write_all(jx__yaml=JX, **{"kj-2024q3__yaml": "period: 2024-Q3\nvalues:\n  2024: {hitech_enterprises: 640}\n"})
    ),
    "XK622": Setup(write_all(q3__yaml=Q3, h1__yaml="period: 2025-H1\nvalues:\n  2025: {gdp: 1000}\n")),
    "XK623": Setup(write_all(jx__yaml=JX, q3__yaml=Q3)),
    "XK624": Setup(write_all(jx__yaml=JX, kj__yaml="values:\n  2025: {gdp: 2070}\n")),
    "XK625": Setup(write_all(empty_dir="")),
    "XK626": Setup(write_all(jx__yaml=JX, kj__yaml=KJ)),
    "XK650": Setup(inject="import sys; sys.modules['openpyxl'] = None"),
    # a bug simulated the way tests/test_robustness.py does: the calculation raises
    "XK900": Setup(inject="import xnkc.compute.calc as c; c.evaluate = lambda *a, **k: 1 / 0"),
}


@dataclass
class Run:
    command: str  # as the reader would type it: "xnkc …" (optionally "> FILE" or ">&-")
    setup: Setup = field(default_factory=Setup)
    columns: int = 200
    keep: Callable[[list[str]], list[str]] = lambda lines: lines


def _keep_code(code: str) -> Callable[[list[str]], list[str]]:
    return lambda lines: [ln for ln in lines if f"[{code}]" in ln]


def _head_tail(head: int, tail: int) -> Callable[[list[str]], list[str]]:
    return lambda lines: [*lines[:head], "…", *lines[-tail:]]


OTHER_PLAN_INIT = "xnkc init examples/other-plan/table.csv --name 某县“十四五”科技创新规划 -o my-plan"


def init_other_plan(scratch: Path) -> None:
    """my-plan/targets.yaml made by the README's first command, for the two that follow it."""
    code = "import sys\nfrom xnkc.cli import main\nsys.argv = ['xnkc', *sys.argv[1:]]\nmain()"
    words = shlex.split(OTHER_PLAN_INIT)[1:]
    subprocess.run([sys.executable, "-c", code, *words], cwd=scratch, capture_output=True, check=True, timeout=120)


README_RUNS: dict[str, Run] = {
    "other-plan-init": Run(OTHER_PLAN_INIT, keep=_head_tail(10, 2)),
    "other-plan-validate": Run("xnkc validate --targets my-plan/targets.yaml", Setup(init_other_plan)),
    "other-plan-check": Run(
        "xnkc check --targets my-plan/targets.yaml examples/other-plan/actuals.yaml",
        Setup(init_other_plan),
        columns=100,
    ),
    "q3-report": Run("xnkc check examples/2025-q3.yaml", columns=100, keep=_head_tail(12, 3)),
    "finding-line": Run(
        "xnkc validate a.yaml",
        Setup(write("a.yaml", "values:\n  2025:\n    hitech_enterprise: 705\n")),
        keep=_keep_code("XK301"),
    ),
    "plan-contradiction": Run("xnkc validate --strict", keep=_keep_code("XK502")),
}


def run(r: Run) -> tuple[int, list[str]]:
    """Run ``r`` in a fresh scratch directory: (exit code, output lines, stdout then stderr)."""
    with tempfile.TemporaryDirectory(prefix="xnkc-docs-") as tmp:
        scratch = Path(tmp)
        for name in ("examples", "data", "tests/corpus"):
            shutil.copytree(ROOT / name, scratch / name)
        r.setup.prepare(scratch)
        words = shlex.split(r.command)[1:]
        stdout: int | None = subprocess.PIPE
        closed = False
        if words[-1:] == [">&-"]:
            words, closed = words[:-1], True
        elif len(words) >= 2 and words[-2] == ">":
            words, target = words[:-2], words[-1]
            stdout = os.open(target, os.O_WRONLY | os.O_CREAT, 0o644)
        code = f"{r.setup.inject}\nimport sys\nfrom xnkc.cli import main\nsys.argv = ['xnkc', *sys.argv[1:]]\nmain()"
        env = {**os.environ, "COLUMNS": str(r.columns), "XNKC_LANG": "", "XNKC_DATA_DIR": "data", **r.setup.env}
        env.pop("XNKC_DEBUG", None)
        proc = subprocess.run(
            [*r.setup.prefix, sys.executable, "-c", code, *words],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            cwd=scratch,
            env=env,
            timeout=120,
            preexec_fn=(lambda: os.close(1)) if closed else None,
        )
        if isinstance(stdout, int) and stdout != subprocess.PIPE:
            os.close(stdout)
        out = (proc.stdout or "") + proc.stderr
        return proc.returncode, [ln.rstrip() for ln in r.keep(out.splitlines())]


def refresh_templates(text: str) -> str:
    parts = re.split(r"(?m)^(### XK\d+ .*)$", text)
    out = [parts[0]]
    for head, body in zip(parts[1::2], parts[2::2], strict=True):
        entry = CATALOG.get(head.split()[1])
        if entry:
            message = f"- message: {entry.zh} / {entry.en}"
            body = re.sub(r"(?m)^- message: .*$", lambda _, m=message: m, body, count=1)
            if entry.hint_zh:
                hint = f"- hint: {entry.hint_zh} / {entry.hint_en}"
                body = re.sub(r"(?m)^- hint: .*$", lambda _, h=hint: h, body, count=1)
        out += [head, body]
    return "".join(out)


def refresh_examples(text: str) -> str:
    parts = re.split(r"(?m)^(### XK\d+ .*)$", text)
    out = [parts[0]]
    for head, body in zip(parts[1::2], parts[2::2], strict=True):
        code = head.split()[1]

        def example(m: re.Match[str], code: str = code) -> str:
            cmd = m.group(1)
            rc, lines = run(Run(cmd, SETUPS.get(code, Setup())))
            return f"```console\n$ {cmd}        # exit {rc}\n" + "\n".join(lines).rstrip() + "\n```"

        out += [head, EXAMPLE.sub(example, body)]
    return "".join(out)


def refresh_readme(text: str) -> str:
    def block(m: re.Match[str]) -> str:
        name = m.group(2)
        if name not in README_RUNS:
            raise SystemExit(f"update_error_docs: README names an unknown generated block {name!r}")
        _, lines = run(README_RUNS[name])
        return m.group(1) + "\n".join(lines).rstrip() + "\n" + m.group(3)

    return GENERATED.sub(block, text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, refresh in ((DOC, lambda t: refresh_examples(refresh_templates(t))), (README, refresh_readme)):
        old = path.read_text(encoding="utf-8")
        new = refresh(old)
        if new == old:
            continue
        stale.append(path)
        if check:
            rel = str(path.relative_to(ROOT))
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), rel, rel + " (now)"))
        else:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    if check and stale:
        print(f"\n{', '.join(str(p.relative_to(ROOT)) for p in stale)}: stale; run python scripts/update_error_docs.py")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
