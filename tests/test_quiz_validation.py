"""Build-time behaviour of ``dlbook.sphinxext.quiz``: validation errors, the
static HTML it writes, and the text/LaTeX output.

Each Jupyter Book build takes seconds, so builds are shared: one book holds
every authoring mistake (proving all are reported in one build), and the
per-problem tests read their line from that one output.
"""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from browser_support import build_book, write_book
from dlbook.sphinxext import quiz as quiz_ext

FIXTURES = Path(__file__).parent / "fixtures" / "quiz"
EXTENSIONS = ["dlbook.sphinxext.quiz"]

#: (file, line, message) for every problem in fixtures/quiz/broken.md, plus the
#: duplicate of quizzes.md's name. Sorted as the build reports them.
EXPECTED_PROBLEMS = [
    ("broken.md", 3, "quiz 'no-question' has no question; write the question as text "
                     "before the first {choice}"),
    ("broken.md", 14, "quiz 'one-choice' has 1 choice; give it at least two {choice} blocks"),
    ("broken.md", 23, "quiz 'none-correct' has no choice marked :correct:; mark exactly one"),
    ("broken.md", 34, "quiz 'two-correct' has 2 choices marked :correct:; mark exactly one"),
    ("broken.md", 54, "choice B 'Silent' in quiz 'no-explanation' has no explanation; write "
                      "one in the choice body saying why it is right or wrong"),
    ("broken.md", 58, "{choice} 'Stray' is outside a {quiz}; put every choice directly "
                      "inside a quiz block"),
    ("broken.md", 80, "choice B in quiz #7 in this file has no text; write it after {choice}"),
    ("broken.md", 85, "quiz #8 in this file has no question; write the question as text "
                      "before the first {choice}"),
    ("broken.md", 85, "quiz #8 in this file has 0 choices; give it at least two {choice} blocks"),
    ("quizzes.md", 5, "duplicate quiz name 'relu-negative' (also used at broken.md:62); "
                      "give every quiz a unique :name:"),
]

ERROR_LINE = re.compile(r"^(?P<path>\S+\.md):(?P<line>\d+): ERROR: (?P<message>.*)$")


def make_book(root: Path, *chapters: str) -> Path:
    """A book in ``root`` holding the named fixture chapters."""
    root.mkdir(parents=True, exist_ok=True)
    for chapter in ("index", *chapters):
        shutil.copy(FIXTURES / f"{chapter}.md", root / f"{chapter}.md")
    write_book(root, list(chapters), extensions=EXTENSIONS)
    return root


def error_lines(book: Path, output: str) -> list[tuple[str, int, str]]:
    """``(file relative to book, line, message)`` for every ERROR line."""
    found = []
    for line in output.splitlines():
        match = ERROR_LINE.match(line.strip())
        if match:
            path = Path(match["path"]).relative_to(book).as_posix()
            found.append((path, int(match["line"]), match["message"]))
    return found


def chapter(text: str) -> str:
    """A one-quiz chapter; ``text`` is the quiz, fenced with four backticks."""
    return f"# Chapter\n\n````{{quiz}}\n{text.strip()}\n````\n"


GOOD_QUIZ = """:name: {name}
What is one plus one?
```{{choice}} Two
:correct:
One and one make two.
```
```{{choice}} Three
{second}
```"""


# --------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """One HTML build of a book holding every kind of authoring mistake."""
    book = make_book(tmp_path_factory.mktemp("broken"), "quizzes", "broken")
    result = build_book(book)
    return book, result


def test_broken_book_fails_with_one_line_per_problem(broken):
    book, result = broken
    assert result.returncode != 0, result.output
    assert error_lines(book, result.output) == EXPECTED_PROBLEMS, result.output


@pytest.mark.parametrize("expected", EXPECTED_PROBLEMS, ids=lambda p: f"{p[0]}:{p[1]}")
def test_each_problem_names_file_and_line(broken, expected):
    book, result = broken
    path, line, message = expected
    assert f"{book / path}:{line}: ERROR: {message}" in result.output.splitlines()


def test_fixing_the_file_makes_the_next_incremental_build_pass(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    write_book(book, ["chapter"], extensions=EXTENSIONS)
    page = book / "chapter.md"
    page.write_text(chapter(GOOD_QUIZ.format(name="sum", second=":correct:\nAlso right?")))
    expected = (f"{page}:3: ERROR: quiz 'sum' has 2 choices marked :correct:; "
                "mark exactly one")

    first = build_book(book)
    assert first.returncode != 0 and expected in first.output, first.output
    # Unchanged and still broken: Sphinx would skip the page, so the
    # extension asks for it to be re-read and the error must come back.
    again = build_book(book)
    assert again.returncode != 0 and expected in again.output, again.output

    page.write_text(chapter(GOOD_QUIZ.format(name="sum", second="Three is one too many.")))
    fixed = build_book(book)
    assert fixed.returncode == 0, fixed.output
    assert "ERROR" not in fixed.output and "WARNING" not in fixed.output


def test_duplicate_name_across_pages_clears_after_rename(tmp_path):
    book = tmp_path / "book"
    book.mkdir()
    write_book(book, ["first", "second"], extensions=EXTENSIONS)
    for name in ("first", "second"):
        (book / f"{name}.md").write_text(chapter(GOOD_QUIZ.format(name="same", second="No.")))

    broken = build_book(book)
    assert broken.returncode != 0
    assert error_lines(book, broken.output) == [
        ("second.md", 3, "duplicate quiz name 'same' (also used at first.md:3); "
                         "give every quiz a unique :name:")], broken.output

    (book / "second.md").write_text(chapter(GOOD_QUIZ.format(name="other", second="No.")))
    fixed = build_book(book)
    assert fixed.returncode == 0, fixed.output


def test_env_bookkeeping_purges_and_merges():
    """Parallel reads merge per-page records; re-reading a page forgets them."""
    main = SimpleNamespace(dlbook_quiz_problems={"a": [(1, "x")]},
                           dlbook_quiz_names={"a": [("n", 1)]})
    worker = SimpleNamespace(dlbook_quiz_problems={"b": [(2, "y")]},
                             dlbook_quiz_names={"b": [("n", 4)]})
    quiz_ext.merge_info(None, main, ["b"], worker)
    assert main.dlbook_quiz_problems == {"a": [(1, "x")], "b": [(2, "y")]}
    assert main.dlbook_quiz_names == {"a": [("n", 1)], "b": [("n", 4)]}
    quiz_ext.purge_doc(None, main, "a")
    assert main.dlbook_quiz_problems == {"b": [(2, "y")]}
    assert main.dlbook_quiz_names == {"b": [("n", 4)]}


# --------------------------------------------------------------------------
# Static HTML
# --------------------------------------------------------------------------

class Elements(HTMLParser):
    """Start tags of an HTML page as ``(tag, attributes)``, in order."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.tags if name in (attrs.get("class") or "").split()]


@pytest.fixture(scope="module")
def good_html(tmp_path_factory):
    book = make_book(tmp_path_factory.mktemp("good"), "quizzes")
    result = build_book(book)
    assert result.returncode == 0, result.output
    return book / "_build" / "html"


def test_html_quiz_markup_works_without_javascript(good_html):
    html = (good_html / "quizzes.html").read_text()
    page = Elements(html)
    roots = page.with_class("dlbook-quiz")
    # Explicit names are kept; the unnamed quiz gets docname + index.
    assert [r["data-quiz-id"] for r in roots] == ["relu-negative", "quizzes-2", "escaping"]
    assert [r["id"] for r in roots] == ["quiz-relu-negative", "quiz-quizzes-2", "quiz-escaping"]
    assert [r["data-quiz-correct"] for r in roots] == ["0", "1", "0"]
    groups = page.with_class("dlbook-quiz-choices")
    assert [g["role"] for g in groups] == ["group"] * 3
    assert [g["aria-labelledby"] for g in groups] == [r["id"] + "-question" for r in roots]
    question_ids = {attrs.get("id") for _, attrs in page.tags}
    assert all(g["aria-labelledby"] in question_ids for g in groups)
    assert [f["aria-live"] for f in page.with_class("dlbook-quiz-feedback")] == ["polite"] * 3
    assert html.count("<summary>Show answer</summary>") == 3
    assert '<span class="dlbook-quiz-letter">C.</span>' in html
    assert "Correct answer: <strong>B</strong>" in html
    assert len(page.with_class("dlbook-quiz-explanation")) == 7


def test_html_escapes_quiz_text(good_html):
    html = (good_html / "quizzes.html").read_text()
    assert "<script>window.__pwned" not in html
    assert "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html


def test_html_ships_script_and_styles(good_html):
    html = (good_html / "quizzes.html").read_text()
    assert re.search(r'<script defer="defer" src="_static/quiz\.js\?v=\w+"></script>', html)
    assert re.search(r'<link [^>]*href="_static/quiz\.css\?v=\w+"', html)
    assert (good_html / "_static" / "quiz.js").is_file()
    assert (good_html / "_static" / "quiz.css").is_file()


# --------------------------------------------------------------------------
# Other builders
# --------------------------------------------------------------------------

def test_text_builder_inlines_quizzes_and_appends_answer_key(tmp_path):
    book = make_book(tmp_path / "book", "quizzes")
    result = build_book(book, builder="text")
    assert result.returncode == 0, result.output
    text = (book / "_build" / "text" / "quizzes.txt").read_text()
    for expected in ["-[ Quiz 1 ]-", "A. ReLU", "B. tanh", "C. The sigmoid \\sigma(x)",
                     "-[ Quiz 2 ]-", "A. 6", "B. 8",
                     "A. <script>window.__pwned=1</script>"]:
        assert expected in text, expected
    key = text.index("Answer key\n==========")
    assert key > text.index("-[ Quiz 3 ]-"), "the answer key closes the chapter"
    answers = text[key:]
    for expected in ["**Quiz 1: A**", "A. *Correct.* Right:", "B. *Not quite.* No:",
                     "**Quiz 2: B**", "B. *Correct.* Yes:", "**Quiz 3: A**"]:
        assert expected in answers, expected


def test_latex_builder_gets_lettered_lists_and_chapter_answer_key(tmp_path):
    book = make_book(tmp_path / "book", "quizzes")
    result = build_book(book, builder="latex")
    assert result.returncode == 0, result.output
    tex = next((book / "_build" / "latex").glob("*.tex")).read_text()
    assert "\\sphinxsetlistlabels{\\Alph}" in tex
    chapter_start = tex.index("\\chapter{Activations}")
    key = tex.index("\\section{Answer key}")
    assert key > tex.index("Quiz 3") > chapter_start
    assert "\\sphinxstylestrong{Quiz 2: B}" in tex[key:]


def test_a_choice_with_backticks_in_its_text_gets_a_hint_naming_the_cause(tmp_path):
    """A fence's first line cannot hold backticks, so such a choice vanishes."""
    book = tmp_path / "book"
    book.mkdir()
    write_book(book, ["chapter"], extensions=EXTENSIONS)
    page = book / "chapter.md"
    page.write_text(chapter(":name: ticks\nWhich layer?\n```{choice} The `Dense` layer\n"
                            ":correct:\nRight.\n```\n```{choice} Flatten\nNo.\n```"))
    result = build_book(book)
    assert result.returncode != 0
    assert (f"{page}:3: ERROR: quiz 'ticks': a {{choice}} line contains backticks, which "
            "ends its fence early; remove the backticks from the choice text "
            "(use plain words or $math$)") in result.output, result.output
