"""Tests for input checks: bad inputs, bad axes and bad ``out=`` arrays."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import activation_functions as af
from activation_functions._validation import as_float_array, check_out, describe

Function = Callable[..., np.ndarray[Any, Any]]

#: Every public function, called with one array and an optional ``out=``.
UNARY: dict[str, Function] = {
    "identity": af.identity,
    "identity_derivative": af.identity_derivative,
    "sigmoid": af.sigmoid,
    "sigmoid_derivative": af.sigmoid_derivative,
    "sigmoid_derivative_from_output": af.sigmoid_derivative_from_output,
    "tanh": af.tanh,
    "tanh_derivative": af.tanh_derivative,
    "tanh_derivative_from_output": af.tanh_derivative_from_output,
    "relu": af.relu,
    "relu_derivative": af.relu_derivative,
    "leaky_relu": af.leaky_relu,
    "leaky_relu_derivative": af.leaky_relu_derivative,
    "softplus": af.softplus,
    "softplus_derivative": af.softplus_derivative,
    "silu": af.silu,
    "silu_derivative": af.silu_derivative,
    "elu": af.elu,
    "elu_derivative": af.elu_derivative,
    "gelu": af.gelu,
    "gelu_derivative": af.gelu_derivative,
    "softmax": af.softmax,
    "log_softmax": af.log_softmax,
}


def _jvp(z: object, **kwargs: Any) -> np.ndarray[Any, Any]:
    return af.softmax_jvp(z, z, **kwargs)  # type: ignore[arg-type]


def _cross_entropy(z: object, **kwargs: Any) -> np.ndarray[Any, Any]:
    return af.softmax_cross_entropy_gradient(z, z, **kwargs)  # type: ignore[arg-type]


#: Functions whose result has the shape of the input.
SAME_SHAPE: dict[str, Function] = {
    **UNARY,
    "softmax_jvp": _jvp,
    "softmax_cross_entropy_gradient": _cross_entropy,
}
ALL: dict[str, Function] = {
    **SAME_SHAPE,
    "softmax_jacobian": af.softmax_jacobian,
    "logsumexp": af.logsumexp,
}

BAD_INPUTS = {
    "str": ("1.0", "str"),
    "None": (None, "NoneType"),
    "bytes": (b"1", "bytes"),
    "complex": (1 + 2j, "complex"),
    "complex array": (np.ones(3, dtype=complex), "complex128"),
    "object array": (np.array([1.0, "a"], dtype=object), "object"),
    "datetime array": (np.array(["2024-01-01"], dtype="datetime64[D]"), "datetime64"),
    "timedelta array": (np.array([1], dtype="timedelta64[s]"), "timedelta64"),
    "list of str": (["a", "b"], "list"),
    "datetime": (datetime.datetime(2024, 1, 1), "datetime"),
    "dict": ({"z": 1.0}, "dict"),
    "ragged list": ([1.0, [2.0, 3.0]], "list"),
}


@pytest.fixture(params=sorted(ALL), name="function_name")
def _function_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


class TestBadInput:
    @pytest.mark.parametrize("case", sorted(BAD_INPUTS))
    def test_type_error_names_function_and_type(
        self, function_name: str, case: str
    ) -> None:
        """A non-real input raises TypeError naming the function and the type."""
        value, type_name = BAD_INPUTS[case]
        with pytest.raises(TypeError) as info:
            ALL[function_name](value)
        message = str(info.value)
        assert f"{function_name}()" in message
        assert type_name in message

    @pytest.mark.parametrize(
        "function_name", ["softmax_jvp", "softmax_cross_entropy_gradient"]
    )
    def test_second_argument_checked(self, function_name: str) -> None:
        """The second array of a two-argument function is checked as well."""
        function = getattr(af, function_name)
        with pytest.raises(TypeError, match=re.escape(f"{function_name}()")):
            function([1.0, 2.0], ["a", "b"])

    @pytest.mark.parametrize(
        "function_name", ["softmax_jvp", "softmax_cross_entropy_gradient"]
    )
    def test_second_argument_shape(self, function_name: str) -> None:
        """A second array that does not broadcast to z raises ValueError."""
        function = getattr(af, function_name)
        with pytest.raises(ValueError, match="does not broadcast"):
            function([1.0, 2.0, 3.0], [1.0, 2.0])

    @pytest.mark.parametrize(
        "value",
        [True, 1, np.int8(3), np.uint64(7)],
        ids=["bool", "int", "int8", "uint64"],
    )
    def test_bool_and_integers_accepted(
        self, function_name: str, value: object
    ) -> None:
        """Booleans and integers are real numbers: they give float64."""
        assert np.float64 == ALL[function_name](value).dtype


PARAMETERS = [
    pytest.param(af.leaky_relu, "negative_slope", id="leaky_relu"),
    pytest.param(af.leaky_relu_derivative, "negative_slope", id="leaky_relu'"),
    pytest.param(af.elu, "alpha", id="elu"),
    pytest.param(af.elu_derivative, "alpha", id="elu'"),
]


class TestNegativeSlope:
    @pytest.mark.parametrize(("function", "name"), PARAMETERS)
    @pytest.mark.parametrize("slope", ["0.1", None, True, 1j, [0.1]], ids=repr)
    def test_type_error(self, function: Function, name: str, slope: object) -> None:
        """A negative_slope or alpha that is not a real number raises TypeError."""
        with pytest.raises(TypeError, match=f"{name} must be a real number"):
            function([1.0], slope)

    @pytest.mark.parametrize(("function", "name"), PARAMETERS)
    @pytest.mark.parametrize("slope", [np.nan, np.inf, -np.inf], ids=repr)
    def test_value_error(self, function: Function, name: str, slope: float) -> None:
        """A NaN or infinite negative_slope or alpha raises ValueError."""
        with pytest.raises(ValueError, match=f"{name} must be finite"):
            function([1.0], slope)

    @pytest.mark.parametrize("function", [af.gelu, af.gelu_derivative])
    @pytest.mark.parametrize("flag", ["yes", 1, None, 0.0], ids=repr)
    def test_approximate_must_be_bool(self, function: Function, flag: object) -> None:
        """GELU's approximate= flag must be True or False: anything else is a
        TypeError naming the function and the type."""
        name = function.__name__
        with pytest.raises(TypeError, match=re.escape(f"{name}() approximate")):
            function([1.0], flag)

    def test_integer_slope(self) -> None:
        """An integer slope is a real number."""
        np.testing.assert_array_equal([-2.0, 3.0], af.leaky_relu([-1.0, 3.0], 2))


SOFTMAX_FAMILY = [
    "softmax",
    "log_softmax",
    "logsumexp",
    "softmax_jacobian",
    "softmax_jvp",
    "softmax_cross_entropy_gradient",
]


class TestAxis:
    @pytest.mark.parametrize("function_name", SOFTMAX_FAMILY)
    @pytest.mark.parametrize("axis", [2, -3, 5])
    def test_out_of_range(self, function_name: str, axis: int) -> None:
        """An axis outside the array's dimensions raises numpy's AxisError."""
        with pytest.raises(np.exceptions.AxisError, match=re.escape(function_name)):
            ALL[function_name](np.zeros((2, 3)), axis=axis)

    @pytest.mark.parametrize("axis", [1.0, "0", None, (0,), True], ids=repr)
    def test_not_an_integer(self, axis: object) -> None:
        """A non-integer axis raises TypeError naming the function."""
        with pytest.raises(TypeError, match=re.escape("softmax() axis")):
            af.softmax(np.zeros((2, 3)), axis=axis)  # type: ignore[arg-type]

    def test_numpy_integer(self) -> None:
        """A NumPy integer is a valid axis."""
        np.testing.assert_array_equal(
            af.softmax(np.zeros((2, 3)), axis=1),
            af.softmax(np.zeros((2, 3)), axis=np.int64(1)),
        )


class TestOut:
    @staticmethod
    def _shape(function_name: str) -> tuple[int, ...]:
        shapes = {"softmax_jacobian": (4, 3, 3), "logsumexp": (4,)}
        return shapes.get(function_name, (4, 3))

    def test_wrong_shape(self, function_name: str) -> None:
        """out= of another shape raises ValueError and is left untouched."""
        out = np.full((5,), 7.0)
        with pytest.raises(
            ValueError, match=re.escape(f"{function_name}() out= has shape")
        ):
            ALL[function_name](np.ones((4, 3)), out=out)
        np.testing.assert_array_equal(np.full((5,), 7.0), out)

    def test_wrong_dtype(self, function_name: str) -> None:
        """out= of another dtype raises ValueError and is left untouched."""
        out = np.full(self._shape(function_name), 7.0, dtype=np.float32)
        with pytest.raises(ValueError, match="out= has dtype float32"):
            ALL[function_name](np.ones((4, 3)), out=out)
        np.testing.assert_array_equal(np.full(self._shape(function_name), 7.0), out)

    def test_integer_out_refused(self, function_name: str) -> None:
        """An integer out= is refused for integer input: the result is float64."""
        out = np.zeros(self._shape(function_name), dtype=np.int64)
        with pytest.raises(ValueError, match="dtype int64"):
            ALL[function_name](np.ones((4, 3), dtype=np.int64), out=out)

    def test_not_an_array(self, function_name: str) -> None:
        """out= that is not an ndarray raises TypeError."""
        message = "out= must be a numpy.ndarray, got list"
        with pytest.raises(TypeError, match=re.escape(message)):
            ALL[function_name](np.ones((4, 3)), out=[0.0] * 12)

    def test_read_only(self, function_name: str) -> None:
        """A read-only out= raises ValueError and is left untouched."""
        out = np.zeros(self._shape(function_name))
        out.flags.writeable = False
        with pytest.raises(ValueError, match="read-only"):
            ALL[function_name](np.ones((4, 3)), out=out)
        np.testing.assert_array_equal(np.zeros(self._shape(function_name)), out)

    def test_bad_input_leaves_out_untouched(self, function_name: str) -> None:
        """When the input is refused, nothing is written into out=."""
        out = np.full(self._shape(function_name), 7.0)
        with pytest.raises(TypeError):
            ALL[function_name](np.full((4, 3), "x"), out=out)
        np.testing.assert_array_equal(np.full(self._shape(function_name), 7.0), out)

    @pytest.mark.parametrize("function_name", SOFTMAX_FAMILY)
    def test_bad_axis_leaves_out_untouched(self, function_name: str) -> None:
        """When the axis is refused, nothing is written into out=."""
        out = np.full(self._shape(function_name), 7.0)
        with pytest.raises(np.exceptions.AxisError):
            ALL[function_name](np.ones((4, 3)), axis=3, out=out)
        np.testing.assert_array_equal(np.full(self._shape(function_name), 7.0), out)

    def test_returns_out(self, function_name: str) -> None:
        """A valid out= is filled and returned itself."""
        out = np.full(self._shape(function_name), np.nan)
        result = ALL[function_name](np.ones((4, 3)), out=out)
        assert result is out
        np.testing.assert_array_equal(ALL[function_name](np.ones((4, 3))), out)

    @pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
    def test_dtype_kept_with_out(self, function_name: str, dtype: type) -> None:
        """out= of the input's floating dtype is accepted for every float dtype."""
        out: np.ndarray[Any, Any] = np.empty(self._shape(function_name), dtype=dtype)
        assert ALL[function_name](np.ones((4, 3), dtype=dtype), out=out) is out


class TestHelpers:
    def test_describe(self) -> None:
        """describe() names plain types, NumPy scalars and array dtypes."""
        expected = ["int", "numpy.float32", "numpy.ndarray of dtype <U1"]
        assert expected == [
            describe(1),
            describe(np.float32(1)),
            describe(np.array(["a"])),
        ]

    def test_float_array_is_not_copied(self) -> None:
        """A floating ndarray is used as it is, without a copy."""
        array = np.ones(3, dtype=np.float32)
        assert as_float_array(array, "f") is array

    def test_subclass_becomes_ndarray(self) -> None:
        """An ndarray subclass (np.matrix here) gives a plain ndarray result."""
        with pytest.warns(PendingDeprecationWarning):
            matrix = np.matrix([[1.0, -2.0]])
        assert type(af.relu(matrix)) is np.ndarray

    def test_list_of_floats(self) -> None:
        """A nested list of floats becomes a float64 array of its shape."""
        array = as_float_array([[1.0, 2.0], [3.0, 4.0]], "f")
        assert (np.dtype(np.float64), (2, 2)) == (array.dtype, array.shape)

    def test_check_out_none(self) -> None:
        """check_out() passes None through."""
        assert check_out(None, (2,), np.dtype(np.float64), "f") is None
