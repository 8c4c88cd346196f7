"""Input coercion and ``out=`` checks shared by every public function.

Each public function turns its argument into a floating-point array with
:func:`as_float_array` and checks its ``out=`` argument with :func:`check_out`
*before* it writes anything, so an error never leaves ``out`` half-written.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "FloatArray",
    "as_float_array",
    "check_out",
    "describe",
    "real_scalar",
    "scalar_in_dtype",
]

FloatArray = npt.NDArray[np.floating[Any]]
"""An ndarray of any floating dtype (``float16``, ``float32``, ``float64``...)."""

_ACCEPTED = "a real number or an array_like of real numbers"


def describe(value: object) -> str:
    """Name the type of `value` for an error message.

    Parameters
    ----------
    value : object
        Whatever the caller passed.

    Returns
    -------
    str
        ``"str"``, ``"NoneType"``, ``"numpy.ndarray of dtype complex128"``...

    Examples
    --------
    >>> describe("abc")
    'str'
    >>> describe(np.zeros(2, dtype=complex))
    'numpy.ndarray of dtype complex128'
    """
    if isinstance(value, np.ndarray):
        return f"numpy.ndarray of dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"numpy.{type(value).__name__}"
    return type(value).__qualname__


def as_float_array(value: object, func: str) -> FloatArray:
    """Convert `value` to an ndarray of a floating dtype.

    Floating arrays are returned as they are (no copy, dtype kept); Python
    ``bool``/``int`` values and boolean or integer arrays become ``float64``.

    Parameters
    ----------
    value : array_like
        A Python or NumPy real scalar, a (nested) list of them, or an ndarray.
    func : str
        The public function's name, used in error messages.

    Returns
    -------
    numpy.ndarray
        An array of dtype ``float16``, ``float32``, ``float64`` (or
        ``longdouble``) with the shape of `value`; 0-d for a scalar.

    Raises
    ------
    TypeError
        If `value` is a ``str``, ``bytes``, ``None``, a complex number, a ragged
        nested sequence, or converts to an array of a non-real dtype (object,
        string, complex, ``datetime64``, ``timedelta64``...). The message names
        `func` and the type received.

    Examples
    --------
    >>> as_float_array([1, 2], "sigmoid").dtype
    dtype('float64')
    >>> as_float_array(np.ones(2, dtype=np.float32), "sigmoid").dtype
    dtype('float32')
    >>> as_float_array("1.0", "sigmoid")
    Traceback (most recent call last):
        ...
    TypeError: sigmoid() expected a real number or an array_like of real numbers, got str
    """
    if value is None or isinstance(value, str | bytes | bytearray | memoryview):
        raise TypeError(f"{func}() expected {_ACCEPTED}, got {describe(value)}")
    if isinstance(value, np.ndarray):
        array = np.asarray(value)  # itself, or a plain view of a subclass
    else:
        try:
            array = np.asarray(value)
        except (TypeError, ValueError) as error:
            raise TypeError(
                f"{func}() expected {_ACCEPTED}, got {describe(value)} "
                "that NumPy cannot convert to a rectangular numeric array"
            ) from error
    kind = array.dtype.kind
    if kind == "f":
        return array
    if kind in "biu":
        return array.astype(np.float64)
    got = describe(value)
    if not isinstance(value, np.ndarray | np.generic):
        got = f"{got} (converted to dtype {array.dtype})"
    raise TypeError(f"{func}() expected {_ACCEPTED}, got {got}")


def check_out(
    out: object,
    shape: tuple[int, ...],
    dtype: np.dtype[Any],
    func: str,
) -> FloatArray | None:
    """Check an ``out=`` argument before anything is written to it.

    Parameters
    ----------
    out : numpy.ndarray or None
        The caller's ``out=`` argument.
    shape : tuple of int
        The shape the result will have.
    dtype : numpy.dtype
        The dtype the result will have.
    func : str
        The public function's name, used in error messages.

    Returns
    -------
    numpy.ndarray or None
        `out` itself, or ``None`` when no ``out=`` was given.

    Raises
    ------
    TypeError
        If `out` is neither ``None`` nor an ndarray.
    ValueError
        If `out` has another shape or dtype than the result, or is read-only.

    Examples
    --------
    >>> check_out(np.empty(3), (3,), np.dtype(np.float64), "relu").shape
    (3,)
    >>> check_out(np.empty(3, dtype=np.float32), (3,), np.dtype(np.float64), "relu")
    Traceback (most recent call last):
        ...
    ValueError: relu() out= has dtype float32, but the result has dtype float64
    """
    if out is None:
        return None
    if not isinstance(out, np.ndarray):
        raise TypeError(f"{func}() out= must be a numpy.ndarray, got {describe(out)}")
    if out.shape != shape:
        raise ValueError(
            f"{func}() out= has shape {out.shape}, but the result has shape {shape}"
        )
    if out.dtype != dtype:
        raise ValueError(
            f"{func}() out= has dtype {out.dtype}, but the result has dtype {dtype}"
        )
    if not out.flags.writeable:
        raise ValueError(f"{func}() out= is read-only")
    return out


def real_scalar(value: object, name: str, func: str) -> float:
    """Check a real, finite scalar parameter such as ``negative_slope``.

    Parameters
    ----------
    value : object
        The caller's argument.
    name : str
        The parameter's name, used in error messages.
    func : str
        The public function's name, used in error messages.

    Returns
    -------
    float
        `value` as a Python float.

    Raises
    ------
    TypeError
        If `value` is not a real number (``bool`` is refused too).
    ValueError
        If `value` is NaN or infinite.

    Examples
    --------
    >>> real_scalar(0.2, "negative_slope", "leaky_relu")
    0.2
    >>> real_scalar(float("nan"), "negative_slope", "leaky_relu")
    Traceback (most recent call last):
        ...
    ValueError: leaky_relu() negative_slope must be finite, got nan
    """
    if isinstance(value, bool | np.bool_) or not isinstance(
        value, int | float | np.integer | np.floating
    ):
        raise TypeError(f"{func}() {name} must be a real number, got {describe(value)}")
    result = float(value)
    if not np.isfinite(result):
        raise ValueError(f"{func}() {name} must be finite, got {result}")
    return result


def scalar_in_dtype(value: float, dtype: np.dtype[Any], name: str, func: str) -> float:
    """Round a finite parameter such as ``negative_slope`` to the result's dtype.

    A parameter multiplies the input in the input's own dtype, so it must be
    a number of that dtype: one that would become infinite (``1e6`` in
    ``float16``) or, unless it is 0, underflow to 0 (``1e-10`` in ``float16``)
    is refused, since the function it describes cannot be computed there.

    Parameters
    ----------
    value : float
        The parameter, already checked by :func:`real_scalar`.
    dtype : numpy.dtype
        The dtype of the result.
    name : str
        The parameter's name, used in error messages.
    func : str
        The public function's name, used in error messages.

    Returns
    -------
    float
        `value` rounded to `dtype`.

    Raises
    ------
    ValueError
        If `value` overflows `dtype`, or is nonzero and rounds to 0 in it.

    Examples
    --------
    >>> scalar_in_dtype(0.01, np.dtype(np.float16), "negative_slope", "leaky_relu")
    0.01000213623046875
    >>> scalar_in_dtype(1e6, np.dtype(np.float16), "negative_slope", "leaky_relu")
    Traceback (most recent call last):
        ...
    ValueError: leaky_relu() negative_slope=1000000.0 overflows float16, whose largest value is 65504.0
    """
    with np.errstate(all="ignore"):
        rounded = np.asarray(value, dtype)
    info = np.finfo(dtype)
    if not np.isfinite(rounded):
        raise ValueError(
            f"{func}() {name}={value!r} overflows {dtype}, "
            f"whose largest value is {float(info.max)!r}"
        )
    if rounded == 0 and value != 0:
        raise ValueError(
            f"{func}() {name}={value!r} underflows to 0 in {dtype}, "
            f"whose smallest positive value is {float(info.smallest_subnormal)!r}"
        )
    return float(rounded)
