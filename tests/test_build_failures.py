"""The build fails loudly, naming the file and line, for each kind of defect."""

from __future__ import annotations

import re

import pytest

from conftest import run_build

pytestmark = pytest.mark.build


def test_a_cell_that_raises_fails_the_build_naming_chapter_line_and_cell(fixture_book):
    root = fixture_book("failing_cell")
    result = run_build(root)
    assert result.returncode != 0
    # The second code cell starts on line 22 of the chapter file.
    assert ("book/broken-chapter.md:22: cell 2 raised ZeroDivisionError: division by zero"
            in result.stderr), result.stderr


def test_fixing_the_cell_makes_the_next_build_pass(fixture_book):
    root = fixture_book("failing_cell")
    assert run_build(root).returncode != 0
    chapter = root / "book" / "broken-chapter.md"
    chapter.write_text(chapter.read_text().replace("numerator / 0", "numerator / 2"))
    result = run_build(root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_doc_link_fails_the_build_naming_file_and_line(fixture_book):
    root = fixture_book("broken_link")
    result = run_build(root)
    assert result.returncode != 0
    assert re.search(r"book/index\.md:3: WARNING: unknown document: 'missing-chapter'",
                     result.stderr), result.stderr


def test_a_problem_is_reported_again_by_the_next_build(fixture_book):
    """Sphinx skips unchanged files; the wrapper must not let a rerun pass."""
    root = fixture_book("broken_link")
    assert run_build(root).returncode != 0
    second = run_build(root)
    assert second.returncode != 0
    assert "unknown document: 'missing-chapter'" in second.stderr


def test_a_toc_entry_without_a_file_fails_before_building(fixture_book):
    root = fixture_book("broken_link")
    (root / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/no-such-chapter\n")
    result = run_build(root)
    assert result.returncode == 2
    assert ("_toc.yml:4: entry 'book/no-such-chapter' names no file "
            "(book/no-such-chapter.md does not exist)") in result.stderr


def test_a_chapter_missing_from_the_toc_fails_before_building(fixture_book):
    root = fixture_book("broken_link")
    (root / "book" / "orphan.md").write_text("# Orphan\n")
    result = run_build(root)
    assert result.returncode == 2
    assert ("book/orphan.md: chapter is not in _toc.yml, so it would never be built. "
            "Fix: add '- file: book/orphan' to _toc.yml") in result.stderr
