"""Baseline speed: articles/s and peak RSS of ``bikg run`` vs the raw models (Chinese NER + spaCy) alone.

Builds a corpus of N varied articles from the test articles (names, dates and offices varied,
deterministic from a seed), then measures, each in a fresh process:
  1. the raw models: the default Chinese backend (LAC + HanLP NER) over every Chinese sentence and
     spaCy ``nlp.pipe`` over every English paragraph;
  2. the full pipeline (``pipeline.run``) over the same articles, outputs written.

Usage: python benchmarks/baseline.py [N]   (default 200)
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
]
GIVEN = [("建国", "Jianguo"), ("晓明", "Xiaoming"), ("海燕", "Haiyan"), ("志强", "Zhiqiang"), ("丽华", "Lihua")]
CITIES = [("重庆", "Chongqing"), ("成都", "Chengdu"), ("西安", "Xi'an"), ("武汉", "Wuhan"), ("贵阳", "Guiyang")]


def make_corpus(directory: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles varied from the test articles; return their total characters."""
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in SOURCES]
    chars = 0
    for index in range(count):
        text = rng.choice(texts)
        (zh_s, en_s), (zh_g, en_g) = rng.choice(SURNAMES), rng.choice(GIVEN)
        for old_zh, old_en in (("章勇武", "Zhang Yongwu"), ("李明", "Li Ming"), ("王军", "Wang Jun")):
            text = text.replace(old_zh, zh_s + zh_g).replace(old_en, f"{en_s} {en_g}")
        zh_city, en_city = rng.choice(CITIES)
        text = text.replace("成都", zh_city).replace("Chengdu", en_city)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        text = text.replace("6月1日", f"{month}月{day}日")
        repeat = rng.choice([1, 1, 2, 4])
        if repeat > 1:
            head, _, tail = text.partition("\n\n")
            text = head + "\n\n" + "\n\n".join([tail] * repeat)
        path = directory / f"{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def raw_models(directory: str) -> dict[str, float]:
    """The batched raw-model floor (what the pipeline cannot be faster than): the default Chinese backend's
    ``tag`` (LAC, and HanLP's NER when it is the default) over every Chinese sentence of the corpus in
    batches of 64, and spaCy ``nlp.pipe`` over every English paragraph; models loaded first."""
    from pipeline.ingest.normalise import analysis_text
    from pipeline.ingest.read import read_inputs
    from pipeline.ner.backends import DEFAULT_ZH_NER, zh_backend
    from pipeline.nlp.en import english_nlp
    from pipeline.nlp.zh import split_sentences

    articles = [a for a in read_inputs([directory]) if not isinstance(a, Exception)]
    tagger, nlp = zh_backend(DEFAULT_ZH_NER), english_nlp()
    sentences, paragraphs = [], []
    for article in articles:
        if "zh" in article.versions:
            version = article.versions["zh"]
            version.analysis = analysis_text(version)
            sentences += [version.analysis[s:e] for s, e in split_sentences(version)]
        if "en" in article.versions:
            version = article.versions["en"]
            paragraphs += [version.text[s:e] for s, e in version.paragraphs]
    started = time.perf_counter()
    for start in range(0, len(sentences), 64):
        tagger.tag(sentences[start : start + 64])
    list(nlp.pipe(paragraphs, batch_size=64))
    return {"seconds": time.perf_counter() - started, "articles": len(articles)}


def full_pipeline(directory: str) -> dict[str, float]:
    """The whole run, split into the per-article stages and the corpus-level resolve + write."""
    from pipeline.batch.executors import Failure, RunConfig, run_serial
    from pipeline.graph.nx import to_networkx
    from pipeline.graph.rdf import to_quads
    from pipeline.graph.write import write_outputs, write_trig
    from pipeline.ingest.read import read_inputs
    from pipeline.linking.resolve import resolve
    from pipeline.stages import DEFAULT_ORDER
    from pipeline.stages.article import build_pipeline

    build_pipeline()
    started = time.perf_counter()
    articles = (a for a in read_inputs([directory]) if not isinstance(a, Exception))
    outcomes = list(run_serial(articles, RunConfig(DEFAULT_ORDER)))
    extractions = [outcome.extraction for _, outcome in outcomes if not isinstance(outcome, Failure)]
    extracted = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        corpus = resolve(extractions)
        write_trig(Path(out), to_quads(corpus, extractions), base=corpus.base)
        write_outputs(Path(out), to_networkx(corpus), {}, base=corpus.base)
    finished = time.perf_counter()
    return {
        "seconds": finished - started,
        "extract_seconds": extracted - started,
        "write_seconds": finished - extracted,
        "articles": len(outcomes),
    }


def measure(kind: str, directory: str) -> dict[str, float]:
    """Run one measurement in a fresh process, adding its peak RSS."""
    code = (
        f"import json, resource, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r});"
        f"import baseline; r = baseline.{kind}({directory!r});"
        "r['peak_rss_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; print(json.dumps(r))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as directory:
        chars = make_corpus(Path(directory), count)
        raw = measure("raw_models", directory)
        full = measure("full_pipeline", directory)
    print(f"articles: {count}, characters: {chars}")
    print(f"{'':16}{'seconds':>10}{'articles/s':>12}{'chars/s':>12}{'peak RSS MB':>14}")
    for name, r in (("raw models", raw), ("bikg run", full)):
        print(
            f"{name:16}{r['seconds']:>10.2f}{count / r['seconds']:>12.1f}{chars / r['seconds']:>12.0f}"
            f"{r['peak_rss_mb']:>14.0f}"
        )
    print(
        f"  of which per-article stages {full['extract_seconds']:.2f} s, resolve + RDF/NetworkX + write "
        f"{full['write_seconds']:.2f} s"
    )
    print(
        f"overhead ratio (whole run / raw models): {full['seconds'] / raw['seconds']:.2f}; "
        f"per-article stages / raw models: {full['extract_seconds'] / raw['seconds']:.2f}"
    )


if __name__ == "__main__":
    main()
