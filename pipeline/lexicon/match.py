"""Lexicon matching shared by both languages: longest-match search, composed body names, sessions.

A government body's name is composed: place + governing body or level + organisation head +
sub-body (重庆 + 市政府 + 外办 + 党组; Sichuan + Provincial + Foreign Affairs Office). The patterns
are built from the gazetteer, so a new head or place is a data edit.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon.resources import Entry, Lexicon
from pipeline.model import OrgParts
from pipeline.nlp.dates import ordinal, parse_number


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon match: a span, its table (place, org, head, body, role, session) and key."""

    start: int
    end: int
    table: str
    key: str
    parts: OrgParts | None = None
    name: str = ""


def _alternation(forms: set[str]) -> str:
    """A regular expression matching any of ``forms``, shaped as a trie (common prefixes factored once,
    the longest alternative tried first), so that thousands of place names stay fast to match."""
    trie: dict[str, dict] = {}
    for form in forms:
        if not form:
            continue
        node = trie
        for char in form:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def longest_matches(text: str, forms: dict[str, tuple[str, str]], trie: re.Pattern[str]) -> list[Match]:
    """Non-overlapping longest matches, left to right, of ``forms`` (form → (table, key)) in ``text``; ``trie`` is
    their alternation (:func:`_alternation`: at each position the longest form is tried first)."""
    return [Match(m.start(), m.end(), *forms[m.group()], name=m.group()) for m in trie.finditer(text)]


@dataclass(slots=True)
class ZhPatterns:
    """Compiled Chinese patterns of one lexicon."""

    named: dict[str, tuple[str, str]]
    named_trie: re.Pattern[str]
    roles: dict[str, tuple[str, str]]
    roles_trie: re.Pattern[str]
    roles_max: int
    org: re.Pattern[str]
    place_forms: dict[str, str]
    level_chars: dict[str, str]
    abbreviations: re.Pattern[str] | None
    abbreviation_keys: dict[str, str]
    sub: re.Pattern[str]
    """Any sub-body's name (党组, 亚洲处)."""
    mission_lists: re.Pattern[str]
    """Countries listed before one mission (英国、日本等7国驻重庆总领事馆)."""
    office_lists: re.Pattern[str]
    """A count of places of one level before an office's name (三市外办, 5个区县外办)."""
    countries: re.Pattern[str]
    """Any country's name."""


@dataclass(slots=True)
class EnPatterns:
    """Compiled English patterns of one lexicon."""

    org: list[re.Pattern[str]]
    named: re.Pattern[str]
    named_forms: dict[str, tuple[str, str]]
    roles: re.Pattern[str]
    place_forms: dict[str, str]
    modifiers: dict[str, str]
    suffix_levels: dict[str, str]
    """The level each English place suffix names (Province: province, Municipality: city)."""


@cache
def level_words(lexicon: Lexicon, lang: str) -> tuple[str, ...]:
    """The words of a level of place in ``lang``, longest first (自治区 before 区): the place suffixes' forms and
    gram:zh-level-alone / gram:en-level-alone (省, 市, 自治区, 大区…; City, Province, Region…)."""
    entries = lexicon.place_suffixes.values()
    suffixes = {f for entry in entries for f in (entry.zh_forms if lang == "zh" else entry.en_forms)}
    return tuple(sorted(suffixes | lexicon.words(f"{lang}-level-alone"), key=lambda word: (-len(word), word)))


@cache
def venue_openings(lexicon: Lexicon, lang: str) -> frozenset[str]:
    """What a venue's name may open with and be named again without: a level of place (市, 省; City,
    Municipal, Provincial: the glosses of the Chinese levels) or a place's name (重庆, Chongqing)."""
    levels = set(level_words(lexicon, lang))
    if lang == "en":
        levels |= {
            form
            for zh in level_words(lexicon, "zh")
            for table, entry in lexicon.zh_index.get(zh, ())
            if table == "gloss"
            for form in entry.en_forms
        }
        return frozenset(levels | set(en_patterns(lexicon).place_forms))
    return frozenset(levels | set(zh_patterns(lexicon).place_forms))


def _zh_place_stems(lexicon: Lexicon) -> dict[str, str]:
    """Place names as they prefix a body: 重庆 and 重庆市 both name Chongqing, 广西壮族 (of 广西壮族自治区党委)
    Guangxi."""
    stems: dict[str, str] = {}
    suffixes = tuple(s.zh for s in lexicon.place_suffixes.values())
    for entry in lexicon.places.values():
        for form in entry.zh_forms:
            stems[form] = entry.key
            if len(form) > 2 and form.endswith(suffixes) and not form.endswith("自治区"):  # 自治|区 is no district
                stems.setdefault(form[:-1], entry.key)
            if len(form) > 5 and form.endswith(_ZH_AUTONOMOUS):
                stems.setdefault(form[:-3], entry.key)
    return stems


_ZH_AUTONOMOUS = ("自治区", "自治州", "自治县")


@cache
def zh_patterns(lexicon: Lexicon) -> ZhPatterns:
    named = {f: ("place", e.key) for e in lexicon.places.values() for f in e.zh_forms}
    named.update({f: ("org", e.key) for e in lexicon.organisations.values() for f in e.zh_forms})
    roles = {f: ("role", e.key) for e in lexicon.roles.values() for f in e.zh_forms}
    places = _zh_place_stems(lexicon)
    levels = {f: s.level for s in lexicon.place_suffixes.values() for f in s.zh_forms}
    body_forms = {f for e in lexicon.bodies.values() for f in e.zh_forms}
    head_forms = {f for e in lexicon.heads.values() for f in e.zh_forms}
    sub_forms = {f for e in lexicon.sub_bodies.values() for f in e.zh_forms}
    sub = re.compile(_alternation(sub_forms))
    org = re.compile(
        rf"(?P<place>{_alternation(set(places))})?"
        rf"(?:(?P<body>{_alternation(body_forms)})(?P<bhead>{_alternation(head_forms)})?"
        rf"|(?P<level>{_alternation(set(levels))})?(?P<head>{_alternation(head_forms)}))"
        rf"(?P<sub>{_alternation(sub_forms)})?"
    )
    abbreviations = {form: e.key for e in lexicon.places.values() for form in e.abbreviations}
    cues = "".join(re.escape(c) for c in lexicon.abbreviation_cues)
    after = f"(?<=[{cues}])(?:{_alternation(set(abbreviations))})" if cues and abbreviations else ""
    leading_cues = "".join(re.escape(c) for c in lexicon.leading_abbreviation_cues)
    leading = lexicon.leading_abbreviations
    before = f"(?:{_alternation(set(leading))})(?=[{leading_cues}])" if leading_cues and leading else ""
    abbreviated = re.compile("|".join(p for p in (after, before) if p)) if after or before else None
    abbreviation_keys = {**leading, **abbreviations}
    mission_lists, countries = _mission_list_patterns(lexicon, places, abbreviation_keys)
    office_lists = re.compile(
        rf"等?{_COUNT}个?(?P<level>{_alternation(set(levels))})(?P<head>{_alternation(head_forms)})"
    )
    return ZhPatterns(
        named=named,
        named_trie=re.compile(_alternation(set(named))),
        roles=roles,
        roles_trie=re.compile(_alternation(set(roles))),
        roles_max=max(map(len, roles)),
        org=org,
        place_forms=places,
        level_chars=levels,
        abbreviations=abbreviated,
        abbreviation_keys=abbreviation_keys,
        mission_lists=mission_lists,
        office_lists=office_lists,
        countries=countries,
        sub=sub,
    )


def abbreviation_matches(text: str, lexicon: Lexicon) -> list[Match]:
    """One-character place abbreviations right after a cue word (渝 in 驻渝 and 来渝, 华 in 驻华), and countries'
    right before one (澳 in 澳驻成都总领馆)."""
    patterns = zh_patterns(lexicon)
    if patterns.abbreviations is None:
        return []
    return [
        Match(m.start(), m.end(), "place", patterns.abbreviation_keys[m.group()], name=m.group())
        for m in patterns.abbreviations.finditer(text)
    ]


def zh_org_matches(text: str, lexicon: Lexicon, *, place_before: dict[int, str] | None = None) -> list[Match]:
    """Composed body names in Chinese text, and the abbreviated places (驻渝) they may be seated at.
    ``place_before`` maps an offset to the key of a place (found by the NER model) that ends there, so
    长凤村村委会 composes with an unknown village."""
    patterns = zh_patterns(lexicon)
    found: list[Match] = abbreviation_matches(text, lexicon)
    abbreviated = {match.end: match for match in found}
    i = 0
    while i < len(text):
        m = patterns.org.match(text, i)
        if not m:
            i += 1
            continue
        end = m.end()
        if lexicon.pattern("zh-word-after-body").match(text, end - 1):
            i += 1  # 组织部|分东盟国家外宾: 组织 + 部分, no 组织部
            continue
        sub = m["sub"]
        if sub and _starts_role(text, m.start("sub"), sub, patterns):
            end, sub = m.start("sub"), None
        head_text = m["bhead"] or m["head"]
        head = lexicon.lookup_zh(head_text, "head") if head_text else None
        place, seat, start = _written_place(m, text, head, (abbreviated, place_before or {}), lexicon)
        body = lexicon.lookup_zh(m["body"], "body") if m["body"] else None
        head = _as_party_office(head, body, lexicon)
        if place is None and head is not None and head.key in lexicon.mission_heads:
            seated = _seated_abroad(text, start, patterns, lexicon)
            if seated:
                seat, place, start, _ = seated
        elif _seat_taken_for_sender(m, seat, head, lexicon):
            place, start = None, m.start("head")
        if head is not None and head.seated_body and text[start - 1 : start] == "驻":
            start = _seated_body_opening(text, start - 1, lexicon)
        level = body.level if body else patterns.level_chars.get(m["level"] or "")
        sub_entry = lexicon.lookup_zh(sub, "sub") if sub else None
        parts = OrgParts(
            place=place,
            level=level,
            head=head.key if head else None,
            body=body.key if body else None,
            sub=sub_entry.key if sub_entry else None,
            seat=seat,
        )
        found.append(Match(start, end, "composed", "", parts, name=text[start:end]))
        i = end
        while parts.sub and (listed := _listed_sub(text, i, patterns, lexicon)):
            parts = dataclasses.replace(parts, sub=listed.key)
            found.append(Match(i + 1, i + 1 + len(listed.name), "composed", "", parts, name=listed.name))
            i += 1 + len(listed.name)
    return sorted(found, key=lambda f: f.start)


def _written_place(
    m: re.Match[str], text: str, head: Entry | None, found: tuple[dict[int, Match], dict[int, str]], lexicon: Lexicon
) -> tuple[str | None, str | None, int]:
    """The place, the seat and the start of a body's name as written: a place in the name; an abbreviated seat
    after 驻 with a country before it (日本驻华大使馆) or for a body of the missions seated there (外国驻昆领团); a
    place the model found right before it (``found``: abbreviations by end, model places by end). A mission in a
    foreign country with no country before 驻 (驻马耳他使馆, 我驻马耳他使馆) is the home country's."""
    patterns = zh_patterns(lexicon)
    abbreviated, place_before = found
    start = m.start()
    place = _levelled_place(m, patterns.place_forms) if m["place"] else None
    seat_abbreviation = abbreviated.get(start) if place is None else None
    zhu = seat_abbreviation.start - 1 if seat_abbreviation else 0
    if seat_abbreviation and text[zhu] == "驻" and _country_before(text, zhu, patterns, lexicon):
        place, start = seat_abbreviation.key, seat_abbreviation.start  # 日本驻华大使馆: seated in China
    elif seat_abbreviation and text[zhu] == "驻" and head is not None and head.seated_body:
        place, start = seat_abbreviation.key, seat_abbreviation.start  # 外国驻昆领团: the corps in Kunming
    elif place is None and start in place_before:
        place = place_before[start]
    if place and text[start - 1 : start] == "驻":
        country = _country_before(text, start - 1, patterns, lexicon)
        if country:
            return country[0], place, country[1]
        if head is not None and head.key in lexicon.mission_heads and foreign_country(place, lexicon):
            own = lexicon.pattern("zh-own-country-before-zhu").search(text, max(0, start - 3), start - 1)
            return HOME_COUNTRY, place, own.start() if own else start - 1  # (我)驻马耳他使馆: China's, in Malta
    return place, None, start


MINISTRY_FIELD = re.compile(r" of (?:the )?(?P<field>[A-Z][\w'’-]*(?: (?:and |& )?[A-Z][\w'’-]*){0,4})")
"""The field a minister's title names after it (Vice Minister| of Foreign Affairs)."""


def foreign_country(place: str, lexicon: Lexicon) -> bool:
    """Whether the gazetteer key ``place`` names a country other than the home one."""
    return place != HOME_COUNTRY and lexicon.place_level(place) == "country"


def _levelled_place(m: re.Match[str], forms: dict[str, str]) -> str | None:
    """The place a body's name opens with, read with the level its body or head begins with when that names
    another place (喀什|市政府: 喀什市, the city, not the prefecture 喀什 also names; 大理|市外办: 大理市)."""
    place = forms.get(m["place"])
    level = (m["body"] or m["level"] or "")[:1]
    return forms.get(m["place"] + level, place) if level else place


def _seated_body_opening(text: str, zhu: int, lexicon: Lexicon) -> int:
    """Where the name of a body of the missions seated in a place opens: at 驻, or at the word before it that says
    whose missions (外国驻昆领团, 各国驻渝领团: gram:zh-missions-of-many)."""
    many = lexicon.pattern("zh-missions-of-many")
    opening = next((m for m in many.finditer(text, max(0, zhu - 4), zhu) if m.end() == zhu), None)
    return opening.start() if opening else zhu


def _seat_taken_for_sender(m: re.Match[str], seat: str | None, head: Entry | None, lexicon: Lexicon) -> bool:
    """A mission named after a place of its name that is no country and no seat (驻重庆、成都总领事馆): the place
    is where the missions are, not whose they are."""
    if seat is not None or head is None or head.key not in lexicon.mission_heads or not m["place"]:
        return False
    return lexicon.place_level(zh_patterns(lexicon).place_forms[m["place"]]) != "country"


def zh_divisions_alone(text: str, lexicon: Lexicon, bodies: list[Match]) -> list[Match]:
    """Divisions named alone before a title (亚洲处处长): divisions of the head ``bikg:divisionOf`` names, of the
    office of that kind among ``bodies`` named last before them (else first after them); with none, of a bare
    office, whose place is found as a bare head's is."""
    patterns = zh_patterns(lexicon)
    found = []
    for m in patterns.sub.finditer(text):
        entry = lexicon.lookup_zh(m.group(), "sub")
        if not (entry and entry.division_of and _starts_role(text, m.end(), "", patterns)):
            continue
        offices = [b.parts for b in bodies if b.parts and b.parts.head == entry.division_of and not b.parts.sub]
        before = [b.parts for b in bodies if b.parts in offices and b.end <= m.start()]
        bare = OrgParts(place=None, level=None, head=entry.division_of, body=None, sub=None)
        office = (before or offices or [bare])[-1 if before else 0]
        parts = dataclasses.replace(office, sub=entry.key)
        found.append(Match(m.start(), m.end(), "composed", "", parts, name=m.group()))
    return found


_COUNT = "[0-9两二三四五六七八九十]+"
"""A count written in digits or characters (7国, 三市)."""
_LIST_MARKS = "、和及与"
"""What joins the names of a list (英国、日本和法国)."""


def _mission_list_patterns(
    lexicon: Lexicon, places: dict[str, str], abbreviations: dict[str, str]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Two countries or more, then 驻, a seat and a mission (英国、日本等7国驻重庆总领事馆, 越南、老挝等东盟国家驻广州
    总领事馆); and any country."""
    countries = _alternation({f for f, key in places.items() if lexicon.place_level(key) == "country"})
    seats = _alternation(set(places) | set(abbreviations))
    heads = _alternation({f for key in lexicon.mission_heads for f in lexicon.heads[key].zh_forms})
    listed = re.compile(
        rf"(?P<list>(?:{countries})(?:[{_LIST_MARKS}](?:{countries}))+)"
        rf"(?:等(?:(?:{_COUNT})?个?国家?|[\u4e00-\u9fff]{{1,5}}?国家)|(?:{_COUNT})个?国家?)?"
        rf"驻(?P<seat>{seats})(?P<head>{heads})"
    )
    return listed, re.compile(countries)


def zh_listed_missions(text: str, lexicon: Lexicon) -> list[Match]:
    """The missions of a list of countries that names the mission once (澳大利亚、新加坡驻成都总领事馆): one per
    country, named in full (新加坡驻成都总领事馆); the last one's span runs to the end of the whole name."""
    patterns = zh_patterns(lexicon)
    found = []
    for m in patterns.mission_lists.finditer(text):
        seat = patterns.place_forms.get(m["seat"]) or patterns.abbreviation_keys[m["seat"]]
        head = lexicon.lookup_zh(m["head"], "head")
        if head is None:
            continue
        listed = list(patterns.countries.finditer(text, m.start("list"), m.end("list")))
        for index, country in enumerate(listed):
            end = m.end() if index == len(listed) - 1 else country.end()
            place = patterns.place_forms[country.group()]
            parts = OrgParts(place=place, level=None, head=head.key, body=None, sub=None, seat=seat)
            name = f"{country.group()}驻{m['seat']}{m['head']}"
            found.append(Match(country.start(), end, "composed", "", parts, name=name))
    return found


def zh_titled_missions(text: str, lexicon: Lexicon, titles: list[Match]) -> list[Match]:
    """The mission a diplomatic title names with a seat no gazetteer lists (中国驻名古屋总领事杨娴, 驻槟城总领事):
    country, 驻 and the seat before the title, named as the mission (中国驻名古屋总领事馆)."""
    patterns = zh_patterns(lexicon)
    found = []
    for title in titles:
        entry = lexicon.roles.get(title.key)
        head = lexicon.lookup_zh(entry.implied_org[0], "head") if entry and entry.implied_org else None
        seated = _seated_abroad(text, title.start, patterns, lexicon) if head else None
        if head is None or seated is None or seated[0].removeprefix("name:") in patterns.place_forms:
            continue
        seat, country, start, end = seated
        parts = OrgParts(place=country, level=None, head=head.key, body=None, sub=None, seat=seat)
        name = f"{text[start:end]}{entry.implied_org[0]}"  # type: ignore[index,union-attr]
        found.append(Match(start, end, "composed", "", parts, name=name))
    return found


def zh_listed_offices(text: str, lexicon: Lexicon) -> list[Match]:
    """The offices of a list of places that names the office once, after their count (黄山、宣城、池州三市外办):
    one per place, named in full (黄山市外办); the last one's span runs to the end of the whole name."""
    patterns = zh_patterns(lexicon)
    found = []
    for m in patterns.office_lists.finditer(text):
        listed = _places_listed_before(text, m.start(), patterns, lexicon)
        head = lexicon.lookup_zh(m["head"], "head")
        if len(listed) < 2 or head is None:
            continue
        level = patterns.level_chars.get(m["level"])
        for index, (start, end, key) in enumerate(listed):
            name = f"{text[start:end]}{m['level'] if not text[start:end].endswith(m['level']) else ''}{m['head']}"
            parts = OrgParts(place=key, level=level, head=head.key, body=None, sub=None)
            found.append(Match(start, m.end() if index == len(listed) - 1 else end, "composed", "", parts, name=name))
    return found


def _places_listed_before(text: str, end: int, patterns: ZhPatterns, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """The Chinese places listed right before ``end``, joined by 、 or 和 (黄山、宣城、池州), first to last."""
    listed: list[tuple[int, int, str]] = []
    while found := _place_ending_at(text, end, patterns, lexicon):
        listed.append((found[0], end, found[1]))
        if found[0] == 0 or text[found[0] - 1] not in _LIST_MARKS:
            break
        end = found[0] - 1
    return listed[::-1]


def _place_ending_at(text: str, end: int, patterns: ZhPatterns, lexicon: Lexicon) -> tuple[int, str] | None:
    """Where the longest name of a Chinese place (no country) ending at ``end`` starts, and its key."""
    for size in range(min(8, end), 1, -1):
        key = patterns.place_forms.get(text[end - size : end])
        if key is not None and lexicon.place_level(key) not in ("country", ""):
            return end - size, key
    return None


def _listed_sub(text: str, at: int, patterns: ZhPatterns, lexicon: Lexicon) -> Match | None:
    """The next division of a list that names its body once (市政府外办亚洲处、领事处): after 、 at ``at``."""
    if text[at : at + 1] != "、":
        return None
    found = patterns.sub.match(text, at + 1)
    if found is None:
        return None
    entry = lexicon.lookup_zh(found.group(), "sub")
    return Match(found.start(), found.end(), "sub", entry.key, name=found.group()) if entry else None


def _as_party_office(head: Entry | None, body: Entry | None, lexicon: Lexicon) -> Entry | None:
    """The head as a Party committee's office when the body is a Party committee (市委外办 → the Office of the
    Foreign Affairs Commission of the municipal committee)."""
    if head is None or not head.in_party_committee or body is None or not body.key.endswith("party-committee"):
        return head
    return lexicon.heads[head.in_party_committee]


def _country_before(text: str, end: int, patterns: ZhPatterns, lexicon: Lexicon) -> tuple[str, int] | None:
    """The country named right before ``end`` (泰国 in 泰国驻成都, 澳 in 澳驻成都), with its start offset."""
    for length in range(min(8, end), 1, -1):
        key = patterns.place_forms.get(text[end - length : end])
        if key and lexicon.place_level(key) == "country":
            return key, end - length
    key = lexicon.leading_abbreviations.get(text[end - 1 : end]) if end else None
    return (key, end - 1) if key else None


_SEAT_NAME = re.compile(r"[\u4e00-\u9fff·]{2,6}")


def _seated_abroad(text: str, head: int, patterns: ZhPatterns, lexicon: Lexicon) -> tuple[str, str, int, int] | None:
    """A mission seated in a city no gazetteer lists (中国驻大阪总领事馆): its seat as a name, the country that
    sends it, and where the whole name starts and ends (before a word that dates the title: 驻大阪|候任总领事);
    None unless a country, 驻 and a run of Chinese characters lead to the head."""
    zhu = text.rfind("驻", max(0, head - 7), head)
    if zhu < 0 or not _SEAT_NAME.fullmatch(text, zhu + 1, head):
        return None
    seat = text[zhu + 1 : head]
    modifier = next((w for w in lexicon.words("zh-title-modifier") if seat.endswith(w) and len(seat) > len(w)), "")
    seat = seat.removesuffix(modifier)  # 驻广州|候任总领事: the seat is 广州
    if seat in patterns.place_forms:
        return None  # a listed seat: the mission is composed from the places
    if any(seat[i:j] in patterns.roles for i in range(len(seat)) for j in range(i + 2, len(seat) + 1)):
        return None  # 驻法大使邓励就总领馆: a title, not a city, stands between
    country = _country_before(text, zhu, patterns, lexicon)
    return (f"name:{seat}", *country, zhu + 1 + len(seat)) if country else None


def _starts_role(text: str, at: int, sub: str, patterns: ZhPatterns) -> bool:
    """True when a sub-body word begins a title (党组 in 党组书记): the title wins."""
    for length in range(min(patterns.roles_max, len(text) - at), len(sub), -1):
        if text[at : at + length] in patterns.roles:
            return True
    return False


REFERENCE_PREFIXES = ("div-", "iso-")
HOME_COUNTRY = "china"
"""The gazetteer key of the country whose bodies the lexicon's titles default to (总理 → 国务院)."""
COUNTY_LEVELS = frozenset({"county", "district"})
_EN_PLACE_WORD = r"(?:[A-Z][a-z]+(?:['’-][A-Za-z][a-z]*)*)"


@cache
def en_place_owners(lexicon: Lexicon) -> dict[str, str]:
    """The place each English name stands for when several share it (pinyin homophones: Suzhou is 苏州 and
    宿州, Hainan the province and a prefecture of Qinghai): a hand-written place first, then the highest level,
    then the first in the division table."""
    owners: dict[str, str] = {}
    for entry in sorted(lexicon.places.values(), key=lambda e: (_is_reference(e.key), _LEVEL_RANK.get(e.level, 9))):
        for form in entry.en_forms:
            owners.setdefault(form, entry.key)
    return owners


_LEVEL_RANK = {"country": 0, "province": 1, "municipality": 1, "city": 2, "prefecture": 2, "county": 3, "district": 3}


def _en_place_stems(lexicon: Lexicon) -> dict[str, str]:
    """English place names as they prefix a body: Fengjie County and Fengjie both name Fengjie, Xinjiang Uygur
    Xinjiang, British the United Kingdom."""
    stems = dict(en_place_owners(lexicon))
    suffixes = tuple(f" {s.en}" for s in lexicon.place_suffixes.values())
    for form, key in list(stems.items()):
        if form.endswith(suffixes):
            stems.setdefault(form.rsplit(" ", 1)[0], key)
        if form.endswith(_AUTONOMOUS):  # Xinjiang Uygur of the CPC Xinjiang Uygur Autonomous Regional Committee
            stems.setdefault(form.rsplit(" ", 2)[0], key)
    for adjective, key in lexicon.demonyms.items():
        stems.setdefault(adjective, key)
    return stems


_AUTONOMOUS = (" Autonomous Region", " Autonomous Prefecture", " Autonomous County")


def _is_reference(key: str) -> bool:
    return key.startswith(REFERENCE_PREFIXES)


@cache
def en_patterns(lexicon: Lexicon) -> EnPatterns:
    place_forms = _en_place_stems(lexicon)
    modifiers = {e.modifier: e.level for e in lexicon.bodies.values() if e.modifier}
    mods = _alternation(set(modifiers))
    county_mods = _alternation({m for m, level in modifiers.items() if level in COUNTY_LEVELS})
    suffix_levels = {f: e.level for e in lexicon.place_suffixes.values() for f in e.en_forms}
    suffixes = _alternation(set(suffix_levels))
    word = rf"(?:(?!(?:{mods})\b){_EN_PLACE_WORD})"
    # A reference place that the generic one- or two-word pattern matches needs no alternative of its own
    # (its key is looked up after the match); hand-written names are tried first, as written.
    generic = re.compile(rf"{_EN_PLACE_WORD}(?: {_EN_PLACE_WORD})?")
    spelled = {f for f, key in place_forms.items() if not (_is_reference(key) and generic.fullmatch(f))}
    places = rf"(?:{_alternation(spelled)}|{word}(?: {word})?)"
    heads = _alternation({f for e in lexicon.heads.values() for f in e.en_forms})
    seated = _alternation({f for e in lexicon.heads.values() if e.seated_body for f in e.en_forms})
    acronyms = {e.acronym for e in lexicon.heads.values() if e.acronym}
    bodies = _alternation({f for e in lexicon.bodies.values() for f in e.en_forms})
    subs = _alternation({f for e in lexicon.sub_bodies.values() for f in e.en_forms})
    sub_prefix = rf"(?:(?:the |The )?(?P<sub>{subs}) of (?:the )?(?:former )?)?"
    divisions = _alternation({f for e in lexicon.sub_bodies.values() if e.named_alone for f in e.en_forms})
    division_prefix = rf"(?:(?:the |The )?(?P<sub>{divisions}) of (?:the )?)?"
    lead = _opening_letters(lexicon, spelled, acronyms, suffix_levels, modifiers)
    governing = r"People['’]?s Government|(?:CPC )?Party Committee|CPC Committee"  # of a place named after it

    def compile_org(source: str) -> re.Pattern[str]:
        return re.compile(lead + source)

    org = [
        compile_org(
            rf"{sub_prefix}(?P<head>{heads}) of (?:the )?(?:(?P<place>{places}) )?"
            rf"(?P<mod>{mods})? ?(?:People['’]?s )?Government"
        ),
        compile_org(rf"{sub_prefix}(?P<head>{heads}) of (?:the )?(?:CPC )?(?:(?P<place>{places}) )?(?P<body>{bodies})"),
        compile_org(
            rf"{sub_prefix}(?P<head>{heads}) of (?:the )?(?P<place>{places}) (?P<mod>{county_mods})(?![A-Za-z])"
        ),
        compile_org(
            rf"{sub_prefix}(?:(?P<head2>{heads}) of (?:the )?)?(?P<lower>{governing}) of (?:the )?"
            rf"(?P<place>{places}) (?P<suffix>{suffixes})(?![A-Za-z])"
        ),
        compile_org(rf"{sub_prefix}(?P<head>{heads}) of (?:the )?(?P<place>{places}) in (?P<seat>{places})"),
        compile_org(
            rf"{sub_prefix}(?:(?P<head3>{heads}) of (?:the )?(?:People['’]?s Government of (?:the )?)?"
            rf"|(?P<lower3>{governing}) of (?:the )?)(?P<known>{places})(?: (?P<ksuffix>{suffixes}))?"
            r"(?![A-Za-z])"
        ),
        compile_org(rf"{sub_prefix}(?P<place>{places}) (?P<head>{heads}) in (?P<seat>{places})"),
        compile_org(rf"(?P<head>{seated}) in (?:the )?(?P<place>{places})(?![A-Za-z])"),
        compile_org(rf"{sub_prefix}(?:(?P<place>{places}) )?(?P<mod>{mods}) (?P<head>{heads})"),
        compile_org(rf"{sub_prefix}(?:CPC )?(?:(?P<place>{places}) )?(?P<body>{bodies})"),
        compile_org(
            rf"{sub_prefix}(?P<lower>(?:the )?(?P<lmod>municipal|provincial|county|district|township) "
            rf"(?:Party committee|party committee|government|people's government))"
        ),
        compile_org(rf"{sub_prefix}(?P<place>{places}) (?P<head>{heads})"),
        compile_org(rf"{division_prefix}(?P<place>{places}) (?P<acronym>{_alternation(acronyms)})(?![A-Za-z])"),
        compile_org(rf"(?<=\bthe |\bits )(?P<head>{heads})(?![A-Za-z])(?! of\b)(?! in\b)"),
    ]
    named_forms, named, roles = _en_name_patterns(lexicon)
    return EnPatterns(org, named, named_forms, roles, place_forms, modifiers, suffix_levels)


def _opening_letters(lexicon: Lexicon, *names: Iterable[str]) -> str:
    """A lookahead for the letters an English body name can open with (those of the bodies', heads' and
    sub-bodies' names, of ``names``, any capital, and those of "the" and of the lower-case level words of a body
    named by its level, "the municipal government"): each body pattern checks it first, three times faster."""
    tables = (lexicon.heads, lexicon.bodies, lexicon.sub_bodies)
    letters = {f[0] for table in tables for e in table.values() for f in e.en_forms if f}
    letters |= {f[0] for forms in names for f in forms if f} | set(string.ascii_uppercase) | set("tTmpcd")
    return f"(?=[{re.escape(''.join(sorted(letters)))}])"


def _en_name_patterns(lexicon: Lexicon) -> tuple[dict[str, tuple[str, str]], re.Pattern[str], re.Pattern[str]]:
    """English gazetteer names (form → (table, key)), their pattern, and the titles' pattern."""
    named_forms = {f: ("place", key) for f, key in en_place_owners(lexicon).items()}
    named_forms.update({f: ("org", e.key) for e in lexicon.organisations.values() for f in e.en_forms})
    # County-level reference names (Dayi County) are found through the model's spans and ``named_forms``.
    searched = {
        f
        for f, (_, key) in named_forms.items()
        if not (_is_reference(key) and lexicon.places[key].level in COUNTY_LEVELS)
    }
    # A name joined by a hyphen to another capitalised word is part of a longer name (ASEAN-China Centre).
    named = re.compile(rf"(?<![A-Za-z])(?<![A-Za-z]-)(?:{_alternation(searched)})(?![A-Za-z]|-[A-Z])")
    role_forms = {f for e in lexicon.roles.values() for f in e.en_forms}
    # A title naming its kind of body (director-general of the department) is not the start of a body's own name
    # (Director-General of the Department of Commerce of Jiangxi Province): the shorter title is read then.
    tables = (lexicon.heads, lexicon.sub_bodies, lexicon.bodies)
    openers = {f.split()[0].lower() for table in tables for e in table.values() for f in e.en_forms if " of " in f}
    of_body = {f for f in role_forms if (kind := _OF_THE_KIND.search(f)) and kind.group(1).lower() in openers}
    roles = re.compile(
        rf"(?<![A-Za-z-])(?:(?:{_alternation(of_body)})(?![A-Za-z-])(?! of )|(?:{_alternation(role_forms - of_body)}))"
        r"(?![A-Za-z-])",
        re.IGNORECASE,
    )
    return named_forms, named, roles


_OF_THE_KIND = re.compile(r" of the (\S+)$")
"""A title ending in the kind of body it is held in (director-general of the department), not in a body's name
(Member of the Political Bureau)."""


def en_org_matches(text: str, lexicon: Lexicon) -> list[Match]:
    """Composed body names in English text, longest first, without overlaps."""
    patterns = en_patterns(lexicon)
    candidates: list[tuple[int, int, re.Match[str]]] = []
    for pattern in patterns.org:
        for m in pattern.finditer(text):
            candidates.append((m.start(), m.end(), m))
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for start, end, m in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0])):
        if any(s < end and start < e for s, e in taken):
            continue
        groups = m.groupdict()
        if not any(groups.get(name) for name in ("head", "body", "lower", "acronym", "known")):
            continue
        head_text = groups.get("head") or groups.get("head2") or groups.get("head3")
        head = lexicon.lookup_en(head_text, "head") if head_text else None
        place_text = groups.get("place")
        known_level = None
        if groups.get("known"):
            known = _known_place(groups["known"], patterns, lexicon)
            if known is None:
                continue
            place_text, suffix, known_level = known
            groups["lower"], groups["suffix"] = groups.get("lower3"), groups.get("ksuffix") or suffix
        if groups.get("acronym"):
            place_text, start = _known_place_before_acronym(m, patterns.place_forms)
            if place_text is None:
                continue
            head = next(e for e in lexicon.heads.values() if e.acronym == groups["acronym"])
        body = lexicon.lookup_en(groups["body"], "body") if groups.get("body") else None
        head = _as_party_office(head, body, lexicon)
        mod = groups.get("mod") or groups.get("lmod")
        level = body.level if body else patterns.modifiers.get((mod or "").title()) if mod else None
        level = level or patterns.suffix_levels.get(groups.get("suffix") or "") or known_level
        if groups.get("lower") and not head:
            kind = "government" if "government" in groups["lower"].lower() else "party-committee"
            body = next((b for b in lexicon.bodies.values() if b.level == level and b.key.endswith(kind)), None)
        place = _place_or_demonym(place_text, patterns, lexicon) if place_text else None
        if place_text and place is None and not _is_plausible_place(place_text):
            start = m.start("head") if groups.get("head") and m.start("head") > start else start
            place_text = None
        sub = lexicon.lookup_en(groups["sub"], "sub") if groups.get("sub") else None
        seat_text = groups.get("seat")
        parts = OrgParts(
            place=place or (f"name:{place_text}" if place_text else None),
            level=level,
            head=head.key if head else None,
            body=body.key if body else None,
            sub=sub.key if sub else None,
            seat=(patterns.place_forms.get(seat_text) or f"name:{seat_text}") if seat_text else None,
        )
        if text[start : start + 4] == "the ":
            start += 4
        chosen.append(Match(start, end, "composed", "", parts, name=text[start:end]))
        taken.append((start, end))
    return sorted(chosen, key=lambda c: c.start)


_BODY_LEVELS = {"municipality": "city"}
"""A place's level as its bodies' level, where they differ: a municipality's government is a city's body."""


_DEMONYM_ENDINGS = (("n", ""), ("ian", ""), ("ian", "y"), ("an", "o"), ("an", "a"), ("ese", ""), ("i", ""))
"""How an adjective of nationality the hand list lacks is made from its country's name (Zambian, Brazilian,
Italian, Mexican, Cuban, Maltese, Qatari): the endings to take off and put back."""


def _place_or_demonym(word: str, patterns: EnPatterns, lexicon: Lexicon) -> str | None:
    """The key of the place ``word`` names, or of the country an adjective of nationality the hand list lacks
    names (Zambian → Zambia); None for neither."""
    if word in patterns.place_forms:
        return patterns.place_forms[word]
    for ending, stem_end in _DEMONYM_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            key = patterns.place_forms.get(word[: -len(ending)] + stem_end)
            if key and lexicon.place_level(key) == "country":
                return key
    return None


def _known_place(text: str, patterns: EnPatterns, lexicon: Lexicon) -> tuple[str, str, str] | None:
    """A gazetteer place's name written after a body's head, its level word if written after it, and its level
    (Guangxi Zhuang Autonomous Region; Yunnan Province → Yunnan, Province, province), or None."""
    stem, _, word = text.rpartition(" ")
    if text in patterns.place_forms:
        stem, word = text, ""
    elif stem not in patterns.place_forms or word not in patterns.suffix_levels:
        return None
    level = lexicon.places[patterns.place_forms[stem]].level
    return stem, word, _BODY_LEVELS.get(level, level)


def _known_place_before_acronym(m: re.Match[str], place_forms: dict[str, str]) -> tuple[str | None, int]:
    """The known place of a place-prefixed acronym and where the name starts: the generic two-word place may have
    taken the word before it (Today Chongqing FAO: Chongqing FAO)."""
    place = m["place"]
    if place in place_forms:
        return place, m.start()
    first, _, rest = place.partition(" ")
    if rest in place_forms and not m["sub"]:
        return rest, m.start("place") + len(first) + 1
    return None, m.start()


_NOT_PLACES = {
    "The",
    "On",
    "In",
    "At",
    "And",
    "Of",
    "For",
    "With",
    "To",
    "A",
    "An",
    "By",
    "From",
    "Its",
    "His",
    "Her",
}


def _is_plausible_place(text: str) -> bool:
    return not any(word in _NOT_PLACES for word in text.split())


def session_matches(text: str, lang: str, lexicon: Lexicon) -> list[Match]:
    """Numbered sessions (十三届全国人大三次会议 / the third session of the 13th NPC), keyed by series and numbers."""
    found = []
    for series in lexicon.sessions.values():
        for pattern in series.zh_patterns if lang == "zh" else series.en_patterns:
            for m in pattern.finditer(text):
                numbers = {g: parse_number(v) for g, v in m.groupdict().items() if v}
                if any(v is None for v in numbers.values()):
                    continue
                key = ":".join([series.key, *(str(numbers[g]) for g in sorted(numbers))])
                start = m.start() + (4 if m.group().startswith("the ") else 0)
                found.append(Match(start, m.end(), "session", key, name=text[start : m.end()]))
    return found


def numbered_matches(text: str, lang: str, lexicon: Lexicon) -> list[Match]:
    """Numbered sessions of a known series and numbered gatherings known by their name."""
    return session_matches(text, lang, lexicon) + gathering_matches(text, lang, lexicon)


def gathering_matches(text: str, lang: str, lexicon: Lexicon) -> list[Match]:
    """Numbered gatherings known by their name (第十五届中国(温州)国际园林博览会, the 8th China-Eurasia Expo),
    keyed by number and name as written."""
    found = []
    for m in lexicon.pattern(f"{lang}-numbered-gathering").finditer(text):
        number = parse_number(m["number"])
        if number is not None:
            found.append(Match(m.start(), m.end(), "gathering", f"{number}/{m['name']}", name=m.group()))
    return found


def session_label(lexicon: Lexicon, key: str, lang: str) -> str:
    """The label of a numbered session from its key (``npc-session:3:13`` → 十三届全国人大三次会议)."""
    series_key, *numbers = key.split(":")
    series = lexicon.sessions[series_key]
    template = series.zh_template if lang == "zh" else series.en_template
    names = sorted(re.findall(r"{(\w+)}", template))
    values = dict(zip(names, (int(n) for n in numbers), strict=False))
    return template.format(**{k: ordinal(v, lang) for k, v in values.items()})


def role_entry_en(lexicon: Lexicon, text: str) -> Entry | None:
    """The role concept an English title names (any case)."""
    return lexicon.lookup_en(text, "role")
