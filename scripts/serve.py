"""Serve the whole site (every edition and the root page) with live reload.

``make serve`` runs this (with ``docs/_ext`` on ``PYTHONPATH``, for
``course_site``). sphinx-autobuild serves the output folder of the one
build it runs; the site is several builds (``build/html/ko``,
``build/html/en``) under a root page (``build/html/index.html``). This script
uses sphinx-autobuild's own parts (its builder, file watcher and reload
script) with one server for ``build/html``: a saved change to the pages, the
catalogs, conf.py or the library rebuilds every edition in turn, then the
open pages reload. Each edition is built with its address on this server as
``html_baseurl``, from which its notebooks install the library.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Final

import uvicorn
from sphinx_autobuild.build import Builder  # type: ignore[import-untyped]
from sphinx_autobuild.filter import IgnoreFilter  # type: ignore[import-untyped]
from sphinx_autobuild.middleware import (  # type: ignore[import-untyped]
    JavascriptInjectorMiddleware,
)
from sphinx_autobuild.server import RebuildServer  # type: ignore[import-untyped]
from sphinx_autobuild.utils import show_message  # type: ignore[import-untyped]
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import Mount, WebSocketRoute
from starlette.staticfiles import StaticFiles

from course_site.sphinx_command import sphinx_arguments

ROOT: Final = Path(__file__).resolve().parent.parent
DOCS: Final = ROOT / "docs"
SITE: Final = ROOT / "build" / "html"
ROOT_PAGE: Final = DOCS / "_templates" / "root-index.html"
#: A change to any of these rebuilds the site.
WATCHED: Final = (DOCS, ROOT / "conf.py", ROOT / "locale", ROOT / "src")
#: Written by the builds themselves (compiled catalogs, caches, notebook checkpoints).
IGNORED_PATTERNS: Final = (
    r"\.mo$",
    r"/__pycache__/",
    r"\.ipynb_checkpoints",
    r"\.(pyc|swp)$",
    r"~$",
)


class SiteBuilder:
    """Build every edition in turn, then put the root page in place.

    An instance is sent to a worker process on each change, so it holds only
    plain data (sphinx-autobuild's builders).
    """

    def __init__(self, languages: Sequence[str], url_host: str) -> None:
        self.builders = [
            Builder(
                sphinx_arguments(
                    "html",
                    language,
                    output=SITE / language,
                    # Not -W: a warning is shown, and the site still reloads.
                    # The edition's own address: its notebooks install the
                    # library's wheel from it (course_site.notebook_downloads).
                    options=(
                        "--keep-going",
                        "-n",
                        "-D",
                        f"html_baseurl=http://{url_host}/{language}/",
                    ),
                ),
                url_host=url_host,
                pre_build_commands=[],
                post_build_commands=[],
            )
            for language in languages
        ]

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        """Rebuild the editions and copy the root page."""
        for builder in self.builders:
            builder(changed_paths=changed_paths)
        SITE.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT_PAGE, SITE / "index.html")


def create_app(site_builder: SiteBuilder, url_host: str) -> Starlette:
    """Return the web app: build/html as static files, plus the reload socket."""
    ignore = IgnoreFilter([ROOT / "build", ROOT / ".jupyter_cache"], IGNORED_PATTERNS)
    watcher = RebuildServer(list(WATCHED), ignore, change_callback=site_builder)
    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=SITE, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=url_host)],
        lifespan=watcher.lifespan,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Build the site once, then serve it and rebuild it on every change."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "-l", "--language", action="append", dest="languages", default=None
    )
    parser.add_argument(
        "--no-initial-build",
        action="store_true",
        help="serve what build/html holds; build on the first change",
    )
    args = parser.parse_args(argv)
    url_host = f"{args.host}:{args.port}"
    site_builder = SiteBuilder(args.languages or ["ko", "en"], url_host)
    SITE.mkdir(parents=True, exist_ok=True)
    if not args.no_initial_build:
        show_message("Starting initial build")
        site_builder(changed_paths=())
    app = create_app(site_builder, url_host)
    show_message(f"Serving {SITE} on http://{url_host}/")
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    except KeyboardInterrupt:
        show_message("Stopped.")


if __name__ == "__main__":
    main()
