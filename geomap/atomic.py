"""Atomic file output, shared by every stage: write beside the target under a
temporary name, then rename, so a reader never sees a half-written file and
a failure leaves the previous file (or none) in place.

Temporary names carry the writer's process id (``.map.html.<pid>.<random>.part``):
a process killed outright (SIGKILL, power loss) cannot clean up, so the next
writer of the same target removes those whose process is gone. Errors name
the user's path, never the temporary file.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _safe(name: str) -> str:
    """A file name GDAL/pyogrio and URI parsers read as plain (they split on ';', '?', '#')."""
    return re.sub(r"[;?#%\s]", "_", name)


def temp_path(path: str | os.PathLike, *, suffix: str = ".part") -> Path:
    """Create (empty) and return a fresh temporary file beside ``path``."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{_safe(path.name)}.{os.getpid()}.", suffix=suffix, dir=_folder(path))
    except OSError as exc:
        raise _output_error(path, exc) from exc
    os.close(fd)
    return Path(tmp)


def _output_error(path: Path, exc: OSError) -> OutputError:
    folder = _folder(path)
    if isinstance(exc, FileNotFoundError) and not folder.is_dir():
        return OutputError(f"cannot write {path}: folder {folder} does not exist")
    if isinstance(exc, IsADirectoryError) or path.is_dir():
        return OutputError(f"cannot write {path}: it is a directory")
    return OutputError(f"cannot write {path}: {exc.strerror or exc}")


def check_output(path: str | os.PathLike, *, make_folder: bool = False) -> Path:
    """Fail now, before any work, if ``path`` could not be written later:
    a directory, a missing folder (created when ``make_folder``), a folder
    this process cannot write. Leaves nothing behind."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"cannot write {path}: it is a directory")
    if make_folder:
        try:
            _folder(path).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder of {path}: {exc.strerror or exc}") from exc
    temp_path(path, suffix=".probe").unlink()
    return path


def remove_stale(path: str | os.PathLike, *, suffix: str = ".part") -> list[Path]:
    """Remove temporary files of ``path`` left by writers that no longer run
    (killed before they could clean up); returns what was removed."""
    path = Path(path)
    pattern = re.compile(rf"^\.{re.escape(_safe(path.name))}\.(\d+)(?:\.\w+)?{re.escape(suffix)}$")
    removed = []
    try:
        entries = list(os.scandir(_folder(path)))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process: not ours to judge
    return True


@contextmanager
def atomic_path(path: str | os.PathLike, *, suffix: str = ".part") -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``
    (with ordinary permissions, not mkstemp's private 0600), on error or
    interruption it is removed. An ``OSError`` about the temporary file is
    reported as an :class:`~geomap.errors.OutputError` naming ``path``."""
    path = Path(path)
    remove_stale(path, suffix=suffix)
    tmp = temp_path(path, suffix=suffix)
    try:
        yield tmp
        commit(tmp, path)
    except OSError as exc:
        if isinstance(exc, OutputError) or str(tmp) not in (str(exc.filename), str(exc.filename2)):
            raise
        raise _output_error(path, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)


def commit(tmp: str | os.PathLike, path: str | os.PathLike) -> None:
    """Rename a finished temporary file over ``path`` with ordinary permissions."""
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        raise _output_error(Path(path), exc) from exc


def write_text_atomic(path: str | os.PathLike, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder of {path}: {exc.strerror or exc}") from exc
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path
