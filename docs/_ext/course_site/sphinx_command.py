"""The site's one ``sphinx-build`` command line.

Everything that builds the site locally builds it with :func:`sphinx_arguments`:
``make docs`` and ``make doctest`` (``python -m course_site.sphinx_command``),
``make serve`` (``scripts/serve.py``), ``make translations``
(:mod:`course_site.translation_catalogs`), ``benchmarks/bench_docs.py`` and
``tests/docs/test_reproducible.py``. Read the Docs runs the command written in
``.readthedocs.yaml`` (it sets the output folder and the language itself);
``tests/docs/test_readthedocs.py`` builds the English edition with that line.

The shape of the command, and why:

- ``-c <repository> <repository>/docs``: conf.py sits at the top of the
  repository and the pages in ``docs/``, so URLs stay clean
  (``sigmoid.html``, not ``docs/sigmoid.html``);
- ``-D language=<language>``: each edition is one build of the same pages;
- ``-d build/doctrees/<language>`` and ``build/<builder>/<language>``: each
  edition keeps its own doctrees and output, so the editions never share
  state (their notebook caches are apart too, see :mod:`course_site.notebooks`).

Usage::

    python -m course_site.sphinx_command [--output DIR] [--doctrees DIR]
                                         BUILDER LANGUAGE [SPHINX OPTION ...]

for example ``python -m course_site.sphinx_command html en -W --keep-going -n``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Final

from course_site import ROOT

#: Warnings fail the build (all of them reported), and every reference must
#: resolve: the options of ``make docs`` and ``make doctest``.
STRICT: Final = ("-W", "--keep-going", "-n")
#: ``sphinx-build`` as a command, run by the running Python (``sys.executable``),
#: so that a build uses its caller's environment: ``[*SPHINX_BUILD, *arguments]``.
SPHINX_BUILD: Final = (sys.executable, "-m", "sphinx")


def sphinx_arguments(
    builder: str,
    language: str,
    *,
    project: Path = ROOT,
    output: Path | None = None,
    doctrees: Path | None = None,
    options: Sequence[str] = (),
) -> list[str]:
    """Return the arguments of ``sphinx-build`` for one edition of the site.

    Parameters
    ----------
    builder : str
        Sphinx's builder (``"html"``, ``"doctest"``, ``"gettext"``).
    language : str
        The edition (``"ko"``, ``"en"``).
    project : pathlib.Path, optional
        The folder that holds conf.py and ``docs/`` (a copy, for benchmarks).
    output : pathlib.Path, optional
        Where Sphinx writes; ``<project>/build/<builder>/<language>`` if not given.
    doctrees : pathlib.Path, optional
        Sphinx's cache; ``<project>/build/doctrees/<language>`` if not given.
    options : sequence of str, optional
        More options for ``sphinx-build`` (``STRICT``, ``-q``, ``-j 2``, ``-D ...``).

    Returns
    -------
    list of str
        The arguments, without the program.

    Examples
    --------
    >>> args = sphinx_arguments("html", "en", project=Path("/p"), options=STRICT)
    >>> " ".join(args)  # doctest: +NORMALIZE_WHITESPACE
    '-b html -c /p -d /p/build/doctrees/en -D language=en -W --keep-going -n
     /p/docs /p/build/html/en'
    """
    build = project / "build"
    return [
        "-b",
        builder,
        "-c",
        str(project),
        "-d",
        str(doctrees or build / "doctrees" / language),
        "-D",
        f"language={language}",
        *options,
        str(project / "docs"),
        str(output or build / builder / language),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Build one edition with :func:`sphinx_arguments`; return Sphinx's exit status."""
    from sphinx.cmd.build import main as sphinx_build  # noqa: PLC0415 (only here)

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--doctrees", type=Path, default=None)
    parser.add_argument("builder")
    parser.add_argument("language")
    parser.add_argument("sphinx_options", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    arguments = sphinx_arguments(
        args.builder,
        args.language,
        output=args.output,
        doctrees=args.doctrees,
        options=args.sphinx_options,
    )
    print("sphinx-build", " ".join(arguments), flush=True)
    return sphinx_build(arguments)


if __name__ == "__main__":
    sys.exit(main())
