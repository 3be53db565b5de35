"""What bikg's results depend on besides the input (its own code, package versions), and the compiled
data it keeps between processes.

Compiling the lexicon (ten Turtle files and 3,400 romanised divisions) and the NER model's word list
(jieba's 349,000 words) takes seconds that every process would pay again; :func:`compiled` keeps the
result in the user's cache directory under a key of everything it was built from, so a changed input,
rule file or source file builds it afresh, and an unreadable entry is rebuilt with a warning.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

_log = logging.getLogger("bikg")
T = TypeVar("T")
CACHE_ENV = "BIKG_CACHE"
"""bikg's cache directory (default ``$XDG_CACHE_HOME/bikg`` or ``~/.cache/bikg``): fetched corpora, compiled data."""


def package_version(package: str) -> str:
    """The installed version of ``package``, or ``-``."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def code_hash() -> str:
    """A hash of bikg's own source files, so an edited stage or rule redoes what it shaped."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def build_key(parts: Iterable[bytes], packages: Iterable[str] = ()) -> str:
    """A key of ``parts`` (file contents, arguments), bikg's code, Python's and ``packages``' versions."""
    digest = hashlib.sha256(code_hash().encode() + sys.version.encode())
    for package in packages:
        digest.update(f"\0{package}={package_version(package)}".encode())
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    """bikg's cache directory (``$BIKG_CACHE``, ``$XDG_CACHE_HOME/bikg`` or ``~/.cache/bikg``)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "bikg"


def compiled(name: str, key: str, build: Callable[[], T]) -> T:
    """``build()``, or its result kept from an earlier process with the same ``key`` (in ``cache_dir()/compiled``)."""
    path = cache_dir() / "compiled" / f"{name}-{key}.pickle"
    if path.is_file():
        try:
            return pickle.loads(path.read_bytes())
        except Exception as error:  # any damage: rebuild, never fail
            _log.warning("compiled %s in %s is unreadable (%s); building it again", name, path, error)
    value = build()
    _keep(name, path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _keep(name: str, path: Path, payload: bytes) -> None:
    """Write ``payload`` atomically in place of older builds of ``name``; a cache that cannot be written is
    no error."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(payload)
        os.replace(temporary, path)
        for older in path.parent.glob(f"{name}-*.pickle"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        _log.debug("compiled data not kept in %s: %s", path, error)
