"""Standard input and output: ``-`` as a file, and a stdout whose failures are findings.

SPEC §6: "``-`` as a file is standard input. Output that cannot be written (closed or full
stdout) is a finding and exit 2; a broken pipe (``| head``) ends quietly with exit 0."
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

from xnkc.findings import Finding, FindingsError

STDIN = "-"
STDIN_NAME = "<stdin>"  # how findings name standard input: <stdin>:3:5
_stdin_text: str | None = None


def is_stdin(path: str | None) -> bool:
    return path == STDIN


def read_stdin() -> str:
    """Standard input, read once and decoded like a data file (UTF-8 with or without BOM,
    UTF-16 with BOM, GB18030), within the same size cap; kept for source excerpts."""
    global _stdin_text
    if _stdin_text is None:
        from xnkc.yamlload import MAX_BYTES, decode

        stream = sys.stdin.buffer if sys.stdin is not None else None
        raw = stream.read(MAX_BYTES + 1) if stream is not None else b""
        if len(raw) > MAX_BYTES:
            raise FindingsError([Finding("XK104", STDIN_NAME, args={"size": f"> {MAX_BYTES}", "limit": MAX_BYTES})])
        _stdin_text = decode(raw, STDIN_NAME)
    return _stdin_text


def stdin_lines() -> list[str] | None:
    """The lines read from standard input (for a finding's source excerpt), if any were read."""
    return None if _stdin_text is None else _stdin_text.splitlines()


class StdoutError(Exception):
    """Standard output could not be written (closed, disk full, I/O error): SPEC §6, exit 2."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error

    def finding(self) -> Finding:
        os_text = self.error.strerror or str(self.error)
        zh, en = _ERRNO_TEXT.get(self.error.errno or 0, (os_text, os_text))
        return Finding("XK124", "<stdout>", args={"error_zh": zh, "error_en": en, "errno": self.error.errno})


_ERRNO_TEXT = {
    errno.EBADF: ("标准输出已关闭", "standard output is closed"),
    errno.ENOSPC: ("磁盘已满", "no space left on the device"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EIO: ("输入输出错误", "input/output error"),
}


class ReaderGone(Exception):
    """The reader of a pipe has gone (``| head``): not an error, the run ends quietly with exit 0.

    Not an OSError, so that click's own EPIPE handling (exit 1) does not catch it."""


class GuardedStdout:
    """``sys.stdout`` that turns a failed write into :class:`StdoutError`.

    A closed stdout (``>&-``: Python then has ``sys.stdout = None``) fails on the first write,
    even of help or the version; a full disk (``> /dev/full``) fails on a write or the final
    flush. A broken pipe (``| head``) becomes :class:`ReaderGone`: the reader has had enough,
    which is not an error.
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.errors = getattr(stream, "errors", None) or "strict"

    def write(self, text: str) -> int:
        if self._stream is None:
            raise StdoutError(OSError(errno.EBADF, "standard output is closed"))
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise ReaderGone from None
        except OSError as exc:
            raise StdoutError(exc) from None

    def flush(self) -> None:
        if self._stream is None:
            return
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None
        except OSError as exc:
            raise StdoutError(exc) from None

    def isatty(self) -> bool:
        return self._stream is not None and self._stream.isatty()

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


def guard_stdout() -> GuardedStdout:
    if not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout)  # type: ignore[assignment]
    return sys.stdout  # type: ignore[return-value]


def silence_stdout() -> None:
    """After a broken pipe or a failed write: point fd 1 at /dev/null so that the interpreter's
    own flush at exit neither fails again nor prints "Exception ignored …"."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    stream = sys.stdout
    inner = stream._stream if isinstance(stream, GuardedStdout) else stream
    if inner is not None:
        try:
            inner.flush()  # the pending buffer now goes to /dev/null
        except (OSError, ValueError):
            pass
