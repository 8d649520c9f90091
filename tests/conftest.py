"""Shared fixtures: the built site (generated pages first), a local server, a browser."""

from __future__ import annotations

import functools
import http.server
import pathlib
import subprocess
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BIN = pathlib.Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tools"))  # the build tools the tests import


def run(*args: str, cwd: pathlib.Path = ROOT) -> subprocess.CompletedProcess:
    """Run a command; on failure, fail the test with its output."""
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(args)} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="session")
def generated_pages() -> None:
    """Render the labs (cached), the glossary tooltips and the API reference, as `make site` does."""
    for tool in ("render_labs.py", "glossary.py", "api_reference.py", "booth.py", "explorers.py", "self_check.py", "module_times.py",
                 "packs.py",
                 "bundle.py"):
        run(sys.executable, f"tools/{tool}")


@pytest.fixture(scope="session")
def site(generated_pages, tmp_path_factory) -> pathlib.Path:
    """The site built by `mkdocs build --strict`."""
    out = tmp_path_factory.mktemp("site")
    run(str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(out))
    return out


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on 127.0.0.1 (a free port); yield its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium through Playwright: the one tools/chromium.py finds (no browser download)."""
    from playwright.sync_api import sync_playwright

    from chromium import HEADLESS_ARGS, MISSING, find_chromium

    executable = find_chromium()
    if not executable:
        pytest.fail(MISSING)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=HEADLESS_ARGS)
        yield browser
        browser.close()


def site_pages(site: pathlib.Path) -> list[str]:
    """Every page of a built site, as paths relative to its root ('' for the home page)."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        rel = html.parent.relative_to(site).as_posix()
        if rel in ("404",) or rel.startswith(("assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages
