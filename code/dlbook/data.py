"""Data sets for the book, loaded offline and checked before use.

Every loader looks for a local copy first (a Debian package, a file in the
repository's ``data/`` folder or the Keras cache), falls back to the ordinary
public download where the machine is online, verifies a SHA-256 checksum of
the decoded content, and otherwise raises :class:`DataError` with a message
that names the missing file and the command that fixes it.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from pathlib import Path

import numpy as np


class DataError(RuntimeError):
    """A data file is missing or corrupt. The message says how to fix it."""


def sha256_bytes(raw: bytes) -> str:
    """Hex SHA-256 of ``raw``."""
    return hashlib.sha256(raw).hexdigest()


# --------------------------------------------------------------------------
# Fashion-MNIST (Xiao, Rasul & Vollgraf 2017; MIT licence)
# --------------------------------------------------------------------------

#: SHA-256 of each file's *decompressed* bytes, so a copy recompressed by a
#: packager still verifies while a truncated or altered one does not.
FASHION_MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte.gz": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte.gz": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte.gz": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}

FASHION_MNIST_CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

#: Where the Debian/Ubuntu package ``dataset-fashion-mnist`` puts the files.
DEBIAN_FASHION_MNIST_DIR = Path("/usr/share/datasets/fashion-mnist")
KERAS_FASHION_MNIST_URL = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

FASHION_MNIST_FIX = (
    "Fix: on Debian/Ubuntu run `sudo apt-get install dataset-fashion-mnist`; "
    "elsewhere connect to the internet once (Keras downloads the files to "
    "~/.keras/datasets/fashion-mnist), or set DLBOOK_FASHION_MNIST_DIR to a "
    "folder that holds the four .gz files."
)


def fashion_mnist_dirs() -> list[Path]:
    """Folders searched for the Fashion-MNIST files, in order."""
    dirs = []
    if os.environ.get("DLBOOK_FASHION_MNIST_DIR"):
        dirs.append(Path(os.environ["DLBOOK_FASHION_MNIST_DIR"]))
    dirs.append(DEBIAN_FASHION_MNIST_DIR)
    dirs.append(Path.home() / ".keras" / "datasets" / "fashion-mnist")
    return dirs


def read_idx_gz(path: Path, expected_sha256: str) -> np.ndarray:
    """Decode one gzipped IDX file after checking its checksum.

    Returns uint8 images ``(n, rows, cols)`` or labels ``(n,)``.
    """
    try:
        raw = gzip.decompress(path.read_bytes())
    except FileNotFoundError:
        raise DataError(f"missing data file {path}. {FASHION_MNIST_FIX}") from None
    except (OSError, EOFError) as err:  # truncated or not gzip at all
        raise DataError(f"corrupt data file {path} ({err}). {FASHION_MNIST_FIX}") from None
    if sha256_bytes(raw) != expected_sha256:
        raise DataError(
            f"checksum mismatch for {path}: the file is corrupt or not the "
            f"original Fashion-MNIST. Delete it, then: {FASHION_MNIST_FIX}"
        )
    magic = int.from_bytes(raw[2:4], "big")  # 0x0801 labels, 0x0803 images
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(magic & 0xFF)]
    offset = 4 + 4 * len(dims)
    return np.frombuffer(raw, np.uint8, offset=offset).reshape(dims)


def _download_with_keras() -> Path | None:
    """Let Keras fetch the files (only works online). Returns their folder."""
    try:
        from keras.utils import get_file

        for name in FASHION_MNIST_SHA256:
            path = get_file(name, origin=KERAS_FASHION_MNIST_URL + name,
                            cache_subdir="datasets/fashion-mnist")
        return Path(path).parent
    except Exception:  # offline, proxy refused, ...: the caller explains
        return None


def find_fashion_mnist(download: bool = True) -> Path:
    """Return a folder holding all four Fashion-MNIST files.

    Raises :class:`DataError` naming the first missing file if none is found.
    """
    dirs = fashion_mnist_dirs()
    for folder in dirs:
        if all((folder / name).is_file() for name in FASHION_MNIST_SHA256):
            return folder
    if download and (folder := _download_with_keras()) is not None:
        return folder
    first = dirs[0] / next(iter(FASHION_MNIST_SHA256))
    searched = ", ".join(str(d) for d in dirs)
    raise DataError(
        f"missing data file {first.name} for Fashion-MNIST (looked in {searched}; "
        f"no download possible). {FASHION_MNIST_FIX}"
    )


def load_fashion_mnist(download: bool = True):
    """Fashion-MNIST as ``(x_train, y_train), (x_test, y_test)``.

    Images are uint8 arrays of shape ``(60000, 28, 28)`` and ``(10000, 28, 28)``;
    labels are uint8 class indices 0-9 (names in ``FASHION_MNIST_CLASSES``).
    """
    folder = find_fashion_mnist(download=download)
    part = {name: read_idx_gz(folder / name, digest)
            for name, digest in FASHION_MNIST_SHA256.items()}
    return ((part["train-images-idx3-ubyte.gz"], part["train-labels-idx1-ubyte.gz"]),
            (part["t10k-images-idx3-ubyte.gz"], part["t10k-labels-idx1-ubyte.gz"]))


# --------------------------------------------------------------------------
# Small tables shipped in the repository's data/ folder
# --------------------------------------------------------------------------
#
# Each table is `data/<name>.csv` (or `.csv.gz` when large) with a sidecar
# `data/<name>.sha256` holding the SHA-256 of the file's bytes. The script
# that produced it from a pinned package lives in `data/scripts/`, and its
# source, citation and licence are in `data/README.md`.


def _table_path(name: str) -> Path:
    from dlbook.paths import DATA_DIR

    for suffix in (".csv", ".csv.gz"):
        if (DATA_DIR / f"{name}{suffix}").is_file():
            return DATA_DIR / f"{name}{suffix}"
    return DATA_DIR / f"{name}.csv"


def write_table(frame, name: str, compress: bool = False) -> Path:
    """Write ``frame`` as ``data/<name>.csv[.gz]`` plus its checksum sidecar.

    Used only by the scripts in ``data/scripts/`` that rebuild the data.
    Gzip output is written with a fixed timestamp so rebuilding is byte-exact.
    """
    from dlbook.paths import DATA_DIR

    path = DATA_DIR / (f"{name}.csv.gz" if compress else f"{name}.csv")
    text = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    raw = gzip.compress(text, mtime=0) if compress else text
    path.write_bytes(raw)
    (DATA_DIR / f"{name}.sha256").write_text(sha256_bytes(raw) + "\n")
    return path


def load_table(name: str, expected_shape: tuple[int, int] | None = None):
    """Load ``data/<name>.csv[.gz]`` as a pandas DataFrame, verified.

    Checks the SHA-256 sidecar and, if given, the shape ``(rows, columns)``;
    raises :class:`DataError` naming the file and the fix otherwise.
    """
    import pandas as pd

    path = _table_path(name)
    fix = (f"Fix: restore it with `git checkout -- data/` or rebuild it with "
           f"`python data/scripts/make_{name}.py`.")
    if not path.is_file():
        raise DataError(f"missing data file {path}. {fix}")
    sidecar = path.parent / f"{name}.sha256"
    if not sidecar.is_file():
        raise DataError(f"missing checksum file {sidecar} for {path}. {fix}")
    expected = sidecar.read_text().split()[0]
    if sha256_bytes(path.read_bytes()) != expected:
        raise DataError(f"checksum mismatch for {path}: the file was changed or "
                        f"corrupted. {fix}")
    frame = pd.read_csv(path)
    if expected_shape is not None and frame.shape != tuple(expected_shape):
        raise DataError(f"{path} has shape {frame.shape}, expected {tuple(expected_shape)}. {fix}")
    return frame
