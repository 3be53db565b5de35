"""The output files of the contract: SHACL-valid, deterministic, complete."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import stat
from xml.etree import ElementTree

import networkx as nx
import pytest
from rdflib import Dataset, Graph

import pipeline
from pipeline.access.validate import validate
from pipeline.graph.write import OUTPUT_FILES
from tests.conftest import ARTICLES

pytestmark = pytest.mark.model


def test_every_contract_file_is_written(corpus_run):
    for name in OUTPUT_FILES:
        assert corpus_run.files[name].stat().st_size > 0
    assert not list(corpus_run.files["graph.ttl"].parent.glob(".*.tmp"))


def test_output_conforms_to_shapes(graph):
    conforms, _, text = validate(graph)
    assert conforms, text


def test_shapes_reject_a_membership_without_role(graph):
    broken = Graph()
    broken += graph
    query = "PREFIX org: <http://www.w3.org/ns/org#> SELECT ?m ?r WHERE { ?m org:role ?r } LIMIT 1"
    membership, role = next(iter(broken.query(query)))
    broken.remove((membership, None, role))
    conforms, _, _ = validate(broken)
    assert not conforms


def test_trig_has_one_graph_per_article_plus_resolved(corpus_run):
    dataset = Dataset()
    dataset.parse(corpus_run.files["graph.trig"], format="trig")
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    articles = [r for r in corpus_run.reports if r.status == "ok"]
    assert len([n for n in names if "/article/" in n]) == len(articles)
    assert any(n.endswith("graph/resolved") for n in names)


def test_jsonld_trig_and_turtle_hold_the_same_triples(corpus_run, graph):
    """graph.jsonld (bikg's streaming compact writer) and graph.trig's union say exactly what graph.ttl says."""
    jsonld = Graph().parse(corpus_run.files["graph.jsonld"], format="json-ld")
    union = Graph()
    for s, p, o, _ in Dataset().parse(corpus_run.files["graph.trig"], format="trig").quads():
        union.add((s, p, o))
    assert set(jsonld) == set(graph) == set(union)
    context = json.loads(corpus_run.files["graph.jsonld"].read_text(encoding="utf-8"))["@context"]
    assert context["schema"] == "https://schema.org/" and "id" in context


def test_networkx_exports(corpus_run):
    graphml = nx.read_graphml(corpus_run.files["graph.graphml"])
    data = json.loads(corpus_run.files["graph.json"].read_text(encoding="utf-8"))
    assert graphml.number_of_nodes() == len(data["nodes"]) > 0
    labels = {d.get("label_zh") for _, d in graphml.nodes(data=True)}
    assert "章勇武" in labels
    edge = next(e for e in data["edges"] if e["predicate"] == "org:Membership")
    assert {"confidence", "article", "role_zh", "role_en"} <= set(edge)


@pytest.fixture(scope="module")
def lac_run(tmp_path_factory) -> pipeline.RunResult:
    """The test articles with LAC (the exports do not depend on the NER backend), run under umask 022."""
    old = os.umask(0o022)
    try:
        return pipeline.run([str(ARTICLES)], tmp_path_factory.mktemp("exports") / "out", zh_ner="lac")
    finally:
        os.umask(old)


def test_exports_load_back_in_the_tools_readers(lac_run):
    """node-link JSON through node_link_graph's defaults, GEXF and Cytoscape labels, Gephi CSV, Neo4j Cypher."""
    files = lac_run.files
    graphml = nx.read_graphml(files["graph.graphml"])
    linked = nx.node_link_graph(json.loads(files["graph.json"].read_text(encoding="utf-8")))
    assert linked.number_of_nodes() == graphml.number_of_nodes() > 0
    assert linked.number_of_edges() == graphml.number_of_edges() > 0
    assert dict(linked.nodes(data=True)) == dict(graphml.nodes(data=True))
    gexf = nx.read_gexf(files["graph.gexf"])
    assert "章勇武 / Zhang Yongwu" in {d["label"] for _, d in gexf.nodes(data=True)}
    cyjs = nx.cytoscape_graph(json.loads(files["graph.cyjs"].read_text(encoding="utf-8")))
    assert all(not d["name"].startswith("http") for _, d in cyjs.nodes(data=True))
    with files["nodes.csv"].open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with files["edges.csv"].open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert len(nodes) == graphml.number_of_nodes() and len(edges) == graphml.number_of_edges()
    ids = {row["Id"] for row in nodes}
    assert all(row["Source"] in ids and row["Target"] in ids and row["Type"] == "Directed" for row in edges)
    assert any(row["Label"] == "章勇武 / Zhang Yongwu" and row["type"] == "person" for row in nodes)
    assert any("Party Group" in row["Label"] for row in edges)
    merged_nodes, merged_edges = read_cypher(files["graph.cypher"])
    assert merged_nodes == {row["Id"]: row["Label"] for row in nodes}
    assert merged_edges == len(edges)


_CYPHER_STRING = r"'(?:[^'\\]|\\.)*'"
_NODE = re.compile(rf"MERGE \(n:Entity \{{iri: ({_CYPHER_STRING})\}}\) SET n:(\w+), n\.label = ({_CYPHER_STRING}), .*;")
_EDGE = re.compile(
    rf"MATCH \(a:Entity \{{iri: ({_CYPHER_STRING})\}}\), \(b:Entity \{{iri: ({_CYPHER_STRING})\}}\) "
    rf"MERGE \(a\)-\[r:[A-Z_]+ \{{key: {_CYPHER_STRING}\}}\]->\(b\) SET .*;"
)


def _unquote(literal: str) -> str:
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "r": "\r", "t": "\t"}.get(m[1], m[1]), literal[1:-1])


def read_cypher(path) -> tuple[dict[str, str], int]:
    """A tiny checker: every line is one complete statement of the three forms written; returns the merged
    nodes (iri → label) and the count of merged edges; an edge's ends must have been merged before it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("CREATE CONSTRAINT entity_iri")
    nodes: dict[str, str] = {}
    edges = 0
    for line in lines[1:]:
        if node := _NODE.fullmatch(line):
            nodes[_unquote(node[1])] = _unquote(node[3])
        else:
            edge = _EDGE.fullmatch(line)
            assert edge, f"not a statement of graph.cypher: {line[:120]}"
            assert _unquote(edge[1]) in nodes and _unquote(edge[2]) in nodes
            edges += 1
    return nodes, edges


def test_hostile_labels_keep_graphml_and_gexf_valid(tmp_path):
    """Control characters and bidi overrides in a name are stripped from the NetworkX view, so every XML
    export parses, and the Cypher and CSV files still load back."""
    hostile = "Zhang\x01\x1b[31m\u202eYongwu\u2066'\\\"<x>"
    record = {
        "id": "hostile",
        "date": "2020-07-10",
        "en": "On July 8, Zhang Yongwu, director-general of the Foreign Affairs Office, presided over a meeting.",
    }
    result = pipeline.extract(record, zh_ner="lac")  # then the name made hostile, as a text could make it
    for entity in result.entities:
        if entity.labels.get("en", "").startswith("Zhang"):
            entity.labels["en"] = hostile
    network = result.to_networkx()
    assert hostile in {e.labels.get("en") for e in result.entities}
    from pipeline.graph.write import write_outputs, write_trig

    write_trig(tmp_path, iter(()), base=result.base_iri)
    files = write_outputs(tmp_path, network, {}, base=result.base_iri)
    for name in ("graph.graphml", "graph.gexf"):
        ElementTree.parse(files[name])
    labels = {d["label"] for _, d in nx.read_gexf(files["graph.gexf"]).nodes(data=True)}
    cleaned = next(label for label in labels if label.startswith("Zhang"))
    assert not re.search("[\x00-\x1f\u202a-\u202e\u2066-\u2069]", cleaned) and "Yongwu" in cleaned
    assert cleaned in {d["label_en"] for _, d in nx.read_graphml(files["graph.graphml"]).nodes(data=True)}
    nodes, _ = read_cypher(files["graph.cypher"])
    assert any(label.startswith("Zhang") and "'\\\"<x>" in label for label in nodes.values())


def test_output_files_honour_the_umask(tmp_path):
    from pipeline.graph.write import atomic_write_text

    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "a.txt", "x")
        os.umask(0o077)
        atomic_write_text(tmp_path / "b.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.txt").stat().st_mode) == 0o600


def test_run_output_is_readable_under_umask_022(lac_run):
    """Every output file is -rw-r--r-- under umask 022 (mkstemp alone makes -rw-------)."""
    modes = {name: stat.S_IMODE(lac_run.files[name].stat().st_mode) for name in OUTPUT_FILES}
    assert modes == dict.fromkeys(OUTPUT_FILES, 0o644)


def test_turtle_is_byte_identical_across_runs_and_input_order(tmp_path):
    files = sorted(p for p in ARTICLES.iterdir() if p.is_file())
    first = pipeline.run([str(p) for p in files], tmp_path / "a")
    second = pipeline.run([str(p) for p in reversed(files)], tmp_path / "b")
    assert first.files["graph.ttl"].read_bytes() == second.files["graph.ttl"].read_bytes()


def test_bad_inputs_are_reported_and_the_rest_survives(tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(ARTICLES / "000_08a97c52deef5f3b.txt", batch / "good.txt")
    (batch / "empty.txt").write_bytes(b"")
    (batch / "junk.txt").write_bytes(bytes(range(256)) * 8)
    gbk = (
        "市政府外办党组召开会议\n\n2020-08-04\n\n"
        "6月1日,市政府外办党组召开扩大会议。市政府外办党组书记、主任章勇武主持会议。"
    )
    (batch / "gbk.txt").write_bytes(gbk.encode("gbk"))
    (batch / "lines.jsonl").write_text(
        '{"id": "ok-en", "date": "2020-07-10", "en": "On July 8, Zhang Yongwu presided over a meeting."}\n'
        "{not json\n"
        '{"id": "nothing"}\n',
        encoding="utf-8",
    )
    result = pipeline.run([str(batch)], tmp_path / "out")
    report = json.loads(result.files["report.json"].read_text(encoding="utf-8"))
    status = {a["path"].rsplit("/", 1)[-1]: (a["status"], a.get("reason", "")) for a in report["articles"]}
    assert status["good.txt"][0] == "ok"
    assert status["gbk.txt"][0] == "ok"
    assert status["lines.jsonl:1"][0] == "ok"
    assert status["empty.txt"][0] == "error" and "no article text" in status["empty.txt"][1]
    assert status["junk.txt"][0] == "error" and "binary" in status["junk.txt"][1]
    assert status["lines.jsonl:2"][0] == "error" and "invalid JSON" in status["lines.jsonl:2"][1]
    assert status["lines.jsonl:3"][0] == "error" and "no text" in status["lines.jsonl:3"][1]
    graph = Graph().parse(result.files["graph.ttl"])
    names = {str(o) for o in graph.objects() if str(o) in ("章勇武", "Zhang Yongwu")}
    assert names == {"章勇武", "Zhang Yongwu"}


def test_streamed_gexf_reads_back_as_networkx_writes_it(tmp_path):
    from pipeline.graph.gexf import write_gexf

    network = nx.MultiDiGraph()
    network.add_node("a", label="章勇武 / Zhang Yongwu", type="person", date="")
    network.add_node("b", label='<&"> x', type="org")
    network.add_edge("a", "b", key="m1", predicate="org:memberOf", confidence=0.9, article="1")
    network.add_edge("a", "b", key="m2", predicate="schema:attendee", confidence=float("nan"), current=True)
    write_gexf(network, tmp_path / "ours.gexf")
    nx.write_gexf(network, tmp_path / "theirs.gexf")
    ours, theirs = nx.read_gexf(tmp_path / "ours.gexf"), nx.read_gexf(tmp_path / "theirs.gexf")
    assert dict(ours.nodes(data=True)) == dict(theirs.nodes(data=True))
    ours_edges, theirs_edges = (
        sorted((u, v, k, str(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True))
        for graph in (ours, theirs)
    )
    assert ours_edges == theirs_edges and len(ours_edges) == 2


def test_streamed_json_files_are_what_networkx_gives_whole(tmp_path):
    from pipeline.graph.write import write_cytoscape, write_node_link

    network = nx.MultiDiGraph(name="bikg")
    network.add_node("a", label="章勇武 / Zhang Yongwu", type="person")
    network.add_node("b", type="org")
    network.add_node("c", label="", id="custom", type="place")
    network.add_edge("a", "b", key="m1", predicate="org:memberOf", confidence=0.9)
    network.add_edge("a", "b", key="m2", predicate="schema:attendee", current=True)
    write_cytoscape(network, tmp_path / "graph.cyjs")
    write_node_link(network, tmp_path / "graph.json")
    whole = {
        "graph.cyjs": nx.cytoscape_data(network, name="label"),
        "graph.json": nx.node_link_data(network, edges="edges"),
    }
    for name, data in whole.items():
        expected = json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"
        assert (tmp_path / name).read_text(encoding="utf-8") == expected
