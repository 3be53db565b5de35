"""The stages of bikg and the one place their order is written.

``DEFAULT_ORDER`` is the whole pipeline: the source stage, then the per-article stages (run on each
article, in this process, worker processes or Dask), then the corpus stages (once per run). A run can
take another order (``bikg run --stages`` or ``stages = [...]`` in the ``[run]`` table of ``bikg.toml``),
checked before any article is read.
"""

from __future__ import annotations

from pipeline.stages import article, corpus  # noqa: F401  (importing them registers their stages)
from pipeline.stages.registry import STAGES, Plan, Stage, check_order, stage

DEFAULT_ORDER: tuple[str, ...] = (
    "ingest",
    "normalise",
    "nlp_zh",
    "nlp_en",
    "entities",
    "roles",
    "title_places",
    "events",
    "align",
    "resolve",
    "rdf",
    "store",
    "networkx",
    "write",
)

__all__ = ["DEFAULT_ORDER", "STAGES", "Plan", "Stage", "check_order", "stage"]
