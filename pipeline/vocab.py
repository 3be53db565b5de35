"""Namespaces of the RDF output contract as closed vocabularies: a misspelt term is an error, not a new IRI."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace


class BIKG(DefinedNamespace):
    """Terms of ``ontology/bikg.ttl``; a misspelt term raises an error."""

    _fail = True
    _NS = Namespace("https://w3id.org/bikg/ontology#")

    Meeting: URIRef
    StudySession: URIRef
    WorkReview: URIRef
    ResearchVisit: URIRef
    Reception: URIRef
    Talks: URIRef
    SigningCeremony: URIRef
    Appointment: URIRef
    Visit: URIRef
    Ceremony: URIRef
    Forum: URIRef
    Session: URIRef
    chair: URIRef
    speaker: URIRef
    leader: URIRef
    host: URIRef
    guest: URIRef
    NewsItem: URIRef
    firstAttested: URIRef
    lastAttested: URIRef
    succeeded: URIRef
    holders: URIRef
    ParticipationProperty: URIRef
    name: URIRef
    headWord: URIRef
    GrammarRule: URIRef
    word: URIRef
    grammar: URIRef
    goalVerb: URIRef
    orgHeadWords: URIRef
    VenueHead: URIRef
    venueCue: URIRef
    venueHeads: URIRef
    RelativeDate: URIRef
    dayOffset: URIRef
    confidence: URIRef
    alignmentConfidence: URIRef
    denotes: URIRef
    hasContext: URIRef
    language: URIRef
    conflict: URIRef
    sourceSentence: URIRef
    Lexicon: URIRef
    OrganisationHead: URIRef
    GoverningBody: URIRef
    SubBody: URIRef
    PlaceSuffix: URIRef
    EventKind: URIRef
    SessionSeries: URIRef
    ParticipationCue: URIRef
    Boilerplate: URIRef
    level: URIRef
    within: URIRef
    entityType: URIRef
    acronym: URIRef
    demonym: URIRef
    leadingAbbreviation: URIRef
    fromPublication: URIRef
    variantOf: URIRef
    bodyWord: URIRef
    inPartyCommittee: URIRef
    namedAlone: URIRef
    partyDepartment: URIRef
    seatedBody: URIRef
    defaultSeat: URIRef
    placeBody: URIRef
    venueOwner: URIRef
    venueLocator: URIRef
    siteBody: URIRef
    divisionOf: URIRef
    branch: URIRef
    englishModifier: URIRef
    trigger: URIRef
    cue: URIRef
    property: URIRef
    slot: URIRef
    eventClass: URIRef
    priority: URIRef
    pattern: URIRef
    labelTemplate: URIRef
    organiser: URIRef
    impliedOrganisation: URIRef
    defaultOrganisation: URIRef
    action: URIRef
    # concept schemes of the lexicon files
    roles: URIRef
    places: URIRef
    organisations: URIRef
    heads: URIRef
    bodies: URIRef
    subBodies: URIRef
    placeSuffixes: URIRef
    eventKinds: URIRef
    cues: URIRef
    participations: URIRef
    relativeDates: URIRef
    sessions: URIRef
    page: URIRef


class SCHEMA(DefinedNamespace):
    """The schema.org terms of the output contract (closed: a misspelt term raises an error)."""

    _fail = True
    _NS = Namespace("https://schema.org/")

    Event: URIRef
    NewsArticle: URIRef
    Person: URIRef
    Place: URIRef
    about: URIRef
    attendee: URIRef
    datePublished: URIRef
    endDate: URIRef
    headline: URIRef
    inLanguage: URIRef
    isPartOf: URIRef
    keywords: URIRef
    location: URIRef
    organizer: URIRef
    position: URIRef
    startDate: URIRef


class NIF(DefinedNamespace):
    """The NIF Core terms of the output contract (closed)."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    Phrase: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    isString: URIRef
    referenceContext: URIRef


DEFAULT_BASE_IRI = "https://w3id.org/bikg/id/"
_CLOSED = {"bikg": BIKG, "schema": SCHEMA, "org": ORG, "nif": NIF, "skos": SKOS, "prov": PROV, "rdf": RDF, "rdfs": RDFS}

NAMESPACES: dict[str, Namespace] = {
    "bikg": Namespace(str(BIKG._NS)),
    "schema": Namespace(str(SCHEMA._NS)),
    "org": Namespace(str(ORG._NS)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "nif": Namespace(str(NIF._NS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}


def expand(curie: str) -> URIRef:
    """``schema:organizer`` → its full IRI; a term a closed vocabulary does not have raises an error."""
    prefix, _, local = curie.partition(":")
    if prefix in _CLOSED:
        return URIRef(getattr(_CLOSED[prefix], local))
    if prefix not in NAMESPACES:
        raise ValueError(f"unknown prefix in {curie!r}")
    return URIRef(str(NAMESPACES[prefix]) + local)
