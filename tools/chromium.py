"""Find a Chromium to print PDFs and drive the browser tests: never a hard-coded path.

Order: the environment variable ``CHROMIUM`` (a path or a command name), then a Chromium or
Chrome on PATH, then the browser Playwright installed for itself (``playwright install
chromium``). ``find_chromium()`` returns None when there is none.
"""

from __future__ import annotations

import os
import pathlib
import shutil

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# The flags a headless Chromium needs on a closed network (no background requests, no sandbox as root).
HEADLESS_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def playwright_chromium() -> str | None:
    """The Chromium that Playwright downloaded for itself, if any."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
    except Exception:  # no driver, or no browser installed for it
        return None
    return path if path and pathlib.Path(path).exists() else None


def find_chromium() -> str | None:
    """The path of a Chromium executable, or None."""
    wanted = os.environ.get("CHROMIUM")
    if wanted:
        found = shutil.which(wanted)
        if not found:
            raise FileNotFoundError(f"CHROMIUM={wanted!r} is not an executable file or a command on PATH")
        return found
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return playwright_chromium()


MISSING = ("no Chromium found: install one (Debian/Ubuntu: apt-get install chromium; macOS: "
           "brew install --cask chromium; or: python -m playwright install chromium), "
           "or set CHROMIUM to its path")

if __name__ == "__main__":
    path = find_chromium()
    print(path or MISSING)
    raise SystemExit(0 if path else 1)
