"""Writing output files safely: temporary file + rename, never over an existing file unless forced."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from xnkc.findings import Finding, FindingsError


def write_atomic(path: str, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` via a temporary file in the same directory and a rename."""
    target = Path(path)
    from xnkc.plan import data_dir

    try:
        if target.resolve().parent == data_dir().resolve():
            raise FindingsError([Finding("XK122", path)])
    except OSError:
        pass
    if target.exists() and not force:
        raise FindingsError([Finding("XK120", path)])
    if target.is_dir():
        raise FindingsError([Finding("XK110", path)])
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write to it, never replace it
        try:
            with open(target, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise FindingsError([Finding("XK121", path, args={"error": exc.strerror or str(exc)})]) from None
        return
    # a replaced file keeps its mode; a new one gets the usual 0666 & ~umask (mkstemp makes 0600)
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask()
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise FindingsError([Finding("XK121", path, args={"error": exc.strerror or str(exc)})]) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
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
            raise FindingsError([Finding("XK121", path, args={"error": exc.strerror or str(exc)})]) from None
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
