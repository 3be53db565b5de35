"""SHACL validation of an output graph against ``ontology/shapes.ttl``."""

from __future__ import annotations

from rdflib import Graph

from pipeline.lexicon.resources import ontology_dir


def validate(graph: Graph) -> tuple[bool, Graph, str]:
    """``(conforms, report graph, report text)`` of ``graph`` against the contract's shapes."""
    import pyshacl

    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    conforms, report_graph, report_text = pyshacl.validate(graph, shacl_graph=shapes, advanced=True)
    return bool(conforms), report_graph, str(report_text)
