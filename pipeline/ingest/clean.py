"""Noise removal: the rules of ``ontology/page.ttl`` applied to a page's lines before analysis.

Glosses, mojibake, bylines, caption markers and site chrome go; the date line is read (with an
author glued after its time); column names and marked item lines are labelled for the digest split.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from pipeline.ingest.normalise import clean_paragraph
from pipeline.lexicon.resources import BoilerplateRule, Lexicon
from pipeline.nlp.dates import parse_article_date
from pipeline.nlp.en import pinyin_syllables

SENTENCE_END = ("。", ".", "!", "?", "！", "？", "”", '"', "…")
_INLINE = {"strip": "", "space": " "}
_LINE_ORDER = ("date-line", "cut-rest", "drop-before", "drop-line", "column", "item")


@dataclass(frozen=True, slots=True)
class Line:
    """A cleaned line of a page and what the rules made of it.

    ``kind`` is ``text``; ``column`` (a column name); ``date`` (the date line, its date in ``date``);
    or ``item`` (a marked line that starts a news item, the marker removed).
    """

    text: str
    kind: str = "text"
    date: dt.date | None = None


def is_gloss(word: str) -> bool:
    """True when ``word`` is one Hanyu Pinyin syllable, with or without tone marks (``huì``, ``la``)."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()
    syllables = pinyin_syllables()
    return bare in syllables or bare.replace("u", "v") in syllables


def is_mojibake(run: str) -> bool:
    """True when a run of Chinese characters is UTF-8 text read as GBK: its GBK bytes read as UTF-8 give two
    Chinese characters or more and at most one broken one (鏂伴椈涓績 → 新闻中…), which real text never does."""
    try:
        data = run.encode("gbk")
    except UnicodeEncodeError:
        return False
    decoded = data.decode("utf-8", errors="replace")
    chinese = sum("\u3400" <= c <= "\u9fff" for c in decoded)
    return chinese >= 2 and decoded.count("\ufffd") <= 1


def clean_line(raw: str, lexicon: Lexicon) -> str:
    """One raw line without caption markers, glosses, mojibake and inline bylines (NFKC, spaces folded).

    A caption keeps its text only when that is a full sentence (it may state a meeting).
    """
    line = raw.strip()
    caption = False
    for rule in _rules(lexicon, "caption"):
        if match := rule.pattern.match(line):
            line, caption = line[match.end() :], True
            break
    line = clean_paragraph(line)
    line = without_mirror_noise(line, lexicon)
    for rule in lexicon.boilerplate:
        if rule.action in _INLINE:
            line = rule.pattern.sub(_INLINE[rule.action], line)
    line = clean_paragraph(line)
    return "" if caption and not line.endswith(SENTENCE_END) else line


def without_mirror_noise(text: str, lexicon: Lexicon) -> str:
    """``text`` without the pinyin glosses and the mojibake a mirror site adds (會(huì)見 → 會見, 鏂伴椈 → ""):
    a page's lines, and the Chinese of a record copied from such a site."""
    for rule in _rules(lexicon, "gloss"):
        text = rule.pattern.sub(lambda m: "" if is_gloss(m.group(1)) else m.group(0), text)
    for rule in _rules(lexicon, "mojibake"):
        text = rule.pattern.sub(lambda m: "" if is_mojibake(m.group()) else m.group(), text)
    return text


def clean_lines(text: str, lexicon: Lexicon) -> list[Line]:
    """The page's lines after every rule of ``page.ttl``; blank and dropped lines are gone."""
    lines: list[Line] = []
    authors: set[str] = set()
    underlines = _rules(lexicon, "underline")
    for raw in text.splitlines():
        if lines and lines[-1].kind == "text" and any(r.pattern.fullmatch(raw.strip()) for r in underlines):
            lines[-1] = Line(lines[-1].text, "item")  # a release's headline, underlined with asterisks
            continue
        line = clean_line(raw, lexicon)
        if not line or line in authors:
            continue
        line, dated = _without_dateline(line, lexicon)
        if dated is not None:
            lines.append(dated)
        if not line:
            continue
        rule, match = _line_rule(line, lexicon)
        action = rule.action if rule else None
        if action == "cut-rest":
            break
        if action == "drop-before":
            if [line.kind for line in lines] != ["text", "date"]:  # a title and its date line above stay
                lines.clear()
        elif action == "date-line" and match is not None:
            if author := match.groupdict().get("author"):
                authors.add(author)
            date = parse_article_date(match["date"]) or parse_article_date(re.sub(r"\s+", "", match["date"]))
            if title := match.groupdict().get("title"):
                lines.append(Line(title.strip()))
            lines.append(Line(line, "date", date))
        elif action == "item" and match is not None:
            lines.append(Line(match["text"].strip(), "item"))
        elif action == "column":
            lines.append(Line(line, "column"))
        elif action is None:
            lines.append(Line(line))
    return lines


def _without_dateline(line: str, lexicon: Lexicon) -> tuple[str, Line | None]:
    """A paragraph without the dateline of a paper or news agency it opens with (本报2023年10月6日讯,
    中新网南昌12月11日电): the date the report was filed, never an event's; a date line when it gives the year."""
    for rule in _rules(lexicon, "dateline"):
        if match := rule.pattern.match(line):
            date = parse_article_date(match["date"]) if match.groupdict().get("date") else None
            return line[match.end() :].strip(), Line(match.group().strip(), "date", date) if date else None
    return line, None


def minor_words(lexicon: Lexicon) -> list[re.Pattern[str]]:
    """Patterns of the words a Title-Case English headline writes in lower case (of, the, and …)."""
    return [rule.pattern for rule in _rules(lexicon, "minor-word")]


def _rules(lexicon: Lexicon, action: str) -> list[BoilerplateRule]:
    return [rule for rule in lexicon.boilerplate if rule.action == action]


def _line_rule(line: str, lexicon: Lexicon) -> tuple[BoilerplateRule | None, re.Match[str] | None]:
    """The first whole-line rule matching ``line``, in the order of :data:`_LINE_ORDER`."""
    for action in _LINE_ORDER:
        for rule in _rules(lexicon, action):
            if match := rule.pattern.fullmatch(line):
                return rule, match
    return None, None
