"""bikg against the batched raw-model floor: overhead at each corpus size, scaling over cores, cold start.

Every measurement runs in a fresh process. The floor is the default Chinese backend over every Chinese
sentence in batches of 64 and spaCy ``nlp.pipe`` over every English paragraph, models loaded first and
not timed (benchmarks/baseline.py ``raw_models``). ``bikg run --workers 1`` is timed from the start of
the process and its model loading (measured in the same process) is left out for the overhead ratio.
Scaling: one worker confined to one core (CPU affinity, so it runs its models in one thread), the default
one worker (which runs its models in a second thread when a second core is free) and 2 workers, each
timed whole; per extra article is the difference between the smallest and the largest size, so loading
cancels out. Cold start: one seed article with the default command, against importing and loading the
same models in a bare process.

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
import json, os, resource, sys, time
if sys.argv[4] == "1":
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
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
seconds = time.perf_counter() - started
import multiprocessing
for child in multiprocessing.active_children():  # workers end on their own after the run: reap them for rusage
    child.join()
usage = resource.getrusage
print(json.dumps({"seconds": seconds, "load": load,
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


def run(corpus: Path, out: Path, workers: int, one_core: bool = False) -> dict[str, float]:
    return json.loads(_python(_RUN, str(corpus), str(out), str(workers), "1" if one_core else "0"))


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
    sizes = sorted(int(a) for a in sys.argv[1:]) or [60, 300]
    sys.path.insert(0, str(HERE))
    from corpus import write_corpus

    print(
        f"{'articles':>9}{'floor s':>9}{'1 worker s':>12}{'load s':>8}{'overhead':>10}{'1 core s':>10}"
        f"{'2 workers s':>13}{'vs 1 core':>11}{'vs 1 worker':>13}{'main MB':>9}{'worker MB':>11}"
    )
    seconds: dict[int, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        for size in sizes:
            corpus = work / f"corpus{size}"
            write_corpus(corpus, size, seed=7)
            raw = floor(corpus)
            one = run(corpus, work / f"one{size}", 1)
            core = run(corpus, work / f"core{size}", 1, one_core=True)
            two = run(corpus, work / f"two{size}", 2)
            seconds[size] = (core["seconds"], one["seconds"], two["seconds"])
            overhead = (one["seconds"] - one["load"]) / raw
            print(
                f"{size:>9}{raw:>9.2f}{one['seconds']:>12.2f}{one['load']:>8.2f}{overhead:>10.2f}"
                f"{core['seconds']:>10.2f}{two['seconds']:>13.2f}{core['seconds'] / two['seconds']:>11.2f}"
                f"{one['seconds'] / two['seconds']:>13.2f}{one['main_mb']:>9.0f}{two['worker_mb']:>11.0f}"
            )
        cold, load = cold_start(work)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        core, one, two = (1000 * (b - a) / (large - small) for a, b in zip(seconds[small], seconds[large], strict=True))
        print(
            f"per extra article ({small} → {large}): 1 core {core:.1f} ms, 1 worker {one:.1f} ms, "
            f"2 workers {two:.1f} ms (2 workers vs 1 core {core / two:.2f}×, vs 1 worker {one / two:.2f}×)"
        )
    print(
        f"cold start, one seed article: {cold:.2f} s; loading the same models in a bare process: {load:.2f} s "
        f"(ratio {cold / load:.2f})"
    )


if __name__ == "__main__":
    main()
