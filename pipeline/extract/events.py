"""Events: triggers start an event, cues say who took part and how, dates are normalised.

A trigger (召开, 调研, 会见, held a meeting, met with …) starts an event in its sentence; the kind is
that of the highest-priority trigger there. Cues whose participant is the verb's subject (主持,
讲话, presided over, attended) may also stand in later sentences of the same paragraph and then
attach to the paragraph's last event; cues whose participant is an object (location, guest, topic)
count only in the event's own sentence.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.dates import find_dates
from pipeline.extract.items import Item, sentence_items
from pipeline.model import EntityType, Event, Evidence, LanguageAnalysis, Participation, TextVersion, Token
from pipeline.resources import Cue, EventKind, Lexicon

_CLAUSE = re.compile(r"[,，;；:：]")
_AGENTS = (EntityType.PERSON, EntityType.ORG)
_OBJECT_TYPES = {
    "schema:location": (EntityType.PLACE,),
    "schema:about": (EntityType.SESSION,),
    "schema:attendee": (EntityType.PERSON, EntityType.ORG),
}
_ZH_MEETING_NOUN = re.compile(r"[^,，。;；、]{0,12}?(?:会议|会|仪式|活动|论坛)")
BASE_CONFIDENCE = 0.7


def extract_events(
    analysis: LanguageAnalysis, version: TextVersion, lexicon: Lexicon, article_date: dt.date | None
) -> None:
    """Add the events stated in ``version`` to ``analysis`` (entities must be built)."""
    items_by_sentence = sentence_items(analysis, version)
    dates = find_dates(version.text, version.lang, article_date)
    current: Event | None = None
    current_paragraph = -1
    for index, (start, end) in enumerate(version.sentences):
        paragraph = version.paragraph_of(start)
        if paragraph != current_paragraph:
            current_paragraph, current = paragraph, None
        items = items_by_sentence[index]
        if version.lang == "zh":
            hits = _zh_hits(version.analysis, start, end, lexicon)
        else:
            hits = _en_hits(analysis.tokens, start, end, lexicon)
        kinds = [h for h in hits if isinstance(h[2], EventKind)]
        sentence_text = version.text[start:end]
        created = False
        sentence_date = next((d for s, _, d in dates if start <= s < end), None)
        if kinds and current is not None and sentence_date in (None, current.date):
            kinds = [h for h in kinds if h[2].priority > lexicon.event_kinds[current.kind].priority]
        if kinds:
            kind = max(kinds, key=lambda h: h[2].priority)[2]
            date = sentence_date
            if date is None:
                date = next((d for s, _, d in dates if version.paragraph_of(s) == paragraph and s < start), None)
            current = Event(
                id=f"{version.lang}-ev{len(analysis.events)}",
                kind=kind.key,
                date=date,
                confidence=BASE_CONFIDENCE,
            )
            current.labels[version.lang] = _label_phrase(version, analysis.tokens, kinds, kind, start, end)
            analysis.events.append(current)
            created = True
        if current is None:
            continue
        added = False
        for cue_start, cue_end, cue in hits:
            if not isinstance(cue, Cue):
                continue
            if cue.slot == "object" and not created:
                continue
            if version.lang == "zh" and cue.slot == "subject" and not _is_verb_at(analysis.tokens, cue_start):
                continue
            for entity_id in _participants(cue, cue_start, cue_end, items, version, analysis.tokens):
                current.participants.append(Participation(cue.prop, entity_id, BASE_CONFIDENCE))
                added = True
        if created or added:
            current.evidence.append(Evidence(version.lang, index, sentence_text))
    for event in analysis.events:
        event.participants = _dedupe(event.participants)


def _is_verb_at(tokens: list[Token], offset: int) -> bool:
    """A Chinese cue counts only as a verb: 主持会议并讲话, not 重要讲话精神 (a noun there)."""
    token = next((t for t in tokens if t.start <= offset < t.end), None)
    return token is not None and token.pos in ("v", "vd")


def _dedupe(participants: list[Participation]) -> list[Participation]:
    seen: dict[tuple[str, str], Participation] = {}
    for p in participants:
        seen.setdefault((p.prop, p.entity), p)
    return list(seen.values())


Hit = tuple[int, int, EventKind | Cue]


def _zh_hits(text: str, start: int, end: int, lexicon: Lexicon) -> list[Hit]:
    """Trigger and cue words of a Chinese sentence; a longer word hides the shorter ones inside it."""
    hits: list[Hit] = []
    for kind in lexicon.event_kinds.values():
        for word in kind.zh_triggers:
            hits += [(m.start(), m.end(), kind) for m in re.finditer(re.escape(word), text[start:end])]
    for cue in lexicon.cues.values():
        for word in cue.zh:
            hits += [(m.start(), m.end(), cue) for m in re.finditer(re.escape(word), text[start:end])]
    cue_spans = [(s, e) for s, e, h in hits if isinstance(h, Cue)]
    kept = [
        (s + start, e + start, h)
        for s, e, h in hits
        if not isinstance(h, Cue) or not any(o_s <= s and e <= o_e and (o_s, o_e) != (s, e) for o_s, o_e in cue_spans)
    ]
    return sorted(kept, key=lambda h: h[0])


def _en_matches(tokens: list[Token], verb: int, phrase: tuple[str, ...]) -> bool:
    token = tokens[verb]
    if token.lemma != phrase[0]:
        return False
    if len(phrase) == 1:
        return True
    children = [t for t in tokens if t.head == verb and t is not token]
    objects = {t.lemma for t in children if t.dep in ("dobj", "prt", "attr", "nsubjpass")}
    objects |= {t.lemma for t in tokens for c in children if c.dep == "prep" and t.head == tokens.index(c)}
    return phrase[1] in objects


def _en_hits(tokens: list[Token], start: int, end: int, lexicon: Lexicon) -> list[Hit]:
    """Trigger and cue verbs of an English sentence (a verb lemma, optionally with its object's lemma)."""
    hits: list[Hit] = []
    for index, token in enumerate(tokens):
        if not (start <= token.start < end) or token.pos not in ("VERB", "AUX"):
            continue
        for kind in lexicon.event_kinds.values():
            if any(_en_matches(tokens, index, phrase) for phrase in kind.en_triggers):
                hits.append((token.start, token.end, kind))
        for cue in lexicon.cues.values():
            phrases = sorted(cue.en, key=len, reverse=True)
            if cue.prop != "schema:location" and any(_en_matches(tokens, index, p) for p in phrases):
                hits.append((token.start, token.end, cue))
    location = lexicon.cues.get("location")
    if location is not None:
        words = {p[0] for p in location.en}
        for token in tokens:
            if start <= token.start < end and token.lemma in words and token.pos in ("ADP", "VERB"):
                hits.append((token.start, token.end, location))
    return sorted(hits, key=lambda h: h[0])


def _participants(
    cue: Cue, cue_start: int, cue_end: int, items: list[Item], version: TextVersion, tokens: list[Token]
) -> list[str]:
    text = version.text
    if cue.slot == "subject":
        if version.lang == "en":
            return _en_subjects(cue_start, items, tokens)
        return _zh_subjects(cue_start, items, text)
    allowed = _OBJECT_TYPES.get(cue.prop, _AGENTS)
    if cue.prop == "schema:about":
        return [i.mention.entity for i in items if i.start >= cue_end and i.type in allowed and i.mention.entity]
    following = [i for i in items if i.start >= cue_end and i.type in allowed]
    if not following:
        return []
    first = following[0]
    between = text[cue_end : first.start]
    limit = 3 if cue.prop == "schema:location" else 25
    if _CLAUSE.search(between) or len(between.strip()) > limit:
        return []
    return [first.mention.entity] if first.mention and first.mention.entity else []


def _zh_subjects(cue_start: int, items: list[Item], text: str) -> list[str]:
    """The persons (else bodies) before the cue in its clause; the clause before when this one has none."""
    clause_start = max((m.end() for m in _CLAUSE.finditer(text, 0, cue_start)), default=0)
    sentence_items_before = [i for i in items if i.end <= cue_start and i.type in _AGENTS]
    in_clause = [i for i in sentence_items_before if i.start >= clause_start]
    chosen = in_clause or sentence_items_before[-1:]
    if not in_clause and chosen and _CLAUSE.search(text[chosen[-1].end : cue_start]):
        between = text[chosen[-1].end : cue_start]
        if len(_CLAUSE.findall(between)) > 1:
            return []
    persons = [i for i in chosen if i.type is EntityType.PERSON]
    picked = persons or chosen[-1:]
    return [i.mention.entity for i in picked if i.mention and i.mention.entity]


def _en_subjects(cue_start: int, items: list[Item], tokens: list[Token]) -> list[str]:
    """The entity holding the verb's subject (through conjunctions: "presided … and delivered")."""
    verb = next((i for i, t in enumerate(tokens) if t.start == cue_start), None)
    seen = set()
    while verb is not None and verb not in seen:
        seen.add(verb)
        subjects = [i for i, t in enumerate(tokens) if t.head == verb and t.dep in ("nsubj", "nsubjpass") and i != verb]
        if subjects:
            found = []
            for subject in subjects:
                group = [subject] + [i for i, t in enumerate(tokens) if t.head == subject and t.dep == "conj"]
                for index in group:
                    span = _entity_at(tokens[index], items, tokens, index)
                    if span:
                        found.append(span)
            return found
        token = tokens[verb]
        verb = token.head if token.dep in ("conj", "xcomp", "advcl") and token.head != verb else None
    return []


def _entity_at(token: Token, items: list[Item], tokens: list[Token], index: int) -> str | None:
    """The agent mention that covers the token or that the token's compounds and appositions reach."""
    related = {index} | {i for i, t in enumerate(tokens) if t.head == index and t.dep in ("compound", "appos", "poss")}
    for item in items:
        if item.type in _AGENTS and item.mention and any(item.start <= tokens[i].start < item.end for i in related):
            return item.mention.entity
    return None


def _label_phrase(
    version: TextVersion, tokens: list[Token], kinds: list[Hit], kind: EventKind, start: int, end: int
) -> str:
    """The words naming the event: 扩大会议 after 召开, "enlarged meeting" after held; else the kind's name."""
    lang = version.lang
    if lang == "zh":
        for _, hit_end, _ in kinds:
            match = _ZH_MEETING_NOUN.match(version.analysis, hit_end, end)
            if match:
                return match.group()
        return kind.zh
    event_nouns = {phrase[-1] for _, _, k in kinds if isinstance(k, EventKind) for phrase in k.en_triggers}
    for hit_start, _, _ in kinds:
        verb = next((i for i, t in enumerate(tokens) if t.start == hit_start), None)
        if verb is None:
            continue
        for i, t in enumerate(tokens):
            if t.head == verb and t.dep == "dobj" and t.lemma in event_nouns:
                modifiers = [m for j, m in enumerate(tokens) if m.head == i and m.dep in ("amod", "compound") and j < i]
                return " ".join([*(m.text for m in modifiers), t.text])
    return kind.en
