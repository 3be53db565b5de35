"""Articles of the genre written for the tests: other offices, cities, provinces, titles and event kinds."""

from __future__ import annotations

import pytest
from rdflib import Literal

from tests.conftest import select

pytestmark = pytest.mark.model


def memberships(graph, person_zh: str) -> set[tuple[str, str]]:
    rows = select(
        graph,
        """
        SELECT ?role ?org WHERE {
          ?m org:member/rdfs:label ?p ; org:role/rdfs:label ?role ; org:organization/rdfs:label ?org
          FILTER(lang(?role) = "zh" && lang(?org) = "zh") }""",
        p=Literal(person_zh, lang="zh"),
    )
    return set(rows)


def event_facts(graph, label_zh_contains: str) -> tuple[str | None, set[tuple[str, str]]]:
    rows = select(
        graph,
        """
        SELECT ?e ?date WHERE { ?e a schema:Event ; rdfs:label ?l OPTIONAL { ?e schema:startDate ?date }
                                FILTER(lang(?l) = "zh" && CONTAINS(?l, ?needle)) }""",
        needle=Literal(label_zh_contains),
    )
    assert len(rows) == 1, rows
    event, date = rows[0]
    facts = select(
        graph,
        f"""
        SELECT ?p ?name WHERE {{ <{event}> ?p ?o . ?o rdfs:label ?name FILTER(lang(?name) = "zh") }}""",
    )
    return date, {(p.rsplit("/", 1)[-1].rsplit("#", 1)[-1], name) for p, name in facts}


def test_research_visit_led_and_accompanied(graph):
    date, facts = event_facts(graph, "李明调研")
    assert date == "2020-09-15"
    assert {("leader", "李明"), ("attendee", "王强"), ("location", "平安乡")} <= facts
    assert memberships(graph, "李明") == {("党组成员", "市政府外办党组"), ("副主任", "市政府外办")}
    assert memberships(graph, "王强") == {("副县长", "奉节县人民政府")}


def test_reception_of_foreign_guest(graph):
    date, facts = event_facts(graph, "会见")
    assert date == "2020-11-03"
    assert {("host", "张伟"), ("guest", "何孟德")} <= facts
    assert memberships(graph, "张伟") == {("主任", "四川省人民政府外事办公室")}


def test_another_citys_office_is_another_organisation(graph):
    rows = select(
        graph,
        """
        SELECT ?o WHERE { ?o a org:Organization ; rdfs:label ?l
                          FILTER(lang(?l) = "zh" && STRENDS(?l, "市政府外办")) }""",
    )
    assert len(rows) == 2
    assert memberships(graph, "王军") == {("党组书记", "成都市政府外办党组"), ("主任", "成都市政府外办")}
    date, facts = event_facts(graph, "成都市政府外办党组")
    assert date == "2020-07-02"
    assert {("chair", "王军"), ("speaker", "王军"), ("about", "十三届全国人大三次会议")} <= facts


def test_appointment_from_jsonl(graph):
    assert memberships(graph, "李华") == {("党组书记", "贵州省商务厅党组"), ("厅长", "贵州省商务厅")}
    rows = select(graph, 'SELECT ?en WHERE { ?p rdfs:label "李华"@zh, ?en FILTER(lang(?en) = "en") }')
    assert rows == [("Li Hua",)]


def test_chinese_only_work_review(graph):
    date, facts = event_facts(graph, "工作总结会")
    assert date == "2020-12-28"
    assert {("organizer", "重庆市商务委员会"), ("chair", "陈勇"), ("speaker", "陈勇"), ("attendee", "刘强")} <= facts
    assert memberships(graph, "刘强") == {("副市长", "重庆市人民政府")}
    kinds = select(graph, """SELECT ?k WHERE { ?e a ?k ; rdfs:label ?l FILTER(CONTAINS(?l, "工作总结会")) }""")
    assert ("https://w3id.org/bikg/ontology#WorkReview",) in kinds


def test_same_person_across_articles_is_one_node(graph):
    persons = select(graph, 'SELECT ?p WHERE { ?p a schema:Person ; rdfs:label "Zhang Yongwu"@en }')
    assert len(persons) == 1
    articles = select(graph, f"SELECT ?a WHERE {{ <{persons[0][0]}> prov:wasDerivedFrom ?a }}")
    assert len(articles) == 2


def test_cross_article_merges_are_reported_with_evidence(corpus_run):
    import json

    report = json.loads(corpus_run.files["report.json"].read_text(encoding="utf-8"))
    merged = {m["label_en"]: m for m in report["merges"]}
    zhang = merged["Zhang Yongwu"]
    assert zhang["articles"] == ["000_08a97c52deef5f3b", "105_en_only"]
    assert "zhangyongwu" in zhang["evidence"]
    assert "same office" in merged["Foreign Affairs Office of Chongqing Municipal Government"]["evidence"]


def test_one_label_per_language(graph):
    pairs = [(e, lang) for e, lang in select(graph, "SELECT ?e (lang(?l) AS ?lang) WHERE { ?e rdfs:label ?l }")]
    assert len(pairs) == len(set(pairs))


def test_only_people_chair_speak_or_lead():
    """A generated article where the English parse reaches the office through an apposition of the leader."""
    from pathlib import Path

    import pipeline
    from pipeline.model import EntityType

    page = Path(__file__).parent / "data" / "leader_apposition.txt"
    result = pipeline.extract(page.read_text(encoding="utf-8"), article_id="leader_apposition")
    people_only = [
        p for ev in result.events for p in ev.participants if p.prop in ("bikg:chair", "bikg:speaker", "bikg:leader")
    ]
    assert people_only and all(p.entity.type is EntityType.PERSON for p in people_only)


def test_extract_can_be_called_again():
    import pipeline

    record = {"id": "x", "zh": "市长唐良智会见了客人。"}
    first = pipeline.extract(record)
    second = pipeline.extract(record)
    assert [e.key for e in first.entities] == [e.key for e in second.entities]


def test_a_name_the_model_cut_short_is_repaired_from_the_english():
    import json
    from pathlib import Path

    import pipeline

    record = json.loads((Path(__file__).parent.parent / "data" / "gold" / "201_signing.json").read_text("utf-8"))
    result = pipeline.extract(record["article"])
    people = {e.labels.get("zh"): e.labels.get("en") for e in result.entities if e.type.value == "PERSON"}
    assert people == {"陈建中": "Chen Jianzhong", "王晓东": "Wang Xiaodong"}
