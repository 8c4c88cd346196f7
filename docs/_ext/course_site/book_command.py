"""The PDF or the EPUB of one edition: ``make pdf``, ``make epub`` and Read the Docs.

Everything that makes a book runs :func:`build_book`: the ``pdf-<language>`` and
``epub-<language>`` targets of the Makefile, the ``pdf`` and ``epub`` jobs of
``.readthedocs.yaml`` and ``benchmarks/bench_docs.py``. The steps:

- **Sphinx**, with the site's one command line
  (:func:`course_site.sphinx_command.sphinx_arguments`, builder ``latex`` or
  ``epub``). Its doctrees are the HTML build's (``build/doctrees/<language>``
  unless given), so a book built after the site reads no page again and runs
  no notebook: the pages' outputs come from the edition's notebook cache
  (:mod:`course_site.notebooks`), and an unchanged page is not even parsed.
- **LaTeX** (PDF only): ``latexmk`` in ``build/latex/<language>`` runs
  XeLaTeX (Sphinx's ``latexmkrc``, ``latex_engine = "xelatex"``) and the
  index processor until the references settle. The index processor is
  ``upmendex`` (TeX Live's Unicode makeindex): makeindex heads each letter
  group with the first *byte* of its entries, which cuts a Hangul syllable
  in half (invalid UTF-8 in the book), while upmendex groups Hangul by its
  first consonant (ㄱ, ㄴ, ...). ``FORCE_SOURCE_DATE`` makes XeLaTeX date the
  PDF by ``SOURCE_DATE_EPOCH`` (the last commit's time, set by ``make``).
- **The file**: ``build/pdf/<language>/activation-functions.pdf``; the EPUB
  stays where Sphinx writes it, ``build/epub/<language>/``. With ``--output``
  (Read the Docs: ``$READTHEDOCS_OUTPUT/pdf``), the book is copied there too.

Usage::

    python -m course_site.book_command [--output DIR] [--doctrees DIR] [--project DIR]
                                       {pdf,epub} LANGUAGE [SPHINX OPTION ...]

``--project`` builds another copy of conf.py and ``docs/`` (its own
``build/``), as ``benchmarks/bench_docs.py`` does.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Final

from course_site import ROOT
from course_site.sphinx_command import SPHINX_BUILD, sphinx_arguments

#: The books' file name (conf.py's LATEX_BASENAME and epub_basename).
BASENAME: Final = "activation-functions"
#: Sphinx's builder for each book format.
BUILDERS: Final = {"pdf": "latex", "epub": "epub"}
#: latexmk's index processor: upmendex with the style Sphinx writes.
MAKEINDEX: Final = "$makeindex = q/upmendex -s python.ist %O -o %D %S/"


def latexmk_arguments(tex: str) -> list[str]:
    """Return the ``latexmk`` command that makes the PDF of ``tex``.

    Examples
    --------
    >>> latexmk_arguments("book.tex")[:4]
    ['latexmk', '-pdf', '-dvi-', '-ps-']
    >>> latexmk_arguments("book.tex")[-1]
    'book.tex'
    """
    return [
        "latexmk",
        "-pdf",
        "-dvi-",
        "-ps-",
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-e",
        MAKEINDEX,
        tex,
    ]


def latex_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """Return the environment of ``latexmk``: ``environ`` with what the build sets.

    Examples
    --------
    >>> env = latex_environment({"PATH": "/usr/bin"})
    >>> env["LATEXOPTS"], env["FORCE_SOURCE_DATE"], env["PATH"]
    ('', '1', '/usr/bin')
    """
    # Sphinx's latexmkrc reads LATEXOPTS.
    return {
        **environ,
        "LATEXOPTS": environ.get("LATEXOPTS", ""),
        "FORCE_SOURCE_DATE": "1",
    }


def book_paths(
    book_format: str, language: str, build: Path = ROOT / "build"
) -> tuple[Path, Path]:
    """Return where Sphinx writes and where the book lands, for ``make``.

    Examples
    --------
    >>> [p.relative_to("/b").as_posix() for p in book_paths("pdf", "en", Path("/b"))]
    ['latex/en', 'pdf/en/activation-functions.pdf']
    >>> [p.relative_to("/b").as_posix() for p in book_paths("epub", "ko", Path("/b"))]
    ['epub/ko', 'epub/ko/activation-functions.epub']
    """
    sphinx_output = build / BUILDERS[book_format] / language
    if book_format == "pdf":
        return sphinx_output, build / "pdf" / language / f"{BASENAME}.pdf"
    return sphinx_output, sphinx_output / f"{BASENAME}.epub"


def build_book(
    book_format: str,
    language: str,
    *,
    options: Sequence[str] = (),
    doctrees: Path | None = None,
    output: Path | None = None,
    project: Path = ROOT,
) -> Path:
    """Build one edition's PDF or EPUB; return the book's path.

    Raises
    ------
    subprocess.CalledProcessError
        When Sphinx or latexmk fails (their output has gone to the console).
    """
    sphinx_output, book = book_paths(book_format, language, project / "build")
    arguments = sphinx_arguments(
        BUILDERS[book_format],
        language,
        project=project,
        output=sphinx_output,
        doctrees=doctrees,
        options=options,
    )
    print("sphinx-build", " ".join(arguments), flush=True)
    subprocess.run([*SPHINX_BUILD, *arguments], stdin=subprocess.DEVNULL, check=True)
    if book_format == "pdf":
        tex = f"{BASENAME}.tex"
        print("latexmk", tex, flush=True)
        subprocess.run(
            latexmk_arguments(tex),
            cwd=sphinx_output,
            env=latex_environment(os.environ),
            stdin=subprocess.DEVNULL,
            check=True,
        )
        book.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sphinx_output / f"{BASENAME}.pdf", book)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(book, output / book.name)
        return output / book.name
    return book


def main(argv: Sequence[str] | None = None) -> int:
    """Build one book; return 0, or the failing step's exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--doctrees", type=Path, default=None)
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("format", choices=sorted(BUILDERS))
    parser.add_argument("language")
    parser.add_argument("sphinx_options", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    try:
        book = build_book(
            args.format,
            args.language,
            options=args.sphinx_options,
            doctrees=args.doctrees,
            output=args.output,
            project=args.project,
        )
    except subprocess.CalledProcessError as error:
        return error.returncode or 1
    print(f"The {args.format.upper()} is {book}.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
