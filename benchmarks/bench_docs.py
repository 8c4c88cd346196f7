"""Build times of the course site: cold, no change, after one prose edit; the PDF.

``make bench-docs`` runs this (with ``docs/_ext`` on ``PYTHONPATH``). It copies conf.py and docs/ into a temporary
folder, so the build there starts with empty caches (no doctrees, no
jupyter-cache: every notebook runs) and the real pages are never touched, then
times three ``sphinx-build`` runs with the same options as ``make docs``:

1. cold: nothing built yet, every notebook executes;
2. no change: the same command again;
3. prose edit: one sentence added to one page's prose (the notebook's code is
   unchanged, so its cached outputs are reused);
4. pdf: the Korean PDF, as ``make pdf-ko`` builds it after ``make docs-ko``
   (``course_site.book_command``: Sphinx's LaTeX builder on the site's
   doctrees, then latexmk running XeLaTeX and upmendex until the book is done).

Each run's time is printed next to its target (for 2 cores), with how many
pages Sphinx read and wrote and how many notebooks it executed, which tells
where the time went when a target is missed. ``--check`` exits with status 1
when a time is over its target.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from course_site.sphinx_command import SPHINX_BUILD, STRICT, sphinx_arguments

ROOT: Final = Path(__file__).resolve().parents[1]
#: Seconds allowed per step on a 2-core machine.
TARGETS: Final = {"cold": 60.0, "no change": 5.0, "prose edit": 5.0, "pdf": 180.0}
#: Pages tried in order for the prose edit (the first that exists is edited).
EDITED_PAGES: Final = ("sigmoid.md", "background.md", "index.md")
EDIT: Final = "\n\n이 문장은 빌드 시간을 재려고 덧붙인 문장입니다.\n"


@dataclass(frozen=True)
class Step:
    """One timed build."""

    name: str
    seconds: float
    read: int
    written: int
    executed: int
    returncode: int
    log: str


def copy_project(target: Path, source: Path) -> Path:
    """Copy conf.py and ``source`` (as docs/) into ``target``, link node_modules and locale.

    conf.py finds the catalogs beside itself (``locale/``): without them the
    Korean build warns about every table header of the cells' outputs
    (course_site.cell_outputs), and ``-W`` fails the cold build.
    """
    shutil.copy2(ROOT / "conf.py", target / "conf.py")
    (target / "locale").symlink_to(ROOT / "locale")
    shutil.copytree(
        source,
        target / "docs",
        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
    )
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def build_command(project: Path, jobs: str) -> list[str]:
    """Return the ``make docs`` command for the Korean site of ``project``."""
    options = (*STRICT, "-j", jobs)
    return [
        *SPHINX_BUILD,
        *sphinx_arguments("html", "ko", project=project, options=options),
    ]


def pdf_command(project: Path) -> list[str]:
    """Return the ``make pdf-ko`` command for the copy ``project``."""
    return [
        sys.executable,
        "-m",
        "course_site.book_command",
        "--project",
        str(project),
        "pdf",
        "ko",
        *STRICT,
    ]


def count(pattern: str, log: str) -> int:
    """Count the distinct items Sphinx logged on lines matching ``pattern``."""
    return len(set(re.findall(pattern, log, flags=re.MULTILINE)))


def timed_build(name: str, command: list[str]) -> Step:
    """Run one build and return its wall-clock time and what it did."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - start
    log = result.stdout + result.stderr
    return Step(
        name=name,
        seconds=seconds,
        read=count(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", log),
        written=count(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", log),
        executed=count(r"^(\S+): Executing notebook", log),
        returncode=result.returncode,
        log=log,
    )


def edit_prose(docs: Path) -> str:
    """Add one sentence at the end of the first page found; return its name."""
    for name in EDITED_PAGES:
        page = docs / name
        if page.is_file():
            page.write_text(page.read_text(encoding="utf-8") + EDIT, encoding="utf-8")
            return name
    msg = f"none of {EDITED_PAGES} exists in {docs}"
    raise FileNotFoundError(msg)


def report(steps: list[Step], jobs: str, edited: str) -> bool:
    """Print the steps beside their targets; return whether all are on target."""
    print(f"\nSite build times ({os.cpu_count()} cores, sphinx-build -j {jobs})")
    print(f"prose edit: one sentence added to docs/{edited}\n")
    header = f"{'step':<12}{'time':>9}{'target':>9}  {'ok':<4}"
    print(header + f"{'read':>6}{'written':>9}{'executed':>10}")
    print("-" * (len(header) + 25))
    on_target = True
    for step in steps:
        target = TARGETS[step.name]
        ok = step.returncode == 0 and step.seconds <= target
        on_target = on_target and ok
        verdict = "yes" if ok else ("FAIL" if step.returncode else "over")
        print(
            f"{step.name:<12}{step.seconds:>8.1f}s{target:>8.0f}s  {verdict:<4}"
            f"{step.read:>6}{step.written:>9}{step.executed:>10}"
        )
    return on_target


def main(argv: list[str] | None = None) -> int:
    """Time the three builds in a temporary copy and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", default="1", help="sphinx-build -j (default 1)")
    parser.add_argument(
        "--source",
        type=Path,
        default=ROOT / "docs",
        help="the pages to build (default docs/)",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a time is over its target"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary copy and print it"
    )
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-docs-"))
    try:
        project = copy_project(tmp, args.source)
        command = build_command(project, args.jobs)
        steps = [timed_build("cold", command)]
        steps.append(timed_build("no change", command))
        edited = edit_prose(project / "docs")
        steps.append(timed_build("prose edit", command))
        steps.append(timed_build("pdf", pdf_command(project)))
        on_target = report(steps, args.jobs, edited)
        failed = [step for step in steps if step.returncode != 0]
        for step in failed:
            print(f"\n{step.name} build failed; its log ends with:\n{step.log[-3000:]}")
    finally:
        if args.keep:
            print(f"\nkept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if failed:
        return 2
    return 1 if args.check and not on_target else 0


if __name__ == "__main__":
    sys.exit(main())
