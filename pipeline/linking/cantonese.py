"""Whether a Chinese name and an English one are the same person's, the English written in Hong Kong's or
Macao's romanisation of Cantonese (曾国卫 = Erick Tsang Kwok-wai, 陈国基 = Chan Kwok-ki, 岑浩辉 = Sam Hou Fai,
叶文娟 = Carol Yip), which pinyin does not hear.

The readings come from the ``cantonese-romanisation`` package (the Hong Kong Government's romanisation of
each traditional character), read as data; a simplified character takes the readings of the traditional
ones it stands for. Syllables compare loosely, as the two territories and the years spell them: ts = ch
(Tsoi, Choi), a trailing vowel or u dropped (Ho, Hou), k = g.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from pipeline.errors import LexiconError
from pipeline.ingest.normalise import to_simplified

_PACKAGE = "cantoroman"
_FILE = "data/charToRoman.json"
SURNAME_ONLY = 0.6
"""The score of a name matched by its surname only (Carol Yip = 叶文娟): above the alignment threshold, below
any spelled or translated match, so another candidate with more evidence wins."""
WHOLE_NAME = 0.9
"""The score of a name whose every syllable matches (Tsang Kwok-wai = 曾国卫)."""


@cache
def readings() -> dict[str, frozenset[str]]:
    """Character (traditional and simplified) → its romanised Cantonese syllables."""
    try:
        raw = resources.files(_PACKAGE).joinpath(_FILE).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as error:
        raise LexiconError(f"cannot read {_FILE} of the cantonese-romanisation package: {error}") from error
    found: dict[str, set[str]] = {}
    for character, syllables in json.loads(raw).items():
        for form in {character, to_simplified(character)}:
            if len(form) == 1:
                found.setdefault(form, set()).update(s.lower() for s in syllables)
    return {character: frozenset(syllables) for character, syllables in found.items()}


def _spelling(syllable: str) -> str:
    """A syllable as the comparison reads it: ts as ch, g as k, a final u or h dropped after a vowel (hou, ho)."""
    key = syllable.lower()
    key = "ch" + key[2:] if key.startswith("ts") else key
    key = "k" + key[1:] if key.startswith("g") and not key.startswith("gw") else key
    key = "kw" + key[2:] if key.startswith("gw") else key
    return key[:-1] if len(key) > 2 and key[-1] in "uh" and key[-2] in "aeiou" else key


def _heard_as(character: str, syllable: str) -> bool:
    spelled = _spelling(syllable)
    return any(_spelling(reading) == spelled for reading in readings().get(character, ()))


def cantonese_score(zh_name: str, en_name: str) -> tuple[float, str]:
    """How well a Chinese person's name of two or three characters (surname first) matches an English name in
    Cantonese romanisation: every syllable, the given name hyphenated or spaced after the surname, a Western
    given name allowed before it (Erick Tsang Kwok-wai); or, for a Western given name and a surname (Carol Yip),
    the surname only. 0 when no reading matches."""
    if not 2 <= len(zh_name) <= 3 or not all(c in readings() for c in zh_name):
        return 0.0, ""
    words = [w for part in en_name.replace("-", " ").split() for w in [part.strip(".,")] if w]
    surname, given = zh_name[0], zh_name[1:]
    for start in range(len(words)):
        if _heard_as(surname, words[start]):
            rest = words[start + 1 :]
            if len(rest) == len(given) and all(_heard_as(c, w) for c, w in zip(given, rest, strict=True)):
                return WHOLE_NAME, f"Cantonese {zh_name} = {en_name}"
    western_given = len(words) == 2 and words[0][:1].isupper() and not any(_heard_as(c, words[0]) for c in given)
    if western_given and _heard_as(surname, words[1]):
        return SURNAME_ONLY, f"Cantonese surname {zh_name[0]} = {words[1]}"
    return 0.0, ""
