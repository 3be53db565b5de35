"""A large word list for the NER model's lexicon features and the name splitter.

The words are jieba's frequency dictionary (``jieba/dict.txt`` inside the ``jieba`` wheel, MIT licence,
349,046 words with a frequency and a part of speech), to which a model adds the place names it was
trained with (bikg's administrative divisions and countries, saved in the model's ``config.json``).
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from pipeline.errors import ModelLoadError
from pipeline.provenance import build_key, compiled

MAX_WORD = 7
"""Longest word matched, in characters (longer dictionary entries are idioms and slogans)."""

FRAGMENT = 3
"""The length of the pieces of longer names the splitter does not take for names (most Chinese names' length)."""
SOUND_NAMES = 5
"""Transliterated names a character must be part of to count as one that transliterates."""
TAGS = ("nr", "nrt", "nrfg", "ns", "nt", "nz", "n", "v", "a", "i", "l", "m", "t", "j", "place", "other")
"""Parts of speech told apart (jieba's own, ``place`` for bikg's place names, ``other`` for the rest)."""

LENGTHS = 4
"""Word length buckets: 1 or 2, 3, 4, 5 and more characters."""

SETS = 4
"""SoftLexicon's word sets at a character: the words that Begin, continue (Middle), End at it, or are it (Single)."""

SET_WIDTH = len(TAGS) + LENGTHS + 1
WIDTH = SETS * SET_WIDTH
"""Features per character: for each set, its frequency-weighted part-of-speech and length mix, and its log weight."""

PLACE_WEIGHT = math.log1p(1000)
_TAG_INDEX = {tag: i for i, tag in enumerate(TAGS)}


def jieba_dictionary() -> bytes:
    """The bytes of jieba's dictionary, read from the installed package."""
    try:
        return resources.files("jieba").joinpath("dict.txt").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise ModelLoadError("jieba is not installed (its dictionary feeds the NER model): pip install jieba") from (
            error
        )


def dictionary_digest() -> str:
    """A short SHA-256 of jieba's dictionary: a model records it and refuses another dictionary."""
    return hashlib.sha256(jieba_dictionary()).hexdigest()[:16]


@dataclass(frozen=True, eq=False)
class WordList:
    """Words as rows of ``vectors`` (their weight under each tag and length bucket).

    ``index`` maps each word to its row and each prefix of a word that is no word to -1 (matching stops at a
    string that is no prefix).
    """

    index: dict[str, int]
    vectors: np.ndarray

    def matches(self, text: str) -> list[tuple[int, int, int]]:
        """Every (start, end, row) of a dictionary word in ``text``."""
        found = []
        index = self.index
        for i in range(len(text)):
            for j in range(i + 1, min(len(text), i + MAX_WORD) + 1):
                row = index.get(text[i:j])
                if row is None:
                    break
                if row >= 0:
                    found.append((i, j, row))
        return found

    def soft_lexicon(self, text: str) -> np.ndarray:
        """(characters, WIDTH) features: per set, the weighted share of each tag and length, and log1p(weight)."""
        cells: list[int] = []
        rows: list[int] = []
        for start, end, row in self.matches(text):
            if end - start == 1:
                cells.append(start * SETS + 3)
            else:
                cells.append(start * SETS)
                cells.extend(k * SETS + 1 for k in range(start + 1, end - 1))
                cells.append((end - 1) * SETS + 2)
            rows.extend([row] * (len(cells) - len(rows)))
        sets = np.zeros((len(text) * SETS, SET_WIDTH), dtype=np.float32)
        if cells:
            np.add.at(sets, np.array(cells), self.vectors[np.array(rows)])
        sets = sets.reshape(len(text), SETS, SET_WIDTH)
        total = sets[:, :, : len(TAGS)].sum(axis=2, keepdims=True)
        sets[:, :, :-1] /= np.maximum(total, 1e-6)
        sets[:, :, -1:] = np.log1p(total) / 5
        return sets.reshape(len(text), WIDTH)


@dataclass(frozen=True, eq=False)
class NameList:
    """The words jieba's dictionary tags as names, for the name-list splitter and the repair of cut names.

    ``names`` are the names jieba tags nr or nrfg; ``transliterated`` those it tags nrt (奥尔布赖特);
    ``fragments`` the three-character pieces of longer names, which jieba also lists as names (奥尔布, 康斯坦);
    ``places`` the place names of three characters or more it tags ns (符拉迪沃斯托克); ``sounds`` the characters
    that transliterate foreign names (those of at least ``SOUND_NAMES`` names tagged nrt: 尔, 斯, 克, 娃).
    """

    names: frozenset[str]
    transliterated: frozenset[str] = frozenset()
    fragments: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    sounds: frozenset[str] = frozenset()

    def is_name(self, word: str) -> bool:
        """Whether jieba lists ``word`` as a person's name."""
        return word in self.names or word in self.transliterated

    def is_fragment(self, word: str) -> bool:
        """Whether ``word`` is part of a longer name jieba lists (a piece of a transliteration)."""
        return word in self.fragments


def _entries(raw: bytes) -> Iterator[tuple[str, str, str]]:
    """(word, frequency, part of speech) of each usable dictionary line (a word of at most ``MAX_WORD``)."""
    for line in raw.decode("utf-8").splitlines():
        word, freq, tag = [*line.split(" "), "", ""][:3]
        if word and len(word) <= MAX_WORD and freq.isdigit():
            yield word, freq, tag


@cache
def person_names() -> NameList:
    """jieba's persons' and places' names (a light read of the dictionary: no vectors)."""
    names: set[str] = set()
    transliterated: set[str] = set()
    places: set[str] = set()
    for word, _, tag in _entries(jieba_dictionary()):
        if tag in ("nr", "nrfg"):
            names.add(word)
        elif tag == "nrt":
            transliterated.add(word)
        elif tag == "ns" and len(word) >= FRAGMENT:
            places.add(word)
    longer = [word for word in names | transliterated if len(word) > FRAGMENT and "·" not in word]
    fragments = {word[i : i + FRAGMENT] for word in longer for i in range(len(word) - FRAGMENT + 1)}
    uses = Counter(character for word in transliterated for character in set(word))
    sounds = frozenset(character for character, count in uses.items() if count >= SOUND_NAMES)
    return NameList(frozenset(names), frozenset(transliterated), frozenset(fragments), frozenset(places), sounds)


@cache
def word_list(places: tuple[str, ...] = (), digest: str | None = None) -> WordList:
    """jieba's dictionary plus ``places``; ``digest`` (a model's record) must match the installed dictionary.

    Compiled once and kept between processes (:func:`pipeline.provenance.compiled`)."""
    raw = jieba_dictionary()
    installed = hashlib.sha256(raw).hexdigest()
    if digest is not None and installed[:16] != digest:
        raise ModelLoadError(
            f"the installed jieba dictionary is not the one this NER model was trained with (digest {digest}): "
            "install jieba==0.42.1 or train the model again"
        )
    key = build_key([installed.encode(), "\n".join(places).encode("utf-8")], ("numpy",))
    return compiled("ner-words", key, lambda: _compile_word_list(raw, places))


def _compile_word_list(raw: bytes, places: tuple[str, ...]) -> WordList:
    readings = [
        (word, _TAG_INDEX.get(tag, _TAG_INDEX["other"]), math.log1p(int(freq))) for word, freq, tag in _entries(raw)
    ]
    readings.extend((place, _TAG_INDEX["place"], PLACE_WEIGHT) for place in places)
    index = {w[:k]: -1 for w, _, _ in readings for k in range(1, len(w))}
    rows = {w: i for i, w in enumerate(dict.fromkeys(w for w, _, _ in readings))}
    index.update(rows)
    vectors = np.zeros((len(rows), SET_WIDTH), dtype=np.float32)
    for word, tag, weight in readings:
        vectors[rows[word], tag] += weight
        vectors[rows[word], len(TAGS) + min(max(len(word) - 2, 0), LENGTHS - 1)] += weight
    return WordList(index, vectors)
