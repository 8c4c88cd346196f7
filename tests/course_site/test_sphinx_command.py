"""course_site.sphinx_command: the one command line that builds an edition."""

from __future__ import annotations

from pathlib import Path

import pytest
import sphinx.cmd.build

from course_site import ROOT, sphinx_command


class TestArguments:
    """The command line builds docs/ with conf.py, one folder set per edition."""

    def test_defaults(self) -> None:
        """An edition builds into build/<builder>/<language> with its own doctrees."""
        args = sphinx_command.sphinx_arguments("html", "en")
        assert args == [
            "-b",
            "html",
            "-c",
            str(ROOT),
            "-d",
            str(ROOT / "build" / "doctrees" / "en"),
            "-D",
            "language=en",
            str(ROOT / "docs"),
            str(ROOT / "build" / "html" / "en"),
        ]

    def test_main_runs_sphinx(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """The command line passes its options through to sphinx-build."""
        seen: list[list[str]] = []

        def fake_build(argv: list[str]) -> int:
            seen.append(argv)
            return 3

        monkeypatch.setattr(sphinx.cmd.build, "main", fake_build)
        status = sphinx_command.main(
            ["--output", str(tmp_path), "doctest", "ko", "-W", "-q"]
        )
        (args,) = seen
        assert status == 3
        assert args[args.index("-b") + 1] == "doctest"
        assert args[-3:] == ["-q", str(ROOT / "docs"), str(tmp_path)]
        assert "-W" in args
