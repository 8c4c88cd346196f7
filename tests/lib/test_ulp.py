"""Tests for the ulp measure shared by the accuracy tests and the benchmark."""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
import pytest
from ulp import ulp_errors

DTYPES = [np.float64, np.float32, np.float16]


class TestUlpErrors:
    @pytest.mark.parametrize("dtype", DTYPES)
    @pytest.mark.parametrize("exact", [1.0, 1.5, 0.75, 2.0**-10, 1000.0])
    def test_next_number_is_one_ulp(self, dtype: type, exact: float) -> None:
        """The next representable number above an exact value is 1 ulp away."""
        above = np.nextafter(np.asarray(exact, dtype), np.asarray(np.inf, dtype))
        errors = ulp_errors(np.asarray([above]), [mpmath.mpf(exact)], dtype)
        assert errors.tolist() == [1.0]

    @pytest.mark.parametrize("dtype", DTYPES)
    def test_power_of_two_uses_its_own_binade(self, dtype: type) -> None:
        """Just below 2^k the unit is the smaller spacing: 2^k is 1 ulp from its
        predecessor measured there, and its predecessor 1/2 ulp measured at 2^k."""
        two: np.ndarray[Any, Any] = np.asarray(2.0, dtype)
        below = np.nextafter(two, np.asarray(0.0, dtype))
        errors = ulp_errors(
            np.asarray([two, below]), [mpmath.mpf(float(below)), mpmath.mpf(2)], dtype
        )
        assert errors.tolist() == [1.0, 0.5]

    @pytest.mark.parametrize("dtype", DTYPES)
    def test_subnormal_unit(self, dtype: type) -> None:
        """Below the smallest normal number the unit is the smallest subnormal."""
        tiny = float(np.finfo(dtype).smallest_subnormal)
        exact = [mpmath.mpf(3 * tiny), mpmath.mpf(3 * tiny)]
        errors = ulp_errors(np.asarray([0.0, 5 * tiny], dtype), exact, dtype)
        assert errors.tolist() == [3.0, 2.0]

    def test_exact_zero_and_non_finite(self) -> None:
        """0 is exact only for 0; inf and NaN are infinitely wrong for finite values."""
        computed = np.array([0.0, 1e-300, np.inf, np.nan])
        exact = [mpmath.mpf(0), mpmath.mpf(0), mpmath.mpf(1), mpmath.mpf(1)]
        assert ulp_errors(computed, exact, np.float64).tolist() == [
            0.0,
            np.inf,
            np.inf,
            np.inf,
        ]

    def test_magnitude_sets_the_unit(self) -> None:
        """With magnitude=, the unit is the ulp of the larger of |exact| and it."""
        computed = np.array([2.0**-40])
        exact = [mpmath.mpf(0)]
        errors = ulp_errors(computed, exact, np.float64, magnitude=[mpmath.mpf(1)])
        assert errors.tolist() == [2.0**12]
