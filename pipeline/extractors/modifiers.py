"""Places that only modify a title: 英国 and 重庆 in 英国驻重庆总领事 (each country of 日本、德国等国驻沈阳
总领事), Japan and Chongqing in "Consul General of Japan in Chongqing". They name the post's body (the
consulate), not a place the article is about, so an entity all of whose mentions are such modifiers is dropped
(its mentions stay in the text). The home country is dropped as well: it is where every article of the genre is
set (在华, 驻华, "to China", 中国特色…), not a place one is about."""

from __future__ import annotations

import re
from functools import cache

from pipeline.lexicon.match import HOME_COUNTRY
from pipeline.lexicon.resources import Lexicon
from pipeline.model import EntityKey, EntityType, KeyKind, LanguageAnalysis, Mention, TextVersion

_GLUE = {
    "zh": re.compile(r"\s*驻?\s*"),
    "en": re.compile(r"\s*(?:of the|of|in|to|'s|’s)?\s*", re.IGNORECASE),
}
_LIST_GLUE = {
    "zh": re.compile(r"\s*(?:[、和及与]|以及)\s*|\s*等国?\s*驻?\s*"),
    "en": re.compile(r"\s*(?:,|,? and)\s*", re.IGNORECASE),
}
"""Between the countries of a list before a mission's title (日本、德国等国驻沈阳总领事; the consuls general of Japan,
Germany and Russia): each country only modifies the title. A list before another title (a mayor of Seville, Spain)
names the place the person comes from."""


def drop_title_places(analysis: LanguageAnalysis, version: TextVersion, lexicon: Lexicon) -> None:
    """Unlink the place entities that only ever stand inside a title chain (place 驻 place title; in Chinese place,
    body, title: 澳大利亚新南威尔士州议会上议院议长), and the home country's."""
    missions = _mission_titles(lexicon)
    spans = sorted(
        [(m.start, m.end, "place") for m in analysis.mentions if m.type is EntityType.PLACE]
        + [(m.start, m.end, "person") for m in analysis.mentions if m.type is EntityType.PERSON]
        + [(r.start, r.end, "mission" if r.role in missions else "role") for r in analysis.roles]
        + [(m.start, m.end, "body") for m in analysis.mentions if m.type is EntityType.ORG and analysis.lang == "zh"]
    )
    text = version.analysis if analysis.lang == "zh" and version.analysis else version.text
    glue = (_GLUE[analysis.lang], _LIST_GLUE[analysis.lang])
    modifiers = {
        (start, end)
        for index, (start, end, kind) in enumerate(spans)
        if kind == "place" and _in_title_chain(spans, index, text, glue)
    }
    by_entity: dict[str, list[Mention]] = {}
    for mention in analysis.mentions:
        if mention.entity and mention.type is EntityType.PLACE:
            by_entity.setdefault(mention.entity, []).append(mention)
    home = EntityKey(KeyKind.GAZETTEER, HOME_COUNTRY)
    dropped = {
        entity
        for entity, mentions in by_entity.items()
        if all((m.start, m.end) in modifiers or m.key == home for m in mentions)
    }
    for mention in analysis.mentions:
        if mention.entity in dropped:
            mention.entity = None
    analysis.entities = [e for e in analysis.entities if e.id not in dropped]


@cache
def _mission_titles(lexicon: Lexicon) -> frozenset[str]:
    """The titles that imply a diplomatic mission (总领事, ambassador), read once per lexicon."""
    return frozenset(key for key, entry in lexicon.roles.items() if entry.implied_org)


def _in_title_chain(
    spans: list[tuple[int, int, str]], index: int, text: str, glue: tuple[re.Pattern[str], re.Pattern[str]]
) -> bool:
    """Whether the place at ``index`` is joined, through other places and glue words, to a title (through a list
    of places: a mission's title only), or to the name of a person whose title comes first ("Governor Lee
    Jae-hoon of North Chungcheong Province")."""
    joins, lists = glue
    for step in (1, -1):
        current, listed = index, False
        while 0 <= current + step < len(spans):
            neighbour = current + step
            left, right = (spans[current], spans[neighbour]) if step == 1 else (spans[neighbour], spans[current])
            between = text[left[1] : right[0]]
            if "body" in (left[2], right[2]) and between.strip():
                break  # a body is a link only written right between a place and a title (澳大利亚新南威尔士州议会|议长)
            if lists.fullmatch(between) and not joins.fullmatch(between):
                listed = True
            elif not joins.fullmatch(between):
                break
            if spans[neighbour][2] == "mission" or (spans[neighbour][2] == "role" and not listed):
                return True
            if spans[neighbour][2] == "role":
                break
            if spans[neighbour][2] == "person":
                if step == -1 and between.strip() in _OF and _titled(spans, neighbour, text):
                    return True
                break
            current = neighbour
    return False


_OF = ("of", "of the")


def _titled(spans: list[tuple[int, int, str]], person: int, text: str) -> bool:
    """Whether the person at ``person`` comes right after a title (Governor Lee Jae-hoon)."""
    before = spans[person - 1] if person else None
    return before is not None and before[2] in ("role", "mission") and not text[before[1] : spans[person][0]].strip()
