"""Event rules on hand-built analyses (no model): who did what, when, in which news item."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.extractors.events import Parse, _en_matches, _en_passive_subjects, _passive, _seat_of_title
from pipeline.extractors.items import Item
from pipeline.lexicon.resources import load_lexicon
from pipeline.model import EntityType, Mention, NewsItem, Token
from pipeline.nlp.dates import date_mentions
from tests.handmade import roles_of, zh_extraction


def who(extraction, prop: str) -> set[str]:
    """The names taking part in the extraction's events in the way ``prop`` says (host, speaker…)."""
    return {name for _, taking_part, name in roles_of(extraction) if taking_part == prop}


MEETING = (
    "6月12日/t ,/w 市政府外办/ORG 主任/n 王雯/PER 在/p 外事大楼/n 会见/v 了/u 日本/LOC 驻/v 重庆/LOC 总领事/n "
    "小林健一/PER 一行/n 。/w 副主任/n 李明全/PER 参加/v 会见/v 。/w"
)


def test_a_meeting_has_a_host_a_guest_attendees_and_a_venue():
    assert roles_of(zh_extraction(MEETING)) == {
        ("2023-06-12", "host", "王雯"),
        ("2023-06-12", "guest", "小林健一"),
        ("2023-06-12", "attendee", "李明全"),
        ("2023-06-12", "location", "外事大楼"),
    }


def test_traditional_script_reads_as_simplified_for_lists_and_relative_dates():
    found = roles_of(
        zh_extraction(
            "2月3日/t ,/w 市政府外辦/ORG 與/p 梁平區政府/ORG 聯合/v 舉辦/v 推介會/n 。/w "
            "次日/t ,/w 王雯/PER 會見/v 陳建中/PER 。/w"
        )
    )
    assert {("2023-02-03", "organizer", "市政府外办"), ("2023-02-03", "organizer", "梁平区人民政府")} <= found
    assert ("2023-02-04", "host", "王雯") in found


def test_those_talked_with_after_yu_are_the_guests_and_a_forum_is_no_talks():
    found = roles_of(
        zh_extraction(
            "6月11日/t 下午/t ,/w 杨红/PER 在/p 广州/LOC 分别/d 与/p 泰国/LOC 驻/v 广州/LOC 总领事/n 翁素/PER 、/w "
            "马来西亚/LOC 驻/v 广州/LOC 总领事/n 阿末/PER 座谈/v 。/w"
        )
    )
    assert {("2023-06-11", "host", "杨红"), ("2023-06-11", "guest", "翁素"), ("2023-06-11", "guest", "阿末")} <= found
    extraction = zh_extraction("1月25日/t ,/w 市政府外办/ORG 召开/v 新春/t 座谈会/n 。/w 李明全/PER 主持/v 会议/n 。/w")
    assert [event.kind for event in extraction.events] == ["meeting"]


def test_the_members_a_text_lists_of_a_delegation_met_are_guests_beside_its_head():
    found = roles_of(
        zh_extraction(
            "11月26日/t ,/w 省长/n 赵刚/PER 在/p 西安/LOC 会见/v 了/u 代表团/n 一行/n 。/w "
            "代表团/n 由/p 老挝/LOC 驻/v 华/LOC 大使/n 坎葆/PER 任/v 团长/n ,/w 成员/n 包括/v "
            "尼泊尔/LOC 驻/v 华/LOC 大使/n 施雷斯塔/PER 和/c 新加坡/LOC 驻/v 成都/LOC 总领事/n 陈思明/PER 等/u 。/w"
        )
    )
    assert {("2022-11-26", "guest", name) for name in ("坎葆", "施雷斯塔", "陈思明")} <= found


def test_talks_held_by_the_leader_of_a_visit_are_hosted_by_those_visited():
    found = roles_of(
        zh_extraction(
            "5月15日/t ,/w 周建清/PER 带队/v 赴/v 上海/LOC 走访/v 领馆/n 。/w "
            "在/p 沪/LOC 期间/f ,/w 周建清/PER 分别/d 与/p 西班牙/LOC 驻/v 沪/LOC 总领事/n 卡尔沃/PER 、/w "
            "越南/LOC 驻/v 沪/LOC 总领事/n 阮世松/PER 座谈/v 。/w"
        )
    )
    assert {("2023-05-15", "host", "卡尔沃"), ("2023-05-15", "host", "阮世松")} <= found
    assert ("2023-05-15", "host", "周建清") not in found and ("2023-05-15", "leader", "周建清") in found


def test_those_a_visitor_calls_on_and_talks_with_in_one_sentence_host_the_visitor():
    found = roles_of(
        zh_extraction(
            "6月20日/t ,/w 曹赛先/PER 率队/v 赴/v 北京/LOC ,/w 先后/d 拜会/v 各国/r 驻华/v 使馆/n ,/w 分别/d 与/p "
            "匈牙利/LOC 驻华/v 大使/n 白思谛/PER 、/w 荷兰/LOC 驻华/v 大使/n 昊使博/PER 会谈/v 。/w"
        )
    )
    assert {("2023-06-20", "host", "白思谛"), ("2023-06-20", "host", "昊使博")} <= found
    assert ("2023-06-20", "guest", "曹赛先") in found and ("2023-06-20", "host", "曹赛先") not in found


def test_one_who_says_something_in_a_speech_is_a_speaker():
    found = roles_of(
        zh_extraction(
            "9月14日/t ,/w 市委外办/ORG 举办/v 报告会/n 。/w "
            "王雯/PER 在/p 总结/vn 讲话/vn 中/f 表示/v ,/w 报告/n 丰富/a 。/w"
        )
    )
    assert ("2022-09-14", "speaker", "王雯") in found


def test_a_trigger_word_with_nobody_and_no_day_is_no_event():
    assert not zh_extraction("双方/n 还/d 座谈/v 交流/v 了/u 意见/n 。/w").events


def test_the_visitor_who_calls_on_someone_is_the_guest():
    found = roles_of(zh_extraction("5月8日/t ,/w 泰国/LOC 驻/v 成都/LOC 总领事/n 陈建中/PER 拜会/v 王雯/PER 。/w"))
    assert ("2023-05-08", "guest", "陈建中") in found and ("2023-05-08", "host", "王雯") in found


def test_the_chair_is_not_the_organiser_and_speakers_are_found():
    found = roles_of(
        zh_extraction(
            "6月28日/t ,/w 市政府外办党组/ORG 召开/v 学习会/n 。/w 王雯/PER 主持/v 会议/n 并/c 讲话/v ,/w "
            "周毅/PER 、/w 冯子敏/PER 作交流发言/v 。/w"
        )
    )
    assert ("2023-06-28", "chair", "王雯") in found and ("2023-06-28", "organizer", "王雯") not in found
    assert {("2023-06-28", "speaker", n) for n in ("王雯", "周毅", "冯子敏")} <= found
    assert ("2023-06-28", "organizer", "市政府外办党组") in found


def test_every_name_of_a_list_running_over_clauses_attends():
    found = roles_of(
        zh_extraction(
            "6月30日/t ,/w 交流营/n 开营/v 。/w 市政府外办/ORG 主任/n 王雯/PER 、/w 副主任/n 李明全/PER ,/w "
            "市商务委/ORG 副主任/n 黄河/PER 和/c "
            "新加坡/LOC 驻/v 成都/LOC 总领事馆/n 领事/n 陈美玲/PER 出席/v 活动/n 。/w"
        )
    )
    attendees = {name for _, role, name in found if role == "attendee"}
    assert {"王雯", "李明全", "黄河", "陈美玲"} <= attendees


def test_a_list_of_those_present_runs_over_a_semicolon_and_a_clause_of_unnamed_people():
    found = roles_of(
        zh_extraction(
            "4月11日/t ,/w 省长/n 黄强/PER 在/p 成都/LOC 会见/v 大使/n 吉思德/PER 一行/n 。/w "
            "副省长/n 普布顿珠/PER ,/w 省政府/ORG 秘书长/n 曾卿/PER ,/w 省直/n 有关/v 部门/n 负责人/n ;/w "
            "澳大利亚/LOC 驻/v 成都/LOC 总领事/n 倪瑞兰/PER 等/u 有关/v 人员/n 参加/v 。/w"
        )
    )
    assert {name for _, role, name in found if role == "attendee"} == {"普布顿珠", "曾卿", "倪瑞兰"}


def test_a_visit_to_the_page_s_own_city_is_located_in_that_city():
    extraction = zh_extraction(
        "11月6日/t ,/w 格林纳达/LOC 驻/v 华/LOC 大使/n 马岩/PER 访问/v 我市/n 。/w "
        "7日/t ,/w 宁波市/LOC 副市长/n 李强/PER 会见/v 马岩/PER 一行/n 。/w"
    )
    assert ("2022-11-06", "location", "宁波市") in roles_of(extraction)  # November before the July page date
    places = [e for e in extraction.entities if e.type is EntityType.PLACE]
    assert not any("我市" in e.labels.values() or "我市" in e.alt_labels.get("zh", set()) for e in places)


def test_a_name_the_model_runs_into_the_first_character_of_a_meeting_verb_ends_before_it():
    extraction = zh_extraction("5月20日/t ,/w 福州市/LOC 市长/n 王海会/PER 见/v 了/u 代表团/n 一行/n 。/w")
    assert ("2023-05-20", "host", "王海") in roles_of(extraction)


def test_a_cue_inside_a_place_s_name_is_none_and_those_sitting_in_attend():
    found = roles_of(
        zh_extraction(
            "1月11日/t ,/w 马来西亚/LOC 、/w 老挝/LOC 、/w 缅甸/LOC 驻/v 昆/LOC 总领事/n 出席/v 开幕式/n 。/w "
            "马来西亚/LOC 驻/v 昆/LOC 总领事/n 法依萨/PER 旁听/v 大会/n 开幕式/n 。/w"
        )
    )
    assert not {name for _, role, name in found if role == "location"} & {"老挝", "缅甸"}  # 来 of 马来西亚
    assert ("2023-01-11", "attendee", "法依萨") in found


def test_a_name_s_last_part_the_model_runs_with_the_verb_into_a_body_ends_before_the_verb():
    extraction = zh_extraction(
        "5月10日/t ,/w 泰国/LOC 驻/v 南宁/LOC 总领事/n 瓦拉蓬/PER ·西通拜会自治区外事办/ORG 副主任/n 黄卓/PER 。/w"
    )
    found = roles_of(extraction)
    assert {("2023-05-10", "guest", "瓦拉蓬·西通"), ("2023-05-10", "host", "黄卓")} <= found
    assert not any(e.labels.get("zh", "").startswith("·") for e in extraction.entities)


def test_a_visitor_named_before_a_venue_calls_on_the_host_though_the_model_reads_the_verb_as_a_noun():
    found = roles_of(
        zh_extraction("10月3日/t ,/w 书记/n 孙绍骋/PER 在/p 乌兰巴托/LOC 拜会/n 蒙古国/LOC 总理/n 奥云额尔登/PER 。/w")
    )
    assert {("2022-10-03", "guest", "孙绍骋"), ("2022-10-03", "host", "奥云额尔登")} <= found


def test_the_sites_seen_during_a_stay_are_the_stay_s_not_those_of_a_meeting_told_before():
    extraction = zh_extraction(
        "11月6日/t 至/p 8日/t ,/w 大使/n 马岩/PER 访问/v 宁波/LOC 。/w 叶苗/PER 会见/v 了/u 马岩/PER 。/w "
        "在/p 甬/LOC 期间/f ,/w 马岩/PER 参观/v 了/u 天一阁博物院/LOC 。/w"
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    sites = {
        (event.kind, labels[p.entity])
        for event in extraction.events
        for p in event.participants
        if p.prop == "schema:location"
    }
    assert ("visit", "天一阁博物院") in sites and ("reception", "天一阁博物院") not in sites


def test_co_organisers_are_all_organisers():
    found = roles_of(
        zh_extraction(
            "6月30日/t ,/w 由/p 市政府外办/ORG 、/w 沙坪坝区人民政府/ORG 共同主办/v ,/w 重庆大学/ORG 承办/v 的/u "
            "交流营/n 开营/v 。/w"
        )
    )
    organisers = {name for _, role, name in found if role == "organizer"}
    assert {"市政府外办", "沙坪坝区人民政府", "重庆大学"} <= organisers
    found = roles_of(  # one holds it jointly with the others (联合); a mission abroad named without its country
        zh_extraction(
            "11月4日/t ,/w 沙龙/n 由/p 市文联/ORG 联合/v 甲市外办/ORG 、/w 甲市高新区管委会/ORG 共同/d 举办/v 。/w "
            "6月3日/t ,/w 乙市外办/ORG 与/p 我/r 驻/v 马耳他/LOC 使馆/n 举行/v 视频/n 交流会/n 。/w"
        )
    )
    organisers = {(date, name) for date, role, name in found if role == "organizer"}
    assert {("2022-11-04", "市文联"), ("2022-11-04", "甲市外办"), ("2022-11-04", "甲市高新区管委会")} <= organisers
    assert {("2023-06-03", "乙市外办"), ("2023-06-03", "中国驻马耳他大使馆")} <= organisers


def test_relative_and_bare_day_dates():
    found = roles_of(
        zh_extraction(
            "10月23日/t 至/p 25日/t ,/w 宋坎/PER 率团/v 访问/v 重庆/LOC 。/w "
            "24日/t 下午/t ,/w 王雯/PER 会见/v 宋坎/PER 。/w",
            "次日/t ,/w 李明全/PER 会见/v 宋坎/PER 。/w",
            date=dt.date(2023, 11, 10),
        )
    )
    assert ("2023-10-23", "leader", "宋坎") in found
    assert ("2023-10-24", "host", "王雯") in found
    assert ("2023-10-25", "host", "李明全") in found


def test_what_is_told_during_a_stay_and_who_went_with_it_are_dated_by_the_stays_first_day():
    found = roles_of(
        zh_extraction(
            "11月6日/t 至/p 8日/t ,/w 马岩/PER 访问/v 宁波/LOC 。/w "
            "7日/t 上午/t ,/w 叶苗/PER 会见/v 马岩/PER 。/w "
            "在/p 甬/j 期间/f ,/w 马岩/PER 参观/v 了/u 天一阁博物院/LOC 。/w 鲍娴萍/PER 随团/v 出访/v 。/w",
            date=dt.date(2024, 11, 20),
        )
    )
    assert ("2024-11-07", "host", "叶苗") in found
    assert ("2024-11-06", "location", "天一阁博物院") in found
    assert ("2024-11-06", "attendee", "鲍娴萍") in found
    assert ("2024-11-07", "location", "天一阁博物院") not in found


def test_places_in_what_someone_says_are_no_venue_of_the_event():
    found = roles_of(
        zh_extraction(
            "9月28日/t ,/w 王超刚/PER 在/p 中山国际酒店/LOC 会见/v 鲁本/PER 。/w "
            "他/r 说/v ,/w 中山市/LOC 处在/v 粤港澳大湾区/LOC 的/u 中心/n 位置/n ,/w "
            "欢迎/v 各/r 总领事馆/n 多/a 来/v 中山/LOC 办/v 推介会/n 。/w",
            date=dt.date(2023, 10, 10),
        )
    )
    assert ("2023-09-28", "location", "中山国际酒店") in found
    assert not {name for _, role, name in found if role == "location"} - {"中山国际酒店"}


def test_a_sentence_that_opens_with_its_verb_goes_on_with_the_subject_before():
    found = roles_of(
        zh_extraction(
            "4月24日/t ,/w 孙成坤/PER 拜会/v 了/u 布罗瓦列茨/PER ;/w "
            "当天/t 下午/t ,/w 会见/v 了/u 局长/n 科兹米内赫/PER 。/w 次日/t ,/w 调研组/n 赴/v 兴凯湖/LOC 考察/v 。/w",
            date=dt.date(2025, 4, 30),
        )
    )
    assert ("2025-04-24", "host", "孙成坤") in found
    assert ("2025-04-24", "guest", "科兹米内赫") in found
    assert not [name for _, role, name in found if role == "leader" and name == "孙成坤"]


def test_events_of_a_digest_take_their_news_items_date_and_stay_inside_it():
    first = "6月12日/t ,/w 王雯/PER 会见/v 小林健一/PER 。/w"
    second = "同日/t ,/w 李明全/PER 出席/v 开营/v 仪式/n 。/w"
    third = "日前/t ,/w 冯子敏/PER 会见/v 陈美玲/PER 。/w"
    lengths = [len("".join(w.rpartition("/")[0] for w in p.split())) for p in (first, second, third)]
    starts = [0, lengths[0] + 1, lengths[0] + lengths[1] + 2]
    dates = [dt.date(2023, 6, 12), dt.date(2023, 6, 12), None]
    items = [
        NewsItem(i, date=d, spans={"zh": (s, s + n)})
        for i, (s, n, d) in enumerate(zip(starts, lengths, dates, strict=True))
    ]
    extraction = zh_extraction(first, second, third, items=items)
    found = roles_of(extraction)
    assert ("2023-06-12", "attendee", "李明全") in found
    assert ("", "host", "冯子敏") in found
    assert sorted(e.item for e in extraction.events) == [0, 1, 2]


def test_a_name_with_a_glued_verb_is_cut_and_a_name_ending_in_yi_is_kept_whole():
    extraction = zh_extraction(
        "6月12日/t ,/w 王雯/PER 主持/v 会议/n 。/w 王雯作/PER 专题/n 报告/n 。/w",
        "王雯/PER 会见/v 小林健/PER 一一行/n 。/w",
    )
    names = {e.labels.get("zh") for e in extraction.entities}
    assert "王雯作" not in names and "王雯" in names
    assert "小林健一" in names and "小林健" not in names


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("同日,", dt.date(2023, 6, 12), dt.date(2023, 6, 12)),
        ("当晚,", dt.date(2023, 6, 12), dt.date(2023, 6, 12)),
        ("次日上午,", dt.date(2023, 6, 30), dt.date(2023, 7, 1)),
        ("次日前往开平,", dt.date(2023, 11, 8), dt.date(2023, 11, 9)),
        ("23日下午,", dt.date(2023, 10, 22), dt.date(2023, 10, 23)),
        ("日前,", dt.date(2023, 6, 12), None),
        ("The next day, they met.", dt.date(2023, 6, 30), dt.date(2023, 7, 1)),
        ("On the same day, they met.", dt.date(2023, 6, 30), dt.date(2023, 6, 30)),
        ("A day earlier in Lanzhou, they met.", dt.date(2024, 10, 14), dt.date(2024, 10, 13)),
    ],
)
def test_relative_dates_resolve_against_the_date_before(text, anchor, expected):
    lang = "en" if text.isascii() else "zh"
    mentions = date_mentions(text, lang, dt.date(2023, 12, 1), load_lexicon().relative_dates)
    assert mentions and mentions[0].resolve(anchor) == expected


def test_december_events_in_a_january_issue_belong_to_the_year_before():
    mentions = date_mentions("12月20日,", "zh", dt.date(2024, 1, 15), load_lexicon().relative_dates)
    assert mentions[0].date == dt.date(2023, 12, 20)


def test_later_paragraphs_of_a_single_news_item_go_on_with_its_event():
    found = roles_of(
        zh_extraction(
            "3月31日/t 上午/t ,/w 胡衡华/PER 在/p 外事大楼/n 会见/v 卢格里斯/PER 一行/n 。/w",
            "副市长/n 张国智/PER 参加/v 会见/v 。/w",
        )
    )
    assert ("2023-03-31", "attendee", "张国智") in found
    assert not any(date == "" for date, _, _ in found)


def test_a_trigger_sentence_that_starts_no_event_still_gives_its_places_every_one_of_a_list():
    found = roles_of(
        zh_extraction(
            "10月23日/t ,/w 宋坎/PER 率团/v 来/v 渝/LOC 访问/v 。/w 代表团/n 还/d 考察/v 两江新区/LOC 和/c "
            "果园港/LOC 。/w",
            date=dt.date(2023, 11, 10),
        )
    )
    assert {("2023-10-23", "location", "两江新区"), ("2023-10-23", "location", "果园港")} <= found


def test_a_cue_inside_a_quoted_title_is_no_cue():
    found = roles_of(
        zh_extraction("6月4日/t ,/w 省外办/ORG 在/p 昆明/LOC 举办/v “/w 走进/v 滇中新区/LOC ”/w 活动/n 。/w")
    )
    assert ("2023-06-04", "location", "昆明市") in found
    assert not any(name == "滇中新区" for _, _, name in found)


def test_a_relative_date_opening_a_news_item_names_the_items_date():
    first = "3月16日/t ,/w 王红/PER 会见/v 尾野贤治/PER 。/w"
    second = "次日/t ,/w 尾野贤治/PER 率团/v 考察/v 宜昌/LOC 。/w"
    lengths = [len("".join(w.rpartition("/")[0] for w in p.split())) for p in (first, second)]
    items = [
        NewsItem(0, date=dt.date(2023, 3, 16), spans={"zh": (0, lengths[0])}),
        NewsItem(1, date=dt.date(2023, 3, 17), spans={"zh": (lengths[0] + 1, lengths[0] + 1 + lengths[1])}),
    ]
    found = roles_of(zh_extraction(first, second, items=items))
    assert ("2023-03-17", "leader", "尾野贤治") in found and ("2023-03-18", "leader", "尾野贤治") not in found


def test_an_english_phrase_matches_a_plural_only_object_as_written():
    tokens = [
        Token(0, 2, "Li", "PROPN", lemma="Li", dep="nsubj", head=1),
        Token(3, 7, "held", "VERB", lemma="hold", dep="ROOT", head=1),
        Token(8, 13, "talks", "NOUN", lemma="talk", dep="dobj", head=1),
    ]
    assert _en_matches(Parse.of(tokens), 1, ("hold", "talks"), load_lexicon())
    assert not _en_matches(Parse.of(tokens), 1, ("hold", "meeting"), load_lexicon())


def test_was_present_makes_an_attendee_and_a_warm_welcome_received_is_no_reception():
    lexicon = load_lexicon()
    present = [
        Token(0, 5, "Zhang", "PROPN", lemma="Zhang", dep="nsubj", head=1),
        Token(6, 9, "was", "AUX", lemma="be", dep="ROOT", head=1),
        Token(10, 17, "present", "ADJ", lemma="present", dep="acomp", head=1),
    ]
    assert _en_matches(Parse.of(present), 1, ("be", "present"), lexicon)
    welcomed = [
        Token(0, 6, "Envoys", "NOUN", lemma="envoy", dep="nsubj", head=1),
        Token(7, 15, "received", "VERB", lemma="receive", dep="ROOT", head=1),
        Token(16, 17, "a", "DET", lemma="a", dep="det", head=4),
        Token(18, 22, "warm", "ADJ", lemma="warm", dep="amod", head=4),
        Token(23, 30, "welcome", "NOUN", lemma="welcome", dep="dobj", head=1),
    ]
    assert not _en_matches(Parse.of(welcomed), 1, ("receive",), lexicon)
    guests = [*welcomed[:4], Token(23, 30, "guests", "NOUN", lemma="guest", dep="dobj", head=1)]
    assert _en_matches(Parse.of(guests), 1, ("receive",), lexicon)
    held = [*welcomed[:4], Token(23, 30, "welcome", "NOUN", lemma="welcome", dep="dobj", head=1)]
    held[1] = Token(7, 15, "held", "VERB", lemma="hold", dep="ROOT", head=1)
    assert _en_matches(Parse.of(held), 1, ("hold",), lexicon)


def test_a_bare_english_ordinal_day_is_a_date_but_an_ordinal_noun_is_not():
    relative = load_lexicon().relative_dates
    found = date_mentions("On the afternoon of the 3rd, the guests visited.", "en", dt.date(2023, 2, 10), relative)
    assert [m.day for m in found] == [3]
    assert date_mentions("On the 21st, they toured the hall.", "en", None, relative)[0].resolve(
        dt.date(2023, 3, 20)
    ) == dt.date(2023, 3, 21)
    ordinals = "after the 20th CPC National Congress and on the 25th anniversary of the consulate"
    assert date_mentions(ordinals, "en", dt.date(2023, 2, 10), relative) == []


def test_a_list_of_titled_foreign_guests_over_clauses_all_speak():
    extraction = zh_extraction(
        "5月22日/t ,/w 合作大会/n 开幕/v 。/w 市长/n 胡衡华/PER ,/w 西班牙/LOC 塞维利亚市/LOC 市长/n 桑斯/PER 、/w "
        "日本/LOC 广岛市/LOC 副市长/n 前健一/PER ,/w 对外友协/ORG 副会长/n 鄢东/PER 致辞/v 。/w "
        "老挝/LOC 占巴塞省/LOC 省委书记/n 兼/v 省长/n 阿伦赛/PER 出席/v 。/w"
    )
    assert who(extraction, "speaker") == {"胡衡华", "桑斯", "前健一", "鄢东"}
    assert ("2023-05-22", "attendee", "阿伦赛") in roles_of(extraction)


def test_a_foreign_name_cut_into_a_verb_does_not_break_a_list_of_guests():
    extraction = zh_extraction(
        "5月22日/t ,/w 合作大会/n 开幕/v 。/w 白俄罗斯明斯克州执行委员会/ORG 主席/n 图尔钦/PER ,/w "
        "老挝/LOC 占/v 巴塞省省委/ORG 书记/n 兼/v 省长/n 阿伦赛/PER ,/w 市/n 领导/n 赵世庆/PER 等/u 出席/v 。/w"
    )
    assert who(extraction, "attendee") == {"图尔钦", "阿伦赛", "赵世庆"}
    extraction = zh_extraction(
        "5月22日/t ,/w 合作大会/n 开幕/v 。/w 市长/n 胡衡华/PER 会见/v 市长/n 图尔钦/PER ,/w 赵世庆/PER 出席/v 。/w"
    )
    assert who(extraction, "attendee") == {"赵世庆"}


def test_a_special_presentation_or_lecture_makes_a_speaker():
    extraction = zh_extraction(
        "8月6日/t ,/w 市政府外办/ORG 举办/v 宣介会/n 。/w 冯子敏/PER 主持/v 宣介会/n ,/w "
        "教授/n 赵红/PER 作/v 专题/n 宣介/v 。/w 处长/n 王刚/PER 作/v 了/u 专题/n 解读/v 。/w"
    )
    assert who(extraction, "speaker") == {"赵红", "王刚"}


def test_a_reply_a_message_read_out_a_pledge_and_a_press_briefing_make_speakers():
    extraction = zh_extraction(
        "3月27日/t ,/w 省友协/ORG 举行/v 欢迎会/n 。/w 副议长/n 藤田孝夫/PER 致/v 答辞/n 。/w "
        "副主席/n 朱永新/PER 宣读/v 主席/n 的/u 致信/n 。/w 副主任/n 李婷/PER 作/v 表态/vn 发言/v 。/w "
        "副主任/n 应秀红/PER 作/v 开班/v 动员/v 。/w "
        "发言人/n 张娅茜/PER 在/p 新闻/n 发布会/n 上/f 介绍/v 了/u 情况/n 。/w"
    )
    assert who(extraction, "speaker") == {"藤田孝夫", "朱永新", "李婷", "应秀红", "张娅茜"}


def test_a_person_named_again_where_the_model_found_nothing_is_that_person():
    extraction = zh_extraction(
        "8月17日/t ,/w 影像周/n 开幕/v 。/w 副主任/n 应秀丽/PER 出席/v 开幕式/n 。/w "
        "应/v 秀丽/a 在/p 致辞/n 中/f 说/v ,/w 影像周/n 是/v 名片/n 。/w"
    )
    assert who(extraction, "speaker") == {"应秀丽"}
    two = zh_extraction("8月17日/t ,/w 王秀丽/PER 致辞/v 。/w 王秀丽娜/n 出席/v 。/w")
    assert who(two, "attendee") == set()  # no name read inside a longer word


def test_those_who_go_along_or_come_to_a_meeting_attend_it_and_the_one_who_invited_does_not():
    extraction = zh_extraction(
        "6月20日/t ,/w 主任/n 曹赛先/PER 拜会/v 大使/n 白思谛/PER 。/w 副主任/n 刘静/PER 随同/v 拜会/v 。/w "
        "总领事/n 黎文勇/PER 到会/v 祝贺/v 。/w 应/v 省外办/ORG 邀请/v ,/w 副领事/n 阮明/PER 到会/v 旁听/v 。/w"
    )
    assert who(extraction, "attendee") == {"刘静", "黎文勇", "阮明"}


def test_the_one_whose_party_visits_a_place_leads_the_visit_though_the_model_tags_the_verb_otherwise():
    extraction = zh_extraction(
        "3月18日/t ,/w 总领事/n 柳昌秀/PER 一行/n 访问/v 烟台/LOC 。/w "
        "7月14日/t ,/w 州长/n 米尔扎耶夫/PER 率团/d 访问/v 重庆/LOC 。/w "
        "7月20日/t ,/w 王雯/PER 会见/v 了/u 金某/PER 一行/n 。/w"
    )
    assert who(extraction, "leader") == {"柳昌秀", "米尔扎耶夫"}


def test_the_one_who_leads_in_zai_dailing_xia_leads_not_those_led():
    extraction = zh_extraction(
        "7月21日/t ,/w 大使/n 彼得/PER 、/w 大使/n 马丁/PER ,/w 在/p 副会长/n 李希奎/PER 等/u 领导/n 带领/v 下/f "
        "前往/v 河南省/LOC 参访/v 。/w"
    )
    assert who(extraction, "leader") == {"李希奎"}


def test_guests_who_spoke_during_a_meeting_are_speakers_not_hosts():
    extraction = zh_extraction(
        "9月27日/t ,/w 书记/n 阎立/PER 会见/v 了/u 友城/n 代表团/n 。/w "
        "来宾/n 代表/v 市长/n 罗德纳斯/PER 、/w 市长/n 拉杰拉/PER 会见/v 时/n 作/v 了/u 讲话/vn 。/w"
    )
    assert who(extraction, "host") == {"阎立"}
    assert who(extraction, "guest") >= {"罗德纳斯", "拉杰拉"}
    assert who(extraction, "speaker") == {"罗德纳斯", "拉杰拉"}


def test_yesterday_counts_from_the_publication_not_from_the_date_before():
    extraction = zh_extraction(
        "7月10日/t ,/w 王雯/PER 出席/v 论坛/n 。/w", "昨日/t ,/w 王雯/PER 会见/v 了/u 小林健一/PER 。/w"
    )
    assert ("2023-07-19", "host", "王雯") in roles_of(extraction)


def test_a_bare_day_told_before_any_date_is_the_latest_such_day_up_to_the_publication():
    lead = "{day}/t 晚/t ,/w 省长/n 梁建/PER 在/p 哈尔滨/LOC 会见/v 萨布罗夫/PER 一行/n 。/w"
    assert ("2023-07-19", "host", "梁建") in roles_of(zh_extraction(lead.format(day="19日")))
    assert ("2023-06-25", "host", "梁建") in roles_of(zh_extraction(lead.format(day="25日")))
    opening = zh_extraction("友城大会/n 15日/t 在/p 武汉/LOC 启幕/v 。/w 王某/PER 出席/v 并/c 致辞/v 。/w")
    assert [(str(e.date), e.kind) for e in opening.events] == [("2023-07-15", "ceremony")]
    assert not date_mentions("第15日在武汉", "zh", None, ())


def test_who_says_something_in_a_speech_is_a_speaker():
    extraction = zh_extraction(
        "2月2日/t ,/w 俄罗斯驻沈阳总领馆/ORG 举行/v 招待会/n 。/w "
        "莫某/PER 大使/n 在/p 致辞/vn 中/f 高度/d 评价/v 俄中/j 关系/n 。/w"
    )
    assert ("2023-02-02", "speaker", "莫某") in roles_of(extraction)


def test_who_visits_a_place_leads_the_visit_there():
    found = roles_of(
        zh_extraction(
            "5月20日/t ,/w 市政府外办/ORG 诚邀/v 秘鲁/LOC 驻华/v 大使/n 克萨达/PER 、/w 智利/LOC 驻华/v 大使/n "
            "阿尔瓦雷斯/PER 访问/v 成都/LOC 。/w",
            "5月22日/t ,/w 秘鲁/LOC 驻华/v 大使/n 克萨达/PER 访问/v 重庆/LOC 。/w",
        )
    )
    assert {("2023-05-20", "leader", "克萨达"), ("2023-05-20", "leader", "阿尔瓦雷斯")} <= found
    assert {("2023-05-22", "leader", "克萨达"), ("2023-05-22", "location", "重庆市")} <= found


def test_the_places_where_a_series_was_held_before_are_not_where_the_event_is():
    found = roles_of(
        zh_extraction(
            "11月19日/t ,/w 在/p 昆明/LOC 举行/v 的/u 友城大会/n 上/f ,/w 甲市/LOC 与/p 乙省/LOC 签署/v 协议/n 。/w "
            "大会/n 已/d 分别/d 在/p 北京/LOC 、/w 上海/LOC 和/c 武汉/LOC 成功/a 举办/v 6/m 届/q 。/w"
        )
    )
    locations = {name for _, prop, name in found if prop == "location"}
    assert "昆明市" in locations and not {"北京市", "上海市", "武汉市"} & locations


def test_who_briefs_on_the_situation_at_a_press_conference_is_its_speaker():
    found = roles_of(
        zh_extraction(
            "10月13日/t ,/w 成果/n 新闻/n 发布会/n 举行/v 。/w 市政府外办/ORG 副主任/n 、/w 新闻发言人/n 张某/PER "
            "介绍/v 了/u 相关/v 情况/n 。/w"
        )
    )
    assert ("2022-10-13", "speaker", "张某") in found  # a month after the page's July: the year before


def test_where_guests_come_from_is_not_where_the_event_is():
    extraction = zh_extraction(
        "11月15日/t ,/w 渝中区外办/ORG 在/p 解放碑/LOC 举办/v 交流/vn 活动/n ,/w "
        "来自/v 美国/LOC 、/w 法国/LOC 等/u 国/n 的/u 外籍/n 人士/n 参加/v 。/w"
    )
    locations = who(extraction, "location")
    assert "解放碑" in locations and not {"美国", "法国"} & locations


def test_a_reception_centre_is_where_the_meeting_is():
    extraction = zh_extraction(
        "6月28日/t ,/w 市长/n 宋军继/PER 在/p 市会议接待中心/ORG 会见/v 了/u 黎开盛/PER 一行/n 。/w"
    )
    assert ("2023-06-28", "location", "市会议接待中心") in roles_of(extraction)


def test_who_leads_the_delegation_a_host_receives():
    extraction = zh_extraction("3月19日/t ,/w 市长/n 胡衡华/PER 会见/v 了/u 市长/n 帕克/PER 率领/v 的/u 代表团/n 。/w")
    roles = roles_of(extraction)
    assert ("2023-03-19", "leader", "帕克") in roles and ("2023-03-19", "leader", "胡衡华") not in roles


def test_a_month_and_day_without_a_year_take_the_year_of_the_date_before():
    mentions = date_mentions("2024年11月20日,会见。11月21日,访问。", "zh", None, load_lexicon().relative_dates)
    assert [m.resolve(dt.date(2024, 11, 20)) for m in mentions] == [dt.date(2024, 11, 20), dt.date(2024, 11, 21)]


def test_news_that_dates_itself_again_is_another_event_even_on_the_same_day():
    extraction = zh_extraction(
        "2024年11月20日/t ,/w 王雯/PER 会见/v 了/u 小林健一/PER 。/w 李明全/PER 参加/v 会见/v 。/w",
        "同日/t ,/w 周毅/PER 会见/v 了/u 卢格里斯/PER 。/w",
        date=None,
    )
    labels = {e.id: e.labels["zh"] for e in extraction.entities}
    hosts = [sorted(labels[p.entity] for p in e.participants if p.prop == "bikg:host") for e in extraction.events]
    assert sorted(hosts) == [["周毅"], ["王雯"]]
    assert {e.date for e in extraction.events} == {dt.date(2024, 11, 20)}


def test_one_who_accompanies_a_meeting_attends_it_and_does_not_host_it():
    found = roles_of(
        zh_extraction(
            "6月12日/t ,/w 市长/n 王雯/PER 会见/v 了/u 小林健一/PER 一行/n ,/w 副市长/n 李明全/PER 陪同/v 会见/v 。/w"
        )
    )
    assert ("2023-06-12", "attendee", "李明全") in found and ("2023-06-12", "host", "李明全") not in found
    found = roles_of(
        zh_extraction("6月12日/t ,/w 市长/n 王雯/PER 会见/v 了/u 使节团/n 。/w 副主任/n 周毅/PER 参与/v 接待/v 。/w")
    )
    assert ("2023-06-12", "attendee", "周毅") in found


def test_an_event_is_named_by_the_words_its_trigger_governs_and_never_by_a_fragment():
    extraction = zh_extraction(
        "6月12日/t ,/w 双方/n 举行/v 了/u 友城/n 签字仪式/n 。/w",
        "6月13日/t ,/w 王雯/PER 出席/v 唐某/PER 的/u “/w 国王日/n 招待会/n 。/w",
        "6月14日/t ,/w 王雯/PER 在/p 外事大楼/n 会见/v 了/u 小林健一/PER 一行/n 。/w",
        "6月15日/t ,/w 王宁/PER 会见/v 了/u 越南国会/ORG 副主席/n 陈光方/PER 和/c "
        "中国公共外交协会/ORG 会长/n 吴海龙/PER 。/w",
    )
    labels = [e.labels["zh"] for e in extraction.events]
    assert labels[0] == "友城签字仪式" and labels[2] == "王雯会见"  # a meeting is named by its host
    assert labels[3] == "王宁会见"  # not by the 会 of the guest's 国会
    assert not any("“" in label or label.startswith(("了", "的")) for label in labels)


def test_a_gathering_named_as_the_subject_of_its_opening_names_the_event():
    extraction = zh_extraction(
        "10月15日/t ,/w 以/p 友好/a 为/v 主题/n 的/u 2024湖北国际友城合作大会/n 在/p 武汉/LOC 开幕/v 。/w",
        "10月16日/t ,/w 省外办/ORG 组织/v 各国/r 驻华/v 使节/n 开展/v 交流/vn 活动/n 。/w",
    )
    labels = [e.labels["zh"] for e in extraction.events]
    assert labels[0] == "2024湖北国际友城合作大会"
    assert "使节" not in labels[1] and "开展" not in labels[1]


def test_a_talk_with_its_title_between_the_verb_and_the_noun_makes_a_speaker():
    found = roles_of(
        zh_extraction(
            "9月14日/t ,/w 市委外办/ORG 举办/v 专题报告会/n ,/w 邀请/v 外交部/ORG 司长/n 吴玺/PER 作/v 题为/v "
            "《/w 领事保护/n 的/u 形势/n 》/w 的/u 专题报告/n 。/w"
        )
    )
    assert ("2022-09-14", "speaker", "吴玺") in found


def test_those_who_sign_on_behalf_of_their_sides_attend_the_signing():
    found = roles_of(
        zh_extraction(
            "11月8日/t ,/w 万州区人民政府/ORG 与/p 佩奇市政府/ORG 签署/v 协议/n 。/w 万州区/LOC 区长/n 向东/PER 、/w "
            "佩奇市/LOC 市长/n 彼得菲/PER 分别/d 代表/v 两地/n 签约/v 。/w"
        )
    )
    assert {("2022-11-08", "attendee", "向东"), ("2022-11-08", "attendee", "彼得菲")} <= found


def test_where_a_guest_came_to_is_not_where_the_meeting_is():
    found = roles_of(
        zh_extraction(
            "3月16日/t ,/w 王红/PER 在/p 武汉/LOC 会见/v 来/v 鄂/LOC 访问/v 的/u 日本/LOC 大分县/LOC 副知事/n "
            "尾野贤治/PER 一行/n 。/w"
        )
    )
    assert {place for _, prop, place in found if prop == "location"} == {"武汉市"}
    found = roles_of(
        zh_extraction(
            "1月18日/t ,/w 在/p 中国/LOC 农历/n 新年/n 来临/v 之际/f ,/w 使馆/n 在/p 大阪/LOC 举办/v 招待会/n 。/w"
        )
    )
    assert {place for _, prop, place in found if prop == "location"} == {"大阪"}


def test_the_leader_of_a_delegation_met_as_a_delegation_is_the_guest():
    found = roles_of(
        zh_extraction(
            "3月31日/t ,/w 大分市/LOC 市长/n 佐藤树一郎/PER 率/v 代表团/n 访问/v 武汉/LOC 。/w",
            "4月1日/t 晚/t ,/w 市长/n 万勇/PER 会见/v 了/u 代表团/n 一行/n 。/w",
        )
    )
    assert ("2023-04-01", "guest", "佐藤树一郎") in found and ("2023-04-01", "host", "万勇") in found


def test_the_leader_of_a_delegation_in_the_same_event_is_the_guest_of_its_meeting():
    found = roles_of(
        zh_extraction(
            "5月16日/t ,/w 郑宏/PER 率/v 调研组/n 来/v 渝/LOC 调研/v ,/w 王雯/PER 会见/v 了/u 调研组/n 一行/n 。/w"
        )
    )
    assert ("2023-05-16", "guest", "郑宏") in found and ("2023-05-16", "host", "王雯") in found


def test_guests_listed_after_a_meeting_are_its_guests_and_the_hosts_do_not_attend_their_event():
    found = roles_of(
        zh_extraction(
            "11月1日/t ,/w 市长/n 温国辉/PER 会见/v 出席/v 友城/n 大会/n 的/u 嘉宾/n 代表/n 。/w 参加/v 会见/v 的/u "
            "嘉宾/n 有/v :/w 福冈市/LOC 市长/n 高岛宗一郎/PER ,/w 林雪平市/LOC 市长/n 拉尔什·威肯/PER 。/w"
        )
    )
    assert {("2022-11-01", "guest", "高岛宗一郎"), ("2022-11-01", "guest", "拉尔什·威肯")} <= found
    assert ("2022-11-01", "host", "温国辉") in found and ("2022-11-01", "attendee", "温国辉") not in found


def test_those_listed_after_an_event_attend_it():
    found = roles_of(
        zh_extraction(
            "5月8日/t ,/w 友城/n 论坛/n 在/p 重庆/LOC 开幕/v 。/w 出席/v 开幕式/n 的/u 中外/n 嘉宾/n 还有/v :/w "
            "市长/n 胡衡华/PER ,/w 塞维利亚市/LOC 市长/n 桑斯/PER 。/w"
        )
    )
    assert {("2023-05-08", "attendee", "胡衡华"), ("2023-05-08", "attendee", "桑斯")} <= found


def test_a_country_holding_another_of_the_event_s_places_is_not_its_location():
    found = roles_of(
        zh_extraction(
            "9月5日/t ,/w 访问团/n 在/p 中国/LOC 访问/v ,/w 在/p 郑州市/LOC 参观/v 了/u 企业/n 。/w",
            "9月6日/t ,/w 访问团/n 在/p 日本/LOC 访问/v ,/w 在/p 东京/LOC 参观/v 了/u 企业/n 。/w",
        )
    )
    places = {(date, place) for date, prop, place in found if prop == "location"}
    assert ("2022-09-05", "郑州市") in places and ("2022-09-05", "中国") not in places
    assert ("2022-09-06", "日本") in places  # 东京 is no place the gazetteer puts in Japan


def test_who_heads_a_delegation_met_as_a_delegation_is_its_guest():
    found = roles_of(
        zh_extraction(
            "11月8日/t ,/w 副主任/n 周广智/PER 在/p 南京/LOC 会见/v 了/u 日本/LOC 友好/a 访问团/n 一行/n 。/w "
            "访问团/n 由/p 友协/n 会长/n 森山沾一/PER 担任/v 团长/n 。/w"
        )
    )
    assert ("2022-11-08", "guest", "森山沾一") in found and ("2022-11-08", "host", "周广智") in found


def test_the_seat_of_a_guests_title_is_not_where_the_meeting_was():
    lexicon = load_lexicon()
    text = "Wang Wen met with Roman van der Veer, Consul General of the Netherlands in Chongqing, at the Building."
    assert _seat_of_title(text, text.index(" in ") + 1, lexicon)
    assert not _seat_of_title(text, text.index(" at ") + 1, lexicon)
    met_there = "Zhang Xiaomei met with Jean-Yves Roux and his delegation in Wuhan."
    assert not _seat_of_title(met_there, met_there.index(" in ") + 1, lexicon)
    many = "Consuls general and consular officials of seven countries in Kunming observed the session."
    assert _seat_of_title(many, many.index(" in ") + 1, lexicon)


def test_places_in_a_since_clause_are_not_where_the_meeting_was():
    found = roles_of(
        zh_extraction(
            "3月28日/t ,/w 章笑梅/PER 在/p 汉/LOC 会见/v 胡建谊/PER 。/w 章笑梅/PER 欢迎/v 胡建谊/PER 再次/d 到访/v "
            "省外办/ORG ,/w 肯定/v 他/r 自/p 去年/t 10月/t 来/v 鄂/LOC 履新/v 以来/f 为/p 推动/v 湖北/LOC "
            "与/c 法国/LOC 合作/vn 所/u 做/v 的/u 努力/n 。/w"
        )
    )
    assert {place for _, prop, place in found if prop == "location"} == {"武汉市"}


def test_a_name_ending_where_a_no_cue_word_begins_keeps_the_cue_after_it():
    found = roles_of(zh_extraction("3月20日/t ,/w 雷纳/PER 与/p 韩正/PER 在/p 北京/LOC 会见/v 。/w"))
    assert ("2023-03-20", "location", "北京市") in found


def test_a_province_holding_another_of_the_event_s_places_is_not_its_location():
    found = roles_of(
        zh_extraction("9月7日/t ,/w 访问团/n 在/p 湖南省/LOC 访问/v ,/w 在/p 长沙市/LOC 参观/v 了/u 企业/n 。/w")
    )
    places = {place for _, prop, place in found if prop == "location"}
    assert places == {"长沙市"}


def test_a_date_that_looks_back_is_no_anchor_for_the_next_day():
    found = roles_of(
        zh_extraction(
            "8月3日/t 下午/t ,/w 梁惠玲/PER 会见/v 林尼克/PER 。/w",
            "今年/t 2月2日/t ,/w 总领事馆/n 举行/v 开馆/vn 仪式/n 。/w",
            "次日/t ,/w 林尼克/PER 一行/n 赴/v 黑河市/LOC 考察/v 。/w",
            date=dt.date(2023, 8, 4),
        )
    )
    assert ("2023-08-04", "leader", "林尼克") in found and ("2023-02-03", "leader", "林尼克") not in found


def test_a_delegation_named_as_such_is_led_by_no_one_the_text_does_not_name_but_its_head_is_a_host_s_guest():
    found = roles_of(
        zh_extraction(
            "10月8日/t ,/w 王镇海/PER 率/v 访问团/n 出访/v 蒙古国/LOC 。/w",
            "11日/t ,/w 访问团/n 考察/v 了/u 北方/f 物流园区/n 。/w",
            "12日/t ,/w 访问团/n 拜会/v 了/u 扎门乌德/LOC 市长/n 巴特尔/PER 。/w",
        )
    )
    assert ("2022-10-08", "leader", "王镇海") in found  # an October after the July publication: last year
    assert not any(date == "2022-10-11" and role == "leader" for date, role, _ in found)
    assert ("2022-10-12", "guest", "王镇海") in found


def test_what_a_guest_plans_names_no_organiser_of_the_meeting():
    found = roles_of(
        zh_extraction(
            "2月3日/t ,/w 罗军/PER 会见/v 法国/LOC 驻/v 广州/LOC 总领事/n 福希玮/PER 。/w 福希玮/PER 介绍/v ,/w "
            "法国驻广州总领事馆/ORG 今年/t 将/d 围绕/v 农业/n 主题/n 举办/v 多场/m 展览/n 。/w"
        )
    )
    assert found == {("2023-02-03", "host", "罗军"), ("2023-02-03", "guest", "福希玮")}


def test_a_demonstration_zone_visited_is_the_visit_s_venue():
    found = roles_of(zh_extraction("3月17日/t ,/w 李明全/PER 率团/v 考察/v 了/u 临空经济/LOC 示范区/n 。/w"))
    assert ("2023-03-17", "location", "临空经济示范区") in found


def test_a_place_the_tagger_misses_after_a_country_opens_a_list_of_that_country_s_places_visited():
    found = roles_of(
        zh_extraction(
            "4月5日/t ,/w 刘某/PER 率团/v 到访/v 韩国/LOC 庆州/LOC 和/c "
            "日本/LOC 船桥/n 、/w 京都/LOC 、/w 奈良/LOC 。/w"
        )
    )
    places = {name for _, role, name in found if role == "location"}
    assert places == {"庆州", "船桥", "京都", "奈良"}  # not 日本, which the places after it lie in
    extraction = zh_extraction("5月6日/t ,/w 刘某/PER 考察/v 了/u 比利时/LOC 企业/n 和/c 苏州/LOC 园区/n 。/w")
    assert "企业" not in {e.labels.get("zh") for e in extraction.entities}  # a common word, not a name


def test_a_clause_opening_with_a_date_after_a_background_clause_tells_a_happening_of_its_own():
    extraction = zh_extraction(
        "2024年9月10日/t ,/w 罗某/PER 会见/v 了/u 韩某/PER 。/w "
        "今年/t 适逢/v 两国/n 建交/v 75周年/m ,/w "
        "近期/t 丹麦/LOC 首相/n 弗某/PER 对/p 中国/LOC 进行/v 正式/a 访问/v 。/w "
        "市外办/ORG 将/d 为/p 总领馆/n 开展/v 工作/n 提供/v 便利/a 。/w"
    )
    found = roles_of(extraction)
    assert {("2024-09-10", "host", "罗某"), ("2024-09-10", "guest", "韩某")} <= found
    assert not any(date == "2024-09-10" and name == "弗某" for date, _, name in found)  # not the meeting's
    assert any(role == "leader" and name == "弗某" for _, role, name in found)
    assert sorted(e.kind for e in extraction.events) == ["reception", "visit"]  # after the aside, the meeting goes on


def test_a_frame_of_what_was_done_before_tells_no_event_of_its_own():
    extraction = zh_extraction(
        "5月18日/t ,/w 市文联/ORG 在/p 老城/n 街区/n 举办/v 读书/n 沙龙/n 。/w "
        "座谈/v 交流/v 后/f ,/w 嘉宾们/n 参观/v 了/u 洛阳博物馆/LOC 。/w"
    )
    kinds = {(event.kind, event.date.isoformat()) for event in extraction.events}
    assert "talks" not in {kind for kind, _ in kinds}  # 座谈 names what the salon was, before the visit
    assert ("2023-05-18", "location", "洛阳博物馆") in roles_of(extraction)


def test_a_place_s_other_name_in_brackets_does_not_end_the_list_of_places_visited():
    found = roles_of(
        zh_extraction(
            "4月17日/t ,/w 代表团/n 参观/v 了/u 东湖/LOC 高新区/n (/w 中国光谷/LOC )/w 和/c 武汉大学/ORG 。/w"
        )
    )
    assert {("2023-04-17", "location", "东湖高新区"), ("2023-04-17", "location", "武汉大学")} <= found


def test_a_university_or_a_company_visited_is_where_the_visit_took_place_a_body_met_at_is_not():
    found = roles_of(
        zh_extraction(
            "4月17日/t ,/w 代表团/n 参观/v 了/u 武汉大学/ORG 和/c 东湖/LOC 高新区/n 。/w "
            "4月18日/t ,/w 王雯/PER 在/p 市政府外办/ORG 会见/v 小林健一/PER 。/w"
        )
    )
    assert ("2023-04-17", "location", "武汉大学") in found
    assert not any(role == "location" and name == "市政府外办" for _, role, name in found)


def test_a_body_s_staff_take_part_not_the_body():
    found = roles_of(
        zh_extraction(
            "4月19日/t ,/w 市政府外办/ORG 召开/v 学习会/n 。/w 周毅/PER 作/v 专题发言/n ,/w "
            "市委外办/ORG 、/w 市政府外办/ORG 处级/n 以上/f 干部/n 参加/v 学习/v 。/w"
        )
    )
    assert found == {("2023-04-19", "organizer", "市政府外办"), ("2023-04-19", "speaker", "周毅")}


def test_a_foreign_mission_takes_part_through_its_officials():
    found = roles_of(
        zh_extraction(
            "3月23日/t ,/w 论坛/n 在/p 昆明/LOC 开幕/v 。/w 泰国/LOC 、/w 越南/LOC 驻/v 昆明/LOC 总领事馆/n "
            "官员/n 参加/v 开幕式/n 。/w"
        )
    )
    assert {
        ("2023-03-23", "attendee", "泰国驻昆明总领事馆"),
        ("2023-03-23", "attendee", "越南驻昆明总领事馆"),
    } <= found


def test_the_report_a_person_gave_makes_a_speaker():
    found = roles_of(
        zh_extraction(
            "1月11日/t ,/w 省/n 人民代表大会/ORG 在/p 海埂会堂/LOC 开幕/v 。/w 大会/n 听取/v 了/u 省长/n 王某/PER "
            "所/u 作/v 的/u 政府/n 工作/vn 报告/n 。/w"
        )
    )
    assert ("2023-01-11", "speaker", "王某") in found


def test_the_one_whose_group_goes_somewhere_leads_the_visit_and_the_places_stay():
    found = roles_of(
        zh_extraction(
            "7月5日/t ,/w 王某/PER 会见/v 了/u 财务长/n 马世云/PER 一行/n 。/w "
            "次日/t ,/w 马世云/PER 一行/n 赴/v 大理/LOC 参观/v 访问/v 。/w"
        )
    )
    assert {("2023-07-06", "leader", "马世云"), ("2023-07-06", "location", "大理白族自治州")} <= found
    assert ("2023-07-05", "leader", "马世云") not in found


def test_a_numbered_gathering_held_is_what_the_event_is_about_unless_it_is_still_to_come():
    extraction = zh_extraction(
        "8月16日/t ,/w 第7届/m 中国/LOC —/w 南亚/LOC 博览会/n 在/p 昆明/LOC 开幕/v 。/w",
        "8月17日/t ,/w 论坛/n 在/p 长春/LOC 举行/v 。/w 下届/n 论坛/n 将/d 于/p 第十五届/m 中国/LOC —/w 东北亚/LOC "
        "博览会/n 期间/f 举办/v 。/w",
    )
    found = roles_of(extraction)
    assert ("2023-08-16", "about", "第7届中国—南亚博览会") in found
    assert not any(name == "第十五届中国—东北亚博览会" for _, _, name in found)


def test_a_cue_inside_a_span_the_model_took_for_a_body_still_counts_but_not_one_opening_a_group_s_name():
    found = roles_of(
        zh_extraction(
            "3月26日/t ,/w 自治区/n 主席/n 嘎玛泽登/PER 在/p 拉萨会见使节团/ORG 一行/m 。/w "
            "3月28日/t ,/w 王某/PER 会见/v 调研组/ORG 一行/m 。/w"
        )
    )
    assert ("2023-03-26", "host", "嘎玛泽登") in found
    assert not any(prop == "leader" for _, prop, _ in found)


def test_a_welcome_ceremony_or_a_general_is_no_plan():
    found = roles_of(zh_extraction("5月8日/t ,/w 王雯/PER 在/p 欢迎仪式/n 上/f 致辞/v 。/w"))
    assert ("2023-05-08", "speaker", "王雯") in found


def test_the_leader_of_a_visit_is_the_guest_of_a_call_that_names_only_its_host():
    found = roles_of(
        zh_extraction(
            "3月23日/t ,/w 周某/PER 率/v 代表团/n 访问/v 大阪/LOC ,/w 并/c 拜会/v 中国/LOC 驻/v 大阪/LOC "
            "总领事/n 薛某/PER 。/w"
        )
    )
    assert {("2023-03-23", "host", "薛某"), ("2023-03-23", "guest", "周某")} <= found


def test_a_body_that_organises_a_visit_is_its_organiser_unless_it_is_only_talked_about():
    found = roles_of(zh_extraction("3月27日/t ,/w 市外办/ORG 组织/v 外交官/n 走进/v 蓟州区/LOC 。/w"))
    assert ("2023-03-27", "organizer", "市外办") in found
    found = roles_of(
        zh_extraction(
            "3月20日/t ,/w 孙某/PER 会见/v 科某/PER ,/w 双方/n 就/p 组织/v 天津/LOC 企业/n 参展/v "
            "交换/v 了/u 意见/n 。/w"
        )
    )
    assert not any(prop == "organizer" for _, prop, _ in found)
    found = roles_of(zh_extraction("3月5日/t ,/w 联合国/ORG 等/u 国际组织/n 代表/n 出席/v 论坛/n 。/w"))
    assert not any(prop == "organizer" for _, prop, _ in found)


def test_those_present_at_a_meeting_named_after_other_news_join_that_meeting():
    extraction = zh_extraction(
        "3月28日/t ,/w 岑浩辉/PER 会见/v 兰热尔/PER 。/w 翌日/t ,/w 兰热尔/PER 前往/v 香港/LOC 访问/v 。/w "
        "出席会见/v 的/u 还有/v 行政法务司/ORG 司长/n 张永春/PER 、/w 社会文化司/ORG 司长/n 柯岚/PER 等/u 。/w"
    )
    assert [e.kind for e in extraction.events].count("reception") == 1
    roles = roles_of(extraction)
    assert {("2023-03-28", "attendee", "张永春"), ("2023-03-28", "attendee", "柯岚")} <= roles
    assert not any(role == "guest" and name in ("张永春", "柯岚") for _, role, name in roles)


def test_today_with_its_day_in_brackets_dates_the_news_and_a_date_long_past_dates_no_later_sentence():
    extraction = zh_extraction(
        "行政长官/n 岑浩辉/PER 今/t (/w 28/m )/w 日/t 上午/t 会见/v 兰热尔/PER 。/w "
        "他/r 表示/v ,/w 兰热尔/PER 是/v 自己/r 去年/t 12月20日/t 就任/v 以来/f 接待/v 的/u 首位/m 外长/n 。/w "
        "翌日/t ,/w 兰热尔/PER 前往/v 香港/LOC 访问/v 。/w 莱唐/PER 于/p 2022年1月20日/t 到任/v 。/w",
        "兰热尔/PER 出席/v 了/u 欢迎/v 招待会/n 。/w",
        date=dt.date(2023, 3, 28),
    )
    dates = {event.date for event in extraction.events}
    assert {dt.date(2023, 3, 28), dt.date(2023, 3, 29)} <= dates <= {dt.date(2023, 3, 28), dt.date(2023, 3, 29), None}


def test_titled_guests_listed_after_commas_are_all_guests_and_a_place_ending_a_foreign_name_is_none():
    extraction = zh_extraction(
        "4月25日/t ,/w 赵刚/PER 会见/v 俄方/n 主席/n 季托夫/PER ,/w 沃洛格达州/PER 代州长/n 菲利莫诺夫/PER 和/c "
        "奔萨州/LOC 州长/n 梅利尼琴科/PER ,/w 介绍/v 了/u 陕西/LOC 情况/n 。/w",
        "4月26日/t ,/w 赵刚/PER 会见/v 季托夫/PER ,/w 双方/n 交换/v 意见/n 。/w",
    )
    roles = roles_of(extraction)
    assert {("2023-04-25", "guest", name) for name in ("季托夫", "菲利莫诺夫", "梅利尼琴科")} <= roles
    assert {name for _, role, name in roles if role == "guest" and _ == "2023-04-26"} == {"季托夫"}
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    assert "达州" not in labels.values() and "达州市" not in labels.values()
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert ("菲利莫诺夫", "acting-state-governor", "沃洛格达州政府") in posts


def test_talks_held_with_someone_have_the_subject_as_host_and_a_city_s_mayor_is_read_before_the_name():
    extraction = zh_extraction(
        "7月23日/t ,/w 广州市/LOC 长/n 孙志洋/PER 与/p 美国/LOC 旧金山/LOC 市长/n 伦敦/LOC ·/w 布里德/PER "
        "举行/v 视频/n 会谈/vn 。/w",
        "四川省/LOC 长期/d 以来/f 重视/v 合作/vn 。/w",
    )
    assert {("2023-07-23", "host", "孙志洋"), ("2023-07-23", "guest", "伦敦·布里德")} <= roles_of(extraction)
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    posts = {(labels[m.person], m.role, labels[m.organization]) for m in extraction.memberships}
    assert posts == {("孙志洋", "mayor", "广州市人民政府"), ("伦敦·布里德", "mayor", "旧金山市政府")}


def test_a_zone_named_after_the_port_or_place_it_opens_with_is_one_venue():
    from pipeline.nlp.venues import venue_spans

    venues = load_lexicon().venues
    text = (
        "使节团走进郑州航空港经济综合实验区,察看了智能终端产业园。领团走进宜宾临港经济技术开发区。"
        "代表团参观龙门石窟和隋唐洛阳城国家遗址公园。王雯在外事大楼会见客人。一行参观了南京博物院。"
    )
    found = {text[s:e] for s, e in venue_spans(text, "zh", venues)}
    assert {"郑州航空港经济综合实验区", "宜宾临港经济技术开发区", "龙门石窟", "外事大楼", "南京博物院"} <= found
    assert not any("和" in name or "会见" in name for name in found)


def test_an_english_venue_goes_on_with_of_and_a_name_but_not_with_the_division_it_stands_in():
    from pipeline.nlp.venues import venue_spans

    venues = load_lexicon().venues
    text = (
        "The group toured the Meishan Port Area of Ningbo-Zhoushan Port, the Yellow River Delta National Nature "
        "Reserve and the Baodingshan Rock Carvings. The reception was held at the Grand Canal Museum of Beijing on "
        "February 2. The office brought the campaign to the Qinshanshuibei Community of Babaoshan Subdistrict."
    )
    assert [text[s:e] for s, e in venue_spans(text, "en", venues)] == [
        "Meishan Port Area of Ningbo-Zhoushan Port",
        "Yellow River Delta National Nature Reserve",
        "Baodingshan Rock Carvings",
        "Grand Canal Museum of Beijing",
        "Qinshanshuibei Community",
    ]


def test_venues_listed_after_a_visit_verb_are_each_a_venue():
    from pipeline.nlp.venues import venue_spans

    venues = load_lexicon().venues
    text = (
        "代表团参观了茶叶博物馆和滨江国际会展中心,随后走进科技生态城、智能制造企业、滨湖湿地公园以及老街历史街区。"
        "王雯在外事大楼和代表团座谈。"
    )
    found = [text[s:e] for s, e in venue_spans(text, "zh", venues)]
    assert found == ["茶叶博物馆", "滨江国际会展中心", "科技生态城", "滨湖湿地公园", "老街历史街区", "外事大楼"]
    english = "The guests toured the Canal Museum and the Riverside Expo Center, and Lakeside Wetland Park."
    assert [english[s:e] for s, e in venue_spans(english, "en", venues)] == [
        "Canal Museum",
        "Riverside Expo Center",
        "Lakeside Wetland Park",
    ]


def test_a_centre_visited_is_a_venue_but_what_is_done_after_在_is_none():
    extraction = zh_extraction(
        "6月28日/t ,/w 代表团/n 参观/v 中欧班列/n 集结/vn 中心/n 。/w "
        "孔某/PER 介绍/v 了/u 在/p 建设/v 国际/n 交往/vn 中心/n 城市/n 方面/n 的/u 做法/n 。/w"
    )
    assert ("2023-06-28", "location", "中欧班列集结中心") in roles_of(extraction)
    places = {e.labels.get("zh") for e in extraction.entities if e.type is EntityType.PLACE}
    assert not any("建设" in name for name in places)


def test_news_dated_by_its_month_alone_is_not_dated_by_the_news_before_it():
    extraction = zh_extraction(
        "12月24日/t ,/w 市政府新闻办/ORG 召开/v 新闻发布会/n 。/w "
        "今年/t 1月/t ,/w 市政府/n 与/p 撒马尔罕市政府/ORG 签署/v 协议书/n 。/w",
        date=dt.date(2024, 12, 30),
    )
    dates = {event.kind: event.date for event in extraction.events}
    assert dates["signing"] is None and dt.date(2024, 12, 24) in dates.values()


def test_an_association_s_numbered_congress_and_council_meeting_are_gatherings_and_an_exchange_centre_a_venue():
    extraction = zh_extraction(
        "5月28日/t ,/w 宁夏回族自治区人民对外友好协会/ORG 第七次/m 会员/n 代表大会/n 在/p 银川国际交流中心/ORG "
        "召开/v 。/w 当天/t 下午/t ,/w 第七届/m 理事会/ORG 第一次/m 全体会议/n 召开/v ,/w 白玉珍/PER 主持/v 会议/n 。/w"
    )
    events = {e.labels.get("zh") for e in extraction.entities if e.type is EntityType.SESSION}
    assert {"宁夏回族自治区人民对外友好协会第七次会员代表大会", "第七届理事会第一次全体会议"} <= events
    assert ("2023-05-28", "location", "银川国际交流中心") in roles_of(extraction)


def test_a_trigger_inside_a_title_is_none_and_rank_and_association_posts_are_read():
    extraction = zh_extraction(
        "8月2日/t ,/w 市外办/ORG 三级/m 调研员/n 温蒙/PER 、/w 中日友好协会/ORG 常务副会长/n 程永华/PER "
        "出席/v 招待会/n 。/w"
    )
    assert not any(event.kind == "research-visit" for event in extraction.events)
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    posts = {(labels[m.person], m.role) for m in extraction.memberships}
    assert {("温蒙", "third-level-researcher"), ("程永华", "association-executive-vice-president")} <= posts


def test_bodies_listed_by_their_people_before_another_clause_of_participants_all_take_part():
    extraction = zh_extraction(
        "5月28日/t ,/w 协会/n 召开/v 代表大会/n 。/w 自治区商务厅/ORG 、/w 教育厅/ORG 、/w 文化和旅游厅/ORG "
        "等/u 单位/n 负责/v 同志/n ,/w 各市/r 友协/n 代表/n 共/d 120余/m 人/n 参加/v 大会/n 。/w"
    )
    attendees = {name for _, role, name in roles_of(extraction) if role == "attendee"}
    assert attendees == {"自治区商务厅", "教育厅", "文化和旅游厅"}


def _parsed(words: list[tuple[str, str, int]]) -> tuple[str, Parse]:
    """A sentence and its parse from (word, dependency, head index) triples, words joined by spaces."""
    tokens, at = [], 0
    for word, dep, head in words:
        pos = "VERB" if dep in ("ROOT", "conj") else "PROPN" if word[0].isupper() else "X"
        tokens.append(Token(at, at + len(word), word, pos, lemma=word.lower(), dep=dep, head=head))
        at += len(word) + 1
    return " ".join(w for w, _, _ in words), Parse.of(tokens)


def _person(text: str, name: str) -> Item:
    start = text.index(name)
    mention = Mention(name, "en", start, start + len(name), name, name, EntityType.PERSON, "test", 1.0, entity=name)
    return Item(start, start + len(name), mention=mention)


def test_the_guest_of_a_passive_meeting_verb_is_its_subject_not_the_agent_after_it():
    text, parse = _parsed(
        [("Tom", "compound", 1), ("Smith", "nsubjpass", 3), ("was", "auxpass", 3), ("received", "ROOT", 3),
         ("by", "agent", 3), ("Hu", "compound", 6), ("Heng", "pobj", 4)]
    )  # fmt: skip
    items = [_person(text, "Tom Smith"), _person(text, "Hu Heng")]
    received = text.index("received")
    assert _passive(parse, received)
    assert _en_passive_subjects(received, items, parse) == ["Tom Smith"]
    text, parse = _parsed(
        [("A", "det", 1), ("delegation", "nsubj", 6), ("led", "acl", 1), ("by", "agent", 2), ("Ann", "compound", 5),
         ("Lee", "pobj", 3), ("visited", "ROOT", 6), ("Anhui", "dobj", 6), ("and", "cc", 6), ("was", "auxpass", 10),
         ("received", "conj", 6), ("by", "agent", 10), ("Hu", "compound", 13), ("Heng", "pobj", 11)]
    )  # fmt: skip
    items = [_person(text, "Ann Lee"), _person(text, "Hu Heng")]
    assert _en_passive_subjects(text.index("received"), items, parse) == ["Ann Lee"]
    text, parse = _parsed([("Hu", "compound", 1), ("Heng", "nsubj", 2), ("received", "ROOT", 2), ("Ann", "dobj", 2)])
    assert not _passive(parse, text.index("received"))


def test_a_place_an_invitation_names_is_not_where_the_event_was():
    found = roles_of(
        zh_extraction(
            "8月3日/t ,/w 王明/PER 在/p 上海/LOC 拜会/v 奥地利/LOC 驻/v 沪/LOC 总领事/n 蓝海睦/PER ,/w 并/c 邀请/v "
            "总领馆/n 组织/v 企业/n 来/v 皖/LOC 参加/v 博览会/n 。/w"
        )
    )
    assert {place for _, prop, place in found if prop == "location"} == {"上海市"}
    found = roles_of(zh_extraction("5月6日/t ,/w 代表团/n 应邀/v 来/v 渝/LOC 访问/v 。/w"))
    assert {place for _, prop, place in found if prop == "location"} == {"重庆市"}


def test_what_an_invitation_asks_the_invited_to_do_is_no_part_of_the_event():
    found = roles_of(
        zh_extraction(
            "11月21日/t ,/w 副会长/n 李昀/PER 在/p 南京/LOC 会见/v 韩国/LOC 全罗北道/LOC 议会/n 议长/n 国珍亨/PER 。/w "
            "国珍亨/PER 介绍/v 了/u 招商/v 计划/n ,/w 邀请/v 江苏/LOC 企业/n 前往/v 考察/v ,/w 并/c 邀请/v 两馆/n "
            "组织/v 本国/n 商协会/n 来/v 皖/LOC 参加/v 博览会/n 。/w"
        )
    )
    assert {(prop, name) for _, prop, name in found} == {("guest", "国珍亨"), ("host", "李昀"), ("location", "南京市")}


def test_who_goes_along_in_a_frame_leads_nothing_and_a_zone_toured_after_le_is_the_venue():
    found = roles_of(
        zh_extraction(
            "12月11日/t ,/w 代表团/n 在/p 市外办/ORG 副主任/n 李海峰/PER 陪同/v 下/f ,/w 先后/d 考察/v 了/u "
            "呼和浩特/LOC 综合/a 保税区/n 。/w"
        ),
    )
    assert {(prop, name) for _, prop, name in found} == {("attendee", "李海峰"), ("location", "呼和浩特综合保税区")}


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        (
            "10月15日/t ,/w 副市长/n 张红/PER 在/p 合肥/LOC 会见/v 了/u 森田浩二/PER ,/w 会见/v 在/p 合肥市/LOC 政务/n "
            "中心/n 举行/v 。/w",
            "合肥市政务中心",
        ),
        (  # a place the gazetteer lacks
            "9月28日/t ,/w 王超刚/PER 在/p 中山国际酒店/LOC 会见/v 前来/v 出席/v “/w 中山/LOC 美食/n 文化周/n ”/w "
            "活动/n 的/u 总领事/n 鲁本/PER 。/w",
            "中山国际酒店",
        ),
    ],
)
def test_a_place_whose_name_opens_the_venue_s_is_not_a_second_location(text, venue):
    found = roles_of(zh_extraction(text))
    assert {name for _, prop, name in found if prop == "location"} == {venue}


def test_a_clause_going_on_with_bing_keeps_the_subject_not_the_object_named_last():
    found = roles_of(
        zh_extraction(
            "5月3日/t ,/w 王雯/PER 会见/v 了/u 法国/LOC 驻/v 成都/LOC 总领事/n 马迪/PER ,/w 并/c 出席/v 了/u "
            "招待会/n 。/w"
        )
    )
    assert ("2023-05-03", "attendee", "王雯") in found and ("2023-05-03", "attendee", "马迪") not in found
    found = roles_of(
        zh_extraction(
            "10月20日/t ,/w 张红/PER 率/v 代表团/n 访问/v 德国/LOC 。/w 23日/t ,/w 代表团/n 在/p 沃尔夫斯堡/LOC "
            "拜会/v 大众汽车集团/ORG ,/w 并/c 出席/v 推介会/n 。/w",
            date=dt.date(2023, 11, 1),
        )
    )
    assert ("2023-10-23", "guest", "张红") in found and ("2023-10-23", "attendee", "大众汽车集团") not in found


def test_every_mission_of_a_country_list_whose_officials_attend_takes_part():
    extraction = zh_extraction(
        "3月23日/t ,/w 启动仪式/n 在/p 昆明/LOC 举行/v 。/w 泰国/LOC 、/w 老挝/LOC 、/w 越南/LOC 驻/v 昆明/LOC "
        "总领事馆/n 官员/n ,/w 留学生/n 代表/n 共/d 200余/m 人/n 参加/v 开幕式/n 。/w"
    )
    assert who(extraction, "attendee") == {"泰国驻昆明总领事馆", "老挝驻昆明总领事馆", "越南驻昆明总领事馆"}


def test_those_present_at_talks_told_after_a_signing_at_them_are_at_the_talks_bodies_named_by_their_people_too():
    extraction = zh_extraction(
        "12月10日/t ,/w 座谈会/n 在/p 呼和浩特/LOC 举行/v 。/w 座谈会/n 上/f ,/w 两/m 市/n 外事/n 部门/n 签署/v 了/u "
        "备忘录/n 。/w 会长/n 张建军/PER ,/w 市城管局/ORG 、/w 市卫健委/ORG 负责/v 同志/n ,/w "
        "乌兰巴托市/LOC 局长/n 萨仁格日勒/PER 参加/v 座谈/v 。/w"
    )
    at_talks = {(kind, name) for kind, role, name in _by_kind(extraction) if role == "attendee"}
    assert at_talks == {("meeting", n) for n in ("张建军", "市城管局", "市卫健委", "萨仁格日勒")}


def _by_kind(extraction) -> set[tuple[str, str, str]]:
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    return {(e.kind, p.prop.split(":")[1], labels[p.entity]) for e in extraction.events for p in e.participants}


def test_persons_who_sign_attend_the_signing_but_not_one_speaking_after_it():
    extraction = zh_extraction(
        "9月13日/t ,/w 省外办/ORG 主任/n 李嘉岚/PER 与/p 清迈府/LOC 副府尹/n 巴妮·宋猜/PER 在/p 昆明/LOC "
        "签署/v 合作/vn 计划/n 。/w 郝伯特/PER 在/p 签约/v 后/f 表示/v 满意/a 。/w"
    )
    assert who(extraction, "attendee") == {"李嘉岚", "巴妮·宋猜"}


def test_a_numbered_gathering_s_name_opens_with_its_body_which_organises_it():
    extraction = zh_extraction(
        "6月21日/t ,/w 中共桂林市委外事工作委员会/ORG 第五次/m 全体会议/n 召开/v 。/w "
        "7月12日/t ,/w 第三届/m 东北亚/LOC 地方/n 合作/vn 圆桌会议/n 在/p 长春/LOC 举行/v 。/w"
    )
    found = roles_of(extraction)
    assert ("2023-06-21", "about", "中共桂林市委外事工作委员会第五次全体会议") in found
    assert ("2023-06-21", "organizer", "中共桂林市委外事工作委员会") in found
    assert ("2023-07-12", "about", "第三届东北亚地方合作圆桌会议") in found
    assert {place for _, prop, place in found if prop == "location"} == {"长春市"}


def test_a_speech_told_in_a_frame_of_the_opening_is_given_at_the_opening_not_at_a_signing_told_before():
    extraction = zh_extraction(
        "5月8日/t ,/w 2024江南国际友城大会/n 在/p 临江/LOC 开幕/v 。/w 省委书记/n 赵明/PER 出席/v 并/c 讲话/v 。/w "
        "开幕式/n 上/f ,/w 江南省/LOC 与/p 翁布里亚大区/LOC 签署/v 友好/a 协议/n 。/w "
        "开幕式/n 上/f ,/w 对外友协/ORG 副会长/n 钱亮/PER 致辞/v 。/w"
    )
    speakers = {(kind, name) for kind, role, name in _by_kind(extraction) if role == "speaker"}
    assert speakers == {("ceremony", "赵明"), ("ceremony", "钱亮")}


def test_an_event_is_named_by_the_long_name_after_its_trigger_but_never_by_the_hui_of_shehui():
    extraction = zh_extraction(
        "9月25日/t ,/w 江州市/LOC 举行/v 2023年/t 外国/n 驻/v 江州/LOC 领团/n 见面会/n 。/w "
        "9月26日/t ,/w 市外办/ORG 召开/v 会议/n 学习/v 新时代/n 中国/LOC 特色/n 社会/n 主义/n 思想/n 。/w"
    )
    labels = [event.labels["zh"] for event in extraction.events]
    assert labels[0].endswith("2023年外国驻江州领团见面会")
    assert not labels[1].endswith("社会")


def test_a_wish_tells_of_no_event():
    extraction = zh_extraction(
        "5月8日/t ,/w 王雯/PER 会见/v 了/u 总领事/n 施密特/PER 。/w 5月9日/t ,/w 王雯/PER 希望/v 各国/r 领馆/n "
        "推荐/v 企业/n 来/v 穗/j 考察/v 交流/vn ,/w 推动/v 合作/vn 。/w"
    )
    assert [event.kind for event in extraction.events] == ["reception"]


def test_a_named_event_takes_no_chair_s_name_and_no_label_ends_inside_a_speaker_s_title_or_a_venue():
    extraction = zh_extraction(
        "9月25日/t ,/w 江州市/LOC 举行/v 2023年/t 外国/n 驻/v 江州/LOC 领团/n 见面会/n 。/w 副市长/n 吴军/PER "
        "主持/v 。/w 9月26日/t ,/w 陈向东/PER 会见/v 了/u 浦项市/LOC 议会/n 议长/n 金成/PER 。/w "
        "9月27日/t ,/w 市外办/ORG 在/p 郑州/LOC 国际/n 会展中心/n 举办/v 友城/n 论坛/n 。/w"
    )
    labels = [event.labels["zh"] for event in extraction.events]
    assert labels[:2] == ["2023年外国驻江州领团见面会", "陈向东会见"]
    assert "国际会" not in labels[2] and labels[2].endswith("论坛")


def test_those_present_counted_by_number_are_unnamed_not_the_organiser_named_before():
    extraction = zh_extraction(
        "6月5日/t ,/w 市外办/ORG 举办/v 外事/n 管理/vn 培训班/n ,/w 各区县/n 外事/n 联络员/n 100余人/m 参加/v 。/w "
        "6月9日/t ,/w 省外办/ORG 、/w 省商务厅/ORG 等/u 单位/n 负责同志/n ,/w 各市/r 代表/n 共/d 80余人/m 参加/v "
        "座谈会/n 。/w"
    )
    assert ("2023-06-05", "organizer", "市外办") in roles_of(extraction)
    assert who(extraction, "attendee") == {"省外办", "省商务厅"}


def test_one_who_invites_many_to_a_later_gathering_does_not_attend_the_meeting_told():
    extraction = zh_extraction(
        "5月8日/t ,/w 主席/n 韩立新/PER 在/p 银川/LOC 会见/v 外国/n 驻华/v 使节团/n 。/w 韩立新/PER 邀请/v 各国/r "
        "驻华/v 使节/n 出席/v 今年/t 10月/t 的/u 博览会/n 。/w 副主席/n 王明/PER 参加/v 会见/v 。/w",
        "6月14日/t ,/w 市外办/ORG 举办/v 报告会/n ,/w 邀请/v 外交部/ORG 司长/n 吴玺/PER 作专题报告/v 。/w",
    )
    found = roles_of(extraction)
    assert ("2023-05-08", "attendee", "韩立新") not in found
    assert ("2023-05-08", "attendee", "王明") in found
    assert ("2023-06-14", "speaker", "吴玺") in found


def test_a_closing_and_a_field_trip_are_events_placed_past_an_epithet_and_a_site_s_part():
    extraction = zh_extraction(
        "8月17日/t ,/w 影像周/n 在/p 澜沧江/LOC 发源地/n 玉树藏族自治州/LOC 开幕/v 。/w 次日/t ,/w 摄影师/n 赴/v "
        "杂多县/LOC 和/c 囊谦县/LOC 采风/v 。/w 19日/t ,/w 代表团/n 参观/v 了/u 宜宾港/LOC 的/u 生产线/n 。/w "
        "22日/t ,/w 影像周/n 在/p 杂多县/LOC 闭幕/v 。/w",
        "据了解/v ,/w 今年/t 省外事办/ORG 已/d 先后/d 组织/v 领团/n 走进/v 了/u 德阳/LOC 、/w 眉山/LOC 等/u 地/n 。/w",
    )
    found = roles_of(extraction)
    assert ("2023-08-17", "location", "玉树藏族自治州") in found
    assert {("2023-08-18", "location", "杂多县"), ("2023-08-18", "location", "囊谦县")} <= found
    assert ("2023-08-19", "location", "宜宾港") in found
    assert ("2023-08-22", "location", "杂多县") in found
    assert not {place for _, role, place in found if role == "location"} & {"德阳市", "眉山市", "德阳", "眉山"}


def test_those_who_attended_all_the_above_attend_every_event_of_the_item():
    extraction = zh_extraction(
        "5月15日/t ,/w 周建清/PER 拜会/v 香港驻沪办/ORG 。/w 当天/t ,/w 周建清/PER 与/p 阮世松/PER 座谈/v 。/w "
        "16日/t ,/w 周建清/PER 拜会/v 蔡亮/PER 。/w 薛志豪/PER 、/w 陈进/PER 参加/v 上述/b 活动/n 。/w",
        "17日/t ,/w 王明/PER 会见/v 李强/PER 。/w 赵红/PER 参加/v 会见/v 。/w",
    )
    found = roles_of(extraction)
    for date in ("2023-05-15", "2023-05-16"):
        assert {(date, "attendee", "薛志豪"), (date, "attendee", "陈进")} <= found
    assert ("2023-05-17", "attendee", "赵红") in found
    assert not {("2023-05-15", "attendee", "赵红"), ("2023-05-16", "attendee", "赵红")} & found


def test_guests_told_of_by_their_kind_attend_what_they_go_on_to():
    extraction = zh_extraction(
        "5月28日/t ,/w 王超刚/PER 会见/v 秘鲁/LOC 驻/v 广州/LOC 总领事/n 埃斯皮诺萨/PER 和/c 马埃文/PER 。/w "
        "黄世航/PER 参加/v 会见/v 。/w 当晚/t ,/w 领事官员/n 们/k 出席/v 了/u 在/p 岐江公园/LOC 举行/v 的/u "
        "开幕式/n 。/w",
    )
    labels = {e.id: e.labels.get("zh") for e in extraction.entities}
    ceremony = next(e for e in extraction.events if e.kind == "ceremony")
    assert {labels[p.entity] for p in ceremony.participants if p.prop == "schema:attendee"} == {"埃斯皮诺萨", "马埃文"}
