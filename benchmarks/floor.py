"""bikg against the batched raw-model floor: overhead at each corpus size, 1 vs 2 workers, cold start.

Every measurement runs in a fresh process. The floor is the default Chinese backend over every Chinese
sentence in batches of 64 and spaCy ``nlp.pipe`` over every English paragraph, models loaded first and
not timed (benchmarks/baseline.py ``raw_models``). ``bikg run --workers 1`` is timed from the start of
the process and its model loading (measured in the same process) is left out for the overhead ratio;
the 2-worker run is timed whole. Cold start: one seed article with the default command, against
importing and loading the same models in a bare process.

Usage: python benchmarks/floor.py [SIZE ...]   (default 60 300)
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

_RUN = """
import json, resource, sys, time
started = time.perf_counter()
import pipeline
from pathlib import Path
from pipeline.stages.article import build_pipeline
corpus, out, workers = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
load = 0.0
if workers == 1:
    build_pipeline()
    load = time.perf_counter() - started
pipeline.run([corpus], out, workers=workers, use_store=False)
usage = resource.getrusage
print(json.dumps({"seconds": time.perf_counter() - started, "load": load,
                  "main_mb": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_mb": usage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""

_LOAD = """
import time
started = time.perf_counter()
from pipeline.stages.article import build_pipeline
build_pipeline()
print(time.perf_counter() - started)
"""


def _python(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT)
    return done.stdout.strip().splitlines()[-1]


def floor(corpus: Path) -> float:
    code = (
        f"import json, sys; sys.path.insert(0, {str(HERE)!r}); import baseline; "
        f"print(json.dumps(baseline.raw_models({str(corpus)!r})))"
    )
    return json.loads(_python(code))["seconds"]


def run(corpus: Path, out: Path, workers: int) -> dict[str, float]:
    return json.loads(_python(_RUN, str(corpus), str(out), str(workers)))


def cold_start(work: Path) -> tuple[float, float]:
    """Seconds for one seed article with the default command, and for loading the models in a bare process."""
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline.cli",
            "run",
            str(ROOT / "tests/data/articles/000_08a97c52deef5f3b.txt"),
            "--out",
            str(work / "cold"),
            "-q",
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return time.perf_counter() - started, float(_python(_LOAD))


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [60, 300]
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    print(
        f"{'articles':>9}{'floor s':>9}{'1 worker s':>12}{'load s':>8}{'overhead':>10}{'2 workers s':>13}"
        f"{'scaling':>9}{'main MB':>9}{'worker MB':>11}"
    )
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for size in sizes:
            corpus = work / f"corpus{size}"
            write_corpus(corpus, size, seed=7)
            raw = floor(corpus)
            one = run(corpus, work / f"one{size}", 1)
            two = run(corpus, work / f"two{size}", 2)
            overhead = (one["seconds"] - one["load"]) / raw
            print(
                f"{size:>9}{raw:>9.2f}{one['seconds']:>12.2f}{one['load']:>8.2f}{overhead:>10.2f}"
                f"{two['seconds']:>13.2f}{one['seconds'] / two['seconds']:>9.2f}{one['main_mb']:>9.0f}"
                f"{two['worker_mb']:>11.0f}"
            )
        cold, load = cold_start(work)
    print(
        f"cold start, one seed article: {cold:.2f} s; loading the same models in a bare process: {load:.2f} s "
        f"(ratio {cold / load:.2f})"
    )


if __name__ == "__main__":
    main()
