"""Preset query speed at 1M triples: the embedded Oxigraph store vs rdflib's in-memory engine.

Builds a corpus from real pipeline output (the test articles run once), replicated with fresh IRIs
(every minted IRI gets a copy suffix) until it holds at least TARGET triples, bulk-loads it into an
Oxigraph store (timed), loads the same quads into an rdflib Dataset, then times every preset: median
of 5 runs on Oxigraph, of 3 on rdflib (1 when a run takes over 20 s; an rdflib run is stopped after
120 s and reported as such). Presets that list rows return
their default page (``limit`` = 1000 rows), as ``bikg query`` does.

Usage: python benchmarks/query.py [TARGET]   (default 1,000,000)
"""

from __future__ import annotations

import re
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAMS = {
    "entity": {"name": "章勇武"},
    "organization": {"name": "市政府外办"},
    "sources": {"name": "Li Ming"},
    "events": {"from": "2020-07-01", "to": "2020-09-30"},
}


def replicated_quads(target: int, work: Path) -> tuple[Path, int]:
    import pipeline

    out = pipeline.run([str(ROOT / "tests" / "data" / "articles")], work / "run", use_store=False)
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(out.files["graph.trig"], format="trig")
    lines = dataset.serialize(format="nquads").splitlines()
    minted = re.compile(r"<(https://w3id\.org/bikg/id/[^>]+)>")
    copies = -(-target // len(lines))
    path = work / "corpus.nq"
    with path.open("w", encoding="utf-8") as handle:
        for copy in range(copies):
            handle.writelines(minted.sub(rf"<\1-{copy}>", line) + "\n" for line in lines)
    return path, copies * len(lines)


RDFLIB_LIMIT_S = 120


class TooSlow(Exception):
    """An rdflib query stopped at the time limit."""


def _stop(signum: int, frame: object) -> None:
    raise TooSlow


def timed(function, runs: int, limit_s: float | None = None) -> float:  # type: ignore[no-untyped-def]
    """Median seconds of ``runs`` calls (one when a call takes over 20 s); inf when one passes ``limit_s``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        if limit_s:
            signal.signal(signal.SIGALRM, _stop)
            signal.setitimer(signal.ITIMER_REAL, limit_s)
        try:
            function()
        except TooSlow:
            return float("inf")
        finally:
            if limit_s:
                signal.setitimer(signal.ITIMER_REAL, 0)
        times.append(time.perf_counter() - started)
        if times[-1] > 20:
            break
    return statistics.median(times)


def main() -> None:
    import pyoxigraph
    from rdflib import Dataset

    from pipeline.access.query import PREFIXES, bind, presets

    target = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        quads, count = replicated_quads(target, work)
        started = time.perf_counter()
        store = pyoxigraph.Store(str(work / "store"))
        store.bulk_load(path=str(quads), format=pyoxigraph.RdfFormat.N_QUADS)
        store.optimize()
        load_oxigraph = time.perf_counter() - started
        started = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(quads, format="nquads")
        load_rdflib = time.perf_counter() - started
        print(f"triples: {count:,}; load: Oxigraph {load_oxigraph:.1f} s, rdflib {load_rdflib:.1f} s")
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        print(f"{'preset':18}{'rows':>8}{'Oxigraph ms':>14}{'rdflib ms':>12}{'ratio':>8}")
        for name, preset in presets().items():
            params = {k: v for k, v in preset.params.items() if v is not None} | PARAMS.get(name, {})
            text = bind(preset.text, params, preset.labels, preset.integers)
            rows = len(list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)))
            ox = timed(lambda text=text: list(store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)), 5)
            rd = timed(lambda text=text: list(dataset.query(prologue + text)), 3, RDFLIB_LIMIT_S)
            if rd == float("inf"):
                print(
                    f"{name:18}{rows:>8}{ox * 1000:>14.1f}{'>' + str(RDFLIB_LIMIT_S * 1000):>12}"
                    f"{'>' + format(RDFLIB_LIMIT_S / ox, '.0f'):>8}x",
                    flush=True,
                )
            else:
                print(f"{name:18}{rows:>8}{ox * 1000:>14.1f}{rd * 1000:>12.0f}{rd / ox:>8.0f}x", flush=True)


if __name__ == "__main__":
    main()
