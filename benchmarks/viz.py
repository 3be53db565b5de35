"""HTML view at scale: time to generate the page for N nodes, and until it is interactive in Chromium.

The view is synthetic but shaped like real output (persons, bodies, places and events, each event with
a few participants, memberships between persons and bodies, zh and en labels, source sentences).

Usage: python benchmarks/viz.py [N]   (default 5000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from pipeline.viz.render import Edge, Node, View, chromium_launch_options, render_html


def synthetic_view(count: int, seed: int = 7) -> View:
    rng = random.Random(seed)
    kinds = ["Person"] * 4 + ["Organization"] * 3 + ["Place"] + ["Event"] * 2
    nodes = []
    for index in range(count):
        kind = rng.choice(kinds)
        nodes.append(
            Node(
                f"urn:n{index}",
                kind,
                f"实体{index}",
                f"Entity {index}",
                sources=[{"sentence": f"第{index}句。Sentence {index}.", "article": "文章"}],
            )
        )
    by_kind: dict[str, list[Node]] = {}
    for node in nodes:
        by_kind.setdefault(node.type, []).append(node)
    edges = []
    for person in by_kind["Person"]:
        organization = rng.choice(by_kind["Organization"])
        edges.append(Edge(person.id, organization.id, "membership", "主任", "director-general", 0.9))
    for event in by_kind["Event"]:
        for person in rng.sample(by_kind["Person"], 3):
            edges.append(Edge(person.id, event.id, "attendee", "出席", "attendee", 0.7, sentences=["句子。"]))
        edges.append(Edge(event.id, rng.choice(by_kind["Place"]).id, "location", "地点", "location", 0.7))
    return View(nodes, edges, len(nodes), len(edges))


def main() -> None:
    from playwright.sync_api import sync_playwright

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    view = synthetic_view(count)
    started = time.perf_counter()
    html = render_html(view)
    generated = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as directory:
        page_path = Path(directory) / "graph.html"
        page_path.write_text(html, encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(page_path.as_uri())
            page.wait_for_function("window.bikgReady === true", timeout=120000)
            page.fill("#search", f"Entity {count // 2}")
            page.click("#go")
            interactive = time.perf_counter() - started
            selected = page.evaluate("window.bikgNetwork.getSelectedNodes()")
            browser.close()
    print(f"nodes: {count}, edges: {len(view.edges)}, page: {len(html) / 2**20:.1f} MiB")
    print(
        f"generate HTML: {generated:.2f} s; interactive in Chromium (loaded, laid out, search answered): "
        f"{interactive:.2f} s; search found {selected}"
    )


if __name__ == "__main__":
    main()
