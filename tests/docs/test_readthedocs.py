"""The Read the Docs build: .readthedocs.yaml is valid and its html command works.

The html command is read from the file and run as Read the Docs would run it:
from the folder that holds conf.py, with READTHEDOCS, READTHEDOCS_LANGUAGE and
READTHEDOCS_OUTPUT set. It runs in a temporary folder that links to conf.py
and docs/ (so its ``_build/doctrees`` stays out of the repository) and reuses
the notebook cache of ``make docs``, so it takes seconds, not minutes.
"""

from __future__ import annotations

import os
import re
import shlex
import string
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest
import yaml  # type: ignore[import-untyped]

REPO: Final = Path(__file__).resolve().parents[2]
CONFIG: Final = REPO / ".readthedocs.yaml"


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


class TestConfig:
    """The file asks Read the Docs for the machine and steps the site needs."""

    def test_version_and_machine(self) -> None:
        """Version 2 on Ubuntu 24.04 with Python 3.11 and Node.js 20."""
        config = load_config()
        assert config["version"] == 2
        assert config["build"]["os"] == "ubuntu-24.04"
        assert config["build"]["tools"] == {"python": "3.11", "nodejs": "20"}

    def test_install_steps(self) -> None:
        """The pinned docs requirements, then the package without dependencies."""
        config = load_config()
        assert config["python"]["install"] == [
            {"requirements": "requirements/docs.txt"}
        ]
        assert (REPO / "requirements" / "docs.txt").is_file()
        post_install = config["build"]["jobs"]["post_install"]
        assert "python -m pip install --no-deps ." in post_install

    def test_katex_is_installed_from_the_lock(self) -> None:
        """KaTeX comes from package-lock.json through `npm ci` before the build."""
        pre_build = load_config()["build"]["jobs"]["pre_build"]
        assert [c for c in pre_build if c.startswith("npm ci")] != []
        assert (REPO / "package-lock.json").is_file()

    def test_sphinx_section(self) -> None:
        """The top-level conf.py is the configuration and warnings fail the build."""
        sphinx = load_config()["sphinx"]
        assert sphinx == {"configuration": "conf.py", "fail_on_warning": True}

    def test_html_command_shape(self) -> None:
        """The html step builds docs/ with conf.py, in $READTHEDOCS_LANGUAGE."""
        (command,) = html_commands()
        args = shlex.split(command)
        assert args[:3] == ["python", "-m", "sphinx"]
        assert args[args.index("-c") + 1] == "."
        assert args[args.index("-b") + 1] == "html"
        assert "language=$READTHEDOCS_LANGUAGE" in args
        assert args[-2:] == ["docs", "$READTHEDOCS_OUTPUT/html"]
        assert "-W" in args


@pytest.fixture(scope="module")
def readthedocs_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the html command as Read the Docs would; return $READTHEDOCS_OUTPUT/html."""
    checkout = tmp_path_factory.mktemp("checkout")
    for name in ("conf.py", "docs"):
        (checkout / name).symlink_to(REPO / name)
    output = checkout / "_readthedocs"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_LANGUAGE": "ko",
        "READTHEDOCS_OUTPUT": str(output),
    }
    (command,) = html_commands()
    args = [string.Template(arg).substitute(env) for arg in shlex.split(command)]
    args[0] = sys.executable  # "python" on Read the Docs is its virtualenv's
    result = subprocess.run(
        args,
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return output / "html"


class TestHtmlBuild:
    """The html command builds the Korean site with clean URLs."""

    def test_pages_at_the_top(self, readthedocs_output: Path) -> None:
        """index.html and sigmoid.html sit at the top of the output, not in docs/."""
        assert (readthedocs_output / "index.html").is_file()
        assert (readthedocs_output / "sigmoid.html").is_file()
        assert not (readthedocs_output / "docs").exists()

    def test_language_comes_from_readthedocs(self, readthedocs_output: Path) -> None:
        """The pages are Korean because READTHEDOCS_LANGUAGE is ko."""
        html = (readthedocs_output / "sigmoid.html").read_text(encoding="utf-8")
        assert re.search(r'<html[^>]*\blang="ko"', html) is not None

    def test_katex_assets_copied(self, readthedocs_output: Path) -> None:
        """The KaTeX stylesheet and fonts are part of the output."""
        katex = readthedocs_output / "_static" / "katex"
        assert (katex / "katex.min.css").is_file()
        assert len(list((katex / "fonts").glob("*.woff2"))) >= 20
