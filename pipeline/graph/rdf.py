"""The resolved corpus as RDF: a stream of quads (pyoxigraph terms), one named graph per article."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode, Quad, RdfFormat, serialize
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from pipeline.graph.iri import mint, resolved_graph_iri
from pipeline.linking.resolve import CorpusGraph
from pipeline.model import Article, EntityKey, EntityType, Event, Extraction, KeyKind, Membership
from pipeline.vocab import BIKG, NAMESPACES, NIF, ORG, SCHEMA, expand

_TYPE_CLASSES = {
    EntityType.PERSON: (SCHEMA.Person,),
    EntityType.ORG: (ORG.Organization,),
    EntityType.PLACE: (SCHEMA.Place,),
    EntityType.SESSION: (SCHEMA.Event, BIKG.Session),
}


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
_XSD_YEAR_MONTH = _node(str(XSD.gYearMonth))
_XSD_YEAR = _node(str(XSD.gYear))


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
            series = corpus.lexicon.sessions.get(entity.key.series)
            organiser = corpus.entities.get(EntityKey(KeyKind.GAZETTEER, series.organiser)) if series else None
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
    return mint(corpus.base, "membership", str(person), str(organization), membership.role)


@dataclass(slots=True)
class _Tenure:
    """One resolved membership: its best statement, stated dates and attestation bounds over the corpus."""

    confidence: float
    membership: Membership
    article_id: str
    start: str = ""
    end: str = ""
    first: str = ""
    last: str = ""

    def add(self, membership: Membership, article_id: str) -> None:
        if membership.confidence > self.confidence:
            self.confidence, self.membership, self.article_id = membership.confidence, membership, article_id
        if membership.start and (not self.start or membership.start < self.start):
            self.start = membership.start
        if membership.end and membership.end > self.end:
            self.end = membership.end
        if membership.attested:
            self.first = min(self.first or membership.attested, membership.attested)
            self.last = max(self.last, membership.attested)

    @property
    def span(self) -> tuple[str, str]:
        """When the post is known to be held: stated dates first, attestations otherwise."""
        return self.start or self.first, self.end or self.last


def _tenures(corpus: CorpusGraph) -> dict[URIRef, _Tenure]:
    tenures: dict[URIRef, _Tenure] = {}
    for facts in corpus.articles:
        for membership in facts.memberships:
            node = _membership_node(corpus, facts.article_id, membership)
            if node not in tenures:
                tenures[node] = _Tenure(membership.confidence, membership, facts.article_id)
            tenures[node].add(membership, facts.article_id)
    return tenures


def successions(corpus: CorpusGraph, tenures: dict[URIRef, _Tenure]) -> list[tuple[URIRef, URIRef]]:
    """(successor, predecessor) memberships: the same single-holder post of the same body held by two people
    whose known spans do not overlap (a stated end on the day of a stated start is a handover), the later
    one following the earlier with no other holder between."""
    posts: dict[tuple[str, str], list[tuple[str, str, str, URIRef]]] = {}
    for node, tenure in tenures.items():
        m, article_id = tenure.membership, tenure.article_id
        entry = corpus.lexicon.roles.get(m.role)
        begin, until = tenure.span
        if entry is None or not entry.single or not begin:
            continue
        key = (str(corpus.iri(article_id, m.organization)), m.role)
        posts.setdefault(key, []).append((begin, until or begin, str(corpus.iri(article_id, m.person)), node))
    found = []
    for holders in posts.values():
        holders.sort()
        for (_, until, person, node), (begin, _, other, later) in itertools.pairwise(holders):
            handover = until == begin and bool(tenures[node].end or tenures[later].start)
            if person != other and (until < begin or handover):
                found.append((later, node))
    return found


def _memberships(corpus: CorpusGraph) -> Iterator[Triple]:
    """One node per (person, organisation, role) over the corpus, with the best confidence any article gave,
    the earliest start and latest end any article states, the attestation bounds, and safe successions."""
    tenures = _tenures(corpus)
    for node, tenure in tenures.items():
        membership, article_id, subject = tenure.membership, tenure.article_id, _node(node)
        yield subject, _RDF_TYPE, _p(ORG.Membership)
        yield subject, _p(ORG.member), _node(corpus.iri(article_id, membership.person))
        yield subject, _p(ORG.organization), _node(corpus.iri(article_id, membership.organization))
        yield subject, _p(ORG.role), _node(mint(corpus.base, "role", membership.role))
        yield subject, _p(BIKG.confidence), _decimal(tenure.confidence)
        for prop, value in (
            (SCHEMA.startDate, tenure.start),
            (SCHEMA.endDate, tenure.end),
            (BIKG.firstAttested, tenure.first),
            (BIKG.lastAttested, tenure.last),
        ):
            if value:
                yield subject, _p(prop), _date(value)
    for later, earlier in successions(corpus, tenures):
        yield _node(later), _p(BIKG.succeeded), _node(earlier)


def article_triples(corpus: CorpusGraph, extraction: Extraction) -> list[Triple]:
    """The named graph of one article: the article, its news items, texts, mentions, provenance and events."""
    article = extraction.article
    iri = NamedNode(corpus.article_iri(article.id))
    triples: list[Triple] = []
    add = triples.append
    add((iri, _RDF_TYPE, _p(SCHEMA.NewsArticle)))
    if article.title:
        add((iri, _p(SCHEMA.headline), _text(article.title, "zh")))
    if article.title_en:
        add((iri, _p(SCHEMA.headline), _text(article.title_en, "en")))
    if article.date:
        add((iri, _p(SCHEMA.datePublished), _date(article.date.isoformat())))
    if article.periodical:
        add((iri, _p(SCHEMA.isPartOf), _text(article.periodical)))
    for keyword in article.keywords:
        add((iri, _p(SCHEMA.keywords), _text(keyword)))
    items = _item_nodes(corpus, article, iri, add)
    contexts = _contexts(corpus, article, iri, add)
    _mentions(corpus, extraction, contexts, add)
    for entity in extraction.entities:
        add((_node(corpus.iri(article.id, entity.id)), _p(PROV.wasDerivedFrom), iri))
    for membership in extraction.memberships:
        add((_node(_membership_node(corpus, article.id, membership)), _p(PROV.wasDerivedFrom), iri))
    for index, event in enumerate(extraction.events):
        source = items[event.item] if event.item is not None and event.item in items else iri
        _event(corpus, article.id, index, event, source, add)
    return _sorted(triples)


def _date(value: str) -> OxLiteral:
    """A date literal of the precision the text gives: xsd:date, xsd:gYearMonth or xsd:gYear."""
    datatype = {10: _XSD_DATE, 7: _XSD_YEAR_MONTH, 4: _XSD_YEAR}.get(len(value), _XSD_DATE)
    return OxLiteral(value, datatype=datatype)


def _item_nodes(corpus: CorpusGraph, article: Article, iri: NamedNode, add: Callable[[Triple], None]) -> dict:
    """The news items of a digest page (``bikg:NewsItem``, part of the page), by index."""
    nodes = {}
    for item in article.items:
        node = NamedNode(mint(corpus.base, "item", article.id, str(item.index)))
        nodes[item.index] = node
        add((node, _RDF_TYPE, _p(BIKG.NewsItem)))
        add((node, _p(SCHEMA.isPartOf), iri))
        add((node, _p(SCHEMA.position), OxLiteral(str(item.index + 1), datatype=_XSD_COUNT)))
        for lang, headline in sorted(item.headlines.items()):
            add((node, _p(SCHEMA.headline), _text(headline, lang)))
        if item.date:
            add((node, _p(SCHEMA.datePublished), _date(item.date.isoformat())))
    return nodes


def _contexts(corpus: CorpusGraph, article: Article, iri: NamedNode, add: Callable[[Triple], None]) -> dict:
    """One ``nif:Context`` per language version, linked from the article."""
    contexts = {}
    for lang, version in sorted(article.versions.items()):
        context = NamedNode(mint(corpus.base, "context", article.id, lang))
        contexts[lang] = context
        add((iri, _p(SCHEMA.inLanguage), _text(lang)))
        add((iri, _p(BIKG.hasContext), context))
        add((context, _RDF_TYPE, _p(NIF.Context)))
        add((context, _p(NIF.isString), _text(version.text)))
        add((context, _p(BIKG.language), _text(lang)))
    return contexts


def _mentions(corpus: CorpusGraph, extraction: Extraction, contexts: dict, add: Callable[[Triple], None]) -> None:
    """Each mention as a ``nif:Phrase`` with its offsets, denoting its entity."""
    article_id = extraction.article.id
    for mention in extraction.mentions:
        if not mention.entity:
            continue
        node = NamedNode(mint(corpus.base, "mention", article_id, mention.lang, str(mention.start), str(mention.end)))
        add((node, _RDF_TYPE, _p(NIF.Phrase)))
        add((node, _p(NIF.anchorOf), _text(mention.text)))
        add((node, _p(NIF.beginIndex), OxLiteral(str(mention.start), datatype=_XSD_COUNT)))
        add((node, _p(NIF.endIndex), OxLiteral(str(mention.end), datatype=_XSD_COUNT)))
        add((node, _p(NIF.referenceContext), contexts[mention.lang]))
        add((node, _p(BIKG.denotes), _node(corpus.iri(article_id, mention.entity))))
        add((node, _p(BIKG.confidence), _decimal(mention.confidence)))


def _event(
    corpus: CorpusGraph, article_id: str, index: int, event: Event, source: NamedNode, add: Callable[[Triple], None]
) -> None:
    """An event with its kind, labels, date, participants and evidence, derived from ``source``."""
    node = NamedNode(mint(corpus.base, "event", article_id, str(index)))
    kind = corpus.lexicon.event_kinds[event.kind]
    add((node, _RDF_TYPE, _p(SCHEMA.Event)))
    add((node, _RDF_TYPE, _p(expand(kind.rdf_class))))
    for lang in ("zh", "en"):
        add((node, _p(RDFS.label), _text(event.labels.get(lang) or getattr(kind, lang), lang)))
    if event.date:
        add((node, _p(SCHEMA.startDate), _date(event.date.isoformat())))
    add((node, _p(BIKG.confidence), _decimal(event.confidence)))
    add((node, _p(PROV.wasDerivedFrom), source))
    for participant in event.participants:
        add((node, _p(expand(participant.prop)), _node(corpus.iri(article_id, participant.entity))))
    for conflict in event.conflicts:
        add((node, _p(BIKG.conflict), _text(conflict)))
    for evidence in event.evidence:
        add((node, _p(BIKG.sourceSentence), _text(evidence.text, evidence.lang)))


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
