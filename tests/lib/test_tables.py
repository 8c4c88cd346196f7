"""Tests for the Markdown table helpers."""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from activation_functions import ACTIVATIONS, output_activation, tables
from activation_functions.tables import MarkdownTable, format_number, markdown_table

HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
SCIENTIFIC = re.compile(r"^\$(-?[\d.]+) \\times 10\^\{(-?\d+)\}\$$")


def _parse(cell: str) -> float:
    """Read a number written by format_number back as a float."""
    match = SCIENTIFIC.match(cell)
    if match:
        return float(match[1]) * 10.0 ** int(match[2])
    specials = {r"$\infty$": math.inf, r"$-\infty$": -math.inf, "NaN": math.nan}
    return specials[cell] if cell in specials else float(cell)


class TestMarkdownTable:
    def test_is_a_string(self) -> None:
        """A MarkdownTable is a str holding the pipe table."""
        table = MarkdownTable(["a", "b"], [["1", "2"]])
        assert isinstance(table, str)
        assert table == "| a | b |\n| --- | --- |\n| 1 | 2 |"

    def test_repr_markdown(self) -> None:
        """_repr_markdown_ returns the same text, for Jupyter and MyST-NB."""
        table = MarkdownTable(["a"], [["1"]])
        assert str(table) == table._repr_markdown_()

    def test_repr_is_the_table(self) -> None:
        """repr shows the table, not a quoted string."""
        table = MarkdownTable(["a"], [["1"]])
        assert str(table) == repr(table)

    def test_header_and_rows_kept(self) -> None:
        """The cells are available as tuples."""
        table = MarkdownTable(["a", "b"], [["1", "2"], ["3", "4"]])
        assert (table.header, table.rows) == (("a", "b"), (("1", "2"), ("3", "4")))

    def test_pipes_and_newlines_escaped(self) -> None:
        """A pipe in a cell is escaped and line breaks become spaces."""
        table = MarkdownTable(["x"], [["a|b\nc"]])
        assert table.rows == (("a\\|b c",),)

    def test_row_length_checked(self) -> None:
        """A row with the wrong number of cells raises ValueError."""
        with pytest.raises(ValueError, match="row 0 has 1 cells"):
            MarkdownTable(["a", "b"], [["1"]])

    def test_alignment_checked(self) -> None:
        """An unknown alignment raises ValueError."""
        with pytest.raises(ValueError, match="align"):
            MarkdownTable(["a"], [["1"]], align=["middle"])  # type: ignore[list-item]

    def test_no_columns(self) -> None:
        """A table needs a column."""
        with pytest.raises(ValueError, match="column"):
            MarkdownTable([], [])


class TestMarkdownTableHelper:
    def test_number_columns_right_aligned(self) -> None:
        """Columns of numbers are right-aligned, text columns left-aligned."""
        table = markdown_table(["name", "$x$"], [["a", 1.0], ["b", 2]])
        assert table.splitlines()[1] == "| --- | ---: |"

    def test_numbers_formatted(self) -> None:
        """Numbers go through format_number; strings stay as they are."""
        table = markdown_table(["a", "b"], [[1e-9, "1e-9"]])
        assert table.rows == ((r"$1 \times 10^{-9}$", "1e-9"),)

    def test_bad_cell(self) -> None:
        """A cell that is neither text nor a number raises TypeError."""
        with pytest.raises(TypeError, match="list"):
            markdown_table(["a"], [[[1]]])  # type: ignore[list-item]


class TestWords:
    """The tables' words are the library's own: English, fixed, no Hangul."""

    TABLES = (
        tables.comparison_table,
        tables.formula_table,
        tables.saturation_table,
        tables.output_layer_table,
        tables.derivatives_table,
        tables.gradient_decay_table,
    )

    @pytest.mark.parametrize("make", TABLES)
    def test_no_hangul(self, make: Callable[[], str]) -> None:
        """No table the library writes contains Hangul."""
        assert HANGUL.search(make()) is None

    @pytest.mark.parametrize("make", TABLES)
    def test_environment_ignored(
        self, monkeypatch: pytest.MonkeyPatch, make: Callable[[], str]
    ) -> None:
        """A table is the same whatever the environment says about languages."""
        before = make()
        for variable in ("ACTIVATION_FUNCTIONS_LANGUAGE", "LANG", "LANGUAGE"):
            monkeypatch.setenv(variable, "ko")
        assert before == make()


class TestFormatNumber:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (0.25, "0.25"),
            (0.104993585, "0.105"),
            (0.0024669, "0.002467"),
            (-6.0, "-6"),
            (1234.5, "1234"),
            (12345.0, r"$1.234 \times 10^{4}$"),
            (4.5397868702434395e-05, r"$4.54 \times 10^{-5}$"),
            (math.inf, r"$\infty$"),
            (-math.inf, r"$-\infty$"),
            (math.nan, "NaN"),
        ],
    )
    def test_examples(self, value: float, expected: str) -> None:
        """Readable forms for zero, plain, tiny, huge and special values."""
        assert expected == format_number(value)

    @given(st.floats(-1e300, 1e300).filter(lambda v: v != 0))
    def test_round_trip(self, value: float) -> None:
        """Reading the text back gives the value to 4 significant digits."""
        assert value == pytest.approx(_parse(format_number(value)), rel=5.1e-4)


class TestDerivativeTable:
    @pytest.mark.parametrize("name", list(ACTIVATIONS))
    def test_values_from_library(self, name: str) -> None:
        """Columns z, g(z), g'(z) hold the library's values to 4 digits."""
        record = ACTIVATIONS[name]
        table = tables.derivative_table(name)
        z = np.array([-6.0, -2.0, 0.0, 2.0, 6.0])
        got = np.array([[_parse(c) for c in row[:3]] for row in table.rows])
        expected = np.column_stack([z, record.function(z), record.derivative(z)])
        np.testing.assert_allclose(expected, got, rtol=5e-4, atol=1e-300)

    @pytest.mark.parametrize("name", list(ACTIVATIONS))
    def test_finite_difference_column(self, name: str) -> None:
        """Away from 0 the centred difference agrees with g'(z) to 4 digits."""
        table = tables.derivative_table(name, z=[-3.0, -1.0, 1.0, 3.0])
        for row in table.rows:
            assert _parse(row[2]) == pytest.approx(_parse(row[-1]), rel=1e-3)

    @pytest.mark.parametrize(
        ("name", "header"),
        [("sigmoid", "$a(1 - a)$"), ("tanh", "$1 - a^2$")],
    )
    def test_a_form_column(self, name: str, header: str) -> None:
        """Sigmoid and tanh get a column with the notes' a-form."""
        assert header == tables.derivative_table(name).header[3]

    def test_a_form_breaks_down(self) -> None:
        """At z = 40 the a-form gives 0 while g'(z) is about 4e-18."""
        (row,) = tables.derivative_table("sigmoid", z=[40.0]).rows
        assert row[3] == "0"
        assert _parse(row[2]) == pytest.approx(4.248e-18, rel=1e-3)

    def test_relu_has_no_a_form(self) -> None:
        """ReLU has four columns: z, g, g', finite difference."""
        assert len(tables.derivative_table("relu").header) == 4

    def test_two_dimensional_z_rejected(self) -> None:
        """z must be one-dimensional."""
        with pytest.raises(ValueError, match="1-D"):
            tables.derivative_table("relu", z=[[1.0, 2.0]])


class TestDerivativesTable:
    def test_columns(self) -> None:
        """One column per activation after z, values equal to g'(z)."""
        table = tables.derivatives_table(z=[0.0, 1.0])
        assert ["$z$", *(r.label for r in ACTIVATIONS.values())] == list(table.header)
        assert [format_number(r.derivative_at_zero) for r in ACTIVATIONS.values()] == [
            *table.rows[0][1:]
        ]


class TestComparisonTable:
    def test_rows_follow_records(self) -> None:
        """One row per activation, in order, cells taken from the records."""
        table = tables.comparison_table()
        records = list(ACTIVATIONS.values())
        assert len(records) == len(table.rows)
        for record, row in zip(records, table.rows, strict=True):
            assert (
                f"${record.range_latex}$",
                format_number(record.max_derivative),
                format_number(record.derivative_at_zero),
            ) == (row[1], row[3], row[4])

    def test_words(self) -> None:
        """The table uses the display labels and says yes or no."""
        table = tables.comparison_table()
        assert (
            table.header[0],
            table.rows[1][0],
            table.rows[2][2],
            table.rows[1][2],
        ) == ("Function", "Sigmoid", "yes", "no")

    @pytest.mark.parametrize("name", list(ACTIVATIONS))
    def test_saturation_in_words(self, name: str) -> None:
        """The last column names the record's saturating side."""
        (row,) = tables.comparison_table(names=[name]).rows
        side = ACTIVATIONS[name].saturates
        assert row[-1].startswith(
            {"both": "both", "negative": "negative", "none": "none"}[side]
        )

    def test_subset(self) -> None:
        """names picks the rows."""
        assert len(tables.comparison_table(names=["relu", "tanh"]).rows) == 2


class TestFormulaTable:
    def test_tanh_formula_correct(self) -> None:
        """The tanh row shows the correct formula (no leading minus)."""
        (row,) = tables.formula_table(names=["tanh"]).rows
        assert row[1].startswith(r"$\frac{e^{z} - e^{-z}}")

    def test_dash_without_a_form(self) -> None:
        """ReLU has no a-form: its cell is a dash."""
        (row,) = tables.formula_table(names=["relu"]).rows
        assert row[3] == "—"


class TestSaturationTable:
    def test_sigmoid_interval(self) -> None:
        """The sigmoid row shows |z| > 2.887 for the threshold 0.05."""
        (row,) = tables.saturation_table(0.05, names=["sigmoid"]).rows
        assert row[1] == r"$(-\infty,\ -2.887) \cup (2.887,\ \infty)$"

    def test_empty_set(self) -> None:
        """The identity never saturates: the empty set."""
        (row,) = tables.saturation_table(0.05, names=["identity"]).rows
        assert row[1] == r"$\varnothing$"

    def test_threshold_in_header(self) -> None:
        """The header shows the threshold."""
        assert "0.1" in tables.saturation_table(0.1).header[1]


class TestGradientDecayTable:
    def test_powers(self) -> None:
        """Each cell is (max g')^L."""
        table = tables.gradient_decay_table(depths=[3], names=["sigmoid", "tanh"])
        assert (("3", format_number(0.25**3), "1"),) == table.rows


class TestOutputLayerTable:
    def test_three_tasks(self) -> None:
        """One row per task in the notes' order, named by the records."""
        table = tables.output_layer_table()
        assert [row[0] for row in table.rows] == [
            output_activation(task).task_label
            for task in ("regression", "binary", "multiclass")
        ]

    def test_formulas(self) -> None:
        """With formulas, each activation and loss cell ends with its LaTeX."""
        table = tables.output_layer_table()
        layer = output_activation("multiclass")
        assert table.rows[2][1].endswith(f"${layer.activation_latex}$")
        assert table.rows[2][2].endswith(f"${layer.loss_latex}$")

    def test_without_formulas(self) -> None:
        """formulas=False leaves names only."""
        table = tables.output_layer_table(formulas=False)
        assert table.rows[2][1] == "Softmax"

    def test_alternative(self) -> None:
        """Regression lists ReLU as its alternative; the others a dash."""
        rows = tables.output_layer_table().rows
        assert rows[0][3].startswith("ReLU: ")
        assert [rows[1][3], rows[2][3]] == ["—", "—"]
