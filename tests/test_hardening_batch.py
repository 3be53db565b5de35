"""Hardened batches: no input file aborts or hangs a run, a damaged output directory repairs itself,
two runs never write one output directory at once, and workers end with their parent."""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import pipeline
from pipeline.access.store import open_store
from pipeline.batch.manifest import CACHE_DIR, MANIFEST, lock_directory
from pipeline.errors import OutputDirError, OutputLockedError, UsageError
from pipeline.graph.write import OUTPUT_FILES
from pipeline.ingest.read import iter_input_paths
from tests.conftest import ARTICLES

pytestmark = pytest.mark.model


GRAPH_FILES = [name for name in OUTPUT_FILES if name != "report.json"]
RUN_TIMEOUT = 600  # seconds: a hang fails the test instead of blocking the suite
PAGE = "中国外交部长王毅会见美国国务卿。\n双方就中美关系交换了意见。\n"


def copy_articles(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in ARTICLES.iterdir():
        if path.is_file() and not path.name.startswith("__"):
            shutil.copy(path, target / path.name)
    return target


def _write(name: str, data: bytes) -> Callable[[Path], list[str]]:
    def make(batch: Path) -> list[str]:
        (batch / name).write_bytes(data)
        return [name]

    return make


def _jsonl(name: str, *lines: bytes) -> Callable[[Path], list[str]]:
    def make(batch: Path) -> list[str]:
        (batch / name).write_bytes(b"\n".join(lines) + b"\n")
        return [f"{name}:{number}" for number in range(1, len(lines) + 1)]

    return make


def _special(name: str, create: Callable[[Path], object]) -> Callable[[Path], list[str]]:
    def make(batch: Path) -> list[str]:
        create(batch / name)
        return [name]

    return make


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(65 * 2**20)


def _not_utf8_name(batch: Path) -> list[str]:
    (batch / os.fsdecode(b"bad-\xff-name.txt")).write_bytes(PAGE.encode())
    return ["bad-\\xff-name.txt"]


def _directory_named_txt(batch: Path) -> list[str]:
    (batch / "folder.txt").mkdir()
    (batch / "folder.txt" / "inner-empty.txt").write_bytes(b"")
    return ["folder.txt/inner-empty.txt"]


def _unreadable(batch: Path) -> list[str]:
    path = batch / "unreadable.txt"
    path.write_bytes(PAGE.encode())
    path.chmod(0)
    return ["unreadable.txt"]


def _junk(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def bad_inputs() -> dict[str, Callable[[Path], list[str]]]:
    """Each bad input: a function making it in a batch directory and returning the report paths (relative
    to the batch) it must produce, every one an error."""
    big_number = b'{"id": 1' + b"9" * 5000 + b', "zh": "\xe4\xb8\xad\xe5\x9b\xbd"}'
    cases = {
        "odd-length UTF-16 with BOM": _write("odd-utf16.txt", b"\xff\xfe" + "新闻".encode("utf-16-le") + b"A"),
        "odd-length UTF-16 without BOM": _write("odd-utf16-nobom.txt", "news of today".encode("utf-16-le") + b"x"),
        "UTF-16 lone surrogate": _write("surrogate-utf16.txt", b"\xff\xfe\x00\xd8" + "中文".encode("utf-16-le")),
        "BOM then invalid UTF-8": _write("bom-bad.txt", b"\xef\xbb\xbf" + PAGE.encode() + b"\xff\xfe\xfd"),
        "date overflow in a page": _write("date-overflow.txt", f"标题\n99999999999999999999年1月1日\n{PAGE}".encode()),
        "NUL in the middle": _write("nul-middle.txt", (PAGE * 200).encode() + b"\x00" + PAGE.encode()),
        "random binary": _write("binary.txt", _junk(1, 4096)),
        "empty page": _write("empty.txt", b""),
        "whitespace page": _write("blank.txt", b"  \n\t\n \r\n"),
        "control characters only": _write("controls.txt", bytes(range(1, 32)) * 50),
        "text over the character limit": _write("long-text.txt", ("重庆" * 600_000).encode()),
        "page over the size limit (sparse)": _special("sparse-huge.txt", _sparse),
        "/dev/zero": _special("dev-zero.txt", lambda p: p.symlink_to("/dev/zero")),
        "FIFO": _special("fifo.txt", os.mkfifo),
        "Unix socket": _special("socket.txt", _socket),
        "broken symlink": _special("dangling.txt", lambda p: p.symlink_to(p.parent / "missing-target")),
        "symlink to itself": _special("self-link.txt", lambda p: p.symlink_to(p)),
        "file name not UTF-8": _not_utf8_name,
        "directory named *.txt": _directory_named_txt,
        "0-byte JSONL": _write("empty.jsonl", b""),
        "blank-lines JSONL": _write("blank.jsonl", b"\n \n\t\n"),
        "lone surrogate in JSONL": _jsonl("surrogate.jsonl", b'{"id": "s1", "zh": "\\ud800\xe4\xb8\xad"}'),
        "JSON not an object": _jsonl("not-object.jsonl", b"[1, 2]", b'"text"', b"42", b"null"),
        "invalid JSON": _jsonl("invalid.jsonl", b"{bad json", b'{"id": "x", "zh": "a'),
        "huge integer": _jsonl("huge-number.jsonl", big_number),
        "deeply nested JSON": _jsonl("deep.jsonl", b"[" * 100_000 + b"]" * 100_000),
        "record without text": _jsonl("no-text.jsonl", b'{"id": "t1"}', b'{"id": "t2", "zh": "", "en": []}'),
        "field of a wrong type": _jsonl("wrong-type.jsonl", b'{"zh": 5}', b'{"en": [1, 2]}'),
        "date overflow in a record": _jsonl(
            "date-record.jsonl", '{"id": "d1", "zh": "中国外交部", "date": "99999999999999999999年1月1日"}'.encode()
        ),
        "NUL byte in a JSONL line": _jsonl("nul.jsonl", b'{"id": "n1", "zh": "\x00\xe4\xb8\xad"}'),
        "invalid UTF-8 in a JSONL line": _jsonl("bad-utf8.jsonl", b'{"id": "u1", "zh": "\xff\xfe\xfa\x00"}'),
        "duplicate article id": _jsonl("zz-duplicate.jsonl", b'{"id": "101_research_visit", "zh": "\xe4\xb8\xad"}'),
        "JSONL line over 16 MiB": _jsonl("long-line.jsonl", b'{"zh": "' + b"a" * (17 * 2**20) + b'"}'),
        "gzip bomb": _write("bomb.jsonl.gz", gzip.compress(b" " * (70 * 2**20), compresslevel=1)),
        "gzip bomb of blank lines": _write("bomb-lines.jsonl.gz", gzip.compress(b"\n" * (70 * 2**20), compresslevel=1)),
        "truncated gzip": _write("truncated.jsonl.gz", gzip.compress(b'{"id": "g1", "zh": "x"}\n' * 50)[:-30]),
        "not gzip at all": _write("not-gzip.jsonl.gz", PAGE.encode()),
        "empty gzip": _write("empty.jsonl.gz", gzip.compress(b"")),
    }
    if os.geteuid() != 0:  # root reads any file
        cases["unreadable file"] = _unreadable
    return cases


def make_symlink_maze(root: Path) -> Path:
    """A directory tree full of symbolic-link loops, holding one bad page: the target of a ``**`` glob."""
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "loop").symlink_to("../..")
    (root / "a" / "up").symlink_to(root)
    (root / "a" / "self").symlink_to(".")
    (root / "a" / "b" / "maze-empty.txt").write_bytes(b"")
    return root


def in_thread(function: Callable[[], object], timeout: float = RUN_TIMEOUT) -> object:
    """``function()`` with a time limit: a hang fails the test rather than blocking it."""
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = function()
        except BaseException as error:
            box["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"still running after {timeout} s: a hang"
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]


def graph_files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in GRAPH_FILES}


def quads(store: Path) -> set[str]:
    with open_store(store, read_only=True) as opened:
        return {str(quad) for quad in opened}  # type: ignore[attr-defined]


def test_a_symlink_maze_is_walked_once(tmp_path):
    maze = make_symlink_maze(tmp_path / "maze")
    found = in_thread(lambda: list(iter_input_paths([str(maze / "**" / "*.txt"), str(maze)])), timeout=30)
    assert found == [maze / "a" / "b" / "maze-empty.txt"] * 2


def test_api_misuse_gives_clean_errors(tmp_path):
    with pytest.raises(UsageError, match="not NoneType"):
        pipeline.run(None, tmp_path / "out")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="found int"):
        pipeline.run([str(ARTICLES), 3], tmp_path / "out2")  # type: ignore[list-item]
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputDirError, match="cannot use"):
        pipeline.run([str(ARTICLES)], tmp_path / "file")
    from pipeline.ingest.read import parse_page

    with pytest.raises(UsageError, match="page text"):
        parse_page(None, article_id="a", source="a")  # type: ignore[arg-type]


def test_a_second_run_gives_up_naming_the_first(tmp_path):
    out = tmp_path / "out"
    holder = lock_directory(out)
    try:
        started = time.monotonic()
        with pytest.raises(OutputLockedError, match=f"process {os.getpid()} "):
            pipeline.run([str(ARTICLES)], out, lock_wait=0.5)
        assert time.monotonic() - started < 5
    finally:
        os.close(holder)


@pytest.mark.model
def test_no_bad_input_aborts_or_hangs_a_batch(tmp_path):
    batch = copy_articles(tmp_path / "in")
    reference = pipeline.run([str(batch)], tmp_path / "clean").files["graph.ttl"].parent
    expected: dict[str, str] = {}
    for case, make in bad_inputs().items():
        for relative in make(batch):
            expected[str(batch / relative)] = case
    maze = make_symlink_maze(tmp_path / "maze")
    expected[str(maze / "a" / "b" / "maze-empty.txt")] = "symlink maze under a ** glob"
    out = tmp_path / "out"
    result = in_thread(lambda: pipeline.run([str(batch), str(maze / "**" / "*.txt")], out))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))["articles"]
    missing = {path: case for path, case in expected.items() if not _named(report, path)}
    assert not missing, f"bad inputs not reported as errors with a reason: {missing}"
    assert not [a for a in report if "traceback" in a]
    assert len(bad_inputs()) >= 38 and len(expected) >= 45 and result.failed  # type: ignore[attr-defined]
    assert graph_files(out) == graph_files(reference)
    assert quads(out / "store") == quads(reference / "store")


def _named(report: list[dict], path: str) -> bool:
    """Whether the report names ``path`` (or ``path:LINE``), each time as an error with a reason."""
    entries = [a for a in report if a["path"] == path or a["path"].startswith(f"{path}:")]
    return bool(entries) and all(a["status"] == "error" and a.get("reason") for a in entries)


def _halve(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _garble_store(store: Path) -> None:
    for path in store.iterdir():
        if path.is_file():
            path.write_bytes(b"garbage" * 10)


def _one_cache_entry(out: Path) -> Path:
    return sorted((out / CACHE_DIR).glob("*.json"))[0]


def _stale_files(out: Path) -> None:
    (out / ".graph.ttl.abc123.tmp").write_bytes(b"half a file")
    (out / CACHE_DIR / ".0123.json.xyz.tmp").write_bytes(b"{")
    (out / ".store.killed.tmp").mkdir()
    (out / ".store.killed.tmp" / "000001.sst").write_bytes(b"x")


CORRUPTIONS: dict[str, Callable[[Path], object]] = {
    "truncated cache entry": lambda out: _halve(_one_cache_entry(out)),
    "empty cache entry": lambda out: _one_cache_entry(out).write_bytes(b""),
    "cache entry of another format": lambda out: _one_cache_entry(out).write_text('{"format": 0}'),
    "cache directory removed": lambda out: shutil.rmtree(out / CACHE_DIR),
    "manifest null": lambda out: (out / MANIFEST).write_text("null"),
    "manifest []": lambda out: (out / MANIFEST).write_text("[]"),
    "manifest truncated": lambda out: _halve(out / MANIFEST),
    "manifest garbage": lambda out: (out / MANIFEST).write_bytes(b"\xff\x00garbage"),
    "manifest articles null": lambda out: (out / MANIFEST).write_text(
        json.dumps({**json.loads((out / MANIFEST).read_text()), "articles": None})
    ),
    "store removed": lambda out: shutil.rmtree(out / "store"),
    "store emptied": lambda out: [shutil.rmtree(out / "store"), (out / "store").mkdir()],
    "store garbled": lambda out: _garble_store(out / "store"),
    "store replaced by a file": lambda out: [shutil.rmtree(out / "store"), (out / "store").write_text("x")],
    "graph.ttl removed": lambda out: (out / "graph.ttl").unlink(),
    "stale .tmp files of a killed run": _stale_files,
}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> tuple[Path, Path]:
    """A batch of good articles and the output directory of a clean run over it."""
    root = tmp_path_factory.mktemp("clean")
    batch = copy_articles(root / "in")
    pipeline.run([str(batch)], root / "out")
    return batch, root / "out"


@pytest.mark.model
@pytest.mark.parametrize("corruption", list(CORRUPTIONS))
def test_a_damaged_output_directory_repairs_itself(clean, tmp_path, corruption, caplog):
    batch, reference = clean
    out = tmp_path / "out"
    shutil.copytree(reference, out, symlinks=True)
    CORRUPTIONS[corruption](out)
    with caplog.at_level(logging.WARNING, logger="bikg"):
        result = pipeline.run([str(batch)], out)
    assert result.up_to_date == (corruption == "stale .tmp files of a killed run") and not result.failed
    assert [r for r in caplog.records if r.levelno >= logging.WARNING], "repaired without a warning"
    assert graph_files(out) == graph_files(reference)
    assert quads(out / "store") == quads(reference / "store")
    assert not [p.name for p in [*out.glob(".*.tmp"), *(out / CACHE_DIR).glob(".*.tmp")]]
    assert pipeline.run([str(batch)], out).up_to_date


@pytest.mark.model
def test_a_damaged_entry_of_an_article_not_among_the_inputs(clean, tmp_path, caplog):
    batch, reference = clean
    out = tmp_path / "out"
    shutil.copytree(reference, out, symlinks=True)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / CACHE_DIR / f"{hashlib.sha256(b'102_reception').hexdigest()[:32]}.json").write_bytes(b"{")
    assert "102_reception" in manifest["articles"]
    with caplog.at_level(logging.WARNING, logger="bikg"):
        pipeline.run([str(batch / "101_research_visit.txt")], out)
    assert any("102_reception" in r.getMessage() for r in caplog.records)
    assert "102_reception" not in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["articles"]
    pipeline.run([str(batch)], out)
    assert graph_files(out) == graph_files(reference)


def _bikg_run(batch: Path, out: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "pipeline.cli", "run", str(batch), "--out", str(out), "--workers", "1", "-q"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.model
@pytest.mark.slow
def test_two_concurrent_runs_end_with_the_clean_output(clean, tmp_path):
    batch, reference = clean
    out = tmp_path / "out"
    first = _bikg_run(batch, out)
    deadline = time.monotonic() + 120
    while not ((out / ".lock").exists() and (out / ".lock").read_text()):  # the first run holds the lock
        assert first.poll() is None and time.monotonic() < deadline, first.communicate()
        time.sleep(0.05)
    second = in_thread(lambda: pipeline.run([str(batch)], out, lock_wait=RUN_TIMEOUT))
    _, errors = first.communicate(timeout=RUN_TIMEOUT)
    assert first.returncode == 0 and "Traceback" not in errors, errors
    assert second.up_to_date  # type: ignore[attr-defined]
    assert graph_files(out) == graph_files(reference)
    assert quads(out / "store") == quads(reference / "store")


@pytest.mark.model
@pytest.mark.slow
def test_a_second_bikg_run_exits_with_a_message(clean, tmp_path):
    batch, _ = clean
    out = tmp_path / "out"
    holder = lock_directory(out)
    try:
        process = _bikg_run(batch, out)
        _, errors = process.communicate(timeout=RUN_TIMEOUT)
    finally:
        os.close(holder)
    assert process.returncode == 1 and "Traceback" not in errors
    assert f"is being written by process {os.getpid()}" in errors


_PARENT = """
import sys, time
from pipeline.batch.executors import RunConfig, run_local
from pipeline.ingest.read import read_inputs
from pipeline.stages import DEFAULT_ORDER

articles = [a for a in read_inputs([sys.argv[1]]) if not hasattr(a, "reason")] * 50
for article, outcome in run_local(iter(articles), RunConfig(tuple(DEFAULT_ORDER)), 2):
    print(article.id, flush=True)
"""


def _children(pid: int) -> list[int]:
    import psutil

    return [child.pid for child in psutil.Process(pid).children(recursive=True)]


def _alive(pids: list[int]) -> list[int]:
    import psutil

    alive = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    return alive


@pytest.mark.slow
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_workers_end_with_their_parent(tmp_path, how):
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(ARTICLES)], stdout=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and len(workers) < 2:
            workers = [p for p in _children(parent.pid) if "spawn_main" in " ".join(_cmdline(p))]
            time.sleep(0.2)
        assert len(workers) == 2, "no worker started"
        time.sleep(3)  # let the workers reach their initializer
        parent.send_signal(how)
        parent.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(workers), "workers outlived their parent"
    finally:
        parent.kill()
        for pid in _alive(workers):  # a failing run leaves no orphan behind
            os.kill(pid, signal.SIGKILL)


def _cmdline(pid: int) -> list[str]:
    import psutil

    try:
        return psutil.Process(pid).cmdline()
    except psutil.Error:
        return []


@pytest.mark.model
def test_one_path_as_a_string_is_one_input(clean, tmp_path):
    batch, reference = clean
    result = pipeline.run(str(batch), tmp_path / "out")  # a str is one path, not a list of characters
    assert len(result.reports) == len(json.loads((reference / "report.json").read_text())["articles"])
    assert graph_files(tmp_path / "out") == graph_files(reference)


@pytest.mark.model
def test_extract_of_none_says_what_it_expects():
    with pytest.raises(UsageError, match=r"page text \(str\) or a record \(dict\), not NoneType"):
        pipeline.extract(None)  # type: ignore[arg-type]
