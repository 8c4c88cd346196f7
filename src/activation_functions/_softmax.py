r"""Softmax, its logarithm, log-sum-exp, the Jacobian and the cross-entropy gradient.

Softmax turns a vector of scores :math:`z \in \mathbb{R}^n` into a probability
vector; it is the output activation for multi-class classification. Every
function here works along one `axis` of an array of any shape, so a batch can
be stored as rows (``axis=-1``, the default, as in ``jax.nn``) or as the
columns of the course's ``(n_y, m)`` matrices (``axis=0``).

Implementation notes
--------------------
``float64`` input is computed with the row maximum subtracted, the rounding
error of each difference :math:`z_i - \max z` recovered exactly (TwoSum) and
folded back into :math:`e^{z_i - \max z}`, and the denominator summed exactly
(each term is split into a part on a coarse grid, whose sum is exact, and a
tiny remainder). ``float16``/``float32`` input is computed in ``float64`` and
rounded once. Rows are processed in blocks that fit in cache.
"""

from __future__ import annotations

import math
import operator
from typing import Any, SupportsIndex

import numpy as np
import numpy.typing as npt

from activation_functions._validation import (
    FloatArray,
    as_float_array,
    check_out,
    describe,
)

__all__ = [
    "log_softmax",
    "logsumexp",
    "softmax",
    "softmax_cross_entropy_gradient",
    "softmax_jacobian",
    "softmax_jvp",
]

#: Elements per block of rows (float64: 512 KiB per buffer). A block makes about
#: 15 NumPy calls, so blocks are larger than for the element-wise functions.
_BLOCK = 1 << 16


def _axis_index(axis: object, ndim: int, func: str) -> int:
    """Normalise `axis` for an array of `ndim` dimensions (0-d counts as 1-d).

    Raises
    ------
    TypeError
        If `axis` is not an integer.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    """
    if isinstance(axis, bool):
        raise TypeError(f"{func}() axis must be an integer, got bool")
    try:
        index = operator.index(axis)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"{func}() axis must be an integer, got {describe(axis)}"
        ) from None
    size = max(ndim, 1)
    if not -size <= index < size:
        raise np.exceptions.AxisError(index, size, f"{func}()")
    return index % size


def _compute_dtype(dtype: np.dtype[Any]) -> np.dtype[Any]:
    """Float64 for float16/float32, the dtype itself otherwise."""
    if dtype.itemsize < np.dtype(np.float64).itemsize:
        return np.dtype(np.float64)
    return dtype


def _as_matrix(array: FloatArray, axis: int) -> FloatArray:
    """View `array` (at least 1-d) as ``(rows, n)`` with `axis` last, or copy."""
    moved = np.moveaxis(array, axis, -1)
    return moved.reshape(-1, moved.shape[-1])


def _writable_matrix(array: FloatArray, axis: int) -> FloatArray | None:
    """Return a writable ``(rows, n)`` view of `array`, or None if it needs a copy."""
    moved = np.moveaxis(array, axis, -1)
    matrix = moved.reshape(-1, moved.shape[-1])  # a view, or a copy if it must
    return matrix if np.may_share_memory(matrix, array) else None


class _Workspace:
    """Preallocated block buffers for the softmax kernels."""

    def __init__(self, size: int, dtype: np.dtype[Any]) -> None:
        self.buffers = [np.empty(size, dtype) for _ in range(3)]

    def take(self, rows: int, n: int) -> list[FloatArray]:
        """Return the three buffers viewed as ``(rows, n)``."""
        return [b[: rows * n].reshape(rows, n) for b in self.buffers]


def _exact_grid(n: int) -> float:
    r"""Return ``C`` such that ``(e + C) - C`` rounds ``e`` in [0, 1] to a coarse grid.

    With a grid of :math:`2^{-g}` and :math:`(n + 1) 2^g \le 2^{53}`, every
    partial sum of :math:`n` grid values in [0, 1] is exact, whatever order
    NumPy adds them in.
    """
    g = 53 - math.ceil(math.log2(n + 1))
    return 1.5 * 2.0 ** (52 - g)


def _exp_shifted(
    y: FloatArray,
    m: FloatArray,
    out: FloatArray,
    scratch: FloatArray,
    scratch2: FloatArray,
    *,
    compensate: bool,
    guard: bool = True,
) -> None:
    r"""Write :math:`e^{y - m}` into `out`, recovering the rounding of :math:`y - m`.

    With `compensate`, TwoSum gives the exact error :math:`\delta` of
    :math:`d = \mathrm{fl}(y - m)` and the result is :math:`e^{d}(1 + \delta)`
    (the error of :math:`e^{d+\delta} \approx e^d(1 + \delta)` is
    :math:`\delta^2/2`, far below an ulp). Infinite differences make
    :math:`\delta` NaN; with `guard` it is clamped to -1, harmless since
    :math:`e^{d}` is 0 or NaN there. Without `guard` such rows come out NaN
    and the caller recomputes them.
    """
    np.subtract(y, m, out=out)  # d (y is cast first when narrower than out)
    if compensate:
        np.add(out, m, out=scratch)  # a' = d + m
        np.subtract(out, scratch, out=scratch2)  # b' = d - a'
        np.subtract(y, scratch, out=scratch)  # y - a'
        np.add(scratch2, m, out=scratch2)  # b' + m = -((-m) - b')
        np.subtract(scratch, scratch2, out=scratch)  # delta
        if guard:
            np.fmax(scratch, -1.0, out=scratch)
    np.exp(out, out=out)
    if compensate:
        np.multiply(scratch, out, out=scratch)
        np.add(out, scratch, out=out)


def _row_sums(
    e: FloatArray, hi: FloatArray, lo: FloatArray, *, exact: bool
) -> FloatArray:
    """Sum the rows of `e` (values in [0, 1]), exact to one rounding."""
    if not exact:
        plain: FloatArray = e.sum(axis=1, keepdims=True)
        return plain
    shifter = _exact_grid(e.shape[1])
    np.add(e, shifter, out=hi)
    np.subtract(hi, shifter, out=hi)  # e on a coarse grid: exact sums
    np.subtract(e, hi, out=lo)  # tiny remainders, |lo| <= grid / 2
    total: FloatArray = hi.sum(axis=1, keepdims=True)
    total += lo.sum(axis=1, keepdims=True)
    return total


def _softmax_rows(
    y: FloatArray, r: FloatArray, work: _Workspace, compute: np.dtype[Any]
) -> None:
    """Softmax of each row of `y` (rows, n) into `r`, blocks of rows at a time."""
    rows, n = y.shape
    step = max(1, _BLOCK // n)
    exact = compute == np.float64 and y.dtype == np.float64
    for start in range(0, rows, step):
        block = y[start : start + step]
        count = block.shape[0]
        e, s1, s2 = work.take(count, n)
        m = block.max(axis=1, keepdims=True).astype(compute)
        _exp_shifted(block, m, e, s1, s2, compensate=exact, guard=False)
        total = _row_sums(e, s1, s2, exact=exact)
        if exact:
            _redo_non_finite_rows(block, m, e, total)
        np.divide(e, total, out=r[start : start + count])


def _redo_non_finite_rows(
    block: FloatArray, m: FloatArray, e: FloatArray, total: FloatArray
) -> None:
    """Recompute, guarded, the rows whose sum is not finite (infinite scores)."""
    bad = np.flatnonzero(~np.isfinite(total[:, 0]))
    if bad.size == 0:
        return
    rows = block[bad]
    redone = [np.empty(rows.shape, e.dtype) for _ in range(3)]
    _exp_shifted(rows, m[bad], *redone, compensate=True, guard=True)
    e[bad] = redone[0]
    total[bad] = _row_sums(*redone, exact=True)


def _softmax_long_row(
    y: FloatArray, r: FloatArray, work: _Workspace, compute: np.dtype[Any]
) -> None:
    """Softmax of one row longer than a block, in column chunks (3 passes)."""
    n = y.shape[0]
    exact = compute == np.float64 and y.dtype == np.float64
    keep = r.dtype == compute  # store e^(y - m) in r between passes
    m = np.asarray(y.max(), dtype=compute).reshape(1, 1)
    shifter = _exact_grid(n)
    hi_total = 0.0
    lo_total = 0.0
    for start in range(0, n, _BLOCK):
        chunk = y[start : start + _BLOCK].reshape(1, -1)
        e, s1, s2 = work.take(1, chunk.shape[1])
        _exp_shifted(chunk, m, e, s1, s2, compensate=exact)
        if keep:
            r[start : start + _BLOCK] = e[0]
        if exact:
            np.add(e, shifter, out=s1)
            np.subtract(s1, shifter, out=s1)
            np.subtract(e, s1, out=s2)
            hi_total += float(s1.sum())  # partial sums on the grid: exact
            lo_total += float(s2.sum())
        else:
            hi_total += float(e.sum())
    total = np.asarray(hi_total + lo_total, dtype=compute)
    for start in range(0, n, _BLOCK):
        target = r[start : start + _BLOCK]
        if keep:
            np.divide(target, total, out=target)
        else:
            chunk = y[start : start + _BLOCK].reshape(1, -1)
            e, s1, s2 = work.take(1, chunk.shape[1])
            _exp_shifted(chunk, m, e, s1, s2, compensate=exact)
            np.divide(e[0], total, out=target)


def _softmax_into(x: FloatArray, axis: int, result: FloatArray) -> FloatArray:
    """Compute softmax of `x` along `axis` into `result` (same shape/dtype)."""
    if x.size == 0:
        return result
    if x.ndim == 0:
        _softmax_into(x.reshape(1), 0, result.reshape(1))
        return result
    if result is not x and np.may_share_memory(result, x):
        np.copyto(result, _softmax_into(x, axis, np.empty_like(x)))
        return result
    compute = _compute_dtype(x.dtype)
    y = _as_matrix(x, axis)
    r = _writable_matrix(result, axis)
    target = np.empty(y.shape, x.dtype) if r is None else r
    rows, n = y.shape
    with np.errstate(all="ignore"):
        if n > _BLOCK:
            work = _Workspace(_BLOCK, compute)
            for i in range(rows):
                _softmax_long_row(y[i], target[i], work, compute)
        else:
            work = _Workspace(min(rows, max(1, _BLOCK // n)) * n, compute)
            _softmax_rows(y, target, work, compute)
    if r is None:
        moved = np.moveaxis(result, axis, -1)
        np.copyto(moved, target.reshape(moved.shape))
    return result


def softmax(
    z: npt.ArrayLike, /, axis: SupportsIndex = -1, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Softmax: exponentiate and normalise along `axis`.

    Computes, along `axis`:

    .. math::

        \operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{n} e^{z_j}}
                                    = \frac{e^{z_i - \max_k z_k}}
                                           {\sum_{j=1}^{n} e^{z_j - \max_k z_k}}

    Parameters
    ----------
    z : array_like
        Scores (logits): a real scalar, a nested list or an ndarray.
    axis : int, default -1
        The axis holding the :math:`n` classes. Use ``axis=0`` for the course's
        ``(n_y, m)`` matrices, whose columns are examples.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Non-negative values summing to 1 along `axis`, of the floating dtype
        of `z` (``bool`` and integers give ``float64``), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `axis` is not an integer, or `out` is not
        an ndarray.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    softmax_jacobian : The matrix of partial derivatives.
    softmax_jvp : Jacobian-vector products without forming the matrix.
    softmax_cross_entropy_gradient : :math:`\operatorname{softmax}(z) - y`.
    sigmoid : Softmax of :math:`(z, 0)`, first entry: the two-class case.
    scipy.special.softmax : The same function in SciPy.

    Notes
    -----
    Softmax is invariant under adding a constant to every :math:`z_i`;
    subtracting the maximum makes every exponent :math:`\le 0`, so nothing
    overflows, and the largest term is exactly 1, so the sum is at least 1.
    The relative error is below 3 ulp in ``float64`` and ``float32``: the
    rounding of :math:`z_i - \max z` is recovered and the sum is exact to one
    rounding; the plain ``np.exp(z - z.max()) / sum`` is off by up to about
    :math:`|z_i - \max z|/2` ulp from the rounded difference, plus the
    rounding of the sum.

    Special values, along `axis` (the same conventions as ``jax.nn.softmax``
    and ``scipy.special.softmax``):

    * :math:`-\infty` entries get probability exactly 0, as long as one entry
      of the slice is finite: this is how logits are masked.
    * A slice containing :math:`+\infty` is all NaN: the limit depends on how
      the entries grow, and :math:`\infty/\infty` is undefined.
    * A slice of only :math:`-\infty` is all NaN: :math:`0/0`.
    * A slice containing NaN is all NaN.
    * An empty slice gives an empty result; a 0-d input is treated as one
      class, so it gives 1 (NaN for the cases above).

    For two classes, :math:`\operatorname{softmax}(z_1, z_2)_1 =
    \sigma(z_1 - z_2)`.

    Examples
    --------
    >>> print(softmax([1.0, 2.0, 3.0]))
    [0.09003057 0.24472847 0.66524096]

    Large scores do not overflow, and only differences matter:

    >>> print(softmax([1000.0, 1001.0, 1002.0]))
    [0.09003057 0.24472847 0.66524096]

    Columns as examples, as in the course (``axis=0``):

    >>> print(softmax([[0.0, 5.0], [0.0, 5.0]], axis=0))
    [[0.5 0.5]
     [0.5 0.5]]

    Masking with :math:`-\infty`, and the NaN conventions:

    >>> print(softmax([[0.0, -np.inf], [-np.inf, -np.inf], [np.inf, 0.0]]))
    [[ 1.  0.]
     [nan nan]
     [nan nan]]
    """
    x = as_float_array(z, "softmax")
    ax = _axis_index(axis, x.ndim, "softmax")
    checked = check_out(out, x.shape, x.dtype, "softmax")
    result = np.empty_like(x) if checked is None else checked
    return _softmax_into(x, ax, result)


def _pair(
    z: npt.ArrayLike, v: npt.ArrayLike, axis: object, func: str, name: str
) -> tuple[FloatArray, FloatArray, int]:
    """Validate a ``(z, v)`` pair: floats of one dtype and one shape."""
    x = as_float_array(z, func)
    w = as_float_array(v, func)
    ax = _axis_index(axis, x.ndim, func)
    dtype = np.result_type(x.dtype, w.dtype)
    if w.shape != x.shape:
        try:
            w = np.broadcast_to(w, x.shape)
        except ValueError:
            raise ValueError(
                f"{func}() {name} has shape {w.shape}, which does not broadcast "
                f"to the shape of z, {x.shape}"
            ) from None
    return x.astype(dtype, copy=False), w.astype(dtype, copy=False), ax


def softmax_jacobian(
    z: npt.ArrayLike, /, axis: SupportsIndex = -1, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Jacobian matrix of softmax along `axis`, one matrix per slice.

    Computes, for :math:`s = \operatorname{softmax}(z)`:

    .. math::

        J_{ij} = \frac{\partial s_i}{\partial z_j} = s_i(\delta_{ij} - s_j),
        \qquad J = \operatorname{diag}(s) - s s^{\mathsf T}

    Parameters
    ----------
    z : array_like
        Scores, with the :math:`n` classes along `axis`.
    axis : int, default -1
        The axis holding the classes.
    out : numpy.ndarray, optional
        Array of shape ``(..., n, n)`` and the result's dtype to write into.

    Returns
    -------
    numpy.ndarray
        Shape ``(..., n, n)``: the other axes of `z` in their order, then
        :math:`i` and :math:`j`. A 0-d `z` counts as one class: shape
        ``(1, 1)``.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `axis` is not an integer, or `out` is not
        an ndarray.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    softmax_jvp : :math:`J v` in :math:`O(n)` memory and time instead of
        :math:`O(n^2)`.
    softmax : The function itself.

    Notes
    -----
    :math:`J` is symmetric, each row and column sums to 0 (adding a constant
    to :math:`z` changes nothing), and it is singular. The diagonal
    :math:`s_i(1 - s_i)` is computed in that form, not as :math:`s_i - s_i^2`.
    Prefer :func:`softmax_jvp` in code: forming :math:`J` costs
    :math:`n^2` memory per slice.

    Examples
    --------
    >>> print(softmax_jacobian([0.0, 0.0]))
    [[ 0.25 -0.25]
     [-0.25  0.25]]
    >>> softmax_jacobian(np.zeros((5, 3))).shape
    (5, 3, 3)
    """
    x = as_float_array(z, "softmax_jacobian")
    ax = _axis_index(axis, x.ndim, "softmax_jacobian")
    vector = x.reshape(1) if x.ndim == 0 else x
    moved = np.moveaxis(vector, ax, -1)
    n = moved.shape[-1]
    shape = (*moved.shape, n)
    checked = check_out(out, shape, x.dtype, "softmax_jacobian")
    s = softmax(moved, axis=-1)
    result = np.empty(shape, x.dtype) if checked is None else checked
    with np.errstate(all="ignore"):
        np.multiply(s[..., :, None], s[..., None, :], out=result)
        np.negative(result, out=result)
        diagonal = np.einsum("...ii->...i", result)
        np.multiply(s, 1.0 - s, out=diagonal)
    return result


def softmax_jvp(
    z: npt.ArrayLike,
    v: npt.ArrayLike,
    /,
    axis: SupportsIndex = -1,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Jacobian-vector product of softmax, without forming the Jacobian.

    Computes, along `axis`, for :math:`s = \operatorname{softmax}(z)`:

    .. math::

        (J v)_i = \sum_j s_i(\delta_{ij} - s_j) v_j
                = s_i \Bigl(v_i - \sum_j s_j v_j\Bigr)

    Parameters
    ----------
    z : array_like
        Scores, with the classes along `axis`.
    v : array_like
        The vector(s) to multiply, of the shape of `z` (or broadcastable to
        it). Since :math:`J` is symmetric this is also the vector-Jacobian
        product :math:`v^{\mathsf T} J` used in back-propagation.
    axis : int, default -1
        The axis holding the classes.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype.

    Returns
    -------
    numpy.ndarray
        :math:`J v`, of the shape of `z` and the promoted floating dtype of
        `z` and `v`.

    Raises
    ------
    TypeError
        If `z` or `v` is not real-valued, `axis` is not an integer, or `out`
        is not an ndarray.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `v` does not broadcast to the shape of `z`, or `out` has the wrong
        shape or dtype, or is read-only.

    See Also
    --------
    softmax_jacobian : The full matrix :math:`J`.
    softmax_cross_entropy_gradient : The product that back-propagation
        through softmax and cross-entropy reduces to.

    Notes
    -----
    :math:`O(n)` time and memory per slice instead of the :math:`O(n^2)` of
    ``softmax_jacobian(z) @ v``. The result sums to 0 along `axis`.

    Examples
    --------
    >>> z = np.array([1.0, 2.0, 3.0])
    >>> v = np.array([1.0, 0.0, 0.0])
    >>> print(softmax_jvp(z, v))
    [ 0.08192507 -0.02203304 -0.05989202]
    >>> print(softmax_jacobian(z) @ v)
    [ 0.08192507 -0.02203304 -0.05989202]
    """
    x, w, ax = _pair(z, v, axis, "softmax_jvp", "v")
    checked = check_out(out, x.shape, x.dtype, "softmax_jvp")
    compute = _compute_dtype(x.dtype)
    s = softmax(x, axis=ax).astype(compute, copy=False)
    wc = w.astype(compute, copy=False)
    with np.errstate(all="ignore"):
        inner = np.sum(s * wc, axis=ax if x.ndim else None, keepdims=True)
        value = s * (wc - inner)
    result = np.empty_like(x) if checked is None else checked
    np.copyto(result, value, casting="same_kind")
    return result


def softmax_cross_entropy_gradient(
    z: npt.ArrayLike,
    y: npt.ArrayLike,
    /,
    axis: SupportsIndex = -1,
    *,
    out: FloatArray | None = None,
) -> FloatArray:
    r"""Gradient of the cross-entropy loss of softmax with respect to the scores.

    Computes, along `axis`:

    .. math::

        \frac{\partial L}{\partial z} = \operatorname{softmax}(z) - y,
        \qquad L(z) = -\sum_{i=1}^{n} y_i \log \operatorname{softmax}(z)_i

    Parameters
    ----------
    z : array_like
        Scores (logits), with the classes along `axis`.
    y : array_like
        Targets of the shape of `z` (or broadcastable to it): one-hot vectors
        or probability vectors, each summing to 1 along `axis`.
    axis : int, default -1
        The axis holding the classes (``axis=0`` for the course's
        ``(n_y, m)`` matrices).
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype.

    Returns
    -------
    numpy.ndarray
        :math:`\operatorname{softmax}(z) - y`, of the shape of `z` and the
        promoted floating dtype of `z` and `y`: the gradient for each example,
        not averaged over examples.

    Raises
    ------
    TypeError
        If `z` or `y` is not real-valued, `axis` is not an integer, or `out`
        is not an ndarray.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `y` does not broadcast to the shape of `z`, or `out` has the wrong
        shape or dtype, or is read-only.

    See Also
    --------
    softmax : The output activation.
    softmax_jvp : The general chain rule through softmax.

    Notes
    -----
    The chain rule gives :math:`J^{\mathsf T}(-y/s) = s \sum_i y_i - y`, which
    is :math:`s - y` when :math:`\sum_i y_i = 1`: the Jacobian never has to be
    formed. This is the :math:`dZ^{[L]} = A^{[L]} - Y` of the course's
    back-propagation, the same expression as for a sigmoid output with binary
    cross-entropy and an identity output with squared error. If the targets
    do not sum to 1, the returned :math:`s - y` is not the gradient of
    :math:`L` (that is :math:`s \sum_i y_i - y`).

    Examples
    --------
    >>> print(softmax_cross_entropy_gradient([1.0, 2.0, 3.0], [0.0, 0.0, 1.0]))
    [ 0.09003057  0.24472847 -0.33475904]

    Columns as examples (``axis=0``): each column sums to 0.

    >>> Z = np.array([[2.0, 0.0], [0.0, 2.0]])
    >>> Y = np.array([[1.0, 1.0], [0.0, 0.0]])
    >>> print(softmax_cross_entropy_gradient(Z, Y, axis=0))
    [[-0.11920292 -0.88079708]
     [ 0.11920292  0.88079708]]
    """
    func = "softmax_cross_entropy_gradient"
    x, t, ax = _pair(z, y, axis, func, "y")
    checked = check_out(out, x.shape, x.dtype, func)
    result = np.empty_like(x) if checked is None else checked
    if checked is not None and np.may_share_memory(result, t):
        t = t.copy()
    softmax(x, axis=ax, out=result)
    with np.errstate(all="ignore"):
        np.subtract(result, t, out=result)
    return result


# --------------------------------------------------------------------------
# log_softmax and logsumexp


def _log_softmax_rows(
    y: FloatArray,
    compute: np.dtype[Any],
    log_probabilities: FloatArray | None,
    log_sums: FloatArray | None,
) -> None:
    r"""Write :math:`z_i - \operatorname{lse}(z)` and/or :math:`\operatorname{lse}(z)`.

    `y` is ``(rows, n)`` with ``n >= 1``; `log_probabilities` is ``(rows, n)``
    and `log_sums` ``(rows, 1)``, either may be None, and either may have a
    narrower dtype than `compute` (each block is rounded into it). A row of
    `log_probabilities` is written after its row of `y` is read, so the two
    may be the same memory. With :math:`m = \max z`,
    :math:`d_i = z_i - m` (its rounding error :math:`\delta_i` recovered by
    TwoSum in ``float64``) and :math:`T = \sum_{i \ne \arg\max} e^{d_i}`
    (summed exactly to one rounding), :math:`\operatorname{lse} = m +
    \operatorname{log1p}(T)` and :math:`\log s_i = (d_i - \operatorname{log1p}
    T) + \delta_i`: a difference of two non-positive numbers, so nothing
    cancels.
    """
    rows, n = y.shape
    exact = compute == np.float64 and y.dtype == np.float64
    step = max(1, _BLOCK // n)
    buffers = [np.empty(min(rows, step) * n, compute) for _ in range(5)]
    for start in range(0, rows, step):
        block = y[start : start + step]
        count = block.shape[0]
        d, delta, e, s2, s3 = (b[: count * n].reshape(count, n) for b in buffers)
        top = np.argmax(block, axis=1)  # the first NaN if any, as max
        here = np.arange(count)
        m = block[here, top].astype(compute).reshape(count, 1)
        np.subtract(block, m, out=d)
        if exact:
            np.add(d, m, out=e)  # TwoSum of d = fl(y - m), as in _exp_shifted
            np.subtract(d, e, out=s2)
            np.subtract(block, e, out=delta)
            np.add(s2, m, out=s2)
            np.subtract(delta, s2, out=delta)
            np.fmax(delta, -1.0, out=delta)  # NaN (infinite entries) -> -1
            np.exp(d, out=e)
            np.multiply(delta, e, out=s2)
            np.add(e, s2, out=e)  # e^d (1 + delta)
        else:
            np.exp(d, out=e)
        e[here, top] = 0.0  # the max term, e^0 = 1
        total = _row_sums(e, s2, s3, exact=exact)
        log_total = np.log1p(total)
        if log_sums is not None:
            lse = m + log_total
            infinite = np.isinf(m)  # all -inf: -inf; any +inf: +inf
            lse[infinite] = m[infinite]
            log_sums[start : start + count] = lse
        if log_probabilities is not None:
            target = log_probabilities[start : start + count]
            if exact:
                np.subtract(d, log_total, out=d)
                np.add(d, delta, out=target)
            else:
                np.subtract(d, log_total, out=target)
            target[m[:, 0] == np.inf] = np.nan  # inf - inf: undefined, as softmax


def _log_softmax_into(
    x: FloatArray,
    axis: int,
    log_probabilities: FloatArray | None,
    log_sums: FloatArray | None,
) -> None:
    """Fill `log_probabilities` (shape of `x`) and/or `log_sums` (axis removed)."""
    vector = x.reshape(1) if x.ndim == 0 else x
    if vector.size == 0:
        if log_sums is not None and vector.shape[axis] == 0:
            log_sums[...] = -np.inf  # the log of an empty sum
        return
    y = _as_matrix(vector, axis)
    rows = y.shape[0]
    compute = _compute_dtype(x.dtype)
    target: FloatArray | None = None
    matrix_out: FloatArray | None = None
    if log_probabilities is not None:
        target = log_probabilities.reshape(1) if x.ndim == 0 else log_probabilities
        if target is not vector and np.may_share_memory(target, vector):
            target = np.empty_like(vector)  # a shifted overlap: compute aside
        matrix_out = _writable_matrix(target, axis)
        if matrix_out is None:
            matrix_out = np.empty(y.shape, target.dtype)
    sums_out = None if log_sums is None else np.empty((rows, 1), compute)
    with np.errstate(all="ignore"):
        _log_softmax_rows(y, compute, matrix_out, sums_out)
        if log_probabilities is not None and target is not None:
            assert matrix_out is not None
            if not np.may_share_memory(matrix_out, target):
                moved = np.moveaxis(target, axis, -1)
                np.copyto(moved, matrix_out.reshape(moved.shape))
            final = log_probabilities.reshape(1) if x.ndim == 0 else log_probabilities
            if final is not target:
                np.copyto(final, target)
        if log_sums is not None and sums_out is not None:
            np.copyto(log_sums, sums_out.reshape(log_sums.shape), casting="same_kind")


def log_softmax(
    z: npt.ArrayLike, /, axis: SupportsIndex = -1, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Logarithm of softmax along `axis`, exact where softmax underflows.

    Computes, along `axis`:

    .. math::

        \log \operatorname{softmax}(z)_i = z_i - \log \sum_{j=1}^{n} e^{z_j}
            = z_i - \operatorname{logsumexp}(z)

    Parameters
    ----------
    z : array_like
        Scores (logits): a real scalar, a nested list or an ndarray.
    axis : int, default -1
        The axis holding the :math:`n` classes (``axis=0`` for the course's
        ``(n_y, m)`` matrices).
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape and dtype. It
        may be `z` itself.

    Returns
    -------
    numpy.ndarray
        Non-positive values, of the shape and floating dtype of `z` (``bool``
        and integers give ``float64``), or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `axis` is not an integer, or `out` is not
        an ndarray.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    softmax : :math:`e` to the power of this.
    logsumexp : The normaliser :math:`\log \sum_j e^{z_j}`.
    softmax_cross_entropy_gradient : The gradient of
        :math:`-\sum_i y_i \log \operatorname{softmax}(z)_i`.
    scipy.special.log_softmax : The same function in SciPy.

    Notes
    -----
    ``np.log(softmax(z))`` is :math:`-\infty` wherever the probability
    underflows, although its logarithm is an ordinary number: it is what the
    cross-entropy loss needs. With :math:`m = \max_k z_k`, this function
    computes

    .. math::

        \log \operatorname{softmax}(z)_i = (z_i - m)
            - \operatorname{log1p}\Bigl(\sum_{j \ne k^*} e^{z_j - m}\Bigr),
        \qquad k^* = \arg\max_k z_k,

    a difference of two non-positive numbers, so nothing cancels; the
    rounding of :math:`z_i - m` is recovered exactly and the sum is exact to
    one rounding, as in :func:`softmax`. The relative error is below 3 ulp
    in ``float64`` and ``float32``; ``float16``/``float32`` are computed in
    ``float64`` and rounded once. Special values follow :func:`softmax`:
    :math:`-\infty` entries give :math:`-\infty` (masked classes) as long as
    one entry is finite; a slice with :math:`+\infty` or NaN, or only
    :math:`-\infty`, is all NaN.

    Examples
    --------
    >>> print(log_softmax([1.0, 2.0, 3.0]))
    [-2.40760596 -1.40760596 -0.40760596]

    A dominated class keeps its log-probability; through softmax it is lost:

    >>> print(log_softmax([1000.0, 1.0]))
    [   0. -999.]
    >>> with np.errstate(divide="ignore"):
    ...     print(np.log(softmax([1000.0, 1.0])))
    [  0. -inf]
    """
    x = as_float_array(z, "log_softmax")
    ax = _axis_index(axis, x.ndim, "log_softmax")
    checked = check_out(out, x.shape, x.dtype, "log_softmax")
    result = np.empty_like(x) if checked is None else checked
    _log_softmax_into(x, ax, result, None)
    return result


def logsumexp(
    z: npt.ArrayLike, /, axis: SupportsIndex = -1, *, out: FloatArray | None = None
) -> FloatArray:
    r"""Logarithm of the sum of exponentials along `axis`, without overflow.

    Computes, along `axis`:

    .. math::

        \operatorname{logsumexp}(z) = \log \sum_{j=1}^{n} e^{z_j}
            = m + \log \sum_{j=1}^{n} e^{z_j - m}, \qquad m = \max_k z_k

    Parameters
    ----------
    z : array_like
        Values: a real scalar, a nested list or an ndarray.
    axis : int, default -1
        The axis to reduce.
    out : numpy.ndarray, optional
        Array to write the result into, of the result's shape (that of `z`
        without `axis`) and dtype.

    Returns
    -------
    numpy.ndarray
        The shape of `z` without `axis` (0-d for a 1-d or 0-d `z`), of the
        floating dtype of `z`, or `out`.

    Raises
    ------
    TypeError
        If `z` is not real-valued, `axis` is not an integer, or `out` is not
        an ndarray.
    numpy.exceptions.AxisError
        If `axis` is out of range.
    ValueError
        If `out` has the wrong shape or dtype, or is read-only.

    See Also
    --------
    log_softmax : :math:`z - \operatorname{logsumexp}(z)`.
    softmax : :math:`e^{z - \operatorname{logsumexp}(z)}`.
    scipy.special.logsumexp : The same function in SciPy (with weights).

    Notes
    -----
    A smooth maximum: :math:`\max z \le \operatorname{logsumexp}(z) \le \max z
    + \log n`, and :math:`\operatorname{logsumexp}(z + c) =
    \operatorname{logsumexp}(z) + c`. The sum of the shifted exponentials is
    :math:`1 + T` with :math:`T` the sum over the non-maximal entries,
    computed exactly to one rounding and passed to ``log1p``, so a tiny
    :math:`T` is kept. The result is :math:`m + \operatorname{log1p}(T)`:
    when :math:`m < 0` the two terms can cancel (the sum of the
    :math:`e^{z_j}` is near 1), and the error is then within 3 ulp of the
    larger term, as for any sum; otherwise it is below 3 ulp of the result.
    An empty slice gives :math:`-\infty` (the log of an empty sum), a slice
    of only :math:`-\infty` gives :math:`-\infty`, one with :math:`+\infty`
    gives :math:`+\infty`, and NaN gives NaN.

    Examples
    --------
    >>> print(logsumexp([[1.0, 2.0, 3.0], [1000.0, 1000.0, -np.inf]]))
    [   3.40760596 1000.69314718]
    >>> print(logsumexp([[0.0, 0.0], [-np.inf, 5.0]]))
    [0.69314718 5.        ]

    The naive formula overflows:

    >>> with np.errstate(over="ignore"):
    ...     print(np.log(np.sum(np.exp([1000.0, 1000.0]))))
    inf
    """
    x = as_float_array(z, "logsumexp")
    ax = _axis_index(axis, x.ndim, "logsumexp")
    shape = () if x.ndim == 0 else x.shape[:ax] + x.shape[ax + 1 :]
    checked = check_out(out, shape, x.dtype, "logsumexp")
    result = np.empty(shape, x.dtype) if checked is None else checked
    _log_softmax_into(x, ax, None, result)
    return result
