"""The quiz as readers get it, in headless Chromium (playwright sync API).

One fixture book (``fixtures/quiz/quizzes.md``: three quizzes, math, and a
quiz whose text tries to inject HTML) is built once per module and served on
127.0.0.1. Every page a test opens is watched: a console error or a request to
another host fails the test.

Screenshots of a quiz in light and dark mode go to /tmp/quiz-light.png and
/tmp/quiz-dark.png for a human to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser_support import PageWatch, build_book, serve_folder, write_book

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "quiz"
SCREENSHOTS = {"light": Path("/tmp/quiz-light.png"), "dark": Path("/tmp/quiz-dark.png")}
STORAGE_KEY = "dlbook-quiz:v1:quizzes#relu-negative"

#: Console errors that are known and harmless (regular expressions).
ALLOWED_CONSOLE_ERRORS = [
    # Stock Jupyter Book 1 pages include sphinx-thebe's script tag twice on
    # some pages, so the browser reports `THEBE_JS_URL` as redeclared. It is
    # not ours and thebe (launch buttons) is off in this book.
    r"THEBE_JS_URL.*already been declared",
    # pydata-sphinx-theme 0.17 under sphinx-book-theme: with no "mode" saved
    # in localStorage yet (every first visit) the theme reads an empty default
    # mode, logs this, and falls back to "auto". Stock pages do it too.
    r"^Got invalid theme mode: \. Resetting to auto\.",
    # Chromium asks for /favicon.ico on its own; the fixture book has none.
    r"status of 404 .*\(at http://127\.0\.0\.1:\d+/favicon\.ico\)$",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Build the fixture book once and serve its HTML; yields the base URL."""
    book = tmp_path_factory.mktemp("quiz-site")
    for page in ("index", "quizzes"):
        shutil.copy(FIXTURES / f"{page}.md", book / f"{page}.md")
    # offline_mathjax: math must not come from a CDN (requests stay local).
    write_book(book, ["quizzes"],
               extensions=["dlbook.sphinxext.quiz", "dlbook.sphinxext.offline_mathjax"])
    result = build_book(book)
    assert result.returncode == 0, result.output
    with serve_folder(book / "_build" / "html") as url:
        yield url


@pytest.fixture
def open_page(chromium, site):
    """``open_page(path="quizzes.html", javascript=True, theme=None)`` opens a
    page in a fresh browser context (empty localStorage) and checks, after the
    test, that no page logged an error or loaded anything from another host."""
    contexts, watches = [], []

    def opener(path: str = "quizzes.html", *, javascript: bool = True, theme: str | None = None):
        context = chromium.new_context(java_script_enabled=javascript,
                                       viewport={"width": 1100, "height": 900})
        if theme:
            # pydata-sphinx-theme 0.17 keeps the reader's choice as "mode"
            # ("theme" in older releases) in localStorage.
            context.add_init_script(f"localStorage.setItem('mode', '{theme}');"
                                    f"localStorage.setItem('theme', '{theme}');")
        contexts.append(context)
        page = context.new_page()
        watches.append(PageWatch(ALLOWED_CONSOLE_ERRORS).attach(page))
        page.goto(site + path)
        return page

    yield opener
    for context in contexts:
        context.close()
    for watch in watches:
        watch.assert_clean()


def choice(page, quiz_id: str, letter: str):
    """The button of choice ``letter`` in quiz ``quiz_id``."""
    index = ord(letter) - ord("A")
    return page.locator(f"#quiz-{quiz_id} .dlbook-quiz-button").nth(index)


def feedback(page, quiz_id: str) -> str:
    return page.locator(f"#quiz-{quiz_id} .dlbook-quiz-feedback").inner_text()


def progress(page) -> str:
    return page.locator(".dlbook-quiz-progress-text").inner_text()


def pressed(page, quiz_id: str) -> list[str]:
    buttons = page.locator(f"#quiz-{quiz_id} .dlbook-quiz-button")
    return [buttons.nth(i).get_attribute("aria-pressed") for i in range(buttons.count())]


# --------------------------------------------------------------------------
# Answering
# --------------------------------------------------------------------------

def test_wrong_then_right_choice(open_page):
    page = open_page()
    group = page.get_by_role("group", name="Which activation is exactly zero")
    assert group.get_by_role("button").count() == 3
    assert page.locator("#quiz-relu-negative .dlbook-quiz-feedback").get_attribute(
        "aria-live") == "polite"

    choice(page, "relu-negative", "B").click()
    text = feedback(page, "relu-negative")
    assert text.startswith("Not quite.") and "No:" in text and "try again" in text, text
    assert pressed(page, "relu-negative") == ["false", "true", "false"]

    choice(page, "relu-negative", "A").click()
    text = feedback(page, "relu-negative")
    assert text.startswith("Correct.") and "Right:" in text and "try again" not in text, text
    assert pressed(page, "relu-negative") == ["true", "false", "false"]
    # The wrong try stays marked; the explanations list is offered once solved.
    assert "is-wrong" in choice(page, "relu-negative", "B").get_attribute("class")
    assert page.locator("#quiz-relu-negative details.dlbook-quiz-answer").is_visible()


def test_keyboard_only_answering_with_visible_focus_ring(open_page):
    page = open_page()
    first = choice(page, "relu-negative", "A")
    for _ in range(80):  # Tab through header links until the first choice
        page.keyboard.press("Tab")
        if first.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first choice")

    ring = first.evaluate("""el => {
        const style = getComputedStyle(el);
        return {visible: el.matches(':focus-visible'), outline: style.outlineStyle,
                width: parseFloat(style.outlineWidth), shadow: style.boxShadow};
    }""")
    assert ring["visible"]
    assert (ring["outline"] != "none" and ring["width"] > 0) or ring["shadow"] != "none", ring

    page.keyboard.press("Tab")  # to choice B
    page.keyboard.press("Enter")
    assert feedback(page, "relu-negative").startswith("Not quite.")
    page.keyboard.press("Shift+Tab")  # back to choice A
    page.keyboard.press("Space")
    assert feedback(page, "relu-negative").startswith("Correct.")
    assert pressed(page, "relu-negative") == ["true", "false", "false"]


def test_progress_survives_reload_and_reset_clears_it(open_page):
    page = open_page()
    assert progress(page) == "0 of 3 answered correctly"
    choice(page, "relu-negative", "A").click()  # right first time
    choice(page, "quizzes-2", "A").click()  # wrong, then right
    choice(page, "quizzes-2", "B").click()
    assert progress(page) == "2 of 3 answered correctly (1 on the first try)"

    page.reload()
    assert progress(page) == "2 of 3 answered correctly (1 on the first try)"
    assert pressed(page, "relu-negative") == ["true", "false", "false"]
    assert feedback(page, "quizzes-2").startswith("Correct.")
    assert page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})") is not None

    page.get_by_role("button", name="Reset").click()
    assert progress(page) == "0 of 3 answered correctly"
    assert pressed(page, "relu-negative") == ["false", "false", "false"]
    assert feedback(page, "relu-negative") == ""
    assert page.evaluate(f"localStorage.getItem({STORAGE_KEY!r})") is None
    page.reload()
    assert progress(page) == "0 of 3 answered correctly"


# --------------------------------------------------------------------------
# Without JavaScript
# --------------------------------------------------------------------------

def test_without_javascript_lettered_list_and_show_answer(open_page):
    page = open_page(javascript=False)
    quiz = page.locator("#quiz-relu-negative")
    assert quiz.locator("button").count() == 0
    items = quiz.locator(".dlbook-quiz-choice")
    assert [items.nth(i).inner_text().split(".")[0] for i in range(3)] == ["A", "B", "C"]
    assert items.nth(0).inner_text().startswith("A. ReLU")

    details = quiz.locator("details.dlbook-quiz-answer")
    summary = details.locator("summary")
    assert summary.inner_text() == "Show answer"
    key = details.locator(".dlbook-quiz-answer-key")
    assert not key.is_visible()
    summary.click()
    assert key.is_visible() and key.inner_text() == "Correct answer: A"
    explanations = details.locator(".dlbook-quiz-explanation")
    assert explanations.count() == 3
    assert all(explanations.nth(i).is_visible() for i in range(3))
    assert "Right:" in explanations.nth(0).inner_text()
    assert "not correct" in explanations.nth(1).inner_text()


# --------------------------------------------------------------------------
# Safety and hygiene
# --------------------------------------------------------------------------

def test_quiz_text_is_never_run_as_html(open_page):
    page = open_page()
    quiz = page.locator("#quiz-escaping")
    assert choice(page, "escaping", "A").inner_text().endswith("<script>window.__pwned=1</script>")
    assert 'onerror="window.__pwned=1">' in choice(page, "escaping", "B").inner_text()
    assert quiz.locator("img, script, b").count() == 0
    choice(page, "escaping", "B").click()
    choice(page, "escaping", "A").click()  # clones an explanation holding <b ...>
    quiz.locator("summary").click()
    quiz.locator(".dlbook-quiz-explanation").first.hover()
    assert quiz.locator("img, script, b").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_page_loads_math_locally_without_console_errors(open_page):
    page = open_page()
    # MathJax typesets the quiz's math: served from _static, not a CDN.
    page.locator("#quiz-relu-negative mjx-container").first.wait_for()
    # Whatever requests happened are checked by the fixture on teardown.


# --------------------------------------------------------------------------
# Light and dark mode
# --------------------------------------------------------------------------

@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_in_theme(open_page, theme):
    page = open_page(theme=theme)
    assert page.evaluate("document.documentElement.dataset.theme") == theme
    page.locator("#quiz-relu-negative mjx-container").first.wait_for()
    choice(page, "relu-negative", "B").click()  # wrong: red
    choice(page, "relu-negative", "A").click()  # then right: green
    choice(page, "quizzes-2", "A").click()  # wrong only
    page.evaluate("document.activeElement.blur()")

    colors = page.locator("#quiz-relu-negative").evaluate(
        "el => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color]")
    body = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colors[0] != colors[1] and colors[0] != "rgba(0, 0, 0, 0)", colors
    if theme == "dark":  # a light card on a dark page would be unreadable
        assert _luminance(colors[0]) < 0.2 and _luminance(body) < 0.2, (colors, body)
    else:
        assert _luminance(colors[0]) > 0.8, colors

    first, panel = (page.locator(selector).evaluate(
        "el => { const r = el.getBoundingClientRect();"
        " return {x: r.x + scrollX, y: r.y + scrollY, bottom: r.bottom + scrollY,"
        " width: r.width}; }") for selector in ("#quiz-relu-negative", ".dlbook-quiz-progress"))
    last = page.locator(".dlbook-quiz").last.evaluate("el => el.getBoundingClientRect().bottom + scrollY")
    assert panel["y"] >= last, "the progress panel follows the last quiz"
    # From the first quiz down to the progress panel, in page coordinates.
    clip = {"x": first["x"] - 10, "y": first["y"] - 10, "width": first["width"] + 20,
            "height": panel["bottom"] - first["y"] + 20}
    page.screenshot(path=str(SCREENSHOTS[theme]), clip=clip, full_page=True)


def _luminance(css_color: str) -> float:
    """Rough relative luminance (0 black .. 1 white) of ``rgb(r, g, b)``."""
    r, g, b = (int(part) for part in css_color[css_color.index("(") + 1:-1].split(",")[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
