"""English rules of real pages: official country names, nationality adjectives, place-prefixed acronyms,
plural heads, qualified consular posts, passive chairs and the periodical's year. The lexicon tests load no
model; the page tests run the English model on a page written in the genre's style."""

from __future__ import annotations

import datetime as dt

import pytest

import pipeline
from pipeline.lexicon.match import en_org_matches, en_patterns
from pipeline.lexicon.resources import load_lexicon
from pipeline.model import Article, EntityType


def _composed(text: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {m.name: (m.parts.place, m.parts.head, m.parts.seat) for m in en_org_matches(text, load_lexicon())}


def _english(text: str, date: str = "2023-07-22") -> pipeline.ExtractionResult:
    """The extraction of an English-only record."""
    return pipeline.load(zh_ner="lac").extract({"id": "english", "date": date, "en": text})


def _posts(result: pipeline.ExtractionResult) -> set[tuple[str, str, str]]:
    return {(m.person.labels["en"], m.membership.role, m.organization.labels["en"]) for m in result.memberships}


def _zh_titles(text: str) -> set[tuple[str, str]]:
    """(person, Chinese name of the post) of each membership an English-only record states."""
    return {(m.person.labels["en"], m.role_labels["zh"]) for m in _english(text).memberships}


def _roles(result: pipeline.ExtractionResult, event: object) -> set[tuple[str, str]]:
    labels = {e.id: e.labels.get("en") for e in result.entities}
    return {(p.prop, labels[p.entity]) for p in event.event.participants}  # type: ignore[attr-defined]


def test_an_official_country_name_finds_the_hand_gazetteer_country():
    lexicon = load_lexicon()
    assert "Kingdom of the Netherlands" in lexicon.places["netherlands"].en_forms
    assert "Republic of Belarus" in lexicon.places["belarus"].en_forms
    assert lexicon.places["netherlands"].en == "Netherlands"
    found = _composed("the Consulate-General of the Kingdom of the Netherlands in Chongqing said")
    assert found == {
        "Consulate-General of the Kingdom of the Netherlands in Chongqing": (
            "netherlands",
            "head-consulate-general",
            "chongqing",
        )
    }


def test_a_nationality_adjective_names_the_country_only_before_a_body():
    found = _composed("officials of the British Consulate-General in Chongqing and British companies")
    assert found == {
        "British Consulate-General in Chongqing": ("united-kingdom", "head-consulate-general", "chongqing")
    }
    assert "British" not in load_lexicon().en_index


def test_periodical_issue_gives_the_year_of_an_undated_page():
    assert Article("a", "a", periodical="重庆与世界 2023年8期").year_reference() == dt.date(2023, 12, 31)
    assert Article("a", "a", date=dt.date(2024, 3, 1), periodical="重庆与世界 2023年8期").year_reference() == dt.date(
        2024, 3, 1
    )
    assert Article("a", "a", periodical="重庆与世界").year_reference() is None


PAGE = """Consular Officials Briefed by Chongqing FAO

重庆与世界 2024年5期

On April 18, the Foreign Affairs Office of the Chongqing Municipal Government (Chongqing FAO) organized a \
meeting with consular officials in Chongqing. Guests included Mr. Jan de Vries, Deputy Consul-General of the \
Kingdom of the Netherlands in Chongqing, Ms. Olga Petrova, Consul of the Republic of Belarus in Chongqing, \
Mr. Tom Hartley, Commercial Consul of the British Consulate-General in Chongqing, and Mr. Ito Kenji, \
Deputy Consul-General of Japan in Chongqing. Mr. Zhou Ping, the Deputy Director-General of Chongqing FAO, \
and officials from the Foreign Affairs Offices of the Yuzhong and Jiangbei districts were also present.

The meeting was chaired by Zhou Ping, and Ms. Olga Petrova spoke on behalf of the guests.
"""


@pytest.fixture(scope="module")
def page() -> pipeline.ExtractionResult:
    return pipeline.load(zh_ner="lac").extract(PAGE)


@pytest.mark.model
def test_every_stated_post_of_an_english_page_is_read(page):
    assert _posts(page) == {
        ("Jan de Vries", "deputy-consul-general", "Consulate General of the Kingdom of the Netherlands in Chongqing"),
        ("Olga Petrova", "consul", "Consulate General of the Republic of Belarus in Chongqing"),
        ("Tom Hartley", "commercial-consul", "British Consulate-General in Chongqing"),
        ("Ito Kenji", "deputy-consul-general", "Consulate General of Japan in Chongqing"),
        ("Zhou Ping", "deputy-director-general", "Foreign Affairs Office of the Chongqing Municipal Government"),
    }


@pytest.mark.model
def test_plural_heads_are_not_organisations(page):
    organisations = {e.labels.get("en") for e in page.entities if e.type.value == "ORG"}
    assert organisations and not any(label.endswith("Offices") for label in organisations)


@pytest.mark.model
def test_an_organised_meeting_has_its_organiser_its_passive_chair_and_the_issue_year(page):
    (event,) = page.events
    roles = _roles(page, event)
    assert event.event.date == dt.date(2024, 4, 18)
    assert ("bikg:chair", "Zhou Ping") in roles
    assert ("schema:organizer", "Foreign Affairs Office of the Chongqing Municipal Government") in roles
    guests = {name for prop, name in roles if prop == "schema:attendee"}
    assert {"Jan de Vries", "Olga Petrova", "Tom Hartley", "Ito Kenji"} <= guests


@pytest.mark.model
def test_every_subject_of_a_list_with_titles_takes_part():
    text = (
        "On May 9, Yuan Jiajun, Secretary of the CPC Chongqing Municipal Committee, and Hu Henghua, Mayor of "
        "Chongqing, met with the delegation of envoys."
    )
    result = _english(text)
    (event,) = result.events
    assert {name for prop, name in _roles(result, event) if prop == "bikg:host"} == {"Yuan Jiajun", "Hu Henghua"}


def test_a_courtesy_title_introduces_a_name():
    addressed = load_lexicon().pattern("en-addressed-name")
    assert [m["name"] for m in addressed.finditer("Mr. Bruno, Commerce Commissioner, and Ms. Olga Petrova said")] == [
        "Bruno",
        "Olga Petrova",
    ]
    assert addressed.search("Mrs Lee met Madam Chair") is not None
    assert addressed.search("Murray Dr. and others") is None


@pytest.mark.model
def test_titles_written_before_their_names_stay_with_them():
    text = (
        "On June 20, the delegation held talks with Minister Counselor of Japanese Embassy Sato Yuki, "
        "Minister Counselor of Serbian Embassy Ana Petrovic, and Deputy Head of Mission of Swiss Embassy Lena Meier."
    )
    assert _posts(_english(text)) == {
        ("Sato Yuki", "minister-counsellor", "Japanese Embassy"),
        ("Ana Petrovic", "minister-counsellor", "Serbian Embassy"),
        ("Lena Meier", "deputy-chief-of-mission", "Swiss Embassy"),
    }


def test_latin_america_is_a_region_and_america_alone_no_country():
    lexicon = load_lexicon()
    assert lexicon.places["latin-america"].en == "Latin America"
    assert lexicon.lookup_en("Latin America", "place").key == "latin-america"
    assert lexicon.lookup_en("America", "place") is None


@pytest.mark.model
def test_a_list_of_ambassadors_titled_before_their_names():
    text = (
        "On July 21, the delegation included Ambassador of Slovakia to China H.E. Mr. Peter Novak, Ambassador of "
        "Moldova to China H.E. Mr. Ion Rusu, and Ambassador of Mauritius to China H.E. Mr. Alain Wong Yen Cheong."
    )
    assert _posts(_english(text)) == {
        ("Peter Novak", "ambassador", "Embassy of Slovakia in China"),
        ("Ion Rusu", "ambassador", "Embassy of Moldova in China"),
        ("Alain Wong Yen Cheong", "ambassador", "Embassy of Mauritius in China"),
    }


@pytest.mark.model
def test_presenting_is_a_ceremony_only_when_something_is_handed_over():
    assert not _english("The cooperation is presenting new opportunities.").events
    handed = _english("On July 20, Wang Wen presented him with a certificate.")
    assert [e.event.kind for e in handed.events] == ["ceremony"]


@pytest.mark.model
def test_a_title_may_begin_inside_another_title_s_words():
    result = _english(
        "On May 7, guests were received by Chongqing Foreign Affairs Office Director General Zhang Yongwu."
    )
    assert _posts(result) == {("Zhang Yongwu", "director-general", "Chongqing Foreign Affairs Office")}


def test_a_name_joined_by_a_hyphen_is_part_of_a_longer_name():
    pattern = en_patterns(load_lexicon()).named
    assert [m.group() for m in pattern.finditer("Secretary-General of ASEAN-China Centre")] == []
    assert [m.group() for m in pattern.finditer("ASEAN members met")] == ["ASEAN"]


@pytest.mark.model
def test_an_association_s_vice_president_is_its_fu_huizhang():
    titles = _zh_titles(
        "On June 28, Li Xikui, Vice President of the Chinese People's Association for Friendship with Foreign "
        "Countries, attended the event."
    )
    assert titles == {("Li Xikui", "副会长")}


@pytest.mark.model
def test_a_press_s_president_is_its_shezhang():
    titles = _zh_titles("On August 25, Liu Lan, President of Global Culture Press, attended the reception.")
    assert titles == {("Liu Lan", "社长")}


@pytest.mark.model
def test_the_chinese_government_s_special_representative_and_a_second_class_inspector_are_posts():
    titles = _zh_titles(
        "On June 3, Wu Hongbo, Special Representative of the Chinese Government on European Affairs, and Li Anjun, "
        "Second-class Inspector of the Foreign Affairs Office of Shaanxi Provincial People's Government, attended."
    )
    assert titles == {("Wu Hongbo", "特别代表"), ("Li Anjun", "二级巡视员")}


@pytest.mark.model
def test_the_director_of_a_party_committee_s_department_is_its_buzhang():
    titles = _zh_titles(
        "On June 5, Yang Honglan, Director of the Publicity Department of the CPC Yan'an Municipal Committee, and "
        "Li Hua, Director of the Yan'an Municipal Bureau of Commerce, attended."
    )
    assert titles == {("Yang Honglan", "部长"), ("Li Hua", "局长")}


@pytest.mark.model
def test_a_ministry_department_s_director_general_is_its_sizhang():
    titles = _zh_titles(
        "On May 9, Wu Xi, Director General of the Consular Department of the Ministry of Foreign Affairs, and Zhang "
        "Yongwu, Director-General of Chongqing Foreign Affairs Office, attended the event."
    )
    assert titles == {("Wu Xi", "司长"), ("Zhang Yongwu", "主任")}


@pytest.mark.model
def test_a_division_s_director_is_its_chuzhang():
    titles = _zh_titles(
        "Tang Haipeng, Director of the European Affairs Division of Chongqing FAO, and Zhou Lin, Deputy Director "
        "of the Consular Affairs Division of Chongqing FAO, attended the meeting."
    )
    assert titles == {("Tang Haipeng", "处长"), ("Zhou Lin", "副处长")}


@pytest.mark.model
def test_the_body_word_that_names_the_body_itself_chooses_the_post():
    titles = _zh_titles(
        "Tang Haipeng, Director of the European Affairs Division of the Foreign Affairs Office of Chongqing "
        "Municipal People's Government, attended the meeting."
    )
    assert titles == {("Tang Haipeng", "处长")}


@pytest.mark.model
def test_a_provincial_department_s_director_general_is_its_tingzhang():
    titles = _zh_titles(
        "Zhao Lixin, Deputy Director-General of the Shaanxi Provincial Department of Commerce, Xu Liping, "
        "Director-General of the Department of Commerce of Jiangxi Province, Tan Xiaohua, Director-General of the "
        "Foreign Affairs Office of Hunan Province, and Li Hua, Director of the Public Security Bureau of Hunan "
        "Province, attended the event."
    )
    assert titles == {("Zhao Lixin", "副厅长"), ("Xu Liping", "厅长"), ("Tan Xiaohua", "主任"), ("Li Hua", "局长")}


def test_a_commission_named_commission_of_its_field_is_composed():
    found = _composed("Huang He, Deputy Director of Chongqing Municipal Commission of Commerce, attended.")
    assert found == {"Chongqing Municipal Commission of Commerce": ("chongqing", "head-commerce-commission", None)}


def test_an_information_office_and_a_bureau_of_its_field_are_composed():
    found = _composed(
        "The tour is hosted by the Information Office of Shaanxi Provincial Government. On March 15, the Xiamen "
        "Municipal Bureau of Commerce held a briefing."
    )
    assert sorted(found.values()) == [
        ("shaanxi", "head-information-office", None),
        ("xiamen", "head-commerce-bureau", None),
    ]


def test_the_consular_corps_of_a_city_is_a_body_of_that_city_in_both_languages():
    from pipeline.lexicon.match import zh_org_matches

    found = _composed("Faizah, Dean of the Consular Corps in Kunming, and the consular corps in Chongqing attended.")
    assert sorted(found.values()) == [
        ("chongqing", "head-consular-corps", None),
        ("kunming", "head-consular-corps", None),
    ]
    zh = "外国驻昆领团团长法依萨、各国驻穗领团成员和驻昆明领团代表出席。"
    assert {m.name: m.parts.place for m in zh_org_matches(zh, load_lexicon()) if m.parts} == {
        "外国驻昆领团": "kunming",
        "各国驻穗领团": "guangzhou",
        "驻昆明领团": "kunming",
    }


def test_the_party_committee_s_foreign_affairs_office_in_its_work_commission_form_is_composed():
    found = _composed(
        "Director of the Office of the Foreign Affairs Work Commission of the CPC Chongqing Municipal Committee"
    )
    assert list(found.values()) == [("chongqing", "head-foreign-affairs-commission-office", None)]


def test_a_body_a_mirror_prints_without_apostrophes_is_composed():
    found = _composed(
        "Zhao Shiqing, Vice Chairman of the Standing Committee of the Chongqing Municipal Peoples Congress"
    )
    assert [parts[0] for parts in found.values()] == ["chongqing"]


@pytest.mark.model
def test_a_local_congress_standing_committee_s_chairman_is_its_zhuren_not_the_npc_s_weiyuanzhang():
    titles = _zh_titles(
        "On May 9, Wang Jiong, Chairman of the Standing Committee of the Chongqing Municipal People's Congress, and "
        "Zhao Shiqing, Vice Chairman of the Standing Committee of the Chongqing Municipal Peoples Congress, attended."
    )
    assert titles == {("Wang Jiong", "主任"), ("Zhao Shiqing", "副主任")}


@pytest.mark.model
def test_a_post_qualified_as_outgoing_or_new_is_still_held():
    titles = _zh_titles(
        "On December 20, Wang Wen met with Diana Martin, the outgoing Consul General of Canada in Chongqing, and "
        "Li Hua, the newly appointed Consul General of Thailand in Chengdu."
    )
    assert titles == {("Diana Martin", "总领事"), ("Li Hua", "总领事")}


@pytest.mark.model
def test_a_place_the_model_also_reads_as_a_person_is_a_place():
    result = _english(
        "On February 12, Hu Henghua met with Dolgorsuren Sumiyabazar, Mayor of Ulaanbaatar, Mongolia. "
        "Sumiyabazar said Ulaanbaatar is willing to strengthen friendly exchanges with Chongqing."
    )
    persons = {e.labels.get("en") for e in result.entities if e.type.name == "PERSON"}
    assert "Ulaanbaatar" not in persons and "Dolgorsuren Sumiyabazar" in persons


@pytest.mark.model
def test_a_commission_s_director_is_its_zhuren():
    titles = _zh_titles(
        "On May 9, Huang He, Deputy Director of Chongqing Municipal Commission of Commerce, and Li Hua, Director of "
        "the Chongqing Public Security Bureau, attended the event."
    )
    assert titles == {("Huang He", "副主任"), ("Li Hua", "局长")}


@pytest.mark.model
def test_a_politburo_member_s_next_post_is_read_too():
    titles = _zh_titles(
        "On May 9, Yuan Jiajun, Member of the Political Bureau of the CPC Central Committee and Secretary of the CPC "
        "Chongqing Municipal Committee, met the guests."
    )
    assert titles == {("Yuan Jiajun", "政治局委员"), ("Yuan Jiajun", "书记")}


@pytest.mark.model
def test_a_place_in_a_law_s_name_is_not_mentioned():
    result = _english(
        "On May 9, Wu Xi gave a lecture on the Regulations of the People's Republic of China on Consular Protection "
        "and Assistance in Chongqing."
    )
    assert {e.labels["en"] for e in result.entities if e.type.name == "PLACE"} == {"Chongqing"}


@pytest.mark.model
def test_a_place_before_a_title_names_its_government():
    result = _english("On May 9, Singapore Prime Minister Lee Ming and Chongqing Mayor Hu Henghua attended the forum.")
    posts = {(m.membership.role, m.organization.labels["en"]) for m in result.memberships}
    assert ("prime-minister", "Government of Singapore") in posts
    assert ("mayor", "Chongqing Municipal People's Government") in posts


def test_a_place_before_an_office_s_acronym_names_that_place_s_office():
    found = _composed("Wang Wen, Director-General of Chongqing FAO, and Li Ming of UN FAO met.")
    assert found == {"Chongqing FAO": ("chongqing", "head-fao", None)}


@pytest.mark.model
def test_every_post_of_a_comma_chain_of_titled_names_is_read():
    text = (
        "On February 3, Wang Wen, Director-General of Chongqing FAO, Qian Jianchao, Secretary of the CPC Liangping "
        "District Committee, Chen Mengwen, Deputy Secretary of the CPC Liangping District Committee and District "
        "Mayor of Liangping District, and Li Mingquan, Deputy Director-General of Chongqing FAO, attended the event."
    )
    assert {(person, role) for person, role, _ in _posts(_english(text))} == {
        ("Wang Wen", "director-general"),
        ("Qian Jianchao", "party-secretary"),
        ("Chen Mengwen", "deputy-party-secretary"),
        ("Chen Mengwen", "district-head"),
        ("Li Mingquan", "deputy-director-general"),
    }


def test_district_bodies_and_a_party_committee_s_office_in_english():
    assert _composed(
        "the People's Government of Wanzhou District and the Foreign Affairs Office of Yuzhong District"
    ) == {
        "People's Government of Wanzhou District": ("wanzhou", None, None),
        "Foreign Affairs Office of Yuzhong District": ("yuzhong", "head-fao", None),
    }
    assert _composed("Governor of the People's Government of Sichuan Province") == {
        "People's Government of Sichuan Province": ("sichuan", None, None)
    }
    peoples = "Foreign Affairs Office of Chongqing Municipal Peoples Government"
    assert _composed(f"Director-General of the {peoples}, met") == {peoples: ("chongqing", "head-fao", None)}
    assert _composed("Mr. Roux thanked the Foreign Affairs Office for its support") == {
        "Foreign Affairs Office": (None, "head-fao", None)
    }
    beijing = "Foreign Affairs Office of the People's Government of Beijing Municipality"
    assert _composed(f"the {beijing} said") == {beijing: ("beijing", "head-fao", None)}
    office = "Office of the Foreign Affairs Commission of the CPC Chongqing Municipal Committee"
    assert _composed(f"the {office} held") == {office: ("chongqing", "head-foreign-affairs-commission-office", None)}


@pytest.mark.model
def test_a_name_before_a_comma_and_a_title_is_a_person_and_an_unknown_body_gets_no_default():
    text = (
        "On August 29, Bálint Czégel, Consul General of Hungary in Chongqing, Pim ten Haaf, Deputy Consul General "
        "of the Netherlands in Chongqing, and Attila Péterffy, Mayor of Pécs, attended the Foreign Affairs Office, "
        "the Director said."
    )
    result = _english(text)
    persons = {e.labels["en"] for e in result.entities if e.type.name == "PERSON"}
    assert {"Pim ten Haaf", "Attila Péterffy"} <= persons
    assert not any(name.startswith(("Foreign", "Affairs")) for name in persons)
    assert not any(person == "Attila Péterffy" for person, _, _ in _posts(result))


@pytest.mark.model
def test_a_foreign_governor_s_government_does_not_repeat_the_level_word():
    result = _english(
        "On May 3, Somkham Bounma, Governor of Champasak Province, Laos, and Atiqul Islam, Mayor of Dhaka North "
        "City, Bangladesh, met Li Ming in Chongqing."
    )
    assert _posts(result) == {
        ("Somkham Bounma", "governor", "Champasak Provincial Government"),
        ("Atiqul Islam", "mayor", "Dhaka North City Government"),
    }


@pytest.mark.model
def test_a_place_named_with_its_level_elsewhere_and_title_words_are_no_persons():
    result = _english(
        "On May 14, Wang Wen met with Khamphanh Sisavong, Governor of Luang Prabang Province. Wang said Yunnan and "
        "Luang Prabang are close neighbours. Mr. Kenneth Chan, Honorary Consul of Estonia in Chongqing, and Ms. Grace "
        "Mwale, Ambassador Extraordinary and Plenipotentiary of Zambia to China, attended."
    )
    persons = {e.labels.get("en") for e in result.entities if e.type.name == "PERSON"}
    assert persons == {"Wang Wen", "Khamphanh Sisavong", "Kenneth Chan", "Grace Mwale"}
    assert ("Kenneth Chan", "honorary-consul", "Honorary Consulate of Estonia in Chongqing") in _posts(result)


@pytest.mark.model
def test_a_title_before_a_name_takes_the_body_or_place_named_after_it():
    result = _english(
        "On November 12, Vice Governor Chen Xiaoguang met with Governor Lee Jae-hoon of North Chungcheong Province "
        "and Director-General Qin Wenhua of Hubei FAO in Wuhan."
    )
    assert ("Lee Jae-hoon", "governor", "North Chungcheong Provincial Government") in _posts(result)
    assert ("Qin Wenhua", "director-general", "Hubei FAO") in _posts(result)
    places = {e.labels.get("en") for e in result.entities if e.type.name == "PLACE"}
    assert "North Chungcheong Province" not in places and "Wuhan" in places


@pytest.mark.model
def test_a_one_word_gazetteer_body_inside_a_person_s_name_is_none():
    result = _english("Governor Dao Xinhua of Xishuangbanna Prefecture met the guests in Jinghong.")
    assert {e.labels.get("en") for e in result.entities if e.type.name == "PERSON"} == {"Dao Xinhua"}
    assert not [e for e in result.entities if e.type.name == "ORG" and e.labels.get("en") == "Xinhua News Agency"]


@pytest.mark.model
def test_a_prefecture_s_governor_and_an_autonomous_place_named_with_its_peoples():
    result = _english(
        "Governor Dao Xinhua of Xishuangbanna Prefecture met the guests. Li Ming, Vice Governor of Enshi Tujia and "
        "Miao Autonomous Prefecture, attended. The delegation then visited Enshi Tujia and Miao Autonomous Prefecture."
    )
    assert _posts(result) == {
        ("Dao Xinhua", "state-governor", "Xishuangbanna Prefectural People's Government"),
        ("Li Ming", "deputy-state-governor", "Enshi Prefectural People's Government"),
    }
    places = {e.key.path for e in result.entities if e.type.name == "PLACE"}
    assert places == {"div-422800"}


@pytest.mark.model
def test_a_surname_after_a_title_and_a_company_opening_with_a_province_s_name():
    result = _english(
        "Kenichi Kobayashi, Governor of Aichi Prefecture, Japan, led a delegation to Jiangsu. Vice Governor Fang Wei "
        "met with him. Vice Governor Fang and Governor Kobayashi delivered speeches. Shaanxi Coal and Chemical "
        "Industry Group signed a letter with Yuan Jiajun."
    )
    assert not any(person == "Fang Wei" and role == "governor" for person, role, _ in _posts(result))
    persons = {e.labels.get("en") for e in result.entities if e.type.name == "PERSON"}
    assert persons == {"Kenichi Kobayashi", "Fang Wei", "Yuan Jiajun"}


def test_an_adjective_of_nationality_the_hand_list_lacks_names_its_country():
    found = _composed("the Zambian Embassy, the Brazilian Embassy and the Cuban Embassy")
    assert {name: place for name, (place, _, _) in found.items()} == {
        "Zambian Embassy": "iso-zm",
        "Brazilian Embassy": "brazil",
        "Cuban Embassy": "iso-cu",
    }


@pytest.mark.model
def test_an_embassy_named_without_its_seat_is_the_one_in_china():
    result = _english(
        "Marvin Banda, Ambassador of Zambia to China, and Grace Mwale, Counsellor of the Zambian Embassy, attended."
    )
    embassies = {e.key.path for e in result.entities if e.type.name == "ORG"}
    assert embassies == {"iso-zm/head-embassy@china"}


@pytest.mark.model
def test_a_deputy_head_is_the_deputy_of_the_body_whose_word_comes_first():
    titles = _zh_titles(
        "Zheng Guohua, Deputy Head of the Organization Department of the CPC Chongqing Municipal Committee, Huang "
        "Xin, Deputy Head of Yuzhong District, and Li Hua, Deputy Head of Fengjie County, attended."
    )
    assert titles == {("Zheng Guohua", "副部长"), ("Huang Xin", "副区长"), ("Li Hua", "副县长")}


@pytest.mark.model
def test_a_name_after_his_excellency_is_a_person_and_a_station_a_place():
    result = _english(
        "On June 25, Jiang Wenhui met with H.E. Prak Sophal, Governor of Siem Reap Province, and visited "
        "Xishuangbanna Station of the China-Laos Railway."
    )
    kinds = {e.labels.get("en"): e.type.name for e in result.entities}
    assert kinds["Prak Sophal"] == "PERSON" and kinds["Xishuangbanna Station"] == "PLACE"
    assert not any("H.E." in name for name in kinds)


@pytest.mark.model
def test_two_places_joined_by_a_dash_qualify_a_noun_and_are_no_places():
    result = _english(
        "On March 28, the two sides discussed the 60th anniversary of China-France diplomatic relations and the "
        "Chengdu–Chongqing economic circle. The consul general will visit France next month."
    )
    places = {e.labels.get("en") for e in result.entities if e.type.name == "PLACE"}
    assert places == {"France"}


def test_no_venue_inside_a_quoted_programme_name():
    from pipeline.nlp.venues import venue_spans

    text = 'It held the "Consular Corps in Kunming Visit Central Yunnan New Area" program at the Haigeng Hall.'
    assert [text[s:e] for s, e in venue_spans(text, "en", load_lexicon().venues)] == ["Haigeng Hall"]
    text = "双方在《关于在重庆国际博览中心举办展会的协议》上签字。代表团在外事大楼座谈。"
    assert [text[s:e] for s, e in venue_spans(text, "zh", load_lexicon().venues)] == ["外事大楼"]


@pytest.mark.model
def test_a_congress_s_standing_committee_is_one_body_after_a_title_naming_it():
    result = _english(
        "Zhao Shiqing, Vice Chairman of the Standing Committee of the Chongqing Municipal People's Congress, attended."
    )
    assert _zh_titles_of(result) == {("Zhao Shiqing", "副主任")}
    bodies = {e.labels.get("en") for e in result.entities if e.type.name == "ORG"}
    assert bodies == {"Standing Committee of the Chongqing Municipal People's Congress"}


def _zh_titles_of(result: pipeline.ExtractionResult) -> set[tuple[str, str]]:
    return {(m.person.labels["en"], m.role_labels["zh"]) for m in result.memberships}


@pytest.mark.model
def test_an_area_s_administrative_committee_is_a_body():
    result = _english("Zhou Zheng, Deputy Director of the Liangjiang New Area Administrative Committee, attended.")
    assert _zh_titles_of(result) == {("Zhou Zheng", "副主任")}
    assert {e.labels.get("en") for e in result.entities if e.type.name == "ORG"} == {
        "Liangjiang New Area Administrative Committee"
    }


def test_a_body_the_model_names_with_a_place_after_of_is_a_body():
    from pipeline.nlp.en import _model_candidate

    lexicon = load_lexicon()
    text = "Hoang Van Minh, Vice Chairman of the People's Committee of Lang Son Province of Viet Nam, and his team"
    start, end = text.index("the People"), text.index(" of Viet")
    found = _model_candidate(text, start, end, "ORG", [], set(), {}, frozenset({"Province"}), lexicon.org_head_words)
    assert [(text[c.start : c.end], c.type.name) for c in found] == [("People's Committee of Lang Son Province", "ORG")]


def test_a_body_the_model_cuts_at_of_goes_on_and_an_acronym_is_no_person():
    from pipeline.nlp.en import _model_candidate

    lexicon = load_lexicon()
    words = lexicon.org_head_words
    text = "Wei Ran met Huang Van Hung, Director of the Department of Foreign Affairs of Lang Son Province, Viet Nam."
    start, end = text.index("the Department"), text.index(" Lang")
    found = _model_candidate(text, start, end, "ORG", [], set(), {}, frozenset({"Province"}), words)
    assert [(text[c.start : c.end], c.type.name) for c in found] == [
        ("Department of Foreign Affairs of Lang Son Province", "ORG")
    ]
    text = "On March 15, XMFAO and the Xiamen Municipal Bureau of Commerce held a briefing."
    start = text.index("XMFAO")
    assert _model_candidate(text, start, start + 5, "PERSON", [], set(), {}, frozenset(), words) == []


def test_no_person_ends_in_a_body_s_word_or_a_place_s_name():
    from pipeline.extractors.roles import _opens_longer_name
    from pipeline.lexicon.match import en_place_owners
    from pipeline.nlp.en import _model_candidate

    lexicon = load_lexicon()
    named = {form: ("place", key) for form, key in en_place_owners(lexicon).items()}
    text = "Bavaria, Upper Austria and Sichuan International Studies University; Vice Governor Yu Jian came."

    def read(name: str) -> list[tuple[str, str]]:
        start = text.index(name)
        found = _model_candidate(
            text, start, start + len(name), "PERSON", [], set(), named, frozenset(), lexicon.org_head_words
        )
        return [(text[c.start : c.end], c.type.name) for c in found]

    assert read("Upper Austria") == [("Upper Austria", "PLACE")]
    assert read("International Studies University") == []
    assert read("Yu Jian") == [("Yu Jian", "PERSON")]
    assert _opens_longer_name(text, text.index(" International"), lexicon)
    assert not _opens_longer_name(text, text.index("; Vice"), lexicon)


def test_a_title_ending_in_a_body_s_name_is_read_before_of_but_one_ending_in_a_kind_of_body_is_not():
    from pipeline.lexicon.match import en_patterns

    text = (
        "Yuan Jiajun, Member of the Political Bureau of the CPC Central Committee, met Li Hua, Director-General of "
        "the Department of Commerce of Jiangxi Province."
    )
    titles = [m.group() for m in en_patterns(load_lexicon()).roles.finditer(text)]
    assert "Member of the Political Bureau" in titles
    assert "Director-General of the Department" not in titles


def test_an_executive_vice_president_is_a_title_of_its_own():
    from pipeline.lexicon.match import en_patterns, role_entry_en

    lexicon = load_lexicon()
    text = "Wang Wen was elected President, Li Mingquan Executive Vice President and Liu Yang Secretary-General."
    titles = [m.group() for m in en_patterns(lexicon).roles.finditer(text)]
    assert "Executive Vice President" in titles
    assert role_entry_en(lexicon, "Executive Vice President").zh == "常务副会长"


def test_a_resort_is_a_venue_in_both_languages():
    from pipeline.nlp.venues import venue_spans

    venues = load_lexicon().venues
    text = "Wei Ran met the delegation at the Liyuan Resort in Nanning."
    assert [text[s:e] for s, e in venue_spans(text, "en", venues)] == ["Liyuan Resort"]
    zh = "魏然在荔园山庄会见代表团。"
    assert [zh[s:e] for s, e in venue_spans(zh, "zh", venues)] == ["荔园山庄"]


def test_a_community_and_a_showroom_visited_are_venues_in_both_languages():
    from pipeline.nlp.venues import venue_spans

    venues = load_lexicon().venues
    text = "The consuls toured the Jimingshan International Community and the Planning Showroom."
    assert [text[s:e] for s, e in venue_spans(text, "en", venues)] == [
        "Jimingshan International Community",
        "Planning Showroom",
    ]
    zh = "领事们走进鸡鸣山国际融合社区,随后参观了深合区规划展厅。"
    assert [zh[s:e] for s, e in venue_spans(zh, "zh", venues)] == ["鸡鸣山国际融合社区", "深合区规划展厅"]


@pytest.mark.model
def test_an_ambassador_named_before_the_country_holds_the_embassy_and_an_embassy_s_minister_is_its_envoy():
    result = _english(
        "The delegation met Minister Ueno Asako of the Japanese Embassy and Ambassador Khalil Hashmi of Pakistan."
    )
    assert _posts(result) == {
        ("Ueno Asako", "envoy-minister", "Japanese Embassy"),
        ("Khalil Hashmi", "ambassador", "Embassy of Pakistan in China"),
    }


def test_a_bare_name_after_a_title_and_a_name_opening_with_an_initial_are_persons():
    from pipeline.nlp.en import _model_candidate

    lexicon = load_lexicon()
    forms = (lexicon.pattern("en-honorific"), lexicon.pattern("en-initial-name"))
    words = lexicon.org_head_words
    text = "Liang Huiling met with Consul General Linnik and called on B. Delgersaikhan, the minister."
    title = (text.index("Consul"), text.index(" Linnik"))
    linnik = _model_candidate(text, title[0], text.index(" and"), "ORG", [title], set(), {}, frozenset(), words, forms)
    initial = (text.index("B."), text.index(", the"))
    named = _model_candidate(text, *initial, "GPE", [], set(), {}, frozenset(), words, forms)
    assert [(text[c.start : c.end], c.type.name) for c in linnik + named] == [
        ("Linnik", "PERSON"),
        ("B. Delgersaikhan", "PERSON"),
    ]


def test_a_mission_s_seat_run_into_the_name_after_it_is_split_off():
    from pipeline.nlp.en import _seats_apart

    text = "Chinese Consul General in Sydney Li Huaxin and Ambassador to Sudan Ma Xinmin met Consul General Tom Lee."
    roles = [(8, 22), (47, 57), (81, 95)]
    named = {"Sudan": ("place", "iso-sd")}
    spans = [(26, 35, "PERSON"), (61, 76, "PERSON"), (96, 103, "PERSON")]
    found = {text[s:e]: label for s, e, label in _seats_apart(spans, text, roles, named)}
    assert found == {"Sydney": "GPE", "Li Huaxin": "PERSON", "Sudan": "GPE", "Ma Xinmin": "PERSON", "Tom Lee": "PERSON"}


def test_a_lone_word_of_one_full_name_is_that_person_again():
    from pipeline.model import EntityType
    from pipeline.nlp.en import _bare_surnames
    from pipeline.nlp.mentions import Candidate

    text = "Wang Wen met He Jian. Wang attended the ceremony. He said Jian Li Wang agreed. Baker Street."
    persons = [Candidate(0, 8, "model", EntityType.PERSON), Candidate(13, 20, "model", EntityType.PERSON)]
    found = {text[c.start : c.end] for c in _bare_surnames(text, persons)}
    assert found == {"Wang"}  # not the pronoun He, not Wang inside another name
    assert [c.start for c in _bare_surnames(text, persons)] == [22]


def test_a_seat_the_model_reads_as_a_place_before_a_name_cut_short_gives_the_whole_name():
    from pipeline.nlp.en import _seats_apart

    text = "presided over by British Consul General in Chongqing Rosalind Baker."
    start = text.index("Chongqing")
    roles = [(text.index("Consul"), text.index(" in "))]
    spans = [(start, start + 9, "GPE"), (text.index("Baker"), text.index("Baker") + 5, "PERSON")]
    named = {"Chongqing": ("place", "chongqing")}
    found = [(text[s:e], label) for s, e, label in _seats_apart(spans, text, roles, named)]
    assert ("Chongqing", "GPE") in found and ("Rosalind Baker", "PERSON") in found


@pytest.mark.model
def test_an_english_digest_tells_each_happening_apart():
    result = _english(
        "On March 14, Wang Wen, Director-General of Chongqing FAO, met with Watanabe Nobuyuki, Consul General "
        "of Japan in Chongqing. On the afternoon of the same day, Wang attended and addressed the opening "
        "ceremony of the UK Culture Week. From March 16 to 17, Li Mingquan, Deputy Director-General of "
        "Chongqing FAO, led a research team to Yubei District.",
        date="2024-04-10",
    )
    kinds = {(e.kind, e.date.isoformat()) for e in result.events}
    assert kinds == {("reception", "2024-03-14"), ("ceremony", "2024-03-14"), ("research-visit", "2024-03-16")}
    ceremony = next(e for e in result.events if e.kind == "ceremony")
    assert ("bikg:speaker", "Wang Wen") in _roles(result, ceremony)


def test_an_english_venue_s_name_may_hold_and_but_two_venues_stay_two():
    from pipeline.nlp.venues import venue_spans

    venues = load_lexicon().venues
    text = (
        "It opened at the Nanning International Convention and Exhibition Center. "
        "They toured Liangjiang New Area and Guoyuan Port."
    )
    found = {text[s:e] for s, e in venue_spans(text, "en", venues)}
    assert "Nanning International Convention and Exhibition Center" in found
    assert "Liangjiang New Area" in found and not any("and Guoyuan" in name for name in found)


def test_an_english_venue_visited_or_seen_ends_in_any_venue_word():
    from pipeline.nlp.venues import venue_spans

    text = (
        "Burns toured the Mogao Grottoes. They will visit the Hong Kong Science Park and see the Shimao Site. "
        "Lin visited the Cebu City Sports Center. Lee met him at Government House."
    )
    assert [text[s:e] for s, e in venue_spans(text, "en", load_lexicon().venues)] == [
        "Mogao Grottoes",
        "Hong Kong Science Park",
        "Shimao Site",
        "Cebu City Sports Center",
        "Government House",
    ]


@pytest.mark.model
def test_consuls_named_after_a_nationality_a_seat_or_a_comma_are_persons_of_their_missions():
    result = _english(
        "Australian Consul-General in Guangzhou Andrew Hay was present. Luo Jun met with Charoen Sompa, the newly "
        "arrived Consul General of Thailand in Guangzhou. Ali Al-Hammadi, Consul General of Kuwait, spoke. Zhang Wei "
        "met with US Consul General in Chengdu Jim Mullinax. Russian Ambassador Igor Morgulov attended."
    )
    posts = _posts(result)
    assert ("Andrew Hay", "consul-general", "Consulate General of Australia in Guangzhou") in posts
    assert ("Charoen Sompa", "consul-general", "Consulate General of Thailand in Guangzhou") in posts
    assert ("Jim Mullinax", "consul-general", "Consulate General of the United States in Chengdu") in posts
    assert "Ali Al-Hammadi" in {e.labels.get("en") for e in result.entities}
    assert not any(org.startswith("Government of") for _, _, org in posts)  # an ambassador is his embassy's


@pytest.mark.model
def test_a_post_taken_up_on_a_date_stated_in_english_carries_that_date():
    result = _english(
        "On July 12, Wang Wen met with Kenneth Yap, Consul General of Singapore in Chongqing. Yap, who assumed "
        "office in February 2024, thanked her. Hans Berg, Consul General of Sweden in Shanghai, has served in the "
        "post since 2021 and met Wang on March 5. Olga Petrova, Consul of Belarus in Chongqing, took up her post "
        "in October last year.",
        date="2024-07-15",
    )
    starts = {m.person.labels["en"]: m.start for m in result.memberships}
    assert starts == {"Kenneth Yap": "2024-02", "Hans Berg": "2021", "Olga Petrova": "2023-10"}


@pytest.mark.model
def test_a_post_named_by_its_ministry_s_field_is_a_post_of_that_ministry():
    titles = _posts(
        _english(
            "On May 3, Sun Weidong, Vice Minister of Foreign Affairs, and Wang Shouwen, Vice Minister of Commerce, "
            "met Hu Henghua. Kim Jong, Vice Minister of Culture of Korea, attended."
        )
    )
    assert ("Sun Weidong", "vice-minister", "Ministry of Foreign Affairs") in titles
    assert ("Wang Shouwen", "vice-minister", "Ministry of Commerce") in titles
    assert not any(person == "Kim Jong" and body.startswith("Ministry of Culture") for person, _, body in titles)


def test_a_county_the_model_takes_for_a_one_word_person_is_a_place_but_a_name_part_is_not():
    from pipeline.nlp.en import _places_named_as_persons, county_names
    from pipeline.nlp.mentions import Candidate

    text = "Envoys visited Zhengzhou and Dengfeng. Mayor Wang Heping met Heping and Li Wei."
    spans = {"Dengfeng": None, "Wang Heping": None, "Heping": None, "Li Wei": None}
    candidates = [
        Candidate(text.index(name), text.index(name) + len(name), "model", EntityType.PERSON) for name in spans
    ]
    _places_named_as_persons(candidates, text, (), county_names(load_lexicon()))
    assert [(text[c.start : c.end], c.type, c.key and c.key.path) for c in candidates] == [
        ("Dengfeng", EntityType.PLACE, "div-410185"),
        ("Wang Heping", EntityType.PERSON, None),
        ("Heping", EntityType.PERSON, None),
        ("Li Wei", EntityType.PERSON, None),
    ]


def test_a_person_a_title_s_of_names_before_a_country_is_a_place_of_that_country():
    from pipeline.nlp.en import _places_of_countries, country_names
    from pipeline.nlp.mentions import Candidate

    text = (
        "Rajesh Mohit, Mayor of Beau Bassin-Rose Hill, Mauritius, visited Changzhou. "
        "Li Ming met the wife of Jose Silva, Portugal's consul general."
    )
    spans = ("Rajesh Mohit", "Beau Bassin-Rose Hill", "Jose Silva")
    candidates = [
        Candidate(text.index(name), text.index(name) + len(name), "model", EntityType.PERSON) for name in spans
    ]
    _places_of_countries(candidates, text, country_names(load_lexicon()))
    assert [c.type for c in candidates] == [EntityType.PERSON, EntityType.PLACE, EntityType.PERSON]


def test_the_places_envoys_are_based_in_are_their_seats_not_places_of_the_article():
    from pipeline.nlp.en import _without_places_in_names_and_titles
    from pipeline.nlp.mentions import Candidate

    text = "Consuls general of 23 countries based in Macao and Hong Kong toured Hengqin. Li Ming lives in Shanghai."
    spans = ("Macao", "Hong Kong", "Hengqin", "Shanghai")
    candidates = [
        Candidate(text.index(name), text.index(name) + len(name), "named", EntityType.PLACE) for name in spans
    ]
    kept = _without_places_in_names_and_titles(candidates, text, [], load_lexicon())
    assert [text[c.start : c.end] for c in kept] == ["Hengqin", "Shanghai"]


def test_the_foreign_ministry_s_commissioner_offices_are_one_body_in_both_languages():
    lexicon = load_lexicon()
    named = en_patterns(lexicon).named_forms
    assert named["Office of the Commissioner of the Ministry of Foreign Affairs in the Macao SAR"][1] == "ocmfa-macao"
    assert named["Office of the Commissioner of the Ministry of Foreign Affairs in the HKSAR"][1] == "ocmfa-hong-kong"
    assert lexicon.lookup_zh("外交部驻澳门特派员公署", "org").key == "ocmfa-macao"


def test_a_place_opening_a_body_s_name_the_model_found_is_no_mention_of_its_own():
    from pipeline.nlp.en import _without_places_opening_bodies
    from pipeline.nlp.mentions import Candidate

    text = "The camp was organized by Chongqing University in Chongqing."
    university, city = text.index("Chongqing University"), text.rindex("Chongqing")
    candidates = [
        Candidate(university, university + len("Chongqing University"), "model", EntityType.ORG),
        Candidate(university, university + len("Chongqing"), "named", EntityType.PLACE),
        Candidate(city, city + len("Chongqing"), "named", EntityType.PLACE),
    ]
    kept = _without_places_opening_bodies(candidates)
    assert [(text[c.start : c.end], c.type) for c in kept] == [
        ("Chongqing University", EntityType.ORG),
        ("Chongqing", EntityType.PLACE),
    ]
    assert kept[1].start == city


def test_hong_kong_s_bureaus_joined_by_ji_are_one_body_in_both_languages():
    lexicon = load_lexicon()
    assert lexicon.lookup_zh("政制及内地事务局", "org").key == "hk-cmab"
    assert en_patterns(lexicon).named_forms["Constitutional and Mainland Affairs Bureau"][1] == "hk-cmab"
    assert lexicon.lookup_zh("商务及经济发展局", "org").en == "Commerce and Economic Development Bureau"


@pytest.mark.model
def test_what_is_told_during_a_visit_is_dated_by_the_visits_first_day():
    result = _english(
        "Ian Marshall visited Ningbo from November 6 to 8. On November 7, Ye Miao met with Ian Marshall. "
        "During the visit, Li Ming also met with Ian Marshall.",
        date="2024-11-20",
    )
    hosts = {(str(e.event.date), role) for e in result.events for role in _roles(result, e) if role[0] == "bikg:host"}
    assert hosts == {("2024-11-07", ("bikg:host", "Ye Miao")), ("2024-11-06", ("bikg:host", "Li Ming"))}


@pytest.mark.model
def test_a_title_in_a_possessive_body_name_is_no_post():
    result = _english(
        "A Boston delegation led by Donald Wright, Deputy Director of the Mayor's Office of Economic Opportunity "
        "and Inclusion, visited Guangzhou from September 27 to 29.",
        date="2024-09-30",
    )
    assert {(m.person.labels["en"], m.role_labels["en"]) for m in result.memberships} == {
        ("Donald Wright", "deputy director-general")
    }


@pytest.mark.model
def test_a_name_after_a_title_with_its_place_s_level_word_begins_after_the_level_word():
    result = _english("On July 20, Vice Governor of Henan Province Zhang San met the ambassadors in Zhengzhou.")
    persons = {e.labels["en"] for e in result.entities if e.type is EntityType.PERSON}
    assert persons == {"Zhang San"}
    assert _posts(result) == {("Zhang San", "vice-governor", "Henan Provincial People's Government")}


@pytest.mark.model
def test_the_name_after_a_title_of_a_country_to_its_seat_is_the_title_s_holder():
    result = _english(
        "On July 21, Ambassador of South Africa to China Siyabonga C. Cwele, Ambassador of Mauritius to China "
        "Alain Wong Yen Cheong and Ambassador of the Czech Republic to China Vladimir Tomsik visited Henan Province."
    )
    assert {(person, role) for person, role, _ in _posts(result)} == {
        ("Siyabonga C. Cwele", "ambassador"),
        ("Alain Wong Yen Cheong", "ambassador"),
        ("Vladimir Tomsik", "ambassador"),
    }


@pytest.mark.model
def test_the_mayor_of_the_city_of_a_place_is_that_place_s_mayor_not_the_dateline_s():
    result = _english(
        "Wang Taihui, Mayor of the City of Xiangyang, met the delegation in Wuhan on October 31.", "2023-11-01"
    )
    assert _posts(result) == {("Wang Taihui", "mayor", "Xiangyang Municipal People's Government")}


@pytest.mark.model
def test_a_nationality_of_one_or_two_words_before_a_diplomatic_title_names_its_mission_s_country():
    result = _english(
        "Cao Saixian met South African Ambassador Siyabonga Cyprian Cwele in Beijing on March 14. "
        "Sarah Mann, British Consul General in Guangzhou, attended.",
        "2024-03-30",
    )
    assert _posts(result) == {
        ("Siyabonga Cyprian Cwele", "ambassador", "Embassy of South Africa in China"),
        ("Sarah Mann", "consul-general", "Consulate General of the United Kingdom in Guangzhou"),
    }


@pytest.mark.model
def test_who_pays_a_visit_to_a_place_leads_a_visit_there():
    result = _english("From November 6 to 8, Ian Marshall, Ambassador of Grenada to China, paid a visit to Ningbo.")
    roles = {role for e in result.events for role in _roles(result, e)}
    assert {("bikg:leader", "Ian Marshall"), ("schema:location", "Ningbo")} <= roles


@pytest.mark.model
def test_every_person_a_subject_lists_with_titles_attends_and_the_first_names_the_meeting():
    result = _english(
        "On June 3, Hu Jun, Mayor of Chongqing, met with the delegation of diplomatic envoys. Li Qiang, Deputy "
        "Secretary of the CPC Chongqing Municipal Committee, and other city leaders, including Ma Tao and Zhou Ping, "
        "attended the meeting. On June 4, Wang Hong, Director-General of Chongqing Foreign Affairs Office, and her "
        "deputies Zhou Yi and Feng Ling received the envoys. On June 5, Liangping District held a promotion "
        "conference. Qian Jianchao, Secretary of the CPC Liangping District Committee, Chen Mengwen, District Mayor "
        "of Liangping District Government, and other officials attended the conference.",
        "2024-06-06",
    )
    roles = {(str(e.event.date), *role) for e in result.events for role in _roles(result, e)}
    assert {("2024-06-03", "schema:attendee", name) for name in ("Li Qiang", "Ma Tao", "Zhou Ping")} <= roles
    assert {("2024-06-04", "bikg:host", name) for name in ("Wang Hong", "Zhou Yi", "Feng Ling")} <= roles
    assert {("2024-06-05", "schema:attendee", name) for name in ("Qian Jianchao", "Chen Mengwen")} <= roles
    labels = {str(e.event.date): e.event.labels["en"] for e in result.events}
    assert labels["2024-06-04"] == "reception by Wang Hong"


@pytest.mark.model
def test_a_nationality_before_a_title_is_no_person_and_every_listed_leader_attends():
    result = _english(
        "On June 26, Kyrgyz Prime Minister Akylbek Japarov, Uzbek Prime Minister Abdulla Aripov and Kazakh Deputy "
        "Prime Minister Serik Zhumangarin attended the opening ceremony.",
        "2024-06-27",
    )
    persons = {e.labels["en"] for e in result.entities if e.type is EntityType.PERSON}
    assert persons == {"Akylbek Japarov", "Abdulla Aripov", "Serik Zhumangarin"}
    (event,) = result.events
    assert {name for prop, name in _roles(result, event) if prop == "schema:attendee"} == persons


@pytest.mark.model
def test_titles_written_before_both_names_give_the_host_and_the_guest():
    result = _english(
        "On March 5, Director-General of the Department of Consular Affairs of the Foreign Ministry Long Zhou met "
        "with Ambassador of New Zealand to China Grahame Morton at the latter's request.",
        "2024-03-06",
    )
    assert (
        "Long Zhou",
        "department-director-general",
        "Department of Consular Affairs of the Ministry of Foreign Affairs",
    ) in _posts(result)
    (event,) = result.events
    assert _roles(result, event) == {("bikg:host", "Long Zhou"), ("bikg:guest", "Grahame Morton")}


@pytest.mark.model
def test_a_visit_organised_for_guests_and_a_tour_that_commences_are_visits():
    organised = _english(
        "From April 10 to 12, the Ministry of Foreign Affairs organized a visit to Guiyang for diplomatic envoys.",
        "2024-04-15",
    )
    (event,) = organised.events
    assert event.event.kind == "visit" and str(event.event.date) == "2024-04-10"
    assert ("schema:organizer", "Ministry of Foreign Affairs") in _roles(organised, event)
    commenced = _english("The 3rd Envoys' Tour to Gansu commenced in Lanzhou on May 8.", "2023-05-10")
    (event,) = commenced.events
    assert event.event.kind == "visit" and str(event.event.date) == "2023-05-08"
    assert ("schema:location", "Lanzhou") in _roles(commenced, event)


@pytest.mark.model
def test_a_long_name_the_model_cuts_runs_to_its_end():
    result = _english(
        "On May 18, Wang Fang held talks with Kazakhstan Ambassador Nuryshev Shakhrat and Portuguese Embassy "
        "Minister Counselor Julio Costa Ferreira.",
        "2024-05-22",
    )
    persons = {e.labels["en"] for e in result.entities if e.type is EntityType.PERSON}
    assert persons == {"Wang Fang", "Nuryshev Shakhrat", "Julio Costa Ferreira"}
    dated = _english("Chen Hua met with Ambassador Tom Smith Monday.", "2024-05-22")
    assert {e.labels["en"] for e in dated.entities if e.type is EntityType.PERSON} == {"Chen Hua", "Tom Smith"}


@pytest.mark.model
def test_a_body_the_gazetteer_knows_followed_by_another_country_is_that_country_s():
    result = _english(
        "On July 2, Chen Hua, Director-General of the Department of Consular Affairs of the Foreign Ministry, met "
        "with Somphone Keo, Director of the Consular Department of the Ministry of Foreign Affairs of Laos.",
        "2024-07-03",
    )
    bodies = {m.person.labels["en"]: str(m.organization.key) for m in result.memberships}
    assert bodies["Chen Hua"] == "gaz/mfa-consular" and not bodies["Somphone Keo"].startswith("gaz/")


@pytest.mark.model
def test_the_deputies_listed_after_one_with_a_post_hold_the_deputy_s_post_in_the_same_body():
    result = _english(
        "On May 8, Li Hua, Director-General of Xicheng Foreign Affairs Office, and her deputies, Zhang Ming, "
        "Wang Fang, and Zhao Lei, received the delegation."
    )
    office = "Xicheng Foreign Affairs Office"
    assert _posts(result) == {
        ("Li Hua", "director-general", office),
        *((name, "deputy-director-general", office) for name in ("Zhang Ming", "Wang Fang", "Zhao Lei")),
    }


@pytest.mark.model
def test_one_word_the_model_calls_a_person_after_another_person_s_name_and_of_is_a_place():
    result = _english("Li Ming met Mayor Ahmed Aboutaleb of Rotterdam on May 3.")
    assert {e.labels["en"] for e in result.entities if e.type.name == "PERSON"} == {"Li Ming", "Ahmed Aboutaleb"}
    assert _posts(result) == {("Ahmed Aboutaleb", "mayor", "Rotterdam City Government")}


@pytest.mark.model
def test_a_japanese_prefecture_written_with_and_without_prefecture_is_one_place():
    result = _english(
        "A delegation marked the 42nd anniversary of the sister-province relationship between Zhejiang and "
        "Shizuoka Prefecture. In Shizuoka the delegation was received by the Vice Governor."
    )
    places = {e.labels["en"] for e in result.entities if e.type.name == "PLACE"}
    assert "Shizuoka Prefecture" in places and "Shizuoka" not in places


@pytest.mark.model
def test_a_body_named_after_a_title_that_no_lexicon_knows_is_a_body_and_holds_the_post():
    result = _english(
        "Governor Wang Qingxian held talks with Shi Mingde, President of the Chinese-German Friendship Association. "
        "Li Kee Chong, President of the Mauritius-China Friendship and Cultural Association, was there. "
        "Wu Xi, Director-General of the Department of Consular Affairs of Chinas Ministry of Foreign Affairs, spoke."
    )
    bodies = {e.labels["en"] for e in result.entities if e.type.name == "ORG"}
    assert {
        "Chinese-German Friendship Association",
        "Mauritius-China Friendship and Cultural Association",
        "Department of Consular Affairs",
    } <= bodies
    assert not any("Chinas" in body for body in bodies)
    assert ("Shi Mingde", "association-president", "Chinese-German Friendship Association") in _posts(result)


@pytest.mark.model
def test_a_country_s_acronym_in_brackets_keeps_the_envoy_s_mission():
    result = _english(
        "On June 3, Wang Wen met with Chung Jae-ho, Ambassador of the Republic of Korea (ROK) to China, and "
        "Rashid Al Mansoori, Consul General of the United Arab Emirates (UAE) in Shanghai."
    )
    assert _posts(result) == {
        ("Chung Jae-ho", "ambassador", "Embassy of the Republic of Korea in China"),
        ("Rashid Al Mansoori", "consul-general", "Consulate General of the United Arab Emirates in Shanghai"),
    }


@pytest.mark.model
def test_an_appositive_title_after_the_names_the_person_after_it_and_a_list_keeps_its_titles():
    result = _english(
        "On June 3, the Consul General of Japan in Chongqing, Sato Kenji, paid a call on Wang Wen. Later, the "
        "Ambassador of Honduras to China, Salvador Moncada, visited a factory. Li Ming, Consul of Japan in "
        "Chongqing, Ueno Asako, Vice Consul of Japan in Chongqing, and Wang Wen attended."
    )
    consulate = "Consulate General of Japan in Chongqing"
    assert _posts(result) == {
        ("Sato Kenji", "consul-general", consulate),
        ("Salvador Moncada", "ambassador", "Embassy of Honduras in China"),
        ("Li Ming", "consul", consulate),
        ("Ueno Asako", "vice-consul", consulate),
    }


def test_a_division_s_bare_pinyin_name_after_a_word_that_places_an_event_is_that_division():
    from pipeline.nlp.en import _divisions_after_cues, county_names

    lexicon = load_lexicon()
    text = "The consuls visited Liangping. They met Liangping Wang. The office went to Liangping District."
    found = _divisions_after_cues(text, county_names(lexicon), lexicon.venues.en_cues)
    assert [(text[c.start : c.end], c.key.path if c.key else None) for c in found] == [("Liangping", "div-500155")]


@pytest.mark.model
def test_a_body_within_a_known_body_keeps_its_whole_name_and_an_army_is_a_body():
    result = _english(
        "On June 3, the envoys toured the Hongyan Revolution Memorial Hall to learn about the CPC Southern Bureau. "
        "The consul laid flowers at the former headquarters of the Korean Liberation Army in Yuzhong District."
    )
    bodies = {e.labels["en"] for e in result.entities if e.type.name == "ORG"}
    assert {"CPC Southern Bureau", "Korean Liberation Army"} <= bodies
    assert "Communist Party of China" not in bodies


@pytest.mark.model
def test_a_mayor_of_a_district_or_a_county_heads_its_government_not_the_city_s():
    result = _english(
        "The delegation toured Ningbo. The group was received by Ms. Chen Hua, Deputy Mayor of Fenghua District, "
        "and Mr. Lou Jun, Mayor of Ninghai County. Li Ming, Mayor of Ningbo, attended."
    )
    assert _posts(result) == {
        ("Chen Hua", "deputy-district-head", "Fenghua District People's Government"),
        ("Lou Jun", "county-head", "Ninghai County People's Government"),
        ("Li Ming", "mayor", "Ningbo Municipal People's Government"),
    }


@pytest.mark.model
def test_a_post_written_with_a_and_from_the_body_and_a_hyphenated_executive_post_are_posts():
    result = _english(
        "Victor Cadena, Executive Vice-President of the Mexican Chamber of Commerce, praised the province. "
        "Zhao Min, a second-level inspector from the Guangdong Foreign Affairs Office, received the visitors."
    )
    posts = _posts(result)
    assert ("Victor Cadena", "association-executive-vice-president", "Mexican Chamber of Commerce") in posts
    assert ("Zhao Min", "second-level-inspector") in {(person, role) for person, role, _ in posts}


@pytest.mark.model
def test_a_minister_of_a_field_of_another_country_is_in_that_country_s_ministry():
    result = _english(
        "The envoys met Tran Van Nam, Vice Minister of Foreign Affairs of Viet Nam, in Nanning. Li Hua, Vice "
        "Minister of Foreign Affairs, attended. Somkham Bounma, Vice Governor of Luang Prabang Province of Laos, came."
    )
    posts = _posts(result)
    assert ("Tran Van Nam", "vice-minister", "Ministry of Foreign Affairs of Viet Nam") in posts
    assert ("Li Hua", "vice-minister", "Ministry of Foreign Affairs") in posts
    assert not any(body.startswith("Ministry of Luang") for _, _, body in posts)


@pytest.mark.model
def test_a_one_word_name_listed_beside_a_place_is_a_place_not_a_dropped_body():
    result = _english("Shenzhen keeps sister-city ties with Berlin and Hanover, and works with Munich on trade.")
    places = {e.labels["en"] for e in result.entities if e.type.name == "PLACE"}
    assert {"Berlin", "Hanover", "Munich"} <= places
