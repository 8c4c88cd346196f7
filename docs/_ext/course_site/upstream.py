"""Where the site relies on other packages' internals, and the error when they change.

Most of the machinery uses public APIs only: Sphinx's events, ``add_*`` methods
and documented settings (``template_bridge``, ``locale_dirs``), fontTools'
``subset`` module, Babel's catalog reader. Eight things could not be done that
way. Each is one small function in the module that needs it; the function
checks what it relies on and otherwise raises :class:`UpstreamChanged`, which
names the package and its installed version, so that an upgrade stops the
build at its start with a clear message (and ``tests/course_site`` fails)
instead of breaking it halfway or silently:

==========================================  =============================================
Function                                    Relies on
==========================================  =============================================
``katex_math.katex_api``                    sphinxcontrib-katex's module functions
                                            (``render_latex``, ``get_latex``,
                                            ``get_node_equation_number``) and its
                                            ``KaTeXServer`` class, whose start-up
                                            ``katex_math.use_retrying_server_start``
                                            replaces
``page_polish.deferred``                    Sphinx's ``_JavaScript`` (the script files
                                            in a page's ``script_files``)
``notebooks.stage_outputs_in``              myst-nb's ``env.mystnb_config`` (where cell
                                            outputs are written before Sphinx copies
                                            them)
``notebooks.use_exact_stream_merge``        myst-nb's ``coalesce_streams`` as
                                            ``myst_nb.core.render`` calls it (pieces
                                            of printed text are joined exactly first)
``cell_outputs.glue_roles``                 myst-nb's glue role classes
                                            (``myst_nb.ext.glue.roles``) and the
                                            ``nb_renderer`` entry of a notebook's
                                            document, which a translated paragraph
                                            lacks
``notebook_downloads.executed_notebook``    the notebook myst-nb writes to
                                            ``env.mystnb_config.output_folder``
                                            (``<page>.ipynb`` with its ``source_map``;
                                            no outputs when they came from the cache)
``notebook_downloads.code_cells``           the ``cell_index`` of myst-nb's code-cell
                                            containers (``nb_element="cell_code"``)
``notebook_downloads.check_download_menu``  sphinx-book-theme's download menu, which
                                            offers ``.ipynb`` when the page context
                                            has ``ipynb_source``
==========================================  =============================================

Two more reliances are checked rather than patched: the interface strings of
the project's catalogs must win over the themes' own
(``interface_strings.check_interface_strings``), and the theme must still
ship the icon font and stylesheet that ``theme_assets`` cuts down.
"""

from __future__ import annotations

import importlib.metadata

from sphinx.errors import ExtensionError


def installed_version(distribution: str) -> str:
    """Return the installed version of ``distribution``, or ``"(not installed)"``.

    Examples
    --------
    >>> installed_version("sphinx") != "(not installed)"
    True
    >>> installed_version("no-such-distribution-here")
    '(not installed)'
    """
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "(not installed)"


class UpstreamChanged(ExtensionError):
    """Another package no longer has what a module of the site relies on.

    Parameters
    ----------
    distribution : str
        The package that changed, as pip names it (``"sphinxcontrib-katex"``).
    relied_on : str
        What the site relies on (``"KaTeXServer.start_server_process"``).
    problem : str
        What is wrong with it now (``"is missing"``).
    user : str
        The module of the site that relies on it (``"course_site.katex_math"``).

    Examples
    --------
    >>> error = UpstreamChanged("sphinx", "_JavaScript", "is missing",
    ...                         user="course_site.page_polish")
    >>> error.distribution, error.version == installed_version("sphinx")
    ('sphinx', True)
    >>> "course_site.page_polish relies on _JavaScript of sphinx" in str(error)
    True
    """

    def __init__(
        self, distribution: str, relied_on: str, problem: str, *, user: str
    ) -> None:
        self.distribution = distribution
        self.version = installed_version(distribution)
        message = (
            f"{user} relies on {relied_on} of {distribution}, which {problem} in "
            f"{distribution} {self.version}. The site is built and tested with the "
            f"versions pinned in requirements/; after an upgrade, adapt {user} "
            "(its docstring says what it relies on and why) or keep the old pin."
        )
        super().__init__(message, modname=user)
