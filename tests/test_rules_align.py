"""zh↔en alignment rules on hand-built analyses (no model): translated names, short place names, events
that the two versions name differently."""

from __future__ import annotations

import datetime as dt

from pipeline.lexicon.dictionary import Dictionary, read_entries
from pipeline.lexicon.resources import load_lexicon
from pipeline.linking.align import (
    _event_score,
    _foreign_division,
    _merge_memberships,
    _single_dates,
    _sounds_alike,
    join_bare_sub_bodies,
    name_score,
    same_word,
    translated,
)
from pipeline.linking.transliteration import similarity
from pipeline.model import (
    Article,
    Entity,
    EntityKey,
    EntityType,
    Event,
    Extraction,
    KeyKind,
    LanguageAnalysis,
    Membership,
    Mention,
    Participation,
)
from tests.handmade import zh_extraction


def test_a_name_translated_word_by_word_is_the_same_body_or_place():
    lexicon = load_lexicon()
    assert translated("亚洲处", "Asian Affairs Division", lexicon)
    assert translated("红岩革命纪念馆", "Hongyan Revolution Memorial Hall", lexicon)
    assert translated("沙坪坝区人民政府", "People's Government of Shapingba District", lexicon)
    assert translated("市外事大楼", "Foreign Affairs Building", lexicon)
    assert not translated("欧洲处", "Asian Affairs Division", lexicon)
    assert translated("南宁国际会展中心", "Nanning International Convention and Exhibition Center", lexicon)
    assert translated("荔园山庄", "Liyuan Hotel", lexicon)
    assert translated("东盟秘书处", "ASEAN Secretariat", lexicon)
    assert translated("青岛西海岸新区", "Qingdao West Coast New Area", lexicon)
    assert not translated("南宁国际会展中心", "Nanning International Conference Center", lexicon)
    assert not translated("外事大楼", "Foreign Affairs Office", lexicon)
    assert translated("塞维利亚市政府", "Seville City Government", lexicon)  # a foreign place by sound
    assert translated("琅勃拉邦省政府", "Luang Prabang Provincial Government", lexicon)
    assert not translated("渝国际友城", "Sichuan", lexicon)  # by sound only before a level of place
    assert translated("南京金陵饭店", "Jinling Hotel", lexicon)  # the city opening the name left out
    assert translated("昆明海埂会堂", "Haigeng Hall", lexicon)
    assert not translated("南京市政府", "Government", lexicon)  # not down to a kind of body alone
    assert translated("大足石刻研究院", "Dazu Rock Carvings Academy", lexicon)
    assert translated("双桥经开区", "Shuangqiao Economic Development Zone", lexicon)
    assert translated("明斯克州执行委员会", "Minsk Regional Executive Committee", lexicon)  # 州 as an adjective


def test_a_venue_opening_with_a_city_pairs_with_its_translation_not_with_another_venue_of_the_city():
    lexicon = load_lexicon()

    def place(lang: str, name: str) -> Entity:
        return Entity(f"{lang}-{name}", EntityType.PLACE, EntityKey(KeyKind.PLACE, name), {lang: name})

    museum, guesthouse = place("zh", "江门五邑华侨华人博物馆"), place("en", "Jiangmen Guesthouse")
    assert name_score(museum, guesthouse, lexicon)[0] == 0.0  # not by the city's pinyin alone
    assert name_score(museum, place("en", "Wuyi Overseas Chinese Museum"), lexicon)[0] == 0.9
    assert name_score(place("zh", "江门迎宾馆"), guesthouse, lexicon)[0] == 0.9
    assert translated("山东大厦", "Shandong Hotel", lexicon)
    assert name_score(place("zh", "平安乡"), place("en", "Pingan Township"), lexicon)[0] == 0.9  # stem and level


def test_the_words_of_a_name_the_glossary_lacks_are_translated_by_the_dictionary():
    lexicon = load_lexicon()
    assert translated("武汉铁路职业技术学院", "Wuhan Railway Vocational College of Technology", lexicon)
    assert translated("义乌国际商贸城", "Yiwu International Trade City", lexicon)  # one word of "trade and commerce"
    assert translated("永川科技生态城", "Yongchuan Science and Technology Ecological City", lexicon)
    assert translated("行政長官辦公室", "Chief Executive's Office", lexicon)  # traditional script
    assert translated("中东", "Middle East", lexicon)
    assert not translated("武汉铁路职业技术学院", "Wuhan Railway Vocational College", lexicon)  # 技术 unaccounted
    assert not translated("义乌国际融合社区", "Yiwu International Community", lexicon)  # 融合 unaccounted
    # a proper name's sense is taken whole and in order: 长野县 "Nagano prefecture, Japan" is not Japan alone
    assert not translated("长野县日中友好协会", "China-Japan Friendship Association", lexicon)
    assert translated("中日友好协会", "China-Japan Friendship Association", lexicon)


def test_dictionary_senses_keep_content_words_and_drop_classifiers_surnames_and_references():
    lines = [
        "# CC-CEDICT comment",
        "商貿 商贸 [shang1 mao4] /trade and commerce/",
        "職業 职业 [zhi2 ye4] /occupation; profession; vocation/professional/",
        "長野縣 长野县 [Chang2 ye3 xian4] /Nagano prefecture, Japan/",
        "城 城 [cheng2] /city walls/city/town/CL:座[zuo4],道[dao4]/",
        "城 城 [Cheng2] /surname Cheng/",
        "囯 囯 [guo2] /old variant of 國|国[guo2]/",
        "not an entry",
    ]
    senses = read_entries(lines)
    assert Dictionary.of(senses).glosses("商贸") == (("trade", "commerce"),)
    assert Dictionary.of(senses).glosses("職業") == (("occupation",), ("profession",), ("vocation",), ("professional",))
    assert Dictionary.of(senses).glosses("长野县") == (("Nagano", "prefecture", "Japan"),)
    assert Dictionary.of(senses).glosses("城") == (("city", "walls"), ("city",), ("town",))
    assert Dictionary.of(senses).glosses("囯") == ()


def test_a_word_and_its_derivations_are_one_word():
    assert same_word("ecology", "ecological")
    assert same_word("vocation", "vocational")
    assert same_word("carving", "carvings")
    assert same_word("Japan", "japan")
    assert not same_word("government", "governor")
    assert not same_word("port", "portuguese")


def test_a_transliterated_name_pairs_with_the_english_name_it_sounds_like():
    assert similarity("奎恩·卡玛蒂", "Queen Kamati") == 1.0
    assert similarity("图尔钦·亚历山大", "Alexander Turchin") == 1.0  # parts in the other order
    assert similarity("雷努·达哈尔", "Renu Dahal") == 1.0  # r and l, d and t alike
    assert similarity("皮姆·滕哈根", "Pim ten Hagen") == 1.0  # one part for two words
    assert similarity("鲍林特·采格尔", "Bálint Czeglédi") >= 0.8  # accents dropped
    assert similarity("戴安娜·马丁", "Diana Martin") > similarity("戴安娜·马丁", "Martin Garcia")
    assert similarity("戴安娜·马丁", "Tan Mei Ling") == 0.0  # Mei and Ling sound like no part
    assert similarity("图尔钦·亚历山大", "Sergei Voloshin") == 0.0
    assert similarity("莫戈蒔", "Grzegorz Piotr Morawski") == 0.0  # a Chinese name, not a transliteration
    assert similarity("阿提库", "Atiqul Islam") == 0.0  # too short to tell
    assert similarity("宋蓬·本玛尼", "Somphone Bounmany") >= 0.8  # ph, kh, th aspirated p, k, t in Lao names
    assert similarity("坎潘·西萨冯", "Khamphanh Sisavong") >= 0.8  # and a final h silent
    assert similarity("拉杰什·莫希特", "Rajesh Mohit") >= 0.8  # 什 read shi, 希's x the h it transcribes
    assert similarity("格兰特·史密斯", "Grant Smith") >= 0.8  # th written as the s of 斯
    assert similarity("唐纳德·赖特", "Donald Wright") >= 0.8  # the w of wr and the gh of ght are silent
    lexicon = load_lexicon()
    assert _sounds_alike(EntityType.PLACE, "琅勃拉邦省", "Luang Prabang Province", lexicon)  # levels left out
    assert _sounds_alike(EntityType.PLACE, "明斯克州", "Minsk Region", lexicon)
    assert not _sounds_alike(EntityType.ORG, "明斯克州", "Minsk Region", lexicon)


def _bodies(*labels_and_paths: tuple[str, str]) -> LanguageAnalysis:
    analysis = LanguageAnalysis("en")
    analysis.entities = [Entity("en-p", EntityType.PERSON, EntityKey(KeyKind.PERSON, "wang-wen"), {"en": "Wang Wen"})]
    for index, (label, path) in enumerate(labels_and_paths):
        analysis.entities.append(Entity(f"en-e{index}", EntityType.ORG, EntityKey(KeyKind.ORG, path), {"en": label}))
    analysis.memberships = [Membership("en-p", "en-e0", "party-group-secretary", 0.9)]
    return analysis


def test_a_body_named_only_by_its_kind_is_the_one_of_that_kind_named_in_full():
    analysis = _bodies(
        ("Leading Party Members Group", "name/leadingpartymembersgroup"),
        ("Party Group of Chongqing FAO", "chongqing/head-fao/sub-party-group"),
    )
    join_bare_sub_bodies(analysis, load_lexicon())
    assert [e.labels["en"] for e in analysis.entities if e.type is EntityType.ORG] == ["Party Group of Chongqing FAO"]
    assert analysis.memberships[0].organization == "en-e1"
    two = _bodies(
        ("Party Group", "name/partygroup"),
        ("Party Group of Chongqing FAO", "chongqing/head-fao/sub-party-group"),
        ("Party Group of Wenzhou FAO", "wenzhou/head-fao/sub-party-group"),
    )
    join_bare_sub_bodies(two, load_lexicon())
    assert len(two.entities) == 4 and two.memberships[0].organization == "en-e0"


def test_the_party_congress_and_plenums_are_one_session_in_every_short_form():
    from pipeline.lexicon.match import session_matches

    lexicon = load_lexicon()
    zh = "学习贯彻党的二十大精神,中国共产党第二十次全国代表大会,党的二十届三中全会,中共十九大,党的大会"
    en = (
        "the 20th CPC National Congress, the 20th National Congress of the CPC, "
        "the Third Plenary Session of the 20th CPC Central Committee"
    )
    found = sorted(session_matches(zh, "zh", lexicon), key=lambda m: m.start)
    assert [m.key for m in found] == ["party-congress:20", "party-congress:20", "cpc-plenum:3:20", "party-congress:19"]
    assert sorted(m.key for m in session_matches(en, "en", lexicon)) == [
        "cpc-plenum:3:20",
        "party-congress:20",
        "party-congress:20",
    ]


def test_sessions_written_in_title_case_or_in_full_are_the_same_session():
    from pipeline.lexicon.match import session_matches

    lexicon = load_lexicon()
    en = (
        "the Second Session of the 14th National People's Congress, the second session of the 14th NPC, "
        "the First Session of the 14th CPPCC National Committee"
    )
    assert [m.key for m in sorted(session_matches(en, "en", lexicon), key=lambda m: m.start)] == [
        "npc-session:2:14",
        "npc-session:2:14",
        "cppcc-session:1:14",
    ]
    zh = "十四届全国人大二次会议,二十届中央委员会第三次全体会议"
    assert sorted(m.key for m in session_matches(zh, "zh", lexicon)) == ["cpc-plenum:3:20", "npc-session:2:14"]


def test_a_place_named_without_its_suffix_is_the_gazetteer_place():
    extraction = zh_extraction(
        "2月3日/t ,/w 领团/n 走进/v 梁平/LOC 。/w 梁平区/LOC 有关/n 负责/v 同志/n 出席/v 活动/n 。/w"
    )
    places = [e for e in extraction.entities if e.type is EntityType.PLACE]
    assert len(places) == 1 and "梁平" in places[0].names("zh") and places[0].labels["zh"] == "梁平区"


def test_the_one_event_of_a_date_in_each_version_pairs_whatever_its_name():
    day = dt.date(2017, 6, 2)
    zh = Event("a", "ceremony", date=day, participants=[Participation("schema:attendee", "z1", 0.6)])
    en = Event("b", "talks", date=day, participants=[Participation("bikg:host", "e1", 0.6)])
    other = Event("c", "reception", date=dt.date(2023, 5, 16))
    mapping = {"z1": "m1", "e1": "m2"}
    alone = _single_dates([zh, other]) & _single_dates([en, other])
    assert alone == {day, dt.date(2023, 5, 16)}
    assert _event_score(zh, en, mapping, alone) >= 0.4 > _event_score(zh, en, mapping)


def test_a_post_the_english_gives_otherwise_in_the_same_body_is_the_chinese_one():
    zh = LanguageAnalysis(lang="zh", memberships=[Membership("z-p", "z-o", "president-of-the-university", 0.9)])
    en = LanguageAnalysis(lang="en", memberships=[Membership("e-p", "e-o", "president", 0.9)])
    extraction = Extraction(article=Article(id="a", source="a"), analyses={"zh": zh, "en": en})
    mapping = {"z-p": "p", "e-p": "p", "z-o": "o", "e-o": "o"}
    merged = _merge_memberships(extraction, mapping)
    assert [(m.person, m.organization, m.role) for m in merged] == [("p", "o", "president-of-the-university")]
    assert extraction.conflicts


def test_a_friendship_body_named_by_its_pair_of_countries_is_translated():
    lexicon = load_lexicon()
    assert translated("中日友好协会", "China-Japan Friendship Association", lexicon)
    assert translated(
        "中俄友好、和平与发展委员会", "Russian-Chinese Committee of Friendship, Peace and Development", lexicon
    )
    assert translated("中美交流基金会", "China-US Exchange Foundation", lexicon)
    assert not translated("中日友好协会", "China-Korea Friendship Association", lexicon)


def test_a_vietnamese_province_s_people_s_committee_is_translated():
    lexicon = load_lexicon()
    assert translated("谅山省人民委员会", "People's Committee of Lang Son Province", lexicon)


def test_a_foreigner_named_by_surname_alone_sounds_like_the_whole_english_name():
    lexicon = load_lexicon()
    assert _sounds_alike(EntityType.PERSON, "莫尔古洛夫", "Igor Morgulov", lexicon)
    assert _sounds_alike(EntityType.PERSON, "哈希米", "Khalil Hashmi", lexicon)
    assert not _sounds_alike(EntityType.PERSON, "何思敏", "Khalil Hashmi", lexicon)
    assert not _sounds_alike(EntityType.PERSON, "马丁", "Sarah Martin", lexicon)


def test_a_mongolian_name_opening_with_an_initial_sounds_like_the_english_one_with_its_initial():
    lexicon = load_lexicon()
    assert _sounds_alike(EntityType.PERSON, "额·巴特额尔登", "E. Bat-Erdene", lexicon)
    assert _sounds_alike(EntityType.PERSON, "恩·萨仁格日勒", "N. Sarangerel", lexicon)
    assert not _sounds_alike(EntityType.PERSON, "乌云其木格", "E. Bat-Erdene", lexicon)


def test_a_place_pairs_with_the_proper_name_opening_its_dictionary_sense_but_not_with_the_country_after_it():
    lexicon = load_lexicon()
    assert translated("名古屋", "Nagoya", lexicon)
    assert not translated("名古屋", "Japan", lexicon)
    assert not translated("长野县", "Japan", lexicon)


def test_a_foreign_division_pairs_with_its_english_name_past_a_word_of_direction_and_level_words():
    lexicon = load_lexicon()

    def place(key: str, zh: str, en: str) -> tuple[Entity, Entity]:
        zh_entity = Entity("z", EntityType.PLACE, EntityKey(KeyKind.PLACE, key), labels={"zh": zh})
        return zh_entity, Entity("e", EntityType.PLACE, EntityKey(KeyKind.PLACE, en.lower()), labels={"en": en})

    assert name_score(*place("shangaodilizhou", "上奥地利州", "Upper Austria"), lexicon)[0] >= 0.9
    assert name_score(*place("dongzhaowa-province", "东爪哇省", "East Java"), lexicon)[0] >= 0.9
    assert name_score(*place("xifulande-province", "西弗兰德省", "West Flanders"), lexicon)[0] > 0.6
    assert name_score(*place("bincheng", "槟城州", "Penang"), lexicon)[0] >= 0.9
    assert name_score(*place("xifulande-province", "西弗兰德省", "East Flanders"), lexicon)[0] == 0
    assert name_score(*place("shangaodilizhou", "上奥地利州", "Lower Austria"), lexicon)[0] == 0


def test_hong_kong_and_macao_names_pair_through_their_cantonese_romanisation():
    from pipeline.linking.cantonese import SURNAME_ONLY, WHOLE_NAME, cantonese_score

    assert cantonese_score("曾国卫", "Erick Tsang Kwok-wai")[0] == WHOLE_NAME
    assert cantonese_score("曾國衛", "Tsang Kwok-wai")[0] == WHOLE_NAME
    assert cantonese_score("陈国基", "Chan Kwok-ki")[0] == WHOLE_NAME
    assert cantonese_score("岑浩辉", "Sam Hou Fai")[0] == WHOLE_NAME
    assert cantonese_score("蔡亮", "Tsoi Leung")[0] == WHOLE_NAME
    assert cantonese_score("叶文娟", "Carol Yip")[0] == SURNAME_ONLY
    assert cantonese_score("叶文娟", "Chan Kwok-ki")[0] == 0.0
    assert cantonese_score("章勇武", "Zhang Yongwu")[0] == 0.0


def test_a_hong_kong_name_said_again_by_its_surname_is_the_same_person():
    from pipeline.nlp.mentions import link_short_names

    analysis = LanguageAnalysis("en")
    for index, name in enumerate(("Erick Tsang Kwok-wai", "Clement Woo", "Tsang")):
        analysis.mentions.append(
            Mention(f"m{index}", "en", index, index + 1, name, name, EntityType.PERSON, "model", 1.0)
        )
    link_short_names(analysis)
    assert analysis.mentions[2].name == "Erick Tsang Kwok-wai"


def test_bodies_no_name_pairs_are_one_when_one_person_holds_the_same_post_in_both():
    from pipeline.linking.align import align_entities

    lexicon = load_lexicon()
    zh, en = LanguageAnalysis("zh"), LanguageAnalysis("en")
    person = EntityKey(KeyKind.PERSON, "yamaguchi-takahiro")
    zh.entities = [
        Entity("zh-e0", EntityType.PERSON, person, {"zh": "山口贵裕"}),
        Entity("zh-e1", EntityType.ORG, EntityKey(KeyKind.ORG, "厚木市政府"), {"zh": "厚木市政府"}),
    ]
    en.entities = [
        Entity("en-e0", EntityType.PERSON, person, {"en": "Yamaguchi Takahiro"}),
        Entity(
            "en-e1", EntityType.ORG, EntityKey(KeyKind.ORG, "Atsugi City Government"), {"en": "Atsugi City Government"}
        ),
    ]
    zh.memberships = [Membership("zh-e0", "zh-e1", "mayor", 0.9)]
    en.memberships = [Membership("en-e0", "en-e1", "mayor", 0.9)]
    pairs = {(a.zh, a.en) for a in align_entities(zh, en, 100, 100, lexicon)}
    assert pairs == {("zh-e0", "en-e0"), ("zh-e1", "en-e1")}


def test_numbered_gatherings_pair_by_their_number():
    lexicon = load_lexicon()
    expo = Entity("zh-e0", EntityType.SESSION, EntityKey(KeyKind.GATHERING, "15/中国(温州)国际园林博览会"), {})
    english = Entity(
        "en-e0", EntityType.SESSION, EntityKey(KeyKind.GATHERING, "15/China (Wenzhou) International Garden Expo"), {}
    )
    other = Entity("en-e1", EntityType.SESSION, EntityKey(KeyKind.GATHERING, "8/China-Eurasia Expo"), {})
    assert name_score(expo, english, lexicon)[0] == 0.9 and name_score(expo, other, lexicon)[0] == 0.0


def test_an_english_post_given_a_default_body_gives_way_to_the_chinese_posts_with_their_bodies():
    zh = LanguageAnalysis(lang="zh", memberships=[Membership("z-p", "z-cm", "thai-deputy-provincial-governor", 0.9)])
    en = LanguageAnalysis(
        lang="en",
        memberships=[Membership("e-p", "e-gz", "vice-governor", 0.75), Membership("e-q", "e-gz", "governor", 0.75)],
    )
    extraction = Extraction(article=Article(id="a", source="a"), analyses={"zh": zh, "en": en})
    mapping = {"z-p": "p", "e-p": "p", "e-q": "q", "z-cm": "chiang-mai", "e-gz": "guizhou"}
    merged = {(m.person, m.organization, m.role) for m in _merge_memberships(extraction, mapping)}
    assert merged == {("p", "chiang-mai", "thai-deputy-provincial-governor"), ("q", "guizhou", "governor")}


def test_bodies_whose_keys_differ_only_by_places_already_paired_are_one():
    from pipeline.linking.align import align_entities

    def analysis(lang: str, place: tuple[str, str], mission: str) -> LanguageAnalysis:
        found = LanguageAnalysis(lang=lang)
        found.entities = [
            Entity(f"{lang}-e0", EntityType.PLACE, EntityKey(KeyKind.PLACE, place[1]), {lang: place[0]}),
            Entity(
                f"{lang}-e1",
                EntityType.ORG,
                EntityKey(KeyKind.ORG, f"china/head-consulate-general@{place[1]}"),
                {lang: mission},
            ),
        ]
        return found

    zh = analysis("zh", ("胡志明市", "huzhiming-city"), "中国驻胡志明市总领事馆")
    en = analysis("en", ("Ho Chi Minh City", "hochiminh-city"), "Consulate General of China in Ho Chi Minh City")
    pairs = {(a.zh, a.en) for a in align_entities(zh, en, 100, 100, load_lexicon())}
    assert pairs == {("zh-e0", "en-e0"), ("zh-e1", "en-e1")}


def test_a_foreign_place_with_a_short_skeleton_pairs_by_sound_a_person_does_not():
    lexicon = load_lexicon()
    assert _sounds_alike(EntityType.PLACE, "巴伐利亚州", "Bavaria", lexicon) >= 0.8
    assert _sounds_alike(EntityType.PLACE, "魁北克省", "Quebec", lexicon) >= 0.8
    assert _sounds_alike(EntityType.PLACE, "重庆", "Quebec", lexicon) == 0
    assert _sounds_alike(EntityType.PERSON, "巴利亚", "Bavaria", lexicon) == 0


def test_a_foreign_country_s_division_pairs_by_the_reference_data_not_by_sound():
    lexicon = load_lexicon()
    assert _foreign_division("西开普省", "Western Cape", lexicon)
    assert _foreign_division("长野县", "Nagano Prefecture", lexicon)
    assert _foreign_division("静冈", "Shizuoka", lexicon)
    assert _foreign_division("下萨克森州", "Niedersachsen", lexicon)
    assert not _foreign_division("长野县", "Shizuoka Prefecture", lexicon)
    assert not _foreign_division("重庆", "Chongqing", lexicon)


def test_an_arabic_article_needs_no_chinese_syllable():
    assert similarity("阿里·哈马迪", "Ali Al-Hammadi") >= 0.8


def test_a_merged_meeting_keeps_the_host_and_guest_the_chinese_version_gives():
    from pipeline.linking.align import _keep_chinese_sides
    from pipeline.model import Event, Participation

    zh = Event(id="zh-ev0", kind="meeting", date=dt.date(2024, 10, 13))
    zh.participants = [Participation("bikg:host", "zh-hu", 1.0), Participation("bikg:guest", "zh-burns", 1.0)]
    mapping = {"zh-hu": "hu", "zh-burns": "burns"}
    seen = {
        (prop, person): Participation(prop, person, 1.0)
        for prop in ("bikg:host", "bikg:guest")
        for person in ("hu", "burns")
    }  # "Burns met with Hu Changsheng" read Burns as the host
    _keep_chinese_sides(seen, zh, mapping)
    assert set(seen) == {("bikg:host", "hu"), ("bikg:guest", "burns")}


def test_the_head_of_a_delegation_a_meeting_receives_is_its_guest_not_its_leader():
    from pipeline.linking.align import _keep_chinese_sides
    from pipeline.model import Event, Participation

    zh = Event(id="zh-ev0", kind="reception", date=dt.date(2024, 4, 16))  # 程用文会见佐藤树一郎一行
    zh.participants = [Participation("bikg:host", "zh-cheng", 1.0), Participation("bikg:guest", "zh-sato", 1.0)]
    mapping = {"zh-cheng": "cheng", "zh-sato": "sato"}
    seen = {  # met with a delegation led by Sato
        (prop, person): Participation(prop, person, 1.0)
        for prop, person in (("bikg:host", "cheng"), ("bikg:guest", "sato"), ("bikg:leader", "sato"))
    }
    _keep_chinese_sides(seen, zh, mapping)
    assert set(seen) == {("bikg:host", "cheng"), ("bikg:guest", "sato")}
    zh.participants.append(Participation("bikg:leader", "zh-sato", 1.0))  # 佐藤树一郎率团拜会程用文: both
    seen[("bikg:leader", "sato")] = Participation("bikg:leader", "sato", 1.0)
    _keep_chinese_sides(seen, zh, mapping)
    assert ("bikg:leader", "sato") in seen


def test_a_place_the_gazetteer_knows_pairs_by_its_names_never_by_sound():
    airport = Entity(
        "zh-e0", EntityType.PLACE, EntityKey(KeyKind.PLACE, "aidingbaoguojijichang"), {"zh": "爱丁堡国际机场"}
    )
    shenzhen = Entity("en-e0", EntityType.PLACE, EntityKey(KeyKind.GAZETTEER, "shenzhen"), {"en": "Shenzhen"})
    windhoek = Entity("en-e1", EntityType.PLACE, EntityKey(KeyKind.PLACE, "windhoek"), {"en": "Windhoek"})
    city = Entity("zh-e1", EntityType.PLACE, EntityKey(KeyKind.PLACE, "wendehekecity"), {"zh": "温得和克市"})
    lexicon = load_lexicon()
    assert name_score(airport, shenzhen, lexicon)[0] == 0.0
    assert name_score(city, windhoek, lexicon)[0] > 0.6  # neither known: by sound


def test_a_numbered_gathering_only_a_body_holds_written_without_it_is_its_article_s_alone():
    from pipeline.linking.resolve import _article_scoped
    from pipeline.model import Entity, EntityKey, KeyKind

    lexicon = load_lexicon()
    council = EntityKey(KeyKind.GATHERING, "7/理事会第一次全体会议")
    owned = EntityKey(KeyKind.GATHERING, "7/宁夏回族自治区人民对外友好协会理事会第一次全体会议")
    expo = EntityKey(KeyKind.GATHERING, "15/中国(温州)国际园林博览会")
    for key, scoped in ((council, True), (owned, False), (expo, False)):
        entity = Entity(id="e1", type=EntityType.SESSION, key=key, labels={"zh": key.path.split("/")[1]})
        assert (_article_scoped(entity, key, "a1", lexicon).namesake == "a1") is scoped
