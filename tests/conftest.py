"""Shared fixtures: one real run of the pipeline (real LAC and spaCy models) per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph

import pipeline
from pipeline.batch.runner import RunResult

DATA = Path(__file__).parent / "data"
ARTICLES = DATA / "articles"
SEED = ARTICLES / "000_08a97c52deef5f3b.txt"

PREFIXES = """
PREFIX bikg: <https://w3id.org/bikg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The pipeline over every test article."""
    return pipeline.run([str(ARTICLES)], tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="session")
def graph(corpus_run: RunResult) -> Graph:
    return Graph().parse(corpus_run.files["graph.ttl"], format="turtle")


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    """The pipeline over the seed page alone."""
    directory = tmp_path_factory.mktemp("seed")
    shutil.copy(SEED, directory / SEED.name)
    return pipeline.run([str(directory)], directory / "out")


@pytest.fixture(scope="session")
def seed_graph(seed_run: RunResult) -> Graph:
    return Graph().parse(seed_run.files["graph.ttl"], format="turtle")


def select(graph: Graph, query: str, **bindings: object) -> list[tuple[str, ...]]:
    """Rows of a SPARQL SELECT as tuples of strings (None for unbound)."""
    rows = graph.query(PREFIXES + query, initBindings=bindings or None)
    return [tuple(None if v is None else str(v) for v in row) for row in rows]
