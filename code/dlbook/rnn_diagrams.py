"""Diagrams of recurrent cells, drawn with matplotlib for the RNN chapter.

- :func:`draw_unrolled_rnn`: a simple RNN, rolled and unrolled over time.
- :func:`draw_lstm_cell`: the LSTM cell (Keras's equations, forget gate
  included).
- :func:`draw_gru_cell`: the GRU cell in Keras 3's ``reset_after`` form.

Each returns the matplotlib ``Figure``; the chapter shows it. The drawing is
plain patches and arrows on an axis without ticks, in the book's palette, so
the figures read on the light and the dark theme alike (white card).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from dlbook.plotting import PALETTE

#: Colours by role: the gates and candidate in blue and orange, the state
#: lines black, elementwise operations on a light background.
GATE_COLOUR = PALETTE[0]
TANH_COLOUR = PALETTE[1]
BACKWARD_COLOUR = PALETTE[3]


def _canvas(width: float, height: float, xlim, ylim):
    fig, ax = plt.subplots(figsize=(width, height))
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _box(ax, x, y, text, w=1.0, h=0.7, colour="black", fontsize=11,
         fill="white"):
    """A rounded box centred on (x, y) holding ``text``."""
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.05", linewidth=1.8,
                                edgecolor=colour, facecolor=fill, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=fontsize,
            color=colour, zorder=4)


def _op(ax, x, y, symbol, r=0.28):
    """An elementwise operation (a circle holding e.g. '×' or '+')."""
    ax.add_patch(Circle((x, y), r, linewidth=1.5, edgecolor="black",
                        facecolor="#F2F2F2", zorder=3))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=13, zorder=4)


def _arrow(ax, start, end, colour="black", style="-|>", lw=1.5, ls="-",
           connection="arc3"):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style,
                                 mutation_scale=12, linewidth=lw,
                                 color=colour, linestyle=ls, zorder=2,
                                 shrinkA=0, shrinkB=0,
                                 connectionstyle=connection))


def _line(ax, xs, ys, colour="black", lw=1.5):
    ax.plot(xs, ys, color=colour, lw=lw, zorder=2, solid_capstyle="round")


def _label(ax, x, y, text, fontsize=11, colour="black", **kwargs):
    kwargs.setdefault("ha", "center")
    kwargs.setdefault("va", "center")
    ax.text(x, y, text, fontsize=fontsize, color=colour, zorder=5, **kwargs)


def draw_unrolled_rnn(steps: int = 4):
    """A simple RNN as a loop (left) and unrolled over ``steps`` steps.

    The unrolled chain shows the input x_t entering each copy from below,
    the state h_t leaving upwards and to the next copy, h_0 = 0 entering
    the first copy, and a dashed arrow for the gradient that
    backpropagation through time carries back along the chain.
    """
    if steps < 2:
        raise ValueError(f"draw at least 2 steps to show the chain, got {steps}.")
    gap, first = 2.1, 4.6
    right = first + gap * (steps - 1) + 1.0
    fig, ax = _canvas(1.45 * right / 2 + 1.2, 3.6, (-0.9, right), (-0.9, 3.6))
    # Rolled: one cell whose state loops back into it.
    _box(ax, 0.4, 1.2, "RNN", w=1.1, h=0.8)
    _arrow(ax, (0.4, 0.0), (0.4, 0.8))
    _label(ax, 0.4, -0.3, "$x_t$")
    _arrow(ax, (0.4, 1.6), (0.4, 2.6))
    _label(ax, 0.4, 2.9, "$h_t$")
    _line(ax, [0.4, 1.5, 1.5], [2.15, 2.15, 1.2])
    _arrow(ax, (1.5, 1.2), (0.95, 1.2))
    _label(ax, 1.95, 1.7, "$h_{t-1}$", fontsize=10)
    _label(ax, 2.45, 1.2, "=", fontsize=20)
    # Unrolled chain.
    xs = [first + gap * k for k in range(steps)]
    _label(ax, xs[0] - 1.25, 1.55, "$h_0 = 0$", fontsize=10)
    _arrow(ax, (xs[0] - 1.25, 1.2), (xs[0] - 0.55, 1.2))
    for k, x in enumerate(xs, 1):
        t = str(k) if k < steps else "T"
        _box(ax, x, 1.2, "RNN", w=1.1, h=0.8)
        _arrow(ax, (x, 0.0), (x, 0.8))
        _label(ax, x, -0.3, f"$x_{t}$")
        _arrow(ax, (x, 1.6), (x, 2.6))
        _label(ax, x, 2.9, f"$h_{t}$")
        if k < steps:
            _arrow(ax, (x + 0.55, 1.2), (x + gap - 0.55, 1.2))
            label = f"$h_{k}$" if k < steps - 1 else "$\\cdots$"
            _label(ax, x + gap / 2, 1.45, label, fontsize=10)
    # The gradient flowing back.
    _arrow(ax, (xs[-1] - 0.2, 0.45), (xs[0] + 0.2, 0.45),
           colour=BACKWARD_COLOUR, ls="--", lw=1.4)
    _label(ax, (xs[0] + xs[-1]) / 2, -0.72,
           "backpropagation through time: the same $W, U, b$ at every step",
           fontsize=9.5, colour=BACKWARD_COLOUR)
    return fig


def draw_lstm_cell():
    """One LSTM step: the cell-state line on top, four gates below.

    Inputs h_{t-1} and x_t feed the forget gate f_t, input gate i_t, the
    candidate c~_t and the output gate o_t; c_t = f_t * c_{t-1} + i_t * c~_t
    and h_t = o_t * tanh(c_t).
    """
    fig, ax = _canvas(7.6, 4.4, (-1.6, 11.2), (-1.0, 6.4))
    ax.add_patch(FancyBboxPatch((0, 0), 9.6, 5.6, boxstyle="round,pad=0.1",
                                linewidth=1.2, edgecolor="grey",
                                facecolor="#FAFAFA", zorder=1))
    top, bus, gate_y = 4.8, 0.8, 2.3
    # Cell-state line: c_{t-1} -> x f_t -> + i_t*c~_t -> c_t.
    _label(ax, -0.9, top, "$c_{t-1}$")
    _line(ax, [-0.4, 1.72], [top, top])
    _op(ax, 2.0, top, "×")
    _line(ax, [2.28, 4.62], [top, top])
    _op(ax, 4.9, top, "+")
    _arrow(ax, (5.18, top), (10.3, top))
    _label(ax, 10.75, top, "$c_t$")
    # Inputs join into one bus.
    _label(ax, -0.9, bus, "$h_{t-1}$")
    _line(ax, [-0.4, 7.4], [bus, bus])
    _arrow(ax, (0.6, -0.8), (0.6, bus - 0.05))
    _label(ax, 0.95, -0.6, "$x_t$")
    gates = [(2.0, r"$\sigma$", "$f_t$", GATE_COLOUR),
             (3.6, r"$\sigma$", "$i_t$", GATE_COLOUR),
             (5.2, "tanh", r"$\tilde c_t$", TANH_COLOUR),
             (7.4, r"$\sigma$", "$o_t$", GATE_COLOUR)]
    for x, text, name, colour in gates:
        _arrow(ax, (x, bus), (x, gate_y - 0.35))
        _box(ax, x, gate_y, text, w=0.95, h=0.7, colour=colour)
        _label(ax, x + 0.62, gate_y + 0.62, name, fontsize=10, colour=colour)
    # f_t multiplies the old cell state.
    _arrow(ax, (2.0, gate_y + 0.35), (2.0, top - 0.28))
    # i_t * c~_t is added to it.
    _op(ax, 4.4, 3.55, "×")
    _arrow(ax, (3.6, gate_y + 0.35), (4.18, 3.38))
    _arrow(ax, (5.2, gate_y + 0.35), (4.62, 3.38))
    _arrow(ax, (4.4, 3.83), (4.9, top - 0.28))
    # h_t = o_t * tanh(c_t).
    _box(ax, 8.6, 3.75, "tanh", w=0.95, h=0.6, colour=TANH_COLOUR)
    _arrow(ax, (8.6, top), (8.6, 4.05))
    _op(ax, 8.6, 2.3, "×")
    _arrow(ax, (8.6, 3.45), (8.6, 2.58))
    _arrow(ax, (7.87, gate_y), (8.32, 2.3))
    _line(ax, [8.6, 8.6], [2.02, bus])
    _arrow(ax, (8.6, bus), (10.3, bus))
    _label(ax, 10.75, bus, "$h_t$")
    _arrow(ax, (9.3, bus), (9.3, 6.2))
    _label(ax, 9.65, 6.1, "$h_t$")
    return fig


def draw_gru_cell():
    """One GRU step in Keras 3's form (``reset_after=True``).

    The state line on top carries h_{t-1}; the update gate u_t (Keras's z)
    keeps u_t * h_{t-1} and the candidate h~_t fills in (1 - u_t) * h~_t. The reset gate
    r_t scales the recurrent term U_h h_{t-1} + b'_h inside the candidate.
    """
    fig, ax = _canvas(7.6, 4.4, (-1.6, 11.2), (-1.0, 6.4))
    ax.add_patch(FancyBboxPatch((0, 0), 9.6, 5.6, boxstyle="round,pad=0.1",
                                linewidth=1.2, edgecolor="grey",
                                facecolor="#FAFAFA", zorder=1))
    top, bus, gate_y = 4.8, 0.8, 1.9
    # State line: h_{t-1} -> x u_t -> + (1 - u_t) h~_t -> h_t.
    _label(ax, -0.9, top, "$h_{t-1}$")
    _line(ax, [-0.4, 4.02], [top, top])
    _op(ax, 4.3, top, "×")
    _line(ax, [4.58, 7.32], [top, top])
    _op(ax, 7.6, top, "+")
    _arrow(ax, (7.88, top), (10.3, top))
    _label(ax, 10.75, top, "$h_t$")
    _arrow(ax, (9.3, top), (9.3, 6.2))
    _label(ax, 9.65, 6.1, "$h_t$")
    # h_{t-1} drops into the bus, where x_t joins it.
    _line(ax, [0.3, 0.3], [top, bus])
    _line(ax, [0.3, 6.4], [bus, bus])
    _arrow(ax, (0.9, -0.8), (0.9, bus - 0.05))
    _label(ax, 1.25, -0.6, "$x_t$")
    for x, name in [(1.5, "$r_t$"), (4.3, "$u_t$")]:
        _arrow(ax, (x, bus), (x, gate_y - 0.35))
        _box(ax, x, gate_y, r"$\sigma$", w=0.95, h=0.7, colour=GATE_COLOUR)
        _label(ax, x - 0.75, gate_y, name, fontsize=10, colour=GATE_COLOUR)
    # Reset gate: r_t * (U_h h_{t-1} + b'_h) enters the candidate.
    _box(ax, 2.7, 3.8, "$U_h$", w=0.75, h=0.5, fontsize=10)
    _arrow(ax, (2.7, top), (2.7, 4.05))
    _op(ax, 2.7, 2.9, "×")
    _arrow(ax, (2.7, 3.55), (2.7, 3.18))
    _line(ax, [1.5, 1.5], [gate_y + 0.35, 2.9])
    _arrow(ax, (1.5, 2.9), (2.42, 2.9))
    _arrow(ax, (2.98, 2.9), (5.92, 2.9))
    _box(ax, 6.4, 2.9, "tanh", w=0.95, h=0.7, colour=TANH_COLOUR)
    _arrow(ax, (6.4, bus), (6.4, 2.55))
    _label(ax, 7.25, 2.6, r"$\tilde h_t$", fontsize=10, colour=TANH_COLOUR)
    # Update gate: u_t keeps the old state, 1 - u_t lets the candidate in.
    _arrow(ax, (4.3, gate_y + 0.35), (4.3, top - 0.28))
    _line(ax, [4.3, 4.95], [3.8, 3.8])
    _box(ax, 5.3, 3.8, "$1-$", w=0.7, h=0.5, fontsize=10)
    _arrow(ax, (5.65, 3.8), (7.32, 3.8))
    _op(ax, 7.6, 3.8, "×")
    _line(ax, [6.88, 7.6], [2.9, 2.9])
    _arrow(ax, (7.6, 2.9), (7.6, 3.52))
    _arrow(ax, (7.6, 4.08), (7.6, top - 0.28))
    return fig
