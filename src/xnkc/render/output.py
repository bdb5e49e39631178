"""Writing output files safely: temporary file + rename, never over an existing file unless forced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from xnkc.common.findings import Finding, FindingsError
from xnkc.common.stdio import os_error_args


def write_atomic(path: str, text: str | bytes, *, force: bool = False) -> None:
    """Write ``text`` (or the bytes of a workbook) to ``path`` via a temporary file in the same
    directory and a rename."""
    if not path.strip():  # `-o ''` or `-o ' '`: no file name (a file named " " is no one's intent)
        raise FindingsError([Finding("XK128", "", args={"option": "-o", "example": "-o report.csv"})])
    target = Path(path)
    from xnkc.plan.load import data_dir

    try:
        if target.resolve().parent == data_dir().resolve():
            raise FindingsError([Finding("XK122", path)])
    except OSError:
        pass
    if target.is_dir():  # a directory is never "an existing file" (--force would not help)
        raise FindingsError([Finding("XK118", path)])
    if target.exists() and not force:
        raise FindingsError([Finding("XK120", path)])
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write to it, never replace it
        try:
            with _opened(target, text) as fh:
                fh.write(text)
        except OSError as exc:
            raise FindingsError([Finding("XK121", path, args=os_error_args(exc))]) from None
        return
    # a replaced file keeps its mode; a new one gets the usual 0666 & ~umask (mkstemp makes 0600)
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise FindingsError([Finding("XK121", path, args=os_error_args(exc))]) from None
    try:
        with _opened(fd, text) as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise FindingsError([Finding("XK121", path, args=os_error_args(exc))]) from None
        raise


def _opened(file: int | Path, content: str | bytes):  # -> a file object for content's type
    if isinstance(content, bytes):
        return os.fdopen(file, "wb") if isinstance(file, int) else open(file, "wb")
    if isinstance(file, int):
        return os.fdopen(file, "w", encoding="utf-8", newline="")
    return open(file, "w", encoding="utf-8", newline="")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def prepare_directory(directory: str, names: list[str], *, force: bool = False, by: str = "unit") -> list[str]:
    """``check --by unit|region -o DIR``: the path of each file (one per unit or region) in DIR.

    DIR is created if missing. Each file then follows the rule of ``-o FILE`` (never over an
    existing file without ``force``); every refusal is reported at once, before anything is written.
    """
    if not directory.strip():
        raise FindingsError([Finding("XK128", "", args={"option": "-o", "example": "-o 分单位报告/"})])
    target = Path(directory)
    what = {"unit": ("责任单位", "responsible unit"), "region": ("区域", "region")}[by]
    if target.exists() and not target.is_dir():
        raise FindingsError([Finding("XK119", directory, args={"by": by, "what_zh": what[0], "what_en": what[1]})])
    paths = [str(target / _safe_name(name)) for name in names]
    if not force:
        taken = [Finding("XK120", p) for p in paths if os.path.lexists(p)]
        if taken:
            raise FindingsError(taken)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FindingsError([Finding("XK121", directory, args=os_error_args(exc))]) from None
    return paths


def _safe_name(name: str) -> str:
    """A unit or region name as a file name (a '/' or a leading dot would change its meaning)."""
    cleaned = "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip()
    return cleaned.lstrip(".") or "_"
