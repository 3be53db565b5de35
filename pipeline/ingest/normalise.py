"""Normalisation: the stored text of each language version, and the same-length text the models read."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from pipeline.model import TextVersion

_SPACES = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_GLUED_SENTENCE = re.compile(r"(?:(?<=[a-z])[,;]|(?<=[A-Za-z])\.)(?=[A-Z][a-z])")
"""A comma or full stop that pages glue to the next English word (Jwala,Minister | FAO.It | H.E.Raja): a space
follows it, as the English model expects."""
_DOT_ABOVE = str.maketrans({"˙": "·"})
"""The dot above some pages put between the parts of a name (利亚姆˙伯恩), which NFKC would make a space and a
combining mark: the middle dot."""


def clean_paragraph(text: str) -> str:
    """NFKC (full-width → half-width), a space after a glued English comma or full stop, whitespace runs folded to
    one space, ends stripped."""
    text = unicodedata.normalize("NFKC", text.translate(_DOT_ABOVE))
    return _SPACES.sub(" ", _GLUED_SENTENCE.sub(r"\g<0> ", text)).strip()


def language_of(text: str) -> str | None:
    """``zh`` when Chinese characters dominate, ``en`` when Latin letters do, None for neither."""
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk == 0 and latin == 0:
        return None
    return "zh" if cjk * 2 >= latin else "en"


@cache
def _converters():  # type: ignore[no-untyped-def]
    """OpenCC's traditional → simplified, then its Hong Kong variants (衞 → 卫) the first leaves."""
    import opencc

    return opencc.OpenCC("t2s"), opencc.OpenCC("hk2s")


def _convert(text: str) -> str:
    traditional, hong_kong = _converters()
    return hong_kong.convert(traditional.convert(text))


def to_simplified(text: str) -> str:
    """Traditional → simplified Chinese, keeping the length (so offsets stay valid)."""
    converted = _convert(text)
    if len(converted) == len(text):
        return converted
    singles = (_convert(char) for char in text)
    return "".join(s if len(s) == 1 else c for s, c in zip(singles, text, strict=True))


def build_version(lang: str, paragraphs: list[str]) -> TextVersion:
    """Join cleaned paragraphs with newlines into one stored text with paragraph offsets."""
    cleaned = [p for p in (clean_paragraph(p) for p in paragraphs) if p]
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in cleaned:
        spans.append((offset, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return TextVersion(lang=lang, text="\n".join(cleaned), paragraphs=spans)


_NAME_DOTS = str.maketrans("•‧・･∙⋅", "······")
"""Dots pages write between the parts of a foreign name (马丁•切冬多) in place of the middle dot ·."""


def analysis_text(version: TextVersion) -> str:
    """The text the models read: simplified script with the middle dot of names for Chinese, the stored text as
    is for English (same length)."""
    return to_simplified(version.text).translate(_NAME_DOTS) if version.lang == "zh" else version.text
