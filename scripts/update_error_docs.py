"""Refresh docs/errors.md from the program itself: message/hint templates from the catalog and
the output of every ``$ xnkc …`` example that runs a committed file. Run from the repo root:

    python scripts/update_error_docs.py

tests/test_corpus.py::test_documented_examples_are_current fails when this is due.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from xnkc.catalog import CATALOG

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "errors.md"
EXAMPLE = re.compile(r"```console\n\$ (xnkc [^\n]*?)(?:\s+# exit (\d+))?\n(.*?)```", re.S)


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
    env = {**os.environ, "COLUMNS": "200", "XNKC_LANG": ""}
    for m in list(EXAMPLE.finditer(text)):
        cmd = m.group(1)
        args = shlex.split(cmd)[1:]
        paths = [a for a in args if not a.startswith("-") and ("/" in a or a.endswith((".yaml", ".xlsx")))]
        if not paths or not all((ROOT / p).exists() for p in paths):
            continue  # an example on a file made for the occasion: kept as written
        proc = subprocess.run([sys.executable, "-m", "xnkc", *args], capture_output=True, text=True, cwd=ROOT, env=env)
        lines = [
            ln for ln in (proc.stdout + proc.stderr).splitlines() if not ln.startswith(("已校验", "data/targets.yaml"))
        ]  # the summary and the plan's own warning
        new = f"```console\n$ {cmd}        # exit {proc.returncode}\n" + "\n".join(lines).rstrip() + "\n```"
        text = text.replace(m.group(0), new, 1)
    return text


if __name__ == "__main__":
    DOC.write_text(refresh_examples(refresh_templates(DOC.read_text(encoding="utf-8"))), encoding="utf-8")
    print(f"updated {DOC.relative_to(ROOT)}")
