"""The pages' claims hold on another machine and for another seed.

A page states conclusions about its outputs ("the ReLU share never falls"),
and each one is asserted in a hidden cell next to the output, so the build
fails when it stops holding. These tests run every page again, outside
Sphinx, the way another machine or another student would:

- with every result of NumPy's transcendental functions moved by an ulp
  (``perturbed_arithmetic/sitecustomize.py``: up, down, or at random), which
  imitates another CPU, BLAS kernel or NumPy version;
- with another seed: a page's first cell is tagged ``parameters`` and defines
  ``SEED``; the test adds a cell after it that sets another value, as
  papermill does.

A cell that fails (a claim's ``assert`` above all) fails the test with the
cell's traceback, which names the claim. The library's docstring examples are
run under the same perturbations: an example that prints digits a machine
may change fails here, not on the next contributor's computer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import nbformat
import pytest
from myst_nb.core.read import (  # type: ignore[import-untyped]
    read_myst_markdown_notebook,
)
from myst_parser.config.main import MdParserConfig
from nbclient import NotebookClient

REPO: Final = Path(__file__).resolve().parents[2]
DOCS: Final = REPO / "docs"
PERTURBATION: Final = Path(__file__).resolve().parent / "perturbed_arithmetic"
#: nbformat's notebooks are untyped dictionaries with attribute access.
Notebook = Any
#: The tag of the cell that defines the page's parameters (papermill's name).
PARAMETERS: Final = "parameters"


@dataclass(frozen=True)
class Variant:
    """One way of running a page that is not the build's own."""

    id: str
    #: PERTURBED_ARITHMETIC: "up", "down" or "random:<seed>".
    arithmetic: str
    #: The value given to SEED (None: the page's own).
    seed: int | None


VARIANTS: Final = (
    Variant("exp-up", "up", None),
    Variant("exp-down-seed-1", "down", 1),
    Variant("exp-random-seed-2", "random:2", 2),
)


def executed_pages() -> list[Path]:
    """Return the pages that have code cells."""
    return sorted(
        path
        for path in DOCS.glob("*.md")
        if "```{code-cell}" in path.read_text(encoding="utf-8")
    )


def read_page(path: Path) -> Notebook:
    """Read a MyST-NB page as a notebook."""
    return read_myst_markdown_notebook(
        path.read_text(encoding="utf-8"), MdParserConfig()
    )


def parameters_cell(notebook: Notebook) -> int | None:
    """Return the index of the cell tagged ``parameters``, or None."""
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and PARAMETERS in cell.metadata.get("tags", []):
            return index
    return None


def with_seed(notebook: Notebook, seed: int) -> Notebook:
    """Return the notebook with ``SEED = seed`` set after its parameters cell."""
    index = parameters_cell(notebook)
    if index is None:
        msg = "the page has no cell tagged 'parameters' that defines SEED"
        raise ValueError(msg)
    copy = nbformat.from_dict(notebook)  # type: ignore[no-untyped-call]
    injected = nbformat.v4.new_code_cell(  # type: ignore[no-untyped-call]
        f"SEED = {seed}", metadata={"tags": ["injected-parameters"]}
    )
    copy.cells.insert(index + 1, injected)
    return copy


def run(notebook: Notebook, monkeypatch: pytest.MonkeyPatch) -> None:
    """Execute the notebook in a fresh kernel from docs/, as the build does."""
    monkeypatch.setenv("MPLBACKEND", "Agg")
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(DOCS)}},
    )
    client.execute()


def perturb(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    """Make every Python process started from here run with perturbed arithmetic."""
    path = os.pathsep.join(
        filter(None, [str(PERTURBATION), os.environ.get("PYTHONPATH")])
    )
    monkeypatch.setenv("PYTHONPATH", path)
    monkeypatch.setenv("PERTURBED_ARITHMETIC", mode)


class TestThePerturbation:
    """The perturbation really moves results, within the functions' ranges."""

    @pytest.mark.parametrize("mode", ["up", "down", "random:2"])
    def test_exp_moves(self, mode: str) -> None:
        """np.exp(1) is no longer the same double, and out= arrays are kept."""
        code = (
            "import numpy as np\n"
            "out = np.empty(3)\n"
            "result = np.exp(np.array([1.0, 2.0, 3.0]), out=out)\n"
            "print(result is out, repr(float(np.exp(1.0)) - 2.718281828459045))\n"
            "print(float(np.tanh(40.0)) <= 1.0)\n"
        )
        env = {**os.environ, "PYTHONPATH": str(PERTURBATION)}
        env["PERTURBED_ARITHMETIC"] = mode
        plain = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
        moved = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout.split()
        assert plain == ["True", "0.0", "True"]
        assert moved[0] == "True"
        assert moved[2] == "True"
        if mode != "random:2":  # a random step may be zero for one element
            assert moved[1] != "0.0"


def draws_random_numbers(notebook: Notebook) -> bool:
    """Tell whether a page's code passes a seed or makes a random generator."""
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    return "seed=" in code or "default_rng(" in code


class TestParameters:
    """Every page that draws random numbers lets the test choose its seed."""

    def test_seeded_pages_have_parameters(self) -> None:
        """A page that passes a seed defines SEED in a cell tagged parameters."""
        missing = []
        for path in executed_pages():
            notebook = read_page(path)
            index = parameters_cell(notebook)
            if draws_random_numbers(notebook) and (
                index is None or "SEED =" not in notebook.cells[index].source
            ):
                missing.append(path.name)
        assert missing == [], "tag the cell that sets SEED with 'parameters'"

    def test_seed_is_injected_after_the_parameters(self) -> None:
        """The injected cell follows the parameters cell and overrides SEED."""
        new_cell = nbformat.v4.new_code_cell
        notebook = nbformat.v4.new_notebook()  # type: ignore[no-untyped-call]
        notebook.cells = [
            new_cell("SEED = 0", metadata={"tags": [PARAMETERS]}),  # type: ignore[no-untyped-call]
            new_cell("print(SEED)"),  # type: ignore[no-untyped-call]
        ]
        changed = with_seed(notebook, 7)
        assert [c.source for c in changed.cells] == [
            "SEED = 0",
            "SEED = 7",
            "print(SEED)",
        ]
        assert len(notebook.cells) == 2


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.id)
@pytest.mark.parametrize("path", executed_pages(), ids=lambda p: p.stem)
def test_page_claims_hold(
    path: Path, variant: Variant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every cell of the page runs, every claim holds, on another machine and seed."""
    notebook = read_page(path)
    if variant.seed is not None and parameters_cell(notebook) is not None:
        notebook = with_seed(notebook, variant.seed)
    perturb(monkeypatch, variant.arithmetic)
    run(notebook, monkeypatch)


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.id)
def test_docstring_examples_hold(variant: Variant) -> None:
    """The library's docstring examples print nothing a machine can change."""
    env = {**os.environ, "PYTHONPATH": str(PERTURBATION)}
    env["PERTURBED_ARITHMETIC"] = variant.arithmetic
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--doctest-modules",
            str(REPO / "src" / "activation_functions"),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
