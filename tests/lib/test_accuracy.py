"""Accuracy against mpmath: relative error in ulp over the whole float range.

The reference is computed with 120-bit mpmath from the exact value of each
float input. An error is measured in units in the last place of the exact
result in the tested dtype (``ulp_errors`` of ``benchmarks/ulp.py``, shared with
the benchmark); for results in the subnormal range the unit is the smallest
subnormal, so an underflow to 0 where the exact value is a representable
subnormal counts as a large error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import mpmath
import numpy as np
import pytest
from ulp import ulp_errors

import activation_functions as af

Array = np.ndarray[Any, Any]
Reference = Callable[[Any], Any]

PRECISION_BITS = 120
MAX_ULP = 3.0
DTYPES = [np.float64, np.float32, np.float16]


def _sigmoid(z: Any) -> Any:
    return 1 / (1 + mpmath.exp(-z))


def _sigmoid_derivative(z: Any) -> Any:
    e = mpmath.exp(-abs(z))
    return e / (1 + e) ** 2


def _tanh_derivative(z: Any) -> Any:
    return mpmath.sech(z) ** 2


def _softplus(z: Any) -> Any:
    return mpmath.log1p(mpmath.exp(z))


def _silu(z: Any) -> Any:
    return z * _sigmoid(z)


def _silu_terms(z: Any) -> tuple[Any, Any]:
    """The two terms of silu'(z) = sigma(z) + z sigma(z) (1 - sigma(z))."""
    s = _sigmoid(z)
    return s, z * s * (1 - s)


def _ncdf(z: Any) -> Any:
    """Phi(z); mpmath's erfc overflows for |z| near 1e308, where Phi is 0 or 1
    far below any ulp (e^(-z^2/2) with |z| > 1e4)."""
    if abs(z) > 1e4:
        return mpmath.mpf(0 if z < 0 else 1)
    return mpmath.ncdf(z)


def _gelu_terms(z: Any) -> tuple[Any, Any]:
    """The two terms of gelu'(z) = Phi(z) + z phi(z)."""
    density = 0 if abs(z) > 1e4 else mpmath.npdf(z)
    return _ncdf(z), z * density


def _tanh_form_v(z: Any) -> tuple[Any, Any]:
    """v = 2 sqrt(2/pi) (z + 0.044715 z^3) and v'(z), at the working precision."""
    k = mpmath.mpf("0.044715")  # created here: the module-level default is 53-bit
    a = 2 * mpmath.sqrt(2 / mpmath.pi)
    return a * (z + k * z**3), a * (1 + 3 * k * z**2)


def _gelu_tanh(z: Any) -> Any:
    """z (1 + tanh(v/2)) / 2 = z sigma(v), in the form that does not cancel."""
    v, _ = _tanh_form_v(z)
    return z * _sigmoid(v)


def _gelu_tanh_terms(z: Any) -> tuple[Any, Any]:
    """sigma(v) and z v' sigma(v) (1 - sigma(v))."""
    v, slope = _tanh_form_v(z)
    return _sigmoid(v), z * slope * _sigmoid_derivative(v)


def _elu(z: Any) -> Any:
    return z if z > 0 else mpmath.expm1(z)


def _elu_derivative(z: Any) -> Any:
    return mpmath.mpf(1) if z > 0 else mpmath.exp(z)


def grid(dtype: type, tails: list[tuple[float, float]]) -> Array:
    """About 2500 inputs: the whole finite range, the middle, tiny values and tails."""
    rng = np.random.default_rng(2024)
    info = np.finfo(dtype)
    edge = float(np.log(info.max)) * 1.05
    tiny = np.log10(float(info.smallest_subnormal))
    magnitudes = 10.0 ** rng.uniform(tiny, np.log10(edge), 600)
    parts = [
        rng.uniform(-edge, edge, 600),
        rng.uniform(-20.0, 20.0, 600),
        magnitudes * rng.choice([-1.0, 1.0], 600),
        [0.0, -0.0, float(info.max), -float(info.max)],
    ]
    parts += [rng.uniform(low, high, 350) for low, high in tails]
    with np.errstate(over="ignore"):
        values: Array = np.concatenate(parts).astype(dtype)
    finite: Array = values[np.isfinite(values)]
    return finite


# Tails where the result is subnormal (or where the naive formulas fail).
TAILS: dict[str, dict[type, list[tuple[float, float]]]] = {
    "sigmoid": {
        np.float64: [(-745.0, -700.0), (30.0, 40.0)],
        np.float32: [(-104.0, -85.0), (14.0, 18.0)],
        np.float16: [(-17.0, -9.0), (6.0, 9.0)],
    },
    "sigmoid_derivative": {
        np.float64: [(700.0, 745.0), (-745.0, -700.0)],
        np.float32: [(85.0, 104.0), (-104.0, -85.0)],
        np.float16: [(9.0, 17.0), (-17.0, -9.0)],
    },
    "tanh": {
        np.float64: [(15.0, 20.0), (-1e-5, 1e-5)],
        np.float32: [(7.0, 10.0), (-1e-3, 1e-3)],
        np.float16: [(3.0, 5.0), (-0.01, 0.01)],
    },
    "tanh_derivative": {
        np.float64: [(340.0, 373.0), (-373.0, -340.0)],
        np.float32: [(42.0, 52.0), (-52.0, -42.0)],
        np.float16: [(4.0, 9.0), (-9.0, -4.0)],
    },
    # exp(z) subnormal on the left; log(1 + e^z) -> z on the right.
    "softplus": {
        np.float64: [(-745.0, -700.0), (30.0, 40.0), (-1.0, 1.0)],
        np.float32: [(-104.0, -85.0), (14.0, 18.0), (-1.0, 1.0)],
        np.float16: [(-17.0, -9.0), (6.0, 9.0), (-1.0, 1.0)],
    },
    # z e^z subnormal (the scaled tail below -709); the minimum near -1.28.
    "silu": {
        np.float64: [(-752.0, -700.0), (-1.5, -1.0)],
        np.float32: [(-110.0, -85.0), (-1.5, -1.0)],
        np.float16: [(-20.0, -9.0), (-1.5, -1.0)],
    },
    # (1 + z) e^z subnormal; the zero crossing near -1.28; the slope above 1.
    "silu_derivative": {
        np.float64: [(-752.0, -700.0), (-1.4, -1.15), (1.0, 6.0)],
        np.float32: [(-110.0, -85.0), (-1.4, -1.15), (1.0, 6.0)],
        np.float16: [(-20.0, -9.0), (-1.4, -1.15), (1.0, 6.0)],
    },
    # expm1 near 0; the saturation to -1.
    "elu": {
        np.float64: [(-1e-8, 1e-8), (-40.0, -30.0)],
        np.float32: [(-1e-4, 1e-4), (-20.0, -15.0)],
        np.float16: [(-0.01, 0.01), (-10.0, -6.0)],
    },
    "elu_derivative": {
        np.float64: [(-745.0, -700.0), (-1e-8, 1e-8)],
        np.float32: [(-104.0, -85.0), (-1e-4, 1e-4)],
        np.float16: [(-17.0, -9.0), (-0.01, 0.01)],
    },
    # z Phi(z) and its slope subnormal; the switch from anchors to the
    # continued fraction at 3.0625; the derivative's zero near -0.75.
    "gelu": {
        np.float64: [(-38.7, -35.0), (-3.3, -2.8), (-0.9, -0.6)],
        np.float32: [(-14.5, -12.0), (-3.3, -2.8), (-0.9, -0.6)],
        np.float16: [(-5.5, -3.5), (-3.3, -2.8), (-0.9, -0.6)],
    },
    "gelu_tanh": {
        np.float64: [(-21.7, -20.0), (-3.3, -2.8), (-0.9, -0.6)],
        np.float32: [(-9.6, -8.0), (-3.3, -2.8), (-0.9, -0.6)],
        np.float16: [(-4.6, -3.0), (-2.0, -1.0), (-0.9, -0.6)],
    },
}
for _name in ("gelu", "gelu_tanh"):
    TAILS[f"{_name}_derivative"] = TAILS[_name]
CASES: dict[str, tuple[Callable[..., Array], Reference]] = {
    "sigmoid": (af.sigmoid, _sigmoid),
    "sigmoid_derivative": (af.sigmoid_derivative, _sigmoid_derivative),
    "tanh": (af.tanh, mpmath.tanh),
    "tanh_derivative": (af.tanh_derivative, _tanh_derivative),
    "softplus": (af.softplus, _softplus),
    "silu": (af.silu, _silu),
    "silu_derivative": (af.silu_derivative, lambda z: sum(_silu_terms(z))),
    "elu": (af.elu, _elu),
    "elu_derivative": (af.elu_derivative, _elu_derivative),
    "gelu": (af.gelu, lambda z: z * _ncdf(z)),
    "gelu_derivative": (af.gelu_derivative, lambda z: sum(_gelu_terms(z))),
    "gelu_tanh": (functools.partial(af.gelu, approximate=True), _gelu_tanh),
    "gelu_tanh_derivative": (
        functools.partial(af.gelu_derivative, approximate=True),
        lambda z: sum(_gelu_tanh_terms(z)),
    ),
}
#: For a derivative that is a sum crossing zero, its terms: near the zero the
#: error is measured in ulp of the larger term (as for any sum: rounding the
#: terms leaves that much), elsewhere the result is the larger of the two.
TERMS: dict[str, Callable[[Any], tuple[Any, Any]]] = {
    "silu_derivative": _silu_terms,
    "gelu_derivative": _gelu_terms,
    "gelu_tanh_derivative": _gelu_tanh_terms,
}


def worst_error(name: str, dtype: type) -> tuple[float, float]:
    """Largest ulp error of function `name` on its grid, and where it occurs."""
    function, reference = CASES[name]
    z: Array = grid(dtype, TAILS[name][dtype])
    with mpmath.workprec(PRECISION_BITS):
        inputs = [mpmath.mpf(value) for value in z.tolist()]
        exact = [reference(value) for value in inputs]
        terms = TERMS.get(name)
        magnitude = (
            None
            if terms is None
            else [max(abs(term) for term in terms(value)) for value in inputs]
        )
        errors = ulp_errors(function(z), exact, dtype, magnitude=magnitude)
    index = int(np.argmax(errors))
    return float(errors[index]), float(z[index])


class TestElementwiseAccuracy:
    @pytest.mark.parametrize("dtype", DTYPES)
    @pytest.mark.parametrize("name", sorted(CASES))
    def test_within_three_ulp(self, name: str, dtype: type) -> None:
        """The relative error is at most 3 ulp over the range, tails and
        subnormal results included."""
        error, where = worst_error(name, dtype)
        assert error <= MAX_ULP, f"{error:.2f} ulp at z = {where!r}"

    @pytest.mark.parametrize("dtype", DTYPES)
    def test_subnormal_results_are_not_zero(self, dtype: type) -> None:
        """Where the exact result is a representable subnormal, no function
        returns 0 (the ulp measure would count it as a large error anyway)."""
        info = np.finfo(dtype)
        z: Array = np.asarray(np.log(float(info.smallest_normal)) - 1.0, dtype=dtype)
        tanh_z: Array = np.asarray((1 - z) / 2, dtype=dtype)  # 4 exp(-2|z|) = 4e exp(z)
        results = [
            af.sigmoid(z),
            af.sigmoid_derivative(-z),
            af.tanh_derivative(tanh_z),
            af.softplus(z),
            af.elu_derivative(z),
            -af.silu(z - 8.0),  # z e^z: the factor z is about e^6.6
            -af.silu_derivative(z - 8.0),
            -af.gelu(-np.sqrt(-2.0 * z)),  # about e^z / sqrt(2 pi)
            -af.gelu_derivative(-np.sqrt(-2.0 * z) - 0.5),  # about z phi(z)
        ]
        assert all(0 < float(r) < float(info.smallest_normal) for r in results)


class TestOutputFormsAccuracy:
    @pytest.mark.parametrize("dtype", [np.float64, np.float32])
    def test_sigmoid_output_form(self, dtype: type) -> None:
        """a(1 - a) is within 2 ulp of the exact value for the given a."""
        a: Array = np.random.default_rng(3).uniform(0.0, 1.0, 1000).astype(dtype)
        with mpmath.workprec(PRECISION_BITS):
            exact = [mpmath.mpf(v) * (1 - mpmath.mpf(v)) for v in a.tolist()]
            errors = ulp_errors(af.sigmoid_derivative_from_output(a), exact, dtype)
        assert errors.max() <= 2.0

    @pytest.mark.parametrize("dtype", [np.float64, np.float32])
    def test_tanh_output_form(self, dtype: type) -> None:
        """1 - a^2 is within 2 ulp of the exact value for the given a."""
        a: Array = np.random.default_rng(4).uniform(-1.0, 1.0, 1000).astype(dtype)
        with mpmath.workprec(PRECISION_BITS):
            exact = [1 - mpmath.mpf(v) ** 2 for v in a.tolist()]
            errors = ulp_errors(af.tanh_derivative_from_output(a), exact, dtype)
        assert errors.max() <= 2.0

    @pytest.mark.parametrize("dtype", [np.float64, np.float32])
    def test_leaky_relu_rounds_once(self, dtype: type) -> None:
        """leaky_relu rounds slope * z once: at most 1/2 ulp."""
        z: Array = -(10.0 ** np.random.default_rng(5).uniform(-30, 30, 1000)).astype(
            dtype
        )
        slope = float(np.asarray(0.01, dtype))
        with mpmath.workprec(PRECISION_BITS):
            exact = [mpmath.mpf(slope) * mpmath.mpf(v) for v in z.tolist()]
            errors = ulp_errors(af.leaky_relu(z), exact, dtype)
        assert errors.max() <= 0.5


def _softmax_reference(row: Array) -> list[Any]:
    values = [mpmath.mpf(v) for v in row.tolist()]
    top = max(values)
    exps = [mpmath.exp(v - top) for v in values]
    total = mpmath.fsum(exps)
    return [e / total for e in exps]


def _log_sum_reference(row: Array) -> tuple[Any, Any]:
    """max z and log(sum exp(z - max z)), the second from log1p of the rest."""
    values = [mpmath.mpf(v) for v in row.tolist()]
    top = max(values)
    rest = list(values)
    rest.remove(top)
    return top, mpmath.log1p(mpmath.fsum([mpmath.exp(v - top) for v in rest]))


def _log_softmax_errors(row: Array, dtype: type) -> Array:
    top, log_sum = _log_sum_reference(row)
    exact = [mpmath.mpf(v) - top - log_sum for v in row.tolist()]
    return ulp_errors(af.log_softmax(row), exact, dtype)


def _logsumexp_errors(row: Array, dtype: type) -> Array:
    """In ulp of the larger of |max z| and log(sum): the two terms may cancel."""
    top, log_sum = _log_sum_reference(row)
    return ulp_errors(
        af.logsumexp(row).reshape(1),
        [top + log_sum],
        dtype,
        magnitude=[max(abs(top), abs(log_sum))],
    )


ROW_ERRORS: dict[str, Callable[[Array, type], Array]] = {
    "softmax": lambda row, dtype: ulp_errors(
        af.softmax(row), _softmax_reference(row), dtype
    ),
    "log_softmax": _log_softmax_errors,
    "logsumexp": _logsumexp_errors,
}


def softmax_worst_error(dtype: type, name: str = "softmax") -> float:
    """Largest ulp error of a softmax-family function over rows of several
    sizes, scales and offsets."""
    rng = np.random.default_rng(11)
    worst = 0.0
    shrink = 1000.0 if dtype is np.float16 else 1.0  # keep float16 scores finite
    for n, scale, offset in [
        (2, 30.0, 0.0),
        (10, 5.0, -1000.7),
        (10, 100.0, 3.3),
        (100, 20.0, 1e5),
        (1000, 3.0, 0.0),
        (300, 1.0, -12345.678),
        (5, 800.0, 0.0),  # dominated entries: log-probabilities of -1000s
        (2, 300.0, 0.3),  # the top entry's log1p(e^-d): d must be exact
        (3, 0.5, -1.5),  # logsumexp near 0: its two terms cancel
        (50, 0.2, -4.0),
    ]:
        row: Array = (rng.normal(scale=scale, size=n) + offset / shrink).astype(dtype)
        with mpmath.workprec(PRECISION_BITS):
            errors = ROW_ERRORS[name](row, dtype)
        worst = max(worst, float(errors.max()))
    return worst


class TestSoftmaxAccuracy:
    @pytest.mark.parametrize("dtype", DTYPES)
    @pytest.mark.parametrize("name", sorted(ROW_ERRORS))
    def test_within_three_ulp(self, name: str, dtype: type) -> None:
        """Softmax and log_softmax are within 3 ulp, even for large scores, long
        rows and dominated entries, where the plain formulas lose hundreds of
        ulp or give -inf; logsumexp is within 3 ulp of the larger of max z and
        log(sum exp(z - max z)), which cancel when the sum is near 1."""
        assert softmax_worst_error(dtype, name) <= MAX_ULP
