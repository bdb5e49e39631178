"""Findings: plain data carrying file, line and column, rendered from the error catalog."""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

from xnkc.common.catalog import CATALOG

_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class Finding:
    code: str
    file: str
    line: int | None = None
    column: int | None = None
    path: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    # "" → the catalog's severity; "note" demotes a finding that informs but must not fail a run
    # (SPEC §6: the shipped plan's own known warning when the user's files are checked)
    level: str = ""
    # a workbook cell (SPEC §6, §9): the sheet's name; ``line``/``column`` are the cell's row and
    # column numbers, shown as FILE:SHEET!D7
    sheet: str | None = None

    @property
    def cell(self) -> str | None:
        """The cell's A1 name (D7) of a workbook finding, else None."""
        if self.sheet is None or self.line is None:
            return None
        return column_letters(self.column or 1) + str(self.line)

    @property
    def severity(self) -> str:
        return self.level or CATALOG[self.code].severity

    @property
    def is_note(self) -> bool:
        return self.severity == "note"

    def as_note(self) -> Finding:
        """The same finding, shown as a note (informs; never fails, not even with --strict)."""
        from dataclasses import replace

        return replace(self, level="note")

    @property
    def slug(self) -> str:
        return CATALOG[self.code].slug

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, lang: str = "zh") -> str:
        entry = CATALOG[self.code]
        # every field is filled, a missing one as "" (a message is always shown in full)
        return (entry.en if lang == "en" else entry.zh).format_map(_Lenient(shown_args(self.args)))

    def hint(self, lang: str = "zh") -> str:
        entry = CATALOG[self.code]
        return _fill(entry.hint_en if lang == "en" else entry.hint_zh, shown_args(self.args)) or ""

    def location(self) -> str:
        """``FILE:LINE:COL``; a finding about a whole file (missing, unreadable) points at 1:1."""
        if not self.file:  # a usage error: about the command line, not a file
            return "xnkc"
        if self.sheet is not None:  # a workbook: FILE:SHEET!D7 (the sheet alone when no cell)
            return f"{self.file}:{self.sheet}" + (f"!{self.cell}" if self.cell else "")
        return f"{self.file}:{self.line or 1}:{self.column or 1}"

    def render(self, lang: str = "zh") -> str:
        """``FILE:LINE:COL: severity [code] message (path) — hint`` (SPEC §6)."""
        text = f"{self.location()}: {self.severity} [{self.code}] {self.message(lang)}"
        if self.path:
            text += f" ({clip(self.path, 2 * CLIP)})"
        hint = self.hint(lang)
        if hint:
            text += f" — {hint}"
        return text

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        where = {"sheet": self.sheet, "cell": self.cell} if self.sheet is not None else {}
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            **where,
            "severity": self.severity,
            "code": self.code,
            "slug": self.slug,
            "path": clip(self.path, 2 * CLIP),
            "message": self.message(lang),
            "hint": self.hint(lang) or None,
        }


def column_letters(n: int) -> str:
    """Excel's name of column ``n`` (1-based): 1 → A, 26 → Z, 27 → AA."""
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


# Echoed values are cut to CLIP characters with an ellipsis (issue 8: a 4 MB digit string was
# printed whole into the message and the github annotation). Args that echo what the user wrote
# get CLIP; the program's own prose (a YAML problem, a clause of the plan) gets a generous bound.
CLIP = 60
_PROSE_CLIP = 1000
_ECHOED = frozenset(
    {"value", "key", "got", "field", "name", "tag", "year", "period", "suggest", "other", "ref", "id", "detail"}
)


def clip(text: str, limit: int = CLIP) -> str:
    """``text`` cut to ``limit`` characters, the last one an ellipsis, when it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Shown(str):
    """A clipped non-text value (a huge integer, a list): ``{value!r}`` shows it without quotes."""

    def __repr__(self) -> str:
        return str(self)


def _clip_arg(value: Any, limit: int) -> Any:
    if isinstance(value, str):
        return clip(value, limit)
    if value is None or isinstance(value, (bool, float)):
        return value
    if isinstance(value, int):
        if value.bit_length() <= 3 * limit:  # fewer than `limit` digits
            return value
        try:
            text = str(value)
        except ValueError:  # beyond Python's int-to-text limit
            text = f"<{value.bit_length()}-bit integer>"
        return _Shown(clip(text, limit))
    text = repr(value)
    return value if len(text) <= limit else _Shown(clip(text, limit))


def shown_args(args: dict[str, Any]) -> dict[str, Any]:
    """The args as a message shows them: every value clipped (echoed ones to CLIP characters)."""
    return {k: _clip_arg(v, CLIP if k in _ECHOED else _PROSE_CLIP) for k, v in args.items()}


class _Lenient(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, args: dict[str, Any]) -> str | None:
    """Format a hint with ``args``; None when a field it names is missing or empty (no hint)."""
    if not template:
        return None
    for _, name, _, _ in _FORMATTER.parse(template):
        if name is not None and args.get(name) in (None, ""):
            return None
    return template.format_map(args)


class FindingsError(Exception):
    """Raised by a loader when a file cannot be used; carries every finding it made."""

    def __init__(self, findings: list[Finding], *, unusable_path: bool = False) -> None:
        super().__init__(findings[0].render("en") if findings else "invalid input")
        self.findings = findings
        # True when the path itself could not be read (missing, directory, permission):
        # `validate` then exits 2 rather than 1.
        self.unusable_path = unusable_path


def suggest(word: str, choices: list[str] | tuple[str, ...] | set[str] | dict[str, Any]) -> str:
    """The closest choice to ``word`` for a "did you mean" hint, or ''."""
    import difflib

    pool = list(choices)
    found = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    if not found and word:
        low = word.lower()
        found = [c for c in pool if low in c.lower() or c.lower() in low][:1]
    return found[0] if found else ""
