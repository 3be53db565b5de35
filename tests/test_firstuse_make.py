"""`make test` on a fresh machine: the Makefile's `system` step installs (as root) or names (otherwise)
exactly the Debian packages the tests need, and costs nothing when they are there."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.model


ROOT = Path(__file__).parent.parent
MISSING = "bikg-no-such-package"


def make_system(*extra: str, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    if not (as_nobody and os.getuid() == 0):
        command = ["make", "--no-print-directory", "-C", str(ROOT), "system", *extra]
        return subprocess.run(command, capture_output=True, text=True, check=False)
    # nobody may not enter the checkout (a clone in a 0700 `mktemp -d`): the self-contained `system` target
    # runs from a copy of the Makefile in a directory anyone can read
    with tempfile.TemporaryDirectory() as directory:
        os.chmod(directory, 0o755)
        shutil.copy(ROOT / "Makefile", directory)
        command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        command += ["make", "--no-print-directory", "-C", directory, "system", *extra]
        return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian system")
def test_nothing_to_do_when_everything_is_there():
    started = time.monotonic()
    done = make_system("APT_GET=false")  # would fail if it tried to install anything
    assert done.returncode == 0 and done.stdout == "", done.stdout + done.stderr
    assert time.monotonic() - started < 5


@pytest.mark.skipif(shutil.which("dpkg-query") is None, reason="not a Debian system")
def test_not_root_names_exactly_the_missing_packages():
    if os.getuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("cannot drop root here")
    done = make_system(f"SYSTEM_PACKAGES=chromium {MISSING} fonts-wqy-microhei", as_nobody=True)
    assert done.returncode != 0
    assert f"needs these Debian packages: {MISSING}\n" in done.stdout
    assert f"sudo apt-get install --no-install-recommends {MISSING}" in done.stdout


@pytest.mark.skipif(os.getuid() != 0, reason="the install path runs as root")
def test_root_installs_only_the_missing_packages():
    done = make_system(f"SYSTEM_PACKAGES=chromium {MISSING}", "APT_GET=echo apt-get")
    assert done.returncode == 0, done.stderr
    assert f"apt-get install -y -qq --no-install-recommends {MISSING}\n" in done.stdout
    assert "apt-get update" in done.stdout


def test_ci_script_only_calls_make():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "apt-get" not in script and "make test\nmake run" in script
    assert "test: system" in (ROOT / "Makefile").read_text(encoding="utf-8")
