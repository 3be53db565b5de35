"""Writing the output files of the contract, each atomically (temporary file, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset

from pipeline.graph import to_graph
from pipeline.vocab import NAMESPACES

OUTPUT_FILES = (
    "graph.ttl",
    "graph.trig",
    "graph.jsonld",
    "graph.graphml",
    "graph.json",
    "graph.gexf",
    "graph.cyjs",
    "report.json",
)


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_json(path: Path, data: Any) -> None:
    """Write JSON with non-ASCII as is, atomically."""
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n")


def write_outputs(out: Path, dataset: Dataset, network: nx.MultiDiGraph, report: dict[str, Any]) -> dict[str, Path]:
    """Every file of the contract's table into ``out``."""
    graph = to_graph(dataset)
    context = {prefix: str(ns) for prefix, ns in NAMESPACES.items()}
    files = {name: out / name for name in OUTPUT_FILES}
    atomic_write_text(files["graph.ttl"], graph.serialize(format="turtle"))
    atomic_write_text(files["graph.trig"], dataset.serialize(format="trig"))
    atomic_write_text(files["graph.jsonld"], graph.serialize(format="json-ld", context=context, auto_compact=True))
    atomic_write(files["graph.graphml"], lambda p: nx.write_graphml(network, p, encoding="utf-8"))
    write_json(files["graph.json"], nx.node_link_data(network, edges="links"))
    atomic_write(files["graph.gexf"], lambda p: nx.write_gexf(network, p, encoding="utf-8"))
    write_json(files["graph.cyjs"], nx.cytoscape_data(network))
    write_json(files["report.json"], report)
    return files
