"""The built site as readers get it: offline, accessible, navigable.

Runs against ``_build/html`` (``make test`` builds it first), served on
127.0.0.1 by the test. Every request to any other host is blocked and
recorded; a page that asks for one fails.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browser_support import serve_folder
from dlbook.paths import BUILD_DIR, REPO_ROOT
from test_quiz_browser import ALLOWED_CONSOLE_ERRORS

SITE = BUILD_DIR / "html"
# axe-core's browser script, from the PyPI package axe-playwright-python
# (pinned in requirements-dev.txt): no npm needed. Only the script is used.
AXE = Path(importlib.util.find_spec("axe_playwright_python").origin).parent \
    / "axe.min.js"
SCREENSHOTS = Path("/tmp")


def site_pages() -> list[str]:
    """Every chapter and appendix page of the built site, as relative URLs."""
    if not (SITE / "index.html").is_file():
        return []
    return sorted(p.relative_to(SITE).as_posix() for p in (SITE / "book").rglob("*.html"))


PAGES = site_pages()
CHAPTERS = [p for p in PAGES if not p.startswith("book/appendix/") and p != "book/intro.html"]

needs_site = pytest.mark.skipif(
    not PAGES, reason="no built site in _build/html: run `make book` first")


@pytest.fixture(scope="module")
def site_url():
    with serve_folder(SITE) as url:
        yield url


@pytest.fixture
def page_for(chromium, site_url):
    """Open a page with the network cut off except 127.0.0.1; record problems."""
    contexts = []

    def open_page(path: str, theme: str = "light", javascript: bool = True,
                  width: int = 1280):
        context = chromium.new_context(java_script_enabled=javascript,
                                       viewport={"width": width, "height": 900})
        contexts.append(context)
        blocked, errors = [], []

        def route(route):
            host = urlparse(route.request.url).hostname
            if host in ("127.0.0.1", None):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        context.add_init_script(f"localStorage.setItem('theme', '{theme}');"
                                f"localStorage.setItem('mode', '{theme}');")
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site_url.rstrip('/')}/{path}", wait_until="networkidle")
        page.blocked, page.errors = blocked, errors
        return page

    yield open_page
    for context in contexts:
        context.close()


def unexpected(errors: list[str]) -> list[str]:
    return [e for e in errors if not any(re.search(p, e) for p in ALLOWED_CONSOLE_ERRORS)]


pytestmark = [pytest.mark.browser, needs_site]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_page_works_offline_and_passes_axe(page_for, path, theme):
    """One load per page and mode: no foreign request, no console error,
    math rendered by the local MathJax, and no serious or critical axe-core
    violation."""
    if not AXE.is_file():
        pytest.fail(f"axe-core missing at {AXE}: install requirements-dev.txt "
                    "(make test does)")
    page = page_for(path, theme=theme)
    assert page.blocked == [], f"{path} asked other hosts for: {page.blocked}"
    assert unexpected(page.errors) == [], f"{path} logged console errors: {page.errors}"
    source = (SITE / path).read_text(encoding="utf-8")
    if "class=\"math" in source:
        page.wait_for_selector("mjx-container", state="attached", timeout=15000)
        text = page.inner_text("article")
        assert "\\(" not in text and "\\[" not in text, f"{path} shows raw LaTeX"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    assert serious == [], f"{path} ({theme}): " + json.dumps(serious, indent=1)


@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_has_previous_and_next_links_and_a_colab_badge(page_for, path):
    page = page_for(path)
    assert page.locator(".prev-next-area a").count() >= 1
    badge = page.locator(".colab-badge a")
    assert badge.count() == 1
    href = badge.get_attribute("href")
    assert href.endswith("/notebooks/" + path.replace(".html", ".ipynb")), href
    assert page.locator(".execution-stamp").inner_text().startswith("Executed ")


# Pages whose code cells hold lines of 78-79 characters, the contract's limit.
LONG_CODE_PAGES = ["book/architectures/transfer-learning.html",
                   "book/keras/regularization.html"]


@pytest.mark.parametrize("width", [1200, 1440])
@pytest.mark.parametrize("path", LONG_CODE_PAGES)
def test_code_lines_fit_the_column_without_scrolling(page_for, path, width):
    """dlbook.css shrinks code with the column, so a 79-character line shows
    whole in a 1200 px window (at the theme's 14 px it would scroll)."""
    page = page_for(path, width=width)
    longest, clipped = page.evaluate("""() => {
        const pres = [...document.querySelectorAll(
            'div.cell_input div.highlight pre')];
        const longest = Math.max(...pres.flatMap(
            e => e.innerText.split('\\n').map(line => line.length)));
        const clipped = pres.filter(e => e.scrollWidth > e.clientWidth)
            .map(e => e.innerText.split('\\n')[0]);
        return [longest, clipped];
    }""")
    assert longest >= 78, f"{path} no longer tests long lines ({longest})"
    assert clipped == [], f"{path} at {width} px scrolls sideways: {clipped}"


def test_search_finds_a_term_from_a_chapter(page_for):
    page = page_for("search.html?q=sigmoid")
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#search-results li").count() >= 1


def test_landing_page_shows_cards_for_the_chapters(page_for):
    page = page_for("book/intro.html")
    assert page.locator(".sd-card").count() >= 4


def test_quiz_on_a_real_chapter_answers_and_counts_progress(page_for):
    page = page_for("book/foundations/neurons.html")
    quiz = page.locator(".dlbook-quiz").first
    quiz.scroll_into_view_if_needed()
    correct_index = int(quiz.get_attribute("data-quiz-correct"))
    quiz.locator("button.dlbook-quiz-button").nth(correct_index).click()
    assert "Correct" in quiz.locator("[aria-live]").first.inner_text()
    assert re.search(r"1 of \d+ answered correctly", page.inner_text("article"))


def test_figure_heavy_page_screenshots_in_both_modes(page_for):
    for theme in ("light", "dark"):
        page = page_for("book/foundations/neurons.html#what-the-weight-and-the-bias-do",
                        theme=theme)
        page.screenshot(path=str(SCREENSHOTS / f"site-figure-{theme}.png"))
        assert page.evaluate("document.documentElement.dataset.theme") == theme
