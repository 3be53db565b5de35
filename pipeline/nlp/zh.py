"""Chinese NLP: sentences, tokens from the chosen NER backend, lexicon repair of its spans."""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Container, Iterable, Iterator
from functools import cache

from pipeline.lexicon.dictionary import glosses
from pipeline.lexicon.match import (
    HOME_COUNTRY,
    Match,
    ZhPatterns,
    foreign_country,
    level_words,
    longest_matches,
    numbered_matches,
    venue_openings,
    zh_divisions_alone,
    zh_listed_missions,
    zh_listed_offices,
    zh_org_matches,
    zh_patterns,
    zh_titled_missions,
)
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.model import EntityKey, EntityType, KeyKind, LanguageAnalysis, TextVersion, Token
from pipeline.ner.backends import ZhNerBackend
from pipeline.ner.dictionary import person_names
from pipeline.nlp.dates import ZH_DATE
from pipeline.nlp.mentions import (
    Candidate,
    add_to_analysis,
    from_match,
    link_short_names,
    link_venue_names,
    persons_taken_for_places,
    promote_named_bodies,
    repeated_person_names,
    select,
    settle_name_variants,
)
from pipeline.nlp.venues import venue_spans

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』)]*")
_MODEL_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORG, "LOC": EntityType.PLACE}
_NAMED_TYPES = {"place": EntityType.PLACE, "org": EntityType.ORG}


def split_sentences(version: TextVersion) -> list[tuple[int, int]]:
    """Sentence spans: paragraph boundaries and Chinese or ASCII sentence-final punctuation; a semicolon inside
    a list of those present is none (gram:zh-list-over-semicolon)."""
    spans = []
    listed, reading = load_lexicon().pattern("zh-list-over-semicolon"), version.analysis or version.text
    for start, end in version.paragraphs:
        cursor = start
        for match in _SENTENCE_END.finditer(version.text, start, end):
            semicolon = match.group().startswith(("；", ";"))
            if semicolon and listed.fullmatch(reading, match.end(), _next_end(version.text, match.end(), end)):
                continue
            spans.append((cursor, match.end()))
            cursor = match.end()
        if cursor < end:
            spans.append((cursor, end))
    return spans


def _next_end(text: str, start: int, end: int) -> int:
    """Where the sentence piece starting at ``start`` ends (its final punctuation included), at most ``end``."""
    match = _SENTENCE_END.search(text, start, end)
    return match.end() if match else end


LATIN_GLOSS = re.compile(r"(?<=[\u3400-\u9fff])\s?[(（][A-Za-z][^()（）\u3400-\u9fff]{0,60}[)）]")
"""A name's original in Latin letters, in brackets right after it (费连(Ed Flynn), 兰热尔(Paulo Rangel))."""


def tag_sentences(backend: ZhNerBackend, sentences: list[str]) -> list[list[tuple[str, str]]]:
    """The backend's words and tags of the sentences. Bracketed Latin originals of names are kept from the model,
    which reads them into the name before (费连(Ed Flynn) as a body, 安德森(Tania An|derson)), and put back as
    words of their own."""
    glosses = [[m.span() for m in LATIN_GLOSS.finditer(sentence)] for sentence in sentences]
    masked = [_without(sentence, spans) for sentence, spans in zip(sentences, glosses, strict=True)]
    tagged = backend.tag(masked) if masked else []
    return [
        _with_glosses(words, sentence, spans) if spans else words
        for words, sentence, spans in zip(tagged, sentences, glosses, strict=True)
    ]


def _without(text: str, spans: list[tuple[int, int]]) -> str:
    kept, cursor = [], 0
    for start, end in spans:
        kept.append(text[cursor:start])
        cursor = end
    return "".join(kept) + text[cursor:]


def _with_glosses(words: list[tuple[str, str]], sentence: str, spans: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The words of the masked sentence with the glosses put back where they were (a word the model ran across
    the place of one is split there)."""
    result: list[tuple[str, str]] = []
    pending = list(spans)
    cursor = 0  # offset in the original sentence
    for word, tag in words:
        while word:
            if pending and cursor == pending[0][0]:
                start, end = pending.pop(0)
                result.append((sentence[start:end], "w"))
                cursor = end
                continue
            take = len(word) if not pending else min(len(word), pending[0][0] - cursor)
            result.append((word[:take], tag))
            word, cursor = word[take:], cursor + take
    result.extend((sentence[start:end], "w") for start, end in pending)
    return result


def tag_versions(versions: list[TextVersion], backend: ZhNerBackend) -> list[list[list[tuple[str, str]]]]:
    """The backend's words and tags for the sentences of several versions, in one batched call."""
    sentences = [split_sentences(v) for v in versions]
    flat = [v.analysis[s:e] for v, spans in zip(versions, sentences, strict=True) for s, e in spans]
    tagged = tag_sentences(backend, flat)
    result, cursor = [], 0
    for spans in sentences:
        result.append(tagged[cursor : cursor + len(spans)])
        cursor += len(spans)
    return result


def analyse_zh(
    version: TextVersion,
    lexicon: Lexicon,
    backend: ZhNerBackend,
    *,
    gazetteer: bool = True,
    repair: bool = True,
    tagged: list[list[tuple[str, str]]] | None = None,
) -> LanguageAnalysis:
    """Tokens and mentions of the Chinese version: model spans repaired by the lexicon.

    ``gazetteer=False`` leaves out gazetteer names, composed body names and sessions; ``repair=False``
    takes the model's spans as they are (titles are always found, memberships need them). ``tagged`` is
    the backend's output for the sentences when a chunk was tagged at once (:func:`tag_versions`).
    """
    version.sentences = split_sentences(version)
    analysis = LanguageAnalysis(lang="zh")
    names = version.analysis
    if tagged is None or len(tagged) != len(version.sentences):
        tagged = tag_sentences(backend, [names[s:e] for s, e in version.sentences])
    for (sentence_start, _), words in zip(version.sentences, tagged, strict=True):
        offset = sentence_start
        joined = _places_the_model_cut(_joined_names(words, _two_character_triggers(lexicon)), lexicon)
        joined = _compound_surname_names(_places_listed_as_bodies(joined, lexicon), lexicon)
        joined = _hyphenated_places(joined, lexicon)
        for word, tag in _split_titled_leaders(_japanese_names(joined, lexicon), lexicon):
            analysis.tokens.append(
                Token(
                    offset,
                    offset + len(word),
                    version.text[offset : offset + len(word)],
                    tag,
                    tag if tag in _MODEL_TYPES else "",
                )
            )
            offset += len(word)
    patterns = zh_patterns(lexicon)
    role_matches = longest_matches(names, patterns.roles, patterns.roles_trie)
    candidates: list[Candidate] = []
    if gazetteer and repair:
        candidates = _lexicon_candidates(names, analysis.tokens, lexicon, role_matches)
    roles = [from_match(m, _NAMED_TYPES) for m in role_matches]
    candidates += roles + _titles_after_bodies(roles, candidates, names, patterns.roles)
    candidates += _model_candidates(analysis.tokens, names, lexicon, repair=repair)
    candidates += _names_read_as_place_and_name(analysis.tokens, names, lexicon) if repair else []
    candidates += _listed_places_after_countries(analysis.tokens, names, lexicon) if repair else []
    candidates += _appointees(names, lexicon) if repair else []
    candidates += _own_places(names, candidates, lexicon) if gazetteer and repair else []
    titled = _titled_surnames(candidates, roles, names)
    spans = {(c.start, c.end) for c in titled}
    candidates = [c for c in candidates if c.type is not EntityType.PERSON or (c.start, c.end) not in spans] + titled
    if repair:
        _bracketed_names(candidates, analysis.tokens, names)
    add_to_analysis(analysis, version.text, names, select(_settled(candidates, names, lexicon)))
    _link_names(analysis, version.text, names, lexicon)
    return analysis


def _own_places(names: str, candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The places a page names as its own (访问我市, 在我省举办: gram:zh-own-place), where no other name is read:
    keyed later as the article's place of that level."""
    found = []
    for match in lexicon.pattern("zh-own-place").finditer(names):
        if not any(c.start < match.end() and match.start() < c.end for c in candidates):
            found.append(Candidate(match.start(), match.end(), "named", EntityType.PLACE))
    return found


def _bracketed_names(candidates: list[Candidate], tokens: list[Token], names: str) -> None:
    """A body's or a place's name that opens inside a bracket its text closes (西安)集结中心, (境)管理处) opens
    with the bracket and the words before it (中欧班列(西安)集结中心, 出国(境)管理处): at most three words of up to
    four characters in all, none a function word or a mark."""
    ending_at = {t.end: t for t in tokens}
    for candidate in candidates:
        if candidate.type not in (EntityType.ORG, EntityType.PLACE):
            continue
        text = names[candidate.start : candidate.end]
        if text[:1] in _OPENING_BRACKETS:
            opening = candidate.start
        elif _unclosed(text):
            before = max(0, candidate.start - _BRACKETED)
            opening = max(names.rfind(bracket, before, candidate.start) for bracket in _OPENING_BRACKETS)
        else:
            continue
        start = opening
        for _ in range(3) if opening >= 0 else ():
            word = ending_at.get(start)
            if word is None or word.pos in _FUNCTION_TAGS or not _is_han(word.text) or opening - word.start > 4:
                break
            start = word.start
        if start < opening:
            candidate.start = start


_OPENING_BRACKETS = ("(", "（")
_BRACKETED = 6
"""Characters a bracketed word may hold (西安, 境, 浙江)."""


def _unclosed(text: str) -> bool:
    """Whether the text closes a bracket it did not open."""
    depth = 0
    for character in text:
        depth += character in _OPENING_BRACKETS
        depth -= character in (")", "）")
        if depth < 0:
            return True
    return False


def _appointees(names: str, lexicon: Lexicon) -> list[Candidate]:
    """The one an appointment names (任命高远航为…副主任, 免去韩立新的…职务: gram:zh-appointee-frame) is a person,
    whatever the model read there."""
    return [
        Candidate(m.start("name"), m.end("name"), "model", EntityType.PERSON)
        for m in lexicon.pattern("zh-appointee-frame").finditer(names)
    ]


def _link_names(analysis: LanguageAnalysis, text: str, names: str, lexicon: Lexicon) -> None:
    """Names written two ways in the article made one: persons one character off or by one part, venues
    without their level."""
    settle_name_variants(analysis, text, names)
    persons_taken_for_places(analysis)
    repeated_person_names(analysis, text, names)
    link_short_names(analysis)
    link_venue_names(analysis, venue_openings(lexicon, "zh"))


def _lexicon_candidates(names: str, tokens: list[Token], lexicon: Lexicon, titles: list[Match]) -> list[Candidate]:
    """What the lexicon names in the text: numbered gatherings, gazetteer names, composed bodies (the missions
    that titles name too), venues."""
    title_starts = frozenset(m.start for m in titles)
    patterns = zh_patterns(lexicon)
    place_before = {t.end: _place_key(t.text, patterns.place_forms) for t in tokens if t.ent == "LOC"}
    candidates = [from_match(match, _NAMED_TYPES) for match in numbered_matches(names, "zh", lexicon)]
    matches = longest_matches(names, patterns.named, patterns.named_trie)
    for match in _whole_words(matches, tokens, title_starts, patterns.place_forms):
        candidate = from_match(match, _NAMED_TYPES)
        candidate.nested_ok = True
        candidates.append(candidate)
    bodies = zh_org_matches(names, lexicon, place_before=place_before)
    bodies = _whole_words(bodies, tokens, title_starts, patterns.place_forms)
    bodies = _bodies_of_unknown_places(bodies, tokens, names, lexicon)
    bodies += zh_divisions_alone(names, lexicon, bodies)
    candidates += [from_match(match, _NAMED_TYPES) for match in bodies]
    missions = zh_titled_missions(names, lexicon, titles)
    candidates += [dataclasses.replace(from_match(m, _NAMED_TYPES), name=m.name) for m in missions]
    candidates = _with_listed_bodies(candidates, names, lexicon) + _venue_candidates(names, tokens, lexicon)
    return candidates + _joined_places(tokens, names, lexicon)


def _names_read_as_place_and_name(tokens: list[Token], names: str, lexicon: Lexicon) -> list[Candidate]:
    """A four-character name the tagger reads as a place it does not know and a two-character name (日本爱知县知事
    大村|秀章: 大村秀章): one person."""
    forms, short = zh_patterns(lexicon).place_forms, zh_patterns(lexicon).abbreviation_keys
    return [
        Candidate(first.start, second.end, "model", EntityType.PERSON)
        for first, second in itertools.pairwise(tokens)
        if first.ent == "LOC"
        and second.ent == "PER"
        and first.end == second.start
        and len(first.text) == len(second.text) == 2
        and names[first.start : first.end] not in forms
        and not any(char in short for char in names[first.start : first.end])
    ]


def _listed_places_after_countries(tokens: list[Token], names: str, lexicon: Lexicon) -> list[Candidate]:
    """A word the tagger calls a common noun written right after a foreign country and before the list mark of
    more places (日本|船桥|、京都、奈良): a place of that country, the first of a list of its places."""
    patterns = zh_patterns(lexicon)
    found = []
    for country, word, mark, following in zip(tokens, tokens[1:], tokens[2:], tokens[3:], strict=False):
        table, key = patterns.named.get(names[country.start : country.end], ("", ""))
        foreign = table == "place" and foreign_country(key, lexicon)
        listed = mark.text in _LIST_MARKS and following.ent == "LOC" and mark.start == word.end
        text = names[word.start : word.end]
        noun = word.pos in _COMMON_NOUNS and not word.ent and _SHORT_NAME.fullmatch(text) and not _common_word(text)
        if foreign and listed and noun and country.end == word.start:
            found.append(Candidate(word.start, word.end, "model", EntityType.PLACE))
    return found


def _common_word(word: str) -> bool:
    """Whether the dictionary knows ``word`` as common words only (企业 "company", not 京都 "Kyoto")."""
    senses = glosses(word)
    return bool(senses) and not any(sense[0][:1].isupper() for sense in senses)


_LIST_MARKS = ("、", "和", "及")
_COMMON_NOUNS = ("n", "nz")
_SHORT_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")


def _joined_places(tokens: list[Token], names: str, lexicon: Lexicon) -> list[Candidate]:
    """One place the tagger cut into words it each calls a place (乌鲁木齐|国际陆港区, 黄崖关|长城, 粤|港|澳大湾区):
    a place, neither a country nor named with its level (奉节县|平安乡, 琼海市|博鳌镇, 新南威尔士州|悉尼 are two),
    followed right after by words that no gazetteer knows, that open with no known place or short form
    (海口|海南国际会展中心, 川|渝国际友城) and that end with no level word but 区 (every district is in the
    division table: an unknown 区 is a zone of the place); the whole name wins over the place it opens with."""
    forms, short = zh_patterns(lexicon).place_forms, zh_patterns(lexicon).abbreviation_keys
    levels = tuple(f for e in lexicon.place_suffixes.values() if e.level != "district" for f in e.zh_forms)
    found: list[Candidate] = []
    run: list[Token] = []
    for token in tokens:
        name = names[token.start : token.end]
        if (
            token.ent == "LOC"
            and run
            and run[-1].end == token.start
            and not any(name[:size] in forms for size in range(2, len(name) + 1))
            and name[0] not in short  # 川|渝国际友城: a pair of short forms, no place's name
            and not names.startswith(levels, token.start + len(name) - 1)
        ):
            run.append(token)
            continue
        found += _joined(run)
        suffixes = _suffix_forms(lexicon) if name in forms else level_words(lexicon, "zh")  # 泸州 is a city's name
        opening = token.ent == "LOC" and not name.endswith(suffixes)
        run = [token] if opening and lexicon.place_level(forms.get(name, "")) != "country" else []
    return found + _joined(run)


@cache
def _suffix_forms(lexicon: Lexicon) -> tuple[str, ...]:
    """The place suffixes' Chinese forms (省, 市, 县…), longest first."""
    return tuple(sorted({f for e in lexicon.place_suffixes.values() for f in e.zh_forms}, key=len, reverse=True))


def _joined(run: list[Token]) -> list[Candidate]:
    """The place a run of the tagger's place words makes, when it is two words or more and three characters."""
    if len(run) < 2 or run[-1].end - run[0].start < 3:
        return []
    return [Candidate(run[0].start, run[-1].end, "joined", EntityType.PLACE)]


def _whole_words(
    matches: list[Match], tokens: list[Token], title_starts: frozenset[int], forms: Container[str]
) -> list[Match]:
    """The lexicon's matches, a one-character place only where the tagger's word or a title begins after it (渝 of
    在渝会见, of 驻渝 and of 驻渝|代总领事, which the tagger reads 渝代|总领事; not 港 of 在港口物流), no place
    the tagger reads as a function word (和县 of 项目和县内企业, a conjunction then), and no place ending a longer
    name the tagger found that opens with no place (达州 of 沃洛格达州 and of 克孜勒|奥尔达州: foreign regions)."""
    ends = {t.end for t in tokens} | title_starts
    function_words = {(t.start, t.end) for t in tokens if t.pos in _FUNCTION_TAGS}
    names = {t.end: t for t in tokens if t.ent in ("PER", "LOC")}
    return [
        m
        for m in matches
        if m.table != "place"
        or (
            (m.end - m.start > 1 or m.end in ends)
            and (m.start, m.end) not in function_words
            and not _ends_longer_name(m, names.get(m.end), forms)
        )
    ]


def _ends_longer_name(match: Match, name: Token | None, forms: Container[str]) -> bool:
    """Whether ``match`` ends the name ``name`` after characters no place's name opens (沃洛格|达州)."""
    if name is None or name.start >= match.start or match.end - match.start < 2:
        return False  # a one-character place (桂 of 来桂) is a short form, read by its own rules
    opening = name.text[: match.start - name.start]
    return not any(opening[:size] in forms for size in range(1, len(opening) + 1))


_FUNCTION_TAGS = frozenset({"c", "p", "u", "d", "f", "r", "q", "xc"})
"""The tagger's parts of speech of function words: conjunction, preposition, particle, adverb, direction,
pronoun, measure word, other function word."""


def _venue_opening(names: str, span: tuple[int, int], lexicon: Lexicon) -> tuple[int, int]:
    """A venue without the verb placing it (设在长沙国际会展中心 → 长沙国际会展中心) and without a city written before
    a name that opens with a place the city does not hold (海口|海南国际会展中心: 海口 is a place of its own; not
    郑州新郑国际机场, whose airport is named with the city that holds 新郑)."""
    start, end = span
    start += next((len(v) for v in lexicon.words("zh-venue-verb") if names.startswith(v, start)), 0)
    places = zh_patterns(lexicon).place_forms
    first = next((n for n in range(min(4, end - start - 4), 1, -1) if names[start : start + n] in places), 0)
    second = next((places[w] for n in (3, 2) if (w := names[start + first : start + first + n]) in places), None)
    if first and second and places[names[start : start + first]] not in lexicon.place_ancestors(second):
        start += first
    return start, end


def _venue_candidates(names: str, tokens: list[Token], lexicon: Lexicon) -> list[Candidate]:
    """Venues (在外事大楼) holding no verb (在津举办香港… is none) nor 和 after their first word, opening with no
    verb (在建设国际交往中心城市方面: what is done, not where), and ending where no name the model found goes on
    (在中央港|澳办 is no 中央港); a model span with a verb in it (香格里拉大酒店会见代表团) is no name to go on."""
    verbs = lexicon.words("zh-verb-in-name")
    inside_names = {
        i
        for t in tokens
        if t.ent and not any(verb in names[t.start : t.end] for verb in verbs)
        for i in range(t.start + 1, t.end)
    }
    verb_openings = {t.start for t in tokens if t.pos in _VERB_TAGS and not t.ent}
    return [
        Candidate(s, e, "venue", EntityType.PLACE)
        for s, e in (_venue_opening(names, span, lexicon) for span in venue_spans(names, "zh", lexicon.venues))
        if e not in inside_names
        and not any(verb in names[s:e] for verb in verbs)
        and not ZH_DATE.search(names, s, e)  # 于五月十五日下午返港: a date, no venue
        and names.find("和", s + 2, e) < 0  # 在陈列馆和古镇: two places, or none (邮轮旅游和港); not 人和会展中心
        and s not in verb_openings
    ]


_VERB_TAGS = frozenset({"v", "vd", "vn"})
"""The tagger's parts of speech of verbs: verb, adverbial verb, nominal verb."""


def _bodies_of_unknown_places(bodies: list[Match], tokens: list[Token], names: str, lexicon: Lexicon) -> list[Match]:
    """A body's word named with a place the gazetteer lacks: before it (佩奇|市政府, 长凤村|村委会: a place the model
    found), ending with its level word (萨拉托夫州|政府), or in a word of the model's (槟城州政府,
    乌里扬诺夫斯克州政府代表团): the body's name opens with the place."""
    places = {t.end: t for t in tokens if t.ent == "LOC"}
    generic = tuple(lexicon.words("zh-generic-opening"))
    found = []
    for body in bodies:
        parts = body.parts
        if parts is None or parts.head is not None:
            found.append(body)
            continue
        inside = None if parts.place else next((t for t in tokens if t.start < body.start < t.end), None)
        if parts.place is not None and body.start in places:
            start = places[body.start].start
            place = parts.place
            level = next((w for w in level_words(lexicon, "zh") if names.startswith(w, body.start)), "")
            if place.startswith("name:") and not place.endswith(level):
                place += level  # 佩奇|市政府: the place is 佩奇市, as 佩奇市市长 names it
            body = _opened_with(body, start, place, names)
        elif (
            inside is not None
            and body.start - inside.start >= 2
            and _is_han(names[inside.start : body.start])
            and not names.startswith(generic, inside.start)  # 各区|县政府: bodies in general
        ):
            place_end = inside.end if inside.ent == "LOC" and inside.end < body.end else body.start
            opening = _after_country(names, inside.start, place_end, lexicon)
            body = _opened_with(body, opening, f"name:{names[opening:place_end]}", names)
        found.append(body)
    return found


def _after_country(names: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a foreign place's name opens in a word of the model's that begins with its country (越南|老街省委):
    after the country's name, when a name of two characters or more is left; else ``start``."""
    forms = zh_patterns(lexicon).place_forms
    for size in range(min(8, end - start - 2), 1, -1):
        key = forms.get(names[start : start + size])
        if key is not None and foreign_country(key, lexicon):
            return start + size
    return start


def _opened_with(body: Match, start: int, place: str, names: str) -> Match:
    parts = dataclasses.replace(body.parts, place=place) if body.parts else None
    return dataclasses.replace(body, start=start, name=names[start : body.end], parts=parts)


def _titled_surnames(candidates: list[Candidate], roles: list[Candidate], names: str) -> list[Candidate]:
    """A person named again by the surname and a title (何部长、罗副区长陪同; 陈书记说) is the one person of the
    article named in full with that surname; the surname opens a clause or a list item."""
    full = {names[c.start : c.end] for c in candidates if c.type is EntityType.PERSON and 1 < c.end - c.start < 5}
    found = []
    for role in roles:
        for length in (1, 2):
            start = role.start - length
            surname = names[start : role.start]
            if start < 0 or (start > 0 and names[start - 1] not in _CLAUSE_OPENERS) or not _is_han(surname):
                continue
            owners = {name for name in full if name.startswith(surname) and len(name) > length and "·" not in name}
            if len(owners) == 1:
                found.append(Candidate(start, role.start, "model", EntityType.PERSON, name=owners.pop()))
    return found


_CLAUSE_OPENERS = frozenset("，,。、；;：:“\n")


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= c <= "\u9fff" for c in text)


def _with_listed_bodies(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """The missions of a list of countries (英国、日本驻重庆总领事馆) and the offices of a list of places
    (黄山、宣城、池州三市外办), each named in full; a country or place of the list is then no place of its own."""
    listed = []
    for match in zh_listed_missions(names, lexicon) + zh_listed_offices(names, lexicon):
        candidate = from_match(match, _NAMED_TYPES)
        candidate.name = match.name
        listed.append(candidate)
    spans = {(c.start, c.end) for c in listed}
    return [c for c in candidates if c.source != "named" or (c.start, c.end) not in spans] + listed


def _titles_after_bodies(
    roles: list[Candidate], bodies: list[Candidate], names: str, forms: dict[str, tuple[str, str]]
) -> list[Candidate]:
    """The title after a body's name when a longer title ran into it (外事办公室|主任 read as 办公室主任, the
    general office's director): the body wins the overlap, and its title is what follows it."""
    found = []
    for role in roles:
        for body in bodies:
            tail = names[body.end : role.end]
            if body.type is EntityType.ORG and body.start < role.start < body.end < role.end and tail in forms:
                found.append(from_match(Match(body.end, role.end, *forms[tail], name=tail), _NAMED_TYPES))
    return found


def _bodies_named_in_full(candidates: list[Candidate], missions: frozenset[str]) -> list[Candidate]:
    """A body the model names in full around a composed one without its place (南中友协 around 友协, 俄中友协):
    the longer name is the body's; the composed one would make every such society one. Only a bare head: a
    mission without its country (多国驻沪总领事馆) stays composed, to be dropped, and a body (省委) or a division
    keeps its composition."""
    spans = [(c.start, c.end) for c in candidates if c.source == "model" and c.type is EntityType.ORG]
    return [
        c
        for c in candidates
        if not (_bare_head(c, missions) and any(s < c.start and e == c.end for s, e in spans))
        and not (_bare_body(c) and any(s == c.start and e > c.end for s, e in spans))
    ]


def _joined_transliterations(candidates: list[Candidate], names: str) -> list[Candidate]:
    """Two persons the model finds side by side, one a transliteration with a middle dot (阿扎姆|焦恩·马恩苏洛夫):
    one foreign name."""
    persons = sorted(
        (c for c in candidates if c.source == "model" and c.type is EntityType.PERSON), key=lambda c: c.start
    )
    dropped: set[int] = set()
    for first, second in itertools.pairwise(persons):
        if id(first) in dropped or first.end != second.start or "·" not in names[first.start : second.end]:
            continue
        first.end = second.end
        dropped.add(id(second))
    return [c for c in candidates if id(c) not in dropped]


def _bodies_joined_by_and(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """Two bodies the model finds either side of 和, the first ending in no body's word, are one body's name
    (洛阳市文化广电|和|旅游局: 洛阳市文化广电和旅游局, as the reformed bureaus are named)."""
    ends = _body_endings(lexicon)
    bodies = {c.start: c for c in candidates if c.source == "model" and c.type is EntityType.ORG}
    dropped: set[int] = set()
    for first in sorted(bodies.values(), key=lambda c: c.start):
        second = bodies.get(first.end + 1)
        if (
            second is not None
            and id(first) not in dropped
            and names[first.end] == "和"
            and not names[first.start : first.end].endswith(ends)
            and names[second.start : second.end].endswith(ends)
        ):
            first.end = second.end
            dropped.add(id(second))
    return [c for c in candidates if id(c) not in dropped]


@cache
def _body_endings(lexicon: Lexicon) -> tuple[str, ...]:
    """What a body's name ends with: a body word, a sub-body's name, a head's last character or one of
    gram:zh-body-last-character (局, 署, 馆)."""
    heads = {form[-1] for e in lexicon.heads.values() for form in e.zh_forms}
    subs = {form for e in lexicon.sub_bodies.values() for form in e.zh_forms}
    return tuple(set(_body_words(lexicon)) | heads | subs | lexicon.words("zh-body-last-character"))


def _titled_names_ending_in_names(candidates: list[Candidate]) -> list[Candidate]:
    """A person the model finds right after a title, whose given name is a gazetteer name (市长卢|海东, 州长刀|新华),
    is that person: the place or body inside the name is none."""
    titles = {c.end for c in candidates if c.source == "role"}
    persons = {
        (c.start + 1, c.end)
        for c in candidates
        if c.source == "model" and c.type is EntityType.PERSON and c.end - c.start == 3 and c.start in titles
    }
    return [c for c in candidates if not (c.source == "named" and (c.start, c.end) in persons)]


def _completed_name_parts(candidates: list[Candidate], names: str) -> None:
    """A person the model cuts inside a part of a foreign name the text gives in full is that whole part
    (普拉塞蒂|约团长 after 尤迪·普拉塞蒂约: 普拉塞蒂约), which then names the person again."""
    parts = {
        part
        for c in candidates
        if c.type is EntityType.PERSON and "·" in (full := names[c.start : c.end])
        for part in full.split("·")
        if len(part) >= 3
    }
    for candidate in candidates:
        name = names[candidate.start : candidate.end]
        if candidate.source != "model" or candidate.type is not EntityType.PERSON or "·" in name:
            continue
        longer = [p for p in parts if p != name and p.startswith(name) and names.startswith(p, candidate.start)]
        if longer:
            candidate.end = candidate.start + len(max(longer, key=len))


def _titled_transliterations_cut(candidates: list[Candidate], names: str) -> None:
    """A transliterated name the model cuts one or two characters after the title before it (总领事披|差·翁素),
    or opens inside the title (副府|尹颂蓬·西里瓦), opens right after the title."""
    title_ends = {c.end for c in candidates if c.source == "role"}
    for candidate in candidates:
        name = names[candidate.start : candidate.end]
        if candidate.source != "model" or candidate.type is not EntityType.PERSON or "·" not in name:
            continue
        cut = next((n for n in (1, 2) if candidate.start - n in title_ends), 0)
        if cut and _is_han(names[candidate.start - cut : candidate.start]):
            candidate.start -= cut
        inside = next((n for n in (1, 2) if candidate.start + n in title_ends), 0)
        if inside and candidate.start + inside < names.index("·", candidate.start) - 1:
            candidate.start += inside


def _without_dash_joined(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """Places and bodies joined to another name by a single dash (gram:zh-name-dash): a name beside the dash is
    part of a longer name or a pairing (中国 and 东盟 of 中国—东盟博览会), and a span ending in a known name after
    the dash only pairs two names (中国—东盟). A longer name with a dash inside stays whole (中国—东盟中心,
    艾克斯—马赛—普罗旺斯大都会); persons are left alone (让-皮埃尔)."""
    dash = lexicon.pattern("zh-name-dash")
    named = zh_patterns(lexicon).named
    joints = {m.start() for m in dash.finditer(names)}

    def joined(candidate: Candidate) -> bool:
        if candidate.type not in (EntityType.PLACE, EntityType.ORG):
            return False
        if candidate.end in joints or candidate.start - 1 in joints:
            return True
        inner = [j for j in joints if candidate.start < j < candidate.end - 1]
        return bool(inner) and names[max(inner) + 1 : candidate.end] in named

    return [c for c in candidates if not joined(c)]


def _without_places_in_doctrines(candidates: list[Candidate], names: str, doctrine: re.Pattern[str]) -> list[Candidate]:
    """A place that opens the name of a doctrine or slogan (中国 of 中国特色社会主义, gram:zh-place-in-doctrine)
    is part of that name."""
    return [c for c in candidates if not (c.type is EntityType.PLACE and doctrine.match(names, c.end))]


def _without_slogan_names(candidates: list[Candidate], names: str, slogan: re.Pattern[str]) -> list[Candidate]:
    """No name within a slogan that plays on a place's short name (湘里湘外, 浙里浙外: gram:zh-slogan-of-a-place)."""
    spans = [m.span() for m in slogan.finditer(names)]
    return [c for c in candidates if not any(c.start < end and start < c.end for start, end in spans)]


def _bare_head(candidate: Candidate, missions: frozenset[str]) -> bool:
    parts = candidate.parts
    return (
        candidate.source == "composed"
        and parts is not None
        and parts.place is None
        and parts.body is None
        and parts.sub is None
        and parts.head not in missions
    )


def _bare_body(candidate: Candidate) -> bool:
    """A body's word alone (市委), which the model's span may go on from (市委党校: the committee's school)."""
    parts = candidate.parts
    return candidate.source == "composed" and parts is not None and parts.head is None and parts.sub is None


def _generic_body(candidate: Candidate, names: str, lexicon: Lexicon) -> bool:
    """A body name without its place after a word of many and levels of place (各区县外办, 有关区县政府, 各设区市外办,
    各地(市)外办: gram:zh-generic-levels): bodies in general, none."""
    if candidate.source != "composed" or candidate.parts is None or candidate.parts.place is not None:
        return False
    before = names[max(0, candidate.start - 8) : candidate.start]
    levels = lexicon.pattern("zh-generic-levels").search(before)
    return before[: levels.start() if levels else len(before)].endswith(tuple(lexicon.words("zh-generic-opening")))


_CLAUSE_START = frozenset("。,;:、!?\n")


def _office_self_references(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """办 opening a clause right before a title (办党组书记、主任王雯) names the office the text last named
    (市政府外办): a body candidate with that office's parts."""
    found = []
    role_starts = {c.start for c in candidates if c.source == "role"}
    offices = sorted(
        (c for c in candidates if c.source == "composed" and c.parts and c.parts.head), key=lambda c: c.start
    )
    for word in lexicon.words("zh-office-self"):
        for match in re.finditer(re.escape(word), names):
            start, end = match.span()
            if (start and names[start - 1] not in _CLAUSE_START) or end not in role_starts:
                continue
            office = next((o for o in reversed(offices) if o.end <= start), None)
            if office is not None:
                parts = dataclasses.replace(office.parts, sub=None)
                found.append(Candidate(start, end, "composed", EntityType.ORG, parts=parts))
    return found


def _settled(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """The candidates after the rules that weigh them against each other and the text."""
    _gatherings_with_owners(candidates, names)
    _places_after_countries(candidates, names, lexicon)
    _foreign_namesakes(candidates, names, lexicon)
    _places_ending_in_titles(candidates)
    candidates = _places_before_titled_names(_without_places_cut_by_titles(candidates), names, lexicon)
    _persons_named_with_a_level(candidates, names, lexicon)
    _countries_before_local_bodies(candidates, names, lexicon)
    _home_country_before_known_bodies(candidates, names, lexicon)
    candidates = _countries_opening_bodies(candidates, names, lexicon)
    candidates = _party_opening_bodies(candidates, names)
    candidates = _seated_offices(candidates, names, lexicon.pattern("zh-office-abroad"))
    candidates += _office_self_references(candidates, names, lexicon)
    candidates = [c for c in candidates if not _generic_body(c, names, lexicon)]
    candidates = _bodies_named_in_full(candidates, lexicon.mission_heads)
    candidates = _joined_transliterations(candidates, names)
    candidates = _bodies_joined_by_and(candidates, names, lexicon)
    candidates = _titled_names_ending_in_names(candidates)
    _completed_name_parts(candidates, names)
    _titled_transliterations_cut(candidates, names)
    candidates = _without_dash_joined(candidates, names, lexicon)
    candidates = _without_places_in_doctrines(candidates, names, lexicon.pattern("zh-place-in-doctrine"))
    candidates = _without_slogan_names(candidates, names, lexicon.pattern("zh-slogan-of-a-place"))
    storm = lexicon.pattern("zh-storm-before-name")
    candidates = [c for c in candidates if not storm.search(names, max(0, c.start - 8), c.start)]
    localizers = {m.start(1) for m in lexicon.pattern("zh-frame-closing-zhong").finditer(names)}
    candidates = [c for c in candidates if c.start not in localizers]
    candidates = [c for c in candidates if not _quoted_activity(c, names, lexicon)]
    _trim_function_words(candidates, names, lexicon.words("zh-name-never-first"))
    _trim_opening_word(candidates, names, lexicon.words("zh-at-invitation-of"), lexicon.pattern("zh-at-invitation-of"))
    _trim_opening_word(candidates, names, lexicon.words("zh-capital-word"))
    nothing = lexicon.words("zh-no-name")  # 友城 of 应友城邀请, once 应 is trimmed
    candidates = [c for c in candidates if c.source != "model" or names[c.start : c.end] not in nothing]
    _departments_of_committees(candidates, names, lexicon)
    promote_named_bodies(candidates)
    return candidates


def _gatherings_with_owners(candidates: list[Candidate], names: str) -> None:
    """A numbered gathering's name opens with the body or place written right before it (中共桂林市委外事工作委员会|
    第五次全体会议, 云南省|第十四届人民代表大会第一次会议), which is part of its key; the body stays a name of its
    own inside it. One only a body holds written without it (gram:zh-owned-gathering) is the article's alone
    (:func:`pipeline.linking.resolve.resolve`)."""
    for candidate in candidates:
        key = candidate.key
        if candidate.type is EntityType.SESSION and key is not None and key.kind is KeyKind.GATHERING:
            owners = [c for c in candidates if c.end == candidate.start and c.type in _GATHERING_OWNERS]
            longest = max((c.end - c.start for c in owners), default=0)
            if longest:
                start = candidate.start - longest
                number, name = key.path.split("/", 1)
                candidate.key = EntityKey(KeyKind.GATHERING, f"{number}/{names[start : candidate.start]}{name}")
                candidate.start = start
                for owner in owners:  # the model's span and the body composed from the gazetteer alike
                    owner.nested_ok = owner.type is EntityType.ORG


_GATHERING_OWNERS = (EntityType.ORG, EntityType.PLACE)


_CLOSING_QUOTES = {"“": "”", "「": "」", "‘": "’", '"': '"'}


def _quoted_activity(candidate: Candidate, names: str, lexicon: Lexicon) -> bool:
    """A person span, or a body or place only the model found, that fills a pair of quotation marks (“澜湄周”,
    “友城知与行”书画展, “乌兰巴托周”): an activity's name, no person, body or place."""
    opening = lexicon.pattern("zh-quoted-name").search(names, max(0, candidate.start - 1), candidate.start)
    found = candidate.type is EntityType.PERSON or (
        candidate.type in (EntityType.ORG, EntityType.PLACE) and candidate.source == "model"
    )
    return (
        found
        and opening is not None
        and names[candidate.end : candidate.end + 1] == _CLOSING_QUOTES.get(opening.group())
    )


def _departments_of_committees(candidates: list[Candidate], names: str, lexicon: Lexicon) -> None:
    """A department named bare in a chain of titles right after its body's (永川区委常委、宣传部部长,
    市政府副秘书长、办公厅主任) is that body's department (永川区委宣传部, 市政府办公厅): a Party department
    (``bikg:partyDepartment``) a Party committee's, any other a government's."""
    roles = zh_patterns(lexicon).roles
    bodies = [c for c in candidates if c.source == "composed" and c.parts and not c.parts.head and c.parts.body]
    for candidate in candidates:
        parts = candidate.parts
        if candidate.source != "composed" or not parts or not parts.head or parts.place or parts.body:
            continue
        kind = "party-committee" if lexicon.heads[parts.head].party_department else "-government"
        for body in bodies:
            gap = names[body.end : candidate.start]
            found = body.parts
            if (
                found
                and (found.body or "").endswith(kind)
                and len(gap) > 1
                and gap[-1] in "、，,"
                and gap[:-1] in roles
            ):
                candidate.parts = dataclasses.replace(parts, place=found.place, level=found.level, body=found.body)


@cache
def _title_words(lexicon: Lexicon) -> frozenset[str]:
    """The Chinese forms of the posts of the role lexicon (主任, 副市长, 总领事)."""
    return frozenset(form for role in lexicon.roles.values() for form in role.zh_forms)


@cache
def _span_ends(lexicon: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """How a model span may end that tells its type: the levels a person's name never ends with (市, 省, and the
    foreign ones), a city's or county's level, any level, a body's last word."""
    suffixes = lexicon.place_suffixes.values()
    no_name = tuple(f for e in suffixes if e.level in _NO_NAME_ENDS for f in e.zh_forms)
    local = tuple(f for e in suffixes if e.level in _LOCAL_LEVELS for f in e.zh_forms)
    levels = tuple(f for e in suffixes for f in e.zh_forms)
    return no_name + tuple(lexicon.words("zh-foreign-level")), local, levels, tuple(lexicon.words("zh-body-tail"))


def _model_candidates(tokens: list[Token], names: str, lexicon: Lexicon, *, repair: bool) -> list[Candidate]:
    """The model's spans worth keeping, person spans cut where they really end (read in the simplified text,
    as the lexicon is)."""
    candidates = []
    full_names = {names[t.start : t.end] for t in tokens if t.ent == "PER" and len(t.text) >= 3}
    suffixes, local_suffixes, levels, body_tails = _span_ends(lexicon)
    body_words = _body_words(lexicon)
    place_forms = zh_patterns(lexicon).place_forms
    seats, divisions = zh_patterns(lexicon).abbreviation_keys, lexicon.pattern("zh-division-after-name")
    regions = tuple(lexicon.words("zh-region-tail"))
    titled = {t.end for t in tokens if names[t.start : t.end] in _title_words(lexicon)}
    for token in tokens:
        simplified = names[token.start : token.end]
        goal = token.ent == "ORG" and names[: token.start].endswith(lexicon.goal_verbs)
        glued = token.ent == "PER" and _glued_surname(simplified, full_names, lexicon.words("zh-name-tail"))
        glued = glued or any(v in simplified for v in lexicon.words("zh-verb-in-name"))
        if token.ent == "ORG" and _no_body_name(simplified, lexicon):
            continue
        end = _person_end(names, token, lexicon) if repair and token.ent == "PER" else token.end
        if (
            simplified in lexicon.words("zh-no-name")
            or (token.ent in ("LOC", "PER") and _place_pair(names, token.start, token.end, lexicon))
            or (token.ent == "LOC" and token.start and _place_pair(names, token.start - 1, token.start + 1, lexicon))
            or (token.ent in ("PER", "LOC") and names[token.start : end].endswith(_gathering_tails(lexicon)))
            or (token.ent == "PER" and simplified in _gathering_heads(lexicon))
        ):
            continue
        if token.ent and _plausible_model_span(token) and not goal and not glued:
            if token.ent == "ORG" and repair:
                end = _before_cut_title(names, token.start, end, lexicon)
                if end - token.start < 2:
                    continue
            entity_type = _MODEL_TYPES[token.ent]
            if entity_type is EntityType.PERSON and (
                (len(simplified) >= 3 and simplified.endswith(suffixes))
                or (simplified in place_forms and token.start not in titled)  # 主任周宁: a person named as a county
            ):
                entity_type = EntityType.PLACE  # 帕多瓦市, 梁平: a place the model took for a person
            elif entity_type is EntityType.PERSON and (head := _venue_head_at(names, end, lexicon)):
                entity_type, end = EntityType.PLACE, end + len(head)  # 马尔科沃|口岸: a venue named for a place
            elif entity_type is EntityType.PLACE and simplified.endswith(body_tails):
                entity_type = EntityType.ORG  # 东方汽轮机有限公司: a company the model took for a place
            elif entity_type is EntityType.ORG and len(simplified) >= 3 and simplified.endswith(local_suffixes):
                entity_type = EntityType.PLACE  # 韩国春川市: a city the model took for a body (not 外务省)
            elif entity_type is EntityType.ORG and end < token.end and names[token.start : end].endswith(levels):
                entity_type = EntityType.PLACE  # 古镇镇|党委副书记: the place before a title the body ran into
            elif entity_type is EntityType.ORG and token.start in titled and not simplified.endswith(body_words):
                entity_type = EntityType.PERSON  # 公使衔参赞|埃斯帕尼亚: a name after a title, no body's
            if entity_type is not EntityType.ORG and (division := divisions.match(names, end)):
                entity_type, end = EntityType.ORG, division.end()  # 亚非|处同志: a division the model cut
            elif entity_type is EntityType.PLACE and names.startswith(regions, end):
                end += len(next(w for w in regions if names.startswith(w, end)))  # 长三角|地区: its level word
                candidates += _rest_of_place_word(tokens, end)  # 济州|特别自治|道济州市: 济州市 is a place too
            start = token.start
            if entity_type is EntityType.ORG and names[start - 1 : start] == "驻" and simplified[0] in seats:
                start -= 1  # 驻|渝领团: the body is seated at the place its name opens with
            candidates.append(Candidate(start, end, "model", entity_type))
    return candidates


def _venue_head_at(names: str, at: int, lexicon: Lexicon) -> str:
    """The venue's last word of two characters or more written at ``at`` (口岸, 机场, 宾馆), or ""."""
    return next((h for h in _long_venue_heads(lexicon) if names.startswith(h, at)), "")


@cache
def _long_venue_heads(lexicon: Lexicon) -> tuple[str, ...]:
    """The Chinese venue heads of two characters or more, longest first (a one-character 港 is a name's too)."""
    return tuple(sorted((h for h in lexicon.venues.zh_heads if len(h) >= 2), key=len, reverse=True))


def _rest_of_place_word(tokens: list[Token], at: int) -> list[Candidate]:
    """The rest of a place's word the model ran on from a region's level word (道济州市 after 济州特别自治|道): a place
    of its own when it holds two characters or more."""
    word = next((t for t in tokens if t.start < at < t.end and t.ent == "LOC"), None)
    return [Candidate(at, word.end, "model", EntityType.PLACE)] if word and word.end - at >= 2 else []


_NO_NAME_ENDS = frozenset({"city", "county", "district", "province"})
"""Levels of place whose suffix (市, 县, 区, 省) never ends a person's name of three or more characters."""
_LOCAL_LEVELS = frozenset({"city", "county", "district"})
"""Levels of place whose suffix (市, 县, 区) never ends a body's name; 省 does (日本外务省)."""


def _no_body_name(text: str, lexicon: Lexicon) -> bool:
    """A span the model calls a body that names none: it ends in a post (英国驻重庆总领事), in a gathering's or
    a delegation's last word (中新金融峰会, 西洽会, 文化代表团), or in 驻 before the place a body is seated in
    (沿线国家驻华, 15国驻香港), it opens with a word of many or of the writer's own (相关友好组织, 各友城代表团,
    我馆), or it is only a level of place (自治区 in 自治区副主席, the region's post, not a body called 自治区), a
    body's last word (联合会) or a council of one term (第七届理事会)."""
    patterns = zh_patterns(lexicon)
    seat = text.rfind("驻")
    if (
        text in level_words(lexicon, "zh")
        or text in lexicon.words("zh-body-tail")
        or text.endswith(_no_body_tails(lexicon))
        or (seat >= 0 and (len(text) - seat <= 2 or text[seat + 1 :] in patterns.place_forms))
        or text.startswith(tuple(lexicon.words("zh-generic-opening")))
        or lexicon.pattern("zh-term-council").fullmatch(text)
    ):
        return True
    return any(text[-length:] in patterns.roles for length in range(2, min(len(text), patterns.roles_max) + 1))


def _place_pair(names: str, start: int, end: int, lexicon: Lexicon) -> bool:
    """Two places' one-character forms side by side (川渝, 渝英, 黔菲, 中新): the pair qualifies what follows
    (川渝合作, 中新金融峰会); it is no place of its own, unless a place is so named (巴中, 汉中) or it follows
    the place it lies in (芬兰奥鲁)."""
    text = names[start:end]
    if len(text) != 2 or not all(char in _one_character_places(lexicon) for char in text):
        return False
    forms = zh_patterns(lexicon).place_forms
    return text not in forms and not any(names[max(0, start - n) : start] in forms for n in range(2, 8))


@cache
def _one_character_places(lexicon: Lexicon) -> frozenset[str]:
    """The one-character forms of places: provinces' and cities' (渝, 川, 蓉), countries' (英, 菲), and those used
    only in pairs (gram:zh-pair-abbreviation: 中, 新, 成)."""
    provinces = {form for entry in lexicon.places.values() for form in entry.abbreviations}
    return frozenset(provinces | set(lexicon.leading_abbreviations) | lexicon.words("zh-pair-abbreviation"))


@cache
def _gathering_tails(lexicon: Lexicon) -> tuple[str, ...]:
    """Last words of a gathering's or a delegation's name (宣介会, 代表团): no person or place ends so."""
    return tuple(lexicon.words("zh-event-name-tail") | lexicon.words("zh-group-tail"))


@cache
def _gathering_heads(lexicon: Lexicon) -> frozenset[str]:
    """A gathering's or a group's last word without its last character (宣介 of 宣介会, 考察 of 考察团): the
    verb it is made of, which the model takes for a person wherever it stands (作专题宣介)."""
    return frozenset(tail[:-1] for tail in _gathering_tails(lexicon) if len(tail) >= 3)


@cache
def _no_body_tails(lexicon: Lexicon) -> tuple[str, ...]:
    """Last words of a span that names no body: a gathering's, a delegation's, a leading verb."""
    return tuple(lexicon.words("zh-event-name-tail") | lexicon.words("zh-group-tail") | lexicon.words("zh-lead-tail"))


@cache
def _body_words(lexicon: Lexicon) -> tuple[str, ...]:
    """Words that end a body's name: the heads' names and gram:zh-body-tail (外事办公室, 协会)."""
    return tuple({f for e in lexicon.heads.values() for f in e.zh_forms} | lexicon.words("zh-body-tail"))


_LEADER_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")


_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿĀ-ž][A-Za-zÀ-ÿĀ-ž'’.-]*")


def _latin_full_name(text: str) -> bool:
    """A name of two or more capitalised words in Latin letters (Alexandre Leitão)."""
    words = text.split(" ")
    return len(words) >= 2 and all(_LATIN_WORD.fullmatch(w) and w[0].isupper() for w in words)


_GIVEN_NAME = re.compile(r"[\u4e00-\u9fff]{1,3}")
_NO_GIVEN_NAME_END = frozenset("区市县省州镇乡村")


def _japanese_names(words: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    """The tagged words, a Japanese name the model ends after its surname (阿部|守|一一行, 渡边|信之) given its
    given name: the one, two or three characters after it up to what follows a name (gram:zh-after-name)."""
    surnames, after = lexicon.words("zh-japanese-surname"), lexicon.pattern("zh-after-name")
    result: list[tuple[str, str]] = []
    pending = list(words)
    while pending:
        word, tag = pending.pop(0)
        size = 0
        if tag in _MODEL_TYPES and word in surnames:
            rest = "".join(w for w, _ in pending)
            size = next(
                (
                    n
                    for n in (2, 1, 3)
                    if _GIVEN_NAME.fullmatch(rest, 0, n)
                    and rest[n - 1] not in _NO_GIVEN_NAME_END
                    and after.match(rest, n)
                ),
                0,
            )
        given = ""
        while len(given) < size:
            following, following_tag = pending.pop(0)
            taken = following[: size - len(given)]
            given += taken
            if len(taken) < len(following):
                pending.insert(0, (following[len(taken) :], following_tag))
        result.append((word + given, "PER") if given else (word, tag))
    return result


def _joined_names(words: list[tuple[str, str]], verbs: tuple[str, ...]) -> list[tuple[str, str]]:
    """The tagged words, a name written in Latin letters inside the Chinese text, which the model tags word by
    word (大使Paulo|␣|Jorge|␣|Nascimento), and a transliterated name whose first part the model takes for a place
    (伦敦|·|布里德), joined into one person; a name's last part the model runs with the event's verb after it into
    a body (瓦拉蓬|·西通拜会自治区外事办) ends before the verb (``verbs``: the triggers of two characters)."""
    joined: list[tuple[str, str]] = []
    for word, tag in words:
        run_on = tag in ("ORG", "LOC") and word.startswith("·") and joined and joined[-1][1] == "PER"
        cut = next((k for k in range(2, min(6, len(word) - 1)) if word.startswith(verbs, k)), None) if run_on else None
        if cut is not None:
            joined[-1] = (joined[-1][0] + word[:cut], "PER")
            joined.append((word[cut : cut + 2], "v"))
            if word[cut + 2 :]:
                joined.append((word[cut + 2 :], tag))
            continue
        if (
            tag == "PER"
            and _LATIN_WORD.fullmatch(word)
            and len(joined) >= 2
            and joined[-1][0] == " "
            and joined[-2][1] == "PER"
            and _LATIN_WORD.fullmatch(joined[-2][0].split(" ")[-1])
        ):
            joined[-2:] = [(f"{joined[-2][0]} {word}", "PER")]
            continue
        if tag == "PER" and len(joined) >= 2 and joined[-1][0] == "·" and joined[-2][1] in ("LOC", "PER"):
            joined[-2:] = [(f"{joined[-2][0]}·{word}", "PER")]  # 伦敦|·|布里德: a given name that is a place's
            continue
        joined.append((word, tag))
    return joined


@cache
def _two_character_triggers(lexicon: Lexicon) -> tuple[str, ...]:
    """The Chinese event triggers of two characters (会见, 拜会, 会谈…), read once per lexicon."""
    return tuple(sorted({w for kind in lexicon.event_kinds.values() for w in kind.zh_triggers if len(w) == 2}))


def _places_the_model_cut(words: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    """The tagged words, names the model cut into pieces it each calls a name (符拉迪|沃斯托|克市, 里弗|赛德市)
    joined into one place where together they are one a dictionary knows (:func:`_known_place`), no piece is a
    place the gazetteer knows and none but the last ends in a level of place."""
    forms = zh_patterns(lexicon).place_forms
    levels = level_words(lexicon, "zh")
    joined: list[tuple[str, str]] = []
    index = 0
    while index < len(words):
        last, text = index, words[index][0]
        for following in range(index + 1, min(index + _PLACE_PIECES, len(words))):
            word, tag = words[following]
            if tag not in _MODEL_TYPES or words[index][1] not in _MODEL_TYPES or word in forms or text in forms:
                break
            if text.endswith(levels):
                break  # 加利福尼亚州|里弗赛德市: a place named whole before another
            text += word
            if _known_place(text, lexicon):
                last = following
        if last > index:
            joined.append(("".join(w for w, _ in words[index : last + 1]), "LOC"))
        else:
            joined.append(words[index])
        index = last + 1
    return joined


_PLACE_PIECES = 4
"""The most pieces a cut place's name is joined from."""


def _places_listed_as_bodies(words: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    """The tagged words; a short name (three characters at most) the model calls a body without a body's last
    word, joined by a list mark (gram:zh-place-list-gap) to a place it tagged (京都和奈良), is a place: a list
    names one kind of thing, and a longer name may be a site's (敦煌研究院数字中心)."""
    gaps, body_words = lexicon.words("zh-place-list-gap"), _body_words(lexicon)

    def joined_to_place(index: int, step: int) -> bool:
        other = index + 2 * step
        return 0 <= other < len(words) and words[other][1] == "LOC" and words[index + step][0] in gaps

    return [
        (word, "LOC")
        if tag == "ORG"
        and len(word) <= _LISTED_PLACE
        and not word.endswith(body_words)
        and (joined_to_place(i, 1) or joined_to_place(i, -1))
        else (word, tag)
        for i, (word, tag) in enumerate(words)
    ]


def _compound_surname_names(words: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    """The tagged words; a name the model cuts after a surname of two characters (gram:zh-compound-surname) runs
    on over the word after it up to four characters (司马|双龙陪同, 欧阳锦|全出席), unless that word is a name, a
    verb, a function word, an adverb (gram:zh-adverb-after-name), a title or a word that follows names (等, 一行)."""
    surnames = lexicon.words("zh-compound-surname")
    stops = lexicon.words("zh-name-tail") | lexicon.words("zh-list-end") | lexicon.words("zh-adverb-after-name")
    stops |= _title_words(lexicon)
    joined: list[tuple[str, str]] = []
    for word, tag in words:
        if joined and joined[-1][1] == "PER" and joined[-1][0][:2] in surnames:
            name = joined[-1][0]
            if (
                len(name) + len(word) <= _LONGEST_HAN_NAME
                and _is_han(word)
                and tag not in _MODEL_TYPES
                and tag not in _NOT_IN_NAMES
                and word not in stops
            ):
                joined[-1] = (name + word, "PER")
                continue
        joined.append((word, tag))
    return joined


def _hyphenated_places(words: list[tuple[str, str]], lexicon: Lexicon) -> list[tuple[str, str]]:
    """The tagged words; two names joined by a hyphen, the second a place ending in its level (巴登|-|符腾堡州,
    博巴森|-|罗斯希尔市: Baden-Württemberg, Beau Bassin-Rose Hill), are one place. Not a dash (中国—东盟)."""
    levels = level_words(lexicon, "zh")
    joined: list[tuple[str, str]] = []
    for word, tag in words:
        if (
            len(joined) >= 2
            and tag == "LOC"
            and word.endswith(levels)
            and joined[-1][0] in _HYPHENS
            and joined[-2][1] in _MODEL_TYPES
            and _is_han(joined[-2][0])
        ):
            joined[-2:] = [(f"{joined[-2][0]}{joined[-1][0]}{word}", "LOC")]
            continue
        joined.append((word, tag))
    return joined


_HYPHENS = frozenset({"-", "‐", "‑"})


_LONGEST_HAN_NAME = 4
"""The most characters of a Chinese name opening with a two-character surname (欧阳锦全)."""
_NOT_IN_NAMES = frozenset({"v", "vd", "vn", "p", "c", "u", "w", "f", "q", "m", "xc", "TIME", "t", "r"})
"""Parts of speech of words that never end a name: verbs, prepositions, conjunctions, particles, marks, places
(方位词), measures, numbers, times, pronouns."""


_LISTED_PLACE = 3
"""The most characters of a name in a list of places that the model called a body and that is read as a place."""


def _known_place(name: str, lexicon: Lexicon) -> bool:
    """Whether ``name`` is a place jieba's dictionary lists (符拉迪沃斯托克), with or without its level; or, with its
    level, a foreign name whose CC-CEDICT sense is one proper name (里弗赛德 "Riverside" + 市) or a transliteration
    of four characters or more, each one that transliterates foreign names (帕尔季赞斯克市, 克孜勒奥尔达州)."""
    level = next((w for w in level_words(lexicon, "zh") if name.endswith(w) and len(name) > len(w)), "")
    bare = name[: len(name) - len(level)]
    known = person_names()
    if bare in known.places or name in known.places:
        return True
    if not level or len(bare) < 3:
        return False
    if len(bare) >= _SOUNDED_PLACE and all(character in known.sounds for character in bare):
        return True
    return any(len(s) == 1 and s[0][:1].isupper() for s in glosses(bare))


_SOUNDED_PLACE = 4
"""Characters a transliterated place's name needs, without its level, to be joined by sound alone."""


def _split_titled_leaders(words: list[tuple[str, str]], lexicon: Lexicon) -> Iterator[tuple[str, str]]:
    """The tagged words; a span the model calls a body that is a titled name leading a group
    (日本新潟县知事花角英世率团) split into its words: the title's part, the name (a person) and the verb; a span
    it calls a person that opens with a title (会头中村隆) split into the title and the person; a title word
    ending in a name's first character (总领事片|江学巳, gram:zh-title-glued-name) gives it back to the name."""
    roles = zh_patterns(lexicon).roles
    glued = lexicon.pattern("zh-title-glued-name")
    given = ""
    for index, (word, tag) in enumerate(words):
        word, given = given + word, ""
        following = words[index + 1] if index + 1 < len(words) else ("", "")
        if (
            tag not in _MODEL_TYPES
            and following[1] == "PER"
            and word[:-1] in roles
            and word not in roles
            and glued.fullmatch(word[-1])
            and not word.endswith(_body_words(lexicon))
        ):
            yield word[:-1], tag
            given = word[-1]
            continue
        title = next((n for n in range(len(word) - 2, 1, -1) if word[:n] in roles), 0) if tag == "PER" else 0
        if title:  # 会头中村隆: the title, then the person
            yield from ((word[:title], "n"), (word[title:], "PER"))
            continue
        leader = _titled_leader(word, lexicon) if tag == "ORG" else None
        if leader is None:
            yield word, tag
            continue
        start, end = leader
        yield from ((word[:start], "n"), (word[start:end], "PER"), (word[end:], "v"))


def _titled_leader(span: str, lexicon: Lexicon) -> tuple[int, int] | None:
    """Where the name is in a span like 日本新潟县知事花角英世率团 or 马来西亚驻昆明总领事法依萨带领领团 (a title, a
    name, a word of leading, perhaps the group led): offsets into the span, or None."""
    groups = ("", *lexicon.words("zh-group-tail"))
    tail = next((w + g for w in lexicon.words("zh-lead-tail") for g in groups if span.endswith(w + g)), None)
    if tail is None:
        return None
    roles = zh_patterns(lexicon).roles
    end = len(span) - len(tail)
    for start in range(1, end - 1):
        if any(span[at:start] in roles for at in range(max(0, start - 7), start - 1)) and _LEADER_NAME.fullmatch(
            span, start, end
        ):
            return start, end
    return None


def _person_end(names: str, token: Token, lexicon: Lexicon) -> int:
    """Where a person span the model found really ends: a glued particle or verb (of one or two characters: 陈蕾|随团)
    cut off, a bracket or a courtesy word left out (戈弗雷·马关吉(Godfrey Magwenzi), 帕拉伊阁下, 贾伯阁|下), a
    Japanese given name ending in 一 restored before 一行 (小林健一一行) or a verb (森山沾|一担任,
    gram:zh-name-last-yi), one ending in 之 before 一行 (渡边信|之一行: not 之一, one of)."""
    name = names[token.start : token.end]
    bracket = re.search(r"[(（]", name)
    if bracket and bracket.start() >= 2:
        return token.start + bracket.start()
    courtesy = _courtesy_tail(name, names[token.end :], lexicon.words("zh-name-honorific"))
    if courtesy and len(name) - courtesy >= 2:
        return token.end - courtesy
    if len(name) >= 5 and not _NAME_DOTS.intersection(name):  # 韦燕同多国: no Chinese name is five characters
        tail = next((i for i in (2, 3) if name[i] in lexicon.words("zh-name-tail")), 0)
        if tail:
            return token.start + tail
    glued = lexicon.pattern("zh-glued-verb")
    cut = next((n for n in (1, 2) if len(name) - n >= 2 and glued.match(names, token.end - n)), 0)
    if cut:
        return token.end - cut
    if name[-1] in lexicon.words("zh-name-copula") or (
        name[-1] in lexicon.words("zh-name-tail") and len(name) > 2 and names.count(name[:-1]) > names.count(name)
    ):
        return token.end - 1
    if names.startswith("一一行", token.end) or (
        len(name) == 3
        and (lexicon.pattern("zh-name-last-yi").match(names, token.end) or names.startswith("之一行", token.end))
    ):
        return token.end + 1
    followers = tuple(lexicon.words("zh-list-end"))
    if (
        len(name) in (2, 3)
        and _CJK_CHAR.fullmatch(names, token.end, token.end + 1)
        and names.startswith(followers, token.end + 1)
        and not names.startswith(followers, token.end)
    ):
        return token.end + 1  # 都文|平等出席, 花角英|世率团: the name's last character comes before 等, 率团
    return token.end


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_NAME_DOTS = frozenset("·•・")


def _before_cut_title(names: str, start: int, end: int, lexicon: Lexicon) -> int:
    """Where a body the model ends inside a title really ends: before the title (英国苏格兰地方政府首席部|长 →
    英国苏格兰地方政府, the title being 首席部长), unless the part inside is a body's own word (外事办公室|主任)."""
    roles = zh_patterns(lexicon).roles
    longest = zh_patterns(lexicon).roles_max
    for at in range(max(start + 1, end - longest + 1), end):
        if any(names[at : at + length] in roles for length in range(end - at + 1, longest + 1)):
            return end if names[at:end].endswith(_body_words(lexicon)) else at  # 办公室|主任: the body's word, kept
    return end


def _courtesy_tail(name: str, after: str, courtesy: Iterable[str]) -> int:
    """How many characters at the end of ``name`` belong to a courtesy word, whole (帕拉伊阁下) or begun in the
    name and ended after it (贾伯阁 + 下)."""
    for word in courtesy:
        for taken in range(len(word), 0, -1):
            if name.endswith(word[:taken]) and after.startswith(word[taken:]):
                return taken
    return 0


def _glued_surname(text: str, full_names: set[str], tails: frozenset[str]) -> bool:
    """A two-character "person" that is the surname of a person named in full elsewhere with a character the
    model glues to names (gram:zh-name-tail): 对郭到访表示欢迎 after 郭南希 is 郭 and 到访, not a person 郭到."""
    return len(text) == 2 and text[1] in tails and any(name[0] == text[0] and name[1] != text[1] for name in full_names)


def _seated_offices(candidates: list[Candidate], names: str, office: re.Pattern[str]) -> list[Candidate]:
    """A body and the office it keeps elsewhere as one name (市政府驻上海联络处, 香港特别行政区政府驻上海经济贸易
    办事处): 驻, a place and an office word (gram:zh-office-abroad) right after a body join it, which alone is not
    what the text names; what stood inside goes."""
    joined: list[Candidate] = []
    for body in sorted((c for c in candidates if c.type is EntityType.ORG), key=lambda c: (c.start, -c.end)):
        if joined and body.start < joined[-1].end:
            continue
        if seated := office.match(names, body.end):
            joined.append(Candidate(body.start, seated.end(), body.source, EntityType.ORG))
    if not joined:
        return candidates
    inside = [c for c in candidates if any(j.start <= c.start and c.end <= j.end for j in joined)]
    return [c for c in candidates if c not in inside] + joined


def _home_country_before_known_bodies(candidates: list[Candidate], names: str, lexicon: Lexicon) -> None:
    """A body the model found whose name is China's name and a body the gazetteer knows (中国外交部领事司,
    中华人民共和国外交部) is that body, not another one."""
    named = zh_patterns(lexicon).named
    homes = tuple(sorted(lexicon.places[HOME_COUNTRY].zh_forms, key=len, reverse=True))
    for candidate in candidates:
        text = names[candidate.start : candidate.end]
        if candidate.source != "model" or candidate.type is not EntityType.ORG or not text.startswith(homes):
            continue
        home = next(h for h in homes if text.startswith(h))
        table, key = named.get(text[len(home) :], ("", ""))
        if table == "org":
            candidate.source, candidate.key = "named", EntityKey(KeyKind.GAZETTEER, key)


def _countries_opening_bodies(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """A country right before a body found by the model, or composed without a place below a country, opens its
    name (新西兰中国友好协会, 日本外务省): without it the body reads as another one (中国友好协会, China's). A body
    of a city keeps its composition (美国纽约市政府). A foreign country before a body of the gazetteer names that
    country's own (马拉维外交部 is Malawi's ministry, not China's 外交部)."""

    def opens(body: Candidate, country: Candidate) -> bool:
        if body.source == "named" and country.key and country.key.path != HOME_COUNTRY:  # 马拉维外交部
            body.start, body.source, body.key = country.start, "composed", None
            return True
        place = body.parts.place if body.parts else None
        national = place is None or lexicon.place_level(place) == "country"
        if body.source == "model" and _opens_with_local_place(names[body.start : body.end], lexicon):
            national = False
        if body.source in ("model", "composed") and national:
            body.start, body.parts = country.start, None
            return True
        return False

    countries = {c.end: c for c in _named_countries(candidates, lexicon) if c.end - c.start > 1}
    return _opened_bodies(candidates, countries, opens)


def _party_opening_bodies(candidates: list[Candidate], names: str) -> list[Candidate]:
    """中共 written before a Party body's name (中共深圳市委外事工作委员会办公室) opens that name: it is no mention
    of the Party of its own."""

    def opens(body: Candidate, party: Candidate) -> bool:
        if body.parts is None or "party-committee" not in (body.parts.body or ""):
            return False
        body.start = party.start
        return True

    openings = {c.end: c for c in candidates if c.source == "named" and names[c.start : c.end] in _PARTY_OPENINGS}
    return _opened_bodies(candidates, openings, opens)


def _opened_bodies(
    candidates: list[Candidate], openings: dict[int, Candidate], opens: Callable[[Candidate, Candidate], bool]
) -> list[Candidate]:
    """The candidates after each body right after one of ``openings`` (keyed by where it ends) took it into its
    name when ``opens`` (which widens the body) says so: the openings taken are no candidates of their own."""
    taken: set[int] = set()
    for body in candidates:
        opening = openings.get(body.start)
        if opening is not None and body.type is EntityType.ORG and opens(body, opening):
            taken.add(id(opening))
    return [c for c in candidates if id(c) not in taken]


_PARTY_OPENINGS = frozenset({"中共", "中国共产党"})


def _named_countries(candidates: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """The candidates that are countries of the gazetteer."""
    return [c for c in candidates if c.source == "named" and c.key and lexicon.place_level(c.key.path) == "country"]


def _countries_before_local_bodies(candidates: list[Candidate], names: str, lexicon: Lexicon) -> None:
    """A body the model names with its country before a place of that country (白俄罗斯明斯克州执行委员会,
    日本大分县议会) is the place's body (明斯克州执行委员会), and the lowest place's when it names several
    (莫吉廖夫州克里切夫区执行委员会: 克里切夫区's); the country and the places above stay places of their own."""
    countries = {c.start: c for c in _named_countries(candidates, lexicon)}
    levels = level_words(lexicon, "zh")
    for body in list(candidates):
        country = countries.get(body.start)
        if body.source != "model" or body.type is not EntityType.ORG or not country or country.end >= body.end:
            continue
        if not _opens_with_local_place(names[country.end : body.end], lexicon):
            continue
        body.start = country.end
        region, _ = _leading_place(names[body.start : body.end], levels)
        while region and _opens_with_local_place(names[body.start + len(region) : body.end], lexicon):
            candidates.append(Candidate(body.start, body.start + len(region), "model", EntityType.PLACE))
            body.start += len(region)
            region, _ = _leading_place(names[body.start : body.end], levels)


def _opens_with_local_place(body: str, lexicon: Lexicon) -> bool:
    """Whether a body's name opens with a place below a country (大分县议会), not with other words holding a
    place (共产党重庆市委员会), a mission (驻成都总领事馆), a body's word (地方政府协会) or a title's
    (维多利亚市长办公室: the mayor's office)."""
    patterns = zh_patterns(lexicon)
    place, level = _leading_place(body, level_words(lexicon, "zh"))
    titled = body[len(place) - len(level) :]
    if not place or "驻" in body or titled[:2] in patterns.roles:
        return False
    if any(table != "place" for table, _ in lexicon.zh_index.get(place[-len(level) - 1 :], ())):
        return False
    named = place in patterns.place_forms or place[: -len(level)] in patterns.place_forms
    return named or not _holds_place(place, patterns)


def _leading_place(text: str, levels: tuple[str, ...]) -> tuple[str, str]:
    """The words of ``text`` up to its first level of place and that level (明斯克州, 州 of 明斯克州执行委员会),
    when a name of at least two characters comes before the level and a body's word after it; else ("", "")."""
    for end in range(3, len(text)):
        level = next((word for word in levels if text[:end].endswith(word)), "")
        if level and end - len(level) >= 2:
            return text[:end], level
    return "", ""


def _holds_place(text: str, patterns: ZhPatterns) -> bool:
    """Whether a place's name of two characters or more stands anywhere in ``text``."""
    return any(text[i:j] in patterns.place_forms for i in range(len(text)) for j in range(i + 2, len(text) + 1))


def _persons_named_with_a_level(candidates: list[Candidate], names: str, lexicon: Lexicon) -> None:
    """A "person" the article also writes with a level of place after it, not a title (佐世保 beside 佐世保市议会,
    莞岛 beside 莞岛郡: not 李明 beside 李明市长), is that place."""
    levels = level_words(lexicon, "zh")
    roles = zh_patterns(lexicon).roles_trie
    for candidate in candidates:
        name = names[candidate.start : candidate.end]
        if candidate.source != "model" or candidate.type is not EntityType.PERSON or "·" in name:
            continue
        at = names.find(name)
        while at >= 0:
            end = at + len(name)
            if names.startswith(levels, end) and not roles.match(names, end):
                candidate.type = EntityType.PLACE
                break
            at = names.find(name, end)


def _places_before_titled_names(candidates: list[Candidate], names: str, lexicon: Lexicon) -> list[Candidate]:
    """A "person" right before a title that a person follows is the title's place (大曼彻斯特副市长董伯禹,
    曼达威市长考特斯, 阿雷基帕副市长、市议会议员安赫尔), with the level of place between them when there is one
    (东米德兰兹大区副市长纳丁): a list of posts and names names no one twice in a row."""
    ordered = sorted(candidates, key=lambda c: (c.start, -c.end))
    for before, title in itertools.pairwise(ordered):
        between = names[before.end : title.start]
        if (
            before.source == "model"
            and before.type is EntityType.PERSON
            and before.name is None  # not a person named again by surname and title (小林副知事)
            and title.source == "role"
            and (not between or between in level_words(lexicon, "zh"))
            and _titled_name_follows(title, ordered, names)
        ):
            before.type = EntityType.PLACE
            before.end = title.start
    return candidates


_TITLE_JOINS = frozenset("、兼及")
"""What joins the posts one person holds (副市长、市议会议员, 省委书记兼省长)."""


def _titled_name_follows(title: Candidate, ordered: list[Candidate], names: str) -> bool:
    """Whether a person follows ``title``, maybe after more of that person's posts, each maybe after a few
    characters of its body (副市长、市议会议员安赫尔)."""
    roles = {c.start: c.end for c in ordered if c.source == "role"}
    persons = {c.start for c in ordered if c.type is EntityType.PERSON}
    end = title.end
    for _ in range(MAX_JOINED_POSTS):
        if end in persons:
            return True
        if end >= len(names) or names[end] not in _TITLE_JOINS:
            return False
        start = next((s for s in range(end + 1, end + 2 + MAX_BODY_BEFORE_POST) if s in roles), None)
        if start is None or any(s in persons for s in range(end + 1, start)):
            return False
        if _CLAUSE_START & set(names[end + 1 : start]):
            return False
        end = roles[start]
    return False


MAX_JOINED_POSTS = 4
"""The most posts read between a title and the person holding them."""
MAX_BODY_BEFORE_POST = 6
"""The most characters of a body read before a joined post (市议会 in 副市长、市议会议员)."""


def _places_after_countries(candidates: list[Candidate], names: str, lexicon: Lexicon) -> None:
    """A place the model names on from a country up to a place suffix (韩国|春川市, 智利|比奥比奥大区) is the place
    within it: it starts where the country ends, so that both are kept (捷克共和国 stays the country's name)."""
    countries = _named_countries(candidates, lexicon)
    suffixes = tuple(f for entry in lexicon.place_suffixes.values() for f in entry.zh_forms)
    for place in (c for c in candidates if c.source == "model" and c.type is EntityType.PLACE):
        if not names[place.start : place.end].endswith(suffixes):
            continue
        before = max((n.end for n in countries if n.start == place.start and n.end < place.end - 1), default=None)
        if before is not None:
            place.start = before


def _foreign_namesakes(candidates: list[Candidate], names: str, lexicon: Lexicon) -> None:
    """A Chinese place's name written right after a foreign country (越南太原省, 日本福冈县) names that country's
    place, not China's (太原市): no gazetteer key; its level word after it is part of its name."""
    foreign = {c.end for c in _named_countries(candidates, lexicon) if c.key and c.key.path != HOME_COUNTRY}
    suffixes = tuple(sorted((f for e in lexicon.place_suffixes.values() for f in e.zh_forms), key=len, reverse=True))
    for place in candidates:
        if place.source != "named" or place.type is not EntityType.PLACE or place.start not in foreign:
            continue
        if place.key is None or lexicon.place_level(place.key.path) == "country":
            continue
        if HOME_COUNTRY in lexicon.place_ancestors(place.key.path):
            place.source, place.key = "model", None
            if not names[place.start : place.end].endswith(suffixes):
                place.end += next((len(f) for f in suffixes if names.startswith(f, place.end)), 0)


def _places_ending_in_titles(candidates: list[Candidate]) -> None:
    """A place whose level word opens the title of the person named right after it ends before it (广州市|长孙志洋 →
    广州 市长 孙志洋; not 四川省长期以来, where no person follows)."""
    persons = {c.start for c in candidates if c.type is EntityType.PERSON}
    titles = [c for c in candidates if c.source == "role" and c.end in persons]
    for place in candidates:
        if place.type is not EntityType.PLACE:
            continue
        title = next((t for t in titles if place.start + 2 <= t.start < place.end < t.end), None)
        if title is not None:
            place.end = title.start


def _without_places_cut_by_titles(candidates: list[Candidate]) -> list[Candidate]:
    """Without the places (the gazetteer's or the model's) that begin inside a title (长沙 in 外长沙伦赛, 部长沙祖康):
    the title wins, unless it begins inside a place itself (区长 in 黔江区长凤村 is no title)."""
    places = [c for c in candidates if c.type is EntityType.PLACE]
    titles = [c for c in candidates if c.source == "role" and not any(p.start < c.start < p.end for p in places)]
    return [
        c
        for c in candidates
        if not (
            c.source in ("named", "model")
            and c.type is EntityType.PLACE
            and any(t.start < c.start < t.end for t in titles)
        )
    ]


def _trim_function_words(candidates: list[Candidate], names: str, words: frozenset[str]) -> None:
    """Venue and model spans start after the function words a cue or the model glued on (了两江新区 → 两江新区)."""
    for candidate in candidates:
        if candidate.source not in ("venue", "model"):
            continue
        while candidate.end - candidate.start > 2 and names[candidate.start] in words:
            candidate.start += 1


def _trim_opening_word(
    candidates: list[Candidate], names: str, words: frozenset[str], followed_by: re.Pattern[str] | None = None
) -> None:
    """A model span opening with one of ``words`` starts after it, when two characters or more stay and, with
    ``followed_by``, that pattern matches right after the span (应友城邀请: 应 goes; 首都明斯克市执行委员会: 首都)."""
    for candidate in candidates:
        if candidate.source != "model" or (followed_by and not followed_by.match(names, candidate.end)):
            continue
        word = next((w for w in words if names.startswith(w, candidate.start, candidate.end)), "")
        if word and candidate.end - candidate.start - len(word) >= 2:
            candidate.start += len(word)


def _place_key(text: str, place_forms: dict[str, str]) -> str:
    return place_forms.get(text) or f"name:{text}"


def _plausible_model_span(token: Token) -> bool:
    """Model spans worth keeping: person and place names of 2+ characters, body names of 3+ (not 川美), a person's
    full name in Latin letters (Paulo Jorge Nascimento); never a
    piece of text across a quote mark (渝见友城”国际青年交流营) or one that opens with a date (五月十五日下午返港)."""
    minimum = 3 if token.ent == "ORG" else 2
    if token.ent == "PER" and _latin_full_name(token.text):
        return True
    return (
        len(token.text) >= minimum
        and any("\u4e00" <= c <= "\u9fff" for c in token.text)
        and not _QUOTE_MARKS.intersection(token.text)
        and not ZH_DATE.match(token.text)
    )


_QUOTE_MARKS = frozenset('“”‘’「」『』"《》')
