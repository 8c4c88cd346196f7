"""The Read the Docs build: a valid .readthedocs.yaml whose html command builds an edition.

Read the Docs hosts each edition as its own project, and both projects read this
one file: ``-D language=$READTHEDOCS_LANGUAGE`` in its html command picks the
edition. What is checked:

- The file is valid by Read the Docs' own schema (the copy that check-jsonschema
  ships), the files it names exist, and the lock it installs pins every
  dependency of the ``docs`` group.
- The html command, read from the file and run as Read the Docs runs it (from the
  folder that holds conf.py, with ``READTHEDOCS``, ``READTHEDOCS_LANGUAGE``,
  ``READTHEDOCS_OUTPUT`` and ``READTHEDOCS_CANONICAL_URL`` set), builds the
  **English** edition: conf.py's default language is Korean, so the pages come out
  English only if the command passes the project's language on. The build runs in
  a temporary folder that links to conf.py and docs/ (its ``_build/doctrees`` stays
  out of the repository) and reuses the English notebook cache of ``make docs``, so
  it takes seconds, not minutes.
"""

from __future__ import annotations

import os
import re
import shlex
import string
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any, Final

import pytest
import yaml  # type: ignore[import-untyped]
from bs4 import BeautifulSoup, Tag

REPO: Final = Path(__file__).resolve().parents[2]
CONFIG: Final = REPO / ".readthedocs.yaml"
#: Where the English project serves its latest version.
CANONICAL_URL: Final = "https://activation-functions.readthedocs.io/en/latest/"
HANGUL: Final = re.compile("[\uac00-\ud7a3]")


def load_config() -> dict[str, Any]:
    """Return the parsed .readthedocs.yaml."""
    data = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def html_commands() -> list[str]:
    """Return the commands that replace Read the Docs' html build step."""
    commands = load_config()["build"]["jobs"]["build"]["html"]
    assert isinstance(commands, list)
    return [str(command) for command in commands]


def normalized(requirement: str) -> str:
    """Return the distribution name of a requirement, normalized (PEP 503).

    >>> normalized("fonttools[woff]>=4.50"), normalized("Sphinx_Book.Theme")
    ('fonttools', 'sphinx-book-theme')
    """
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert match is not None, requirement
    return re.sub(r"[-_.]+", "-", match[0]).lower()


class TestConfigFile:
    """The file is one Read the Docs accepts, and what it names is there."""

    def test_schema(self) -> None:
        """.readthedocs.yaml is valid by Read the Docs' schema."""
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "check_jsonschema",
                "--builtin-schema",
                "vendor.readthedocs",
                str(CONFIG),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def test_named_files_exist(self) -> None:
        """The configuration, the requirements and npm's lock that the file uses exist."""
        config = load_config()
        named = [
            config["sphinx"]["configuration"],
            *(step["requirements"] for step in config["python"]["install"]),
        ]
        if any("npm ci" in step for step in config["build"]["jobs"]["pre_build"]):
            named.append("package-lock.json")
        assert [name for name in named if not (REPO / name).is_file()] == []

    def test_lock_pins_the_docs_group(self) -> None:
        """The requirements Read the Docs installs pin every docs dependency."""
        pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
        needed = {
            normalized(requirement)
            for requirement in [
                *pyproject["project"]["dependencies"],
                *pyproject["project"]["optional-dependencies"]["plot"],
                *pyproject["dependency-groups"]["docs"],
            ]
        }
        (install,) = load_config()["python"]["install"]
        lock = (REPO / install["requirements"]).read_text(encoding="utf-8")
        pinned = {normalized(line) for line in lock.splitlines() if "==" in line}
        assert sorted(needed - pinned) == [], "run `make lock`"


@pytest.fixture(scope="module")
def english_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the html command as Read the Docs' English project would; return its output."""
    checkout = tmp_path_factory.mktemp("checkout")
    for name in ("conf.py", "docs"):
        (checkout / name).symlink_to(REPO / name)
    output = checkout / "_readthedocs"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": CANONICAL_URL,
    }
    (command,) = html_commands()
    args = [string.Template(arg).substitute(env) for arg in shlex.split(command)]
    args[0] = sys.executable  # "python" on Read the Docs is its virtualenv's
    # Output to a file, never a pipe: sphinxcontrib-katex's node server inherits
    # the build's stdout and can hold a pipe open after Sphinx exits.
    log = checkout / "build.log"
    with log.open("wb") as out:
        result = subprocess.run(
            args,
            cwd=checkout,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            timeout=600,
            check=False,
        )
    text = log.read_text(encoding="utf-8", errors="replace")
    assert result.returncode == 0, text[-3000:]
    return output / "html"


def page(folder: Path, name: str) -> BeautifulSoup:
    """Parse a built page."""
    return BeautifulSoup((folder / name).read_text(encoding="utf-8"), "html.parser")


class TestEnglishBuild:
    """The html command builds the English edition, at clean URLs."""

    def test_pages_at_the_top(self, english_edition: Path) -> None:
        """index.html and sigmoid.html sit at the top of the output, not in docs/."""
        assert (english_edition / "index.html").is_file()
        assert (english_edition / "sigmoid.html").is_file()
        assert not (english_edition / "docs").exists()

    def test_pages_are_english(self, english_edition: Path) -> None:
        """Every page declares English, and the sigmoid page reads in English."""
        languages = {
            path.name: html.get("lang") if isinstance(html, Tag) else None
            for path in sorted(english_edition.glob("*.html"))
            for html in [page(english_edition, path.name).find("html")]
        }
        assert {name: lang for name, lang in languages.items() if lang != "en"} == {}
        sigmoid = page(english_edition, "sigmoid.html")
        heading = sigmoid.find("h1")
        assert heading is not None
        assert HANGUL.search(heading.get_text()) is None
        title = sigmoid.title
        assert title is not None
        assert title.get_text().endswith("Activation Functions")

    def test_switcher_leads_to_the_korean_project(self, english_edition: Path) -> None:
        """The language switcher links to the same page of the Korean project."""
        links = page(english_edition, "sigmoid.html").select("a[hreflang]")
        assert [(a["hreflang"], a["href"]) for a in links] == [
            ("ko", "../../ko/latest/sigmoid.html")
        ]

    def test_katex_assets_copied(self, english_edition: Path) -> None:
        """The KaTeX stylesheet and fonts are part of the output."""
        katex = english_edition / "_static" / "katex"
        assert (katex / "katex.min.css").is_file()
        assert len(list((katex / "fonts").glob("*.woff2"))) >= 20
