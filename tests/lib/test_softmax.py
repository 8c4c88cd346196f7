"""Tests for softmax, its Jacobian, Jacobian-vector products and the CE gradient."""

from __future__ import annotations

import math
from typing import Any

import mpmath
import numpy as np
import pytest

import activation_functions as af
from activation_functions import _softmax

Array = np.ndarray[Any, Any]
RNG_SEED = 20240


def _plain(z: Array, axis: int = -1) -> Array:
    """The textbook formula, for comparison away from the edge cases."""
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    result: Array = e / e.sum(axis=axis, keepdims=True)
    return result


def _loss(z: Array, y: Array, axis: int) -> Array:
    """Cross-entropy -sum(y log softmax(z)) per slice, through log-sum-exp."""
    m = z.max(axis=axis, keepdims=True)
    log_sum = m + np.log(np.exp(z - m).sum(axis=axis, keepdims=True))
    result: Array = -(y * (z - log_sum)).sum(axis=axis)
    return result


class TestSoftmax:
    def test_values(self) -> None:
        """softmax([1, 2, 3]) matches exp(z_i)/sum exp(z_j) to 2 ulp."""
        total = math.exp(1.0) + math.exp(2.0) + math.exp(3.0)
        expected = np.array([math.exp(v) / total for v in (1.0, 2.0, 3.0)])
        np.testing.assert_array_max_ulp(expected, af.softmax([1.0, 2.0, 3.0]), maxulp=2)

    @pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
    def test_sums_to_one(self, axis: int) -> None:
        """Each slice along the axis sums to 1 (to 1e-15)."""
        z = np.random.default_rng(RNG_SEED).normal(scale=5.0, size=(4, 5, 6))
        sums = af.softmax(z, axis=axis).sum(axis=axis)
        np.testing.assert_allclose(np.ones_like(sums), sums, rtol=0, atol=1e-15)

    @pytest.mark.parametrize("axis", [0, 1, 2])
    def test_axis_is_moved_axis(self, axis: int) -> None:
        """Softmax along an axis equals softmax along the last axis of the
        moved array, exactly."""
        z = np.random.default_rng(RNG_SEED).normal(size=(4, 5, 6))
        expected = np.moveaxis(af.softmax(np.moveaxis(z, axis, -1)), -1, axis)
        np.testing.assert_array_equal(expected, af.softmax(z, axis=axis))

    def test_columns_as_examples(self) -> None:
        """axis=0 treats columns as examples, as the course's (n_y, m) matrices."""
        z = np.random.default_rng(RNG_SEED).normal(size=(3, 7))
        np.testing.assert_array_equal(af.softmax(z.T).T, af.softmax(z, axis=0))

    def test_shift_invariance(self) -> None:
        """Adding 1000 to every score changes nothing (to 4 ulp)."""
        z = np.linspace(-3.0, 3.0, 13)
        np.testing.assert_array_max_ulp(af.softmax(z), af.softmax(z + 1000.0), maxulp=4)

    def test_plain_formula_agrees(self) -> None:
        """On moderate scores it agrees with the textbook formula (to 1e-13)."""
        z = np.random.default_rng(RNG_SEED).normal(scale=3.0, size=(50, 20))
        np.testing.assert_allclose(_plain(z), af.softmax(z), rtol=1e-13)

    def test_large_scores_without_warning(self) -> None:
        """Scores of 1e308 overflow nothing, even with seterr(all="raise")."""
        with np.errstate(all="raise"):
            result = af.softmax([1e308, 1e308, -1e308])
        np.testing.assert_array_equal([0.5, 0.5, 0.0], result)

    def test_two_classes_is_sigmoid(self) -> None:
        """softmax([a, b])[0] is sigmoid(a - b) (to 2 ulp)."""
        a = np.linspace(-30.0, 30.0, 61)
        z = np.stack([a, np.zeros_like(a)], axis=-1)
        np.testing.assert_array_max_ulp(af.sigmoid(a), af.softmax(z)[:, 0], maxulp=2)

    def test_minus_infinity_masks(self) -> None:
        """-inf entries get exactly 0 and the rest is renormalised."""
        result = af.softmax([0.0, -np.inf, 0.0, -np.inf])
        np.testing.assert_array_equal([0.5, 0.0, 0.5, 0.0], result)

    @pytest.mark.parametrize(
        "row",
        [
            pytest.param([1.0, np.inf, 2.0], id="plus-inf"),
            pytest.param([np.inf, np.inf, 0.0], id="two-plus-inf"),
            pytest.param([-np.inf, -np.inf, -np.inf], id="all-minus-inf"),
            pytest.param([1.0, np.nan, 2.0], id="nan"),
            pytest.param([-np.inf, np.inf, -np.inf], id="minus-and-plus-inf"),
        ],
    )
    def test_undefined_rows_are_nan(self, row: list[float]) -> None:
        """A row with +inf, with NaN, or of only -inf is all NaN; other rows
        are unaffected (the jax.nn / scipy convention)."""
        z = np.array([row, [0.0, 0.0, 0.0]])
        with np.errstate(all="raise"):
            result = af.softmax(z)
        np.testing.assert_array_equal([[np.nan] * 3, [1 / 3] * 3], result)

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (2.0, 1.0),
            (-1e308, 1.0),
            (np.inf, np.nan),
            (-np.inf, np.nan),
            (np.nan, np.nan),
        ],
        ids=["finite", "huge", "plus-inf", "minus-inf", "nan"],
    )
    def test_scalar(self, value: float, expected: float) -> None:
        """A 0-d input is one class: 1, or NaN where a row would be NaN."""
        result = af.softmax(value)
        assert result.shape == ()
        np.testing.assert_array_equal(expected, result)

    @pytest.mark.parametrize("shape", [(0, 3), (3, 0), (0,)])
    def test_empty(self, shape: tuple[int, ...]) -> None:
        """Empty inputs give empty results of the same shape."""
        assert shape == af.softmax(np.empty(shape)).shape

    @pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
    def test_dtype_kept(self, dtype: type) -> None:
        """The floating dtype is kept and each row still sums to 1 (to 10 eps)."""
        z: Array = np.random.default_rng(RNG_SEED).normal(size=(8, 10)).astype(dtype)
        result = af.softmax(z)
        eps = float(np.finfo(dtype).eps)
        assert np.dtype(dtype) == result.dtype
        np.testing.assert_allclose(
            1.0, result.astype(np.float64).sum(axis=-1), atol=10 * eps
        )

    def test_integers_give_float64(self) -> None:
        """Integer scores give a float64 result."""
        np.testing.assert_array_equal(af.softmax([1.0, 2.0]), af.softmax([1, 2]))

    def test_in_place(self) -> None:
        """out=z overwrites z with its softmax."""
        z = np.random.default_rng(RNG_SEED).normal(size=(300, 70))
        expected = af.softmax(z)
        assert af.softmax(z, out=z) is z
        np.testing.assert_array_equal(expected, z)

    def test_overlapping_out(self) -> None:
        """An out= overlapping z with a shift gives the softmax of the old z."""
        buffer = np.random.default_rng(RNG_SEED).normal(size=1001)
        expected = af.softmax(buffer[:-1].reshape(10, 100))
        af.softmax(buffer[:-1].reshape(10, 100), out=buffer[1:].reshape(10, 100))
        np.testing.assert_array_equal(expected, buffer[1:].reshape(10, 100))

    def test_out_that_cannot_be_reshaped(self) -> None:
        """An out= whose layout cannot be viewed as rows is still filled."""
        z = np.random.default_rng(RNG_SEED).normal(size=(3, 4, 5))
        out = np.empty((5, 4, 3)).transpose(2, 1, 0)
        af.softmax(z, axis=1, out=out)
        np.testing.assert_array_equal(af.softmax(z, axis=1), out)

    @pytest.mark.parametrize("dtype", [np.float32, np.float64])
    def test_long_rows(self, dtype: type) -> None:
        """Rows longer than a block give the same result as a moderate formula
        (to 1e-12 in float64, 1 ulp in float32) and sum to 1."""
        n = 2 * _softmax._BLOCK + 123
        z: Array = np.random.default_rng(RNG_SEED).normal(scale=4.0, size=(2, n))
        z = z.astype(dtype)
        expected: Array = _plain(z.astype(np.float64)).astype(dtype)
        result = af.softmax(z)
        if dtype is np.float64:
            np.testing.assert_allclose(expected, result, rtol=1e-12)
        else:
            np.testing.assert_array_max_ulp(expected, result, maxulp=1)
        np.testing.assert_allclose(
            1.0, result.astype(np.float64).sum(axis=-1), rtol=1e-6
        )

    def test_long_row_in_place(self) -> None:
        """A long row computed in place equals the out-of-place result."""
        z = np.random.default_rng(RNG_SEED).normal(size=3 * _softmax._BLOCK + 5)
        expected = af.softmax(z)
        af.softmax(z, out=z)
        np.testing.assert_array_equal(expected, z)

    def test_non_contiguous(self) -> None:
        """Strided and transposed inputs give the contiguous result."""
        z = np.random.default_rng(RNG_SEED).normal(size=(40, 60))
        view = z[::2, ::-3].T
        np.testing.assert_array_equal(
            af.softmax(np.ascontiguousarray(view)), af.softmax(view)
        )


class TestSoftmaxJacobian:
    def test_two_equal_scores(self) -> None:
        """For z = (0, 0) the Jacobian is [[1/4, -1/4], [-1/4, 1/4]]."""
        np.testing.assert_array_equal(
            [[0.25, -0.25], [-0.25, 0.25]], af.softmax_jacobian([0.0, 0.0])
        )

    def test_finite_differences(self) -> None:
        """Column j is the centred difference of softmax in z_j (to 1e-9)."""
        z = np.array([0.3, -1.2, 2.0, 0.7])
        h = 1e-6
        columns = []
        for j in range(z.size):
            step = np.zeros_like(z)
            step[j] = h
            columns.append((af.softmax(z + step) - af.softmax(z - step)) / (2 * h))
        np.testing.assert_allclose(
            np.stack(columns, axis=1), af.softmax_jacobian(z), atol=1e-9
        )

    def test_structure(self) -> None:
        """J is symmetric, its rows sum to 0 and its diagonal is s(1 - s)."""
        z = np.random.default_rng(RNG_SEED).normal(size=6)
        jacobian = af.softmax_jacobian(z)
        s = af.softmax(z)
        np.testing.assert_array_equal(jacobian.T, jacobian)
        np.testing.assert_allclose(0.0, jacobian.sum(axis=1), atol=1e-16)
        np.testing.assert_array_equal(s * (1 - s), np.diagonal(jacobian))

    @pytest.mark.parametrize(
        ("shape", "axis", "expected"),
        [
            ((4,), -1, (4, 4)),
            ((5, 3), -1, (5, 3, 3)),
            ((5, 3), 0, (3, 5, 5)),
            ((2, 3, 4), 1, (2, 4, 3, 3)),
            ((), -1, (1, 1)),
        ],
    )
    def test_shape(
        self, shape: tuple[int, ...], axis: int, expected: tuple[int, ...]
    ) -> None:
        """The result has the other axes in order, then (n, n)."""
        assert expected == af.softmax_jacobian(np.zeros(shape), axis=axis).shape

    def test_batch(self) -> None:
        """A batch gives one Jacobian per slice, as the single-slice call does."""
        z = np.random.default_rng(RNG_SEED).normal(size=(3, 4))
        expected = np.stack([af.softmax_jacobian(row) for row in z.T])
        np.testing.assert_array_equal(expected, af.softmax_jacobian(z, axis=0))

    def test_scalar(self) -> None:
        """A 0-d score is one class: the 1 x 1 Jacobian [[0]]."""
        np.testing.assert_array_equal([[0.0]], af.softmax_jacobian(3.0))

    def test_dtype_kept(self) -> None:
        """float32 scores give a float32 Jacobian."""
        assert (
            np.dtype(np.float32) == af.softmax_jacobian(np.zeros(3, np.float32)).dtype
        )


class TestSoftmaxJvp:
    def test_matches_jacobian(self) -> None:
        """J v without J equals softmax_jacobian(z) @ v (to 1e-15 absolute)."""
        rng = np.random.default_rng(RNG_SEED)
        z, v = rng.normal(size=(2, 7, 5))
        expected = np.einsum("bij,bj->bi", af.softmax_jacobian(z), v)
        np.testing.assert_allclose(
            expected, af.softmax_jvp(z, v), rtol=1e-12, atol=1e-15
        )

    def test_finite_differences(self) -> None:
        """J v is the centred directional difference of softmax (to 1e-9)."""
        rng = np.random.default_rng(RNG_SEED)
        z, v = rng.normal(size=(2, 6))
        h = 1e-6
        expected = (af.softmax(z + h * v) - af.softmax(z - h * v)) / (2 * h)
        np.testing.assert_allclose(expected, af.softmax_jvp(z, v), atol=1e-9)

    def test_columns_as_examples(self) -> None:
        """axis=0 works on columns, as on the transposed rows."""
        rng = np.random.default_rng(RNG_SEED)
        z, v = rng.normal(size=(2, 4, 9))
        np.testing.assert_array_equal(
            af.softmax_jvp(z.T, v.T).T, af.softmax_jvp(z, v, axis=0)
        )

    def test_sums_to_zero(self) -> None:
        """J v sums to 0 along the axis (to 1e-15)."""
        rng = np.random.default_rng(RNG_SEED)
        z, v = rng.normal(size=(2, 10, 8))
        np.testing.assert_allclose(0.0, af.softmax_jvp(z, v).sum(axis=-1), atol=1e-15)

    def test_broadcast_vector(self) -> None:
        """One vector v is applied to every row of a batch."""
        rng = np.random.default_rng(RNG_SEED)
        z = rng.normal(size=(4, 3))
        v = np.array([1.0, -2.0, 0.5])
        expected = np.stack([af.softmax_jvp(row, v) for row in z])
        np.testing.assert_array_equal(expected, af.softmax_jvp(z, v))

    def test_dtype_promotion(self) -> None:
        """float32 scores with a float64 vector give float64."""
        result = af.softmax_jvp(np.zeros(3, np.float32), np.ones(3))
        assert np.dtype(np.float64) == result.dtype


class TestSoftmaxCrossEntropyGradient:
    def test_is_softmax_minus_target(self) -> None:
        """The gradient is softmax(z) - y, exactly."""
        z = np.array([1.0, 2.0, 3.0])
        y = np.array([0.0, 1.0, 0.0])
        np.testing.assert_array_equal(
            af.softmax(z) - y, af.softmax_cross_entropy_gradient(z, y)
        )

    @pytest.mark.parametrize("target", ["one-hot", "probabilities"])
    @pytest.mark.parametrize("axis", [0, -1])
    def test_finite_differences(self, target: str, axis: int) -> None:
        """It is the centred difference of the cross-entropy loss (to 1e-8)."""
        rng = np.random.default_rng(RNG_SEED)
        z = rng.normal(size=(4, 3))
        if target == "one-hot":
            y = np.eye(4)[:, [3, 0, 1]] if axis == 0 else np.eye(3)[[2, 0, 1, 2]]
        else:
            y = rng.dirichlet(
                np.ones(4 if axis == 0 else 3), size=3 if axis == 0 else 4
            )
            y = y.T if axis == 0 else y
        h = 1e-6
        expected = np.zeros_like(z)
        for index in np.ndindex(z.shape):
            step = np.zeros_like(z)
            step[index] = h
            difference = _loss(z + step, y, axis) - _loss(z - step, y, axis)
            expected[index] = difference.sum() / (2 * h)
        gradient = af.softmax_cross_entropy_gradient(z, y, axis=axis)
        np.testing.assert_allclose(expected, gradient, atol=1e-8)

    def test_columns_sum_to_zero(self) -> None:
        """With one-hot columns (the course's Y) each column sums to 0 (to 4e-16)."""
        rng = np.random.default_rng(RNG_SEED)
        z = rng.normal(size=(5, 8))
        y = np.eye(5)[:, rng.integers(0, 5, size=8)]
        gradient = af.softmax_cross_entropy_gradient(z, y, axis=0)
        np.testing.assert_allclose(0.0, gradient.sum(axis=0), atol=4e-16)

    def test_out_may_be_target(self) -> None:
        """out= may be y itself: y is read before it is overwritten."""
        z = np.array([[1.0, 2.0, 3.0]])
        y = np.array([[0.0, 0.0, 1.0]])
        expected = af.softmax(z) - y
        af.softmax_cross_entropy_gradient(z, y, out=y)
        np.testing.assert_array_equal(expected, y)


class TestLogSoftmax:
    def test_values(self) -> None:
        """log_softmax([1, 2, 3]) is z - log(sum exp z), correctly rounded."""
        with mpmath.workprec(120):
            total = mpmath.log(mpmath.exp(1) + mpmath.exp(2) + mpmath.exp(3))
            expected = [float(v - total) for v in (1, 2, 3)]
        np.testing.assert_array_equal(expected, af.log_softmax([1.0, 2.0, 3.0]))

    @pytest.mark.parametrize("axis", [0, 1, 2, -1, -2])
    def test_is_log_of_softmax(self, axis: int) -> None:
        """Away from underflow it equals log(softmax(z)) (to 1e-14, 1e-15 absolute:
        the log of a probability near 1 keeps only its absolute accuracy)."""
        z = np.random.default_rng(RNG_SEED).normal(scale=3.0, size=(4, 5, 6))
        np.testing.assert_allclose(
            np.log(af.softmax(z, axis=axis)),
            af.log_softmax(z, axis=axis),
            rtol=1e-14,
            atol=1e-15,
        )

    def test_dominated_entry_is_finite(self) -> None:
        """A class whose probability underflows keeps its exact log, not -inf."""
        np.testing.assert_array_equal(
            [[0.0, -999.0, -2000.0]], af.log_softmax([[1000.0, 1.0, -1000.0]])
        )

    def test_tiny_other_mass_kept(self) -> None:
        """The top class of [0, -50] has log-probability -log1p(e^-50), not 0."""
        np.testing.assert_allclose(
            -math.log1p(math.exp(-50.0)), af.log_softmax([0.0, -50.0])[0], rtol=1e-15
        )

    def test_minus_infinity_masks(self) -> None:
        """-inf entries give -inf; the others are the log-softmax of the rest."""
        result = af.log_softmax([0.0, -np.inf, 0.0])
        np.testing.assert_array_equal([-math.log(2.0), -np.inf, -math.log(2.0)], result)

    @pytest.mark.parametrize(
        "row",
        [[np.inf, 0.0], [-np.inf, -np.inf], [np.nan, 1.0]],
        ids=["+inf", "all -inf", "nan"],
    )
    def test_undefined_rows_are_nan(self, row: list[float]) -> None:
        """Rows with +inf, NaN or only -inf are all NaN, as for softmax."""
        with np.errstate(all="raise"):
            assert bool(np.all(np.isnan(af.log_softmax(row))))

    def test_large_scores_without_warning(self) -> None:
        """Huge scores neither overflow nor warn."""
        with np.errstate(all="raise"):
            result = af.log_softmax([1e308, -1e308, 0.0])
        np.testing.assert_array_equal([0.0, -np.inf, -1e308], result)

    @pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
    def test_dtype_kept(self, dtype: type) -> None:
        """float16, float32 and float64 keep their dtype."""
        assert np.dtype(dtype) == af.log_softmax(np.zeros((2, 3), dtype=dtype)).dtype

    @pytest.mark.parametrize("shape", [(0,), (3, 0), (0, 4)])
    def test_empty(self, shape: tuple[int, ...]) -> None:
        """Empty input gives an empty result of the same shape."""
        assert shape == af.log_softmax(np.zeros(shape)).shape

    def test_scalar(self) -> None:
        """A 0-d input is one class: log-probability 0."""
        result = af.log_softmax(3.5)
        assert (result.shape, float(result)) == ((), 0.0)

    def test_in_place(self) -> None:
        """out=z overwrites z with the result."""
        z = np.random.default_rng(1).normal(size=(7, 3))
        expected = af.log_softmax(z, axis=0)
        assert af.log_softmax(z, axis=0, out=z) is z
        np.testing.assert_array_equal(expected, z)

    def test_overlapping_out(self) -> None:
        """An out= overlapping z with a shift gives the result for the old z."""
        buffer = np.random.default_rng(RNG_SEED).normal(size=1001)
        expected = af.log_softmax(buffer[:-1].reshape(10, 100))
        af.log_softmax(buffer[:-1].reshape(10, 100), out=buffer[1:].reshape(10, 100))
        np.testing.assert_array_equal(expected, buffer[1:].reshape(10, 100))

    @pytest.mark.parametrize("dtype", [np.float32, np.float64])
    def test_out_that_cannot_be_reshaped(self, dtype: type) -> None:
        """A transposed out= along axis 0, float32 or float64, gets the result."""
        z: Array = np.random.default_rng(5).normal(size=(6, 4)).astype(dtype)
        out: Array = np.empty((4, 6), dtype=dtype).T
        af.log_softmax(z, axis=0, out=out)
        np.testing.assert_array_equal(af.log_softmax(z, axis=0), out)

    def test_many_blocks(self) -> None:
        """Many rows (several blocks) give the row-by-row result."""
        z = np.random.default_rng(2).normal(size=(3 * _softmax._BLOCK // 10 + 7, 10))
        expected = np.array([af.log_softmax(row) for row in z])
        np.testing.assert_array_equal(expected, af.log_softmax(z))

    def test_cross_entropy_gradient(self) -> None:
        """The gradient of -sum(y log_softmax(z)) is softmax(z) - y (to 1e-8)."""
        rng = np.random.default_rng(3)
        z, y = rng.normal(size=5), np.eye(5)[2]
        h = 1e-6
        numeric = [
            (
                -(y * af.log_softmax(z + h * e)).sum()
                + (y * af.log_softmax(z - h * e)).sum()
            )
            / (2 * h)
            for e in np.eye(5)
        ]
        np.testing.assert_allclose(
            af.softmax_cross_entropy_gradient(z, y), numeric, atol=1e-8
        )


class TestLogSumExp:
    def test_values(self) -> None:
        """logsumexp([1, 2, 3]) is log(e + e^2 + e^3), correctly rounded."""
        with mpmath.workprec(120):
            expected = float(mpmath.log(mpmath.exp(1) + mpmath.exp(2) + mpmath.exp(3)))
        assert expected == af.logsumexp([1.0, 2.0, 3.0])

    @pytest.mark.parametrize("axis", [0, 1, 2, -1])
    def test_shape_and_axis(self, axis: int) -> None:
        """The axis is removed; each value is the log of the slice's sum (1e-14)."""
        z = np.random.default_rng(RNG_SEED).normal(size=(2, 3, 4))
        expected = np.log(np.exp(z).sum(axis=axis))
        np.testing.assert_allclose(expected, af.logsumexp(z, axis=axis), rtol=1e-14)

    def test_no_overflow(self) -> None:
        """Huge values give max + log n without a warning."""
        with np.errstate(all="raise"):
            result = af.logsumexp([1000.0, 1000.0])
        np.testing.assert_allclose(1000.0 + math.log(2.0), result, rtol=1e-16)

    def test_tiny_other_terms_kept(self) -> None:
        """logsumexp([0, -50]) is log1p(e^-50), not 0."""
        np.testing.assert_allclose(
            math.log1p(math.exp(-50.0)), af.logsumexp([0.0, -50.0]), rtol=1e-15
        )

    def test_special_values(self) -> None:
        """Only -inf gives -inf, +inf gives inf, NaN gives NaN, empty gives -inf."""
        z = np.array([[-np.inf, -np.inf], [np.inf, 0.0], [np.nan, 0.0], [-np.inf, 2.0]])
        with np.errstate(all="raise"):
            result = af.logsumexp(z)
            empty = af.logsumexp(np.zeros((2, 0)))
        np.testing.assert_array_equal([-np.inf, np.inf, np.nan, 2.0], result)
        np.testing.assert_array_equal([-np.inf, -np.inf], empty)

    def test_scalar(self) -> None:
        """A 0-d input gives itself, 0-d."""
        result = af.logsumexp(-2.5)
        assert (result.shape, float(result)) == ((), -2.5)

    @pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
    def test_dtype_kept(self, dtype: type) -> None:
        """float16, float32 and float64 keep their dtype."""
        assert np.dtype(dtype) == af.logsumexp(np.zeros((2, 3), dtype=dtype)).dtype

    def test_out(self) -> None:
        """out= of the reduced shape is filled and returned; a wrong one is refused."""
        out = np.empty(3)
        assert af.logsumexp(np.zeros((3, 2)), out=out) is out
        np.testing.assert_allclose(math.log(2.0), out)
        with pytest.raises(ValueError, match="shape"):
            af.logsumexp(np.zeros((3, 2)), out=np.empty((3, 2)))

    def test_log_softmax_identity(self) -> None:
        """log_softmax(z) = z - logsumexp(z) (to 1e-14 of the scale of z)."""
        z = np.random.default_rng(4).normal(scale=10.0, size=(6, 9))
        expected = z - af.logsumexp(z)[:, None]
        np.testing.assert_allclose(expected, af.log_softmax(z), rtol=0, atol=1e-13)
