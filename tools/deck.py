"""A module's slide deck: ``docs/modules/NN-slug/slides.md`` -> one self-contained HTML file.

Format (COMMON to the kit): slides are separated by a line ``---``; the first is the title
slide; a line starting ``Notes:`` begins the speaker notes, to the end of that slide. Images
are relative to the module folder; ``![alt](lab:NN-slug)`` is that lab's key figure (the
output of the code cell tagged ``key-figure``, from the rendered lab in ``docs/labs/``).
Images are inlined and the script and styles (``docs/assets/deck.js``, ``deck.css``) are
copied in, so the file works offline, from a USB stick as well as from the site.
"""

from __future__ import annotations

import base64
import html
import json
import mimetypes
import pathlib
import re

import markdown

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ASSETS = DOCS / "assets"
LABS = DOCS / "labs"
NOTEBOOKS = ROOT / "notebooks"
SEPARATOR = re.compile(r"^---\s*$", re.M)
NOTES = re.compile(r"^Notes:[ \t]*", re.M)
EXTENSIONS = ["tables", "attr_list", "md_in_html", "def_list", "footnotes", "pymdownx.superfences"]


class DeckError(ValueError):
    """A deck that cannot be built: the message names the file and the slide."""


def slides(text: str) -> list[tuple[str, str]]:
    """(content, notes) per slide, in order."""
    parts = SEPARATOR.split(text)
    if parts and not parts[0].strip():
        parts = parts[1:]
    out = []
    for part in parts:
        match = NOTES.search(part)
        content, notes = (part[:match.start()], part[match.end():]) if match else (part, "")
        out.append((content.strip(), notes.strip()))
    return [s for s in out if s[0] or s[1]]


def key_figure(lab: str) -> tuple[str, str]:
    """(file, alt text) of the figure printed by the cell tagged ``key-figure`` in the rendered lab."""
    notebook = NOTEBOOKS / f"{lab}.ipynb"
    if not notebook.exists():
        raise DeckError(f"lab:{lab}: notebooks/{lab}.ipynb does not exist")
    cells = json.loads(notebook.read_text())["cells"]
    tagged = [i for i, c in enumerate(cells) if "key-figure" in c.get("metadata", {}).get("tags", [])]
    if len(tagged) != 1:
        raise DeckError(f"lab:{lab}: exactly one code cell must be tagged key-figure, found {len(tagged)}")
    page = LABS / f"{lab}.md"
    if not page.exists():
        raise DeckError(f"lab:{lab}: docs/labs/{lab}.md is not rendered yet (run tools/render_labs.py)")
    pattern = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>" + re.escape(f"{lab}_files/{lab}_{tagged[0]}_") + r"[^)]+)\)")
    match = pattern.search(page.read_text())
    if not match:
        raise DeckError(f"lab:{lab}: the cell tagged key-figure (cell {tagged[0]}) printed no figure")
    return str(LABS / match["src"]), match["alt"]


def data_uri(path: pathlib.Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode()}"


def resolve_images(body: str, folder: pathlib.Path, where: str) -> str:
    def image(match: re.Match) -> str:
        src = html.unescape(match["src"])
        if src.startswith("lab:"):
            path = pathlib.Path(key_figure(src[4:])[0])
        elif re.match(r"[a-z]+:|/", src):
            raise DeckError(f"{where}: image {src!r} must be a file in the module folder or lab:NN-slug")
        else:
            path = folder / src
        if not path.exists():
            raise DeckError(f"{where}: image {src!r} not found in {folder.name}/")
        return f'{match["before"]}src="{data_uri(path)}"'
    return re.sub(r'(?P<before><img\b[^>]*?)src="(?P<src>[^"]+)"', image, body)


def site_links(body: str, module: str) -> str:
    """Links to the module's pages (``readings.md#x``) point at the built site from docs/packs/NN-slug/."""
    def link(match: re.Match) -> str:
        href = match["href"]
        if re.match(r"[a-z]+:|#|/", href):
            return match.group(0)
        path, _, anchor = href.partition("#")
        path = re.sub(r"(^|/)index\.md$", r"\1", path)
        path = re.sub(r"\.md$", "/", path)
        return f'href="../../modules/{module}/{path}' + (f"#{anchor}" if anchor else "") + '"'
    return re.sub(r'href="(?P<href>[^"]*)"', link, body)


def shift_headings(body: str, top: int) -> str:
    """The slide's highest heading becomes h``top``; the others keep their distance to it."""
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", body)]
    if not levels:
        return body
    delta = top - min(levels)
    return re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m[1]}h{min(6, int(m[2]) + delta)}", body)


def to_html(text: str, *, folder: pathlib.Path, title: str) -> str:
    """The deck as one HTML document."""
    convert = markdown.Markdown(extensions=EXTENSIONS)
    convert.parser.blockprocessors["olist"].LAZY_OL = False
    sections = []
    deck = slides(text)
    if not deck:
        raise DeckError(f"{folder.name}/slides.md: no slides")
    for number, (content, notes) in enumerate(deck, 1):
        where = f"{folder.name}/slides.md: slide {number}"
        body = shift_headings(convert.reset().convert(content), 2)  # the page's h1 is the deck's title
        body = site_links(resolve_images(body, folder, where), folder.name)
        aside = ""
        if notes:
            aside = f'<aside class="notes" aria-label="Speaker notes">{site_links(convert.reset().convert(notes), folder.name)}</aside>'
        kind = "slide title-slide" if number == 1 else "slide"
        sections.append(f'<section class="{kind}" id="{number}" aria-label="Slide {number} of {len(deck)}">'
                        f'<div class="slide-body">{body}</div>{aside}</section>')
    css = (ASSETS / "deck.css").read_text()
    script = (ASSETS / "deck.js").read_text()
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{css}</style></head>\n<body>\n"
            f'<main class="deck">\n<h1 class="visually-hidden">{html.escape(title)}</h1>\n' + "\n".join(sections) + "\n</main>\n"
            '<nav class="deck-bar" aria-label="Slides">'
            '<button type="button" data-deck="prev" aria-label="Previous slide">&#8249;</button>'
            '<span class="deck-count" aria-live="polite"></span>'
            '<button type="button" data-deck="next" aria-label="Next slide">&#8250;</button>'
            '<button type="button" data-deck="notes" aria-pressed="false">Notes (N)</button>'
            f"</nav>\n<script>{script}</script>\n</body></html>\n")


def build(source: pathlib.Path) -> str:
    """Build the deck of one module's slides.md."""
    text = source.read_text()
    first = slides(text)[0][0] if slides(text) else ""
    heading = re.search(r"^#+\s*(.+)$", first, re.M)
    title = f"Slides: {heading[1].strip() if heading else source.parent.name}"
    return to_html(text, folder=source.parent, title=title)
