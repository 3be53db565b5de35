"""The corpus stages: once per run, over every cached extraction of the output directory.

Each is called as ``function(run)`` with the :class:`CorpusRun` and adds to it. Extractions are
streamed from the cache (article by article, sorted by id); only a run of at most ``KEPT_EXTRACTIONS``
articles keeps them decoded between the stages that read them all (resolve, then rdf).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from pipeline.access.store import STORE_DIR, load_trig
from pipeline.batch.manifest import Manifest
from pipeline.graph.nx import to_networkx
from pipeline.graph.rdf import to_quads
from pipeline.graph.write import write_outputs, write_trig
from pipeline.lexicon.resources import Lexicon
from pipeline.linking.resolve import CorpusGraph, merges, resolve
from pipeline.model import Extraction
from pipeline.stages.registry import stage

KEPT_EXTRACTIONS = 500
"""Up to this many articles, the corpus stages decode the cache once, not once per stage (decoded, an article
weighs about 60 KB: 30 MB for 500 generated articles)."""


@dataclass(slots=True)
class CorpusRun:
    """What the corpus stages share: the run's settings and what each stage adds."""

    out: Path
    base: str
    lexicon: Lexicon
    manifest: Manifest
    report: dict[str, Any]
    use_store: bool = True
    corpus: CorpusGraph | None = None
    trig: Path | None = None
    network: nx.MultiDiGraph | None = None
    loading: Future[int] | None = None
    _loader: ThreadPoolExecutor | None = field(default=None, repr=False)
    _kept: dict[str, Extraction] = field(default_factory=dict, repr=False)

    def extractions(self) -> Iterator[Extraction]:
        """Every cached extraction, sorted by article id, read one at a time (kept for the next stage when the
        run is small)."""
        keep = len(self.manifest.entries) <= KEPT_EXTRACTIONS
        for article_id in sorted(self.manifest.entries):
            extraction = self._kept.get(article_id) or self.manifest.get(article_id)
            if keep:
                self._kept[article_id] = extraction
            yield extraction

    def release(self, needed: set[str]) -> None:
        """Let go of the large results no later stage requires (the resolved corpus once the NetworkX graph is
        built), so that writing the files does not hold them too."""
        if "corpus" not in needed:
            self.corpus = None
            self._kept.clear()
        if "network" not in needed:
            self.network = None

    def wait(self) -> None:
        """Wait for work left running in the background (the store load), re-raising its error."""
        if self.loading is not None:
            self.loading.result()
        if self._loader is not None:
            self._loader.shutdown()


@stage("resolve", scope="corpus", requires=("entities", "memberships", "events"), provides=("corpus",))
def resolve_stage(run: CorpusRun) -> None:
    """Join the same entity across articles and mint the IRIs."""
    run.corpus = resolve(run.extractions(), base=run.base, lexicon=run.lexicon)
    run.report["summary"]["entities"] = len(run.corpus.entities)
    run.report["merges"] = merges(run.corpus)


@stage("rdf", scope="corpus", requires=("corpus",), provides=("trig",))
def rdf_stage(run: CorpusRun) -> None:
    """The RDF quads, streamed through Oxigraph's serialiser into ``graph.trig``."""
    assert run.corpus is not None
    run.trig = write_trig(run.out, to_quads(run.corpus, run.extractions()), base=run.base)


@stage("store", scope="corpus", requires=("trig",), provides=("store",))
def store_stage(run: CorpusRun) -> None:
    """Bulk-load ``graph.trig`` into the embedded store, in a thread while the other files are written."""
    if run.use_store and run.trig is not None:
        run._loader = ThreadPoolExecutor(max_workers=1)
        run.loading = run._loader.submit(load_trig, run.out / STORE_DIR, run.trig)


@stage("networkx", scope="corpus", requires=("corpus",), provides=("network",))
def networkx_stage(run: CorpusRun) -> None:
    """The NetworkX multigraph of entities, events and facts."""
    assert run.corpus is not None
    run.network = to_networkx(run.corpus)


@stage("write", scope="corpus", requires=("trig", "network"), provides=("files",))
def write_stage(run: CorpusRun) -> None:
    """Turtle, JSON-LD, GraphML, node-link JSON, GEXF, Cytoscape and ``report.json``, each atomically."""
    assert run.network is not None
    write_outputs(run.out, run.network, run.report, base=run.base)
