"""Print the seminar worksheets (exercises/*.md) as PDF handouts with headless Chromium.

    python tools/handouts.py [WORKSHEET.md ...]     # -> build/handouts/NAME.pdf

Each worksheet is turned into a plain HTML page (Python-Markdown, the kit's print styles)
and printed by Debian's Chromium: no network, no other converter to install.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys
import tempfile

import markdown

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "handouts"
CHROMIUM = "/usr/bin/chromium"
STYLE = """
body { font: 11pt/1.45 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; margin: 0 1.5cm; color: #000; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.2em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #555; padding: .3em .5em; height: 1.6em; }
blockquote { margin: .6em 0; padding-left: .8em; border-left: 3px solid #555; font-style: italic; }
@page { size: A4; margin: 1.5cm 0; }
"""


def to_html(source: pathlib.Path) -> str:
    body = markdown.markdown(source.read_text(), extensions=["tables", "def_list", "footnotes"])
    title = source.stem.replace("-", " ")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{STYLE}</style></head><body>{body}</body></html>")


def print_pdf(source: pathlib.Path, target: pathlib.Path) -> pathlib.Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = pathlib.Path(tmp) / "page.html"
        page.write_text(to_html(source))
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
                        f"--print-to-pdf={target}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    return target


def main(argv: list[str]) -> int:
    if not pathlib.Path(CHROMIUM).exists():
        print(f"handouts: {CHROMIUM} is missing; install Debian's chromium (make browser)", file=sys.stderr)
        return 1
    sources = [pathlib.Path(a) for a in argv] or sorted((ROOT / "exercises").glob("*.md"))
    for source in sources:
        print(f"handout -> {print_pdf(source, OUT / (source.stem + '.pdf')).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
