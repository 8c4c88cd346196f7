"""Tests for the activation records and the output-layer table."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import activation_functions as af
from activation_functions import ACTIVATIONS, Activation, OutputLayer

NAMES = [
    "identity",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "softplus",
    "silu",
    "gelu",
]
RECORDS = [pytest.param(ACTIVATIONS[name], id=name) for name in NAMES]
GRID = np.linspace(-30.0, 30.0, 60_001)  # step 1e-3, contains 0 exactly


class TestActivationsMapping:
    def test_order(self) -> None:
        """The records come in the order the course teaches them."""
        assert list(ACTIVATIONS) == NAMES

    def test_keys_are_names(self) -> None:
        """Every key is its record's name."""
        assert list(ACTIVATIONS) == [record.name for record in ACTIVATIONS.values()]

    def test_read_only(self) -> None:
        """The mapping cannot be changed."""
        with pytest.raises(TypeError):
            ACTIVATIONS["swish"] = ACTIVATIONS["relu"]  # type: ignore[index]

    def test_functions_are_the_public_ones(self) -> None:
        """Each record holds the flat namespace's function and derivative."""
        assert af.sigmoid is ACTIVATIONS["sigmoid"].function
        assert af.tanh_derivative is ACTIVATIONS["tanh"].derivative
        assert (
            af.sigmoid_derivative_from_output
            is ACTIVATIONS["sigmoid"].derivative_from_output
        )


class TestActivationRecord:
    @pytest.mark.parametrize("record", RECORDS)
    def test_frozen(self, record: Activation) -> None:
        """A record cannot be modified."""
        with pytest.raises(dataclasses.FrozenInstanceError):
            record.label = "changed"  # type: ignore[misc]

    @pytest.mark.parametrize("record", RECORDS)
    def test_derivative_at_zero(self, record: Activation) -> None:
        """derivative_at_zero is the library's g'(0), exactly."""
        assert record.derivative_at_zero == float(record.derivative(0.0))

    @pytest.mark.parametrize("record", RECORDS)
    def test_max_derivative(self, record: Activation) -> None:
        """max_derivative is the largest |g'(z)|, found on a fine grid and
        refined around its best point (to 1e-9)."""
        best = float(GRID[np.argmax(np.abs(record.derivative(GRID)))])
        local = np.linspace(best - 1e-3, best + 1e-3, 20_001)
        assert record.max_derivative == pytest.approx(
            float(np.max(np.abs(record.derivative(local)))), abs=1e-9
        )

    @pytest.mark.parametrize("record", RECORDS)
    def test_output_range_contains_values(self, record: Activation) -> None:
        """Every value of g lies within output_range."""
        low, high = record.output_range
        values = record.function(GRID)
        assert np.all((low <= values) & (values <= high))

    @pytest.mark.parametrize("record", RECORDS)
    def test_output_range_is_tight(self, record: Activation) -> None:
        """g comes within 1e-12 of each finite end of output_range, at z = -1e6
        or 1e6 or at its extremum on the grid (refined as for max_derivative),
        and grows past 1e3 towards an infinite end."""
        low, high = record.output_range
        ends = record.function(np.array([-1e6, 1e6]))
        for end, value, pick in zip(
            (low, high), ends, (np.argmin, np.argmax), strict=True
        ):
            if not math.isfinite(end):
                assert abs(float(value)) > 1e3
                continue
            best = float(GRID[pick(record.function(GRID))])
            local = record.function(np.linspace(best - 1e-3, best + 1e-3, 20_001))
            closest = min(
                abs(float(value) - end), abs(float(pick_value(local, pick)) - end)
            )
            assert closest <= 1e-12

    @pytest.mark.parametrize("record", RECORDS)
    def test_zero_centred_means_odd(self, record: Activation) -> None:
        """zero_centred is True exactly when g is odd, g(-z) = -g(z)."""
        odd = np.allclose(record.function(-GRID), -record.function(GRID))
        assert odd == record.zero_centred

    @pytest.mark.parametrize("record", RECORDS)
    def test_saturates_matches_tails(self, record: Activation) -> None:
        """saturates names the tails where |g'| falls below 1e-9."""
        left, right = np.abs(record.derivative(np.array([-50.0, 50.0])))
        expected = {
            (True, True): "both",
            (True, False): "negative",
            (False, False): "none",
        }[(bool(left < 1e-9), bool(right < 1e-9))]
        assert expected == record.saturates

    @pytest.mark.parametrize("record", RECORDS)
    def test_latex_is_table_safe(self, record: Activation) -> None:
        """No LaTeX field contains a pipe, which would split a Markdown table cell."""
        fields = [
            record.range_latex,
            record.formula_latex,
            record.derivative_latex,
            record.derivative_from_output_latex or "",
        ]
        assert [text for text in fields if "|" in text] == []

    def test_tanh_formula_has_no_leading_minus(self) -> None:
        """The tanh formula is the correct one, not the notes' typo with a minus."""
        assert not ACTIVATIONS["tanh"].formula_latex.lstrip().startswith("-")

    def test_from_output_forms(self) -> None:
        """Exactly sigmoid and tanh have a form in terms of a = g(z)."""
        assert [
            record.name
            for record in ACTIVATIONS.values()
            if record.derivative_from_output is not None
            and record.derivative_from_output_latex is not None
        ] == ["sigmoid", "tanh"]

    @pytest.mark.parametrize(
        "record", [pytest.param(ACTIVATIONS[n], id=n) for n in ("sigmoid", "tanh")]
    )
    def test_from_output_form_agrees(self, record: Activation) -> None:
        """On moderate z the a-form g'(g(z)) equals g'(z) to 1e-12."""
        assert record.derivative_from_output is not None
        z = np.linspace(-5.0, 5.0, 101)
        np.testing.assert_allclose(
            record.derivative(z),
            record.derivative_from_output(record.function(z)),
            rtol=0,
            atol=1e-12,
        )

    @pytest.mark.parametrize("record", RECORDS)
    @given(z=st.floats(-20.0, 20.0).filter(lambda v: abs(v) > 1e-3))
    def test_derivative_matches_finite_difference(
        self, record: Activation, z: float
    ) -> None:
        """Away from z = 0, g'(z) equals the centred difference to 1e-7."""
        h = 1e-6
        finite = (float(record.function(z + h)) - float(record.function(z - h))) / (
            2 * h
        )
        assert finite == pytest.approx(float(record.derivative(z)), abs=1e-7)


def pick_value(values: np.ndarray, pick: object) -> float:
    """The smallest or largest of `values`, as `pick` (np.argmin or np.argmax) says."""
    return float(values.min() if pick is np.argmin else values.max())


class TestSaturatingRegion:
    @pytest.mark.parametrize("record", RECORDS)
    @given(threshold=st.floats(1e-4, 1.5))
    def test_region_is_where_derivative_is_small(
        self, record: Activation, threshold: float
    ) -> None:
        """On a fine grid, |g'(z)| < t exactly at the points inside the region."""
        region = record.saturating_region(threshold)
        inside = np.zeros(GRID.shape, dtype=bool)
        near_end = np.zeros(GRID.shape, dtype=bool)
        for lo, hi in region:
            inside |= (lo < GRID) & (hi > GRID)
            for end in (lo, hi):
                if math.isfinite(end):
                    near_end |= np.abs(GRID - end) < 1e-6
        small = np.abs(record.derivative(GRID)) < threshold
        mismatched = (small != inside) & ~near_end & (GRID != 0.0)
        assert GRID[mismatched].tolist() == []

    @pytest.mark.parametrize("record", RECORDS)
    def test_intervals_are_ordered_and_disjoint(self, record: Activation) -> None:
        """Intervals increase and do not overlap."""
        region = record.saturating_region(0.5)
        ends = [end for interval in region for end in interval]
        assert sorted(ends) == ends

    @pytest.mark.parametrize("name", ["sigmoid", "tanh"])
    @pytest.mark.parametrize("threshold", [1e-12, 1e-6, 0.05, 0.2])
    def test_smooth_ends_are_exact(self, name: str, threshold: float) -> None:
        """For sigmoid and tanh, g'(z*) equals the threshold to 1e-9 relative."""
        record = ACTIVATIONS[name]
        (_, left_end), (right_end, _) = record.saturating_region(threshold)
        assert left_end == -right_end
        assert threshold == pytest.approx(float(record.derivative(right_end)), rel=1e-9)

    @pytest.mark.parametrize("record", RECORDS)
    def test_large_threshold_gives_whole_line(self, record: Activation) -> None:
        """A threshold above max |g'| gives the whole real line."""
        assert [(-math.inf, math.inf)] == record.saturating_region(
            record.max_derivative + 0.1
        )

    @pytest.mark.parametrize("record", RECORDS)
    @pytest.mark.parametrize("threshold", [0.0, -1.0])
    def test_non_positive_threshold_gives_nothing(
        self, record: Activation, threshold: float
    ) -> None:
        """No z has |g'(z)| below zero or a negative number."""
        assert record.saturating_region(threshold) == []

    @pytest.mark.parametrize("name", ["silu", "gelu"])
    @pytest.mark.parametrize("threshold", [1e-12, 0.01, 0.05, 0.5, 1.05])
    def test_bisected_ends_are_exact(self, name: str, threshold: float) -> None:
        """For SiLU and GELU, |g'| equals the threshold at every finite end (to
        1e-9 relative, or 1e-15 absolute: near g''s zero an ulp of z moves g'
        by about 5e-17): the bisection runs to the last bit."""
        record = ACTIVATIONS[name]
        ends = [
            end
            for interval in record.saturating_region(threshold)
            for end in interval
            if math.isfinite(end)
        ]
        assert ends
        values = np.abs(record.derivative(np.array(ends)))
        np.testing.assert_allclose(threshold, values, rtol=1e-9, atol=1e-15)

    @pytest.mark.parametrize(("name", "count"), [("silu", 2), ("gelu", 2)])
    def test_dip_gives_two_intervals(self, name: str, count: int) -> None:
        """A small threshold catches the left tail and the zero of g' (where
        SiLU and GELU have their minimum) as separate intervals."""
        assert count == len(ACTIVATIONS[name].saturating_region(0.05))

    def test_relu_negative_half(self) -> None:
        """ReLU saturates exactly on the negative half-line."""
        assert [(-math.inf, 0.0)] == ACTIVATIONS["relu"].saturating_region(0.05)

    def test_leaky_relu_depends_on_threshold(self) -> None:
        """Leaky ReLU's slope 0.01 counts as small only for thresholds above 0.01."""
        record = ACTIVATIONS["leaky_relu"]
        assert ([], [(-math.inf, 0.0)]) == (
            record.saturating_region(0.01),
            record.saturating_region(0.05),
        )

    def test_nan_threshold_rejected(self) -> None:
        """A NaN threshold raises ValueError."""
        with pytest.raises(ValueError, match="NaN"):
            ACTIVATIONS["sigmoid"].saturating_region(math.nan)

    @pytest.mark.parametrize("threshold", ["0.05", None, True])
    def test_non_real_threshold_rejected(self, threshold: object) -> None:
        """A threshold that is not a real number raises TypeError naming its type."""
        with pytest.raises(TypeError, match=type(threshold).__name__):
            ACTIVATIONS["sigmoid"].saturating_region(threshold)  # type: ignore[arg-type]


class TestGetActivation:
    @pytest.mark.parametrize("name", NAMES)
    def test_returns_record(self, name: str) -> None:
        """A known name returns the record of that name."""
        assert ACTIVATIONS[name] is af.get_activation(name)

    def test_unknown_name_lists_valid_names(self) -> None:
        """An unknown name raises ValueError that lists every valid name."""
        with pytest.raises(ValueError, match="swish") as info:
            af.get_activation("swish")
        assert all(repr(name) in str(info.value) for name in NAMES)

    def test_unhashable_name(self) -> None:
        """An unhashable argument raises ValueError, not TypeError."""
        with pytest.raises(ValueError, match="unknown activation"):
            af.get_activation(["relu"])  # type: ignore[arg-type]


def _loss(task: str, a: np.ndarray, y: np.ndarray) -> float:
    """Per-example loss written from the textbook formulas (independent of the library)."""
    if task == "regression":
        return float(0.5 * np.sum((a - y) ** 2))
    if task == "binary":
        return float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)))
    return float(-np.sum(y * np.log(a)))


def _activate(task: str, z: np.ndarray) -> np.ndarray:
    """Output activation written from the textbook formulas."""
    if task == "regression":
        return z
    if task == "binary":
        return np.asarray(1.0 / (1.0 + np.exp(-z)))
    e = np.exp(z - z.max())
    return np.asarray(e / e.sum())


class TestOutputActivation:
    @pytest.mark.parametrize(
        ("task", "activation", "loss"),
        [
            ("regression", "identity", "mean_squared_error"),
            ("binary", "sigmoid", "binary_cross_entropy"),
            ("multiclass", "softmax", "categorical_cross_entropy"),
        ],
    )
    def test_pairings(self, task: str, activation: str, loss: str) -> None:
        """Each task gets the course's output activation and its matching loss."""
        layer = af.output_activation(task)
        assert (task, activation, loss) == (layer.task, layer.activation, layer.loss)

    def test_regression_fills_the_empty_cell(self) -> None:
        """Regression is the cell the notes leave empty; ReLU is its alternative."""
        layer = af.output_activation("regression")
        assert (layer.in_notes, layer.alternatives) == (False, ("relu",))

    def test_alternatives_are_known_activations(self) -> None:
        """Every alternative is a key of ACTIVATIONS."""
        for task in ("regression", "binary", "multiclass"):
            for name in af.output_activation(task).alternatives:
                assert name in ACTIVATIONS

    def test_unknown_task_lists_valid_tasks(self) -> None:
        """An unknown task raises ValueError that lists the valid tasks."""
        with pytest.raises(ValueError, match="'regression', 'binary', 'multiclass'"):
            af.output_activation("ranking")

    def test_frozen(self) -> None:
        """An OutputLayer cannot be modified."""
        layer: OutputLayer = af.output_activation("binary")
        with pytest.raises(dataclasses.FrozenInstanceError):
            layer.loss = "hinge"  # type: ignore[misc]

    @pytest.mark.parametrize("task", ["regression", "binary", "multiclass"])
    def test_pairing_gives_a_minus_y(self, task: str) -> None:
        """For each pairing, dL/dz equals a - y (centred differences, to 1e-8)."""
        rng = np.random.default_rng(0)
        n = 1 if task != "multiclass" else 4
        z = rng.normal(size=n)
        y = (
            rng.normal(size=n)
            if task == "regression"
            else np.eye(n)[1]
            if task == "multiclass"
            else np.array([1.0])
        )
        h = 1e-6
        numeric = np.array(
            [
                (
                    _loss(task, _activate(task, z + h * e), y)
                    - _loss(task, _activate(task, z - h * e), y)
                )
                / (2 * h)
                for e in np.eye(n)
            ]
        )
        np.testing.assert_allclose(_activate(task, z) - y, numeric, rtol=0, atol=1e-8)
