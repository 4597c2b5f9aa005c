"""Built gazetteers kept on disk between processes.

Building the shared gazetteer from the bundled tables takes about two seconds,
each process again; read back from disk it takes a fraction of that. The file
holds plain data only (strings, numbers, tuples, lists and dicts written with
:mod:`marshal`: no objects and no code are loaded from it), under a name that
changes with the bundled data files, the code that builds the entries and the
Python version, so a stale file is never read: it is replaced.

Where: ``$BORDERMAP_CACHE`` if set (``off`` or empty: no file is read or
written), else ``$XDG_CACHE_HOME/bordermap`` or ``~/.cache/bordermap``. A folder
that cannot be written is no error: the gazetteer is then built each time.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "load", "store"]

_PLACES = Path(__file__).resolve().parent
#: The code whose changes change what a built gazetteer holds.
_SOURCES = (
    _PLACES / "gazetteer.py",
    _PLACES / "countries.py",
    _PLACES / "bundled.py",
    _PLACES / "villages.py",
    _PLACES / "sound.py",
    _PLACES.parent / "records.py",
)
_DATA = _PLACES.parents[1] / "data"


def cache_dir() -> Path | None:
    """Give the folder of the cache files, or None where the cache is off.

    Examples
    --------
    >>> import os
    >>> os.environ["BORDERMAP_CACHE"] = "off"
    >>> cache_dir() is None
    True
    >>> del os.environ["BORDERMAP_CACHE"]
    """
    value = os.environ.get("BORDERMAP_CACHE")
    if value is not None:
        return None if value.strip().lower() in ("", "0", "off", "no") else Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "bordermap"


@functools.cache
def _version() -> str:
    """Digest what a built gazetteer depends on (data, code, Python)."""
    digest = hashlib.sha256()
    digest.update(f"{sys.version}|{marshal.version}".encode())
    for path in _SOURCES:
        digest.update(path.read_bytes())
    for path in sorted(p for p in _DATA.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(
            f"{path.relative_to(_DATA)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
        )
    return digest.hexdigest()[:24]


def _path(kind: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{_version()}.marshal"


def load(kind: str) -> object | None:
    """Read the plain data stored for ``kind`` by this version, or None."""
    path = _path(kind)
    if path is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    collecting = gc.isenabled()
    gc.disable()  # a few hundred thousand tuples: no cycles to look for
    try:
        return marshal.loads(raw)
    except (EOFError, ValueError, TypeError):
        return None  # a truncated or foreign file: built anew
    finally:
        if collecting:
            gc.enable()


def store(kind: str, value: object) -> None:
    """Write ``value`` for ``kind`` (whole or not at all), dropping older files."""
    path = _path(kind)
    if path is None:
        return
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{kind}-", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            marshal.dump(value, fh)
        os.replace(tmp, path)
        tmp = None
        for old in path.parent.glob(f"{kind}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a read-only or full disk: the gazetteer is built each time
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
