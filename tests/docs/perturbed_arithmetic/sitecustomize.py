"""Imitate another CPU: move every result of NumPy's transcendental functions by an ulp.

Python imports ``sitecustomize`` at start-up from ``sys.path``; putting this
folder first on ``PYTHONPATH`` makes every Python process of a build (Sphinx
and the notebook kernels it starts) run with the change. It applies only when
``PERTURBED_ARITHMETIC`` names a mode:

``up`` / ``down``
    every finite, non-zero float result moves one ulp towards +inf / -inf;
``random:<seed>``
    each element moves one ulp up, one ulp down or stays, at random (seeded).

The functions are those whose last bit really differs between machines
(SIMD kernels, libm versions): ``exp``, ``expm1``, ``log``, ``log1p``,
``tanh``, ``sin`` and ``cos``. A result never leaves the range the function
has (``tanh`` stays within [-1, 1]), and one that is exactly an end of that
range (``tanh(20) == 1``) stays, as every implementation returns it. A demo whose conclusion survives this
survives a change of CPU, BLAS kernel or NumPy version in those functions;
one whose conclusion flips was a coin toss. Environment variables such as
``NPY_DISABLE_CPU_FEATURES`` do not reproduce another CPU's results (see
the field notes); perturbing the results does.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Any

MODE = os.environ.get("PERTURBED_ARITHMETIC", "")
FUNCTIONS = ("exp", "expm1", "log", "log1p", "tanh", "sin", "cos")
#: Bounds that a correctly rounded result never leaves: a nudge stays inside.
BOUNDS: dict[str, tuple[float | None, float | None]] = {
    "tanh": (-1.0, 1.0),
    "sin": (-1.0, 1.0),
    "cos": (-1.0, 1.0),
    "exp": (0.0, None),
}

if MODE:
    import numpy as np

    if MODE in {"up", "down"}:
        _TOWARDS = np.inf if MODE == "up" else -np.inf

        def _direction(shape: tuple[int, ...]) -> Any:
            return np.full(shape, _TOWARDS)

    elif MODE.startswith("random:"):
        _RNG = np.random.default_rng(int(MODE.split(":", 1)[1]))
        _STEPS = np.array([-np.inf, 0.0, np.inf])

        def _direction(shape: tuple[int, ...]) -> Any:
            return _STEPS[_RNG.integers(0, 3, size=shape)]

    else:
        _MESSAGE = (
            f"PERTURBED_ARITHMETIC must be up, down or random:<seed>, got {MODE!r}"
        )
        raise ValueError(_MESSAGE)

    def _nudge(result: Any, bounds: tuple[float | None, float | None]) -> Any:
        """Move the float elements of ``result`` by one ulp, in place for arrays."""
        array = np.asarray(result)
        if array.dtype.kind != "f" or array.size == 0:
            return result
        target = _direction(array.shape)
        movable = np.isfinite(array) & (array != 0) & (target != 0)
        for bound in bounds:
            # A result that is exactly a bound (tanh(20) = 1) is what every
            # implementation returns once the function has saturated.
            if bound is not None:
                movable &= array != bound
        moved = np.where(
            movable,
            np.nextafter(array, np.where(movable, target, array).astype(array.dtype)),
            array,
        ).astype(array.dtype)
        if bounds != (None, None):
            moved = np.clip(moved, *bounds).astype(array.dtype)
        if isinstance(result, np.ndarray) and result.ndim > 0:
            result[...] = moved  # keeps ``out=`` arrays and views what they were
            return result
        return array.dtype.type(moved)

    def _perturbed(name: str) -> Callable[..., Any]:
        original = getattr(np, name)
        bounds = BOUNDS.get(name, (None, None))

        @functools.wraps(original)
        def perturbed(*args: Any, **kwargs: Any) -> Any:
            return _nudge(original(*args, **kwargs), bounds)

        return perturbed

    for _name in FUNCTIONS:
        setattr(np, _name, _perturbed(_name))
