"""Property-based tests (hypothesis): bounds, symmetries, identities, derivatives."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import activation_functions as af

Array = np.ndarray[Any, Any]
Function = Callable[..., Array]

# The machine is shared: time limits would make the tests flaky, not stricter.
relaxed = settings(deadline=None)

EPS = float(np.finfo(np.float64).eps)

reals = st.floats(allow_nan=False, allow_infinity=True)
finite = st.floats(allow_nan=False, allow_infinity=False)
moderate = st.floats(min_value=-30.0, max_value=30.0)
slopes = st.floats(min_value=0.0, max_value=1.0)
float_dtypes = st.sampled_from([np.float16, np.float32, np.float64])


def vectors(elements: st.SearchStrategy[float] = moderate) -> st.SearchStrategy[Array]:
    """1-d float64 arrays of 1 to 20 elements."""
    return hnp.arrays(np.float64, st.integers(1, 20), elements=elements)


class TestBounds:
    @relaxed
    @given(z=reals)
    def test_sigmoid_in_unit_interval(self, z: float) -> None:
        """0 <= sigmoid(z) <= 1."""
        assert 0.0 <= af.sigmoid(z) <= 1.0

    @relaxed
    @given(z=reals)
    def test_tanh_in_symmetric_interval(self, z: float) -> None:
        """-1 <= tanh(z) <= 1."""
        assert -1.0 <= af.tanh(z) <= 1.0

    @relaxed
    @given(z=reals)
    def test_relu_non_negative(self, z: float) -> None:
        """relu(z) >= 0, with relu(z) = z for z >= 0."""
        result = af.relu(z)
        assert result >= 0.0
        assert result == max(z, 0.0)

    @relaxed
    @given(z=reals)
    def test_sigmoid_derivative_bounds(self, z: float) -> None:
        """0 <= sigmoid'(z) <= 1/4."""
        assert 0.0 <= af.sigmoid_derivative(z) <= 0.25

    @relaxed
    @given(z=reals)
    def test_tanh_derivative_bounds(self, z: float) -> None:
        """0 <= tanh'(z) <= 1."""
        assert 0.0 <= af.tanh_derivative(z) <= 1.0

    @relaxed
    @given(z=reals, slope=slopes)
    def test_piecewise_derivatives_take_two_values(
        self, z: float, slope: float
    ) -> None:
        """relu' is 0 or 1 and leaky_relu' is negative_slope or 1."""
        assert float(af.relu_derivative(z)) in {0.0, 1.0}
        assert float(af.leaky_relu_derivative(z, slope)) in {slope, 1.0}


class TestMonotonicity:
    @pytest.mark.parametrize(
        "function",
        [af.sigmoid, af.tanh, af.relu, af.leaky_relu, af.identity],
        ids=["sigmoid", "tanh", "relu", "leaky_relu", "identity"],
    )
    @relaxed
    @given(pair=st.tuples(reals, reals).map(sorted))
    def test_non_decreasing(self, function: Function, pair: list[float]) -> None:
        """z1 <= z2 implies g(z1) <= g(z2)."""
        low, high = pair
        assert function(low) <= function(high)

    @relaxed
    @given(pair=st.tuples(reals, reals).map(sorted))
    def test_sigmoid_derivative_decreases_away_from_zero(
        self, pair: list[float]
    ) -> None:
        """sigmoid'(z) does not increase as |z| grows."""
        near, far = sorted(pair, key=abs)
        assert af.sigmoid_derivative(far) <= af.sigmoid_derivative(near)


class TestIdentities:
    @relaxed
    @given(z=reals)
    def test_sigmoid_symmetry(self, z: float) -> None:
        """sigmoid(-z) = 1 - sigmoid(z) (to 2 ulp of 1, or 2 ulp relative)."""
        left = af.sigmoid(-z)
        right = 1.0 - af.sigmoid(z)
        np.testing.assert_allclose(left, right, rtol=2 * EPS, atol=EPS)

    @relaxed
    @given(z=st.floats(min_value=-1e300, max_value=1e300))
    def test_tanh_is_rescaled_sigmoid(self, z: float) -> None:
        """tanh(z) = 2 sigmoid(2z) - 1 (to 3 ulp of 1)."""
        expected = 2.0 * af.sigmoid(2.0 * z) - 1.0
        np.testing.assert_allclose(expected, af.tanh(z), rtol=0, atol=3 * EPS)

    @relaxed
    @given(z=reals)
    def test_derivatives_are_even(self, z: float) -> None:
        """sigmoid' and tanh' are even functions, exactly."""
        assert af.sigmoid_derivative(z) == af.sigmoid_derivative(-z)
        assert af.tanh_derivative(z) == af.tanh_derivative(-z)

    @relaxed
    @given(z=st.floats(min_value=-5.0, max_value=5.0))
    def test_output_forms_agree_in_the_middle(self, z: float) -> None:
        """The a-forms agree with the z-forms where a keeps its precision (1e-12)."""
        np.testing.assert_allclose(
            af.sigmoid_derivative(z),
            af.sigmoid_derivative_from_output(af.sigmoid(z)),
            rtol=1e-12,
        )
        np.testing.assert_allclose(
            af.tanh_derivative(z),
            af.tanh_derivative_from_output(af.tanh(z)),
            rtol=1e-11,
        )

    @relaxed
    @given(z=reals, slope=st.floats(min_value=1e-3, max_value=1.0))
    def test_leaky_relu_is_relu_plus_slope_times_negative_part(
        self, z: float, slope: float
    ) -> None:
        """leaky_relu(z) = relu(z) - slope * relu(-z), exactly."""
        expected = af.relu(z) - slope * af.relu(-z)
        assert expected == af.leaky_relu(z, slope)

    @relaxed
    @given(z=finite)
    def test_two_class_softmax_is_sigmoid(self, z: float) -> None:
        """softmax([z, 0])[0] = sigmoid(z) (to 2 ulp)."""
        np.testing.assert_array_max_ulp(
            af.sigmoid(z), af.softmax([z, 0.0])[0], maxulp=2
        )


class TestFiniteDifferences:
    @pytest.mark.parametrize(
        ("function", "derivative"),
        [
            (af.sigmoid, af.sigmoid_derivative),
            (af.tanh, af.tanh_derivative),
            (af.relu, af.relu_derivative),
            (af.leaky_relu, af.leaky_relu_derivative),
            (af.identity, af.identity_derivative),
        ],
        ids=["sigmoid", "tanh", "relu", "leaky_relu", "identity"],
    )
    @relaxed
    @given(z=moderate.filter(lambda v: abs(v) > 1e-3))
    def test_centred_difference(
        self, function: Function, derivative: Function, z: float
    ) -> None:
        """g'(z) matches (g(z + h) - g(z - h)) / 2h with h = 1e-6 (to 1e-8),
        away from the kink at 0."""
        h = 1e-6
        estimate = (function(z + h) - function(z - h)) / (2 * h)
        np.testing.assert_allclose(estimate, derivative(z), rtol=1e-6, atol=1e-8)

    @relaxed
    @given(z=vectors(), v=vectors())
    def test_softmax_jvp(self, z: Array, v: Array) -> None:
        """softmax_jvp is the directional centred difference of softmax (1e-8)."""
        v = np.resize(v, z.shape)
        h = 1e-6
        estimate = (af.softmax(z + h * v) - af.softmax(z - h * v)) / (2 * h)
        np.testing.assert_allclose(estimate, af.softmax_jvp(z, v), atol=1e-8)

    @relaxed
    @given(z=vectors(), v=vectors())
    def test_softmax_jvp_is_jacobian_product(self, z: Array, v: Array) -> None:
        """softmax_jvp(z, v) equals softmax_jacobian(z) @ v (to 4 ulp of max |v|)."""
        v = np.resize(v, z.shape)
        expected = af.softmax_jacobian(z) @ v
        atol = 4 * EPS * max(1.0, float(np.abs(v).max()))
        np.testing.assert_allclose(
            expected, af.softmax_jvp(z, v), rtol=1e-12, atol=atol
        )


class TestSoftmaxLaws:
    @relaxed
    @given(z=vectors(finite))
    def test_sums_to_one(self, z: Array) -> None:
        """Softmax of finite scores is a probability vector (sum to n ulp)."""
        result = af.softmax(z)
        assert bool(np.all(result >= 0.0))
        np.testing.assert_allclose(1.0, result.sum(), atol=z.size * EPS)

    @relaxed
    @given(z=vectors(), shift=st.floats(min_value=-1e3, max_value=1e3))
    def test_shift_invariance(self, z: Array, shift: float) -> None:
        """softmax(z + c) = softmax(z), up to the rounding of z + c (1e-12)."""
        np.testing.assert_allclose(
            af.softmax(z), af.softmax(z + shift), rtol=1e-12, atol=1e-300
        )

    @relaxed
    @given(z=vectors())
    def test_order_preserved(self, z: Array) -> None:
        """A larger score never gets a smaller probability."""
        order = np.argsort(z, kind="stable")
        assert bool(np.all(np.diff(af.softmax(z)[order]) >= 0.0))


class TestDtypes:
    @pytest.mark.parametrize(
        "function",
        [
            af.sigmoid,
            af.sigmoid_derivative,
            af.tanh,
            af.tanh_derivative,
            af.relu,
            af.relu_derivative,
            af.leaky_relu,
            af.leaky_relu_derivative,
            af.softplus,
            af.softplus_derivative,
            af.silu,
            af.silu_derivative,
            af.elu,
            af.elu_derivative,
            af.gelu,
            af.gelu_derivative,
            af.softmax,
            af.log_softmax,
        ],
        ids=[
            "sigmoid",
            "sigmoid_derivative",
            "tanh",
            "tanh_derivative",
            "relu",
            "relu_derivative",
            "leaky_relu",
            "leaky_relu_derivative",
            "softplus",
            "softplus_derivative",
            "silu",
            "silu_derivative",
            "elu",
            "elu_derivative",
            "gelu",
            "gelu_derivative",
            "softmax",
            "log_softmax",
        ],
    )
    @relaxed
    @given(data=st.data(), dtype=float_dtypes)
    def test_dtype_and_shape_preserved(
        self, function: Function, data: st.DataObject, dtype: type
    ) -> None:
        """Any float array keeps its dtype and shape, without a warning."""
        z = data.draw(
            hnp.arrays(dtype, hnp.array_shapes(min_dims=0, max_dims=3, max_side=5))
        )
        with np.errstate(all="raise"):
            result = function(z)
        assert (np.dtype(dtype), z.shape) == (result.dtype, result.shape)


class TestModernActivationLaws:
    @relaxed
    @given(z=reals)
    def test_softplus_bounds(self, z: float) -> None:
        """max(z, 0) <= softplus(z) <= max(z, 0) + log 2, and softplus(z) >= 0."""
        value = float(af.softplus(z))
        assert max(z, 0.0) <= value <= max(z, 0.0) + np.log(2.0) * (1 + 2 * EPS)

    @relaxed
    @given(z=st.floats(min_value=-700.0, max_value=700.0))
    def test_softplus_symmetry(self, z: float) -> None:
        """softplus(z) - softplus(-z) = z (to 4 ulp of the larger side)."""
        left, right = float(af.softplus(z)), float(af.softplus(-z))
        assert left - right == pytest.approx(z, rel=4 * EPS, abs=4 * EPS * max(left, 1))

    @relaxed
    @given(z=reals)
    def test_softplus_derivative_is_sigmoid(self, z: float) -> None:
        """softplus' = sigmoid, exactly."""
        assert af.softplus_derivative(z) == af.sigmoid(z)

    @relaxed
    @given(z=st.floats(min_value=-700.0, max_value=1e300))
    def test_silu_is_z_times_sigmoid(self, z: float) -> None:
        """silu(z) = z sigmoid(z) (to 3 ulp) wherever both are normal numbers."""
        np.testing.assert_allclose(z * af.sigmoid(z), af.silu(z), rtol=3 * EPS)

    @relaxed
    @given(z=reals)
    def test_silu_bounds(self, z: float) -> None:
        """silu(z) lies between min(z, 0) and max(z, 0), and above -0.2785."""
        value = float(af.silu(z))
        assert min(z, 0.0) <= value <= max(z, 0.0)
        assert value >= -0.27847

    @relaxed
    @given(
        alpha=st.floats(min_value=0.01, max_value=100.0),
        h=st.floats(min_value=1e-300, max_value=1e-3),
    )
    def test_elu_continuous_at_zero(self, alpha: float, h: float) -> None:
        """Near 0 from either side ELU is within alpha h of 0 (continuity), and
        for alpha = 1 its derivative is continuous too."""
        assert abs(float(af.elu(-h, alpha))) <= alpha * h
        assert abs(float(af.elu(h, alpha))) <= h
        assert af.elu_derivative(-h) == pytest.approx(af.elu_derivative(h), abs=2 * h)

    @relaxed
    @given(z=reals, alpha=st.floats(min_value=0.0, max_value=10.0))
    def test_elu_derivative_on_the_left_is_elu_plus_alpha(
        self, z: float, alpha: float
    ) -> None:
        """For z <= 0, elu'(z) = elu(z) + alpha (to 2 ulp of alpha)."""
        if z <= 0:
            np.testing.assert_allclose(
                af.elu(z, alpha) + alpha,
                af.elu_derivative(z, alpha),
                rtol=2 * EPS,
                atol=2 * EPS * alpha,
            )

    @pytest.mark.parametrize(
        "function",
        [af.silu, af.gelu, functools.partial(af.gelu, approximate=True)],
        ids=["silu", "gelu", "gelu_tanh"],
    )
    @relaxed
    @given(z=st.floats(min_value=-1e300, max_value=1e300))
    def test_gate_symmetry(self, function: Function, z: float) -> None:
        """g(z) - g(-z) = z for the gated units z G(z) with G(z) + G(-z) = 1
        (to 2 ulp of |z|)."""
        np.testing.assert_allclose(
            z, function(z) - function(-z), rtol=2 * EPS, atol=1e-300
        )

    @pytest.mark.parametrize(
        "derivative",
        [
            af.silu_derivative,
            af.gelu_derivative,
            functools.partial(af.gelu_derivative, approximate=True),
        ],
        ids=["silu", "gelu", "gelu_tanh"],
    )
    @relaxed
    @given(z=reals)
    def test_derivative_symmetry(self, derivative: Function, z: float) -> None:
        """g'(z) + g'(-z) = 1 for the same units (to 2 ulp of the larger)."""
        np.testing.assert_allclose(
            1.0, derivative(z) + derivative(-z), rtol=0, atol=4 * EPS
        )

    @relaxed
    @given(z=st.floats(min_value=-5.0, max_value=5.0))
    def test_gelu_is_z_times_normal_cdf(self, z: float) -> None:
        """gelu(z) = z Phi(z), Phi from math.erfc (to 1e-14)."""
        phi = 0.5 * math.erfc(-z / math.sqrt(2.0))
        np.testing.assert_allclose(z * phi, af.gelu(z), rtol=1e-14, atol=1e-300)

    @pytest.mark.parametrize(
        ("function", "derivative"),
        [
            (af.softplus, af.softplus_derivative),
            (af.silu, af.silu_derivative),
            (af.elu, af.elu_derivative),
            (af.gelu, af.gelu_derivative),
            (
                functools.partial(af.gelu, approximate=True),
                functools.partial(af.gelu_derivative, approximate=True),
            ),
        ],
        ids=["softplus", "silu", "elu", "gelu", "gelu_tanh"],
    )
    @relaxed
    @given(z=moderate.filter(lambda v: abs(v) > 1e-3))
    def test_centred_difference(
        self, function: Function, derivative: Function, z: float
    ) -> None:
        """g'(z) matches (g(z + h) - g(z - h)) / 2h with h = 1e-6 (to 1e-8)."""
        h = 1e-6
        estimate = (function(z + h) - function(z - h)) / (2 * h)
        np.testing.assert_allclose(estimate, derivative(z), rtol=1e-6, atol=1e-8)


class TestLogSoftmaxLaws:
    @relaxed
    @given(z=vectors(), shift=st.floats(min_value=-1e3, max_value=1e3))
    def test_logsumexp_shift_invariance(self, z: Array, shift: float) -> None:
        """logsumexp(z + c) = logsumexp(z) + c, up to the rounding of z + c."""
        scale = 4 * EPS * (1 + float(np.abs(z).max()) + abs(shift))
        np.testing.assert_allclose(
            af.logsumexp(z) + shift, af.logsumexp(z + shift), rtol=0, atol=scale
        )

    @relaxed
    @given(z=vectors(st.floats(min_value=-1e300, max_value=1e300)))
    def test_logsumexp_between_max_and_max_plus_log_n(self, z: Array) -> None:
        """max z <= logsumexp(z) <= max z + log n."""
        value = float(af.logsumexp(z))
        top = float(z.max())
        assert top <= value <= top + np.log(z.size) * (1 + 2 * EPS) + 2 * EPS * abs(top)

    @relaxed
    @given(z=vectors())
    def test_log_softmax_is_log_of_softmax(self, z: Array) -> None:
        """log(softmax(z)) = log_softmax(z) where softmax has not underflowed
        (to 4 ulp of the larger of the value and 1: a probability's 3 ulp are
        3 EPS after the log)."""
        probabilities = af.softmax(z)
        kept = probabilities > 1e-300
        np.testing.assert_allclose(
            np.log(probabilities[kept]),
            af.log_softmax(z)[kept],
            rtol=4 * EPS,
            atol=4 * EPS,
        )

    @relaxed
    @given(z=vectors(), shift=st.floats(min_value=-1e3, max_value=1e3))
    def test_log_softmax_shift_invariance(self, z: Array, shift: float) -> None:
        """log_softmax(z + c) = log_softmax(z), up to the rounding of z + c."""
        scale = 4 * EPS * (1 + float(np.abs(z).max()) + abs(shift))
        np.testing.assert_allclose(
            af.log_softmax(z), af.log_softmax(z + shift), rtol=0, atol=scale
        )

    @relaxed
    @given(z=vectors(finite))
    def test_log_softmax_non_positive(self, z: Array) -> None:
        """log_softmax(z) <= 0, with logsumexp of it equal to 0 (to n ulp)."""
        result = af.log_softmax(z)
        assert bool(np.all(result <= 0.0))
        np.testing.assert_allclose(0.0, af.logsumexp(result), atol=z.size * EPS)
