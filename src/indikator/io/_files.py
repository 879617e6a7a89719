"""Reading a data file safely: a regular file, bounded in size, inside its dataset folder.

A manifest names files by path; a path may point anywhere (``../../etc/passwd``, an
absolute path, a symbolic link out of the folder), at something that is not a file (a
FIFO that blocks the reader forever, ``/dev/zero`` that never ends) or at a file far too
large to be data. Each is refused with a message before a byte is read, so a message
never repeats another file's content.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from indikator.errors import InputError

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_MANIFEST_BYTES",
    "check_path_text",
    "inside_folder",
    "read_dataset_file",
    "read_file",
    "same_file",
    "write_atomic",
]

MAX_DATA_BYTES = 64 * 1024 * 1024
"""The largest outcome or judgment file read (64 MiB; a county's report is a few kB)."""
MAX_MANIFEST_BYTES = 1024 * 1024
"""The largest manifest read (1 MiB), checked before it is parsed as TOML."""


def check_path_text(path: str) -> str | None:
    """What is wrong with a path as written (a NUL or control byte), or ``None``."""
    if "\x00" in path:
        return "a path cannot hold a NUL byte"
    return None


def inside_folder(folder: Path, path: Path) -> bool:
    """Whether ``path`` (symbolic links resolved) lies inside ``folder`` (resolved)."""
    try:
        root = folder.resolve()
        target = path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a bad name
        return False
    return target == root or root in target.parents


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_file(path: Path | str, source: str, *, limit: int | None = None,
              what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (:data:`MAX_DATA_BYTES`).

    The file is opened without blocking (so a FIFO never hangs the reader), checked to
    be a regular file, and read to at most ``limit + 1`` bytes (so a file that reports a
    wrong size, such as those under ``/proc``, is bounded too).

    Raises:
        InputError: The path holds a NUL byte, the file cannot be opened, is not a
            regular file, or is larger than ``limit``.
    """
    limit = MAX_DATA_BYTES if limit is None else limit
    problem = check_path_text(str(path))
    if problem is not None:
        raise InputError(problem, source=source.replace("\x00", "\\x00"))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(f"cannot read the {what}: {exc.strerror or exc}", source=source) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"cannot read the {what}: it is {_kind(info.st_mode)}, not a "
                             "regular file", source=source)
        if info.st_size > limit:
            raise InputError(_too_large(what, info.st_size, limit), source=source)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            except OSError as exc:
                raise InputError(f"cannot read the {what}: {exc.strerror or exc}",
                                 source=source) from None
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise InputError(_too_large(what, None, limit), source=source)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_dataset_file(folder: Path | str, path: Path | str, *, what: str = "file",
                      limit: int | None = None) -> bytes:
    """The bytes of a file of a dataset folder, for a plugin's dataset reader.

    As :func:`read_file` (a regular file, opened without blocking, at most ``limit``
    bytes: :data:`MAX_DATA_BYTES` by default), and refused unless ``path`` (symbolic links
    resolved) lies inside ``folder``, whatever a configuration file in the folder says.

    Raises:
        InputError: The file lies outside ``folder``, or :func:`read_file` refuses it;
            the message names the path.
    """
    source = str(path)
    if not inside_folder(Path(folder), Path(path)):
        raise InputError(f"the {what} lies outside the dataset folder {str(folder)!r}",
                         source=source.replace("\x00", "\\x00"))
    return read_file(path, source, limit=limit, what=what)


def _too_large(what: str, size: int | None, limit: int) -> str:
    have = f" ({_n(size)} bytes)" if size is not None else ""
    return f"the {what} is too large{have}: at most {_n(limit)} bytes are read"


def _n(number: int) -> str:
    return f"{number:_}".replace("_", " ")


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether two paths name one file (links and ``..`` resolved; hard links too)."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        try:
            return Path(a).resolve() == Path(b).resolve()
        except (OSError, RuntimeError, ValueError):
            return False


def write_atomic(path: Path | str, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all.

    The bytes go to a temporary file in the same folder, which then replaces ``path`` in
    one rename: a write that fails half-way (a full disk, an interrupt) leaves the old
    file as it was and no truncated report. A replaced file keeps its permissions.

    Raises:
        OSError: The folder cannot be written, or the write failed.
    """
    import tempfile

    target = Path(path)
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        mode = None
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                    suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
