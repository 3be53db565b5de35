"""The typed document model that flows between stages.

Offsets are Python string offsets into ``TextVersion.text`` (the stored, normalised text that the
RDF output writes as ``nif:isString``). Relations refer to entity ids, never to strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, fields, is_dataclass
from enum import Enum, StrEnum
from typing import Any

LANGS: tuple[str, ...] = ("zh", "en")


class EntityType(StrEnum):
    """Kinds of entity the pipeline extracts."""

    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    SESSION = "SESSION"  # a numbered session (十三届全国人大三次会议): an event known by name


class KeyKind(StrEnum):
    """What an entity key is built from."""

    GAZETTEER = "gaz"  # a concept of the hand-written gazetteer or of the reference data
    ORG = "org"  # a body composed from its place and offices (重庆 + 市政府外办 + 党组), or an unknown body's name
    PERSON = "person"  # a name, romanised
    PLACE = "place"  # a place the gazetteer lacks: its romanised stem and level
    SESSION = "session"  # a numbered session of a known series
    GATHERING = "gathering"  # a numbered gathering known by its name (第十五届中国(温州)国际园林博览会): number/name


@dataclass(frozen=True, slots=True)
class EntityKey:
    """Which real-world entity a mention names, as far as the text tells: equal keys are one entity.

    ``str(key)`` is its one spelling (``org/chongqing/head-fao/sub-party-group``), from which IRIs are
    minted and by which keys sort; nothing parses it back.
    """

    kind: KeyKind
    path: str
    """The gazetteer key, the composed body path, the romanised name or stem, the session's series and numbers."""
    namesake: str = ""
    """For a person: the body or place that tells this person from a namesake in other articles; for a body no
    text places: its article."""
    only: str = ""
    """A language the key is confined to (the evaluation's ablation without alignment)."""

    def __str__(self) -> str:
        text = f"{self.kind.value}/{self.path}" + (f"@{self.namesake}" if self.namesake else "")
        return f"{self.only}:{text}" if self.only else text

    def __lt__(self, other: EntityKey) -> bool:
        return str(self) < str(other)

    def child(self, sub: str) -> EntityKey:
        """The key of a sub-body of this body (its Party Group, a division)."""
        return EntityKey(self.kind, f"{self.path}/{sub}")

    @property
    def series(self) -> str:
        """A session key's series (the gazetteer key of 全国人大 in 十三届全国人大三次会议)."""
        return self.path.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class OrgParts:
    """The parts of a composed body name (重庆 + 市政府 + 外办 + 党组), as lexicon keys.

    ``place`` is a gazetteer key, ``name:<text>`` for a place the gazetteer lacks, or None when the
    name leaves it implicit (市政府外办: the city the article is about).
    """

    place: str | None
    level: str | None
    head: str | None
    body: str | None
    sub: str | None
    seat: str | None = None


@dataclass(slots=True)
class PlaceContext:
    """Where an article is: its places ranked by weight, the place each office is named with, and the place
    outside the gazetteer (``name:`` and its name) each body is named with (下萨克森州议会)."""

    ranked: list[str] = field(default_factory=list)
    explicit: dict[str, str] = field(default_factory=dict)
    named: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class TextVersion:
    """One language version of an article (a ``nif:Context``)."""

    lang: str
    text: str
    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int]] = field(default_factory=list)
    analysis: str = ""
    """The same-length text the models read (simplified script), set by the ``normalise`` stage."""

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last sentence when past the end)."""
        for index, (start, end) in enumerate(self.sentences):
            if start <= offset < end:
                return index
        return max(len(self.sentences) - 1, 0)

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset``."""
        for index, (start, end) in enumerate(self.paragraphs):
            if start <= offset < end:
                return index
        return max(len(self.paragraphs) - 1, 0)


@dataclass(slots=True)
class NewsItem:
    """One news item of a digest page (a ``bikg:NewsItem``): headlines, date, and its span in each version.

    ``spans`` maps a language to (start, end) offsets into that version's text; the headlines are
    not part of the text.
    """

    index: int
    headlines: dict[str, str] = field(default_factory=dict)
    date: dt.date | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def holds(self, lang: str, offset: int) -> bool:
        span = self.spans.get(lang)
        return span is not None and span[0] <= offset < span[1]


@dataclass(slots=True)
class Article:
    """An ingested article: metadata, its language versions and, for a digest page, its news items."""

    id: str
    source: str
    title: str | None = None
    title_en: str | None = None
    date: dt.date | None = None
    periodical: str | None = None
    keywords: list[str] = field(default_factory=list)
    versions: dict[str, TextVersion] = field(default_factory=dict)
    items: list[NewsItem] = field(default_factory=list)

    def year_reference(self) -> dt.date | None:
        """The date a written month and day take their year from: the article's date, else the last day of its
        periodical issue's year (重庆与世界 2023年8期: "On July 21" is 2023-07-21)."""
        if self.date is not None or self.periodical is None:
            return self.date
        issue = re.search(r"(\d{4})年\d{1,2}期$", self.periodical)
        return dt.date(int(issue[1]), 12, 31) if issue else None

    def item_at(self, lang: str, offset: int) -> NewsItem | None:
        """The news item whose text holds ``offset`` of the ``lang`` version (None on a single-item page)."""
        return next((item for item in self.items if item.holds(lang, offset)), None)


@dataclass(slots=True)
class Token:
    """A token with its part of speech and the model's entity tag, offsets into the stored text."""

    start: int
    end: int
    text: str
    pos: str
    ent: str = ""
    lemma: str = ""
    dep: str = ""
    head: int = -1


@dataclass(slots=True)
class Mention:
    """A span of text that names an entity."""

    id: str
    lang: str
    start: int
    end: int
    text: str
    name: str
    type: EntityType
    source: str
    confidence: float
    key: EntityKey | None = None
    parent_key: EntityKey | None = None
    parts: OrgParts | None = None
    entity: str | None = None


@dataclass(slots=True)
class RoleMention:
    """A title in the text, resolved to a concept of the role lexicon."""

    lang: str
    start: int
    end: int
    role: str


@dataclass(slots=True)
class Entity:
    """One real-world entity of an article, with its names in each language."""

    id: str
    type: EntityType
    key: EntityKey
    labels: dict[str, str] = field(default_factory=dict)
    alt_labels: dict[str, set[str]] = field(default_factory=dict)
    mentions: list[str] = field(default_factory=list)
    parent: str | None = None
    also_place: bool = False
    alignment_confidence: float | None = None

    def names(self, lang: str) -> set[str]:
        """Every name known for ``lang``: the label and the variants."""
        names = set(self.alt_labels.get(lang, set()))
        if lang in self.labels:
            names.add(self.labels[lang])
        return names


@dataclass(slots=True)
class Evidence:
    """A sentence that states a fact."""

    lang: str
    sentence: int
    text: str


@dataclass(slots=True)
class Membership:
    """A person holding a role in an organisation (``org:Membership``)."""

    person: str
    organization: str
    role: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    start: str | None = None
    """When the post was taken up, as the text states it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    end: str | None = None
    """When the post was left (免去…职务), in the same form."""
    attested: str | None = None
    """The date (ISO) of the article or news item that states the post: when it is known to be held."""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.person, self.organization, self.role)


@dataclass(slots=True)
class Participation:
    """An entity taking part in an event through a property of the contract."""

    prop: str
    entity: str
    confidence: float


@dataclass(slots=True)
class Event:
    """Something that happened, with its date and participants."""

    id: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    date: dt.date | None = None
    participants: list[Participation] = field(default_factory=list)
    confidence: float = 0.6
    evidence: list[Evidence] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    item: int | None = None
    """The index of the news item stating the event, on a digest page."""


@dataclass(slots=True)
class LanguageAnalysis:
    """What the NLP and extraction stages found in one language version."""

    lang: str
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[RoleMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass(slots=True)
class Alignment:
    """A zh entity and an en entity found to be the same, with the score of the match."""

    zh: str
    en: str
    score: float
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """The result of the per-article stages: one article's entities and facts, both languages merged."""

    article: Article
    analyses: dict[str, LanguageAnalysis] = field(default_factory=dict)
    entities: list[Entity] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    context_place: str | None = None
    places: PlaceContext = field(default_factory=PlaceContext)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def mentions(self) -> list[Mention]:
        return [m for analysis in self.analyses.values() for m in analysis.mentions]

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the extraction (dates as ISO strings, sets as sorted lists)."""
        return plain(self)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind))
    return _FIELD_NAMES[kind]


def plain(value: Any) -> Any:
    """A tree of these dataclasses as JSON-ready data: dates as ISO strings, enums as their values, sets
    as sorted lists, tuples as lists (the per-article cache and ``Extraction.to_dict`` both write it)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if is_dataclass(kind):
        return {name: plain(getattr(value, name)) for name in _field_names(kind)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return sorted(plain(item) for item in value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value
