"""Writing a file safely: the one atomic writer of the project.

The text goes to a temporary file beside the target (same folder, same file system), which
replaces the target only once it is complete: a reader, or a build killed half-way, sees the
old file or the new one, never a part. The graph files, the other formats, the build
folder's state and its caches are all written through :func:`atomic_write`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

__all__ = ["atomic_write"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[TextIO], object], *, durable: bool = True) -> Path:
    """Write a UTF-8 text file through ``write(fh)``, atomically; returns ``path``.

    With ``durable`` the file's bytes are flushed to the disk before the rename (the outputs
    a user keeps); without, the rename alone (the cache's many small files, whose folder the
    cache syncs once). If ``write`` raises, the temporary file is removed and ``path`` is
    left as it was. The file gets the permissions of any file this process creates.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.txt"
    >>> atomic_write(p, lambda fh: fh.write("é\\n")).read_text(encoding="utf-8")
    'é\\n'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            write(fh)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # a full disk says no file: say which
        raise
    return path
