"""Where the repository's folders are, wherever a chapter runs from."""

from pathlib import Path

# code/dlbook/paths.py -> the repository root is two folders above `dlbook/`.
REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT / "data"
BOOK_DIR = REPO_ROOT / "book"
BUILD_DIR = REPO_ROOT / "_build"
