"""How findings are printed: text (FILE:LINE:COL …, with a source excerpt), json, github."""

from __future__ import annotations

import json
from collections.abc import Iterable

from xnkc.common.findings import Finding


def excerpt(f: Finding, lines_cache: dict[str, list[str]]) -> str:
    """The offending source line with a caret under the column (best effort, never fails)."""
    if f.line is None or f.sheet is not None or f.file.lower().endswith(".csv"):
        return ""  # a workbook cell has no text line; a CSV position counts cells, not characters
    if f.file not in lines_cache and f.file == "<stdin>":  # standard input: what was read of it
        from xnkc.read.stdin import stdin_lines

        lines_cache[f.file] = stdin_lines() or []
    if f.file not in lines_cache:
        try:
            with open(f.file, "rb") as fh:
                raw = fh.read(6 * 1024 * 1024)
            from xnkc.read.yamlload import decode

            lines_cache[f.file] = decode(raw, f.file).splitlines()
        except Exception:
            lines_cache[f.file] = []
    lines = lines_cache[f.file]
    if not 1 <= f.line <= len(lines):
        return ""
    src = lines[f.line - 1].rstrip("\n")
    if len(src) > 200:
        return ""
    col = max((f.column or 1) - 1, 0)
    from unicodedata import east_asian_width

    pad = "".join("\t" if ch == "\t" else ("  " if east_asian_width(ch) in "WF" else " ") for ch in src[:col])
    return f"    {src}\n    {pad}^"


def text(findings: Iterable[Finding], lang: str, *, with_excerpt: bool = True) -> str:
    cache: dict[str, list[str]] = {}
    out = []
    for f in findings:
        out.append(f.render(lang))
        if with_excerpt:
            ex = excerpt(f, cache)
            if ex:
                out.append(ex)
    return "\n".join(out) + ("\n" if out else "")


def as_json(findings: list[Finding], lang: str, files: list[str] | None = None) -> str:
    return (
        json.dumps(
            {
                "errors": [f.to_dict(lang) for f in findings if f.is_error],
                "warnings": [f.to_dict(lang) for f in findings if f.severity == "warning"],
                "notes": [f.to_dict(lang) for f in findings if f.is_note],
                "files": files or [],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def github(findings: Iterable[Finding], lang: str) -> str:
    """GitHub Actions workflow commands: annotations on the file and line.

    GitHub attaches an annotation only to a file of the repository. A finding about a file
    outside the working directory (the shipped plan in site-packages, a file in /tmp), standard
    input or output, gets no file/line/col: its message starts with ``FILE:LINE:COL:`` instead.
    """

    def esc(s: str, prop: bool = False) -> str:
        s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return s.replace(":", "%3A").replace(",", "%2C") if prop else s

    out = []
    for f in findings:
        msg = f.message(lang) + (f" — {f.hint(lang)}" if f.hint(lang) else "")
        shown = _repository_path(f.file)
        props = []
        if shown is not None:
            props.append(f"file={esc(shown, True)}")
            if f.sheet is not None:  # a workbook has no text lines: the cell leads the message
                msg = f"{f.sheet}" + (f"!{f.cell}" if f.cell else "") + f": {msg}"
            elif f.line is not None:
                props += [f"line={f.line}", f"col={f.column or 1}"]
        elif f.file:  # nothing is lost: the position leads the message
            msg = f"{f.location()}: {msg}"
        props.append(f"title={esc(f.code + ' ' + f.slug, True)}")
        command = {"error": "error", "warning": "warning"}.get(f.severity, "notice")
        out.append(f"::{command} {','.join(props)}::{esc(msg)}")
    return "\n".join(out) + ("\n" if out else "")


def _repository_path(file: str) -> str | None:
    """``file`` as GitHub can attach an annotation to it: a path inside the working directory
    (relative as given, or made relative when absolute), else None."""
    import os

    if not file or (file.startswith("<") and file.endswith(">")):  # a usage error, <stdin>, <stdout>
        return None
    try:
        cwd = os.getcwd()
        absolute = os.path.abspath(file)
        pairs = ((cwd, absolute), (os.path.realpath(cwd), os.path.realpath(absolute)))
        for base, target in pairs:  # as written, then with symbolic links resolved
            rel = os.path.relpath(target, base)
            if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
                return file if not os.path.isabs(file) else rel.replace(os.sep, "/")
    except (OSError, ValueError):  # no working directory, another drive
        return None
    return None
