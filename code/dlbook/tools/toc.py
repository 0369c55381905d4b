"""Check ``_toc.yml`` before a build, with messages that name line and fix.

Jupyter Book's own errors for a bad table of contents are long tracebacks;
these checks turn the common mistakes into one line each::

    _toc.yml:12: entry 'book/foundations/neuronz' names no file (...). Fix: ...
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

CHAPTER_SUFFIXES = (".md", ".ipynb")
ENTRY_KEYS = ("file", "url", "glob")


@dataclass
class TocEntry:
    path: str  # as written in _toc.yml, no extension
    line: int  # 1-based line in _toc.yml


class TocError(ValueError):
    """The table of contents is malformed; ``str()`` holds one line per problem."""


def _scalar(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _walk(node: yaml.Node, toc_name: str, entries: list, problems: list) -> None:
    """Collect every ``file:``/``root:`` entry and report malformed items."""
    if isinstance(node, yaml.MappingNode):
        keys = {_scalar(k): (k, v) for k, v in node.value}
        for key in ("root", "file"):
            if key in keys:
                k, v = keys[key]
                if _scalar(v):
                    entries.append(TocEntry(_scalar(v), k.start_mark.line + 1))
                else:
                    problems.append(f"{toc_name}:{k.start_mark.line + 1}: '{key}:' "
                                    "has no path. Fix: write the chapter's path "
                                    "without extension, e.g. book/foundations/neurons")
        for key in ("chapters", "sections", "parts"):
            if key in keys:
                k, v = keys[key]
                if not isinstance(v, yaml.SequenceNode):
                    problems.append(f"{toc_name}:{k.start_mark.line + 1}: '{key}:' must "
                                    "be a list of entries ('- file: ...'). Fix: indent "
                                    "each entry under it with a leading '- '")
                    continue
                for item in v.value:
                    if key != "parts" and isinstance(item, yaml.MappingNode):
                        names = {_scalar(k2) for k2, _ in item.value}
                        if not names & set(ENTRY_KEYS):
                            problems.append(
                                f"{toc_name}:{item.start_mark.line + 1}: entry has none of "
                                f"{', '.join(ENTRY_KEYS)} (found: {', '.join(sorted(map(str, names)))}). "
                                "Fix: write '- file: part/chapter' (a typo such as 'fle:' "
                                "causes this)")
                    elif key != "parts" and not isinstance(item, yaml.MappingNode):
                        problems.append(f"{toc_name}:{item.start_mark.line + 1}: entry must "
                                        "be a mapping like '- file: part/chapter'")
                    _walk(item, toc_name, entries, problems)


def read_toc(root: Path, toc_name: str = "_toc.yml") -> list[TocEntry]:
    """Return the toc's entries; raise :class:`TocError` if any is malformed."""
    toc_path = root / toc_name
    if not toc_path.is_file():
        raise TocError(f"{toc_name}: not found in {root}. Fix: run the build from the "
                       "repository root, or restore _toc.yml from git")
    try:
        node = yaml.compose(toc_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise TocError(f"{toc_name}{where}: not valid YAML ({getattr(err, 'problem', err)}). "
                       "Fix: check the indentation and the '- file:' dashes") from None
    entries: list[TocEntry] = []
    problems: list[str] = []
    if not isinstance(node, yaml.MappingNode) or "root" not in {_scalar(k) for k, _ in node.value}:
        problems.append(f"{toc_name}:1: no 'root:' entry. Fix: add 'root: book/intro'")
    if node is not None:
        _walk(node, toc_name, entries, problems)
    for entry in entries:
        if not any((root / (entry.path + s)).is_file() for s in CHAPTER_SUFFIXES) \
                and not (root / entry.path).is_file():
            problems.append(
                f"{toc_name}:{entry.line}: entry '{entry.path}' names no file "
                f"({entry.path}.md does not exist). Fix: create the chapter "
                "(`make chapter NAME=part/slug`) or correct the path; paths are "
                "relative to the repository root, without extension")
    if problems:
        raise TocError("\n".join(problems))
    return entries


def chapters_missing_from_toc(root: Path, entries: list[TocEntry],
                              book_dir: str = "book") -> list[str]:
    """Markdown chapters under ``book/`` that no toc entry names."""
    listed = {e.path for e in entries}
    missing = []
    for md in sorted((root / book_dir).rglob("*.md")):
        rel = md.relative_to(root).with_suffix("").as_posix()
        if rel not in listed and not md.name.startswith("_"):
            missing.append(rel)
    return missing


def check_toc(root: Path) -> list[TocEntry]:
    """All toc checks; raises :class:`TocError` listing every problem."""
    entries = read_toc(root)
    missing = chapters_missing_from_toc(root, entries)
    if missing:
        raise TocError("\n".join(
            f"{m}.md: chapter is not in _toc.yml, so it would never be built. "
            f"Fix: add '- file: {m}' to _toc.yml, or delete the file" for m in missing))
    return entries
