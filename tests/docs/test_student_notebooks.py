"""A student's notebook: downloaded from the built site, run in a fresh environment.

What a student does, for every lesson page of both editions:

1. open the page on the site, which this test serves over HTTP from
   ``build/html`` (the build ``make docs`` made, as ``make test`` runs it
   first; ``AF_SITE_DIR`` points elsewhere),
2. take the ``.ipynb`` link of the page's download menu and download the notebook,
3. run it in a Python that has only Jupyter's kernel and runner (``ipykernel``
   and ``nbclient`` from the package registry, at the versions pinned in
   ``requirements/dev.txt``): its first cell fails to import the library,
   installs the wheel from the site, with matplotlib, and every cell must run
   without an error.

The site is served at the address it was built for, unchanged: the notebook's
first cell names the wheel by the edition's ``html_baseurl``
(``http://127.0.0.1:8000/<language>/`` for ``make docs`` without one, or the
page's canonical address when it was built with ``-D html_baseurl=http://...``).
The test's server listens on a free port of 127.0.0.1 and is the HTTP proxy of
the student's machine (``http_proxy``), answering for that one host only, as
a line in a hosts file would: the test never rewrites a notebook, a wrong or
missing address fails, and a ``make serve`` on port 8000 is not disturbed.
The registry (https) is reached as usual.

One virtual environment serves every notebook of a run, and stays honest: the
library and matplotlib are uninstalled before each notebook, so each first
cell's import fails and it installs them again (matplotlib only comes with the
plot extra), and the test checks that the wheel was fetched from the site
during that notebook's run and that pip recorded the site's wheel as where it
came from. numpy and matplotlib's own dependencies, installed by the first
notebook's first cell from the registry, stay. The runner's environment is a fresh one too: an empty home
folder (no pip cache, no IPython or matplotlib settings), no ``PYTHONPATH``,
no ``MPLBACKEND`` or ``MATPLOTLIBRC`` from the Makefile.

Needs the package registry (pip install); it fails, never skips, without it.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

REPO: Final = Path(__file__).resolve().parents[2]
SITE_ROOT: Final = Path(os.environ.get("AF_SITE_DIR", REPO / "build" / "html"))
EDITIONS: Final = ("ko", "en")
#: The address of an edition built without ``html_baseurl`` (README: ``make docs``).
DEFAULT_SITE: Final = "http://127.0.0.1:8000/{edition}/"
#: The lesson pages: the pages with code cells.
LESSONS: Final = tuple(
    sorted(
        path.stem
        for path in (REPO / "docs").glob("*.md")
        if "```{code-cell}" in path.read_text(encoding="utf-8")
    )
)
#: The runner: only Jupyter's kernel and its notebook runner.
RUNNER: Final = ("ipykernel", "nbclient")
#: How long one notebook may run (s); the first also installs numpy and matplotlib.
NOTEBOOK_TIMEOUT: Final = 900
HANGUL: Final = re.compile("[\uac00-\ud7a3]")
#: MyST markup that Jupyter and Colab would show as it is.
MYST_MARKUP: Final = re.compile(
    r"\{(term|doc|numref|ref|glue|glue:text|cite:p|cite:t|korean|eq|math)\}`"
    r"|```\{|^:class:|^\(\S+\)=$|\{bibliography\}",
    re.MULTILINE,
)
#: The environment variables a runner keeps: locale, and how pip reaches the registry.
KEPT_VARIABLES: Final = ("LANG", "LC_ALL", "TZ", "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
#: Proxies for the registry (https) are kept; http goes to the test's server.
KEPT_PROXY: Final = re.compile(r"(?i)^(https|all)_proxy$")
NOT_BUILT: Final = (
    "The {edition} edition is not built: {missing} is missing. Run `make docs` "
    "(make test runs it before these tests)."
)
#: The runner script: executes a notebook with nbclient in the runner's Python.
RUN_NOTEBOOK: Final = """\
import sys

import nbclient
import nbformat

source, target, folder, timeout = sys.argv[1:]
notebook = nbformat.read(source, as_version=4)
client = nbclient.NotebookClient(
    notebook, timeout=int(timeout), kernel_name="python3",
    resources={"metadata": {"path": folder}},
)
try:
    client.execute()
finally:
    nbformat.write(notebook, target)
"""


#: Prints where pip says the installed library came from (PEP 610's direct_url.json).
WHERE_FROM: Final = (
    "import importlib.metadata as m; "
    "print(m.distribution('activation-functions').read_text('direct_url.json'))"
)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the built site as the host it was built for, through a proxy request.

    An HTTP proxy receives the absolute address (``GET http://host:port/path``);
    only the site's host is answered, with the file under the served folder.
    Every request is recorded as an absolute address.
    """

    requests: list[str]
    host: str
    prefix: str

    def do_GET(self) -> None:
        """Record the address, then serve it if it is the site's."""
        parts = urlsplit(self.path)
        self.requests.append(self.path)
        if (
            parts.scheme != "http"
            or parts.netloc != self.host
            or not parts.path.startswith(self.prefix)
        ):
            self.send_error(502, f"this proxy only answers for http://{self.host}")
            return
        self.path = "/" + parts.path.removeprefix(self.prefix)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log line."""


@dataclass
class Site:
    """The built site on a local server, and the addresses it was asked for."""

    proxy: str
    addresses: dict[str, str]
    requests: list[str] = field(default_factory=list)

    def fetch(self, url: str) -> bytes:
        """Return the body at ``url``, fetched as the student's browser would."""
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({"http": self.proxy})
        )
        with opener.open(url, timeout=60) as response:
            body: bytes = response.read()
        return body


def lock_pin(name: str) -> str:
    """Return ``name==version`` as requirements/dev.txt pins it."""
    lock = (REPO / "requirements" / "dev.txt").read_text(encoding="utf-8")
    match = re.search(rf"^({re.escape(name)}==\S+)", lock, re.MULTILINE)
    assert match is not None, f"{name} is not pinned in requirements/dev.txt"
    return match[1]


def built_address(edition: str) -> str:
    """Return the address the edition was built for, ending in ``/``.

    The page's canonical link when the build had ``html_baseurl``, else the
    address ``make docs`` gives it.
    """
    page = SITE_ROOT / edition / f"{LESSONS[0]}.html"
    if not page.is_file():
        pytest.fail(NOT_BUILT.format(edition=edition, missing=page))
    link = BeautifulSoup(page.read_bytes(), "html.parser").select_one(
        "link[rel=canonical]"
    )
    if link is None:
        return DEFAULT_SITE.format(edition=edition)
    return urljoin(str(link["href"]), ".")


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    """Serve build/html, as the host it was built for, from a free local port."""
    addresses = {edition: built_address(edition) for edition in EDITIONS}
    hosts = {urlsplit(address).netloc for address in addresses.values()}
    schemes = {urlsplit(address).scheme for address in addresses.values()}
    assert len(hosts) == 1, f"the editions were built for different hosts: {addresses}"
    assert schemes == {"http"}, (
        f"built for {addresses}: build with an http html_baseurl "
        "(or none) to test the notebooks"
    )
    # The folder of the editions: the address without "<edition>/" at its end.
    prefixes = {
        urlsplit(address).path.removesuffix(f"/{edition}/") + "/"
        for edition, address in addresses.items()
    }
    assert len(prefixes) == 1, f"the editions are not at <site>/<edition>/: {addresses}"
    served = Site(proxy="", addresses=addresses)
    handler = type(
        "Handler",
        (SiteHandler,),
        {"requests": served.requests, "host": hosts.pop(), "prefix": prefixes.pop()},
    )
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(SITE_ROOT))
    )
    host, port = server.server_address[:2]
    served.proxy = f"http://{host!s}:{port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def runner_environment(venv: Path, home: Path, proxy: str) -> dict[str, str]:
    """Return a fresh session's environment: the runner's Python, an empty home."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in KEPT_VARIABLES or name.startswith("PIP_") or KEPT_PROXY.match(name)
    }
    environment.update(
        PATH=os.pathsep.join([str(venv / "bin"), "/usr/local/bin", "/usr/bin", "/bin"]),
        HOME=str(home),
        # The site's host is reached through the test's server (no no_proxy).
        http_proxy=proxy,
        HTTP_PROXY=proxy,
        # A fresh session has no download cache: the wheel comes from the site.
        PIP_NO_CACHE_DIR="1",
    )
    return environment


@dataclass(frozen=True)
class Runner:
    """A virtual environment with only ipykernel and nbclient (and their needs)."""

    python: Path
    environment: dict[str, str]
    work: Path

    def pip(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run the runner's pip."""
        return subprocess.run(
            [str(self.python), "-m", "pip", *arguments],
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )


@pytest.fixture(scope="module")
def runner(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    """Create the runner's virtual environment, with the lock's ipykernel and nbclient."""
    root = tmp_path_factory.mktemp("student-runner")
    venv, home, work = root / "venv", root / "home", root / "work"
    home.mkdir()
    work.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    made = Runner(
        venv / "bin" / "python", runner_environment(venv, home, site.proxy), work
    )
    installed = made.pip("install", "--quiet", *(lock_pin(name) for name in RUNNER))
    assert installed.returncode == 0, installed.stdout + installed.stderr
    listed = made.pip("list", "--format=json")
    names = {entry["name"].lower() for entry in json.loads(listed.stdout)}
    assert {"numpy", "matplotlib", "activation-functions"}.isdisjoint(names), names
    (work / "run_notebook.py").write_text(RUN_NOTEBOOK, encoding="utf-8")
    return made


def download_link(site: Site, page_url: str) -> str:
    """Return the absolute address of the page's notebook, from its download menu."""
    soup = BeautifulSoup(site.fetch(page_url), "html.parser")
    links = soup.select("a.btn-download-notebook-button")
    assert len(links) == 1, f"{page_url}: no .ipynb in the download menu"
    return urljoin(page_url, str(links[0]["href"]))


def outputs_text(cell: dict[str, Any]) -> str:
    """Return what a code cell printed."""
    return "".join(
        "".join(output.get("text", "")) for output in cell.get("outputs", [])
    )


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_lesson_offers_a_notebook(edition: str) -> None:
    """The lessons' download menus offer a notebook; pages without code do not."""
    offered = sorted(
        path.stem
        for path in (SITE_ROOT / edition).glob("*.html")
        if "btn-download-notebook-button" in path.read_text(encoding="utf-8")
    )
    assert offered == list(LESSONS)


@pytest.mark.parametrize("page", LESSONS)
@pytest.mark.parametrize("edition", EDITIONS)
def test_notebook_runs_in_a_fresh_environment(
    site: Site, runner: Runner, edition: str, page: str
) -> None:
    """The downloaded notebook installs the wheel from the site and runs to its end."""
    address = site.addresses[edition]
    notebook_url = download_link(site, f"{address}{page}.html")
    source = runner.work / f"{edition}-{page}.ipynb"
    source.write_bytes(site.fetch(notebook_url))
    notebook = json.loads(source.read_text(encoding="utf-8"))

    # The text is the edition's, with no MyST markup left.
    markdown = "\n".join(
        "".join(cell["source"])
        for cell in notebook["cells"]
        if cell["cell_type"] == "markdown"
    )
    assert MYST_MARKUP.findall(markdown) == []
    if edition == "en":
        assert HANGUL.findall(json.dumps(notebook, ensure_ascii=False)) == []
    else:
        assert HANGUL.search(markdown)

    # A fresh session: the library is not there, so the first cell's import fails;
    # nor is matplotlib, which only the plot extra brings.
    removed = runner.pip("uninstall", "--yes", "activation-functions", "matplotlib")
    assert removed.returncode == 0, removed.stderr
    asked = len(site.requests)
    executed = runner.work / f"{edition}-{page}.executed.ipynb"
    started = time.monotonic()
    result = subprocess.run(
        [
            str(runner.python),
            str(runner.work / "run_notebook.py"),
            str(source),
            str(executed),
            str(runner.work),
            str(NOTEBOOK_TIMEOUT),
        ],
        env=runner.environment,
        capture_output=True,
        text=True,
        timeout=NOTEBOOK_TIMEOUT * 2,
        check=False,
    )
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr[-4000:]

    ran = json.loads(executed.read_text(encoding="utf-8"))
    code = [cell for cell in ran["cells"] if cell["cell_type"] == "code"]
    assert all(cell["execution_count"] is not None for cell in code)
    assert [o for c in code for o in c["outputs"] if o["output_type"] == "error"] == []
    first = outputs_text(code[0])
    wheels = [url for url in site.requests[asked:] if url.endswith(".whl")]
    assert len(wheels) == 1, f"the first cell fetched {wheels} ({first})"
    wheel_url = wheels[0]
    assert wheel_url.startswith(f"{address}_downloads/activation_functions-")
    assert f"Installing activation-functions[plot] from {wheel_url}" in first
    assert "Successfully installed" in first
    assert "activation-functions-0.1.0" in first
    assert "activation_functions 0.1.0" in first
    origin = subprocess.run(
        [str(runner.python), "-c", WHERE_FROM],
        env=runner.environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(origin.stdout)["url"] == wheel_url
    print(f"{edition}/{page}: {len(code)} code cells ran in {seconds:.1f} s")
