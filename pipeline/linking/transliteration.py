"""Whether a Chinese transliteration and an English name sound alike (卡玛蒂 ≈ Kamati, 图尔钦 ≈ Turchin).

Both sides are reduced to a skeleton of consonant classes: the Chinese one through its pinyin, the English
one through its spelling, each with the letters that sound alike in a class of their own (d/t, l/r, the
sibilants that pinyin writes q, x, j, z, c and English ch, sh, s, z, soft c). Vowels, which
transliteration changes most, are dropped. Each part of the Chinese name must find an English word with a
close skeleton, so a name matches a name whatever its order (图尔钦·亚历山大 ≈ Alexander Turchin).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache

_CLASSES = {
    "b": "p", "p": "p", "d": "t", "t": "t", "g": "k", "k": "k", "q": "k", "l": "l", "r": "l", "m": "m", "n": "n",
    "f": "f", "v": "f", "w": "f", "s": "s", "z": "s", "j": "s", "h": "h",
}  # fmt: skip
"""Sound classes of consonants; other letters (vowels, y) are dropped."""

_ARTICLES = frozenset({"al", "el", "ul", "ad"})
"""The Arabic article of a romanised name (Ali Al-Hammadi), which a Chinese transliteration leaves out."""
PART_SIMILARITY = 0.75
"""Each part of the Chinese name must find an English word at least this close."""
NAME_SIMILARITY = 0.8
"""The parts' mean closeness the whole name needs."""
MIN_SKELETON = 4
"""Consonants the Chinese name must have in all: shorter names match too many English words."""


def _skeleton(letters: str) -> str:
    common = letters.replace("th", "t").replace("ph", "f").replace("ch", "s").replace("sh", "s").replace("zh", "s")
    classes = "".join(_CLASSES.get(char, "") for char in common.replace("ng", "n"))
    return re.sub(r"(.)\1+", r"\1", classes)


@lru_cache(maxsize=1 << 14)
def pinyin_skeletons(part: str) -> tuple[str, ...]:
    """The skeletons of a Chinese name part (q, x, j, z and c are sibilants): through its usual pinyin first,
    then through every reading of its characters (什 is shi in 拉杰什, Rajesh) and with x as the h it often
    transcribes (希 of 莫希特, Mohit); at most ``MAX_READINGS`` of them."""
    from pypinyin import Style, pinyin

    readings = pinyin(part, style=Style.NORMAL, heteronym=True)
    found: dict[str, None] = {}
    for spelling in itertools.islice(itertools.product(*readings), MAX_READINGS):
        letters = re.sub(r"[^a-z]", "", "".join(spelling).lower())
        found[_skeleton(re.sub(r"[qxjzc]", "s", letters))] = None
        found[_skeleton(re.sub(r"[qjzc]", "s", letters).replace("x", "h"))] = None
    return tuple(found)


MAX_READINGS = 8


@lru_cache(maxsize=1 << 14)
def english_skeletons(word: str) -> tuple[str, ...]:
    """The skeletons of an English word (accents dropped; a final -er is mostly not transcribed; silent letters
    left out: Wright, Knight): as English reads it, with th as the s Chinese writes for it (Smith 史密斯, Keith
    基思), and as a romanised Southeast Asian name writes aspirated consonants (Somphone, Khamphanh: ph, kh and
    th are p, k and t, a final h is silent)."""
    letters = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    letters = re.sub(r"er$", "e", re.sub(r"[^a-z]", "", letters))
    letters = re.sub(r"^wr", "r", re.sub(r"^kn", "n", re.sub(r"gh(?=t|$)", "", letters)))
    letters = letters.replace("qu", "k").replace("ck", "k").replace("ch", "s").replace("sh", "s")
    letters = re.sub(r"c(?=[eiy])", "s", letters).replace("c", "k").replace("x", "s")
    aspirated = re.sub(r"h$", "", re.sub(r"([pkt])h", r"\1", letters))
    spellings = (letters, letters.replace("th", "s"), aspirated)
    return tuple(dict.fromkeys(skeleton for skeleton in map(_skeleton, spellings) if skeleton))


@lru_cache(maxsize=1 << 16)
def similarity(zh_name: str, en_name: str, min_skeleton: int = MIN_SKELETON) -> float:
    """How alike a Chinese name and an English name sound, 0 when they do not: each part of the Chinese name
    is matched to a word of the English one, or to two or three words in a row (滕哈根 ≈ ten Hagen), at least
    ``PART_SIMILARITY`` close, every English word is covered by a match (戴安娜·马丁 is not Tan Mei Ling), and
    the mean closeness is at least ``NAME_SIMILARITY``. The Chinese name needs ``min_skeleton`` consonants."""
    parts = [pinyin_skeletons(part) for part in zh_name.split("·") if part]
    written = [word for word in re.findall(r"[^\W\d_]+", en_name) if word.lower() not in _ARTICLES]
    words = [skeletons for skeletons in map(english_skeletons, written) if skeletons]
    if not parts or not words or sum(len(skeletons[0]) for skeletons in parts) < min_skeleton:
        return 0.0
    runs = [
        (range(start, end), "".join(spelling))
        for start in range(len(words))
        for end in range(start + 1, min(start + 3, len(words)) + 1)
        for spelling in itertools.product(*words[start:end])
    ]
    covered: set[int] = set()
    closeness = []
    for skeletons in parts:
        indices, best = max(
            ((i, SequenceMatcher(None, part, run).ratio()) for i, run in runs for part in skeletons), key=lambda x: x[1]
        )
        if best < PART_SIMILARITY:
            return 0.0
        covered.update(indices)
        closeness.append(best)
    mean = sum(closeness) / len(closeness)
    return mean if len(covered) == len(words) and mean >= NAME_SIMILARITY else 0.0
