"""The execution stamp names the backend and the libraries a chapter uses."""

from __future__ import annotations

from dlbook.environment import describe_environment
from dlbook.sphinxext.stamp import imported_modules, stamp_text

RUN = {"mtime": 1796170000.0, "runtime": 5.94}
ENVIRONMENT = {
    "device": "CPU: Test CPU (2 cores)", "python": "3.11.7",
    "backend": "tensorflow",
    "versions": {"numpy": "2.4.6", "matplotlib": "3.11.2",
                 "sklearn": "1.9.1", "keras": "3.15.1",
                 "tensorflow": "2.21.0", "jax": "0.10.2"}}


def test_a_keras_chapter_names_its_libraries_and_backend():
    modules = imported_modules(
        "import numpy as np\nimport matplotlib.pyplot as plt\n"
        "from sklearn.linear_model import Ridge\nimport keras\n")
    text = stamp_text(RUN, ENVIRONMENT, modules)
    assert text.endswith(
        "in 5.9 s, with Python 3.11.7, NumPy 2.4.6, Matplotlib 3.11.2, "
        "scikit-learn 1.9.1, Keras 3.15.1 on the TensorFlow 2.21.0 "
        "backend.")
    assert "JAX" not in text


def test_a_numpy_only_chapter_names_numpy_and_matplotlib_not_keras():
    environment = {k: v for k, v in ENVIRONMENT.items() if k != "backend"}
    modules = imported_modules("import dlbook\nimport numpy as np\n"
                               "import matplotlib.pyplot as plt\n")
    text = stamp_text(RUN, environment, modules)
    assert text.endswith("with Python 3.11.7, NumPy 2.4.6, "
                         "Matplotlib 3.11.2.")


def test_the_jax_backend_is_named_once():
    environment = dict(ENVIRONMENT, backend="jax")
    text = stamp_text(RUN, environment, {"numpy", "keras", "jax"})
    assert "Keras 3.15.1 on the JAX 0.10.2 backend" in text
    assert text.count("JAX") == 1 and "TensorFlow" not in text


def test_the_recorded_environment_holds_installed_versions():
    info = describe_environment()
    assert info["python"].count(".") == 2
    assert {"numpy", "matplotlib", "keras"} <= set(info["versions"])
