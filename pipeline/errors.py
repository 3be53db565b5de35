"""Every error bikg raises on purpose, each saying what happened and what to do next."""

from __future__ import annotations


class BikgError(Exception):
    """Base class of bikg's own errors."""


class LexiconError(BikgError):
    """An ontology or lexicon file is missing or malformed."""


class IngestError(BikgError):
    """An article cannot be read. ``source`` names the file (and line for JSONL)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class PipelineConfigError(BikgError):
    """The stages of a pipeline do not fit together (a stage needs what no earlier one provides)."""


class StageError(BikgError):
    """A stage failed or returned the wrong type for one article; ``details`` keeps the traceback of a bug."""

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.details = details


class ModelLoadError(BikgError):
    """A language model cannot be loaded from the installed packages."""


class StoreError(BikgError):
    """The Oxigraph store cannot be opened or written (missing, locked by another process, corrupt)."""


class QueryError(BikgError):
    """A SPARQL query is malformed or cannot run; the message gives the position when the parser does."""


class CacheError(BikgError):
    """A cache entry of a run's output directory is damaged, of another format, or does not fit the model."""


class QueryLimitError(QueryError):
    """A query is larger or more deeply nested than the endpoint accepts; the message names the limit."""


class QueryRefusedError(QueryError):
    """A query asks for what a read-only endpoint refuses: an update, LOAD, SERVICE to a host not
    allowed, or a dataset read from a file."""


class PushUsageError(BikgError):
    """``bikg push`` was given an endpoint URL or option it cannot use (not http(s), no host, bad port)."""


class ConfigError(BikgError):
    """``bikg.toml`` names a command or option bikg does not have; the message lists the known ones."""


class OutputLockedError(BikgError):
    """Another bikg process holds the output directory's lock; the message names it."""


class OutputDirError(BikgError):
    """The output directory cannot be used (a file in its place, no permission to write)."""


class UsageError(BikgError, TypeError):
    """The Python API was called with an argument of the wrong kind; the message says what it expects."""
