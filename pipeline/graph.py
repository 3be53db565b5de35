"""Corpus-level stages: resolve entities across articles, mint IRIs, build the RDF and NetworkX graphs."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache

import networkx as nx
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode, Quad, RdfFormat, serialize
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from pipeline.model import Entity, EntityType, Event, Extraction, Membership
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
class ArticleFacts:
    """What the corpus-level stages keep of one article in memory: its facts, not its text or mentions."""

    article_id: str
    memberships: list[Membership]
    events: list[Event]


@dataclass(slots=True)
class CorpusGraph:
    """The resolved corpus: entities keyed across articles, and each article's facts (sorted by article id)."""

    base: str
    articles: list[ArticleFacts]
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


Occurrence = tuple[str, Entity, set[str]]
"""An entity of one article (article id, entity, evidence for person resolution)."""


def _person_keys(occurrences: list[Occurrence]) -> dict[tuple[str, str], str]:
    """Corpus keys of persons: one name in two articles is one person only when the two share a body
    they hold a post in, or the article's place. Namesakes without such evidence stay apart; a
    mention with no evidence at all joins the earliest article's person. Order-independent (articles
    sorted by id); the group holding the earliest article keeps the plain key."""
    by_key: dict[str, list[tuple[str, str, set[str]]]] = defaultdict(list)
    for article, entity, evidence in occurrences:
        if entity.type is EntityType.PERSON:
            by_key[entity.key].append((article, entity.id, evidence))
    assigned: dict[tuple[str, str], str] = {}
    for key, found in by_key.items():
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


def _occurrences(extraction: Extraction) -> list[Occurrence]:
    keys = {e.id: e.key for e in extraction.entities}
    found = []
    for entity in extraction.entities:
        evidence: set[str] = set()
        if entity.type is EntityType.PERSON:
            evidence = {f"org:{keys[m.organization]}" for m in extraction.memberships if m.person == entity.id}
            if extraction.context_place:
                evidence.add(f"place:{extraction.context_place}")
        found.append((extraction.article.id, entity, evidence))
    return found


def resolve(
    extractions: Iterable[Extraction], *, base: str = DEFAULT_BASE_IRI, lexicon: Lexicon | None = None
) -> CorpusGraph:
    """Join entities with the same key across articles (order-independent) and mint their IRIs.

    One pass over ``extractions`` (a stream: each may be dropped once seen); only entity-level state
    and each article's facts are kept.
    """
    lexicon = lexicon or load_lexicon()
    occurrences: list[Occurrence] = []
    articles: list[ArticleFacts] = []
    for extraction in extractions:
        occurrences.extend(_occurrences(extraction))
        events = [replace(event, evidence=[]) for event in extraction.events]
        articles.append(ArticleFacts(extraction.article.id, list(extraction.memberships), events))
    articles.sort(key=lambda a: a.article_id)
    occurrences.sort(key=lambda o: o[0])
    person_keys = _person_keys(occurrences)
    entities: dict[str, ResolvedEntity] = {}
    local_to_key: dict[tuple[str, str], str] = {}
    parents: list[tuple[str, str, str]] = []
    for article, entity, _ in occurrences:
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
        if entity.parent:
            parents.append((article, entity.id, entity.parent))
    for article, local, parent in parents:
        entities[local_to_key[(article, local)]].parent = local_to_key[(article, parent)]
    return CorpusGraph(base, articles, entities, local_to_key, lexicon)


@cache
def _node(iri: str) -> NamedNode:
    """A NamedNode for a term used across articles (vocabulary, entities, roles, memberships), made once.

    IRIs of one article (mentions, contexts, events) are made afresh, so the cache stays corpus-sized.
    """
    return NamedNode(iri)


_RDF_TYPE = _node(str(RDF.type))
_XSD_DECIMAL = _node(str(XSD.decimal))
_XSD_DATE = _node(str(XSD.date))
_XSD_COUNT = _node(str(XSD.nonNegativeInteger))


def _p(term: URIRef) -> NamedNode:
    return _node(str(term))


def _decimal(value: float) -> OxLiteral:
    return OxLiteral(str(Decimal(str(round(value, 3)))), datatype=_XSD_DECIMAL)


def _text(value: str, lang: str | None = None) -> OxLiteral:
    return OxLiteral(value, language=lang) if lang else OxLiteral(value)


Triple = tuple[NamedNode, NamedNode, NamedNode | OxLiteral]


def _sorted(triples: Iterable[Triple]) -> list[Triple]:
    """Distinct triples, grouped by subject in a stable order (so Turtle and TriG group them)."""
    return sorted(set(triples), key=lambda t: (t[0].value, t[1].value, str(t[2])))


def resolved_graph_iri(base: str) -> str:
    """The named graph holding entity descriptions, memberships and cross-article merges."""
    return f"{base}graph/resolved"


def resolved_triples(corpus: CorpusGraph) -> list[Triple]:
    """The entity descriptions, roles and memberships of the whole corpus."""
    triples: list[Triple] = []
    add = triples.append
    for entity in corpus.entities.values():
        subject = _node(entity.iri)
        for rdf_class in _TYPE_CLASSES[entity.type]:
            add((subject, _RDF_TYPE, _p(rdf_class)))
        for lang in ("zh", "en"):
            label = entity.label(lang)
            if label:
                add((subject, _p(RDFS.label), _text(label, lang)))
            for variant in entity.variants(lang):
                add((subject, _p(SKOS.altLabel), _text(variant, lang)))
        if entity.parent:
            add((subject, _p(ORG.subOrganizationOf), _node(corpus.entities[entity.parent].iri)))
        if entity.alignment is not None:
            add((subject, _p(BIKG.alignmentConfidence), _decimal(entity.alignment)))
        if entity.type is EntityType.SESSION:
            series = corpus.lexicon.sessions.get(entity.key.split("/", 1)[1].split(":")[0])
            organiser = corpus.entities.get(f"gaz/{series.organiser}") if series else None
            if organiser:
                add((subject, _p(SCHEMA.organizer), _node(organiser.iri)))
    for role in sorted({m.role for facts in corpus.articles for m in facts.memberships}):
        entry = corpus.lexicon.roles[role]
        role_iri = _node(mint(corpus.base, "role", role))
        add((role_iri, _RDF_TYPE, _p(ORG.Role)))
        add((role_iri, _p(RDFS.label), _text(entry.zh, "zh")))
        add((role_iri, _p(RDFS.label), _text(entry.en, "en")))
    triples.extend(_memberships(corpus))
    return _sorted(triples)


def _membership_node(corpus: CorpusGraph, article_id: str, membership: Membership) -> URIRef:
    person = corpus.local_to_key[(article_id, membership.person)]
    organization = corpus.local_to_key[(article_id, membership.organization)]
    return mint(corpus.base, "membership", person, organization, membership.role)


def _memberships(corpus: CorpusGraph) -> Iterator[Triple]:
    """One node per (person, organisation, role) over the corpus, with the best confidence any article gave."""
    best: dict[URIRef, tuple[float, Membership, str]] = {}
    for facts in corpus.articles:
        for membership in facts.memberships:
            node = _membership_node(corpus, facts.article_id, membership)
            if node not in best or membership.confidence > best[node][0]:
                best[node] = (membership.confidence, membership, facts.article_id)
    for node, (confidence, membership, article_id) in best.items():
        subject = _node(node)
        yield subject, _RDF_TYPE, _p(ORG.Membership)
        yield subject, _p(ORG.member), _node(corpus.iri(article_id, membership.person))
        yield subject, _p(ORG.organization), _node(corpus.iri(article_id, membership.organization))
        yield subject, _p(ORG.role), _node(mint(corpus.base, "role", membership.role))
        yield subject, _p(BIKG.confidence), _decimal(confidence)


def article_triples(corpus: CorpusGraph, extraction: Extraction) -> list[Triple]:
    """The named graph of one article: the article, its texts, mentions, provenance and events."""
    article = extraction.article
    base = corpus.base
    iri = NamedNode(corpus.article_iri(article.id))
    triples: list[Triple] = []
    add = triples.append
    add((iri, _RDF_TYPE, _p(SCHEMA.NewsArticle)))
    if article.title:
        add((iri, _p(SCHEMA.headline), _text(article.title, "zh")))
    if article.date:
        add((iri, _p(SCHEMA.datePublished), OxLiteral(article.date.isoformat(), datatype=_XSD_DATE)))
    if article.periodical:
        add((iri, _p(SCHEMA.isPartOf), _text(article.periodical)))
    for keyword in article.keywords:
        add((iri, _p(SCHEMA.keywords), _text(keyword)))
    contexts = {}
    for lang, version in sorted(article.versions.items()):
        context = NamedNode(mint(base, "context", article.id, lang))
        contexts[lang] = context
        add((iri, _p(SCHEMA.inLanguage), _text(lang)))
        add((iri, _p(BIKG.hasContext), context))
        add((context, _RDF_TYPE, _p(NIF.Context)))
        add((context, _p(NIF.isString), _text(version.text)))
        add((context, _p(BIKG.language), _text(lang)))
    for mention in extraction.mentions:
        if not mention.entity:
            continue
        node = NamedNode(mint(base, "mention", article.id, mention.lang, str(mention.start), str(mention.end)))
        add((node, _RDF_TYPE, _p(NIF.Phrase)))
        add((node, _p(NIF.anchorOf), _text(mention.text)))
        add((node, _p(NIF.beginIndex), OxLiteral(str(mention.start), datatype=_XSD_COUNT)))
        add((node, _p(NIF.endIndex), OxLiteral(str(mention.end), datatype=_XSD_COUNT)))
        add((node, _p(NIF.referenceContext), contexts[mention.lang]))
        add((node, _p(BIKG.denotes), _node(corpus.iri(article.id, mention.entity))))
        add((node, _p(BIKG.confidence), _decimal(mention.confidence)))
    for entity in extraction.entities:
        add((_node(corpus.iri(article.id, entity.id)), _p(PROV.wasDerivedFrom), iri))
    for membership in extraction.memberships:
        add((_node(_membership_node(corpus, article.id, membership)), _p(PROV.wasDerivedFrom), iri))
    for index, event in enumerate(extraction.events):
        node = NamedNode(mint(base, "event", article.id, str(index)))
        kind = corpus.lexicon.event_kinds[event.kind]
        add((node, _RDF_TYPE, _p(SCHEMA.Event)))
        add((node, _RDF_TYPE, _p(expand(kind.rdf_class))))
        for lang in ("zh", "en"):
            add((node, _p(RDFS.label), _text(event.labels.get(lang) or getattr(kind, lang), lang)))
        if event.date:
            add((node, _p(SCHEMA.startDate), OxLiteral(event.date.isoformat(), datatype=_XSD_DATE)))
        add((node, _p(BIKG.confidence), _decimal(event.confidence)))
        add((node, _p(PROV.wasDerivedFrom), iri))
        for participant in event.participants:
            add((node, _p(expand(participant.prop)), _node(corpus.iri(article.id, participant.entity))))
        for conflict in event.conflicts:
            add((node, _p(BIKG.conflict), _text(conflict)))
        for evidence in event.evidence:
            add((node, _p(BIKG.sourceSentence), _text(evidence.text, evidence.lang)))
    return _sorted(triples)


def to_quads(corpus: CorpusGraph, extractions: Iterable[Extraction]) -> Iterator[Quad]:
    """The corpus as quads, streamed: the resolved graph, then one graph per article of ``extractions``.

    ``extractions`` must follow ``corpus.articles`` (sorted by article id); each is dropped once written.
    Every triple lies in exactly one graph, so the union of the graphs has no duplicate.
    """
    resolved = NamedNode(resolved_graph_iri(corpus.base))
    for s, p, o in resolved_triples(corpus):
        yield Quad(s, p, o, resolved)
    for extraction in extractions:
        graph = NamedNode(corpus.article_iri(extraction.article.id))
        for s, p, o in article_triples(corpus, extraction):
            yield Quad(s, p, o, graph)


def to_dataset(corpus: CorpusGraph, extractions: Iterable[Extraction]) -> Dataset:
    """The corpus as an rdflib Dataset (for the Python API; batch runs stream quads instead)."""
    dataset = Dataset()
    data = serialize(to_quads(corpus, extractions), format=RdfFormat.N_QUADS)
    dataset.parse(data=data.decode("utf-8"), format="nquads")
    for prefix, namespace in prefixes(corpus.base).items():
        dataset.bind(prefix, namespace, override=True, replace=True)
    return dataset


def prefixes(base: str) -> dict[str, str]:
    """The prefixes of every serialisation: the contract's namespaces and ``id:`` for the base."""
    return {**{prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}, "id": base}


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
    for facts in corpus.articles:
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
    return graph
