"""The Colab notebooks in notebooks/ are generated, current and runnable."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from dlbook.tools import notebooks
from dlbook.paths import REPO_ROOT


def test_every_chapter_has_a_current_colab_notebook():
    problems = notebooks.stale_notebooks()
    assert not problems, "\n".join(problems)


def test_a_stale_notebook_is_reported_with_the_fix(tmp_path, monkeypatch):
    chapter = REPO_ROOT / "book" / "foundations" / "neurons.md"
    target = notebooks.target_for(chapter)
    original = target.read_text()
    try:
        target.write_text(original.replace("Neurons", "Neurones", 1))
        problems = notebooks.stale_notebooks()
        assert ("notebooks/book/foundations/neurons.ipynb: stale (differs from "
                "book/foundations/neurons.md). Fix: run `make notebooks`") in problems
    finally:
        target.write_text(original)


def test_quizzes_become_markdown_with_lettered_choices_and_a_hidden_answer():
    text = ("````{quiz}\n:name: q\nWhy $x$?\n```{choice} One\nNo: one.\n```\n"
            "```{choice} Two\n:correct:\nYes: two.\n```\n````")
    markdown = notebooks.myst_to_notebook_markdown(text)
    assert markdown == ("**Quiz.** Why $x$?\n\n- **A.** One\n- **B.** Two\n\n"
                        "<details><summary>Show answer</summary>\n\n**Answer: B.**\n\n"
                        "- **A.** No: one.\n- **B.** Yes: two.\n\n</details>")


def test_myst_roles_and_dropdowns_become_plain_markdown():
    text = ("See {doc}`../keras/regression` and {numref}`fig-a`; a = {glue:text}`a:.2f`.\n"
            ":::{dropdown} Solution\nIt is 3.\n:::")
    assert notebooks.myst_to_notebook_markdown(text) == (
        "See *regression* and fig-a; a = `a`.\n"
        "<details><summary>Solution</summary>\n\nIt is 3.\n\n</details>")


def test_the_setup_cell_clones_the_configured_repository_only_in_colab():
    notebook = nbformat.reads(
        notebooks.target_for(REPO_ROOT / "book/foundations/neurons.md").read_text(), 4)
    setup = notebook.cells[0].source
    assert 'if "google.colab" in sys.modules:' in setup
    assert f'REPOSITORY = "{notebooks.repository_url()}"' in setup
    assert '"-e", "/content/book/code"' in setup
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


@pytest.mark.build
def test_a_generated_notebook_runs_here_with_its_install_step_skipped():
    path = notebooks.target_for(REPO_ROOT / "book/foundations/neurons.md")
    notebook = nbformat.reads(path.read_text(), 4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    assert any(cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
