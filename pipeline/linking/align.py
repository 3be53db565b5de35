"""Cross-lingual alignment: one entity per real-world thing across the zh and en versions.

Each zh entity is scored against each en entity (same key, pinyin of the name with heteronyms,
shared facts, position in the text), and a globally optimal assignment (Hungarian algorithm) keeps
the pairs above a threshold. Facts found in both versions are merged with higher confidence;
disagreements between versions are recorded on the fact.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache, lru_cache

import numpy as np

from pipeline.extractors.entities import romanise
from pipeline.extractors.roles import EXPLICIT
from pipeline.lexicon.dictionary import glosses
from pipeline.lexicon.match import level_words, zh_patterns
from pipeline.lexicon.resources import Lexicon
from pipeline.linking.cantonese import cantonese_score
from pipeline.linking.transliteration import similarity
from pipeline.model import (
    Alignment,
    Entity,
    EntityKey,
    EntityType,
    Event,
    Extraction,
    KeyKind,
    LanguageAnalysis,
    Membership,
    Participation,
    TextVersion,
)

THRESHOLD = 0.5
SOUND_PART_SKELETON = 3
"""Consonants a foreign place's name needs to be matched by sound inside a translated body's name (塞维利亚市政府
= Seville City Government: s, f, l)."""
TRANSLITERATION = 0.8
PLACE_SKELETON = 3
"""Consonants a foreign place's Chinese name needs to be matched by sound (巴伐利亚: b f l)."""
"""The score of a transliteration that sounds exactly like the English name (times its similarity, 0.8 to 1):
below any spelled match."""


@cache
def pinyin_readings(name: str) -> frozenset[str]:
    """Every romanisation of a Chinese name with heteronym readings (长 chang/zhang), capped at 64."""
    from pypinyin import Style, pinyin

    readings = pinyin(name, style=Style.NORMAL, heteronym=True)
    combos = itertools.islice(itertools.product(*readings), 64)
    return frozenset("".join(c).replace("ü", "v").lower() for c in combos)


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def name_score(zh_entity: Entity, en_entity: Entity, lexicon: Lexicon) -> tuple[float, str]:
    """How well the names match: 1 for the same key, 0.95 for a pinyin match, 0.9 for a translation, 0.64 to 0.8 for
    a foreign name's transliteration that sounds alike, else 0; the best over every pair of names (in a fixed
    order, so that the evidence too is the same on every run)."""
    if zh_entity.key == en_entity.key:
        return 1.0, "same key"
    if same := sorted(zh_entity.names("en") & en_entity.names("en")):
        return 1.0, f"same English name {same[0]}"
    if zh_entity.key.kind is en_entity.key.kind is KeyKind.GATHERING:  # one gathering of a number in an article
        same = zh_entity.key.path.split("/", 1)[0] == en_entity.key.path.split("/", 1)[0]
        return (0.9, f"numbered gathering {zh_entity.key.path.split('/', 1)[0]}") if same else (0.0, "")
    pairs = itertools.product(sorted(zh_entity.names("zh")), sorted(en_entity.names("en")))
    known = KeyKind.GAZETTEER in (zh_entity.key.kind, en_entity.key.kind)
    return max(
        (_pair_score(zh_entity.type, zh, en, lexicon, by_sound=not known) for zh, en in pairs),
        key=lambda s: s[0],
        default=(0.0, ""),
    )


def _pair_score(
    kind: EntityType, zh_name: str, en_name: str, lexicon: Lexicon, *, by_sound: bool = True
) -> tuple[float, str]:
    """The score of one Chinese name against one English name (see :func:`name_score`); not by sound when one of
    them is a place or body the gazetteer knows, which has its own names (爱丁堡国际机场 is not Shenzhen)."""
    if not _HAN.search(zh_name):
        return _latin_score(zh_name, en_name)
    readings = pinyin_readings(zh_name)
    words = en_name.split()
    candidates = {_letters(en_name)}
    if len(words) == 2:
        candidates.add(_letters(words[1] + words[0]))
    if readings & candidates:
        return 0.95, f"pinyin {zh_name} = {en_name}"
    if kind is EntityType.PLACE and _place_match(zh_name, en_name, lexicon):
        return 0.9, f"pinyin {zh_name} ≈ {en_name}"
    if kind is EntityType.PLACE and _foreign_division(zh_name, en_name, lexicon):
        return 0.9, f"ISO 3166-2 {zh_name} = {en_name}"
    if kind is EntityType.PLACE and (rest := _after_direction(zh_name, en_name, lexicon)):
        score, evidence = _pair_score(kind, *rest, lexicon, by_sound=by_sound)
        return (score, f"{zh_name[0]} = {en_name.split()[0]}; {evidence}") if score else (0.0, "")
    if translated(zh_name, en_name, lexicon):
        return 0.9, f"translated {zh_name} = {en_name}"
    if kind is EntityType.PLACE and _translated_stems(zh_name, en_name, lexicon):
        return 0.9, f"translated {zh_name} = {en_name}, level words aside"
    if kind is EntityType.PERSON and (cantonese := cantonese_score(zh_name, en_name))[0]:
        return cantonese
    alike = _sounds_alike(kind, zh_name, en_name, lexicon) if by_sound else 0.0
    if alike:
        return round(TRANSLITERATION * alike, 3), f"sounds alike {zh_name} ≈ {en_name} ({alike:.2f})"
    return 0.0, ""


_HAN = re.compile(r"[\u3400-\u9fff]")


def _translated_stems(zh_name: str, en_name: str, lexicon: Lexicon) -> bool:
    """Whether a place's names translate each other once their level words are left out (上奥地利州 = Upper Austria,
    东爪哇省 = East Java)."""
    zh_stem, en_stem = _chinese_stem(zh_name, lexicon), _english_stem(en_name, lexicon)
    changed = zh_stem != zh_name or en_stem != en_name.casefold()
    return changed and bool(en_stem) and translated(zh_stem, en_stem, lexicon)


def _after_direction(zh_name: str, en_name: str, lexicon: Lexicon) -> tuple[str, str] | None:
    """The rest of both names when a place's Chinese name opens with a one-character word the glossary translates
    as the English name's first word (a direction: 上|奥地利州 = Upper| Austria, 西|弗兰德省 = West| Flanders; also
    any other such word, 中 = Central), else None."""
    first, _, rest = en_name.partition(" ")
    entry = lexicon.lookup_zh(zh_name[0], "gloss") if len(zh_name) > 2 and rest else None
    return (zh_name[1:], rest) if entry and first.casefold() in {f.casefold() for f in entry.en_forms} else None


def _latin_score(zh_name: str, en_name: str) -> tuple[float, str]:
    """A name the Chinese version writes in Latin letters (Alexandre Leitão) against an English one: 1 when the
    same, 0.9 when the English adds middle names (Alexandre José dos Reis Leitão), else 0."""
    written, english = zh_name.casefold().split(), en_name.casefold().split()
    if written == english:
        return 1.0, f"same name {zh_name}"
    if len(written) >= 2 and written[0] == english[0] and written[-1] == english[-1] and set(written) <= set(english):
        return 0.9, f"{zh_name} within {en_name}"
    return 0.0, ""


def _sounds_alike(kind: EntityType, zh_name: str, en_name: str, lexicon: Lexicon) -> float:
    """A person's or a place's transliteration that sounds like the English name (a place without its level
    word on either side: 温得和克市 ≈ Windhoek, 占巴塞省 ≈ Champasak Province); a place's skeleton may be shorter
    than a person's (巴伐利亚州 ≈ Bavaria, 魁北克省 ≈ Quebec): an article names few places."""
    if kind is EntityType.PLACE:
        zh_stem = next(
            (zh_name[: -len(w)] for w in level_words(lexicon, "zh") if zh_name.endswith(w) and len(zh_name) > len(w)),
            zh_name,
        )
        en_stem = " ".join(word for word in en_name.split() if word not in level_words(lexicon, "en"))
        return similarity(zh_stem, en_stem, PLACE_SKELETON)
    if kind is not EntityType.PERSON:
        return 0.0
    whole = similarity(zh_name, en_name) or similarity(*_without_initials(zh_name, en_name))
    if whole or "·" in zh_name or len(zh_name) < SURNAME_CHARACTERS:
        return whole
    surname = similarity(zh_name, en_name.split()[-1], SURNAME_SKELETON)
    return SURNAME_ONLY * surname if surname >= SURNAME_SIMILARITY else 0.0


def _without_initials(zh_name: str, en_name: str) -> tuple[str, str]:
    """A name without the initial a Mongolian name opens with (额·巴特额尔登 = E. Bat-Erdene: the father's name
    as one character, one letter), in both languages; the names as they are when either has none."""
    initial, dot, rest = zh_name.partition("·")
    words = en_name.split()
    if not dot or len(initial) != 1 or len(words) < 2 or not _INITIAL.fullmatch(words[0]):
        return zh_name, en_name
    return rest, " ".join(words[1:])


_INITIAL = re.compile(r"[A-Z]\.")


SURNAME_CHARACTERS = 3
SURNAME_ONLY = 0.9
SURNAME_SKELETON = 3
SURNAME_SIMILARITY = 0.9
"""A foreigner the Chinese text names by the surname alone (莫尔古洛夫 = Igor Morgulov, 哈希米 = Khalil Hashmi): a
transliteration of three characters or more without a dot, matched with the English name's last word on three
consonants or more, nearly exactly (何思敏 is not Hashmi), and scored a little below a whole name."""


@lru_cache(maxsize=1 << 16)
def _en_words(name: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", re.sub(r"['’]s\b", "", name.lower())))


@lru_cache(maxsize=1 << 16)
def translated(zh_name: str, en_name: str, lexicon: Lexicon) -> bool:
    """True when the English name translates the Chinese one word by word, in any order: every part of
    the Chinese name is a name of the lexicon whose English words the name holds, or a stem it spells in
    pinyin (红岩 Hongyan); every English word is one of those or a filler (亚洲处 = Asian Affairs Division)."""
    words = _en_words(en_name)
    zh_name = re.sub("[、与]", "", zh_name)  # 中俄友好、和平与发展委员会: the list mark and 与 are the English "and"
    if not words or len(zh_name) < 2 or not all("\u4e00" <= c <= "\u9fff" for c in zh_name):
        return False
    content = tuple(w for w in words if w not in lexicon.gloss_fillers)
    if _cover(zh_name, content, lexicon):
        return True
    if zh_name[0] in lexicon.gloss_fillers and len(zh_name) > 2 and _cover(zh_name[1:], content, lexicon):
        return True
    opening = _opening_city(zh_name, lexicon)
    rest = zh_name[len(opening) :]
    # the rest names something of its own (金陵饭店), not a kind of body alone (南京|市政府 is no Government)
    return bool(opening) and len(content) >= 2 and rest not in lexicon.zh_index and _cover(rest, content, lexicon)


def _opening_city(zh_name: str, lexicon: Lexicon) -> str:
    """The name of a Chinese city or province a name opens with, which its English may leave out (南京金陵饭店 =
    Jinling Hotel, as 市外事大楼 = Foreign Affairs Building), or ""."""
    patterns = zh_patterns(lexicon)
    found = patterns.named_trie.match(zh_name)
    table, key = patterns.named.get(found.group(), ("", "")) if found else ("", "")
    return found.group() if table == "place" and lexicon.place_level(key) not in ("country", "") else ""


@lru_cache(maxsize=1 << 16)
def _cover(rest: str, words: tuple[str, ...], lexicon: Lexicon) -> bool:
    """Whether ``rest`` of a Chinese name accounts for exactly the English ``words`` (a small search). A foreign
    place's name before its level word may be matched by sound (塞维利亚|市政府 = Seville City Government). The
    dictionary's senses are options too (铁路 = Railway), for a part that holds the longest word of the lexicon
    beginning where it does: a word of the lexicon is read whole (会展中心 is no 会展 "conference" Center)."""
    if not rest:
        return not words
    known = max((size for size in range(1, len(rest) + 1) if rest[:size] in lexicon.zh_index), default=0)
    for size in range(len(rest), 0, -1):
        part = rest[:size]
        options = list(_spelled_options(part, lexicon))
        if size > 1 and rest[size:].startswith(level_words(lexicon, "zh")):
            runs = [words[i : i + n] for n in (1, 2) for i in range(len(words) - n + 1)]
            options += [run for run in runs if similarity(part, " ".join(run), SOUND_PART_SKELETON)]
        for option in options:
            left = _take(words, option)
            if left is not None and _cover(rest[size:], left, lexicon):
                return True
        if size >= known and any(_cover(rest[size:], left, lexicon) for left in _glossed(part, words)):
            return True
    return False


def _glossed(part: str, words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """``words`` without those a dictionary sense of a part accounts for: the sense's words in their order (科技 =
    Science and Technology; 中日 = China-Japan, not Japan-China), the proper name opening a sense that goes on to
    describe it (名古屋 "Nagoya, city in Japan" = Nagoya), or any one of a sense of common words (商贸 "trade and
    commerce" = Trade; not Japan alone for 长野县 "Nagano prefecture, Japan")."""
    for sense in glosses(part):
        proper = tuple(itertools.takewhile(lambda gloss: gloss[:1].isupper(), sense))
        described = 0 < len(proper) < len(sense) and sense[len(proper)].islower()
        yield from _in_order((sense, proper) if described else (sense,), words)
        size = len(sense)
        if size > 1 and all(gloss.islower() for gloss in sense):
            for gloss in sense:
                for index, word in enumerate(words):
                    if same_word(gloss, word):
                        yield words[:index] + words[index + 1 :]


def _in_order(senses: tuple[tuple[str, ...], ...], words: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """``words`` without a run that is one of ``senses`` word for word."""
    for sense in senses:
        size = len(sense)
        for start in range(len(words) - size + 1):
            if all(same_word(gloss, word) for gloss, word in zip(sense, words[start : start + size], strict=True)):
                yield words[:start] + words[start + size :]


def same_word(gloss: str, word: str) -> bool:
    """A dictionary's word and a name's word are one, derivation aside (ecology = Ecological, vocation =
    Vocational, carving = Carvings): the same, or sharing four letters or more with at most two more on the
    gloss's side and four on the name's."""
    gloss = gloss.lower()
    if gloss == word:
        return True
    common = next((i for i, (a, b) in enumerate(zip(gloss, word, strict=False)) if a != b), min(len(gloss), len(word)))
    return common >= DERIVED_STEM and len(gloss) - common <= 2 and len(word) - common <= 4


DERIVED_STEM = 4


@lru_cache(maxsize=1 << 16)
def _spelled_options(part: str, lexicon: Lexicon) -> tuple[tuple[str, ...], ...]:
    """The English words a part of a Chinese name may be written as: its lexicon names, else (or, for two
    characters and more, also) its pinyin."""
    options = [_en_words(form) for _, entry in lexicon.zh_index.get(part, ()) for form in entry.en_forms]
    options += [(reading,) for reading in pinyin_readings(part) if len(part) > 1 or not options]
    return tuple(options)


def _take(words: tuple[str, ...], option: tuple[str, ...]) -> tuple[str, ...] | None:
    """``words`` without the words of ``option`` (a pinyin stem may be written as one or several words)."""
    if len(option) == 1 and option[0] not in words:
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                if "".join(words[start:end]) == option[0]:
                    return words[:start] + words[end:]
        return None
    left = list(words)
    for word in option:
        if word in left:
            left.remove(word)
        elif word not in ("the", "of", "and"):
            return None
    return tuple(left)


def _foreign_division(zh_name: str, en_name: str, lexicon: Lexicon) -> bool:
    """Whether the names are the Chinese and the Latin name of one division of a foreign country in the reference
    data, level words aside on either side (下萨克森州 = Niedersachsen, 长野县 = Nagano Prefecture)."""
    return _english_stem(en_name, lexicon) in _foreign_division_stems(lexicon).get(_chinese_stem(zh_name, lexicon), ())


@cache
def _foreign_division_stems(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    stems: dict[str, set[str]] = {}
    for chinese, latin in lexicon.foreign_divisions.items():
        stems.setdefault(_chinese_stem(chinese, lexicon), set()).update(_english_stem(n, lexicon) for n in latin)
    return {chinese: frozenset(latin) for chinese, latin in stems.items()}


@lru_cache(maxsize=1 << 14)
def _chinese_stem(name: str, lexicon: Lexicon) -> str:
    level = next((w for w in level_words(lexicon, "zh") if name.endswith(w) and len(name) > len(w) + 1), "")
    return name[: len(name) - len(level)]


@lru_cache(maxsize=1 << 14)
def _english_stem(name: str, lexicon: Lexicon) -> str:
    letters = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().replace("-", " ")
    levels = {w.casefold() for w in level_words(lexicon, "en")}
    return " ".join(w for w in letters.casefold().split() if w not in levels and w != "the")


def _place_match(zh_name: str, en_name: str, lexicon: Lexicon) -> bool:
    """Whether a place's English name is the pinyin of its Chinese name's stem and one more word, the stem being
    followed by one character or a level word only (平安|乡 = Pingan Township); a longer name that merely opens
    with the same place is left to translation (江门|五邑华侨华人博物馆 is no Jiangmen Guesthouse)."""
    words = en_name.split()
    stem = _letters(" ".join(words[:-1])) if len(words) > 1 else ""
    if not stem or len(zh_name) < 3:
        return False
    levels = level_words(lexicon, "zh")
    return any(
        stem in pinyin_readings(zh_name[:size])
        for size in range(2, len(zh_name))
        if size == len(zh_name) - 1 or zh_name[size:] in levels
    )


def _relative_position(analysis: LanguageAnalysis, entity: Entity, length: int) -> float:
    starts = [m.start for m in analysis.mentions if m.entity == entity.id]
    return (min(starts) / length) if starts and length else 0.5


def _fact_signature(analysis: LanguageAnalysis, entity_id: str, mapping: dict[str, str]) -> set[tuple[str, ...]]:
    """Facts of an entity expressed in aligned terms: (role, aligned org) and (event kind, property)."""
    facts: set[tuple[str, ...]] = set()
    for membership in analysis.memberships:
        if membership.person == entity_id and membership.organization in mapping:
            facts.add(("member", membership.role, mapping[membership.organization]))
    for event in analysis.events:
        for participant in event.participants:
            if participant.entity == entity_id:
                facts.add(("event", event.kind, participant.prop))
    return facts


def align_entities(
    zh: LanguageAnalysis, en: LanguageAnalysis, zh_len: int, en_len: int, lexicon: Lexicon
) -> list[Alignment]:
    """The optimal zh↔en entity pairs with their scores and evidence."""
    if not zh.entities or not en.entities:
        return []
    scores = np.zeros((len(zh.entities), len(en.entities)))
    evidence: dict[tuple[int, int], list[str]] = {}
    for i, a in enumerate(zh.entities):
        for j, b in enumerate(en.entities):
            if a.type is not b.type:
                continue
            score, why = name_score(a, b, lexicon)
            if score:
                scores[i, j] = score
                evidence[i, j] = [why]
    first = _assign(scores, zh, en, evidence)
    if _score_bodies_of_aligned_places(first, zh, en, scores, evidence):
        first = _assign(scores, zh, en, evidence)
    zh_to_en = {a.zh: a.en for a in first}
    en_to_zh = {a.en: a.zh for a in first}
    zh_identity = {e.id: e.id for e in zh.entities}
    for i, a in enumerate(zh.entities):
        if a.id in zh_to_en:
            continue
        zh_facts = _fact_signature(zh, a.id, zh_identity)
        for j, b in enumerate(en.entities):
            if b.id in en_to_zh or b.type is not a.type:
                continue
            shared = zh_facts & _fact_signature(en, b.id, en_to_zh)
            if shared:
                position = 1 - abs(_relative_position(zh, a, zh_len) - _relative_position(en, b, en_len))
                scores[i, j] = min(0.85, 0.35 + 0.25 * len(shared) + 0.15 * position)
                evidence[i, j] = [f"shared facts: {sorted(shared)}", f"position {position:.2f}"]
    second = _assign(scores, zh, en, evidence)
    if _score_bodies_of_posts(second, zh, en, scores, evidence):
        return _assign(scores, zh, en, evidence)
    return second


POST_BODY = 0.55
"""The score of two bodies paired only by one person's post in them (above the threshold, below any name's
evidence)."""


def _score_bodies_of_posts(
    pairs: list[Alignment],
    zh: LanguageAnalysis,
    en: LanguageAnalysis,
    scores: np.ndarray,
    evidence: dict[tuple[int, int], list[str]],
) -> bool:
    """Score as one the bodies whose names nothing pairs (厚木市政府, Atsugi City Government: no reading of
    Chinese hears a Japanese name) when a paired person holds the same post in both, the only unpaired body
    of that post of that person in each version; True when any was."""
    paired = {a.zh for a in pairs} | {a.en for a in pairs}
    zh_rows, en_columns = {e.id: i for i, e in enumerate(zh.entities)}, {e.id: j for j, e in enumerate(en.entities)}
    persons = {a.zh: a.en for a in pairs}
    en_bodies = _unpaired_bodies(en, paired)
    found = False
    for (zh_person, role), zh_found in sorted(_unpaired_bodies(zh, paired).items()):
        en_found = en_bodies.get((persons.get(zh_person, ""), role), set())
        if len(zh_found) == len(en_found) == 1:
            k, m = zh_rows[next(iter(zh_found))], en_columns[next(iter(en_found))]
            if scores[k, m] < THRESHOLD and zh.entities[k].type is en.entities[m].type:
                scores[k, m], evidence[k, m], found = POST_BODY, [f"bodies of one person's post {role}"], True
    return found


def _unpaired_bodies(analysis: LanguageAnalysis, paired: set[str]) -> dict[tuple[str, str], set[str]]:
    """(person, post) → the unpaired bodies in which the version gives that person that post."""
    bodies: dict[tuple[str, str], set[str]] = {}
    for membership in analysis.memberships:
        if membership.organization not in paired:
            bodies.setdefault((membership.person, membership.role), set()).add(membership.organization)
    return bodies


def _score_bodies_of_aligned_places(
    pairs: list[Alignment],
    zh: LanguageAnalysis,
    en: LanguageAnalysis,
    scores: np.ndarray,
    evidence: dict[tuple[int, int], list[str]],
) -> bool:
    """Score as one the bodies whose keys differ only by places the names already pair (中国驻胡志明市总领事馆 @
    huzhiming-city, the Consulate General of China in Ho Chi Minh City @ hochiminh-city); True when any was."""
    zh_by_id, en_by_id = {e.id: e for e in zh.entities}, {e.id: e for e in en.entities}
    paired = [(zh_by_id[a.zh].key, en_by_id[a.en].key) for a in pairs if zh_by_id[a.zh].type is EntityType.PLACE]
    places = {zh_key.path: en_key.path for zh_key, en_key in paired if zh_key != en_key}
    if not places:
        return False
    en_bodies = {e.key: j for j, e in enumerate(en.entities) if e.key.kind is KeyKind.ORG}
    found = False
    for i, entity in enumerate(zh.entities):
        if entity.key.kind is not KeyKind.ORG:
            continue
        body, _, seat = entity.key.path.partition("@")
        place, _, rest = body.partition("/")
        path = f"{places.get(place, place)}/{rest}" + (f"@{places.get(seat, seat)}" if seat else "")
        j = en_bodies.get(replace(entity.key, path=path))
        if j is not None and path != entity.key.path and scores[i, j] < 0.9:
            scores[i, j], evidence[i, j], found = 0.9, [f"same body, places paired: {path}"], True
    return found


def load_assignment_solver() -> Callable[..., tuple[np.ndarray, np.ndarray]]:
    """scipy's assignment solver, imported when the pipeline is built, not with the package: importing
    ``scipy.optimize`` takes half a second that a process which aligns nothing, as the main process of a run
    with workers, need not pay before it starts them."""
    from scipy.optimize import linear_sum_assignment

    return linear_sum_assignment


def best_pairs(scores: np.ndarray) -> list[tuple[int, int]]:
    """The pairing of rows with columns of the highest total score."""
    rows, cols = load_assignment_solver()(scores, maximize=True)
    return list(zip(rows.tolist(), cols.tolist(), strict=True))


def _assign(
    scores: np.ndarray, zh: LanguageAnalysis, en: LanguageAnalysis, evidence: dict[tuple[int, int], list[str]]
) -> list[Alignment]:
    return [
        Alignment(zh.entities[i].id, en.entities[j].id, round(float(scores[i, j]), 3), evidence.get((i, j), []))
        for i, j in best_pairs(scores)
        if scores[i, j] >= THRESHOLD
    ]


def repair_cut_names(zh: LanguageAnalysis, en: LanguageAnalysis, version: TextVersion) -> None:
    """Extend a Chinese name the model cut short when the English version spells it whole: 陈建 + 中 when
    the English says Chen Jianzhong. Every mention of the name must be followed by the same character."""
    en_names = {_letters(n) for e in en.entities if e.type is EntityType.PERSON for n in e.names("en")}
    mentions = {m.id: m for m in zh.mentions}
    for entity in zh.entities:
        if entity.type is not EntityType.PERSON or "zh" not in entity.labels:
            continue
        name = entity.labels["zh"]
        own = [mentions[i] for i in entity.mentions]
        if not own or len(name) > 3 or pinyin_readings(name) & en_names:
            continue
        following = {version.analysis[m.end : m.end + 1] for m in own}
        if len(following) != 1:
            continue
        longer = name + following.pop()
        if not ("\u4e00" <= longer[-1] <= "\u9fff") or not pinyin_readings(longer) & en_names:
            continue
        for mention in own:
            mention.end += 1
            mention.text = version.text[mention.start : mention.end]
            mention.name = version.analysis[mention.start : mention.end]
        entity.labels["zh"] = longer
        entity.key = EntityKey(KeyKind.PERSON, romanise(longer, "zh"))
        for mention in own:
            mention.key = entity.key


def join_short_places(analysis: LanguageAnalysis, lexicon: Lexicon) -> None:
    """A place the gazetteer lacks, named without the suffix of a gazetteer place of the article (梁平 for
    梁平区), is that place: its mentions and facts go to it and the short name becomes a variant."""
    suffixes = [form for entry in lexicon.place_suffixes.values() for form in entry.zh_forms]
    known = {
        entity.labels["zh"]: entity
        for entity in analysis.entities
        if entity.type is EntityType.PLACE and entity.key.kind is KeyKind.GAZETTEER and "zh" in entity.labels
    }
    moved: dict[str, str] = {}
    for entity in analysis.entities:
        name = entity.labels.get("zh", "")
        if entity.type is not EntityType.PLACE or entity.key.kind is not KeyKind.PLACE or len(name) < 2:
            continue
        target = next((known[name + s] for s in suffixes if name + s in known), None)
        if target is not None:
            target.mentions.extend(entity.mentions)
            target.alt_labels.setdefault("zh", set()).add(name)
            moved[entity.id] = target.id
    _move(analysis, moved)


def join_bare_sub_bodies(analysis: LanguageAnalysis, lexicon: Lexicon) -> None:
    """A body named only by its kind of sub-body (the Leading Party Members Group, the Party Group) is the one
    body of that kind the version names in full (the Party Group of Chongqing FAO): its mentions and facts go
    to it. With none or several, it stays as it is."""
    kinds = {form.lower(): key for key, entry in lexicon.sub_bodies.items() for form in entry.en_forms}
    moved: dict[str, str] = {}
    for entity in analysis.entities:
        kind = kinds.get(entity.labels.get("en", "").lower().removeprefix("the "))
        if entity.type is not EntityType.ORG or kind is None or entity.key.path.endswith(f"/{kind}"):
            continue
        targets = [e for e in analysis.entities if e.key.path.endswith(f"/{kind}") and e.id not in moved]
        if len(targets) == 1:
            targets[0].mentions.extend(entity.mentions)
            moved[entity.id] = targets[0].id
    _move(analysis, moved)


def _move(analysis: LanguageAnalysis, moved: dict[str, str]) -> None:
    """Drop the entities ``moved`` maps, pointing their mentions and facts to where they went."""
    if not moved:
        return
    analysis.entities = [e for e in analysis.entities if e.id not in moved]
    for entity in analysis.entities:
        entity.parent = moved.get(entity.parent, entity.parent) if entity.parent else None
    for mention in analysis.mentions:
        mention.entity = moved.get(mention.entity, mention.entity) if mention.entity else mention.entity
    for event in analysis.events:
        for participant in event.participants:
            participant.entity = moved.get(participant.entity, participant.entity)
    for membership in analysis.memberships:
        membership.organization = moved.get(membership.organization, membership.organization)


def merge(extraction: Extraction, lexicon: Lexicon) -> None:
    """Merge the per-language entities and facts of ``extraction`` into one set, both versions aligned."""
    zh = extraction.analyses.get("zh")
    en = extraction.analyses.get("en")
    alignments: list[Alignment] = []
    if zh:
        join_short_places(zh, lexicon)
    if en:
        join_bare_sub_bodies(en, lexicon)
    if zh and en:
        repair_cut_names(zh, en, extraction.article.versions["zh"])
        zh_length, en_length = (len(extraction.article.versions[lang].text) for lang in ("zh", "en"))
        alignments = align_entities(zh, en, zh_length, en_length, lexicon)
    extraction.alignments = alignments
    paired = {a.en: a for a in alignments}
    paired_zh = {a.zh: a for a in alignments}
    merged: list[Entity] = []
    local_to_merged: dict[str, str] = {}
    sources: list[tuple[Entity | None, Entity | None, float | None]] = []
    for entity in zh.entities if zh else []:
        alignment = paired_zh.get(entity.id)
        other = next((e for e in en.entities if e.id == alignment.en), None) if alignment and en else None
        sources.append((entity, other, alignment.score if alignment else None))
    for entity in en.entities if en else []:
        if entity.id not in paired:
            sources.append((None, entity, None))
    for zh_entity, en_entity, score in sorted(sources, key=lambda s: (s[0] or s[1]).key):  # type: ignore[union-attr]
        base = zh_entity or en_entity
        assert base is not None
        entity = Entity(id=f"e{len(merged)}", type=base.type, key=base.key, alignment_confidence=score)
        for part in (zh_entity, en_entity):
            if part is None:
                continue
            local_to_merged[part.id] = entity.id
            entity.mentions.extend(part.mentions)
            for lang, label in part.labels.items():
                entity.labels.setdefault(lang, label)
            for lang, variants in part.alt_labels.items():
                entity.alt_labels.setdefault(lang, set()).update(variants)
        for lang, variants in entity.alt_labels.items():
            if lang not in entity.labels and variants:  # a name only composed (an implied mission's English one)
                entity.labels[lang] = min(variants)
        for lang, label in entity.labels.items():
            entity.alt_labels.get(lang, set()).discard(label)
        merged.append(entity)
    originals = {e.id: e for a in extraction.analyses.values() for e in a.entities}
    for entity in merged:
        parents = {originals[m].parent for m, t in local_to_merged.items() if t == entity.id and originals[m].parent}
        entity.parent = min((local_to_merged[p] for p in parents), default=None)
    for analysis in extraction.analyses.values():
        for mention in analysis.mentions:
            if mention.entity:
                mention.entity = local_to_merged[mention.entity]
    extraction.entities = merged
    extraction.memberships = _merge_memberships(extraction, local_to_merged)
    for membership in extraction.memberships:
        membership.attested = _attested(extraction, membership)
    extraction.events = _merge_events(extraction, local_to_merged)


def _attested(extraction: Extraction, membership: Membership) -> str | None:
    """The date of the news item (on a digest page) or else of the article that states the membership."""
    article = extraction.article
    for evidence in membership.evidence:
        version = article.versions.get(evidence.lang)
        if version is None or evidence.sentence >= len(version.sentences):
            continue
        item = article.item_at(evidence.lang, version.sentences[evidence.sentence][0])
        if item is not None and item.date is not None:
            return item.date.isoformat()
    return article.date.isoformat() if article.date else None


def _combine(a: float, b: float) -> float:
    return round(1 - (1 - a) * (1 - b), 3)


def _merge_memberships(extraction: Extraction, mapping: dict[str, str]) -> list[Membership]:
    """One membership per (person, body, post) of both versions; where the two give a person different posts
    in one body, the English translating the Chinese one (Vice Chairman of a congress's standing committee:
    its 副主任, not a 副主席), the Chinese original's (the difference is reported as a conflict). An English post
    given its default body drops out when the Chinese states that person's posts with their bodies: the English
    left the body out, and the default (the article's province) is most often not it."""
    merged: dict[tuple[str, str, str], Membership] = {}
    languages: dict[tuple[str, str, str], set[str]] = {}
    for lang, analysis in sorted(extraction.analyses.items()):
        for m in analysis.memberships:
            key = (mapping[m.person], mapping[m.organization], m.role)
            if key in merged and lang not in languages[key]:
                merged[key].confidence = _combine(merged[key].confidence, m.confidence)
                merged[key].evidence.extend(m.evidence)
            elif key not in merged:
                merged[key] = Membership(*key, confidence=m.confidence, evidence=list(m.evidence))
            merged[key].start = merged[key].start or m.start
            merged[key].end = merged[key].end or m.end
            languages.setdefault(key, set()).add(lang)
    if len(extraction.analyses) == 2:
        by_pair: dict[tuple[str, str], dict[str, set[str]]] = {}
        for (person, org, role), langs in languages.items():
            for lang in langs:
                by_pair.setdefault((person, org), {}).setdefault(lang, set()).add(role)
        for (person, org), roles in sorted(by_pair.items()):
            if len(roles) == 2 and not roles["zh"] & roles["en"]:
                extraction.conflicts.append(
                    f"roles of {person} in {org} differ: zh {sorted(roles['zh'])}, en {sorted(roles['en'])}; "
                    "the Chinese original's kept"
                )
                for role in roles["en"]:
                    del merged[(person, org, role)]
        stated = {person for (person, _, _), langs in languages.items() if "zh" in langs}
        for key, langs in languages.items():
            if langs == {"en"} and key[0] in stated and key in merged and merged[key].confidence < EXPLICIT:
                del merged[key]  # Deputy Governor X, bodiless, beside 清迈府副府尹X: not the province's
    return [merged[k] for k in sorted(merged)]


def _event_score(
    a: Event, b: Event, mapping: dict[str, str], alone: set[dt.date] | frozenset[dt.date] = frozenset()
) -> float:
    """How likely two events are one happening; ``alone`` holds the dates of a single event in each version,
    which pair such events even when the versions name them differently (座谈 / talks, 仪式 / meeting)."""
    if a.item is not None and b.item is not None and a.item != b.item:
        return 0.0
    score = 0.4 if a.kind == b.kind else 0.0
    if a.item is not None and a.item == b.item:
        score += 0.2
    if a.date and b.date:
        score += 0.3 if a.date == b.date else -0.1
        score += 0.15 if a.date == b.date and a.date in alone else 0.0
    shared = {(p.prop, mapping[p.entity]) for p in a.participants} & {
        (p.prop, mapping[p.entity]) for p in b.participants
    }
    return score + 0.15 * len(shared)


def _merge_events(extraction: Extraction, mapping: dict[str, str]) -> list[Event]:
    """The events of both versions, each pair that tells one happening merged; an event with neither a
    participant nor a date is left out."""
    zh = extraction.analyses.get("zh")
    en = extraction.analyses.get("en")
    zh_events = zh.events if zh else []
    en_events = en.events if en else []
    pairs: list[tuple[Event | None, Event | None]] = []
    if zh_events and en_events:
        alone = _single_dates(zh_events) & _single_dates(en_events)
        scores = np.array([[_event_score(a, b, mapping, alone) for b in en_events] for a in zh_events])
        matched = {(i, j) for i, j in best_pairs(scores) if scores[i, j] >= 0.4}
        pairs += [(zh_events[i], en_events[j]) for i, j in sorted(matched)]
        pairs += [(e, None) for i, e in enumerate(zh_events) if i not in {m[0] for m in matched}]
        pairs += [(None, e) for j, e in enumerate(en_events) if j not in {m[1] for m in matched}]
    else:
        pairs = [(e, None) for e in zh_events] + [(None, e) for e in en_events]
    events = []
    for index, (a, b) in enumerate(pairs):
        base = a or b
        assert base is not None
        event = Event(id=f"ev{index}", kind=base.kind, date=base.date, confidence=base.confidence, item=base.item)
        seen: dict[tuple[str, str], Participation] = {}
        for part in (a, b):
            if part is None:
                continue
            event.labels.update({k: v for k, v in part.labels.items() if k not in event.labels})
            event.evidence.extend(part.evidence)
            for p in part.participants:
                key = (p.prop, mapping[p.entity])
                if key in seen:
                    seen[key].confidence = _combine(seen[key].confidence, p.confidence)
                else:
                    seen[key] = Participation(p.prop, mapping[p.entity], p.confidence)
        if a and b:
            _keep_chinese_sides(seen, a, mapping)
            event.confidence = _combine(a.confidence, b.confidence)
            if a.date and b.date and a.date != b.date:
                note = f"date differs: zh {a.date.isoformat()}, en {b.date.isoformat()}"
                event.conflicts.append(note)
                extraction.conflicts.append(f"event {event.id}: {note}")
            event.date = a.date or b.date
        event.participants = sorted(seen.values(), key=lambda p: (p.prop, p.entity))
        if not (event.participants or event.date):
            continue  # a trigger word and nothing else: nobody, no day
        _full_labels(event, list(seen.values()), {e.id: e for e in extraction.entities})
        events.append(event)
    return sorted(events, key=lambda e: (e.date or dt.date.min, e.kind, e.id))


_SIDES = ("bikg:host", "bikg:guest")


def _keep_chinese_sides(seen: dict[tuple[str, str], Participation], zh_event: Event, mapping: dict[str, str]) -> None:
    """Someone both host and guest of a merged meeting keeps the side the Chinese version gives: the English
    may make the guest the subject ("Burns met with Hu Changsheng") where 胡昌升会见了伯恩斯 does not. Likewise a
    guest the Chinese names as such only (会见佐藤树一郎一行) does not lead the meeting because the English says
    whom the delegation was "led by": he is its head, a guest (one who 率团…拜会 leads and is a guest in both)."""
    for side, other in (*(_SIDES, _SIDES[::-1]), ("bikg:guest", "bikg:leader")):
        for prop, entity in list(seen):
            if prop == side and (other, entity) in seen:
                chinese = {p.prop for p in zh_event.participants if mapping[p.entity] == entity}
                if side in chinese and other not in chinese:
                    del seen[(other, entity)]


def _single_dates(events: list[Event]) -> set[dt.date]:
    """The dates of exactly one event of a version."""
    counts = Counter(e.date for e in events if e.date)
    return {date for date, count in counts.items() if count == 1}


_NAMED_BY = ("schema:organizer", "bikg:host", "bikg:leader", "bikg:chair")
"""Whose event a label says it was, first found first: a meeting is its host's, not the visiting leader's."""


def _full_labels(event: Event, in_text_order: list[Participation], entities: dict[str, Entity]) -> None:
    """Event labels that say whose event it was, the first one the text names (市政府外办党组扩大会议 / enlarged
    meeting of the Party Group …; reception by Wang Hong, of "Wang Hong … and her deputies … received"); a Chinese
    label that names the event (2023年外国驻江州领团见面会, more than a kind's word) takes no person's name before it:
    its chair does not own it."""
    holder = next((entities[p.entity] for prop in _NAMED_BY for p in in_text_order if p.prop == prop), None)
    if holder is None:
        return
    zh_name, en_name = holder.labels.get("zh"), holder.labels.get("en")
    named = len(event.labels.get("zh", "")) > _KIND_WORD and holder.type is EntityType.PERSON
    if "zh" in event.labels and zh_name and zh_name not in event.labels["zh"] and not named:
        event.labels["zh"] = zh_name + event.labels["zh"]
    if "en" in event.labels and en_name and en_name not in event.labels["en"]:
        joiner = "by" if holder.type is EntityType.PERSON else "of the"
        event.labels["en"] = f"{event.labels['en']} {joiner} {en_name}"


_KIND_WORD = 4
"""The most characters of a Chinese label that only says the kind of event (会见, 会议, 签约仪式)."""


def without_alignment(extraction: Extraction, lexicon: Lexicon) -> None:
    """Ablation: merge as if no zh↔en pair matched (each language keeps its own entities)."""
    en = extraction.analyses.pop("en", None)
    if en is not None:
        for entity in en.entities:
            entity.key = replace(entity.key, only="en")
        extraction.analyses["en"] = en
    merge(extraction, lexicon)
