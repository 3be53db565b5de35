"""Peak memory of the main process and of the workers on a large corpus, the default output (store on).

The main process keeps entity-level state and streams articles, so its peak should follow the number
of distinct entities, not of articles; the workers hold the models. The corpus comes from
benchmarks/corpus.py (seed 7); the run is fresh, with two local workers.

Usage: python benchmarks/memory.py [ARTICLES]   (default 10000; about 5.5 minutes on two cores)
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    import pipeline

    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        write_corpus(work / "corpus", count, seed=7)
        started = time.perf_counter()
        result = pipeline.run([str(work / "corpus")], work / "out", workers=2, fresh=True)
        seconds = time.perf_counter() - started
    for child in multiprocessing.active_children():  # workers end on their own after the run: reap them for rusage
        child.join()
    figures = {
        "articles": count,
        "ok": sum(report.status == "ok" for report in result.reports),
        "seconds": round(seconds, 1),
        "articles_per_s": round(count / seconds, 1),
        "main_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "worker_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
