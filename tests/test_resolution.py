"""Cross-article resolution: the same person is one node, namesakes in other bodies and places are not."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal

import pipeline
from tests.conftest import select

pytestmark = pytest.mark.model


RECORDS = [
    {
        "id": "r1",
        "date": "2020-07-03",
        "source": "成都外事 2020年7期",
        "zh": "7月2日，成都市政府外办召开会议，成都市政府外办主任王军主持会议。",
    },
    {
        "id": "r2",
        "date": "2020-09-12",
        "source": "贵阳政务 2020年9期",
        "zh": "9月10日，贵阳市政府召开会议，贵阳市副市长王军出席会议。",
    },
    {
        "id": "r3",
        "date": "2020-10-08",
        "source": "成都外事 2020年10期",
        "zh": "10月5日，成都市政府外办主任王军会见了美国驻成都总领事何孟德。",
    },
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    results = []
    for name, order in (("forward", RECORDS), ("backward", RECORDS[::-1])):
        directory = tmp_path_factory.mktemp(name)
        path = directory / "records.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in order), encoding="utf-8")
        results.append(pipeline.run([str(path)], directory / "out", use_store=False))
    return results


def test_namesakes_in_other_bodies_and_cities_are_two_people(runs):
    graph = Graph().parse(runs[0].files["graph.ttl"])
    people = select(graph, "SELECT ?p WHERE { ?p a schema:Person ; rdfs:label ?l }", l=Literal("王军", lang="zh"))
    assert len(people) == 2
    articles = sorted(len(select(graph, f"SELECT ?a WHERE {{ <{p}> prov:wasDerivedFrom ?a }}")) for (p,) in people)
    assert articles == [1, 2]


def test_the_same_director_in_two_articles_is_one_person_with_evidence(runs):
    report = json.loads(runs[0].files["report.json"].read_text(encoding="utf-8"))
    merged = [m for m in report["merges"] if m["label_zh"] == "王军"]
    assert len(merged) == 1 and merged[0]["articles"] == ["r1", "r3"]
    assert "shared body or place" in merged[0]["evidence"]


def test_resolution_does_not_depend_on_input_order(runs):
    assert runs[0].files["graph.ttl"].read_bytes() == runs[1].files["graph.ttl"].read_bytes()


def test_a_body_no_text_places_is_not_joined_across_articles(tmp_path):
    records = [
        {"id": f"fao{i}", "date": "2023-05-10", "en": f"On May {i}, Li Ming of the Foreign Affairs Office met guests."}
        for i in (3, 4)
    ]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = pipeline.run([str(path)], tmp_path / "out", use_store=False)
    graph = Graph().parse(result.files["graph.ttl"], format="turtle")
    offices = select(graph, 'SELECT ?o WHERE { ?o a org:Organization ; rdfs:label "Foreign Affairs Office"@en }')
    assert len(offices) == 2
