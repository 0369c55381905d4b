"""Tests for dlbook.rbm: the formulas match brute force, and CD-1 learns."""

import itertools

import numpy as np
import pytest

from dlbook.rbm import BernoulliRBM, sigmoid


def all_binary(n):
    """Every 0/1 vector of length n, one per row: (2**n, n)."""
    return np.array(list(itertools.product([0.0, 1.0], repeat=n)))


def tiny_rbm(n_visible=4, n_hidden=3, seed=1):
    """An RBM small enough to enumerate, with random (not tiny) parameters."""
    rbm = BernoulliRBM(n_hidden=n_hidden, seed=seed)
    rng = np.random.default_rng(seed)
    rbm.W = rng.normal(0.0, 1.0, size=(n_visible, n_hidden))
    rbm.a = rng.normal(0.0, 0.5, size=n_visible)
    rbm.b = rng.normal(0.0, 0.5, size=n_hidden)
    return rbm


def toy_data(n=200, seed=0):
    """Two 16-pixel prototypes (left half on / right half on), 5% of bits flipped."""
    rng = np.random.default_rng(seed)
    prototypes = np.array([[1.0] * 8 + [0.0] * 8, [0.0] * 8 + [1.0] * 8])
    V = prototypes[rng.integers(0, 2, size=n)]
    flips = rng.random(V.shape) < 0.05
    return np.where(flips, 1.0 - V, V)


def exact_log_likelihood_gradient(rbm, V):
    """d/dW of the mean log p(v) over the rows of V, by enumerating every v."""
    V_all = all_binary(rbm.W.shape[0])
    p_v = np.exp(-rbm.free_energy(V_all))
    p_v /= p_v.sum()
    data_term = V.T @ rbm.hidden_probabilities(V) / len(V)
    model_term = (V_all * p_v[:, None]).T @ rbm.hidden_probabilities(V_all)
    return data_term - model_term


def test_cd1_gradients_have_the_shapes_of_the_parameters():
    rbm = BernoulliRBM(n_hidden=5, seed=0)
    rbm.init_params(16)
    dW, da, db = rbm.cd1_gradients(toy_data(n=12))
    assert dW.shape == rbm.W.shape == (16, 5)
    assert da.shape == rbm.a.shape == (16,)
    assert db.shape == rbm.b.shape == (5,)


def test_cd1_raises_visible_biases_of_units_that_are_always_on():
    rbm = BernoulliRBM(n_hidden=5, seed=0)
    rbm.init_params(16)
    _, da_on, _ = rbm.cd1_gradients(np.ones((50, 16)))
    _, da_off, _ = rbm.cd1_gradients(np.zeros((50, 16)))
    # At initialisation a reconstruction is on about half the time, so the data
    # (always on / always off) pulls each visible bias up / down.
    assert np.all(da_on >= 0) and da_on.mean() > 0.3
    assert np.all(da_off <= 0) and da_off.mean() < -0.3


def test_cd1_gradient_points_uphill_on_the_exact_log_likelihood():
    rbm = tiny_rbm()
    V = all_binary(4)[[3, 5, 12, 15, 15, 3]]
    exact = exact_log_likelihood_gradient(rbm, V)
    cd1 = np.mean([rbm.cd1_gradients(V)[0] for _ in range(2000)], axis=0)
    cosine = np.sum(exact * cd1) / (np.linalg.norm(exact) * np.linalg.norm(cd1))
    assert cosine > 0.7, cosine


def test_exact_gradient_formula_matches_finite_differences_of_the_log_likelihood():
    rbm = tiny_rbm()
    V = all_binary(4)[[3, 5, 12, 15]]

    def mean_log_likelihood():
        log_Z = np.logaddexp.reduce(-rbm.free_energy(all_binary(4)))
        return np.mean(-rbm.free_energy(V) - log_Z)

    h, numeric = 1e-6, np.zeros_like(rbm.W)
    for index in np.ndindex(rbm.W.shape):
        rbm.W[index] += h
        up = mean_log_likelihood()
        rbm.W[index] -= 2 * h
        numeric[index] = (up - mean_log_likelihood()) / (2 * h)
        rbm.W[index] += h
    np.testing.assert_allclose(exact_log_likelihood_gradient(rbm, V), numeric, atol=1e-7)


def test_hidden_conditionals_equal_the_sigmoid_formula_by_enumeration():
    rbm = tiny_rbm()
    H_all = all_binary(3)
    for v in all_binary(4):
        weights = np.exp(-rbm.energy(np.tile(v, (len(H_all), 1)), H_all))
        p_h_on = (weights[:, None] * H_all).sum(axis=0) / weights.sum()
        np.testing.assert_allclose(p_h_on, rbm.hidden_probabilities(v[None])[0])


def test_visible_conditionals_equal_the_sigmoid_formula_by_enumeration():
    rbm = tiny_rbm()
    V_all = all_binary(4)
    for h in all_binary(3):
        weights = np.exp(-rbm.energy(V_all, np.tile(h, (len(V_all), 1))))
        p_v_on = (weights[:, None] * V_all).sum(axis=0) / weights.sum()
        np.testing.assert_allclose(p_v_on, rbm.visible_probabilities(h[None])[0])


def test_free_energy_is_minus_log_of_the_sum_over_hidden_states():
    rbm = tiny_rbm()
    H_all = all_binary(3)
    for v in all_binary(4):
        energies = rbm.energy(np.tile(v, (len(H_all), 1)), H_all)
        expected = -np.logaddexp.reduce(-energies)
        assert np.isclose(rbm.free_energy(v[None])[0], expected)


def test_pseudo_log_likelihood_sums_the_exact_one_bit_conditionals():
    rbm = tiny_rbm()
    V_all = all_binary(4)
    p_v = np.exp(-rbm.free_energy(V_all))   # unnormalised p(v)
    v = V_all[6]
    expected = 0.0
    for i in range(4):
        partner = v.copy()
        partner[i] = 1 - partner[i]
        p_same = p_v[int("".join(str(int(x)) for x in v), 2)]
        p_other = p_v[int("".join(str(int(x)) for x in partner), 2)]
        expected += np.log(p_same / (p_same + p_other))
    assert np.isclose(rbm.pseudo_log_likelihood(v[None])[0], expected)


def test_reconstruction_error_decreases_on_a_toy_data_set():
    V = toy_data()
    rbm = BernoulliRBM(n_hidden=4, learning_rate=0.1, n_epochs=15, seed=0)
    rbm.init_params(16)
    before = rbm.reconstruction_error(V)
    rbm.fit(V)
    assert rbm.history[-1] < rbm.history[0] < before
    assert rbm.history[-1] < 0.5 * before


def test_two_fits_with_the_same_seed_give_identical_weights():
    V = toy_data()
    first = BernoulliRBM(n_hidden=4, n_epochs=3, seed=7).fit(V)
    second = BernoulliRBM(n_hidden=4, n_epochs=3, seed=7).fit(V)
    third = BernoulliRBM(n_hidden=4, n_epochs=3, seed=8).fit(V)
    np.testing.assert_array_equal(first.W, second.W)
    assert first.history == second.history
    assert not np.allclose(first.W, third.W)


def test_transform_returns_one_row_of_hidden_probabilities_per_sample():
    V = toy_data(n=30)
    rbm = BernoulliRBM(n_hidden=6, n_epochs=2, seed=0).fit(V)
    H = rbm.transform(V[:7])
    assert H.shape == (7, 6)
    assert np.all((H > 0) & (H < 1))
    np.testing.assert_allclose(H, sigmoid(V[:7] @ rbm.W + rbm.b))


def test_gibbs_returns_visible_probabilities_for_every_chain():
    rbm = BernoulliRBM(n_hidden=4, n_epochs=5, seed=0).fit(toy_data())
    P = rbm.gibbs(toy_data(n=3, seed=1), n_steps=10)
    assert P.shape == (3, 16)
    assert np.all((P >= 0) & (P <= 1))


def test_wrong_shapes_are_rejected_with_a_message_that_says_what_to_do():
    rbm = BernoulliRBM(n_hidden=4, n_epochs=1, seed=0).fit(toy_data(n=20))
    with pytest.raises(ValueError, match="reshape"):
        rbm.transform(np.ones(16))
    with pytest.raises(ValueError, match="16 visible units"):
        rbm.transform(np.ones((2, 9)))
