"""Numbers and dates as the genre writes them: 十三届, third, 13th, 6月1日, June 1st, 二〇二〇年."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from pipeline.lexicon.resources import RelativeDate

_ZH_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZH_UNITS = {"十": 10, "百": 100}
_EN_NUMBERS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_ORDINAL_WORDS = {v: k for k, v in _EN_NUMBERS.items() if k.endswith(("st", "nd", "rd", "th"))}
MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def parse_number(text: str) -> int | None:
    """``十三`` → 13, ``二〇二〇`` → 2020, ``third`` → 3, ``13th`` → 13, ``6`` → 6; None if not a number."""
    text = text.strip().lower()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
    if match:
        return int(match.group(1))
    if text in _EN_NUMBERS:
        return _EN_NUMBERS[text]
    if all(c in _ZH_DIGITS for c in text):
        return int("".join(str(_ZH_DIGITS[c]) for c in text))
    if not all(c in _ZH_DIGITS or c in _ZH_UNITS for c in text):
        return None
    total, current = 0, 0
    for char in text:
        if char in _ZH_DIGITS:
            current = _ZH_DIGITS[char]
        else:
            total += (current or 1) * _ZH_UNITS[char]
            current = 0
    return total + current


def ordinal(number: int, lang: str) -> str:
    """13 → ``十三`` (zh) or ``13th`` (en; words up to twentieth)."""
    if lang == "zh":
        digits = "零一二三四五六七八九"
        if number < 10:
            return digits[number]
        tens, ones = divmod(number, 10)
        if number < 100:
            return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")
        return str(number)
    if number in _ORDINAL_WORDS and number < 10:
        return _ORDINAL_WORDS[number]
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_ZH_NUM = r"[0-9一二三四五六七八九十〇零两]+"
ZH_DATE = re.compile(rf"(?:(?P<year>{_ZH_NUM})年)?(?P<month>{_ZH_NUM})月(?P<day>{_ZH_NUM})(?:日|号)")
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
EN_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month2>{_MONTH_NAMES})(?:,?\s+(?P<year2>\d{{4}}))?)\b",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"(?P<year>\d{4})[-/.年](?P<month>\d{1,2})[-/.月](?P<day>\d{1,2})日?")
_DATE_LINE = re.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})\s*(?:\d{1,2}:\d{2}(?::\d{2})?)\s*(?P<byline>[^。！？.!?]{0,30})"
)


def _build(year: int | None, month: int | None, day: int | None, reference: dt.date | None) -> dt.date | None:
    if month is None or day is None:
        return None
    if year is None:
        if reference is None:
            return None
        year = reference.year
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        # A report comes after the event: a month later than the article's belongs to the year before.
        if candidate > reference + dt.timedelta(days=31):
            year -= 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, lang: str, reference: dt.date | None) -> list[tuple[int, int, dt.date]]:
    """Every date written in ``text`` as (start, end, date), the year inferred from ``reference``."""
    found: list[tuple[int, int, dt.date]] = []
    if lang == "zh":
        for match in ZH_DATE.finditer(text):
            year = parse_number(match["year"]) if match["year"] else None
            if year is not None and year < 100:
                year += 2000
            date = _build(year, parse_number(match["month"]), parse_number(match["day"]), reference)
            if date:
                found.append((match.start(), match.end(), date))
    else:
        for match in EN_DATE.finditer(text):
            month = (match["month"] or match["month2"]).lower()
            day = int(match["day"] or match["day2"])
            year_text = match["year"] or match["year2"]
            date = _build(int(year_text) if year_text else None, MONTHS[month], day, reference)
            if date:
                found.append((match.start(), match.end(), date))
    return found


def parse_article_date(text: str) -> dt.date | None:
    """A full date as a page or record writes it: ``2020-08-04``, ``2020年8月4日``, ``August 4, 2020``; a page's
    date line may add a time and its source or author (``2023-05-18 22:23:24重庆外事微信公众号``)."""
    text = text.strip()
    stamped = _DATE_LINE.fullmatch(text)
    if stamped:
        text = stamped["date"]
    match = ISO_DATE.fullmatch(text) or ZH_DATE.fullmatch(text)
    if match and match.re is ISO_DATE:
        return _build(int(match["year"]), int(match["month"]), int(match["day"]), None)
    if match:
        year = parse_number(match["year"]) if match["year"] else None
        return _build(year, parse_number(match["month"]), parse_number(match["day"]), None)
    english = EN_DATE.fullmatch(text)
    if english and (english["year"] or english["year2"]):
        return find_dates(text, "en", None)[0][2] if find_dates(text, "en", None) else None
    return None


_ZH_DAY_ONLY = re.compile(
    rf"(?<![月第0-9一二三四五六七八九十〇零两])(?P<day>{_ZH_NUM})(?:日|号)"
    r"(?=[上下中早晚凌午,，、至到—-]|在|于|起|举[行办]|召开|开幕|启幕|闭幕|抵达|$)"
)
"""A day of the month written alone (23日下午, 15日在武汉开幕, 12日起): before a part of the day, a mark, a venue or a
verb of the event; not an ordinal (第15日) nor a month's day (10月15日)."""
_ZH_MONTH_ONLY = re.compile(
    rf"(?<![0-9一二三四五六七八九十〇零两])(?:(?:今年|去年|{_ZH_NUM}年))?(?P<month>{_ZH_NUM})月(?:份|初|上旬|中旬|下旬|底)?"
    rf"(?![0-9一二三四五六七八九十〇零两]|[日号])"
)
"""A month without its day (今年1月, 11月,): some day of it, not the news item's date."""
_ZH_TODAY_DAY = re.compile(r"[今昨](?:天)?\s*[(（](?P<day>\d{1,2})[)）]\s*日?")
"""Today or yesterday with its day in brackets, as Macao's and Hong Kong's releases write it (今(28)日上午): that day
of the publication's month."""
_EN_DAY_ONLY = re.compile(
    r"\b(?:on|of) the (?P<day>\d{1,2})(?:st|nd|rd|th)\b(?=\s*(?:[,.;:)]|$|and\b|to\b))", re.IGNORECASE
)
"""A bare ordinal day (On the 3rd, the afternoon of the 21st); not the 20th Congress nor the 25th anniversary."""
_EN_DAY_WORD = re.compile(r"[a-z]")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at (start, end): an absolute date, or a day-of-month / offset to resolve."""

    start: int
    end: int
    date: dt.date | None = None
    day: int | None = None
    month: int | None = None
    """With ``day``: a month and day written without a year, when the page gives no year to read it in."""
    offset: int | None = None
    unknown: bool = False
    from_publication: bool = False

    def before_publication(self, published: dt.date | None) -> dt.date | None:
        """A bare day (19日晚) told before any other date: the latest such day on or before the publication, as
        a lead reports what has happened (19日 in news of November 20: November 19; 30日 then: October 30)."""
        if published is None or self.day is None or self.month is not None or self.offset is not None:
            return None
        month = published.replace(day=1)
        for _ in range(2):
            try:
                day = month.replace(day=self.day)
            except ValueError:
                day = None
            if day is not None and day <= published:
                return day
            month = (month - dt.timedelta(days=1)).replace(day=1)
        return None

    def resolve(self, anchor: dt.date | None) -> dt.date | None:
        """The date this expression names, given the date it refers back to."""
        if self.date is not None:
            return self.date
        if anchor is None or self.unknown:
            return None
        if self.offset is not None:
            return anchor + dt.timedelta(days=self.offset)
        try:
            if self.month:
                return anchor.replace(month=self.month, day=self.day)
            return anchor.replace(day=self.day) if self.day else None
        except ValueError:
            return None


def date_mentions(
    text: str, lang: str, reference: dt.date | None, relative: Iterable[RelativeDate]
) -> list[DateMention]:
    """Absolute dates, bare days of the month (23日下午) and relative words (次日, the next day), in order."""
    found = [DateMention(s, e, date=d) for s, e, d in find_dates(text, lang, reference)]
    if reference is None:
        found += [DateMention(s, e, month=m, day=d) for s, e, m, d in _month_days(text, lang)]
    taken = [(m.start, m.end) for m in found]
    if lang == "zh":
        for match in _ZH_MONTH_ONLY.finditer(text):
            if not _inside(match.start(), match.end(), taken):
                found.append(DateMention(match.start(), match.end(), unknown=True))
                taken.append(match.span())
        for match in _ZH_TODAY_DAY.finditer(text):
            day = int(match["day"])
            if 1 <= day <= 31 and not _inside(match.start(), match.end(), taken):
                found.append(DateMention(match.start(), match.end(), day=day, from_publication=True))
                taken.append(match.span())
    for match in (_ZH_DAY_ONLY if lang == "zh" else _EN_DAY_ONLY).finditer(text):
        day = parse_number(match["day"])
        if day and 1 <= day <= 31 and not _inside(match.start("day"), match.end(), taken):
            found.append(DateMention(match.start("day"), match.end(), day=day))
    lowered = text.lower() if lang == "en" else text
    words = [
        (match.start(), -len(word.form), word)
        for word in relative
        if word.lang == lang
        for match in re.finditer(re.escape(word.form), lowered)
    ]
    for start, length, word in sorted(words, key=lambda w: w[:2]):  # leftmost first: 次日|前往, not 次|日前
        end = start - length
        if lang == "en" and _is_word_inside(lowered, start, end):
            continue
        if not _inside(start, end, taken):
            found.append(
                DateMention(
                    start, end, offset=word.days, unknown=word.days is None, from_publication=word.from_publication
                )
            )
            taken.append((start, end))
    return sorted(found, key=lambda m: m.start)


def _month_days(text: str, lang: str) -> Iterator[tuple[int, int, int, int]]:
    """Month and day written without a year (11月21日, on 21 November) as (start, end, month, day)."""
    for match in (ZH_DATE if lang == "zh" else EN_DATE).finditer(text):
        if lang == "zh":
            if match["year"]:
                continue
            month, day = parse_number(match["month"]), parse_number(match["day"])
        else:
            if match["year"] or match["year2"]:
                continue
            month, day = MONTHS[(match["month"] or match["month2"]).lower()], int(match["day"] or match["day2"])
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            yield match.start(), match.end(), month, day


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _is_word_inside(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    after = text[end : end + 1]
    return bool(_EN_DAY_WORD.fullmatch(before or " ") or _EN_DAY_WORD.fullmatch(after or " "))
