"""Tests for the plotting helpers."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import matplotlib.image as mpimg
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from activation_functions import ACTIVATIONS, datasets, plotting
from activation_functions.network import DeepNetwork, History, TwoLayerNetwork, train

LABELS = {record.label for record in ACTIVATIONS.values()}
NUMBER = re.compile(r"^[−\-+]?[\d.]+%?$|^\$[^$]*\$$")  # tick labels: numbers or math


def _words(fig: Figure) -> list[str]:
    """Texts in the figure that are neither math, numbers nor function names."""
    texts = [t.get_text() for t in fig.findobj(Text)]
    return [
        text
        for text in texts
        if text.strip()
        and not NUMBER.match(text)
        and not (text.startswith("$") and text.endswith("$"))
        and text not in LABELS
        and not any(text.startswith(f"{label}: $") for label in LABELS)
    ]


def _legend_texts(ax: Axes) -> list[str]:
    """The entries of the axes' legend."""
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels of PNG bytes."""
    image = mpimg.imread(io.BytesIO(png), format="png")
    return image.shape[1], image.shape[0]


def _spans(ax: Axes) -> list[Rectangle]:
    """The shaded vertical bands (axvspan rectangles) on an axes."""
    return [p for p in ax.patches if isinstance(p, Rectangle)]


class TestLazyImport:
    def test_package_does_not_import_matplotlib(self) -> None:
        """Importing the package and its other submodules leaves matplotlib unloaded."""
        code = (
            "import sys, activation_functions, activation_functions.network, "
            "activation_functions.datasets, activation_functions.tables; "
            "print('matplotlib' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == "False"


class TestPlotActivation:
    @pytest.mark.parametrize("name", list(ACTIVATIONS))
    def test_one_titled_axes(self, name: str) -> None:
        """The figure has one axes titled with the function's label."""
        fig = plotting.plot_activation(name)
        assert [ACTIVATIONS[name].label] == [ax.get_title() for ax in fig.axes]

    @pytest.mark.parametrize("name", list(ACTIVATIONS))
    def test_no_words(self, name: str) -> None:
        """Every text in the figure is math, a number or a function name."""
        assert _words(plotting.plot_activation(name)) == []

    def test_lines_differ_in_colour_and_style(self) -> None:
        """g and g' differ both in colour and in line style."""
        ax = plotting.plot_activation("tanh").axes[0]
        g, dg = (
            line for line in ax.get_lines() if line.get_label() in ("$g(z)$", "$g'(z)$")
        )
        assert g.get_color() != dg.get_color()
        assert g.get_linestyle() != dg.get_linestyle()

    def test_colours_from_palette(self) -> None:
        """The curves use the colour-blind-safe palette."""
        ax = plotting.plot_activation("sigmoid").axes[0]
        colours = {
            line.get_color()
            for line in ax.get_lines()
            if str(line.get_label()).startswith("$")
        }
        assert colours <= set(plotting.PALETTE)

    @pytest.mark.parametrize(
        ("name", "expected"),
        [("sigmoid", 2), ("tanh", 2), ("relu", 1), ("identity", 0)],
    )
    def test_saturating_region_shaded(self, name: str, expected: int) -> None:
        """One band per saturating interval inside the plotted range."""
        assert expected == len(_spans(plotting.plot_activation(name).axes[0]))

    def test_band_ends_match_region(self) -> None:
        """The sigmoid bands start where |g'| drops below the threshold."""
        ax = plotting.plot_activation("sigmoid", threshold=0.1).axes[0]
        (_, left), (right, _) = ACTIVATIONS["sigmoid"].saturating_region(0.1)
        edges = sorted(
            edge
            for patch in _spans(ax)
            for edge in (patch.get_x(), patch.get_x() + patch.get_width())
        )
        np.testing.assert_allclose([-6.0, left, right, 6.0], edges, rtol=1e-12)

    def test_no_threshold_no_band(self) -> None:
        """threshold=None draws no band."""
        assert _spans(plotting.plot_activation("sigmoid", threshold=None).axes[0]) == []

    def test_kink_marked(self) -> None:
        """ReLU's jump at 0 shows a filled dot at g'(0) = 0 and an open one at 1."""
        ax = plotting.plot_activation("relu").axes[0]
        dots = [
            (float(np.asarray(line.get_ydata(), float)[0]), line.get_markerfacecolor())
            for line in ax.get_lines()
            if line.get_marker() == "o"
        ]
        assert sorted(dots, key=lambda d: d[0]) == [
            (0.0, plotting.PALETTE[1]),
            (1.0, "white"),
        ]

    def test_draws_on_given_axes(self) -> None:
        """With ax given, it draws there and returns that axes' figure."""
        fig = Figure()
        ax = fig.add_subplot()
        assert fig is plotting.plot_activation("relu", ax=ax)
        assert ax.get_title() == "ReLU"

    def test_unknown_name(self) -> None:
        """An unknown name raises ValueError."""
        with pytest.raises(ValueError, match="unknown activation"):
            plotting.plot_activation("swish")


class TestFigureOutput:
    def test_png_is_reproducible(self) -> None:
        """The same call gives byte-identical PNGs."""
        first = plotting.plot_activation("tanh")._repr_png_()  # type: ignore[attr-defined]
        second = plotting.plot_activation("tanh")._repr_png_()  # type: ignore[attr-defined]
        assert first == second

    def test_png_size(self) -> None:
        """A single panel is 600 x 360 pixels (6 x 3.6 inches at 100 dpi)."""
        png = plotting.plot_activation("tanh")._repr_png_()  # type: ignore[attr-defined]
        assert _png_size(png) == (600, 360)

    def test_white_background(self) -> None:
        """Figure and axes are white, for the light card in dark mode."""
        fig = plotting.plot_activation("relu")
        assert (
            fig.get_facecolor(),
            fig.axes[0].get_facecolor(),
        ) == ((1.0, 1.0, 1.0, 1.0), (1.0, 1.0, 1.0, 1.0))

    def test_save_figure(self, tmp_path: Path) -> None:
        """save_figure writes the same bytes for the same figure twice."""
        paths = [tmp_path / "a.png", tmp_path / "b.png"]
        for path in paths:
            plotting.save_figure(plotting.plot_activation("sigmoid"), path)
        assert paths[0].read_bytes() == paths[1].read_bytes()
        assert paths[0].read_bytes().startswith(b"\x89PNG")


class TestPlotActivations:
    def test_all_by_default(self) -> None:
        """Without names, one panel per activation in the course's order."""
        fig = plotting.plot_activations()
        assert [r.label for r in ACTIVATIONS.values()] == [
            ax.get_title() for ax in fig.axes
        ]

    def test_ncols(self) -> None:
        """ncols sets the grid width; the size follows the grid."""
        fig = plotting.plot_activations(["sigmoid", "tanh", "relu"], ncols=1)
        width, height = fig.get_size_inches()
        assert (len(fig.axes), bool(height > width)) == (3, True)

    def test_no_words(self) -> None:
        """The grid carries no words either."""
        assert _words(plotting.plot_activations()) == []

    def test_empty(self) -> None:
        """An empty list of names raises ValueError."""
        with pytest.raises(ValueError, match="at least one"):
            plotting.plot_activations([])


class TestPlotDecisionBoundary:
    def test_binary(self) -> None:
        """The title defaults to the hidden activation's label; both classes are drawn."""
        X, Y = datasets.flower(60)
        fig = plotting.plot_decision_boundary(TwoLayerNetwork(2, 4, 1), X, Y)
        ax = fig.axes[0]
        scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
        assert (ax.get_title(), len(scatters)) == ("tanh", 2)

    def test_no_words(self) -> None:
        """Axis labels are math only."""
        X, Y = datasets.xor(60)
        fig = plotting.plot_decision_boundary(DeepNetwork([2, 3, 1]), X, Y)
        assert _words(fig) == []

    def test_softmax_one_hot(self) -> None:
        """A three-class softmax network with one-hot labels is drawn."""
        X, _ = datasets.moons(60)
        Y = np.eye(3)[:, np.arange(60) % 3]
        net = DeepNetwork([2, 5, 3], output="softmax")
        fig = plotting.plot_decision_boundary(net, X, Y, title="$k = 3$")
        assert fig.axes[0].get_title() == "$k = 3$"

    def test_several(self) -> None:
        """plot_decision_boundaries titles panels with the mapping's keys."""
        X, Y = datasets.xor(40)
        nets = {"tanh": TwoLayerNetwork(2, 3, 1), "ReLU": DeepNetwork([2, 3, 1])}
        fig = plotting.plot_decision_boundaries(nets, X, Y)
        assert [ax.get_title() for ax in fig.axes] == ["tanh", "ReLU"]


@pytest.fixture(scope="module")
def histories() -> dict[str, History]:
    """Short training runs of two networks on the flower data."""
    X, Y = datasets.flower(100)
    return {
        name: train(
            DeepNetwork([2, 6, 6, 1], hidden=name, bias_init=-2.0),
            X,
            Y,
            learning_rate=0.2,
            steps=30,
        )
        for name in ("relu", "leaky_relu")
    }


class TestHistoryPlots:
    def test_loss(self, histories: dict[str, History]) -> None:
        """One loss line per history, labelled by key, y axis $J$."""
        ax = plotting.plot_loss(histories).axes[0]
        labels = _legend_texts(ax)
        assert (labels, ax.get_ylabel()) == (["relu", "leaky_relu"], "$J$")

    def test_gradient_norms(self, histories: dict[str, History]) -> None:
        """One log-scale line per history and layer; a history's layers differ in style."""
        ax = plotting.plot_gradient_norms(histories).axes[0]
        lines = ax.get_lines()
        by_colour: dict[str, set[str]] = {}
        for line in lines:
            by_colour.setdefault(str(line.get_color()), set()).add(
                str(line.get_linestyle())
            )
        assert (len(lines), ax.get_yscale()) == (6, "log")
        assert [len(styles) for styles in by_colour.values()] == [3, 3]

    def test_gradient_norm_layers(self, histories: dict[str, History]) -> None:
        """layers picks which layers are drawn."""
        ax = plotting.plot_gradient_norms(histories, layers=[1]).axes[0]
        assert len(ax.get_lines()) == 2

    def test_dead_units(self, histories: dict[str, History]) -> None:
        """One line per history and hidden layer, values the recorded shares."""
        ax = plotting.plot_dead_units(histories).axes[0]
        relu = histories["relu"]
        np.testing.assert_array_equal(
            relu.dead_fraction[:, 0],
            ax.get_lines()[0].get_ydata(),
        )
        assert len(ax.get_lines()) == 4

    def test_single_history(self, histories: dict[str, History]) -> None:
        """A bare History is labelled with its hidden activation's label."""
        ax = plotting.plot_loss(histories["relu"]).axes[0]
        assert _legend_texts(ax) == ["ReLU"]

    def test_no_words(self, histories: dict[str, History]) -> None:
        """Training plots carry math and function names only."""
        for plot in (plotting.plot_loss, plotting.plot_gradient_norms):
            labelled = {"ReLU": histories["relu"]}
            assert _words(plot(labelled)) == []

    def test_empty(self) -> None:
        """An empty mapping raises ValueError."""
        with pytest.raises(ValueError, match="at least one"):
            plotting.plot_loss({})


class TestReluSum:
    @settings(max_examples=30)
    @given(
        values=st.lists(st.floats(-10, 10), min_size=2, max_size=8),
        data=st.data(),
    )
    def test_interpolates(self, values: list[float], data: st.DataObject) -> None:
        """v0 + sum c_i ReLU(z - k_i) passes through every (k_i, v_i) (to 1e-9)."""
        gaps = data.draw(
            st.lists(st.floats(0.1, 3.0), min_size=len(values), max_size=len(values))
        )
        knots = np.cumsum(gaps)
        offset, c = plotting.relu_sum_coefficients(values, knots)
        rebuilt = offset + np.maximum(0.0, knots[:, None] - knots[None, :-1]) @ c
        np.testing.assert_allclose(values, rebuilt, atol=1e-9)

    @pytest.mark.parametrize(
        ("values", "knots"),
        [([1.0], [0.0]), ([1.0, 2.0], [1.0, 0.0]), ([1.0, 2.0], [0.0, 1.0, 2.0])],
    )
    def test_bad_knots(self, values: list[float], knots: list[float]) -> None:
        """Too few, decreasing or mismatched knots raise ValueError."""
        with pytest.raises(ValueError, match="knots"):
            plotting.relu_sum_coefficients(values, knots)

    def test_figure(self) -> None:
        """The thick sum line meets sin at the knots (to 0.02) and has no words."""
        fig = plotting.plot_relu_sum()
        (total,) = (
            line for line in fig.axes[0].get_lines() if "v_0" in str(line.get_label())
        )
        knots = np.arange(-3.0, 4.0)
        x = np.asarray(total.get_xdata(), dtype=float)
        y = np.asarray(total.get_ydata(), dtype=float)
        np.testing.assert_allclose(np.sin(knots), np.interp(knots, x, y), atol=0.02)
        assert _words(fig) == []


class TestRandomNetworks:
    def test_identity_gives_lines(self) -> None:
        """Every identity network's output is a straight line (second differences 0)."""
        fig = plotting.plot_random_networks(["identity"], samples=3)
        for line in fig.axes[0].get_lines():
            y = np.asarray(line.get_ydata(), dtype=float)
            np.testing.assert_allclose(0.0, np.diff(y, 2), atol=1e-9)

    def test_relu_gives_bends(self) -> None:
        """Some ReLU network's output bends (a second difference above 1e-6)."""
        fig = plotting.plot_random_networks(["relu"], samples=3)
        bends = [
            float(np.max(np.abs(np.diff(np.asarray(line.get_ydata(), float), 2))))
            for line in fig.axes[0].get_lines()
        ]
        assert max(bends) > 1e-6

    def test_seeded(self) -> None:
        """The same seed draws the same networks."""
        a, b = (plotting.plot_random_networks(["tanh"], seed=3) for _ in range(2))
        for la, lb in zip(a.axes[0].get_lines(), b.axes[0].get_lines(), strict=True):
            np.testing.assert_array_equal(la.get_ydata(), lb.get_ydata())
