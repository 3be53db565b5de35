"""Ingest: find input files, decode them, and turn pages and JSONL records into :class:`Article`s.

Every failure is an :class:`IngestError` yielded in place of the article, naming the file (and
line), so one broken input never stops a batch.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pipeline.errors import IngestError
from pipeline.ingest.clean import Line, clean_lines, minor_words
from pipeline.ingest.items import BodyLine, is_digest, is_headline, split_digest
from pipeline.ingest.normalise import build_version, clean_paragraph, language_of
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.model import Article, TextVersion
from pipeline.nlp.dates import parse_article_date

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".html.txt")
_PERIODICAL = re.compile(r"^(?P<name>\S.*?)\s*(?P<issue>\d{4}年\s*\d{1,2}\s*期)$")
_KEYWORDS = re.compile(r"^(?:关键词|关键字|關鍵詞|關鍵字|Keywords?)\s*[:：]\s*(?P<words>.*)$", re.IGNORECASE)
_MAX_BYTES = 64 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000  # spaCy's limit for one text; a longer "article" is not an article of this genre

Item = Article | IngestError


def iter_input_paths(inputs: Iterable[str]) -> Iterator[Path]:
    """Files named by ``inputs``: files as given, directories searched recursively, globs expanded."""
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(ARTICLE_SUFFIXES))
        elif path.is_file():
            yield path
        else:
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True))
            if not matches:
                raise IngestError(given, "no such file, directory or matching glob")
            for match in matches:
                yield from iter_input_paths([str(match)]) if match.is_dir() else [match]


def decode(data: bytes, source: str) -> str:
    """Bytes → text: BOMs first, then strict UTF-8, then the best guess among Chinese encodings."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        if _looks_like_utf16(data):
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
        raise IngestError(source, "binary data (NUL bytes), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_plausible(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or not _is_plausible(str(best)):
        raise IngestError(source, "undecodable bytes: not UTF-8, UTF-16, GB18030 or Big5 text")
    return str(best)


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4


def _is_plausible(text: str) -> bool:
    """Text rather than junk: few control characters and private-use or replacement characters."""
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t") or c == "\ufffd" or 0xE000 <= ord(c) <= 0xF8FF)
    return bad / len(text) < 0.01


def article_id_for(path: Path) -> str:
    """The id of a page article: its file name without suffix."""
    name = path.name
    for suffix in (".html.txt", ".txt"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def parse_page(text: str, *, article_id: str, source: str, lexicon: Lexicon | None = None) -> Article:
    """A raw article page → Article: noise removed, metadata and titles read, a digest split into items."""
    lexicon = lexicon or load_lexicon()
    article = Article(id=article_id, source=source)
    content, date_at = _read_metadata(clean_lines(text, lexicon), article)
    minor = minor_words(lexicon)
    body, column = _take_titles(content, date_at, article, minor)
    lines = [
        BodyLine(line.text, lang, is_headline(line.text, lang, minor, marked=line.kind == "item"), line.kind == "item")
        for line in body
        if (lang := language_of(line.text)) is not None
    ]
    if is_digest(lines, column):
        versions, article.items = split_digest(lines, article.date, lexicon.relative_dates)
    else:
        versions = _single(lines, article)
    for lang, version in versions.items():
        article.versions[lang] = _checked(version, source)
    if not article.versions:
        raise IngestError(source, "no article text found (neither Chinese nor English paragraphs)")
    return article


def _read_metadata(lines: list[Line], article: Article) -> tuple[list[Line], int | None]:
    """Date, periodical and keywords into ``article``; the other lines, and how many came before the date line."""
    content: list[Line] = []
    date_at: int | None = None
    for line in lines:
        date = line.date if line.kind == "date" else parse_article_date(line.text)
        if line.kind == "date" or date is not None:
            if article.date is None and date is not None:
                article.date, date_at = date, len(content)
        elif article.periodical is None and (match := _PERIODICAL.match(line.text)):
            issue = re.sub(r"\s+", "", match["issue"])
            article.periodical = f"{match['name']} {issue}"
        elif match := _KEYWORDS.match(line.text):
            article.keywords.extend(w for w in re.split(r"[\s,;，；、]+", match["words"]) if w)
        elif language_of(line.text) is not None:
            content.append(line)
    return content, date_at


def _take_titles(
    content: list[Line], date_at: int | None, article: Article, minor: list[re.Pattern[str]]
) -> tuple[list[Line], bool]:
    """Set the zh and en titles; the body lines left, and whether the title is a column name (a digest).

    Heading lines above the date line are the title (a title may break over two lines); without
    them, a first zh heading line is. Column names elsewhere are dropped.
    """
    above = content[:date_at] if date_at else []
    head = above if all(_is_heading(line.text) or is_headline(line.text, "en", minor) for line in above) else []
    rest = content[len(head) :]
    zh_head = [line for line in head if language_of(line.text) == "zh"]
    en_head = [line.text for line in head if language_of(line.text) == "en"]
    if not zh_head and rest and rest[0].kind in ("text", "column") and _is_zh_heading(rest[0].text):
        zh_head = [rest.pop(0)]
    if zh_head:
        article.title = "".join(line.text for line in zh_head)
    if en_head:
        article.title_en = " ".join(en_head)
    column = any(line.kind == "column" for line in zh_head)
    return [line for line in rest if line.kind != "column"], column


def _single(lines: list[BodyLine], article: Article) -> dict[str, TextVersion]:
    """The versions of a one-item page; English headline lines before the first en paragraph are its en title."""
    paragraphs: dict[str, list[str]] = {"zh": [], "en": []}
    en_title: list[str] = []
    for line in lines:
        if line.lang == "en" and line.headline and not paragraphs["en"] and article.title_en is None:
            en_title.append(line.text)
        else:
            paragraphs[line.lang].append(line.text)
    if en_title:
        article.title_en = " ".join(en_title)
    return {lang: build_version(lang, texts) for lang, texts in paragraphs.items() if texts}


def _checked(version: TextVersion, source: str) -> TextVersion:
    if len(version.text) > MAX_TEXT_CHARS:
        raise IngestError(
            source,
            f"the {version.lang} text has {len(version.text):,} characters, more than "
            f"{MAX_TEXT_CHARS:,}; split it into articles",
        )
    return version


def _is_heading(line: str) -> bool:
    return len(line) <= 60 and not line.endswith(("。", ".", "!", "?", "！", "？"))


def _is_zh_heading(line: str) -> bool:
    return language_of(line) == "zh" and _is_heading(line)


def parse_record(record: object, *, source: str) -> Article:
    """A JSONL record ``{"id", "title", "date", "source", "zh", "en"}`` → Article (one language may be missing)."""
    if not isinstance(record, dict):
        raise IngestError(source, f"a record must be a JSON object, not {type(record).__name__}")
    versions = {}
    for lang in ("zh", "en"):
        value = record.get(lang)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            paragraphs = value.splitlines()
        elif isinstance(value, list) and all(isinstance(p, str) for p in value):
            paragraphs = value
        else:
            raise IngestError(source, f'field "{lang}" must be a string or a list of strings')
        if any(clean_paragraph(p) for p in paragraphs):
            versions[lang] = _checked(build_version(lang, paragraphs), source)
    if not versions:
        raise IngestError(source, 'record has no text: "zh" and "en" are both missing or empty')
    date_text = record.get("date")
    date = parse_article_date(date_text) if isinstance(date_text, str) else None
    if date_text not in (None, "") and date is None:
        raise IngestError(source, f'field "date" is not a date: {date_text!r}')
    raw_id = record.get("id")
    article_id = str(raw_id) if raw_id not in (None, "") else _content_id(versions)
    title = record.get("title")
    keywords = record.get("keywords") or []
    return Article(
        id=article_id,
        source=source,
        title=clean_paragraph(title) if isinstance(title, str) and title.strip() else None,
        date=date,
        periodical=record.get("source") if isinstance(record.get("source"), str) else None,
        keywords=[k for k in keywords if isinstance(k, str)] if isinstance(keywords, list) else [],
        versions=versions,
    )


def _content_id(versions: dict) -> str:
    digest = hashlib.sha1("\n".join(v.text for v in versions.values()).encode("utf-8")).hexdigest()
    return f"record-{digest[:16]}"


def read_path(path: Path, lexicon: Lexicon | None = None) -> Iterator[Item]:
    """Articles in one file: one for a page, one per line for JSONL(.gz); errors yielded in place."""
    source = str(path)
    try:
        if path.stat().st_size > _MAX_BYTES:
            yield IngestError(source, f"file larger than {_MAX_BYTES // 2**20} MiB; split it")
            return
        if path.name.endswith((".jsonl", ".jsonl.gz")):
            yield from _read_jsonl(path)
            return
        text = decode(path.read_bytes(), source)
        yield parse_page(text, article_id=article_id_for(path), source=source, lexicon=lexicon)
    except IngestError as error:
        yield error
    except OSError as error:
        yield IngestError(source, f"cannot read: {error.strerror or error}")


def _read_jsonl(path: Path) -> Iterator[Item]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            yield from read_jsonl_stream(handle, str(path))
    except OSError as error:
        yield IngestError(str(path), f"cannot read: {error.strerror or error}")


def read_jsonl_stream(handle: IO[bytes], name: str) -> Iterator[Item]:
    """Records of a binary JSONL stream, one article (or error naming ``name:line``) per line."""
    line_number = 0
    try:
        for line_number, raw in enumerate(handle, start=1):
            source = f"{name}:{line_number}"
            if not raw.strip():
                continue
            try:
                record = json.loads(decode(raw, source))
                yield parse_record(record, source=source)
            except json.JSONDecodeError as error:
                yield IngestError(source, f"invalid JSON: {error.msg} at column {error.colno}")
            except IngestError as error:
                yield error
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield IngestError(f"{name}:{line_number + 1}", f"truncated or corrupt gzip data: {error}")


def read_inputs(inputs: Iterable[str], lexicon: Lexicon | None = None) -> Iterator[Item]:
    """Lazily every article (or ingest error) of every input path, directory, glob, or ``-`` (JSONL on stdin)."""
    for given in inputs:
        if given == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>")
            continue
        try:
            paths = list(iter_input_paths([given]))
        except IngestError as error:
            yield error
            continue
        for path in paths:
            yield from read_path(path, lexicon)
