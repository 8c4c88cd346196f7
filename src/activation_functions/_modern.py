r"""The activations of modern networks: softplus, SiLU, ELU and GELU.

The same contract as :mod:`activation_functions._activations`: array_like in,
``out=``, ``float16``/``float32``/``float64`` kept (``bool`` and integers give
``float64``), no NumPy warning whatever :func:`numpy.seterr` says, NaN in gives
NaN out, and derivatives written in :math:`z` that stay accurate in the tails.
``float16`` and ``float32`` are computed in ``float64`` and rounded once.

Every function here is within 3 ulp of the exact value for every ``float64``
and ``float32`` input, subnormal results included; where a derivative crosses
zero (SiLU' at :math:`z \approx -1.28`, GELU' at :math:`z \approx -0.75`) the
error is within 3 ulp of the larger of the two terms that cancel there.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from activation_functions import _normal
from activation_functions._activations import (
    _EXP_MINUS_TAIL_SHIFT,
    _SIGMOID_TAIL,
    _TAIL_SHIFT,
    _blocked,
    _Kernel,
    _prepare,
    _sigmoid_kernel,
)
from activation_functions._validation import (
    FloatArray,
    describe,
    real_scalar,
    scalar_in_dtype,
)

__all__ = [
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "silu",
    "silu_derivative",
    "softplus",
    "softplus_derivative",
]

# Far below the underflow of every tail formula here (e^-789 is 0): -inf is
# clamped to it, so that -inf * e^-inf never makes a NaN.
_FAR = 1000.0
# Below this, e^z is subnormal (e^-708.4 is the smallest normal double).
_SUBNORMAL_EXP = -708.0
# GELU's tanh form: z sigma(v), v = a z (1 + k z^2), a = 2 sqrt(2/pi),
# k = 0.044715, both as double-doubles (the exact constants of the formula).
_GELU_A_HI = 1.5957691216057308
_GELU_A_LO = -9.96930880911092e-17
_GELU_K_HI = 0.044715
_GELU_K_LO = 2.1960211427085595e-18
# |z| beyond which the tanh form is z or 0 (|v| > 1900: e^-|v| is 0).
_GELU_CLAMP = 30.0
# |v| beyond which e^-|v| is computed scaled (e^-708.4 is subnormal).
_GELU_TAIL = 700.0
_FLOAT64 = np.dtype(np.float64)


# --------------------------------------------------------------------------
# Kernels (see _activations: each reads ``x`` before it writes ``out``).


def _softplus_kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
    (t,) = work
    np.abs(x, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)  # e^-|z|, in (0, 1]: never overflows
    np.log1p(t, out=t)  # log(1 + e^-|z|): e^z itself for z < -37, subnormal too
    np.maximum(x, 0.0, out=out)
    np.add(out, t, out=out)  # max(z, 0) + log(1 + e^-|z|)


def _silu_kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
    (d,) = work
    np.negative(x, out=d)
    np.exp(d, out=d)  # e^-z: infinite below z = -709.78 (silenced)
    np.add(d, 1.0, out=d)
    fix = None
    if not x.min() >= _SIGMOID_TAIL:  # one fast reduction; NaN falls back too
        index = np.flatnonzero(x < _SIGMOID_TAIL)
        fix = index, _exp_tail_times(x[index], x[index])
    np.divide(x, d, out=out)  # z / (1 + e^-z)
    if fix is not None:
        out[fix[0]] = fix[1]


def _exp_tail_times(z: FloatArray, factor: FloatArray) -> FloatArray:
    r"""Return :math:`f \cdot e^{z}` for :math:`z < -700`, subnormal results exact.

    :math:`e^{z}` is subnormal below :math:`z = -708.4` and has lost bits there,
    which a factor :math:`|f| \approx 700` would multiply into hundreds of ulp.
    As in ``_tanh_derivative_tail``, :math:`z + 211` is exact (:math:`|z| >
    512`), :math:`e^{z + 211}` is normal, and the product with
    :math:`e^{-211}` is the only rounding into the subnormal range. `factor`
    is read before anything is written, so it may be `z` itself; -inf gives 0.
    """
    clamped = np.maximum(z, -_FAR)
    scaled = np.exp(clamped + _TAIL_SHIFT)
    result: FloatArray = np.maximum(factor, -_FAR) * scaled
    result *= _EXP_MINUS_TAIL_SHIFT
    return result


def _silu_derivative_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    zc, e, n = work
    np.clip(x, -_FAR, _FAR, out=zc)  # +-inf would make 0 * inf; NaN stays
    np.abs(zc, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)  # e = e^-|z|
    np.less(zc, 0.0, out=n)  # n = 1 for z < 0, 0 otherwise (NaN: 0)
    # z >= 0: (1 + e (1 + z)) / (1 + e)^2;  z < 0: e (1 + z + e) / (1 + e)^2
    np.multiply(n, e, out=out)
    np.add(out, zc, out=out)
    np.add(out, 1.0, out=out)  # 1 + z (+ e): exact near the zero at -1.28
    np.multiply(out, e, out=out)
    np.subtract(1.0, n, out=n)
    np.add(out, n, out=out)
    np.add(e, 2.0, out=n)
    np.multiply(n, e, out=n)
    np.add(n, 1.0, out=n)  # (1 + e)^2 = 1 + e (2 + e): one rounding
    np.divide(out, n, out=out)
    if zc.dtype == np.float64 and not zc.min() >= _SUBNORMAL_EXP:
        index = np.flatnonzero(zc < _SUBNORMAL_EXP)
        # sigma = e^z and 1 - sigma = 1 exactly here: silu' = (1 + z) e^z.
        out[index] = _exp_tail_times(zc[index], zc[index] + 1.0)


def _elu_kernel(alpha: float) -> _Kernel:
    """Kernel for ``elu``: max(z, 0) + alpha expm1(min(z, 0))."""

    def kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
        (t,) = work
        np.minimum(x, 0.0, out=t)
        np.expm1(t, out=t)  # e^z - 1 without cancellation near 0; 0 for z > 0
        if alpha != 1.0:
            np.multiply(t, alpha, out=t)
        np.maximum(x, 0.0, out=out)
        np.add(out, t, out=out)  # one of the two terms is exactly 0

    return kernel


def _elu_derivative_kernel(alpha: float) -> _Kernel:
    """Kernel for ``elu_derivative``: 1 for z > 0, alpha e^z for z <= 0."""

    def kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
        (h,) = work
        if alpha != 1.0:
            np.clip(x, 0.0, 1.0, out=h)
            np.ceil(h, out=h)  # h = 1 for z > 0, 0 for z <= 0, NaN stays
        np.minimum(x, 0.0, out=out)
        np.exp(out, out=out)  # e^min(z, 0): already 1 for z > 0, NaN stays
        if alpha != 1.0:
            np.multiply(out, alpha, out=out)
            np.subtract(1.0, h, out=h)  # 1 - h, exact (0, 1 or NaN)
            np.multiply(out, h, out=out)  # alpha e^z for z <= 0, 0 for z > 0
            np.subtract(1.0, h, out=h)  # h again, exact
            np.add(out, h, out=out)  # + 1 for z > 0: exactly 1 or alpha e^z

    return kernel


def _gelu_kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
    (t,) = work
    np.abs(x, out=t)
    times_q, _ = _normal.tail_parts(t)  # |z| Q(|z|)
    np.maximum(x, 0.0, out=out)
    np.subtract(out, times_q, out=out)  # z Phi(z) = max(z, 0) - |z| Q(|z|)


def _gelu_derivative_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    t, h = work
    np.abs(x, out=t)
    _, difference = _normal.tail_parts(t)  # D = Q(|z|) - |z| phi(z)
    np.greater_equal(x, 0.0, out=h)  # 1 for z >= 0 (NaN: 0)
    np.multiply(h, -2.0, out=t)
    np.add(t, 1.0, out=t)  # 1 - 2h: the sign of D
    np.multiply(difference, t, out=out)
    np.add(out, h, out=out)  # D for z < 0, 1 - D for z >= 0


def _gelu_tanh_pieces(
    x: FloatArray,
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    r"""Pieces of the tanh form at `x`: ``zc, v_hi, v_lo, s_hi, s_lo, n``.

    ``zc`` is `x` clamped to :math:`[-30, 30]` (beyond, the form is :math:`z`
    or 0), :math:`v = a z (1 + k z^2) = v_{hi} + v_{lo}` and :math:`z v' =
    a z (1 + 3 k z^2) = 3v - 2az = s_{hi} + s_{lo}` as double-doubles, and
    ``n`` is 1 where :math:`z < 0`. :math:`e^{v}` multiplies an error in
    :math:`v` by :math:`|v|` (up to 700 in the left tail), and
    :math:`1 + z v'` cancels near the derivative's zero: hence the pairs.
    """
    zc = np.clip(x, -_GELU_CLAMP, _GELU_CLAMP)
    p, e = _normal.two_product(zc, zc)  # z^2 = p + e
    kp, kp_err = _normal.two_product(np.full_like(p, _GELU_K_HI), p)
    w_hi, w_lo = _normal.two_sum(np.ones_like(p), kp)  # 1 + k z^2
    w_lo += kp_err + _GELU_K_HI * e + _GELU_K_LO * p
    az, az_err = _normal.two_product(np.full_like(zc, _GELU_A_HI), zc)
    az_err += _GELU_A_LO * zc
    v_hi, v_lo = _normal.two_product(az, w_hi)
    v_lo += az * w_lo + az_err * w_hi
    difference, d_err = _normal.two_sum(v_hi, -az)  # v - a z
    s_hi, s_err = _normal.two_sum(v_hi, 2.0 * difference)  # 3v - 2az
    s_lo = s_err + 2.0 * d_err + 3.0 * v_lo - 2.0 * az_err
    n = (zc < 0.0).astype(zc.dtype)
    return zc, v_hi, v_lo, s_hi, s_lo, n


def _gelu_tanh_kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
    zc, v_hi, v_lo, _, _, _ = _gelu_tanh_pieces(x)
    g = np.exp(-v_hi)  # e^-v = g (1 - v_lo): infinite for v < -709 (tail below)
    g -= g * v_lo
    np.maximum(x, -_GELU_CLAMP, out=out)  # z, but -30 for z <= -30 (no -inf / inf)
    np.divide(out, 1.0 + g, out=out)  # z sigma(v) = z / (1 + e^-v)
    tail = np.flatnonzero(v_hi < -_GELU_TAIL)
    if tail.size:  # z e^v: subnormal from v = -708.4 on; scaled, rounded once
        scaled = np.exp(_TAIL_SHIFT + v_hi[tail]) * (1.0 + v_lo[tail])
        out[tail] = zc[tail] * scaled * _EXP_MINUS_TAIL_SHIFT


def _gelu_tanh_derivative_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    _, v_hi, v_lo, s_hi, s_lo, n = _gelu_tanh_pieces(x)
    # With f = e^-|v| = f0 (1 - m_lo), as for silu_derivative:
    #   z >= 0: (1 + f (1 + z v')) / (1 + f)^2
    #   z <  0: f (1 + f + z v') / (1 + f)^2
    sign = 1.0 - 2.0 * n
    m_lo = v_lo * sign  # |v| = |v_hi| + m_lo
    f0 = np.exp(-np.abs(v_hi))
    f = f0 - f0 * m_lo
    one_plus, one_plus_err = _normal.two_sum(np.ones_like(s_hi), s_hi)  # 1 + z v'
    inner = one_plus + (one_plus_err + s_lo + n * f)  # 1 + z v' (+ f for z < 0)
    # f inner = f0 (inner - inner m_lo): the correction joins the small parts.
    corrected = one_plus + (one_plus_err + s_lo + n * f - inner * m_lo)
    numerator = f0 * corrected + (1.0 - n)
    square = f * (2.0 + f)  # (1 + f)^2 - 1
    quotient = numerator / (1.0 + square)
    # For small f, numerator - numerator square / (1 + f)^2 rounds once at
    # the scale of the result instead of twice (the sum, the quotient).
    small = numerator - numerator * (square / (1.0 + square))
    np.copyto(out, np.where(f < 0.125, small, quotient))
    tail = np.flatnonzero(v_hi < -_GELU_TAIL)
    if tail.size:  # e^v (1 + z v'): subnormal; scaled, rounded once
        # (1 + z v')(1 + v_lo), the correction joining the small parts
        factor = one_plus + (one_plus_err + s_lo + inner * v_lo)
        scaled = np.exp(_TAIL_SHIFT + v_hi[tail])
        out[tail] = scaled * factor[tail] * _EXP_MINUS_TAIL_SHIFT


def _check_approximate(approximate: object, func: str) -> bool:
    """Return `approximate` if it is a bool, else raise TypeError."""
    if not isinstance(approximate, bool | np.bool_):
        raise TypeError(
            f"{func}() approximate must be True or False, got {describe(approximate)}"
        )
    return bool(approximate)


# --------------------------------------------------------------------------
# Softplus


def softplus(z: npt.ArrayLike, /, *, out: FloatArray | None = None) -> FloatArray:
    r"""Softplus, the smooth ReLU, exact in both tails.

    Computes the element-wise function:

    .. math::

        \operatorname{softplus}(z) = \log\left(1 + e^{z}\right)

    Parameters
    ----------
    z : array_like
        Pre-activation values: a real scalar, a nested list or an ndarray.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Positive values (0 only where the result underflows), of the floating
        dtype of `z` (``bool`` and integers give ``float64``), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued (a ``str``, ``None``, complex, object or
        ``datetime64`` data...), or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    softplus_derivative : Its derivative, the sigmoid.
    relu : The limit it smooths: :math:`\operatorname{softplus}(z) - \max(0,
        z) \to 0` on both sides.
    numpy.logaddexp : ``np.logaddexp(0, z)`` is the same function.

    Notes
    -----
    The textbook formula overflows for :math:`z > 709.78` (``float64``) and
    rounds :math:`1 + e^{z}` to 1 for :math:`z < -36.7`, returning 0 where the
    value is :math:`e^{z}`. The equivalent form

    .. math::

        \operatorname{softplus}(z) = \max(z, 0) + \log\left(1 + e^{-|z|}\right)

    has :math:`e^{-|z|} \in (0, 1]`, so nothing overflows, and ``log1p`` keeps
    :math:`e^{z}` itself in the left tail: a subnormal result down to
    :math:`z \approx -745.1`, not 0. The relative error is below 3 ulp for
    every ``float64`` and ``float32`` input.

    Examples
    --------
    >>> print(softplus([-1.0, 0.0, 1.0]))
    [0.31326169 0.69314718 1.31326169]

    Both tails, where :math:`\log(1 + e^{z})` gives 0 and ``inf`` (with an
    overflow warning):

    >>> print(softplus([-700.0, -40.0, 1000.0]))
    [9.85967654e-305 4.24835426e-018 1.00000000e+003]
    >>> with np.errstate(over="ignore"):
    ...     print(np.log(1 + np.exp([-700.0, -40.0, 1000.0])))
    [ 0.  0. inf]
    """
    x, result = _prepare(z, out, "softplus")
    return _blocked(x, result, _softplus_kernel, n_work=1, widen=True)


def softplus_derivative(
    z: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the derivative of softplus, which is the sigmoid.

    Computes the element-wise function:

    .. math::

        \operatorname{softplus}'(z) = \frac{e^{z}}{1 + e^{z}}
                                    = \frac{1}{1 + e^{-z}} = \sigma(z)

    Parameters
    ----------
    z : array_like
        Pre-activation values.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values in :math:`[0, 1]`, of the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    softplus : The function itself.
    sigmoid : The same values; this is that function under the derivative's
        name, for code that looks derivatives up by name.

    Notes
    -----
    Bit for bit :func:`sigmoid`, with its accuracy (below 3 ulp, subnormal
    left tail included). Softplus never saturates on the right (its slope
    tends to 1) and saturates on the left like the sigmoid.

    Examples
    --------
    >>> print(softplus_derivative([-2.0, 0.0, 2.0]))
    [0.11920292 0.5        0.88079708]
    >>> from activation_functions import sigmoid
    >>> z = np.linspace(-30.0, 30.0, 7)
    >>> bool(np.allclose(softplus_derivative(z), sigmoid(z), rtol=1e-15, atol=0))
    True
    """
    x, result = _prepare(z, out, "softplus_derivative")
    return _blocked(x, result, _sigmoid_kernel, n_work=1, widen=True)


# --------------------------------------------------------------------------
# SiLU (swish)


def silu(z: npt.ArrayLike, /, *, out: FloatArray | None = None) -> FloatArray:
    r"""Sigmoid linear unit (SiLU, also called swish): :math:`z\,\sigma(z)`.

    Computes the element-wise function:

    .. math::

        \operatorname{SiLU}(z) = z\,\sigma(z) = \frac{z}{1 + e^{-z}}

    Parameters
    ----------
    z : array_like
        Pre-activation values: a real scalar, a nested list or an ndarray.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values of the floating dtype of `z`, at least :math:`-0.2785` (the
        minimum, at :math:`z \approx -1.2785`), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    silu_derivative : Its derivative, accurate in the tails.
    sigmoid : The gate :math:`\sigma(z)`.
    gelu : The same shape with the normal CDF as the gate.

    Notes
    -----
    SiLU (Hendrycks and Gimpel, 2016; Elfwing et al., 2018) is the swish of
    Ramachandran et al. (2017) with :math:`\beta = 1`. It is not monotone:
    it dips to about :math:`-0.28` before rising, and it tends to 0 on the
    left, to :math:`z` on the right.

    :math:`z / (1 + e^{-z})` is accurate wherever :math:`e^{-z}` is finite;
    below :math:`z = -709` (``float64``), where :math:`e^{-z}` overflows, the
    value :math:`z e^{z}` is computed with a scaled exponential, so subnormal
    results (down to :math:`z \approx -751`) are exact rather than 0 or off by
    hundreds of ulp. The relative error is below 3 ulp for every ``float64``
    and ``float32`` input.

    Examples
    --------
    >>> print(silu([-2.0, 0.0, 2.0]))
    [-0.23840584  0.          1.76159416]

    The left tail, without an overflow warning:

    >>> with np.errstate(all="raise"):
    ...     print(silu([-720.0, -1000.0]))
    [-1.46320618e-310 -0.00000000e+000]
    """
    x, result = _prepare(z, out, "silu")
    return _blocked(x, result, _silu_kernel, n_work=1, widen=True)


def silu_derivative(
    z: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the derivative of SiLU from :math:`z`, accurate in the tails.

    Computes the element-wise function:

    .. math::

        \operatorname{SiLU}'(z) = \sigma(z) + z\,\sigma(z)\bigl(1 - \sigma(z)\bigr)
                                = \sigma(z)\bigl(1 + z (1 - \sigma(z))\bigr)

    Parameters
    ----------
    z : array_like
        Pre-activation values.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values in about :math:`[-0.0998, 1.0998]`, of the floating dtype of
        `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    silu : The function itself.
    sigmoid_derivative : The :math:`\sigma(1 - \sigma)` factor.

    Notes
    -----
    With :math:`e = e^{-|z|} \in (0, 1]` the derivative is written without
    overflow as

    .. math::

        \operatorname{SiLU}'(z) = \begin{cases}
            \dfrac{1 + e\,(1 + z)}{(1 + e)^2} & z \ge 0 \\[1ex]
            \dfrac{e\,(1 + z + e)}{(1 + e)^2} & z < 0
        \end{cases}

    The derivative is 0 at :math:`z \approx -1.2785` (the minimum of SiLU),
    where its two terms :math:`\sigma(z)` and
    :math:`z\sigma(z)(1 - \sigma(z))` cancel: there the error is within 3 ulp
    of :math:`\sigma(z)`, as for any sum, and :math:`1 + z` is exact. Below
    :math:`z = -708` the subnormal :math:`(1 + z)e^{z}` is computed with a
    scaled exponential. Elsewhere the relative error is below 3 ulp for
    every ``float64`` and ``float32`` input.

    Examples
    --------
    >>> print(silu_derivative([-2.0, 0.0, 2.0]))
    [-0.09078425  0.5         1.09078425]

    In the tails it is :math:`(1 + z)e^{z}` on the left, :math:`1 +
    (1 + z)e^{-z}` on the right:

    >>> print(silu_derivative([-40.0, 40.0]))
    [-1.65685816e-16  1.00000000e+00]
    """
    x, result = _prepare(z, out, "silu_derivative")
    return _blocked(x, result, _silu_derivative_kernel, n_work=3, widen=True)


# --------------------------------------------------------------------------
# ELU


def elu(
    z: npt.ArrayLike,
    /,
    alpha: float = 1.0,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Exponential linear unit.

    Computes the element-wise function:

    .. math::

        \operatorname{ELU}(z) = \begin{cases}
            z & z > 0 \\
            \alpha \left(e^{z} - 1\right) & z \le 0
        \end{cases}

    Parameters
    ----------
    z : array_like
        Pre-activation values: a real scalar, a nested list or an ndarray.
    alpha : float, default 1.0
        The scale :math:`\alpha` of the negative side; any finite real number.
        It is rounded to the dtype of the result, and must stay a nonzero
        number there (unless it is 0): an `alpha` that overflows that dtype
        or underflows to 0 in it raises ValueError, as for
        :func:`leaky_relu`'s slope.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values greater than :math:`-\alpha` (for :math:`\alpha \ge 0`), of the
        floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `alpha` is not a real number, or `out` is
        not an ndarray.
    ValueError
        If `alpha` is NaN or infinite, overflows the dtype of `z` or
        underflows to 0 in it, or `out` has the wrong shape or dtype, or is
        read-only.

    See Also
    --------
    elu_derivative : Its derivative, 1 or :math:`\alpha e^{z}`.
    relu : The same on the positive side; 0 on the negative one.
    leaky_relu : A straight line on the negative side.

    Notes
    -----
    ELU (Clevert et al., 2016) saturates to :math:`-\alpha` on the left, so
    mean activations are pushed towards 0, and for :math:`\alpha = 1` it is
    continuously differentiable. The negative side is computed with
    ``expm1``, which keeps full precision near 0 where :math:`e^{z} - 1`
    cancels; the error is below 1 ulp of the exact value for the rounded
    :math:`\alpha`, in every dtype. Nothing overflows:
    :math:`e^{\min(z, 0)} \le 1`.

    Examples
    --------
    >>> print(elu([-10.0, -1.0, 0.0, 2.0]))
    [-0.9999546  -0.63212056  0.          2.        ]
    >>> print(elu([-1.0, 2.0], alpha=0.5))
    [-0.31606028  2.        ]

    Near 0, :math:`e^{z} - 1` loses the digits that ``expm1`` keeps (here
    its relative error is about :math:`10^{-7}`):

    >>> z = np.array([-1e-10])
    >>> print(elu(z))
    [-1.e-10]
    >>> bool(abs((np.exp(z) - 1) - elu(z))[0] > 1e-9 * 1e-10)
    True
    """
    value = real_scalar(alpha, "alpha", "elu")
    x, result = _prepare(z, out, "elu")
    rounded = scalar_in_dtype(value, x.dtype, "alpha", "elu")
    return _blocked(x, result, _elu_kernel(rounded), n_work=1, widen=True)


def elu_derivative(
    z: npt.ArrayLike,
    /,
    alpha: float = 1.0,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Compute the derivative of ELU, taking :math:`\alpha` at 0.

    Computes the element-wise function:

    .. math::

        \operatorname{ELU}'(z) = \begin{cases}
            1 & z > 0 \\
            \alpha e^{z} & z \le 0
        \end{cases}

    Parameters
    ----------
    z : array_like
        Pre-activation values.
    alpha : float, default 1.0
        The scale :math:`\alpha` of the negative side, as for :func:`elu`.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        1 for :math:`z > 0`, :math:`\alpha e^{z}` otherwise (NaN for NaN), of
        the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `alpha` is not a real number, or `out` is
        not an ndarray.
    ValueError
        If `alpha` is NaN or infinite, overflows the dtype of `z` or
        underflows to 0 in it, or `out` has the wrong shape or dtype, or is
        read-only.

    See Also
    --------
    elu : The function itself.
    leaky_relu_derivative : The same convention at 0.

    Notes
    -----
    For :math:`\alpha \ne 1` ELU has a kink at 0; as for
    :func:`leaky_relu_derivative` the left-hand slope is returned there:
    :math:`\operatorname{ELU}'(0) = \alpha`. For :math:`\alpha = 1` both
    sides agree and the derivative is continuous. On the left it equals
    :math:`\operatorname{ELU}(z) + \alpha`, but computing it that way would
    lose all precision in the tail, where :math:`\alpha e^{z}` is tiny; here
    it is :math:`\alpha e^{z}` itself, within 2 ulp (subnormal values
    included); ``elu(-40.0) + 1.0`` is 0, or one rounding error of 1.

    Examples
    --------
    >>> print(elu_derivative([-1.0, 0.0, 2.0]))
    [0.36787944 1.         1.        ]
    >>> print(elu_derivative([-1.0, 0.0, 2.0], alpha=2.0))
    [0.73575888 2.         1.        ]
    >>> print(elu_derivative([-40.0]))
    [4.24835426e-18]
    """
    value = real_scalar(alpha, "alpha", "elu_derivative")
    x, result = _prepare(z, out, "elu_derivative")
    rounded = scalar_in_dtype(value, x.dtype, "alpha", "elu_derivative")
    return _blocked(x, result, _elu_derivative_kernel(rounded), n_work=1, widen=True)


# --------------------------------------------------------------------------
# GELU


def gelu(
    z: npt.ArrayLike,
    /,
    approximate: bool = False,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Gaussian error linear unit: :math:`z\,\Phi(z)`, or its tanh form.

    Computes the element-wise function:

    .. math::

        \operatorname{GELU}(z) = z\,\Phi(z)
            = \frac{z}{2}\left(1 + \operatorname{erf}\frac{z}{\sqrt 2}\right)

    or, with ``approximate=True``, the tanh form of Hendrycks and Gimpel:

    .. math::

        \operatorname{GELU}_{\tanh}(z) = \frac{z}{2}\left(1 + \tanh\left(
            \sqrt{2/\pi}\,\bigl(z + 0.044715\,z^3\bigr)\right)\right)

    Parameters
    ----------
    z : array_like
        Pre-activation values: a real scalar, a nested list or an ndarray.
    approximate : bool, default False
        Compute the tanh form instead of the exact :math:`z\,\Phi(z)`.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values of the floating dtype of `z`, at least about :math:`-0.17`
        (the minimum, near :math:`z = -0.75`), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `approximate` is not a bool, or `out` is
        not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    gelu_derivative : Its derivative, with the same `approximate` flag.
    silu : The same shape with the sigmoid as the gate.
    relu : The limit GELU smooths.

    Notes
    -----
    GELU (Hendrycks and Gimpel, 2016) weighs :math:`z` by the probability
    :math:`\Phi(z)` that a standard normal variable lies below it; it is the
    activation of BERT and GPT. :math:`\Phi(z) = 1 - Q(-z)` is computed in
    the library, from Taylor expansions around stored anchors for
    :math:`|z| < 3.06` and Laplace's continued fraction for the Mills ratio
    beyond, with :math:`e^{-z^2/2}` taken from an exactly split :math:`z^2`:
    ``scipy.special.ndtr`` is hundreds of ulp off in the left tail, where
    :math:`z\,\Phi(z)` is tiny (and subnormal from :math:`z \approx -37.5`).
    The tanh form is evaluated as :math:`z\,\sigma(v)` with :math:`v =
    2\sqrt{2/\pi}\,(z + 0.044715\,z^3)` carried as a double-double, since
    :math:`1 + \tanh` cancels and :math:`e^{v}` multiplies the rounding of
    :math:`v` by :math:`|v|` on the left. Both are within 3 ulp of the exact
    value of their formula for every ``float64`` and ``float32`` input,
    subnormal results included; they differ from each other by up to
    :math:`5 \times 10^{-4}` near :math:`|z| = 2`, and by far more, relatively,
    in the left tail. ``longdouble`` input is computed in ``float64``.

    Examples
    --------
    >>> print(gelu([-3.0, -1.0, 0.0, 1.0, 3.0]))
    [-0.00404969 -0.15865525  0.          0.84134475  2.99595031]
    >>> print(gelu([-3.0, -1.0, 0.0, 1.0, 3.0], approximate=True))
    [-0.00363739 -0.15880801  0.          0.84119199  2.99636261]

    The left tail is tiny, not 0 (subnormal from :math:`z \approx -37.5`):

    >>> print(gelu([-10.0, -37.0]))
    [-7.61985302e-023 -2.11846135e-298]
    """
    exact = not _check_approximate(approximate, "gelu")
    x, result = _prepare(z, out, "gelu")
    kernel = _gelu_kernel if exact else _gelu_tanh_kernel
    return _blocked(
        x, result, kernel, n_work=1, widen=True, compute=_compute_float64(x)
    )


def gelu_derivative(
    z: npt.ArrayLike,
    /,
    approximate: bool = False,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Compute the derivative of GELU (or of its tanh form) from :math:`z`.

    Computes the element-wise function:

    .. math::

        \operatorname{GELU}'(z) = \Phi(z) + z\,\varphi(z), \qquad
        \varphi(z) = \frac{e^{-z^2/2}}{\sqrt{2\pi}}

    or, with ``approximate=True``, the derivative of the tanh form,
    :math:`\sigma(v) + z\,v'\,\sigma(v)\bigl(1 - \sigma(v)\bigr)` with
    :math:`v = 2\sqrt{2/\pi}\,(z + 0.044715\,z^3)`.

    Parameters
    ----------
    z : array_like
        Pre-activation values.
    approximate : bool, default False
        Differentiate the tanh form instead of the exact :math:`z\,\Phi(z)`.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values in about :math:`[-0.13, 1.13]`, of the floating dtype of `z`,
        or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `approximate` is not a bool, or `out` is
        not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    gelu : The function itself.
    silu_derivative : The same structure with the sigmoid.

    Notes
    -----
    The derivative is 0 at :math:`z \approx -0.7518` (the minimum of GELU),
    where :math:`\Phi(z)` and :math:`z\varphi(z)` cancel; there the error is
    within 3 ulp of :math:`\Phi(z)`, the larger term, as for any sum: the
    two terms are combined as double-doubles, so it is in fact below about 1
    ulp of it. Elsewhere the relative error is below 3 ulp for every
    ``float64`` and ``float32`` input, subnormal values of the left tail
    included (:math:`\approx z\varphi(z)` there). The same holds for the tanh
    form, whose zero is near :math:`z = -0.7522`.

    Examples
    --------
    >>> print(gelu_derivative([-3.0, -0.75, 0.0, 1.0]))
    [-1.19456472e-02  7.74278261e-04  5.00000000e-01  1.08331547e+00]
    >>> print(gelu_derivative([-3.0, 0.0, 1.0], approximate=True))
    [-0.01158417  0.5         1.08296408]
    """
    exact = not _check_approximate(approximate, "gelu_derivative")
    x, result = _prepare(z, out, "gelu_derivative")
    if exact:
        return _blocked(
            x,
            result,
            _gelu_derivative_kernel,
            n_work=2,
            widen=True,
            compute=_compute_float64(x),
        )
    return _blocked(
        x,
        result,
        _gelu_tanh_derivative_kernel,
        n_work=0,
        widen=True,
        compute=_compute_float64(x),
    )


def _compute_float64(x: FloatArray) -> np.dtype[np.float64]:
    """GELU's kernels are written for float64, whatever the input's dtype."""
    return _FLOAT64
