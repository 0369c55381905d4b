"""_toc.yml checks: one line per problem, naming the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from dlbook.paths import REPO_ROOT
from dlbook.tools.toc import TocError, check_toc, read_toc


def write_book(root: Path, toc: str, chapters=("book/intro",)) -> Path:
    (root / "_toc.yml").write_text(toc)
    for chapter in chapters:
        (root / chapter).parent.mkdir(parents=True, exist_ok=True)
        (root / f"{chapter}.md").write_text("# A chapter\n")
    return root


def test_the_repository_toc_is_valid_and_lists_every_chapter():
    entries = check_toc(REPO_ROOT)
    assert entries[0].path == "book/intro"


def test_a_valid_toc_returns_its_entries_with_line_numbers(tmp_path):
    write_book(tmp_path, "format: jb-book\nroot: book/intro\nchapters:\n  - file: book/a\n",
               chapters=("book/intro", "book/a"))
    assert [(e.path, e.line) for e in read_toc(tmp_path)] == [("book/intro", 2), ("book/a", 4)]


def test_a_misspelt_file_key_is_named_with_its_line(tmp_path):
    write_book(tmp_path, "format: jb-book\nroot: book/intro\nchapters:\n  - fle: book/a\n")
    with pytest.raises(TocError, match=r"_toc\.yml:4: entry has none of file, url, glob "
                                       r"\(found: fle\)"):
        read_toc(tmp_path)


def test_invalid_yaml_names_the_line(tmp_path):
    write_book(tmp_path, "format: jb-book\nroot: book/intro\nchapters:\n  - file: [a\n")
    with pytest.raises(TocError, match=r"_toc\.yml:\d+: not valid YAML"):
        read_toc(tmp_path)


def test_a_toc_without_root_says_how_to_fix_it(tmp_path):
    write_book(tmp_path, "format: jb-book\nchapters:\n  - file: book/intro\n")
    with pytest.raises(TocError, match="no 'root:' entry. Fix: add 'root: book/intro'"):
        read_toc(tmp_path)


def test_chapters_must_be_a_list(tmp_path):
    write_book(tmp_path, "format: jb-book\nroot: book/intro\nchapters:\n  file: book/a\n")
    with pytest.raises(TocError, match=r"_toc\.yml:3: 'chapters:' must be a list"):
        read_toc(tmp_path)


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    write_book(tmp_path, "format: jb-book\nroot: book/intro\nchapters:\n"
                         "  - file: book/gone\n  - file: book/also-gone\n")
    with pytest.raises(TocError) as caught:
        read_toc(tmp_path)
    assert len(str(caught.value).splitlines()) == 2


def test_a_missing_toc_file_is_reported(tmp_path):
    with pytest.raises(TocError, match="_toc.yml: not found"):
        read_toc(tmp_path)


def test_files_starting_with_an_underscore_are_not_chapters(tmp_path):
    write_book(tmp_path, "format: jb-book\nroot: book/intro\n",
               chapters=("book/intro", "book/_template"))
    assert [e.path for e in check_toc(tmp_path)] == ["book/intro"]
