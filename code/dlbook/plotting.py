"""The book's one plot style, and small plotting helpers shared by chapters."""

from __future__ import annotations

import matplotlib as mpl

#: Okabe-Ito colours: distinguishable with every common colour-vision
#: deficiency, and mid-luminance so they read on white and on the dark theme.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
           "#56B4E9", "#F0E442", "#000000"]

BOOK_STYLE = {
    # Figures keep an opaque white card: the dark theme shows them as a light
    # panel, so black text and the palette stay readable in both modes.
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "axes.facecolor": "white",
    "figure.dpi": 110,
    "figure.figsize": (6.4, 3.6),
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "image.cmap": "viridis",
}


def apply_style() -> None:
    """Apply the book style to every later matplotlib figure."""
    mpl.rcParams.update(BOOK_STYLE)
