"""course_site.page_polish: descriptions, deferred scripts, lazy images."""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import Any

import pytest
from sphinx.builders.html._assets import _JavaScript

from course_site import page_polish
from course_site.upstream import UpstreamChanged, installed_version


def polished(pagename: str, context: dict[str, Any]) -> dict[str, Any]:
    """Run polish_page on ``context`` for a Korean HTML build; return the context."""
    app: Any = SimpleNamespace(
        builder=SimpleNamespace(format="html"), config=SimpleNamespace(language="ko")
    )
    page_polish.polish_page(app, pagename, "page.html", context, None)
    return context


class TestDeferred:
    """The theme's scripts load with defer, but for the few that must not wait."""

    def test_script_gets_defer(self) -> None:
        """A script file becomes a copy of itself with defer, keeping its attributes."""
        script = _JavaScript("_static/x.js", priority=200, id="x")
        copy = page_polish.deferred(script)
        assert isinstance(copy, _JavaScript)
        assert (copy.filename, copy.priority, copy.attributes) == (
            "_static/x.js",
            200,
            {"id": "x", "defer": "defer"},
        )

    @pytest.mark.parametrize(
        "script",
        [
            pytest.param(_JavaScript("_static/documentation_options.js"), id="options"),
            pytest.param(
                _JavaScript("_static/y.js", priority=500, **{"async": "async"}),
                id="async",
            ),
            pytest.param(_JavaScript("", body="var a = 1;"), id="inline"),
        ],
    )
    def test_left_as_they_are(self, script: _JavaScript) -> None:
        """documentation_options.js, async and inline scripts stay as they are."""
        assert page_polish.deferred(script) is script

    def test_other_entry_fails_loudly(self) -> None:
        """An entry that is not Sphinx's _JavaScript names Sphinx and its version."""
        with pytest.raises(UpstreamChanged) as error:
            page_polish.deferred("_static/x.js")
        assert f"sphinx {installed_version('sphinx')}" in str(error.value)

    def test_missing_class_fails_loudly(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """When Sphinx moves _JavaScript, the build stops with a clear message."""
        monkeypatch.setitem(sys.modules, "sphinx.builders.html._assets", None)
        page_polish.javascript_class.cache_clear()
        try:
            with pytest.raises(UpstreamChanged, match="cannot be imported"):
                page_polish.javascript_class()
        finally:
            page_polish.javascript_class.cache_clear()


class TestPolishPage:
    """What a page gets: a description, deferred scripts, lazy images."""

    def test_description_of_a_page_without_text(self) -> None:
        """A page with no paragraph of its own gets the site's description."""
        context = polished("search", {"metatags": ""})
        assert page_polish.SITE_DESCRIPTIONS["ko"] in context["metatags"]

    def test_own_description_kept(self) -> None:
        """A page's own description is not replaced."""
        own = '<meta name="description" content="mine" />'
        assert polished("index", {"metatags": own})["metatags"] == own

    def test_scripts_deferred_but_on_search(self) -> None:
        """Scripts are deferred on every page except the search page."""
        scripts = [_JavaScript("_static/a.js")]
        page = polished("index", {"script_files": list(scripts)})
        search = polished("search", {"script_files": list(scripts)})
        assert [s.attributes for s in page["script_files"]] == [{"defer": "defer"}]
        assert search["script_files"] == scripts

    def test_images_after_the_first_load_lazily(self) -> None:
        """The first image loads at once; the others when the reader gets near."""
        body = '<img src="a.png"/><img src="b.png"/><img loading="eager" src="c"/>'
        assert polished("index", {"body": body})["body"] == (
            '<img src="a.png"/><img loading="lazy" src="b.png"/>'
            '<img loading="eager" src="c"/>'
        )
