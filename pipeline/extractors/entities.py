"""From mentions to entities within one language version: context place, keys, names.

A key says which real-world entity a mention names, as far as one article can tell: a gazetteer
concept (``gaz/chongqing``), a composed body (``org/chongqing/head-fao/sub-party-group``), a person by
the romanisation of the name (``person/zhangyongwu``). The article's context place fills what a body
name leaves implicit: 市政府外办 in an article about Chongqing is Chongqing's.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Iterable
from functools import cache, lru_cache

from pipeline.lexicon.match import HOME_COUNTRY, session_label
from pipeline.lexicon.resources import Entry, Lexicon
from pipeline.model import (
    Entity,
    EntityKey,
    EntityType,
    KeyKind,
    LanguageAnalysis,
    Mention,
    OrgParts,
    PlaceContext,
)
from pipeline.nlp.mentions import FIELD_OF_MINISTRY
from pipeline.nlp.zh import LATIN_GLOSS

_ACRONYM_SUFFIX = re.compile(r"\s*\([A-Z][A-Za-z]{1,11}\)$")
_LEVEL_FITS = {"city": {"city", "municipality"}, "province": {"province"}}


@cache
def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


def romanise(name: str, lang: str) -> str:
    """A language-neutral spelling for keys: pinyin for Chinese, lower-case letters for English."""
    if lang == "zh":
        return re.sub(r"[^a-z]", "", _pinyin(name).lower().replace("ü", "v"))
    return re.sub(r"[^a-z]", "", name.lower())


def place_name_key(name: str, lang: str, lexicon: Lexicon) -> EntityKey:
    """Key of a place the gazetteer lacks: romanised stem plus its level (奉节县, Fengjie County → fengjie-county)."""
    for suffix in lexicon.place_suffixes.values():
        if lang == "zh" and name.endswith(suffix.zh) and len(name) > len(suffix.zh) + 1:
            return EntityKey(KeyKind.PLACE, f"{romanise(name[: -len(suffix.zh)], lang)}-{suffix.level}")
        for form in suffix.en_forms if lang == "en" else ():
            if name.lower().endswith(" " + form.lower()):
                return EntityKey(KeyKind.PLACE, f"{romanise(name[: -len(form)], lang)}-{suffix.level}")
    return EntityKey(KeyKind.PLACE, romanise(name, lang))


def article_places(
    analyses: list[LanguageAnalysis], lexicon: Lexicon, title: str | None, periodical: str | None
) -> PlaceContext:
    """The gazetteer places an article is about: each mention counts once, a place in the title twice,
    the periodical's place (重庆与世界) three times; a mission's seat (泰国驻成都), where officials are posted
    (驻穗领事官员) and countries do not count."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    explicit: dict[str, str] = {}
    named: dict[str, str] = {}
    order = 0
    for analysis in analyses:
        posted = {t.start + i + 1 for t in analysis.tokens for i, c in enumerate(t.text) if c in _POSTED_AT}
        for mention in analysis.mentions:
            key = None
            if mention.start in posted:
                continue
            if mention.type is EntityType.PLACE and mention.key and mention.key.kind is KeyKind.GAZETTEER:
                key = mention.key.path
            elif mention.parts and mention.parts.place and mention.parts.place.startswith("name:"):
                if not mention.parts.seat and analysis.lang == "zh":
                    named.setdefault(mention.parts.head or mention.parts.body or "", mention.parts.place)
            elif mention.parts and mention.parts.place:
                key = mention.parts.place
                if not mention.parts.seat:
                    explicit.setdefault(mention.parts.head or mention.parts.body or "", key)
            if key and lexicon.place_level(key) != "country":
                counts[key] += 1
                first.setdefault(key, order)
                order += 1
    for text, weight in ((title, 2), (periodical, 3)):
        for key in places_named_in(text or "", lexicon):
            counts[key] += weight
            first.setdefault(key, -1)
    return PlaceContext(sorted(counts, key=lambda k: (-counts[k], first[k])), explicit, named)


_POSTED_AT = "驻駐"
"""The character before a place where officials are posted (驻穗, 駐廣州)."""


@cache
def _homonyms(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """Each division that shares its Chinese name with others (和平区 of Shenyang, of Tianjin…) → all of them."""
    by_name: dict[str, list[str]] = {}
    for entry in lexicon.places.values():
        if entry.level != "country":
            by_name.setdefault(entry.zh, []).append(entry.key)
    return {key: tuple(keys) for keys in by_name.values() if len(keys) > 1 for key in keys}


def settle_homonyms(analyses: list[LanguageAnalysis], lexicon: Lexicon) -> None:
    """A division whose name others share (和平区) is the one within a place the article names elsewhere
    (沈阳市 … 和平区: Shenyang's, not Tianjin's); without one such place it stays the one the name was matched to."""
    homonyms = _homonyms(lexicon)
    named = {key for analysis in analyses for m in analysis.mentions if (key := _gazetteer_place(m))}
    chosen: dict[str, str] = {}
    for key in named & homonyms.keys():
        within = [k for k in homonyms[key] if lexicon.place_ancestors(k) & named]
        if len(within) == 1:
            chosen[key] = within[0]
    for analysis in analyses:
        for mention in analysis.mentions:
            if mention.type is EntityType.PLACE and mention.key and mention.key.path in chosen:
                mention.key = EntityKey(KeyKind.GAZETTEER, chosen[mention.key.path])
            elif mention.parts and mention.parts.place in chosen and not mention.key:
                mention.parts = dataclasses.replace(mention.parts, place=chosen[mention.parts.place])


def _gazetteer_place(mention: Mention) -> str | None:
    if mention.type is EntityType.PLACE and mention.key and mention.key.kind is KeyKind.GAZETTEER:
        return mention.key.path
    if mention.parts and mention.parts.place and not mention.parts.place.startswith("name:"):
        return mention.parts.place
    return None


@cache
def _place_forms(lexicon: Lexicon) -> tuple[dict[str, list[int]], tuple[str, ...], int]:
    """Each Chinese form (two characters or more) of a place other than a country → the places' ranks in
    the lexicon; the place keys by rank; the longest form."""
    keys = tuple(e.key for e in lexicon.places.values() if e.level != "country")
    forms: dict[str, list[int]] = {}
    for rank, key in enumerate(keys):
        for form in dict.fromkeys(lexicon.places[key].zh_forms):
            if len(form) > 1:
                forms.setdefault(form, []).append(rank)
    return forms, keys, max(map(len, forms), default=0)


@lru_cache(maxsize=256)
def places_named_in(text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The places (other than countries) whose Chinese name the text holds, in lexicon order."""
    forms, keys, longest = _place_forms(lexicon)
    found = {
        rank
        for start in range(len(text))
        for end in range(start + 2, min(len(text), start + longest) + 1)
        for rank in forms.get(text[start:end], ())
    }
    return tuple(keys[rank] for rank in sorted(found))


def resolve_place(parts: OrgParts, context: PlaceContext, lexicon: Lexicon) -> str:
    """The place a body belongs to: named in the body's name; else named with the same office elsewhere in
    the article at a level the body fits (重庆市政府外办 … 市政府外办, never 省外办); else the article's place of
    the body's level; else a place outside the gazetteer the article names the same body with (州议会 after
    下萨克森州议会)."""
    if parts.place:
        return _outside_gazetteer(parts.place, lexicon) if parts.place.startswith("name:") else parts.place
    named = context.explicit.get(parts.head or parts.body or "")
    fits = _LEVEL_FITS.get(parts.level or "", {parts.level})
    if named and (parts.level is None or lexicon.place_level(named) in fits):
        return named
    for place in context.ranked:
        if lexicon.place_level(place) in fits:
            return place
    region = _SHORT_FOR_REGION.get(parts.level or "")
    for place in context.ranked if region else ():
        if place in lexicon.places and lexicon.places[place].zh.endswith(region):
            return place  # 区友协 in a Ningxia article with no district: the autonomous region's
    if elsewhere := context.named.get(parts.head or parts.body or ""):
        return _outside_gazetteer(elsewhere, lexicon)
    return f"unknown-{parts.level or 'place'}"


def _outside_gazetteer(place: str, lexicon: Lexicon) -> str:
    """The key path of a ``name:`` place (name:佩奇市, name:Castelo Branco), in the language it is written in."""
    name = place.removeprefix("name:")
    return place_name_key(name, "en" if name.isascii() else "zh", lexicon).path


_SHORT_FOR_REGION = {"district": "自治区"}
"""A level whose word (区) also stands short for a province-level region's (自治区)."""


def org_key(parts: OrgParts, place: str) -> tuple[EntityKey, EntityKey | None]:
    """Key of a composed body, and of its parent when it is a sub-body. An office under a body other than
    the government (市委外办, the Party committee's) is keyed with that body: it is not 市政府外办."""
    under = f"{parts.body}/" if parts.head and parts.body and not parts.body.endswith("-government") else ""
    path = f"{place}/{under}{parts.head or parts.body}"
    if parts.seat:
        path += f"@{parts.seat.removeprefix('name:')}"
    base = EntityKey(KeyKind.ORG, path)
    if parts.sub:
        return base.child(parts.sub), base
    return base, None


def assign_keys(analysis: LanguageAnalysis, places: PlaceContext, lexicon: Lexicon) -> None:
    """Give every mention of ``analysis`` its key (and parent key for sub-bodies). A mission's name without its
    country (外国驻华大使馆, 各国驻渝总领事馆, a bare 总领事馆) stands for many missions, or for one named in full
    elsewhere: it is no entity of its own and its mention is dropped."""
    generic = set()
    for mention in analysis.mentions:
        if mention.key:
            continue
        if mention.parts is not None and mention.parts.place is None and mention.parts.head in lexicon.mission_heads:
            generic.add(mention.id)
        elif mention.parts is not None:
            parts = mention.parts
            if parts.seat and parts.seat.startswith("name:"):  # an unlisted seat keyed as its place would be
                parts = dataclasses.replace(parts, seat=place_name_key(parts.seat[5:], analysis.lang, lexicon).path)
            seat = lexicon.heads[parts.head].default_seat if parts.head in lexicon.heads else ""
            if seat and not parts.seat and parts.place != seat and lexicon.place_level(parts.place or "") == "country":
                parts = dataclasses.replace(parts, seat=seat)  # the Zambian Embassy: 赞比亚驻华使馆
            mention.key, mention.parent_key = org_key(parts, resolve_place(parts, places, lexicon))
        elif mention.type is EntityType.PERSON:
            mention.key = EntityKey(KeyKind.PERSON, romanise(mention.name, analysis.lang))
        elif mention.type is EntityType.PLACE and refers_back(mention.name, lexicon):
            mention.key = _level_alone(mention.name, places, lexicon)
            if mention.key is None:
                generic.add(mention.id)  # 我市 on a page about no city
        elif mention.type is EntityType.PLACE:
            mention.key = _level_alone(mention.name, places, lexicon) or place_name_key(
                mention.name, analysis.lang, lexicon
            )
        else:
            mention.key = EntityKey(KeyKind.ORG, f"{_UNKNOWN_BODY}{romanise(mention.name, analysis.lang)}")
    analysis.mentions = [m for m in analysis.mentions if m.id not in generic]
    _short_place_names(analysis.mentions)


def _short_place_names(mentions: list[Mention]) -> None:
    """A place the gazetteer lacks, written once with its level and once without (静冈县 … 在静冈期间), is one
    place: the bare name takes the key of the one named form of it the text gives (never of two: 奈良县, 奈良市)."""
    places = [m for m in mentions if m.type is EntityType.PLACE and m.key]
    longer = levelled_places(m.key for m in places if m.key)
    for mention in places:
        if mention.key in longer:
            mention.key = longer[mention.key]


def levelled_places(keys: Iterable[EntityKey]) -> dict[EntityKey, EntityKey]:
    """Each key of a place the gazetteer lacks named without its level (place/jinggang) → the one key among ``keys``
    of that name with a level (place/jinggang-county); none where two levels share the name."""
    keys = {k for k in keys if k.kind is KeyKind.PLACE}
    by_stem: dict[str, set[EntityKey]] = {}
    for key in keys:
        stem, _, level = key.path.rpartition("-")
        if stem and level:
            by_stem.setdefault(stem, set()).add(key)
    return {key: next(iter(by_stem[key.path])) for key in keys if len(by_stem.get(key.path, ())) == 1}


def _level_alone(name: str, places: PlaceContext, lexicon: Lexicon) -> EntityKey | None:
    """The article's place a level word alone stands for (Chairman of the Autonomous Region, the Province,
    自治区副主席, 特区政府: the region or province the article is about), when the article has one of that level."""
    if suffix := ZH_REGIONS_ALONE.get(name):
        region = next((p for p in places.ranked if p in lexicon.places and lexicon.places[p].zh.endswith(suffix)), None)
        return EntityKey(KeyKind.GAZETTEER, region) if region else None
    own = lexicon.pattern("zh-own-place").fullmatch(name)
    level = (
        _own_level(own["level"], lexicon)
        if own
        else EN_LEVELS_ALONE.get(name.removeprefix("the ").removeprefix("The "))
    )
    if level is None:
        return None
    place = resolve_place(OrgParts(None, level, None, None, None), places, lexicon)
    return EntityKey(KeyKind.GAZETTEER, place) if place in lexicon.places else None


EN_LEVELS_ALONE = {"Autonomous Region": "province", "Province": "province", "Municipality": "city"}


def refers_back(name: str, lexicon: Lexicon) -> bool:
    """Whether a Chinese place mention only refers to a place the article is about (自治区, 特区, 我市): it keys
    that place and gives it no name of its own."""
    return name in ZH_REGIONS_ALONE or lexicon.pattern("zh-own-place").fullmatch(name) is not None


def _own_level(suffix: str, lexicon: Lexicon) -> str | None:
    """The level a place suffix names (市 → city)."""
    return next((e.level for e in lexicon.place_suffixes.values() if suffix in e.zh_forms), None)


ZH_REGIONS_ALONE = {"自治区": "自治区", "自治區": "自治区", "特区": "特别行政区", "特區": "特别行政区"}
"""A Chinese region's kind written alone (自治区主席, 特区政府) → how the names of the regions of that kind end."""


def parent_name(mention: Mention, lexicon: Lexicon) -> str | None:
    """The parent body's name inside a sub-body's name (市政府外办党组 → 市政府外办)."""
    if not mention.parts or not mention.parts.sub:
        return None
    sub = lexicon.sub_bodies[mention.parts.sub]
    if mention.lang == "zh":
        for form in sorted(sub.zh_forms, key=len, reverse=True):
            if mention.name.endswith(form):
                return mention.name[: -len(form)] or None
        return None
    for form in sorted(sub.en_forms, key=len, reverse=True):
        match = re.match(rf"(?:the )?{re.escape(form)} of (?:the )?(?:former )?", mention.name, re.IGNORECASE)
        if match:
            return mention.name[match.end() :] or None
    return None


def build_entities(analysis: LanguageAnalysis, lexicon: Lexicon) -> None:
    """Group the mentions of one language by key into entities with labels and variants."""
    by_key: dict[EntityKey, Entity] = {}
    names: dict[EntityKey, list[str]] = {}
    unnamed: dict[EntityKey, str] = {}  # parents that only a sub-body's bare name (亚洲处) names: their kind's name
    written: dict[EntityKey, set[str]] = {}

    def entity_for(key: EntityKey, entity_type: EntityType) -> Entity:
        if key not in by_key:
            by_key[key] = Entity(id=f"{analysis.lang}-e{len(by_key)}", type=entity_type, key=key)
            names[key] = []
            written[key] = set()
        return by_key[key]

    for mention in analysis.mentions:
        assert mention.key is not None  # set by assign_keys
        entity = entity_for(mention.key, mention.type)
        entity.mentions.append(mention.id)
        mention.entity = entity.id
        if not (mention.type is EntityType.PLACE and refers_back(mention.name, lexicon)):
            names[mention.key].append(mention.name)
            if mention.source != FIELD_OF_MINISTRY:  # "Foreign Affairs" names no ministry on its own
                written[mention.key].add(mention.text)
        if mention.parts and (sub := lexicon.sub_bodies.get(mention.parts.sub or "")) and sub.named_alone:
            written[mention.key].add(sub.zh if analysis.lang == "zh" else sub.en)  # the division alone: 亚洲处
        if mention.parent_key:
            parent = entity_for(mention.parent_key, EntityType.ORG)
            entity.parent = parent.id
            if name := parent_name(mention, lexicon):
                names[mention.parent_key].append(name)
            elif mention.parts and mention.parts.head:
                head = lexicon.heads[mention.parts.head]
                unnamed.setdefault(mention.parent_key, head.zh if analysis.lang == "zh" else head.en)
    for key, entity in by_key.items():
        official = _official_name(key, analysis.lang, lexicon)
        seen = [*names[key], *official] if names[key] else ([unnamed[key]] if key in unnamed else [])
        _label(entity, analysis.lang, seen, lexicon)
        variants = (written[key] | official) - {entity.labels.get(analysis.lang)}
        if variants:
            entity.alt_labels.setdefault(analysis.lang, set()).update(variants)
    analysis.entities = list(by_key.values())


def _official_name(key: EntityKey, lang: str, lexicon: Lexicon) -> set[str]:
    """The official name in ``lang`` of a body the text may name in a shorter form: a Chinese place's people's
    government (扬州市政府 → 扬州市人民政府; Yangzhou Municipal Government → Yangzhou Municipal People's
    Government), none for a special administrative region's, which is no people's government, or for a body of
    another level than the place's; a country's mission in a place the gazetteer knows (我驻马耳他使馆 →
    中国驻马耳他大使馆)."""
    if key.kind is KeyKind.ORG and (mission := _mission_name(key.path, lang, lexicon)):
        return {mission}
    place, _, body_key = key.path.partition("/")
    entry, body = lexicon.places.get(place), lexicon.bodies.get(body_key)
    if key.kind is not KeyKind.ORG or entry is None or body is None or not body_key.endswith("-government"):
        return set()
    domestic = HOME_COUNTRY in lexicon.place_ancestors(place) and not entry.zh.endswith(ZH_REGIONS_ALONE["特区"])
    if not domestic or _LEVELS_GOVERNED.get(entry.level, entry.level) != body.level:
        return set()
    return {government_labels(entry, body)[lang]}


def _mission_name(path: str, lang: str, lexicon: Lexicon) -> str | None:
    """The Chinese name of the mission keyed ``country/head@seat`` (中国驻马耳他大使馆; 泰国驻华大使馆: a mission in
    the home country is named with its abbreviation)."""
    match = re.fullmatch(r"([\w-]+)/([\w-]+)@([\w-]+)", path)
    if lang != "zh" or match is None:  # the English writes a country its own way (the United States, U.S.)
        return None
    country, head, seat = (lexicon.places.get(match[1]), lexicon.heads.get(match[2]), lexicon.places.get(match[3]))
    if country is None or head is None or seat is None or country.level != "country":
        return None
    at = seat.abbreviations[0] if match[3] == HOME_COUNTRY and seat.abbreviations else mission_place_name(seat, lexicon)
    return f"{country.zh}驻{at}{head.zh}"


def mission_place_name(entry: Entry, lexicon: Lexicon) -> str:
    """A place's name as a mission's name writes it: a country's full name, a city's or province's short form
    (香港特别行政区 → 香港) or its name without its level word (成都市 → 成都)."""
    if entry.level == "country":
        return entry.zh
    short = [form for form in entry.zh_forms if len(form) > 1 and entry.zh.startswith(form) and form != entry.zh]
    if short:
        return min(short, key=len)
    for suffix in (s.zh for s in lexicon.place_suffixes.values()):
        if entry.zh.endswith(suffix) and len(entry.zh) > len(suffix) + 1:
            return entry.zh[: -len(suffix)]
    return entry.zh


_LEVELS_GOVERNED = {"municipality": "city"}
"""The level of the government of a place of another level: a municipality's is a 市人民政府."""


def government_labels(where: Entry, body: Entry) -> dict[str, str]:
    """The names of a place's governing body (奉节县人民政府, Fengjie County People's Government); an autonomous
    region's as its own level word writes it (广西壮族自治区人民政府, People's Government of Guangxi Zhuang
    Autonomous Region)."""
    region = region_name(where, body)
    if region is not None:
        return {"zh": f"{where.zh}{body.zh[1:]}", "en": f"{body.en.removeprefix(f'{body.modifier} ')} of {region}"}
    stem_zh = where.zh[:-1] if where.zh.endswith(body.zh[0]) else where.zh
    return {"zh": stem_zh + body.zh, "en": f"{where.en} {body.en}"}


def region_name(where: Entry, body: Entry) -> str | None:
    """The English name of an autonomous region whose body's name writes its own level word (自治区人民政府 beside
    省人民政府), when the place is one; else None."""
    if not where.zh.endswith(_REGION) or f"{_REGION}{body.zh[1:]}" not in body.zh_forms:
        return None
    return next((f for f in where.en_forms if f.endswith(" Autonomous Region")), f"{where.en} Autonomous Region")


_REGION = "自治区"


def short_names_in_brackets(analysis: LanguageAnalysis, text: str) -> None:
    """A body's short name that no lexicon knows, in brackets right after its full name
    (香港特别行政区政府驻上海经济贸易办事处(香港驻沪办)), names that body, there and wherever the article writes it
    again. Not after a sub-body's name, whose bracket may name the body it belongs to (the Party Group of the
    Foreign Affairs Office of Chongqing Municipal Government (FAOCMG))."""
    bodies = sorted((m for m in analysis.mentions if m.type is EntityType.ORG and m.key), key=lambda m: m.start)
    same: dict[EntityKey, EntityKey] = {}
    for full, short in itertools.pairwise(bodies):
        if (
            text[full.end : short.start].strip() in _OPENING_BRACKETS
            and text[short.end : short.end + 1] in _CLOSING_BRACKETS
            and full.parent_key is None
            and short.key is not None
            and short.key.path.startswith(_UNKNOWN_BODY)
        ):
            same.setdefault(short.key, full.key)  # type: ignore[arg-type]
    for mention in analysis.mentions:
        if mention.key in same:
            mention.key = same[mention.key]


_UNKNOWN_BODY = "name/"
"""The key path of a body no lexicon knows, keyed by its own name."""


_OPENING_BRACKETS = ("(", "（")
_CLOSING_BRACKETS = (")", "）")


def original_names(analysis: LanguageAnalysis, text: str) -> None:
    """A person's name in its own Latin letters, in brackets right after the Chinese one (费连(Ed Flynn), 蘭熱爾(Paulo
    Rangel)): an English name of that person."""
    entities = {e.id: e for e in analysis.entities}
    for mention in analysis.mentions:
        if mention.type is EntityType.PERSON and mention.entity and (gloss := LATIN_GLOSS.match(text, mention.end)):
            name = " ".join(gloss.group().strip()[1:-1].split())
            entities[mention.entity].alt_labels.setdefault("en", set()).add(name)


def _label(entity: Entity, lang: str, seen: list[str], lexicon: Lexicon) -> None:
    """Label: the gazetteer's name where it has one, else the fullest name seen; the rest are variants."""
    known: dict[str, str] = {}
    if entity.key.kind is KeyKind.GAZETTEER:
        entry = lexicon.places.get(entity.key.path) or lexicon.organisations.get(entity.key.path)
        if entry:
            known = {"zh": entry.zh, "en": entry.en}
    elif entity.key.kind is KeyKind.SESSION:
        known = {other: session_label(lexicon, entity.key.path, other) for other in ("zh", "en")}
    entity.labels.update(known)
    seen = [_ACRONYM_SUFFIX.sub("", n) for n in seen]
    full_names = [n for n in seen if not (lang == "en" and n.isupper())]
    if lang not in entity.labels and (full_names or seen):
        entity.labels[lang] = max(full_names or seen, key=lambda n: (len(n), n))
    variants = {n for n in seen if n != entity.labels.get(lang)}
    if variants:
        entity.alt_labels.setdefault(lang, set()).update(variants)
