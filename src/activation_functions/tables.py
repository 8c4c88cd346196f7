r"""Markdown tables for the pages, generated from the library's records.

Every function returns a :class:`MarkdownTable`: a ``str`` holding a GitHub
Flavoured Markdown pipe table, which Jupyter (and MyST-NB) renders as a real
table through ``_repr_markdown_``. Headers are mathematics wherever possible
(``$z$``, ``$g(z)$``, ``$g'(z)$``); where words are needed they are the
library's own, in English, like its names and messages. A site that shows
these tables in another language translates those words when it renders the
page (the course site does so with a gettext catalog), so a table's content
never depends on anything but the arguments.

Examples
--------
>>> from activation_functions import tables
>>> print(tables.derivative_table("sigmoid", z=(0, 2)))
| $z$ | $g(z)$ | $g'(z)$ | $a(1 - a)$ | $\frac{g(z+h) - g(z-h)}{2h}$ |
| ---: | ---: | ---: | ---: | ---: |
| 0 | 0.5 | 0.25 | 0.25 | 0.25 |
| 2 | 0.8808 | 0.105 | 0.105 | 0.105 |
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, Self

import numpy as np
from numpy.typing import ArrayLike

from activation_functions._registry import (
    ACTIVATIONS,
    OUTPUT_LAYERS,
    Activation,
    get_activation,
)

__all__ = [
    "MarkdownTable",
    "comparison_table",
    "derivative_table",
    "derivatives_table",
    "format_number",
    "formula_table",
    "gradient_decay_table",
    "markdown_table",
    "output_layer_table",
    "saturation_table",
]

Align = Literal["left", "right", "center"]
Cell = str | float | int | np.floating | np.integer

_RULES: dict[str, str] = {"left": "---", "right": "---:", "center": ":---:"}


class MarkdownTable(str):
    """A GFM pipe table that Jupyter renders as a table.

    A ``str`` subclass: print it, compare it, write it to a file. In a
    notebook (or a MyST-NB page) it is displayed through
    :meth:`_repr_markdown_`.

    Attributes
    ----------
    header : tuple of str
        The header cells, as written.
    rows : tuple of tuple of str
        The body cells, as written.

    Examples
    --------
    >>> from activation_functions.tables import markdown_table
    >>> table = markdown_table(["$z$", "$g(z)$"], [[0, 0.5]])
    >>> table.rows
    (('0', '0.5'),)
    >>> table._repr_markdown_() == str(table)
    True
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    def __new__(
        cls,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        align: Sequence[Align] | None = None,
    ) -> Self:
        """Build the table text from ready-made cell strings."""
        width = len(header)
        if width == 0:
            msg = "MarkdownTable needs at least one column"
            raise ValueError(msg)
        for number, row in enumerate(rows):
            if len(row) != width:
                msg = f"row {number} has {len(row)} cells; the header has {width}"
                raise ValueError(msg)
        alignment = list(align) if align is not None else ["left"] * width
        if len(alignment) != width or any(a not in _RULES for a in alignment):
            msg = f"align needs {width} entries from 'left', 'right', 'center'"
            raise ValueError(msg)
        head = tuple(_escape(cell) for cell in header)
        body = tuple(tuple(_escape(cell) for cell in row) for row in rows)
        lines = [
            _line(head),
            _line(tuple(_RULES[a] for a in alignment)),
            *(_line(row) for row in body),
        ]
        table = super().__new__(cls, "\n".join(lines))
        table.header = head
        table.rows = body
        return table

    def __repr__(self) -> str:
        """Return the table itself, so a bare expression shows it in a console."""
        return str(self)

    def _repr_markdown_(self) -> str:
        """Markdown for Jupyter and MyST-NB."""
        return str(self)


def _escape(cell: str) -> str:
    """Make one cell safe inside a pipe table (no pipes, no line breaks)."""
    return " ".join(str(cell).replace("|", r"\|").split())


def _line(cells: Sequence[str]) -> str:
    """One table row."""
    return "| " + " | ".join(cells) + " |"


def format_number(value: float, digits: int = 4) -> str:
    r"""Format a number for a table: ``digits`` significant digits, readable.

    Zero prints as ``0``; magnitudes in :math:`[10^{-3}, 10^{digits})` in
    plain decimal notation without trailing zeros; others in scientific
    notation written as LaTeX (``$4.54 \times 10^{-5}$``); infinities as
    ``$\infty$``; NaN as ``NaN``.

    Parameters
    ----------
    value : float
        The number.
    digits : int, default 4
        Significant digits.

    Returns
    -------
    str
        The formatted number.

    Examples
    --------
    >>> from activation_functions.tables import format_number
    >>> [format_number(v) for v in (0.0, 0.25, 0.104993585, 6.0, -2.0)]
    ['0', '0.25', '0.105', '6', '-2']
    >>> format_number(4.5397868702434395e-05)
    '$4.54 \\times 10^{-5}$'
    >>> format_number(float("-inf"))
    '$-\\infty$'
    """
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return r"$\infty$" if number > 0 else r"$-\infty$"
    if number == 0.0:
        return "0"
    if 1e-3 <= abs(number) < 10.0**digits:
        return f"{number:.{digits}g}"
    mantissa, exponent = f"{number:.{digits - 1}e}".split("e")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return rf"${mantissa} \times 10^{{{int(exponent)}}}$"


def _format_cell(cell: object) -> str:
    """Numbers through :func:`format_number`, text as is."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, numbers.Real):
        return format_number(float(cell))
    msg = (
        f"markdown_table() cells must be str or real numbers, got {type(cell).__name__}"
    )
    raise TypeError(msg)


_DASH: Final = "—"
#: Where g'(z) vanishes or tends to zero, in words (Activation.saturates).
_SATURATION_WORDS: Final[Mapping[str, str]] = {
    "both": r"both tails ($z \to \pm\infty$)",
    "negative": r"negative side ($z \le 0$)",
    "none": "none",
}


def markdown_table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    align: Sequence[Align] | None = None,
) -> MarkdownTable:
    r"""Make a :class:`MarkdownTable` from a header and rows of cells.

    Parameters
    ----------
    header : sequence of str
        Column headers (Markdown; ``$...$`` for math).
    rows : iterable of sequence
        Rows of cells; numbers are formatted with :func:`format_number`,
        strings are used as they are (pipes escaped).
    align : sequence of {"left", "right", "center"}, optional
        Per column. By default a column of numbers only is right-aligned,
        any other column left-aligned.

    Returns
    -------
    MarkdownTable
        The table.

    Raises
    ------
    ValueError
        If a row's length differs from the header's.

    Examples
    --------
    >>> from activation_functions.tables import markdown_table
    >>> print(markdown_table(["$L$", "$0.25^L$"], [[1, 0.25], [10, 0.25**10]]))
    | $L$ | $0.25^L$ |
    | ---: | ---: |
    | 1 | 0.25 |
    | 10 | $9.537 \times 10^{-7}$ |
    >>> print(markdown_table(["Function", "Accuracy"], [["tanh", 0.9575]]))
    | Function | Accuracy |
    | --- | ---: |
    | tanh | 0.9575 |
    """
    raw = [list(row) for row in rows]
    if align is None:
        align = [
            "right"
            if raw and all(not isinstance(row[i], str) for row in raw if i < len(row))
            else "left"
            for i in range(len(header))
        ]
    return MarkdownTable(
        list(header), [[_format_cell(c) for c in row] for row in raw], align=align
    )


def _records(names: Sequence[str] | None) -> list[Activation]:
    """Return the records for ``names`` (all, in the course's order, when None)."""
    if names is None:
        return list(ACTIVATIONS.values())
    return [get_activation(name) for name in names]


def _values(z: ArrayLike, function: str) -> list[float]:
    """Return the z values (a 1-D sequence of real numbers) as floats."""
    array = np.asarray(z, dtype=np.float64)
    if array.ndim > 1:
        msg = (
            f"{function}() expected a 1-D sequence of z values, got shape {array.shape}"
        )
        raise ValueError(msg)
    return [float(v) for v in array.reshape(-1)]


def derivative_table(
    name: str,
    z: ArrayLike = (-6, -2, 0, 2, 6),
    *,
    h: float = 1e-5,
) -> MarkdownTable:
    r"""Tabulate :math:`g`, :math:`g'` and a finite-difference check at a few :math:`z`.

    Columns: :math:`z`; :math:`g(z)`; :math:`g'(z)` from the library; the
    notes' form in terms of :math:`a = g(z)` when there is one (for sigmoid
    :math:`a(1-a)`, for tanh :math:`1 - a^2`); and the centred difference

    .. math::

        \frac{g(z + h) - g(z - h)}{2h},

    which agrees with :math:`g'(z)` to about :math:`h^2` away from kinks. At
    large :math:`|z|` the :math:`a`-form shows its weakness: at
    :math:`z = 40`, :math:`a` rounds to 1 and :math:`a(1-a)` to 0, while
    :math:`g'(40) \approx 4 \times 10^{-18}`.

    Parameters
    ----------
    name : str
        Activation name, e.g. ``"sigmoid"``.
    z : array_like, default (-6, -2, 0, 2, 6)
        Points, one row each.
    h : float, default 1e-5
        Step of the centred difference.

    Returns
    -------
    MarkdownTable
        The table.

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.derivative_table("sigmoid", z=[40]))
    | $z$ | $g(z)$ | $g'(z)$ | $a(1 - a)$ | $\frac{g(z+h) - g(z-h)}{2h}$ |
    | ---: | ---: | ---: | ---: | ---: |
    | 40 | 1 | $4.248 \times 10^{-18}$ | 0 | 0 |
    >>> print(tables.derivative_table("relu", z=[-1, 0, 1]))
    | $z$ | $g(z)$ | $g'(z)$ | $\frac{g(z+h) - g(z-h)}{2h}$ |
    | ---: | ---: | ---: | ---: |
    | -1 | 0 | 0 | 0 |
    | 0 | 0 | 0 | 0.5 |
    | 1 | 1 | 1 | 1 |
    """
    record = get_activation(name)
    points = np.array(_values(z, "derivative_table"))
    g = record.function(points)
    dg = record.derivative(points)
    finite = (record.function(points + h) - record.function(points - h)) / (2 * h)
    header = ["$z$", "$g(z)$", "$g'(z)$"]
    columns = [points, g, dg]
    if record.derivative_from_output is not None:
        header.append(f"${record.derivative_from_output_latex}$")
        columns.append(record.derivative_from_output(g))
    header.append(r"$\frac{g(z+h) - g(z-h)}{2h}$")
    columns.append(finite)
    rows = [[float(column[i]) for column in columns] for i in range(points.size)]
    return markdown_table(header, rows)


def derivatives_table(
    z: ArrayLike = (-6, -2, -0.5, 0, 0.5, 2, 6),
    names: Sequence[str] | None = None,
) -> MarkdownTable:
    r"""Tabulate the derivative :math:`g'(z)` of several activations side by side.

    Parameters
    ----------
    z : array_like, default (-6, -2, -0.5, 0, 0.5, 2, 6)
        Points, one row each.
    names : sequence of str, optional
        Activations, one column each (default: all, in the course's order).

    Returns
    -------
    MarkdownTable
        Header ``$z$`` then each function's label (no words to translate).

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.derivatives_table(z=[0, 6], names=["sigmoid", "tanh", "relu"]))
    | $z$ | Sigmoid | tanh | ReLU |
    | ---: | ---: | ---: | ---: |
    | 0 | 0.25 | 1 | 0 |
    | 6 | 0.002467 | $2.458 \times 10^{-5}$ | 1 |
    """
    records = _records(names)
    points = np.array(_values(z, "derivatives_table"))
    columns = [record.derivative(points) for record in records]
    rows = [
        [float(points[i]), *(float(column[i]) for column in columns)]
        for i in range(points.size)
    ]
    return markdown_table(["$z$", *(record.label for record in records)], rows)


def comparison_table(names: Sequence[str] | None = None) -> MarkdownTable:
    r"""Compare the activations: range, zero-centred, :math:`\max g'`, :math:`g'(0)`, saturation.

    Parameters
    ----------
    names : sequence of str, optional
        Activations to list (default: all, in the course's order).

    Returns
    -------
    MarkdownTable
        The table.

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.comparison_table(names=["sigmoid", "relu"]))
    | Function | Range | Zero-centred | $\max g'$ | $g'(0)$ | Saturates |
    | --- | --- | --- | ---: | ---: | --- |
    | Sigmoid | $(0,\ 1)$ | no | 0.25 | 0.25 | both tails ($z \to \pm\infty$) |
    | ReLU | $[0,\ \infty)$ | no | 1 | 0 | negative side ($z \le 0$) |
    """
    header = ["Function", "Range", "Zero-centred", r"$\max g'$", "$g'(0)$", "Saturates"]
    rows: list[list[Cell]] = [
        [
            record.label,
            f"${record.range_latex}$",
            "yes" if record.zero_centred else "no",
            record.max_derivative,
            record.derivative_at_zero,
            _SATURATION_WORDS[record.saturates],
        ]
        for record in _records(names)
    ]
    return markdown_table(header, rows)


def formula_table(names: Sequence[str] | None = None) -> MarkdownTable:
    r"""List each activation's formulas: :math:`g(z)`, :math:`g'(z)` and :math:`g'` in terms of :math:`a`.

    Parameters
    ----------
    names : sequence of str, optional
        Activations to list (default: all, in the course's order).

    Returns
    -------
    MarkdownTable
        The table; ``—`` where there is no :math:`a`-form.

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.formula_table(names=["tanh"]))
    | Function | $g(z)$ | $g'(z)$ | $g'(z)$ in terms of $a = g(z)$ |
    | --- | --- | --- | --- |
    | tanh | $\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}$ | $1 - g(z)^2$ | $1 - a^2$ |
    """
    header = ["Function", "$g(z)$", "$g'(z)$", "$g'(z)$ in terms of $a = g(z)$"]
    rows = [
        [
            record.label,
            f"${record.formula_latex}$",
            f"${record.derivative_latex}$",
            f"${record.derivative_from_output_latex}$"
            if record.derivative_from_output_latex is not None
            else _DASH,
        ]
        for record in _records(names)
    ]
    return markdown_table(header, rows)


def _interval_latex(lo: float, hi: float) -> str:
    """Write an open interval as LaTeX, with infinite ends."""
    return rf"({_end_latex(lo)},\ {_end_latex(hi)})"


def _end_latex(value: float) -> str:
    """Write one end of an interval as LaTeX (4 significant digits)."""
    if math.isinf(value):
        return r"\infty" if value > 0 else r"-\infty"
    return f"{value:.4g}"


def saturation_table(
    threshold: float = 0.05, names: Sequence[str] | None = None
) -> MarkdownTable:
    r"""Tabulate where each activation saturates: the set :math:`\{z : |g'(z)| < t\}`.

    Parameters
    ----------
    threshold : float, default 0.05
        The threshold :math:`t`.
    names : sequence of str, optional
        Activations to list (default: all, in the course's order).

    Returns
    -------
    MarkdownTable
        The table; :math:`\varnothing` when there is no such :math:`z`.

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.saturation_table(0.05, names=["sigmoid", "relu", "identity"]))
    | Function | $\{z : \lvert g'(z) \rvert < 0.05\}$ |
    | --- | --- |
    | Sigmoid | $(-\infty,\ -2.887) \cup (2.887,\ \infty)$ |
    | ReLU | $(-\infty,\ 0)$ |
    | Identity | $\varnothing$ |
    """
    records = _records(names)
    header = [
        "Function",
        rf"$\{{z : \lvert g'(z) \rvert < {format_number(threshold)}\}}$",
    ]
    rows = []
    for record in records:
        region = record.saturating_region(threshold)
        cell = (
            r" \cup ".join(_interval_latex(lo, hi) for lo, hi in region)
            if region
            else r"\varnothing"
        )
        rows.append([record.label, f"${cell}$"])
    return markdown_table(header, rows)


def gradient_decay_table(
    depths: Sequence[int] = (1, 2, 5, 10, 20),
    names: Sequence[str] | None = ("sigmoid", "tanh", "relu"),
) -> MarkdownTable:
    r"""Tabulate the largest product of :math:`k` derivatives, :math:`(\max g')^k`.

    Back-propagating from the output layer down to the first layer of a
    network with :math:`k` hidden layers (:math:`L = k + 1` layers) multiplies
    :math:`k` factors :math:`g'(z)`, one per hidden layer: the output layer's
    own :math:`g'` is not among them, since with its matching loss
    :math:`dZ^{[L]} = A^{[L]} - Y`. With sigmoid each factor is at most
    :math:`1/4`, so the product is at most :math:`4^{-k}` (before the weights
    are counted): the vanishing gradient in one column.

    Parameters
    ----------
    depths : sequence of int, default (1, 2, 5, 10, 20)
        Numbers of hidden layers :math:`k`, one row each.
    names : sequence of str, optional
        Activations, one column each (None for all).

    Returns
    -------
    MarkdownTable
        Header ``Hidden layers`` then each function's label.

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.gradient_decay_table(depths=[1, 10]))
    | Hidden layers | Sigmoid | tanh | ReLU |
    | ---: | ---: | ---: | ---: |
    | 1 | 0.25 | 1 | 1 |
    | 10 | $9.537 \times 10^{-7}$ | 1 | 1 |
    """
    records = _records(names)
    rows = [[int(k), *(r.max_derivative ** int(k) for r in records)] for k in depths]
    return markdown_table(
        ["Hidden layers", *(record.label for record in records)], rows
    )


def output_layer_table(*, formulas: bool = True) -> MarkdownTable:
    r"""Make the notes' output-layer table, completed, with the matching losses.

    The notes leave the regression cell empty; the identity
    :math:`a = z` fills it (ReLU when targets are never negative). With each
    pairing :math:`dZ^{[L]} = A^{[L]} - Y` (see
    :class:`activation_functions.OutputLayer`).

    Parameters
    ----------
    formulas : bool, default True
        Whether to write each activation's and loss's formula after its name.

    Returns
    -------
    MarkdownTable
        One row per task: regression, binary, multi-class.

    Examples
    --------
    >>> from activation_functions import tables
    >>> print(tables.output_layer_table(formulas=False))
    | Task | Output activation | Loss | Alternative |
    | --- | --- | --- | --- |
    | Regression | Identity (linear) | Mean squared error (MSE) | ReLU: when targets are never negative (prices, counts) |
    | Binary classification | Sigmoid | Binary cross-entropy | — |
    | Multi-class classification | Softmax | Categorical cross-entropy | — |
    """
    header = ["Task", "Output activation", "Loss", "Alternative"]
    rows = []
    for layer in OUTPUT_LAYERS.values():
        task, activation, loss = (
            layer.task_label,
            layer.activation_label,
            layer.loss_label,
        )
        note = layer.alternatives_note
        if formulas:
            activation += f": ${layer.activation_latex}$"
            loss += f": ${layer.loss_latex}$"
        labels = ", ".join(get_activation(name).label for name in layer.alternatives)
        alternatives = f"{labels}: {note}" if labels else _DASH
        rows.append([task, activation, loss, alternatives])
    return markdown_table(header, rows)
