"""Ingest: find input files, decode them, and turn pages and JSONL records into :class:`Article`s.

Every failure is an :class:`IngestError` yielded in place of the article, naming the file (and
line), so one broken input never stops a batch.
"""

from __future__ import annotations

import fnmatch
import glob
import gzip
import hashlib
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pipeline.errors import IngestError, UsageError
from pipeline.ingest.clean import Line, clean_lines, minor_words, without_mirror_noise
from pipeline.ingest.items import BodyLine, is_digest, is_headline, split_digest
from pipeline.ingest.normalise import build_version, clean_paragraph, language_of
from pipeline.lexicon.match import zh_org_matches
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.model import Article, TextVersion
from pipeline.nlp.dates import parse_article_date

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".html.txt")
_PERIODICAL = re.compile(r"^(?P<name>\S.*?)\s*(?P<issue>\d{4}年\s*\d{1,2}\s*期)$")
_KEYWORDS = re.compile(r"^(?:关键词|关键字|關鍵詞|關鍵字|Keywords?)\s*[:：]\s*(?P<words>.*)$", re.IGNORECASE)
_MAX_BYTES = 64 * 1024 * 1024
_MAX_LINE = 16 * 1024 * 1024  # a JSONL record: two versions of MAX_TEXT_CHARS characters, escaped, fit
_BLOCK = 1024 * 1024
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
MAX_TEXT_CHARS = 1_000_000  # spaCy's limit for one text; a longer "article" is not an article of this genre

Item = Article | IngestError


def iter_input_paths(inputs: Iterable[str]) -> Iterator[Path | IngestError]:
    """Files named by ``inputs``: files as given, directories searched recursively, globs expanded.

    Each directory is entered once (by device and inode), so symbolic-link loops end. Entries with an
    article suffix that are not regular files are yielded too, for :func:`read_path` to refuse; an
    unreadable directory is yielded as an :class:`IngestError`.
    """
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif os.path.lexists(path):
            yield path
        elif glob.has_magic(given) and (matches := _glob(given)):
            yield from matches
        else:
            raise IngestError(given, "no such file, directory or matching glob")


def _tree(root: Path) -> tuple[list[tuple[Path, bool]], list[IngestError]]:
    """``root`` and every path below it with whether it is a directory, sorted; each directory listed once."""
    if not os.path.lexists(root):
        return [], []
    found: list[tuple[Path, bool]] = [(root, root.is_dir())]
    errors: list[IngestError] = []
    seen: set[tuple[int, int]] = set()
    stack = [root] if found[0][1] else []
    while stack:
        directory = stack.pop()
        try:
            info = directory.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(directory) as entries:
                children = [(Path(entry.path), _entry_is_dir(entry)) for entry in entries]
        except OSError as error:
            errors.append(IngestError(str(directory), f"cannot list the directory: {error.strerror or error}"))
            continue
        found.extend(children)
        stack.extend(path for path, is_dir in children if is_dir)
    return sorted(found), errors


def _entry_is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a symbolic-link loop or a vanished target: read_path says so
        return False


def _walk(root: Path) -> list[Path | IngestError]:
    found, errors = _tree(root)
    return [*errors, *(path for path, is_dir in found if not is_dir and path.name.endswith(ARTICLE_SUFFIXES))]


def _glob(pattern: str) -> list[Path | IngestError]:
    """The files a glob matches (``**``: any depth) and the article files under the directories it matches;
    the tree below the pattern's fixed part is listed once, each directory once."""
    parts = Path(pattern).parts
    fixed = next(i for i, part in enumerate(parts) if glob.has_magic(part))
    root = Path(*parts[:fixed]) if fixed else Path()
    found, errors = _tree(root)
    chosen: set[Path] = set()  # matched directories and the directories below them
    files: list[Path | IngestError] = []
    for path, is_dir in found:  # sorted: a directory comes before what it holds
        matched = _matches(parts[fixed:], path.relative_to(root).parts)
        if is_dir and (matched or path.parent in chosen):
            chosen.add(path)
        elif not is_dir and (matched or (path.parent in chosen and path.name.endswith(ARTICLE_SUFFIXES))):
            files.append(path)
    return [*errors, *files] if files else []


def _matches(pattern: tuple[str, ...], parts: tuple[str, ...]) -> bool:
    """Whether path ``parts`` match glob ``pattern`` parts (names starting with a dot only when asked for)."""
    if not pattern:
        return not parts
    head, rest = pattern[0], pattern[1:]
    if head == "**":
        return _matches(rest, parts) or (bool(parts) and not parts[0].startswith(".") and _matches(pattern, parts[1:]))
    hidden_ok = head.startswith(".") or not parts or not parts[0].startswith(".")
    return bool(parts) and hidden_ok and fnmatch.fnmatchcase(parts[0], head) and _matches(rest, parts[1:])


def decode(data: bytes, source: str) -> str:
    """Bytes → text: BOMs first, then strict UTF-8, then the best guess among Chinese encodings.

    Undecodable bytes raise :class:`IngestError` giving the line and byte offset.
    """
    bom = 3 if data.startswith(b"\xef\xbb\xbf") else 2 if data.startswith((b"\xff\xfe", b"\xfe\xff")) else 0
    try:
        text = _decode(data, source)
    except UnicodeDecodeError as error:
        at = bom + error.start
        where = _position(data[bom:at].decode(error.encoding, errors="replace"), at)
        raise IngestError(source, f"invalid {error.encoding.upper()} {where}: {error.reason}") from None
    if "\x00" in text:
        raise IngestError(source, f"a NUL character {_position(text[: text.index(chr(0))], None)}")
    return text


def _position(before: str, byte: int | None) -> str:
    """Where an error lies, given the text ``before`` it: its line (in a text of several lines) and byte."""
    parts = [f"line {before.count(chr(10)) + 1}"] if "\n" in before else []
    if byte is not None:
        parts.append(f"byte {byte}")
    return "at " + ", ".join(parts) if parts else "on the first line"


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le")
    if data.startswith(b"\xfe\xff"):
        return data[2:].decode("utf-16-be")
    if b"\x00" in data:
        if _looks_like_utf16(data):
            return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
        at = data.index(b"\x00")
        where = _position(data[:at].decode("utf-8", "replace"), at)
        raise IngestError(source, f"binary data (a NUL byte {where}), not an article")
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
    if not isinstance(text, str):
        raise UsageError(f"an article is page text (str) or a record (dict), not {type(text).__name__}")
    lexicon = lexicon or load_lexicon()
    article = Article(id=article_id, source=source)
    content, date_at = _read_metadata(clean_lines(text, lexicon), article)
    minor = minor_words(lexicon)
    body, column = _take_titles(content, date_at, article, (minor, lexicon))
    lines = [
        BodyLine(line.text, lang, is_headline(line.text, lang, minor, marked=line.kind == "item"), line.kind == "item")
        for line in body
        if (lang := language_of(line.text)) is not None
    ]
    if is_digest(lines, column):
        versions, article.items = split_digest(lines, article.year_reference(), lexicon.relative_dates)
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
    content: list[Line], date_at: int | None, article: Article, reading: tuple[list[re.Pattern[str]], Lexicon]
) -> tuple[list[Line], bool]:
    """Set the zh and en titles; the body lines left, and whether the title is a column name (a digest).

    Heading lines above the date line are the title (a title may break over two lines); without
    them, a first zh heading line is. Column names elsewhere are dropped, and so is the site's name (a
    line that is only a body's name) above a title.
    """
    minor, lexicon = reading
    above = content[:date_at] if date_at else []
    head = above if all(_is_heading(line.text) or is_headline(line.text, "en", minor) for line in above) else []
    rest = content[len(head) :]
    zh_head = [line for line in head if language_of(line.text) == "zh"]
    while len(zh_head) > 1 and _only_a_body(zh_head[0].text, lexicon):
        zh_head.pop(0)
    en_head = [line.text for line in head if language_of(line.text) == "en" and line.kind != "column"]
    if not zh_head and rest and rest[0].kind in ("text", "column", "item") and _is_zh_heading(rest[0].text):
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


def _only_a_body(line: str, lexicon: Lexicon) -> bool:
    """The line is a body's name and nothing else (新疆维吾尔自治区人民政府外事办公室, a site's name)."""
    return any(m.start == 0 and m.end == len(line) for m in zh_org_matches(line, lexicon))


def _is_heading(line: str) -> bool:
    return len(line) <= 60 and not line.endswith(("。", ".", "!", "?", "！", "？"))


def _is_zh_heading(line: str) -> bool:
    return language_of(line) == "zh" and _is_heading(line)


def parse_record(record: object, *, source: str, lexicon: Lexicon | None = None) -> Article:
    """A JSONL record ``{"id", "title", "date", "source", "zh", "en"}`` → Article (one language may be missing).
    With ``lexicon``, the Chinese loses the glosses and mojibake of a mirror site as a page's does."""
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
        if lang == "zh" and lexicon is not None:
            paragraphs = [without_mirror_noise(p, lexicon) for p in paragraphs]
        if any(clean_paragraph(p) for p in paragraphs):
            versions[lang] = _checked(build_version(lang, paragraphs), source)
    if not versions:
        raise IngestError(source, 'record has no text: "zh" and "en" are both missing or empty')
    date_text = record.get("date")
    try:
        date = parse_article_date(date_text) if isinstance(date_text, str) else None
    except (OverflowError, ValueError):  # a year the calendar cannot hold
        date = None
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
    """Articles in one file: one for a page, one per line for JSONL(.gz); errors yielded in place.

    Only regular files are read (a FIFO or a device is refused without blocking), at most
    :data:`_MAX_BYTES` of them, decompressed included.
    """
    source = str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    try:
        if source != str(path):
            raise IngestError(source, "the file name is not valid UTF-8; rename the file")
        with _open_regular(path, source) as handle:
            if path.name.endswith(".jsonl"):
                yield from read_jsonl_stream(handle, source, limit=_MAX_BYTES, lexicon=lexicon)
            elif path.name.endswith(".jsonl.gz"):
                with gzip.open(handle, "rb") as unpacked:
                    yield from read_jsonl_stream(unpacked, source, limit=_MAX_BYTES, lexicon=lexicon)
            else:
                yield _page(handle.read(_MAX_BYTES + 1), path, source, lexicon)
    except IngestError as error:
        yield error
    except OSError as error:
        yield IngestError(source, f"cannot read: {error.strerror or error}")


def _open_regular(path: Path, source: str) -> IO[bytes]:
    """``path`` opened for reading when it is a regular file of at most :data:`_MAX_BYTES`."""
    _check_regular(os.stat(path), source)
    handle = os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb")
    try:
        _check_regular(os.fstat(handle.fileno()), source)
    except IngestError:
        handle.close()
        raise
    return handle


def _check_regular(info: os.stat_result, source: str) -> None:
    kinds = {stat.S_ISDIR: "a directory", stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket"}
    kinds |= {stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device"}
    for test, kind in kinds.items():
        if test(info.st_mode):
            raise IngestError(source, f"{kind}, not a regular file; give article files")
    if info.st_size > _MAX_BYTES:
        raise IngestError(source, f"file larger than {_MAX_BYTES // 2**20} MiB; split it")


def _page(data: bytes, path: Path, source: str, lexicon: Lexicon | None) -> Article:
    """The article of a page file; a date the calendar cannot hold is an error naming its line."""
    if len(data) > _MAX_BYTES:
        raise IngestError(source, f"file larger than {_MAX_BYTES // 2**20} MiB; split it")
    text = decode(data, source)
    try:
        return parse_page(text, article_id=article_id_for(path), source=source, lexicon=lexicon)
    except (OverflowError, ValueError) as error:
        for number, line in enumerate(text.splitlines(), start=1):
            if _date_fails(line):
                raise IngestError(source, f"line {number}: a date out of range: {line.strip()[:80]!r}") from None
        raise IngestError(source, f"cannot read the page: {type(error).__name__}: {error}") from None


def _date_fails(line: str) -> bool:
    try:
        parse_article_date(line.strip())
        parse_article_date(re.sub(r"\s+", "", line))
    except (OverflowError, ValueError):
        return True
    return False


def _lines(handle: IO[bytes], name: str, limit: int | None) -> Iterator[tuple[int, bytes | None]]:
    """Numbered non-blank lines of a binary stream read in blocks (bounded memory); ``None`` for a line
    longer than :data:`_MAX_LINE`, which is skipped. More than ``limit`` bytes raise :class:`IngestError`."""
    read = getattr(handle, "read1", handle.read)  # what has arrived, not a full block: stdin streams
    number, total, rest, overlong = 0, 0, bytearray(), False
    while block := read(_BLOCK):
        total += len(block)
        if limit is not None and total > limit:
            raise IngestError(f"{name}:{number + 1}", f"more than {limit // 2**20} MiB (decompressed); split it")
        if not overlong and not block.strip() and not rest.strip():  # blank lines: counted, not split
            number += block.count(b"\n")
            rest = bytearray()
            continue
        rest += block
        if b"\n" in block:
            pieces = rest.split(b"\n")
            rest = pieces.pop()
            if overlong:
                number += 1
                yield number, None
                pieces, overlong = pieces[1:], False
            yield from ((number + i, bytes(piece)) for i, piece in enumerate(pieces, start=1) if piece.strip())
            number += len(pieces)
        if len(rest) > _MAX_LINE:
            rest, overlong = bytearray(), True
    if overlong or rest.strip():
        yield number + 1, None if overlong else bytes(rest)


def read_jsonl_stream(
    handle: IO[bytes], name: str, *, limit: int | None = None, lexicon: Lexicon | None = None
) -> Iterator[Item]:
    """Records of a binary JSONL stream, one article (or error naming ``name:line``) per line.

    ``limit``: the most bytes to read (a decompressed file is refused beyond it).
    """
    records = 0
    try:
        for number, raw in _lines(handle, name, limit):
            records += 1
            yield _record(raw, f"{name}:{number}", lexicon)
    except IngestError as error:
        yield error
        return
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        yield IngestError(f"{name}:{records + 1}", f"truncated or corrupt gzip data: {error}")
        return
    if not records:
        yield IngestError(name, "no JSONL records (the input is empty)")


def _record(raw: bytes | None, source: str, lexicon: Lexicon | None = None) -> Item:
    """One JSONL line → Article, or the error saying why not."""
    if raw is None:
        return IngestError(source, f"line longer than {_MAX_LINE // 2**20} MiB; not a record of one article")
    try:
        record = json.loads(decode(raw, source))
        if _SURROGATE.search(raw) and isinstance(record, dict):
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        return parse_record(record, source=source, lexicon=lexicon)
    except IngestError as error:
        return error
    except json.JSONDecodeError as error:
        return IngestError(source, f"invalid JSON: {error.msg} (column {error.colno})")
    except RecursionError:
        return IngestError(source, "JSON nested too deeply")
    except UnicodeEncodeError as error:
        return IngestError(source, f"a lone surrogate {error.object[error.start]!r} in a string: not Unicode text")
    except ValueError as error:  # an integer of more digits than Python converts
        return IngestError(source, f"invalid JSON: {str(error).split(':')[0]}")


def read_inputs(inputs: Iterable[str], lexicon: Lexicon | None = None) -> Iterator[Item]:
    """Lazily every article (or ingest error) of every input path, directory, glob, or ``-`` (JSONL on stdin)."""
    for given in input_list(inputs):
        if given == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, "<stdin>", lexicon=lexicon)
            continue
        try:
            paths = list(iter_input_paths([given]))
        except IngestError as error:
            yield error
            continue
        for path in paths:
            yield from [path] if isinstance(path, IngestError) else read_path(path, lexicon)


def input_list(inputs: object) -> list[str]:
    """The inputs of a run as path strings: one path, or an iterable of paths (str or ``os.PathLike``).

    Anything else (None, bytes, a number, a list holding one) raises :class:`UsageError`.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    if isinstance(inputs, bytes | bytearray) or not isinstance(inputs, Iterable):
        raise UsageError(f"inputs must be a path or a list of paths (str or Path), not {type(inputs).__name__}")
    given = list(inputs)
    for item in given:
        if not isinstance(item, str | os.PathLike):
            raise UsageError(f"inputs must be paths (str or Path); found {type(item).__name__} {item!r:.60}")
    return [str(os.fspath(item)) for item in given]
