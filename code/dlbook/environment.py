"""What machine and library versions executed a chapter (for its stamp)."""

from __future__ import annotations

import json
import os
import platform
import sys
from importlib import metadata
from pathlib import Path


def cpu_model() -> str:
    """The CPU's marketing name, e.g. 'Intel(R) Xeon(R) Platinum 8481C'."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown CPU"


#: Libraries a stamp may name: import name -> (distributions, display name).
LIBRARIES = {
    "numpy": (("numpy",), "NumPy"),
    "pandas": (("pandas",), "pandas"),
    "matplotlib": (("matplotlib",), "Matplotlib"),
    "scipy": (("scipy",), "SciPy"),
    "sklearn": (("scikit-learn",), "scikit-learn"),
    "skimage": (("scikit-image",), "scikit-image"),
    "keras": (("keras",), "Keras"),
    "tensorflow": (("tensorflow-cpu", "tensorflow"), "TensorFlow"),
    "jax": (("jax",), "JAX"),
    "torch": (("torch",), "PyTorch"),
}


def installed_version(distributions: tuple[str, ...]) -> str | None:
    """The installed version of the first of ``distributions`` found."""
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def gpu_names() -> list[str]:
    """Names of the GPUs the active Keras backend can use (may be empty)."""
    if "jax" in sys.modules:
        jax = sys.modules["jax"]
        return [d.device_kind for d in jax.devices() if d.platform == "gpu"]
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        return [torch.cuda.get_device_name(i)
                for i in range(torch.cuda.device_count())]
    if "tensorflow" not in sys.modules:
        return []
    tf = sys.modules["tensorflow"]
    names = []
    for device in tf.config.list_physical_devices("GPU"):
        details = tf.config.experimental.get_device_details(device)
        names.append(details.get("device_name", device.name))
    return names


def describe_environment() -> dict:
    """Device, Keras backend (when Keras is loaded) and library versions.

    Versions come from the installed distributions, so a library the
    chapter imports after setup() is covered too; the stamp shows only
    those the chapter imports.
    """
    gpus = gpu_names()
    device = ("GPU: " + ", ".join(gpus)) if gpus else \
        f"CPU: {cpu_model()} ({os.cpu_count()} cores)"
    info = {"device": device, "python": platform.python_version()}
    if "keras" in sys.modules:
        info["backend"] = sys.modules["keras"].backend.backend()
    info["versions"] = {
        module: version for module, (dists, _) in LIBRARIES.items()
        if (version := installed_version(dists)) is not None}
    return info


def environment_json() -> str:
    """The description as one JSON string (what the chapter glues)."""
    return json.dumps(describe_environment(), sort_keys=True)
