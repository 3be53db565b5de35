"""Compiled data kept between processes: reused under the same key, rebuilt under another, never trusted damaged."""

from __future__ import annotations

import logging

from pipeline.lexicon.resources import load_lexicon
from pipeline.provenance import build_key, compiled


def test_compiled_data_is_reused_rebuilt_and_replaced(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("BIKG_CACHE", str(tmp_path))
    builds: list[str] = []

    def build(value: str) -> dict[str, str]:
        builds.append(value)
        return {"value": value}

    first = build_key([b"rules v1"])
    assert compiled("words", first, lambda: build("v1")) == {"value": "v1"}
    assert compiled("words", first, lambda: build("again")) == {"value": "v1"}
    assert builds == ["v1"]

    second = build_key([b"rules v2"])
    assert second != first
    assert compiled("words", second, lambda: build("v2")) == {"value": "v2"}
    assert [p.name for p in (tmp_path / "compiled").iterdir()] == [f"words-{second}.pickle"]

    (tmp_path / "compiled" / f"words-{second}.pickle").write_bytes(b"\x80\x05damaged")
    with caplog.at_level(logging.WARNING, logger="bikg"):
        assert compiled("words", second, lambda: build("v2 rebuilt")) == {"value": "v2 rebuilt"}
    assert "unreadable" in caplog.text


def test_a_kept_lexicon_equals_a_fresh_one(tmp_path, monkeypatch):
    monkeypatch.setenv("BIKG_CACHE", str(tmp_path))
    load_lexicon.cache_clear()
    try:
        built = load_lexicon()
        load_lexicon.cache_clear()
        kept = load_lexicon()
    finally:
        load_lexicon.cache_clear()
    assert kept is not built and any((tmp_path / "compiled").glob("lexicon-*.pickle"))
    assert kept.places.keys() == built.places.keys() and kept.roles == built.roles
    assert kept.pattern("en-honorific").pattern == built.pattern("en-honorific").pattern
