"""Start a chapter from the template and add it to ``_toc.yml``.

Usage (what ``make chapter NAME=part/slug TITLE="..."`` runs)::

    python -m dlbook.tools.new_chapter foundations/my-topic "My topic"

Creates ``book/foundations/my-topic.md`` from a template that already has
the contract's skeleton (objectives, setup cell, a glued number, a figure
with alt text, a checked formula, four quizzes, exercises with hidden
solutions, takeaways, further reading) and lists it in ``_toc.yml`` at the
end of the part whose chapters live in the same folder (or a new part).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from dlbook.paths import REPO_ROOT

TEMPLATE = Path(__file__).parent / "templates" / "chapter.md"
NAME_PATTERN = re.compile(r"^[a-z0-9-]+/[a-z0-9-]+$")


def render_chapter(name: str, title: str) -> str:
    """The template filled in for book/<name>.md."""
    slug = name.split("/")[1]
    part = name.split("/")[0]
    neurons = os.path.relpath("foundations/neurons", part)
    return TEMPLATE.read_text().format(title=title, slug=slug, neurons_link=neurons)


def add_to_toc(toc_text: str, name: str) -> str:
    """Insert ``- file: book/<name>`` after the last entry of its folder."""
    folder = "book/" + name.split("/")[0] + "/"
    lines = toc_text.rstrip("\n").splitlines()
    last = max((i for i, line in enumerate(lines) if f"file: {folder}" in line), default=None)
    entry = f"- file: book/{name}"
    if last is None:  # a new part, placed before the appendix
        part = name.split("/")[0].replace("-", " ").capitalize()
        block = [f'  - caption: "{part}"', "    numbered: true", "    chapters:",
                 f"      {entry}"]
        appendix = next((i for i, line in enumerate(lines) if "Appendix" in line), len(lines))
        lines[appendix:appendix] = block
    else:
        indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
        lines.insert(last + 1, indent + entry)
    return "\n".join(lines) + "\n"


def create_chapter(name: str, title: str, root: Path = REPO_ROOT) -> Path:
    if not NAME_PATTERN.match(name):
        raise ValueError(f"NAME must look like part/slug in lowercase with dashes "
                         f"(e.g. foundations/my-topic); got {name!r}")
    path = root / "book" / f"{name}.md"
    if path.exists():
        raise FileExistsError(f"{path.relative_to(root)} already exists; pick another NAME")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_chapter(name, title))
    toc = root / "_toc.yml"
    toc.write_text(add_to_toc(toc.read_text(), name))
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="part/slug, e.g. foundations/my-topic")
    parser.add_argument("title", help="the chapter title")
    args = parser.parse_args(argv)
    try:
        path = create_chapter(args.name, args.title)
    except (ValueError, FileExistsError) as err:
        print(f"make chapter: {err}", file=sys.stderr)
        return 2
    relative = path.relative_to(REPO_ROOT)
    print(f"created {relative} and added it to _toc.yml. Next: edit it; check it with "
          f"`.venv/bin/python -m dlbook.tools.run {relative}`; then `make book`, and "
          "`make notebooks` before committing (make test fails on a missing Colab notebook)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
