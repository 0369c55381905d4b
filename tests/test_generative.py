"""dlbook.generative: the Frechet distance and the GAN step on each backend."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from dlbook.generative import (build_feature_classifier, feature_distance,
                               frechet_distance)


def random_covariance(k, seed):
    A = np.random.default_rng(seed).standard_normal((k, k))
    return A @ A.T + 0.1 * np.eye(k)          # symmetric positive definite


def test_frechet_distance_matches_the_closed_form_for_scaled_covariances():
    # cov2 = c cov1 gives (cov1 cov2)^(1/2) = sqrt(c) cov1.
    cov1, c = random_covariance(5, 0), 2.5
    mu1, mu2 = np.arange(5.0), np.ones(5)
    exact = np.sum((mu1 - mu2) ** 2) + (1 - np.sqrt(c)) ** 2 * np.trace(cov1)
    assert np.isclose(frechet_distance(mu1, cov1, mu2, c * cov1), exact)


def test_frechet_distance_is_zero_for_equal_gaussians_and_symmetric():
    cov1, cov2 = random_covariance(4, 1), random_covariance(4, 2)
    mu1, mu2 = np.zeros(4), np.full(4, 0.5)
    assert np.isclose(frechet_distance(mu1, cov1, mu1, cov1), 0, atol=1e-8)
    assert np.isclose(frechet_distance(mu1, cov1, mu2, cov2),
                      frechet_distance(mu2, cov2, mu1, cov1))


def test_feature_distance_grows_when_one_set_is_shifted():
    classifier, feature_model = build_feature_classifier(6, n_classes=3,
                                                         n_features=4)
    assert classifier.output_shape == (None, 3)
    assert feature_model.output_shape == (None, 4)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((400, 6)).astype("float32")
    Y = rng.standard_normal((400, 6)).astype("float32")
    same = feature_distance(feature_model, X, Y)
    shifted = feature_distance(feature_model, X, Y + 2.0)
    assert 0 <= same < shifted


# One GAN step from fixed weights, fixed data and fixed z, on whichever
# backend runs it; prints the losses and the updated weights as JSON.
# (No dropout or batch normalisation, so both backends must agree.)
GAN_STEP_SCRIPT = textwrap.dedent("""
    import json, os
    import numpy as np
    import keras
    from dlbook.generative import make_gan_train_step

    def model(n_in, n_out, seed):
        m = keras.Sequential([keras.Input(shape=(n_in,)),
                              keras.layers.Dense(4, activation="relu"),
                              keras.layers.Dense(n_out)])
        rng = np.random.default_rng(seed)
        m.set_weights([rng.normal(0, 0.5, w.shape).astype("float32")
                       for w in m.get_weights()])
        return m

    G, D = model(2, 3, seed=1), model(3, 1, seed=2)
    rng = np.random.default_rng(3)
    x_real = rng.normal(size=(8, 3)).astype("float32")
    z = rng.normal(size=(8, 2)).astype("float32")
    step = make_gan_train_step(G, D, lr=0.01)
    losses = [[float(v) for v in step(x_real, z)] for _ in range(3)]
    print(json.dumps({"backend": keras.backend.backend(), "losses": losses,
                      "G": [w.tolist() for w in G.get_weights()],
                      "D": [w.tolist() for w in D.get_weights()]}))
""")


def run_gan_step(backend):
    env = dict(os.environ, KERAS_BACKEND=backend, TF_CPP_MIN_LOG_LEVEL="3",
               JAX_PLATFORMS="cpu")
    result = subprocess.run([sys.executable, "-c", GAN_STEP_SCRIPT], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def tensorflow_steps():
    return run_gan_step("tensorflow")


def test_the_gan_step_changes_both_players_and_lowers_d_loss(
        tensorflow_steps):
    out = tensorflow_steps
    assert out["backend"] == "tensorflow"
    d_losses = [d for d, _ in out["losses"]]
    assert all(np.isfinite(out["losses"]).ravel())
    assert d_losses[-1] < d_losses[0]      # D learns to separate the two sets


def test_the_tensorflow_and_jax_gan_steps_give_the_same_updates(
        tensorflow_steps):
    pytest.importorskip("jax")
    jax_steps = run_gan_step("jax")
    assert jax_steps["backend"] == "jax"
    np.testing.assert_allclose(jax_steps["losses"], tensorflow_steps["losses"],
                               rtol=1e-4, atol=1e-5)
    for player in ("G", "D"):
        for w_jax, w_tf in zip(jax_steps[player], tensorflow_steps[player]):
            np.testing.assert_allclose(w_jax, w_tf, rtol=1e-4, atol=1e-5)


def test_the_gan_chapter_shows_the_steps_it_runs():
    """The TensorFlow and JAX tabs in gans.md hold the module's code verbatim,
    so what readers see is what the chapter executes."""
    import inspect
    import re

    from dlbook import generative
    from dlbook.paths import REPO_ROOT

    text = (REPO_ROOT / "book" / "architectures" / "gans.md").read_text(
        encoding="utf-8")
    blocks = re.findall(r"^:::\{tab-item\} (\w+)\n```python\n(.*?)^```$",
                        text, re.S | re.M)
    shown = {name: code.rstrip() for name, code in blocks}
    assert shown.keys() == {"TensorFlow", "JAX"}, shown.keys()
    assert shown["TensorFlow"] == inspect.getsource(
        generative.gan_train_step_tensorflow).rstrip()
    assert shown["JAX"] == inspect.getsource(
        generative.gan_train_step_jax).rstrip()
