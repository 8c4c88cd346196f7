"""Korean interface strings of Sphinx and the themes, and English written without gettext.

What it changes, for the Korean edition:

- **Catalog strings.** Sphinx, pydata-sphinx-theme and sphinx-book-theme leave
  some Korean interface strings in English or word them badly (the footer's
  ``By <author>`` became ``으로 <author>``). The project's own catalogs replace
  them: ``locale/ko/LC_MESSAGES/sphinx.po`` for Sphinx's and
  pydata-sphinx-theme's strings (Sphinx compiles and loads the project's
  ``sphinx`` catalog before its own and the themes'), ``booktheme.po`` for
  sphinx-book-theme's ``booktheme`` catalog, which this module compiles
  (Babel) and registers before the theme registers its own. At every build,
  :func:`check_interface_strings` checks that each message of those catalogs
  is the one the pages get, so a theme that starts loading its catalog first
  fails the build instead of bringing the English back.
- **HTML strings.** Some English reaches the page without gettext: tooltips
  and ARIA labels in the themes' templates, myst-nb's "Show code cell source".
  :data:`UI_HTML` lists each as the exact HTML and its replacement;
  :class:`LocalizedTemplates`, the build's template bridge (Sphinx's
  ``template_bridge`` setting), replaces them in every page it renders.

The English edition uses the packages' own English; only the Korean edition
has replacements.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.jinja2glue import BuiltinTemplateLoader
from sphinx.locale import get_translation
from sphinx.theming import Theme
from sphinx.util.typing import ExtensionMetadata

from course_site.upstream import UpstreamChanged

#: The catalogs of interface strings that the project may replace, with the
#: package whose strings they hold. Sphinx compiles and loads a project's
#: "sphinx" catalog itself; the others are compiled and registered here.
INTERFACE_CATALOGS: Final[Mapping[str, str]] = {
    "sphinx": "sphinx",  # Sphinx's strings and pydata-sphinx-theme's
    "booktheme": "sphinx-book-theme",
}

#: English that the templates and myst-nb write without gettext, replaced in
#: every rendered page: {language: {exact HTML: replacement}}.
UI_HTML: Final[dict[str, dict[str, str]]] = {
    "ko": {
        'title="Toggle primary sidebar"': 'title="사이트 목차 열기/닫기"',
        'title="Toggle secondary sidebar"': 'title="이 페이지의 목차 열기/닫기"',
        'aria-label="Main"': 'aria-label="사이트 목차"',
        'aria-label="Page"': 'aria-label="페이지"',
        **{
            f'admonition-title">{verb} code cell {what}</p>': (
                f'admonition-title">{korean} {action}</p>'
            )
            for what, korean in (
                ("source", "코드"),
                ("outputs", "출력"),
                ("output", "출력"),
                ("content", "셀"),
            )
            for verb, action in (("Show", "보기"), ("Hide", "숨기기"))
        },
    },
}


def replace_ui_html(html: str, replacements: Mapping[str, str]) -> str:
    """Return ``html`` with every exact string of ``replacements`` replaced.

    Examples
    --------
    >>> replace_ui_html('<button title="Toggle primary sidebar">', UI_HTML["ko"])
    '<button title="사이트 목차 열기/닫기">'
    """
    for english, localized in replacements.items():
        html = html.replace(english, localized)
    return html


class LocalizedTemplates(BuiltinTemplateLoader):
    """Sphinx's template loader, with :data:`UI_HTML` replaced in what it renders."""

    replacements: Mapping[str, str] = {}

    def init(
        self,
        builder: Builder,
        theme: Theme | None = None,
        dirs: list[str] | None = None,
    ) -> None:
        """Set up the loader for ``builder`` and pick its language's replacements."""
        super().init(builder, theme, dirs)
        self.replacements = UI_HTML.get(str(builder.config.language or ""), {})

    def render(self, template: str, context: dict[str, Any]) -> str:  # type: ignore[override]  # as Sphinx's own
        """Render ``template`` with ``context``, then replace the English strings."""
        return replace_ui_html(super().render(template, context), self.replacements)


def catalog_files(config: Config, srcdir: Path) -> dict[str, Path]:
    """Return the project's interface catalogs (.po) for the build's language.

    Only catalogs named in :data:`INTERFACE_CATALOGS` count, found in the
    ``locale_dirs`` (first one wins, as in Sphinx).
    """
    language = str(config.language or "")
    found: dict[str, Path] = {}
    for folder in config.locale_dirs:
        messages = srcdir / folder / language / "LC_MESSAGES"
        for domain in INTERFACE_CATALOGS:
            po = messages / f"{domain}.po"
            if domain not in found and po.is_file():
                found[domain] = po
    return found


def compile_catalog(po: Path) -> Path:
    """Write ``po`` as a .mo file beside it unless that is newer; return the .mo.

    The file is replaced in one step (a temporary file, then a rename), so two
    builds that start at once never read a half-written catalog.
    """
    mo = po.with_suffix(".mo")
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        return mo
    with po.open("rb") as file:
        catalog = read_po(file, abort_invalid=True)
    handle, temporary = tempfile.mkstemp(dir=po.parent, suffix=".mo.tmp")
    with os.fdopen(handle, "wb") as file:
        write_mo(file, catalog)
    Path(temporary).replace(mo)
    return mo


def register_theme_catalogs(app: Sphinx, config: Config) -> None:
    """Compile and register the project's theme catalogs before the theme's own.

    The theme registers its catalog when the HTML builder loads it, after
    ``config-inited``; :func:`sphinx.locale.init` keeps the catalog registered
    first in front and adds later ones as fallbacks.
    """
    template_bridge = "course_site.interface_strings.LocalizedTemplates"
    if config.template_bridge not in {None, "", template_bridge}:
        msg = (
            f"template_bridge is {config.template_bridge!r}: course_site."
            "interface_strings needs its own (LocalizedTemplates)"
        )
        raise ConfigError(msg)
    config.template_bridge = template_bridge
    for domain, po in catalog_files(config, Path(app.srcdir)).items():
        if domain == "sphinx":
            continue  # Sphinx compiles and loads it before any extension
        compile_catalog(po)
        app.add_message_catalog(domain, po.parents[2])


def check_interface_strings(app: Sphinx) -> None:
    """Check that the pages get every message of the project's interface catalogs.

    Raises
    ------
    course_site.upstream.UpstreamChanged
        When a message of the project's catalog is not what gettext gives,
        because another catalog now comes first.
    """
    for domain, po in catalog_files(app.config, Path(app.srcdir)).items():
        translate = get_translation(domain)
        with po.open("rb") as file:
            catalog = read_po(file)
        wrong = [
            message.id
            for message in catalog
            if message.id and str(translate(str(message.id))) != message.string
        ]
        if wrong:
            raise UpstreamChanged(
                INTERFACE_CATALOGS[domain],
                f"its {domain!r} message catalog",
                f"now comes before {po} (the pages would show its {wrong[:3]} "
                "instead of this site's)",
                user=__name__,
            )


def setup(app: Sphinx) -> ExtensionMetadata:
    """Register the theme catalogs and the template bridge; check them per build."""
    app.connect("config-inited", register_theme_catalogs)
    app.connect("builder-inited", check_interface_strings)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
