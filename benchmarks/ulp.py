r"""Errors in units in the last place (ulp) against a high-precision reference.

The one definition shared by ``benchmarks/bench_activations.py`` and the
accuracy tests (``tests/lib/test_accuracy.py``, which find this module through
pytest's ``pythonpath``). It is a measuring tool, not part of the installed
library, and needs mpmath.

The unit is the spacing of the tested dtype's numbers at the exact value: for
an exact value :math:`y` with :math:`2^e \le |y| < 2^{e+1}` it is
:math:`2^{e - p + 1}` (:math:`p` the dtype's precision in bits). Below the
smallest normal number the unit stays the smallest subnormal, so an underflow
to 0 where the exact value is a representable subnormal counts as a large
error. A non-finite result where the exact value is finite is an infinite
error, and so is a nonzero result where the exact value is 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import mpmath
import numpy as np

__all__ = ["ulp_errors"]


def ulp_errors(
    computed: np.ndarray[Any, Any],
    exact: Sequence[Any],
    dtype: type,
    *,
    magnitude: Sequence[Any] | None = None,
) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Distance of `computed` from `exact`, in ulp of the exact value in `dtype`.

    Parameters
    ----------
    computed : numpy.ndarray
        The values to judge (any shape; read in C order).
    exact : sequence of mpmath.mpf
        The exact values, one per element of `computed`.
    dtype : type
        The floating type whose ulp is the unit (``numpy.float64``...).
    magnitude : sequence of mpmath.mpf, optional
        Measure in ulp of ``max(|exact|, |magnitude|)`` instead: for a sum
        whose terms cancel (near a zero of the result), the error that
        rounding the terms must leave is an ulp of the larger term, not of the
        tiny sum.

    Returns
    -------
    numpy.ndarray of float64
        One error per element, in ulp.
    """
    info = np.finfo(dtype)
    digits = int(info.nmant) + 1
    min_exponent = int(info.minexp)
    sizes = [None] * len(exact) if magnitude is None else list(magnitude)
    errors = []
    values = computed.ravel().tolist()
    for value, reference, size in zip(values, exact, sizes, strict=True):
        scale = abs(reference) if size is None else max(abs(reference), abs(size))
        if scale == 0:
            errors.append(0.0 if value == 0 else np.inf)
            continue
        if not np.isfinite(value):
            errors.append(np.inf)
            continue
        _, exponent = mpmath.frexp(scale)  # scale = m 2^exponent, 1/2 <= m < 1
        unit = mpmath.ldexp(1, max(int(exponent) - 1, min_exponent) - digits + 1)
        errors.append(float(abs(mpmath.mpf(value) - reference) / unit))
    return np.array(errors, dtype=np.float64)
