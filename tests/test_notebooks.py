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
    text = ("See {doc}`../keras/regression` and {numref}`fig-a`; "
            "{cite:t}`glorot2010understanding` {term}`epochs <Epoch>`; "
            "a = {glue:text}`a:.2f`.\n:::{dropdown} Solution\nIt is 3.\n:::")
    site = notebooks.site_url(notebooks.repository_url())
    assert notebooks.myst_to_notebook_markdown(text, {"a": "0.12345"}) == (
        f"See [regression]({site}book/keras/regression.html) and "
        f"[fig a]({site}book/part/snippet.html#fig-a); "
        "Glorot and Bengio (2010) epochs; a = 0.12\u2020.\n"
        "<details><summary>Solution</summary>\n\nIt is 3.\n\n</details>")


def test_tabs_become_headed_sections():
    text = ("````{tab-set}\n```{tab-item} TensorFlow\nx = 1\n```\n"
            "```{tab-item} JAX\ny = 2\n```\n````")
    assert notebooks.myst_to_notebook_markdown(text) == (
        "**TensorFlow**\n\nx = 1\n**JAX**\n\ny = 2")


def test_a_glue_key_without_a_built_value_is_an_error_naming_the_fix():
    with pytest.raises(notebooks.GlueMissing, match="run `make book`"):
        notebooks.myst_to_notebook_markdown("{glue:text}`nowhere:.2f`", {})


def test_no_notebook_shows_myst_syntax_or_a_glue_key():
    """Colab shows Markdown only: a role, a directive fence or a bare glue
    key in a generated notebook would reach the reader as raw text."""
    problems = []
    for chapter in notebooks.chapters():
        target = notebooks.target_for(chapter)
        notebook = nbformat.reads(target.read_text(), 4)
        keys = set(notebook.metadata.get(notebooks.GLUE_METADATA, {}))
        # A key the chapter itself writes as code (`epochs`) is not a leak.
        prose = notebooks.GLUE_ROLE.sub("", chapter.read_text())
        keys = {key for key in keys if f"`{key}`" not in prose}
        for number, cell in enumerate(notebook.cells):
            if cell.cell_type != "markdown":
                continue
            for match in notebooks.RAW_MYST.finditer(cell.source):
                problems.append(f"{target.name} cell {number}: "
                                f"{match.group(0)!r}")
            for key in keys:
                if f"`{key}`" in cell.source:
                    problems.append(f"{target.name} cell {number}: "
                                    f"glue key `{key}`")
    assert not problems, "\n".join(problems)


def test_the_staleness_check_keeps_the_values_a_notebook_shows(tmp_path):
    """Another machine's last digit must not make a notebook stale: the
    check regenerates with the values the committed notebook holds."""
    chapter = REPO_ROOT / "book" / "foundations" / "neurons.md"
    target = notebooks.target_for(chapter)
    shown = notebooks.committed_glue(target)
    other = {key: value + "7" for key, value in shown.items()}
    fresh = notebooks.chapter_notebook(chapter, notebooks.repository_url(),
                                       shown)
    assert notebooks.notebook_text(fresh) == target.read_text()
    moved = notebooks.chapter_notebook(chapter, notebooks.repository_url(),
                                       other)
    assert moved.metadata[notebooks.GLUE_METADATA] == other


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
