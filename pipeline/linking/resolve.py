"""Cross-article resolution: the same entity in several articles becomes one, with its evidence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rdflib import URIRef

from pipeline.extractors.entities import levelled_places, romanise
from pipeline.graph.iri import TYPE_KIND, mint
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.model import Entity, EntityKey, EntityType, Event, Extraction, KeyKind, Membership
from pipeline.vocab import DEFAULT_BASE_IRI


@dataclass(slots=True)
class ResolvedEntity:
    """One entity of the corpus: every article's names for it, merged."""

    key: EntityKey
    type: EntityType
    iri: URIRef
    labels: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    fixed_labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    articles: set[str] = field(default_factory=set)
    parent: EntityKey | None = None
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
    entities: dict[EntityKey, ResolvedEntity]
    local_to_key: dict[tuple[str, str], EntityKey]
    lexicon: Lexicon

    def iri(self, article_id: str, local_id: str) -> URIRef:
        return self.entities[self.local_to_key[(article_id, local_id)]].iri

    def article_iri(self, article_id: str) -> URIRef:
        return mint(self.base, "article", article_id)


def merge_evidence(key: EntityKey) -> str:
    """Why articles' entities with this key are one entity, in words."""
    rest = key.path
    if key.kind is KeyKind.GAZETTEER:
        return f"the same gazetteer entry ({rest})"
    if key.kind is KeyKind.SESSION:
        return f"the same numbered session ({rest})"
    if key.kind is KeyKind.GATHERING:
        return f"the same numbered gathering ({rest})"
    if key.kind is KeyKind.PERSON:
        return f"the same name (romanised {rest}) and a shared body or place" + (
            f" ({key.namesake}; a namesake elsewhere is another person)" if key.namesake else ""
        )
    if key.kind is KeyKind.PLACE:
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
            "key": str(e.key),
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


def _person_keys(occurrences: list[Occurrence]) -> dict[tuple[str, str], EntityKey]:
    """Corpus keys of persons: one name in two articles is one person only when the two share a body
    they hold a post in, or the article's place. Namesakes without such evidence stay apart; a
    mention with no evidence at all joins the earliest article's person. Order-independent (articles
    sorted by id); the group holding the earliest article keeps the plain key. A person named in English
    only is keyed as the person of both languages whose English name it is (:func:`_english_names`)."""
    english = _english_names(occurrences)
    by_key: dict[EntityKey, list[tuple[str, str, set[str]]]] = defaultdict(list)
    for article, entity, evidence in occurrences:
        if entity.type is EntityType.PERSON:
            key = entity.key if "zh" in entity.labels else english.get(entity.key, entity.key)
            by_key[key].append((article, entity.id, evidence))
    assigned: dict[tuple[str, str], EntityKey] = {}
    for key, found in by_key.items():
        groups: list[tuple[set[str], list[tuple[str, str]]]] = []
        for article, local, evidence in found:
            joined = [g for g in groups if _same_person(g[0], evidence)]
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
            namesake = "" if index == 0 else sorted(evidence)[0] if evidence else members[0][0]
            for member in members:
                assigned[member] = replace(key, namesake=namesake)
    return assigned


def _place_keys(occurrences: list[Occurrence]) -> dict[tuple[str, str], EntityKey]:
    """Corpus keys of places the gazetteer lacks: a name written without its level (长崎) is the place written with
    it elsewhere (长崎市), when the corpus names one such place, not two (奈良县, 奈良市)."""
    places = [(article, entity) for article, entity, _ in occurrences if entity.type is EntityType.PLACE and entity.key]
    longer = levelled_places(entity.key for _, entity in places if entity.key)
    return {(article, entity.id): longer[entity.key] for article, entity in places if entity.key in longer}


def _english_names(occurrences: list[Occurrence]) -> dict[EntityKey, EntityKey]:
    """The key a person's English name alone has, mapped to the key of the person named in both languages with it
    when that key is another (费尔南多·卢格里斯 / Fernando Lugris: an English-only page's Fernando Lugris is that
    person; 陈国基 / Chan Kwok-ki too); none for an English name that persons of two keys share."""
    found: dict[EntityKey, set[EntityKey]] = defaultdict(set)
    for _, entity, _ in occurrences:
        if entity.type is EntityType.PERSON and entity.key and "zh" in entity.labels and "en" in entity.labels:
            alone = EntityKey(KeyKind.PERSON, romanise(entity.labels["en"], "en"))
            if alone != entity.key:
                found[alone].add(entity.key)
    return {alone: keys.pop() for alone, keys in found.items() if len(keys) == 1}


def _same_person(known: set[str], evidence: set[str]) -> bool:
    """A shared body joins two mentions of a name; a shared place joins them only when one of them holds no
    known post (a namesake heading another body in the same city stays apart). A post in a national body the
    gazetteer names (the CPC Central Committee, a ministry) joins the name's mentions with another such post or
    none (习近平 总书记 here, 国家主席 or no post there: one person), not one holding a local post."""
    orgs = {e for e in known if e.startswith("org:")}
    own = {e for e in evidence if e.startswith("org:")}
    if orgs & own:
        return True
    national = any(o.startswith(_NATIONAL) for o in orgs)
    own_national = any(o.startswith(_NATIONAL) for o in own)
    if (national and (own_national or not own)) or (own_national and not orgs):
        return True
    return bool(known & evidence) and not (orgs and own)


_NATIONAL = "org:gaz/"
"""Evidence of a post in a body the gazetteer names (no place composes it): a national one, held by one person."""


def _article_scoped(entity: Entity, key: EntityKey, article: str, lexicon: Lexicon) -> EntityKey:
    """A body whose place no text resolved, or named by a bare office word (Foreign Affairs Office, 市政府), is
    that article's alone: the same words in another article may name another city's office. So is a numbered
    gathering only a body holds, written without it (第七届理事会第一次全体会议: gram:zh-owned-gathering)."""
    if key.kind is KeyKind.GATHERING:
        owned = key.path.split("/", 1)[-1].startswith(tuple(lexicon.words("zh-owned-gathering")))
        return replace(key, namesake=article) if owned else key
    if key.kind is not KeyKind.ORG:
        return key
    generic = any(
        lexicon.lookup_zh(label, table) or lexicon.lookup_en(label, table)
        for label in entity.labels.values()
        for table in ("head", "body")
    )
    if key.path.startswith("unknown-") or (key.path.startswith("name/") and generic):
        return replace(key, namesake=article)
    return key


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
    corpus_keys = _person_keys(occurrences) | _place_keys(occurrences)
    entities: dict[EntityKey, ResolvedEntity] = {}
    local_to_key: dict[tuple[str, str], EntityKey] = {}
    parents: list[tuple[str, str, str]] = []
    for article, entity, _ in occurrences:
        key = _article_scoped(entity, corpus_keys.get((article, entity.id), entity.key), article, lexicon)
        resolved = entities.get(key)
        if resolved is None:
            resolved = ResolvedEntity(key, entity.type, mint(base, TYPE_KIND[entity.type], str(key)))
            entities[key] = resolved
        local_to_key[(article, entity.id)] = key
        fixed = key.kind in (KeyKind.GAZETTEER, KeyKind.SESSION)
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
