"""A corpus generator for benchmarks: realistic articles varied from the test articles.

Names come from lists of surnames and given names with their pinyin (so zh and en versions agree),
offices from the gazetteer's cities and provinces, dates spread over two years; one article in ten is
long (50+ paragraphs). Deterministic from the seed.

Usage: python benchmarks/corpus.py DIR COUNT [SEED]
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
SURNAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "黄",
    "赵",
    "吴",
    "周",
    "徐",
    "孙",
    "马",
    "朱",
    "胡",
    "郭",
    "何",
    "林",
    "罗",
    "高",
]
GIVEN = [
    "建国",
    "晓明",
    "海燕",
    "志强",
    "丽华",
    "国华",
    "明辉",
    "春梅",
    "文斌",
    "玉兰",
    "立新",
    "红霞",
    "振宇",
    "晓东",
    "雪梅",
    "永刚",
    "佳怡",
    "子涵",
    "浩然",
    "思远",
]
# The template people and places that get replaced (zh, en).
TEMPLATE_PEOPLE = [
    ("章勇武", "Zhang Yongwu"),
    ("李明", "Li Ming"),
    ("王军", "Wang Jun"),
    ("张伟", "Zhang Wei"),
    ("王强", "Wang Qiang"),
]
TEMPLATE_CITIES = [("成都", "Chengdu")]


def _pinyin_name(name: str) -> str:
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name)
    return syllables[0].capitalize() + " " + "".join(syllables[1:]).capitalize()


def _cities() -> list[tuple[str, str]]:
    from pipeline.lexicon.resources import load_lexicon

    places = load_lexicon().places.values()
    return sorted((p.zh_forms[1] if len(p.zh_forms) > 1 else p.zh, p.en) for p in places if p.level == "city")


def _vary(text: str, rng: random.Random, cities: list[tuple[str, str]]) -> str:
    for zh, en in TEMPLATE_PEOPLE:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        text = text.replace(zh, name).replace(en, _pinyin_name(name))
    for zh, en in TEMPLATE_CITIES:
        city_zh, city_en = rng.choice(cities)
        text = text.replace(zh, city_zh).replace(en, city_en)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    year = rng.choice([2019, 2020, 2021])
    for old_month, old_day in ((6, 1), (9, 15), (11, 3), (7, 2)):
        text = text.replace(f"{old_month}月{old_day}日", f"{month}月{day}日")
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    for phrase in ("June 1st", "September 15", "November 3", "July 2"):
        text = text.replace(phrase, f"{months[month - 1]} {day}")
    for old in ("2020-08-04", "2020-09-20", "2020-11-10", "2020-07-15"):
        text = text.replace(old, f"{year}-{month:02d}-{min(day + 5, 28):02d}")
    return text


def _lengthen(text: str, rng: random.Random) -> str:
    """A long article: its body paragraphs repeated, in varied order, to 50+ paragraphs."""
    lines = text.split("\n")
    body = [line for line in lines if len(line) > 40]
    extra = [rng.choice(body) for _ in range(50)] if body else []
    return "\n".join([*lines, "", *extra])


def write_corpus(directory: Path, count: int, *, seed: int = 7) -> int:
    """Write ``count`` page articles into ``directory``; return their total characters."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    templates = [p.read_text(encoding="utf-8") for p in TEMPLATES]
    cities = _cities()
    total = 0
    for index in range(count):
        text = _vary(rng.choice(templates), rng, cities)
        if index % 10 == 9:
            text = _lengthen(text, rng)
        (directory / f"{index:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text)
    return total


if __name__ == "__main__":
    count = int(sys.argv[2])
    chars = write_corpus(Path(sys.argv[1]), count, seed=int(sys.argv[3]) if len(sys.argv) > 3 else 7)
    print(json.dumps({"articles": count, "characters": chars}))
