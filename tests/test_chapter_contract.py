"""Every chapter meets the skeleton of the chapter contract (DESIGN.md).

Reads each notebook chapter listed in _toc.yml and names what is missing:
objectives, at least four quizzes, exercises with hidden solutions, key
takeaways, further reading, alt text + caption on every figure, and code
lines that fit the page column (79 characters).
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from conftest import NOTEBOOK_HEADER
from dlbook.tools.notebooks import chapters
from dlbook.paths import REPO_ROOT

NBVAL_MARK = "NBVAL_CHECK_OUTPUT"
#: The widest code line the site shows without clipping (PEP 8's limit).
MAX_CODE_LINE = 79
FIGURE_CALL = re.compile(r"plt\.show\(\)|plt\.subplots?\(|\.imshow\(")


def contract_problems(chapter: Path) -> list[str]:
    """What ``chapter`` lacks, one line each (empty when it meets the contract)."""
    text = chapter.read_text(encoding="utf-8")
    name = chapter.relative_to(REPO_ROOT).as_posix() if chapter.is_relative_to(REPO_ROOT) \
        else chapter.name
    problems = []
    if "What you will learn" not in text:
        problems.append("no learning objectives (an admonition titled 'What you will learn')")
    if "**Prerequisites:**" not in text:
        problems.append("no '**Prerequisites:**' line in the objectives")
    quizzes = len(re.findall(r"^`{4,}\{quiz\}", text, re.M))
    if quizzes < 4:
        problems.append(f"{quizzes} quizzes; the contract asks for at least 4")
    if not re.search(r"^## Exercises", text, re.M):
        problems.append("no '## Exercises' section")
    else:
        exercises = text.split("## Exercises", 1)[1]
        if "{dropdown}" not in exercises and "hide-cell" not in exercises:
            problems.append("exercises have no hidden solution (a {dropdown} or a hide-cell cell)")
    if not re.search(r"^## Key takeaways", text, re.M):
        problems.append("no '## Key takeaways' section")
    if not re.search(r"^## Further reading", text, re.M):
        problems.append("no '## Further reading' section")
    notebook = jupytext.read(chapter)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    compared = 0
    for number, cell in enumerate(code_cells, 1):
        for line_number, line in enumerate(cell.source.splitlines(), 1):
            if NBVAL_MARK in line and not line.strip().startswith("#"):
                problems.append(
                    f"code cell {number}, line {line_number}: nbval reads "
                    f"'# {NBVAL_MARK}' only on a line of its own")
            elif line.strip().lstrip("#").strip() == NBVAL_MARK:
                compared += 1
            if len(line) > MAX_CODE_LINE:
                problems.append(
                    f"code cell {number}, line {line_number}: {len(line)} "
                    f"characters; the page column fits {MAX_CODE_LINE} "
                    "(wrap it)")
        if not FIGURE_CALL.search(cell.source) or "plt.show()" not in cell.source:
            continue
        image = cell.metadata.get("mystnb", {}).get("image", {})
        figure = cell.metadata.get("mystnb", {}).get("figure", {})
        if not str(image.get("alt", "")).strip():
            problems.append(f"code cell {number} draws a figure without alt text "
                            "(mystnb: image: alt:)")
        if not str(figure.get("caption", "")).strip():
            problems.append(f"code cell {number} draws a figure without a caption "
                            "(mystnb: figure: caption:)")
    if code_cells and not compared and "dlbook.setup" in text:
        problems.append(f"no cell marked '# {NBVAL_MARK}': mark the cells "
                        "that print the key numbers")
    return [f"{name}: {problem}" for problem in problems]


CHAPTERS = [c for c in chapters() if c.parent.name != "book"]  # not intro.md


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_meets_the_contract(chapter):
    problems = contract_problems(chapter)
    assert not problems, "\n".join(problems)


def test_the_book_has_chapters_to_check():
    assert len(CHAPTERS) >= 2


def test_the_new_chapter_template_meets_the_contract(tmp_path):
    from dlbook.tools.new_chapter import render_chapter

    chapter = tmp_path / "my-topic.md"
    chapter.write_text(render_chapter("foundations/my-topic", "My topic"))
    assert contract_problems(chapter) == []


def test_a_chapter_missing_pieces_is_named_with_each_problem(tmp_path):
    chapter = tmp_path / "thin.md"
    chapter.write_text(NOTEBOOK_HEADER + "# Thin\n\n```{code-cell} ipython3\nimport matplotlib.pyplot as plt\n"
                       "plt.plot([1, 2])\nplt.show()\n```\n")
    problems = contract_problems(chapter)
    assert "thin.md: 0 quizzes; the contract asks for at least 4" in problems
    assert "thin.md: code cell 1 draws a figure without alt text (mystnb: image: alt:)" in problems
    assert len(problems) == 8


def test_a_code_line_wider_than_the_page_is_named(tmp_path):
    chapter = tmp_path / "wide.md"
    chapter.write_text(NOTEBOOK_HEADER + "# Wide\n\n```{code-cell} ipython3\n"
                       "x = 1\ny = '" + "a" * 80 + "'\n```\n")
    assert ("wide.md: code cell 1, line 2: 86 characters; the page column "
            "fits 79 (wrap it)") in contract_problems(chapter)
