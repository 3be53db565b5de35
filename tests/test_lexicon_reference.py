"""Reference places from the packages, merged under the hand gazetteer; trie-shaped alternations."""

from __future__ import annotations

import re

from pipeline.lexicon.match import _alternation, en_org_matches, en_patterns, en_place_owners, zh_org_matches
from pipeline.lexicon.reference import Division, division_records, read_divisions, short_form
from pipeline.lexicon.resources import load_lexicon

NATIONS = ("壮族", "蒙古族", "蒙古", "藏族")


def test_placeholders_of_the_division_table_are_left_out():
    rows = [
        ["500000000000", "重庆市"],
        ["500100000000", "重庆市"],
        ["500101000000", "万州区"],
        ["130100000000", "市辖区"],
        ["999900000000", "海域"],
    ]
    assert [d.name for d in read_divisions(rows)] == ["重庆市", "万州区"]


def test_short_forms_only_above_county_rank_and_without_ethnic_words():
    divisions = [
        Division("450000", "广西壮族自治区", 0),
        Division("450100", "南宁市", 1),
        Division("120101", "和平区", 2),
    ]
    records = {r.zh: r for r in division_records(divisions, NATIONS, frozenset())}
    assert records["广西壮族自治区"].zh_forms == ("广西壮族自治区", "广西")
    assert records["南宁市"].zh_forms == ("南宁市", "南宁") and records["南宁市"].within == "div-450000"
    assert records["和平区"].zh_forms == ("和平区",) and records["和平区"].en_forms == ("Heping District",)
    assert short_form("海西蒙古族藏族自治州", NATIONS) == "海西"


def test_ordinary_words_are_never_names():
    divisions = [Division("451300", "来宾市", 1), Division("110102", "城区", 2)]
    records = division_records(divisions, NATIONS, frozenset({"来宾", "城区"}))
    assert [r.zh_forms for r in records] == [("来宾市",)]


def test_hand_gazetteer_wins_and_reference_fills_the_rest():
    lexicon = load_lexicon()
    assert lexicon.lookup_zh("奉节县", "place").key == "fengjie"
    dayi = lexicon.lookup_zh("大邑县", "place")
    assert dayi.key == "div-510129" and dayi.within == "chengdu" and dayi.level == "county"
    assert lexicon.lookup_zh("乌拉圭", "place").key == "iso-uy"
    assert lexicon.lookup_zh("泰国", "place").key == "thailand"
    assert lexicon.lookup_zh("来宾", "place") is None


def test_one_character_abbreviation_only_after_a_cue():
    lexicon = load_lexicon()
    found = [(m.name, m.key) for m in zh_org_matches("驻渝总领事来蓉访问,成渝合作", lexicon) if m.table == "place"]
    assert found == [("渝", "chongqing"), ("蓉", "chengdu")]


def test_trie_alternation_prefers_the_longest_form():
    pattern = re.compile(f"(?:{_alternation({'重庆', '重庆市', '成都市', 'a.b'})})")
    assert pattern.match("重庆市政府").group() == "重庆市"
    assert pattern.match("重庆大学").group() == "重庆"
    assert pattern.match("成都") is None and pattern.match("a.b").group() == "a.b"


def test_party_committee_office_is_another_body_than_the_government_office():
    """市委外办 is the municipal committee's Office of the Foreign Affairs Commission (bikg:inPartyCommittee)."""
    lexicon = load_lexicon()
    party, government = (m.parts for m in zh_org_matches("市委外办与市政府外办", lexicon))
    assert (party.body, party.head) == ("body-municipal-party-committee", "head-foreign-affairs-commission-office")
    assert (government.body, government.head) == ("body-municipal-government", "head-fao")


def test_an_office_s_divisions_listed_after_it_and_in_english():
    lexicon = load_lexicon()
    found = [m for m in zh_org_matches("市政府外办亚洲处、领事处负责人参加会见。", lexicon) if m.table == "composed"]
    assert [(m.name, m.parts.head, m.parts.sub) for m in found] == [
        ("市政府外办亚洲处", "head-fao", "sub-asian-affairs-division"),
        ("领事处", "head-fao", "sub-consular-affairs-division"),
    ]
    (english,) = en_org_matches("the head of the Asian Affairs Division of Chongqing FAO attended", lexicon)
    assert (english.parts.place, english.parts.sub) == ("chongqing", "sub-asian-affairs-division")
    assert lexicon.sub_bodies["sub-asian-affairs-division"].named_alone
    assert not lexicon.sub_bodies["sub-party-group"].named_alone


def test_divisions_other_bodies_have_too_compose_only_after_the_office():
    lexicon = load_lexicon()
    text = "自治区外事办新闻处、省外办涉领处负责人和新闻处、综合处人员参加。"
    found = [(m.name, m.parts.sub) for m in zh_org_matches(text, lexicon) if m.table == "composed"]
    assert found == [
        ("自治区外事办新闻处", "sub-press-division"),
        ("省外办涉领处", "sub-foreign-affairs-administration-division"),
    ]


def test_an_autonomous_region_s_bodies_named_by_its_level_word_are_provincial():
    """自治区外办, 自治区人民政府: the region's bodies, a province's, not a district's (区人民政府)."""
    lexicon = load_lexicon()
    found = [
        (m.name, m.parts.level, m.parts.head, m.parts.body)
        for m in zh_org_matches("自治区人民政府和自治区外办", lexicon)
    ]
    assert found == [
        ("自治区人民政府", "province", None, "body-provincial-government"),
        ("自治区外办", "province", "head-fao", None),
    ]


def test_a_body_of_a_place_named_after_it_in_english():
    """Foreign Affairs Office of Guangxi Zhuang Autonomous Region; of the People's Government of X; Y Province."""
    lexicon = load_lexicon()
    text = (
        "the Foreign Affairs Office of Guangxi Zhuang Autonomous Region, the People's Government of Yunnan Province, "
        "the Foreign Affairs Office of the People's Government of Guangxi Zhuang Autonomous Region and the "
        "Foreign Affairs Office of Zhang Wei"
    )
    found = [(m.name, m.parts.place, m.parts.head, m.parts.body) for m in en_org_matches(text, lexicon)]
    assert found == [
        ("Foreign Affairs Office of Guangxi Zhuang Autonomous Region", "guangxi", "head-fao", None),
        ("People's Government of Yunnan Province", "yunnan", None, "body-provincial-government"),
        (
            "Foreign Affairs Office of the People's Government of Guangxi Zhuang Autonomous Region",
            "guangxi",
            "head-fao",
            None,
        ),
    ]
    assert lexicon.lookup_en("Party Leadership Group", "sub").key == "sub-party-group"


def test_a_party_committee_of_a_place_named_after_it_in_english_is_that_place_s_committee():
    lexicon = load_lexicon()
    text = (
        "Secretary of the Party Committee of Fenghua District, of the CPC Party Committee of Yunnan Province and of "
        "the CPC Committee of the Guangxi Zhuang Autonomous Region"
    )
    found = [(m.name, m.parts.place, m.parts.body) for m in en_org_matches(text, lexicon)]
    assert found == [
        ("Party Committee of Fenghua District", "div-330213", "body-district-party-committee"),
        ("CPC Party Committee of Yunnan Province", "yunnan", "body-provincial-party-committee"),
        ("CPC Committee of the Guangxi Zhuang Autonomous Region", "guangxi", "body-provincial-party-committee"),
    ]


def test_an_english_name_many_places_share_stands_for_the_best_known():
    lexicon = load_lexicon()
    owners = en_place_owners(lexicon)
    zh = {form: lexicon.places[owners[form]].zh for form in ("Suzhou", "Fuzhou", "Hainan", "Jilin", "Pingxiang")}
    assert zh == {"Suzhou": "苏州市", "Fuzhou": "福州市", "Hainan": "海南省", "Jilin": "吉林省", "Pingxiang": "萍乡市"}
    assert en_patterns(lexicon).named_forms["Hainan"] == ("place", owners["Hainan"])


def test_an_autonomous_region_s_party_committee_in_both_languages():
    lexicon = load_lexicon()
    zh = [(m.name, m.parts.place, m.parts.body) for m in zh_org_matches("广西壮族自治区党委副书记蓝天立", lexicon)]
    assert zh == [("广西壮族自治区党委", "guangxi", "body-provincial-party-committee")]
    text = "Ma Xingrui, Secretary of the CPC Xinjiang Uygur Autonomous Regional Committee, met them."
    en = [(m.parts.place, m.parts.body) for m in en_org_matches(text, lexicon)]
    assert en == [("xinjiang", "body-provincial-party-committee")]


def test_the_chinese_government_s_names_of_countries_find_them():
    lexicon = load_lexicon()
    countries = {f: e.key for e in lexicon.places.values() if e.level == "country" for f in e.zh_forms}
    for official, reference in (("吉尔吉斯斯坦", "吉尔吉斯坦"), ("马耳他", "马尔他"), ("危地马拉", "瓜地马拉")):
        assert countries[official] == countries[reference]
    assert sum(1 for e in lexicon.places.values() if e.en == "Kyrgyzstan") == 1


def test_a_division_of_a_former_office_is_that_office_s_division_in_english():
    lexicon = load_lexicon()
    text = (
        "He was Director of the European and African Affairs Division of the former Foreign and Overseas Chinese "
        "Affairs Office of Hunan Provincial People's Government."
    )
    found = [(m.parts.place, m.parts.head, m.parts.sub) for m in en_org_matches(text, lexicon)]
    assert found == [("hunan", "head-foreign-overseas-chinese-office", "sub-european-african-affairs-division")]


def test_a_country_s_official_name_is_its_short_name_and_a_word_of_state_unless_another_holds_it():
    lexicon = load_lexicon()
    forms = {key: set(lexicon.places[key].zh_forms) for key in ("czech", "congo-brazzaville", "congo-kinshasa")}
    assert "捷克共和国" in forms["czech"]
    assert "刚果民主共和国" in forms["congo-kinshasa"] and "刚果民主共和国" not in forms["congo-brazzaville"]
    (body,) = [m for m in zh_org_matches("捷克共和国驻华大使馆", lexicon) if m.start == 0]
    assert body.parts is not None and body.parts.place == "czech"


def test_every_concept_of_the_ontology_has_one_preferred_label_per_language():
    from pathlib import Path

    from rdflib import Graph
    from rdflib.namespace import SKOS

    graph = Graph()
    for turtle in sorted((Path(__file__).resolve().parents[1] / "ontology").glob("*.ttl")):
        graph.parse(turtle)
    labels: dict[tuple[object, str | None], set[str]] = {}
    for concept, label in graph.subject_objects(SKOS.prefLabel):
        labels.setdefault((concept, getattr(label, "language", None)), set()).add(str(label))
    assert {key: found for key, found in labels.items() if len(found) > 1} == {}
