"""Events: triggers start an event, cues say who took part and how, dates are normalised.

A trigger (召开, 调研, 会见, held a meeting, met with …) starts an event in its sentence; the kind is
that of the highest-priority trigger there. Cues whose participant is the verb's subject (主持,
讲话, presided over, attended) may also stand in later sentences of the same news item (of the same
paragraph outside a digest's items) and then attach to its last event; cues whose participant is an
object (location, guest, topic) count only in a sentence with a trigger (考察了两江新区 after 来渝访问).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache

from pipeline.extractors.items import Item, sentence_items
from pipeline.lexicon.match import en_patterns
from pipeline.lexicon.resources import Cue, EventKind, Lexicon
from pipeline.model import (
    Article,
    EntityType,
    Event,
    Evidence,
    KeyKind,
    LanguageAnalysis,
    NewsItem,
    Participation,
    TextVersion,
    Token,
)
from pipeline.nlp.dates import DateMention, date_mentions

_CLAUSE = re.compile(r"[,，;；:：]")
_AGENTS = (EntityType.PERSON, EntityType.ORG)
_OBJECT_TYPES = {
    "schema:location": (EntityType.PLACE,),
    "schema:about": (EntityType.SESSION,),
    "schema:attendee": (EntityType.PERSON, EntityType.ORG),
}
_BOUNDARY = re.compile(r"[,，;；:：。！？!?]")
_PERSON_OBJECTS = ("bikg:guest", "bikg:host")
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|「[^」]*」")
"""A quoted name (“走进滇中新区”活动, 《…》): its words are a title, no cue of the sentence."""
BASE_CONFIDENCE = 0.7


@dataclass(slots=True)
class _Dates:
    """The date expressions of one version, resolved in text order against the date before them.

    On a digest page the date before a news item's first expression is the item's date; a bare day
    (23日下午) takes its month from it, a relative word (次日, the next day) counts from it. A relative
    word that opens an item already gave the item its date (counted from the item before): it names that date.
    A date counted from the publication, after a word of gram:zh-look-back or more than a month before the one
    told so far (今年2月2日 in a report of August) looks back: the next 次日 still counts from the news.
    """

    mentions: list[DateMention]
    article: Article
    lang: str
    resolved: dict[int, dt.date | None] = field(default_factory=dict)
    recalled: set[int] = field(default_factory=set)
    """Starts of the dates that look back: each dates its own sentence only."""
    range_starts: set[int] = field(default_factory=set)
    """Starts of the dates that open a range (10月23日至25日: 10月23日)."""

    @classmethod
    def of(cls, version: TextVersion, article: Article, lexicon: Lexicon) -> _Dates:
        text = _reading_text(version)
        mentions = date_mentions(text, version.lang, article.year_reference(), lexicon.relative_dates)
        dates = cls(mentions, article, version.lang)
        looking_back = tuple(lexicon.words("zh-look-back"))
        anchor: dt.date | None = None
        current_item: NewsItem | None = None
        for mention in mentions:
            item = article.item_at(version.lang, mention.start)
            opens_item = item is not current_item and item is not None and item.date is not None
            if item is not current_item:
                current_item, anchor = item, item.date if item else anchor
            if _is_range_end(text, mention):
                continue
            if _RANGE_TAIL.match(text, mention.end):
                dates.range_starts.add(mention.start)
            if mention.from_publication:
                date = mention.resolve(article.date)
            elif anchor is None and mention.day is not None:
                date = mention.before_publication(article.date)
            else:
                date = anchor if opens_item and mention.offset is not None else mention.resolve(anchor)
            dates.resolved[mention.start] = date
            back = anchor is not None and date is not None and date < anchor
            looks_back = back and (
                mention.from_publication or text.endswith(looking_back, 0, mention.start) or anchor - date > _RECALLED  # type: ignore[operator]
            )
            if looks_back:
                dates.recalled.add(mention.start)
            elif date is not None and not (mention.offset is not None and mention.offset < 0):
                anchor = date
        return dates

    def first_in(self, start: int, end: int) -> tuple[bool, dt.date | None]:
        """Whether ``[start, end)`` holds a date expression, and the date of the first one."""
        for mention in self.mentions:
            if start <= mention.start < end and mention.start in self.resolved:
                return True, self.resolved[mention.start]
        return False, None

    def opens(self, start: int, text: str) -> bool:
        """Whether the sentence (or clause) at ``start`` opens with a date (同日, 11月21日上午, On the same day): news
        that dates itself again tells of another happening, even on the same day."""
        return any(
            m.start >= start and not text[start : m.start].strip(' \t\n“"(（') and m.start in self.resolved
            for m in self.mentions
            if m.start < start + 8
        )

    def last_before(self, start: int, floor: int) -> dt.date | None:
        """The date of the last expression in ``[floor, start)`` that names one; none when that one looks back."""
        found = None
        for mention in self.mentions:
            if floor <= mention.start < start and self.resolved.get(mention.start) is not None:
                found = None if mention.start in self.recalled else self.resolved[mention.start]
        return found

    def range_before(self, start: int, floor: int) -> dt.date | None:
        """The first day of the last range written in ``[floor, start)`` (5月28日至31日: May 28), if any."""
        starts = [s for s in self.range_starts if floor <= s < start and self.resolved.get(s) is not None]
        return self.resolved[max(starts)] if starts else None


_RANGE_TAIL = re.compile(r"\s*(?:至|到|[-—–~]|to|until|through|till)\s*(?:\d|[A-Z][a-z]+\.? \d)")
"""What follows the first date of a range: its last day (10月23日至25日, November 6 to 8, March 30 to April 1)."""

_RECALLED = dt.timedelta(days=31)
"""A date this long before the news told so far recalls the past (莱唐于2023年1月20日抵澳履新 in a report of 2025):
it anchors no later sentence."""


def _reading_text(version: TextVersion) -> str:
    """The text the rules read: the simplified-script analysis text of a Chinese version (same offsets), else
    the text itself."""
    return version.analysis if version.lang == "zh" and version.analysis else version.text


def _is_range_end(text: str, mention: DateMention) -> bool:
    """The second date of a range (10月23日至25日): it neither dates a sentence nor moves the anchor."""
    return text[max(mention.start - 1, 0) : mention.start] in ("至", "到", "-", "—", "~") or (
        text[max(mention.start - 3, 0) : mention.start].endswith((" to", "-", "–"))
    )


def _event_date(
    dates: _Dates, version: TextVersion, item: NewsItem | None, span: tuple[int, int], during: re.Pattern[str]
) -> dt.date | None:
    """A sentence's own date; else, for one told during a stay (在甬期间, During the visit), the first day of the
    last range before it; else the last date before it in its item (digest), paragraph or text; else the item's."""
    start, end = span
    stated, date = dates.first_in(start, end)
    if stated:
        return date
    floor = item.spans.get(version.lang, (0, 0))[0] if item is not None else 0
    if during.match(_reading_text(version), start) and (ranged := dates.range_before(start, floor)):
        return ranged
    if item is not None:
        return dates.last_before(start, floor) or item.date
    paragraph = version.paragraphs[version.paragraph_of(start)]
    return dates.last_before(start, paragraph[0]) or dates.last_before(start, 0)


def extract_events(analysis: LanguageAnalysis, version: TextVersion, lexicon: Lexicon, article: Article) -> None:
    """Add the events stated in ``version`` to ``analysis`` (entities must be built)."""
    items_by_sentence = sentence_items(analysis, version)
    parse = Parse.of(analysis.tokens)
    names = [(m.start, m.end) for m in analysis.mentions if m.type is EntityType.PERSON]
    titles = [(r.start, r.end) for r in analysis.roles]
    named = [(m.start, m.end) for m in analysis.mentions if m.type in (EntityType.PLACE, EntityType.ORG)]
    entity_types = {e.id: e.type.value for e in analysis.entities}
    dates = _Dates.of(version, article, lexicon)
    during = lexicon.pattern(f"{version.lang}-during-stay")
    frame = lexicon.pattern(f"{version.lang}-event-frame")
    current: Event | None = None
    unit: tuple[int | None, int] = (None, -1)
    unit_events = 0
    agents: list[str] = []
    stays: dict[tuple[int | None, int], Event] = {}
    for index, (start, end) in enumerate(version.sentences):
        item = article.item_at(version.lang, start)
        here = _unit(article, version, item, start)
        if here != unit:
            unit, current, unit_events, agents = here, None, len(analysis.events), []
        hits = (
            _zh_hits(version.analysis, (start, end), lexicon, (names, titles, named))
            if version.lang == "zh"
            else _en_hits(parse, (start, end, version.text), lexicon)
        )
        dated_framed = dates.first_in(start, end)[0], frame.match(_reading_text(version), start)
        hits, recalled = _recalled(hits, analysis.events[unit_events:], _reading_text(version), dated_framed)
        current = recalled or current
        date = _event_date(dates, version, item, (start, end), during)
        opened, before = _opens_anew(dates, hits, _reading_text(version), start), current
        going_on = recalled or (None if opened else current)
        stay = _stay_going_on(stays.get(unit), hits, (during, dates), version, (start, end))
        created = None if stay else _new_event(analysis, version, parse, hits, going_on, date, lexicon, end)
        if created is not None:
            created.item = item.index if item else None
            current = created
            if any(start <= s < end for s in dates.range_starts):
                stays[unit] = created  # the event of a stay, told with its range of days
        current = stay or current
        if current is None:
            continue
        added = _add_participants(
            current, hits, items_by_sentence[index], (version, parse, lexicon), entity_types, created
        )
        if version.lang == "zh" and created is not None:
            sentence = (start, version.analysis, parse)
            added |= _elided_subjects(created, hits, items_by_sentence[index], sentence, (agents, lexicon))
        agents = _sentence_agents(current, hits, items_by_sentence[index]) or agents
        if created is not None or added:
            current.evidence.append(Evidence(version.lang, index, version.text[start:end]))
        if opened == _ASIDE and created is not None:
            current = before  # a happening told aside: the sentences after it go on with the one before
    _settle_participants(analysis, version, lexicon)


def _settle_participants(analysis: LanguageAnalysis, version: TextVersion, lexicon: Lexicon) -> None:
    """The rules that weigh the participants of all the events read: delegations' heads, talks abroad, those who
    attended all the above, owners of gatherings, and no place that only encloses another of the same event."""
    _delegation_guests(analysis, version, lexicon.pattern(f"{version.lang}-delegation-object"))
    _group_guests(analysis, version, lexicon.pattern(f"{version.lang}-group-subject"))
    _talks_abroad(analysis.events)
    _leaders_hosted(analysis.events)
    _attendees_of_all_above(analysis, version, lexicon.pattern(f"{version.lang}-all-above"))
    if version.lang == "zh":
        _guests_going_on(analysis, version, lexicon.pattern("zh-guests-going-on"))
    _gatherings_organised_by_owners(analysis)
    places = {e.id: e.key.path for e in analysis.entities if e.key and e.key.kind is KeyKind.GAZETTEER}
    labels = {e.id: e.labels.get(version.lang, "") for e in analysis.entities}
    for event in analysis.events:
        event.participants = _without_enclosing_places(_dedupe(event.participants), places, lexicon, labels)


def _opens_anew(dates: _Dates, hits: list[Hit], text: str, start: int) -> str:
    """Whether the sentence at ``start`` tells of a happening of its own time: "sentence" when it opens with a date,
    :data:`_ASIDE` when a later clause holding its first trigger does (今年适逢…，近期|某首相对中国进行访问: a happening
    told aside), else ""."""
    if dates.opens(start, text):
        return "sentence"
    first = next((h[0] for h in hits if isinstance(h[2], EventKind)), None)
    clause = _clause_start(text, first) if first is not None else start
    aside = start < clause and dates.opens(clause, text)
    return _ASIDE if aside else ""


_ASIDE = "clause"


def _stay_going_on(
    stay: Event | None,
    hits: list[Hit],
    reading: tuple[re.Pattern[str], _Dates],
    version: TextVersion,
    span: tuple[int, int],
) -> Event | None:
    """The event of a stay (told with its range of days) that a sentence told during it goes on with, when the
    sentence gives no date of its own and tells of going round only (11月6日—8日，马岩访问我市…在甬期间，马岩考察了…:
    the visit's sites, not those of a meeting told in between); a meeting told during a stay is one of its own."""
    (during, dates), (start, end) = reading, span
    kinds = {h[2].key for h in hits if isinstance(h[2], EventKind)}
    if stay is None or not kinds <= _GOING_ROUND or not during.match(_reading_text(version), start):
        return None
    return None if dates.first_in(start, end)[0] else stay


_GOING_ROUND = frozenset({"visit", "research-visit"})
"""The kinds of event that tell of going round places (参观, 考察, visited), which a stay's event holds."""


_SWAPPED = {"bikg:host": "bikg:guest", "bikg:guest": "bikg:host"}


def _talks_abroad(events: list[Event]) -> None:
    """Talks held by one who leads a visit earlier in the news item (率团赴广州…分别与A、B座谈): those talked with
    host them, the visitor is their guest. Talks of a visit whose leader is already their guest (率队赴北京，
    先后拜会…，分别与A、B会谈) make the others talked with hosts."""
    visitors: set[tuple[int | None, str]] = set()
    for event in events:
        hosts = {p.entity for p in event.participants if p.prop == "bikg:host"}
        leaders = {p.entity for p in event.participants if p.prop == "bikg:leader"}
        guests = {p.entity for p in event.participants if p.prop == "bikg:guest"}
        if event.kind == "talks" and any((event.item, host) in visitors for host in hosts):
            event.participants = [replace(p, prop=_SWAPPED.get(p.prop, p.prop)) for p in event.participants]
        elif event.kind == "talks" and leaders & guests:
            event.participants = [
                replace(p, prop="bikg:host") if p.prop == "bikg:guest" and p.entity not in leaders else p
                for p in event.participants
            ]
        visitors |= {(event.item, leader) for leader in leaders}


def _leaders_hosted(events: list[Event]) -> None:
    """A call that names its host and no guest, in the event of a visit (周晓岚率团访问大阪…，并拜会中国驻大阪总领事
    薛剑): the one who leads the visit is the guest."""
    for event in events:
        props = {p.prop for p in event.participants}
        if "bikg:host" in props and "bikg:guest" not in props:
            hosts = {p.entity for p in event.participants if p.prop == "bikg:host"}
            leaders = [p for p in event.participants if p.prop == "bikg:leader" and p.entity not in hosts]
            event.participants += [replace(p, prop="bikg:guest") for p in leaders]


def _gatherings_organised_by_owners(analysis: LanguageAnalysis) -> None:
    """An event about a numbered gathering whose name opens with a body (中共桂林市委外事工作委员会第五次全体会议)
    is organised by that body, when the text names no organiser."""
    sessions = {m.entity: m for m in reversed(analysis.mentions) if m.type is EntityType.SESSION}
    bodies = [m for m in analysis.mentions if m.type is EntityType.ORG and m.entity]
    for event in analysis.events:
        if any(p.prop == "schema:organizer" for p in event.participants):
            continue
        about = [sessions[p.entity] for p in event.participants if p.prop == "schema:about" and p.entity in sessions]
        owners = [b for s in about for b in bodies if b.start == s.start and b.end < s.end]
        event.participants += [Participation("schema:organizer", b.entity or "", BASE_CONFIDENCE) for b in owners]


def _delegation_guests(analysis: LanguageAnalysis, version: TextVersion, delegation: re.Pattern[str]) -> None:
    """A meeting with a host whose object is a delegation (会见了代表团一行, met with the delegation): the one who
    led a delegation, in the same event or earlier in the same news item, is its guest, beside the members the
    text lists (成员包括A、B和C)."""
    text = _reading_text(version)
    for event, leader in _item_leaders(analysis.events):
        guest = Participation("bikg:guest", leader or "", BASE_CONFIDENCE)
        hosted = any(p.prop == "bikg:host" for p in event.participants)
        if leader and hosted and guest not in event.participants and _told_in(event, delegation, text, version):
            event.participants.append(guest)


def _group_guests(analysis: LanguageAnalysis, version: TextVersion, group: re.Pattern[str]) -> None:
    """A call by a delegation named as such on one who hosts it (23日，代表团拜会大众汽车集团; the delegation called
    on…): the one who led a delegation earlier in the same news item is its guest, when the event names none. The
    delegation's other outings (代表团参观了物流园区) name no leader: the text gives none."""
    text = _reading_text(version)
    for event, leader in _item_leaders(analysis.events):
        props = {p.prop for p in event.participants}
        hosted = "bikg:host" in props and "bikg:guest" not in props
        if leader and hosted and _told_in(event, group, text, version):
            event.participants.append(Participation("bikg:guest", leader, BASE_CONFIDENCE))


def _attendees_of_all_above(analysis: LanguageAnalysis, version: TextVersion, above: re.Pattern[str]) -> None:
    """Those a sentence says attended all of the above (A、B参加上述活动; A and B attended the above events): attendees
    of every event told before it in the same news item, not of the last one only."""
    text = _reading_text(version)
    for position, event in enumerate(analysis.events):
        spans = [version.sentences[e.sentence] for e in event.evidence if e.lang == version.lang]
        spans = [span for span in spans if above.search(text, *span)]
        if not spans:
            continue
        named = {m.entity for m in analysis.mentions for s, e in spans if s <= m.start and m.end <= e}
        attending = [p for p in event.participants if p.prop == "schema:attendee" and p.entity in named]
        for earlier in analysis.events[:position]:
            if earlier.item == event.item:
                earlier.participants += [p for p in attending if p not in earlier.participants]


def _guests_going_on(analysis: LanguageAnalysis, version: TextVersion, guests: re.Pattern[str]) -> None:
    """An event told of the guests by their kind (当晚，领事官员们出席了开幕式): the guests the event before it in the
    same news item named attend it, when it names no person of its own."""
    text = _reading_text(version)
    for before, event in itertools.pairwise(analysis.events):
        persons = any(p.prop in _PERSON_ROLES for p in event.participants)
        if before.item != event.item or persons or not _told_in(event, guests, text, version):
            continue
        named = [p.entity for p in before.participants if p.prop == "bikg:guest"]
        event.participants += [Participation("schema:attendee", g, BASE_CONFIDENCE) for g in dict.fromkeys(named)]


_PERSON_ROLES = ("bikg:leader", "bikg:host", "bikg:guest", "schema:attendee", "bikg:speaker", "bikg:chair")


def _item_leaders(events: list[Event]) -> Iterator[tuple[Event, str | None]]:
    """Each event with the last leader named in its news item up to it, its own leader included."""
    leader: tuple[str, int | None] | None = None
    for event in events:
        own = [p.entity for p in event.participants if p.prop == "bikg:leader"]
        leader = (own[-1], event.item) if own else leader
        yield event, leader[0] if leader is not None and leader[1] == event.item else None


def _told_in(event: Event, pattern: re.Pattern[str], text: str, version: TextVersion) -> bool:
    """Whether a sentence the event was read from matches ``pattern``."""
    return any(pattern.search(text, *version.sentences[e.sentence]) for e in event.evidence)


def _unit(article: Article, version: TextVersion, item: NewsItem | None, start: int) -> tuple[int | None, int]:
    """Where an event can go on: its news item on a digest page (a paragraph outside the items), the whole
    text on a single-item page, whose later paragraphs (参加会见, 出席活动) still tell the same news."""
    if item is not None or not article.items:
        return (item.index if item else None, 0)
    return (None, version.paragraph_of(start))


def _recalled(
    hits: list[Hit], events: list[Event], text: str, sentence: tuple[bool, re.Match[str] | None]
) -> tuple[list[Hit], Event | None]:
    """A trigger inside a list's cue (出席会见的还有A、B: those present at the meeting) names the unit's last event
    of its kind again, no new one; so do one in a frame opening the sentence (开幕式上，钱亮致辞: gram:zh-event-frame)
    and one right after the verb of those present in a sentence without a date (…负责同志参加座谈), which else name
    the first event told with their word (座谈会在呼和浩特举行, not the signing told at it: 座谈会上签署了). The hits
    without it, and that event (None when there is none)."""
    dated, frame = sentence
    spans = [(s, e) for s, e, cue in hits if isinstance(cue, Cue) and cue.slot == "listed"]
    present = set() if dated else {e for _, e, cue in hits if isinstance(cue, Cue) and cue.prop == "schema:attendee"}
    for hit in hits:
        kind = hit[2]
        if not isinstance(kind, EventKind):
            continue
        framed = frame is not None and frame.start() <= hit[0] and hit[1] <= frame.end()
        loose = framed or hit[0] in present
        if loose or any(s <= hit[0] and hit[1] <= e for s, e in spans):
            word = text[hit[0] : hit[1]]
            earlier = next((event for event in reversed(events) if event.kind == kind.key), None)
            if earlier is None and loose:
                earlier = next((event for event in events if any(word in e.text for e in event.evidence)), None)
            if earlier is not None:
                return [h for h in hits if h is not hit], earlier
    return hits, None


def _new_event(
    analysis: LanguageAnalysis,
    version: TextVersion,
    parse: Parse,
    hits: list[Hit],
    current: Event | None,
    date: dt.date | None,
    lexicon: Lexicon,
    end: int,
) -> Event | None:
    """A new event when the sentence has a trigger that outranks the current event (or a new date)."""
    kinds = [h for h in hits if isinstance(h[2], EventKind)]
    if kinds and current is not None and date in (None, current.date):
        kinds = [h for h in kinds if h[2].priority > lexicon.event_kinds[current.kind].priority]
    if not kinds:
        return None
    kind = max(kinds, key=lambda h: h[2].priority)[2]
    event = Event(id=f"{version.lang}-ev{len(analysis.events)}", kind=kind.key, date=date, confidence=BASE_CONFIDENCE)
    patterns = (end, lexicon.pattern("zh-event-noun"), lexicon.pattern("zh-event-subject"))
    event.labels[version.lang] = _label_phrase(version, parse, kinds, kind, patterns)
    analysis.events.append(event)
    return event


def _add_participants(
    event: Event,
    hits: list[Hit],
    items: list[Item],
    reading: tuple[TextVersion, Parse, Lexicon],
    entity_types: dict[str, str],
    created: Event | None,
) -> bool:
    """The participants the sentence's cues name; object cues count only in a sentence with a trigger."""
    version, parse, _ = reading
    added = False
    triggered = created is not None or any(isinstance(h[2], EventKind) for h in hits)
    for cue_start, cue_end, cue in hits:
        if not isinstance(cue, Cue) or (cue.slot == "object" and not triggered):
            continue
        if (
            version.lang == "zh"
            and cue.slot == "subject"
            and not _is_verb_at(parse, cue_start, cue_end)
            and not any(_matched_at(p, version.analysis, (cue_start, cue_end)) for p in cue.zh_patterns)
            and not _named_right_before(cue_start, items, version.analysis)
        ):
            continue  # 率团 right after a name (or its venue: 孙绍骋在乌兰巴托拜会) counts even when the model's word
            # ran across both (米尔扎耶夫率) or called it a noun
        for entity_id in _participants(cue, (cue_start, cue_end), items, reading):
            if cue.types and entity_types.get(entity_id) not in cue.types:
                continue
            event.participants.append(Participation(cue.prop, entity_id, BASE_CONFIDENCE))
            added = True
    return added


def _named_right_before(at: int, items: list[Item], text: str) -> bool:
    """Whether a person's name ends right before ``at``, or before a venue after 在 that ends there
    (孙绍骋|在乌兰巴托|拜会)."""
    place = next((i for i in items if i.type is EntityType.PLACE and i.end == at), None)
    if place is not None and text[place.start - 1 : place.start] == "在":
        at = place.start - 1
    return any(i.type is EntityType.PERSON and i.end == at for i in items)


def _elided_subjects(
    event: Event,
    hits: list[Hit],
    items: list[Item],
    sentence: tuple[int, str, Parse],
    before: tuple[list[str], Lexicon],
) -> bool:
    """A sentence that opens with its verb, after words of time only (当天下午，会见了科兹米内赫; 随后拜会了…:
    gram:zh-elided-subject), tells what those the sentence before named as its subjects did: they fill the
    subject cues the sentence leaves empty. True when any was added."""
    agents, lexicon = before
    start, text, parse = sentence
    openings = {"", *lexicon.words("zh-elided-subject")}
    times = tuple(lexicon.words("zh-verb-as-time"))
    filled = {p.prop for p in event.participants}
    added = False
    for cue_start, cue_end, cue in hits:
        if not isinstance(cue, Cue) or cue.slot != "subject" or cue.prop in filled or not agents:
            continue
        if not _is_verb_at(parse, cue_start, cue_end) or text.startswith(times, cue_end):
            continue  # 调研 of 调研组赴两江新区 (the group goes), 会见 of 会见后 (after the meeting: a time)
        opening = text[max(start, _clause_start(text, cue_start)) : cue_start]
        if any(i.start < cue_start for i in items) or opening.strip() not in openings:
            continue
        event.participants += [Participation(cue.prop, agent, BASE_CONFIDENCE) for agent in agents]
        filled.add(cue.prop)
        added = True
    return added


_ACTING = frozenset({"bikg:host", "bikg:guest", "bikg:leader"})
"""The roles of those whose acts a following sentence may go on telling without naming them."""


def _sentence_agents(event: Event, hits: list[Hit], items: list[Item]) -> list[str]:
    """The persons the sentence names as the subjects of its cues of acting (those who met, called on, led a
    visit: not those who went with them)."""
    subject_props = {
        cue.prop for _, _, cue in hits if isinstance(cue, Cue) and cue.slot == "subject" and cue.prop in _ACTING
    }
    persons = {i.mention.entity for i in items if i.type is EntityType.PERSON and i.mention and i.mention.entity}
    return list(dict.fromkeys(p.entity for p in event.participants if p.prop in subject_props and p.entity in persons))


def _matched_at(pattern: re.Pattern[str], text: str, span: tuple[int, int]) -> bool:
    match = pattern.match(text, span[0])
    return match is not None and match.end() == span[1]


def _is_verb_at(parse: Parse, start: int, end: int) -> bool:
    """A Chinese cue counts only as a verb: 主持会议并讲话, not 重要讲话精神 (a noun there); a cue of four or
    more characters (作专题报告, 在致辞中表示) is a phrase, unambiguous as it stands, as is one a cue's pattern
    matches (X一行赴大理) or one inside a span the model took for a name (拉萨|会见|使节团, not 调研组)."""
    if end - start >= 4:
        return True
    token = parse.covering(start)
    if token is not None and token.ent in ("ORG", "LOC") and token.start < start and end - start >= 2:
        return True  # 拉萨会见使节团 taken for a body: no name holds a verb
    return token is not None and token.pos in ("v", "vd")


def _dedupe(participants: list[Participation]) -> list[Participation]:
    """Each participation once; a guest is not also the host of the same meeting (来宾代表…会见时作了讲话 names
    guests, though they are the subject of 会见)."""
    seen: dict[tuple[str, str], Participation] = {}
    for p in participants:
        seen.setdefault((p.prop, p.entity), p)
    guests = {entity for prop, entity in seen if prop == "bikg:guest"}
    return [p for (prop, entity), p in seen.items() if not (prop == "bikg:host" and entity in guests)]


def _without_enclosing_places(
    participants: list[Participation], places: dict[str, str], lexicon: Lexicon, labels: dict[str, str]
) -> list[Participation]:
    """An event's locations without a place that holds another of them (中国 beside 北京市, from 在华 or a
    title; 湖南省 beside 长沙市, from 来湘; 合肥市 beside the venue 合肥市政务中心, whose name opens with it, and so
    a place the gazetteer lacks: 中山 beside 中山国际酒店): the place within says where it was."""
    held: set[str] = set()
    venues = [labels.get(p.entity, "") for p in participants if p.prop == "schema:location" and p.entity not in places]
    for p in participants:
        key = places.get(p.entity, "") if p.prop == "schema:location" else ""
        entry = lexicon.places.get(key)
        if entry and any(
            v.startswith(f) and v != f for v in venues for f in (*entry.zh_forms, *entry.en_forms, entry.en) if f
        ):
            held.add(key)
        held |= lexicon.place_ancestors(key)
    opening = {
        p.entity
        for p in participants
        if p.prop == "schema:location"
        and p.entity not in places
        and len(name := labels.get(p.entity, "")) > 1
        and any(v.startswith(name) and v != name for v in venues)
    }
    return [
        p
        for p in participants
        if not (p.prop == "schema:location" and (places.get(p.entity) in held or p.entity in opening))
    ]


Hit = tuple[int, int, EventKind | Cue]


@dataclass(slots=True)
class Parse:
    """The tokens of one language version indexed once: children by head, token by start offset."""

    tokens: list[Token]
    children: dict[int, list[int]]
    by_start: dict[int, int]
    starts: list[int]

    @classmethod
    def of(cls, tokens: list[Token]) -> Parse:
        children: dict[int, list[int]] = defaultdict(list)
        for index, token in enumerate(tokens):
            if token.head != index and token.head >= 0:
                children[token.head].append(index)
        return cls(tokens, children, {t.start: i for i, t in enumerate(tokens)}, [t.start for t in tokens])

    def kids(self, index: int, *deps: str) -> list[int]:
        """Indices of the token's children, those with one of ``deps`` when given."""
        return [c for c in self.children.get(index, ()) if not deps or self.tokens[c].dep in deps]

    def covering(self, offset: int) -> Token | None:
        """The token whose span holds ``offset``."""
        position = bisect_right(self.starts, offset) - 1
        if position >= 0 and offset < self.tokens[position].end:
            return self.tokens[position]
        return None


def _zh_hits(
    text: str,
    sentence_span: tuple[int, int],
    lexicon: Lexicon,
    spans: tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]],
) -> list[Hit]:
    """Trigger and cue words of a Chinese sentence; a longer trigger or cue hides the shorter ones of its kind
    inside it (座谈会, a meeting, hides 座谈, talks), and a word of gram:zh-no-cue the cues inside it (来 in 来自), as
    does a post taken up (来 of 自去年10月来鄂履新: where the guest came to work, not where the event was) and a
    plan, a topic talked about, what someone says or a series' history (gram:zh-plan, gram:zh-topic,
    gram:zh-reported-speech, gram:zh-history: 将…举办, 就组织…交换意见, 他说，…在渝, 已分别在北京、上海举办6届 name no
    organiser or place of the event told); :func:`_silent_spans` hold neither triggers nor cues. A word
    across the end of a person's name is none (正在 of 韩正在北京), nor one inside a title (调研 of 三级调研员), nor a
    cue inside the name of a place or a body (来 of 马来西亚); ``spans`` holds the spans of the names, of the titles
    and of the places' and bodies' names."""
    names, titles, named = spans
    start, end = sentence_span
    sentence = text[start:end]
    hits: list[Hit] = []
    for kind in lexicon.event_kinds.values():
        for word in kind.zh_triggers:
            hits += [(at, at + len(word), kind) for at in _occurrences(word, sentence)]
    for cue in lexicon.cues.values():
        for word in cue.zh:
            hits += [(at, at + len(word), cue) for at in _occurrences(word, sentence)]
        for pattern in cue.zh_patterns:
            hits += [(m.start() - start, m.end() - start, cue) for m in pattern.finditer(text, start, end)]
    blocked = [
        (at, at + len(w))
        for w in lexicon.words("zh-no-cue")
        for at in _occurrences(w, sentence)
        if not any(n_start < start + at < n_end for n_start, n_end in names)
    ]
    for rule in ("zh-arrival", "zh-plan", "zh-topic", "zh-reported-speech", "zh-history"):
        pattern = lexicon.pattern(rule)
        part = "content" if "content" in pattern.groupindex else 0
        blocked += [(m.start(part) - start, m.end(part) - start) for m in pattern.finditer(text, start, end)]
    hits = [h for h in hits if not (isinstance(h[2], Cue) and any(s <= h[0] and h[1] <= e for s, e in blocked))]
    silent = _silent_spans(text, start, end, lexicon)
    hits = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in silent)]
    titles = [(s, e) for s, e in titles if s < end and start < e]
    names_of_cues = titles + [(s, e) for s, e in named if s < end and start < e]
    hits = [
        h
        for h in hits
        if not any(
            s <= start + h[0] and start + h[1] <= e and h[1] - h[0] < e - s
            for s, e in (names_of_cues if isinstance(h[2], Cue) else titles)
        )
    ]
    cue_spans = [(s, e) for s, e, h in hits if isinstance(h, Cue)]
    trigger_spans = [(s, e) for s, e, h in hits if isinstance(h, EventKind)]
    quoted = [(s - start, e - start) for s, e in (m.span() for m in _QUOTED.finditer(text, start, end))]
    kept = [
        (s + start, e + start, h)
        for s, e, h in hits
        if (isinstance(h, EventKind) and not _hidden((s, e), trigger_spans))
        or (isinstance(h, Cue) and not (_hidden((s, e), cue_spans) or any(q_s <= s < q_e for q_s, q_e in quoted)))
    ]
    return sorted(kept, key=lambda h: h[0])


def _silent_spans(text: str, start: int, end: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The spans of a sentence (offsets within it) that hold neither triggers nor cues: a wish (gram:zh-wish), and
    a frame opening it with what was done before (gram:zh-done-before)."""
    spans = [(m.start() - start, m.end() - start) for m in lexicon.pattern("zh-wish").finditer(text, start, end)]
    if done := lexicon.pattern("zh-done-before").match(text, start, end):
        spans.append((0, done.end() - start))
    return spans


def _occurrences(word: str, text: str) -> Iterator[int]:
    """Where ``word`` starts in ``text``, occurrences not overlapping, left to right (as ``re.finditer``)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + len(word))


def _hidden(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """A cue inside a longer cue (访 in 来访): the longer one speaks for both."""
    return any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in spans)


def _en_matches(parse: Parse, verb: int, phrase: tuple[str, ...], lexicon: Lexicon) -> bool:
    """The verb has the phrase's lemma, and its object (direct, particle, complement — "was present": be present —
    or through a preposition) the second, as lemma or as written (a plural-only noun: "held talks", lemma "talk");
    an intransitive verb's subject counts as its object ("The Envoys' Tour to Gansu commenced in Lanzhou": commence
    tour). A verb alone does not match when verb and object name no one met (gram:en-no-one-met: "received a warm
    welcome")."""
    if parse.tokens[verb].lemma != phrase[0]:
        return False
    if len(phrase) == 1:
        no_one = lexicon.words("en-no-one-met")
        return not any(f"{phrase[0]} {parse.tokens[c].lemma}" in no_one for c in parse.kids(verb, "dobj"))
    objects = [parse.tokens[c] for c in parse.kids(verb, "dobj", "prt", "attr", "acomp", "nsubjpass")]
    if not objects:
        objects = [parse.tokens[c] for c in parse.kids(verb, "nsubj")]
    objects += [parse.tokens[g] for c in parse.kids(verb, "prep") for g in parse.kids(c)]
    return any(phrase[1] in (o.lemma, o.text.lower()) for o in objects)


def _en_hits(parse: Parse, sentence: tuple[int, int, str], lexicon: Lexicon) -> list[Hit]:
    """Trigger and cue verbs of an English sentence (a verb lemma, optionally with its object's lemma)."""
    start, end, text = sentence
    hits: list[Hit] = []
    location = lexicon.cues.get("location")
    location_words = {p[0] for p in location.en} if location else set()
    first = bisect_right(parse.starts, start - 1)
    last = bisect_right(parse.starts, end - 1)
    for index in range(first, last):
        token = parse.tokens[index]
        if (
            location
            and token.lemma in location_words
            and _places_the_verb(parse, index, _event_nouns(lexicon))
            and not _seat_of_title(text, token.start, lexicon)
        ):
            hits.append((token.start, token.end, location))
        if token.pos not in ("VERB", "AUX"):
            continue
        for kind_or_cue, phrases in _en_phrases_by_verb(lexicon).get(token.lemma, ()):
            listed = isinstance(kind_or_cue, Cue) and kind_or_cue.slot == "listed"
            if any(
                _en_lists(parse, index, phrase) if listed else _en_matches(parse, index, phrase, lexicon)
                for phrase in phrases
            ):
                hits.append((token.start, token.end, kind_or_cue))
    return sorted(hits, key=lambda h: h[0])


@cache
def _en_phrases_by_verb(lexicon: Lexicon) -> dict[str, list[tuple[EventKind | Cue, tuple[tuple[str, ...], ...]]]]:
    """Each verb lemma → the event kinds, then the cues (location aside), with their phrases opening with it, in
    the lexicon's order."""
    location = lexicon.cues.get("location")
    entries: list[EventKind | Cue] = [
        *lexicon.event_kinds.values(),
        *(c for c in lexicon.cues.values() if c is not location),
    ]
    index: dict[str, list[tuple[EventKind | Cue, tuple[tuple[str, ...], ...]]]] = defaultdict(list)
    for entry in entries:
        phrases = entry.en_triggers if isinstance(entry, EventKind) else entry.en
        for verb in dict.fromkeys(phrase[0] for phrase in phrases):
            index[verb].append((entry, tuple(p for p in phrases if p[0] == verb)))
    return dict(index)


def _en_lists(parse: Parse, verb: int, phrase: tuple[str, ...]) -> bool:
    """The verb has the phrase's lemma and its subject the second ("Guests … included": include guest)."""
    subjects = parse.kids(verb, "nsubj")
    return parse.tokens[verb].lemma == phrase[0] and any(parse.tokens[s].lemma == phrase[-1] for s in subjects)


def _places_the_verb(parse: Parse, index: int, event_nouns: frozenset[str]) -> bool:
    """A place word that belongs to the event's verb (met … at the Building, visited X) or to the noun a trigger
    makes its object (paid a visit to Ningbo), not to a title (Consul General of Japan in Chongqing) or another
    noun."""
    token = parse.tokens[index]
    if token.pos == "VERB":
        return True
    head = parse.tokens[token.head] if 0 <= token.head < len(parse.tokens) else None
    if token.pos != "ADP" or head is None:
        return False
    return head.pos in ("VERB", "AUX") or (head.pos == "NOUN" and head.lemma in event_nouns)


@cache
def _event_nouns(lexicon: Lexicon) -> frozenset[str]:
    """The objects of the English triggers written as a verb and its object (visit of "pay visit", tour of "lead
    tour"), read once per lexicon."""
    return frozenset(p[1] for kind in lexicon.event_kinds.values() for p in kind.en_triggers if len(p) == 2)


def _seat_of_title(text: str, at: int, lexicon: Lexicon) -> bool:
    """The word at ``at`` opens the seat of a title (Consul General of the Netherlands in Chongqing), which the
    parser may hang on the sentence's verb: the place a post is in, not where the event was."""
    before = text[max(0, at - _LONGEST_TITLE_PHRASE) : at]
    title = next(reversed(list(en_patterns(lexicon).roles.finditer(before))), None)
    return title is not None and _OF_NAME.fullmatch(before, title.end()) is not None


_LONGEST_TITLE_PHRASE = 100
_OF_NAME = re.compile(
    r"(?:\s+and\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)?\s+of\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*|(?:\w+\s+)?(?:countries|nations))\s*"
)
"""What follows a title up to its seat: the country or body it serves (of the Netherlands), or the countries
they serve (consuls general and consular officials of seven countries in Kunming)."""


def _participants(
    cue: Cue, span: tuple[int, int], items: list[Item], reading: tuple[TextVersion, Parse, Lexicon]
) -> list[str]:
    (cue_start, cue_end), (version, parse, lexicon) = span, reading
    text = _reading_text(version)
    if cue.slot == "subject":
        if version.lang == "en":
            return _en_subjects(cue_start, items, parse)
        return _zh_subject_participants(cue, span, items, reading)
    if cue.slot == "enclosed":
        clause_start = _clause_start(text, cue_start)
        opening = text.rfind("在", clause_start, cue_start)
        enclosed = [i for i in items if opening >= 0 and opening < i.start and i.end <= cue_start]
        return [i.mention.entity for i in enclosed if i.type is EntityType.PERSON and i.mention.entity]
    if cue.slot == "partner":
        return _partners(cue_start, items, text)
    if cue.slot == "listed":
        return [
            i.mention.entity for i in items if i.start >= cue_end and i.type is EntityType.PERSON and i.mention.entity
        ]
    if version.lang == "en" and cue.slot == "object" and _passive(parse, cue_start):
        return _en_passive_subjects(cue_start, items, parse)
    allowed = _OBJECT_TYPES.get(cue.prop, _AGENTS)
    if cue.prop in _PERSON_OBJECTS and version.lang == "zh":
        persons = _zh_persons_after(cue_end, items, text)
        if persons:
            return persons
    if cue.prop == "schema:about":
        return [i.mention.entity for i in items if i.start >= cue_end and i.type in allowed and i.mention.entity]
    following = [
        i for i in items if i.start >= cue_end and (i.type in allowed or _site(cue, i, text, version.lang, lexicon))
    ]
    if not following:
        return []
    first = following[0]
    if version.lang == "en" and first.type is EntityType.ORG and _titled_between(cue_end, first.start, items):
        first = next((i for i in following if i.type is EntityType.PERSON), first)  # Commissioner of the MFA…, Mr Cui
    between = text[cue_end : first.start]
    if cue.prop == "schema:location":
        far = len(between.strip()) > 3 and not (
            version.lang == "zh" and lexicon.pattern("zh-place-epithet").fullmatch(between)
        )
    else:
        far = _words_between(text, cue_end, first.start, items, version.lang) > 25
    if _CLAUSE.search(between) or far:
        return []
    if cue.prop == "schema:location" and version.lang == "zh":
        return _zh_places_after(span, following, text, lexicon)
    return [first.mention.entity] if first.mention and first.mention.entity else []


def _zh_places_after(span: tuple[int, int], following: list[Item], text: str, lexicon: Lexicon) -> list[str]:
    """The places a Chinese location cue names (考察了两江新区和果园港), none when the place only describes who came
    (来渝工作的外籍人士, 应邀来访的), nor a place in the epithet of the place named (澜沧江 of 在澜沧江发源地玉树开幕:
    gram:zh-place-epithet). After a cue of a site visited (gram:zh-site-cue) a 的 after the place opens a part of it
    (参观了智能终端产业园的生产线), and the place is still where the event was."""
    cue_start, cue_end = span
    epithet = lexicon.pattern("zh-place-epithet")
    while len(following) > 1 and epithet.fullmatch(text, following[0].end, following[1].start):
        following = following[1:]
    between = text[cue_end : following[0].start]
    if "的" in between or lexicon.pattern("zh-invited").search(text, _clause_start(text, cue_start), cue_start):
        return []
    places = _places_listed(following, text, lexicon.words("zh-place-list-gap"))
    attributive = lexicon.pattern("zh-attributive-place")
    site = text[cue_start:cue_end] in lexicon.words("zh-site-cue")
    return [
        p.mention.entity
        for p in places
        if p.mention and p.mention.entity and (site or not attributive.match(text, p.end))
    ]


def _titled_between(start: int, end: int, items: list[Item]) -> bool:
    return any(i.role and start <= i.start < end for i in items)


def _words_between(text: str, start: int, end: int, items: list[Item], lang: str) -> int:
    """The length of what stands between a cue and its object; in English without the titles, places and bodies
    there ("met with Ambassador of Chile to China Mauricio Hurtado": the guest's title is no distance)."""
    between = list(text[start:end])
    for item in items if lang == "en" else ():
        if item.start < end and item.end > start and (item.role or item.type in (EntityType.PLACE, EntityType.ORG)):
            for offset in range(max(item.start, start), min(item.end, end)):
                between[offset - start] = " "
    return len(" ".join("".join(between).split()))


def _site(cue: Cue, item: Item, text: str, lang: str, lexicon: Lexicon) -> bool:
    """A body that is a site where an event takes place, after a location cue (参观了武汉大学, visited Wuhan
    University): its name ends in a word of bikg:siteBody (in English, holds one)."""
    if cue.prop != "schema:location" or item.type is not EntityType.ORG:
        return False
    name = text[item.start : item.end]
    if lang == "zh":
        return name.endswith(lexicon.venues.zh_sites)
    return any(word in lexicon.venues.en_sites for word in name.split())


def _without_staff_bodies(items: list[Item], text: str, lexicon: Lexicon) -> list[Item]:
    """The items without the bodies whose people a clause names instead (市委外办、市政府外办处级以上干部参加:
    gram:zh-staff-of-body), the bodies listed before such a body included; a foreign mission's officials
    represent it (gram:zh-body-its-staff-represent)."""
    staff, marks = lexicon.pattern("zh-staff-of-body"), lexicon.words("zh-list-gap")
    represented = lexicon.pattern("zh-body-its-staff-represent")
    dropped: set[int] = set()
    following: Item | None = None
    for item in reversed(items):
        if item.type is EntityType.ORG and (
            (staff.match(text, item.end) and not represented.search(text, item.start, item.end))
            or (following is not None and id(following) in dropped and text[item.end : following.start] in marks)
        ):
            dropped.add(id(item))
        following = item
    return [i for i in items if id(i) not in dropped]


def _in_object_modifier(text: str, cue_start: int, cue_end: int, lexicon: Lexicon) -> bool:
    """A cue inside the clause that describes a verb's object (会见出席大会的嘉宾: 出席 is the guests', not the
    hosts'): right after a word of a cue whose participant is the object, with 的 before the clause ends."""
    before = text[max(0, cue_start - _LONGEST_OBJECT_CUE - 1) : cue_start].removesuffix("了")
    if not before.endswith(_object_cue_words(lexicon)):
        return False
    clause = _CLAUSE.search(text, cue_end)
    return "的" in text[cue_end : clause.start() if clause else len(text)]


_LONGEST_OBJECT_CUE = 6


def _partners(cue_start: int, items: list[Item], text: str) -> list[str]:
    """The persons (else bodies) between 与 or 同 and the cue in its clause (分别与A、B座谈, 与泰国驻成都总领事馆
    举行会谈): the ones talked with."""
    opening = _with_opening(text, cue_start)
    between = [i for i in items if opening >= 0 and opening < i.start and i.end <= cue_start and i.mention]
    persons = [i for i in between if i.type is EntityType.PERSON]
    chosen = persons or [i for i in between if i.type is EntityType.ORG]
    return [i.mention.entity for i in chosen if i.mention and i.mention.entity]


_WITH = ("与", "同")
"""What opens the names of those a meeting is held with (与A、B座谈)."""


def _with_opening(text: str, cue_start: int) -> int:
    """Where the last 与 or 同 of the cue's clause stands (-1: none)."""
    clause_start = _clause_start(text, cue_start)
    return max(text.rfind(word, clause_start, cue_start) for word in _WITH)


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` begins (after the last comma, semicolon or colon before it)."""
    return max((m.end() for m in _CLAUSE.finditer(text, 0, at)), default=0)


@cache
def _partner_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(word for cue in lexicon.cues.values() if cue.slot == "partner" for word in cue.zh)


@cache
def _object_cue_words(lexicon: Lexicon) -> tuple[str, ...]:
    """The Chinese words of the cues whose participant is the verb's object (会见, 拜会…)."""
    return tuple(w for c in lexicon.cues.values() if c.slot == "object" for w in c.zh if len(w) <= _LONGEST_OBJECT_CUE)


def _places_listed(places: list[Item], text: str, gaps: frozenset[str]) -> list[Item]:
    """The most specific place of each name in a list after a location cue (考察了两江新区和果园港), past a name
    in brackets that one of them is also known by (参观了东湖高新区(中国光谷)和武汉大学)."""
    chosen = [_most_specific(places, text)]
    after = _past_aside(text, chosen[-1].end)
    rest = [p for p in places if p.start >= after]
    while rest and text[after : rest[0].start].strip() in gaps:
        chosen.append(_most_specific(rest, text))
        after = _past_aside(text, chosen[-1].end)
        rest = [p for p in rest if p.start >= after]
    return chosen


_ASIDE = re.compile(r"\s*[（(][^（()）]{1,30}[)）]")


def _past_aside(text: str, at: int) -> int:
    """Where the text goes on after a bracketed aside at ``at`` (东湖高新区|(中国光谷)), or ``at`` itself."""
    aside = _ASIDE.match(text, at)
    return aside.end() if aside else at


def _zh_persons_after(cue_end: int, items: list[Item], text: str) -> list[str]:
    """The persons named after a cue up to the end of its clause (会见了A和B一行; 会见…副主席谢尔盖·沃洛申一行), and in
    the clauses after a comma that only name more titled persons (会见俄方主席季托夫，沃洛格达州代州长菲利莫诺夫)."""
    found: list[str] = []
    start = cue_end
    while True:
        clause = _CLAUSE.search(text, start)
        limit = clause.start() if clause else len(text)
        persons = [i for i in items if start <= i.start < limit and i.type is EntityType.PERSON and i.mention]
        if start > cue_end and not _titled_names_only(text, (start, limit), items, persons):
            return found
        found += [i.mention.entity for i in persons if i.mention and i.mention.entity]
        if not persons or clause is None or clause.group() not in ",，":
            return found
        start = clause.end()


_NAME_LIST_REST = ("", "一行", "等", "等人")


def _titled_names_only(text: str, span: tuple[int, int], items: list[Item], persons: list[Item]) -> bool:
    """Whether the clause at ``span`` names persons with their titles, places and bodies and nothing else: at most
    two characters besides them and list marks (沃洛格达州代州长菲利莫诺夫, 及奔萨州州长梅利尼琴科一行)."""
    start, end = span
    if not persons or text[persons[-1].end : end].strip(" 。！？!?") not in _NAME_LIST_REST:
        return False
    covered = sum(i.end - i.start for i in items if start <= i.start and i.end <= persons[-1].end)
    rest = text[start : persons[-1].end]
    return len(rest) - covered - sum(rest.count(mark) for mark in "、和及与 ") <= 2


def _most_specific(places: list[Item], text: str) -> Item:
    """The last of adjacent Chinese place names, the most specific one (奉节县平安乡 → 平安乡)."""
    chosen = places[0]
    for item in places[1:]:
        if text[chosen.end : item.start].strip():
            break
        chosen = item
    return chosen


def _coordinated(items: list[Item], text: str) -> bool:
    """Bodies joined by 与/和/及/、 or 联合 (重庆市政府外办与泰国驻成都总领事馆签署…, 由A联合B、C共同举办)."""
    return len(items) > 1 and all(text[a.end : b.start].strip() in _JOINING for a, b in itertools.pairwise(items))


_JOINING = ("与", "和", "及", "、", "同", "联合", "携手", "会同")


_NAME_TAGS = frozenset({"LOC", "ORG", "PER", "ns", "nt", "nr", "nz"})
"""LAC's tags of names: a place between two names of a list (西班牙塞维利亚市市长桑斯) is part of a title."""


def _is_glue(text: str, start: int, end: int, reading: tuple[Parse, re.Pattern[str]]) -> bool:
    """Text between two names of a list: separators, or names of places and a few words, none a verb (市领导, 兼,
    西班牙塞维利亚市)."""
    parse, glue = reading
    piece = text[start:end]
    if glue.fullmatch(piece):
        return True
    tokens = [parse.covering(i) for i in range(start, end)]
    if any(t is not None and t.pos.startswith("v") and not _inside_name_run(parse, t) for t in tokens):
        return False
    unnamed = sum(
        1
        for i, t in zip(range(start, end), tokens, strict=True)
        if not text[i].isspace() and not (t is not None and t.pos in _NAME_TAGS)
    )
    return unnamed <= 6


def _inside_name_run(parse: Parse, token: Token) -> bool:
    """A one-character "verb" glued between two names (老挝|占|巴塞省省委): the first character of a foreign
    name the model cut off, which LAC then read alone (占巴塞省, 加德满都)."""
    before, after = parse.covering(token.start - 1), parse.covering(token.end)
    return (
        len(token.text) == 1
        and before is not None
        and after is not None
        and before.pos in _NAME_TAGS
        and after.pos in _NAME_TAGS
    )


def _list_start(
    clause_start: int,
    items: list[Item],
    text: str,
    reading: tuple[Parse, re.Pattern[str]],
    unnamed: re.Pattern[str] | None = None,
) -> int:
    """Where a list of names that ends in the cue's clause begins: earlier clauses that hold only names and
    titles (市政府外办主任王雯、副主任李明全,市商务委副主任黄河和…出席) belong to it, also across a clause of people
    named by their bodies only (…秘书长曾卿，省直有关部门负责人；倪瑞兰等参加: gram:zh-unnamed-attendees)."""
    accepted = clause_start
    while clause_start > 0:
        previous = max((m.end() for m in _BOUNDARY.finditer(text, 0, clause_start - 1)), default=0)
        inside = [i for i in items if previous <= i.start and i.end <= clause_start - 1]
        if not inside and unnamed is not None and unnamed.fullmatch(text, previous, clause_start - 1):
            clause_start = previous
            continue
        if unnamed is not None and _bodies_by_their_people(inside, text, clause_start - 1, unnamed):
            clause_start = accepted = previous
            continue
        if not any(i.type is EntityType.PERSON for i in inside):
            return accepted
        gaps, cursor = [], previous
        for item in inside:
            gaps.append((cursor, item.start))
            cursor = item.end
        gaps.append((cursor, clause_start - 1))
        if not all(_is_glue(text, gap_start, gap_end, reading) for gap_start, gap_end in gaps):
            return accepted
        clause_start = accepted = previous
    return accepted


def _bodies_by_their_people(inside: list[Item], text: str, clause_end: int, unnamed: re.Pattern[str]) -> bool:
    """Whether a clause lists bodies only, named by their people (市城管局、市卫健委、市教育局负责同志: those
    present from each; gram:zh-unnamed-attendees)."""
    return (
        bool(inside)
        and all(i.type is EntityType.ORG for i in inside)
        and (len(inside) == 1 or _coordinated(inside, text))
        and bool(unnamed.fullmatch(text, inside[-1].end, clause_end))
    )


def _zh_subject_participants(
    cue: Cue, span: tuple[int, int], items: list[Item], reading: tuple[TextVersion, Parse, Lexicon]
) -> list[str]:
    """Who (or which gathering) the Chinese clause names before a subject cue."""
    (cue_start, cue_end), (version, parse, lexicon) = span, reading
    text = _reading_text(version)
    if _in_object_modifier(text, cue_start, cue_end, lexicon):
        return []
    if lexicon.pattern("zh-invited-visit").search(text, _clause_start(text, cue_start), cue_start):
        return []
    agents = tuple(EntityType(t) for t in cue.types) or _AGENTS
    if agents == (EntityType.SESSION,):
        return _sessions_before(cue_start, items, text, lexicon.pattern("zh-announced"))
    glue = lexicon.pattern("zh-list-glue")
    sentence_start = version.sentences[version.sentence_of(cue_start)][0]
    frames = [
        m.span()
        for rule in ("zh-enclosing-frame", "zh-invitation-frame")
        for m in lexicon.pattern(rule).finditer(text, sentence_start, cue_start)
    ]
    candidates = [
        i for i in items if (i.type in agents or i.role) and not any(s <= i.start and i.end <= e for s, e in frames)
    ]
    if text.startswith("的", cue_end):  # 会见了帕克率领的代表团: an attributive clause begins after the verb
        earlier = (parse.tokens[k] for k in range(bisect_right(parse.starts, cue_start - 1) - 1, -1, -1))
        verb = next((t.end for t in earlier if t.end <= cue_start and t.pos.startswith("v")), 0)
        candidates = [i for i in candidates if i.start >= verb]
    if text[cue_start:cue_end] in _partner_words(lexicon):  # 周建清分别与A、B座谈: A and B are no subjects
        opening = _with_opening(text, cue_start)
        candidates = [i for i in candidates if opening < 0 or i.end <= opening]
    kept = _without_staff_bodies(candidates, text, lexicon)
    going_on = _subjects_going_on(cue_start, kept, text, lexicon)
    if going_on is not None:
        return going_on
    clause_start = _clause_start(text, cue_start)
    staffed = any(clause_start <= i.start < cue_start for i in candidates if i not in kept)
    counted = bool(lexicon.pattern("zh-counted-attendees").search(text, clause_start, cue_start))
    listed = lexicon.pattern("zh-listed-bodies-people")
    unnamed = lexicon.pattern("zh-unnamed-attendees")
    return _zh_subjects(
        cue_start, kept, text, (parse, glue), staffed=staffed, counted=counted, listed=listed, unnamed=unnamed
    )


def _subjects_going_on(cue_start: int, items: list[Item], text: str, lexicon: Lexicon) -> list[str] | None:
    """A cue opening a clause with 并 that names no one (王雯会见了A，并出席招待会; 代表团拜会大众汽车集团，并出席
    推介会) goes on with the subject of the clause before: who it names before its verb whose participant is the
    object (会见, 拜会), not that verb's object named last. None when the cue's clause is not such a one."""
    clause_start = _clause_start(text, cue_start)
    if not text[clause_start:cue_start].lstrip().startswith(_GOING_ON) or any(
        clause_start <= i.start < cue_start for i in items
    ):
        return None
    previous = _clause_start(text, max(clause_start - 1, 0))
    verbs = [at for word in _object_cue_words(lexicon) if (at := text.find(word, previous, clause_start)) >= 0]
    if not verbs:
        return None
    subjects = [i for i in items if previous <= i.start and i.end <= min(verbs) and i.type is EntityType.PERSON]
    return [i.mention.entity for i in subjects if i.mention and i.mention.entity]


_GOING_ON = ("并", "并且", "还", "随后", "同时")


def _sessions_before(cue_start: int, items: list[Item], text: str, announced: re.Pattern[str]) -> list[str]:
    """The numbered gatherings named before the cue in its clause (第7届南博会暨第27届昆交会在昆明举行): what is
    held; none in a clause about the future (gram:zh-announced)."""
    clause_start = _clause_start(text, cue_start)
    if announced.search(text, clause_start, cue_start):
        return []
    return [
        i.mention.entity
        for i in items
        if i.type is EntityType.SESSION
        and clause_start <= i.start
        and i.end <= cue_start
        and i.mention
        and i.mention.entity
    ]


def _zh_subjects(
    cue_start: int,
    items: list[Item],
    text: str,
    reading: tuple[Parse, re.Pattern[str]],
    *,
    staffed: bool = False,
    counted: bool = False,
    listed: re.Pattern[str] | None = None,
    unnamed: re.Pattern[str] | None = None,
) -> list[str]:
    """The persons (else bodies) before the cue in its clause, a list running over clauses included;
    the clause before when this one has none, unless it names a body's people (``staffed``) or counts those present
    (``counted``: 外事联络员100余人参加); all the bodies the clause before lists when it ends in their people
    (A、B、C等单位负责同志，各市代表…参加: gram:zh-listed-bodies-people)."""
    clause_start = _clause_start(text, cue_start)
    clause_start = _list_start(clause_start, items, text, reading, unnamed)
    sentence_items_before = [i for i in items if i.end <= cue_start and i.type in _AGENTS]
    in_clause = [i for i in sentence_items_before if i.start >= clause_start]
    if staffed and not in_clause:
        return []
    if not in_clause and listed is not None and clause_start:
        earlier = [i for i in sentence_items_before if i.start >= _clause_start(text, clause_start - 1)]
        tail = text[earlier[-1].end : clause_start].rstrip(",，") if earlier else ""
        if listed.fullmatch(tail) and _coordinated(earlier, text):
            return [i.mention.entity for i in earlier if i.mention and i.mention.entity]
    chosen = in_clause or ([] if counted else sentence_items_before[-1:])
    if not in_clause and chosen and _CLAUSE.search(text[chosen[-1].end : cue_start]):
        between = text[chosen[-1].end : cue_start]
        if len(_CLAUSE.findall(between)) > 1:
            return []
    persons = [i for i in chosen if i.type is EntityType.PERSON]
    picked = persons or (in_clause if _coordinated(in_clause, text) else chosen[-1:])
    if persons and unnamed is not None:
        picked = [*_bodies_in_clauses(in_clause, text, unnamed), *picked]
    return [i.mention.entity for i in picked if i.mention and i.mention.entity]


def _bodies_in_clauses(items: list[Item], text: str, unnamed: re.Pattern[str]) -> list[Item]:
    """The bodies of the clauses among ``items`` that list bodies named by their people only."""
    found: list[Item] = []
    for _, clause in itertools.groupby(items, key=lambda i: _clause_start(text, i.start)):
        inside = list(clause)
        end = _BOUNDARY.search(text, inside[-1].end)
        if _bodies_by_their_people(inside, text, end.start() if end else len(text), unnamed):
            found += inside
    return found


def _en_subjects(cue_start: int, items: list[Item], parse: Parse) -> list[str]:
    """The entity holding the verb's subject (through conjunctions: "presided … and delivered"), or a passive
    verb's agent alone ("the meeting was chaired by Li Mingquan": a name joined to it mostly begins the next
    clause)."""

    def agents(verb: int) -> list[int]:
        return [g for by in parse.kids(verb, "agent") for g in parse.kids(by, "pobj")]

    verb = _subject_verb(parse, cue_start, lambda v: bool(agents(v) or parse.kids(v, "nsubj", "nsubjpass")))
    if verb is None:
        return []
    found, by_agent = [], agents(verb)
    for subject in by_agent or parse.kids(verb, "nsubj", "nsubjpass"):
        for index in [subject] if by_agent else _with_conjuncts(parse, subject):
            entity = _entity_at(index, items, parse)
            if entity:
                found.append(entity)
        if not by_agent and _is_person_at(subject, items, parse):
            found += [e for e in _listed_in_subject(subject, items, parse) if e not in found]
    return found


_LIST_OPENERS = frozenset({",", "and", "including"})
"""Words before a name that make it the next item of a list of people (…, Qian Jianchao; including Ma Tao)."""
_NOT_IN_LIST = frozenset({"agent", "acl", "relcl", "advcl"})
"""Relations that put a name outside the list it stands in: led by, accompanied by, who met …"""


def _listed_in_subject(subject: int, items: list[Item], parse: Parse) -> list[str]:
    """The people a subject lists after a comma, "and" or "including", or after a common noun they name, each with a
    title: "Wang Wen, Director-General of …, Qian Jianchao, Secretary of …, and …", "Li Qiang, … and other leaders,
    including Ma Tao and Zhou Ping", "…, her deputies Zhou Yi, Li Mingquan and …" (the parser hangs the later names
    on the titles before them); not one led by or accompanied by another."""
    below, stack = set(), [subject]
    while stack:
        token = stack.pop()
        below.add(token)
        stack.extend(parse.children.get(token, ()))
    found = []
    for item in items:
        index = parse.by_start.get(item.start)
        if item.type is not EntityType.PERSON or index not in below or index == 0 or not item.mention:
            continue
        root = index
        while parse.tokens[root].dep == "compound" and parse.tokens[parse.tokens[root].head].start < item.end:
            root = parse.tokens[root].head  # Zhou|Yi: the name's last word holds its relation
        named_by_noun = parse.tokens[root].dep == "appos" and parse.tokens[parse.tokens[root].head].pos == "NOUN"
        if parse.tokens[index - 1].text.lower() not in _LIST_OPENERS and not named_by_noun:  # her deputies Zhou Yi
            continue
        path, token = [], root
        while token != subject and token in below:
            path.append(parse.tokens[token].dep)
            token = parse.tokens[token].head
        if not _NOT_IN_LIST.intersection(path) and item.mention.entity:
            found.append(item.mention.entity)
    return found


def _is_person_at(index: int, items: list[Item], parse: Parse) -> bool:
    """Whether the token's entity is a person."""
    entity = _entity_at(index, items, parse)
    persons = {i.mention.entity for i in items if i.type is EntityType.PERSON and i.mention}
    return entity is not None and entity in persons


def _subject_verb(parse: Parse, cue_start: int, has_subject: Callable[[int], bool]) -> int | None:
    """The cue's verb, or the verb it is joined to (conj, xcomp, advcl) up the parse, with a subject."""
    verb = parse.by_start.get(cue_start)
    seen = set()
    while verb is not None and verb not in seen:
        seen.add(verb)
        if has_subject(verb):
            return verb
        token = parse.tokens[verb]
        verb = token.head if token.dep in ("conj", "xcomp", "advcl") else None
    return None


def _passive(parse: Parse, cue_start: int) -> bool:
    """The cue's verb is passive ("was received by Mayor Hu"): what follows it is the agent, not the object."""
    verb = parse.by_start.get(cue_start)
    return verb is not None and bool(parse.kids(verb, "auxpass", "agent"))


def _en_passive_subjects(cue_start: int, items: list[Item], parse: Parse) -> list[str]:
    """Who a passive verb's subject names ("Consul General Tom Smith was received by …"), also through the verb it
    is joined to ("A delegation … visited Anhui and was received by …"); a delegation "led by" someone names him."""
    verb = _subject_verb(parse, cue_start, lambda v: bool(parse.kids(v, "nsubjpass", "nsubj")))
    if verb is None:
        return []
    found = []
    for index in (i for subject in parse.kids(verb, "nsubjpass", "nsubj") for i in _with_conjuncts(parse, subject)):
        leaders = [
            g for led in parse.kids(index, "acl") for by in parse.kids(led, "agent") for g in parse.kids(by, "pobj")
        ]
        entity = _entity_at(index, items, parse) or next(
            (e for e in (_entity_at(g, items, parse) for g in leaders) if e), None
        )
        if entity:
            found.append(entity)
    return found


def _with_conjuncts(parse: Parse, index: int) -> list[int]:
    """The token and those coordinated with it, also through an apposition's conjunction ("Yuan Jiajun,
    Secretary of …, and Hu Henghua": the parser hangs Hu Henghua on Secretary)."""
    found, stack = [], [index]
    while stack:
        token = stack.pop()
        if token in found:
            continue
        found.append(token)
        stack.extend(parse.kids(token, "conj"))
        stack.extend(
            c for a in parse.kids(token, "appos") for c in parse.kids(a, "conj") if parse.tokens[c].pos == "PROPN"
        )
    return found


def _entity_at(index: int, items: list[Item], parse: Parse) -> str | None:
    """The agent mention that covers the token or that the token's compounds and appositions reach."""
    related = [index, *parse.kids(index, "compound", "appos", "poss")]
    for item in items:
        if (
            item.type in _AGENTS
            and item.mention
            and any(item.start <= parse.tokens[i].start < item.end for i in related)
        ):
            return item.mention.entity
    return None


def _named_before(text: str, kinds: list[Hit], subject: re.Pattern[str]) -> str:
    """The event's name written as the subject of the trigger that opens or holds it (…合作大会15日在武汉开幕)."""
    for hit_start, _, _ in kinds:
        clause = max(text.rfind(mark, 0, hit_start) for mark in "，,。；;") + 1
        if match := subject.search(text, clause, hit_start):
            return match["name"]
    return ""


def _label_phrase(
    version: TextVersion,
    parse: Parse,
    kinds: list[Hit],
    kind: EventKind,
    patterns: tuple[int, re.Pattern[str], re.Pattern[str]],
) -> str:
    """The words naming the event: 扩大会议 after 召开, "enlarged meeting" after held, a gathering's name as the
    subject of its opening (gram:zh-event-subject); else the kind's name."""
    end, event_noun, subject = patterns
    if version.lang == "zh":
        for _, hit_end, _ in kinds:
            match = event_noun.match(version.analysis, hit_end, end)
            if match:
                label = match["name"]
                return label if label.count("“") == label.count("”") else label.replace("“", "").replace("”", "")
        return _named_before(version.analysis, kinds, subject) or kind.zh
    event_nouns = {phrase[-1] for _, _, k in kinds if isinstance(k, EventKind) for phrase in k.en_triggers}
    for hit_start, _, _ in kinds:
        verb = parse.by_start.get(hit_start)
        if verb is None:
            continue
        for noun in parse.kids(verb, "dobj"):
            if parse.tokens[noun].lemma in event_nouns:
                modifiers = [m for m in parse.kids(noun, "amod", "compound") if m < noun]
                return " ".join([*(parse.tokens[m].text for m in modifiers), parse.tokens[noun].text])
    return kind.en
