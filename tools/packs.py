"""Build every module's session pack: worksheet, readings handout, slide deck, answer key, plan.

    python tools/packs.py            # all modules (what `make prepare` runs)
    python tools/packs.py --no-pdf   # pages and decks only

For a module ``docs/modules/NN-slug/`` this writes, all git-ignored:

- ``docs/packs/NN-slug/index.md``: the pack page (what to print, project and read);
- ``docs/packs/NN-slug/worksheet.md`` and ``NN-slug-worksheet-{a4,letter}.pdf`` from ``exercises/NN-slug.md``;
- ``docs/packs/NN-slug/NN-slug-readings-{a4,letter}.pdf``, the reading cards of ``readings.md``;
- ``docs/packs/NN-slug/slides.html``, the deck from ``slides.md`` (see ``tools/deck.py``);
- ``docs/packs/NN-slug/answers.md`` and ``NN-slug-answers-{a4,letter}.pdf`` from ``exercises/answers/NN-slug.md``;
- ``build/packs/NN-slug.md``, the box the module's instructor notes include, and
  ``build/plans/NN-slug.md``, the plan by the clock (``tools/plans.py``).

A part whose source does not exist is left out, with its link. PDFs are printed by headless
Chromium (``tools/chromium.py``); without one they are skipped with a one-line note and not
linked. A PDF is re-printed only when its HTML changed.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import markdown
import yaml

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import deck  # noqa: E402
import kitconfig  # noqa: E402
import labmeta  # noqa: E402
import plans  # noqa: E402
from chromium import HEADLESS_ARGS, MISSING, find_chromium  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULES = DOCS / "modules"
PACKS = DOCS / "packs"
EXERCISES = ROOT / "exercises"
BUILD = ROOT / "build"
CACHE = BUILD / "packs" / ".cache"
PRINT = pathlib.Path(__file__).resolve().parent / "print"  # handout.css, fit.js
# Paper: the @page size, and the printable width and height within handout.css's margins.
SIZES = {"a4": ("A4", "176mm", "263mm"), "letter": ("letter", "181.9mm", "245.4mm")}
SIZE_NAMES = {"a4": "A4", "letter": "US Letter"}
EXTENSIONS = ["tables", "attr_list", "md_in_html", "def_list", "footnotes", "admonition",
              "pymdownx.details", "pymdownx.superfences"]
ANSWER = re.compile(r'<div class="answer" data-lines="(?P<n>\d+)"></div>')
NUMBERED = re.compile(r"^(\d+)\.(\s)")


def renumber(text: str) -> str:
    """Top-level numbered questions count 1, 2, 3 within each ``##`` section, whatever the source says."""
    out, count, fence = [], 0, False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        if not fence and line.startswith("## "):
            count = 0
        elif not fence and NUMBERED.match(line):
            count += 1
            line = NUMBERED.sub(f"{count}.\\2", line, count=1)
        out.append(line)
    return "\n".join(out) + "\n"


def plain_relative_links(body: str) -> str:
    """Links to other pages of the kit become their text (they do not work on paper or from here)."""
    return re.sub(r'<a href="(?!https?:|mailto:|#)[^"]*">(.*?)</a>', r"\1", body, flags=re.S)


def sized_tables(body: str) -> str:
    """Columns left empty for writing get the width; short-text columns stay narrow."""
    def table(match: re.Match) -> str:
        text = match.group(0)
        rows = re.findall(r"<tr>(.*?)</tr>", text, flags=re.S)
        cells = [re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, flags=re.S) for row in rows]
        if len(cells) < 2:
            return text
        width = len(cells[0])
        empty = [all(not (row[i].strip() if i < len(row) else "") for row in cells[1:]) for i in range(width)]
        if not any(empty) or all(empty):
            return text
        share = 60 // sum(empty)
        heads = iter(range(width))

        def head(cell: re.Match) -> str:
            i = next(heads, None)
            style = f' style="width: {share}%"' if i is not None and empty[i] else ""
            return f"<th{style}{cell.group(1)}>"
        head_row = re.sub(r"<th([^>]*)>", head, rows[0])
        return text.replace(rows[0], head_row, 1).replace("<table>", '<table class="writing">', 1)
    return re.sub(r"<table>.*?</table>", table, body, flags=re.S)


def converter() -> markdown.Markdown:
    """Python-Markdown as the handouts need it: an ordered list keeps its start number."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.parser.blockprocessors["olist"].LAZY_OL = False
    return md


def render(text: str) -> str:
    """Worksheet-like Markdown as HTML: questions numbered per task, answer boxes sized, tables sized."""
    body = converter().convert(renumber(text))
    body = ANSWER.sub(lambda m: f'<div class="answer" data-lines="{m["n"]}">' + '<div class="line"></div>' * int(m["n"])
                      + "</div>", body)
    # A question and its answer box stay on one page.
    body = re.sub(r'(<(?:ol|p)\b[^>]*>(?:(?!<ol\b|<p\b).)*?</(?:ol|p)>)\s*(<div class="answer"[^>]*>(?:<div class="line"></div>)*</div>)',
                  r'<div class="question">\1\2</div>', body, flags=re.S)
    return sized_tables(plain_relative_links(body))


def split_title(body: str) -> tuple[str, str]:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, flags=re.S)
    if not match:
        return "", body
    return re.sub(r"<[^>]+>", "", match.group(1)).strip(), body[:match.start()] + body[match.end():]


def print_page(title: str, body: str, size: str, footer: str, name_line: bool) -> str:
    paper, width, height = SIZES[size]
    css = (PRINT / "handout.css").read_text() + f"\n@page {{ size: {paper}; }}\n@media screen {{ body {{ width: {width}; }} }}\n"
    css += (f'\n@page {{ @bottom-center {{ content: "{footer} · " counter(page) " / " counter(pages); '
            'font: 8pt system-ui, "DejaVu Sans", sans-serif; color: #444; }} }}\n')
    top = ('<p class="name-date"><span>Name: </span><span>Date: </span></p>\n' if name_line else "")
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<style>{css}</style></head><body data-page-height="{height}">{top}<h1>{html.escape(title)}</h1>\n{body}'
            f"<script>{(PRINT / 'fit.js').read_text()}</script></body></html>")


def print_pdf(page: str, target: pathlib.Path, browser: str) -> bool:
    """Print ``page`` (HTML) to ``target``; False when it was already printed from the same HTML."""
    digest = hashlib.sha256(page.encode()).hexdigest()
    stamp = CACHE / (target.name + ".sha256")
    if target.exists() and stamp.exists() and stamp.read_text() == digest:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = pathlib.Path(tmp) / "page.html"
        source.write_text(page)
        subprocess.run([browser, "--headless", *HEADLESS_ARGS, f"--user-data-dir={tmp}/profile",
                        "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()],
                       check=True, capture_output=True, timeout=120)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return True


def site_page(title: str, body: str, downloads: list[tuple[str, str]], note: str = "", search: bool = True) -> str:
    """A generated Markdown page holding pre-rendered HTML (so numbering survives MkDocs' lists)."""
    links = " · ".join(f"[{label}]({href}){{: download }}" for label, href in downloads)
    bar = f'<div class="lab-launch" markdown>\n{links}\n</div>\n\n' if links else ""
    hidden = "" if search else "search:\n  exclude: true\n"
    return (f"---\ntitle: {yaml.safe_dump(title, default_style=chr(34)).strip()}\n{hidden}---\n\n"
            f"# {title}\n\n{bar}{note}<div class=\"worksheet\">\n{body}\n</div>\n")


class Pack:
    """One module's pack: what exists, where it goes, and the links to it."""

    def __init__(self, module: pathlib.Path, browser: str | None):
        self.module, self.slug, self.browser = module, module.name, browser
        self.out = PACKS / self.slug
        self.meta, _ = kitconfig.front_matter((module / "index.md").read_text())
        self.title = self.meta.get("title", self.slug)
        self.number = int(self.slug[:2])
        self.files: dict[str, str] = {}  # part -> file name in self.out

    def pdfs(self, part: str, title: str, body: str, name_line: bool) -> None:
        if not self.browser:
            return
        for size in SIZES:
            name = f"{self.slug}-{part}-{size}.pdf"
            footer = f"Behind the API · module {self.number} · {part}"
            print_pdf(print_page(title, body, size, footer, name_line), self.out / name, self.browser)
            self.files[f"{part}_{size}"] = name

    def downloads(self, part: str) -> list[tuple[str, str]]:
        return [(f"PDF, {SIZE_NAMES[s]}", self.files[f"{part}_{s}"]) for s in SIZES if f"{part}_{s}" in self.files]

    def worksheet(self) -> None:
        source = EXERCISES / f"{self.slug}.md"
        if not source.exists():
            return
        title, body = split_title(render(source.read_text()))
        title = title or f"Worksheet: module {self.number}"
        self.pdfs("worksheet", title, body, name_line=True)
        (self.out / "worksheet.md").write_text(site_page(title, body, self.downloads("worksheet")))
        self.files["worksheet"] = "worksheet.md"

    def readings(self) -> None:
        source = self.module / "readings.md"
        if not source.exists() or not self.browser:
            return
        title, body = split_title(render(kitconfig.front_matter(source.read_text())[1]))
        self.pdfs("readings", title or f"Readings: module {self.number}", body, name_line=False)

    def answers(self) -> None:
        source = EXERCISES / "answers" / f"{self.slug}.md"
        if not source.exists():
            return
        title, body = split_title(render(source.read_text()))
        title = title or f"Answer key: module {self.number}"
        self.pdfs("answers", title, body, name_line=False)
        note = '!!! instructor "For the instructor"\n    Not linked from the learners\' worksheet.\n\n'
        (self.out / "answers.md").write_text(site_page(title, body, self.downloads("answers"), note, search=False))
        self.files["answers"] = "answers.md"

    def slides(self) -> None:
        source = self.module / "slides.md"
        if source.exists():
            (self.out / "slides.html").write_text(deck.build(source))
            self.files["slides"] = "slides.html"

    def links(self, prefix: str) -> dict:
        """Targets for plans.py, relative to a page at ``prefix`` from the pack folder."""
        f = self.files
        get = lambda key: prefix + f[key] if key in f else None  # noqa: E731
        return {"worksheet": get("worksheet"), "worksheet_a4": get("worksheet_a4"),
                "worksheet_letter": get("worksheet_letter"), "slides": get("slides"),
                "answers": get("answers"), "readings_pdf": get("readings_a4"),
                "lab_titles": {slug: lab["title"] for slug, lab in labmeta.labs().items()},
                "reading_titles": card_titles(self.module / "readings.md")}

    def parts(self, prefix: str) -> list[str]:
        """The pack's parts as Markdown list items, links relative to ``prefix``."""
        f, items = self.files, []

        def pdf_links(part: str) -> str:
            return "".join(f", [{label}]({prefix}{name})" for label, name in self.downloads(part))
        if "worksheet" in f:
            items.append(f"**Worksheet**: [page]({prefix}worksheet.md){pdf_links('worksheet')}")
        if "readings_a4" in f:
            items.append(f"**Readings handout** (the reading cards): {pdf_links('readings').removeprefix(', ')}")
        if "slides" in f:
            items.append(f"**Slides**: [open the deck]({prefix}slides.html) (arrow keys; N shows your notes; "
                         "print it for one slide per page)")
        if "answers" in f:
            items.append(f"**Answer key** (for you): [page]({prefix}answers.md){pdf_links('answers')}")
        return items

    def build(self) -> None:
        self.out.mkdir(parents=True, exist_ok=True)
        self.worksheet()
        self.readings()
        self.slides()
        self.answers()
        plan = plans.plan_page(self.meta.get("blocks") or [], self.links(f"../../packs/{self.slug}/"))
        lines = [f"- {item}" for item in self.parts("")]
        page = (f"# Session pack: module {self.number}\n\n"
                f"For the 90-minute session of [{self.title}](../../modules/{self.slug}/index.md); "
                "the plan by the clock is in its instructor notes.\n\n" + "\n".join(lines) + "\n")
        (self.out / "index.md").write_text(page)
        for old in self.out.iterdir():  # what an earlier build made and this one did not
            if old.name not in {*self.files.values(), "index.md"}:
                old.unlink()
        box = ['!!! instructor "Session pack: print, project, teach"',
               f"    [The session pack](../../packs/{self.slug}/index.md) for this module:", ""]
        box += [f"    - {item}" for item in self.parts(f"../../packs/{self.slug}/")]
        write(BUILD / "packs" / f"{self.slug}.md", "\n".join(box) + "\n")
        write(BUILD / "plans" / f"{self.slug}.md", plan)


def card_titles(path: pathlib.Path) -> dict[str, str]:
    """Reading card id -> its title, from the '## Title {#id}' headings of a readings page."""
    text = path.read_text() if path.exists() else ""
    return {m[2]: m[1].strip() for m in re.finditer(r"^## (.+?)\s*\{#([\w-]+)\}\s*$", text, re.M)}


def write(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def modules() -> list[pathlib.Path]:
    return sorted(p for p in MODULES.iterdir() if (p / "index.md").exists() and re.match(r"\d\d-", p.name))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDFs")
    args = parser.parse_args(argv)
    browser = None if args.no_pdf else find_chromium()
    if not browser and not args.no_pdf:
        print(f"packs: PDFs skipped ({MISSING})")
    for stale in PACKS.glob("*/") if PACKS.exists() else []:
        if not (MODULES / stale.name / "index.md").exists():
            shutil.rmtree(stale)
    for module in modules():
        pack = Pack(module, browser)
        try:
            pack.build()
        except deck.DeckError as error:
            print(f"packs: {error}", file=sys.stderr)
            return 1
        print(f"pack     {module.name}: {', '.join(sorted(pack.files)) or 'nothing to pack'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
