"""Mention and entity rules on hand-built analyses (no model): name variants, short names, title places,
venues, bodies named around a place."""

from __future__ import annotations

import pytest

from pipeline.model import EntityType
from pipeline.nlp.zh import tag_sentences
from tests.handmade import roles_of, zh_extraction


def names(extraction, kind: EntityType) -> set[str]:
    return {e.labels.get("zh", "") for e in extraction.entities if e.type is kind}


def test_a_person_the_model_takes_for_a_place_in_one_sentence_is_the_person():
    extraction = zh_extraction(
        "9月25日/t ,/w 副市长/n 韦海燕/PER 出席/v 会议/n 。/w 次日/t ,/w 韦海燕/LOC 到/v 展区/n 巡馆/v 。/w "
        "市长/n 谢尔盖·克拉夫丘克/PER 来访/v 。/w 克拉夫丘克/LOC 表示/v 感谢/v 。/w",
        "张起翔/PER 会见/v 市长/n 尼古拉·库兹涅佐夫/PER 。/w 库兹涅佐夫/LOC 表示/v 感谢/v 。/w "
        "库兹涅佐夫/PER 出席/v 。/w",
    )
    by_type = {(e.type.name, e.labels["zh"]) for e in extraction.entities}
    assert {("PERSON", "韦海燕"), ("PERSON", "谢尔盖·克拉夫丘克"), ("PERSON", "尼古拉·库兹涅佐夫")} <= by_type
    assert not {("PLACE", "韦海燕"), ("PLACE", "克拉夫丘克"), ("PLACE", "库兹涅佐夫")} & by_type


def test_a_name_cut_short_takes_the_full_name_written_elsewhere():
    extraction = zh_extraction(
        "6月1日/t ,/w 李明全/PER 主持/v 会议/n 。/w 李明/PER 全/n 讲话/v 。/w 李明全/PER 出席/v 。/w",
        "菲律宾/LOC 总领事/n 玛友/PER 表示/v 感谢/v 。/w",
        "陶平生/PER 感/v 谢玛友/PER 的/u 支持/v 。/w 玛友/PER 说/v 。/w",
    )
    persons = names(extraction, EntityType.PERSON)
    assert "李明" not in persons and "李明全" in persons
    assert "谢玛友" not in persons and "玛友" in persons


def test_a_chinese_name_the_model_runs_into_the_next_words_ends_before_a_name_tail():
    extraction = zh_extraction(
        "6月30日/t ,/w 中外新闻社/ORG 总裁/n 韦燕同多国/PER 大使/n 出席/v 招待会/n 。/w "
        "大使/n 费尔南多·卢格里斯/PER 致辞/v 。/w"
    )
    persons = names(extraction, EntityType.PERSON)
    assert "韦燕" in persons and "韦燕同多国" not in persons and "费尔南多·卢格里斯" in persons


def test_china_s_name_before_a_body_the_gazetteer_knows_is_that_body():
    extraction = zh_extraction(
        "2月2日/t ,/w 中国外交部领事司/ORG 司长/n 吴某/PER 、/w 中国外交部/ORG 部长/n 王某/PER 出席/v 。/w"
    )
    keys = {str(e.key) for e in extraction.entities if e.type is EntityType.ORG}
    assert keys == {"gaz/mfa-consular", "gaz/mfa"}


def test_a_chinese_place_s_name_after_a_foreign_country_is_that_country_s_place():
    extraction = zh_extraction(
        "9月6日/t ,/w 广西/LOC 与/p 越南/LOC 太原/LOC 省/n 签署/v 意向书/n 。/w 太原市/LOC 代表/n 出席/v 。/w"
    )
    keys = {e.labels["zh"]: str(e.key) for e in extraction.entities if e.type is EntityType.PLACE}
    assert keys["太原省"] == "place/taiyuan-province" and keys["太原市"] == "gaz/taiyuan"


def test_a_foreign_name_given_again_by_its_last_part_is_one_person():
    extraction = zh_extraction(
        "12月13日/t ,/w 斯里兰卡/LOC 驻/v 华/LOC 大使/n 帕利塔·科霍纳/PER 访问/v 重庆/LOC 。/w",
        "胡衡华/PER 会见/v 科霍纳/PER 。/w",
    )
    assert names(extraction, EntityType.PERSON) == {"帕利塔·科霍纳", "胡衡华"}


def test_places_that_only_modify_a_title_are_not_places():
    extraction = zh_extraction(
        "6月12日/t ,/w 王雯/PER 在/p 外事大楼/n 会见/v 英国/LOC 驻/v 重庆/LOC 总领事/n 贝克/PER 。/w"
    )
    places = names(extraction, EntityType.PLACE)
    assert "英国" not in places and "外事大楼" in places
    assert any(e.labels.get("zh") == "英国驻重庆总领事馆" for e in extraction.entities)


def test_each_country_of_a_list_before_a_mission_s_title_only_modifies_it():
    extraction = zh_extraction(
        "日本/LOC 、/w 德国/LOC 、/w 俄罗斯/LOC 等/u 国/n 驻/v 沈阳/LOC 总领事/n 出席/v 。/w",
        "刘某/PER 访问/v 了/u 日本/LOC 。/w",
    )
    assert names(extraction, EntityType.PLACE) == {"日本"}  # named once more as a place of its own


def test_a_list_of_places_before_a_title_of_another_kind_is_no_modifier():
    from pipeline.extractors.modifiers import _GLUE, _LIST_GLUE, _in_title_chain

    glue = (_GLUE["en"], _LIST_GLUE["en"])
    text = "the consuls general of Japan, Germany and Russia in Shenyang; Sanz, Mayor of Seville, Spain, spoke"
    kinds = [("consuls general", "mission"), ("Japan", "place"), ("Germany", "place"), ("Russia", "place")]
    kinds += [("Shenyang", "place"), ("Sanz", "person"), ("Mayor", "role"), ("Seville", "place"), ("Spain", "place")]
    spans = [(text.index(word), text.index(word) + len(word), kind) for word, kind in kinds]
    assert all(_in_title_chain(spans, index, text, glue) for index in (1, 2, 3, 4))
    assert _in_title_chain(spans, 7, text, glue) and not _in_title_chain(spans, 8, text, glue)  # Spain stays


def test_the_national_friendship_association_s_short_names():
    extraction = zh_extraction(
        "全国对外友协/ORG 副会长/n 鄢东/PER 出席/v 。/w 中国对外友协/ORG 会长/n 杨万明/PER 致辞/v 。/w"
    )
    bodies = {e.labels.get("zh") for e in extraction.entities if e.type is EntityType.ORG}
    assert bodies == {"中国人民对外友好协会"}


def test_a_mission_implied_by_a_title_is_named_by_its_seat_s_short_name():
    extraction = zh_extraction(
        "5月20日/t ,/w 印度尼西亚/LOC 驻/v 香港/LOC 总领事/n 尤迪/PER 和/c "
        "泰国/LOC 驻/v 南宁/LOC 总领事/n 素帕/PER 出席/v 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert {"印度尼西亚驻香港总领事馆", "泰国驻南宁总领事馆"} <= bodies


def test_a_place_named_for_itself_stays_a_place():
    extraction = zh_extraction(
        "5月8日/t ,/w 代表团/n 访问/v 英国/LOC 。/w", "英国/LOC 驻/v 重庆/LOC 总领事/n 贝克/PER 陪同/v 。/w"
    )
    assert "英国" in names(extraction, EntityType.PLACE)


def test_a_body_named_around_a_place_keeps_its_whole_name():
    extraction = zh_extraction("6月30日/t ,/w 重庆大学/ORG 承办/v 交流营/n 。/w")
    assert "重庆大学" in names(extraction, EntityType.ORG)


def test_courtesy_words_are_not_part_of_an_english_name():
    from pipeline.lexicon.resources import load_lexicon

    honorific = load_lexicon().pattern("en-honorific")
    assert honorific.match("H.E. Ann Derwin").end() == 5
    assert honorific.match("H.E.Khamphao Ernthavanh").end() == 4
    assert honorific.match("Mrs. Lee").end() == 5
    assert honorific.match("Draper Smith") is None


def test_a_surname_particle_continues_an_english_name():
    from pipeline.lexicon.resources import load_lexicon

    particles = load_lexicon().pattern("en-name-particles")
    assert particles.match("Mr. Pim ten Haaf, Deputy Consul-General", 7).end() == 16
    assert particles.match("Ursula von der Leyen said", 6).end() == 20
    assert particles.match("Li Ming de facto", 7) is None
    assert particles.match("Zhang Wei and Li Ming", 9) is None


def test_a_function_word_never_starts_a_name():
    extraction = zh_extraction("10月23日/t ,/w 代表团/n 还/d 考察/v 了/u 两江新区/LOC 和/c 果园港/LOC 。/w")
    places = names(extraction, EntityType.PLACE)
    assert "两江新区" in places and "了两江新区" not in places


def test_a_surname_glued_to_a_verb_is_not_a_person():
    extraction = zh_extraction(
        "5月11日/t ,/w 李华新/PER 会见/v 了/u 郭南希/PER 。/w 李/PER 总领事/n 对/p 郭到/PER 访/v 表示/v 欢迎/vn 。/w"
    )
    persons = names(extraction, EntityType.PERSON)
    assert "郭南希" in persons and "郭到" not in persons
    extraction = zh_extraction(
        "4月9日/t ,/w 杨万明/PER 会见/v 阿登/PER 。/w 在/p 会见/v 阿登时/PER ,/w 杨说/PER ,/w 合作/vn 良好/a 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"杨万明", "阿登"}


def test_a_body_span_ending_in_a_post_or_a_gathering_is_no_body():
    extraction = zh_extraction(
        "1月5日/t ,/w 英国驻重庆总领事/ORG 罗琳·贝克/PER 出席/v 中新金融峰会/ORG ,/w "
        "会见/v 沿线国家驻华/ORG 使节/n 。/w 会见/v 沿线国家驻华使节/ORG 、/w 15国驻香港/ORG 领事/n 。/w "
        "我馆/ORG 举办/v 招待会/n ,/w 推进/v 陆海/PER 新/a 通道/n 建设/vn 。/w 冯子敏/PER 主持/v 宣介会/PER ,/w "
        "会见/v 川渝国际友城交流会/LOC 代表团/n 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert not {"英国驻重庆总领事", "中新金融峰会", "沿线国家驻华", "沿线国家驻华使节", "15国驻香港", "我馆"} & bodies
    assert "英国驻重庆总领事馆" in bodies
    assert names(extraction, EntityType.PERSON) == {"罗琳·贝克", "冯子敏"}
    assert not any(name.endswith("交流会") for name in names(extraction, EntityType.PLACE))


def test_countries_listed_before_their_group_and_one_mission_each_have_that_mission():
    from pipeline.lexicon.match import zh_listed_missions
    from pipeline.lexicon.resources import load_lexicon

    text = "越南、老挝、印尼等东盟国家驻广州总领事馆和英国、日本等7个国家驻重庆总领事馆的官员出席。"
    missions = {(m.parts.place, m.parts.seat) for m in zh_listed_missions(text, load_lexicon()) if m.parts}
    assert missions == {
        ("vietnam", "guangzhou"),
        ("laos", "guangzhou"),
        ("indonesia", "guangzhou"),
        ("united-kingdom", "chongqing"),
        ("japan", "chongqing"),
    }


def test_a_person_span_stops_at_a_bracket():
    extraction = zh_extraction("7月15日/t ,/w 戈弗雷·马关吉(Godfrey/PER Magwenzi)/n 出席/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"戈弗雷·马关吉"}


def test_missions_without_a_country_are_no_body():
    extraction = zh_extraction(
        "6月20日/t ,/w 代表团/n 拜会/v 9家/m 外国/n 驻华/v 大使馆/n 和/c 各国/r 驻渝/v 总领事馆/n 。/w"
    )
    assert names(extraction, EntityType.ORG) == set()
    extraction = zh_extraction(
        "6月20日/t ,/w 代表团/n 拜会/v 瑞士/LOC 驻华/v 大使馆/n 等/u 外国/n 驻华/v 大使馆/n 。/w"
    )
    assert names(extraction, EntityType.ORG) == {"瑞士驻华大使馆"}


def test_a_title_cuts_the_place_that_begins_inside_it():
    extraction = zh_extraction("4月1日/t ,/w 老挝/LOC 副总理/n 兼/v 外/f 长沙/LOC 伦赛/PER 访华/v 。/w")
    assert "长沙" not in names(extraction, EntityType.PLACE)
    extraction = zh_extraction("4月8日/t ,/w 章勇武/PER 赴/v 黔江区/LOC 长凤村/LOC 调研/v 。/w")
    assert {"黔江区", "长凤村"} <= names(extraction, EntityType.PLACE)


def test_courtesy_words_and_name_dots_of_foreign_names():
    from pipeline.ingest.normalise import analysis_text, build_version

    assert analysis_text(build_version("zh", ["大使马丁•切冬多阁下"])) == "大使马丁·切冬多阁下"
    extraction = zh_extraction("5月30日/t ,/w 汤加/LOC 驻华/v 大使/n 莫图西·帕拉伊阁下/PER 访问/v 郑州/LOC 。/w")
    assert names(extraction, EntityType.PERSON) == {"莫图西·帕拉伊"}
    extraction = zh_extraction("5月30日/t ,/w 多哥/LOC 驻华/v 大使/n 贾伯阁/PER 下/n 致辞/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"贾伯"}
    assert analysis_text(build_version("zh", ["议员利亚姆˙伯恩"])) == "议员利亚姆·伯恩"


def test_a_city_taken_for_a_person_and_a_delegation_taken_for_a_body():
    extraction = zh_extraction("5月6日/t ,/w 帕多瓦市/PER 副市长/n 卡洛/PER 率/v 文化代表团/ORG 来访/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"卡洛"}
    assert "文化代表团" not in names(extraction, EntityType.ORG)
    assert "帕多瓦市政府" in names(extraction, EntityType.ORG)


def test_a_body_and_its_office_elsewhere_are_one_name():
    extraction = zh_extraction("5月15日/t ,/w 市政府/n 驻/v 上海联络处/ORG 负责人/n 参加/v 活动/n 。/w")
    assert names(extraction, EntityType.ORG) == {"市政府驻上海联络处"}
    extraction = zh_extraction("1月5日/t ,/w 香港特区/LOC 政府/n 驻/v 重庆联络处/ORG 代表/n 出席/v 。/w")
    assert names(extraction, EntityType.ORG) == {"香港特区政府驻重庆联络处"}
    extraction = zh_extraction("5月16日/t ,/w 拜访/v 香港特别行政区政府/ORG 驻/v 上海/LOC 经济/n 贸易/n 办事处/n 。/w")
    assert names(extraction, EntityType.ORG) == {"香港特别行政区政府驻上海经济贸易办事处"}


def test_a_country_opens_the_name_of_the_body_after_it():
    extraction = zh_extraction("6月28日/t ,/w 新西兰/LOC 中国/LOC 友好协会/n 会长/n 黎开盛/PER 出席/v 。/w")
    assert "新西兰中国友好协会" in names(extraction, EntityType.ORG)
    assert "中国友好协会" not in names(extraction, EntityType.ORG)


def test_a_country_before_a_foreign_place_s_body_is_a_place_of_its_own():
    extraction = zh_extraction(
        "7月1日/t ,/w 王雯/PER 会见/v 白俄罗斯明斯克州执行委员会/ORG 副主席/n 沃洛申/PER 。/w",
        "江津区/LOC 与/p 白俄罗斯莫吉廖夫州克里切夫区执行委员会/ORG 签署/v 协议/n 。/w",
        "日本大分县议会/ORG 议长/n 访问/v 湖北/LOC 。/w",
    )
    bodies = names(extraction, EntityType.ORG)
    assert {"明斯克州执行委员会", "克里切夫区执行委员会", "大分县议会"} <= bodies
    assert not any(body.startswith(("白俄罗斯", "日本", "莫吉廖夫州")) for body in bodies)
    places = names(extraction, EntityType.PLACE)
    assert {"白俄罗斯", "莫吉廖夫州"} <= places
    assert "日本" not in places  # written only before its region's body and a title, which it qualifies


def test_a_country_before_a_mission_a_title_or_other_words_stays_in_the_body_s_name():
    extraction = zh_extraction(
        "7月1日/t ,/w 泰国驻成都总领事馆/ORG 与/p 日本中国长崎县人会/ORG 、/w 南非地方政府协会/ORG 和/c "
        "塞舌尔维多利亚市长办公室/ORG 出席/v 。/w"
    )
    bodies = {"泰国驻成都总领事馆", "日本中国长崎县人会", "南非地方政府协会", "塞舌尔维多利亚市长办公室"}
    assert bodies <= names(extraction, EntityType.ORG)


def test_a_one_character_place_is_one_only_where_the_tagger_s_word_ends_with_it():
    extraction = zh_extraction(
        "12月14日/t ,/w 双方/n 就/p 在/p 港口/n 物流/n 领域/n 合作/vn 交换/v 意见/n 。/w "
        "王雯/PER 在/p 渝/LOC 会见/v 客人/n 。/w 她/r 向/p 驻/v 渝蓉/PER 领事/n 官员/n 宣介/v 。/w"
    )
    assert names(extraction, EntityType.PLACE) == {"重庆市"}
    assert names(extraction, EntityType.PERSON) == {"王雯"}


def test_a_body_the_model_cuts_after_its_seat_s_word_keeps_it():
    extraction = zh_extraction("2月3日/t ,/w 王雯/PER 会见/v 驻/v 渝领团/ORG 一行/n 。/w")
    assert names(extraction, EntityType.ORG) == {"驻渝领团"}


def test_a_transliterated_name_cut_after_its_title_opens_right_after_it():
    extraction = zh_extraction("6月11日/t ,/w 泰国/LOC 驻/v 广州/LOC 总领事/n 披/v 差·翁素/PER 出席/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"披差·翁素"}


def test_a_name_the_model_cuts_before_chu_is_a_division():
    extraction = zh_extraction("4月23日/t ,/w 亚非/PER 处/n 同志/n 参加/v 会见/v 。/w 李明/PER 处长/n 出席/v 。/w")
    assert names(extraction, EntityType.ORG) == {"亚非处"}
    assert names(extraction, EntityType.PERSON) == {"李明"}


def test_sister_cities_and_either_side_are_no_persons():
    extraction = zh_extraction("6月18日/t ,/w 副知事/n 铃木和彦/PER 代表/v 外方/PER 友城/PER 致辞/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"铃木和彦"}


def test_a_word_opening_a_gathering_s_name_is_no_person_anywhere():
    extraction = zh_extraction(
        "8月6日/t ,/w 市政府外办/ORG 举办/v 全会/n 精神/n 宣介/PER 会/n 。/w",
        "冯子敏/PER 主持/v ,/w 赵红/PER 作/v 专题/n 宣介/PER 。/w",
    )
    assert names(extraction, EntityType.PERSON) == {"冯子敏", "赵红"}


def test_a_person_before_a_title_a_person_follows_is_a_place():
    extraction = zh_extraction(
        "3月19日/t ,/w 大曼彻斯特/PER 副市长/n 董伯禹/PER 、/w 曼达威/PER 市长/n 考特斯/PER 出席/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"董伯禹", "考特斯"}
    extraction = zh_extraction("秘鲁/LOC 阿雷基帕/PER 副市长/n 、/w 市议会/n 议员/n 安赫尔·利那莱斯/PER 出席/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"安赫尔·利那莱斯"}
    extraction = zh_extraction(
        "英国/LOC 大伦敦/PER 副市长/n 霍华德·道伯/PER 、/w 东米德兰兹/PER 大区/n 副市长/n 纳丁·皮特菲尔/PER 参加/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"霍华德·道伯", "纳丁·皮特菲尔"}
    bodies = {e.id: e.labels.get("zh") for e in extraction.entities}
    posts = {(bodies[m.person], bodies[m.organization]) for m in extraction.memberships}
    assert ("纳丁·皮特菲尔", "东米德兰兹大区政府") in posts


def test_a_body_span_opening_with_a_word_of_many_is_no_body():
    extraction = zh_extraction("6月28日/t ,/w 相关友好组织/ORG 和/c 首批联盟/ORG 成员/n 出席/v 活动/n 。/w")
    assert names(extraction, EntityType.ORG) == set()


def test_a_level_of_place_or_a_body_s_last_word_alone_is_no_body():
    extraction = zh_extraction("4月2日/t ,/w 自治区/ORG 副主席/n 刘宁/PER 会见/v 客人/n 。/w")
    assert names(extraction, EntityType.ORG) == set()
    assert names(extraction, EntityType.PERSON) == {"刘宁"}
    extraction = zh_extraction("4月2日/t ,/w 华侨/n 社团/n 、/w 联合会/ORG 的/u 代表/n 参加/v 招待会/n 。/w")
    assert names(extraction, EntityType.ORG) == set()


def test_a_un_agency_is_one_body_not_the_un_and_a_fragment():
    extraction = zh_extraction("7月14日/t ,/w 王某/PER 会见/v 联合国/ORG 粮农组织/ORG 首席经济学家/n 托雷罗/PER 。/w")
    assert names(extraction, EntityType.ORG) == {"联合国粮食及农业组织"}


def test_a_company_taken_for_a_place_is_a_body():
    extraction = zh_extraction("4月5日/t ,/w 访问团/n 参观/v 东方汽轮机有限公司/LOC 。/w")
    assert "东方汽轮机有限公司" in names(extraction, EntityType.ORG)
    assert "东方汽轮机有限公司" not in names(extraction, EntityType.PLACE)


def test_two_places_one_character_forms_side_by_side_are_no_place():
    extraction = zh_extraction("4月5日/t ,/w 双方/n 就/p 深化/v 川渝/LOC 、/w 中新/LOC 合作/vn 交换/v 意见/n 。/w")
    assert names(extraction, EntityType.PLACE) == set()
    extraction = zh_extraction("4月5日/t ,/w 推进/v 陆海/LOC 新/a 通道/n 建设/vn ,/w 华侨/LOC 代表/n 出席/v 。/w")
    assert names(extraction, EntityType.PLACE) == set()
    extraction = zh_extraction("4月5日/t ,/w 代表团/n 访问/v 巴西/LOC 、/w 巴中/LOC 和/c 芬兰/LOC 奥鲁/LOC 。/w")
    assert names(extraction, EntityType.PLACE) == {"巴西", "巴中市", "芬兰", "奥鲁"}


def test_names_joined_by_a_dash_are_parts_of_a_longer_name():
    extraction = zh_extraction(
        "9月17日/t ,/w 使节/n 出席/v 在/p 南宁/LOC 举办/v 的/u 中国—东盟/ORG 博览会/n 。/w",
        "推动/v 中国/LOC -/w 中亚/LOC 合作/vn 。/w",
    )
    assert names(extraction, EntityType.ORG) == set()
    assert names(extraction, EntityType.PLACE) == {"南宁市"}
    extraction = zh_extraction("7月25日/t ,/w 中国/LOC (/w 重庆/LOC )—东盟/ORG 地方/n 合作/vn 论坛/n 开幕/v 。/w")
    assert names(extraction, EntityType.ORG) == set()


def test_a_place_opening_a_doctrine_is_part_of_its_name():
    extraction = zh_extraction(
        "4月19日/t ,/w 党组/n 学习/v 习近平/PER 新时代/n 中国/LOC 特色/n 社会主义/n 思想/n ,/w "
        "推进/v 中国/LOC 式/k 现代化/vn ,/w 代表团/n 访问/v 日本/LOC 。/w"
    )
    assert names(extraction, EntityType.PLACE) == {"日本"}
    mentions = [m for m in extraction.analyses["zh"].mentions if m.type is EntityType.PLACE]
    assert len(mentions) == 1


def test_a_longer_name_with_a_dash_inside_stays_whole():
    extraction = zh_extraction(
        "4月5日/t ,/w 王雯/PER 会见/v 中国—东盟中心/ORG 秘书长/n 史忠俊/PER 。/w",
        "代表团/n 访问/v 法国/LOC 艾克斯—马赛—普罗旺斯大都会/ORG 。/w 会谈/v ——/w 重庆/LOC 与/p 法国/LOC 。/w",
    )
    assert {"中国—东盟中心", "法国艾克斯—马赛—普罗旺斯大都会"} <= names(extraction, EntityType.ORG)
    assert "重庆市" in names(extraction, EntityType.PLACE)


def test_a_city_taken_for_a_body_is_a_place():
    extraction = zh_extraction("4月5日/t ,/w 常州市/LOC 与/p 韩国春川市/ORG 结为/v 友好城市/n 。/w")
    assert names(extraction, EntityType.ORG) == set()
    assert {"常州市", "韩国", "春川市"} <= names(extraction, EntityType.PLACE)


def test_a_titled_name_leading_a_group_the_model_took_for_a_body_is_a_person():
    extraction = zh_extraction("11月21日/t ,/w 日本新潟县知事花角英世率团/ORG 访问/v 哈尔滨/LOC 。/w")
    assert names(extraction, EntityType.PERSON) == {"花角英世"}
    assert not any(name.endswith("率团") for name in names(extraction, EntityType.ORG))
    assert ("2022-11-21", "leader", "花角英世") in roles_of(extraction)


def test_a_name_s_first_character_the_model_glues_to_the_title_before_it_opens_the_name():
    extraction = zh_extraction(
        "4月8日/t ,/w 王雯/PER 会见/v 日本/LOC 驻/v 重庆/LOC 总领事片/n 江学巳/PER 。/w",
        "日本/LOC 驻/v 重庆/LOC 总领事馆/n 渡边信之/PER 、/w 副主任和/n 李明/PER 出席/v 。/w",
    )
    assert names(extraction, EntityType.PERSON) == {"王雯", "片江学巳", "渡边信之", "李明"}
    assert ("2023-04-08", "guest", "片江学巳") in roles_of(extraction)


def test_a_body_the_model_names_in_full_around_a_bare_head_keeps_its_name():
    extraction = zh_extraction(
        "5月6日/t ,/w 南中友协/ORG 会长/n 迪某/PER 、/w 俄中友协/ORG 主席/n 梅某/PER 出席/v 。/w"
    )
    assert {"南中友协", "俄中友协"} <= names(extraction, EntityType.ORG)
    assert "友协" not in names(extraction, EntityType.ORG)


@pytest.mark.parametrize(
    ("markup", "persons"),
    [
        ("5月6日/t ,/w 副主任/n 都文/PER 平等/a 出席/v ,/w 李明/PER 等/u 参加/v 。/w", {"都文平", "李明"}),
        (
            "会上/t ,/w 周毅/PER 、/w 王思/PER 全/d 分别/d 发言/v ,/w 张伟/PER 分别/d 致辞/v 。/w",
            {"周毅", "王思全", "张伟"},
        ),
        ("4月1日/t ,/w 新潟县/LOC 知事/n 花角英/PER 世/n 率团/v 访问/v 哈尔滨/LOC 。/w", {"花角英世"}),
        ("4月1日/t ,/w 访问团/n 由/p 森山沾/PER 一/m 担任/v 团长/n 。/w", {"森山沾一"}),
        ("3月14日/t ,/w 王雯/PER 会见/v 了/u 渡边信/PER 之一/m 行/n 。/w", {"王雯", "渡边信之"}),  # not 之一, one of
        ("4月1日/t ,/w 副主任/n 王永康/PER 等/u 率团/v 访问/v 新潟县/LOC 。/w", {"王永康"}),  # 等 is no name's
    ],
)
def test_a_name_the_model_ends_one_character_early_gets_it_back(markup, persons):
    assert names(zh_extraction(markup), EntityType.PERSON) == persons


def test_a_body_the_model_ends_inside_a_title_ends_before_it_unless_the_part_is_the_body_s_word():
    extraction = zh_extraction("6月1日/t ,/w 英国苏格兰地方政府首席部/ORG 长/n 萨某/PER 会见/v 了/u 杨某/PER 。/w")
    assert "英国苏格兰地方政府" in names(extraction, EntityType.ORG)
    assert not any(name.endswith("首席部") for name in names(extraction, EntityType.ORG))
    extraction = zh_extraction("6月1日/t ,/w 原/b 四川省外事侨务办公室/ORG 主任/n 慕某/PER 出席/v 。/w")
    assert any(name.endswith("外事侨务办公室") for name in names(extraction, EntityType.ORG))


def test_a_body_the_model_names_on_from_a_bare_body_word_keeps_its_whole_name():
    extraction = zh_extraction("8月6日/t ,/w 市委党校/ORG 教授/n 赵某/PER 作/v 专题宣介/n 。/w")
    assert "市委党校" in names(extraction, EntityType.ORG) and "市委" not in names(extraction, EntityType.ORG)


def test_a_verb_glued_to_a_name_is_known_by_what_follows_it():
    extraction = zh_extraction("8月6日/t ,/w 市委党校/ORG 教授/n 赵红作/PER 专题/n 宣介/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"赵红"}
    extraction = zh_extraction("8月6日/t ,/w 大使/n 邓某就/PER 总领馆/n 建馆/v 周年/n 发来/v 贺信/n 。/w")
    assert names(extraction, EntityType.PERSON) == {"邓某"}


def test_two_persons_side_by_side_one_with_a_middle_dot_are_one_foreign_name():
    extraction = zh_extraction(
        "5月15日/t ,/w 总领事/n 阿扎姆/PER 焦恩·马恩苏洛夫/PER 出席/v ,/w 温家宝/PER 王汉斌/PER 参加/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"阿扎姆焦恩·马恩苏洛夫", "温家宝", "王汉斌"}


def test_a_titled_name_leading_the_consular_corps_is_a_person_and_the_corps_stays_a_body():
    extraction = zh_extraction(
        "6月5日/t ,/w 外国驻昆领团/ORG 团长/n 、/w 马来西亚驻昆明总领事法依萨带领领团/ORG 一行/n 赴/v 玉溪/LOC 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"法依萨"}
    assert "外国驻昆领团" in names(extraction, EntityType.ORG)


def test_a_person_the_model_finds_that_is_a_known_place_s_name_is_the_place():
    extraction = zh_extraction("2月3日/t ,/w 外国/n 领事/n 首次/m 面对面/n 落/v 在/p 了/u 梁平/PER 。/w")
    assert "梁平" not in names(extraction, EntityType.PERSON)
    assert names(extraction, EntityType.PLACE) & {"梁平", "梁平区"}


def test_a_party_department_in_a_chain_of_titles_is_the_committees_department():
    chained = zh_extraction("12月8日/t ,/w 永川区委/ORG 常委/n 、/w 宣传部/n 部长/n 钟华/PER 讲话/v 。/w")
    in_full = zh_extraction("12月8日/t ,/w 永川区委宣传部/ORG 部长/n 钟华/PER 讲话/v 。/w")
    key = {e.labels["zh"]: e.key.path for e in chained.entities}["宣传部"]
    assert key == {e.labels["zh"]: e.key.path for e in in_full.entities}["永川区委宣传部"]
    assert key.endswith("district-party-committee/head-publicity-department")
    alone = zh_extraction("12月8日/t ,/w 宣传部/n 部长/n 钟华/PER 讲话/v 。/w")
    assert "party-committee" not in {e.labels["zh"]: e.key.path for e in alone.entities}["宣传部"]


def test_a_party_department_after_its_committee_in_english_is_that_committees():
    from pipeline.lexicon.match import en_org_matches
    from pipeline.lexicon.resources import load_lexicon
    from pipeline.nlp.en import _departments_of_committees

    lexicon = load_lexicon()
    text = (
        "Zhong Hua, member of the Standing Committee of the CPC Yongchuan District Committee and Head of its "
        "Publicity Department, spoke. The Publicity Department of Jiangjin District held a meeting."
    )
    parts = {m.name: m.parts for m in _departments_of_committees(en_org_matches(text, lexicon), text, lexicon)}
    assert parts["Publicity Department"].body == "body-district-party-committee"
    assert parts["Publicity Department"].place == "yongchuan"
    assert parts["Publicity Department of Jiangjin District"].place != "yongchuan"


def test_a_division_named_alone_before_a_title_is_a_division_of_the_office_named_before_it():
    extraction = zh_extraction(
        "6月1日/t ,/w 重庆市政府外办/ORG 主任/n 王文/PER 会见/v 客人/n ,/w 领事处/n 副处长/n 张三/PER 陪同/v 。/w"
    )
    keys = {e.labels["zh"]: e.key.path for e in extraction.entities}
    assert keys["领事处"] == keys["重庆市政府外办"] + "/sub-consular-affairs-division"
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert ("张三", "deputy-division-director", "领事处") in posts
    alone = zh_extraction("6月1日/t ,/w 亚洲处/n 处长/n 王芳/PER 陪同/v 。/w")
    parents = {e.id: e for e in alone.entities}
    division = next(e for e in alone.entities if e.labels.get("zh") == "亚洲处")
    assert parents[division.parent].labels["zh"] == "外事办公室"
    assert not any(e.labels.get("zh") == "亚洲" for e in alone.entities)


def test_model_spans_across_a_quote_mark_or_opening_with_a_date_are_no_names():
    extraction = zh_extraction(
        "6月30日/t ,/w 2023/m “/w 渝见友城”国际青年/LOC 交流营/n 开营/v 。/w",
        "他/r 于/p 五月十五日下午江北/LOC 出发/v 。/w 青年/n 交流营/n 在/p 沙坪坝区/LOC 举行/v 。/w",
        "“/w 渝见友城/n ”/w 青年交流营/LOC 开营/v 。/w",
    )
    places = names(extraction, EntityType.PLACE)
    assert "沙坪坝区" in places
    assert not any("交流营" in p or "国际青年" in p or "五月" in p for p in places)


def test_a_list_of_countries_before_one_mission_names_each_countrys_mission():
    extraction = zh_extraction(
        "6月7日/t ,/w 英国/LOC 、/w 日本/LOC 、/w 匈牙利/LOC 3/m 国/n 驻/v 重庆/LOC 总领事馆/n 和/c 澳大利亚/LOC 、/w "
        "新加坡/LOC 驻/v 成都/LOC 总领事馆/n 的/u 领事/n 官员/n 参加/v 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert {"英国驻重庆总领事馆", "日本驻重庆总领事馆", "匈牙利驻重庆总领事馆", "澳大利亚驻成都总领事馆"} <= bodies
    assert "新加坡驻成都总领事馆" in bodies and "重庆总领事馆" not in bodies
    assert not names(extraction, EntityType.PLACE) & {"英国", "日本", "澳大利亚"}


def test_a_place_prefixed_acronym_after_a_capitalised_word_is_still_the_office():
    from pipeline.lexicon.match import en_org_matches
    from pipeline.lexicon.resources import load_lexicon

    found = {m.name: m.parts for m in en_org_matches("Today Chongqing FAO is in overall charge.", load_lexicon())}
    assert found["Chongqing FAO"].place == "chongqing" and found["Chongqing FAO"].head == "head-fao"


def test_a_group_formed_for_a_trip_or_a_briefing_is_no_body():
    extraction = zh_extraction(
        "6月1日/t ,/w 总领事/n 邀请/v 嘉兴组团/ORG 参加/v 博览会/n 。/w",
        "领馆/n 副馆长/n 工作通报会/ORG 在/p 渝/LOC 举行/v 。/w",
    )
    assert not names(extraction, EntityType.ORG) & {"嘉兴组团", "工作通报会"}


def test_a_person_named_again_by_surname_and_title_is_the_person_named_in_full():
    extraction = zh_extraction(
        "6月7日/t ,/w 区委/n 常委/n 、/w 宣传部/n 部长/n 何静/PER 、/w 副区长/n 罗斌/PER 会见/v 客人/n 。/w",
        "次日/t ,/w 领团/n 参观/v 公园/n 。/w 何部长/n 、/w 罗副区长/n 陪同/v 考察/v 。/w",
        "五泉市长/n 出席/v 。/w",
    )
    persons = {e.labels["zh"]: len(e.mentions) for e in extraction.entities if e.type is EntityType.PERSON}
    assert persons == {"何静": 2, "罗斌": 2}


def test_a_government_department_in_a_chain_of_titles_is_the_governments():
    chained = zh_extraction("1月16日/t ,/w 重庆市政府/ORG 副秘书长/n 、/w 办公厅/n 主任/n 谭剑/PER 出席/v 。/w")
    keys = {e.labels["zh"]: e.key.path for e in chained.entities}
    assert keys["办公厅"] == "chongqing/head-general-office"


def test_a_mission_after_a_list_of_seats_is_no_mission_of_the_last_seat():
    extraction = zh_extraction(
        "1月16日/t ,/w 27/m 个/q 国家/n 驻/v 重庆/LOC 、/w 成都/LOC 总领事馆/n 的/u 领事/n 官员/n 出席/v 。/w"
    )
    assert "成都总领事馆" not in names(extraction, EntityType.ORG)


def test_a_foreign_name_part_cut_short_by_the_model_is_the_whole_part():
    extraction = zh_extraction(
        "代表团/n 由/p 尤迪·普拉塞蒂约/PER 任/v 团长/n 。/w 普拉塞蒂/PER 约/n 团长/n 代表/v 领团/PER 致谢/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"尤迪·普拉塞蒂约"}
    assert len([e for e in extraction.entities if e.type is EntityType.PERSON]) == 1


def test_a_titled_person_whose_given_name_is_a_gazetteer_name_is_a_person():
    extraction = zh_extraction("崇左/LOC 市委/n 副书记/n 、/w 市长/n 卢海东/PER 陪同/v 参观/v 。/w")
    assert "卢海东" in names(extraction, EntityType.PERSON)
    assert "海东市" not in names(extraction, EntityType.PLACE)


def test_a_government_of_a_foreign_state_the_gazetteer_lacks_is_named_with_its_state():
    extraction = zh_extraction(
        "9月12日/t ,/w 俄罗斯/LOC 萨拉托夫州/LOC 政府/n 与/p 湖北省/LOC 政府/n 举办/v 对接会/n 。/w "
        "乌里扬诺夫斯克州政府代表团/ORG 和/c 马来西亚/LOC 槟城州政府/n 出席/v 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert {"萨拉托夫州政府", "乌里扬诺夫斯克州政府", "槟城州政府"} <= bodies and "州政府" not in bodies
    extraction = zh_extraction("会议/n 要求/v 各区县/n 政府/n 抓好/v 落实/v 。/w")
    assert not any("各区" in body for body in names(extraction, EntityType.ORG))


def test_offices_of_every_city_with_levels_between_are_no_body():
    extraction = zh_extraction(
        "11月15日/t ,/w 省外/s 办/v 召开/v 会议/n 。/w 各/r 设/v 区/n 市外/s 办/v 负责/v 同志/n 参加/v 。/w "
        "各地/n (/w 市/n )/w 外/vn 办/v 人员/n 参加/v 。/w"
    )
    assert names(extraction, EntityType.ORG) == {"省外办"}


def test_a_name_opening_inside_a_bracket_opens_with_the_words_before_it():
    extraction = zh_extraction(
        "12月20日/t ,/w 出国/v (境)管理处/ORG 负责/v 同志/n 解读/v 了/u 政策/n 。/w "
        "大家/r 参观/v 了/u 中/LOC 欧/LOC 班列/n (/w 西安)集结中心/ORG 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert {"出国(境)管理处", "中欧班列(西安)集结中心"} <= bodies
    assert not {"(境)管理处", "西安)集结中心"} & bodies


def test_a_hotel_the_model_calls_a_body_is_the_venue_named_with_its_city():
    extraction = zh_extraction("7月16日/t ,/w 副市长/n 朱广亮/PER 在/p 洛阳友谊宾馆/ORG 会见/v 客人/n 。/w")
    assert "洛阳友谊宾馆" in names(extraction, EntityType.PLACE)
    assert "洛阳友谊宾馆" not in names(extraction, EntityType.ORG)
    assert ("2023-07-16", "location", "洛阳友谊宾馆") in roles_of(extraction)


def test_the_one_an_appointment_names_is_a_person_whatever_the_model_read():
    extraction = zh_extraction(
        "11月3日/t ,/w 市政府/n 任命/v 高远/n 航/v 为/v 市外办/ORG 副主任/n ;/w 免去/v 韩/LOC 立新/n 的/u "
        "市外办/ORG 副主任/n 职务/n 。/w"
    )
    assert {"高远航", "韩立新"} <= names(extraction, EntityType.PERSON)
    assert "韩" not in names(extraction, EntityType.PLACE)


def test_a_person_named_like_a_county_after_a_title_is_the_person():
    extraction = zh_extraction(
        "4月12日/t ,/w 市委外办/ORG 主任/n 周宁/PER 会见/v 客人/n 。/w 代表团/n 前往/v 梁平/PER 考察/v 。/w"
    )
    assert "周宁" in names(extraction, EntityType.PERSON) and "周宁" not in names(extraction, EntityType.PLACE)
    assert "梁平" in names(extraction, EntityType.PLACE)


def test_a_korean_city_or_province_goes_on_to_its_level_and_the_place_after_it_stays_a_place():
    extraction = zh_extraction(
        "烟台/LOC 与/p 蔚山/LOC 广域市/n 结好/v 。/w 会见/v 韩国/LOC 济州/LOC 特别/v 自治/v 道济州市/LOC "
        "副市长/n 金成均/PER 一行/n 。/w"
    )
    places = names(extraction, EntityType.PLACE)
    assert "蔚山广域市" in places and not {"蔚山", "广域市"} & places
    mentioned = {m.text for m in extraction.analyses["zh"].mentions}
    assert {"济州特别自治道", "济州市"} <= mentioned and "道济州市" not in mentioned
    assert names(extraction, EntityType.ORG) == {"济州市政府"}  # the vice mayor's, not 道济州市's


def test_a_body_s_short_name_in_brackets_after_its_full_name_is_that_body_wherever_it_is_written():
    extraction = zh_extraction(
        "5月15日/t ,/w 周建清/PER 拜访/v 香港驻上海经济贸易办事处/ORG (/w 香港驻沪办/ORG )/w 。/w "
        "香港驻沪办/ORG 主任/n 蔡亮/PER 出席/v 。/w"
    )
    assert names(extraction, EntityType.ORG) == {"香港驻上海经济贸易办事处"}


def test_a_study_class_and_a_place_sending_a_delegation_are_no_bodies():
    extraction = zh_extraction(
        "5月8日/t ,/w 市委外办/ORG 举办/v 主题教育读书班/ORG 。/w 金永浩/PER 邀请/v 荣成派团/ORG 参加/v 博览会/n 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert "主题教育读书班" not in bodies and "荣成派团" not in bodies


def test_a_reformed_bureau_s_name_with_and_is_one_body_two_bodies_stay_two():
    extraction = zh_extraction(
        "刘建华/PER 任/v 洛阳市文化广电/ORG 和/c 旅游局/ORG 局长/n 。/w "
        "外交部驻澳门特派员公署/ORG 和/c 礼宾公关外事办公室/ORG 派员/v 出席/v 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert "洛阳市文化广电和旅游局" in bodies and "洛阳市文化广电" not in bodies
    assert "外交部驻澳门特别行政区特派员公署" in bodies  # the gazetteer's full name


def test_a_venue_ends_where_a_name_does_and_holds_no_verb():
    extraction = zh_extraction(
        "他/r 表示/v ,/w 在/p 中央港澳办/ORG 支持/v 下/f ,/w 驻京办/ORG 计划/v 在/p 津/n 举办/v 香港/LOC "
        "推介/v 活动/n 。/w 省长/n 韩俊/PER 在/p 香格里拉大酒店会见代表团/ORG 一行/m 。/w"
    )
    places = names(extraction, EntityType.PLACE)
    assert "中央港" not in places and not any("举办" in p for p in places)
    assert "香格里拉大酒店" in places
    extraction = zh_extraction(
        "代表团/n 先后/d 走访/v 智能制造企业和物流园区/n 。/w 双方/n 在/p 人和会展中心/n 签约/v 。/w"
    )
    places = names(extraction, EntityType.PLACE)
    assert "智能制造企业和物流园区" not in places and "人和会展中心" in places
    extraction = zh_extraction("局长/n 将/d 于/p 五月十五日/t 下午/t 返/v 港/n 。/w")
    assert not any("五月" in place for place in names(extraction, EntityType.PLACE))
    extraction = zh_extraction("代表团/n 在/p 渝/n 期间/f 考察/v 了/u 果园港/LOC 。/w")
    assert "果园港" in names(extraction, EntityType.PLACE)
    assert not any("期间" in p for p in names(extraction, EntityType.PLACE))


def test_waishiban_is_the_foreign_affairs_office_as_waiban_is():
    extraction = zh_extraction(
        "8月20日/t ,/w 自治区外事办/ORG 主任/n 魏然/PER 会见/v 黄文明/PER 。/w 黄文明/PER 感谢/v 自治区/n 外办/n 。/w"
    )
    bodies = [e for e in extraction.entities if e.type is EntityType.ORG]
    assert len(bodies) == 1 and bodies[0].key.path.endswith("head-fao")


def test_an_area_s_administrative_committee_is_a_body():
    extraction = zh_extraction("6月30日/t ,/w 两江新区/LOC 管委会/n 副主任/n 周正/PER 出席/v 。/w")
    assert names(extraction, EntityType.ORG) == {"两江新区管委会"}


def test_a_venue_named_again_without_its_level_is_the_same_venue():
    extraction = zh_extraction(
        "10月23日/t ,/w 张国智/PER 在/p 市外事大楼/n 会见/v 客人/n 。/w 27日/t ,/w 李明全/PER 在/p 外事大楼/n "
        "会见/v 塔尼/PER 。/w"
    )
    assert names(extraction, EntityType.PLACE) == {"市外事大楼"}


def test_a_person_the_article_writes_with_a_level_of_place_after_it_is_that_place():
    extraction = zh_extraction(
        "佐世保/PER 市议会/ORG 议长/n 山下/PER 来访/v 。/w 厦门/LOC 与/p 佐世保/PER 结好/v 。/w "
        "李明/PER 市长/n 致辞/v 。/w 韩国/LOC 宜宁郡/LOC 郡守/n 吴永浩/PER 出席/v 。/w"
    )
    assert "佐世保" in names(extraction, EntityType.PLACE)
    assert {"李明", "吴永浩"} <= names(extraction, EntityType.PERSON)
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    assert ("吴永浩", "gun-governor") in {(labels[m.person], m.role) for m in extraction.memberships}


def test_a_list_of_places_before_one_counted_office_names_each_place_s_office():
    extraction = zh_extraction(
        "会议/n 由/p 黄山/LOC 、/w 宣城/LOC 、/w 池州/LOC 三/m 市/n 外办/n 承办/v 。/w "
        "渝中/LOC 、/w 江北/LOC 和/c 南岸/LOC 3个/m 区/n 外办/n 负责人/n 参加/v 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert {"黄山市外办", "宣城市外办", "池州市外办", "渝中区外办", "江北区外办", "南岸区外办"} <= bodies
    assert not {"黄山", "宣城", "池州"} & names(extraction, EntityType.PLACE)


def test_a_place_name_the_tagger_reads_as_a_conjunction_is_none():
    extraction = zh_extraction("杨琦/PER 走访/v 保护/vn 项目/n 和县/c 内/f 企业/n 。/w")
    assert not [e for e in extraction.entities if e.type.name == "PLACE"]
    placed = zh_extraction("杨琦/PER 走访/v 和县/LOC 企业/n 。/w")
    assert {e.labels["zh"] for e in placed.entities if e.type.name == "PLACE"} == {"和县"}


def test_a_venue_opens_after_the_verb_placing_it_and_after_a_city_that_does_not_hold_the_place_it_names():
    extraction = zh_extraction(
        "宣介会/n 在/p 海口/LOC 海南/LOC 国际/n 会展中心/n 举行/v 。/w "
        "使节/n 们/k 参观/v 了/u 设/v 在/p 长沙/LOC 国际/n 会展中心/n 的/u 展馆/n 。/w "
        "代表团/n 参观/v 了/u 郑州/LOC 新郑/LOC 国际/n 机场/n 。/w"
    )
    places = {e.labels["zh"] for e in extraction.entities if e.type.name == "PLACE"}
    assert {"海口市", "海南国际会展中心", "长沙国际会展中心", "郑州新郑国际机场"} <= places
    assert not {"海口海南国际会展中心", "设在长沙国际会展中心", "新郑国际机场"} & places


def test_the_home_country_is_no_place_an_article_is_about():
    extraction = zh_extraction(
        "3月5日/t ,/w 玛友/PER 表示/v ,/w 在/p 华/LOC 工作/v 期间/f 得到/v 支持/v ,/w "
        "将/d 推动/v 中国/LOC 与/p 菲律宾/LOC 合作/vn 。/w"
    )
    assert {e.labels["zh"] for e in extraction.entities if e.type.name == "PLACE"} == {"菲律宾"}


def test_the_party_s_short_name_opens_a_party_body_s_name():
    extraction = zh_extraction("中共/ORG 重庆市委/ORG 书记/n 袁家军/PER 出席/v 。/w")
    assert {e.labels["zh"] for e in extraction.entities if e.type.name == "ORG"} == {"中共重庆市委"}


def test_a_numbered_gathering_is_an_event_known_by_name_and_holds_no_place():
    extraction = zh_extraction(
        "5月15日/t ,/w 周建清/PER 邀请/v 各方/r 参加/v 第十五届/m 中国/LOC (/w 温州/LOC )/w 国际/n 园林/n 博览会/n 。/w"
    )
    events = {e.labels["zh"] for e in extraction.entities if e.type is EntityType.SESSION}
    assert events == {"第十五届中国(温州)国际园林博览会"}
    assert names(extraction, EntityType.PLACE) == set()


@pytest.mark.parametrize(
    ("markup", "places"),
    [
        ("代表团/n 赴/v 乌鲁木齐/LOC 国际陆港区/LOC 参观/v 。/w", {"乌鲁木齐国际陆港区"}),
        ("外交官/n 参观/v 黄崖关/LOC 长城/LOC 。/w", {"黄崖关长城"}),
        ("代表团/n 考察/v 四川/LOC 天府新区/LOC 。/w", {"四川天府新区"}),
        ("李明/PER 赴/v 奉节县/LOC 平安乡/LOC 调研/v 。/w", {"奉节县", "平安乡"}),  # two places, each named whole
        ("使节/n 来到/v 琼海市/LOC 博鳌镇/LOC 。/w", {"琼海市", "博鳌镇"}),
        ("会议/n 在/p 海口/LOC 海南国际会展中心/LOC 举行/v 。/w", {"海口市", "海南国际会展中心"}),
        ("王雯/PER 赴/v 老挝/LOC 琅勃拉邦省/LOC 访问/v 。/w", {"老挝", "琅勃拉邦省"}),
        ("代表团/n 访问/v 新南威尔士州/LOC 悉尼/LOC 。/w", {"新南威尔士州", "悉尼"}),  # a state and its city
        ("2024/m 川/LOC 渝国际友城/LOC 交流会/n 在/p 德阳/LOC 举行/v 。/w", {"德阳市"}),  # 川渝 qualifies
    ],
)
def test_a_place_the_tagger_cuts_in_words_is_one_place(markup, places):
    assert names(zh_extraction(markup), EntityType.PLACE) == places


@pytest.mark.parametrize(
    ("markup", "kind", "expected"),
    [
        ("企业/n 看好/v 关西/LOC 地区/n 的/u 市场/n 。/w", EntityType.PLACE, {"关西地区"}),
        ("外事办/ORG 组织/v 部分/m 外宾/n 前往/v 钦州港/LOC 。/w", EntityType.ORG, {"外事办"}),  # 组织 + 部分
        ("领团/n 登上码头指挥中心/ORG 俯瞰/v 港区/n 。/w", EntityType.ORG, {"领团"}),  # the consular corps
        ("省友协/ORG 接待/v 兵库县议会访华团/ORG 。/w", EntityType.ORG, {"省友协", "兵库县议会"}),  # not 访华团
        ("湖北/LOC 与/p 韩国/LOC 忠清北道/PER 友好/a 交流/v 。/w", EntityType.PLACE, {"湖北省", "韩国", "忠清北道"}),
        ("李昀/PER 会见/v 韩国全罗北道议会/ORG 议长/n 国珍亨/PER 。/w", EntityType.ORG, {"全罗北道议会"}),
    ],
)
def test_names_of_real_pages_that_are_no_bodies_or_whole_places(markup, kind, expected):
    assert names(zh_extraction(markup), kind) == expected


def test_a_youth_camp_is_no_body():
    extraction = zh_extraction("欢迎/v 学生/n 来/v 沪/LOC 参加/v 国际青少年营/ORG 活动/n 。/w")
    assert "国际青少年营" not in names(extraction, EntityType.ORG)


def test_a_name_in_latin_letters_inside_the_chinese_text_is_one_person_unless_it_glosses_the_name_before():
    extraction = zh_extraction(
        "3月28日/t ,/w 岑浩辉/PER 会见/v 葡萄牙/LOC 外交部长/n 兰热尔/PER (/w Paulo/PER ␣/w Rangel/PER )/w 。/w",
        "出席会见/v 的/u 还有/v 葡萄牙/LOC 驻/v 华/LOC 大使/n Paulo/PER ␣/w Jorge/PER ␣/w Nascimento/PER 等/u 。/w",
    )
    assert names(extraction, EntityType.PERSON) == {"岑浩辉", "兰热尔", "Paulo Jorge Nascimento"}
    assert ("2023-03-28", "attendee", "Paulo Jorge Nascimento") in roles_of(extraction)


def test_the_model_is_not_given_the_latin_originals_of_names_and_the_words_keep_the_text_whole():
    class Recording:
        name = "recording"

        def __init__(self) -> None:
            self.given: list[str] = []

        def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
            self.given += sentences
            return [[(sentence[:4], "n"), (sentence[4:6], "PER"), (sentence[6:], "n")] for sentence in sentences]

        def entities(self, sentences: list[str]) -> list[list]:
            return [[] for _ in sentences]

    sentence = "与市议员费连(Ed Flynn)、安德森 (Tania Anderson)举行会谈。"
    backend = Recording()
    words = tag_sentences(backend, [sentence])[0]
    assert backend.given == ["与市议员费连、安德森举行会谈。"]
    assert "".join(w for w, _ in words) == sentence
    assert ("费连", "PER") in words and ("(Ed Flynn)", "w") in words and (" (Tania Anderson)", "w") in words


def test_a_name_s_latin_original_in_brackets_is_that_person_s_english_name():
    extraction = zh_extraction(
        "近日/t ,/w 陈杰/PER 与/p 市议员/n 费连/PER (Ed␣Flynn)/w 、/w 安德森/PER (Tania␣Anderson)/w 举行/v 会谈/v 。/w"
    )
    english = {e.labels.get("zh"): e.names("en") for e in extraction.entities}
    assert "Ed Flynn" in english["费连"] and "Tania Anderson" in english["安德森"]
    assert not english["陈杰"] & {"Ed Flynn", "Tania Anderson"}


def test_a_japanese_name_the_model_ends_after_its_surname_takes_its_given_name():
    extraction = zh_extraction(
        "8月2日/t ,/w 金晖/PER 会见/v 长野县/LOC 知事/n 阿部/ORG 守/v 一一行/m 。/w",
        "同日/t ,/w 王正谱/PER 与/p 阿部/PER 守/v 一/m 通话/v 。/w",
        "深圳/LOC 福田/LOC 区/n ,/w 渡边/PER 信之/n 出席/v 。/w",
    )
    persons = names(extraction, EntityType.PERSON)
    assert {"阿部守一", "渡边信之"} <= persons and "阿部" not in persons
    assert ("2023-08-02", "guest", "阿部守一") in roles_of(extraction)
    assert "福田区" not in persons


def test_a_country_before_a_region_s_body_and_a_title_only_qualifies_the_title():
    extraction = zh_extraction(
        "3月6日/t ,/w 孙志洋/PER 会见/v 澳大利亚/LOC 新南威尔士州议会/ORG 议长/n 本·富兰克林/PER 一行/m 。/w",
        "澳大利亚/LOC 是/v 重要/a 伙伴/n 。/w",
    )
    assert "澳大利亚" in names(extraction, EntityType.PLACE)
    extraction = zh_extraction(
        "3月6日/t ,/w 孙志洋/PER 会见/v 澳大利亚/LOC 新南威尔士州议会/ORG 议长/n 本·富兰克林/PER 一行/m 。/w"
    )
    assert "澳大利亚" not in names(extraction, EntityType.PLACE)


def test_a_storm_s_name_is_no_person():
    extraction = zh_extraction(
        "8月2日/t ,/w 受/p 台风/n “/w 杜苏芮/PER ”/w 影响/n ,/w 王正谱/PER 与/p 阿部守一/PER 通话/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"王正谱", "阿部守一"}


def test_a_quoted_activity_the_model_takes_for_a_person_is_none():
    extraction = zh_extraction(
        "云南省/LOC 2023年/t “/w 澜湄周/PER ”/w 启动/v ,/w 副省长/n 王浩/PER 出席/v 。/w "
        "“/w 澜湄周/PER ”/w 期间/f 举办/v 活动/n 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"王浩"}


def test_a_quoted_activity_the_model_takes_for_a_body_is_none_and_who_invited_starts_after_ying():
    extraction = zh_extraction(
        "应巴黎艺术家联合会/ORG 邀请/v ,/w 由/p 市文联/ORG 主办/v 的/u “/w 友城知与行/ORG ”/w 书画展/n 开幕/v 。/w"
    )
    assert names(extraction, EntityType.ORG) == {"巴黎艺术家联合会", "市文联"}


def test_a_quoted_activity_named_after_a_city_is_no_place_and_a_capital_s_word_opens_no_name():
    extraction = zh_extraction(
        "“/w 乌兰巴托周/LOC ”/w 等/u 活动/n 成为/v 品牌/n 。/w 市政府/ORG 与/p 白俄罗斯/LOC "
        "首都明斯克市执行委员会/ORG 签署/v 协议/n 。/w"
    )
    mentions = {m.text: m.type for m in extraction.analyses["zh"].mentions}
    assert "乌兰巴托周" not in mentions and mentions.get("明斯克市执行委员会") is EntityType.ORG


def test_sister_cities_provinces_and_districts_in_general_and_the_silk_road_name_no_place():
    extraction = zh_extraction(
        "应友城/LOC 邀请/v ,/w 刘新锋/PER 率团/v 出访/v 。/w 山东/LOC 与/p 友好/a 省州/LOC 共同/d 发起/v 会议/n 。/w "
        "两市/n 已有/v 九对/m 区级/n 单位/n 结为/v 友好区/LOC 。/w 福建/LOC 建设/v 海上/s 丝绸之路/LOC 核心区/n 。/w"
    )
    places = {m.text for m in extraction.analyses["zh"].mentions if m.type is EntityType.PLACE}
    assert places == {"山东", "福建"}


def test_two_places_one_character_forms_of_other_countries_side_by_side_are_no_place():
    extraction = zh_extraction(
        "闽槟/LOC 经贸/n 合作/v 推介会/n 在/p 乔治市/LOC 举行/v 。/w 中比/LOC 建交/v 招待会/n 举行/v 。/w"
    )
    places = {m.text for m in extraction.analyses["zh"].mentions if m.type is EntityType.PLACE}
    assert places == {"乔治市"}


def test_a_foreign_place_the_model_cuts_into_names_is_one_place_a_dictionary_knows():
    extraction = zh_extraction(
        "孙成坤/PER 会见/v 了/u 符拉迪/PER 沃斯托/PER 克市/PER 市长/n 舍斯塔科夫/PER 和/c "
        "加利福尼亚州/LOC 里弗/LOC 赛德市/LOC 市长/n 道森/PER 。/w 宁夏/LOC 与/c 克孜勒/LOC 奥尔达州/LOC 结好/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"孙成坤", "舍斯塔科夫", "道森"}
    assert {"符拉迪沃斯托克市政府", "里弗赛德市政府"} <= names(extraction, EntityType.ORG)
    assert "克孜勒奥尔达州" in names(extraction, EntityType.PLACE)


def test_a_short_name_the_model_calls_a_body_in_a_list_of_places_is_a_place():
    extraction = zh_extraction(
        "刘新锋/PER 率团/v 出访/v ,/w 行程/n 覆盖/v 韩国/LOC 庆州/LOC 、/w 首尔/LOC 以及/c "
        "日本/LOC 京都/LOC 和/c 奈良/ORG 。/w "
        "代表团/n 参观/v 了/u 果园港/LOC 和/c 仙湖实验室/ORG 。/w"
    )
    assert {"京都", "奈良", "首尔"} <= names(extraction, EntityType.PLACE)
    assert "仙湖实验室" in names(extraction, EntityType.ORG)
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    (visit,) = extraction.events
    assert {labels[p.entity] for p in visit.participants if p.prop == "schema:location"} >= {"庆州", "京都", "奈良"}


def test_a_name_opening_with_a_two_character_surname_runs_over_the_piece_the_model_cut_off():
    extraction = zh_extraction(
        "副主任/n 司马/PER 双龙/n 陪同/v 。/w 副市长/n 欧阳锦/PER 全/d 出席/v 。/w 欧阳明/PER 也/d 出席/v 。/w "
        "诸葛亮/PER 等/u 出席/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"司马双龙", "欧阳锦全", "欧阳明", "诸葛亮"}


def test_two_names_joined_by_a_hyphen_before_a_level_are_one_place_but_not_across_a_dash():
    extraction = zh_extraction(
        "德国/LOC 巴登/LOC -/w 符腾堡州/LOC 州长/n 克雷奇曼/PER 访问/v 重庆/LOC 。/w 毛里求斯/LOC 博巴森/PER -/w "
        "罗斯希尔市/LOC 市长/n 莫希特/PER 访问/v 常州/LOC 。/w 中国/LOC —/w 东盟/LOC 博览会/n 开幕/v 。/w"
    )
    places = {m.text for m in extraction.analyses["zh"].mentions if m.type is EntityType.PLACE}
    assert {"巴登-符腾堡州", "博巴森-罗斯希尔市"} <= places
    assert "中国—东盟" not in places
    assert names(extraction, EntityType.PERSON) == {"克雷奇曼", "莫希特"}


def test_a_name_the_model_calls_a_body_right_after_a_title_is_a_person():
    extraction = zh_extraction(
        "5月8日/t ,/w 刘芳/PER 与/p 西班牙驻华大使馆/ORG 副/a 馆长/n 、/w 公使/n 衔/v 参赞/v "
        "埃斯帕尼亚/ORG 会谈/v 。/w "
        "刘芳/PER 会见/v 了/u 外事/n 办公室/n 主任/n 王雯/PER 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"刘芳", "埃斯帕尼亚", "王雯"}
    assert "埃斯帕尼亚" not in names(extraction, EntityType.ORG)


def test_taking_up_a_post_and_a_whole_team_name_no_person_and_no_body():
    extraction = zh_extraction(
        "王建国/PER 对/p 施密特/PER 抵/v 穗履新/PER 表示/v 欢迎/vn 。/w 施密特/PER 表示/v ,/w 将/d 带领/v "
        "整个领馆团队/ORG 推动/v 合作/vn 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"王建国", "施密特"}
    assert not names(extraction, EntityType.ORG)


def test_where_officials_are_posted_is_not_a_place_the_article_is_about():
    extraction = zh_extraction(
        "驻/v 穗/j 领事/n 官员/n 来到/v 中山市/LOC 。/w 驻/v 广州/LOC 领事/n 官员/n 参观/v 。/w "
        "驻/v 穗/j 领事/n 官员/n 座谈/v 。/w 副市长/n 欧阳锦全/PER 出席/v 。/w"
    )
    posts = {(m.person, m.organization) for m in extraction.memberships}
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    assert {(labels[p], labels[o]) for p, o in posts} == {("欧阳锦全", "中山市人民政府")}


def test_a_name_the_model_glues_to_a_two_character_verb_is_cut_before_it():
    extraction = zh_extraction("张礼涛/PER 率团/v 访问/v 荷兰/LOC ,/w 市外办/ORG 副主任/n 陈蕾随团/PER 出访/v 。/w")
    assert names(extraction, EntityType.PERSON) == {"张礼涛", "陈蕾"}


def test_a_name_followed_by_a_venue_word_is_a_venue_not_a_person():
    extraction = zh_extraction("双方/r 讨论/v 了/u 马尔科沃/PER 口岸/n 恢复/v 过货/v 等/u 事项/n 。/w")
    assert not names(extraction, EntityType.PERSON)
    assert "马尔科沃口岸" in names(extraction, EntityType.PLACE)


def test_a_place_written_with_and_without_its_level_is_one_place_unless_two_levels_share_the_name():
    extraction = zh_extraction(
        "代表团/n 访问/v 日本/LOC 静冈县/LOC 。/w 在/p 静冈/LOC 期间/f ,/w 代表团/n 参观/v 了/u 工厂/n 。/w",
        "代表团/n 访问/v 奈良县/LOC 和/c 奈良市/LOC 。/w 在/p 奈良/LOC 期间/f ,/w 代表团/n 参观/v 了/u 寺庙/n 。/w",
    )
    places = names(extraction, EntityType.PLACE)
    assert "静冈县" in places and "静冈" not in places
    assert {"奈良县", "奈良市", "奈良"} <= places


def test_a_place_the_model_runs_into_a_title_as_one_body_is_a_place():
    extraction = zh_extraction("11月24日/t ,/w 古镇镇党委/ORG 副书记/n 、/w 镇长/n 阮志力/PER 陪同/v 参观/v 。/w")
    assert ("古镇镇", EntityType.PLACE) in {(m.text, m.type) for m in extraction.analyses["zh"].mentions}
    assert ("阮志力", "town-head", "古镇镇政府") in {
        (e.labels["zh"], m.role, o.labels["zh"])
        for m in extraction.memberships
        for e in extraction.entities
        for o in extraction.entities
        if e.id == m.person and o.id == m.organization
    }


def test_a_slogan_playing_on_a_place_s_short_name_names_nothing():
    extraction = zh_extraction(
        "活动/n 以/p “/w 湘里湘/LOC 外/f 和美/a 合融/v ”/w 为/v 主题/n ,/w 湖南省/LOC 副省长/n 李明/PER 致辞/v 。/w "
        "“/w 鲁里鲁/PER 外/f ”/w 活动/n 举行/v 。/w"
    )
    assert names(extraction, EntityType.PERSON) == {"李明"}
    assert "湘里湘" not in names(extraction, EntityType.PLACE)


def test_the_zhong_closing_a_frame_before_a_verb_of_together_opens_no_party_name():
    extraction = zh_extraction(
        "11月4日/t ,/w 嘉宾/n 在/p 乐曲/n 中/f 共话/v 友谊/n ,/w "
        "在/p 轻松/a 的/u 氛围/n 中/LOC 共/v 叙/LOC 情谊/n 。/w "
        "中共/ORG 丙市/LOC 市委/n 书记/n 李某/PER 出席/v 。/w"
    )
    bodies = names(extraction, EntityType.ORG)
    assert "中国共产党" not in bodies and not any(name.startswith("中共叙") for name in bodies)
    assert not any("叙" in name for name in names(extraction, EntityType.PLACE))
