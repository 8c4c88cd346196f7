r"""Write src/activation_functions/_normal_table.py, the anchors of GELU's normal CDF.

Run ``.venv/bin/python scripts/normal_table.py`` after changing the anchors;
the library itself never imports mpmath. For each anchor :math:`t_0 = k/8`,
:math:`k = 0, \dots, 24`, it stores :math:`Q(t_0) = \Phi(-t_0)` and
:math:`\varphi(t_0)` as double-double pairs (hi, lo), from 200-bit mpmath.
"""

from __future__ import annotations

from pathlib import Path

import mpmath

TARGET = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "activation_functions"
    / "_normal_table.py"
)
STEP = 8  # anchors every 1/8
COUNT = 25  # t0 = 0, 1/8, ..., 3

HEADER = r'''r"""Anchors of the standard normal distribution for GELU (generated; do not edit).

Written by ``scripts/normal_table.py`` from 200-bit mpmath. For :math:`t_0 = k/8`,
:math:`k = 0, \dots, 24`: :math:`Q(t_0) = \Phi(-t_0)` and the density
:math:`\varphi(t_0)`, each as a pair ``hi + lo`` of doubles (``lo`` below half
an ulp of ``hi``).
"""

STEP = 8
'''


def _pair(value: mpmath.mpf) -> tuple[float, float]:
    hi = float(value)
    return hi, float(value - hi)


def main() -> None:
    """Compute the anchors and write the module."""
    with mpmath.workprec(200):
        q = [_pair(mpmath.ncdf(-mpmath.mpf(k) / STEP)) for k in range(COUNT)]
        p = [_pair(mpmath.npdf(mpmath.mpf(k) / STEP)) for k in range(COUNT)]
    lines = [HEADER]
    for name, pairs in [("Q", q), ("PHI", p)]:
        for part, index in [("HI", 0), ("LO", 1)]:
            values = ",\n".join(f"    {pair[index]!r}" for pair in pairs)
            lines.append(f"{name}_{part} = (\n{values},\n)\n")
    TARGET.write_text("\n".join(lines))


if __name__ == "__main__":
    main()
