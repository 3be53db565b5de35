"""No person or organisation made of a byline, caption marker, slogan, gloss or mojibake, on any gold page
or generated page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph

import pipeline
from pipeline.evaluation.gold import load_gold
from pipeline.graph.iri import mint
from pipeline.vocab import DEFAULT_BASE_IRI
from tests.conftest import select

pytestmark = pytest.mark.model

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
NOISE = re.compile(
    r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]|\?/p>|[①-⑳▲■□●★▶]|^(文|摄影|图|编辑|责任编辑)\s*[/:：]"
)


@pytest.fixture(scope="module")
def gold_graph(tmp_path_factory) -> tuple[Graph, dict[str, tuple[str, ...]]]:
    gold = [g for g in load_gold(GOLD) if isinstance(g.source, Path)]
    out = tmp_path_factory.mktemp("junk")
    result = pipeline.run([str(g.source) for g in gold], out / "run", use_store=False, workers=1)
    assert not result.failed
    return Graph().parse(result.files["graph.ttl"]), {g.id: g.junk for g in gold}


def labels(graph: Graph) -> list[tuple[str, str]]:
    rows = select(
        graph,
        """SELECT ?label ?type WHERE { ?e a ?type ; rdfs:label|skos:altLabel ?label
             VALUES ?type { schema:Person org:Organization } }""",
    )
    return [(label, kind.rsplit("/", 1)[-1].rsplit("#", 1)[-1]) for label, kind in rows]


def test_no_person_or_body_is_junk_of_a_gold_page(gold_graph):
    """Each page's own junk (its bylines, captions, slogans, glosses, as listed in its gold file) names no
    person or body mentioned in that page."""
    graph, junk = gold_graph
    found = []
    for article_id, strings in junk.items():
        article = mint(DEFAULT_BASE_IRI, "article", article_id)
        rows = select(
            graph,
            """SELECT ?anchor WHERE { ?article bikg:hasContext ?c . ?m nif:referenceContext ?c ;
                 nif:anchorOf ?anchor ; bikg:denotes ?e . ?e a ?type
                 VALUES ?type { schema:Person org:Organization } }""",
            article=article,
        )
        found += [(article_id, anchor) for (anchor,) in rows if anchor in strings]
    assert not found, f"persons or bodies made of bylines, captions, slogans or glosses: {found}"


def test_no_person_or_body_carries_noise(gold_graph):
    graph, _ = gold_graph
    noisy = [(label, kind) for label, kind in labels(graph) if NOISE.search(label)]
    assert not noisy, f"labels with glosses, mojibake or caption marks: {noisy}"


def test_generated_pages_make_no_noise_entities(tmp_path):
    from benchmarks.corpus import write_corpus

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 20, seed=5)
    for index, page in enumerate(sorted(corpus.glob("*.txt"))[:10]):
        text = page.read_text(encoding="utf-8").splitlines()
        noisy = ["□ 文/林小雨 摄影/周大川", "① 图为会见现场(右二)", "■编辑:何小青"]
        page.write_text("\n".join([*text[:6], noisy[index % 3], *text[6:]]), encoding="utf-8")
    result = pipeline.run([str(corpus)], tmp_path / "out", use_store=False, workers=1)
    names = {label for label, _ in labels(Graph().parse(result.files["graph.ttl"]))}
    assert not names & {"林小雨", "周大川", "何小青", "文/林小雨"}
    assert not [n for n in names if NOISE.search(n)]
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["summary"]["error"] == 0
