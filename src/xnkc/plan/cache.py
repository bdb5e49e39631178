"""A cache of validated plans, so that ``check`` and ``validate`` do not re-parse and
re-validate an unchanged plan (SPEC §7). What is kept: both files' validated data and the
findings of the plan cross-checks.

Nothing read from the cache can execute code: an entry is plain JSON, read with ``json`` and
rebuilt into the model dataclasses by a small type-directed decoder (no pickle, no marshal, no
pydantic). Anything that does not have exactly the models' shape is a corrupt entry: ignored,
and rebuilt by the next load.

Keyed, like Python's own .pyc files but stricter, by

- the real path, size, mtime and inode of both plan files,
- a fingerprint of the xnkc code: the name, size and mtime of **every** module of the package
  (so a changed loader, model, check or catalog is a different key — no list to keep in step),
- the versions of xnkc and Python and this file's format number.

The key is the first line of an entry and is compared before the rest is even parsed. Cached
findings carry no paths: a plan file's path inside a finding is stored as a placeholder and the
path the user gave is attached at use, so the same entry serves ``data/targets.yaml`` from the
repository and ``../data/targets.yaml`` from a subdirectory.

One entry per pair of plan files (an edited plan replaces its own entry); the ``KEEP`` most
recently used entries are kept and older ones (and any pickle left by older versions) are
deleted. The cache lives in ``$XNKC_CACHE_DIR`` or ``$XDG_CACHE_HOME/xnkc``
(``~/.cache/xnkc``); ``XNKC_NO_CACHE=1`` turns it off. A cache that cannot be read or written
is silently ignored.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from xnkc import __version__

FORMAT = 1  # bump when the entry layout changes
KEEP = 8  # entries kept after a write (most recently used first)
MAX_ENTRY = 8 * 1024 * 1024  # bytes; the shipped plan's entry is ~50 KB: anything far larger is not ours
PREFIX, SUFFIX = "plan-", ".json"
_ROLES = ("targets", "projects")  # the two plan files, in key order
_MARK = "\x00{}\x00"  # a plan file's path inside a cached finding's text


class Corrupt(Exception):
    """An entry that is not exactly what this version of xnkc writes."""


def cache_dir() -> Path:
    env = os.environ.get("XNKC_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "xnkc"


def code_files() -> list[str]:
    """Every module of the xnkc package (what a cached plan can depend on), sorted."""
    return sorted(path for path, _ in _code_stamps())


def _code_stamps() -> list[tuple[str, str]]:
    """(path, size:mtime:inode) of every ``.py`` file under the package directory."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out: list[tuple[str, str]] = []
    stack = [here]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for e in entries:
                if e.name.endswith(".py"):
                    st = e.stat()
                    out.append((e.path, f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"))
                elif e.is_dir() and not e.name.startswith((".", "__")) and e.name != "data":
                    stack.append(e.path)
    return out


def _stamp(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


class Key:
    """Where an entry lives (by the plan files' real paths) and what it must match."""

    def __init__(self, text: str, slot: str) -> None:
        self.text = text
        self.slot = slot

    @property
    def line(self) -> str:
        import json

        return json.dumps(self.text) + "\n"


def key_for(*paths: str) -> Key | None:
    """The cache key for the plan files ``paths``; None when caching is off or a file is unreadable."""
    if os.environ.get("XNKC_NO_CACHE"):
        return None
    try:
        real = [os.path.realpath(p) for p in paths]
        files = [f"{r}={_stamp(r)}" for r in real]
        cut = len(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))) + 1
        code = sorted(f"{path[cut:]}={stamp}" for path, stamp in _code_stamps())
    except OSError:
        return None  # an unreadable file: let the loader report it properly
    head = f"xnkc-plan-cache {FORMAT} xnkc {__version__} {sys.implementation.cache_tag}"
    import zlib

    where = "\x00".join(real).encode()
    slot = f"{PREFIX}{zlib.crc32(where):08x}{zlib.adler32(where):08x}{SUFFIX}"
    return Key("|".join([head, *files, *code]), slot)


# -- reading -----------------------------------------------------------------------------------


def read(key: Key, *shown: str) -> tuple[Any, Any, list[Any]] | None:
    """(TargetsFile, ProjectsFile, check findings) from the entry for ``key``, the findings
    attached to the paths ``shown`` (as the user gave them); None on a miss or a bad entry."""
    path = cache_dir() / key.slot
    expected = key.line
    try:
        # a regular file of a sane size only: a FIFO planted here must not block, a huge file
        # must not be read whole
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY:
            os.close(fd)
            return None
        with open(fd, encoding="utf-8", newline="") as fh:  # byte-exact lines
            if fh.readline(len(expected) + 1) != expected:
                return None  # another plan, older code, or not ours: never parsed
            body = fh.read()
        import json

        value = decode_entry(json.loads(body), shown)
    except Exception:  # unreadable, not UTF-8, not JSON, not the models' shape: a miss
        return None
    try:
        os.utime(path)  # most recently used: kept by the pruning
    except OSError:
        pass
    return value


def decode_entry(data: Any, shown: tuple[str, ...] | list[str]) -> tuple[Any, Any, list[Any]]:
    from xnkc.read.models import ProjectsFile, TargetsFile

    if not isinstance(data, dict) or set(data) != {"targets", "projects", "findings"}:
        raise Corrupt("entry")
    targets = _decoder(TargetsFile)(data["targets"])
    projects = _decoder(ProjectsFile)(data["projects"])
    findings = data["findings"]
    if not isinstance(findings, list):
        raise Corrupt("findings")
    return targets, projects, [_decode_finding(f, shown) for f in findings]


_FINDING_KEYS = {"code", "file", "line", "column", "path", "args", "level"}


def _decode_finding(d: Any, shown: tuple[str, ...] | list[str]) -> Any:
    from xnkc.common.catalog import CATALOG
    from xnkc.common.findings import Finding

    if not isinstance(d, dict) or set(d) != _FINDING_KEYS:
        raise Corrupt("finding")
    code, role, args = d["code"], d["file"], d["args"]
    if not isinstance(code, str) or code not in CATALOG or role not in _ROLES or not isinstance(args, dict):
        raise Corrupt("finding")
    for pos in ("line", "column"):
        if d[pos] is not None and (type(d[pos]) is not int or d[pos] < 0):
            raise Corrupt("finding")
    if not isinstance(d["path"], str) or d["level"] not in ("", "error", "warning", "note"):
        raise Corrupt("finding")
    return Finding(
        code,
        shown[_ROLES.index(role)],
        d["line"],
        d["column"],
        d["path"],
        {k: _attach(v, shown) for k, v in args.items()},
        d["level"],
    )


def _attach(value: Any, shown: tuple[str, ...] | list[str]) -> Any:
    if isinstance(value, str) and "\x00" in value:
        for role, path in zip(_ROLES, shown, strict=True):
            value = value.replace(_MARK.format(role), path)
    return value


# A decoder per type, built once from the dataclasses' annotations: it accepts exactly what
# the models hold after pydantic validated them (Number → float, Integer → int, int-keyed
# dicts from JSON's string keys) and raises Corrupt on anything else. Built for speed: this
# runs at every start-up that hits the cache.
Decoder = Callable[[Any], Any]
_DECODERS: dict[Any, Decoder] = {}


def _decoder(tp: Any) -> Decoder:
    found = _DECODERS.get(tp)
    if found is None:
        found = _DECODERS[tp] = _build(tp)
    return found


def _build(tp: Any) -> Decoder:
    import dataclasses
    import types
    import typing

    from xnkc.read import models

    if isinstance(tp, str):  # an annotation as written (models uses postponed annotations)
        return _decoder(_annotation(tp, vars(models)))
    if dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    simple = _SIMPLE.get(tp)
    if simple is not None:
        return simple
    if tp is models.Integer:
        return _SIMPLE[int]
    if tp is models.Number:
        return _number
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is typing.Literal:
        allowed = frozenset(args)

        def literal(v: Any) -> Any:
            if type(v) is not str or v not in allowed:
                raise Corrupt(v)
            return v

        return literal
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"cannot decode {tp}")
        inner = _decoder(options[0])
        if type(None) not in args:
            return inner
        return lambda v: None if v is None else inner(v)
    if origin is list:
        if args[0] is str:
            return _str_list
        item = _decoder(args[0])

        def sequence(v: Any) -> list[Any]:
            if type(v) is not list:
                raise Corrupt(v)
            return [item(x) for x in v]

        return sequence
    if origin is dict:
        key = _int_key if args[0] is int else _decoder(args[0])
        val = _decoder(args[1])

        def mapping(v: Any) -> dict[Any, Any]:
            if type(v) is not dict:
                raise Corrupt(v)
            return {key(k): val(x) for k, x in v.items()}

        return mapping
    raise TypeError(f"cannot decode {tp}")


def _annotation(text: str, names: dict[str, Any]) -> Any:
    """The type an annotation string names: the common forms (``Name``, ``list[Name]``,
    ``Name | None``) looked up directly, anything else evaluated (our own source, never data)."""
    if text.isidentifier():
        return names.get(text) or _BUILTIN[text]
    if text.startswith("list[") and text[5:-1].isidentifier() and text.endswith("]"):
        return list[_annotation(text[5:-1], names)]  # type: ignore[misc]
    if text.endswith(" | None") and text[:-7].isidentifier():
        return _annotation(text[:-7], names) | None
    return eval(text, names)  # our own source, never data


_BUILTIN = {"str": str, "int": int, "float": float, "bool": bool, "Any": Any}


def _dataclass_decoder(cls: Any) -> Decoder:
    import dataclasses

    fields = [f for f in dataclasses.fields(cls) if f.init]
    # per field: the exact JSON type it must have (str, bool), or a decoder to call
    specs: dict[str, tuple[type | None, Decoder | None]] = {}
    for f in fields:
        ann = _PLAIN.get(f.type, f.type) if isinstance(f.type, str) else f.type
        specs[f.name] = (ann, None) if ann in (str, bool) else (None, _decoder(ann))
    names = frozenset(specs)
    required = frozenset(
        f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    defaults = {f.name: f.default for f in fields if f.default is not dataclasses.MISSING}
    factories = [(f.name, f.default_factory) for f in fields if f.default_factory is not dataclasses.MISSING]
    plain = not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
    new = object.__new__

    def build(v: Any) -> Any:
        if type(v) is not dict or not names.issuperset(v) or not required.issubset(v):
            raise Corrupt(cls.__name__)
        kw = dict(defaults)
        for name, factory in factories:
            if name not in v:
                kw[name] = factory()
        for name, x in v.items():
            exact, dec = specs[name]
            if dec is None:
                if type(x) is not exact:
                    raise Corrupt(name)
                kw[name] = x
            else:
                kw[name] = dec(x)
        if not plain:
            return cls(**kw)
        obj = new(cls)  # what the generated __init__ does, without its call overhead
        obj.__dict__ = kw
        return obj

    return build


def _exact(t: type) -> Decoder:
    def check(v: Any) -> Any:
        if type(v) is not t:
            raise Corrupt(v)
        return v

    return check


def _number(v: Any) -> float:
    if type(v) is float:
        return v
    if type(v) is int:
        return float(v)
    raise Corrupt(v)


def _none(v: Any) -> None:
    if v is not None:
        raise Corrupt(v)


def _str_list(v: Any) -> list[str]:
    if type(v) is not list:
        raise Corrupt(v)
    for x in v:
        if type(x) is not str:
            raise Corrupt(x)
    return v


def _int_key(v: Any) -> int:
    if type(v) is str and v.isascii() and v.lstrip("-").isdigit():
        n = int(v)
        if str(n) == v:
            return n
    raise Corrupt(v)


def _json_value(v: Any) -> Any:
    return v  # json.loads gives plain data only


_SIMPLE: dict[Any, Decoder] = {
    str: _exact(str),
    bool: _exact(bool),
    int: _exact(int),
    float: _number,
    type(None): _none,
    Any: _json_value,
}
_PLAIN = {"str": str, "bool": bool}  # annotations that need no eval


# -- writing -----------------------------------------------------------------------------------


def encode_entry(targets: Any, projects: Any, findings: list[Any], shown: tuple[str, ...] | list[str]) -> Any:
    """The JSON-ready entry; None when it would not read back as exactly these values."""
    import dataclasses

    out = []
    for f in findings:
        if f.file not in shown:
            return None  # a finding about some other file: not ours to re-attach
        out.append(
            {
                "code": f.code,
                "file": _ROLES[list(shown).index(f.file)],
                "line": f.line,
                "column": f.column,
                "path": f.path,
                "args": {k: _detach(v, shown) for k, v in f.args.items()},
                "level": f.level,
            }
        )
    return {"targets": dataclasses.asdict(targets), "projects": dataclasses.asdict(projects), "findings": out}


def _detach(value: Any, shown: tuple[str, ...] | list[str]) -> Any:
    if isinstance(value, str):
        # longest path first, so that a path containing the other is not cut in two
        for role, path in sorted(zip(_ROLES, shown, strict=True), key=lambda rp: -len(rp[1])):
            if path:
                value = value.replace(path, _MARK.format(role))
    return value


def write(key: Key, shown: tuple[str, ...] | list[str], targets: Any, projects: Any, findings: list[Any]) -> None:
    """Store the entry for ``key`` (only when it reads back equal), then prune old entries."""
    import json
    import tempfile

    try:
        entry = encode_entry(targets, projects, findings, shown)
        if entry is None:
            return
        body = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
        if decode_entry(json.loads(body), shown) != (targets, projects, findings):
            return  # something the JSON form cannot carry: do not cache rather than change it
        directory = cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".plan-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(key.line)
                fh.write(body)
            os.replace(tmp, directory / key.slot)
        except BaseException:
            os.unlink(tmp)
            raise
        prune(directory)
    except Exception:
        pass


def prune(directory: Path, keep: int = KEEP) -> None:
    """Keep the ``keep`` most recently used entries; delete the rest, any pickle an older xnkc
    left, and temporary files of writes that did not finish (older than an hour)."""
    import time

    entries: list[tuple[float, str]] = []
    now = time.time()
    with os.scandir(directory) as it:
        for e in it:
            name = e.name
            try:
                if name.startswith(PREFIX) and name.endswith(SUFFIX) and e.is_file(follow_symlinks=False):
                    entries.append((e.stat(follow_symlinks=False).st_mtime, e.path))
                elif name.startswith(PREFIX) and name.endswith(".pickle"):
                    os.unlink(e.path)  # never read: a pickle can run code when loaded
                elif name.startswith(".plan-") and now - e.stat(follow_symlinks=False).st_mtime > 3600:
                    os.unlink(e.path)
            except OSError:
                pass
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        try:
            os.unlink(path)
        except OSError:
            pass
