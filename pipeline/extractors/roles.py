"""Memberships: who holds which post in which body, from title appositions in either language.

Chinese: ORG + 党组书记、主任 + PERSON, PERSON + 总书记, PERSON + 任 + ORG + 党组书记. English: PERSON,
secretary of the Party Group and director-general of ORG; Mayor PERSON; ORG Director-General PERSON.
A title with no body named takes the role lexicon's default (市长 → the municipal government).
"""

from __future__ import annotations

import re

from pipeline.extractors.entities import org_key, resolve_place
from pipeline.extractors.items import Item, gap, sentence_items
from pipeline.lexicon.resources import Lexicon
from pipeline.model import (
    Entity,
    EntityType,
    Evidence,
    LanguageAnalysis,
    Membership,
    OrgParts,
    PlaceContext,
    TextVersion,
)

ZH_CHAIN_GAPS = {"", "、", "和", "兼", ",", "及"}
ZH_APPOINT = re.compile(r"^(?:被)?(?:任命为|担任|出任|任|为|当选为|当选|的)$")
EN_CHAIN_GAPS = {"", ",", "and", ", and", "of", "of the", "at", "at the", "and the", "the"}
EXPLICIT, DEFAULT = 0.9, 0.75


def extract_memberships(
    analysis: LanguageAnalysis, version: TextVersion, lexicon: Lexicon, places: PlaceContext
) -> None:
    """Add the memberships stated in ``version`` to ``analysis`` (entities must be built)."""
    found: dict[tuple[str, str, str], Membership] = {}
    for index, items in enumerate(sentence_items(analysis, version)):
        sentence = version.text[slice(*version.sentences[index])]
        chains = _chains_zh(items, version.text) if analysis.lang == "zh" else _chains_en(items, version.text)
        for person, roles_with_org in chains:
            for role, org in roles_with_org:
                confidence = EXPLICIT
                if org is None:
                    org = _implied_mission(role, person, items, version.text, analysis, lexicon)
                if org is None:
                    org = _default_org(role, analysis, lexicon, places)
                    confidence = DEFAULT
                if org is None:
                    continue
                person_id = person.mention.entity if person.mention else None
                org_id = org if isinstance(org, str) else org.mention.entity if org.mention else None
                if not person_id or not org_id:
                    continue
                membership = found.setdefault(
                    (person_id, org_id, role), Membership(person_id, org_id, role, confidence)
                )
                membership.confidence = max(membership.confidence, confidence)
                membership.evidence.append(Evidence(analysis.lang, index, sentence))
    analysis.memberships = list(found.values())


Chain = tuple[Item, list[tuple[str, Item | str | None]]]


def _is(item: Item, entity_type: EntityType) -> bool:
    return item.mention is not None and item.mention.type is entity_type


def _chains_zh(items: list[Item], text: str) -> list[Chain]:
    chains: list[Chain] = []
    for position, item in enumerate(items):
        if not _is(item, EntityType.PERSON):
            continue
        roles: list[tuple[str, Item | str | None]] = []
        pending: list[str] = []
        cursor = position - 1
        right = item
        while cursor >= 0 and gap(text, items[cursor], right) in ZH_CHAIN_GAPS:
            left = items[cursor]
            if left.role:
                pending.append(left.role.role)
            elif _is(left, EntityType.ORG) and pending and gap(text, left, right) == "":
                roles.extend((r, left) for r in pending)
                pending = []
            else:
                break
            right, cursor = left, cursor - 1
        roles.extend((r, None) for r in pending)
        if not roles:
            after = position + 1
            while after < len(items) and items[after].role and gap(text, items[after - 1], items[after]) in ("", "、"):
                roles.append((items[after].role.role, None))
                after += 1
            if (
                not roles
                and after + 1 < len(items)
                and _is(items[after], EntityType.ORG)
                and ZH_APPOINT.match(gap(text, item, items[after]))
            ):
                org, cursor = items[after], after + 1
                while (
                    cursor < len(items)
                    and items[cursor].role
                    and gap(text, items[cursor - 1], items[cursor]) in ("", "、")
                ):
                    roles.append((items[cursor].role.role, org))
                    cursor += 1
        if roles:
            chains.append((item, roles))
    return chains


def _chains_en(items: list[Item], text: str) -> list[Chain]:
    chains: list[Chain] = []
    for position, item in enumerate(items):
        if not _is(item, EntityType.PERSON):
            continue
        roles: list[tuple[str, Item | str | None]] = []
        pending: list[str] = []
        cursor = position + 1
        left = item
        while cursor < len(items):
            right = items[cursor]
            between = gap(text, left, right).lower()
            if right.role and (between in EN_CHAIN_GAPS or (left is item and between in (",", "", "and", "as"))):
                pending.append(right.role.role)
            elif _is(right, EntityType.ORG) and pending and between in ("of", "of the", "at", "at the", "in", "in the"):
                roles.extend((r, right) for r in pending)
                pending = []
            else:
                break
            left, cursor = right, cursor + 1
        roles.extend((r, None) for r in pending)
        if not roles and position > 0 and items[position - 1].role and gap(text, items[position - 1], item) == "":
            title = items[position - 1]
            org = items[position - 2] if position > 1 and _is(items[position - 2], EntityType.ORG) else None
            if org is not None and gap(text, org, title) not in ("", "'s"):
                org = None
            roles.append((title.role.role, org))
        if roles:
            chains.append((item, roles))
    return chains


def _implied_mission(
    role: str, person: Item, items: list[Item], text: str, analysis: LanguageAnalysis, lexicon: Lexicon
) -> str | None:
    """The mission a diplomatic title implies: 泰国驻成都总领事陈建中 → 泰国驻成都总领事馆."""
    entry = lexicon.roles.get(role)
    if entry is None or entry.implied_org is None or analysis.lang != "zh":
        return None
    position = items.index(person)
    before = [i for i in items[:position] if i.mention is not None][-2:]
    if len(before) != 2 or not all(_is(i, EntityType.PLACE) for i in before):
        return None
    country, seat = (i.mention for i in before)
    if text[country.end : seat.start] != "驻" or not (country.key or "").startswith("gaz/"):
        return None
    if lexicon.place_level(country.key[4:]) != "country":
        return None
    head = lexicon.lookup_zh(entry.implied_org[0], "head")
    if head is None:
        return None
    seat_key = (seat.key or "").removeprefix("gaz/").removeprefix("place/")
    parts = OrgParts(country.key[4:], "country", head.key, None, None, seat_key)
    key, _ = org_key(parts, parts.place or "")
    for entity in analysis.entities:
        if entity.key == key:
            return entity.id
    labels = {"zh": f"{country.name}驻{seat.name}{entry.implied_org[0]}"}
    entity = Entity(id=f"{analysis.lang}-e{len(analysis.entities)}", type=EntityType.ORG, key=key, labels=labels)
    analysis.entities.append(entity)
    return entity.id


def _default_org(role: str, analysis: LanguageAnalysis, lexicon: Lexicon, places: PlaceContext) -> str | None:
    """The entity id of the role's default body, created without mentions when the text never names it."""
    entry = lexicon.roles.get(role)
    if entry is None or not entry.default_org:
        return None
    if entry.default_org in lexicon.organisations:
        named = lexicon.organisations[entry.default_org]
        key, labels = f"gaz/{named.key}", {"zh": named.zh, "en": named.en}
    else:
        body = lexicon.bodies[entry.default_org]
        parts = OrgParts(None, body.level, None, body.key, None)
        place = resolve_place(parts, places, lexicon)
        key, _ = org_key(parts, place)
        if place not in lexicon.places:
            return None
        where = lexicon.places[place]
        stem_zh = where.zh[:-1] if where.zh.endswith(body.zh[0]) else where.zh
        labels = {"zh": stem_zh + body.zh, "en": f"{where.en} {body.en}"}
    for entity in analysis.entities:
        if entity.key == key:
            return entity.id
    entity = Entity(id=f"{analysis.lang}-e{len(analysis.entities)}", type=EntityType.ORG, key=key, labels=labels)
    analysis.entities.append(entity)
    return entity.id
