r"""Element-wise activation functions and their derivatives.

Every function here takes an array_like ``z`` (a Python or NumPy real scalar, a
nested list, or an ndarray of any shape), an optional ``out=`` array, and
returns an ndarray of the input's floating dtype (``float16``, ``float32`` and
``float64`` are kept; ``bool`` and integer input give ``float64``; 0-d input
gives a 0-d array). None of them emits a NumPy warning, whatever the input and
whatever :func:`numpy.seterr` says: huge magnitudes, :math:`\pm\infty`,
:math:`-0` and NaN are all handled, and NaN in gives NaN out.

The derivatives named ``*_derivative`` are written in terms of :math:`z` and
stay accurate in the tails, where :math:`g'(z)` is tiny but not zero. The
``*_derivative_from_output`` forms take :math:`a = g(z)` as the course notes do;
they are cheap when :math:`a` is at hand (back-propagation) but lose all
accuracy once :math:`a` has rounded to its limit.

Implementation notes
--------------------
Large arrays are processed in blocks of :data:`_BLOCK` elements through a
buffered :class:`numpy.nditer`, so temporaries stay in cache and the extra
memory is a few blocks, not whole arrays. Inside a block every step is a
branch-free ufunc writing into a preallocated buffer (``np.where`` on data of
mixed sign is several times slower). The functions built on ``exp`` compute
``float16`` and ``float32`` input in ``float64`` and round once at the end, so
their results are correctly rounded in almost every case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from activation_functions._validation import (
    FloatArray,
    as_float_array,
    check_out,
    real_scalar,
    scalar_in_dtype,
)

__all__ = [
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_derivative_from_output",
    "tanh",
    "tanh_derivative",
    "tanh_derivative_from_output",
]

#: Elements per block: 32768 float64 values (256 KiB per buffer) keep a
#: block's input, output and work buffers in L2/L3 cache while NumPy's per-call
#: overhead (about a microsecond per ufunc call) stays below 0.1 ns an element.
#: Measured: 8K and 64K blocks are both slower here.
_BLOCK = 1 << 15

#: A block kernel: reads ``x``, writes ``out`` (both 1-D, same length, possibly
#: the same memory), may use the work buffers freely.
_Kernel = Callable[[FloatArray, FloatArray, list[FloatArray]], None]

# Below this, exp(-z) may overflow (from -709.78 on); sigmoid(z) is exp(z) there.
_SIGMOID_TAIL = -709.0
# exp(-211) is within 0.001 ulp of a float64 (see _tanh_derivative_tail).
_TAIL_SHIFT = 211.0
_EXP_MINUS_TAIL_SHIFT = 2.3113425714217192e-92
# Below this, exp(-2|z|) is near or in the subnormal range (2|z| > 690.8).
_TAIL_LIMIT = 1e-300


def _compute_dtype(dtype: np.dtype[Any], *, widen: bool) -> np.dtype[Any]:
    """Return float64 for narrow floats when `widen`, else `dtype` itself."""
    if widen and dtype.itemsize < np.dtype(np.float64).itemsize:
        return np.dtype(np.float64)
    return dtype


def _prepare(z: object, out: object, func: str) -> tuple[FloatArray, FloatArray]:
    """Validate `z` and `out` before anything is written; return both arrays."""
    x = as_float_array(z, func)
    checked = check_out(out, x.shape, x.dtype, func)
    result = np.empty_like(x) if checked is None else checked
    return x, result


def _blocked(
    x: FloatArray,
    result: FloatArray,
    kernel: _Kernel,
    *,
    n_work: int,
    widen: bool,
    compute: np.dtype[Any] | None = None,
) -> FloatArray:
    """Apply `kernel` to `x` block by block, writing into `result`.

    A buffered :class:`numpy.nditer` yields 1-D blocks of at most
    :data:`_BLOCK` elements in memory order, casting to the computation dtype
    (float64 when `widen` and the input is narrower) and back. Overlap
    between `x` and `result` other than exact identity is resolved by the
    iterator with a temporary copy. `compute`, when given, is the dtype the
    kernel sees whatever the input's (``float64`` for kernels written for it).
    """
    if x.size == 0:
        return result
    if compute is None:
        compute = _compute_dtype(x.dtype, widen=widen)
    size = min(_BLOCK, x.size)
    work = [np.empty(size, compute) for _ in range(n_work)]
    iterator = np.nditer(
        [x, result],
        flags=["external_loop", "buffered", "zerosize_ok", "copy_if_overlap"],
        op_flags=[
            ["readonly", "overlap_assume_elementwise"],
            ["writeonly", "overlap_assume_elementwise"],
        ],
        op_dtypes=[compute, compute],
        casting="same_kind",
        buffersize=size,
        order="K",
    )
    with np.errstate(all="ignore"), iterator:
        for block_in, block_out in iterator:
            n = block_in.shape[0]
            kernel(block_in, block_out, [w[:n] for w in work])
    return result


# --------------------------------------------------------------------------
# Kernels. Each one reads ``x`` before its first write to ``out``, or only
# position by position, so that ``out`` may be ``x`` itself.


def _sigmoid_kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
    (d,) = work
    np.negative(x, out=d)
    np.exp(d, out=d)  # e^-z: infinite below z = -709.78 (silenced)
    np.add(d, 1.0, out=d)
    fix: tuple[npt.NDArray[np.intp], FloatArray] | None = None
    if not x.min() >= _SIGMOID_TAIL:  # one fast reduction; NaN falls back too
        index = np.flatnonzero(x < _SIGMOID_TAIL)
        fix = index, np.exp(x[index])  # e^z / (1 + e^z) = e^z to far below an ulp
    np.divide(1.0, d, out=out)
    if fix is not None:
        out[fix[0]] = fix[1]


def _sigmoid_derivative_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    (e,) = work
    np.abs(x, out=e)
    np.negative(e, out=e)
    np.exp(e, out=e)  # e = exp(-|z|)
    np.add(e, 2.0, out=out)
    np.multiply(out, e, out=out)
    np.add(out, 1.0, out=out)  # (1 + e)^2 = 1 + e (2 + e): one rounding
    np.divide(e, out, out=out)


def _tanh_derivative_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    t, tail = work
    np.abs(x, out=t)
    np.multiply(t, -2.0, out=t)  # -2|z|, exact
    np.exp(t, out=t)  # t = exp(-2|z|)
    fix: tuple[npt.NDArray[np.intp], FloatArray] | None = None
    # One fast reduction; NaN (from NaN input) falls back to the mask as well.
    if t.dtype == np.float64 and not t.min() >= _TAIL_LIMIT:
        np.less(t, _TAIL_LIMIT, out=tail)
        if tail.any():
            fix = _tanh_derivative_tail(x, tail)
    np.add(t, 2.0, out=out)
    np.multiply(out, t, out=out)
    np.add(out, 1.0, out=out)  # (1 + t)^2 = 1 + t (2 + t)
    np.multiply(t, 4.0, out=t)
    np.divide(t, out, out=out)
    if fix is not None:
        out[fix[0]] = fix[1]


def _tanh_derivative_tail(
    x: FloatArray, mask: FloatArray
) -> tuple[npt.NDArray[np.intp], FloatArray]:
    r"""Values of :math:`4 e^{-2|z|}` where :math:`e^{-2|z|}` is subnormal.

    For :math:`2|z| > 690` the denominator :math:`(1+t)^2` is exactly 1, but
    :math:`t = e^{-2|z|}` itself has lost bits to gradual underflow, and
    :math:`4t` would carry an error of up to 2 ulp. Shifting the argument by
    the integer 211 (exact, since :math:`2|z| > 512`) keeps
    :math:`e^{211 - 2|z|}` normal; the product with :math:`e^{-211}` (a
    constant within 0.001 ulp of a double) is the only rounding into the
    subnormal range.
    """
    index = np.flatnonzero(mask)
    shifted = np.abs(x[index])
    np.add(shifted, shifted, out=shifted)
    np.subtract(_TAIL_SHIFT, shifted, out=shifted)
    np.exp(shifted, out=shifted)
    np.multiply(shifted, 4.0 * _EXP_MINUS_TAIL_SHIFT, out=shifted)
    return index, shifted


def _derivative_from_sigmoid_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    (w,) = work
    np.subtract(1.0, x, out=w)
    np.multiply(x, w, out=out)


def _derivative_from_tanh_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    (w,) = work
    np.subtract(1.0, x, out=w)  # exact for a in [1/2, 1] (Sterbenz)
    np.add(x, 1.0, out=out)
    np.multiply(out, w, out=out)  # (1 - a)(1 + a): no cancellation in a*a


def _leaky_relu_kernel(slope: float) -> _Kernel:
    """Kernel for ``leaky_relu`` with a nonzero finite slope."""
    pick = np.maximum if slope <= 1.0 else np.minimum

    def kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
        (w,) = work
        np.multiply(x, slope, out=w)
        pick(x, w, out=out)  # max(z, slope z) for slope <= 1, min() above 1

    return kernel


def _relu_kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
    np.maximum(x, 0.0, out=out)  # may keep -0.0 (float16, longdouble loops)
    np.add(out, 0.0, out=out)  # -0 + 0 = +0; every other value unchanged


def _relu_derivative_kernel(
    x: FloatArray, out: FloatArray, work: list[FloatArray]
) -> None:
    np.clip(x, 0.0, 1.0, out=out)  # 0 for z <= 0, z in (0, 1], NaN stays
    np.ceil(out, out=out)  # 0, 1 or NaN (np.heaviside is 10 times slower)
    np.add(out, 0.0, out=out)  # ceil(-0.0) is -0.0: make it +0


def _leaky_relu_derivative_kernel(slope: float) -> _Kernel:
    """Kernel for ``leaky_relu_derivative``: 1 for z > 0, `slope` otherwise."""
    if 0.0 < slope <= 1.0:

        def kernel(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
            np.ceil(x, out=out)  # >= 1 for z > 0, <= 0 for z <= 0, NaN stays
            np.clip(out, slope, 1.0, out=out)

        return kernel

    def general(x: FloatArray, out: FloatArray, work: list[FloatArray]) -> None:
        (w,) = work
        _relu_derivative_kernel(x, out, work)  # h = 1, 0 or NaN
        np.subtract(1.0, out, out=w)
        np.multiply(w, slope, out=w)
        np.add(out, w, out=out)  # h + (1 - h) slope: exactly 1 or slope

    return general


# --------------------------------------------------------------------------
# Identity


def identity(z: npt.ArrayLike, /, *, out: FloatArray | None = None) -> FloatArray:
    r"""Identity activation, the output layer for regression.

    Computes the element-wise function:

    .. math::

        g(z) = z

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
        A copy of `z` as a floating array (``float16``/``float32``/``float64``
        kept; ``bool`` and integers become ``float64``), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued (a ``str``, ``None``, complex, object or
        ``datetime64`` data...), or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    identity_derivative : Its derivative, 1 everywhere.
    relu : The choice for non-negative regression targets.

    Notes
    -----
    A network whose activations are all the identity is a single affine map,
    however deep it is: the composition of affine maps is affine. That is why
    hidden layers need a non-linear :math:`g`.

    Examples
    --------
    >>> print(identity([-2, 0, 3]))
    [-2.  0.  3.]
    """
    x, result = _prepare(z, out, "identity")
    if result is not x:
        np.copyto(result, x)
    return result


def identity_derivative(
    z: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the derivative of the identity: 1 everywhere.

    Computes the element-wise function:

    .. math::

        g'(z) = 1

    Parameters
    ----------
    z : array_like
        Pre-activation values.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype.

    Returns
    -------
    numpy.ndarray
        Ones of the shape and floating dtype of `z`; NaN where `z` is NaN.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    identity : The function itself.

    Notes
    -----
    NaN in gives NaN out, as for every function of this package; infinities
    give 1.

    Examples
    --------
    >>> print(identity_derivative([-2.0, 0.0, np.inf, np.nan]))
    [ 1.  1.  1. nan]
    """
    x, result = _prepare(z, out, "identity_derivative")
    with np.errstate(all="ignore"):
        np.clip(x, 1.0, 1.0, out=result)  # 1 for every z but NaN, which stays NaN
    return result


# --------------------------------------------------------------------------
# Sigmoid


def sigmoid(z: npt.ArrayLike, /, *, out: FloatArray | None = None) -> FloatArray:
    r"""Logistic sigmoid, accurate over the whole floating-point range.

    Computes the element-wise function:

    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}}

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
        Values in :math:`[0, 1]`, of the floating dtype of `z` (``bool`` and
        integers give ``float64``), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued (a ``str``, ``None``, complex, object or
        ``datetime64`` data...), or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    sigmoid_derivative : :math:`\sigma'(z)`, accurate in the tails.
    sigmoid_derivative_from_output : :math:`a(1 - a)`, the notes' form.
    tanh : :math:`\tanh(z) = 2\sigma(2z) - 1`, zero-centred.
    scipy.special.expit : The same function in SciPy.

    Notes
    -----
    The textbook formula is accurate wherever :math:`e^{-z}` is finite, but
    :math:`e^{-z}` overflows for :math:`z < -709.78` in ``float64``: NumPy
    warns, and the result is 0. There the equivalent form is used:

    .. math::

        \sigma(z) = \begin{cases}
            \dfrac{1}{1 + e^{-z}} & z \ge -709 \\[1ex]
            \dfrac{e^{z}}{1 + e^{z}} & z < -709
        \end{cases}

    so nothing overflows, and for :math:`z < -709.78` the result is the
    subnormal number :math:`e^{z}` rather than 0 (it underflows to 0 only
    below :math:`z \approx -745.1`). The relative error is below 3 ulp for
    every ``float64`` and ``float32`` input; ``float16`` and ``float32`` are
    computed in ``float64`` and rounded once.

    The sigmoid maps to :math:`(0, 1)`, so it suits the output unit of binary
    classification, where :math:`a` is read as :math:`P(y = 1 \mid x)`.

    Examples
    --------
    >>> print(sigmoid([-2.0, 0.0, 2.0]))
    [0.11920292 0.5        0.88079708]

    No overflow warning for large negative inputs, even when NumPy is told
    to raise on every floating-point error; the naive formula raises:

    >>> with np.errstate(all="raise"):
    ...     print(sigmoid(-1000.0), f"{sigmoid(-720.0):.4e}")
    0.0 2.0322e-313
    >>> with np.errstate(all="raise"):
    ...     1 / (1 + np.exp(1000.0))
    Traceback (most recent call last):
        ...
    FloatingPointError: overflow encountered in exp

    The input's floating dtype is kept:

    >>> sigmoid(np.array([0.0, 1.0], dtype=np.float32)).dtype
    dtype('float32')
    """
    x, result = _prepare(z, out, "sigmoid")
    return _blocked(x, result, _sigmoid_kernel, n_work=1, widen=True)


def sigmoid_derivative(
    z: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the sigmoid's derivative from :math:`z`, exact in the tails.

    Computes the element-wise function:

    .. math::

        \sigma'(z) = \sigma(z)\,\bigl(1 - \sigma(z)\bigr)
                   = \frac{e^{-|z|}}{\left(1 + e^{-|z|}\right)^2}

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
        Values in :math:`[0, 1/4]`, of the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    sigmoid : The function itself.
    sigmoid_derivative_from_output : :math:`a(1 - a)`, cheaper when
        :math:`a` is known, but 0 for :math:`z \ge 36.74`.

    Notes
    -----
    :math:`\sigma'` is even, has its maximum :math:`\sigma'(0) = 1/4` and
    behaves like :math:`e^{-|z|}` in both tails: small, but not zero. With
    :math:`e = e^{-|z|}` the denominator is evaluated as
    :math:`1 + e(2 + e)`, one rounding instead of the three of
    :math:`(1 + e)^2`. The relative error is below 3 ulp for every ``float64``
    and ``float32`` input, subnormal results included.

    The maximum 1/4 is the reason for vanishing gradients: each sigmoid layer
    multiplies the back-propagated gradient by at most 1/4.

    Examples
    --------
    >>> print(sigmoid_derivative([0.0, 2.0, -2.0]))
    [0.25       0.10499359 0.10499359]

    At :math:`z = 40` the sigmoid has rounded to 1, so the notes' form
    :math:`a(1 - a)` gives 0, while the slope is really about
    :math:`e^{-40}`:

    >>> print(f"{sigmoid_derivative(40.0):.4e}")
    4.2484e-18
    >>> print(sigmoid_derivative_from_output(sigmoid(40.0)))
    0.0
    """
    x, result = _prepare(z, out, "sigmoid_derivative")
    return _blocked(x, result, _sigmoid_derivative_kernel, n_work=1, widen=True)


def sigmoid_derivative_from_output(
    a: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the sigmoid's derivative from its output, :math:`a(1 - a)`.

    Computes the element-wise function:

    .. math::

        \sigma'(z) = a\,(1 - a), \qquad a = \sigma(z)

    the form of the course notes, convenient in back-propagation where
    :math:`a` is already stored.

    Parameters
    ----------
    a : array_like
        Sigmoid outputs :math:`a = \sigma(z)`; other values are accepted and
        simply put through the formula.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `a` itself.

    Returns
    -------
    numpy.ndarray
        :math:`a(1 - a)`, of the floating dtype of `a`, or `out`.

    Raises
    ------
    TypeError
        If `a` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    sigmoid_derivative : The same slope computed from :math:`z`, accurate in
        the tails.

    Notes
    -----
    For large positive :math:`z`, :math:`a` is 1 minus a tiny number, and
    storing :math:`a` already loses that tiny number: :math:`1 - a` keeps only
    the rounding of :math:`a`, so the relative error grows like
    :math:`2^{-53} e^{z}`, and once :math:`a` rounds to exactly 1 the result is
    exactly 0. That happens for :math:`z \ge 36.74` in ``float64``,
    :math:`z \ge 17.33` in ``float32`` and :math:`z \ge 8.32` in ``float16``.
    (For large negative :math:`z`, :math:`a` is tiny and :math:`1 - a`
    harmless, so the left tail is fine.) :func:`sigmoid_derivative` never
    forms :math:`1 - a`: it uses :math:`e^{-|z|}`, which keeps full relative
    precision on both sides.

    Examples
    --------
    >>> print(sigmoid_derivative_from_output([0.5, 0.9]))
    [0.25 0.09]

    Compared with the :math:`z`-form, on both sides of the rounding point:

    >>> z = np.array([20.0, 40.0])
    >>> print(sigmoid_derivative_from_output(sigmoid(z)))
    [2.06115369e-09 0.00000000e+00]
    >>> print(sigmoid_derivative(z))
    [2.06115361e-09 4.24835426e-18]
    """
    x, result = _prepare(a, out, "sigmoid_derivative_from_output")
    return _blocked(x, result, _derivative_from_sigmoid_kernel, n_work=1, widen=False)


# --------------------------------------------------------------------------
# tanh


def tanh(z: npt.ArrayLike, /, *, out: FloatArray | None = None) -> FloatArray:
    r"""Hyperbolic tangent, the zero-centred sigmoid.

    Computes the element-wise function:

    .. math::

        \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1

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
        Values in :math:`[-1, 1]`, of the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    tanh_derivative : :math:`1 - \tanh^2(z)`, accurate in the tails.
    tanh_derivative_from_output : :math:`1 - a^2`, the notes' form.
    sigmoid : :math:`\sigma(z) = (1 + \tanh(z/2))/2`.
    numpy.tanh : The ufunc this function calls.

    Notes
    -----
    This is :func:`numpy.tanh` (already accurate to about 1 ulp and free of
    overflow) behind the package's input checks: lists, dtype rules and error
    messages are the same as for the other activations. The output is
    centred on 0 and :math:`\tanh'(0) = 1`, four times the sigmoid's maximum
    slope.

    Examples
    --------
    >>> print(tanh([-1000.0, -1.0, 0.0, 1.0]))
    [-1.         -0.76159416  0.          0.76159416]

    It is a rescaled sigmoid:

    >>> z = np.linspace(-3.0, 3.0, 7)
    >>> bool(np.allclose(tanh(z), 2 * sigmoid(2 * z) - 1))
    True
    """
    x, result = _prepare(z, out, "tanh")
    with np.errstate(all="ignore"):
        np.tanh(x, out=result)
    return result


def tanh_derivative(
    z: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the derivative of tanh from :math:`z`, exact in the tails.

    Computes the element-wise function:

    .. math::

        \tanh'(z) = 1 - \tanh^2(z) = \operatorname{sech}^2(z)
                  = \frac{4 e^{-2|z|}}{\left(1 + e^{-2|z|}\right)^2}

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
    tanh : The function itself.
    tanh_derivative_from_output : :math:`1 - a^2`, cheaper when :math:`a` is
        known, but 0 for :math:`|z| \ge 18.99`.

    Notes
    -----
    With :math:`t = e^{-2|z|} \in (0, 1]` nothing overflows, and the
    denominator is evaluated as :math:`1 + t(2 + t)` (one rounding). For
    :math:`|z| > 354.2` in ``float64``, :math:`t` itself is subnormal and has
    lost bits, which :math:`4t` would multiply into an error of up to 2 ulp;
    so from :math:`|z| > 345.4` on the result is computed as
    :math:`4 e^{211 - 2|z|} \cdot e^{-211}`, normal until the final product.
    The relative error is below 3 ulp for every ``float64`` and ``float32``
    input, subnormal results included.

    The maximum is :math:`\tanh'(0) = 1`, so tanh shrinks back-propagated
    gradients less than the sigmoid does, but it still saturates on both
    sides: :math:`\tanh'(z) \approx 4e^{-2|z|}`.

    Examples
    --------
    >>> print(tanh_derivative([0.0, 1.0, -1.0]))
    [1.         0.41997434 0.41997434]

    At :math:`z = 20`, :math:`\tanh(z)` has rounded to 1 and :math:`1 - a^2`
    is 0; the slope is really about :math:`4e^{-40}`:

    >>> print(f"{tanh_derivative(20.0):.4e}")
    1.6993e-17
    >>> print(tanh_derivative_from_output(tanh(20.0)))
    0.0
    """
    x, result = _prepare(z, out, "tanh_derivative")
    return _blocked(x, result, _tanh_derivative_kernel, n_work=2, widen=True)


def tanh_derivative_from_output(
    a: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the derivative of tanh from its output, :math:`1 - a^2`.

    Computes the element-wise function:

    .. math::

        \tanh'(z) = 1 - a^2, \qquad a = \tanh(z)

    the form of the course notes, convenient in back-propagation where
    :math:`a` is already stored.

    Parameters
    ----------
    a : array_like
        tanh outputs :math:`a = \tanh(z)`; other values are accepted and
        simply put through the formula.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `a` itself.

    Returns
    -------
    numpy.ndarray
        :math:`1 - a^2`, of the floating dtype of `a`, or `out`.

    Raises
    ------
    TypeError
        If `a` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    tanh_derivative : The same slope computed from :math:`z`, accurate in the
        tails.

    Notes
    -----
    It is evaluated as :math:`(1 - a)(1 + a)`, which is as accurate as
    :math:`a` allows. But :math:`a` itself cannot be: for large :math:`|z|`,
    :math:`a = \pm(1 - \text{tiny})` and storing it keeps only the rounding
    of the tiny part, so the relative error grows like :math:`2^{-53}
    e^{2|z|}`, and once :math:`a` rounds to :math:`\pm 1` the result is exactly
    0: for :math:`|z| \ge 18.99` in ``float64``, :math:`|z| \ge 10.0` in
    ``float32`` and :math:`|z| \ge 4.51` in ``float16``.
    :func:`tanh_derivative` never forms :math:`1 - a`: it uses
    :math:`e^{-2|z|}` and keeps full relative precision.

    Examples
    --------
    >>> print(tanh_derivative_from_output([0.0, 0.5, 1.0]))
    [1.   0.75 0.  ]

    Compared with the :math:`z`-form, on both sides of the rounding point
    (at :math:`z = 10` the two agree to a few digits only, at :math:`z = 20`
    the :math:`a`-form has nothing left):

    >>> z = np.array([10.0, 20.0])
    >>> print(np.array2string(tanh_derivative_from_output(tanh(z)), precision=3))
    [8.245e-09 0.000e+00]
    >>> print(np.array2string(tanh_derivative(z), precision=3))
    [8.245e-09 1.699e-17]
    """
    x, result = _prepare(a, out, "tanh_derivative_from_output")
    return _blocked(x, result, _derivative_from_tanh_kernel, n_work=1, widen=False)


# --------------------------------------------------------------------------
# ReLU and Leaky ReLU


def relu(z: npt.ArrayLike, /, *, out: FloatArray | None = None) -> FloatArray:
    r"""Rectified linear unit.

    Computes the element-wise function:

    .. math::

        \operatorname{ReLU}(z) = \max(0, z) = \begin{cases}
            z & z > 0 \\
            0 & z \le 0
        \end{cases}

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
        Non-negative values of the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    relu_derivative : Its derivative, with the value 0 at :math:`z = 0`.
    leaky_relu : Keeps a small slope for :math:`z < 0`.

    Notes
    -----
    ReLU is exact (no rounding), and :math:`\operatorname{ReLU}(-0) = +0` in
    every floating dtype.
    Its slope is 1 on the whole positive half-line, so it does not saturate
    there; on the negative half-line it is 0, and a unit whose
    pre-activation is negative for every example stops learning
    ("dying ReLU").

    Examples
    --------
    >>> print(relu([-2.0, -0.0, 0.5, 3.0]))
    [0.  0.  0.5 3. ]
    >>> print(np.signbit(relu(np.float16(-0.0))))
    False
    """
    x, result = _prepare(z, out, "relu")
    return _blocked(x, result, _relu_kernel, n_work=0, widen=False)


def relu_derivative(
    z: npt.ArrayLike, /, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Compute the derivative of ReLU, taking :math:`\operatorname{ReLU}'(0) = 0`.

    Computes the element-wise function:

    .. math::

        \operatorname{ReLU}'(z) = \begin{cases}
            1 & z > 0 \\
            0 & z \le 0
        \end{cases}

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
        0 or 1 (NaN for NaN), of the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, or `out` is not an ndarray.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    relu : The function itself.
    leaky_relu_derivative : Never 0.

    Notes
    -----
    ReLU has no derivative at :math:`z = 0` (the one-sided slopes are 0 and
    1). Like ``jax.nn.relu`` and *Dive into Deep Learning*, this function
    returns 0 there, a choice any value in :math:`[0, 1]` (a subgradient)
    would justify; it is what makes units with :math:`z = 0` count as dead.
    The 0 is :math:`+0`, for :math:`z = -0` too.

    Examples
    --------
    >>> print(relu_derivative([-1.0, 0.0, 2.0]))
    [0. 0. 1.]
    """
    x, result = _prepare(z, out, "relu_derivative")
    return _blocked(x, result, _relu_derivative_kernel, n_work=0, widen=False)


def leaky_relu(
    z: npt.ArrayLike,
    /,
    negative_slope: float = 0.01,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Leaky ReLU: ReLU with a small slope for negative inputs.

    Computes the element-wise function:

    .. math::

        \operatorname{LeakyReLU}(z) = \begin{cases}
            z & z > 0 \\
            \alpha z & z \le 0
        \end{cases}
        \qquad \alpha = \text{negative\_slope}

    Parameters
    ----------
    z : array_like
        Pre-activation values: a real scalar, a nested list or an ndarray.
    negative_slope : float, default 0.01
        The slope :math:`\alpha` for :math:`z \le 0`; any finite real number.
        It is rounded to the dtype of the result, and must stay a nonzero
        number there (unless it is 0): a slope that overflows that dtype or
        underflows to 0 in it raises ValueError.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Values of the floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `negative_slope` is not a real number, or
        `out` is not an ndarray.
    ValueError
        If `negative_slope` is NaN or infinite, overflows the dtype of `z` or
        underflows to 0 in it, or `out` has the wrong shape or dtype, or is
        read-only.

    See Also
    --------
    leaky_relu_derivative : Its derivative, 1 or `negative_slope`.
    relu : The case ``negative_slope=0``.

    Notes
    -----
    For :math:`0 \le \alpha \le 1` this is :math:`\max(z, \alpha z)`, one
    rounding for :math:`z < 0` and none for :math:`z \ge 0`. Because the slope
    on the negative side is not 0, no unit can die as with ReLU.

    The slope is a number of the input's dtype. One that does not fit there
    is refused rather than bent: in ``float16`` (largest value 65504, smallest
    positive :math:`6 \times 10^{-8}`) a slope of ``1e6`` would become
    :math:`\infty` and a slope of ``1e-10`` would become 0, turning
    :math:`\alpha \cdot \infty` into NaN, so both raise ValueError naming the
    slope and the dtype. Pass ``negative_slope=0`` for ReLU itself, or use a
    wider dtype.

    Examples
    --------
    >>> print(leaky_relu([-10.0, -1.0, 0.0, 2.0]))
    [-0.1  -0.01  0.    2.  ]
    >>> print(leaky_relu([-10.0, 2.0], negative_slope=0.2))
    [-2.  2.]

    A slope that ``float16`` cannot hold is refused:

    >>> leaky_relu(np.float16([-1.0, 2.0]), negative_slope=1e6)
    Traceback (most recent call last):
        ...
    ValueError: leaky_relu() negative_slope=1000000.0 overflows float16, whose largest value is 65504.0
    """
    slope = real_scalar(negative_slope, "negative_slope", "leaky_relu")
    x, result = _prepare(z, out, "leaky_relu")
    rounded = scalar_in_dtype(slope, x.dtype, "negative_slope", "leaky_relu")
    if rounded == 0.0:  # 0 * inf would be NaN: this is ReLU
        return _blocked(x, result, _relu_kernel, n_work=0, widen=False)
    return _blocked(x, result, _leaky_relu_kernel(rounded), n_work=1, widen=False)


def leaky_relu_derivative(
    z: npt.ArrayLike,
    /,
    negative_slope: float = 0.01,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Compute the derivative of Leaky ReLU, taking `negative_slope` at 0.

    Computes the element-wise function:

    .. math::

        \operatorname{LeakyReLU}'(z) = \begin{cases}
            1 & z > 0 \\
            \alpha & z \le 0
        \end{cases}
        \qquad \alpha = \text{negative\_slope}

    Parameters
    ----------
    z : array_like
        Pre-activation values.
    negative_slope : float, default 0.01
        The slope :math:`\alpha` for :math:`z \le 0`; any finite real number.
        It is rounded to the dtype of the result, and must stay a nonzero
        number there (unless it is 0): a slope that overflows that dtype or
        underflows to 0 in it raises ValueError.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        1 or `negative_slope` (NaN for NaN), of the floating dtype of `z`, or
        `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `negative_slope` is not a real number, or
        `out` is not an ndarray.
    ValueError
        If `negative_slope` is NaN or infinite, overflows the dtype of `z` or
        underflows to 0 in it, or `out` has the wrong shape or dtype, or is
        read-only.

    See Also
    --------
    leaky_relu : The function itself.
    relu_derivative : The case ``negative_slope=0``.

    Notes
    -----
    Leaky ReLU has no derivative at :math:`z = 0`; as for
    :func:`relu_derivative`, the left-hand slope is returned there:
    :math:`\operatorname{LeakyReLU}'(0) = \alpha`. The derivative is never 0
    (for :math:`\alpha \ne 0`), so gradients always flow. As for
    :func:`leaky_relu`, a slope that overflows the dtype of `z` or underflows
    to 0 in it raises ValueError.

    Examples
    --------
    >>> print(leaky_relu_derivative([-3.0, 0.0, 3.0]))
    [0.01 0.01 1.  ]
    """
    func = "leaky_relu_derivative"
    slope = real_scalar(negative_slope, "negative_slope", func)
    x, result = _prepare(z, out, func)
    rounded = scalar_in_dtype(slope, x.dtype, "negative_slope", func)
    return _blocked(
        x, result, _leaky_relu_derivative_kernel(rounded), n_work=1, widen=False
    )
