"""Every error bikg raises on purpose, each saying what happened and what to do next.

Each class has a stable code (as spaCy's ``E005``) that starts its message, so a user can search for it:
``[E060] the store out/store is in use by another process…``.
"""

from __future__ import annotations

from typing import ClassVar


class BikgError(Exception):
    """Base class of bikg's own errors."""

    code: ClassVar[str] = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"

    @property
    def message(self) -> str:
        """The message without its code (for an HTTP answer, which carries its own status)."""
        return super().__str__()


class LexiconError(BikgError):
    """An ontology or lexicon file is missing or malformed."""

    code = "E010"


class IngestError(BikgError):
    """An article cannot be read. ``source`` names the file (and line for JSONL)."""

    code = "E020"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class PipelineConfigError(BikgError):
    """The stages of a pipeline do not fit together (a stage needs what no earlier one provides)."""

    code = "E030"


class StageError(BikgError):
    """A stage failed or returned the wrong type for one article; ``details`` keeps the traceback of a bug."""

    code = "E040"

    def __init__(self, message: str, *, details: str | None = None) -> None:
        super().__init__(message)
        self.details = details


class ModelLoadError(BikgError):
    """A language model cannot be loaded from the installed packages."""

    code = "E050"


class StoreError(BikgError):
    """The Oxigraph store cannot be opened or written (missing, locked by another process, corrupt)."""

    code = "E060"


class QueryError(BikgError):
    """A SPARQL query is malformed or cannot run; the message gives the position when the parser does."""

    code = "E070"


class CacheError(BikgError):
    """A cache entry of a run's output directory is damaged, of another format, or does not fit the model."""

    code = "E080"


class QueryLimitError(QueryError):
    """A query is larger or more deeply nested than the endpoint accepts; the message names the limit."""

    code = "E071"


class QueryRefusedError(QueryError):
    """A query asks for what a read-only endpoint refuses: an update, LOAD, SERVICE to a host not
    allowed, or a dataset read from a file."""

    code = "E072"


class PushUsageError(BikgError):
    """``bikg push`` was given an endpoint URL or option it cannot use (not http(s), no host, bad port)."""

    code = "E091"


class ConfigError(BikgError):
    """``bikg.toml`` names a command or option bikg does not have; the message lists the known ones."""

    code = "E100"


class OutputLockedError(BikgError):
    """Another bikg process holds the output directory's lock; the message names it."""

    code = "E110"


class OutputDirError(BikgError):
    """The output directory cannot be used (a file in its place, no permission to write)."""

    code = "E111"


class UsageError(BikgError, TypeError):
    """The Python API was called with an argument of the wrong kind; the message says what it expects."""

    code = "E120"


class GoldError(BikgError):
    """A gold file is malformed; the message names the file and the field."""

    code = "E130"


class PushError(BikgError):
    """An upload was refused, or kept failing after every retry."""

    code = "E090"


class VizError(BikgError):
    """A view cannot be made (nothing matches a focus name, an unknown type)."""

    code = "E140"


class HttpError(BikgError):
    """An answer of the endpoint other than 200, with its status and a message for the client."""

    code = "E150"

    def __init__(self, status: int, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class CorpusError(BikgError):
    """A corpus cannot be fetched or read; the message names the file and line."""

    code = "E160"
