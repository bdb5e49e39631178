"""A cache of validated plans, so that ``check`` and ``validate`` do not re-parse and
re-validate an unchanged plan (the value kept: both files' validated data and the findings
of the plan cross-checks).

Keyed, like Python's own .pyc files, by the path, size and modification time of both data
files and of xnkc's model code, plus the versions of xnkc and Python: any edit to the data or
to the schema is a different key. The cache lives in
``$XNKC_CACHE_DIR`` or ``$XDG_CACHE_HOME/xnkc`` (``~/.cache/xnkc``); ``XNKC_NO_CACHE=1``
turns it off. A cache that cannot be read or written is silently ignored.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import Any

from xnkc import __version__


def cache_dir() -> Path:
    env = os.environ.get("XNKC_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xnkc"


SOURCES = ("models.py", "plan.py", "checks.py", "catalog.py")  # code the cached value depends on


def key_for(*paths: str) -> str | None:
    if os.environ.get("XNKC_NO_CACHE"):
        return None
    # the paths as given (findings show them), then what the cached plan and findings depend on
    parts = [__version__, f"{sys.version_info[0]}.{sys.version_info[1]}", *paths]
    here = Path(__file__).parent
    try:
        for p in (*(str(here / m) for m in SOURCES), *paths):
            st = os.stat(p)
            parts.append(f"{os.path.realpath(p)}:{st.st_size}:{st.st_mtime_ns}")
    except OSError:
        return None  # an unreadable file: let the loader report it properly
    return "|".join(parts)


def _file(key: str) -> Path:
    import zlib

    raw = key.encode()
    return cache_dir() / f"plan-{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.pickle"


def read(key: str) -> Any | None:
    try:
        with open(_file(key), "rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception:
        return None
    return value if stored_key == key else None


def write(key: str, value: Any) -> None:
    import tempfile

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".plan-", dir=directory)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _file(key))
    except Exception:
        pass
