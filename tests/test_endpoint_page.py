"""The query page of `bikg serve` in headless Chromium: every preset from the page, downloads, shared
URLs, entity pages."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.access.query import presets
from pipeline.viz.render import chromium_launch_options
from tests.test_endpoint import Server, start_serve

pytestmark = pytest.mark.model


ARTIFACTS = Path(__file__).parent / "artifacts"
PARAMS = {
    "organization": {"name": "市政府外办"},
    "entity": {"name": "zhang yongwu"},
    "sources": {"name": "章勇武"},
    "career": {"name": "章勇武"},
    "post-holders": {"body": "市政府外办", "post": "主任"},
}


@pytest.fixture(scope="module")
def server(seed_run) -> Iterator[Server]:
    started = start_serve(seed_run.files["graph.ttl"].parent, "--timeout", "5")
    yield started
    started.process.terminate()
    started.process.wait(timeout=20)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    options = chromium_launch_options()
    if not Path(options["executable_path"]).exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**options)
        context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})
        yield context.new_page()
        browser.close()


def run_from_page(page, preset: str) -> int:
    """Pick ``preset``, fill its name parameters, press Run; the number of rows shown."""
    page.select_option("#preset", preset)
    for name, value in PARAMS.get(preset, {}).items():
        page.fill(f'input[data-param="{name}"]', value)
    page.evaluate("document.getElementById('status').textContent = ''")
    page.click("#run")
    page.wait_for_function(
        "document.getElementById('status').textContent.includes('row(s)') || "
        "document.getElementById('status').className === 'error'"
    )
    status = page.inner_text("#status")
    assert "row(s)" in status, f"{preset}: {status}"
    return page.locator("#results tbody tr").count()


def test_every_preset_runs_from_the_page(page, server):
    page.goto(server.url + "/")
    for name in presets():
        assert run_from_page(page, name) > 0, name
    assert page.get_attribute('input[data-param="limit"]', "type") == "number"
    run_from_page(page, "people")
    page.screenshot(path=str(ARTIFACTS / "query-page.png"), full_page=False)


def test_dates_and_numbers_are_typed(page, server):
    page.goto(server.url + "/")
    page.select_option("#preset", "events")
    assert page.get_attribute('input[data-param="from"]', "type") == "date"
    page.fill('input[data-param="from"]', "2020-06-01")
    page.fill('input[data-param="to"]', "2020-06-30")
    page.fill('input[data-param="limit"]', "2")
    page.evaluate("document.getElementById('status').textContent = ''")
    page.click("#run")
    page.wait_for_function("document.getElementById('status').textContent.includes('row(s)')")
    assert page.locator("#results tbody tr").count() == 2


def test_downloads_and_shared_url(page, server):
    page.goto(server.url + "/")
    run_from_page(page, "entity")
    with page.expect_download() as csv_download:
        page.click("#csv")
    csv_text = Path(csv_download.value.path()).read_text(encoding="utf-8")
    assert csv_text.startswith("entity_zh,entity_en,fact") and "章勇武" in csv_text
    with page.expect_download() as json_download:
        page.click("#json")
    data = json.loads(Path(json_download.value.path()).read_text(encoding="utf-8"))
    assert data["head"]["vars"][:3] == ["entity_zh", "entity_en", "fact"]
    shared = page.get_attribute("#share", "href")
    assert "preset=entity" in shared and "name=zhang" in shared
    page.goto(server.url + "/" + shared)
    page.wait_for_function("document.getElementById('status').textContent.includes('row(s)')")
    assert page.locator("#results tbody tr").count() == len(data["results"]["bindings"])
    query = urllib.parse.quote("SELECT ?l WHERE { ?p a schema:Person ; rdfs:label ?l } ORDER BY ?l")
    page.goto(server.url + "/?query=" + query)
    page.wait_for_function("document.getElementById('status').textContent.includes('row(s)')")
    assert "Zhang Yongwu" in page.inner_text("#results")


def test_entity_page_from_a_result_link(page, server):
    page.goto(server.url + "/")
    run_from_page(page, "entity")
    link = page.locator("#results a", has_text="/person/").first
    link.click()
    page.wait_for_url("**/entity?iri=*")
    page.wait_for_function(
        "document.querySelectorAll('#entity-view h2').length === 5 && "
        "!document.getElementById('entity-view').textContent.includes('running')"
    )
    page.wait_for_selector("#entity-view table >> nth=4")
    text = page.inner_text("#entity-view")
    assert page.inner_text("#title") == "章勇武 · Zhang Yongwu"
    for expected in (
        "Posts",
        "secretary of the Party Group",
        "Events",
        "2020-06-01",
        "Co-participants",
        "Sources",
        "主持会议并讲话",
        "2020-08-04",
    ):
        assert expected in text, expected
    page.screenshot(path=str(ARTIFACTS / "entity-page.png"), full_page=True)
