"""Evaluation against hand-made gold annotations (``data/gold/*.json``).

Predicted entities are matched to gold ones by name (any label or variant in the language) and type;
then precision, recall and F1 are counted for entities (by type and language), memberships (person,
role, organisation), events (date plus each participant with its role), zh↔en alignments, and
cross-article links (the same entity in two articles is one node). Misses and false positives are
listed with the sentences they come from.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from pipeline.errors import GoldError
from pipeline.evaluation.scores import Counts
from pipeline.lexicon.resources import load_lexicon
from pipeline.vocab import BIKG, ORG, SCHEMA

GOLD_TYPES = {
    "PERSON": str(SCHEMA.Person),
    "ORG": str(ORG.Organization),
    "PLACE": str(SCHEMA.Place),
    "EVENT": str(BIKG.Session),
}
SPLITS = ("dev", "heldout")
PHENOMENA = (
    "clean",
    "digest",
    "relative_date",
    "participant_list",
    "old_body_name",
    "mirror_noise",
    "traditional",
    "zh_only",
    "en_only",
    "new_post",
    "dated_post",
    "meeting",
    "english_noise",
)
"""Tags of what makes an article hard; ``bikg eval`` reports its scores per tag."""


def event_roles() -> dict[str, str]:
    """Participant roles of gold files (short names) → output property CURIEs, from ontology/events.ttl."""
    return {name: entry.prop for name, entry in load_lexicon().participations.items()}


@dataclass(slots=True)
class GoldEntity:
    id: str
    type: str
    names: dict[str, set[str]]
    link: str | None = None


@dataclass(slots=True)
class GoldArticle:
    """One annotated article."""

    path: Path
    id: str
    split: str
    source: dict[str, Any] | Path
    entities: dict[str, GoldEntity]
    memberships: set[tuple[str, str, str]]
    events: set[tuple[str, str, str]]
    phenomena: tuple[str, ...] = ()
    junk: tuple[str, ...] = ()
    membership_dates: dict[tuple[str, str, str], tuple[str, str]] = field(default_factory=dict)


def _need(data: dict[str, Any], key: str, kind: type, path: Path, where: str = "") -> Any:
    if key not in data:
        raise GoldError(f"{path}: missing field {where}{key!r}")
    if not isinstance(data[key], kind):
        raise GoldError(f"{path}: field {where}{key!r} must be a {kind.__name__}")
    return data[key]


def load_gold_file(path: Path) -> GoldArticle:
    """Read and check one gold file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise GoldError(f"{path}: cannot read: {error}") from error
    except json.JSONDecodeError as error:
        raise GoldError(f"{path}: invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from error
    if not isinstance(data, dict):
        raise GoldError(f"{path}: a gold file is a JSON object")
    split = _need(data, "split", str, path)
    if split not in SPLITS:
        raise GoldError(f"{path}: field 'split' must be one of {', '.join(SPLITS)}, not {split!r}")
    if "page" in data:
        source: dict[str, Any] | Path = (path.parent / _need(data, "page", str, path)).resolve()
        if not source.is_file():
            raise GoldError(f"{path}: field 'page' names a missing file {source}")
        article_id = source.name.removesuffix(".txt")
    else:
        source = _need(data, "article", dict, path)
        article_id = _need(source, "id", str, path, "article.")
    entities = _gold_entities(data, path)
    memberships, dates = _gold_memberships(data, path, entities)
    events = _gold_events(data, path, entities)
    phenomena = tuple(data.get("phenomena") or ("clean",))
    unknown = sorted(set(phenomena) - set(PHENOMENA))
    if unknown:
        raise GoldError(f"{path}: field 'phenomena' has unknown tags {unknown}; known: {', '.join(PHENOMENA)}")
    junk = tuple(str(j) for j in data.get("junk", []))
    return GoldArticle(path, article_id, split, source, entities, memberships, events, phenomena, junk, dates)


def _gold_entities(data: dict[str, Any], path: Path) -> dict[str, GoldEntity]:
    entities: dict[str, GoldEntity] = {}
    for index, raw in enumerate(_need(data, "entities", list, path)):
        where = f"entities[{index}]."
        entity_id = _need(raw, "id", str, path, where)
        kind = _need(raw, "type", str, path, where)
        if kind not in GOLD_TYPES:
            raise GoldError(f"{path}: field {where}'type' is {kind!r}; known types: {', '.join(GOLD_TYPES)}")
        names = {lang: {_normal(raw[lang])} if isinstance(raw.get(lang), str) else set() for lang in ("zh", "en")}
        for alias in raw.get("aliases", []):
            names["en" if alias.isascii() else "zh"].add(_normal(alias))
        if not names["zh"] and not names["en"]:
            raise GoldError(f"{path}: {where} needs a 'zh' or an 'en' name")
        entities[entity_id] = GoldEntity(entity_id, kind, names, raw.get("link"))
    return entities


def _normal(name: str) -> str:
    """A gold name in the width the pipeline reads text in (NFKC: 蒙草（集团） is 蒙草(集团))."""
    return unicodedata.normalize("NFKC", name)


def _ref(entities: dict[str, GoldEntity], value: Any, path: Path, where: str) -> str:
    if value not in entities:
        raise GoldError(f"{path}: field {where} refers to unknown entity {value!r}")
    return str(value)


def _gold_memberships(
    data: dict[str, Any], path: Path, entities: dict[str, GoldEntity]
) -> tuple[set[tuple[str, str, str]], dict[tuple[str, str, str], tuple[str, str]]]:
    memberships, dates = set(), {}
    for index, raw in enumerate(data.get("memberships", [])):
        where = f"memberships[{index}]."
        membership = (
            _ref(entities, _need(raw, "person", str, path, where), path, where + "person"),
            _role_label(_need(raw, "role", str, path, where)),
            _ref(entities, _need(raw, "organization", str, path, where), path, where + "organization"),
        )
        memberships.add(membership)
        if raw.get("start") or raw.get("end"):
            dates[membership] = (str(raw.get("start") or ""), str(raw.get("end") or ""))
    return memberships, dates


def _role_label(title: str) -> str:
    """The Chinese label of the lexicon's post a gold title names (代理总领事 → 代总领事: two names of one post, as
    the output names each post by its label); a title the lexicon lacks as written."""
    entry = load_lexicon().lookup_zh(title, "role")
    return entry.zh if entry else title


def _gold_events(data: dict[str, Any], path: Path, entities: dict[str, GoldEntity]) -> set[tuple[str, str, str]]:
    events = set()
    roles = event_roles()
    for index, raw in enumerate(data.get("events", [])):
        where = f"events[{index}]."
        date = _need(raw, "date", str, path, where)
        for role, members in _need(raw, "participants", dict, path, where).items():
            if role not in roles:
                known = ", ".join(roles)
                raise GoldError(f"{path}: field {where}participants has unknown role {role!r}; known: {known}")
            for member in members:
                events.add((date, role, _ref(entities, member, path, f"{where}participants.{role}")))
    return events


def load_gold(directory: Path, split: str | None = None) -> list[GoldArticle]:
    """Every gold file of ``directory`` (of one split when given)."""
    if not directory.is_dir():
        raise GoldError(f"{directory}: no such gold directory")
    articles = [load_gold_file(p) for p in sorted(directory.glob("*.json"))]
    if not articles:
        raise GoldError(f"{directory}: no gold files (*.json)")
    return [a for a in articles if split is None or a.split == split]


def write_inputs(gold: list[GoldArticle], directory: Path) -> list[str]:
    """The gold articles as pipeline inputs in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    inputs = []
    records = [a.source for a in gold if isinstance(a.source, dict)]
    if records:
        path = directory / "gold.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        inputs.append(str(path))
    inputs += [str(a.source) for a in gold if isinstance(a.source, Path)]
    return inputs


@dataclass(slots=True)
class Score(Counts):
    """Counts with the examples behind them (misses and false positives, with their sentences)."""

    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def to_dict(self, examples: int | None = None) -> dict[str, Any]:
        """Figures, with at most ``examples`` misses and false positives (all when None)."""
        return {
            **self.figures(3),
            "misses": self.misses[:examples],
            "false_positives": self.false_positives[:examples],
        }


_PREDICTED = """
PREFIX schema: <https://schema.org/> PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX bikg: <https://w3id.org/bikg/ontology#>
"""


@dataclass(slots=True)
class Predicted:
    """What the pipeline said about one article, read from its RDF."""

    entities: dict[str, tuple[set[str], dict[str, set[str]], dict[str, str]]]
    memberships: set[tuple[str, str, str]]
    events: set[tuple[str, str, str]]
    sentences: list[str]
    used: set[str] = field(default_factory=set)
    tenure: dict[tuple[str, str, str], tuple[str, str, str, str]] = field(default_factory=dict)
    """Per membership: stated start and end, first and last attestation (ISO strings, "" when absent)."""
    """Entities the article names or uses in a fact; a body the graph only implies (the parent of a
    named one) is structure, not something the text names, and is not counted as a false positive."""


_USED = """SELECT DISTINCT ?e WHERE {
    { ?m bikg:denotes ?e ; <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#referenceContext> ?c .
      ?article bikg:hasContext ?c }
    UNION { ?ms a org:Membership ; prov:wasDerivedFrom ?article ; org:member|org:organization ?e }
    UNION { ?ev a schema:Event ; prov:wasDerivedFrom/schema:isPartOf? ?article ; ?p ?e . ?e a ?t
            FILTER(?p != prov:wasDerivedFrom && ?p != <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>) } }"""


def predicted_for(graph: Graph, article: URIRef) -> Predicted:
    """Entities (types, names by language, labels), memberships and event tuples derived from ``article``."""
    entities: dict[str, tuple[set[str], dict[str, set[str]], dict[str, str]]] = {}
    query = (
        _PREDICTED
        + """SELECT ?e ?type ?name ?pref WHERE {
        ?e prov:wasDerivedFrom ?article ; a ?type .
        FILTER NOT EXISTS { ?e a org:Membership }
        { ?e rdfs:label ?name BIND(true AS ?pref) } UNION { ?e skos:altLabel ?name BIND(false AS ?pref) } }"""
    )
    for entity, kind, name, pref in graph.query(query, initBindings={"article": article}):
        types, names, labels = entities.setdefault(str(entity), (set(), defaultdict(set), {}))
        types.add(str(kind))
        lang = name.language or ("en" if str(name).isascii() else "zh")
        names[lang].add(str(name))
        if pref.toPython():
            labels[lang] = str(name)
    memberships: set[tuple[str, str, str]] = set()
    tenure: dict[tuple[str, str, str], tuple[str, str, str, str]] = {}
    for p, role, o, *dates in graph.query(
        _PREDICTED
        + """SELECT ?p ?role ?o ?start ?end ?first ?last WHERE {
            ?m a org:Membership ; prov:wasDerivedFrom ?article ; org:member ?p ; org:organization ?o ;
               org:role/rdfs:label ?role FILTER(lang(?role) = "zh")
            OPTIONAL { ?m schema:startDate ?start } OPTIONAL { ?m schema:endDate ?end }
            OPTIONAL { ?m bikg:firstAttested ?first } OPTIONAL { ?m bikg:lastAttested ?last } }""",
        initBindings={"article": article},
    ):
        key = (str(p), str(role), str(o))
        memberships.add(key)
        tenure[key] = tuple(str(d) if d is not None else "" for d in dates)  # type: ignore[assignment]
    events = set()
    for date, prop, entity in graph.query(
        _PREDICTED
        + """SELECT ?date ?prop ?x WHERE {
            ?e a schema:Event ; prov:wasDerivedFrom/schema:isPartOf? ?article ; ?prop ?x .
            OPTIONAL { ?e schema:startDate ?date }
            FILTER NOT EXISTS { ?e a bikg:Session }
            VALUES ?prop { """
        + " ".join(event_roles().values())
        + """ } }""",
        initBindings={"article": article},
    ):
        events.add((str(date) if date else "", str(prop).rsplit("/", 1)[-1].rsplit("#", 1)[-1], str(entity)))
    sentences = [
        str(s)
        for (s,) in graph.query(
            _PREDICTED
            + """SELECT ?s WHERE {
        ?article bikg:hasContext/<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString> ?s }""",
            initBindings={"article": article},
        )
    ]
    used = {str(e) for (e,) in graph.query(_PREDICTED + _USED, initBindings={"article": article})}
    return Predicted(entities, memberships, events, sentences, used, tenure)


def _context(sentences: list[str], needle: str) -> str:
    for text in sentences:
        at = text.find(needle)
        if at >= 0:
            start = max(text.rfind("\n", 0, at), text.rfind("。", 0, at), text.rfind(". ", 0, at)) + 1
            end = min(x for x in (text.find("\n", at), len(text)) if x >= 0)
            return text[start:end].strip()[:200]
    return ""


def match_entities(gold: GoldArticle, predicted: Predicted) -> dict[str, str]:
    """Gold entity id → predicted entity IRI: same type, a shared name in some language."""
    mapping = {}
    for entity in gold.entities.values():
        wanted = GOLD_TYPES[entity.type]
        for iri, (types, names, _) in sorted(predicted.entities.items()):
            if wanted in types and any(entity.names[lang] & names.get(lang, set()) for lang in ("zh", "en")):
                mapping[entity.id] = iri
                break
    return mapping


@dataclass(slots=True)
class Report:
    """Scores by task, and per entity type and language."""

    scores: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    phenomena: dict[str, Report] = field(default_factory=dict)
    articles: int = 0

    def to_dict(self, examples: int | None = None) -> dict[str, Any]:
        """Scores by task and by phenomenon, with at most ``examples`` misses and false positives per task."""
        data: dict[str, Any] = {k: v.to_dict(examples) for k, v in sorted(self.scores.items())}
        if self.phenomena:
            data["phenomena"] = {
                tag: {"articles": r.articles, **{k: v.figures(3) for k, v in sorted(r.scores.items())}}
                for tag, r in sorted(self.phenomena.items())
            }
        return data


def score_article(gold: GoldArticle, predicted: Predicted, report: Report) -> dict[str, str]:
    """Add one article's counts to ``report``; return its entity mapping (for cross-article links)."""
    mapping = match_entities(gold, predicted)
    reverse = defaultdict(set)
    for gold_id, iri in mapping.items():
        reverse[iri].add(gold_id)
    for lang in ("zh", "en"):
        for kind, type_iri in GOLD_TYPES.items():
            score = report.scores[f"entities/{lang}/{kind}"]
            total = report.scores[f"entities/{lang}"]
            for entity in (e for e in gold.entities.values() if e.type == kind and e.names[lang]):
                found = entity.id in mapping and bool(
                    entity.names[lang] & predicted.entities[mapping[entity.id]][1][lang]
                )
                for target in (score, total):
                    if found:
                        target.tp += 1
                    else:
                        target.fn += 1
                        name = sorted(entity.names[lang])[0]
                        target.misses.append(f"{gold.id}: {kind} {name} — {_context(predicted.sentences, name)}")
            for iri, (types, names, labels) in predicted.entities.items():
                if type_iri in types and names.get(lang) and not reverse.get(iri) and iri in predicted.used:
                    for target in (score, total):
                        target.fp += 1
                        name = labels.get(lang) or sorted(names[lang])[0]
                        target.false_positives.append(
                            f"{gold.id}: {kind} {name} — {_context(predicted.sentences, name)}"
                        )
    gold_members = {(mapping.get(p, f"gold:{p}"), role, mapping.get(o, f"gold:{o}")) for p, role, o in gold.memberships}
    _count(report.scores["memberships"], gold_members, predicted.memberships, gold, predicted)

    gold_events = {(date, role, mapping.get(x, f"gold:{x}")) for date, role, x in gold.events}
    _count(report.scores["events"], gold_events, predicted.events, gold, predicted)
    alignment = report.scores["alignments"]
    for entity in gold.entities.values():
        if not (entity.names["zh"] and entity.names["en"]):
            continue
        iri = mapping.get(entity.id)
        names = predicted.entities[iri][1] if iri else {}
        if iri and entity.names["zh"] & names.get("zh", set()) and entity.names["en"] & names.get("en", set()):
            alignment.tp += 1
        else:
            alignment.fn += 1
            alignment.misses.append(f"{gold.id}: {sorted(entity.names['zh'])[0]} ↔ {sorted(entity.names['en'])[0]}")
    for iri, (types, names, labels) in predicted.entities.items():
        is_entity = bool(types & set(GOLD_TYPES.values())) and iri in predicted.used
        if is_entity and names.get("zh") and names.get("en") and not reverse.get(iri):
            alignment.fp += 1
            alignment.false_positives.append(f"{gold.id}: {labels.get('zh')} ↔ {labels.get('en')}")
    return mapping


def _membership_dates(
    gold: GoldArticle, predicted: Predicted, mapping: dict[str, str], found: dict[tuple[str, str, str], list[Any]]
) -> None:
    """Collect, per membership found, the dates the gold states (any article) and the ones predicted."""
    for person, role, org in gold.memberships:
        key = (mapping.get(person, f"gold:{person}"), role, mapping.get(org, f"gold:{org}"))
        if key not in predicted.tenure:
            continue
        entry = found.setdefault(key, [["", ""], predicted.tenure[key], f"{gold.id}: {role} of {person}"])
        for index, value in enumerate(gold.membership_dates.get((person, role, org), ("", ""))):
            entry[0][index] = entry[0][index] or value


def _score_membership_dates(
    found: dict[tuple[str, str, str], list[Any]], report: Report, bounds: tuple[str, str]
) -> None:
    """Stated start and end dates of the memberships found, exact, once per membership of the corpus; and
    attestation bounds that lie within the dates of the articles (a news item may precede its page)."""
    stated = report.scores["membership dates"]
    attested = report.scores["membership attestation"]
    for wanted_dates, (start, end, first, last), where in found.values():
        for wanted, value in zip(wanted_dates, (start, end), strict=True):
            stated.tp += bool(wanted) and wanted == value
            stated.fn += bool(wanted) and wanted != value
            stated.fp += bool(value) and wanted != value
            if wanted != value:
                stated.misses.append(f"{where}: gold {wanted or '-'}, found {value or '-'}")
        if first:
            inside = bounds[0] <= first <= last <= bounds[1]
            attested.tp += inside
            attested.fp += not inside
            if not inside:
                attested.false_positives.append(f"{where}: attested {first} – {last}")


def _describe(item: tuple[str, str, str], predicted: Predicted) -> str:
    def name(value: str) -> str:
        if value.startswith("gold:"):
            return value[5:]
        entry = predicted.entities.get(value)
        return (entry[2].get("zh") or entry[2].get("en") or value) if entry else value

    return f"({name(item[0]) if item[0].startswith(('http', 'gold:')) else item[0]}, {item[1]}, {name(item[2])})"


def _count(score: Score, gold: set, predicted: set, article: GoldArticle, result: Predicted) -> None:  # type: ignore[type-arg]
    score.tp += len(gold & predicted)
    score.fn += len(gold - predicted)
    score.fp += len(predicted - gold)
    score.misses += [f"{article.id}: {_describe(x, result)}" for x in sorted(gold - predicted)]
    score.false_positives += [f"{article.id}: {_describe(x, result)}" for x in sorted(predicted - gold)]


def _article_date_bounds(graph: Graph) -> tuple[str, str]:
    """The earliest publication date less a month (news items precede their page) and the latest one."""
    dates = sorted(str(d) for (d,) in graph.query(_PREDICTED + "SELECT ?d WHERE { ?a schema:datePublished ?d }"))
    if not dates:
        return "", "9999"
    first = dt.date.fromisoformat(dates[0][:10]) - dt.timedelta(days=31)
    return first.isoformat(), dates[-1]


def evaluate(gold: list[GoldArticle], graph: Graph, base_iri: str) -> Report:
    """Score the graph of a run over the gold articles."""
    from pipeline.graph.iri import mint

    report = Report()
    dated: dict[tuple[str, str, str], list[Any]] = {}
    links: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    mappings: dict[str, dict[str, str]] = {}
    for article in gold:
        predicted = predicted_for(graph, mint(base_iri, "article", article.id))
        mapping = score_article(article, predicted, report)
        _membership_dates(article, predicted, mapping, dated)
        report.articles += 1
        for tag in article.phenomena:
            by_tag = report.phenomena.setdefault(tag, Report())
            by_tag.articles += 1
            score_article(article, predicted, by_tag)
        mappings[article.id] = mapping
        for entity in article.entities.values():
            if entity.link:
                links[entity.link].append((article.id, mapping.get(entity.id)))
    _score_membership_dates(dated, report, _article_date_bounds(graph))
    cross = report.scores["cross-article links"]
    persons = [
        (a.id, e.link or f"{a.id}#{e.id}", mappings[a.id].get(e.id), sorted(e.names["zh"] | e.names["en"])[0])
        for a in gold
        for e in a.entities.values()
        if e.type == "PERSON"
    ]
    for index, (first, link_a, iri_a, name) in enumerate(persons):
        for second, link_b, iri_b, _ in persons[index + 1 :]:
            if first != second and iri_a and iri_a == iri_b and link_a != link_b:
                cross.fp += 1
                cross.false_positives.append(f"{name}: {first} / {second} joined, but gold says two people")
    for link, places in sorted(links.items()):
        for index, (first, iri_a) in enumerate(places):
            for second, iri_b in places[index + 1 :]:
                if iri_a and iri_a == iri_b:
                    cross.tp += 1
                else:
                    cross.fn += 1
                    cross.misses.append(f"{link}: {first} / {second}")
    return report
