"""Every internal link and anchor of the built site resolves."""

from __future__ import annotations

import html.parser
import pathlib
from urllib.parse import unquote, urldefrag, urljoin, urlparse


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img" and attrs.get("src"):
            self.links.append(attrs["src"])


def parse(path: pathlib.Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(errors="ignore"))
    return parser


def target_file(site: pathlib.Path, page_url: str, href: str) -> tuple[pathlib.Path, str]:
    url, fragment = urldefrag(urljoin(page_url, href))
    path = unquote(urlparse(url).path).lstrip("/")
    file = site / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, fragment


def test_internal_links_and_anchors_resolve(site):
    parsed = {html: parse(html) for html in site.rglob("*.html")}
    broken = []
    for html, links in parsed.items():
        rel = html.relative_to(site).as_posix()
        page_url = "http://site/" + rel
        for href in links.links:
            if urlparse(href).scheme in ("http", "https", "mailto", "javascript", "data") or href.startswith("//"):
                continue
            file, fragment = target_file(site, page_url, href)
            if not file.exists():
                broken.append(f"{rel}: {href} -> missing {file.relative_to(site)}")
            elif fragment and file.suffix == ".html":
                ids = parsed[file].ids if file in parsed else parse(file).ids
                if fragment not in ids:
                    broken.append(f"{rel}: {href} -> no anchor #{fragment}")
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken[:50])
