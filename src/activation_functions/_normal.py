r"""The standard normal distribution's tail, to about an ulp, for GELU.

GELU needs :math:`Q(t) = \Phi(-t) = 1 - \Phi(t)` and the density
:math:`\varphi(t)` to a few ulp, down to subnormal results. The libraries at
hand do not deliver that in ``float64``: ``scipy.special.ndtr`` is hundreds of
ulp off in the left tail (620 ulp at :math:`z = -38.3`, 105 at :math:`-8.7`),
its ``erfc`` more, and ``erfcx`` up to 8 ulp. So this module computes them
from two representations, both in NumPy alone:

* :math:`0 \le t < 3.0625`: a Taylor expansion around the nearest anchor
  :math:`t_0 = k/8`, whose :math:`Q(t_0)` and :math:`\varphi(t_0)` are stored
  as double-double pairs (``_normal_table``, generated with mpmath). With
  :math:`h = t - t_0` (exact, :math:`|h| \le 1/16`) and the Hermite
  polynomials :math:`He_n`,

  .. math::

      \varphi(t) = \varphi(t_0) \sum_{n \ge 0} u_n, \quad
      Q(t) = Q(t_0) - \varphi(t_0)\, h \sum_{n \ge 0} \frac{u_n}{n + 1}, \quad
      u_n = \frac{He_n(t_0) (-h)^n}{n!}.

* :math:`t \ge 3.0625`: :math:`Q(t) = \varphi(t)\, M(t)` with Laplace's
  continued fraction for the Mills ratio :math:`M(t) = 1/(t + 1/(t + 2/(t +
  \dots)))` and :math:`\varphi(t) = e^{-t^2/2 - \log\sqrt{2\pi}}`, the
  exponent carried as a double-double (:math:`t^2` split exactly), so that its
  rounding, which :math:`e^{x}` would multiply by :math:`|x|`, is recovered.
  From :math:`t = 37` on the exponential is scaled by :math:`e^{211}` and the
  results by :math:`e^{-211}`, so subnormal results are rounded once.
"""

from __future__ import annotations

import numpy as np

from activation_functions import _normal_table
from activation_functions._validation import FloatArray

#: Where the anchors end and the continued fraction takes over.
_ANCHOR_END = 3.0625
#: Terms of the Taylor sums: |u_n| < 2^-60 for n >= 14 on [0, 3.0625).
_TAYLOR_TERMS = 16
#: Terms of the continued fraction from each t on: truncated, it is off by
#: at most 0.07 ulp (checked in 150-bit mpmath at each tier's start).
_CF_TIERS = ((3.0625, 56), (4.0, 36), (8.0, 16), (14.0, 12))
#: Beyond this every result below underflows (e^-800 is 0): inf is clamped.
_T_MAX = 40.0
#: From here on exp(-t^2/2) is scaled (t^2/2 >= 512: the shift by 211 is exact;
#: results turn subnormal from t = 37.5).
_SCALE_FROM = 37.0
_SHIFT = 211.0
_EXP_MINUS_SHIFT = 2.3113425714217192e-92  # e^-211, within 0.001 ulp
#: log(sqrt(2 pi)) as a double-double.
_LOG_SQRT_2PI_HI = 0.9189385332046728
_LOG_SQRT_2PI_LO = -3.878294158067241e-17
#: 2^27 + 1, Veltkamp's splitter for doubles.
_SPLITTER = 134217729.0

_Q_HI = np.array(_normal_table.Q_HI)
_Q_LO = np.array(_normal_table.Q_LO)
_PHI_HI = np.array(_normal_table.PHI_HI)
_PHI_LO = np.array(_normal_table.PHI_LO)


def split(x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Veltkamp's split: ``x = hi + lo`` exactly, each with 26 bits or fewer."""
    c = _SPLITTER * x
    hi = c - (c - x)
    return hi, x - hi


def two_product(x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Dekker's product: ``x * y = p + e`` exactly (no overflow assumed)."""
    p = x * y
    xh, xl = split(x)
    yh, yl = split(y)
    e = ((xh * yh - p) + xh * yl + xl * yh) + xl * yl
    return p, e


def two_sum(x: FloatArray, y: FloatArray | float) -> tuple[FloatArray, FloatArray]:
    """Knuth's sum: ``x + y = s + e`` exactly."""
    s = x + y
    v = s - x
    e = (x - (s - v)) + (y - v)
    return s, e


def tail_parts(t: FloatArray) -> tuple[FloatArray, FloatArray]:
    r"""Return :math:`t\,Q(t)` and :math:`Q(t) - t\,\varphi(t)` for :math:`t \ge 0`.

    `t` is a 1-D ``float64`` array (NaN and :math:`\infty` allowed). These
    are GELU's pieces: :math:`\operatorname{GELU}(z) = \max(z, 0) - |z|
    Q(|z|)` and :math:`\operatorname{GELU}'(z) = D` for :math:`z < 0`,
    :math:`1 - D` for :math:`z \ge 0`, with :math:`D = Q(|z|) - |z|
    \varphi(|z|)`. NumPy warnings must be silenced by the caller.
    """
    times_q = np.empty_like(t)
    difference = np.empty_like(t)
    near = t < _ANCHOR_END  # NaN goes to the far side, and stays NaN there
    index = np.flatnonzero(near)
    if index.size:
        times_q[index], difference[index] = _anchored(t[index])
    index = np.flatnonzero(~near)
    if index.size:
        times_q[index], difference[index] = _continued_fraction(t[index])
    return times_q, difference


def _anchored(t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """tail_parts for 0 <= t < 3.0625: Taylor series around the anchors."""
    k = np.rint(t * _normal_table.STEP).astype(np.intp)
    t0 = k / float(_normal_table.STEP)
    h = t - t0  # exact: t and t0 are within 1/16 of each other
    minus_t0_h = -t0 * h
    h_squared = h * h
    terms = [np.ones_like(t), minus_t0_h]  # u_0, u_1
    for n in range(2, _TAYLOR_TERMS):
        terms.append((minus_t0_h * terms[-1] - h_squared * terms[-2]) / n)
    # The sums less their leading 1, smallest terms first.
    exp_rest = np.zeros_like(t)  # sum u_n - 1 = e^(-t0 h - h^2/2) - 1
    int_rest = np.zeros_like(t)  # sum u_n / (n + 1) - 1
    for n in range(_TAYLOR_TERMS - 1, 0, -1):
        exp_rest += terms[n]
        int_rest += terms[n] / (n + 1)
    q_hi, q_lo = _Q_HI[k], _Q_LO[k]
    phi_hi, phi_lo = _PHI_HI[k], _PHI_LO[k]
    # Q(t) = Q(t0) - phi(t0) h (1 + int_rest)
    # t phi(t) = t phi(t0) (1 + exp_rest)
    # with phi(t0) h and t phi(t0) as exact products: the large parts are
    # added exactly (TwoSum), everything else is a small correction.
    a1, b1 = two_product(phi_hi, h)
    a2, b2 = two_product(t, phi_hi)
    small_q = q_lo - b1 - a1 * int_rest - phi_lo * h * (1.0 + int_rest)
    small_tphi = b2 + a2 * exp_rest + phi_lo * t * (1.0 + exp_rest)
    s1, c1 = two_sum(q_hi, -a1)
    q = s1 + (c1 + small_q)
    s2, c2 = two_sum(s1, -a2)
    difference = s2 + (c2 + (c1 + small_q - small_tphi))
    return t * q, difference


def _mills_tail(t: FloatArray) -> FloatArray:
    """Return r with M(t) = 1 / (t + r): fewer terms of the fraction for larger t.

    NaN goes with the first tier, and stays NaN.
    """
    rest = np.empty_like(t)
    ends = [start for start, _ in _CF_TIERS[1:]] + [np.inf]
    for (start, terms), end in zip(_CF_TIERS, ends, strict=True):
        below_end = ~(t >= end)  # NaN included
        chosen = below_end if start == _CF_TIERS[0][0] else below_end & (t >= start)
        index = np.flatnonzero(chosen)
        if index.size == 0:
            continue
        tier = t[index]
        r = np.zeros_like(tier)
        for k in range(terms, 0, -1):
            r = k / (tier + r)
        rest[index] = r
    return rest


def _continued_fraction(t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """tail_parts for t >= 3.0625 (and NaN): Mills ratio times the density."""
    tc = np.minimum(t, _T_MAX)  # inf -> 40, where everything underflows; NaN stays
    rest = _mills_tail(tc)
    mills = 1.0 / (tc + rest)  # M(t)
    # Exponent -t^2/2 - log sqrt(2 pi) as hi + lo, t^2 = p + e exactly.
    p, e = two_product(tc, tc)
    hi, lo = two_sum(-0.5 * p, -_LOG_SQRT_2PI_HI)
    lo += -0.5 * e - _LOG_SQRT_2PI_LO
    scaled = tc >= _SCALE_FROM
    hi[scaled] += _SHIFT  # exact there: |hi| >= 512
    density = np.exp(hi)  # phi(t) = density (1 + lo), times e^211 where scaled
    # t M(t) = t / (t + r) = 1 - r M(t), and (1 - r M)(1 + lo) = 1 + y:
    # one rounding at the scale of 1, the small parts exact enough.
    r_mills = rest * mills
    y = lo - r_mills - r_mills * lo
    times_q = density * (1.0 + y)  # t phi(t) M(t)
    # phi(t) (M(t) - t): (M - t)(1 + lo) = -t + (M + (M - t) lo).
    difference = density * (-tc + (mills + (mills - tc) * lo))
    times_q[scaled] *= _EXP_MINUS_SHIFT
    difference[scaled] *= _EXP_MINUS_SHIFT
    return times_q, difference
