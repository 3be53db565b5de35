"""The embedded Oxigraph store of a run (``DIR/store``): one named graph per article.

Loading replaces each graph in one SPARQL update (DROP + INSERT in a single transaction), so a
rerun of an article swaps its graph atomically and a reader never sees half of it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from pipeline.errors import StoreError

STORE_DIR = "store"


def _open(path: Path, *, read_only: bool):  # type: ignore[no-untyped-def]
    import pyoxigraph

    try:
        return pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))
    except OSError as error:
        message = str(error)
        if "lock" in message.lower():
            raise StoreError(
                f"the store {path} is in use by another process (a running `bikg run` or `bikg serve`?); "
                "stop it and try again"
            ) from error
        raise StoreError(f"cannot open the store {path}: {message}") from error


@contextmanager
def open_store(path: Path, *, read_only: bool = False) -> Iterator[object]:
    """An Oxigraph store on disk, flushed and closed on exit."""
    if read_only and not path.is_dir():
        raise StoreError(f"no store at {path}; run `bikg run … --out {path.parent}` first")
    store = _open(path, read_only=read_only)
    try:
        yield store
        if not read_only:
            store.flush()
    finally:
        del store


def replace_graph(store: object, name: URIRef, graph: Graph) -> None:
    """Replace the named graph ``name`` by the triples of ``graph`` in one transaction."""
    triples = graph.serialize(format="nt")
    store.update(f"DROP SILENT GRAPH <{name}> ; INSERT DATA {{ GRAPH <{name}> {{\n{triples}\n}} }}")  # type: ignore[attr-defined]


def load_dataset(path: Path, dataset: Dataset, *, prune: bool = False) -> int:
    """Write every named graph of ``dataset`` into the store at ``path``; return the number of graphs.

    With ``prune``, graphs in the store that the dataset lacks are dropped.
    """
    with open_store(path) as store:
        names = []
        for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
            if not isinstance(graph.identifier, URIRef) or len(graph) == 0:
                continue
            replace_graph(store, graph.identifier, graph)
            names.append(str(graph.identifier))
        if prune:
            for existing in list(store.named_graphs()):  # type: ignore[attr-defined]
                if existing.value not in names:
                    store.remove_graph(existing)  # type: ignore[attr-defined]
        return len(names)
