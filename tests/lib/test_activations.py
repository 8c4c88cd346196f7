"""Tests for the element-wise activation functions and their derivatives."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest

import activation_functions as af
from activation_functions import _activations

Array = np.ndarray[Any, Any]
Function = Callable[..., Array]

ELEMENTWISE: dict[str, Function] = {
    "identity": af.identity,
    "identity_derivative": af.identity_derivative,
    "sigmoid": af.sigmoid,
    "sigmoid_derivative": af.sigmoid_derivative,
    "sigmoid_derivative_from_output": af.sigmoid_derivative_from_output,
    "tanh": af.tanh,
    "tanh_derivative": af.tanh_derivative,
    "tanh_derivative_from_output": af.tanh_derivative_from_output,
    "relu": af.relu,
    "relu_derivative": af.relu_derivative,
    "leaky_relu": af.leaky_relu,
    "leaky_relu_derivative": af.leaky_relu_derivative,
    "softplus": af.softplus,
    "softplus_derivative": af.softplus_derivative,
    "silu": af.silu,
    "silu_derivative": af.silu_derivative,
    "elu": af.elu,
    "elu_derivative": af.elu_derivative,
    "gelu": af.gelu,
    "gelu_derivative": af.gelu_derivative,
    "gelu_tanh": functools.partial(af.gelu, approximate=True),
    "gelu_tanh_derivative": functools.partial(af.gelu_derivative, approximate=True),
}
FUNCTIONS = [pytest.param(function, id=name) for name, function in ELEMENTWISE.items()]
FLOATS = [np.float16, np.float32, np.float64]
ALL_FLOATS = [*FLOATS, np.longdouble]
_NEGATIVE = [-np.inf, -1e308, -1000.0, -750.0, -1.0, -5e-324, -0.0]
SPECIAL = np.array([*_NEGATIVE, 0.0, 5e-324, 1.0, 750.0, 1000.0, 1e308, np.inf, np.nan])
GRID = np.linspace(-50.0, 50.0, 2001)


def _narrow(dtype: type) -> Array:
    """SPECIAL's counterpart in a narrower float type: its own extremes."""
    info = np.finfo(dtype)
    tiny = float(info.smallest_subnormal)
    big = float(info.max)
    values = [-np.inf, -big, -1000.0, -750.0, -1.0, -tiny, -0.0, 0.0]
    values += [tiny, 1.0, 750.0, 1000.0, big, np.inf, np.nan]
    with np.errstate(over="ignore"):
        return np.array(values).astype(dtype)


def _reference(function: Function, values: Array) -> Array:
    """Call `function` one element at a time (no blocks, no iterator)."""
    return np.array([function(value) for value in values.ravel()]).reshape(values.shape)


class TestElementwiseContract:
    @pytest.mark.parametrize("function", FUNCTIONS)
    @pytest.mark.parametrize("dtype", FLOATS)
    def test_float_dtype_kept(self, function: Function, dtype: type) -> None:
        """float16, float32 and float64 input give a result of the same dtype."""
        assert np.dtype(dtype) == function(np.linspace(-3, 3, 7, dtype=dtype)).dtype

    @pytest.mark.parametrize("function", FUNCTIONS)
    @pytest.mark.parametrize(
        "value", [[0, 1], [True, False], np.arange(3, dtype=np.uint8)], ids=repr
    )
    def test_integers_give_float64(self, function: Function, value: object) -> None:
        """Integer and boolean input give float64."""
        assert np.dtype(np.float64) == function(value).dtype

    @pytest.mark.parametrize("function", FUNCTIONS)
    @pytest.mark.parametrize("value", [0.5, np.float32(0.5), np.array(0.5)], ids=repr)
    def test_scalar_gives_0d_array(self, function: Function, value: object) -> None:
        """A scalar or 0-d input gives a 0-d ndarray, not a NumPy scalar."""
        result = function(value)
        assert type(result) is np.ndarray
        assert result.ndim == 0

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_shape_kept(self, function: Function) -> None:
        """An n-d input gives a result of the same shape, element by element."""
        z = np.linspace(-4, 4, 24).reshape(2, 3, 4)
        np.testing.assert_array_equal(_reference(function, z), function(z))

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_list_input(self, function: Function) -> None:
        """A nested list gives the same result as the array it describes."""
        z = [[-1.5, 0.0], [2.0, 3.5]]
        np.testing.assert_array_equal(function(np.array(z)), function(z))

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_empty(self, function: Function) -> None:
        """An empty input gives an empty result of the same shape."""
        expected = (0, 3)
        assert expected == function(np.empty(expected)).shape

    @pytest.mark.parametrize("function", FUNCTIONS)
    @pytest.mark.parametrize("dtype", FLOATS)
    def test_no_warning_for_special_values(
        self, function: Function, dtype: type
    ) -> None:
        """Infinities, huge, tiny, signed zeros and NaN raise nothing, even with
        seterr(all="raise")."""
        z = SPECIAL.astype(dtype) if dtype is np.float64 else _narrow(dtype)
        with np.errstate(all="raise"):
            result = function(z)
        assert SPECIAL.shape == result.shape

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_nan_in_nan_out(self, function: Function) -> None:
        """NaN in gives NaN out, and only there."""
        z = np.array([np.nan, 1.0, np.nan, -2.0])
        np.testing.assert_array_equal([True, False, True, False], np.isnan(function(z)))

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_many_blocks(self, function: Function) -> None:
        """An input spanning many blocks equals the element-by-element result."""
        rng = np.random.default_rng(7)
        z = rng.normal(scale=20.0, size=3 * _activations._BLOCK + 17)
        expected = np.concatenate([function(part) for part in np.array_split(z, 97)])
        np.testing.assert_array_equal(expected, function(z))

    @pytest.mark.parametrize("function", FUNCTIONS)
    @pytest.mark.parametrize("dtype", [np.float32, np.float64])
    def test_in_place(self, function: Function, dtype: type) -> None:
        """out=z overwrites z with the result."""
        z: Array = (
            np.random.default_rng(1).normal(scale=10.0, size=(50, 1000)).astype(dtype)
        )
        expected = function(z)
        assert function(z, out=z) is z
        np.testing.assert_array_equal(expected, z)

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_overlapping_out(self, function: Function) -> None:
        """out= overlapping z with a shift still gives the result for the old z."""
        buffer = np.linspace(-5.0, 5.0, 40_001)
        expected = function(buffer[:-1])
        function(buffer[:-1], out=buffer[1:])
        np.testing.assert_array_equal(expected, buffer[1:])

    @pytest.mark.parametrize("function", FUNCTIONS)
    @pytest.mark.parametrize(
        "view",
        [
            pytest.param(lambda a: a[::3], id="strided"),
            pytest.param(lambda a: a[::-1], id="reversed"),
            pytest.param(lambda a: a.reshape(300, 200).T, id="transposed"),
        ],
    )
    def test_non_contiguous(
        self, function: Function, view: Callable[[Array], Array]
    ) -> None:
        """Strided, reversed and transposed views give the contiguous result."""
        z = view(np.linspace(-30.0, 30.0, 60_000))
        np.testing.assert_array_equal(function(np.ascontiguousarray(z)), function(z))

    @pytest.mark.parametrize("function", FUNCTIONS)
    def test_input_not_modified(self, function: Function) -> None:
        """Without out=, the input array is left as it was."""
        z = np.linspace(-3.0, 3.0, 11)
        function(z)
        np.testing.assert_array_equal(np.linspace(-3.0, 3.0, 11), z)


class TestIdentity:
    def test_values(self) -> None:
        """identity returns its input's values."""
        np.testing.assert_array_equal(SPECIAL, af.identity(SPECIAL))

    def test_copy(self) -> None:
        """identity returns a new array, not its input."""
        z = np.ones(3)
        assert af.identity(z) is not z

    def test_derivative_is_one(self) -> None:
        """identity_derivative is 1 everywhere, infinities included."""
        np.testing.assert_array_equal(np.ones(14), af.identity_derivative(SPECIAL[:-1]))


class TestSigmoid:
    def test_zero(self) -> None:
        """sigmoid(0) is exactly 1/2."""
        assert af.sigmoid(0.0) == 0.5

    def test_moderate_values(self) -> None:
        """On [-50, 50] it matches 1/(1 + exp(-z)) to 4 ulp."""
        expected = [1.0 / (1.0 + math.exp(-z)) for z in GRID]
        np.testing.assert_array_max_ulp(np.array(expected), af.sigmoid(GRID), maxulp=4)

    def test_limits(self) -> None:
        """sigmoid(-inf) is 0 and sigmoid(inf) is 1."""
        np.testing.assert_array_equal([0.0, 1.0], af.sigmoid([-np.inf, np.inf]))

    def test_large_negative_without_warning(self) -> None:
        """sigmoid(-1000) is 0 with no overflow warning."""
        with np.errstate(all="raise"):
            assert af.sigmoid(-1000.0) == 0.0

    def test_subnormal_tail(self) -> None:
        """Below z = -709.78 the result is the subnormal exp(z), not 0."""
        z = np.array([-710.0, -720.0, -740.0])
        np.testing.assert_array_equal([math.exp(v) for v in z], af.sigmoid(z))

    @pytest.mark.parametrize(
        ("dtype", "z"), [(np.float32, -100.0), (np.float16, -16.0)], ids=["f32", "f16"]
    )
    def test_narrow_subnormal_tail(self, dtype: type, z: float) -> None:
        """In float32 and float16 the left tail is subnormal too, not 0."""
        expected: Array = np.asarray(math.exp(z)).astype(dtype)
        assert expected == af.sigmoid(np.asarray(z, dtype=dtype))

    def test_range(self) -> None:
        """Values lie in [0, 1]."""
        result = af.sigmoid(SPECIAL[:-1])
        assert bool(np.all((result >= 0.0) & (result <= 1.0)))


class TestSigmoidDerivative:
    def test_zero(self) -> None:
        """sigmoid_derivative(0) is exactly 1/4, the maximum."""
        assert af.sigmoid_derivative(0.0) == 0.25

    @pytest.mark.parametrize("z", [40.0, -40.0])
    def test_tail(self, z: float) -> None:
        """At |z| = 40 the slope is about 4.25e-18, not 0 (to 1e-15)."""
        np.testing.assert_allclose(
            4.248354255291589e-18, af.sigmoid_derivative(z), rtol=1e-15
        )

    def test_matches_output_form_in_the_middle(self) -> None:
        """On [-5, 5] it equals a(1 - a) with a = sigmoid(z) (to 1e-12)."""
        z = np.linspace(-5.0, 5.0, 401)
        expected = af.sigmoid_derivative_from_output(af.sigmoid(z))
        np.testing.assert_allclose(expected, af.sigmoid_derivative(z), rtol=1e-12)

    def test_even(self) -> None:
        """The derivative is an even function, exactly."""
        np.testing.assert_array_equal(
            af.sigmoid_derivative(GRID), af.sigmoid_derivative(-GRID)
        )

    def test_limits(self) -> None:
        """The derivative is 0 at both infinities."""
        np.testing.assert_array_equal(
            [0.0, 0.0], af.sigmoid_derivative([-np.inf, np.inf])
        )

    def test_subnormal_tail(self) -> None:
        """For |z| > 709.78 the slope is the subnormal exp(-|z|)."""
        z = np.array([-720.0, 730.0])
        np.testing.assert_array_equal(
            [math.exp(-720.0), math.exp(-730.0)], af.sigmoid_derivative(z)
        )


class TestSigmoidDerivativeFromOutput:
    def test_values(self) -> None:
        """a(1 - a) at 0, 1/2 and 1."""
        np.testing.assert_array_equal(
            [0.0, 0.25, 0.0], af.sigmoid_derivative_from_output([0.0, 0.5, 1.0])
        )

    @pytest.mark.parametrize(
        ("dtype", "below", "above"),
        [(np.float64, 36.7, 36.8), (np.float32, 17.3, 17.4), (np.float16, 8.3, 8.33)],
        ids=["f64", "f32", "f16"],
    )
    def test_collapse_point(self, dtype: type, below: float, above: float) -> None:
        """a(1 - a) is 0 once sigmoid(z) rounds to 1 (the thresholds of the docstring)."""
        a = af.sigmoid(np.array([below, above], dtype=dtype))
        result = af.sigmoid_derivative_from_output(a)
        assert result[0] > 0
        assert result[1] == 0

    def test_z_form_survives_collapse(self) -> None:
        """Where a(1 - a) is 0, sigmoid_derivative still gives exp(-z) (to 1e-12)."""
        z = np.array([37.0, 40.0, 100.0])
        assert bool(np.all(af.sigmoid_derivative_from_output(af.sigmoid(z)) == 0.0))
        np.testing.assert_allclose(np.exp(-z), af.sigmoid_derivative(z), rtol=1e-12)


class TestTanh:
    def test_is_numpy_tanh(self) -> None:
        """tanh is numpy.tanh, bit for bit."""
        np.testing.assert_array_equal(np.tanh(SPECIAL), af.tanh(SPECIAL))

    def test_limits(self) -> None:
        """tanh(-inf) is -1 and tanh(inf) is 1."""
        np.testing.assert_array_equal([-1.0, 1.0], af.tanh([-np.inf, np.inf]))

    def test_odd(self) -> None:
        """tanh is an odd function, exactly."""
        np.testing.assert_array_equal(-af.tanh(GRID), af.tanh(-GRID))


class TestTanhDerivative:
    def test_zero(self) -> None:
        """tanh_derivative(0) is exactly 1, the maximum."""
        assert af.tanh_derivative(0.0) == 1.0

    def test_tail(self) -> None:
        """At z = 20 the slope is about 1.70e-17 = 4 exp(-40), not 0 (to 1e-15)."""
        np.testing.assert_allclose(
            1.6993417021166355e-17, af.tanh_derivative(20.0), rtol=1e-15
        )

    def test_matches_output_form_in_the_middle(self) -> None:
        """On [-3, 3] it equals 1 - a^2 with a = tanh(z) (to 1e-12)."""
        z = np.linspace(-3.0, 3.0, 401)
        expected = af.tanh_derivative_from_output(af.tanh(z))
        np.testing.assert_allclose(expected, af.tanh_derivative(z), rtol=1e-12)

    def test_even(self) -> None:
        """The derivative is an even function, exactly."""
        np.testing.assert_array_equal(
            af.tanh_derivative(GRID), af.tanh_derivative(-GRID)
        )

    def test_limits(self) -> None:
        """The derivative is 0 at both infinities."""
        np.testing.assert_array_equal([0.0, 0.0], af.tanh_derivative([-np.inf, np.inf]))

    def test_subnormal_tail_is_positive(self) -> None:
        """Between |z| = 354 and 372 the slope is subnormal but not 0."""
        result = af.tanh_derivative(np.array([355.0, 365.0, -372.0]))
        assert bool(np.all((result > 0.0) & (result < np.finfo(np.float64).tiny)))

    def test_tail_continuity(self) -> None:
        """Across the switch to the scaled tail formula (2|z| = 690.8) the
        result keeps decreasing as 4 exp(-2|z|) does (ratio to 1e-12)."""
        z = np.linspace(340.0, 350.0, 1001)
        result = af.tanh_derivative(z)
        np.testing.assert_allclose(np.exp(-0.02), result[1:] / result[:-1], rtol=1e-12)


class TestTanhDerivativeFromOutput:
    def test_values(self) -> None:
        """1 - a^2 at 0, 1/2 and ±1."""
        np.testing.assert_array_equal(
            [1.0, 0.75, 0.0, 0.0], af.tanh_derivative_from_output([0.0, 0.5, 1.0, -1.0])
        )

    @pytest.mark.parametrize(
        ("dtype", "below", "above"),
        [(np.float64, 18.98, 19.0), (np.float32, 9.99, 10.0), (np.float16, 4.5, 4.52)],
        ids=["f64", "f32", "f16"],
    )
    def test_collapse_point(self, dtype: type, below: float, above: float) -> None:
        """1 - a^2 is 0 once tanh(z) rounds to 1 (the thresholds of the docstring)."""
        a = af.tanh(np.array([below, above], dtype=dtype))
        result = af.tanh_derivative_from_output(a)
        assert result[0] > 0
        assert result[1] == 0

    def test_z_form_survives_collapse(self) -> None:
        """Where 1 - a^2 is 0, tanh_derivative still gives 4 exp(-2|z|) (to 1e-12)."""
        z = np.array([19.5, -25.0, 100.0])
        assert bool(np.all(af.tanh_derivative_from_output(af.tanh(z)) == 0.0))
        np.testing.assert_allclose(
            4 * np.exp(-2 * np.abs(z)), af.tanh_derivative(z), rtol=1e-12
        )


class TestRelu:
    def test_values(self) -> None:
        """max(0, z) on a few values, infinities included."""
        np.testing.assert_array_equal(
            [0.0, 0.0, 0.0, 2.5, np.inf], af.relu([-np.inf, -1.0, 0.0, 2.5, np.inf])
        )

    @pytest.mark.parametrize("dtype", ALL_FLOATS)
    def test_negative_zero(self, dtype: type) -> None:
        """relu(-0.0) is +0.0 in every float dtype, for scalars and arrays."""
        zeros: Array = np.full(40, -0.0, dtype=dtype)
        assert not np.signbit(af.relu(zeros)).any()
        assert not np.signbit(af.relu(zeros[0]))

    @pytest.mark.parametrize("dtype", ALL_FLOATS)
    def test_zero_slope_leaky_relu_negative_zero(self, dtype: type) -> None:
        """leaky_relu with slope 0 is ReLU at -0.0 too: +0.0."""
        assert not np.signbit(af.leaky_relu(np.full(40, -0.0, dtype=dtype), 0.0)).any()

    def test_tiny_positive_kept(self) -> None:
        """The smallest subnormal is positive and kept as it is."""
        assert af.relu(5e-324) == 5e-324


class TestReluDerivative:
    def test_values(self) -> None:
        """0 for z <= 0 and 1 for z > 0, infinities included."""
        np.testing.assert_array_equal(
            [0.0, 0.0, 0.0, 1.0, 1.0],
            af.relu_derivative([-np.inf, -1.0, 0.0, 5e-324, np.inf]),
        )

    @pytest.mark.parametrize("zero", [0.0, -0.0], ids=["+0", "-0"])
    def test_zero_convention(self, zero: float) -> None:
        """The derivative at 0 is 0 (as jax.nn.relu and d2l), for both signed zeros."""
        assert af.relu_derivative(zero) == 0.0

    @pytest.mark.parametrize("dtype", ALL_FLOATS)
    def test_negative_zero_gives_positive_zero(self, dtype: type) -> None:
        """relu_derivative(-0.0) is +0, not -0, in every float dtype."""
        assert not np.signbit(af.relu_derivative(np.full(40, -0.0, dtype=dtype))).any()


class TestLeakyRelu:
    def test_default_slope(self) -> None:
        """The default negative slope is 0.01."""
        np.testing.assert_array_equal(
            [-0.1, 0.0, 3.0], af.leaky_relu([-10.0, 0.0, 3.0])
        )

    def test_custom_slope(self) -> None:
        """negative_slope scales only the negative side."""
        np.testing.assert_array_equal(
            [-2.0, 3.0], af.leaky_relu([-10.0, 3.0], negative_slope=0.2)
        )

    @pytest.mark.parametrize("slope", [0.0, 0.01, 0.5, 1.0, 2.0, -0.5, 1e-300])
    def test_matches_definition(self, slope: float) -> None:
        """For any slope it equals the piecewise definition, exactly."""
        z = np.concatenate([GRID, [-np.inf, np.inf, -1e308, 1e308]])
        with np.errstate(over="ignore"):
            expected = [v if v > 0 else (slope * v if slope else 0.0) for v in z]
        np.testing.assert_array_equal(expected, af.leaky_relu(z, slope))

    def test_zero_slope_is_relu(self) -> None:
        """With slope 0, -inf gives 0 (not NaN from 0 * inf), as ReLU."""
        z = np.array([-np.inf, -1.0, 0.0, 2.0, np.inf])
        np.testing.assert_array_equal(af.relu(z), af.leaky_relu(z, 0.0))

    @pytest.mark.parametrize(
        ("slope", "dtype", "words"),
        [
            (1e6, np.float16, "overflows float16"),
            (-1e6, np.float16, "overflows float16"),
            (1e39, np.float32, "overflows float32"),
            (1e-10, np.float16, "underflows to 0 in float16"),
            (1e-50, np.float32, "underflows to 0 in float32"),
        ],
    )
    @pytest.mark.parametrize("function", [af.leaky_relu, af.leaky_relu_derivative])
    def test_slope_outside_dtype_refused(
        self, function: Function, slope: float, dtype: type, words: str
    ) -> None:
        """A slope that overflows the dtype or underflows to 0 in it raises
        ValueError naming the slope and the dtype, warns nothing and leaves out=
        untouched."""
        z: Array = np.array([-1.0, 2.0, np.inf], dtype=dtype)
        out: Array = np.full(3, 7.0, dtype=dtype)
        with np.errstate(all="raise"), pytest.raises(ValueError, match=words) as info:
            function(z, slope, out=out)
        assert f"negative_slope={slope!r}" in str(info.value)
        np.testing.assert_array_equal(np.full(3, 7.0), out)

    @pytest.mark.parametrize("slope", [65504.0, -65504.0, 1e-7, -1e-7, 0.5])
    def test_extreme_float16_slopes_give_no_nan(self, slope: float) -> None:
        """The largest and a subnormal float16 slope give IEEE results, never NaN."""
        z = np.array([-np.inf, -2.0, -0.0, 0.0, 2.0, np.inf], dtype=np.float16)
        with np.errstate(all="raise"):
            value = af.leaky_relu(z, slope)
            slope_out = af.leaky_relu_derivative(z, slope)
        rounded = np.float16(slope)
        with np.errstate(over="ignore"):
            expected = np.where(z > 0, z, rounded * z)  # float16 arithmetic
        np.testing.assert_array_equal(expected, value)
        np.testing.assert_array_equal([rounded] * 4 + [1.0, 1.0], slope_out)

    def test_slope_rounded_to_dtype(self) -> None:
        """The slope is rounded to the input's dtype (float16 here)."""
        z = np.array([-1.0], dtype=np.float16)
        np.testing.assert_array_equal(
            np.array([-0.01], dtype=np.float16), af.leaky_relu(z)
        )


class TestLeakyReluDerivative:
    def test_values(self) -> None:
        """1 for z > 0, negative_slope for z <= 0."""
        np.testing.assert_array_equal(
            [0.01, 0.01, 0.01, 1.0, 1.0],
            af.leaky_relu_derivative([-np.inf, -1.0, 0.0, 5e-324, np.inf]),
        )

    @pytest.mark.parametrize("zero", [0.0, -0.0], ids=["+0", "-0"])
    @pytest.mark.parametrize("slope", [0.01, 0.3, 2.0, -0.5])
    def test_zero_convention(self, zero: float, slope: float) -> None:
        """The derivative at 0 is negative_slope, for both signed zeros."""
        assert af.leaky_relu_derivative(zero, slope) == slope

    @pytest.mark.parametrize("slope", [0.0, 0.01, 0.3, 1.0, 2.0, -0.5, 1e-300])
    def test_exactly_one_or_slope(self, slope: float) -> None:
        """Every value is exactly 1 or exactly negative_slope."""
        result = af.leaky_relu_derivative(GRID, slope)
        np.testing.assert_array_equal(np.where(GRID > 0, 1.0, slope), result)


class TestSoftplus:
    def test_zero(self) -> None:
        """softplus(0) is log 2."""
        assert af.softplus(0.0) == math.log(2.0)

    def test_matches_logaddexp(self) -> None:
        """On [-50, 50] it equals np.logaddexp(0, z) to 2 ulp."""
        np.testing.assert_array_max_ulp(
            np.logaddexp(0.0, GRID), af.softplus(GRID), maxulp=2
        )

    def test_left_tail_is_exp(self) -> None:
        """For z < -37 softplus(z) is exp(z), subnormal values included, not 0."""
        z = np.array([-40.0, -700.0, -720.0, -744.0])
        np.testing.assert_array_equal(np.exp(z), af.softplus(z))
        assert af.softplus(-744.0) > 0

    def test_right_tail_is_z(self) -> None:
        """For large z softplus(z) is z itself, without overflow, up to inf."""
        z = np.array([40.0, 800.0, 1e308, np.inf])
        with np.errstate(all="raise"):
            np.testing.assert_array_equal(z, af.softplus(z))

    def test_limits(self) -> None:
        """softplus(-inf) is 0."""
        assert af.softplus(-np.inf) == 0.0

    def test_derivative_is_sigmoid(self) -> None:
        """softplus_derivative is sigmoid, bit for bit, in every dtype."""
        for dtype in FLOATS:
            z = _narrow(dtype)
            np.testing.assert_array_equal(
                af.sigmoid(z), af.softplus_derivative(z), strict=True
            )


class TestSilu:
    def test_values(self) -> None:
        """silu(z) = z sigmoid(z) at a few points (to 2 ulp)."""
        z = np.array([-3.0, -1.0, 0.5, 4.0])
        np.testing.assert_array_max_ulp(z * af.sigmoid(z), af.silu(z), maxulp=2)

    def test_minimum(self) -> None:
        """The minimum is about -0.2785 at z = -1.2785, where silu' is 0."""
        z = np.linspace(-1.4, -1.1, 30_001)
        values = af.silu(z)
        assert z[np.argmin(values)] == pytest.approx(-1.27846, abs=1e-4)
        assert float(values.min()) == pytest.approx(-0.278465, abs=1e-6)

    def test_limits(self) -> None:
        """silu(-inf) is 0 and silu(inf) is inf, without warnings."""
        with np.errstate(all="raise"):
            np.testing.assert_array_equal(
                [0.0, np.inf], af.silu(np.array([-np.inf, np.inf]))
            )

    def test_subnormal_left_tail(self) -> None:
        """Below z = -709 the result is z exp(z), subnormal and not 0 (to 2 ulp)."""
        z = np.array([-710.0, -720.0, -740.0, -745.0])
        expected = np.array([float(v * mpmath.exp(v)) for v in z.tolist()])
        np.testing.assert_array_max_ulp(expected, af.silu(z), maxulp=2)
        assert bool(np.all(af.silu(z) < 0))

    def test_derivative_zero_crossing(self) -> None:
        """silu' changes sign once on [-2, 0], at z = -1.2785 (to 1e-4)."""
        z = np.linspace(-2.0, 0.0, 20_001)
        signs = np.signbit(af.silu_derivative(z))
        assert int(np.count_nonzero(np.diff(signs))) == 1
        assert z[np.argmax(~signs)] == pytest.approx(-1.27846, abs=1e-4)

    def test_derivative_tails(self) -> None:
        """silu' is (1 + z) e^z on the left, 1 + (1 + z) e^-z on the right."""
        left = np.array([-40.0, -400.0, -720.0])
        np.testing.assert_allclose((1 + left) * np.exp(left), af.silu_derivative(left))
        np.testing.assert_array_equal(
            [0.0, 1.0, 1.0], af.silu_derivative([-np.inf, 800.0, np.inf])
        )
        assert af.silu_derivative(-740.0) < 0

    def test_derivative_at_zero(self) -> None:
        """silu'(0) is exactly 1/2, for both signed zeros."""
        assert [af.silu_derivative(0.0), af.silu_derivative(-0.0)] == [0.5, 0.5]


class TestElu:
    def test_values(self) -> None:
        """z for z > 0 and alpha (e^z - 1) for z <= 0."""
        np.testing.assert_allclose(
            [-2.0, 2.0 * math.expm1(-1.0), 0.0, 3.0],
            af.elu([-np.inf, -1.0, 0.0, 3.0], alpha=2.0),
            rtol=1e-15,
        )

    def test_near_zero_uses_expm1(self) -> None:
        """Near 0, elu(z) is expm1(z), not exp(z) - 1 (exactly)."""
        z = np.array([-1e-10, -1e-300, -5e-324])
        np.testing.assert_array_equal(np.expm1(z), af.elu(z))

    def test_continuous_at_zero(self) -> None:
        """elu(z) tends to 0 from both sides of 0 (to the scale of z)."""
        z = np.array([-1e-12, 1e-12])
        np.testing.assert_allclose(z, af.elu(z), rtol=1e-11)

    def test_positive_infinity(self) -> None:
        """elu(inf) is inf, without warnings."""
        with np.errstate(all="raise"):
            assert af.elu(np.inf) == np.inf

    @pytest.mark.parametrize("alpha", [1.0, 0.5, 2.0, -0.5, 0.0])
    def test_derivative_values(self, alpha: float) -> None:
        """elu' is 1 for z > 0 and alpha e^z for z <= 0, alpha at 0, never NaN."""
        z = np.array([-np.inf, -30.0, -1.0, -0.0, 0.0, 5e-324, 2.0, np.inf])
        expected = np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))
        with np.errstate(all="raise"):
            result = af.elu_derivative(z, alpha)
        np.testing.assert_allclose(expected, result, rtol=1e-15)

    def test_derivative_tail(self) -> None:
        """On the left elu' is e^z itself, where elu(z) + 1 would be 0."""
        assert af.elu_derivative(-40.0) == math.exp(-40.0)
        assert af.elu_derivative(-740.0) == math.exp(-740.0)

    @pytest.mark.parametrize(
        ("alpha", "dtype", "words"),
        [(1e6, np.float16, "overflows float16"), (1e-10, np.float16, "underflows")],
    )
    @pytest.mark.parametrize("function", [af.elu, af.elu_derivative])
    def test_alpha_outside_dtype_refused(
        self, function: Function, alpha: float, dtype: type, words: str
    ) -> None:
        """An alpha the dtype cannot hold raises ValueError, as a leaky slope does."""
        with pytest.raises(ValueError, match=words):
            function(np.ones(2, dtype=dtype), alpha)


def _phi(z: float) -> float:
    """The normal CDF from math.erfc (accurate to a few ulp for |z| < 5)."""
    return 0.5 * math.erfc(-z / math.sqrt(2.0))


class TestGelu:
    def test_values(self) -> None:
        """gelu(z) = z Phi(z) on [-5, 5] (to 1e-14, math.erfc as reference)."""
        z = np.linspace(-5.0, 5.0, 1001)
        expected = [v * _phi(v) for v in z]
        np.testing.assert_allclose(expected, af.gelu(z), rtol=1e-14, atol=1e-300)

    def test_tanh_form_is_close(self) -> None:
        """The tanh form is within 5e-4 of the exact GELU everywhere on [-8, 8]."""
        z = np.linspace(-8.0, 8.0, 16_001)
        difference = np.abs(af.gelu(z, approximate=True) - af.gelu(z))
        assert float(difference.max()) < 5e-4

    @pytest.mark.parametrize("approximate", [False, True])
    def test_minimum_where_derivative_vanishes(self, approximate: bool) -> None:
        """GELU's minimum (about -0.17) is where its derivative changes sign,
        near z = -0.752, in both forms."""
        z = np.linspace(-1.0, -0.5, 50_001)
        slopes = af.gelu_derivative(z, approximate)
        crossing = z[int(np.argmax(~np.signbit(slopes)))]
        assert crossing == pytest.approx(-0.752, abs=1e-3)
        assert int(np.count_nonzero(np.diff(np.signbit(slopes)))) == 1
        assert z[np.argmin(af.gelu(z, approximate))] == pytest.approx(
            crossing, abs=1e-4
        )

    @pytest.mark.parametrize(
        ("approximate", "z"), [(False, -38.0), (True, -21.3)], ids=["exact", "tanh"]
    )
    def test_subnormal_left_tail(self, approximate: bool, z: float) -> None:
        """Deep in the left tail the value and the slope are subnormal, not 0."""
        tiny = float(np.finfo(np.float64).smallest_normal)
        value = float(af.gelu(z, approximate))
        slope = float(af.gelu_derivative(z, approximate))
        assert -tiny < value < 0
        assert -tiny < slope < 0

    @pytest.mark.parametrize("approximate", [False, True])
    def test_limits(self, approximate: bool) -> None:
        """gelu is 0 at -inf and inf at inf; its slope 0 and 1; no warnings."""
        z = np.array([-np.inf, -1e308, 1e308, np.inf])
        with np.errstate(all="raise"):
            value = af.gelu(z, approximate)
            slope = af.gelu_derivative(z, approximate)
        np.testing.assert_array_equal([0.0, 0.0, 1e308, np.inf], value)
        np.testing.assert_array_equal([0.0, 0.0, 1.0, 1.0], slope)

    @pytest.mark.parametrize("approximate", [False, True])
    def test_at_zero(self, approximate: bool) -> None:
        """gelu(0) = 0 and gelu'(0) = 1/2, exactly."""
        assert [af.gelu(0.0, approximate), af.gelu_derivative(0.0, approximate)] == [
            0.0,
            0.5,
        ]

    @pytest.mark.parametrize("approximate", [False, True])
    @pytest.mark.parametrize("dtype", [np.float16, np.float32, np.longdouble])
    def test_narrow_and_wide_dtypes_round_float64(
        self, dtype: type, approximate: bool
    ) -> None:
        """float16/float32 (and longdouble) results are the float64 results
        rounded once to the dtype."""
        z: Array = np.linspace(-12.0, 6.0, 1801).astype(dtype)
        wide = z.astype(np.float64)
        for function in (af.gelu, af.gelu_derivative):
            expected: Array = function(wide, approximate).astype(dtype)
            np.testing.assert_array_equal(expected, function(z, approximate))

    def test_anchor_boundaries_are_smooth(self) -> None:
        """Across the switch from anchors to the continued fraction (|z| =
        3.0625) and between anchors, gelu' keeps matching the centred
        difference of gelu (to 1e-9)."""
        z = np.array([-3.0625, -3.06, -3.07, -1.0625, -0.0625, 3.0625])
        h = 1e-6
        estimate = (af.gelu(z + h) - af.gelu(z - h)) / (2 * h)
        np.testing.assert_allclose(estimate, af.gelu_derivative(z), atol=1e-9)
