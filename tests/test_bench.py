"""`make bench`'s rebuild timings edit a chapter: the edits must apply.

The bench runs for half an hour before it times the rebuilds; an edit
that no longer finds its place in the chapter would throw that away.
"""

from __future__ import annotations

from dlbook.tools.bench import ANCHOR, EDIT_CHAPTER, PROSE_EDIT, code_edit


def test_the_edited_chapter_has_the_anchor_both_edits_use():
    assert ANCHOR in EDIT_CHAPTER.read_text(encoding="utf-8")


def test_each_code_edit_is_a_new_cell_that_differs_from_the_last():
    old, first = code_edit(0)
    _, second = code_edit(1)
    assert old == ANCHOR and first != second
    assert first.startswith("```{code-cell} ipython3\n")
    assert first.endswith(ANCHOR) and PROSE_EDIT not in first
