"""The pieces of dlbook.tools.build and dlbook.tools.run that explain failures."""

from __future__ import annotations

import nbformat

from conftest import NOTEBOOK_HEADER
from dlbook.tools.build import failing_cell, locate_cell, warning_lines
from dlbook.tools.run import glue_references, glued_names, run_chapter

ERROR_LOG = """Traceback (most recent call last):
nbclient.exceptions.CellExecutionError: An error occurred while executing the following cell:
------------------
ratio = numerator / 0
------------------

\x1b[0;31mZeroDivisionError\x1b[0m: division by zero
ZeroDivisionError: division by zero
"""


def test_failing_cell_extracts_source_and_exception():
    source, exception = failing_cell(ERROR_LOG)
    assert source == "ratio = numerator / 0"
    assert exception == "ZeroDivisionError: division by zero"


def test_failing_cell_without_a_recognisable_log_still_says_something():
    assert failing_cell("garbled")[1] == "the cell raised an exception"


def test_locate_cell_finds_cell_number_and_line(tmp_path):
    chapter = tmp_path / "c.md"
    chapter.write_text(NOTEBOOK_HEADER + "\n# T\n\n```{code-cell} ipython3\na = 1\n```\n\n"
                       "```{code-cell} ipython3\nratio = a / 0\n```\n")
    assert locate_cell(chapter, "ratio = a / 0") == (2, 20)


def test_glue_references_and_glued_names_are_found():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Accuracy {glue:text}`acc:.2f`, loss {glue}`loss`."),
    ])
    assert glue_references(notebook) == {"acc", "loss"}
    assert glued_names(notebook) == set()


def test_run_chapter_reports_a_glue_name_that_no_cell_glued(tmp_path):
    chapter = tmp_path / "c.md"
    chapter.write_text(NOTEBOOK_HEADER + "\n# T\n\n```{code-cell} ipython3\n"
                       "from dlbook import glue\nglue('acc', 0.5)\n```\n\n"
                       "{glue:text}`acc` and {glue:text}`typo`\n")
    _, seconds, problems = run_chapter(chapter)
    assert len(problems) == 1 and "no cell glues 'typo'" in problems[0]
    assert seconds > 0


def test_run_chapter_reports_stderr_output_as_a_problem(tmp_path):
    chapter = tmp_path / "c.md"
    chapter.write_text(NOTEBOOK_HEADER + "\n```{code-cell} ipython3\n"
                       "import sys\nprint('noise', file=sys.stderr)\n```\n")
    _, _, problems = run_chapter(chapter)
    assert problems == [f"{chapter}: code cell 1 wrote to stderr (the build rejects it): noise"]


def test_warning_lines_are_clean_and_name_the_file():
    output = ("\x1b[01mchecking consistency... \x1b[39;49;00m/b/book/x.md:351: ERROR: quiz 'q' "
              "has 1 choice\nreading sources... [ 50%] book/y\n"
              "/b/book/y.md:3: WARNING: Executing notebook failed: CellExecutionError\n"
              "/b/book/z.md:9: WARNING: unknown document: 'w'\n")
    assert warning_lines(output) == ["/b/book/x.md:351: ERROR: quiz 'q' has 1 choice",
                                     "/b/book/z.md:9: WARNING: unknown document: 'w'"]
