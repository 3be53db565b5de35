"""Membership rules on hand-built analyses: a fake tagger marks the names, the lexicon does the rest."""

from __future__ import annotations

import re

import pytest

from pipeline.extractors.entities import article_places, assign_keys, build_entities
from pipeline.extractors.roles import extract_memberships
from pipeline.lexicon.resources import load_lexicon
from pipeline.model import EntityType, LanguageAnalysis, Membership, TextVersion
from pipeline.nlp.zh import analyse_zh
from tests.handmade import zh_extraction


class NamesTagger:
    """Tags the given person names PER (and ``places`` LOC), every other character as a plain word."""

    name = "names"

    def __init__(self, *names: str, places: tuple[str, ...] = ()) -> None:
        self.tags = {**{n: "PER" for n in names}, **{p: "LOC" for p in places}}
        self.pattern = re.compile("|".join(map(re.escape, sorted(self.tags, key=len, reverse=True))))

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        tagged = []
        for sentence in sentences:
            words: list[tuple[str, str]] = []
            cursor = 0
            for match in self.pattern.finditer(sentence):
                words += [(c, "n") for c in sentence[cursor : match.start()]]
                words.append((match.group(), self.tags[match.group()]))
                cursor = match.end()
            tagged.append(words + [(c, "n") for c in sentence[cursor:]])
        return tagged

    def entities(self, sentences: list[str]) -> list[list]:
        return [[] for _ in sentences]


def memberships(text: str, *names: str, places: tuple[str, ...] = ()) -> tuple[LanguageAnalysis, list[Membership]]:
    """The Chinese memberships of ``text`` in an article of 重庆与世界 (names tagged by hand)."""
    lexicon = load_lexicon()
    version = TextVersion("zh", text, [(0, len(text))], analysis=text)
    analysis = analyse_zh(version, lexicon, NamesTagger(*names, places=places))
    context = article_places([analysis], lexicon, "重庆与世界", None)
    assign_keys(analysis, context, lexicon)
    build_entities(analysis, lexicon)
    extract_memberships(analysis, version, lexicon, context)
    return analysis, analysis.memberships


def triples(analysis: LanguageAnalysis, found: list[Membership]) -> set[tuple[str, str, str]]:
    """(person, role, organisation) by their Chinese labels."""
    label = {e.id: e.labels.get("zh", e.key) for e in analysis.entities}
    return {(label[m.person], title(m), label[m.organization]) for m in found}


def title(membership: Membership) -> str:
    return load_lexicon().roles[membership.role].zh


def test_county_government_composes_from_the_division_table():
    analysis, found = memberships("大邑县人民政府县长李四出席。", "李四")
    (membership,) = found
    org = next(e for e in analysis.entities if e.id == membership.organization)
    assert str(org.key) == "org/div-510129/body-county-government"
    assert title(membership) == "县长"


def test_consul_general_of_a_country_not_in_the_hand_gazetteer():
    analysis, found = memberships("乌拉圭驻重庆总领事马丁出席。", "马丁")
    assert triples(analysis, found) == {("马丁", "总领事", "乌拉圭驻重庆总领事馆")}
    org = next(e for e in analysis.entities if e.id == found[0].organization)
    assert str(org.key) == "org/iso-uy/head-consulate-general@chongqing"


def test_a_country_short_form_before_zhu_names_the_country():
    analysis, found = memberships("澳驻成都总领馆商务领事唐某出席。", "唐某")
    org = next(e for e in analysis.entities if e.id == found[0].organization)
    assert str(org.key) == "org/australia/head-consulate-general@chengdu"
    assert title(found[0]) == "商务领事"
    analysis, found = memberships("驻澳总领事唐某出席。", "唐某")
    assert all("australia" not in str(e.key) for e in analysis.entities)


def test_the_acting_dean_of_a_consular_corps_holds_that_post_beside_the_consul_general_s():
    analysis, found = memberships("外国驻穗领团代团长、泰国驻穗总领事颂猜出席。", "颂猜")
    assert triples(analysis, found) == {("颂猜", "代团长", "外国驻穗领团"), ("颂猜", "总领事", "泰国驻广州总领事馆")}


def test_a_post_in_a_section_of_a_mission_is_held_in_that_section_of_it():
    text = "法国驻华大使馆经济处主任杜某、日本驻重庆总领事馆领事部主任山某出席。"
    analysis, found = memberships(text, "杜某", "山某")
    assert triples(analysis, found) == {
        ("杜某", "主任", "法国驻华大使馆经济处"),
        ("山某", "主任", "日本驻重庆总领事馆领事部"),
    }
    keys = {str(e.key) for e in analysis.entities}
    assert "org/france/head-embassy@china/sub-economic-section" in keys


def test_a_foreign_head_of_government_belongs_to_that_country():
    analysis, found = memberships("新加坡总理李某、尼泊尔总理普某来渝访问。", "李某", "普某")
    assert triples(analysis, found) == {("李某", "总理", "新加坡政府"), ("普某", "总理", "尼泊尔政府")}
    analysis, found = memberships("国务院总理李某出席。", "李某")
    assert triples(analysis, found) == {("李某", "总理", "国务院")}
    analysis, found = memberships("葡萄牙国务部长兰某来访。", "兰某")
    assert triples(analysis, found) == {("兰某", "国务部长", "葡萄牙政府")}


def test_a_foundation_s_council_chairman_keeps_the_posts_chained_before_it():
    extraction = zh_extraction(
        "7月20日/t ,/w 中国人民对外友好协会/ORG 副会长/n 、/w 中国友好和平发展基金会/ORG 理事长/n 李某/PER 致辞/v 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert posts == {
        ("李某", "association-vice-president", "中国人民对外友好协会"),
        ("李某", "council-chairman", "中国友好和平发展基金会"),
    }


def test_a_party_committee_s_foreign_affairs_commission_named_before_its_meeting_is_the_one_its_chair_heads():
    extraction = zh_extraction(
        "6月18日/t ,/w 中共鸡西市委外事工作委员会/ORG 第六次/m 全体会议/n 召开/v 。/w "
        "市委书记/n 、/w 市委外事工作委员会/ORG 主任/n 刘某/PER 主持/v 会议/n 。/w"
    )
    bodies = [e for e in extraction.entities if e.type is EntityType.ORG and "外事工作委员会" in e.labels.get("zh", "")]
    assert [e.labels["zh"] for e in bodies] == ["中共鸡西市委外事工作委员会"]  # one body, the short name its variant
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    posts = {(labels[m.person], labels[m.organization]) for m in extraction.memberships}
    assert ("刘某", "中共鸡西市委外事工作委员会") in posts


def test_a_chinese_place_s_government_named_short_is_labelled_by_its_official_name():
    extraction = zh_extraction(
        "5月12日/t ,/w 张某/PER 率/v 扬州市政府/ORG 代表团/n 访问/v 荷兰/LOC 。/w "
        "重庆市政府/ORG 、/w 喀什市政府/ORG 和/c 香港特区政府/ORG 派员/v 参加/v 。/w"
    )
    names = {e.labels["zh"]: e.alt_labels.get("zh", set()) for e in extraction.entities if e.type is EntityType.ORG}
    assert names["扬州市人民政府"] == {"扬州市政府"}
    assert "重庆市人民政府" in names  # a municipality's government is a 市人民政府
    assert not any("地区市" in name for name in names)  # 喀什市, not the prefecture 喀什地区
    assert not any("香港" in name and "人民政府" in name for name in names)  # an SAR's is no people's government


def test_a_mission_abroad_named_without_its_country_is_the_home_country_s():
    extraction = zh_extraction(
        "6月3日/t ,/w 乙市外办/ORG 与/p 我/r 驻/v 马耳他/LOC 使馆/n 举行/v 交流会/n 。/w "
        "驻/v 马耳他/LOC 使馆/n 政治处/n 主任/n 郑某/PER 出席/v 。/w"
    )
    keys = {e.labels["zh"]: e.key.path for e in extraction.entities if e.type is EntityType.ORG}
    assert keys["中国驻马耳他大使馆"] == "china/head-embassy@malta"  # not Malta's embassy in China
    embassy = next(e for e in extraction.entities if e.key.path == "china/head-embassy@malta")
    assert "我驻马耳他使馆" in embassy.names("zh")  # labelled by its official name, the text's kept
    assert keys["驻马耳他使馆政治处"].startswith("china/head-embassy@malta/")


def test_a_country_s_lingguan_in_a_city_is_its_consulate_general_there():
    extraction = zh_extraction(
        "9月10日/t ,/w 高某/PER 会见/v 了/u 意大利/LOC 驻/v 上海/LOC 总领事/n 罗某/PER 。/w "
        "罗某/PER 表示/v ,/w 意大利/LOC 驻沪/v 领馆/n 愿/v 推动/v 合作/vn 。/w"
    )
    bodies = [e for e in extraction.entities if e.type is EntityType.ORG]
    assert [e.key.path for e in bodies] == ["italy/head-consulate-general@shanghai"]
    assert "意大利驻沪领馆" in bodies[0].names("zh")  # one body, 驻沪领馆 a name of it


def test_a_city_s_government_is_the_city_s_when_its_prefecture_bears_the_same_short_name():
    extraction = zh_extraction("5月12日/t ,/w 喀什市政府/ORG 与/p 阿克苏市/LOC 人民政府/n 签署/v 协议/n 。/w")
    keys = {e.key.path for e in extraction.entities if e.type is EntityType.ORG}
    assert keys == {"div-653101/body-municipal-government", "div-652901/body-municipal-government"}  # not 喀什地区's


def test_posts_listed_after_a_foreign_country_s_first_post_are_that_country_s():
    extraction = zh_extraction(
        "7月11日/t ,/w 孙某/PER 拜会/v 了/u 蒙古国/LOC 总理/n 奥云额尔登/PER 、/w 副总理/n 呼日勒巴特尔/PER 、/w "
        "乌兰巴托市/LOC 市长/n 尼玛/PER 、/w 外交部/ORG 部长/n 巴特策策格/PER 。/w",
        "外交部/ORG 部长/n 王毅/PER 出席/v 。/w",
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    posts = {(labels[m.person], labels[m.organization]) for m in extraction.memberships}
    assert {("奥云额尔登", "蒙古国政府"), ("呼日勒巴特尔", "蒙古国政府"), ("巴特策策格", "蒙古国政府")} <= posts
    assert ("王毅", "外交部") in posts and ("巴特策策格", "外交部") not in posts


def test_an_autonomous_region_s_congress_and_cppcc_are_the_provincial_ones():
    analysis, found = memberships(
        "内蒙古自治区人大常委会主任孙某、自治区政协主席张某出席。", "孙某", "张某", places=("内蒙古自治区",)
    )
    bodies = {str(e.key) for e in analysis.entities if e.id in {m.organization for m in found}}
    assert bodies == {"org/inner-mongolia/body-provincial-congress", "org/inner-mongolia/body-provincial-cppcc"}


def test_a_mission_title_listed_after_another_envoy_s_is_sent_by_the_same_country():
    analysis, found = memberships(
        "俄罗斯驻华大使莫某、驻沈阳总领事叶某出席。", "莫某", "叶某", places=("俄罗斯", "华", "沈阳")
    )
    assert triples(analysis, found) == {
        ("莫某", "大使", "俄罗斯驻中国大使馆"),
        ("叶某", "总领事", "俄罗斯驻沈阳总领事馆"),
    }


def test_a_designate_holds_the_designate_s_post_not_yet_the_post():
    analysis, found = memberships("候任越南驻昆总领事黄某旁听开幕式,老挝驻昆总领事宋某出席。", "黄某", "宋某")
    assert triples(analysis, found) == {
        ("黄某", "候任总领事", "越南驻昆明总领事馆"),
        ("宋某", "总领事", "老挝驻昆明总领事馆"),
    }
    analysis, found = memberships("智利驻广州候任总领事罗某、智利驻大阪候任总领事马某出席。", "罗某", "马某")
    assert {(p, t) for p, t, _ in triples(analysis, found)} == {("罗某", "候任总领事"), ("马某", "候任总领事")}
    assert not [e for e in analysis.entities if "候任" in e.labels.get("zh", "")]
    analysis, found = memberships("拟任市政府外办主任李某出席。", "李某")
    assert not found


def test_an_autonomous_region_written_alone_is_the_region_the_article_is_about():
    analysis, found = memberships(
        "广西壮族自治区主席蓝某在南宁会见来宾,自治区副主席廖某、自治区政府秘书长蒋某参加。",
        "蓝某",
        "廖某",
        "蒋某",
        places=("广西壮族自治区", "自治区", "南宁"),
    )
    bodies = {str(e.key) for e in analysis.entities if e.id in {m.organization for m in found}}
    assert bodies == {"org/guangxi/body-provincial-government"} and len(found) == 3
    assert load_lexicon().roles[found[0].role].en in {"chairman", "vice chairman", "secretary-general"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("中国驻日本大使吴某出席。", {("吴某", "大使", "中国驻日本大使馆")}),
        ("驻日本大使吴某出席。", {("吴某", "大使", "中国驻日本大使馆")}),
        ("英国爱丁堡市荣誉市长罗某出席。", set()),
        ("常州市代市长费某出席。", {("费某", "代市长", "常州市人民政府")}),
        ("法国前总理拉某出席。", set()),
        ("日本外相林某出席。", {("林某", "外交部长", "日本政府")}),
        ("国务委员兼外长秦某出席。", {("秦某", "国务委员", "国务院")}),
        ("中央外办主任王某出席。", {("王某", "主任", "中央外事工作委员会办公室")}),
    ],
)
def test_a_title_goes_to_the_body_it_names_or_implies_and_no_other(text, expected):
    analysis, found = memberships(text, "吴某", "罗某", "费某", "拉某", "林某", "秦某", "王某")
    assert triples(analysis, found) == expected


def test_an_embassy_seated_in_china_by_its_abbreviation():
    analysis, found = memberships("瑞士驻华大使馆公使兼副馆长张某、日本驻华大使馆公使衔参赞上某会谈。", "张某", "上某")
    assert triples(analysis, found) == {
        ("张某", "公使", "瑞士驻华大使馆"),
        ("张某", "副馆长", "瑞士驻华大使馆"),
        ("上某", "公使衔参赞", "日本驻华大使馆"),
    }


def test_a_governor_in_a_municipality_article_is_not_the_municipality_s():
    analysis, found = memberships("重庆市市长胡某会见来访的省长阿某。", "胡某", "阿某")
    assert triples(analysis, found) == {("胡某", "市长", "重庆市人民政府")}


def test_abbreviated_seat_names_the_city():
    analysis, found = memberships("波兰驻渝总领事莫某出席。", "莫某")
    org = next(e for e in analysis.entities if e.id == found[0].organization)
    assert str(org.key) == "org/poland/head-consulate-general@chongqing"


def test_foreign_mayor_heads_that_city_government():
    analysis, found = memberships("匈牙利佩奇市市长彼得出席。", "彼得", places=("佩奇市",))
    assert triples(analysis, found) == {("彼得", "市长", "佩奇市政府")}


def test_a_mayor_of_a_city_written_without_its_level_heads_that_city_government():
    analysis, found = memberships("日本五泉市长田边正幸随行。", "田边正幸", places=("五泉",))
    assert triples(analysis, found) == {("田边正幸", "市长", "五泉市政府")}
    analysis, found = memberships("英国大伦敦副市长道伯随行。", "道伯", places=("大伦敦",))
    assert triples(analysis, found) == {("道伯", "副市长", "大伦敦市政府")}
    analysis, found = memberships("肯尼亚瓦吉尔郡郡长阿卜杜拉希随行。", "阿卜杜拉希", places=("瓦吉尔郡",))
    assert {org for _, _, org in triples(analysis, found)} == {"瓦吉尔郡政府"}


def test_an_office_named_in_full_keeps_its_title_and_its_former_name_is_a_body():
    analysis, found = memberships(
        "2017年6月2日,时任市政府外事侨务办公室主任吴某与四川省外事办公室主任慕某座谈。", "吴某", "慕某"
    )
    assert triples(analysis, found) == {
        ("吴某", "主任", "市政府外事侨务办公室"),
        ("慕某", "主任", "四川省外事办公室"),
    }
    assert all(m.start is None for m in found)  # 时任: then serving, not taking the post up that day


def test_a_spokesperson_s_post_has_its_official_name():
    analysis, found = memberships("5月13日,市政府外办副主任、新闻发言人张某介绍情况。", "张某")
    assert {post for _, post, _ in triples(analysis, found)} == {"副主任", "新闻发言人"}


def test_a_professor_of_a_party_school_holds_that_rank_there():
    extraction = zh_extraction("8月6日/t ,/w 市委党校/ORG 教授/n 赵某/PER 作/v 专题/n 宣介/v 。/w")
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    assert {(labels[m.person], title(m)) for m in extraction.memberships} == {("赵某", "教授")}


def test_mayor_after_a_party_committee_title_keeps_the_government():
    analysis, found = memberships("市委副书记、市长胡某会见客人。", "胡某")
    assert triples(analysis, found) == {("胡某", "副书记", "市委"), ("胡某", "市长", "重庆市人民政府")}


def test_association_president_and_full_time_vice_president():
    analysis, found = memberships("市对外友协会长赵某、市对外友协专职副会长薛某出席。", "赵某", "薛某")
    roles = {(title(m), str(next(e for e in analysis.entities if e.id == m.organization).key)) for m in found}
    assert roles == {
        ("会长", "org/chongqing/head-friendship-association"),
        ("专职副会长", "org/chongqing/head-friendship-association"),
    }


def test_party_group_title_belongs_to_the_party_group():
    analysis, found = memberships("市政府外办党组书记、主任王某主持会议。", "王某")
    assert triples(analysis, found) == {("王某", "党组书记", "市政府外办党组"), ("王某", "主任", "市政府外办")}
    group = next(e for e in analysis.entities if e.labels.get("zh") == "市政府外办党组")
    assert str(group.key) == "org/chongqing/head-fao/sub-party-group" and group.parent is not None


def test_shared_post_list_gives_every_name_the_posts():
    text = "市政府外办党组书记、主任王某主持,办党组成员、市政府外办副主任周某、冯某、张某发言。"
    analysis, found = memberships(text, "王某", "周某", "冯某", "张某")
    got = triples(analysis, found)
    for name in ("周某", "冯某", "张某"):
        assert (name, "党组成员", "市政府外办党组") in got
        assert (name, "副主任", "市政府外办") in got


def test_a_name_after_a_comma_takes_no_post_of_the_name_before():
    analysis, found = memberships("市委常委、副市长韩某,于某陪同调研。", "韩某", "于某")
    assert {person for person, _, _ in triples(analysis, found)} == {"韩某"}


def test_post_chain_comma_starts_another_body():
    analysis, found = memberships("市委外办主任,市政府外办党组书记、主任王某主持会议。", "王某")
    assert triples(analysis, found) == {
        ("王某", "主任", "市委外办"),
        ("王某", "党组书记", "市政府外办党组"),
        ("王某", "主任", "市政府外办"),
    }
    party_office = next(e for e in analysis.entities if e.labels.get("zh") == "市委外办")
    government_office = next(e for e in analysis.entities if e.labels.get("zh") == "市政府外办")
    assert party_office.key != government_office.key


def test_dated_post_carries_its_start():
    _, found = memberships("陈某自2019年6月起任市政府外办副主任。", "陈某")
    (membership,) = found
    assert (title(membership), membership.start, membership.end) == ("副主任", "2019-06", None)


@pytest.mark.parametrize(
    "text",
    [
        "王某2021年3月起任市政府外办主任。",
        "王某自2021年3月起担任市政府外办主任。",
        "王某,2021年3月至今任市政府外办主任。",
        "王某于2021年3月被任命为市政府外办主任。",
    ],
)
def test_each_way_of_dating_a_post_taken_up(text):
    _, found = memberships(text, "王某")
    assert [(title(m), m.start) for m in found] == [("主任", "2021-03")]


def test_posts_told_after_an_appointment_are_the_same_person_s_and_not_dated_by_it():
    analysis, found = memberships(
        "高某于2024年9月任呼和浩特市外事办公室主任,此前任赛罕区副区长,现兼任市人民对外友好协会秘书长。", "高某"
    )
    dated = {(title(m), m.start) for m in found}
    assert dated == {("主任", "2024-09"), ("副区长", None), ("秘书长", None)}
    assert ("高某", "副区长", "赛罕区人民政府") in triples(analysis, found)


def test_removal_carries_the_decision_date():
    text = "根据市委2023年3月20日决定,陈某不再担任市政府外办党组成员。"
    _, found = memberships(text, "陈某")
    (membership,) = found
    assert title(membership) == "党组成员" and membership.end == "2023-03-20" and membership.start is None


def test_a_decision_s_date_covers_each_post_it_lists_after_a_semicolon():
    extraction = zh_extraction(
        "3月30日/t ,/w 市人民政府/ORG 决定/v :/w 任命/v 周立新/PER 为/p 重庆市教育委员会/ORG 主任/n ;/w "
        "免去/v 杨某/PER 的/u 重庆市教育委员会/ORG 主任/n 职务/n 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    dated = {(labels[m.person], m.start, m.end) for m in extraction.memberships}
    assert dated == {("周立新", "2023-03-30", None), ("杨某", None, "2023-03-30")}


def test_a_person_or_a_pronoun_taking_up_a_post_dates_that_person_s_post():
    extraction = zh_extraction(
        "7月12日/t ,/w 王雯/PER 会见/v 波兰/LOC 驻/v 成都/LOC 总领事/n 莫戈蒔/PER 。/w "
        "王雯/PER 感谢/v 他/r 自/p 2020年/t 到任/v 以来/f 所/u 做/v 的/u 工作/n 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    dated = {(labels[m.person], m.start) for m in extraction.memberships}
    assert ("莫戈莳", "2020") in dated
    extraction = zh_extraction(
        "3月28日/t ,/w 章笑梅/PER 会见/v 法国/LOC 驻/v 武汉/LOC 总领事/n 胡建谊/PER 。/w "
        "章笑梅/PER 肯定/v 他/r 自/p 去年/t 10月/t 来/v 鄂/LOC 履新/v 以来/f 的/u 努力/n 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    assert ("胡建谊", "2022-10") in {(labels[m.person], m.start) for m in extraction.memberships}
    extraction = zh_extraction(
        "7月12日/t ,/w 王雯/PER 会见/v 英国/LOC 驻/v 重庆/LOC 总领事/n 贝克/PER 。/w 贝克/PER 总领事/n "
        "已/d 于/p 今年/t 3月/t 正式/ad 履新/v 。/w"
    )
    assert tuple(m.start for m in extraction.memberships if m.start) == ("2023-03",)
    extraction = zh_extraction(
        "9月10日/t ,/w 韩国/LOC 驻/v 武汉/LOC 总领事/n 金泰勋/PER 于/p 8月下旬/t 抵汉/v 到任/v 。/w"
    )
    assert tuple(m.start for m in extraction.memberships if m.start) == ("2023-08",)


def test_an_appointment_to_a_post_named_by_its_places_after_the_name_is_read_with_its_date():
    analysis, found = memberships(
        "片江学巳于2020年12月出任日本驻沈阳总领事。李某于2021年3月出任沈阳市市长。",
        "片江学巳",
        "李某",
        places=("日本", "沈阳", "沈阳市"),
    )
    expected = {("片江学巳", "总领事", "日本驻沈阳总领事馆"), ("李某", "市长", "沈阳市人民政府")}
    assert triples(analysis, found) == expected
    assert {m.start for m in found} == {"2020-12", "2021-03"}


@pytest.mark.parametrize("serving", ["新任", "现任", "时任"])
def test_newly_or_now_serving_is_not_taking_the_post_up_on_the_day(serving):
    _, found = memberships(f"9月10日,{serving}韩国驻武汉总领事金某拜访省外办。", "金某")
    assert found and all(m.start is None for m in found)


def test_undated_meeting_gives_no_start():
    _, found = memberships("6月12日,市政府外办主任王某会见客人。", "王某")
    assert found and all(m.start is None and m.end is None for m in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("外交部部长助理刘某会见来宾。", {("刘某", "部长助理", "外交部")}),
        ("全国人大常委会副委员长王某出席。", {("王某", "副委员长", "全国人大常委会")}),
        ("中国驻南非使馆临时代办李某出席。", {("李某", "临时代办", "中国驻南非大使馆")}),
    ],
)
def test_posts_of_parliaments_missions_and_foreign_states(text, expected):
    analysis, found = memberships(text, "刘某", "王某", "李某")
    assert triples(analysis, found) == expected


def test_a_mission_seated_in_an_unlisted_city_and_a_title_after_the_name_it_precedes():
    analysis, found = memberships("中国驻大阪总领事馆薛某总领事致辞。外交部王某部长出席。", "薛某", "王某")
    assert triples(analysis, found) == {("薛某", "总领事", "中国驻大阪总领事馆"), ("王某", "部长", "外交部")}
    assert any(e.key.path == "china/head-consulate-general@daban" for e in analysis.entities)
    analysis, _ = memberships("中国驻法大使邓某就总领馆建馆40周年发来贺信。", "邓某")
    assert not any("邓某" in e.labels.get("zh", "") for e in analysis.entities if e.type.name == "ORG")


def test_ban_opening_a_clause_before_titles_is_the_office_last_named():
    analysis, found = memberships(
        "6月28日,市政府外办党组召开学习会。办党组书记、主任王某主持会议,办党组成员、副主任周某、冯某发言。",
        "王某",
        "周某",
        "冯某",
    )
    assert triples(analysis, found) == {
        ("王某", "党组书记", "市政府外办党组"),
        ("王某", "主任", "市政府外办"),
        ("周某", "党组成员", "市政府外办党组"),
        ("周某", "副主任", "市政府外办"),
        ("冯某", "党组成员", "市政府外办党组"),
        ("冯某", "副主任", "市政府外办"),
    }


def test_titles_opening_a_clause_belong_to_the_office_last_named_with_its_party_group():
    analysis, found = memberships(
        "3月14日,省外办党组召开学习会。党组书记、主任章某主持,党组成员、副主任王某出席。",
        "章某",
        "王某",
    )
    assert triples(analysis, found) == {
        ("章某", "党组书记", "省外办党组"),
        ("章某", "主任", "省外办"),
        ("王某", "党组成员", "省外办党组"),
        ("王某", "副主任", "省外办"),
    }
    analysis, found = memberships(
        "甲市外办党组成员、市对外友协副会长薛某,党组成员、二级调研员陈某参加活动。", "薛某", "陈某"
    )
    assert ("陈某", "党组成员", "市对外友协党组") not in triples(analysis, found)


def test_a_bare_provincial_office_is_the_province_s_and_offices_of_each_district_are_none():
    analysis, found = memberships(
        "重庆市政府外办与四川省外办签署协议。省外办副主任赵某出席,各区县外办负责同志参加。", "赵某"
    )
    assert triples(analysis, found) == {("赵某", "副主任", "四川省外办")}
    assert not any(m.name.endswith("县外办") for m in analysis.mentions)


def test_a_mission_a_title_implies_is_named_with_full_place_names():
    analysis, found = memberships("西班牙驻沪总领事路某出席活动。", "路某", places=("西班牙", "沪"))
    (membership,) = found
    mission = next(e for e in analysis.entities if e.id == membership.organization)
    assert mission.labels["zh"] == "西班牙驻上海总领事馆" and mission.alt_labels["zh"] == {"西班牙驻沪总领事馆"}


def test_a_foreign_legislature_s_head_is_not_in_its_government():
    analysis, found = memberships("布隆迪参议长辛某、新加坡总理李某出席。", "辛某", "李某")
    assert triples(analysis, found) == {("李某", "总理", "新加坡政府")}


def test_a_foreign_place_s_assembly_is_a_body_and_named_again_bare_it_is_the_same_one():
    analysis, found = memberships(
        "葡萄牙布朗库堡市议会主席罗德里格斯率团访问珠海。德国下萨克森州议会副议长韦斯特率州议会代表团访问安徽，"
        "州议会议员施密特随团访问。",
        "罗德里格斯",
        "韦斯特",
        "施密特",
        places=("葡萄牙", "布朗库堡", "德国", "下萨克森州", "珠海", "安徽"),
    )
    assert triples(analysis, found) == {
        ("罗德里格斯", "主席", "布朗库堡市议会"),
        ("韦斯特", "副议长", "下萨克森州议会"),
        ("施密特", "议员", "下萨克森州议会"),
    }


@pytest.mark.model
def test_a_foreign_assembly_named_without_its_place_is_never_the_article_city_s():
    import pipeline

    record = {
        "id": "x",
        "date": "2024-06-20",
        "zh": "6月12日，葡萄牙布朗库堡市议会主席莱奥波尔多·罗德里格斯率团访问珠海。",
        "en": "Leopoldo Rodrigues, President of the Municipal Council of Castelo Branco, Portugal, visited Zhuhai.",
    }
    keys = {e.key.path for e in pipeline.extract(record).entities if e.type.value == "ORG"}
    assert "bulangkubao/body-city-council" in keys and not any(k.startswith("zhuhai/") for k in keys)


def test_a_city_s_foreign_affairs_bureau_is_a_body_with_its_director():
    analysis, found = memberships("副市长闫昊波、珠海市外事局局长童嫚参加会见。", "闫昊波", "童嫚", places=("珠海市",))
    assert ("童嫚", "局长", "珠海市外事局") in triples(analysis, found)


def test_a_department_of_the_foreign_ministry_is_a_body_of_its_own():
    analysis, found = memberships("外交部外事管理司司长陈某参加活动,外交部部长助理刘某出席。", "陈某", "刘某")
    assert triples(analysis, found) == {("陈某", "司长", "外交部外事管理司"), ("刘某", "部长助理", "外交部")}


def test_a_bare_diplomatic_title_is_the_head_s_of_the_one_mission_the_article_names():
    analysis, found = memberships(
        "10月1日,中国驻珀斯总领馆举办国庆招待会。龙某总领事和西澳州州长库某分别致辞。",
        "龙某",
        "库某",
        places=("中国", "珀斯", "西澳州"),
    )
    held = triples(analysis, found)
    assert {(person, org) for person, role, org in held if role == "总领事"} == {("龙某", "总领馆")}
    analysis, found = memberships(
        "中国驻珀斯总领馆与泰国驻成都总领事馆联合举办活动。龙某总领事致辞。",
        "龙某",
        places=("中国", "珀斯", "泰国", "成都"),
    )
    assert not any(role == "总领事" for _, role, _ in triples(analysis, found))  # two missions: none is the one


def test_a_politburo_member_is_a_member_of_the_central_committee_s_politburo_and_keeps_his_other_post():
    analysis, found = memberships("9月26日,中共中央政治局委员、重庆市委书记袁某会见客人。", "袁某", places=("重庆",))
    held = triples(analysis, found)
    assert ("袁某", "政治局委员", "中共中央") in held
    assert any(person == "袁某" and role == "书记" for person, role, _ in held)


def test_a_title_after_a_list_item_takes_the_body_of_that_item():
    analysis, found = memberships("重庆市政府外办主任王雯、副主任李明全出席。", "王雯", "李明全")
    assert triples(analysis, found) == {("王雯", "主任", "重庆市政府外办"), ("李明全", "副主任", "重庆市政府外办")}


def test_an_embassys_diplomats_hold_their_ranks_in_it():
    text = "哥斯达黎加驻华使馆政务参赞索菲娅·巴尔加斯、商务专员迭戈·莫拉参加会见。"
    analysis, found = memberships(text, "索菲娅·巴尔加斯", "迭戈·莫拉", places=("哥斯达黎加",))
    assert triples(analysis, found) == {
        ("索菲娅·巴尔加斯", "政务参赞", "哥斯达黎加驻华大使馆"),
        ("迭戈·莫拉", "商务专员", "哥斯达黎加驻华大使馆"),
    }


def test_a_name_with_its_own_title_after_it_takes_none_from_before_the_list_mark():
    text = "青海省外办希望以苏更大使、杨秀萍秘书长此访为契机，加强与印尼驻华使馆的联系。"
    analysis, found = memberships(text, "杨秀萍")  # the model missed 苏更
    assert not any(label == "杨秀萍" and role == "大使" for label, role, _ in triples(analysis, found))


def test_an_acting_consul_general_is_not_also_consul_general():
    analysis, found = memberships("意大利驻重庆总领事馆代理总领事马可·罗西致辞。", "马可·罗西")
    assert triples(analysis, found) == {("马可·罗西", "代总领事", "意大利驻重庆总领事馆")}


def test_a_speech_verb_glued_to_a_name_is_cut_off():
    extraction = zh_extraction("4月1日/t ,/w 副区长/n 冯雪致/PER 欢迎辞/n 。/w")
    assert {e.labels["zh"] for e in extraction.entities if e.type.name == "PERSON"} == {"冯雪"}


def test_a_person_named_again_by_surname_before_a_governors_title_stays_a_person():
    extraction = zh_extraction(
        "10月23日/t ,/w 冈山县/LOC 副知事/n 小林浩/PER 会见/v 代表团/n 。/w",
        "次日/t ,/w 小林/PER 副知事/n 、/w 冈山市议会/ORG 议长/n 山本健/PER 一/m 、/w "
        "商工会议所/n 会头中村隆/PER 致辞/v 。/w",
    )
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert ("山本健一", "speaker-of-parliament", "冈山市议会") in posts
    assert not any(person == "山本健一" and role == "vice-prefectural-governor" for person, role, _ in posts)
    persons = {e.labels["zh"] for e in extraction.entities if e.type.name == "PERSON"}
    assert persons == {"小林浩", "山本健一", "中村隆"}


def test_a_bodys_other_name_in_brackets_does_not_end_the_chain_of_titles():
    extraction = zh_extraction(
        "9月10日/t ,/w 嘉兴市人民政府外事办公室/ORG (/w 市政府港澳事务办公室/ORG )/w 党组书记/n 、/w 主任/n "
        "沈建国/PER 带队/v 赴/v 上海/LOC 。/w"
    )
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert ("沈建国", "director-general", "嘉兴市人民政府外事办公室") in posts


def test_a_post_given_its_default_body_gives_way_to_the_body_the_text_names():
    extraction = zh_extraction(
        "5月1日/t ,/w 武汉市/LOC 举办/v 友城/n 论坛/n 。/w 法国/LOC 波尔多市/LOC 副市长/n 玛丽·杜邦/PER 出席/v 。/w",
        "杜邦/PER 副市长/n 表示/v 感谢/v 。/w",
    )
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    posts = {(labels[m.person], labels[m.organization]) for m in extraction.memberships}
    assert posts == {("玛丽·杜邦", "波尔多市政府")}
    assert "武汉市人民政府" not in labels.values()


def test_a_prefecture_s_governor_heads_its_government_and_a_foreign_state_s_its_own():
    analysis, found = memberships(
        "代表团赴西双版纳傣族自治州访问。州委副书记、州长刀新华会见代表团。俄亥俄州副州长迈克出席。",
        "刀新华",
        "迈克",
        places=("俄亥俄州",),
    )
    held = triples(analysis, found)
    assert ("刀新华", "州长", "西双版纳傣族自治州人民政府") in held
    assert ("迈克", "副州长", "俄亥俄州政府") in held


def test_a_body_named_with_a_place_the_gazetteer_lacks_opens_with_that_place():
    analysis, found = memberships("佩奇市政府与万州区人民政府签约,佩奇市长阿提拉出席。", "阿提拉", places=("佩奇",))
    bodies = {e.labels.get("zh") for e in analysis.entities if e.type.name == "ORG"}
    assert "佩奇市政府" in bodies and "市政府" not in bodies
    assert ("阿提拉", "市长", "佩奇市政府") in triples(analysis, found)


def test_a_person_named_again_in_a_list_takes_no_post_of_the_name_before():
    analysis, found = memberships(
        "徐建国会见阿穆尔州议会议长阿列克谢·彼得连科。黑河市委副书记、市长马国庆和彼得连科分别致辞。",
        "徐建国",
        "阿列克谢·彼得连科",
        "马国庆",
        "彼得连科",
        places=("阿穆尔州",),
    )
    held = {(person, role) for person, role, _ in triples(analysis, found)}
    assert ("马国庆", "市长") in held
    assert not any(person == "阿列克谢·彼得连科" and role in ("市长", "副书记") for person, role in held)


def test_a_district_government_a_title_implies_has_both_english_names():
    extraction = zh_extraction("永川区/LOC 区长/n 高文/PER 陪同/v 。/w")
    government = next(e for e in extraction.entities if e.labels.get("zh") == "永川区人民政府")
    names = {government.labels["en"], *government.alt_labels.get("en", ())}
    assert {"Yongchuan District People's Government", "People's Government of Yongchuan District"} <= names


def test_a_thai_deputy_governor_the_model_cuts_inside_the_title_keeps_his_name_and_post():
    extraction = zh_extraction(
        "泰国/LOC 清迈府/LOC 副府/n 尹颂蓬·西里瓦/PER 率/v 清迈府政府代表团/ORG 访问/v 贵州/LOC 。/w"
    )
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    assert {e.labels["zh"] for e in extraction.entities if e.type.name == "PERSON"} == {"颂蓬·西里瓦"}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert posts == {("颂蓬·西里瓦", "thai-deputy-provincial-governor", "清迈府政府")}


def test_an_executive_vice_governor_is_one_of_the_province_s_government():
    extraction = zh_extraction("湖南省委/ORG 常委/n 、/w 常务副省长/n 李殿勋/PER 出席/v 。/w")
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert ("李殿勋", "executive-vice-governor", "湖南省人民政府") in posts


def test_a_foreign_country_s_ministry_is_its_own_and_its_minister_holds_the_post():
    extraction = zh_extraction("6月28日/t ,/w 李殿勋/PER 会见/v 马拉维/LOC 外交部长/n 南希·滕博/PER 一行/n 。/w")
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert posts == {("南希·滕博", "foreign-minister", "马拉维外交部")}
    assert "外交部" not in labels.values()
    home = zh_extraction("中国/LOC 外交部长/n 王毅/PER 出席/v 。/w")
    labels = {e.id: e.labels["zh"] for e in home.entities}
    assert {(labels[m.person], m.role, labels[m.organization]) for m in home.memberships} == {
        ("王毅", "foreign-minister", "外交部")
    }


def test_a_mission_a_chinese_title_implies_has_its_english_name_and_an_honorary_consul_his_own_consulate():
    extraction = zh_extraction(
        "孙振华/PER 会见/v 荷兰/LOC 驻华/v 大使/n 昊使博/PER 和/c "
        "斯洛文尼亚/LOC 驻/v 天津/LOC 名誉领事/n 科瓦契奇/PER 。/w"
    )
    names = {e.labels["zh"]: e.labels.get("en") for e in extraction.entities if e.type.name == "ORG"}
    assert names == {
        "荷兰驻中国大使馆": "Embassy of the Netherlands in China",
        "斯洛文尼亚驻天津名誉领事馆": "Honorary Consulate of Slovenia in Tianjin",
    }


def test_a_mission_s_english_name_puts_the_before_a_country_that_takes_it():
    extraction = zh_extraction("王雯/PER 会见/v 韩国/LOC 驻/v 上海/LOC 总领事/n 金英俊/PER 。/w")
    names = {e.labels.get("en") for e in extraction.entities if e.type.name == "ORG"}
    assert names == {"Consulate General of the Republic of Korea in Shanghai"}


def test_countries_listed_before_one_mission_name_missions_not_places_and_their_envoys_join_them():
    extraction = zh_extraction(
        "曹赛先/PER 拜会/v 匈牙利/LOC 、/w 荷兰/LOC 等/u 国/n 驻华/v 使馆/n ,/w 与/p "
        "荷兰/LOC 驻华/v 大使/n 昊使博/PER 会谈/v 。/w"
    )
    assert not [e for e in extraction.entities if e.type.name == "PLACE"]
    embassy = next(e for e in extraction.entities if e.labels.get("zh", "").startswith("荷兰"))
    names = {embassy.labels["zh"], *embassy.alt_labels.get("zh", ())}
    assert {"荷兰驻华使馆", "荷兰驻华大使馆"} <= names


def test_a_word_that_dates_the_title_may_stand_between_the_country_and_zhu():
    analysis, found = memberships("白俄罗斯首任驻穗总领事巴某、印度新任驻穗总领事马某出席。", "巴某", "马某")
    assert triples(analysis, found) == {
        ("巴某", "总领事", "白俄罗斯驻广州总领事馆"),
        ("马某", "总领事", "印度驻广州总领事馆"),
    }
    assert all(m.start is None for m in found)  # the first holder of a post took it up on no date stated here


def test_a_mission_abroad_with_no_country_written_is_china_s():
    analysis, found = memberships("驻悉尼总领事李某、驻苏丹大使马某出席。", "李某", "马某", places=("悉尼",))
    assert triples(analysis, found) == {("李某", "总领事", "中国驻悉尼总领事馆"), ("马某", "大使", "中国驻苏丹大使馆")}
    analysis, found = memberships("四川驻京办主任王某出席。", "王某")
    assert "中国" not in str(triples(analysis, found))


def test_a_title_that_states_its_own_seat_is_not_the_page_s_only_mission():
    text = "法国驻穗总领事福某、瓦坎达首任驻穗总领事艾某出席。"
    analysis, found = memberships(text, "福某", "艾某", places=("瓦坎达",))
    assert triples(analysis, found) == {("福某", "总领事", "法国驻广州总领事馆")}


def test_a_seat_s_short_form_the_tagger_glues_to_the_title_after_it_is_still_the_seat():
    extraction = zh_extraction("匈牙利/LOC 驻/v 渝代/LOC 总领事/n 曹某/PER 出席/v 会议/n 。/w")
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    found = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert found == {("曹某", "acting-consul-general", "匈牙利驻重庆总领事馆")}


def test_a_foreign_province_s_party_secretary_and_governor_in_one_chain():
    extraction = zh_extraction("越南老街省委/ORG 副书记/n 、/w 省长/n 黄某/PER 出席/v 会议/n 。/w")
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    found = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert found == {("黄某", "deputy-party-secretary", "老街省委"), ("黄某", "governor", "老街省政府")}
    assert "越南老街省委" not in labels.values()  # the country opening the model's word is no part of the body


def test_an_autonomous_region_s_chairman_heads_its_people_s_government():
    text = (
        "新疆维吾尔自治区外办召开会议。自治区党委副书记、自治区主席艾某出席，广西壮族自治区副主席杨某、主席刘某出席。"
    )
    analysis, found = memberships(text, "艾某", "杨某", "刘某")
    assert triples(analysis, found) == {
        ("艾某", "副书记", "自治区党委"),
        ("艾某", "主席", "新疆维吾尔自治区人民政府"),
        ("杨某", "副主席", "广西壮族自治区人民政府"),
    }  # a bare 主席 names no government
    government = next(e for e in analysis.entities if e.labels.get("zh") == "广西壮族自治区人民政府")
    assert government.labels["en"] == "People's Government of Guangxi Zhuang Autonomous Region"


def test_a_title_names_a_mission_whose_seat_no_gazetteer_lists():
    extraction = zh_extraction("代表团/n 拜会/v 了/u 中国驻名古屋/ORG 总领事/n 杨某/PER 。/w")
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    found = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert found == {("杨某", "consul-general", "中国驻名古屋总领事馆")}
    assert "中国驻名古屋" not in labels.values()


def test_an_autonomous_region_s_people_s_government_is_the_province_level_one():
    from pipeline.lexicon.match import zh_org_matches

    found = {m.name: m.parts for m in zh_org_matches("广西壮族自治区人民政府承办。", load_lexicon())}
    assert found["广西壮族自治区人民政府"].level == "province"  # 自治|区 is no district


def test_an_english_level_word_alone_is_the_article_s_place_of_that_level():
    from pipeline.extractors.entities import _level_alone
    from pipeline.model import PlaceContext

    context = PlaceContext(ranked=["guangxi", "nanning"])
    lexicon = load_lexicon()
    assert str(_level_alone("the Autonomous Region", context, lexicon)) == "gaz/guangxi"
    assert _level_alone("Guangxi", context, lexicon) is None
    assert _level_alone("Municipality", PlaceContext(ranked=["guangxi"]), lexicon) is None


def test_a_mayor_after_a_city_s_party_committee_is_that_city_s_not_the_first_one_named():
    extraction = zh_extraction(
        "长春市委/ORG 副书记/n 、/w 市长/n 王某/PER 出席/v 。/w",
        "大连市委/ORG 副书记/n 、/w 市长/n 陈某/PER 会见/v 了/u 客人/n 。/w",
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    found = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert ("陈某", "mayor", "大连市人民政府") in found and ("王某", "mayor", "长春市人民政府") in found
    assert ("陈某", "mayor", "长春市人民政府") not in found


def test_a_district_many_cities_have_is_the_one_of_the_city_the_article_names():
    def governments(markup: str) -> set[str]:
        return {str(e.key) for e in zh_extraction(markup).entities if e.labels.get("zh") == "和平区人民政府"}

    # Shenyang's, not Tianjin's or Taichung's
    assert governments("沈阳市/LOC 和平区/LOC 区长/n 张某/PER 出席/v 。/w") == {
        "org/div-210102/body-district-government"
    }
    assert governments("天津市/LOC 和平区/LOC 区长/n 张某/PER 出席/v 。/w") == {
        "org/div-120101/body-district-government"
    }


def test_a_nationality_before_a_consul_general_s_title_names_a_consulate_in_the_page_s_consular_city():
    from pipeline.extractors.items import Item
    from pipeline.extractors.roles import _implied_mission
    from pipeline.model import Entity, EntityKey, EntityType, KeyKind, LanguageAnalysis, Mention, RoleMention

    text = "Singaporean Consul General Kenneth Yap attended."
    lexicon = load_lexicon()
    country = Mention("m0", "en", 0, 11, "Singaporean", "Singaporean", EntityType.PLACE, "demonym", 1.0)
    country.key = EntityKey(KeyKind.GAZETTEER, "singapore")
    person = Mention("m1", "en", 27, 38, "Kenneth Yap", "Kenneth Yap", EntityType.PERSON, "model", 1.0)
    items = [Item(0, 11, mention=country), Item(12, 26, role=RoleMention("en", 12, 26, "consul-general"))]
    items.append(Item(27, 38, mention=person))
    analysis = LanguageAnalysis(lang="en")
    philippine = EntityKey(KeyKind.ORG, "philippines/head-consulate-general@xiamen")
    analysis.entities = [Entity(id="en-e0", type=EntityType.ORG, key=philippine, labels={"en": "…"})]
    mission = _implied_mission("consul-general", items[2], items, text, analysis, lexicon)
    labels = {e.id: e.labels["en"] for e in analysis.entities}
    assert labels[mission] == "Consulate General of Singapore in Xiamen"
    analysis.entities = []  # no consulate named anywhere: no seat to give it
    assert _implied_mission("consul-general", items[2], items, text, analysis, lexicon) is None


def test_the_dean_of_a_consular_corps_before_a_consul_general_of_a_country():
    extraction = zh_extraction(
        "外国驻穗领团/ORG 团长/n 、/w 科威特/LOC 驻/v 广州/LOC 总领事/n 阿里·哈马迪/PER 说/v 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    found = {(labels[m.person], title(m), labels[m.organization]) for m in extraction.memberships}
    assert found == {("阿里·哈马迪", "团长", "外国驻穗领团"), ("阿里·哈马迪", "总领事", "科威特驻广州总领事馆")}


def test_a_delegation_head_holds_no_post():
    assert memberships("代表团团长王某会见了他们。", "王某")[1] == []


def test_a_post_elected_to_in_a_council_of_one_term_is_the_association_s():
    analysis, found = memberships(
        "宁夏回族自治区人民对外友好协会第七次会员代表大会召开。白玉珍当选第七届理事会会长,于翔等15人当选常务理事。",
        "白玉珍",
        "于翔",
    )
    assert triples(analysis, found) == {("白玉珍", "会长", "宁夏回族自治区人民对外友好协会")}
    assert not any("理事会" in e.labels.get("zh", "") for e in analysis.entities)


def test_posts_elected_at_a_council_meeting_are_read_one_name_each_and_dated_by_the_meeting():
    analysis, found = memberships(
        "2025年8月20日,重庆市人民对外友好协会第六届理事会第一次会议召开。会议选举产生新一届领导机构。"
        "王某当选市对外友协会长,李某当选常务副会长,刘某当选秘书长。",
        "王某",
        "李某",
        "刘某",
    )
    association = "重庆市人民对外友好协会"
    assert triples(analysis, found) == {
        ("王某", "会长", association),
        ("李某", "常务副会长", association),
        ("刘某", "秘书长", association),
    }
    assert {m.start for m in found} == {"2025-08-20"}


def test_an_association_post_written_alone_is_held_in_the_association_before_it():
    analysis, found = memberships("省对外友协副会长王年宝主持,副会长杨小琳致辞。", "王年宝", "杨小琳")
    assert triples(analysis, found) == {("王年宝", "副会长", "省对外友协"), ("杨小琳", "副会长", "省对外友协")}


def test_an_association_post_glued_to_a_body_not_found_is_not_the_previous_association_s():
    extraction = zh_extraction(
        "英国江西总商会/ORG 会长/n 徐雷/PER 、/w 日本/LOC 江西/LOC 同乡/n 联谊会/n 会长/n 熊峰/PER 发言/v 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    assert {labels[m.person] for m in extraction.memberships} == {"徐雷"}


def test_the_predecessor_a_holder_succeeds_takes_up_no_post():
    extraction = zh_extraction("林尼克/PER 于/p 今年/t 7月/t 接替/v 奥谢普科夫/PER 出任/v 总领事/n 。/w")
    assert not any(m.start for m in extraction.memberships)


def test_a_district_body_with_no_district_named_is_the_autonomous_region_s():
    analysis, found = memberships("宁夏回族自治区党委外办召开会议。区友协副会长于翔出席。", "于翔")
    (membership,) = found
    org = next(e for e in analysis.entities if e.id == membership.organization)
    assert str(org.key) == "org/ningxia/head-friendship-association"
