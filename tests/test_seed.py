"""The sample page from 重庆与世界 yields the facts the issue lists, and no fragments."""

from __future__ import annotations

import pytest
from rdflib import Literal

from tests.conftest import select

pytestmark = pytest.mark.model


def _entity(graph, label_zh: str) -> str:
    rows = select(graph, "SELECT ?e WHERE { ?e rdfs:label ?zh }", zh=Literal(label_zh, lang="zh"))
    assert len(rows) == 1, f"{label_zh}: {rows}"
    return rows[0][0]


def _labels(graph, iri: str) -> dict[str, str]:
    rows = select(graph, f"SELECT ?l (lang(?l) AS ?lang) WHERE {{ <{iri}> rdfs:label ?l }}")
    return {lang: label for label, lang in rows}


def test_zhang_yongwu_is_one_person_in_both_languages(seed_graph):
    person = _entity(seed_graph, "章勇武")
    assert _labels(seed_graph, person) == {"zh": "章勇武", "en": "Zhang Yongwu"}
    assert select(seed_graph, f"SELECT ?t WHERE {{ <{person}> a ?t }}") == [("https://schema.org/Person",)]


def test_zhang_yongwu_memberships(seed_graph):
    rows = select(
        seed_graph,
        """
        SELECT ?role_zh ?role_en ?org_zh WHERE {
          ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ; bikg:confidence ?c ;
             prov:wasDerivedFrom ?a .
          ?p rdfs:label "章勇武"@zh .
          ?r rdfs:label ?role_zh, ?role_en FILTER(lang(?role_zh) = "zh" && lang(?role_en) = "en")
          ?o rdfs:label ?org_zh FILTER(lang(?org_zh) = "zh")
        }""",
    )
    assert sorted(rows) == [
        ("主任", "director-general", "市政府外办"),
        ("党组书记", "secretary of the Party Group", "市政府外办党组"),
    ]


def test_xi_jinping_general_secretary(seed_graph):
    person = _entity(seed_graph, "习近平")
    assert _labels(seed_graph, person)["en"] == "Xi Jinping"
    roles = select(
        seed_graph,
        f"""
        SELECT ?role WHERE {{ ?m org:member <{person}> ; org:role/rdfs:label ?role FILTER(lang(?role) = "en") }}""",
    )
    assert roles == [("general secretary",)]


def test_faocmg_names_and_party_group(seed_graph):
    office = _entity(seed_graph, "市政府外办")
    assert _labels(seed_graph, office)["en"] == "Foreign Affairs Office of Chongqing Municipal Government"
    alt = {row[0] for row in select(seed_graph, f"SELECT ?a WHERE {{ <{office}> skos:altLabel ?a }}")}
    assert "FAOCMG" in alt
    group = _entity(seed_graph, "市政府外办党组")
    assert select(seed_graph, f"SELECT ?p WHERE {{ <{group}> org:subOrganizationOf ?p }}") == [(office,)]
    assert "市政府外辦党组" in {r[0] for r in select(seed_graph, f"SELECT ?a WHERE {{ <{group}> skos:altLabel ?a }}")}


def test_meeting_event(seed_graph):
    rows = select(
        seed_graph,
        """
        SELECT ?e ?zh ?en ?date WHERE {
          ?e a schema:Event ; schema:startDate ?date ; bikg:confidence ?c ;
             rdfs:label ?zh, ?en FILTER(lang(?zh) = "zh" && lang(?en) = "en")
        }""",
    )
    assert len(rows) == 1
    event, label_zh, label_en, date = rows[0]
    assert date == "2020-06-01"
    assert "会议" in label_zh and "meeting" in label_en
    group = _entity(seed_graph, "市政府外办党组")
    person = _entity(seed_graph, "章勇武")
    facts = set(select(seed_graph, f"SELECT ?p ?o WHERE {{ <{event}> ?p ?o }}"))
    assert ("https://schema.org/organizer", group) in facts
    assert ("https://w3id.org/bikg/ontology#chair", person) in facts
    assert ("https://w3id.org/bikg/ontology#speaker", person) in facts
    about = {o for p, o in facts if p == "https://schema.org/about"}
    assert {_entity(seed_graph, "十三届全国人大三次会议"), _entity(seed_graph, "全国政协十三届三次会议")} <= about


def test_npc_session_and_national_bodies(seed_graph):
    session = _entity(seed_graph, "十三届全国人大三次会议")
    assert _labels(seed_graph, session)["en"] == "third session of the 13th National People's Congress"
    assert select(seed_graph, f"SELECT ?x WHERE {{ <{session}> a ?x FILTER(?x = schema:Event) }}")
    for zh, en in (("全国人大", "NPC"), ("全国政协", "CPPCC")):
        rows = select(
            seed_graph,
            "SELECT ?o WHERE { ?o a org:Organization ; skos:altLabel ?zh, ?en }",
            zh=Literal(zh, lang="zh"),
            en=Literal(en, lang="en"),
        )
        assert len(rows) == 1, zh


def test_chongqing_place_article_and_provenance(seed_graph):
    place = _entity(seed_graph, "重庆市")
    assert _labels(seed_graph, place)["en"] == "Chongqing"
    assert select(seed_graph, f"SELECT ?x WHERE {{ <{place}> a schema:Place BIND(1 AS ?x) }}")
    article = select(
        seed_graph,
        """
        SELECT ?date ?issue WHERE { ?a a schema:NewsArticle ; schema:datePublished ?date ; schema:isPartOf ?issue }""",
    )
    assert article == [("2020-08-04", "重庆与世界 2020年7期")]
    orphans = select(
        seed_graph,
        """
        SELECT ?e WHERE { { ?e a schema:Person } UNION { ?e a org:Organization } UNION { ?e a schema:Place }
                          FILTER NOT EXISTS { ?e prov:wasDerivedFrom ?a } }""",
    )
    assert orphans == []


def test_no_fragments_or_spurious_entities(seed_graph):
    labels = {
        row[0]
        for row in select(
            seed_graph,
            """
        SELECT ?l WHERE { { ?e a schema:Person } UNION { ?e a org:Organization } UNION { ?e a schema:Place }
                          ?e rdfs:label|skos:altLabel ?l }""",
        )
    }
    for fragment in (
        "外",
        "市政府外",
        "外事市政府",
        "外办外事市政府",
        "Chongqings",
        "Four Matters",
        "Xi Jinpings",
        "Party",
    ):
        assert fragment not in labels
    persons = select(seed_graph, "SELECT ?p WHERE { ?p a schema:Person }")
    assert len(persons) == 2
