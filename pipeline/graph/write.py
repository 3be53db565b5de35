"""Writing the output files of the contract, each atomically (temporary file, then rename)."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple, parse, serialize

from pipeline.graph.gexf import write_gexf
from pipeline.graph.rdf import prefixes

OUTPUT_FILES = (
    "graph.ttl",
    "graph.trig",
    "graph.jsonld",
    "graph.graphml",
    "graph.json",
    "graph.gexf",
    "graph.cyjs",
    "nodes.csv",
    "edges.csv",
    "graph.cypher",
    "report.json",
)
NODE_COLUMNS = ("Id", "Label", "type", "label_zh", "label_en", "date")
EDGE_COLUMNS = ("Source", "Target", "Type", "Label", "predicate", "role_zh", "role_en", "confidence", "article")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Call ``write`` on a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; a plain open() would honour the umask
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))


def write_json(path: Path, data: Any, *, indent: int | None = 2) -> None:
    """Write JSON with non-ASCII as is and sorted keys, atomically."""
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True) + "\n")


def write_trig(out: Path, quads: Iterable[Quad], *, base: str) -> Path:
    """``graph.trig``, written by Oxigraph's serialiser from the quads as they come (atomically)."""
    path = out / "graph.trig"
    atomic_write(path, lambda p: serialize(quads, str(p), RdfFormat.TRIG, prefixes=prefixes(base)))
    return path


def write_outputs(out: Path, network: nx.MultiDiGraph, report: dict[str, Any], *, base: str) -> dict[str, Path]:
    """The other files of the contract's table, after ``write_trig``: each atomically.

    ``graph.ttl`` and ``graph.jsonld`` are streamed from ``graph.trig`` (every triple lies in one graph,
    so the union needs no deduplication); the NetworkX files come from ``network``.
    """
    files = {name: out / name for name in OUTPUT_FILES}
    names = prefixes(base)

    def triples() -> Iterator[Triple]:
        return (quad.triple for quad in parse(path=str(files["graph.trig"]), format=RdfFormat.TRIG))

    atomic_write(files["graph.ttl"], lambda p: serialize(triples(), str(p), RdfFormat.TURTLE, prefixes=names))
    atomic_write(files["graph.jsonld"], lambda p: write_jsonld(triples(), p, names))
    atomic_write(files["graph.graphml"], lambda p: nx.write_graphml(network, p, encoding="utf-8"))
    atomic_write(files["graph.json"], lambda p: write_node_link(network, p))
    atomic_write(files["graph.gexf"], lambda p: write_gexf(network, p))
    atomic_write(files["graph.cyjs"], lambda p: write_cytoscape(network, p))
    atomic_write(files["nodes.csv"], lambda p: _write_csv(p, NODE_COLUMNS, _node_rows(network)))
    atomic_write(files["edges.csv"], lambda p: _write_csv(p, EDGE_COLUMNS, _edge_rows(network)))
    atomic_write(files["graph.cypher"], lambda p: write_cypher(network, p))
    write_json(files["report.json"], report)
    return files


def write_node_link(network: nx.MultiDiGraph, path: Path) -> None:
    """``graph.json``: what ``json.dumps(nx.node_link_data(network), sort_keys=True)`` gives, written node by
    node and edge by edge instead of built whole (at 10,000 articles the whole weighs over 100 MB)."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    edges = ({**data, "source": u, "target": v, "key": k} for u, v, k, data in network.edges(keys=True, data=True))
    nodes = ({**network.nodes[node], "id": node} for node in network)
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"directed": {encode(network.is_directed())}, "edges": [')
        _write_items(out, map(encode, edges))
        out.write(f'], "graph": {encode(network.graph)}, "multigraph": {encode(network.is_multigraph())}, "nodes": [')
        _write_items(out, map(encode, nodes))
        out.write("]}\n")


def write_cytoscape(network: nx.MultiDiGraph, path: Path) -> None:
    """``graph.cyjs``: what ``json.dumps(nx.cytoscape_data(network, name="label"), sort_keys=True)`` gives,
    written element by element instead of built whole (as ``write_node_link``)."""
    encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    nodes = (
        {"data": {**data, "id": data.get("id") or str(node), "value": node, "name": data.get("label") or str(node)}}
        for node, data in network.nodes.items()
    )
    edges = (
        {"data": {**data, "source": u, "target": v, "key": k}} for u, v, k, data in network.edges(keys=True, data=True)
    )
    with path.open("w", encoding="utf-8") as out:
        out.write(f'{{"data": {encode(list(network.graph.items()))}, "directed": {encode(network.is_directed())}, ')
        out.write('"elements": {"edges": [')
        _write_items(out, map(encode, edges))
        out.write('], "nodes": [')
        _write_items(out, map(encode, nodes))
        out.write(f']}}, "multigraph": {encode(network.is_multigraph())}}}\n')


def _write_items(out: TextIO, items: Iterable[str]) -> None:
    for index, item in enumerate(items):
        out.write(f", {item}" if index else item)


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(rows)


def _node_rows(network: nx.MultiDiGraph) -> Iterator[tuple[object, ...]]:
    """``nodes.csv`` rows: Gephi's Id and Label columns, then the node's attributes."""
    for node, data in network.nodes(data=True):
        yield node, data.get("label", node), *(data.get(c, "") for c in NODE_COLUMNS[2:])


def _edge_label(data: dict[str, Any]) -> str:
    roles = " / ".join(r for r in (data.get("role_zh"), data.get("role_en")) if r)
    return roles or str(data.get("predicate", "")).split(":")[-1]


def _edge_rows(network: nx.MultiDiGraph) -> Iterator[tuple[object, ...]]:
    """``edges.csv`` rows: Gephi's Source, Target, Type and Label columns, then the edge's attributes."""
    for source, target, data in network.edges(data=True):
        yield source, target, "Directed", _edge_label(data), *(data.get(c, "") for c in EDGE_COLUMNS[4:])


def cypher_string(text: object) -> str:
    """A Cypher string literal: single quotes, backslash escapes."""
    escaped = str(text).replace("\\", "\\\\").replace("'", "\\'")
    return "'" + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'"


_NEO4J_LABELS = {"person": "Person", "org": "Organization", "place": "Place", "event": "Event"}


def cypher_name(text: str) -> str:
    """A relationship type from a predicate: ``org:subOrganizationOf`` → ``SUB_ORGANIZATION_OF``."""
    local = text.split(":")[-1].replace("-", "_")
    return "".join(f"_{c}" if c.isupper() and i else c for i, c in enumerate(local)).upper()


def write_cypher(network: nx.MultiDiGraph, path: Path) -> None:
    """Cypher for Neo4j (``cypher-shell -f graph.cypher``): one ``MERGE`` per node, then one per edge.

    Nodes are ``:Entity`` with their type as a second label and ``iri`` as the key; each edge keys on
    its NetworkX key, so running the file twice changes nothing.
    """
    with path.open("w", encoding="utf-8") as out:
        out.write("CREATE CONSTRAINT entity_iri IF NOT EXISTS FOR (n:Entity) REQUIRE n.iri IS UNIQUE;\n")
        for node, data in network.nodes(data=True):
            fields = ", ".join(f"n.{k} = {cypher_string(data.get(k, ''))}" for k in NODE_COLUMNS[2:])
            kind = _NEO4J_LABELS.get(str(data.get("type")), "Thing")
            label = cypher_string(data.get("label", node))
            out.write(f"MERGE (n:Entity {{iri: {cypher_string(node)}}}) SET n:{kind}, n.label = {label}, {fields};\n")
        for source, target, key, data in network.edges(keys=True, data=True):
            fields = ", ".join(f"r.{k} = {_cypher_value(data.get(k, ''))}" for k in EDGE_COLUMNS[4:])
            relation = cypher_name(str(data.get("predicate", "related")))
            out.write(
                f"MATCH (a:Entity {{iri: {cypher_string(source)}}}), (b:Entity {{iri: {cypher_string(target)}}}) "
                f"MERGE (a)-[r:{relation} {{key: {cypher_string(key)}}}]->(b) SET {fields};\n"
            )


def _cypher_value(value: object) -> str:
    return repr(float(value)) if isinstance(value, int | float) else cypher_string(value)


def write_jsonld(triples: Iterable[Triple], path: Path, names: dict[str, str]) -> None:
    """Compact JSON-LD, streamed: a ``@context`` of the prefixes, then one node object per run of a subject."""
    compact = _Compactor(names)
    with path.open("w", encoding="utf-8") as out:
        context = json.dumps(dict(sorted(names.items())), ensure_ascii=False)
        out.write('{\n  "@context": ' + context + ',\n  "@graph": [')
        first = True
        node: dict[str, Any] = {}
        for triple in triples:
            subject = compact.iri(triple.subject)
            if node and node["@id"] != subject:
                out.write(("\n    " if first else ",\n    ") + json.dumps(node, ensure_ascii=False))
                first, node = False, {}
            node.setdefault("@id", subject)
            if triple.predicate.value == _RDF_TYPE:
                node.setdefault("@type", []).append(compact.iri(triple.object))
            else:
                node.setdefault(compact.iri(triple.predicate), []).append(compact.value(triple.object))
        if node:
            out.write(("\n    " if first else ",\n    ") + json.dumps(node, ensure_ascii=False))
        out.write("\n  ]\n}\n")


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


class _Compactor:
    """Compact IRIs (prefix:local) and JSON-LD value objects."""

    def __init__(self, names: dict[str, str]) -> None:
        self.base = names["id"]
        self.by_namespace = {namespace: prefix for prefix, namespace in names.items() if prefix != "id"}
        self.compacted: dict[str, str] = {}
        """Vocabulary IRIs already compacted; the graph's own IRIs (one per node) are cut on the fly."""

    def iri(self, node: NamedNode) -> str:
        value = node.value
        if value.startswith(self.base):
            return "id:" + value[len(self.base) :]
        if (known := self.compacted.get(value)) is None:
            known = self.compacted[value] = self._compact(value)
        return known

    def _compact(self, value: str) -> str:
        """A vocabulary IRI compacted (there are few of them, so each is compacted once)."""
        cut = max(value.rfind("#"), value.rfind("/")) + 1
        prefix = self.by_namespace.get(value[:cut])
        return f"{prefix}:{value[cut:]}" if prefix and cut < len(value) else value

    def value(self, term: NamedNode | Literal) -> dict[str, str]:
        if isinstance(term, NamedNode):
            return {"@id": self.iri(term)}
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _XSD_STRING:
            return {"@value": term.value}
        return {"@value": term.value, "@type": self.iri(term.datatype)}
