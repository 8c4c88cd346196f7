"""Lighthouse scores of the built site: performance, accessibility, best practices, SEO.

``make bench-docs`` runs this after the build-time benchmark. It serves build/html
from 127.0.0.1 (gzip-compressed, as Read the Docs serves it), and runs Lighthouse
(npm ``lighthouse``, pinned in benchmarks/lighthouse/package-lock.json and installed
there by ``npm ci``) with Debian's chromium on the landing page and a function page
of each built edition, with Lighthouse's default mobile settings (Moto G Power
screen, simulated slow 4G and 4x CPU slowdown). The browser resolves no host but
127.0.0.1, so no audit can reach the internet.

Prints one row per page with the four category scores (target: 95 or more each),
then, for each page, the audits that cost points. ``--check`` exits with status 1
when a score is under the target. The JSON reports are kept in build/lighthouse/.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parents[1]
SITE: Final = ROOT / "build" / "html"
LIGHTHOUSE_DIR: Final = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE: Final = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
REPORTS: Final = ROOT / "build" / "lighthouse"
CHROMIUM: Final = Path(os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
EDITIONS: Final = ("ko", "en")
PAGES: Final = ("index.html", "sigmoid.html")
CATEGORIES: Final = ("performance", "accessibility", "best-practices", "seo")
TARGET: Final = 95
#: Flags for chromium: headless, offline but for 127.0.0.1, no background traffic.
CHROME_FLAGS: Final = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
#: Seconds one Lighthouse run may take.
RUN_TIMEOUT: Final = 300
COMPRESSED: Final = frozenset({".html", ".css", ".js", ".svg", ".json", ".txt", ".inv"})


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzip-compressed when the client accepts it, no log."""

    def send_head(self) -> Any:
        """Send a compressed copy of text files; leave everything else alone."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path /= "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: object) -> None:
        """Drop the access log line."""


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (free port); yield the base URL."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Result:
    """Lighthouse's verdict on one page."""

    page: str
    scores: dict[str, int | None]
    lost: list[str]
    error: str = ""


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse with ``npm ci`` if it is not there yet."""
    if LIGHTHOUSE.exists():
        return
    print("Installing Lighthouse (npm ci in benchmarks/lighthouse) ...", flush=True)
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True
    )


def culprits(audit: dict[str, Any], limit: int = 4) -> str:
    """Return the first resources an audit names (its details' URLs), shortened."""
    urls: list[str] = []
    for item in audit.get("details", {}).get("items", []):
        url = item.get("url") or item.get("sourceLocation", {}).get("url")
        if isinstance(url, str) and url not in urls:
            urls.append(url.split("/", 3)[-1])
    more = f", +{len(urls) - limit} more" if len(urls) > limit else ""
    return ", ".join(urls[:limit]) + more


def points_lost(report: dict[str, Any]) -> list[str]:
    """Return what cost points: scored audits short of full marks, worst first.

    Then the performance opportunities (render-blocking resources, unused CSS...)
    with their estimated savings, which say why the timing metrics fell short.
    """
    lost: list[tuple[float, str]] = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                value = audit.get("displayValue") or ""
                where = culprits(audit)
                lost.append(
                    (
                        score,
                        (
                            f"{category['id']}: {ref['id']} "
                            f"(score {score:.2f}{', ' + value if value else ''})"
                            + (f": {where}" if where else "")
                        ),
                    )
                )
    hints = [
        f"opportunity: {audit['id']} ({audit.get('displayValue', '')}): "
        f"{culprits(audit)}"
        for audit in report["audits"].values()
        if audit.get("details", {}).get("type") == "opportunity"
        and audit.get("score") is not None
        and audit["score"] < 1
    ]
    return [text for _, text in sorted(lost)] + sorted(hints)


def run_lighthouse(url: str, page: str, output: Path) -> Result:
    """Run Lighthouse on ``url``; return the category scores (0-100)."""
    log = output.with_suffix(".log")
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        flags = " ".join([*CHROME_FLAGS, f"--user-data-dir={profile}"])
        command = [
            str(LIGHTHOUSE),
            url,
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
            "--max-wait-for-load=60000",
            "--quiet",
        ]
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
        try:
            with log.open("wb") as out:
                done = subprocess.run(
                    command,
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    timeout=RUN_TIMEOUT,
                    check=False,
                )
        except subprocess.TimeoutExpired:
            return Result(page, dict.fromkeys(CATEGORIES), [], "timed out")
    if done.returncode != 0 or not output.is_file():
        tail = log.read_text(errors="replace").strip().splitlines()[-3:]
        return Result(page, dict.fromkeys(CATEGORIES), [], " / ".join(tail))
    report = json.loads(output.read_text(encoding="utf-8"))
    scores: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = report["categories"][name]["score"]
        scores[name] = None if score is None else round(score * 100)
    error = report.get("runtimeError", {}).get("message", "")
    return Result(page, scores, points_lost(report), error)


def table(results: list[Result]) -> str:
    """Format the scores as a Markdown table, marking those under the target."""
    lines = [
        "| page | " + " | ".join(CATEGORIES) + " |",
        "|---|" + "---:|" * len(CATEGORIES),
    ]
    for result in results:
        cells = []
        for name in CATEGORIES:
            score = result.scores[name]
            if score is None:
                cells.append("n/a")
            else:
                cells.append(f"{score}" + (" (!)" if score < TARGET else ""))
        lines.append(f"| {result.page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Score the landing and a function page of each built edition."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--site", type=Path, default=SITE, help="built site root")
    parser.add_argument(
        "--page", action="append", help="page to score, e.g. ko/tanh.html (repeatable)"
    )
    parser.add_argument(
        "--check", action="store_true", help=f"exit 1 if a score is under {TARGET}"
    )
    args = parser.parse_args(argv)
    site: Path = args.site.resolve()
    if not CHROMIUM.is_file():
        print(f"{CHROMIUM} not found: run `make browser-deps`.", file=sys.stderr)
        return 2
    pages: list[str] = args.page or [
        f"{edition}/{page}"
        for edition in EDITIONS
        if (site / edition / "index.html").is_file()
        for page in PAGES
    ]
    missing = [page for page in pages if not (site / page).is_file()]
    if not pages or missing:
        print(
            f"Not built: {missing or 'ko/index.html'}; run `make docs`.",
            file=sys.stderr,
        )
        return 2
    ensure_lighthouse()
    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir(parents=True)
    results: list[Result] = []
    with serve(site) as base_url:
        for page in pages:
            print(f"Lighthouse: {page} ...", flush=True)
            output = REPORTS / (page.replace("/", "-").removesuffix(".html") + ".json")
            results.append(run_lighthouse(f"{base_url}/{page}", page, output))
    print()
    print(f"Lighthouse {lighthouse_version()}, mobile, chromium {CHROMIUM}")
    print(table(results))
    for result in results:
        if result.error:
            print(f"\n{result.page}: {result.error}")
        if result.lost:
            print(f"\n{result.page}, points lost:")
            print("\n".join(f"  - {text}" for text in result.lost))
    print(f"\nJSON reports: {REPORTS.relative_to(ROOT)}/")
    below = [
        r
        for r in results
        if r.error or any(s is None or s < TARGET for s in r.scores.values())
    ]
    return 1 if args.check and below else 0


def lighthouse_version() -> str:
    """Return the installed Lighthouse's version."""
    package = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    return str(json.loads(package.read_text(encoding="utf-8"))["version"])


if __name__ == "__main__":
    sys.exit(main())
