r"""Notebook execution: a cache per language, the kernels' environment, an output folder.

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
- **A cell's printed text, whole.** A kernel sends what a cell prints in
  pieces, as its output buffer happens to be flushed: ``print`` writes the
  text and its line end separately, so under load one line can arrive as
  ``"...e-03"`` and the next piece start with ``"\n"``. With
  ``nb_merge_streams`` myst-nb joins the pieces, but it strips each piece
  and ends it with a newline (``myst_nb.core.utils.coalesce_streams``), which
  turns such a split into an empty line: two builds of one commit then differ
  (``tests/docs/test_reproducible.py`` saw it on two pages). :func:`merge_streams`
  first joins consecutive pieces of one stream exactly as written, then lets
  myst-nb's function do the rest; :func:`use_exact_stream_merge` puts it in
  myst-nb's renderer (see :mod:`course_site.upstream`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

from myst_nb.core import render  # type: ignore[import-untyped]
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


def merge_streams(
    outputs: list[Any], coalesce: Callable[[list[Any]], list[Any]]
) -> list[Any]:
    r"""Join the pieces of each output stream exactly, then apply ``coalesce``.

    Parameters
    ----------
    outputs
        A code cell's outputs (nbformat output dictionaries).
    coalesce
        myst-nb's own ``coalesce_streams``, applied to the joined outputs.

    Examples
    --------
    A line end sent as a piece of its own stays one line end:

    >>> pieces = [
    ...     {"output_type": "stream", "name": "stdout", "text": "a = 1.00"},
    ...     {"output_type": "stream", "name": "stdout", "text": "\nb = 2.00\n"},
    ... ]
    >>> merge_streams(pieces, lambda outputs: outputs)[0]["text"]
    'a = 1.00\nb = 2.00\n'

    Another output between two pieces keeps them apart:

    >>> figure = {"output_type": "display_data", "data": {}, "metadata": {}}
    >>> merged = merge_streams([pieces[0], figure, pieces[1]], lambda outputs: outputs)
    >>> [output["output_type"] for output in merged]
    ['stream', 'display_data', 'stream']
    """
    joined: list[Any] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and output.get("output_type") == "stream"
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous = previous.copy()
            previous["text"] = _text(previous["text"]) + _text(output["text"])
            joined[-1] = previous
        else:
            joined.append(output)
    return coalesce(joined)


def _text(text: str | list[str]) -> str:
    """Return a stream's text as one string (nbformat allows a list of lines)."""
    return text if isinstance(text, str) else "".join(text)


def use_exact_stream_merge(app: Sphinx, config: Config) -> None:
    """Make myst-nb's renderer join stream pieces with :func:`merge_streams`.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When ``myst_nb.core.render`` no longer calls a module-level
        ``coalesce_streams`` (the function that ``nb_merge_streams`` applies).
    """
    original = getattr(render, "coalesce_streams", None)
    if not callable(original):
        raise UpstreamChanged(
            "myst-nb",
            "myst_nb.core.render.coalesce_streams (what nb_merge_streams applies)",
            "is missing",
            user=__name__,
        )
    original = getattr(original, "__wrapped__", original)

    def coalesce_streams(outputs: list[Any]) -> list[Any]:
        return merge_streams(outputs, original)

    coalesce_streams.__wrapped__ = original  # type: ignore[attr-defined]
    render.coalesce_streams = coalesce_streams


def setup(app: Sphinx) -> ExtensionMetadata:
    """Set the cache, the kernels' environment and the output folder of notebooks."""
    app.setup_extension("myst_nb")
    app.connect("config-inited", use_language_cache)
    app.connect("config-inited", use_exact_stream_merge)
    # After Sphinx has read SOURCE_DATE_EPOCH for the copyright year (its hook
    # has priority 800): the default here is for the kernels only.
    app.connect("config-inited", set_kernel_environment, priority=900)
    # After myst-nb's own builder-inited hook (priority 500), which creates
    # env.mystnb_config.
    app.connect("builder-inited", move_notebook_outputs, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
