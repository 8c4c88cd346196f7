"""The Korean site builds byte for byte the same twice: pages, figures, search index.

Two complete builds run side by side from clean, each into its own temporary output,
doctree and notebook-cache folders (so every notebook executes twice), with the
Makefile's command and environment (``SOURCE_DATE_EPOCH``, ``MPLBACKEND=Agg``). The
second build runs with another ``PYTHONHASHSEED`` than the first: Read the Docs
does not fix the hash seed, so an output that depends on set order would differ
between its builds. Every file of the two outputs is compared, except Sphinx's
``.buildinfo`` (a hash of the configuration, which names the temporary cache).

Slow by nature (two cold builds, about a minute on two cores); ``make test`` runs it.
"""

from __future__ import annotations

import contextlib
import os
import signal
import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pytest

from course_site.sphinx_command import SPHINX_BUILD, STRICT, sphinx_arguments

REPO: Final = Path(__file__).resolve().parents[2]
LANGUAGE: Final = "ko"
#: The two builds' hash seeds: the Makefile's, and another one.
HASH_SEEDS: Final = ("0", "1")
#: How long one build may take before the test gives up (s).
BUILD_TIMEOUT: Final = 600
#: Files that record how a build was configured, not what it produced.
NOT_COMPARED: Final = frozenset({".buildinfo"})
PNG_SIGNATURE: Final = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Build:
    """One finished build: where its output is, and its log."""

    name: str
    html: Path
    log: Path
    returncode: int
    seconds: float

    def files(self) -> dict[str, Path]:
        """Return every output file by its path relative to the output folder."""
        return {
            path.relative_to(self.html).as_posix(): path
            for path in sorted(self.html.rglob("*"))
            if path.is_file() and path.name not in NOT_COMPARED
        }


def start_build(
    root: Path, hash_seed: str, epoch: str
) -> tuple[subprocess.Popen[bytes], Path]:
    """Start ``make docs``'s Korean build into ``root``; return the process and log."""
    root.mkdir(parents=True)
    log = root / "build.log"
    cache = root / "jupyter_cache"
    arguments = sphinx_arguments(
        "html",
        LANGUAGE,
        output=root / "html",
        doctrees=root / "doctrees",
        options=("-D", f"nb_execution_cache_path={cache}", *STRICT, "-q"),
    )
    command = [*SPHINX_BUILD, *arguments]
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": epoch,
        "PYTHONHASHSEED": hash_seed,
        "MPLBACKEND": "Agg",
    }
    # Output to a file, never a pipe: sphinxcontrib-katex's node server inherits
    # the build's stdout and can hold a pipe open after Sphinx exits.
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, log


def finish(process: subprocess.Popen[bytes]) -> int:
    """Wait for a build, then end what it left running in its own session."""
    try:
        code = process.wait(timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        code = -1
    # The build's own process group (Sphinx, its kernels, the KaTeX server).
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    process.wait()
    return code


@pytest.fixture(scope="module")
def builds(
    tmp_path_factory: pytest.TempPathFactory, source_date_epoch: str
) -> tuple[Build, Build]:
    """Build the Korean site twice, side by side, and return both builds."""
    base = tmp_path_factory.mktemp("reproducible")
    started = time.perf_counter()
    running = [
        (
            f"build {i + 1} (PYTHONHASHSEED={seed})",
            *start_build(base / f"b{i}", seed, source_date_epoch),
        )
        for i, seed in enumerate(HASH_SEEDS)
    ]
    done: list[Build] = []
    for name, process, log in running:
        code = finish(process)
        done.append(
            Build(name, log.parent / "html", log, code, time.perf_counter() - started)
        )
    failed = [b for b in done if b.returncode != 0]
    if failed:
        tails = "\n\n".join(
            f"{b.name} exited with {b.returncode}:\n"
            + "\n".join(b.log.read_text(errors="replace").splitlines()[-30:])
            for b in failed
        )
        pytest.fail(f"The site does not build:\n{tails}", pytrace=False)
    return done[0], done[1]


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Return a PNG's chunks as (type, payload) pairs."""
    chunks: list[tuple[bytes, bytes]] = []
    offset = len(PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        chunks.append((kind, data[offset + 8 : offset + 8 + length]))
        offset += 12 + length
    return chunks


def explain(first: bytes, second: bytes) -> str:
    """Say briefly where two versions of a file differ."""
    if first.startswith(PNG_SIGNATURE) and second.startswith(PNG_SIGNATURE):
        a, b = png_chunks(first), png_chunks(second)
        kinds = sorted(
            {kind.decode("latin-1") for kind, _ in set(a) ^ set(b)} or {"chunk order"}
        )
        text = [
            payload[:60].decode("latin-1")
            for kind, payload in (set(a) ^ set(b))
            if kind in {b"tEXt", b"iTXt", b"zTXt"}
        ]
        return f"PNG chunks differ: {', '.join(kinds)}" + (
            f" (text: {sorted(text)})" if text else ""
        )
    at = next(
        (i for i, (x, y) in enumerate(zip(first, second, strict=False)) if x != y),
        min(len(first), len(second)),
    )
    lo = max(0, at - 60)
    return (
        f"first difference at byte {at} of {len(first)}/{len(second)}:\n"
        f"      {first[lo : at + 60]!r}\n"
        f"  vs  {second[lo : at + 60]!r}"
    )


def differences(builds: tuple[Build, Build], kind: str) -> list[str]:
    """Return, for files of ``kind`` present in both builds, those that differ."""
    first, second = builds[0].files(), builds[1].files()
    found: list[str] = []
    for name in sorted(first.keys() & second.keys()):
        if file_kind(name) != kind:
            continue
        a, b = first[name].read_bytes(), second[name].read_bytes()
        if a != b:
            found.append(f"{name}: {explain(a, b)}")
    return found


def file_kind(name: str) -> str:
    """Sort an output file into html, figure, search index or other."""
    if name == "searchindex.js":
        return "search index"
    if name.endswith(".html"):
        return "html"
    if name.startswith("_images/"):
        return "figure"
    return "other"


class TestReproducibleBuild:
    """Two clean builds of the Korean site are identical."""

    def test_same_files(self, builds: tuple[Build, Build]) -> None:
        """Both builds write the same set of files."""
        first, second = builds[0].files(), builds[1].files()
        only = (
            sorted(first.keys() - second.keys()),
            sorted(second.keys() - first.keys()),
        )
        assert only == ([], [])

    def test_pages_identical(self, builds: tuple[Build, Build]) -> None:
        """Every HTML page is byte-identical."""
        assert differences(builds, "html") == []

    def test_figures_identical(self, builds: tuple[Build, Build]) -> None:
        """Every figure under _images is byte-identical."""
        assert differences(builds, "figure") == []

    def test_search_index_identical(self, builds: tuple[Build, Build]) -> None:
        """searchindex.js is byte-identical."""
        assert differences(builds, "search index") == []

    def test_everything_else_identical(self, builds: tuple[Build, Build]) -> None:
        """Stylesheets, scripts, fonts, sources and objects.inv are byte-identical."""
        assert differences(builds, "other") == []
