"""The flat namespace exports exactly its public names (as httpx's test does)."""

from __future__ import annotations

import inspect
import subprocess
import sys
import types

import pytest

import activation_functions as af

#: The functions of _activations, _modern and _softmax: full numpydoc required.
NUMERIC = [
    "elu",
    "elu_derivative",
    "gelu",
    "gelu_derivative",
    "identity",
    "identity_derivative",
    "leaky_relu",
    "leaky_relu_derivative",
    "log_softmax",
    "logsumexp",
    "relu",
    "relu_derivative",
    "sigmoid",
    "sigmoid_derivative",
    "sigmoid_derivative_from_output",
    "silu",
    "silu_derivative",
    "softmax",
    "softmax_cross_entropy_gradient",
    "softmax_jacobian",
    "softmax_jvp",
    "softplus",
    "softplus_derivative",
    "tanh",
    "tanh_derivative",
    "tanh_derivative_from_output",
]
SECTIONS = ["Parameters", "Returns", "Raises", "See Also", "Notes", "Examples"]


class TestExportedMembers:
    def test_all_is_the_public_namespace(self) -> None:
        """__all__ lists every public name of the package, and nothing else."""
        public = {
            name
            for name, value in vars(af).items()
            if not name.startswith("_") and not isinstance(value, types.ModuleType)
        }
        assert public == set(af.__all__)

    def test_all_is_sorted_without_duplicates(self) -> None:
        """__all__ is sorted (case-sensitive, as ruff sorts it) with no repeats."""
        assert sorted(set(af.__all__)) == af.__all__

    def test_exports_belong_to_the_package(self) -> None:
        """Every exported function or class is defined inside the package."""
        modules = {
            getattr(af, name).__module__
            for name in af.__all__
            if inspect.isfunction(getattr(af, name))
            or inspect.isclass(getattr(af, name))
        }
        assert all(module.startswith("activation_functions.") for module in modules)

    def test_numeric_functions_are_exported(self) -> None:
        """Every activation, derivative and softmax function is in __all__."""
        assert set(NUMERIC) <= set(af.__all__)

    @pytest.mark.parametrize("name", NUMERIC)
    def test_numpydoc_sections(self, name: str) -> None:
        """The docstring has every numpydoc section, in the standard order."""
        doc = inspect.getdoc(getattr(af, name)) or ""
        headers = [
            line
            for index, line in enumerate(doc.splitlines()[:-1])
            if set(doc.splitlines()[index + 1]) == {"-"}
        ]
        assert headers == SECTIONS

    @pytest.mark.parametrize("name", NUMERIC)
    def test_signature(self, name: str) -> None:
        """The array argument is positional-only and out= is keyword-only."""
        parameters = inspect.signature(getattr(af, name)).parameters
        kinds = {parameter.name: parameter.kind for parameter in parameters.values()}
        first = next(iter(parameters.values()))
        assert first.kind is inspect.Parameter.POSITIONAL_ONLY
        assert kinds["out"] is inspect.Parameter.KEYWORD_ONLY


class TestImports:
    def test_numpy_alone(self) -> None:
        """Importing the package and computing GELU (exact and tanh form, with
        derivatives) loads neither SciPy nor matplotlib: NumPy is the only
        dependency."""
        code = (
            "import sys, activation_functions as af; "
            "af.gelu([-40.0, 1.0]); af.gelu_derivative([-1.0, 2.0]); "
            "af.gelu([1.0], approximate=True); af.log_softmax([1.0, 2.0]); "
            "print(sorted({'scipy', 'matplotlib'} & set(sys.modules)))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"
