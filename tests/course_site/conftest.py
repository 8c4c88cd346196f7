"""Tiny Sphinx projects that load one module of course_site, built in a subprocess.

A subprocess keeps every build apart: an extension's setup() changes
process-wide state (sphinxcontrib-katex's server class, gettext's catalogs),
which must not leak into other tests.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

import course_site
from course_site.sphinx_command import SPHINX_BUILD

#: The folder that holds the course_site package (conf.py puts it on sys.path).
EXTENSIONS: Final = Path(course_site.__file__).resolve().parents[1]


@dataclass(frozen=True)
class Build:
    """A finished build of a tiny project."""

    returncode: int
    log: str
    html: Path

    def page(self, name: str = "index") -> str:
        """Return the HTML of a built page."""
        return (self.html / f"{name}.html").read_text(encoding="utf-8")


def build_project(
    root: Path,
    pages: Mapping[str, str],
    *,
    extensions: Sequence[str],
    settings: str = "",
    options: Sequence[str] = ("-W", "--keep-going"),
) -> Build:
    """Write a project (conf.py and reStructuredText pages) under ``root``; build it."""
    source = root / "source"
    source.mkdir(parents=True)
    (source / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(EXTENSIONS)!r})\n"
        f"extensions = {list(extensions)!r}\n{settings}\n",
        encoding="utf-8",
    )
    for name, text in pages.items():
        (source / f"{name}.rst").write_text(text, encoding="utf-8")
    html = root / "html"
    log = root / "build.log"
    # Output to a file, never a pipe: sphinxcontrib-katex's node server inherits
    # the build's stdout and can hold a pipe open after Sphinx exits.
    with log.open("wb") as out:
        result = subprocess.run(
            [*SPHINX_BUILD, "-b", "html", "-q", *options, str(source), str(html)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
            timeout=300,
        )
    return Build(result.returncode, log.read_text(encoding="utf-8"), html)


class TinyProject:
    """Builds tiny projects in a temporary folder, one subfolder per build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.builds = 0

    def __call__(
        self,
        pages: Mapping[str, str],
        *,
        extensions: Sequence[str],
        settings: str = "",
        options: Sequence[str] = ("-W", "--keep-going"),
    ) -> Build:
        """Build ``pages`` with ``extensions`` and the conf.py lines ``settings``."""
        self.builds += 1
        return build_project(
            self.root / f"build{self.builds}",
            pages,
            extensions=extensions,
            settings=settings,
            options=options,
        )


@pytest.fixture
def tiny_project(tmp_path: Path) -> TinyProject:
    """Return a builder of tiny Sphinx projects under a fresh temporary folder."""
    return TinyProject(tmp_path)
