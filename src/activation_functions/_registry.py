"""One record per activation function, and the course's output-layer table.

The site's tables and figures are generated from these records, never typed by
hand: a formula, a range or a derivative at zero is written once, here, and
tested against the functions themselves.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from activation_functions._activations import (
    identity,
    identity_derivative,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    sigmoid_derivative_from_output,
    tanh,
    tanh_derivative,
    tanh_derivative_from_output,
)
from activation_functions._modern import (
    elu,
    elu_derivative,
    gelu,
    gelu_derivative,
    silu,
    silu_derivative,
    softplus,
    softplus_derivative,
)

__all__ = [
    "ACTIVATIONS",
    "OUTPUT_LAYERS",
    "Activation",
    "OutputLayer",
    "get_activation",
    "output_activation",
]

#: An element-wise function of an array-like argument.
ArrayFunction = Callable[[ArrayLike], NDArray[np.floating[Any]]]
#: A z-interval; either end may be infinite.
Interval = tuple[float, float]
#: Which side of the real line saturates (where :math:`g'(z) \to 0`).
Saturation = Literal["both", "negative", "none"]

_INF = math.inf


def _check_threshold(threshold: float) -> float:
    """Return ``threshold`` as a float, or raise if it is not a real number."""
    if isinstance(threshold, bool) or not isinstance(
        threshold, int | float | np.integer | np.floating
    ):
        msg = (
            "saturating_region() expected a real threshold, "
            f"got {type(threshold).__name__}"
        )
        raise TypeError(msg)
    value = float(threshold)
    if math.isnan(value):
        msg = "saturating_region() expected a threshold that is not NaN"
        raise ValueError(msg)
    return value


def _constant_region(slope: float) -> Callable[[float], list[Interval]]:
    """Region solver for a derivative that is the constant ``slope``."""

    def region(threshold: float) -> list[Interval]:
        return [(-_INF, _INF)] if abs(slope) < threshold else []

    return region


def _piecewise_region(
    negative_slope: float,
) -> Callable[[float], list[Interval]]:
    """Region solver for g'(z) = 1 for z > 0 and ``negative_slope`` for z <= 0."""

    def region(threshold: float) -> list[Interval]:
        if threshold > 1.0:
            return [(-_INF, _INF)]
        if abs(negative_slope) < threshold:
            return [(-_INF, 0.0)]
        return []

    return region


def _sigmoid_region(threshold: float) -> list[Interval]:
    r"""Solve :math:`\sigma(z)(1 - \sigma(z)) < t` for :math:`z`.

    With :math:`s = \sigma(z)`, :math:`s(1 - s) = t` gives
    :math:`s = (1 - \sqrt{1 - 4t}) / 2` and :math:`z = \log(s / (1 - s))`;
    the region is :math:`|z| > z^*` with :math:`z^* = -\log(s / (1 - s))`.
    """
    if threshold <= 0.0:
        return []
    if threshold > 0.25:
        return [(-_INF, _INF)]
    root = math.sqrt(1.0 - 4.0 * threshold)
    # s = (1 - root) / 2 = 2t / (1 + root) (no cancellation for small t);
    # 1 - s = (1 + root) / 2.
    small = 2.0 * threshold / (1.0 + root)
    z_star = math.log((1.0 + root) / 2.0) - math.log(small)
    return [(-_INF, -z_star), (z_star, _INF)]


def _tanh_region(threshold: float) -> list[Interval]:
    r"""Solve :math:`1 - \tanh^2 z < t`: :math:`|z| > \operatorname{artanh}\sqrt{1-t}`."""
    if threshold <= 0.0:
        return []
    if threshold > 1.0:
        return [(-_INF, _INF)]
    # artanh(sqrt(1 - t)) = 1/2 log((1 + r) / (1 - r)), and (1 - r) = t / (1 + r)
    # avoids cancellation for small t.
    root = math.sqrt(1.0 - threshold)
    z_star = 0.5 * (math.log1p(root) - math.log(threshold / (1.0 + root)))
    return [(-_INF, -z_star), (z_star, _INF)]


def _logit_region(threshold: float) -> list[Interval]:
    r"""Solve :math:`\sigma(z) < t` (softplus'): :math:`z < \log\frac{t}{1 - t}`."""
    if threshold <= 0.0:
        return []
    if threshold > 1.0:
        return [(-_INF, _INF)]
    if threshold == 1.0:
        return [(-_INF, _INF)]  # sigma(z) < 1 for every z (it only tends to 1)
    return [(-_INF, math.log(threshold) - math.log1p(-threshold))]


def _exp_region(threshold: float) -> list[Interval]:
    r"""Solve ELU's :math:`g'(z) < t` (:math:`e^{z}`, then 1): :math:`z < \log t`."""
    if threshold <= 0.0:
        return []
    if threshold > 1.0:
        return [(-_INF, _INF)]
    return [(-_INF, math.log(threshold))]


def _derivative_value(derivative: ArrayFunction, z: float) -> float:
    """:math:`|g'(z)|` as a Python float."""
    return abs(float(derivative(z)))


def _bracket(
    derivative: ArrayFunction, finite: float, direction: float, threshold: float
) -> float:
    """Walk from `finite` towards an infinite end until |g'| is below `threshold`."""
    step = 1.0
    z = finite + direction * step
    while _derivative_value(derivative, z) >= threshold and abs(z) < 1e6:
        step *= 2.0
        z = finite + direction * step
    return z


def _bisect(derivative: ArrayFunction, lo: float, hi: float, threshold: float) -> float:
    """Where the monotone |g'| crosses `threshold` between `lo` and `hi` (finite)."""
    lo_below = _derivative_value(derivative, lo) < threshold
    while True:
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            return mid + 0.0  # -0.0 -> 0.0
        if (_derivative_value(derivative, mid) < threshold) == lo_below:
            lo = mid
        else:
            hi = mid


def _monotone_region(
    derivative: ArrayFunction, breaks: tuple[float, ...], limits: Interval
) -> Callable[[float], list[Interval]]:
    r"""Region solver for a smooth :math:`g'`, :math:`|g'|` monotone between `breaks`.

    `breaks` are the extrema and zeros of :math:`g'`; `limits` are :math:`|g'|` at :math:`-\infty` and :math:`+\infty`. On each
    monotone piece the part where :math:`|g'| < t` is a prefix or a suffix,
    whose end is found by bisection to the last bit; touching parts are
    merged.
    """

    def value(z: float) -> float:
        if math.isinf(z):
            return limits[0] if z < 0 else limits[1]
        return _derivative_value(derivative, z)

    def region(threshold: float) -> list[Interval]:
        parts: list[Interval] = []
        for lo, hi in itertools.pairwise((-_INF, *breaks, _INF)):
            lo_below, hi_below = value(lo) < threshold, value(hi) < threshold
            if not (lo_below or hi_below):
                continue
            if lo_below and hi_below:
                parts.append((lo, hi))
                continue
            a = _bracket(derivative, hi, -1.0, threshold) if math.isinf(lo) else lo
            b = _bracket(derivative, lo, 1.0, threshold) if math.isinf(hi) else hi
            end = _bisect(derivative, a, b, threshold)
            parts.append((lo, end) if lo_below else (end, hi))
        merged: list[Interval] = []
        for lo, hi in parts:
            if merged and merged[-1][1] == lo:
                merged[-1] = (merged[-1][0], hi)
            else:
                merged.append((lo, hi))
        return merged

    return region


# Extrema and zeros of the smooth derivatives (120-bit mpmath): SiLU' has its
# zero at -1.27846 and extrema at +-2.39936 (SiLU'(z) + SiLU'(-z) = 1); GELU'
# has its zero at -0.75179 and extrema at +-sqrt(2), where GELU'' =
# phi(z) (2 - z^2) vanishes.
_SILU_ZERO = -1.2784645427610737
_SILU_EXTREMUM = 2.3993572805154675
_GELU_ZERO = -0.7517915246935645
_GELU_EXTREMUM = math.sqrt(2.0)


@dataclass(frozen=True, slots=True)
class Activation:
    r"""Everything the course says about one activation function.

    Parameters
    ----------
    name : str
        Identifier used throughout the library, e.g. ``"leaky_relu"``.
    label : str
        Display name for titles and legends, e.g. ``"Leaky ReLU"``.
    function : callable
        The element-wise activation :math:`g`.
    derivative : callable
        :math:`g'` as a function of :math:`z`.
    derivative_from_output : callable or None
        :math:`g'` as a function of :math:`a = g(z)` (the notes' form), when
        the derivative can be written that way.
    output_range : tuple of float
        Infimum and supremum of :math:`g` (either may be infinite).
    range_latex : str
        The range as LaTeX, e.g. ``r"(0,\ 1)"``.
    formula_latex : str
        Right-hand side of :math:`g(z) = \dots` as LaTeX.
    derivative_latex : str
        Right-hand side of :math:`g'(z) = \dots` as LaTeX, in terms of
        :math:`z`.
    derivative_from_output_latex : str or None
        Right-hand side of :math:`g'(z) = \dots` in terms of :math:`a`.
    derivative_at_zero : float
        :math:`g'(0)`, with the library's convention at a kink.
    max_derivative : float
        :math:`\max_z |g'(z)|`.
    zero_centred : bool
        Whether outputs are centred on zero: :math:`g` is odd,
        :math:`g(-z) = -g(z)`, so inputs spread evenly around 0 give outputs
        that average about 0 (identity, tanh; not sigmoid, ReLU, Leaky ReLU).
    saturates : {"both", "negative", "none"}
        Where :math:`g'(z)` is zero or tends to zero: on both tails, for
        negative :math:`z` only, or nowhere.
    region_solver : callable
        Returns the intervals where :math:`|g'(z)| < t` for a threshold
        :math:`t`; use :meth:`saturating_region` instead.

    See Also
    --------
    get_activation : Look a record up by name.

    Examples
    --------
    >>> from activation_functions import get_activation
    >>> sig = get_activation("sigmoid")
    >>> sig.label, sig.range_latex, sig.max_derivative
    ('Sigmoid', '(0,\\ 1)', 0.25)
    >>> print(sig.function([0.0, 2.0]))
    [0.5        0.88079708]
    """

    name: str
    label: str
    function: ArrayFunction = field(repr=False)
    derivative: ArrayFunction = field(repr=False)
    derivative_from_output: ArrayFunction | None = field(repr=False)
    output_range: tuple[float, float]
    range_latex: str
    formula_latex: str
    derivative_latex: str
    derivative_from_output_latex: str | None
    derivative_at_zero: float
    max_derivative: float
    zero_centred: bool
    saturates: Saturation
    region_solver: Callable[[float], list[Interval]] = field(repr=False, compare=False)

    def saturating_region(self, threshold: float = 0.05) -> list[Interval]:
        r"""Return the :math:`z`-intervals where :math:`|g'(z)| < t`.

        Computed analytically where :math:`g'` can be inverted in closed form
        and otherwise by bisection on the pieces where :math:`|g'|` is
        monotone (SiLU, GELU): no sampling, and the ends are exact up to
        rounding.

        .. math::

            S_t = \{\, z \in \mathbb{R} : |g'(z)| < t \,\}

        Parameters
        ----------
        threshold : float, default 0.05
            The threshold :math:`t`. A threshold at or below
            :math:`\min_z |g'(z)|` gives no region; one above
            :math:`\max_z |g'(z)|` gives the whole line.

        Returns
        -------
        list of tuple of float
            Disjoint intervals ``(lo, hi)`` in increasing order; ends may be
            ``-inf`` or ``inf``. Whether an end point belongs to the region
            is not encoded (it never matters for shading a plot).

        Raises
        ------
        TypeError
            If ``threshold`` is not a real number.
        ValueError
            If ``threshold`` is NaN.

        Examples
        --------
        >>> from activation_functions import get_activation
        >>> [(round(lo, 3), round(hi, 3))
        ...  for lo, hi in get_activation("sigmoid").saturating_region(0.05)]
        [(-inf, -2.887), (2.887, inf)]
        >>> get_activation("relu").saturating_region(0.05)
        [(-inf, 0.0)]
        >>> get_activation("identity").saturating_region(0.05)
        []
        """
        return self.region_solver(_check_threshold(threshold))


_LEAKY_SLOPE = 0.01

_RECORDS = (
    Activation(
        name="identity",
        label="Identity",
        function=identity,
        derivative=identity_derivative,
        derivative_from_output=None,
        output_range=(-_INF, _INF),
        range_latex=r"(-\infty,\ \infty)",
        formula_latex="z",
        derivative_latex="1",
        derivative_from_output_latex=None,
        derivative_at_zero=1.0,
        max_derivative=1.0,
        zero_centred=True,
        saturates="none",
        region_solver=_constant_region(1.0),
    ),
    Activation(
        name="sigmoid",
        label="Sigmoid",
        function=sigmoid,
        derivative=sigmoid_derivative,
        derivative_from_output=sigmoid_derivative_from_output,
        output_range=(0.0, 1.0),
        range_latex=r"(0,\ 1)",
        formula_latex=r"\frac{1}{1 + e^{-z}}",
        derivative_latex=r"g(z)\,\bigl(1 - g(z)\bigr)",
        derivative_from_output_latex=r"a(1 - a)",
        derivative_at_zero=0.25,
        max_derivative=0.25,
        zero_centred=False,
        saturates="both",
        region_solver=_sigmoid_region,
    ),
    Activation(
        name="tanh",
        label="tanh",
        function=tanh,
        derivative=tanh_derivative,
        derivative_from_output=tanh_derivative_from_output,
        output_range=(-1.0, 1.0),
        range_latex=r"(-1,\ 1)",
        # The notes print a leading minus sign here; that is a typo.
        formula_latex=r"\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}",
        derivative_latex=r"1 - g(z)^2",
        derivative_from_output_latex=r"1 - a^2",
        derivative_at_zero=1.0,
        max_derivative=1.0,
        zero_centred=True,
        saturates="both",
        region_solver=_tanh_region,
    ),
    Activation(
        name="relu",
        label="ReLU",
        function=relu,
        derivative=relu_derivative,
        derivative_from_output=None,
        output_range=(0.0, _INF),
        range_latex=r"[0,\ \infty)",
        formula_latex=r"\max(0,\ z) = \begin{cases} z & z > 0 \\ 0 & z \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}",
        derivative_from_output_latex=None,
        derivative_at_zero=0.0,
        max_derivative=1.0,
        zero_centred=False,
        saturates="negative",
        region_solver=_piecewise_region(0.0),
    ),
    Activation(
        name="leaky_relu",
        label="Leaky ReLU",
        function=leaky_relu,
        derivative=leaky_relu_derivative,
        derivative_from_output=None,
        output_range=(-_INF, _INF),
        range_latex=r"(-\infty,\ \infty)",
        formula_latex=r"\begin{cases} z & z > 0 \\ 0.01\,z & z \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & z > 0 \\ 0.01 & z \le 0 \end{cases}",
        derivative_from_output_latex=None,
        derivative_at_zero=_LEAKY_SLOPE,
        max_derivative=1.0,
        zero_centred=False,
        saturates="none",
        region_solver=_piecewise_region(_LEAKY_SLOPE),
    ),
    Activation(
        name="elu",
        label="ELU",
        function=elu,
        derivative=elu_derivative,
        derivative_from_output=None,
        output_range=(-1.0, _INF),
        range_latex=r"(-1,\ \infty)",
        formula_latex=r"\begin{cases} z & z > 0 \\ e^{z} - 1 & z \le 0 \end{cases}",
        derivative_latex=r"\begin{cases} 1 & z > 0 \\ e^{z} & z \le 0 \end{cases}",
        derivative_from_output_latex=None,
        derivative_at_zero=1.0,
        max_derivative=1.0,
        zero_centred=False,
        saturates="negative",
        region_solver=_exp_region,
    ),
    Activation(
        name="softplus",
        label="Softplus",
        function=softplus,
        derivative=softplus_derivative,
        derivative_from_output=None,
        output_range=(0.0, _INF),
        range_latex=r"(0,\ \infty)",
        formula_latex=r"\log\left(1 + e^{z}\right)",
        derivative_latex=r"\frac{1}{1 + e^{-z}}",
        derivative_from_output_latex=None,
        derivative_at_zero=0.5,
        max_derivative=1.0,
        zero_centred=False,
        saturates="negative",
        region_solver=_logit_region,
    ),
    Activation(
        name="silu",
        label="SiLU",
        function=silu,
        derivative=silu_derivative,
        derivative_from_output=None,
        output_range=(_SILU_ZERO + 1.0, _INF),  # the minimum: z + 1 where g' = 0
        range_latex=r"[-0.278,\ \infty)",
        formula_latex=r"\frac{z}{1 + e^{-z}}",
        derivative_latex=r"\sigma(z)\,\bigl(1 + z\,(1 - \sigma(z))\bigr)",
        derivative_from_output_latex=None,
        derivative_at_zero=0.5,
        max_derivative=1.099839320128867,
        zero_centred=False,
        saturates="negative",
        region_solver=_monotone_region(
            silu_derivative, (-_SILU_EXTREMUM, _SILU_ZERO, _SILU_EXTREMUM), (0.0, 1.0)
        ),
    ),
    Activation(
        name="gelu",
        label="GELU",
        function=gelu,
        derivative=gelu_derivative,
        derivative_from_output=None,
        output_range=(-0.16997120747990366, _INF),
        range_latex=r"[-0.170,\ \infty)",
        formula_latex=r"z\,\Phi(z)",
        derivative_latex=r"\Phi(z) + z\,\varphi(z)",
        derivative_from_output_latex=None,
        derivative_at_zero=0.5,
        max_derivative=1.1289041451851547,
        zero_centred=False,
        saturates="negative",
        region_solver=_monotone_region(
            gelu_derivative, (-_GELU_EXTREMUM, _GELU_ZERO, _GELU_EXTREMUM), (0.0, 1.0)
        ),
    ),
)

#: The activation records by name, in the order the course teaches them:
#: identity, sigmoid, tanh, relu, leaky_relu; then the modern ones: elu,
#: softplus, silu, gelu (the exact form). Read-only.
ACTIVATIONS: Mapping[str, Activation] = MappingProxyType(
    {record.name: record for record in _RECORDS}
)


def get_activation(name: str) -> Activation:
    """Return the :class:`Activation` record called ``name``.

    Parameters
    ----------
    name : str
        One of ``"identity"``, ``"sigmoid"``, ``"tanh"``, ``"relu"``,
        ``"leaky_relu"``, ``"elu"``, ``"softplus"``, ``"silu"``, ``"gelu"``.

    Returns
    -------
    Activation
        The record.

    Raises
    ------
    ValueError
        If there is no such activation; the message lists the valid names.

    Examples
    --------
    >>> from activation_functions import get_activation
    >>> get_activation("tanh").derivative_at_zero
    1.0
    >>> get_activation("swish")
    Traceback (most recent call last):
    ...
    ValueError: unknown activation 'swish'; valid names are 'identity', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'elu', 'softplus', 'silu', 'gelu'
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        valid = ", ".join(repr(key) for key in ACTIVATIONS)
        msg = f"unknown activation {name!r}; valid names are {valid}"
        raise ValueError(msg) from None


@dataclass(frozen=True, slots=True)
class OutputLayer:
    r"""The output-layer activation and loss the course pairs with a task.

    Each pairing is the *canonical* one: with the loss averaged over the
    :math:`m` examples, the gradient of the cost with respect to the output
    pre-activation is simply

    .. math::

        dZ^{[L]} = A^{[L]} - Y,

    which is the first line of formula ① in the notes. For the identity with
    :math:`\tfrac12 (a - y)^2` this is immediate; for the sigmoid with binary
    cross-entropy the :math:`a(1-a)` of :math:`g'` cancels the denominators
    of :math:`\partial\mathcal{L}/\partial a`; for softmax with categorical
    cross-entropy the Jacobian collapses the same way.

    Parameters
    ----------
    task : {"regression", "binary", "multiclass"}
        Identifier of the task.
    task_label : str
        The task's name for display, e.g. ``"Binary classification"``.
    activation : str
        The output activation: ``"identity"``, ``"sigmoid"`` or ``"softmax"``.
    activation_label : str
        Its name for display.
    activation_latex : str
        The output activation as LaTeX (an equation in :math:`a` and
        :math:`z`).
    alternatives : tuple of str
        Other activations that fit some cases of the task.
    alternatives_note : str
        When the alternatives fit (empty when there are none).
    loss : str
        Identifier of the matching loss.
    loss_label : str
        The loss's name for display.
    loss_latex : str
        The per-example loss :math:`\mathcal{L}(a, y)` as LaTeX.
    in_notes : bool
        Whether the course notes fill this cell of their table (they leave
        regression empty; the identity is our answer).

    Examples
    --------
    >>> from activation_functions import output_activation
    >>> layer = output_activation("binary")
    >>> layer.activation, layer.loss
    ('sigmoid', 'binary_cross_entropy')
    """

    task: str
    task_label: str
    activation: str
    activation_label: str
    activation_latex: str
    alternatives: tuple[str, ...]
    alternatives_note: str
    loss: str
    loss_label: str
    loss_latex: str
    in_notes: bool


_OUTPUT_LAYERS = (
    OutputLayer(
        task="regression",
        task_label="Regression",
        activation="identity",
        activation_label="Identity (linear)",
        activation_latex="a = z",
        alternatives=("relu",),
        alternatives_note="when targets are never negative (prices, counts)",
        loss="mean_squared_error",
        loss_label="Mean squared error (MSE)",
        loss_latex=r"\mathcal{L}(a, y) = \tfrac{1}{2}(a - y)^2",
        in_notes=False,
    ),
    OutputLayer(
        task="binary",
        task_label="Binary classification",
        activation="sigmoid",
        activation_label="Sigmoid",
        activation_latex=r"a = \frac{1}{1 + e^{-z}}",
        alternatives=(),
        alternatives_note="",
        loss="binary_cross_entropy",
        loss_label="Binary cross-entropy",
        loss_latex=r"\mathcal{L}(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr)",
        in_notes=True,
    ),
    OutputLayer(
        task="multiclass",
        task_label="Multi-class classification",
        activation="softmax",
        activation_label="Softmax",
        activation_latex=r"a_k = \frac{e^{z_k}}{\sum_{j} e^{z_j}}",
        alternatives=(),
        alternatives_note="",
        loss="categorical_cross_entropy",
        loss_label="Categorical cross-entropy",
        loss_latex=r"\mathcal{L}(a, y) = -\sum_{k} y_k \log a_k",
        in_notes=True,
    ),
)

#: The output-layer records by task, in the notes' column order. Read-only.
OUTPUT_LAYERS: Mapping[str, OutputLayer] = MappingProxyType(
    {layer.task: layer for layer in _OUTPUT_LAYERS}
)


def output_activation(task: str) -> OutputLayer:
    """Return the output activation and loss the course uses for ``task``.

    Parameters
    ----------
    task : {"regression", "binary", "multiclass"}
        The kind of problem.

    Returns
    -------
    OutputLayer
        The record; with its loss, :math:`dZ^{[L]} = A^{[L]} - Y`.

    Raises
    ------
    ValueError
        If ``task`` is unknown; the message lists the valid tasks.

    Examples
    --------
    >>> from activation_functions import output_activation
    >>> [output_activation(t).activation
    ...  for t in ("regression", "binary", "multiclass")]
    ['identity', 'sigmoid', 'softmax']
    >>> output_activation("regression").alternatives
    ('relu',)
    """
    try:
        return OUTPUT_LAYERS[task]
    except (KeyError, TypeError):
        valid = ", ".join(repr(key) for key in OUTPUT_LAYERS)
        msg = f"unknown task {task!r}; valid tasks are {valid}"
        raise ValueError(msg) from None
