"""Standard input as a data file (``-``): read once, decoded like a file, kept for excerpts."""

from __future__ import annotations

import sys

from xnkc.common.findings import Finding, FindingsError
from xnkc.common.stdio import STDIN_NAME
from xnkc.read.yamlload import MAX_BYTES, decode

_stdin_text: str | None = None


def read_stdin() -> str:
    """Standard input, read once and decoded like a data file (UTF-8 with or without BOM,
    UTF-16 with BOM, GB18030), within the same size cap; kept for source excerpts."""
    global _stdin_text
    if _stdin_text is None:
        stream = sys.stdin.buffer if sys.stdin is not None else None
        raw = stream.read(MAX_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BYTES:
            raise FindingsError([Finding("XK104", STDIN_NAME, args={"size": f"> {MAX_BYTES}", "limit": MAX_BYTES})])
        _stdin_text = decode(raw, STDIN_NAME)
    return _stdin_text


def stdin_lines() -> list[str] | None:
    """The lines read from standard input (for a finding's source excerpt), if any were read."""
    return None if _stdin_text is None else _stdin_text.splitlines()
