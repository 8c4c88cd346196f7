"""Notebook execution: a cache per language, the kernels' environment, an output folder.

What it changes:

- **A notebook cache per language.** ``nb_execution_cache_path`` becomes
  ``build/.jupyter_cache/<language>`` unless given with ``-D``. myst-nb shares
  one jupyter-cache between builds by default, so the English edition would
  silently reuse the Korean edition's outputs.
- **The kernels' environment.** Kernels inherit the Sphinx process's
  environment, which is set when the configuration is read, before any
  notebook runs: ``MATPLOTLIBRC`` points at this package's ``matplotlibrc``
  (fixed size and resolution, PNG); ``MPLBACKEND`` is removed, so that
  ipykernel picks its inline backend (with ``MPLBACKEND=Agg`` a kernel shows
  no figures); ``PYTHONHASHSEED`` and ``SOURCE_DATE_EPOCH`` are fixed, and
  BLAS runs on one thread (``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS``,
  ``MKL_NUM_THREADS``: a sum split over threads may round differently from
  run to run), so two builds write the same bytes.
- **myst-nb's output folder.** myst-nb writes every image a cell makes to
  ``<outdir>/../jupyter_execute`` before Sphinx copies it to ``_images``
  (executablebooks/MyST-NB#129): for ``build/html/ko`` that is
  ``build/html/jupyter_execute``, inside the site that ``make serve`` serves
  and shared by the editions. :func:`stage_outputs_in` moves it next to the
  edition's doctrees. myst-nb has no setting for it (its ``output_folder`` is
  excluded from Sphinx's configuration), so this relies on
  ``env.mystnb_config`` (see :mod:`course_site.upstream`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import ExtensionMetadata

from course_site import BUILD
from course_site.upstream import UpstreamChanged

#: Matplotlib settings of the kernels (fixed size and resolution, PNG).
MATPLOTLIBRC: Final = Path(__file__).resolve().with_name("matplotlibrc")
#: The variables that set how many threads BLAS uses (OpenBLAS, OpenMP, MKL).
BLAS_THREADS: Final = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
#: SOURCE_DATE_EPOCH when neither make nor Read the Docs sets it (2026-01-01).
DEFAULT_SOURCE_DATE_EPOCH: Final = "1767225600"


def use_language_cache(app: Sphinx, config: Config) -> None:
    """Give the edition's language its own notebook cache (unless set with -D)."""
    language = str(config.language or "ko")
    if not config.nb_execution_cache_path:
        config.nb_execution_cache_path = str(BUILD / ".jupyter_cache" / language)


def set_kernel_environment(app: Sphinx, config: Config) -> None:
    """Set the environment that the notebook kernels inherit."""
    os.environ["MATPLOTLIBRC"] = str(MATPLOTLIBRC)
    os.environ.pop("MPLBACKEND", None)
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.setdefault("SOURCE_DATE_EPOCH", DEFAULT_SOURCE_DATE_EPOCH)
    for threads in BLAS_THREADS:
        os.environ[threads] = "1"


def stage_outputs_in(env: BuildEnvironment, folder: Path) -> None:
    """Make myst-nb write cell outputs (images) to ``folder`` before Sphinx copies them.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When the environment has no ``mystnb_config`` with an ``output_folder``
        field and a ``copy`` method (myst-nb sets it when the builder starts).
    """
    config = getattr(env, "mystnb_config", None)
    if (
        config is None
        or not hasattr(config, "copy")
        or not hasattr(config, "output_folder")
    ):
        raise UpstreamChanged(
            "myst-nb",
            "env.mystnb_config (an NbParserConfig with output_folder)",
            "is missing or changed",
            user=__name__,
        )
    env.mystnb_config = config.copy(output_folder=str(folder))  # type: ignore[attr-defined]


def move_notebook_outputs(app: Sphinx) -> None:
    """Stage cell outputs next to the edition's doctrees, out of the served tree."""
    stage_outputs_in(app.env, Path(app.doctreedir) / "jupyter_execute")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set the cache, the kernels' environment and the output folder of notebooks."""
    app.setup_extension("myst_nb")
    app.connect("config-inited", use_language_cache)
    # After Sphinx has read SOURCE_DATE_EPOCH for the copyright year (its hook
    # has priority 800): the default here is for the kernels only.
    app.connect("config-inited", set_kernel_environment, priority=900)
    # After myst-nb's own builder-inited hook (priority 500), which creates
    # env.mystnb_config.
    app.connect("builder-inited", move_notebook_outputs, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
