"""course_site.katex_math: formulas typeset at build time, errors as warnings."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from sphinxcontrib import katex

from course_site import katex_math
from course_site.upstream import UpstreamChanged, installed_version

if TYPE_CHECKING:
    from tests.course_site.conftest import TinyProject

EXTENSIONS = ["sphinxcontrib.katex", "course_site.katex_math"]
SETTINGS = 'html_math_renderer = "katex_checked"\nkatex_prerender = True\n'


@pytest.fixture
def fresh_api() -> Iterator[None]:
    """Forget the cached check of sphinxcontrib-katex before and after a test."""
    katex_math.katex_api.cache_clear()
    yield
    katex_math.katex_api.cache_clear()


class TestKatexApi:
    """The parts of sphinxcontrib-katex the renderer relies on are checked once."""

    @pytest.mark.usefixtures("fresh_api")
    def test_installed_version_has_them(self) -> None:
        """The pinned sphinxcontrib-katex has every function and method used."""
        api = katex_math.katex_api()
        assert api.render_latex is katex.render_latex
        assert api.KaTeXServer is katex.KaTeXServer

    @pytest.mark.usefixtures("fresh_api")
    def test_missing_function_fails_loudly(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A function gone from sphinxcontrib-katex stops the build with its name and version."""
        monkeypatch.delattr(katex, "get_latex")
        with pytest.raises(UpstreamChanged) as error:
            katex_math.katex_api()
        version = installed_version("sphinxcontrib-katex")
        assert f"sphinxcontrib-katex {version}" in str(error.value)
        assert "sphinxcontrib.katex.get_latex" in str(error.value)

    @pytest.mark.usefixtures("fresh_api")
    def test_missing_server_method_fails_loudly(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A server start-up that no longer exists cannot be replaced silently."""
        monkeypatch.delattr(katex.KaTeXServer, "start_server_process")
        with pytest.raises(UpstreamChanged, match=r"KaTeXServer\.start_server_process"):
            katex_math.use_retrying_server_start()

    @pytest.mark.usefixtures("fresh_api")
    def test_retrying_start_replaces_the_method(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The server class starts its node process with the retrying function."""
        monkeypatch.setattr(
            katex.KaTeXServer,
            "start_server_process",
            katex.KaTeXServer.__dict__["start_server_process"],
        )
        katex_math.use_retrying_server_start()
        method = katex.KaTeXServer.__dict__["start_server_process"]
        assert method.__func__ is katex_math.start_katex_server


class TestRendering:
    """A tiny project with the renderer typesets formulas and reports bad ones."""

    def test_multiline_display_math(self, tiny_project: TinyProject) -> None:
        r"""Aligned lines with \\ and no environment render, as with Sphinx's MathJax."""
        page = ".. math::\n\n   a &= b \\\\\n     &= c\n"
        build = tiny_project({"index": page}, extensions=EXTENSIONS, settings=SETTINGS)
        assert build.returncode == 0, build.log
        html = build.page()
        assert 'class="katex-display"' in html
        assert "katex-error" not in html
        assert "<mtable" in html  # MathML for screen readers (KATEX_OPTIONS)

    def test_pair_is_typeset_as_two_formulas(self, tiny_project: TinyProject) -> None:
        r"""A top-level \qquad makes one formula per statement in a math-pair box."""
        page = ".. math::\n\n   a = 1, \\qquad b = \\begin{cases} 1 \\qquad 2 \\end{cases}\n"
        build = tiny_project({"index": page}, extensions=EXTENSIONS, settings=SETTINGS)
        assert build.returncode == 0, build.log
        html = build.page()
        assert 'class="math math-pair' in html
        assert html.count('class="katex-display"') == 2

    def test_bad_formula_is_a_warning_at_its_line(
        self, tiny_project: TinyProject
    ) -> None:
        """TeX that KaTeX rejects is a warning with the file and line, and shows as text."""
        page = "Title\n=====\n\nFine :math:`x^2`.\n\nBad :math:`\\frac{1}{`.\n"
        build = tiny_project(
            {"index": page}, extensions=EXTENSIONS, settings=SETTINGS, options=()
        )
        assert build.returncode == 0, build.log
        assert "index.rst:6: WARNING: KaTeX cannot render" in build.log
        assert '<span class="katex-error">\\frac{1}{</span>' in build.page()

    def test_hangul_in_math_mode_is_a_warning(self, tiny_project: TinyProject) -> None:
        r"""Hangul outside \text{} fails a -W build; inside \text{} it is fine."""
        page = "Title\n=====\n\n:math:`\\text{출력} = 1` and :math:`출력 = 1`.\n"
        build = tiny_project({"index": page}, extensions=EXTENSIONS, settings=SETTINGS)
        assert build.returncode != 0
        assert "Hangul in math mode" in build.log
        assert build.log.count("Hangul in math mode") == 1
