"""Views of the graph: an offline interactive HTML page and filters (static images: ``image.py``).

The view is built from the run's RDF (store or files) with SPARQL, so it shows exactly what users
query: entities with both names, memberships labelled by role, event participation, and for each
entity the sentences it was found in.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from pipeline.access.query import open_data, run_query
from pipeline.errors import VizError
from pipeline.vocab import ORG, SCHEMA

TYPES = {
    str(SCHEMA.Person): "Person",
    str(ORG.Organization): "Organization",
    str(SCHEMA.Place): "Place",
    str(SCHEMA.Event): "Event",
}
TYPE_STYLE = {
    "Person": {"color": "#e8743b", "shape": "dot", "zh": "人物", "en": "person"},
    "Organization": {"color": "#4e79a7", "shape": "box", "zh": "机构", "en": "organisation"},
    "Place": {"color": "#59a14f", "shape": "triangle", "zh": "地点", "en": "place"},
    "Event": {"color": "#b07aa1", "shape": "diamond", "zh": "事件", "en": "event"},
}
RELATIONS = {
    "organizer": ("主办", "organizer"),
    "chair": ("主持", "chair"),
    "speaker": ("讲话", "speaker"),
    "leader": ("带队", "leader"),
    "attendee": ("出席", "attendee"),
    "location": ("地点", "location"),
    "about": ("主题", "about"),
    "subOrganizationOf": ("下属于", "part of"),
}
_SENTENCE = re.compile(r"[^。！？!?\n]*?(?:[。！？!?]|\.(?=\s|$)|(?=\n)|$)")


@dataclass(slots=True)
class Node:
    """An entity or event as the view shows it."""

    id: str
    type: str
    zh: str = ""
    en: str = ""
    aliases: list[str] = field(default_factory=list)
    sources: list[dict[str, str]] = field(default_factory=list)

    def name(self) -> str:
        return self.zh or self.en or self.id.rsplit("/", 1)[-1]


@dataclass(slots=True)
class Edge:
    """A fact between two nodes, labelled in both languages."""

    source: str
    target: str
    relation: str
    zh: str
    en: str
    confidence: float | None = None
    articles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


@dataclass(slots=True)
class View:
    """Nodes and edges to draw, and how many the filters left out."""

    nodes: list[Node]
    edges: list[Edge]
    total_nodes: int
    total_edges: int

    def graph(self) -> nx.MultiDiGraph:
        graph = nx.MultiDiGraph()
        for node in self.nodes:
            graph.add_node(node.id, type=node.type, label_zh=node.zh, label_en=node.en)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, relation=edge.relation, label_zh=edge.zh, label_en=edge.en)
        return graph


_NODES = """
SELECT ?e ?type ?zh ?en WHERE {
  VALUES ?type { schema:Person org:Organization schema:Place schema:Event }
  ?e a ?type .
  OPTIONAL { ?e rdfs:label ?zh FILTER(lang(?zh) = "zh") }
  OPTIONAL { ?e rdfs:label ?en FILTER(lang(?en) = "en") }
}"""
_ALIASES = "SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }"
_MEMBERSHIPS = """
SELECT ?person ?organization ?role_zh ?role_en ?confidence ?headline WHERE {
  ?m a org:Membership ; org:member ?person ; org:organization ?organization ; org:role ?role ;
     bikg:confidence ?confidence .
  OPTIONAL { ?role rdfs:label ?role_zh FILTER(lang(?role_zh) = "zh") }
  OPTIONAL { ?role rdfs:label ?role_en FILTER(lang(?role_en) = "en") }
  OPTIONAL { ?m prov:wasDerivedFrom ?article . OPTIONAL { ?article schema:headline ?headline } }
}"""
_PARTICIPATION = """
SELECT ?event ?property ?entity ?confidence ?sentence WHERE {
  VALUES ?property { schema:organizer bikg:chair bikg:speaker bikg:leader schema:attendee schema:location schema:about }
  ?event a schema:Event ; ?property ?entity .
  OPTIONAL { ?event bikg:confidence ?confidence }
  OPTIONAL { ?event bikg:sourceSentence ?sentence }
}"""
_SUBORGS = "SELECT ?child ?parent WHERE { ?child org:subOrganizationOf ?parent }"
_MENTIONS = """
SELECT ?entity ?begin ?end ?text ?headline ?article WHERE {
  ?mention bikg:denotes ?entity ; nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?context .
  ?context nif:isString ?text .
  ?article bikg:hasContext ?context .
  OPTIONAL { ?article schema:headline ?headline }
}"""


def _sentence_at(text: str, begin: int, end: int) -> str:
    for match in _SENTENCE.finditer(text):
        if match.start() <= begin < max(match.end(), match.start() + 1):
            return match.group().strip()
    return text[max(0, begin - 40) : end + 40]


def build_view(data: Path) -> View:
    """Every entity, event and fact of a run output (directory, store or RDF file)."""
    with open_data(data) as store:
        rows = {
            name: run_query(store, query).values()
            for name, query in (
                ("nodes", _NODES),
                ("aliases", _ALIASES),
                ("members", _MEMBERSHIPS),
                ("participation", _PARTICIPATION),
                ("suborgs", _SUBORGS),
                ("mentions", _MENTIONS),
            )
        }
    nodes: dict[str, Node] = {}
    priority = list(TYPE_STYLE)
    for iri, type_iri, zh, en in rows["nodes"]:
        kind = TYPES[type_iri]
        if iri in nodes and priority.index(nodes[iri].type) <= priority.index(kind):
            continue
        nodes[iri] = Node(iri, kind, zh or "", en or "")
    for iri, alias in rows["aliases"]:
        if iri in nodes and alias not in nodes[iri].aliases:
            nodes[iri].aliases.append(alias)
    sources: dict[str, list[dict[str, str]]] = defaultdict(list)
    for iri, begin, end, text, headline, article in sorted(rows["mentions"], key=lambda r: (r[0], r[5], int(r[1]))):
        sentence = _sentence_at(text, int(begin), int(end))
        known = sources[iri]
        if iri in nodes and len(known) < 5 and all(s["sentence"] != sentence for s in known):
            known.append({"sentence": sentence, "article": headline or article})
    for iri, found in sources.items():
        if iri in nodes:
            nodes[iri].sources = found
    edges: dict[tuple[str, str, str], Edge] = {}
    for person, organization, role_zh, role_en, confidence, headline in rows["members"]:
        key = (person, organization, role_en or role_zh or "")
        edge = edges.setdefault(
            key, Edge(person, organization, "membership", role_zh or "", role_en or "", float(confidence))
        )
        if headline and headline not in edge.articles:
            edge.articles.append(headline)
    for event, prop, entity, confidence, sentence in rows["participation"]:
        relation = prop.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
        zh, en = RELATIONS[relation]
        source, target = (event, entity) if relation in ("location", "about") else (entity, event)
        edge = edges.setdefault(
            (source, target, relation),
            Edge(source, target, relation, zh, en, float(confidence) if confidence else None),
        )
        if sentence and sentence not in edge.sentences and len(edge.sentences) < 4:
            edge.sentences.append(sentence)
    for child, parent in rows["suborgs"]:
        zh, en = RELATIONS["subOrganizationOf"]
        edges.setdefault((child, parent, "sub"), Edge(child, parent, "subOrganizationOf", zh, en))
    kept = [e for e in edges.values() if e.source in nodes and e.target in nodes]
    ordered = sorted(nodes.values(), key=lambda n: n.id)
    return View(ordered, sorted(kept, key=lambda e: (e.source, e.target, e.relation, e.en)), len(ordered), len(kept))


def _matches(node: Node, name: str) -> bool:
    wanted = name.casefold()
    return any(wanted == label.casefold() for label in (node.zh, node.en, *node.aliases) if label)


def filter_view(
    view: View, *, types: list[str] | None = None, min_degree: int = 0, focus: str | None = None, hops: int = 1
) -> View:
    """The view restricted to some types, to well-connected nodes, or to the neighbourhood of one entity."""
    nodes = {n.id: n for n in view.nodes}
    if types:
        unknown = sorted(set(types) - set(TYPE_STYLE))
        if unknown:
            raise VizError(f"unknown type(s) {', '.join(unknown)}; choose among {', '.join(TYPE_STYLE)}")
        nodes = {k: n for k, n in nodes.items() if n.type in types}
    if focus:
        centre = [n.id for n in view.nodes if _matches(n, focus)]
        if not centre:
            labels = sorted({label for n in view.nodes for label in (n.zh, n.en, *n.aliases) if label})
            close = difflib.get_close_matches(focus, labels, n=5, cutoff=0.4)
            hint = f"; close matches: {', '.join(close)}" if close else ""
            raise VizError(f"no entity is named {focus!r}{hint}")
        undirected = nx.Graph()
        undirected.add_nodes_from(nodes)
        undirected.add_edges_from((e.source, e.target) for e in view.edges if e.source in nodes and e.target in nodes)
        reach: set[str] = set()
        for start in centre:
            if start in undirected:
                reach |= set(nx.single_source_shortest_path_length(undirected, start, cutoff=hops))
        nodes = {k: n for k, n in nodes.items() if k in reach}
    edges = [e for e in view.edges if e.source in nodes and e.target in nodes]
    if min_degree > 0:
        degree: dict[str, int] = defaultdict(int)
        for edge in edges:
            degree[edge.source] += 1
            degree[edge.target] += 1
        nodes = {k: n for k, n in nodes.items() if degree[k] >= min_degree}
        edges = [e for e in edges if e.source in nodes and e.target in nodes]
    return View([n for n in view.nodes if n.id in nodes], edges, view.total_nodes, view.total_edges)


@cache
def vis_network_js() -> str:
    """The vis-network library shipped inside the pyvis package (inlined, never fetched)."""
    try:
        library = resources.files("pyvis").joinpath("lib", "vis-9.1.2", "vis-network.min.js")
        return library.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise VizError("pyvis (which ships vis-network) is not installed: pip install pyvis") from error


def script_safe(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


def render_html(view: View, *, lang: str = "both", title: str = "bikg graph") -> str:
    """A self-contained page: every script and style inline, no network request."""
    template = resources.files("pipeline.viz").joinpath("static/graph.html").read_text(encoding="utf-8")
    data = {
        "nodes": [asdict(n) for n in view.nodes],
        "edges": [asdict(e) for e in view.edges],
        "styles": TYPE_STYLE,
        "lang": lang,
        "total_nodes": view.total_nodes,
        "total_edges": view.total_edges,
    }
    library = vis_network_js().replace("</script", "<\\/script")
    return (
        template.replace("/*TITLE*/", html_escape(title))
        .replace("/*VIS*/", library)
        .replace("/*DATA*/null", script_safe(data))
    )


def html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def chromium_launch_options() -> dict[str, Any]:
    """How to start Debian's headless Chromium for this page (tests, benchmarks, screenshots): no sandbox
    as root, and none of the background connections a closed network refuses."""
    return {
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }
