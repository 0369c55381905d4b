"""Print the whole book to one PDF, offline (what ``make pdf`` runs).

Usage::

    python -m dlbook.tools.pdf            # _build/pdf/deep-learning-executed.pdf

Jupyter Book builds the book as one HTML page (the ``singlehtml`` builder,
reusing the execution cache, so nothing re-executes). Debian's Chromium,
driven by Playwright, opens it from 127.0.0.1, waits for MathJax to
typeset, prepares it for paper (:data:`PRINT_SCRIPT`: a title page and a
table of contents, solutions opened, each chapter's quiz answers moved to
an answer key at the chapter's end) and prints it with page numbers and
PDF bookmarks. A copy goes into ``_build/html`` so the site's download
link works.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
from pathlib import Path

from dlbook.paths import REPO_ROOT
from dlbook.sphinxext.launch import BOOK_PDF
from dlbook.tools.build import build
from dlbook.tools.chromium import CHROMIUM, CHROMIUM_ARGS, serve_folder

PDF_NAME = BOOK_PDF  # the name the site links
PRINT_CSS = Path(__file__).parent / "templates" / "print.css"
PRINT_SCRIPT = Path(__file__).parent / "templates" / "print.js"
FOOTER = ('<div style="font-size:8px;width:100%;text-align:center;'
          'color:#555"><span class="pageNumber"></span></div>')


def print_pdf(page_url: str, target: Path) -> int:
    """Open the single-page book at ``page_url``; print it to ``target``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_url, wait_until="load", timeout=180_000)
        page.wait_for_function(
            "() => window.MathJax && MathJax.startup && "
            "MathJax.startup.promise", timeout=120_000)
        page.evaluate("() => MathJax.startup.promise")
        page.add_style_tag(path=str(PRINT_CSS))
        chapters = page.evaluate(PRINT_SCRIPT.read_text(encoding="utf-8"))
        page.emulate_media(media="print")
        page.pdf(path=str(target), format="A4", print_background=True,
                 display_header_footer=True, header_template="<span></span>",
                 footer_template=FOOTER, outline=True, tagged=True,
                 margin={"top": "18mm", "bottom": "18mm",
                         "left": "16mm", "right": "16mm"})
        browser.close()
    return chapters


def single_page(folder: Path) -> Path:
    """The single-page book, moved up beside its ``_static`` folder.

    With the root chapter in a subfolder (book/intro), Sphinx writes the
    page as ``book/intro.html`` but links its assets as ``_static/...``
    relative to the output folder; ``index.html`` only redirects there.
    """
    redirect = (folder / "index.html").read_text(encoding="utf-8")
    match = re.search(r'url=([^"]+\.html)', redirect)
    source = folder / match.group(1) if match else folder / "index.html"
    page = folder / "print.html"
    shutil.copy2(source, page)
    return page


def make_pdf(root: Path = REPO_ROOT) -> Path:
    """Build the single-page book and print it; return the PDF's path."""
    if build(root, "singlehtml") != 0:
        raise SystemExit("make pdf: the single-page build failed (above)")
    out = root / "_build" / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    target = out / PDF_NAME
    started = time.time()
    folder = root / "_build" / "singlehtml"
    page = single_page(folder)
    with serve_folder(folder) as url:
        chapters = print_pdf(url + page.name, target)
    site = root / "_build" / "html"
    if site.is_dir():
        shutil.copy2(target, site / PDF_NAME)
    print(f"PDF of {chapters} chapters printed in "
          f"{time.time() - started:.0f} s: {target.relative_to(root)}")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=REPO_ROOT, type=Path)
    parser.add_argument("--skip-without-chromium", action="store_true",
                        help="exit quietly where Chromium is missing (make "
                             "test on macOS: the PDF test is skipped too)")
    args = parser.parse_args(argv)
    if not CHROMIUM.is_file():
        message = (f"make pdf: Chromium is needed at {CHROMIUM}: "
                   "sudo apt-get install chromium")
        if args.skip_without_chromium:
            print(message + " (PDF skipped)")
            return 0
        raise SystemExit(message)
    make_pdf(args.root.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
