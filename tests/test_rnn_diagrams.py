"""Tests for dlbook.rnn_diagrams: each diagram draws the parts it names."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from dlbook.rnn_diagrams import (draw_gru_cell, draw_lstm_cell,  # noqa: E402
                                 draw_unrolled_rnn)


def texts(fig):
    return {t.get_text() for ax in fig.axes for t in ax.texts}


def test_the_unrolled_rnn_shows_every_input_and_state():
    fig = draw_unrolled_rnn(steps=4)
    labels = texts(fig)
    for label in ["$x_1$", "$x_2$", "$x_3$", "$x_T$", "$h_1$", "$h_T$",
                  "$h_0 = 0$", "$x_t$", "$h_t$"]:
        assert label in labels, label
    assert any("backpropagation through time" in t for t in labels)
    plt.close(fig)


def test_the_unrolled_rnn_needs_at_least_two_steps():
    with pytest.raises(ValueError, match="at least 2 steps"):
        draw_unrolled_rnn(steps=1)


def test_the_lstm_cell_names_its_gates_and_states():
    fig = draw_lstm_cell()
    labels = texts(fig)
    for label in ["$f_t$", "$i_t$", r"$\tilde c_t$", "$o_t$", "$c_{t-1}$",
                  "$c_t$", "$h_{t-1}$", "$h_t$", "$x_t$"]:
        assert label in labels, label
    plt.close(fig)


def test_the_gru_cell_names_its_gates_and_the_reset_after_term():
    fig = draw_gru_cell()
    labels = texts(fig)
    for label in ["$r_t$", "$u_t$", r"$\tilde h_t$", "$U_h$", "$1-$",
                  "$h_{t-1}$", "$h_t$", "$x_t$"]:
        assert label in labels, label
    plt.close(fig)
