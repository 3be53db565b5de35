"""The output files of the contract: SHACL-valid, deterministic, complete."""

from __future__ import annotations

import json
import shutil

import networkx as nx
from rdflib import Dataset, Graph

import pipeline
from pipeline.access.validate import validate
from pipeline.graph.write import OUTPUT_FILES
from tests.conftest import ARTICLES


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
    edge = next(e for e in data["links"] if e["predicate"] == "org:Membership")
    assert {"confidence", "article", "role_zh", "role_en"} <= set(edge)


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
