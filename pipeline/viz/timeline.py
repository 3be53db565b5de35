"""The timeline view: who held which post when (bars) and what they did in it (points), offline HTML.

Posts come from the resolved memberships (stated start and end dates, else the first and last
attestation); events are the dated events a person took part in. The page is self-contained, like
the graph view: data inline, no request.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from pipeline.access.query import open_data, run_query
from pipeline.viz.render import VizError, html_escape, script_safe

_POSTS = """
SELECT ?person ?person_zh ?person_en ?post_zh ?post_en ?body_zh ?body_en ?start ?end ?first ?last WHERE {
  ?m a org:Membership ; org:member ?person ; org:role ?role ; org:organization ?body .
  OPTIONAL { ?m schema:startDate ?start } OPTIONAL { ?m schema:endDate ?end }
  OPTIONAL { ?m bikg:firstAttested ?first } OPTIONAL { ?m bikg:lastAttested ?last }
  OPTIONAL { ?person rdfs:label ?person_zh FILTER(lang(?person_zh) = "zh") }
  OPTIONAL { ?person rdfs:label ?person_en FILTER(lang(?person_en) = "en") }
  OPTIONAL { ?role rdfs:label ?post_zh FILTER(lang(?post_zh) = "zh") }
  OPTIONAL { ?role rdfs:label ?post_en FILTER(lang(?post_en) = "en") }
  OPTIONAL { ?body rdfs:label ?body_zh FILTER(lang(?body_zh) = "zh") }
  OPTIONAL { ?body rdfs:label ?body_en FILTER(lang(?body_en) = "en") }
}"""

_EVENTS = """
SELECT ?person ?date ?event_zh ?event_en ?property WHERE {
  ?event a schema:Event ; schema:startDate ?date ; ?property ?person .
  ?person a schema:Person .
  VALUES ?property { schema:organizer bikg:chair bikg:speaker bikg:leader bikg:host bikg:guest schema:attendee }
  OPTIONAL { ?event rdfs:label ?event_zh FILTER(lang(?event_zh) = "zh") }
  OPTIONAL { ?event rdfs:label ?event_en FILTER(lang(?event_en) = "en") }
}"""


@dataclass(slots=True)
class Row:
    """One person's line: posts as bars, events as points."""

    person: str
    zh: str
    en: str
    posts: list[dict[str, str]] = field(default_factory=list)
    events: list[dict[str, str]] = field(default_factory=list)


def build_timeline(data: Path, *, focus: str | None = None) -> list[Row]:
    """The people with dated posts (only the one named ``focus`` when given), earliest first."""
    with open_data(data) as store:
        posts, events = run_query(store, _POSTS).values(), run_query(store, _EVENTS).values()
    rows: dict[str, Row] = {}
    for person, pzh, pen, post_zh, post_en, body_zh, body_en, start, end, first, last in posts:
        begin, until = start or first, end or last
        if begin:
            row = rows.setdefault(person, Row(person, pzh or "", pen or ""))
            en = ", ".join(x for x in (post_en, body_en) if x)
            stated = "yes" if start or end else ""
            zh = f"{body_zh or ''}{post_zh or ''}"
            row.posts.append({"zh": zh, "en": en, "from": begin, "until": until or begin, "stated": stated})
    for person, date, event_zh, event_en, prop in events:
        if person in rows:
            role = prop.rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            rows[person].events.append({"date": date, "zh": event_zh or "", "en": event_en or "", "as": role})
    chosen = [r for r in rows.values() if focus is None or focus in (r.zh, r.en)]
    if focus is not None and not chosen:
        known = ", ".join(sorted(r.zh or r.en for r in rows.values())[:20]) or "none"
        raise VizError(f"no person named {focus!r} holds a dated post; people with posts: {known}")
    for row in chosen:
        row.posts.sort(key=lambda p: (p["from"], p["until"]))
        row.events.sort(key=lambda e: e["date"])
    return sorted(chosen, key=lambda r: (r.posts[0]["from"], r.zh or r.en))


def render_timeline(rows: list[Row], *, lang: str = "both", title: str = "bikg timeline") -> str:
    """A self-contained timeline page: every script and style inline, no network request."""
    template = resources.files("pipeline.viz").joinpath("static/timeline.html").read_text(encoding="utf-8")
    data = {"rows": [asdict(r) for r in rows], "lang": lang}
    return template.replace("/*TITLE*/", html_escape(title)).replace("/*DATA*/null", script_safe(data))
