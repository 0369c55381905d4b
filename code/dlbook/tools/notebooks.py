"""Generate the Colab notebooks: one ``.ipynb`` per chapter, without outputs.

Usage (what ``make notebooks`` runs)::

    python -m dlbook.tools.notebooks          # write notebooks/<chapter path>.ipynb
    python -m dlbook.tools.notebooks --check  # exit 1 if any is stale or missing

Colab opens only ``.ipynb`` files, and it renders plain Markdown, not MyST.
So each chapter is converted with jupytext, then its MyST-only syntax is
rewritten as Markdown a notebook shows: quizzes become the question, lettered
choices and a collapsible answer; dropdowns become ``<details>``; admonitions
become block quotes; roles become plain text. A first cell installs the book's
``dlbook`` package when, and only when, the notebook runs in Colab.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import jupytext
import nbformat
import yaml

from dlbook.paths import REPO_ROOT
from dlbook.tools.toc import read_toc

NOTEBOOKS_DIR = REPO_ROOT / "notebooks"

SETUP_CELL = '''\
# Setup for Colab: fetch the book's repository (its `dlbook` helpers and
# data files) and install what Colab lacks. Elsewhere this cell does nothing:
# on Binder and on your machine `make book` has installed everything.
import subprocess
import sys

if "google.colab" in sys.modules:
    REPOSITORY = "{repository}"
    subprocess.run(["git", "clone", "--depth", "1", REPOSITORY, "/content/book"],
                   check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",
                    "-e", "/content/book/code"], check=True)
    sys.path.insert(0, "/content/book/code")  # usable without a restart
'''

# ```` ```{quiz} ```` fences use four or more backticks; choices use three.
QUIZ_BLOCK = re.compile(r"^(`{4,})\{quiz\}[^\n]*\n(.*?)^\1[ \t]*$", re.S | re.M)
CHOICE_BLOCK = re.compile(r"^```\{choice\}[ \t]*(.*?)\n(.*?)^```[ \t]*$", re.S | re.M)
COLON_DIRECTIVE = re.compile(r"^(:{3,})\{([\w-]+)\}[ \t]*(.*?)\n(.*?)^\1[ \t]*$", re.S | re.M)
BACKTICK_ADMONITION = re.compile(
    r"^(`{3,})\{(admonition|note|tip|warning|important|seealso)\}[ \t]*(.*?)\n(.*?)^\1[ \t]*$",
    re.S | re.M)
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([^`:]+)(?::[^`]*)?`")
DOC_ROLE = re.compile(r"\{doc\}`(?:([^`<]*?)\s*<([^`>]+)>|([^`]+))`")
OTHER_ROLE = re.compile(r"\{[\w:-]+\}`([^`]+)`")
OPTION_LINE = re.compile(r"^:([\w-]+):[ \t]*(.*)$", re.M)
LETTERS = "ABCDEFGHIJ"


def _strip_options(body: str) -> tuple[dict[str, str], str]:
    """Split a directive body into its leading ``:key: value`` lines and text."""
    options, lines = {}, body.splitlines()
    while lines and (match := OPTION_LINE.match(lines[0])):
        options[match.group(1)] = match.group(2)
        lines.pop(0)
    return options, "\n".join(lines).strip()


def quiz_to_markdown(match: re.Match) -> str:
    """One quiz directive as notebook Markdown with a collapsible answer."""
    body = match.group(2)
    first_choice = CHOICE_BLOCK.search(body)
    _, question = _strip_options(body[: first_choice.start()] if first_choice else body)
    choices = []
    for choice in CHOICE_BLOCK.finditer(body):
        options, explanation = _strip_options(choice.group(2))
        choices.append((choice.group(1).strip(), "correct" in options, explanation))
    lettered = "\n".join(f"- **{LETTERS[i]}.** {text}" for i, (text, _, _) in enumerate(choices))
    correct = [LETTERS[i] for i, (_, ok, _) in enumerate(choices) if ok]
    explained = "\n".join(f"- **{LETTERS[i]}.** {why}"
                          for i, (_, _, why) in enumerate(choices))
    return (f"**Quiz.** {question}\n\n{lettered}\n\n"
            f"<details><summary>Show answer</summary>\n\n"
            f"**Answer: {', '.join(correct)}.**\n\n{explained}\n\n</details>")


def colon_directive_to_markdown(match: re.Match) -> str:
    name, argument = match.group(2), match.group(3).strip()
    options, text = _strip_options(match.group(4))
    if name == "dropdown":
        return f"<details><summary>{argument or 'Show'}</summary>\n\n{text}\n\n</details>"
    if name == "grid":  # sphinx-design card grids: keep the cards, drop the grid
        return text
    if name == "grid-item-card":
        return f"- **{argument}**: {text}"
    title = argument or name.capitalize()
    quoted = "\n".join("> " + line if line else ">" for line in text.splitlines())
    return f"> **{title}**\n>\n{quoted}"


def doc_role_to_text(match: re.Match) -> str:
    if match.group(3):  # {doc}`path`: name the chapter from its file name
        return "*" + Path(match.group(3)).name.replace("-", " ") + "*"
    return "*" + match.group(1) + "*"


def myst_to_notebook_markdown(text: str) -> str:
    """Rewrite the MyST-only syntax of one Markdown cell for Colab/Jupyter."""
    text = QUIZ_BLOCK.sub(quiz_to_markdown, text)
    previous = None
    while previous != text:  # nested directives (a grid of cards) from outside in
        previous, text = text, COLON_DIRECTIVE.sub(colon_directive_to_markdown, text)
    text = BACKTICK_ADMONITION.sub(colon_directive_to_markdown, text)
    text = GLUE_ROLE.sub(lambda m: f"`{m.group(1)}`", text)
    text = DOC_ROLE.sub(doc_role_to_text, text)
    return OTHER_ROLE.sub(lambda m: m.group(1), text)


def repository_url(root: Path = REPO_ROOT) -> str:
    config = yaml.safe_load((root / "_config.yml").read_text())
    return config["repository"]["url"]


def chapter_notebook(chapter: Path, repository: str):
    """The Colab notebook for ``chapter`` (a MyST .md file), outputs empty."""
    notebook = jupytext.read(chapter)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = myst_to_notebook_markdown(cell.source)
        cell.pop("id", None)
    setup = nbformat.v4.new_code_cell(SETUP_CELL.format(repository=repository).rstrip())
    setup.metadata["tags"] = ["colab-setup"]
    notebook.cells.insert(0, setup)
    for cell in notebook.cells:
        cell.pop("id", None)
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "colab": {"provenance": []},
    }
    notebook.nbformat, notebook.nbformat_minor = 4, 4
    return notebook


def notebook_text(notebook) -> str:
    return nbformat.writes(notebook, version=4) + "\n"


def chapters(root: Path = REPO_ROOT) -> list[Path]:
    """Every chapter in the toc that is a notebook (has a kernelspec)."""
    found = []
    for entry in read_toc(root):
        path = root / f"{entry.path}.md"
        if path.is_file() and "kernelspec:" in path.read_text(encoding="utf-8")[:800]:
            found.append(path)
    return found


def target_for(chapter: Path, root: Path = REPO_ROOT) -> Path:
    return root / "notebooks" / chapter.relative_to(root).with_suffix(".ipynb")


def stale_notebooks(root: Path = REPO_ROOT) -> list[str]:
    """Chapters whose committed notebook is missing or differs from a fresh one."""
    repository = repository_url(root)
    problems = []
    expected = set()
    for chapter in chapters(root):
        target = target_for(chapter, root)
        expected.add(target)
        fresh = notebook_text(chapter_notebook(chapter, repository))
        if not target.is_file():
            problems.append(f"{target.relative_to(root)}: missing. Fix: run `make notebooks`")
        elif target.read_text(encoding="utf-8") != fresh:
            problems.append(f"{target.relative_to(root)}: stale (differs from "
                            f"{chapter.relative_to(root)}). Fix: run `make notebooks`")
    for extra in sorted((root / "notebooks").rglob("*.ipynb")):
        if extra not in expected:
            problems.append(f"{extra.relative_to(root)}: no chapter in _toc.yml produces it. "
                            "Fix: run `make notebooks` (it deletes leftovers)")
    return problems


def write_notebooks(root: Path = REPO_ROOT) -> list[Path]:
    repository = repository_url(root)
    written = []
    for chapter in chapters(root):
        target = target_for(chapter, root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(notebook_text(chapter_notebook(chapter, repository)), encoding="utf-8")
        written.append(target)
    for extra in (root / "notebooks").rglob("*.ipynb"):
        if extra not in written:
            extra.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report stale or missing notebooks")
    args = parser.parse_args(argv)
    if args.check:
        problems = stale_notebooks()
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0
    for path in write_notebooks():
        print(f"wrote {path.relative_to(REPO_ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
