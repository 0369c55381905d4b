"""make watch: a live preview that rebuilds a page when its source changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from dlbook.tools.watch import autobuild_command, write_sphinx_config


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8", "replace")


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if text in fetch(url):
                return True
        except OSError:
            pass
        time.sleep(1)
    return False


def test_the_config_is_written_outside_the_repository(fixture_book):
    root = fixture_book("broken_link")
    conf = write_sphinx_config(root)
    assert conf == root / "_build" / "watch" / "conf.py"
    assert not (root / "conf.py").exists()
    assert "external_toc_path = '_toc.yml'" in conf.read_text()
    command = autobuild_command(root, conf.parent, 8123)
    assert command[command.index("--host") + 1] == "127.0.0.1"


@pytest.mark.build
def test_a_saved_edit_appears_in_the_served_page(fixture_book):
    """Warnings (this fixture has a broken link) do not stop the preview."""
    root = fixture_book("broken_link")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "dlbook.tools.watch", "--root", str(root),
         "--port", str(port)], stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/book/index.html"
    try:
        assert wait_for(page, "Fixture book", 180), "preview never served"
        chapter = root / "book" / "index.md"
        chapter.write_text(chapter.read_text().replace(
            "# Fixture book", "# Fixture book, edited live"))
        assert wait_for(page, "Fixture book, edited live", 120), \
            "the edit never reached the served page"
    finally:
        server.terminate()
        server.wait(timeout=30)
