"""The stage registry: each stage is one named function with one job, declaring what it needs and adds.

In the manner of spaCy's ``Language.component``: :func:`stage` registers a function under a name;
:func:`check_order` checks, before any text is processed, that every stage of an order is known, that
per-article stages come before corpus stages, and that each stage's needs are met by an earlier one.
Stages of other packages register through the ``bikg.stages`` entry-point group (see :func:`load_plugins`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from typing import Any, Literal

from pipeline.errors import PipelineConfigError

Scope = Literal["source", "article", "corpus"]
"""``source`` makes articles from the inputs; ``article`` changes one Extraction; ``corpus`` works on the run."""

SCOPES: tuple[Scope, ...] = ("source", "article", "corpus")
ENTRY_POINT_GROUP = "bikg.stages"


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step with its scope and the names of what it requires and provides."""

    name: str
    function: Callable[..., Any]
    scope: Scope
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    prepare: Callable[..., Any] | None = None
    """For an ``article`` stage: ``prepare(extractions, context)``, called once for a chunk of articles before
    the stage runs on each of them, to batch model calls across articles (spaCy's ``nlp.pipe``)."""


STAGES: dict[str, Stage] = {}


def stage(
    name: str,
    *,
    scope: Scope = "article",
    requires: tuple[str, ...] = (),
    provides: tuple[str, ...] = (),
    prepare: Callable[..., Any] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a function as the stage ``name``.

    An ``article`` stage is called as ``function(extraction, context)`` and changes the extraction in
    place; a ``corpus`` stage as ``function(run)`` with the :class:`pipeline.stages.corpus.CorpusRun`.
    """
    if scope not in SCOPES:
        raise PipelineConfigError(f"stage {name!r}: unknown scope {scope!r}; choose one of {', '.join(SCOPES)}")

    def register(function: Callable[..., Any]) -> Callable[..., Any]:
        STAGES[name] = Stage(name, function, scope, requires, provides, prepare)
        return function

    return register


@cache
def load_plugins() -> tuple[str, ...]:
    """Import the modules of the ``bikg.stages`` entry points (importing one registers its stages)."""
    loaded = []
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            entry.load()
        except Exception as error:
            raise PipelineConfigError(
                f"the stage plugin {entry.name!r} ({entry.value}) failed to load: {type(error).__name__}: {error}"
            ) from error
        loaded.append(entry.name)
    return tuple(loaded)


@dataclass(frozen=True, slots=True)
class Plan:
    """A checked order, split by scope."""

    source: Stage
    article: tuple[Stage, ...]
    corpus: tuple[Stage, ...]


def check_order(order: Sequence[str]) -> Plan:
    """The stages of ``order``, checked: known names, scopes in order (source, article, corpus), needs met."""
    load_plugins()
    provided: set[str] = set()
    stages: list[Stage] = []
    for position, name in enumerate(order):
        if name not in STAGES:
            raise PipelineConfigError(f"unknown stage {name!r}; known stages: {', '.join(sorted(STAGES))}")
        current = STAGES[name]
        if stages and SCOPES.index(current.scope) < SCOPES.index(stages[-1].scope):
            raise PipelineConfigError(
                f"stage {name!r} ({current.scope}) cannot come after {stages[-1].name!r} ({stages[-1].scope}): "
                "the source comes first, then the per-article stages, then the corpus stages"
            )
        if position == 0 and current.scope != "source":
            raise PipelineConfigError(f"the first stage must read the inputs (scope 'source'), not {name!r}")
        missing = [r for r in current.requires if r not in provided]
        if missing:
            raise PipelineConfigError(
                f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides; reorder the stages"
            )
        provided.update(current.provides)
        stages.append(current)
    if not stages:
        raise PipelineConfigError("the stage order is empty")
    sources = [s.name for s in stages if s.scope == "source"]
    if len(sources) > 1:
        raise PipelineConfigError(f"one stage reads the inputs, not {len(sources)}: {', '.join(sources)}")
    return Plan(
        stages[0],
        tuple(s for s in stages if s.scope == "article"),
        tuple(s for s in stages if s.scope == "corpus"),
    )
