"""Batch figures on this machine: throughput for 1 and 2 workers, overhead against the raw models,
peak memory at 1,000 and 10,000 articles, and an unchanged rerun against the first run.

Each measurement runs in a fresh process (so peak RSS is its own): the main process's peak RSS and
the largest worker's are reported apart. Run times are wall clock from the start of the run, model
loading included (in the process for 1 worker, in each spawned worker for 2); the overhead ratio
leaves the 1-worker run's model loading out, as the raw-model time does. The corpus comes from benchmarks/corpus.py.

Usage: python benchmarks/batch.py [SMALL] [LARGE]   (default 1000 10000)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

_MEASURE = """
import json, resource, sys, time
sys.path.insert(0, {here!r})
kind, corpus, out, workers = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
started = time.perf_counter()
if kind == "raw":
    import baseline
    result = baseline.raw_models(corpus)
    seconds = result["seconds"]
else:
    import pipeline
    from pipeline.stages.article import build_pipeline
    load_seconds = 0.0
    if workers == 1:
        build_pipeline()
        load_seconds = time.perf_counter() - started
    run = pipeline.run([corpus], __import__("pathlib").Path(out), workers=workers)
    seconds = time.perf_counter() - started
    statuses = [r.status for r in run.reports]
    result = {{"ok": statuses.count("ok"), "unchanged": statuses.count("unchanged"), "up_to_date": run.up_to_date,
               "load_seconds": load_seconds}}
usage = resource.getrusage
result.update(seconds=seconds, main_rss_mb=usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              worker_rss_mb=usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(json.dumps(result))
"""


def measure(kind: str, corpus: Path, out: Path, workers: int) -> dict[str, float]:
    code = _MEASURE.format(here=str(HERE))
    done = subprocess.run(
        [sys.executable, "-c", code, kind, str(corpus), str(out), str(workers)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    small = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    large = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        chars = write_corpus(work / "small", small, seed=1)
        raw = measure("raw", work / "small", work / "unused", 1)
        one = measure("run", work / "small", work / "out1", 1)
        two = measure("run", work / "small", work / "out2", 2)
        rerun = measure("run", work / "small", work / "out2", 2)
        write_corpus(work / "large", large, seed=2)
        big = measure("run", work / "large", work / "out3", 2)
    extract = one["seconds"] - one["load_seconds"]
    print(f"corpus: {small} articles, {chars:,} characters (and {large} for the memory row)")
    print(f"{'':34}{'seconds':>9}{'articles/s':>12}{'chars/s':>10}{'main RSS MB':>13}{'worker RSS MB':>15}")
    for name, row, count in (
        ("raw models (zh NER + spaCy)", raw, small),
        ("bikg run, 1 worker", one, small),
        ("bikg run, 2 workers", two, small),
        ("unchanged rerun, 2 workers", rerun, small),
        (f"bikg run, 2 workers, {large} articles", big, large),
    ):
        print(
            f"{name:34}{row['seconds']:>9.1f}{count / row['seconds']:>12.1f}"
            f"{(chars if count == small else float('nan')) / row['seconds']:>10.0f}"
            f"{row['main_rss_mb']:>13.0f}{row['worker_rss_mb']:>15.0f}"
        )
    print(f"model loading (1 worker, in the process): {one['load_seconds']:.1f} s")
    print(f"overhead (1 worker without model loading / raw models): {extract / raw['seconds']:.2f}")
    print(f"scaling 1 → 2 workers (wall clock, model loading included in both): {one['seconds'] / two['seconds']:.2f}x")
    print(
        f"unchanged rerun: {two['seconds'] / rerun['seconds']:.1f}x faster than the first run "
        f"(unchanged {rerun['unchanged']}, up to date: {rerun['up_to_date']})"
    )
    print(
        f"peak worker RSS {small} → {large} articles: {two['worker_rss_mb']:.0f} → {big['worker_rss_mb']:.0f} MB; "
        f"main process {two['main_rss_mb']:.0f} → {big['main_rss_mb']:.0f} MB"
    )


if __name__ == "__main__":
    main()
