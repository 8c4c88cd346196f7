"""Seeded two-dimensional toy data sets for binary classification.

Every function returns ``(X, Y)`` in the course's column convention: ``X`` has
shape ``(2, m)`` (one example per column) and ``Y`` has shape ``(1, m)`` with
labels ``0.0`` or ``1.0``. The same arguments always give the same arrays:
randomness comes from :func:`numpy.random.default_rng` seeded with ``seed``.

Examples
--------
>>> from activation_functions import datasets
>>> X, Y = datasets.flower()
>>> X.shape, Y.shape, X.dtype
((2, 400), (1, 400), dtype('float64'))
>>> print(Y.mean())
0.5
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import NDArray

__all__ = ["circles", "flower", "moons", "xor"]

Dataset = tuple[NDArray[np.float64], NDArray[np.float64]]
Seed = int | np.random.Generator


def _check_m(function: str, m: object) -> int:
    """Return ``m`` if it is a positive integer, else raise."""
    if isinstance(m, bool) or not isinstance(m, numbers.Integral):
        msg = f"{function}() expected m to be an int, got {type(m).__name__}"
        raise TypeError(msg)
    if m < 1:
        msg = f"{function}() expected a positive number of examples m, got {m}"
        raise ValueError(msg)
    return int(m)


def _check_nonnegative(function: str, name: str, value: object) -> float:
    """Return ``value`` if it is a finite real number >= 0, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"{function}() expected {name} to be a real number, got {type(value).__name__}"
        raise TypeError(msg)
    number = float(value)
    if not (math.isfinite(number) and number >= 0.0):
        msg = f"{function}() expected a finite {name} >= 0, got {value}"
        raise ValueError(msg)
    return number


def _rng(function: str, seed: object) -> np.random.Generator:
    """Return a Generator for ``seed`` (an int or a Generator)."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        msg = (
            f"{function}() expected seed to be an int or a numpy Generator, "
            f"got {type(seed).__name__}"
        )
        raise TypeError(msg)
    return np.random.default_rng(int(seed))


def _class_sizes(m: int) -> tuple[int, int]:
    """Split ``m`` examples into two classes (the first gets the odd one)."""
    return m - m // 2, m // 2


def _labels(sizes: tuple[int, int]) -> NDArray[np.float64]:
    """Row vector of ``sizes[0]`` zeros followed by ``sizes[1]`` ones."""
    return np.concatenate([np.zeros(sizes[0]), np.ones(sizes[1])]).reshape(1, -1)


def flower(m: int = 400, *, noise: float = 0.2, seed: Seed = 1) -> Dataset:
    r"""Make the course's planar "flower": two classes on the petals of a rose curve.

    A reimplementation of ``load_planar_dataset`` from the course's Week 3
    programming assignment (``planar_utils.py``) with a NumPy ``Generator``
    instead of the global seed, so the points differ from the assignment's
    but the shape is the same. Class :math:`j \in \{0, 1\}` takes angles
    :math:`t` spread over :math:`[3.12\,j,\ 3.12\,(j+1)]` and

    .. math::

        r = 4 \sin 4t + \varepsilon_r, \qquad
        x = (r \sin t,\ r \cos t),

    with Gaussian jitter of standard deviation ``noise`` on both :math:`t`
    and :math:`r`. No straight line separates the classes: logistic
    regression scores about 47 % in the course, a small ``tanh`` network
    about 90 %.

    Parameters
    ----------
    m : int, default 400
        Number of examples (the first class gets the odd one out).
    noise : float, default 0.2
        Standard deviation of the jitter on angle and radius.
    seed : int or numpy.random.Generator, default 1
        Seed for :func:`numpy.random.default_rng`, or a Generator to draw from.

    Returns
    -------
    X : numpy.ndarray of float64, shape (2, m)
        Points, one per column.
    Y : numpy.ndarray of float64, shape (1, m)
        Labels, ``0.0`` for the first class then ``1.0``.

    Raises
    ------
    TypeError
        If ``m`` or ``seed`` is not an integer, or ``noise`` not a number.
    ValueError
        If ``m < 1`` or ``noise`` is negative or not finite.

    Examples
    --------
    >>> from activation_functions.datasets import flower
    >>> X, Y = flower(m=6, seed=0)
    >>> X.shape, Y
    ((2, 6), array([[0., 0., 0., 1., 1., 1.]]))
    >>> bool(abs(X).max() < 5.0)
    True
    """
    m = _check_m("flower", m)
    noise = _check_nonnegative("flower", "noise", noise)
    rng = _rng("flower", seed)
    sizes = _class_sizes(m)
    petal_length = 4.0  # the assignment's "maximum ray of the flower"
    columns = []
    for j, n in enumerate(sizes):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + noise * rng.standard_normal(n)
        r = petal_length * np.sin(4.0 * t) + noise * rng.standard_normal(n)
        columns.append(np.stack([r * np.sin(t), r * np.cos(t)]))
    return np.concatenate(columns, axis=1), _labels(sizes)


def xor(m: int = 400, *, noise: float = 0.1, seed: Seed = 0) -> Dataset:
    r"""Draw points in :math:`[-1, 1]^2`, labelled by the XOR of their signs.

    .. math::

        y = \begin{cases} 1 & x_1 x_2 < 0 \\ 0 & \text{otherwise} \end{cases}

    The label is decided before Gaussian noise of standard deviation ``noise``
    moves the points, so a few points near the axes land on the wrong side.
    No single line separates the classes: the classic case for a hidden layer.

    Parameters
    ----------
    m : int, default 400
        Number of examples.
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate.
    seed : int or numpy.random.Generator, default 0
        Seed for :func:`numpy.random.default_rng`, or a Generator to draw from.

    Returns
    -------
    X : numpy.ndarray of float64, shape (2, m)
        Points, one per column.
    Y : numpy.ndarray of float64, shape (1, m)
        Labels ``0.0`` or ``1.0`` (in random order).

    Raises
    ------
    TypeError
        If ``m`` or ``seed`` is not an integer, or ``noise`` not a number.
    ValueError
        If ``m < 1`` or ``noise`` is negative or not finite.

    Examples
    --------
    >>> from activation_functions.datasets import xor
    >>> X, Y = xor(m=200, noise=0.0)
    >>> print(Y[0, :8])
    [1. 0. 1. 0. 0. 0. 0. 1.]
    >>> bool(((X[0] * X[1] < 0) == (Y[0] == 1.0)).all())
    True
    """
    m = _check_m("xor", m)
    noise = _check_nonnegative("xor", "noise", noise)
    rng = _rng("xor", seed)
    X = rng.uniform(-1.0, 1.0, size=(2, m))
    Y = (X[0] * X[1] < 0).astype(np.float64).reshape(1, m)
    return X + noise * rng.standard_normal((2, m)), Y


def circles(
    m: int = 400, *, noise: float = 0.1, factor: float = 0.5, seed: Seed = 0
) -> Dataset:
    r"""Make a small circle inside a large one (as scikit-learn's ``make_circles``).

    Class 0 lies on the unit circle, class 1 on the circle of radius
    ``factor``, both at evenly spaced angles, then Gaussian noise of standard
    deviation ``noise`` is added to every coordinate.

    Parameters
    ----------
    m : int, default 400
        Number of examples (the outer circle gets the odd one out).
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate.
    factor : float, default 0.5
        Radius of the inner circle, strictly between 0 and 1.
    seed : int or numpy.random.Generator, default 0
        Seed for :func:`numpy.random.default_rng`, or a Generator to draw from.

    Returns
    -------
    X : numpy.ndarray of float64, shape (2, m)
        Points, one per column.
    Y : numpy.ndarray of float64, shape (1, m)
        Labels, ``0.0`` (outer) then ``1.0`` (inner).

    Raises
    ------
    TypeError
        If ``m`` or ``seed`` is not an integer, or ``noise`` or ``factor``
        not a number.
    ValueError
        If ``m < 1``, ``noise`` is negative or ``factor`` is not in (0, 1).

    Examples
    --------
    >>> import numpy as np
    >>> from activation_functions.datasets import circles
    >>> X, Y = circles(m=8, noise=0.0)
    >>> print(np.hypot(X[0], X[1]))
    [1.  1.  1.  1.  0.5 0.5 0.5 0.5]
    """
    m = _check_m("circles", m)
    noise = _check_nonnegative("circles", "noise", noise)
    factor = _check_nonnegative("circles", "factor", factor)
    if not 0.0 < factor < 1.0:
        msg = f"circles() expected 0 < factor < 1, got {factor}"
        raise ValueError(msg)
    rng = _rng("circles", seed)
    sizes = _class_sizes(m)
    columns = []
    for radius, n in zip((1.0, factor), sizes, strict=True):
        angle = np.linspace(0.0, 2.0 * np.pi, n, endpoint=False)
        columns.append(radius * np.stack([np.cos(angle), np.sin(angle)]))
    X = np.concatenate(columns, axis=1)
    return X + noise * rng.standard_normal(X.shape), _labels(sizes)


def moons(m: int = 400, *, noise: float = 0.1, seed: Seed = 0) -> Dataset:
    r"""Make two interleaving half circles (as scikit-learn's ``make_moons``).

    Class 0 is the upper half of the unit circle, class 1 the lower half
    shifted to :math:`(1, \tfrac12)`:

    .. math::

        (\cos t,\ \sin t) \quad\text{and}\quad (1 - \cos t,\ \tfrac12 - \sin t),
        \qquad t \in [0, \pi],

    then Gaussian noise of standard deviation ``noise`` is added.

    Parameters
    ----------
    m : int, default 400
        Number of examples (the first moon gets the odd one out).
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate.
    seed : int or numpy.random.Generator, default 0
        Seed for :func:`numpy.random.default_rng`, or a Generator to draw from.

    Returns
    -------
    X : numpy.ndarray of float64, shape (2, m)
        Points, one per column.
    Y : numpy.ndarray of float64, shape (1, m)
        Labels, ``0.0`` (upper moon) then ``1.0`` (lower moon).

    Raises
    ------
    TypeError
        If ``m`` or ``seed`` is not an integer, or ``noise`` not a number.
    ValueError
        If ``m < 1`` or ``noise`` is negative or not finite.

    Examples
    --------
    >>> from activation_functions.datasets import moons
    >>> X, Y = moons(m=4, noise=0.0)
    >>> print(X.round(3))
    [[ 1.  -1.   0.   2. ]
     [ 0.   0.   0.5  0.5]]
    """
    m = _check_m("moons", m)
    noise = _check_nonnegative("moons", "noise", noise)
    rng = _rng("moons", seed)
    sizes = _class_sizes(m)
    upper = np.linspace(0.0, np.pi, sizes[0])
    lower = np.linspace(0.0, np.pi, sizes[1])
    X = np.concatenate(
        [
            np.stack([np.cos(upper), np.sin(upper)]),
            np.stack([1.0 - np.cos(lower), 0.5 - np.sin(lower)]),
        ],
        axis=1,
    )
    return X + noise * rng.standard_normal(X.shape), _labels(sizes)
