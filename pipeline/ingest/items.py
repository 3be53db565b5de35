"""Digest pages: split a column page into news items, per language, and pair the zh and en items.

An item starts at a headline (a short zh line without final punctuation, a Title-Case English
line, or a marked line ● 一、 【】 ▶). In a language without headlines it starts at a paragraph that
opens with a date or a relative date (6月4日, 同日, On June 12, The next day), or where the page turns
back to this language after the other one (zh, en, zh, en …). Headlines leave the text and go to
:attr:`NewsItem.headlines`; an item's date is the first date of its first paragraph, a relative one
resolved against the previous item's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.ingest.normalise import build_version
from pipeline.lexicon.resources import RelativeDate
from pipeline.model import LANGS, NewsItem, TextVersion
from pipeline.nlp.dates import DateMention, date_mentions

_ZH_HEADLINE = (6, 40)
_MARKED_ZH_HEADLINE = (4, 60)
_NOT_A_HEADLINE_END = tuple("。；;，,：:！!？?…")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ANY_YEAR = dt.date(2000, 1, 1)  # finding where a date stands needs no real year
_START_WINDOW = {"zh": 12, "en": 40}


@dataclass(frozen=True, slots=True)
class BodyLine:
    """A body line of a page: its text, language, and whether it is a headline or a marked item start."""

    text: str
    lang: str
    headline: bool = False
    marked: bool = False


@dataclass(slots=True)
class _Part:
    """One news item in one language while the page is split: headline lines, paragraph indices, its date and
    every day its first paragraph names (15 and 16 of 4月15日至17日…16日，会见)."""

    headline: list[str] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    date: dt.date | None = None
    days: frozenset[dt.date] = frozenset()


def is_headline(text: str, lang: str, minor: Sequence[re.Pattern[str]], *, marked: bool = False) -> bool:
    """A headline's shape: zh short and without final punctuation; en Title Case (any case when marked as an
    item's headline) without a final period."""
    bare = text.rstrip("”\"'’")
    if lang == "zh":
        low, high = _MARKED_ZH_HEADLINE if marked else _ZH_HEADLINE
        return low <= len(text) <= high and "。" not in text and not bare.endswith(_NOT_A_HEADLINE_END)
    if bare.endswith((".", ",", ";", ":")) or len(text) > 200:
        return False
    words = [w for w in _EN_WORD.findall(text) if not any(p.fullmatch(w) for p in minor)]
    return len(words) >= 2 and (marked or sum(w[0].isupper() for w in words) >= 0.8 * len(words))


def is_digest(body: Sequence[BodyLine], column_title: bool) -> bool:
    """A column page, or one with two headlines or more (not counting a headline's second line) in a language."""
    if column_title:
        return True
    for lang in LANGS:
        own = [line for line in body if line.lang == lang]
        runs = sum(1 for i, line in enumerate(own) if line.headline and (i == 0 or not own[i - 1].headline))
        if runs >= 2:
            return True
    return False


def split_digest(
    body: Sequence[BodyLine], reference: dt.date | None, relative: Iterable[RelativeDate]
) -> tuple[dict[str, TextVersion], list[NewsItem]]:
    """The versions of a digest page (headlines left out) and its news items, zh and en paired."""
    relative = tuple(relative)
    versions: dict[str, TextVersion] = {}
    parts: dict[str, list[_Part]] = {}
    for lang in LANGS:
        paragraphs, found = _split_language(body, lang, relative)
        if not paragraphs and not found:
            continue
        _date_parts(found, paragraphs, lang, reference, relative)
        parts[lang] = found
        if paragraphs:
            versions[lang] = build_version(lang, paragraphs)
    items = []
    for index, (zh, en) in enumerate(_pair(parts.get("zh", []), parts.get("en", []))):
        item = NewsItem(index=index)
        for lang, part in (("zh", zh), ("en", en)):
            if part is None:
                continue
            if part.headline:
                item.headlines[lang] = " ".join(part.headline)
            if part.paragraphs:
                spans = versions[lang].paragraphs
                item.spans[lang] = (spans[part.paragraphs[0]][0], spans[part.paragraphs[-1]][1])
        item.date = (zh.date if zh else None) or (en.date if en else None)
        items.append(item)
    return versions, items


def _split_language(
    body: Sequence[BodyLine], lang: str, relative: tuple[RelativeDate, ...]
) -> tuple[list[str], list[_Part]]:
    """The paragraphs of one language and its items; unmarked headline-like lines on a marked page are captions."""
    own = [line for line in body if line.lang == lang]
    headed = any(line.headline for line in own)
    marked = any(line.headline and line.marked for line in own)
    paragraphs: list[str] = []
    parts: list[_Part] = []
    previous: str | None = None
    for line in body:
        if line.lang != lang:
            previous = line.lang
            continue
        if line.headline and marked and not line.marked:
            continue
        if line.headline:
            if parts and parts[-1].headline and not parts[-1].paragraphs:
                parts[-1].headline.append(line.text)
            else:
                parts.append(_Part(headline=[line.text]))
        else:
            if _starts_item(line, parts, headed, previous != lang, relative):
                parts.append(_Part())
            parts[-1].paragraphs.append(len(paragraphs))
            paragraphs.append(line.text)
        previous = lang
    return paragraphs, parts


def _starts_item(
    line: BodyLine, parts: list[_Part], headed: bool, turned: bool, relative: tuple[RelativeDate, ...]
) -> bool:
    """Whether a paragraph opens a new item: the first, a marked one, or (without headlines) a dated one or
    one after the other language; never the first paragraph under a headline."""
    if not parts:
        return True
    if not parts[-1].paragraphs:
        return False
    return line.marked or (not headed and (turned or _opens_with_date(line.text, line.lang, relative)))


def _opens_with_date(text: str, lang: str, relative: tuple[RelativeDate, ...]) -> bool:
    """True when the first clause of ``text`` holds a full or relative date (not a bare day: 23日)."""
    comma = re.search(r"[,，]", text)
    limit = min(comma.start() if comma else len(text), _START_WINDOW[lang])
    return any(m.start < limit and m.day is None for m in date_mentions(text, lang, _ANY_YEAR, relative)[:1])


def _date_parts(
    parts: list[_Part], paragraphs: list[str], lang: str, reference: dt.date | None, relative: tuple[RelativeDate, ...]
) -> None:
    """Date each item by the first date of its first paragraph, relative words against the item before."""
    anchor: dt.date | None = None
    for part in parts:
        first = paragraphs[part.paragraphs[0]] if part.paragraphs else ""
        mentions: list[DateMention] = date_mentions(first, lang, reference, relative) if first else []
        part.date = mentions[0].resolve(anchor) if mentions else None
        part.days = frozenset(d for m in mentions if (d := m.resolve(part.date or anchor)) is not None)
        anchor = part.date


def _pair(zh: list[_Part], en: list[_Part]) -> list[tuple[_Part | None, _Part | None]]:
    """zh and en items side by side: in order when the counts agree, else the pairing in order that pairs the
    most items of equal dates, then of dates one version's item names (4月15日至17日…16日，会见 beside On April
    16, … met)."""
    if len(zh) == len(en) or not zh or not en:
        length = max(len(zh), len(en))
        return [(zh[i] if i < len(zh) else None, en[i] if i < len(en) else None) for i in range(length)]
    best = [[0] * (len(en) + 1) for _ in range(len(zh) + 1)]
    for i in range(len(zh) - 1, -1, -1):
        for k in range(len(en) - 1, -1, -1):
            fit = _date_fit(zh[i], en[k])
            paired = best[i + 1][k + 1] + fit if fit else -1
            best[i][k] = max(paired, best[i + 1][k], best[i][k + 1])
    pairs: list[tuple[_Part | None, _Part | None]] = []
    i = k = 0
    while i < len(zh) and k < len(en):
        fit = _date_fit(zh[i], en[k])
        if fit and best[i][k] == best[i + 1][k + 1] + fit:
            pairs.append((zh[i], en[k]))
            i, k = i + 1, k + 1
        elif best[i][k] == best[i + 1][k]:
            pairs.append((zh[i], None))
            i += 1
        else:
            pairs.append((None, en[k]))
            k += 1
    pairs.extend((part, None) for part in zh[i:])
    pairs.extend((None, part) for part in en[k:])
    return pairs


def _date_fit(zh: _Part, en: _Part) -> int:
    """How well two items' dates say they tell one happening: 2 for the same date, 1 when one item's date is a
    day the other's first paragraph names, else 0."""
    if zh.date is None or en.date is None:
        return 0
    if zh.date == en.date:
        return 2
    return 1 if zh.date in en.days or en.date in zh.days else 0
