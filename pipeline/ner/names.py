"""The name-list splitter: a person span that is several names (温家宝王汉斌, 张三、李四) becomes one span per name.

Name lists are written without separators in the press (``李鹏乔石李瑞环…出席``) and a tagger often takes
the run as one person. A span is cut at list separators, then a separator-free run that jieba's
dictionary does not know as one name is cut into names when every part is a name jieba knows, a surname
with one or two more characters, a name with ``·`` or, at worst, something short, and the known names are
at least two and at least as many as the other parts. No cut touches a ``·`` (本雅明·内塔尼亚胡 is one name).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from itertools import pairwise

from pipeline.ner.dictionary import NameList

Span = tuple[int, int, str]

SEPARATORS = frozenset("、，,；; 　/")
MIN_SURNAME_NAMES = 10
"""A character starts names when jieba lists at least this many three-character names beginning with it."""


def split_name_lists(text: str, spans: list[Span], words: NameList) -> list[Span]:
    """``spans`` with each person span that holds a list of names cut into one span per name."""
    result: list[Span] = []
    for start, end, label in spans:
        if label != "PER":
            result.append((start, end, label))
            continue
        for piece_start, piece_end in _pieces(text, start, end):
            result.extend((b, e, "PER") for b, e in split_run(text, piece_start, piece_end, words))
    return result


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` between list separators."""
    pieces, begin = [], start
    for i in range(start, end + 1):
        if i == end or text[i] in SEPARATORS:
            if i > begin:
                pieces.append((begin, i))
            begin = i + 1
    return pieces


def split_run(text: str, start: int, end: int, words: NameList) -> list[tuple[int, int]]:
    """A separator-free run cut into names, or kept whole when it is one name or no cut convinces."""
    run = text[start:end]
    if len(run) < 4 or words.is_name(run):
        return [(start, end)]
    surnames = _surnames(words)
    best: list[tuple[int, int, int, int, list[int]] | None] = [None] * (len(run) + 1)
    best[0] = (0, 0, 0, 0, [])
    for i in range(len(run)):
        if best[i] is None or "·" in run[i - 1 : i + 1]:
            continue
        known, loose, other, threes, cuts = best[i]
        for j in range(i + 1, len(run) + 1):
            kind = _part_kind(run[i:j], words, surnames)
            if kind is None or (j < len(run) and "·" in run[j - 1 : j + 1]):
                continue
            counts = (known + (kind == "known"), loose + (kind == "loose"), other + (kind == "other"))
            candidate = (*counts, threes + (j - i == 3), [*cuts, j])
            if best[j] is None or _score(candidate) > _score(best[j]):
                best[j] = candidate
    found = best[len(run)]
    if found is None or len(found[4]) < 2 or found[0] < max(2, found[1] + found[2]):
        return [(start, end)]
    bounds = [0, *found[4]]
    return [(start + a, start + b) for a, b in pairwise(bounds)]


def _part_kind(part: str, words: NameList, surnames: frozenset[str]) -> str | None:
    """``known``: a name jieba lists, starting with a surname; ``other``: a surname and one or two characters,
    or a foreign name (with ``·``); ``loose``: up to four other characters (a list's odd item); None: too long."""
    if len(part) > 1 and part[0] in surnames and part in words.names and not words.is_fragment(part):
        return "known"
    if "·" in part.strip("·"):
        return "other" if len(part.rpartition("·")[2]) >= 2 else None
    if 1 < len(part) <= 3 and part[0] in surnames:
        return "other"
    return "loose" if len(part) <= 4 else None


def _score(found: tuple[int, int, int, int, list[int]]) -> tuple[int, int, int, int]:
    """More known names, then fewer loose parts, fewer other parts, more three-character parts (most names)."""
    return found[0], -found[1], -found[2], found[3]


@cache
def _surnames(words: NameList) -> frozenset[str]:
    counts = Counter(name[0] for name in words.names if len(name) == 3)
    return frozenset(char for char, count in counts.items() if count >= MIN_SURNAME_NAMES)
