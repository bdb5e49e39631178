"""Standard input and output: ``-`` as a file, and a stdout whose failures are findings.

SPEC §6: "``-`` as a file is standard input. Output that cannot be written (closed or full
stdout) is a finding and exit 2; a broken pipe (``| head``) ends quietly with exit 0."
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

from xnkc.common.findings import Finding

STDIN = "-"
STDIN_NAME = "<stdin>"  # how findings name standard input: <stdin>:3:5
STEP_SUMMARY = "GITHUB_STEP_SUMMARY"  # GitHub Actions: a Markdown file shown on the run's page


def step_summary_wanted() -> bool:
    """Does the CI ask for a summary (``$GITHUB_STEP_SUMMARY`` names a file)?"""
    return bool(os.environ.get(STEP_SUMMARY, "").strip())


def is_stdin(path: str | None) -> bool:
    return path == STDIN


class StdoutError(Exception):
    """Standard output could not be written (closed, disk full, I/O error): SPEC §6, exit 2."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error

    def finding(self) -> Finding:
        if self.error.errno == errno.EBADF:  # `>&-`: said of standard output, not of "a descriptor"
            zh, en = "标准输出已关闭", "standard output is closed"
        else:
            zh, en = os_error_text(self.error)
        return Finding("XK124", "<stdout>", args={"error_zh": zh, "error_en": en, "errno": self.error.errno})


# What the operating system's error means, in both languages: a Chinese message never carries
# the English OS text ("No space left on device") for the usual causes; any other keeps it.
_ERRNO_TEXT: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("磁盘已满", "no space left on the device"),
    errno.ENOENT: ("文件或目录不存在", "no such file or directory"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("操作不被允许", "operation not permitted"),
    errno.EROFS: ("文件系统是只读的", "read-only file system"),
    errno.EISDIR: ("这是一个目录", "is a directory"),
    errno.ENOTDIR: ("路径中有一段不是目录", "a part of the path is not a directory"),
    errno.EEXIST: ("文件已存在", "the file exists"),
    errno.EDQUOT: ("超出磁盘配额", "disk quota exceeded"),
    errno.EIO: ("输入输出错误", "input/output error"),
    errno.EBADF: ("文件描述符无效(已关闭)", "bad file descriptor (closed)"),
    errno.ENAMETOOLONG: ("文件名过长", "file name too long"),
    errno.ELOOP: ("符号链接层数过多(可能是循环链接)", "too many levels of symbolic links (a loop?)"),
}


def os_error_text(error: OSError) -> tuple[str, str]:
    """``(zh, en)`` for an OS error: our own words for the common errno values, else the OS text."""
    os_text = error.strerror or str(error)
    return _ERRNO_TEXT.get(error.errno or 0, (os_text, os_text))


def os_error_args(error: OSError) -> dict[str, Any]:
    """A finding's args for an OS error (XK114, XK121): ``error_zh``/``error_en`` for the message,
    ``error`` the OS text as it was, ``errno`` its number."""
    zh, en = os_error_text(error)
    return {"error": error.strerror or str(error), "error_zh": zh, "error_en": en, "errno": error.errno}


class ReaderGone(Exception):
    """The reader of a pipe has gone (``| head``): not an error, the run ends quietly with exit 0.

    Not an OSError, so that click's own EPIPE handling (exit 1) does not catch it."""


class _Wrapper:
    """A standard stream wrapped by xnkc: the stream's own file number and attributes, or an
    error saying it is closed (``_stream`` is None)."""

    _stream: Any
    _closed = "the stream is closed"

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, self._closed)
        return self._stream.fileno()

    def __getattr__(self, name: str) -> Any:
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


class GuardedStdout(_Wrapper):
    """``sys.stdout`` that turns a failed write into :class:`StdoutError`.

    A closed stdout (``>&-``: Python then has ``sys.stdout = None``) fails on the first write,
    even of help or the version; a full disk (``> /dev/full``) fails on a write or the final
    flush. A broken pipe (``| head``) becomes :class:`ReaderGone`: the reader has had enough,
    which is not an error.
    """

    _closed = "standard output is closed"

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


def guard_stdout() -> GuardedStdout:
    if not isinstance(sys.stdout, GuardedStdout):
        sys.stdout = GuardedStdout(sys.stdout)  # type: ignore[assignment]
    return sys.stdout  # type: ignore[return-value]


def silence_stdout() -> None:
    """After a broken pipe or a failed write: point fd 1 at /dev/null so that the interpreter's
    own flush at exit neither fails again nor prints "Exception ignored …"."""
    _point_at_devnull(1)
    stream = sys.stdout
    inner = stream._stream if isinstance(stream, GuardedStdout) else stream
    if inner is not None:
        try:
            inner.flush()  # the pending buffer now goes to /dev/null
        except (OSError, ValueError):
            pass


class QuietStderr(_Wrapper):
    """``sys.stderr`` whose failures never change the run's outcome.

    Findings go to stderr, but the exit code is the run's verdict: with stderr closed (``2>&-``:
    Python then has ``sys.stderr = None``), full (``2>/dev/full``) or a pipe whose reader has
    gone, the messages are lost and the exit code stays the one the run decided (2 for a missing
    file, 2 for unwritable output), never 1 from a traceback that could not be printed either.
    After the first failure fd 2 points at /dev/null, so the interpreter's own flush at exit
    does not fail again (that would make the exit code 120).
    """

    _closed = "standard error is closed"

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._dead = stream is None
        self.encoding = getattr(stream, "encoding", None) or "utf-8"
        self.errors = getattr(stream, "errors", None) or "strict"

    def write(self, text: str) -> int:
        if not self._dead:
            try:
                return self._stream.write(text)
            except (OSError, ValueError):  # ValueError: the stream was closed
                self._give_up()
        return len(text)

    def flush(self) -> None:
        if not self._dead:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._give_up()

    def _give_up(self) -> None:
        self._dead = True
        _point_at_devnull(2)
        try:
            self._stream.flush()  # what is still buffered now goes to /dev/null
        except (OSError, ValueError):
            pass

    def isatty(self) -> bool:
        return not self._dead and self._stream.isatty()


def guard_stderr() -> QuietStderr:
    if not isinstance(sys.stderr, QuietStderr):
        sys.stderr = QuietStderr(sys.stderr)  # type: ignore[assignment]
    return sys.stderr  # type: ignore[return-value]


def reserve_standard_descriptors() -> None:
    """Point a closed fd 0, 1 or 2 at /dev/null (``>&-``, ``2>&-``).

    Python has already set ``sys.stdout``/``sys.stderr`` to None for a closed one, so a closed
    stdout is still reported; but without this the next file opened (an actuals file, the
    temporary file of ``-o``) would get that number, and anything written to fd 2 would land in it.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _point_at_devnull(fd)


def _point_at_devnull(fd: int) -> None:
    try:
        devnull = os.open(os.devnull, os.O_RDONLY if fd == 0 else os.O_WRONLY)
    except OSError:
        return
    try:
        if devnull != fd:
            os.dup2(devnull, fd)
            os.close(devnull)
    except OSError:
        pass
