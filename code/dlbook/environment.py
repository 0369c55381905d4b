"""What machine and library versions executed a chapter (for its stamp)."""

from __future__ import annotations

import json
import os
import platform
import sys
from pathlib import Path


def cpu_model() -> str:
    """The CPU's marketing name, e.g. 'Intel(R) Xeon(R) Platinum 8481C'."""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine() or "unknown CPU"


def gpu_names() -> list[str]:
    """Names of the GPUs TensorFlow can use (empty on a CPU-only machine)."""
    if "tensorflow" not in sys.modules:
        return []
    tf = sys.modules["tensorflow"]
    names = []
    for device in tf.config.list_physical_devices("GPU"):
        details = tf.config.experimental.get_device_details(device)
        names.append(details.get("device_name", device.name))
    return names


def describe_environment() -> dict[str, str]:
    """Device and versions, as the execution stamp shows them."""
    gpus = gpu_names()
    device = ("GPU: " + ", ".join(gpus)) if gpus else \
        f"CPU: {cpu_model()} ({os.cpu_count()} cores)"
    info = {"device": device, "python": platform.python_version()}
    if "tensorflow" in sys.modules:
        import keras

        info["tensorflow"] = sys.modules["tensorflow"].__version__
        info["keras"] = keras.__version__
    return info


def environment_json() -> str:
    """The description as one JSON string (what the chapter glues)."""
    return json.dumps(describe_environment(), sort_keys=True)
