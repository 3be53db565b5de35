"""The one place IRIs are minted: base + kind + a hash of the key, never raw text."""

from __future__ import annotations

import hashlib

from rdflib import URIRef

from pipeline.model import EntityType

TYPE_KIND = {
    EntityType.PERSON: "person",
    EntityType.ORG: "org",
    EntityType.PLACE: "place",
    EntityType.SESSION: "event",
}
"""The IRI path segment of each entity type."""


def mint(base: str, kind: str, *key: str) -> URIRef:
    """The one place IRIs are made: base + kind + a hash of the key, never raw text."""
    digest = hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:20]
    return URIRef(f"{base}{kind}/{digest}")


def resolved_graph_iri(base: str) -> str:
    """The named graph holding entity descriptions, memberships and cross-article merges."""
    return f"{base}graph/resolved"
