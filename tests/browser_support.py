"""Reusable helpers for tests that build a small Jupyter Book and open it in
Chromium.

Import what a test module needs; pytest picks fixtures up from the module's
namespace::

    from browser_support import build_book, chromium, serve_folder, PageWatch

* ``build_book`` writes ``_config.yml``/``_toc.yml`` for a tiny book and runs
  ``jupyter-book build`` on it (HTML or any other builder).
* ``serve_folder`` serves a folder on 127.0.0.1 (free port) from a thread.
* ``chromium`` (session fixture) is a headless Debian Chromium driven by the
  playwright sync API; it never downloads browsers (no ``playwright install``).
* ``PageWatch`` records console errors and every request of a page, so tests
  can assert "no errors" and "nothing loaded from another host".
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from dlbook.tools.chromium import (  # noqa: F401  (re-exported)
    CHROMIUM, CHROMIUM_ARGS, LOCAL_HOST, serve_folder)

# `python -m jupyter_book` does not exist in Jupyter Book 1.x; call its CLI.
JUPYTER_BOOK = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()"]
JUPYTER_BOOK_BUILDERS = {"html", "dirhtml", "singlehtml", "pdfhtml", "latex", "pdflatex",
                         "linkcheck"}
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


# --------------------------------------------------------------------------
# Building a fixture book
# --------------------------------------------------------------------------

@dataclass
class BuildResult:
    """Exit code and colour-free combined output of one ``jupyter-book build``."""

    returncode: int
    output: str

    def lines_matching(self, pattern: str) -> list[str]:
        """Output lines matching a regular expression (searched, not anchored)."""
        return [line for line in self.output.splitlines() if re.search(pattern, line)]


def write_book(book: Path, chapters: list[str], *, extensions: list[str],
               title: str = "Fixture book", sphinx_config: dict | None = None) -> None:
    """Write ``_config.yml`` and ``_toc.yml`` for a book of ``index`` + chapters.

    ``chapters`` are docnames (file names without ``.md``); the ``.md`` files
    themselves are the caller's to write. Execution is off, so plain Markdown
    pages need no notebook header.
    """
    config = [
        f'title: "{title}"',
        "only_build_toc_files: true",
        "execute:",
        '  execute_notebooks: "off"',
        "parse:",
        # The book's own list; JB's default adds linkify, which needs a package.
        "  myst_enable_extensions: [amsmath, colon_fence, deflist, dollarmath, substitution]",
        "sphinx:",
        f"  extra_extensions: [{', '.join(extensions)}]",
    ]
    if sphinx_config:
        config.append("  config:")
        config += [f"    {key}: {value}" for key, value in sphinx_config.items()]
    (book / "_config.yml").write_text("\n".join(config) + "\n")
    toc = ["format: jb-book", "root: index", "chapters:"]
    toc += [f"  - file: {chapter}" for chapter in chapters]
    (book / "_toc.yml").write_text("\n".join(toc) + "\n")
    if not (book / "index.md").exists():
        (book / "index.md").write_text(f"# {title}\n\nA fixture book for tests.\n")


def build_book(book: Path, *, builder: str = "html", timeout: int = 300) -> BuildResult:
    """``jupyter-book build BOOK --warningiserror --keep-going`` (incremental).

    ``builder`` is one of Jupyter Book's builders (``html``, ``latex``...) or
    any other Sphinx builder name (``text``...), run as a custom builder.
    """
    command = [*JUPYTER_BOOK, "build", str(book), "--warningiserror", "--keep-going"]
    if builder in JUPYTER_BOOK_BUILDERS:
        command += ["--builder", builder]
    else:
        command += ["--builder", "custom", "--custom-builder", builder]
    run = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                         env={**os.environ, "NO_COLOR": "1"})
    return BuildResult(run.returncode, ANSI_ESCAPE.sub("", run.stdout + run.stderr))


# --------------------------------------------------------------------------
# Serving a folder
# --------------------------------------------------------------------------

# --------------------------------------------------------------------------
# Chromium
# --------------------------------------------------------------------------

def require_chromium() -> None:
    """Skip the calling test if Debian's Chromium is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium (playwright ``Browser``) shared by the session."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageWatch:
    """Records a page's console errors, uncaught exceptions and requests.

    ``allowed_errors`` are regular expressions for console errors that are
    known and harmless; each should come with a comment saying why.
    """

    allowed_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page) -> "PageWatch":
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.on("request", lambda request: self.requests.append(request.url))
        return self

    def _on_console(self, message) -> None:
        if message.type == "error":
            # The source URL tells "a 404 for favicon.ico" from "a 404 for our script".
            source = (message.location or {}).get("url", "")
            self.console_errors.append(f"{message.text} (at {source})" if source else message.text)

    def unexpected_errors(self) -> list[str]:
        return [error for error in self.console_errors
                if not any(re.search(pattern, error) for pattern in self.allowed_errors)]

    def foreign_requests(self) -> list[str]:
        """Requested URLs whose host is not 127.0.0.1 (data: URLs are local)."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about")
                and urlsplit(url).hostname != LOCAL_HOST]

    def assert_clean(self) -> None:
        """No unexpected console errors, nothing requested from another host."""
        assert not self.unexpected_errors(), f"console errors: {self.unexpected_errors()}"
        assert self.requests, "no requests were recorded (watch attached too late?)"
        assert not self.foreign_requests(), f"requests to other hosts: {self.foreign_requests()}"
