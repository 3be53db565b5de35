"""The resolved corpus as a NetworkX multigraph: entities and events as nodes, facts as edges.

Every text attribute is cleaned of control characters, bidi overrides and code points XML cannot
hold, so the GraphML and GEXF files stay valid XML and display as written.
"""

from __future__ import annotations

import re

import networkx as nx

from pipeline.graph.iri import TYPE_KIND, mint
from pipeline.linking.resolve import ArticleFacts, CorpusGraph
from pipeline.model import EntityType

# C0/C1 controls, bidi marks, embeddings, overrides and isolates, surrogates, U+FFFE/U+FFFF.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]+")


def clean_text(text: str) -> str:
    """``text`` without control or bidi-override characters (each run becomes one space), trimmed."""
    return " ".join(_UNSAFE.sub(" ", text).split())


def readable_label(zh: str, en: str) -> str:
    """The label tools display: ``zh / en``, or the one name known."""
    return " / ".join(name for name in (zh, en) if name)


def _add_node(graph: nx.MultiDiGraph, node: str, kind: str, zh: str, en: str, **extra: str) -> None:
    zh, en = clean_text(zh), clean_text(en)
    graph.add_node(node, type=kind, label=readable_label(zh, en) or node, label_zh=zh, label_en=en, **extra)


def to_networkx(corpus: CorpusGraph) -> nx.MultiDiGraph:
    """Entities as nodes (id = IRI; type, label, label_zh, label_en), facts as edges (predicate, confidence, article).

    ``label`` is what Gephi (GEXF) and Cytoscape show: both names, ``章勇武 / Zhang Yongwu``.
    """
    graph = nx.MultiDiGraph()
    for entity in sorted(corpus.entities.values(), key=lambda e: e.iri):
        kind = TYPE_KIND[entity.type] if entity.type is not EntityType.SESSION else "event"
        _add_node(graph, str(entity.iri), kind, entity.label("zh") or "", entity.label("en") or "")
    for entity in corpus.entities.values():
        if entity.parent:
            graph.add_edge(
                str(entity.iri),
                str(corpus.entities[entity.parent].iri),
                key="org:subOrganizationOf",
                predicate="org:subOrganizationOf",
                confidence=1.0,
                article="",
                role_zh="",
                role_en="",
            )
    for facts in corpus.articles:
        _add_facts(graph, corpus, facts)
    return graph


def _add_facts(graph: nx.MultiDiGraph, corpus: CorpusGraph, facts: ArticleFacts) -> None:
    """One article's memberships (person → body edges) and events (nodes, participant → event edges)."""
    article_id = facts.article_id
    article = str(corpus.article_iri(article_id))
    for m in facts.memberships:
        role = corpus.lexicon.roles[m.role]
        source, target = (
            str(corpus.iri(article_id, m.person)),
            str(corpus.iri(article_id, m.organization)),
        )
        graph.add_edge(
            source,
            target,
            key=f"org:Membership|{m.role}|{article}",
            predicate="org:Membership",
            confidence=m.confidence,
            article=article,
            role_zh=clean_text(role.zh),
            role_en=clean_text(role.en),
        )
    for index, event in enumerate(facts.events):
        node = str(mint(corpus.base, "event", article_id, str(index)))
        kind = corpus.lexicon.event_kinds[event.kind]
        zh, en = event.labels.get("zh") or kind.zh, event.labels.get("en") or kind.en
        _add_node(graph, node, "event", zh, en, date=event.date.isoformat() if event.date else "")
        for p in event.participants:
            graph.add_edge(
                str(corpus.iri(article_id, p.entity)),
                node,
                key=f"{p.prop}|{article}",
                predicate=p.prop,
                confidence=p.confidence,
                article=article,
                role_zh="",
                role_en="",
            )
