"""Corpus-level stages: resolve entities across articles, mint IRIs, build the RDF and NetworkX graphs."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from pipeline.model import EntityType, Extraction, Membership
from pipeline.resources import Lexicon, load_lexicon
from pipeline.vocab import BIKG, DEFAULT_BASE_IRI, NAMESPACES, NIF, ORG, SCHEMA, expand

_TYPE_CLASSES = {
    EntityType.PERSON: (SCHEMA.Person,),
    EntityType.ORG: (ORG.Organization,),
    EntityType.PLACE: (SCHEMA.Place,),
    EntityType.SESSION: (SCHEMA.Event, BIKG.Session),
}
_TYPE_KIND = {
    EntityType.PERSON: "person",
    EntityType.ORG: "org",
    EntityType.PLACE: "place",
    EntityType.SESSION: "event",
}


def mint(base: str, kind: str, *key: str) -> URIRef:
    """The one place IRIs are made: base + kind + a hash of the key, never raw text."""
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{base}{kind}/{digest}")


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


@dataclass(slots=True)
class ResolvedEntity:
    """One entity of the corpus: every article's names for it, merged."""

    key: str
    type: EntityType
    iri: URIRef
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fixed_labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: set[str] = field(default_factory=set)
    parent: str | None = None
    alignment: float | None = None

    def label(self, lang: str) -> str | None:
        if lang in self.fixed_labels:
            return self.fixed_labels[lang]
        names = self.labels.get(lang)
        return max(names, key=lambda n: (len(n), n)) if names else None

    def variants(self, lang: str) -> list[str]:
        label = self.label(lang)
        names = set(self.alt_labels.get(lang, set())) | set(self.labels.get(lang, []))
        return sorted(n for n in names if n != label)


@dataclass(slots=True)
class CorpusGraph:
    """The resolved corpus: entities keyed across articles, and the per-article extractions."""

    base: str
    extractions: list[Extraction]
    entities: dict[str, ResolvedEntity]
    local_to_key: dict[tuple[str, str], str]
    lexicon: Lexicon

    def iri(self, article_id: str, local_id: str) -> URIRef:
        return self.entities[self.local_to_key[(article_id, local_id)]].iri

    def article_iri(self, article_id: str) -> URIRef:
        return mint(self.base, "article", article_id)


def merge_evidence(key: str) -> str:
    """Why articles' entities with this key are one entity, in words."""
    kind, _, rest = key.partition("/")
    if kind == "gaz":
        return f"the same gazetteer entry ({rest})"
    if kind == "session":
        return f"the same numbered session ({rest})"
    if kind == "person":
        name, _, namesake = rest.partition("@")
        return f"the same name (romanised {name}) and a shared body or place" + (
            f" ({namesake}; a namesake elsewhere is another person)" if namesake else ""
        )
    if kind == "place":
        return f"the same place name (romanised {rest})"
    if rest.startswith("name/"):
        return f"the same name (romanised {rest[5:]})"
    place, _, body = rest.partition("/")
    return f"the same office ({body}) of the same place ({place}), each resolved from its article's context"


def merges(corpus: CorpusGraph) -> list[dict[str, object]]:
    """Every entity found in more than one article, with the articles and the evidence that joined them."""
    return [
        {
            "entity": str(e.iri),
            "key": e.key,
            "articles": sorted(e.articles),
            "evidence": merge_evidence(e.key),
            "label_zh": e.label("zh"),
            "label_en": e.label("en"),
        }
        for e in sorted(corpus.entities.values(), key=lambda e: e.key)
        if len(e.articles) > 1
    ]


def _person_keys(ordered: list[Extraction]) -> dict[tuple[str, str], str]:
    """Corpus keys of persons: one name in two articles is one person only when the two share a body
    they hold a post in, or the article's place. Namesakes without such evidence stay apart; a
    mention with no evidence at all joins the earliest article's person. Order-independent (articles
    sorted by id); the group holding the earliest article keeps the plain key."""
    occurrences: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)
    for extraction in ordered:
        keys = {e.id: e.key for e in extraction.entities}
        for entity in extraction.entities:
            if entity.type is not EntityType.PERSON:
                continue
            evidence = {f"org:{keys[m.organization]}" for m in extraction.memberships if m.person == entity.id}
            if extraction.context_place:
                evidence.add(f"place:{extraction.context_place}")
            occurrences[entity.key].append((extraction.article.id, entity.id, evidence))
    assigned: dict[tuple[str, str], str] = {}
    for key, found in occurrences.items():
        groups: list[tuple[set[str], list[tuple[str, str]]]] = []
        for article, local, evidence in found:
            joined = [g for g in groups if g[0] & evidence]
            if not joined:
                joined = groups[:1] if not evidence else [g for g in groups if not g[0]][:1]
            if joined:
                target = joined[0]
                for other in joined[1:]:
                    target[0].update(other[0])
                    target[1].extend(other[1])
                    groups.remove(other)
                target[0].update(evidence)
                target[1].append((article, local))
            else:
                groups.append((set(evidence), [(article, local)]))
        for index, (evidence, members) in enumerate(groups):
            suffix = "" if index == 0 else "@" + sorted(evidence)[0] if evidence else f"@{members[0][0]}"
            for member in members:
                assigned[member] = key + suffix
    return assigned


def resolve(
    extractions: list[Extraction], *, base: str = DEFAULT_BASE_IRI, lexicon: Lexicon | None = None
) -> CorpusGraph:
    """Join entities with the same key across articles (order-independent) and mint their IRIs."""
    lexicon = lexicon or load_lexicon()
    ordered = sorted(extractions, key=lambda x: x.article.id)
    person_keys = _person_keys(ordered)
    entities: dict[str, ResolvedEntity] = {}
    local_to_key: dict[tuple[str, str], str] = {}
    for extraction in ordered:
        article = extraction.article.id
        for entity in extraction.entities:
            key = person_keys.get((article, entity.id), entity.key)
            resolved = entities.get(key)
            if resolved is None:
                resolved = ResolvedEntity(key, entity.type, mint(base, _TYPE_KIND[entity.type], key))
                entities[key] = resolved
            local_to_key[(article, entity.id)] = key
            fixed = key.startswith(("gaz/", "session/"))
            for lang, label in entity.labels.items():
                if fixed:
                    resolved.fixed_labels[lang] = label
                else:
                    resolved.labels[lang].append(label)
            for lang, variants in entity.alt_labels.items():
                resolved.alt_labels[lang].update(variants)
            resolved.articles.add(article)
            if entity.alignment_confidence is not None:
                resolved.alignment = max(resolved.alignment or 0.0, entity.alignment_confidence)
        for entity in extraction.entities:
            if entity.parent:
                entities[local_to_key[(article, entity.id)]].parent = local_to_key[(article, entity.parent)]
    return CorpusGraph(base, ordered, entities, local_to_key, lexicon)


def _bind(graph: Graph | Dataset, base: str) -> None:
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    graph.bind("id", base)


def to_dataset(corpus: CorpusGraph) -> Dataset:
    """The RDF of the corpus: one named graph per article, entity descriptions in a graph of their own."""
    dataset = Dataset()
    _bind(dataset, corpus.base)
    resolved = dataset.graph(URIRef(f"{corpus.base}graph/resolved"))
    for entity in sorted(corpus.entities.values(), key=lambda e: e.iri):
        for rdf_class in _TYPE_CLASSES[entity.type]:
            resolved.add((entity.iri, RDF.type, rdf_class))
        for lang in ("zh", "en"):
            label = entity.label(lang)
            if label:
                resolved.add((entity.iri, RDFS.label, Literal(label, lang=lang)))
            for variant in entity.variants(lang):
                resolved.add((entity.iri, SKOS.altLabel, Literal(variant, lang=lang)))
        if entity.parent:
            resolved.add((entity.iri, ORG.subOrganizationOf, corpus.entities[entity.parent].iri))
        if entity.alignment is not None:
            resolved.add((entity.iri, BIKG.alignmentConfidence, _decimal(entity.alignment)))
        if entity.type is EntityType.SESSION:
            series = corpus.lexicon.sessions.get(entity.key.split("/", 1)[1].split(":")[0])
            organiser = corpus.entities.get(f"gaz/{series.organiser}") if series else None
            if organiser:
                resolved.add((entity.iri, SCHEMA.organizer, organiser.iri))
    roles_used = {m.role for x in corpus.extractions for m in x.memberships}
    for role in sorted(roles_used):
        entry = corpus.lexicon.roles[role]
        role_iri = mint(corpus.base, "role", role)
        resolved.add((role_iri, RDF.type, ORG.Role))
        resolved.add((role_iri, RDFS.label, Literal(entry.zh, lang="zh")))
        resolved.add((role_iri, RDFS.label, Literal(entry.en, lang="en")))
    _memberships(resolved, corpus)
    for extraction in corpus.extractions:
        _article_graph(dataset.graph(corpus.article_iri(extraction.article.id)), corpus, extraction)
    return dataset


def _membership_iri(corpus: CorpusGraph, article_id: str, membership: Membership) -> URIRef:
    person = corpus.local_to_key[(article_id, membership.person)]
    organization = corpus.local_to_key[(article_id, membership.organization)]
    return mint(corpus.base, "membership", person, organization, membership.role)


def _memberships(graph: Graph, corpus: CorpusGraph) -> None:
    """One node per (person, organisation, role) over the corpus, with the best confidence any article gave."""
    best: dict[URIRef, tuple[float, Membership, str]] = {}
    for extraction in corpus.extractions:
        for membership in extraction.memberships:
            node = _membership_iri(corpus, extraction.article.id, membership)
            if node not in best or membership.confidence > best[node][0]:
                best[node] = (membership.confidence, membership, extraction.article.id)
    for node, (confidence, membership, article_id) in sorted(best.items()):
        graph.add((node, RDF.type, ORG.Membership))
        graph.add((node, ORG.member, corpus.iri(article_id, membership.person)))
        graph.add((node, ORG.organization, corpus.iri(article_id, membership.organization)))
        graph.add((node, ORG.role, mint(corpus.base, "role", membership.role)))
        graph.add((node, BIKG.confidence, _decimal(confidence)))


def _article_graph(graph: Graph, corpus: CorpusGraph, extraction: Extraction) -> None:
    article = extraction.article
    base = corpus.base
    iri = corpus.article_iri(article.id)
    graph.add((iri, RDF.type, SCHEMA.NewsArticle))
    if article.title:
        graph.add((iri, SCHEMA.headline, Literal(article.title, lang="zh")))
    if article.date:
        graph.add((iri, SCHEMA.datePublished, Literal(article.date.isoformat(), datatype=XSD.date)))
    if article.periodical:
        graph.add((iri, SCHEMA.isPartOf, Literal(article.periodical)))
    for keyword in article.keywords:
        graph.add((iri, SCHEMA.keywords, Literal(keyword)))
    contexts = {}
    for lang, version in sorted(article.versions.items()):
        context = mint(base, "context", article.id, lang)
        contexts[lang] = context
        graph.add((iri, SCHEMA.inLanguage, Literal(lang)))
        graph.add((iri, BIKG.hasContext, context))
        graph.add((context, RDF.type, NIF.Context))
        graph.add((context, NIF.isString, Literal(version.text)))
        graph.add((context, BIKG.language, Literal(lang)))
    for mention in extraction.mentions:
        if not mention.entity:
            continue
        node = mint(base, "mention", article.id, mention.lang, str(mention.start), str(mention.end))
        graph.add((node, RDF.type, NIF.Phrase))
        graph.add((node, NIF.anchorOf, Literal(mention.text)))
        graph.add((node, NIF.beginIndex, Literal(mention.start, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.endIndex, Literal(mention.end, datatype=XSD.nonNegativeInteger)))
        graph.add((node, NIF.referenceContext, contexts[mention.lang]))
        graph.add((node, BIKG.denotes, corpus.iri(article.id, mention.entity)))
        graph.add((node, BIKG.confidence, _decimal(mention.confidence)))
    for entity in extraction.entities:
        graph.add((corpus.iri(article.id, entity.id), PROV.wasDerivedFrom, iri))
    for membership in extraction.memberships:
        graph.add((_membership_iri(corpus, article.id, membership), PROV.wasDerivedFrom, iri))
    for index, event in enumerate(extraction.events):
        node = mint(base, "event", article.id, str(index))
        kind = corpus.lexicon.event_kinds[event.kind]
        graph.add((node, RDF.type, SCHEMA.Event))
        graph.add((node, RDF.type, expand(kind.rdf_class)))
        for lang in ("zh", "en"):
            graph.add((node, RDFS.label, Literal(event.labels.get(lang) or getattr(kind, lang), lang=lang)))
        if event.date:
            graph.add((node, SCHEMA.startDate, Literal(event.date.isoformat(), datatype=XSD.date)))
        graph.add((node, BIKG.confidence, _decimal(event.confidence)))
        graph.add((node, PROV.wasDerivedFrom, iri))
        for participant in event.participants:
            graph.add((node, expand(participant.prop), corpus.iri(article.id, participant.entity)))
        for conflict in event.conflicts:
            graph.add((node, BIKG.conflict, Literal(conflict)))
        for evidence in event.evidence:
            graph.add((node, BIKG.sourceSentence, Literal(evidence.text, lang=evidence.lang)))


def to_graph(dataset: Dataset) -> Graph:
    """Every triple of the dataset in one default graph."""
    graph = Graph()
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=True, replace=True)
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def to_networkx(corpus: CorpusGraph) -> nx.MultiDiGraph:
    """Entities as nodes (id = IRI; type, label_zh, label_en), facts as edges (predicate, confidence, article)."""
    graph = nx.MultiDiGraph()
    for entity in sorted(corpus.entities.values(), key=lambda e: e.iri):
        graph.add_node(
            str(entity.iri),
            type=_TYPE_KIND[entity.type] if entity.type is not EntityType.SESSION else "event",
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
    for extraction in corpus.extractions:
        article = str(corpus.article_iri(extraction.article.id))
        article_id = extraction.article.id
        for m in extraction.memberships:
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
        for index, event in enumerate(extraction.events):
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
    return graph
