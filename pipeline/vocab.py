"""Namespaces of the RDF output contract, with the project's own terms as a closed namespace."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace


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


SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DEFAULT_BASE_IRI = "https://w3id.org/bikg/id/"

NAMESPACES: dict[str, Namespace] = {
    "bikg": Namespace(str(BIKG._NS)),
    "schema": SCHEMA,
    "org": ORG,
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "nif": NIF,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}


def expand(curie: str) -> URIRef:
    """``schema:organizer`` → its full IRI."""
    prefix, _, local = curie.partition(":")
    if prefix not in NAMESPACES:
        raise ValueError(f"unknown prefix in {curie!r}")
    return URIRef(str(NAMESPACES[prefix]) + local)
