"""course_site.notebooks: cache per language, kernels' environment, output folder."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from myst_nb.core.config import NbParserConfig  # type: ignore[import-untyped]

from course_site import BUILD, notebooks
from course_site.upstream import UpstreamChanged, installed_version

APP: Any = SimpleNamespace()


def config(**values: object) -> Any:
    """Return a stand-in for Sphinx's Config with ``values``."""
    return SimpleNamespace(**values)


class TestLanguageCache:
    """Each edition runs its notebooks into its own cache."""

    @pytest.mark.parametrize("language", ["ko", "en"])
    def test_cache_per_language(self, language: str) -> None:
        """Without -D, the cache is build/.jupyter_cache/<language>."""
        settings = config(language=language, nb_execution_cache_path="")
        notebooks.use_language_cache(APP, settings)
        expected = str(BUILD / ".jupyter_cache" / language)
        assert settings.nb_execution_cache_path == expected

    def test_given_cache_kept(self) -> None:
        """A cache given with -D nb_execution_cache_path=... is kept."""
        settings = config(language="en", nb_execution_cache_path="/tmp/cache")
        notebooks.use_language_cache(APP, settings)
        assert settings.nb_execution_cache_path == "/tmp/cache"


class TestKernelEnvironment:
    """The kernels inherit a fixed environment."""

    def test_environment(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """matplotlibrc is the package's, MPLBACKEND is gone, the hash seed is fixed."""
        monkeypatch.setenv("MPLBACKEND", "Agg")
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for name in ("MATPLOTLIBRC", "PYTHONHASHSEED"):
            monkeypatch.delenv(name, raising=False)
        notebooks.set_kernel_environment(APP, config())
        environ = os.environ
        assert Path(environ["MATPLOTLIBRC"]).is_file()
        assert "MPLBACKEND" not in environ
        assert environ["PYTHONHASHSEED"] == "0"
        assert environ["SOURCE_DATE_EPOCH"] == notebooks.DEFAULT_SOURCE_DATE_EPOCH

    def test_blas_on_one_thread(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """BLAS runs on one thread in the kernels, so sums round the same every run."""
        for name in notebooks.BLAS_THREADS:
            monkeypatch.delenv(name, raising=False)
        notebooks.set_kernel_environment(APP, config())
        assert [os.environ[name] for name in notebooks.BLAS_THREADS] == ["1"] * 3


class TestOutputFolder:
    """Cell outputs are staged next to the doctrees, through myst-nb's config."""

    def test_output_folder_moves(self, tmp_path: Path) -> None:
        """myst-nb's output_folder becomes the folder given."""
        env: Any = SimpleNamespace(mystnb_config=NbParserConfig())
        notebooks.stage_outputs_in(env, tmp_path / "jupyter_execute")
        assert env.mystnb_config.output_folder == str(tmp_path / "jupyter_execute")

    def test_missing_config_fails_loudly(self, tmp_path: Path) -> None:
        """Without env.mystnb_config the build stops, naming myst-nb and its version."""
        with pytest.raises(UpstreamChanged) as error:
            notebooks.stage_outputs_in(SimpleNamespace(), tmp_path)  # type: ignore[arg-type]
        assert f"myst-nb {installed_version('myst-nb')}" in str(error.value)


class TestStreamMerge:
    """Printed text split into pieces renders as it was printed, once merged."""

    @staticmethod
    def stream(text: str) -> dict[str, str]:
        return {"output_type": "stream", "name": "stdout", "text": text}

    def test_split_line_end_adds_no_empty_line(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A line end sent on its own joins as one line end, in myst-nb's renderer."""
        from myst_nb.core import render  # type: ignore[import-untyped]  # noqa: PLC0415

        monkeypatch.setattr(render, "coalesce_streams", render.coalesce_streams)
        pieces = [self.stream("a = 1.00"), self.stream("\nb = 2.00\n")]
        # myst-nb alone turns the split into an empty line: the bug worked around.
        assert render.coalesce_streams([dict(p) for p in pieces])[0]["text"] == (
            "a = 1.00\n\nb = 2.00\n"
        )
        notebooks.use_exact_stream_merge(APP, config())
        notebooks.use_exact_stream_merge(APP, config())  # a second build, same process
        merged = render.coalesce_streams([dict(p) for p in pieces])
        assert [output["text"] for output in merged] == ["a = 1.00\nb = 2.00\n"]

    def test_missing_function_fails_loudly(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without myst-nb's coalesce_streams the build stops, naming myst-nb."""
        from myst_nb.core import render  # noqa: PLC0415

        monkeypatch.delattr(render, "coalesce_streams")
        with pytest.raises(UpstreamChanged) as error:
            notebooks.use_exact_stream_merge(APP, config())
        assert f"myst-nb {installed_version('myst-nb')}" in str(error.value)
