"""Memberships: who holds which post in which body, from title appositions in either language.

Chinese: ORG + 党组书记、主任 + PERSON, PERSON + 总书记, PERSON + 任 + ORG + 党组书记; a list of names after
the titles (副主任周毅、冯子敏) shares them. English: PERSON, secretary of the Party Group and
director-general of ORG; Mayor PERSON; ORG Director-General PERSON. A title with no body named takes
the role lexicon's default (市长 → the municipal government); a place right before it makes that
place's government (佩奇市市长 → 佩奇市政府). A Party Group title (党组书记) belongs to the body's Party
Group. A post taken up or left on a stated date (于2021年3月任, 免去…职务, who assumed office in February 2024)
carries that date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from pipeline.extractors.entities import (
    EN_LEVELS_ALONE,
    government_labels,
    mission_place_name,
    org_key,
    place_name_key,
    region_name,
    resolve_place,
)
from pipeline.extractors.items import Item, gap, sentence_items
from pipeline.lexicon.match import HOME_COUNTRY, MINISTRY_FIELD, foreign_country
from pipeline.lexicon.resources import Entry, Lexicon
from pipeline.model import (
    Entity,
    EntityKey,
    EntityType,
    Evidence,
    KeyKind,
    LanguageAnalysis,
    Membership,
    Mention,
    OrgParts,
    PlaceContext,
    TextVersion,
)
from pipeline.nlp.dates import MONTHS

_TITLE_PHRASE = re.compile(r"[^，,、。；;：:\s]*$")
_ZH_DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?:(?P<day>\d{1,2})日)?")
_ZH_RANGE = re.compile(r"(?P<start>\d{4}年(?:\d{1,2}月)?)至(?P<end>\d{4}年(?:\d{1,2}月)?)")
_ZH_CLAUSE_END = re.compile(r"[，,；;。：:]")
_ZH_SENTENCE_END = "。！？!?\n"
_EN_SUBJECT_GAP = re.compile(r"\s*(?:,[^,;.]{1,80},\s*)?")
"""Between an English subject and its verb: nothing, or a title between commas (Kenneth Yap, Consul General…, took)."""
_TITLE_GAP = 6
"""The most characters between a person and the date of taking up a post: a title (莫戈蒔总领事于2020年到任)."""
EXPLICIT, DEFAULT = 0.9, 0.75


def extract_memberships(
    analysis: LanguageAnalysis,
    version: TextVersion,
    lexicon: Lexicon,
    places: PlaceContext,
    published: dt.date | None = None,
) -> None:
    """Add the memberships stated in ``version`` to ``analysis`` (entities must be built). A post given its
    default body (杜邦副市长: the city's government) is left out when the text names the body the person holds
    that post in (法国波尔多市副市长玛丽·杜邦)."""
    found: dict[tuple[str, str, str], Membership] = {}
    groups: dict[str, str] = {}
    # Chinese rules read the simplified analysis text (same offsets): 駐, 擔任 and 當選 are 驻, 担任 and 当选.
    text = version.analysis if analysis.lang == "zh" and version.analysis else version.text
    offices = _offices(analysis, lexicon)
    before = {e.id for e in analysis.entities}
    for index, items in enumerate(sentence_items(analysis, version)):
        sentence = version.text[slice(*version.sentences[index])]
        chains = (
            _chains_zh(items, text, lexicon, offices) if analysis.lang == "zh" else _chains_en(items, text, lexicon)
        )
        for person, roles_with_org in chains:
            for title, org in roles_with_org:
                org_id, confidence = _body_of(title, org, person, items, text, analysis, lexicon, places)
                org_id = _in_sub_body(title, org_id, org, analysis, lexicon, groups)
                person_id = person.mention.entity if person.mention else None
                if not person_id or not org_id:
                    continue
                role = _role_in(title, org_id, analysis, lexicon)
                membership = found.setdefault(
                    (person_id, org_id, role), Membership(person_id, org_id, role, confidence)
                )
                membership.confidence = max(membership.confidence, confidence)
                membership.evidence.append(Evidence(analysis.lang, index, sentence))
                if analysis.lang == "zh":
                    stated = org if isinstance(org, Item) else _title_after(title, person, items)
                    _date(membership, text, version.sentences[index][0], (person, stated), published, lexicon)
    if analysis.lang == "zh":
        _arrivals(list(found.values()), analysis, text, (lexicon.pattern("zh-arrival"), published))
    else:
        _arrivals_en(list(found.values()), analysis, version, (lexicon.pattern("en-arrival"), published))
    stated = {(m.person, m.role) for m in found.values() if m.confidence >= EXPLICIT}
    analysis.memberships = [m for m in found.values() if m.confidence >= EXPLICIT or (m.person, m.role) not in stated]
    kept = {m.organization for m in analysis.memberships} | set(groups.values())
    kept |= {e.parent for e in analysis.entities if e.parent and (e.id in kept or e.id in before)}
    analysis.entities = [e for e in analysis.entities if e.id in before or e.id in kept]


def _body_of(
    role: str,
    org: Item | str | None,
    person: Item,
    items: list[Item],
    text: str,
    analysis: LanguageAnalysis,
    lexicon: Lexicon,
    places: PlaceContext,
) -> tuple[str | None, float]:
    """The entity id of the body a title belongs to, and the confidence of the membership."""
    government = _place_government(role, org, text, analysis, lexicon) if isinstance(org, Item) else None
    if government is not None:
        return government, EXPLICIT
    if isinstance(org, Item) and not _is(org, EntityType.PLACE):
        return (org.mention.entity if org.mention else None), EXPLICIT
    country = _foreign_country(org, lexicon) if isinstance(org, Item) else None
    if country is not None and lexicon.roles[role].branch != "legislature" and not lexicon.roles[role].implied_org:
        return _national_government(country, analysis, lexicon), EXPLICIT
    if isinstance(org, str):
        return org, EXPLICIT
    if isinstance(org, EntityKey):
        entry = lexicon.organisations[org.path]
        return _find_or_add(analysis, org, {"zh": entry.zh, "en": entry.en}), EXPLICIT
    mission = _implied_mission(role, person, items, text, analysis, lexicon)
    if mission is not None:
        return mission, EXPLICIT
    if written := _level_written(role, person, items, text, lexicon):
        return _default_org(role, analysis, lexicon, places, written), EXPLICIT
    if named := _body_named_before(role, person, items, text, analysis, lexicon):
        return named, DEFAULT
    only = None if _seat_stated(person, text) else _only_mission(role, analysis, lexicon)
    return only or _default_org(role, analysis, lexicon, places), DEFAULT


def _level_written(role: str, person: Item, items: list[Item], text: str, lexicon: Lexicon) -> str:
    """The level word alone the person's title is written after (自治区 of 自治区主席), or ""."""
    title = next((i for i in reversed(items[: items.index(person)]) if i.role and i.role.role == role), None)
    return _level_word(title, items, text, lexicon) if title is not None else ""


def _level_word(title: Item, items: list[Item], text: str, lexicon: Lexicon) -> str:
    """The level word alone (no place's name before it) a title with a bikg:placeBody is written after (自治区 of
    自治区主席), or ""."""
    entry = lexicon.roles.get(title.role.role) if title.role else None
    body = lexicon.bodies.get(entry.place_body) if entry else None
    if body is None or any(i.mention and i.end == title.start for i in items):
        return ""
    words = [f for s in lexicon.place_suffixes.values() if s.level == body.level for f in s.zh_forms if len(f) > 1]
    return next((w for w in words if text.endswith(w, 0, title.start)), "")


def _seat_stated(person: Item, text: str) -> bool:
    """True when the title before a name states a seat itself (刚果（布）首任驻穗总领事艾博罗): a mission the rules
    could not compose from it is not the page's only one."""
    phrase = _TITLE_PHRASE.search(text, max(0, person.start - 16), person.start)
    return phrase is not None and "驻" in phrase.group()


def _role_in(role: str, org_id: str, analysis: LanguageAnalysis, lexicon: Lexicon) -> str:
    """The post an English title names in this body: an association's president is its 会长 (``bikg:variantOf``);
    of several, the one whose body word comes first in the body's name, which names the body itself (the
    Director of the European Affairs Division of the Foreign Affairs Office: a 处长)."""
    labels = [e.labels.get("en", "") for e in analysis.entities if e.id == org_id]
    found = [
        (at, specific)
        for words, specific in lexicon.role_variants.get(role, ())
        for word in words
        for label in labels
        if (at := label.find(word)) >= 0
    ]
    return min(found)[1] if found else role


Chain = tuple[Item, list[tuple[str, Item | str | EntityKey | None]]]


def _is(item: Item, entity_type: EntityType) -> bool:
    return item.mention is not None and item.mention.type is entity_type


def _chains_zh(items: list[Item], text: str, lexicon: Lexicon, offices: list[tuple[Item, str]]) -> list[Chain]:
    chains: list[Chain] = []
    for position, item in enumerate(items):
        if not _is(item, EntityType.PERSON):
            continue
        roles: list[tuple[str, Item | str | None]] = []
        pending: list[str] = []
        cursor = position - 1
        right = item
        titled = position + 1 < len(items) and items[position + 1].role and gap(text, item, items[position + 1]) == ""
        while cursor >= 0 and (step := _joined_left(items, cursor, right, text, lexicon)):
            cursor, between = step
            left = items[cursor]
            if left.role and text[left.start - 1 : left.start] in lexicon.words("zh-former"):
                break
            if left.role and between and (_follows_name(items, cursor, text, lexicon) or titled):
                break  # 龙定斌总领事和州长库克, 苏更大使、杨秀萍秘书长: the title is not the next name's
            if left.role and (level := _level_word(left, items, text, lexicon)):
                roles.append((left.role.role, None))  # 自治区党委副书记、自治区主席: the region's, not the committee's
                right, cursor = Item(left.start - len(level), left.end, role=left.role), cursor - 1
                continue
            if left.role:
                pending.append(left.role.role)
            elif _is(left, EntityType.ORG) and pending and between == "":
                abroad = _list_country(chains, items, cursor, text, lexicon) if _home_ministry(left, lexicon) else None
                roles.extend((r, abroad or _chained_body(r, left, lexicon)) for r in pending)
                pending = []
            elif _is(left, EntityType.PLACE) and pending and between == "":
                own = _foreign_country(left, lexicon) is not None and text[left.start - 1 : left.start] != "驻"
                roles.extend((r, left if _governs(r, lexicon) or own else None) for r in pending)
                pending = []
            elif not (_is(left, EntityType.PLACE) and text[left.end : left.end + 1] == "驻"):
                break  # 科威特驻广州总领事: the country of a mission goes on to the titles before it (领团团长、)
            right, cursor = left, cursor - 1
        if word := _designate_word(text, right.start, item.start, lexicon):
            pending = [d for r in pending if (d := _designated(word, r, lexicon))]
            roles = [(d, org) for r, org in roles if (d := _designated(word, r, lexicon))]
            if not pending and not roles:
                continue  # 拟任…: not in post yet, and no post of a designate to hold
        roles.extend((r, _previous_body(r, chains, items, cursor, right, text, lexicon)) for r in pending)
        if pending and len(roles) == len(pending) and (office := _office_opening(right, text, offices, lexicon)):
            roles = [(r, office[0] if _implied_sub(lexicon.roles.get(r), lexicon) else office[1]) for r, _ in roles]
        if not roles and (shared := _shared_list(chains, items, position, text, lexicon)):
            roles = list(shared)
        if not roles:
            roles = _titles_after(position, items, text, lexicon)
        roles += _posts_taken_after(position, items, text, lexicon)
        if roles:
            chains.append((item, roles))
    return chains


def _designate_word(text: str, start: int, end: int, lexicon: Lexicon) -> str:
    """The word that makes the person named at ``end`` a designate (候任越南驻昆总领事黄明山, 智利驻广州候任总领事),
    or ""."""
    designate = lexicon.words("zh-designate")
    return next((w for w in designate if text.endswith(w, 0, start) or w in text[start:end]), "")


def _designated(word: str, role: str, lexicon: Lexicon) -> str | None:
    """The post of a designate to ``role`` (候任 + 总领事 → 候任总领事), when the lexicon has one."""
    entry = lexicon.roles[role]
    if entry.zh.startswith(word):
        return role
    found = lexicon.lookup_zh(word + entry.zh, "role")
    return found.key if found else None


def _titles_after(position: int, items: list[Item], text: str, lexicon: Lexicon) -> list[tuple[str, Item | str | None]]:
    """The titles written after a name (王雯主任; 李某、副主任), of the body right before it; or those an
    appointment gives after it (任命李华为贵州省商务厅党组书记、厅长)."""
    item = items[position]
    roles: list[tuple[str, Item | str | None]] = []
    before = items[position - 1] if position and _is(items[position - 1], EntityType.ORG) else None
    if before is not None and gap(text, before, item) != "":
        before = None
    after = position + 1
    while after < len(items) and items[after].role and gap(text, items[after - 1], items[after]) in ("", "、"):
        role = items[after].role.role
        roles.append((role, None if before is None or _default_elsewhere(role, before, lexicon) else before))
        after += 1
    if roles or after >= len(items) or not lexicon.pattern("zh-appoint").match(gap(text, item, items[after])):
        return roles
    further = lexicon.pattern("zh-further-post")
    while after + 1 < len(items) and (_is(items[after], EntityType.ORG) or _is(items[after], EntityType.PLACE)):
        given, after = _posts_given(after, items, text, lexicon)
        roles += given
        if not given or after >= len(items) or not further.match(gap(text, items[after - 1], items[after])):
            break  # 于2024年9月任A主任，此前任B副区长: the post before, held by the same person
    return roles


def _posts_given(at: int, items: list[Item], text: str, lexicon: Lexicon) -> tuple[list[tuple[str, Item | None]], int]:
    """The posts an appointment gives in the body or place at ``at`` and the titles after it, and the index after
    them."""
    cursor = at + 1
    while _is(items[cursor - 1], EntityType.PLACE) and cursor < len(items) and _is(items[cursor], EntityType.PLACE):
        if gap(text, items[cursor - 1], items[cursor]) not in ("", "驻"):
            return [], cursor
        cursor += 1  # 出任日本驻沈阳总领事: the places the title names, its mission found from them
    org = items[cursor - 1]
    roles: list[tuple[str, Item | None]] = []
    while cursor < len(items) and items[cursor].role and gap(text, items[cursor - 1], items[cursor]) in ("", "、"):
        role = items[cursor].role.role
        roles.append((role, org if _is(org, EntityType.ORG) or _governs(role, lexicon) else None))
        cursor += 1
    return roles, cursor


def _posts_taken_after(position: int, items: list[Item], text: str, lexicon: Lexicon) -> list[tuple[str, None]]:
    """The posts with no body an appointment gives right after a name (白玉珍当选第七届理事会会长): held in the
    body the post's body words find before it."""
    after = position + 1
    if (
        after >= len(items)
        or not items[after].role
        or not _appointed(gap(text, items[position], items[after]), lexicon)
        or text[: items[position].start].endswith(tuple(lexicon.words("zh-succeed")))
    ):
        return []  # 接替奥谢普科夫出任总领事: the predecessor takes up nothing
    roles: list[tuple[str, None]] = [(items[after].role.role, None)]
    while after + 1 < len(items) and items[after + 1].role and gap(text, items[after], items[after + 1]) in ("", "、"):
        after += 1
        roles.append((items[after].role.role, None))
    return roles


def _joined_left(items: list[Item], cursor: int, right: Item, text: str, lexicon: Lexicon) -> tuple[int, str] | None:
    """The item left of ``right`` that may go on with its chain of titles and the text between them; a body's
    other name in brackets is passed over (嘉兴市外办（市政府港澳事务办公室）党组书记: the office, nothing between);
    None where the chain ends."""
    between = gap(text, items[cursor], right)
    if between in lexicon.words("zh-chain-gap"):
        return cursor, between
    if between == "驻" and _is(items[cursor], EntityType.PLACE) and _is(right, EntityType.PLACE):
        return cursor, between  # 科威特驻|广州总领事: the country of the mission, titles may come before it
    item, before = items[cursor], items[cursor - 1] if cursor else None
    if (
        between in _CLOSING_BRACKETS
        and before is not None
        and _is(item, EntityType.ORG)
        and _is(before, EntityType.ORG)
        and before.end == item.start - 1
        and text[before.end] in _OPENING_BRACKETS
    ):
        return cursor - 1, ""
    return None


_OPENING_BRACKETS = frozenset("(（")
_CLOSING_BRACKETS = frozenset(")）")


def _previous_body(
    role: str, chains: list[Chain], items: list[Item], cursor: int, first: Item, text: str, lexicon: Lexicon
) -> Item | None:
    """The body of the list item before a title that names none (重庆市政府外办主任王雯、副主任李明全: the office),
    unless the title has a default body of another kind (市委书记甲、市长乙: the government); the foreign country
    the item before names for its title (蒙古国总理甲、副总理乙: Mongolia's, not the State Council)."""
    if cursor < 0 or not chains or chains[-1][0] is not items[cursor]:
        return None
    if gap(text, items[cursor], first) not in lexicon.words("zh-list-gap"):
        return None
    country = _list_country(chains, items, cursor + 1, text, lexicon)
    if country is not None and not lexicon.roles[role].implied_org:
        return country
    body = next((org for _, org in chains[-1][1] if isinstance(org, Item) and _is(org, EntityType.ORG)), None)
    return None if body is None or _default_elsewhere(role, body, lexicon) else body


def _list_country(chains: list[Chain], items: list[Item], first: int, text: str, lexicon: Lexicon) -> Item | None:
    """The foreign country an earlier item of the list that ``items[first]`` goes on names for its title
    (蒙古国总理甲、总统办公厅主任乙、外交部部长丙): the later items' posts are that country's too."""
    if first < 1 or gap(text, items[first - 1], items[first]) not in lexicon.words("zh-list-gap"):
        return None
    start = first - 1
    while start > 0 and _LIST_ENTRY_GAP.fullmatch(gap(text, items[start - 1], items[start])):
        start -= 1
    listed = {id(item) for item in items[start:first]}
    for person, roles in reversed(chains):
        if id(person) not in listed:
            break
        country = next((org for _, org in roles if isinstance(org, Item) and _foreign_country(org, lexicon)), None)
        if country is not None:
            return country
    return None


_LIST_ENTRY_GAP = re.compile(r"(?:[、和及兼]|以及)?(?:[\u4e00-\u9fff]{0,8}[厅部局办委会院处署室馆])?")
"""What stands between two items of one list of posts and names: nothing, a list mark (、, 兼), and maybe a body the
lexicon does not know (总统|办公厅|主任)."""


def _home_ministry(body: Item, lexicon: Lexicon) -> bool:
    """Whether the body is a ministry of China's State Council that the gazetteer names (外交部, 商务部)."""
    key = body.mention.key if body.mention else None
    entry = lexicon.organisations.get(key.path) if key and key.kind is KeyKind.GAZETTEER else None
    return entry is not None and entry.within == _STATE_COUNCIL


_STATE_COUNCIL = "state-council"


def _offices(analysis: LanguageAnalysis, lexicon: Lexicon) -> list[tuple[Item, str]]:
    """The offices the text names with their Party Group (市政府外办党组, or 温州市外办 right before 党组成员), in
    order, each with the office's entity id."""
    entities = {e.id: e for e in analysis.entities}
    group_titles = {r.start for r in analysis.roles if _implied_sub(lexicon.roles.get(r.role), lexicon)}
    found = []
    for mention in analysis.mentions:
        if mention.type is not EntityType.ORG or not mention.parts or not mention.parts.head or not mention.entity:
            continue
        entity = entities[mention.entity]
        office = entity.parent if mention.parts.sub else entity.id
        if office and (mention.parts.sub or mention.end in group_titles):
            found.append((Item(mention.start, mention.end, mention=mention), office))
    return found


def _office_opening(
    first: Item, text: str, offices: list[tuple[Item, str]], lexicon: Lexicon
) -> tuple[Item, str] | None:
    """The office last named before a chain of titles that opens a clause with a Party Group title and names no
    body (…省外办党组召开学习会。党组书记、主任章笑梅主持): the office's own officials."""
    if first.role is None or _implied_sub(lexicon.roles.get(first.role.role), lexicon) is None:
        return None
    if first.start and text[first.start - 1] not in _CLAUSE_START:
        return None
    return next((o for o in reversed(offices) if o[0].end <= first.start), None)


_CLAUSE_START = frozenset("。,;:!?\n")


def _follows_name(items: list[Item], index: int, text: str, lexicon: Lexicon) -> bool:
    """Whether the item at ``index`` comes right after a person's name (龙定斌总领事) or is the post an
    appointment gives that person, with the body it names (白玉珍当选第七届理事会会长, 王雯当选市对外友协会长)."""
    named = index - 1
    while named > 0 and _is(items[named], EntityType.ORG) and gap(text, items[named], items[named + 1]) == "":
        named -= 1
    if index == 0 or not _is(items[named], EntityType.PERSON):
        return False
    between = gap(text, items[named], items[named + 1])
    return (between == "" and named == index - 1) or _appointed(between, lexicon)


def _appointed(between: str, lexicon: Lexicon) -> bool:
    """Whether ``between`` a name and a post gives the post (当选为, 于2021年3月任), a council of one term
    before the post (当选第七届理事会) included."""
    return lexicon.pattern("zh-appoint").match(_without_term_council(between, lexicon)) is not None


def _without_term_council(text: str, lexicon: Lexicon) -> str:
    """``text`` without the council of one term it ends with (当选|第七届理事会)."""
    council = lexicon.pattern("zh-term-council").search(text)
    return text[: council.start()] if council is not None and council.end() == len(text) else text


def _shared_list(
    chains: list[Chain], items: list[Item], position: int, text: str, lexicon: Lexicon
) -> list[tuple[str, Item | str | None]]:
    """The posts of the name before this one in a list (副主任周毅、冯子敏: 冯子敏 is 副主任 too), unless this
    one names again a person named in full (市长马国庆和彼得连科: the guest, no mayor)."""
    if position == 0 or not chains or chains[-1][0] is not items[position - 1]:
        return []
    mention = items[position].mention
    if mention is not None and mention.name != text[mention.start : mention.end]:
        return []
    return chains[-1][1] if gap(text, items[position - 1], items[position]) in lexicon.words("zh-list-gap") else []


def _all_govern(roles: list[str], lexicon: Lexicon) -> bool:
    return all(_governs(r, lexicon) for r in roles)


def _governs(role: str, lexicon: Lexicon) -> bool:
    """True when the title heads a place's government (市长, 省督; 主席 of 广西壮族自治区主席), so a place before it
    names the body."""
    return _place_body(role, lexicon) is not None


def _place_body(role: str, lexicon: Lexicon) -> Entry | None:
    """The body a title heads in the place written before it: its default body, or its bikg:placeBody."""
    entry = lexicon.roles.get(role)
    if entry is None:
        return None
    body = entry.default_org if entry.default_org in lexicon.bodies else entry.place_body
    return lexicon.bodies.get(body)


def _chained_body(role: str, org: Item, lexicon: Lexicon) -> Item | None:
    """The body a title of a chain after a body belongs to: that body; for a title heading a place's government
    after a body of another kind, the place of that body (大连市委副书记、市长: 大连's mayor, whichever city the
    article names first; 老街省委副书记、省长: 老街省's governor, a place the gazetteer lacks); else none (its
    default body)."""
    if not _default_elsewhere(role, org, lexicon):
        return org
    mention = org.mention
    place = mention.parts.place if mention and mention.parts else None
    if mention is None or place is None or not _governs(role, lexicon):
        return None
    if place.startswith("name:"):
        name = place.removeprefix("name:")
        key = place_name_key(name, mention.lang, lexicon)
    elif place in lexicon.places:
        forms = (lexicon.places[place].zh, *lexicon.places[place].zh_forms)
        name = max((f for f in forms if mention.text.startswith(f)), key=len, default=lexicon.places[place].zh)
        key = EntityKey(KeyKind.GAZETTEER, place)
    else:
        return None
    opening = Mention(
        "", mention.lang, org.start, org.start + len(name), name, name, EntityType.PLACE, "chain", 1.0, key
    )
    return Item(opening.start, opening.end, mention=opening)


def _default_elsewhere(role: str, org: Item, lexicon: Lexicon) -> bool:
    """True when a title with a default governing body follows a body of another kind (市委…、市长 → 市政府)."""
    entry = lexicon.roles.get(role)
    parts = org.mention.parts if org.mention else None
    if entry is None or entry.default_org not in lexicon.bodies or parts is None:
        return False
    return parts.head is None and parts.body is not None and parts.body != entry.default_org


def _chains_en(items: list[Item], text: str, lexicon: Lexicon) -> list[Chain]:
    chains: list[Chain] = []
    leading = _leading_titles(items, text, lexicon.pattern("en-honorific"))
    owned = {id(title) for title, _ in leading.values()} | _titles_before_names(items, text)
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
            chained = between in lexicon.words("en-chain-gap")
            if left is item and chained and (title := _title_after_demonym(items, cursor, text, lexicon)):
                roles.append((title.role.role, right))  # Sarah Mann, British Consul General in Guangzhou
                left, cursor = title, cursor + 2
                continue
            if right.role and between.endswith("and") and _NAME_NEXT.match(text, right.end):
                break  # "Vice Governor Fang and Governor Kobayashi": the title after "and" is the next name's
            if (
                right.role
                and id(right) not in owned
                and (chained or (left is item and between in (",", "", "and", "as")))
            ):
                pending.append(right.role.role)
            elif (
                (_is(right, EntityType.ORG) or (_is(right, EntityType.PLACE) and _all_govern(pending, lexicon)))
                and pending
                and between in lexicon.words("en-body-gap")
            ):
                roles.extend((r, right) for r in pending)
                pending = []
            else:
                break
            left, cursor = right, cursor + 1
        ministry = _ministry_named_by_field(text, left.end, lexicon) if pending else None
        if ministry is not None:
            roles.extend((r, ministry) for r in pending)  # Vice Minister of Foreign Affairs: the Foreign Ministry's
        elif not (pending and _names_unknown_body(text, left.end, items)):
            roles.extend((r, None) for r in pending)
        if not roles and position in leading:
            title, org = leading[position]
            mission_country = org is not None and _is(org, EntityType.PLACE) and org.start > title.start
            org = _body_after_name(items, position, text, title.role.role, lexicon) or org
            roles.append((title.role.role, None if mission_country else org))
        if roles:
            chains.append((item, roles))
    return chains + _deputies_listed(chains, items, text, lexicon)


def _deputies_listed(chains: list[Chain], items: list[Item], text: str, lexicon: Lexicon) -> list[Chain]:
    """The persons listed as the deputies of one just named with a post in a body (…, Director-General of the
    Office, and her deputies, Zhang Ming, Wang Fang and Zhao Lei: gram:en-deputies): each the deputy's post of
    the same body."""
    opening, found = lexicon.pattern("en-deputies"), []
    posts = {id(person): roles for person, roles in chains}
    deputy = _deputy_roles(lexicon)
    for index, item in enumerate(items):
        if not index or not _is(item, EntityType.PERSON) or not opening.search(gap(text, items[index - 1], item)):
            continue
        head = next((p for p in reversed(items[:index]) if id(p) in posts), None)
        if head is None:
            continue
        roles = [(deputy[role], org) for role, org in posts[id(head)] if role in deputy]
        listed = [item]
        for following in items[index + 1 :]:
            if not _is(following, EntityType.PERSON) or gap(text, listed[-1], following) not in (",", "and", ", and"):
                break
            listed.append(following)
        found += [(person, roles) for person in listed if roles]
    return found


@cache
def _deputy_roles(lexicon: Lexicon) -> dict[str, str]:
    """Each post → its deputy's post: the one whose Chinese title is 副 and its title (主任 → 副主任)."""
    by_title = {entry.zh: key for key, entry in lexicon.roles.items()}
    return {key: by_title[f"副{entry.zh}"] for key, entry in lexicon.roles.items() if f"副{entry.zh}" in by_title}


def _title_after_demonym(items: list[Item], index: int, text: str, lexicon: Lexicon) -> Item | None:
    """The diplomatic title right after a nationality adjective at ``index`` (British Consul General): the
    adjective names the country the title's mission serves."""
    demonym, title = items[index], items[index + 1] if index + 1 < len(items) else None
    entry = lexicon.roles.get(title.role.role) if title is not None and title.role else None
    if title is None or entry is None or not entry.implied_org or gap(text, demonym, title) != "":
        return None
    return title if _is(demonym, EntityType.PLACE) and text[demonym.start : demonym.end] in lexicon.demonyms else None


def _body_after_name(items: list[Item], position: int, text: str, role: str, lexicon: Lexicon) -> Item | None:
    """The body or governed place named after a person whose title comes first ("Director-General Qin Wenhua of
    Hubei FAO", "Governor Lee Jae-hoon of North Chungcheong Province")."""
    after = items[position + 1] if position + 1 < len(items) else None
    if after is None or gap(text, items[position], after).lower() not in ("of", "of the"):
        return None
    if _is(after, EntityType.ORG) or (_is(after, EntityType.PLACE) and _all_govern([role], lexicon)):
        return after
    return None


_NAME_NEXT = re.compile(r" [A-Z][a-z]+")
_BODY_NEXT = re.compile(r" of (?:the )?(?=[A-Z])")


def _ministry_named_by_field(text: str, end: int, lexicon: Lexicon) -> EntityKey | None:
    """The gazetteer's ministry a title names by its field alone (Vice Minister of Foreign Affairs, Assistant
    Minister of Commerce: the Ministry of Foreign Affairs, of Commerce), or None."""
    field = MINISTRY_FIELD.match(text, end)
    if field is None or text.startswith(" of ", field.end()):  # Minister of Culture of Korea: another country's
        return None
    entry = lexicon.lookup_en(f"Ministry of {field['field']}", "org")
    return EntityKey(KeyKind.GAZETTEER, entry.key) if entry else None


def _names_unknown_body(text: str, end: int, items: list[Item]) -> bool:
    """True when a title ending at ``end`` goes on with a body or place no item holds (Mayor of Pécs): the title
    has a body, one that no default can stand for."""
    after = _BODY_NEXT.match(text, end)
    return after is not None and not any(i.start <= after.end() < i.end for i in items)


def _titles_before_names(items: list[Item], text: str) -> set[int]:
    """Ids of titles whose body is followed by a capitalised name ("…, Minister Counselor of Serbian Embassy
    Ana Petrovic"), a person the model may miss: the title is that name's, not the person's before it."""
    owned = set()
    for position in range(1, len(items)):
        title, body = items[position - 1], items[position]
        if (
            title.role
            and _is(body, EntityType.ORG)
            and gap(text, title, body).lower() in ("of", "of the")
            and _NAME_NEXT.match(text, body.end)
        ):
            owned.add(id(title))
    return owned


def _leading_titles(items: list[Item], text: str, courtesy: re.Pattern[str]) -> dict[int, tuple[Item, Item | None]]:
    """Titles written before their person, by the person's position, with the body they name: "Director Wang
    Wen", "Chongqing FAO Director Wang Wen", "Minister Counselor of Japanese Embassy Ueno Asako", "Ambassador of
    Hungary Máté Pesti", "Ambassador of Slovakia to China H.E. Mr. Peter Lizák" (places there name no body), and
    an appositive one after "the" ("the Consul General of Japan in Chongqing, Sato Kenji, …")."""
    found: dict[int, tuple[Item, Item | None]] = {}
    for position, person in enumerate(items):
        if position == 0 or not _is(person, EntityType.PERSON):
            continue
        between = gap(text, items[position - 1], person)
        appositive = between == "," and text[person.end : person.end + 1] == ","
        if not (appositive or _only_courtesy(between, courtesy)):
            continue
        before = items[position - 1]
        if appositive and not _after_the(_title_opening(items, position), text):
            continue
        if before.role:
            org = items[position - 2] if position > 1 and items[position - 2].mention is not None else None
            named = org is not None and (_is(org, EntityType.ORG) or _is(org, EntityType.PLACE))
            found[position] = (before, org if named and gap(text, org, before) in ("", "'s") else None)
            continue
        cursor = position - 1
        while cursor > 0 and (_is(items[cursor], EntityType.ORG) or _is(items[cursor], EntityType.PLACE)):
            if gap(text, items[cursor - 1], items[cursor]).lower() not in ("of", "of the", "to", "in"):
                break
            if items[cursor - 1].role:
                found[position] = (items[cursor - 1], items[cursor])
                break
            cursor -= 1
    return found


def _title_opening(items: list[Item], position: int) -> Item:
    """The title that opens the chain of title, bodies and places right before the item at ``position``."""
    cursor = position - 1
    while cursor > 0 and not items[cursor].role and items[cursor].mention is not None:
        cursor -= 1
    return items[cursor]


def _after_the(title: Item, text: str) -> bool:
    """Whether "the" stands right before the title: an appositive title names the person after it ("the Ambassador
    of Honduras to China, Salvador Moncada, said"), where a title after a name is that name's ("Li Ming,
    Consul General of Japan in Chongqing, Sato Kenji, …")."""
    return title.role is not None and text[max(0, title.start - 4) : title.start] in ("the ", "The ")


def _only_courtesy(between: str, courtesy: re.Pattern[str]) -> bool:
    """Whether the text between a title and a name is nothing or courtesy words only (H.E. Mr.)."""
    while between and (match := courtesy.match(between)) and match.end():
        between = between[match.end() :].strip()
    return not between


def _implied_head(role: str, lexicon: Lexicon) -> Entry | None:
    """The head of the mission a diplomatic title implies (总领事 → 总领事馆); None for other titles."""
    entry = lexicon.roles.get(role)
    if entry is None or entry.implied_org is None:
        return None
    return lexicon.lookup_zh(entry.implied_org[0], "head")


def _only_mission(role: str, analysis: LanguageAnalysis, lexicon: Lexicon) -> str | None:
    """The one mission of the kind a bare diplomatic title implies that the article names (龙定斌总领事 on a page
    of 驻珀斯总领馆): the title is its head's. None when the article names none, or several. Chinese only: an
    English bare title is aligned with its Chinese twin's post instead (an English title chain is less sure)."""
    head = _implied_head(role, lexicon)
    if analysis.lang != "zh" or head is None:
        return None
    missions = {m.entity for m in analysis.mentions if m.entity and m.parts and m.parts.head == head.key}
    return missions.pop() if len(missions) == 1 else None


def _implied_mission(
    role: str, person: Item, items: list[Item], text: str, analysis: LanguageAnalysis, lexicon: Lexicon
) -> str | None:
    """The mission a diplomatic title implies: 泰国驻成都总领事陈建中 → 泰国驻成都总领事馆; "Consul General of
    Laos in Kunming" or "US Consul General in Chengdu" → the Consulate General of that country in that city."""
    entry, head = lexicon.roles.get(role), _implied_head(role, lexicon)
    if entry is None or entry.implied_org is None or head is None:
        return None
    places = (
        _mission_places_zh(person, items, text, lexicon)
        or _mission_places_zh(_title_after(role, person, items), items, text, lexicon)
        if analysis.lang == "zh"
        else _mission_places_en(role, person, items, text, lexicon)
    )
    if places is None:
        return None
    country, seat = places
    if country.key is None or country.key.kind is not KeyKind.GAZETTEER:
        return None
    if lexicon.place_level(country.key.path) != "country":
        return None
    seat_key = (seat.key.path if seat.key else "") if seat else head.default_seat or _only_seat(head, analysis)
    if seat is None and not seat_key:
        return None
    parts = OrgParts(country.key.path, "country", head.key, None, None, seat_key)
    key, _ = org_key(parts, parts.place or "")
    alt_labels: dict[str, set[str]] = {}
    if analysis.lang == "zh":
        written = f"{country.name}驻{seat.name}{entry.implied_org[0]}"
        labels = {"zh": f"{_zh_name(country, lexicon)}驻{_zh_name(seat, lexicon)}{entry.implied_org[0]}"}
        alt_labels["zh"] = {written}
        if english := _mission_english(entry.implied_org[1], country, seat, lexicon):
            alt_labels["en"] = {english}  # the English text's own name of it, if any, is its label
    else:
        seat_name = seat.name if seat else lexicon.places[seat_key].en
        labels = {"en": f"{entry.implied_org[1]} of {_country_as_written(country, lexicon)} in {seat_name}"}
    entity = next((e for e in analysis.entities if e.key == key), None)
    if entity is None:  # else the mission is named too (匈牙利、比利时等国驻华使馆): the title's names join it
        entity = Entity(id=f"{analysis.lang}-e{len(analysis.entities)}", type=EntityType.ORG, key=key, labels=labels)
        analysis.entities.append(entity)
    for lang, names in [*((lang, {label}) for lang, label in labels.items()), *alt_labels.items()]:
        entity.alt_labels.setdefault(lang, set()).update(names - {entity.labels.get(lang)})
    return entity.id


def _only_seat(head: Entry, analysis: LanguageAnalysis) -> str:
    """The one city where the missions of this kind the text names sit (Singaporean Consul General Kenneth Yap,
    on a page whose consulates general are all in Xiamen); empty when there are none or several."""
    suffix = f"/{head.key}@"
    seats = {str(e.key).partition(suffix)[2] for e in analysis.entities if e.key and suffix in str(e.key)}
    return seats.pop() if len(seats) == 1 else ""


def _mission_english(head: str, country: Mention, seat: Mention, lexicon: Lexicon) -> str | None:
    """The English name of a mission the Chinese text implies, when the gazetteer knows both places (泰国驻成都
    总领事 → Consulate General of Thailand in Chengdu; 荷兰驻华大使 → Embassy of the Netherlands in China)."""
    where = lexicon.places.get(country.key.path) if country.key else None
    seated = lexicon.places.get(seat.key.path) if seat.key and seat.key.kind is KeyKind.GAZETTEER else None
    if where is None or seated is None:
        return None
    return f"{head} of {_with_article(where)} in {seated.en}"


def _country_as_written(country: Mention, lexicon: Lexicon) -> str:
    """A country's English name after "of" in a mission's name: as the text writes it when that is one of its
    other names (of the Republic of Korea), its gazetteer name (with "the" where English writes one: of the
    Philippines) for that name, an adjective or an acronym (Australian, US)."""
    where = lexicon.places.get(country.key.path) if country.key else None
    if where is not None and (country.name not in where.en_forms or country.name.isupper() or country.name == where.en):
        return _with_article(where)
    return f"the {country.name}" if " of " in country.name else country.name


def _with_article(country: Entry) -> str:
    """A country's English name as it follows "of": with "the" where English writes one (the Netherlands, the
    Republic of Korea, the United States, the Czech Republic)."""
    name = country.en
    article = f"the {name}" in country.en_forms or " of " in name or name.startswith(_ARTICLE_OPENINGS)
    return f"the {name}" if article or name.endswith(_ARTICLE_ENDINGS) else name


_ARTICLE_OPENINGS = ("United ", "Republic ", "Kingdom ", "Democratic ", "Federated ", "State ")
_ARTICLE_ENDINGS = (" Republic", " Islands", " Emirates")


def _zh_name(place: Mention, lexicon: Lexicon) -> str:
    """A place's full name as a mission's name writes it (乌兹别克 → 乌兹别克斯坦, 沪 → 上海): the gazetteer's name,
    a city's or province's short form (香港特别行政区 → 香港) or without its suffix; the name as written for a place
    the gazetteer lacks."""
    entry = lexicon.places.get(place.key.path) if place.key and place.key.kind is KeyKind.GAZETTEER else None
    return place.name if entry is None else mission_place_name(entry, lexicon)


def _title_after(role: str, person: Item, items: list[Item]) -> Item | None:
    """The first title ``role`` written after the person (李华于2021年3月出任泰国驻成都总领事), if any."""
    return next((i for i in items[items.index(person) + 1 :] if i.role and i.role.role == role), None)


def _mission_places_zh(
    person: Item | None, items: list[Item], text: str, lexicon: Lexicon
) -> tuple[Mention, Mention] | None:
    """Country and seat of 泰国驻成都总领事陈建中: the two places before the person (or before the title an
    appointment after the person gives), joined by 驻 or by a word that only dates the title (白俄罗斯首任驻广州总领事:
    gram:zh-mission-modifier). With no country before 驻 and a seat abroad (驻悉尼总领事李华新, 驻苏丹大使), the
    mission is China's."""
    if person is None:
        return None
    position = items.index(person)
    places = [i.mention for i in items[:position] if i.mention is not None][-2:]
    while places and places[0].type is not EntityType.PLACE:
        places.pop(0)
    if not places or places[-1].type is not EntityType.PLACE:
        return None
    seat = places[-1]
    if len(places) == 2 and lexicon.pattern("zh-mission-modifier").fullmatch(text, places[0].end, seat.start):
        return places[0], seat
    if text[seat.start - 1 : seat.start] != "驻":
        return None
    if not _abroad(seat, lexicon):
        return _listed_mission_country(seat, items, text, lexicon)
    if len(places) == 2 and places[0].end == seat.start - 1:
        return None  # a place that is no country sends it
    return _home_country(seat.start - 1, lexicon), seat


def _listed_mission_country(
    seat: Mention, items: list[Item], text: str, lexicon: Lexicon
) -> tuple[Mention, Mention] | None:
    """A mission title with no country, right after a list mark that follows another envoy (俄罗斯驻华大使甲、
    驻沈阳总领事乙): the country of that envoy's mission sends it too."""
    before = [i for i in items if i.end <= seat.start - 1]
    if not before or not _is(before[-1], EntityType.PERSON):
        return None
    if text[before[-1].end : seat.start - 1] not in lexicon.words("zh-list-gap"):
        return None
    earlier = _mission_places_zh(before[-1], items, text, lexicon)
    return (earlier[0], seat) if earlier else None


def _home_country(at: int, lexicon: Lexicon) -> Mention:
    """China as the unwritten sender of a mission abroad (驻悉尼总领事), an empty span at ``at``."""
    name = lexicon.places[HOME_COUNTRY].zh
    key = EntityKey(KeyKind.GAZETTEER, HOME_COUNTRY)
    return Mention("", "zh", at, at, "", name, EntityType.PLACE, "implied", 1.0, key=key)


def _abroad(place: Mention, lexicon: Lexicon) -> bool:
    """True for a place outside China: a country other than China, or a place the division table lacks (悉尼)."""
    if place.key is None:
        return False
    if place.key.kind is not KeyKind.GAZETTEER:
        return place.key.kind is KeyKind.PLACE
    return foreign_country(place.key.path, lexicon)


def _mission_places_en(
    role: str, person: Item, items: list[Item], text: str, lexicon: Lexicon
) -> tuple[Mention, Mention | None] | None:
    """Country and seat around an English title: "Consul General of Laos in Kunming", "US Consul General in
    Chengdu", "Ambassador of Sri Lanka to China"; only a title with no other person between it and this one,
    and none written before another person ("…, Ambassador of Moldova to China H.E. Mr. Dumitru Braghis").
    A title right before the name with the country after it ("Ambassador Khalil Hashmi of Pakistan") gives
    the country alone: the mission's seat is then its kind's default (an embassy's: China)."""
    position = items.index(person)
    following = items[position + 1] if position + 1 < len(items) else None
    if (
        position
        and items[position - 1].role is not None
        and items[position - 1].role.role == role  # type: ignore[union-attr]
        and not text[items[position - 1].end : person.start].strip()
        and following is not None
        and following.mention is not None
        and following.type is EntityType.PLACE
        and _MISSION_OF.fullmatch(text[person.end : following.start].lstrip(","))
    ):
        return following.mention, None
    persons = [i.start for i in items if i is not person and _is(i, EntityType.PERSON)]
    leading = _leading_titles(items, text, lexicon.pattern("en-honorific"))
    others = {id(title) for position, (title, _) in leading.items() if items[position] is not person}
    titles = [
        i
        for i in items
        if i.role is not None
        and i.role.role == role
        and id(i) not in others
        and not any(min(i.start, person.start) < p < max(i.start, person.start) for p in persons)
    ]
    for title in sorted(titles, key=lambda t: abs(t.start - person.start)):
        position = items.index(title)
        after = [
            i.mention
            for i in items[position + 1 : position + 4]
            if i.mention and i.type is EntityType.PLACE and not _bracketed(text, i)
        ][:2]
        before = [i.mention for i in items[max(position - 1, 0) : position] if i.mention]
        of_in = len(after) == 2 and _MISSION_OF.fullmatch(text[title.end : after[0].start])
        if of_in and _MISSION_IN.fullmatch(text[after[0].end : after[1].start]):
            return after[0], after[1]
        adjective = bool(before and after) and before[0].type is EntityType.PLACE
        if (
            adjective
            and not text[before[0].end : title.start].strip()
            and _MISSION_IN.fullmatch(text[title.end : after[0].start])
        ):
            return before[0], after[0]
        if (
            before
            and before[0].type is EntityType.PLACE
            and not text[before[0].end : title.start].strip()
            and not text[title.end : person.start].strip()
        ):
            return before[0], None  # Singaporean Consul General Kenneth Yap: the seat is the kind's usual one
    return None


def _bracketed(text: str, item: Item) -> bool:
    """A name in brackets of its own, an acronym of the name before it (the Republic of Korea (ROK))."""
    return text[item.start - 1 : item.start] == "(" and text[item.end : item.end + 1] == ")"


_MISSION_OF = re.compile(r"\s+of\s+(?:the\s+)?")
_MISSION_IN = re.compile(r"(?:\s+\([A-Z]{2,6}\))?\s+(?:in|to)\s+(?:the\s+)?")
"""What joins a mission's country and its seat: "in" or "to", after the country's acronym in brackets where the
text gives one (Ambassador of the Republic of Korea (ROK) to China)."""


def _body_named_before(
    role: str, person: Item, items: list[Item], text: str, analysis: LanguageAnalysis, lexicon: Lexicon
) -> str | None:
    """The body named last before ``person`` whose name ends with a body word of the post (当选第七届理事会会长
    after the congress of an association; 副会长乙致辞 after 省友协副会长甲主持: the association); none when the
    title is glued to a name the text gives but no body was found in (华人联盟会长俞国梁: that one's)."""
    words = lexicon.roles[role].body_words_zh if role in lexicon.roles else ()
    titles = [i for i in items if i.role and i.role.role == role] if words else []
    if not titles:
        return None
    title = min(titles, key=lambda i: abs(i.start - person.start))
    opening = _without_term_council(text[max(0, title.start - 12) : title.start], lexicon)
    if opening and "\u4e00" <= opening[-1] <= "\u9fff" and not lexicon.pattern("zh-take-up").search(opening[-2:]):
        return None
    before = [
        m
        for m in analysis.mentions
        if m.type is EntityType.ORG and m.end <= person.start and text[m.start : m.end].endswith(words)
    ]
    return max(before, key=lambda m: m.end).entity if before else None


def _default_org(
    role: str, analysis: LanguageAnalysis, lexicon: Lexicon, places: PlaceContext, written: str = ""
) -> str | None:
    """The entity id of the role's default body, created without mentions when the text never names it; with
    the level word the title was ``written`` after (自治区 of 自治区主席), its bikg:placeBody in the article's place
    of that level."""
    entry = lexicon.roles.get(role)
    default = entry.place_body if entry and written else entry.default_org if entry else ""
    if not default:
        return None
    if default in lexicon.organisations:
        named = lexicon.organisations[default]
        key, labels = EntityKey(KeyKind.GAZETTEER, named.key), {"zh": named.zh, "en": named.en}
    else:
        body = lexicon.bodies[default]
        parts = OrgParts(None, body.level, None, body.key, None)
        place = resolve_place(parts, places, lexicon)
        key, _ = org_key(parts, place)
        if place not in lexicon.places or not lexicon.places[place].zh.endswith(written):
            return None
        labels = government_labels(lexicon.places[place], body)
    for entity in analysis.entities:
        if entity.key == key:
            return entity.id
    entity = Entity(id=f"{analysis.lang}-e{len(analysis.entities)}", type=EntityType.ORG, key=key, labels=labels)
    analysis.entities.append(entity)
    return entity.id


def _find_or_add(analysis: LanguageAnalysis, key: EntityKey, labels: dict[str, str], parent: str | None = None) -> str:
    """The id of the entity with ``key``, added (without mentions) when the text never names it."""
    for entity in analysis.entities:
        if entity.key == key:
            for lang, label in labels.items():
                if label != entity.labels.get(lang):
                    entity.alt_labels.setdefault(lang, set()).add(label)
            return entity.id
    entity = Entity(f"{analysis.lang}-e{len(analysis.entities)}", EntityType.ORG, key, labels, parent=parent)
    analysis.entities.append(entity)
    return entity.id


def _foreign_country(place: Item, lexicon: Lexicon) -> str | None:
    """The gazetteer key of a country other than China that the item names (新加坡 in 新加坡总理李显龙)."""
    key = place.mention.key if place.mention else None
    if key is None or key.kind is not KeyKind.GAZETTEER or key.path == HOME_COUNTRY:
        return None
    return key.path if lexicon.place_level(key.path) == "country" else None


def _national_government(country: str, analysis: LanguageAnalysis, lexicon: Lexicon) -> str:
    """The government of a foreign country, whose title (总理, 外长) is not a Chinese body's post."""
    where = lexicon.places[country]
    labels = {"zh": f"{where.zh}政府", "en": f"Government of {where.en}"}
    return _find_or_add(analysis, EntityKey(KeyKind.ORG, f"{country}/national-government"), labels)


def _opens_longer_name(text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether the capitalised words after ``end`` go on to a body's last word (Sichuan| International Studies
    University): the place opens a longer name."""
    words = re.match(r"(?: [A-Z][\w'’-]*){1,4}", text[end:])
    return words is not None and any(w in lexicon.org_head_words for w in words.group().split())


_FITS = {"city": {"city", "municipality"}, "province": {"province", "municipality"}}
_EN_GOVERNMENT = {"city": "City Government", "province": "Provincial Government", "county": "County Government"}


def _place_government(role: str, place: Item, text: str, analysis: LanguageAnalysis, lexicon: Lexicon) -> str | None:
    """The government a title heads in the place named right before it (佩奇市市长 → 佩奇市政府)."""
    mention = place.mention
    if mention is None or not mention.key or mention.type is not EntityType.PLACE or not _governs(role, lexicon):
        return None
    if analysis.lang == "en" and _opens_longer_name(text, mention.end, lexicon):
        return None  # Vice President of Sichuan| International Studies University: no provincial government
    body = _place_body(role, lexicon)
    assert body is not None  # _governs
    place_key = mention.key.path
    key, _ = org_key(OrgParts(place_key, body.level, None, body.key, None), place_key)
    known = lexicon.places.get(place_key)
    if known and known.level not in _FITS.get(body.level or "", {body.level}):
        # a governor of a prefecture (Governor … of Xishuangbanna Prefecture) is its 州长, a variant of the post
        variants = (lexicon.roles[specific].default_org for _, specific in lexicon.role_variants.get(role, ()))
        body = next((lexicon.bodies[b] for b in variants if b and lexicon.bodies[b].level == known.level), None)
        if body is None:
            return None
        key, _ = org_key(OrgParts(place_key, body.level, None, body.key, None), place_key)
    english = _EN_GOVERNMENT.get(body.level or "", body.en)
    short = (
        f"{_with_level(mention.name, text[mention.end : mention.end + 4], lexicon)}政府"
        if analysis.lang == "zh"
        else f"{_without_level(mention.name, body.level, lexicon)} {english}"
    )
    entity = _find_or_add(analysis, key, government_labels(known, body) if known else {analysis.lang: short})
    alt_labels = next(e for e in analysis.entities if e.id == entity).alt_labels
    if mention.name.removeprefix("the ") not in EN_LEVELS_ALONE:  # not "Autonomous Region Provincial Government"
        alt_labels.setdefault(analysis.lang, set()).add(short)
    if known and (inverted := _government_of(known, body, lexicon)):
        alt_labels.setdefault("en", set()).add(inverted)
    return entity


def _with_level(place: str, following: str, lexicon: Lexicon) -> str:
    """A place written without its level word, whose title begins with it, gets it back (五泉 of 五泉市长,
    大伦敦 of 大伦敦副市长 → 五泉市, 大伦敦市): the title's 市 is also the city's. ``following`` is the text
    after the place."""
    levels = tuple(form for entry in lexicon.place_suffixes.values() for form in entry.zh_forms)
    level = following.removeprefix("常务").removeprefix("副")[:1]
    if level in levels and not place.endswith(levels):
        return place + level
    return place


def _without_level(place: str, level: str | None, lexicon: Lexicon) -> str:
    """An English place name without the level word its government's name repeats (Champasak Province →
    Champasak, of Champasak Provincial Government)."""
    for entry in lexicon.place_suffixes.values():
        for form in entry.en_forms if entry.level == level else ():
            if place.endswith(f" {form}"):
                return place.removesuffix(f" {form}")
    return place


def _government_of(where: Entry, body: Entry, lexicon: Lexicon) -> str | None:
    """The English name with the place after the body (People's Government of Yongchuan District, beside
    Yongchuan District People's Government), the place with its level word."""
    if region_name(where, body) is not None:
        return None
    level_word = next((e.en_forms[0] for e in lexicon.place_suffixes.values() if e.level == body.level), None)
    if not body.modifier or not level_word or not body.en.startswith(f"{body.modifier} "):
        return None
    place = where.en if where.en.endswith(f" {level_word}") else f"{where.en} {level_word}"
    return f"{body.en.removeprefix(f'{body.modifier} ')} of {place}"


def _in_sub_body(
    role: str,
    org_id: str | None,
    org: Item | str | None,
    analysis: LanguageAnalysis,
    lexicon: Lexicon,
    groups: dict[str, str],
) -> str | None:
    """A Party Group title's body is the Party Group of the body named (市政府外办党组书记 → 市政府外办党组);
    with no body named (办党组成员), the Party Group named last in the article."""
    sub = _implied_sub(lexicon.roles.get(role), lexicon)
    if sub is None:
        return org_id
    parent = next((e for e in analysis.entities if e.id == org_id), None)
    if parent is not None and parent.key.path.endswith(f"/{sub.key}"):
        groups[sub.key] = parent.id
        return parent.id
    if parent is None or parent.key.kind is not KeyKind.ORG or not isinstance(org, Item) or org.mention is None:
        return groups.get(sub.key, org_id)
    name = f"{org.mention.name}{sub.zh}" if analysis.lang == "zh" else f"{sub.en} of {org.mention.name}"
    group = _find_or_add(analysis, parent.key.child(sub.key), {analysis.lang: name}, parent=parent.id)
    entity = next(e for e in analysis.entities if e.id == group)
    entity.alt_labels.setdefault(analysis.lang, set()).update(sub.zh_forms if analysis.lang == "zh" else sub.en_forms)
    groups[sub.key] = group
    return group


def _implied_sub(entry: Entry | None, lexicon: Lexicon) -> Entry | None:
    if entry is None or entry.implied_org is None:
        return None
    return lexicon.lookup_zh(entry.implied_org[0], "sub")


def _partial(text: str, year: str | None) -> str | None:
    """An ISO partial date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) from 2019年6月 / 3月22日 (year supplied)."""
    match = _ZH_DATE.fullmatch(text)
    if not match or not (match["year"] or year):
        return None
    parts = [match["year"] or year]
    for unit in ("month", "day"):
        if not match[unit]:
            break
        parts.append(f"{int(match[unit]):02d}")
    return "-".join(parts)  # type: ignore[arg-type]


def _arrivals(
    memberships: list[Membership],
    analysis: LanguageAnalysis,
    text: str,
    reading: tuple[re.Pattern[str], dt.date | None],
) -> None:
    """A post taken up on a date by a person (莫戈蒔于2020年到任) or a pronoun (感谢他自2020年到任以来, 他自去年10月
    来鄂履新): the start of the one post of that person, or of the last person named before the pronoun's
    clause, when that person holds one post only and no start is stated; 去年 and 今年 count from the
    publication."""
    arrival, published = reading
    persons = _persons(analysis)
    for match in arrival.finditer(text):
        clause_start = max((m.end() for m in _ZH_CLAUSE_END.finditer(text, 0, match.start())), default=0)
        if match["pronoun"]:  # the clause's own subject (王雯感谢他…) is not the one the pronoun stands for
            before = [entity for start, _, entity in persons if start < clause_start]
        else:  # the person right before, a title between (莫戈蒔总领事于2020年到任)
            before = [e for s, end, e in persons if clause_start <= s and end <= match.start() <= end + _TITLE_GAP]
        month = int(match["month"]) if match["month"] else None
        _start_post(memberships, before[-1] if before else None, (match, month), published)


def _arrivals_en(
    memberships: list[Membership],
    analysis: LanguageAnalysis,
    version: TextVersion,
    reading: tuple[re.Pattern[str], dt.date | None],
) -> None:
    """A post taken up on a stated date in English (Kenneth Yap, who assumed office in February 2024; Yap has
    served as Consul General since 2021; he took up his post in March): the start of the one post of its
    holder, when that person holds one post only and no start is stated. The holder is the person right before
    (a title between commas allowed), before ``who`` or a pronoun in the sentence (for a pronoun, else the last
    one before the sentence), or the first one after ``since taking office`` opening it. A date without its
    year takes the publication's (last year: the one before)."""
    arrival, published = reading
    persons = _persons(analysis)
    text = version.text
    for match in arrival.finditer(text):
        start, end = next(((s, e) for s, e in version.sentences if s <= match.start() < e), (0, len(text)))
        before = [(e, entity) for s, e, entity in persons if start <= s and e <= match.start()]
        holder = None
        if match["pronoun"] or match["who"]:
            holder = before[-1][1] if before else None
            if holder is None and match["pronoun"]:
                holder = next((entity for s, _, entity in reversed(persons) if s < start), None)
        elif before and _EN_SUBJECT_GAP.fullmatch(text, before[-1][0], match.start()):
            holder = before[-1][1]
        elif match["taking"] and not before:
            holder = next((entity for s, _, entity in persons if match.end() <= s < end), None)
        month = MONTHS[match["month"].lower()] if match["month"] else None
        _start_post(memberships, holder, (match, month), published)


def _persons(analysis: LanguageAnalysis) -> list[tuple[int, int, str]]:
    """(start, end, entity id) of the analysis's person mentions, in text order."""
    return sorted(
        (m.start, m.end, m.entity) for m in analysis.mentions if m.type is EntityType.PERSON and m.entity is not None
    )


def _start_post(
    memberships: list[Membership],
    holder: str | None,
    stated: tuple[re.Match[str], int | None],
    published: dt.date | None,
) -> None:
    """Date the one post of ``holder`` from a match of an arrival rule (groups year or last_year, day) and its month:
    only when the holder holds one post with no start yet; a date without its year takes the publication's."""
    match, month = stated
    posts = [m for m in memberships if holder is not None and m.person == holder]
    year = match["year"] or (published and str(published.year - bool(match["last_year"])))
    if len(posts) == 1 and posts[0].start is None and year:
        month_part = f"-{month:02d}" if month else ""
        day = f"-{int(match['day']):02d}" if month_part and match["day"] else ""
        posts[0].start = f"{year}{month_part}{day}"


def _meeting_day(text: str, sentence_start: int) -> list[str]:
    """The last full date (month and day) of the paragraph before the sentence at ``sentence_start``: the day of
    the meeting an election was held at."""
    paragraph = text.rfind("\n", 0, sentence_start) + 1
    return [m.group() for m in _ZH_DATE.finditer(text, paragraph, sentence_start) if m["month"] and m["day"]][-1:]


def _date(
    membership: Membership,
    text: str,
    sentence_start: int,
    holder: tuple[Item, Item | None],
    published: dt.date | None,
    lexicon: Lexicon,
) -> None:
    """Set the start or end of a post from the clause stating it (于2021年3月任, 免去…职务 on a dated decision);
    a date without its year takes the sentence's year, else the publication's (the month before it)."""
    person, org = holder
    take, leave = lexicon.pattern("zh-take-up"), lexicon.pattern("zh-leave")
    end_at = org.start if isinstance(org, Item) and org.start > person.end else person.end
    clause_start = max(
        (m.end() for m in _ZH_CLAUSE_END.finditer(text, sentence_start, person.start)), default=sentence_start
    )
    verb = text[clause_start:end_at].replace(text[person.start : person.end], "")
    if not (take.search(verb) or leave.search(verb)) or lexicon.pattern("zh-earlier-post").search(verb):
        return
    # a decision's date covers every post it lists, after ；too (3月30日，…决定：任命A为…；免去B的…职务)
    whole_sentence = max(text.rfind(mark, 0, sentence_start) for mark in _ZH_SENTENCE_END) + 1
    window = text[whole_sentence:end_at]
    years = re.findall(r"(\d{4})年", window)
    year = years[-1] if years else (str(published.year) if published else None)
    span = _ZH_RANGE.search(window)
    if span:
        membership.start, membership.end = _partial(span["start"], year), _partial(span["end"], year)
        return
    dates = [m.group() for m in _ZH_DATE.finditer(window) if m.group() and (m["month"] or m["year"])]
    if not dates and lexicon.pattern("zh-elected").search(verb):
        dates = _meeting_day(text, sentence_start)
    if not dates:
        return
    value = _partial(dates[-1], year)
    if leave.search(verb):
        membership.end = value
    else:
        membership.start = value
