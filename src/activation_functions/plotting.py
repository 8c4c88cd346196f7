r"""Figures for the site: activations, decision boundaries, training curves.

Only this module imports matplotlib, so ``import activation_functions`` never
needs it. Every function returns a :class:`matplotlib.figure.Figure`.

Figures carry no words that would need translating: axis labels and legends
are mathematics (:math:`z`, :math:`g(z)`, :math:`g'(z)`, :math:`J`) and titles
are function names (``Sigmoid``, ``ReLU``). Lines differ by colour *and* line
style, from the Okabe–Ito palette, which stays distinguishable with the common
colour-vision deficiencies. Figures are white, small (about 600 px wide at
100 dpi) and reproducible: the same call gives the same PNG bytes.

Figures are created without :mod:`matplotlib.pyplot`, so nothing is drawn
twice and no global state is left behind. In Jupyter or a MyST-NB page, end
the cell with the call (no trailing semicolon): the returned figure displays
itself once, with or without the inline backend. Elsewhere use
:func:`save_figure`.

Examples
--------
>>> from activation_functions import plotting
>>> fig = plotting.plot_activation("sigmoid")
>>> [ax.get_title() for ax in fig.axes]
['Sigmoid']
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter
from numpy.typing import ArrayLike, NDArray

from activation_functions._activations import relu
from activation_functions._registry import ACTIVATIONS, get_activation
from activation_functions.network import DeepNetwork, History

__all__ = [
    "PALETTE",
    "plot_activation",
    "plot_activations",
    "plot_dead_units",
    "plot_decision_boundaries",
    "plot_decision_boundary",
    "plot_gradient_norms",
    "plot_loss",
    "plot_random_networks",
    "plot_relu_sum",
    "relu_sum_coefficients",
    "save_figure",
]

#: Okabe–Ito colours (colour-blind safe), in the order lines use them.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow (last: weak on white)
)
_LINESTYLES: tuple[Any, ...] = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
_MARKERS = ("o", "^", "s", "D", "v", "P", "X", "*")
_SHADE = "#BBBBBB"
_DPI = 100
_WIDTH = 6.0  # inches, single panel
_HEIGHT = 3.6

Histories = History | Mapping[str, History] | Sequence[History]


class _NotebookFigure(Figure):
    """A Figure that Jupyter displays once, as a reproducible PNG."""

    def _repr_png_(self) -> bytes:
        """PNG bytes for Jupyter's rich display."""
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()


def save_figure(
    fig: Figure, path: str | os.PathLike[str], *, dpi: float = _DPI
) -> None:
    """Save ``fig`` as PNG with no metadata, so equal figures give equal bytes.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    path : str or path-like
        Where to write the PNG.
    dpi : float, default 100
        Resolution.
    """
    fig.savefig(path, format="png", dpi=dpi, metadata={"Software": None})


def _new_figure(
    nrows: int = 1, ncols: int = 1, *, width: float = _WIDTH, height: float = _HEIGHT
) -> tuple[Figure, list[Axes]]:
    """Make a white, constrained-layout figure with a grid of axes."""
    fig = _NotebookFigure(
        figsize=(width, height), dpi=_DPI, layout="constrained", facecolor="white"
    )
    axes = list(fig.subplots(nrows, ncols, squeeze=False).ravel())
    for ax in axes:
        _style_axes(ax)
    return fig, axes


def _figure_of(ax: Axes) -> Figure:
    """Return the top-level figure that holds ``ax``."""
    fig = ax.get_figure(root=True)
    if fig is None:  # pragma: no cover (an axes always has a figure here)
        msg = "the axes do not belong to a figure"
        raise ValueError(msg)
    return fig


def _style_axes(ax: Axes) -> None:
    """Apply the house style: white, no top or right spine, a faint grid."""
    ax.set_facecolor("white")
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.grid(visible=True, alpha=0.3)


def _break_jumps(
    z: NDArray[np.float64], y: NDArray[Any]
) -> tuple[NDArray[Any], NDArray[Any]]:
    """Insert NaN between samples where ``y`` jumps, so no vertical line is drawn."""
    jumps = np.flatnonzero(np.abs(np.diff(y)) > 0.25) + 1
    return np.insert(z, jumps, np.nan), np.insert(y.astype(np.float64), jumps, np.nan)


def _default_range(name: str) -> tuple[float, float]:
    """z-range: wide for the bounded (saturating) functions, narrow otherwise."""
    low, high = get_activation(name).output_range
    return (-6.0, 6.0) if math.isfinite(low) and math.isfinite(high) else (-3.0, 3.0)


def plot_activation(
    name: str,
    *,
    ax: Axes | None = None,
    threshold: float | None = 0.05,
    z_range: tuple[float, float] | None = None,
    derivative: bool = True,
) -> Figure:
    r"""Plot :math:`g(z)` and :math:`g'(z)` on one axes, saturation shaded.

    The shaded band is :math:`\{z : |g'(z)| < t\}` from
    :meth:`activation_functions.Activation.saturating_region`. Where
    :math:`g'` jumps (ReLU, Leaky ReLU at 0) the line is broken, a filled dot
    marks the library's value at the kink and open circles the one-sided
    limits.

    Parameters
    ----------
    name : str
        Activation name, e.g. ``"tanh"``.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    threshold : float or None, default 0.05
        The threshold :math:`t`; None for no shading.
    z_range : tuple of float, optional
        Horizontal extent; :math:`[-6, 6]` for sigmoid and tanh,
        :math:`[-3, 3]` for the unbounded functions.
    derivative : bool, default True
        Whether to draw :math:`g'(z)`.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Examples
    --------
    >>> from activation_functions.plotting import plot_activation
    >>> fig = plot_activation("relu")
    >>> ax = fig.axes[0]
    >>> ax.get_title(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('ReLU', ['$g(z)$', "$g'(z)$", "$|g'(z)| < 0.05$"])
    """
    record = get_activation(name)
    if ax is None:
        fig, (ax,) = _new_figure()
    else:
        fig = _figure_of(ax)
        _style_axes(ax)
    lo, hi = z_range if z_range is not None else _default_range(name)
    z = np.linspace(lo, hi, 1201)
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.axvline(0.0, color="0.6", linewidth=0.8)
    ax.plot(
        z,
        record.function(z),
        color=PALETTE[0],
        linestyle="-",
        linewidth=2.2,
        label="$g(z)$",
    )
    if derivative:
        zs, dg = _break_jumps(z, record.derivative(z))
        ax.plot(
            zs, dg, color=PALETTE[1], linestyle="--", linewidth=2.2, label="$g'(z)$"
        )
        _mark_kink(ax, record.derivative, lo, hi)
    if threshold is not None:
        label = f"$|g'(z)| < {threshold:g}$"
        for start, stop in record.saturating_region(threshold):
            left, right = max(start, lo), min(stop, hi)
            if left < right:
                ax.axvspan(
                    left,
                    right,
                    color=_SHADE,
                    alpha=0.35,
                    linewidth=0,
                    label=label,
                    zorder=0,
                )
                label = "_nolegend_"
    ax.set_xlim(lo, hi)
    ax.set_xlabel("$z$")
    ax.set_title(record.label)
    ax.legend(frameon=False, loc="best")
    return fig


def _mark_kink(
    ax: Axes, derivative: Callable[[ArrayLike], NDArray[Any]], lo: float, hi: float
) -> None:
    """Mark a jump of g' at z = 0: filled dot at g'(0), open circles at the limits."""
    if not lo < 0.0 < hi:
        return
    left, at, right = (float(v) for v in derivative(np.array([-1e-9, 0.0, 1e-9])))
    if abs(left - right) < 1e-6:
        return
    for limit in (left, right):
        if limit != at:
            ax.plot(
                [0.0],
                [limit],
                marker="o",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor=PALETTE[1],
                linestyle="none",
                zorder=4,
            )
    ax.plot(
        [0.0],
        [at],
        marker="o",
        markersize=6,
        color=PALETTE[1],
        linestyle="none",
        zorder=5,
    )


def plot_activations(
    names: Sequence[str] | None = None,
    *,
    threshold: float | None = 0.05,
    ncols: int | None = None,
) -> Figure:
    """Plot several activations, one :func:`plot_activation` panel each.

    Parameters
    ----------
    names : sequence of str, optional
        Activations (default: all five, in the course's order).
    threshold : float or None, default 0.05
        Saturation threshold for the shading; None for none.
    ncols : int, optional
        Panels per row (default: up to 3).

    Returns
    -------
    matplotlib.figure.Figure
        The grid; unused cells are removed.

    Examples
    --------
    >>> from activation_functions.plotting import plot_activations
    >>> fig = plot_activations(["sigmoid", "tanh", "relu", "leaky_relu"], ncols=2)
    >>> [ax.get_title() for ax in fig.axes]
    ['Sigmoid', 'tanh', 'ReLU', 'Leaky ReLU']
    """
    chosen = list(names) if names is not None else list(ACTIVATIONS)
    if not chosen:
        msg = "plot_activations() needs at least one name"
        raise ValueError(msg)
    columns = ncols if ncols is not None else min(3, len(chosen))
    rows = -(-len(chosen) // columns)
    fig, axes = _new_figure(rows, columns, width=3.3 * columns, height=2.8 * rows)
    for ax, name in zip(axes, chosen, strict=False):
        plot_activation(name, ax=ax, threshold=threshold)
    for ax in axes[len(chosen) :]:
        ax.remove()
    return fig


def _class_index(Y: NDArray[Any]) -> NDArray[np.int64]:
    """Class of each column: the 0/1 label, or the argmax of a one-hot column."""
    if Y.shape[0] == 1:
        return np.asarray(np.rint(Y[0]), dtype=np.int64)
    return np.asarray(np.argmax(Y, axis=0), dtype=np.int64)


def plot_decision_boundary(
    net: DeepNetwork,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    resolution: int = 250,
) -> Figure:
    """Colour the plane by the class ``net`` predicts, with the data on top.

    Classes differ by colour and marker shape. The title defaults to the
    label of the network's hidden activation.

    Parameters
    ----------
    net : DeepNetwork
        A classifier with two inputs (sigmoid or softmax output).
    X : array_like, shape (2, m)
        Points, one per column.
    Y : array_like, shape (1, m) or (n_classes, m)
        0/1 labels, or one-hot columns.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure is made when omitted.
    title : str, optional
        Title (keep it a function name or math, not words).
    resolution : int, default 250
        Grid points per side.

    Returns
    -------
    matplotlib.figure.Figure
        The figure holding the axes.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork
    >>> from activation_functions.plotting import plot_decision_boundary
    >>> X, Y = datasets.flower(m=40)
    >>> fig = plot_decision_boundary(TwoLayerNetwork(2, 4, 1), X, Y)
    >>> fig.axes[0].get_title()
    'tanh'
    """
    points = np.asarray(X, dtype=np.float64)
    labels = _class_index(np.asarray(Y, dtype=np.float64))
    if ax is None:
        fig, (ax,) = _new_figure(width=4.6, height=4.0)
    else:
        fig = _figure_of(ax)
    pad = 0.1 * float(np.ptp(points)) + 0.1
    x_lo, y_lo = points.min(axis=1) - pad
    x_hi, y_hi = points.max(axis=1) + pad
    gx, gy = np.meshgrid(
        np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution)
    )
    grid = np.stack([gx.ravel(), gy.ravel()])
    predicted = _class_index(net.predict(grid)).reshape(gx.shape)
    n_classes = max(int(labels.max()), int(predicted.max())) + 1
    colours = mpl.colors.ListedColormap(list(PALETTE[:n_classes]))
    ax.contourf(
        gx,
        gy,
        predicted,
        levels=np.arange(n_classes + 1) - 0.5,
        cmap=colours,
        alpha=0.18,
    )
    ax.contour(
        gx,
        gy,
        predicted,
        levels=np.arange(1, n_classes) - 0.5,
        colors="0.25",
        linewidths=1.0,
    )
    for k in range(n_classes):
        chosen = labels == k
        ax.scatter(
            points[0, chosen],
            points[1, chosen],
            s=14,
            color=PALETTE[k],
            marker=_MARKERS[k % len(_MARKERS)],
            edgecolors="white",
            linewidths=0.4,
            label=f"$y = {k}$",
        )
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_aspect("equal")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.grid(visible=False)
    ax.set_title(title if title is not None else get_activation(net.hidden).label)
    return fig


def plot_decision_boundaries(
    nets: Mapping[str, DeepNetwork] | Sequence[DeepNetwork],
    X: ArrayLike,
    Y: ArrayLike,
    *,
    ncols: int | None = None,
) -> Figure:
    """Plot the decision boundaries of several networks side by side.

    Parameters
    ----------
    nets : mapping of str to DeepNetwork, or sequence of DeepNetwork
        The networks; a mapping's keys become the titles, otherwise each
        network's hidden activation label.
    X : array_like, shape (2, m)
        Points.
    Y : array_like
        Labels, as for :func:`plot_decision_boundary`.
    ncols : int, optional
        Panels per row (default: all in one row, up to 4).

    Returns
    -------
    matplotlib.figure.Figure
        The grid.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork
    >>> from activation_functions.plotting import plot_decision_boundaries
    >>> X, Y = datasets.xor(m=40)
    >>> nets = [TwoLayerNetwork(2, 4, 1, hidden=h) for h in ("identity", "relu")]
    >>> [ax.get_title() for ax in plot_decision_boundaries(nets, X, Y).axes]
    ['Identity', 'ReLU']
    """
    if isinstance(nets, Mapping):
        items = list(nets.items())
    else:
        items = [(get_activation(net.hidden).label, net) for net in nets]
    if not items:
        msg = "plot_decision_boundaries() needs at least one network"
        raise ValueError(msg)
    columns = ncols if ncols is not None else min(4, len(items))
    rows = -(-len(items) // columns)
    fig, axes = _new_figure(rows, columns, width=3.2 * columns, height=3.0 * rows)
    for ax, (title, net) in zip(axes, items, strict=False):
        plot_decision_boundary(net, X, Y, ax=ax, title=title, resolution=160)
    for ax in axes[len(items) :]:
        ax.remove()
    return fig


def _named_histories(histories: Histories) -> list[tuple[str, History]]:
    """(label, history) pairs; labels are keys or hidden-activation labels."""
    if isinstance(histories, History):
        return [(get_activation(histories.hidden).label, histories)]
    if isinstance(histories, Mapping):
        pairs = list(histories.items())
    else:
        pairs = [(get_activation(h.hidden).label, h) for h in histories]
    if not pairs:
        msg = "expected at least one History"
        raise ValueError(msg)
    return pairs


def _axes_for(ax: Axes | None) -> tuple[Figure, Axes]:
    """Make a single-panel figure, or return the figure of the given axes."""
    if ax is None:
        fig, (new,) = _new_figure()
        return fig, new
    _style_axes(ax)
    return _figure_of(ax), ax


def plot_loss(
    histories: Histories, *, ax: Axes | None = None, log: bool = False
) -> Figure:
    """Plot the cost :math:`J` against the step :math:`t`, one line per history.

    Parameters
    ----------
    histories : History, mapping of str to History, or sequence of History
        What :func:`activation_functions.network.train` returned; mapping
        keys (or hidden-activation labels) become legend entries.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.
    log : bool, default False
        Logarithmic vertical axis.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork, train
    >>> from activation_functions.plotting import plot_loss
    >>> X, Y = datasets.xor(m=40)
    >>> h = train(TwoLayerNetwork(2, 4, 1), X, Y, steps=20)
    >>> plot_loss({"tanh": h}).axes[0].get_ylabel()
    '$J$'
    """
    fig, ax = _axes_for(ax)
    for i, (label, history) in enumerate(_named_histories(histories)):
        ax.plot(
            np.arange(history.steps),
            history.loss,
            color=PALETTE[i % len(PALETTE)],
            linestyle=_LINESTYLES[i % len(_LINESTYLES)],
            linewidth=1.8,
            label=label,
        )
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("$t$")
    ax.set_ylabel("$J$")
    ax.legend(frameon=False, loc="best")
    return fig


def plot_gradient_norms(
    histories: Histories,
    *,
    layers: Sequence[int] | None = None,
    ax: Axes | None = None,
) -> Figure:
    r"""Plot the gradient norms :math:`\lVert dW^{[l]} \rVert_F` per step, log scale.

    Colour tells the histories apart, line style the layers.

    Parameters
    ----------
    histories : History, mapping of str to History, or sequence of History
        What :func:`activation_functions.network.train` returned.
    layers : sequence of int, optional
        Layers to show, numbered from 1 as in :math:`W^{[1]}` (default: all).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork, train
    >>> from activation_functions.plotting import plot_gradient_norms
    >>> X, Y = datasets.xor(m=40)
    >>> h = train(TwoLayerNetwork(2, 4, 1), X, Y, steps=20)
    >>> ax = plot_gradient_norms(h).axes[0]
    >>> ax.get_yscale(), [t.get_text() for t in ax.get_legend().get_texts()]
    ('log', ['tanh: $\\|dW^{[1]}\\|_F$', 'tanh: $\\|dW^{[2]}\\|_F$'])
    """
    fig, ax = _axes_for(ax)
    line = 0  # every line gets its own style, every history its own colour
    for i, (label, history) in enumerate(_named_histories(histories)):
        chosen = (
            layers
            if layers is not None
            else range(1, history.gradient_norms.shape[1] + 1)
        )
        for layer in chosen:
            norms = history.gradient_norms[:, layer - 1]
            ax.plot(
                np.arange(history.steps),
                np.where(norms > 0, norms, np.nan),
                color=PALETTE[i % len(PALETTE)],
                linestyle=_LINESTYLES[line % len(_LINESTYLES)],
                linewidth=1.6,
                label=f"{label}: $\\|dW^{{[{layer}]}}\\|_F$",
            )
            line += 1
    ax.set_yscale("log")
    ax.set_xlabel("$t$")
    ax.set_ylabel(r"$\|dW^{[l]}\|_F$")
    ax.legend(frameon=False, loc="best")
    return fig


def plot_dead_units(
    histories: Histories,
    *,
    ax: Axes | None = None,
) -> Figure:
    r"""Plot the share of dead hidden units (:math:`z \le 0` on every example) per step.

    Colour tells the histories apart, line style the hidden layers.

    Parameters
    ----------
    histories : History, mapping of str to History, or sequence of History
        What :func:`activation_functions.network.train` returned.
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.figure.Figure
        The figure; the vertical axis is in percent.

    Examples
    --------
    >>> from activation_functions import datasets
    >>> from activation_functions.network import TwoLayerNetwork, train
    >>> from activation_functions.plotting import plot_dead_units
    >>> X, Y = datasets.flower(m=40)
    >>> net = TwoLayerNetwork(2, 8, 1, hidden="relu", init="he", bias_init=-3.0)
    >>> h = train(net, X, Y, learning_rate=0.5, steps=20)
    >>> len(plot_dead_units({"ReLU": h}).axes[0].get_lines())
    1
    """
    fig, ax = _axes_for(ax)
    line = 0  # every line gets its own style, every history its own colour
    for i, (label, history) in enumerate(_named_histories(histories)):
        n_hidden = history.dead_fraction.shape[1]
        for j in range(n_hidden):
            suffix = f" $[{j + 1}]$" if n_hidden > 1 else ""
            ax.plot(
                np.arange(history.steps),
                history.dead_fraction[:, j],
                color=PALETTE[i % len(PALETTE)],
                linestyle=_LINESTYLES[line % len(_LINESTYLES)],
                linewidth=1.8,
                label=f"{label}{suffix}",
            )
            line += 1
    ax.set_ylim(-0.03, 1.03)
    ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0))
    ax.set_xlabel("$t$")
    ax.legend(frameon=False, loc="best")
    return fig


def relu_sum_coefficients(
    values: ArrayLike, knots: ArrayLike
) -> tuple[float, NDArray[np.float64]]:
    r"""Write the broken line through ``(knots[i], values[i])`` as a sum of ReLUs.

    .. math::

        f(z) = v_0 + \sum_{i=0}^{n-2} c_i \operatorname{ReLU}(z - k_i),
        \qquad c_0 = s_0,\quad c_i = s_i - s_{i-1},

    where :math:`s_i` is the slope between knots :math:`i` and :math:`i+1`:
    each ReLU switches on at its knot and bends the line by :math:`c_i`.

    Parameters
    ----------
    values : array_like, shape (n,)
        Values :math:`v_i` at the knots.
    knots : array_like, shape (n,)
        Increasing knots :math:`k_i`, at least two.

    Returns
    -------
    offset : float
        :math:`v_0`.
    coefficients : numpy.ndarray, shape (n - 1,)
        :math:`c_0, \dots, c_{n-2}`.

    Raises
    ------
    ValueError
        If the shapes differ, there are fewer than two knots or they do not
        increase.

    Examples
    --------
    >>> from activation_functions.plotting import relu_sum_coefficients
    >>> offset, c = relu_sum_coefficients([0.0, 1.0, 0.0], [-1.0, 0.0, 1.0])
    >>> offset, c
    (0.0, array([ 1., -2.]))
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    k = np.asarray(knots, dtype=np.float64).ravel()
    if v.shape != k.shape or k.size < 2 or not np.all(np.diff(k) > 0):
        msg = (
            "relu_sum_coefficients() needs matching values and increasing knots (>= 2)"
        )
        raise ValueError(msg)
    slopes = np.diff(v) / np.diff(k)
    return float(v[0]), np.concatenate([slopes[:1], np.diff(slopes)])


def plot_relu_sum(
    target: Callable[[NDArray[np.float64]], NDArray[Any]] = np.sin,
    knots: ArrayLike = (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0),
    *,
    target_label: str = r"$\sin z$",
    ax: Axes | None = None,
) -> Figure:
    r"""Build a curve from a handful of ReLUs: the notes' "functions of many shapes".

    Draws ``target``, each scaled ReLU :math:`c_i\,\mathrm{ReLU}(z - k_i)`
    (thin), and their sum plus :math:`v_0` (thick), which matches ``target``
    at every knot (see :func:`relu_sum_coefficients`).

    Parameters
    ----------
    target : callable, default numpy.sin
        The function to imitate.
    knots : array_like, default (-3, -2, ..., 3)
        Where the ReLUs bend.
    target_label : str, default ``"$\\sin z$"``
        Legend entry for ``target`` (math, not words).
    ax : matplotlib.axes.Axes, optional
        Axes to draw on.

    Returns
    -------
    matplotlib.figure.Figure
        The figure.

    Examples
    --------
    >>> from activation_functions.plotting import plot_relu_sum
    >>> fig = plot_relu_sum()
    >>> len(fig.axes[0].get_lines())  # z axis, target, 6 pieces, their sum
    9
    """
    k = np.asarray(knots, dtype=np.float64).ravel()
    offset, coefficients = relu_sum_coefficients(target(k), k)
    fig, ax = _axes_for(ax)
    margin = 0.15 * float(k[-1] - k[0])
    z = np.linspace(k[0] - margin, k[-1] + margin, 801)
    ax.axhline(0.0, color="0.6", linewidth=0.8)
    ax.plot(
        z, target(z), color=PALETTE[6], linestyle=":", linewidth=1.8, label=target_label
    )
    total = np.full_like(z, offset)
    for i, (c, knot) in enumerate(zip(coefficients, k[:-1], strict=True)):
        piece = c * relu(z - knot)
        total += piece
        ax.plot(
            z,
            piece,
            color=PALETTE[2],
            linestyle="--",
            linewidth=0.9,
            alpha=0.8,
            label=r"$c_i\,\mathrm{ReLU}(z - k_i)$" if i == 0 else "_nolegend_",
        )
    ax.plot(
        z,
        total,
        color=PALETTE[0],
        linestyle="-",
        linewidth=2.2,
        label=r"$v_0 + \sum_i c_i\,\mathrm{ReLU}(z - k_i)$",
    )
    ax.set_xlim(z[0], z[-1])
    ax.set_xlabel("$z$")
    ax.legend(frameon=False, loc="best", fontsize=8)
    return fig


def plot_random_networks(
    names: Sequence[str] = ("identity", "tanh", "relu"),
    *,
    n_hidden: int = 16,
    depth: int = 2,
    samples: int = 4,
    seed: int = 0,
) -> Figure:
    r"""Plot the functions :math:`x \mapsto \hat y` of random one-input networks.

    For each activation, ``samples`` networks with ``depth`` hidden layers
    of ``n_hidden`` units (Xavier weights, random biases) are drawn and
    their outputs plotted over :math:`x \in [-3, 3]`. With the identity
    every one is a straight line, however deep; with a non-linear
    activation the shapes vary: the notes' reason for non-linearity.

    Parameters
    ----------
    names : sequence of str, default ("identity", "tanh", "relu")
        Hidden activations, one panel each.
    n_hidden : int, default 16
        Units per hidden layer.
    depth : int, default 2
        Number of hidden layers.
    samples : int, default 4
        Networks per panel.
    seed : int, default 0
        Seed; the same seed gives the same figure.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per activation, titled with its label.

    Examples
    --------
    >>> from activation_functions.plotting import plot_random_networks
    >>> fig = plot_random_networks(samples=2)
    >>> [ax.get_title() for ax in fig.axes]
    ['Identity', 'tanh', 'ReLU']
    """
    if not names:
        msg = "plot_random_networks() needs at least one name"
        raise ValueError(msg)
    rng = np.random.default_rng(seed)
    x = np.linspace(-3.0, 3.0, 601).reshape(1, -1)
    fig, axes = _new_figure(1, len(names), width=3.2 * len(names), height=2.8)
    for ax, name in zip(axes, names, strict=True):
        for s in range(samples):
            net = DeepNetwork(
                [1, *([n_hidden] * depth), 1],
                hidden=name,
                output="identity",
                init="xavier",
                seed=int(rng.integers(2**31)),
            )
            for b in net.biases:
                b[:] = rng.normal(0.0, 1.0, size=b.shape)
            ax.plot(
                x[0],
                net.forward(x).A[-1][0],
                color=PALETTE[s % len(PALETTE)],
                linestyle=_LINESTYLES[s % len(_LINESTYLES)],
                linewidth=1.6,
            )
        ax.set_title(get_activation(name).label)
        ax.set_xlabel("$x$")
        ax.set_ylabel(r"$\hat y$")
    return fig
