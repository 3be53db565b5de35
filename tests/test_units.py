"""Units that need no model: ingest, dates, names, IRIs, the vocabulary, the stage checks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.namespace import RDF

from pipeline.errors import IngestError, PipelineConfigError
from pipeline.graph.iri import mint
from pipeline.ingest.normalise import analysis_text
from pipeline.ingest.read import decode, parse_page, parse_record
from pipeline.lexicon.resources import ONTOLOGY_FILES, load_lexicon, ontology_dir
from pipeline.nlp.dates import find_dates, parse_number
from pipeline.nlp.en import possessive_stem
from pipeline.stages import DEFAULT_ORDER, check_order
from pipeline.vocab import BIKG
from tests.conftest import SEED


def test_page_metadata_and_boilerplate():
    article = parse_page(SEED.read_text(encoding="utf-8"), article_id="seed", source="seed")
    assert article.title == "市政府外办党组召开会议传达学习习近平总书记在全国两会期间重要讲话精神"
    assert article.date == dt.date(2020, 8, 4)
    assert article.periodical == "重庆与世界 2020年7期"
    assert article.keywords == ["外办外事市政府"]
    text = article.versions["zh"].text + article.versions["en"].text
    for junk in ("APP下载", "猜你喜欢", "Grapes of Wrath", "关键词"):
        assert junk not in text
    assert len(article.versions["zh"].paragraphs) == 3 and len(article.versions["en"].paragraphs) == 3


def test_traditional_characters_analysed_as_simplified_offsets_kept():
    article = parse_page("2020-08-04\n\n市政府外辦党组召开会议。", article_id="t", source="t")
    version = article.versions["zh"]
    assert version.text == "市政府外辦党组召开会议。"
    assert analysis_text(version) == "市政府外办党组召开会议。"


def test_hong_kong_variant_characters_simplified():
    article = parse_page("2024-05-10\n\n局長曾國衞率團訪問北京。", article_id="t", source="t")
    assert analysis_text(article.versions["zh"]) == "局长曾国卫率团访问北京。"


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8-sig", "重庆市外办主任会见总领事。"),
        ("gb18030", "重庆市外办主任会见总领事。"),
        ("utf-16", "重庆市外办主任会见总领事。"),
        ("big5", "重慶市外辦主任會見總領事。"),
    ],
)
def test_decode_encodings(encoding, text):
    assert decode(text.encode(encoding), "x") == text


def test_decode_rejects_binary():
    with pytest.raises(IngestError, match="binary"):
        decode(b"\x00\x01\x02\x03" * 100, "junk.bin")


def test_record_validation():
    with pytest.raises(IngestError, match='"date"'):
        parse_record({"id": "a", "date": "someday", "zh": "会议。"}, source="f.jsonl:1")
    with pytest.raises(IngestError, match="must be a JSON object"):
        parse_record(["zh"], source="f.jsonl:2")
    article = parse_record({"id": "a", "en": "One paragraph.\nAnother."}, source="f.jsonl:3")
    assert list(article.versions) == ["en"] and len(article.versions["en"].paragraphs) == 2


@pytest.mark.parametrize(
    ("text", "number"), [("十三", 13), ("三", 3), ("二〇二〇", 2020), ("third", 3), ("13th", 13), ("十", 10)]
)
def test_numbers(text, number):
    assert parse_number(text) == number


def test_dates_inferred_from_article_date():
    reference = dt.date(2020, 8, 4)
    assert find_dates("6月1日,会议", "zh", reference)[0][2] == dt.date(2020, 6, 1)
    assert find_dates("十二月二十八日", "zh", dt.date(2021, 1, 5))[0][2] == dt.date(2020, 12, 28)
    assert find_dates("On June 1st the", "en", reference)[0][2] == dt.date(2020, 6, 1)
    assert find_dates("on 3 November 2019", "en", reference)[0][2] == dt.date(2019, 11, 3)


def test_possessives_without_apostrophe():
    known = {"Chongqing"}
    assert possessive_stem("Jinpings", known) == "Jinping"
    assert possessive_stem("Chongqings", known) == "Chongqing"
    assert possessive_stem("Andrews", known) is None
    assert possessive_stem("Congress", known) is None
    assert possessive_stem("Paris", known, "GPE") is None
    assert possessive_stem("Chongqings", known, "GPE") == "Chongqing"


@given(st.lists(st.text(), min_size=1, max_size=4))
def test_minted_iris_are_safe_and_stable(key):
    iri = mint("https://w3id.org/bikg/id/", "person", *key)
    assert re.fullmatch(r"https://w3id\.org/bikg/id/person/[0-9a-f]{20}", str(iri))
    assert iri == mint("https://w3id.org/bikg/id/", "person", *key)


def test_python_vocabulary_matches_ontology():
    graph = Graph().parse(ontology_dir() / "bikg.ttl")
    declared = {str(s) for s in graph.subjects(RDF.type, None) if str(s).startswith(str(BIKG._NS))}
    schemes = {str(BIKG[name]) for name in BIKG.__annotations__} - declared
    lexicon_files = Graph()
    for name in ONTOLOGY_FILES:
        if name != "bikg.ttl":
            lexicon_files.parse(ontology_dir() / name)
    lexicon_schemes = {str(s) for s in lexicon_files.subjects(RDF.type, None) if str(s).startswith(str(BIKG._NS))}
    assert schemes <= lexicon_schemes
    assert {str(BIKG[name]) for name in BIKG.__annotations__} >= declared


def test_role_lexicon_is_bilingual_and_large():
    lexicon = load_lexicon()
    assert len(lexicon.roles) >= 40
    assert lexicon.lookup_zh("党组书记", "role").en == "secretary of the Party Group"
    assert lexicon.lookup_en("director-general", "role").zh == "主任"


def test_pipeline_checks_stage_order():
    with pytest.raises(PipelineConfigError, match="needs"):
        check_order(("ingest", "align", "nlp_zh"))
    with pytest.raises(PipelineConfigError, match="unknown stage"):
        check_order(("ingest", "normalise", "telepathy"))
    with pytest.raises(PipelineConfigError, match="cannot come after"):
        check_order((*DEFAULT_ORDER, "normalise"))
    with pytest.raises(PipelineConfigError, match="first stage"):
        check_order(("normalise", "ingest"))


def _longest_by_hand(text: str, forms: set[str]) -> list[tuple[int, int]]:
    """At each position the longest form, then on after it; else the next position."""
    found, i = [], 0
    while i < len(text):
        length = max((len(f) for f in forms if text.startswith(f, i)), default=0)
        if length:
            found.append((i, i + length))
        i += length or 1
    return found


@given(
    st.text(alphabet="重庆市政府外办", max_size=30),
    st.sets(st.text(alphabet="重庆市政府外办", min_size=1, max_size=4), min_size=1, max_size=8),
)
def test_names_are_matched_leftmost_longest(text, forms):
    from pipeline.lexicon.match import _alternation, longest_matches

    table = {form: ("place", form) for form in forms}
    found = longest_matches(text, table, re.compile(_alternation(forms)))
    assert [(m.start, m.end) for m in found] == _longest_by_hand(text, forms)


def test_a_foreign_person_named_in_english_only_is_the_person_named_in_both_languages_elsewhere():
    from pipeline.linking.resolve import resolve
    from pipeline.model import Article, Entity, EntityKey, EntityType, Extraction, KeyKind

    def person(key: str, **labels: str) -> Entity:
        return Entity("e0", EntityType.PERSON, EntityKey(KeyKind.PERSON, key), labels=labels)

    bilingual = Extraction(
        Article("b", "b"), entities=[person("feiernanduolugelisi", zh="费尔南多·卢格里斯", en="Fernando Lugris")]
    )
    english = Extraction(Article("a", "a"), entities=[person("fernandolugris", en="Fernando Lugris")])
    other = Extraction(Article("c", "c"), entities=[person("wangwen", en="Wang Wen")])
    corpus = resolve([english, bilingual, other])
    assert corpus.local_to_key[("a", "e0")] == corpus.local_to_key[("b", "e0")]
    assert len({key for key in corpus.local_to_key.values()}) == 2


def test_a_place_named_without_its_level_in_one_article_is_the_place_named_with_it_in_another():
    from pipeline.linking.resolve import resolve
    from pipeline.model import Article, Entity, EntityKey, EntityType, Extraction, KeyKind

    def places(article: str, *names: tuple[str, str]) -> Extraction:
        entities = [
            Entity(f"e{i}", EntityType.PLACE, EntityKey(KeyKind.PLACE, key), labels={"zh": label})
            for i, (key, label) in enumerate(names)
        ]
        return Extraction(Article(article, article), entities=entities)

    corpus = resolve(
        [
            places("a", ("changqi", "长崎"), ("naliang", "奈良")),
            places("b", ("changqi-city", "长崎市"), ("naliang-city", "奈良市")),
            places("c", ("naliang-county", "奈良县")),
        ]
    )
    assert corpus.local_to_key[("a", "e0")] == corpus.local_to_key[("b", "e0")]
    assert len({corpus.local_to_key[(a, e)] for a, e in (("a", "e1"), ("b", "e1"), ("c", "e0"))}) == 3


def test_a_person_with_a_post_in_a_national_body_is_one_person_wherever_named():
    from pipeline.linking.resolve import resolve
    from pipeline.model import Article, Entity, EntityKey, EntityType, Extraction, KeyKind, Membership

    def extraction(article: str, place: str, body: EntityKey | None) -> Extraction:
        person = Entity("p", EntityType.PERSON, EntityKey(KeyKind.PERSON, "xijinping"), labels={"zh": "习近平"})
        found = Extraction(Article(article, article), entities=[person], context_place=place)
        if body is not None:
            found.entities.append(Entity("o", EntityType.ORG, body))
            found.memberships.append(Membership("p", "o", "general-secretary", 0.9))
        return found

    national = EntityKey(KeyKind.GAZETTEER, "cpc-central-committee")
    local = EntityKey(KeyKind.ORG, "suzhou/head-fao")
    corpus = resolve(
        [
            extraction("a", "chongqing", national),
            extraction("b", "suzhou", None),
            extraction("c", "wuhan", EntityKey(KeyKind.GAZETTEER, "state-council")),
            extraction("d", "suzhou", local),
        ]
    )
    keys = {article: corpus.local_to_key[(article, "p")] for article in "abcd"}
    assert keys["a"] == keys["b"] == keys["c"] != keys["d"]
