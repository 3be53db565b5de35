"""Venues: the place an event happened, named after a word that places it (在外事大楼, at the X Building).

The cue words and the last words of venue names are data (``ontology/venues.ttl``); a venue found
here is a place mention like any other.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.lexicon.resources import Venues


def _alternation(forms: tuple[str, ...]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


@cache
def _patterns(venues: Venues) -> dict[str, re.Pattern[str]]:
    heads, cues = _alternation(venues.zh_heads), _alternation(venues.zh_cues)
    long_heads = _alternation(tuple(h for h in venues.zh_heads if len(h) >= 2))
    going_on = rf"(?:(?!{cues}|[和与及并同、])[\u4e00-\u9fff]){{0,8}}?(?:{long_heads})"
    name = rf"[\u4e00-\u9fff·]{{1,12}}?(?:{heads})(?:{going_on})?"
    zh = re.compile(rf"(?:{cues})(?P<venue>{name})")
    plain_name = rf"(?:(?!{cues}|[和与及并同、])[\u4e00-\u9fff·]){{1,12}}?(?:{heads})(?:{going_on})?"
    owners = rf" of the (?:[A-Z][\w'’-]*\s){{0,6}}(?:{_alternation(venues.en_owners)})|" if venues.en_owners else ""
    locator = rf"(?!(?:\s[A-Z][\w'’-]*)*\s(?:{_alternation(venues.en_locators)})\b)" if venues.en_locators else ""
    owner = rf"(?:{owners} of (?!the )[A-Z][\w'’-]*{locator}(?:\s[A-Z][\w'’-]*){{0,3}})?"
    en = re.compile(
        rf"\b(?:{_alternation(venues.en_cues)}) (?:the )?"
        rf"(?P<venue>(?:[A-Z][\w'’-]*\s(?:(?:and|&)\s(?=[A-Z]))?){{0,6}}(?:{_alternation(venues.en_heads)}){owner})\b"
    )
    en_name = rf"(?:[A-Z][\w'’-]*\s){{0,6}}(?:{_alternation(venues.en_heads)}){owner}\b"
    return {
        "zh": zh,
        "en": en,
        "zh-next": re.compile(rf"(?:和|及|以及|、)(?P<venue>{plain_name})"),
        "zh-item": re.compile(plain_name),
        "zh-list": re.compile(rf"(?:{cues})(?P<list>[\u4e00-\u9fff·]+(?:、[\u4e00-\u9fff·]+)+)"),
        "en-next": re.compile(rf"(?:,? and|,) (?:the )?(?P<venue>{en_name})"),
    }


_TITLED = {"en": re.compile(r"“[^”]*”|\"[^\"\n]*\""), "zh": re.compile(r"《[^》]*》")}
"""The quoted name of a programme in English (the "Consular Corps in Kunming Visit Central Yunnan New Area"
program), a document's title in Chinese (《关于在…举办…的协议》); a Chinese activity's quoted name names
real places (“走进滇中新区”)."""


def venue_spans(text: str, lang: str, venues: Venues) -> list[tuple[int, int]]:
    """(start, end) of every venue name in ``text`` (the analysis text for Chinese), none inside the name of
    a programme or a document, whose words only look like one."""
    quoted = [m.span() for m in _TITLED[lang].finditer(text)]
    cues = venues.zh_cues if lang == "zh" else ()
    spans = [
        (_after_inner_cue(text, m.start("venue"), m.end("venue"), cues), _first_of_two(m, venues))
        for m in _patterns(venues)[lang].finditer(text)
        if not any(start < m.start("venue") < end for start, end in quoted)
    ]
    listed = {one for span in spans for one in _listed_from(text, span, _patterns(venues)[f"{lang}-next"])}
    if lang == "zh":
        listed |= _listed_items(text, _patterns(venues))
    return sorted(listed)


def _listed_from(text: str, span: tuple[int, int], following: re.Pattern[str]) -> list[tuple[int, int]]:
    """A venue and the venues listed right after it (参观鼓岭历史文化街区和万国公益社旧址, toured the X Museum
    and the Y Park): each further name ends in a venue's last word, and holds no cue word nor list mark."""
    spans = [span]
    while match := following.match(text, spans[-1][1]):
        spans.append(match.span("venue"))
    return spans


_LAST_JOINT = re.compile("以及|和|及")
"""What joins the last item of a Chinese list to the one before it."""


def _listed_items(text: str, patterns: dict[str, re.Pattern[str]]) -> set[tuple[int, int]]:
    """Venues among the items of a list after a cue word, whatever the items before them (参观了智能制造企业、
    永川科技生态城和职业教育园区): an item is whole between list marks, the last one ends at 和 or 及."""
    found = set()
    for match in patterns["zh-list"].finditer(text):
        listed, at = match.group("list"), match.start("list")
        marks = [m.span() for m in re.finditer("、", listed)]
        if joint := _LAST_JOINT.search(listed, marks[-1][1]):
            marks.append(joint.span())
        edges = [0, *(edge for mark in marks for edge in mark), len(listed)]
        for start, end in zip(edges[::2], edges[1::2], strict=True):
            if patterns["zh-item"].fullmatch(listed, start, end):
                found.add((at + start, at + end))
    return found


def _first_of_two(match: re.Match[str], venues: Venues) -> int:
    """Where an English venue ends: at "and" when what comes before it is a venue already (Liangjiang New Area
    and Guoyuan Port are two; the Convention and Exhibition Center is one)."""
    name = match.group("venue")
    for joint in (" and ", " & "):
        before = name.split(joint)[0]
        if joint in name and before.endswith(venues.en_heads):
            return match.start("venue") + len(before)
    return match.end("venue")


def _after_inner_cue(text: str, start: int, end: int, cues: tuple[str, ...]) -> int:
    """Where a Chinese venue's name begins when a cue word stands inside the run (考察|团走进苏州工业园区: the
    venue is 苏州工业园区, after 走进)."""
    last = max((at + len(cue) for cue in cues if (at := text.rfind(cue, start, end)) > start), default=start)
    return last if last < end - 1 else start
