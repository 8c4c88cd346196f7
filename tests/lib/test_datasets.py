"""Tests for the seeded toy data sets."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from activation_functions import datasets

Maker = Callable[..., tuple[np.ndarray, np.ndarray]]
MAKERS = [
    pytest.param(datasets.flower, id="flower"),
    pytest.param(datasets.xor, id="xor"),
    pytest.param(datasets.circles, id="circles"),
    pytest.param(datasets.moons, id="moons"),
]


class TestAllDatasets:
    @pytest.mark.parametrize("make", MAKERS)
    @settings(max_examples=25)
    @given(m=st.integers(1, 300), seed=st.integers(0, 2**32 - 1))
    def test_shapes_and_labels(self, make: Maker, m: int, seed: int) -> None:
        """X is (2, m) float64, Y is (1, m) float64 of zeros and ones."""
        X, Y = make(m, seed=seed)
        assert ((2, m), (1, m)) == (X.shape, Y.shape)
        assert (np.dtype(np.float64), np.dtype(np.float64)) == (X.dtype, Y.dtype)
        assert set(np.unique(Y)) <= {0.0, 1.0}
        assert np.all(np.isfinite(X))

    @pytest.mark.parametrize("make", MAKERS)
    def test_same_seed_same_data(self, make: Maker) -> None:
        """The same seed gives identical arrays."""
        X1, Y1 = make(100, seed=7)
        X2, Y2 = make(100, seed=7)
        np.testing.assert_array_equal(X1, X2)
        np.testing.assert_array_equal(Y1, Y2)

    @pytest.mark.parametrize("make", MAKERS)
    def test_different_seed_different_data(self, make: Maker) -> None:
        """Different seeds give different points."""
        assert not np.array_equal(make(100, seed=1)[0], make(100, seed=2)[0])

    @pytest.mark.parametrize("make", MAKERS)
    def test_generator_seed(self, make: Maker) -> None:
        """A numpy Generator can stand in for the integer seed."""
        X1, _ = make(50, seed=np.random.default_rng(3))
        X2, _ = make(50, seed=3)
        np.testing.assert_array_equal(X2, X1)

    @pytest.mark.parametrize("make", MAKERS)
    def test_both_classes_present(self, make: Maker) -> None:
        """With 400 points both classes are well represented (at least 30 % each)."""
        _, Y = make(400)
        assert 0.3 <= float(Y.mean()) <= 0.7

    @pytest.mark.parametrize("make", MAKERS)
    @pytest.mark.parametrize("m", [0, -5])
    def test_non_positive_m(self, make: Maker, m: int) -> None:
        """m below 1 raises ValueError that shows m."""
        with pytest.raises(ValueError, match=f"got {m}"):
            make(m)

    @pytest.mark.parametrize("make", MAKERS)
    @pytest.mark.parametrize("m", [2.5, True, "400"])
    def test_non_integer_m(self, make: Maker, m: object) -> None:
        """A non-integer m raises TypeError naming its type."""
        with pytest.raises(TypeError, match=type(m).__name__):
            make(m)

    @pytest.mark.parametrize("make", MAKERS)
    @pytest.mark.parametrize("noise", [-0.1, math.nan, math.inf])
    def test_bad_noise(self, make: Maker, noise: float) -> None:
        """Negative or non-finite noise raises ValueError."""
        with pytest.raises(ValueError, match="noise"):
            make(10, noise=noise)

    @pytest.mark.parametrize("make", MAKERS)
    def test_non_real_noise(self, make: Maker) -> None:
        """Noise that is not a number raises TypeError."""
        with pytest.raises(TypeError, match="noise"):
            make(10, noise="0.1")

    @pytest.mark.parametrize("make", MAKERS)
    @pytest.mark.parametrize("seed", ["1", 1.0, None])
    def test_bad_seed(self, make: Maker, seed: object) -> None:
        """A seed that is neither an int nor a Generator raises TypeError."""
        with pytest.raises(TypeError, match="seed"):
            make(10, seed=seed)

    @pytest.mark.parametrize("make", MAKERS)
    def test_numpy_integer_m(self, make: Maker) -> None:
        """A NumPy integer is accepted as m."""
        assert make(np.int64(12))[0].shape == (2, 12)


class TestFlower:
    def test_course_defaults(self) -> None:
        """The default is the course's 400 points, 200 per class, class 0 first."""
        _, Y = datasets.flower()
        np.testing.assert_array_equal(np.repeat([0.0, 1.0], 200), Y[0])

    def test_odd_m(self) -> None:
        """With an odd m the first class gets the extra point."""
        _, Y = datasets.flower(7)
        assert (float(np.sum(Y == 0)), float(np.sum(Y == 1))) == (4.0, 3.0)

    def test_points_on_rose_without_noise(self) -> None:
        """Without noise every point lies on the rose r = 4 sin 4t (to 1e-12)."""
        X, _ = datasets.flower(noise=0.0)
        t = np.arctan2(X[0], X[1])  # x = r sin t, y = r cos t
        radius = np.hypot(X[0], X[1])
        np.testing.assert_allclose(radius, np.abs(4 * np.sin(4 * t)), atol=1e-12)

    def test_petal_length(self) -> None:
        """Points stay within the petal length 4 plus a few noise widths."""
        X, _ = datasets.flower()
        assert float(np.max(np.hypot(X[0], X[1]))) < 4.0 + 5 * 0.2


class TestXor:
    @given(seed=st.integers(0, 2**32 - 1))
    def test_label_rule_without_noise(self, seed: int) -> None:
        """Without noise, y = 1 exactly where x1 and x2 have opposite signs."""
        X, Y = datasets.xor(50, noise=0.0, seed=seed)
        np.testing.assert_array_equal((X[0] * X[1] < 0).astype(float), Y[0])

    def test_square_without_noise(self) -> None:
        """Without noise the points lie in [-1, 1]^2."""
        X, _ = datasets.xor(noise=0.0)
        assert float(np.max(np.abs(X))) <= 1.0

    def test_noise_moves_points(self) -> None:
        """Noise changes the points but not the labels."""
        X0, Y0 = datasets.xor(noise=0.0)
        X1, Y1 = datasets.xor(noise=0.3)
        np.testing.assert_array_equal(Y0, Y1)
        assert not np.allclose(X0, X1)


class TestCircles:
    def test_radii_without_noise(self) -> None:
        """Without noise class 0 lies on the unit circle, class 1 on radius factor."""
        X, Y = datasets.circles(10, noise=0.0, factor=0.3)
        np.testing.assert_allclose(
            np.where(Y[0] == 0, 1.0, 0.3), np.hypot(X[0], X[1]), rtol=1e-14
        )

    @pytest.mark.parametrize("factor", [0.0, 1.0, 1.5])
    def test_factor_out_of_range(self, factor: float) -> None:
        """A factor outside (0, 1) raises ValueError."""
        with pytest.raises(ValueError, match="factor"):
            datasets.circles(10, factor=factor)


class TestMoons:
    def test_moons_without_noise(self) -> None:
        """Without noise the moons are the unit upper half and its shifted mirror."""
        X, Y = datasets.moons(20, noise=0.0)
        upper, lower = X[:, Y[0] == 0], X[:, Y[0] == 1]
        np.testing.assert_allclose(np.ones(10), np.hypot(*upper), rtol=1e-14)
        np.testing.assert_allclose(
            np.ones(10), np.hypot(1.0 - lower[0], 0.5 - lower[1]), rtol=1e-14
        )
        assert float(upper[1].min()) >= 0.0
