"""Strict YAML loading (SPEC §7): bytes → text → events → plain data with positions.

PyYAML on its own silently changes data (last duplicate key wins, ``0700`` becomes 448,
``7:05`` becomes 425, ``NO`` becomes False, aliases expand without bound). This loader reads
libyaml's event stream and builds the data itself:

* duplicate keys, aliases and tags are errors; nesting depth and file size are capped;
* plain scalars follow a small YAML 1.2-core-like resolver: only clean decimals become
  numbers, ``null``/``~``/empty become None, ``true``/``false`` become booleans; anything else
  (``0700``, ``7:05``, ``yes``, ``2025-09-30``, ``1_000``) stays text for the schema layer to
  read or reject with a precise message;
* every value keeps its (line, column) under its path, for ``FILE:LINE:COL`` findings.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from xnkc.common.findings import Finding, FindingsError

try:  # libyaml's C parser is many times faster; fall back to the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000

Path_ = tuple[Any, ...]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?\Z")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]")
_NUMERIC_START = frozenset("0123456789+-.")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_WORDS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INFS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}


@dataclass
class Document:
    """A loaded YAML file: plain data plus the position of every value and key."""

    file: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # errors that did not stop the reading (duplicate keys, tags, complex keys): the data is
    # still complete enough to validate, so callers report these together with the rest
    findings: list[Finding] = field(default_factory=list)
    # a document read from a workbook sheet (an xlsx form, SPEC §9): marks are (row, column) of
    # cells and findings are located as FILE:SHEET!D7
    sheet: str | None = None

    def mark(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """(line, column) of ``path`` (its key when ``key``), else of its nearest ancestor."""
        table = self.key_marks if key else self.marks
        p = tuple(path)
        while True:
            if p in table:
                return table[p]
            if p in self.marks:
                return self.marks[p]
            if not p:
                return (None, None)
            p = p[:-1]

    def finding(self, code: str, path: Path_, *, at_key: bool = False, **args: Any) -> Finding:
        line, col = self.mark(path, key=at_key)
        return Finding(code, self.file, line, col, dotted(path), args, sheet=self.sheet)


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def resolve_plain(text: str) -> Any:
    """What a plain (unquoted) scalar means here. Only unambiguous forms become non-text."""
    if text in _NULLS:
        return None
    if text[0] not in _NUMERIC_START:  # names and words: the common case for keys
        return _WORDS.get(text, text)
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: kept as written, for the reader to refuse
            return text
    if _FLOAT.match(text) and not _LEADING_ZERO.match(text):
        value = float(text)
        return value if math.isfinite(value) else text  # 1e400 is no "inf": kept as written
    if text in _INFS:
        return _INFS[text]
    return text


_OS_ERRORS = {FileNotFoundError: "XK100", IsADirectoryError: "XK110", PermissionError: "XK111"}


def read_text(path: str) -> str:
    """Read and decode ``path``: UTF-8 (BOM or not), UTF-16 with BOM, else GB18030/GBK."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            raw = b"" if size > MAX_BYTES else fh.read(MAX_BYTES + 1)  # +1: devices and pipes report 0
    except OSError as exc:
        from xnkc.common.stdio import os_error_args

        code = _OS_ERRORS.get(type(exc), "XK114")
        raise FindingsError([Finding(code, path, args=os_error_args(exc))], unusable_path=True) from None
    if size > MAX_BYTES or len(raw) > MAX_BYTES:
        raise FindingsError([Finding("XK104", path, args={"size": max(size, len(raw)), "limit": MAX_BYTES})])
    return decode(raw, path)


def decode(raw: bytes, path: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        if b"\x00" in raw:
            raise FindingsError([Finding("XK107", path, 1, 1)])
        candidates = ["utf-8", "gb18030"]
    first_error: UnicodeDecodeError | None = None
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            continue
        if "\x00" in text:
            raise FindingsError([Finding("XK107", path, 1, 1)])
        return text
    start = first_error.start if first_error else 0  # where UTF-8 first failed
    line_start = raw.rfind(b"\n", 0, start) + 1
    raise FindingsError([Finding("XK106", path, raw.count(b"\n", 0, start) + 1, start - line_start + 1)])


def load_file(path: str) -> Document:
    return load_text(read_text(path), path)


def load_text(text: str, file: str = "<string>") -> Document:
    """Parse ``text`` into a Document.

    Raises FindingsError when the text cannot be read as data at all (syntax, aliases, depth,
    not a mapping); errors that leave the data usable (duplicate keys — the first value is
    kept —, tags, complex keys) are returned in ``doc.findings`` for the caller to report.
    """
    doc = Document(file, None)
    builder = _Builder(doc)
    try:
        builder.run(text)
    except yaml.MarkedYAMLError as exc:
        builder.fatal_seen = True
        mark = exc.problem_mark or exc.context_mark
        context = exc.context or ""
        if exc.context_mark is not None and context.startswith(("while scanning a quoted", "while parsing a flow")):
            mark = exc.context_mark  # an unclosed quote or bracket: point at where it opens
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        problem = exc.problem or exc.context or "invalid YAML"
        builder.findings.append(Finding("XK102", file, line, col, args=_problem(problem)))
    except yaml.YAMLError as exc:  # reader errors (control characters) and the like
        builder.fatal_seen = True
        pos = getattr(exc, "position", None)
        line, col = 1, 1
        if isinstance(pos, int) and 0 <= pos <= len(text):
            line = text.count("\n", 0, pos) + 1
            col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        builder.findings.append(Finding("XK102", file, line, col, args=_problem(str(exc).splitlines()[0])))
    except _Stop:
        builder.fatal_seen = True
    if builder.fatal_seen or (not isinstance(doc.data, dict) and builder.findings):
        raise FindingsError(builder.findings)
    if doc.data is None:  # nothing but blanks and comments (or a bare ~)
        raise FindingsError([Finding("XK108", file, 1, 1)])
    doc.findings = builder.findings
    if not isinstance(doc.data, dict):
        got = {list: "列表/list", type(None): "空/nothing"}.get(type(doc.data), f"标量/scalar {doc.data!r}")
        raise FindingsError([Finding("XK109", file, 1, 1, args={"got": got})])
    return doc


# libyaml's own words for the commonest slips, said in Chinese (the English is kept for --lang en)
_PROBLEMS_ZH = (
    ("mapping values are not allowed", "此处不能出现“键: 值”(常见原因:缩进不齐,或值里有未加引号的冒号)"),
    ("could not find expected ':'", "找不到应有的冒号“:”(键后面要有冒号和空格)"),
    ("that cannot start any token", "这里的字符不能开始一个值(常见原因:用了制表符 Tab 缩进,或以 @、` 开头)"),
    ("found unexpected end of stream", "文件意外结束(引号或括号没有闭合)"),
    ("did not find expected key", "缩进不齐,找不到应有的键"),
    ("did not find expected node content", "缺少应有的内容(缩进或括号不对)"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合(缺少“,”或“]”)"),
    ("did not find expected ',' or '}'", "花括号映射没有闭合(缺少“,”或“}”)"),
    ("expected <block end>", "缩进不齐"),
    ("unacceptable character", "文件中有不允许的控制字符"),
    ("found undefined tag handle", "未定义的 YAML 标签"),
    ("more than one YAML document", "文件中有多个 YAML 文档(---)"),
)


def _problem(problem: str) -> dict[str, str]:
    """XK102's arguments: libyaml's problem, and the same in Chinese where it is a common one."""
    zh = next((text for words, text in _PROBLEMS_ZH if words in problem), problem)
    return {"problem": problem, "problem_zh": zh}


_ScalarEvent = yaml.ScalarEvent
_STR_TAG = "tag:yaml.org,2002:str"


class _Stop(Exception):
    """Abort the event walk after a fatal finding (alias, depth, size)."""


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.findings: list[Finding] = []
        self.nodes = 0
        self.fatal_seen = False

    def fatal(self, code: str, mark: Any, **args: Any) -> None:
        self.findings.append(Finding(code, self.doc.file, mark.line + 1, mark.column + 1, args=args))
        self.fatal_seen = True
        raise _Stop

    def run(self, text: str) -> None:
        loader = _Loader(text)
        try:
            events = iter(loader.get_event, None)
            documents = 0
            for ev in events:
                if isinstance(ev, yaml.StreamEndEvent):
                    break
                if isinstance(ev, yaml.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        self.fatal("XK102", ev.start_mark, **_problem("more than one YAML document (---)"))
                    self.doc.data = self.node(loader, next(events), (), 0)
                    continue
        finally:
            loader.dispose()

    def node(self, loader: Any, ev: Any, path: Path_, depth: int) -> Any:
        self.nodes += 1
        start = ev.start_mark
        self.doc.marks[path] = mark = (start.line + 1, start.column + 1)
        if type(ev) is _ScalarEvent:  # the common case first: this loop runs for every value
            tag = ev.tag
            if tag is None:
                return resolve_plain(ev.value) if ev.implicit[0] else ev.value
            if tag not in ("!", _STR_TAG):
                self.findings.append(Finding("XK112", self.doc.file, *mark, args={"tag": tag}))
            return ev.value
        if self.nodes > MAX_NODES:
            self.fatal("XK104", start, size=f"> {MAX_NODES} nodes", limit=MAX_NODES)
        if depth > MAX_DEPTH:
            self.fatal("XK105", start, limit=MAX_DEPTH)
        if isinstance(ev, yaml.AliasEvent):
            self.fatal("XK103", start, name=ev.anchor)
        tag = getattr(ev, "tag", None)
        if tag not in (None, "!"):
            self.findings.append(Finding("XK112", self.doc.file, *mark, args={"tag": tag}))
        if isinstance(ev, yaml.SequenceStartEvent):
            items: list[Any] = []
            for ev2 in iter(loader.get_event, None):
                if isinstance(ev2, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(loader, ev2, (*path, len(items)), depth + 1))
        if isinstance(ev, yaml.MappingStartEvent):
            result: dict[Any, Any] = {}
            while True:
                kev = loader.get_event()
                if isinstance(kev, yaml.MappingEndEvent):
                    return result
                if isinstance(kev, yaml.AliasEvent):
                    self.fatal("XK103", kev.start_mark, name=kev.anchor)
                kmark = (kev.start_mark.line + 1, kev.start_mark.column + 1)
                if not isinstance(kev, yaml.ScalarEvent):
                    self.findings.append(Finding("XK113", self.doc.file, *kmark))
                    self._skip(loader, kev)  # the complex key
                    self._skip(loader, loader.get_event())  # and its value
                    continue
                key = resolve_plain(kev.value) if kev.tag is None and kev.implicit[0] else kev.value
                if isinstance(key, float) or key is None or isinstance(key, bool):
                    key = kev.value  # 1.5:, ~:, yes: are names here, not numbers
                kpath = (*path, key)
                if key in result:
                    first = self.doc.key_marks[kpath]
                    self.findings.append(
                        Finding(
                            "XK101",
                            self.doc.file,
                            *kmark,
                            path=dotted(kpath),
                            args={"key": key, "first_line": first[0]},
                        )
                    )
                    self.node(loader, loader.get_event(), (*path, f"{key}#dup"), depth + 1)
                    continue
                self.doc.key_marks[kpath] = kmark
                result[key] = self.node(loader, loader.get_event(), kpath, depth + 1)
        raise yaml.YAMLError(f"unexpected event {ev!r}")  # pragma: no cover

    def _skip(self, loader: Any, ev: Any) -> None:
        if isinstance(ev, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth = 1
            while depth:
                e = loader.get_event()
                if isinstance(e, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                    depth += 1
                elif isinstance(e, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                    depth -= 1
