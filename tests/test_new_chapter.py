"""`make chapter` starts a chapter that the next build executes and renders."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run_build
from dlbook.tools.new_chapter import add_to_toc, create_chapter
from dlbook.paths import REPO_ROOT

TOC = """format: jb-book
root: book/intro
parts:
  - caption: "Part I: Foundations"
    numbered: true
    chapters:
      - file: book/foundations/neurons
  - caption: "Appendix"
    chapters:
      - file: book/appendix/notation
"""


def test_make_chapter_runs_the_generator_with_name_and_title():
    dry_run = subprocess.run(["make", "-n", "chapter", "NAME=extra/topic", "TITLE=A topic"],
                             cwd=REPO_ROOT, capture_output=True, text=True)
    assert '-m dlbook.tools.new_chapter "extra/topic" "A topic"' in dry_run.stdout


def test_make_chapter_without_arguments_prints_usage():
    result = subprocess.run(["make", "chapter"], cwd=REPO_ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    assert 'usage: make chapter NAME=part/slug TITLE="Chapter title"' in result.stdout


def test_a_chapter_joins_the_end_of_its_part():
    toc = add_to_toc(TOC, "foundations/new-topic")
    assert "      - file: book/foundations/neurons\n      - file: book/foundations/new-topic\n" in toc


def test_a_chapter_in_a_new_folder_gets_a_new_part_before_the_appendix():
    toc = add_to_toc(TOC, "extras/new-topic")
    assert toc.index('caption: "Extras"') < toc.index('caption: "Appendix"')


def test_bad_names_and_existing_chapters_are_refused(tmp_path):
    with pytest.raises(ValueError, match="NAME must look like part/slug"):
        create_chapter("Not A Name", "x", root=tmp_path)
    (tmp_path / "book" / "foundations").mkdir(parents=True)
    (tmp_path / "book" / "foundations" / "neurons.md").write_text("# x\n")
    with pytest.raises(FileExistsError, match="book/foundations/neurons.md already exists"):
        create_chapter("foundations/neurons", "x", root=tmp_path)


@pytest.mark.build
def test_a_new_chapter_builds_with_its_quizzes_and_figure(tmp_path):
    root = tmp_path / "book-copy"
    (root / "book").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "_config.yml", root / "_config.yml")
    # _config.yml names the bibliography; a chapter may {cite} from it.
    shutil.copy(REPO_ROOT / "book" / "references.bib",
                root / "book" / "references.bib")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nparts:\n"
                                   '  - caption: "Appendix"\n    chapters:\n'
                                   "      - file: book/glossary\n")
    (root / "book" / "intro.md").write_text("# A small book\n")
    (root / "book" / "glossary.md").write_text("# Glossary\n")
    # A one-page book has no "foundations/neurons" for the template's link.
    path = create_chapter("extras/my-topic", "My topic", root=root)
    path.write_text(path.read_text().replace("{doc}`../foundations/neurons`", "the intro"))
    result = run_build(root)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    html = (root / "_build" / "html" / "book" / "extras" / "my-topic.html").read_text()
    assert html.count('class="dlbook-quiz"') == 4
    assert 'alt="Say what the plot shows' in html
