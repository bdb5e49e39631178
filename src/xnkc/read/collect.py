"""Which files a list of FILES|DIRS names (SPEC §9): a file as given; a directory's own
``*.yaml``, ``*.yml``, ``*.xlsx`` and ``*.csv`` (a flat scan, sorted), leaving out dot files,
``~$`` lock files of Excel/WPS and 分解目标 files (``kind: region_targets`` at the top)."""

from __future__ import annotations

import os
import re

from xnkc.common.findings import Finding, FindingsError

FORM_SUFFIXES = (".xlsx", ".csv")  # fill-in forms (SPEC §9); anything else is read as YAML
SUFFIXES = (".yaml", ".yml", *FORM_SUFFIXES)
_REGION_TARGETS = re.compile(r"^\ufeff?kind:\s*['\"]?region_targets['\"]?\s*(#.*)?$")
_HEAD_BYTES = 4096


def collect(paths: list[str]) -> list[str]:
    """The files to read, in order: each path given, a directory replaced by its submissions;
    a file named twice (or also found in a directory given) once. Raises FindingsError
    (XK625) for a directory without any submission; a missing path is left for the reader."""
    out: list[str] = []
    seen: set[str] = set()
    empty: list[Finding] = []
    for path in paths:
        found = scan(path) if path != "-" and os.path.isdir(path) else [path]
        if not found:
            empty.append(Finding("XK625", path))
        for name in found:
            real = name if name == "-" else os.path.realpath(name)
            if real not in seen:
                seen.add(real)
                out.append(name)
    if empty:
        raise FindingsError(empty, unusable_path=True)
    return out


def scan(directory: str) -> list[str]:
    """A directory's submissions, sorted by name (not its subdirectories)."""
    names = sorted(os.listdir(directory))
    return [
        os.path.join(directory, n)
        for n in names
        if is_submission_name(n)
        and os.path.isfile(os.path.join(directory, n))
        and not starts_as_region_targets(os.path.join(directory, n))
    ]


def is_form(path: str) -> bool:
    """Is ``path`` read as a fill-in form (by its name: ``.xlsx`` or ``.csv``, any case)?

    Here, not in ``forms``, so that a YAML file never imports the form reader.
    """
    return path.lower().endswith(FORM_SUFFIXES)


def is_submission_name(name: str) -> bool:
    """``2025-q3.yaml`` is; ``.hidden.yaml``, ``~$form.xlsx``, ``notes.txt`` are not."""
    return not name.startswith((".", "~$")) and name.lower().endswith(SUFFIXES)


def starts_as_region_targets(path: str) -> bool:
    """Does this YAML file start (after comments and blank lines) with ``kind: region_targets``?"""
    if not path.lower().endswith((".yaml", ".yml")):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return False  # the reader says what is wrong with it
    for raw in head.decode("utf-8", errors="replace").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or line == "---":
            continue
        return bool(_REGION_TARGETS.match(line))
    return False
