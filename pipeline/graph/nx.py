"""The resolved corpus as a NetworkX multigraph: entities and events as nodes, facts as edges."""

from __future__ import annotations

import networkx as nx

from pipeline.graph.iri import TYPE_KIND, mint
from pipeline.linking.resolve import ArticleFacts, CorpusGraph
from pipeline.model import EntityType


def to_networkx(corpus: CorpusGraph) -> nx.MultiDiGraph:
    """Entities as nodes (id = IRI; type, label_zh, label_en), facts as edges (predicate, confidence, article)."""
    graph = nx.MultiDiGraph()
    for entity in sorted(corpus.entities.values(), key=lambda e: e.iri):
        graph.add_node(
            str(entity.iri),
            type=TYPE_KIND[entity.type] if entity.type is not EntityType.SESSION else "event",
            label_zh=entity.label("zh") or "",
            label_en=entity.label("en") or "",
        )
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
            role_zh=role.zh,
            role_en=role.en,
        )
    for index, event in enumerate(facts.events):
        node = str(mint(corpus.base, "event", article_id, str(index)))
        kind = corpus.lexicon.event_kinds[event.kind]
        graph.add_node(
            node,
            type="event",
            label_zh=event.labels.get("zh") or kind.zh,
            label_en=event.labels.get("en") or kind.en,
            date=event.date.isoformat() if event.date else "",
        )
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
