"""Ingest of real-looking pages: noise removal, titles, date lines, and digest pages split into items.

The page texts here are written for these tests (names and posts are made up or public facts); no
model is loaded, so the file runs in a few seconds.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest.clean import is_gloss, is_mojibake
from pipeline.ingest.read import parse_page, parse_record
from pipeline.lexicon.resources import load_lexicon
from pipeline.model import Article

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"


def page(text: str) -> Article:
    return parse_page(text, article_id="t", source="t.txt")


def item_text(article: Article, index: int, lang: str) -> str:
    start, end = article.items[index].spans[lang]
    return article.versions[lang].text[start:end]


ALTERNATING = """外事工作资讯

2023-05-30 10:02

甲市外办主任林一会见乙国驻甲市总领事

Lin Yi Meets Consul General of Beta in Jiashi

5月8日,甲市外办主任林一在外事大楼会见乙国驻甲市总领事马可一行。

双方就教育合作交换了意见。

On May 8, Lin Yi, Director-General of Jiashi FAO, met with Marco, Consul General of Beta in Jiashi.

The two sides exchanged views on education.

甲市外办举办友城青年论坛

Jiashi FAO Holds Sister City Youth Forum

同日,甲市外办举办友城青年论坛,副主任周二致辞。

On the same day, Jiashi FAO held a sister city youth forum. Deputy Director-General Zhou Er spoke.
"""


def test_utf8_read_as_gbk_a_contents_line_a_navigation_line_and_an_end_mark_go():
    assert is_mojibake("澶栧浗鍙嬩汉") and is_mojibake("鏂伴椈涓績")
    assert not any(is_mojibake(real) for real in ("外国友人", "新闻中心", "重庆市人民政府外事办公室"))
    page = (
        "导航:首页 > 资讯 > 地方频道 > 正文\n\n【本期要目】市友协换届 会见总领事 友城交流\n\n"
        "发布时间:2024-07-10 09:00\n\n鏂伴椈涓績?/p>\n\n7月5日,市友协第五届理事会在邕州饭店召开。(完)\n"
    )
    article = parse_page(page, article_id="p", source="p")
    assert article.versions["zh"].text == "7月5日,市友协第五届理事会在邕州饭店召开。"
    glued = parse_page("2024-11-20\n\n副市长陈思远参加会见。鍦ㄩ暱娌?/p>\n", article_id="p", source="p")
    assert glued.versions["zh"].text == "副市长陈思远参加会见。"


def test_an_editor_s_note_mark_an_english_release_line_a_credit_line_and_related_links_go():
    page = (
        "Release Date: 2024-07-03 14:12\u3000Source: Yiwu FAO\u3000Clicks:\u3000[Large] [Medium] [Small]"
        "\u3000Share:\n\n"
        "【编者按】今年是两市结好五十周年。\n\n6月12日,市外办主任楼建平会见巴基斯坦驻上海总领事。\n\n"
        "相关信息：\n· 乌兰巴托市市政代表团访呼\n"
    )
    credited = parse_page("Presented by China Daily.\n\n6月12日,王明会见李强。\n", article_id="p", source="p")
    assert all("China Daily" not in version.text for version in credited.versions.values())
    article = parse_page(page, article_id="p", source="p")
    assert article.date == dt.date(2024, 7, 3)
    assert article.versions["zh"].text == "今年是两市结好五十周年。\n6月12日,市外办主任楼建平会见巴基斯坦驻上海总领事。"


def test_an_english_section_label_above_the_headline_is_no_part_of_it():
    for label in ("Open Governance", "Latest News", "Foreign Affairs Updates"):
        article = page(
            f"{label}\nWang Wen Meets Consuls from Chengdu\n2024-06-30\n\nOn June 3, Wang Wen met consuls.\n"
        )
        assert article.title_en == "Wang Wen Meets Consuls from Chengdu"
    assert page("News from Chengdu\n2024-06-30\n\nOn June 3, Wang Wen met consuls.\n").title_en == "News from Chengdu"


def test_an_english_date_line_after_the_site_s_name_and_a_spaced_bar_dates_the_page():
    article = page("Guangzhou Holds Reception\nexample.gov.cn | Updated:2023-09-26\n\nOn May 25, Li Ming spoke.\n")
    assert article.date == dt.date(2023, 9, 26)
    assert article.versions["en"].text == "On May 25, Li Ming spoke."


def test_alternating_digest_items_with_headlines_out_of_the_text():
    article = page(ALTERNATING)
    assert article.title == "外事工作资讯" and article.date == dt.date(2023, 5, 30)
    assert len(article.items) == 2
    first, second = article.items
    assert first.headlines == {
        "zh": "甲市外办主任林一会见乙国驻甲市总领事",
        "en": "Lin Yi Meets Consul General of Beta in Jiashi",
    }
    assert first.date == dt.date(2023, 5, 8) and second.date == dt.date(2023, 5, 8)
    assert item_text(article, 0, "zh").startswith("5月8日") and item_text(article, 0, "zh").endswith("交换了意见。")
    assert item_text(article, 1, "en").startswith("On the same day")
    for lang in ("zh", "en"):
        paragraphs = article.versions[lang].text.splitlines()
        assert not {item.headlines[lang] for item in article.items} & set(paragraphs)
    assert article.item_at("zh", article.versions["zh"].text.index("友城青年论坛")) is second


ZH_THEN_EN = """外事动态

2024-11-20

丙省代表团访问甲市

10月14日至16日,丙省副省长王三率团访问甲市。

甲市外办召开工作会议

次日,甲市外办召开工作会议。

乙国文化周开幕

日前,乙国文化周在甲市开幕。

Delegation from Bing Province Visits Jiashi

▶ From October 14 to 16, Wang San, Vice Governor of Bing Province, led a delegation to Jiashi.

Jiashi FAO Holds Work Meeting

▶ The next day, Jiashi FAO held a work meeting.

Beta Culture Week Opens

▶ Recently, Beta Culture Week opened in Jiashi.
"""


def test_zh_items_then_en_items_paired_in_order_with_relative_dates():
    article = page(ZH_THEN_EN)
    assert [item.date for item in article.items] == [dt.date(2024, 10, 14), dt.date(2024, 10, 15), None]
    assert article.items[1].headlines["en"] == "Jiashi FAO Holds Work Meeting"
    assert item_text(article, 2, "en") == "Recently, Beta Culture Week opened in Jiashi."
    assert "▶" not in article.versions["en"].text


NO_HEADLINES = """外事简讯

2024-07-03 16:20

6月3日至5日,甲市外办组织驻甲市领团赴丁县参观。

On June 3 to 5, Jiashi FAO took the consular corps to Ding County.

同日,甲市副市长赵四会见戊国大使。

On the same day, Vice Mayor Zhao Si met with the Ambassador of Wu.

次日,戊国大使一行参观甲市博物馆。

The next day, the Ambassador and his delegation toured Jiashi Museum.

甲市外办与己市签署合作备忘录。

Jiashi FAO and Jishi signed a memorandum of cooperation.
"""


def test_digest_without_headlines_splits_at_dates_and_language_turns():
    article = page(NO_HEADLINES)
    assert [item.date for item in article.items] == [
        dt.date(2024, 6, 3),
        dt.date(2024, 6, 3),
        dt.date(2024, 6, 4),
        None,
    ]
    assert all(set(item.spans) == {"zh", "en"} and not item.headlines for item in article.items)
    assert item_text(article, 3, "zh") == "甲市外办与己市签署合作备忘录。"


ENGLISH_FIRST = """Jiashi FAO Holds Briefing for Consuls Consuls Visit Geng District

2024-10-15 11:20

On August 6, Jiashi FAO held a briefing for consular officials.

From August 20 to 21, consular officials visited Geng District.

甲市外办举办领事官员宣介会

8月6日,甲市外办为领事官员举办宣介会。

领事官员走进庚区

8月20日至21日,领事官员赴庚区参观。
"""


def test_english_items_first_then_chinese_with_glued_english_title():
    article = page(ENGLISH_FIRST)
    assert article.title_en == "Jiashi FAO Holds Briefing for Consuls Consuls Visit Geng District"
    assert len(article.items) == 2
    assert [item.date for item in article.items] == [dt.date(2024, 8, 6), dt.date(2024, 8, 20)]
    assert item_text(article, 1, "en").startswith("From August 20") and item_text(article, 1, "zh").startswith(
        "8月20日"
    )
    assert article.items[0].headlines == {"zh": "甲市外办举办领事官员宣介会"}


ENGLISH_FIRST_FEWER = """Jiashi Foreign Affairs Update

2024-04-30 17:05

Mayor Meets Ambassador of Beta

On March 28, Mayor Zhao Si met Ambassador Lin of Beta.

Mayor Meets Mayor of Gamma

On April 16, Mayor Zhao Si met a delegation led by the Mayor of Gamma.

Minister of Delta Visits Jiashi

The Minister of Delta visited Jiashi on April 23.

甲市外事动态

一、赵四会见乙国大使

3月28日,赵四会见乙国大使林某。

二、甲市外办召开座谈会

4月2日,甲市外办召开座谈会。

三、赵四会见丙市市长

4月15日至17日,丙市市长率团访问甲市。16日,赵四会见代表团一行。

四、丁国部长访问甲市

4月23日,丁国部长访问甲市。
"""


def test_items_pair_by_a_day_one_version_names_when_the_versions_count_differently():
    article = page(ENGLISH_FIRST_FEWER)
    assert [sorted(item.spans) for item in article.items] == [["en", "zh"], ["zh"], ["en", "zh"], ["en", "zh"]]
    assert item_text(article, 2, "en").startswith("On April 16") and item_text(article, 2, "zh").startswith("4月15日")


def test_december_items_of_a_january_issue_belong_to_the_year_before():
    text = """外事工作资讯\n\n2024-01-26 09:00\n\n● 甲市外办召开年终总结会\n\n12月28日,甲市外办召开年终总结会。
\n● 甲市外办举办新年招待会\n\n1月5日,甲市外办举办新年招待会。\n"""
    article = page(text)
    assert [item.date for item in article.items] == [dt.date(2023, 12, 28), dt.date(2024, 1, 5)]
    assert [item.headlines["zh"] for item in article.items] == ["甲市外办召开年终总结会", "甲市外办举办新年招待会"]


def test_glosses_removed_inside_names_and_position_markers_real_brackets_kept():
    text = """甲市外辦主任會(huì)見(jiàn)乙國總領事

2023-04-02 08:00

3月(yuè)9日(rì),市長(zhǎng)張(zhāng)國(guó)強(qiáng)會(huì)見(jiàn)乙國駐甲市總領事胡安(Jean-Yves ROUX)。

① 張國(guó)強(qiáng)(左(zuǒ))與胡安(右二)交談。

On March 9, the Mayor met Jean-Yves ROUX of the Chongqing FAO (FAOCMG) (video).
"""
    article = page(text)
    zh = article.versions["zh"].text
    assert article.title == "甲市外辦主任會見乙國總領事"
    assert "市長張國強會見乙國駐甲市總領事胡安(Jean-Yves ROUX)。" in zh
    assert "張國強與胡安交談。" in zh
    assert not re.search(r"\([a-zāáǎàǐíòóùúǔ]+\)|①|\(左|\(右", zh)
    assert "(FAOCMG) (video)" in article.versions["en"].text


def test_glosses_written_with_a_space_inside_the_brackets_are_removed():
    text = """乙市副市长会见丙国总领事

2025-03-20 08:00

18日上午,副市长王中在东山宾馆会(huì )见(jiàn )了柳( liǔ )昌秀一行。
"""
    assert "会见了柳昌秀一行。" in page(text).versions["zh"].text


def test_a_record_copied_from_a_mirror_site_loses_its_glosses_and_mojibake_as_a_page_does():
    record = {
        "id": "mirror",
        "date": "2025-03-20",
        "zh": "18日上午,副市长王中在东山宾馆会(huì)见(jiàn)了柳昌秀(Ryu Chang-soo)一行。鏂伴椈",
        "en": "Vice Mayor Wang Zhong met (la) Ryu.",
    }
    article = parse_record(record, source="mirror.jsonl:1", lexicon=load_lexicon())
    assert article.versions["zh"].text == "18日上午,副市长王中在东山宾馆会见了柳昌秀(Ryu Chang-soo)一行。"
    assert article.versions["en"].text == "Vice Mayor Wang Zhong met (la) Ryu."  # English is left as it is


def test_gloss_check_is_a_real_pinyin_syllable():
    assert is_gloss("huì") and is_gloss("la") and is_gloss("lǜ") and is_gloss("zhuāng")
    assert not is_gloss("video") and not is_gloss("faocmg") and not is_gloss("xq")


def test_a_page_whose_glosses_break_every_word():
    text = """林(lín)一(yī)會(huì)見(jiàn)客(kè)人(rén)

2023-03-01 09:00

市(shì)外(wài)辦(bàn)主(zhǔ)任(rèn)林(lín)一(yī)會(huì)見(jiàn)丁(dīng)國(guó)客(kè)人(rén)。
"""
    article = page(text)
    assert article.title == "林一會見客人"
    assert article.versions["zh"].text == "市外辦主任林一會見丁國客人。"


def test_mojibake_and_bylines_are_gone():
    text = """甲市外办召开座谈会

2023-06-01 12:00

□ 文/钱七 摄影/孙八

5月30日,甲市外办召开座谈会,副主任周二主持?/p>

会议要求加强合作。endprint

■编辑:李九 见习编辑:吴十

撰稿人:郑一 审稿人:冯二

[责任编辑:陈三]

(记者 褚四)甲市外办还走访了企业。

On May 30, Jiashi FAO held a symposium. The office?s staff attended&nbsp;it.
"""
    article = page(text)
    zh, en = article.versions["zh"].text, article.versions["en"].text
    for junk in ("钱七", "孙八", "李九", "吴十", "郑一", "冯二", "陈三", "褚四", "?/p>", "endprint", "/", "编辑"):
        assert junk not in zh
    assert zh.splitlines() == [
        "5月30日,甲市外办召开座谈会,副主任周二主持",
        "会议要求加强合作。",
        "甲市外办还走访了企业。",
    ]
    assert en == "On May 30, Jiashi FAO held a symposium. The offices staff attended it."


def test_date_line_with_time_and_author_is_the_date_and_the_author_is_not_text():
    text = """甲市外办召开学习会

2023-02-14 02:40周五

重庆与世界 2023年2期

周五

2月10日,甲市外办召开学习会,周五同志作交流发言。
"""
    article = page(text)
    assert article.date == dt.date(2023, 2, 14) and article.periodical == "重庆与世界 2023年2期"
    assert article.versions["zh"].text == "2月10日,甲市外办召开学习会,周五同志作交流发言。"


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("外交部网站 2023-09-11 15:20", dt.date(2023, 9, 11)),
        ("Release time: 14:50, May 30, 2023", dt.date(2023, 5, 30)),
        ("Published: 3 June 2024 | Source: Foreign Affairs Office", dt.date(2024, 6, 3)),
        ("北京时间2004-06-28", dt.date(2004, 6, 28)),
        ("来源:某市新闻网  2024-06-29 22:44:56", dt.date(2024, 6, 29)),
        ("时间:2016-03-22供稿单位:欧亚部", dt.date(2016, 3, 22)),
        ("http://news.example.com.cn 2005年04月13日06:56", dt.date(2005, 4, 13)),
        (
            "作者：友城交流科　　来源：某某市人民政府外事办公室　　发布时间：2023-07-10 15:42　　点击数：",
            dt.date(2023, 7, 10),
        ),
        ("新闻眼|来源:某某台综合广播2023-04-05 09:28:11|网络编辑:孙某", dt.date(2023, 4, 5)),
        ("来源:某某日报2023-04-05", dt.date(2023, 4, 5)),
        ("来源:本站 发布:2023-11-06 点击:120", dt.date(2023, 11, 6)),
        ("原创2025-03-12 17:31", dt.date(2025, 3, 12)),
    ],
)
def test_date_lines_with_a_source_before_or_in_english(line, date):
    article = page(f"甲市外办会见来宾\n\n{line}\n\n5月29日,甲市外办主任会见来宾。\n")
    assert article.date == date
    assert article.versions["zh"].text == "5月29日,甲市外办主任会见来宾。"


def test_an_outlet_and_its_channel_between_headline_and_date_are_no_part_of_the_headline():
    text = "甲市举行外国驻甲领团见面会\n\n某都N视频APP · 某都甲市\n原创2025-12-16 17:31\n\n12月16日,甲市举行见面会。"
    article = page(text)
    assert (article.title, article.date) == ("甲市举行外国驻甲领团见面会", dt.date(2025, 12, 16))
    assert article.versions["zh"].text == "12月16日,甲市举行见面会。"


def test_a_date_in_brackets_after_the_headline_dates_the_page_and_leaves_the_headline():
    article = page("甲市外办主任会见乙国新任总领事 ( 2024.10.21 )\n\n10月17日,甲市外办主任会见乙国新任总领事。\n")
    assert article.date == dt.date(2024, 10, 21)
    assert article.title == "甲市外办主任会见乙国新任总领事"
    assert article.versions["zh"].text == "10月17日,甲市外办主任会见乙国新任总领事。"


def test_a_site_s_footer_lines_are_no_text_nor_a_second_version():
    text = """甲省省长会见乙国大使

发布日期:2024-04-11

4月11日,甲省省长李某在甲市会见乙国驻华大使。

网友评论 [新闻评论服务协议]

网站简介 | About Jiatv | 联系我们 |

视力保护色: 字体:

往期阅读

TOP打印本页关闭窗口

甲省丙丁监督管理局 主办

办公地址:甲市某某路98号A区 邮编:610017 值班电话:028-86785861

备案号:甲ICP备19004851号 网站标识码:5100000025 甲公网安备 51010402000507号
"""
    article = page(text)
    assert sorted(article.versions) == ["zh"]
    assert article.versions["zh"].text == "4月11日,甲省省长李某在甲市会见乙国驻华大使。"


@pytest.mark.parametrize(
    ("text", "date", "body"),
    [
        (
            "本报2023年10月6日讯  (记者  孙某)10月1日至5日,甲区党委书记李某率团出访乙国。",
            dt.date(2023, 10, 6),
            "10月1日至5日,甲区党委书记李某率团出访乙国。",
        ),
        ("中新网甲市12月11日电 12月10日下午,联谊活动在甲市举行。", None, "12月10日下午,联谊活动在甲市举行。"),
        ("本报讯 昨日,甲市市长会见了来宾。", None, "昨日,甲市市长会见了来宾。"),
    ],
)
def test_a_paper_s_or_agency_s_dateline_goes_and_dates_the_page_only(text, date, body):
    article = page(f"甲市会见来宾\n\n{text}\n")
    assert article.date == date
    assert article.versions["zh"].text == body


def test_a_layout_table_s_bars_after_a_title_or_a_sentence_go():
    article = page(
        "甲市外办拜访乙国驻沪总领事馆 | |||||\n|\n|||||\n5月15日,甲市外办主任周某拜访乙国驻沪总领事馆。 |\n|||||\n"
    )
    assert article.title == "甲市外办拜访乙国驻沪总领事馆"
    assert article.versions["zh"].text == "5月15日,甲市外办主任周某拜访乙国驻沪总领事馆。"


def test_a_bracketed_byline_naming_the_outlet_goes():
    article = page("甲市会见来宾\n\n2005-04-13\n\n(某某日报记者孙某 本报记者赖某)昨日,甲市市长会见了来宾。\n")
    assert article.versions["zh"].text == "昨日,甲市市长会见了来宾。"


def test_gov_site_header_lines_go():
    text = """甲省人民政府外事办公室

当前位置:首页 > 外事要闻

—— 外事要闻 ——

甲省外办主任会见乙国客人

发布时间:2023-03-20 17:43:00  来源:办公室

浏览:0

3月18日,甲省外办主任会见乙国客人。

座谈交流.jpg

【打印本页】 【关闭窗口】

分享到:微信 微博 QQ空间

扫一扫在手机打开当前页

版权所有:甲省人民政府外事办公室
"""
    article = page(text)
    assert article.title == "甲省外办主任会见乙国客人" and article.date == dt.date(2023, 3, 20)
    assert article.versions["zh"].text == "3月18日,甲省外办主任会见乙国客人。" and not article.items


def test_a_site_name_and_a_bilingual_column_above_the_title_are_no_title():
    text = """新疆维吾尔自治区人民政府外事办公室

外事动态 Foreign Affairs Updates

李炜会见哈萨克斯坦驻乌鲁木齐总领事

2024-07-03 11:05　来源:自治区外办

6月27日,自治区外办主任李炜会见哈萨克斯坦驻乌鲁木齐总领事。

On June 27, Li Wei met with the Consul General of Kazakhstan in Urumqi.

主办单位:新疆维吾尔自治区人民政府外事办公室　技术支持:某某信息中心
"""
    article = page(text)
    assert article.title == "李炜会见哈萨克斯坦驻乌鲁木齐总领事" and article.title_en is None
    assert article.versions["zh"].text == "6月27日,自治区外办主任李炜会见哈萨克斯坦驻乌鲁木齐总领事。"


def test_caption_markers_go_full_caption_sentences_stay_pure_photo_captions_drop():
    text = """甲市外办主任会见乙国大使

2023-09-01 10:00

8月30日,甲市外办主任林一会见乙国大使。

▲ 林一(右)会见乙国大使。摄影/王五

② 推介交流会现场。

座谈会现场

图为 林一(左)与大使交谈
"""
    zh = page(text).versions["zh"].text
    assert zh.splitlines() == ["8月30日,甲市外办主任林一会见乙国大使。", "林一会见乙国大使。"]


def test_a_page_of_photo_captions_only_is_a_clear_ingest_error():
    with pytest.raises(IngestError, match="no article text"):
        page("▲ 座谈会现场\n\n② 合影留念\n\n摄影/王五\n")


def test_single_page_english_headline_becomes_title_en():
    text = """甲市外办主任会见乙国总领事

2023-08-21 10:05:47甲市外事微信公众号

外事动态 Foreign Affairs Updates

7月12日,甲市外办主任林一会见乙国总领事。

Lin Yi Meets Consul General of Beta

On July 12, Lin Yi met with the Consul General of Beta.
"""
    article = page(text)
    assert article.title_en == "Lin Yi Meets Consul General of Beta" and not article.items
    assert article.versions["en"].text == "On July 12, Lin Yi met with the Consul General of Beta."
    assert "公众号" not in article.versions["zh"].text and "Updates" not in article.versions["en"].text


def test_digest_of_forty_items_one_without_a_date():
    blocks = []
    for number in range(40):
        day = number % 28 + 1
        opening = "甲市外办召开例会。" if number == 17 else f"3月{day}日,甲市外办召开第{number + 1}次例会。"
        blocks.append(f"● 甲市外办召开第{number + 1}次例会\n\n{opening}\n")
    article = page("外事简讯\n\n2023-04-02 09:00\n\n" + "\n".join(blocks))
    assert len(article.items) == 40
    assert article.items[17].date is None and article.items[18].date == dt.date(2023, 3, 19)
    assert article.items[39].headlines["zh"] == "甲市外办召开第40次例会"
    spans = [item.spans["zh"] for item in article.items]
    assert all(a[1] < b[0] for a, b in itertools.pairwise(spans))


def _dev_gold() -> list[tuple[str, dict]]:
    found = []
    for path in sorted(GOLD.glob("[456]*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold.get("split") == "dev" and "page" in gold:
            found.append((path.stem, gold))
    return found


_NOISE = re.compile(
    r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]|\?|/|▲|★|[①-⑳]|[(（](?:左|右)[一二三四五六七八九十]?[)）]"
    r"|编辑|編輯|来源|來源|\.jpg|\*{3}|首页|——|【|APP下载|猜你喜欢|版权所有|主办|天天要聞|\d:\d\d|图为"
)
_GLOSS = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def _said_in_a_sentence(junk: str, raw: str) -> bool:
    """The junk phrase is part of a sentence of the page (a quoted slogan, a named corridor)."""
    for line in raw.splitlines():
        line = _GLOSS.sub("", line.strip())
        line = line.removesuffix("?/p>") + "。" if line.endswith("?/p>") else line  # the mojibake took the 。
        line = re.sub(r"[(（]完[)）]$", "", line)  # the story's end mark after its last sentence
        if junk in line and line.endswith(("。", ".", "”", '"')):
            return True
    return False


@pytest.mark.parametrize(("name", "gold"), _dev_gold(), ids=[name for name, _ in _dev_gold()])
def test_no_junk_of_the_dev_gold_pages_survives(name, gold):
    raw = (GOLD / gold["page"]).read_text(encoding="utf-8")
    article = parse_page(raw, article_id=name, source=name)
    body = "\n".join(version.text for version in article.versions.values())
    stored = "\n".join(
        [body, article.title or "", article.title_en or ""]
        + [headline for item in article.items for headline in item.headlines.values()]
    )
    for junk in gold.get("junk", []):
        if _NOISE.search(junk):
            assert junk not in stored, f"{name}: noise {junk!r} kept"
        elif not _said_in_a_sentence(junk, raw):
            assert junk not in body, f"{name}: {junk!r} kept in the body text"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("met H.E.Raja Dato Nushirwan, Ambassador", "met H.E. Raja Dato Nushirwan, Ambassador"),
        ("Prakash Jwala,Minister of Energy", "Prakash Jwala, Minister of Energy"),
        ("with Chongqing FAO.It was", "with Chongqing FAO. It was"),
        ("the U.S. and the U.S.A. met", "the U.S. and the U.S.A. met"),
        ("议员利亚姆˙伯恩", "议员利亚姆·伯恩"),
    ],
)
def test_glued_english_punctuation_gets_its_space_and_a_dot_above_joins_a_name(raw, clean):
    from pipeline.ingest.normalise import clean_paragraph

    assert clean_paragraph(raw) == clean


def test_breadcrumbs_and_editor_lines_of_any_form_are_no_text():
    raw = (
        "四川省人民政府外事办公室\n\n位置:首页 > 外事动态 > 图片新闻\n\nHome > News > Exchanges\n\n"
        "外国领团走进宜宾\n\n2024-06-17 09:32　来源:四川日报\n\n"
        "6月12日,省外办组织领事官员赴宜宾考察。省外办副主任王某陪同。\n\n(责任编辑:刘某)\n"
    )
    article = parse_page(raw, article_id="breadcrumbs", source="breadcrumbs")
    body = "\n".join(version.text for version in article.versions.values())
    assert "首页" not in body and "Home" not in body and "责任编辑" not in body
    assert "省外办组织领事官员赴宜宾考察" in body


def test_copyright_lines_related_links_menus_and_photo_credits_are_no_text():
    raw = (
        "甲市外事网\n\n您当前的位置:首页 > 外事要闻\n\n甲市会见乙国客人\n\n2024-03-18 09:00\n\n"
        "3月5日,甲市外办主任王某会见乙国驻甲市总领事。\n\n(fao.jia.gov.cn) Updated: 2024-03-18\n\n"
        "Wang met the consul general on March 5. [Photo/WeChat account: JIAFAO]\n\n"
        "Bulletin | The City | Contact Us\n\n甲市新聞網 版權所有　未經授權禁止複製或建立鏡像\n\n"
        "【相關鏈結】\n· 甲市外辦舉辦領團活動\n"
    )
    article = parse_page(raw, article_id="footers", source="footers")
    body = "\n".join(version.text for version in article.versions.values())
    for noise in ("位置", "相關鏈結", "領團活動", "版權所有", "Updated", "Photo/", "Contact Us"):
        assert noise not in body, noise
    assert "王某会见乙国驻甲市总领事" in body and "Wang met the consul general on March 5." in body


def test_an_english_date_line_with_its_source_dates_the_page():
    raw = "Jia City FAO\n\nNews in Brief\n\nDate: 2024-11-29　Source: Jia FAO\n\nOn November 12, Wang met the consul.\n"
    article = parse_page(raw, article_id="dated", source="dated")
    assert str(article.date) == "2024-11-29"
    assert "Source" not in article.versions["en"].text


def test_an_outlet_between_bars_before_published_dates_the_page_and_an_image_anchor_is_no_text():
    raw = (
        "Envoys Start Tour of Jia\n\n|JiaNews|Published:2023-06-09 10:37:04\n\n"
        "The Diplomats' Tour to Jia commenced on June 5.\n\nEnvoys Start Tour of Jia_fororder_图片1\n\n"
        "Wang Li delivers a speech.\n"
    )
    article = parse_page(raw, article_id="bars", source="bars")
    assert str(article.date) == "2023-06-09"
    assert article.versions["en"].text == "The Diplomats' Tour to Jia commenced on June 5.\nWang Li delivers a speech."


def test_a_breadcrumb_after_the_title_and_its_date_line_leaves_both():
    raw = "甲市外办主任会见来宾\n2024-06-12\n\n当前位置:首页 > 政务公开\n\n6月12日,甲市外办主任王某会见来宾。\n"
    article = parse_page(raw, article_id="crumbs", source="crumbs")
    assert (str(article.date), article.title) == ("2024-06-12", "甲市外办主任会见来宾")
    assert article.versions["zh"].text == "6月12日,甲市外办主任王某会见来宾。"
    banner = parse_page(
        "欢迎访问甲市外办\n联系我们\n当前位置:首页 > 新闻\n\n标题\n\n2024-06-12\n\n正文。\n", article_id="b", source="b"
    )
    assert banner.title == "标题"


def test_a_release_s_with_photo_note_is_no_text():
    raw = (
        "行政長官會見外國來賓(附圖)\n\n2024年4月17日\n\n行政長官今日會見乙國總領事。\n\n"
        "CE meets foreign guest (with photo)\n\nThe Chief Executive met the Consul General today.\n"
    )
    article = parse_page(raw, article_id="photo-note", source="photo-note")
    text = "\n".join([*(version.text for version in article.versions.values()), article.title, article.title_en or ""])
    assert "附圖" not in text and "with photo" not in text


def test_headlines_underlined_with_asterisks_start_the_items_of_a_release_page():
    raw = (
        "甲市會見乙國總領事\n*********\n\n2024年4月17日\n\n  甲市市長今日會見乙國總領事。\n\n"
        "Mayor meets consul general\n**************\n\n     The Mayor met the Consul General today.\n\n"
        "甲市副市長與丙省代表團會面\n*********\n\n  甲市副市長今日與丙省代表團會面。\n\n"
        "Vice mayor meets delegation\n**************\n\n     The Vice Mayor met a delegation today.\n"
    )
    article = parse_page(raw, article_id="release", source="release")
    assert [item.headlines.get("en") for item in article.items] == [
        "Mayor meets consul general",
        "Vice mayor meets delegation",
    ]
    assert "meets" not in article.versions["en"].text


def test_a_single_release_s_underlined_headline_is_its_title():
    raw = "甲市會見乙國總領事\n*********\n\n  甲市市長今日會見乙國總領事。\n\n完\n\n2024年4月17日(星期三)\n"
    article = parse_page(raw, article_id="release", source="release")
    assert article.title == "甲市會見乙國總領事"
    assert article.versions["zh"].text == "甲市市長今日會見乙國總領事。"
