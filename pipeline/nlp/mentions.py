"""Turning candidate spans from the models and the lexicon into non-overlapping mentions."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pipeline.lexicon.match import Match
from pipeline.model import EntityKey, EntityType, KeyKind, LanguageAnalysis, Mention, OrgParts, RoleMention

# Where two candidates overlap, the higher rank wins; equal ranks go to the longer span.
FIELD_OF_MINISTRY = "ministry-field"
"""The source of a ministry's mention whose text is only the field a minister's title names (Minister of |Foreign
Affairs| of Malawi): its name is the ministry's, its text no name of it."""

RANK = {
    "session": 5,
    "composed": 4,
    "named": 4,
    "acronym": 4,
    "venue": 4,
    "joined": 4,
    "named-body": 4,
    "role": 3,
    "titled-body": 2,
    FIELD_OF_MINISTRY: 2,
    "model": 1,
}
CONFIDENCE = {
    "session": 0.95,
    "composed": 0.9,
    "named": 0.95,
    "acronym": 0.9,
    "venue": 0.8,
    "joined": 0.75,
    "named-body": 0.75,
    "titled-body": 0.7,
    FIELD_OF_MINISTRY: 0.7,
    "model": 0.7,
}


@dataclass(slots=True)
class Candidate:
    """A span that may become a mention (or a role mention when ``type`` is None)."""

    start: int
    end: int
    source: str
    type: EntityType | None
    key: EntityKey | None = None
    parts: OrgParts | None = None
    role: str | None = None
    nested_ok: bool = False
    confidence: float | None = None
    name: str | None = None
    """The name the mention stands for when not its text (英国 of 英国、日本驻重庆总领事馆: 英国驻重庆总领事馆)."""


def from_match(match: Match, type_of_named: dict[str, EntityType]) -> Candidate:
    """A lexicon match as a candidate."""
    if match.table in ("session", "gathering"):
        kind = KeyKind.SESSION if match.table == "session" else KeyKind.GATHERING
        return Candidate(match.start, match.end, "session", EntityType.SESSION, key=EntityKey(kind, match.key))
    if match.table == "composed":
        return Candidate(match.start, match.end, "composed", EntityType.ORG, parts=match.parts)
    if match.table == "role":
        return Candidate(match.start, match.end, "role", None, role=match.key)
    gazetteer = EntityKey(KeyKind.GAZETTEER, match.key)
    return Candidate(match.start, match.end, "named", type_of_named[match.table], key=gazetteer)


def promote_named_bodies(candidates: list[Candidate]) -> None:
    """A body the model names around a gazetteer place (重庆 in 重庆大学) keeps its whole name, unless a
    composed government body covers it: the place is part of the name, not a place mention. A venue the
    model's span ends with (友谊宾馆 of 在洛阳友谊宾馆会见) is the place, named with the whole span."""
    places = [c for c in candidates if c.source == "named" and c.type is EntityType.PLACE]
    composed = [c for c in candidates if c.source == "composed"]
    venues = [c for c in candidates if c.source == "venue"]
    for candidate in candidates:
        span = (candidate.start, candidate.end)
        if candidate.source != "model" or candidate.type is not EntityType.ORG:
            continue
        venue = next((v for v in venues if v.end == candidate.end and candidate.start <= v.start), None)
        if venue is not None:
            venue.start = candidate.start
            continue
        inside = any(candidate.start <= p.start and p.end <= candidate.end and (p.start, p.end) != span for p in places)
        if inside and not any(c.start < candidate.end and candidate.start < c.end for c in composed):
            candidate.source = "named-body"


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, best first; a candidate marked ``nested_ok`` may sit inside a session. A
    title that opens inside a body's name and ends after it (外交部长 of 马拉维外交部长) is then kept after the
    body, where no shorter title was (主任 of 外事办公室主任 stays 主任)."""
    chosen: list[Candidate] = []
    dropped: list[Candidate] = []
    ordered = sorted(candidates, key=lambda c: (-RANK[c.source], -(c.end - c.start), c.start))
    for candidate in ordered:
        (dropped if _clashes(candidate, chosen) else chosen).append(candidate)
    bodies = [c for c in chosen if c.type is EntityType.ORG]
    for title in (c for c in dropped if c.type is None and c.role is not None):
        body = next((b for b in bodies if _title_after_body(title, b)), None)
        if body is not None and not _clashes(rest := replace(title, start=body.end), chosen):
            chosen.append(rest)
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _clashes(candidate: Candidate, chosen: list[Candidate]) -> bool:
    return any(
        other.start < candidate.end and candidate.start < other.end and not _nested_in_session(candidate, other)
        for other in chosen
    )


def _nested_in_session(candidate: Candidate, other: Candidate) -> bool:
    """A name that may sit inside a session's (全国人大 in 十三届全国人大三次会议), not a place inside a
    gathering's name (温州 in 第十五届中国(温州)国际园林博览会)."""
    if other.type is not EntityType.SESSION or not candidate.nested_ok:
        return False
    return not (candidate.type is EntityType.PLACE and other.key is not None and other.key.kind is KeyKind.GATHERING)


def _title_after_body(title: Candidate, body: Candidate) -> bool:
    return (
        title.type is None
        and title.role is not None
        and body.type is EntityType.ORG
        and body.start <= title.start < body.end < title.end
    )


def add_to_analysis(analysis: LanguageAnalysis, text: str, names: str, chosen: list[Candidate]) -> None:
    """Write the chosen candidates into ``analysis`` as mentions and role mentions."""
    for candidate in chosen:
        if candidate.type is None:
            if candidate.role:
                analysis.roles.append(RoleMention(analysis.lang, candidate.start, candidate.end, candidate.role))
            continue
        analysis.mentions.append(
            Mention(
                id=f"{analysis.lang}-m{len(analysis.mentions)}",
                lang=analysis.lang,
                start=candidate.start,
                end=candidate.end,
                text=text[candidate.start : candidate.end],
                name=candidate.name or names[candidate.start : candidate.end],
                type=candidate.type,
                source=candidate.source,
                confidence=candidate.confidence or CONFIDENCE[candidate.source],
                key=candidate.key,
                parts=candidate.parts,
            )
        )


def link_short_names(analysis: LanguageAnalysis) -> None:
    """A person named again by one part of the full name (Hu for Hu Henghua, Morawski, 科霍纳 for 帕利塔·科霍纳;
    Tsang for Erick Tsang Kwok-wai, a Hong Kong name whose hyphenated given name follows the surname) takes the
    full name, when the article names exactly one such person in full."""
    persons = [m for m in analysis.mentions if m.type is EntityType.PERSON]
    full = {m.name for m in persons if len(_name_parts(m.name)) > 1}
    for mention in persons:
        parts = _name_parts(mention.name)
        if len(parts) != 1 or not parts[0]:
            continue
        word = parts[0].lower()
        owners = {name for name in full if word in _surname_candidates(name)}
        if len(owners) == 1:
            mention.name = owners.pop()


def repeated_person_names(analysis: LanguageAnalysis, text: str, names: str) -> None:
    """A person's full name that the article writes again where the model found nothing (应秀丽在致辞中说, after
    副主任应秀丽 was found) names that person there too: a name of three characters or more, standing on word
    boundaries of the tokens and overlapping no mention."""
    persons = sorted({m.name for m in analysis.mentions if m.type is EntityType.PERSON and len(m.name) >= 3})
    starts, ends = {t.start for t in analysis.tokens}, {t.end for t in analysis.tokens}
    taken = [(m.start, m.end) for m in analysis.mentions]
    added = []
    for name in persons:
        at = names.find(name)
        while at >= 0:
            end = at + len(name)
            if at in starts and end in ends and not any(s < end and at < e for s, e in taken):
                taken.append((at, end))
                added.append((at, end, name))
            at = names.find(name, at + 1)
    for start, end, name in sorted(added):
        mention_id = f"{analysis.lang}-m{len(analysis.mentions)}"
        analysis.mentions.append(
            Mention(mention_id, analysis.lang, start, end, text[start:end], name, EntityType.PERSON, "model", REPEATED)
        )


REPEATED = CONFIDENCE["model"]
"""A repeated name is as sure as the model's own span of it."""


def persons_taken_for_places(analysis: LanguageAnalysis) -> None:
    """A name the model takes for a place in one sentence (25日，韦海燕到展区; 尼罗拉于12月抵拉萨) that the article
    names as a person elsewhere, whole or as one part of one full name (克拉夫丘克 of 谢尔盖·克拉夫丘克, also when a
    headline names him by it alone), is that person."""
    persons = {m.name for m in analysis.mentions if m.type is EntityType.PERSON}
    for mention in analysis.mentions:
        if mention.type is not EntityType.PLACE or mention.source != "model":
            continue
        owners = {name for name in persons if mention.name in _name_parts(name)[1:]}
        if len(owners) == 1:
            mention.type, mention.name = EntityType.PERSON, owners.pop()
        elif mention.name in persons:
            mention.type = EntityType.PERSON


def link_venue_names(analysis: LanguageAnalysis, openings: frozenset[str]) -> None:
    """A venue named again without the level or place its name opens with (外事大楼 after 市外事大楼, the
    Foreign Affairs Building after the Municipal Foreign Affairs Building) is that venue, when the article
    names one such venue."""
    venues = [m for m in analysis.mentions if m.type is EntityType.PLACE and m.source == "venue"]
    names = {m.name for m in venues}
    for mention in venues:
        longer = {
            name
            for name in names
            if name != mention.name and name.endswith(mention.name) and name[: -len(mention.name)].strip() in openings
        }
        if len(longer) == 1:
            mention.name = longer.pop()


def _surname_candidates(name: str) -> tuple[str, ...]:
    """The parts of a full name that may be its surname, lower-cased: the first and the last; in a name ending in
    a hyphenated given name (Erick Tsang Kwok-wai), the word before it."""
    parts = _name_parts(name)
    words = name.split()
    hyphenated = len(words) >= 2 and "-" in words[-1]
    return (parts[0].lower(), parts[-1].lower()) + ((words[-2].lower(),) if hyphenated else ())


def _name_parts(name: str) -> list[str]:
    return [p for p in name.replace("·", " ").replace("-", " ").split() if p] if " " in name or "·" in name else [name]


def settle_name_variants(analysis: LanguageAnalysis, text: str, names: str) -> None:
    """A Chinese person span one character off a name the article writes elsewhere takes that name: cut
    short (李明 before 全, when 李明全 is named too) or one character too long at the front (谢玛友 in
    感谢玛友, when 玛友 is named more often)."""
    persons = [m for m in analysis.mentions if m.type is EntityType.PERSON]
    counts: dict[str, int] = {}
    for mention in persons:
        counts[mention.name] = counts.get(mention.name, 0) + 1
    taken = {(m.start, m.end) for m in analysis.mentions}
    for mention in persons:
        longer = names[mention.start : mention.end + 1]
        shorter = mention.name[1:]
        if longer != mention.name and longer in counts and (mention.end, mention.end + 1) not in taken:
            mention.end += 1
        elif len(mention.name) >= 3 and counts.get(shorter, 0) > counts[mention.name]:
            mention.start += 1
        else:
            continue
        mention.text, mention.name = text[mention.start : mention.end], names[mention.start : mention.end]
