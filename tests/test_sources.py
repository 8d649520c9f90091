"""Every fact a reader sees can be checked: no unpublished fact sheet, no dead anchor, verbatim quotes.

The kit's public list of facts is docs/sources/index.md, one entry per fact, each a heading with
an explicit anchor (`### Title {#slug}`). Pages link to an entry, never to the team's own
bibliography or its entry numbers (B17, ...), which no reader can open.
"""

from __future__ import annotations

import json
import pathlib
import re
import subprocess
import sys

import pytest
from markdown.extensions.toc import slugify

from conftest import ROOT

DOCS = ROOT / "docs"
SOURCES_PAGE = DOCS / "sources" / "index.md"
CHECK_QUOTES = ROOT.parent / "shared" / "tools" / "check_quotes.py"
STATUSES = {"verified", "partly verified", "not verified"}

# References to a source the kit does not publish: "our fact sheet", "the bibliography (A2)",
# "entry B17", "Disagreement 1", or a bare entry number B1-B22.
UNPUBLISHED = re.compile(
    r"\bfact[\s-]*sheets?\b"
    r"|\b(?:our|the kit'?s|the|in the|a)\s+bibliograph\w*"
    r"|\bbibliograph\w*\s*[,(]?\s*(?:entry\s+)?(?:[AB]\d|disagreement)"
    r"|\bentr(?:y|ies)\s+[AB]\d{1,2}\b"
    r"|\bdisagreement\s+\d{1,2}\b"
    r"|\bB(?:[1-9]|1\d|2[0-2])\b",
    re.IGNORECASE,
)
SOURCES_LINK = re.compile(r"""(?:\]\(|href=["'])([^)\s"'#]*sources/index\.md)(?:#([^)\s"']*))?""")
HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*(?:\{#([\w-]+)\})?\s*$")


def reader_texts() -> list[tuple[str, pathlib.Path, str]]:
    """(label, the page's place on the site, text) for every page and notebook a reader sees."""
    texts = []
    for md in sorted(DOCS.rglob("*.md")):
        if md.relative_to(DOCS).parts[0] in ("labs", "reference"):
            continue  # generated from notebooks/ and src/, which are read below or hold no prose
        texts.append((str(md.relative_to(ROOT)), md, md.read_text()))
    for md in sorted((ROOT / "exercises").rglob("*.md")):
        texts.append((str(md.relative_to(ROOT)), md, md.read_text()))
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text())["cells"]
        prose = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        texts.append((str(nb.relative_to(ROOT)), DOCS / "labs" / f"{nb.stem}.md", prose))
    return texts


def unpublished_references(text: str) -> list[str]:
    return [m.group(0) for m in UNPUBLISHED.finditer(text)]


def anchors(page: str) -> dict[str, str]:
    """Anchor -> heading text, for every heading of a page: its {#id}, or the slug MkDocs gives it."""
    found: dict[str, str] = {}
    fence = False
    for line in page.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else HEADING.match(line)
        if match:
            slug = match[3] or slugify(match[2], "-")
            assert slug not in found, f"sources page: anchor #{slug} is used twice"
            found[slug] = match[2]
    return found


def test_detector_flags_unpublished_references_and_spares_paper_sizes():
    for sample in ("Our fact sheet records it", "per our fact\nsheet", "compiled from our bibliography (entry B17)",
                   "outside the source texts (bibliography A2)", "see Disagreement 1", "as in B10"):
        assert unpublished_references(sample), sample
    for sample in ("Print on A4 or US Letter.", "the Sources and facts page", "a B2B platform",
                   "[Ghost Work](../../sources/index.md#gray-suri-2019)"):
        assert not unpublished_references(sample), sample


def test_anchors_are_read_from_explicit_ids_and_heading_slugs():
    page = "# Sources and facts\n\n## Module 7: Behind the chatbot\n\n### A fact {#a-fact}\n\n```\n### not a heading {#no}\n```\n"
    assert set(anchors(page)) == {"sources-and-facts", "module-7-behind-the-chatbot", "a-fact"}
    with pytest.raises(AssertionError, match="twice"):
        anchors("### One {#same}\n\n### Two {#same}\n")


def test_no_page_cites_an_unpublished_fact_sheet():
    problems = [f"{label}: {ref!r}" for label, _, text in reader_texts() for ref in unpublished_references(text)]
    assert not problems, "link to an entry of docs/sources/index.md instead:\n" + "\n".join(problems)


def test_every_entry_has_one_anchor_and_a_status():
    page = SOURCES_PAGE.read_text()
    entries = [line for line in page.splitlines() if line.startswith("### ")]
    sections = re.split(r"^## ", page, flags=re.M)[1:]
    for module in range(7):
        section = next((s for s in sections if s.startswith(f"Module {module}:")), "")
        assert "\n### " in section, f"the sources page has no entry under 'Module {module}'"
    missing = [line for line in entries if not HEADING.match(line)[3]]
    assert not missing, "entries without an explicit anchor {#slug}:\n" + "\n".join(missing)
    for body in re.split(r"^### .*$", page, flags=re.M)[1:]:
        status = re.search(r"\*\*Status:\*\*\s*([a-z ]+?)(?:\s*\(|\s*·|\s*$)", body, re.M)
        assert status and status[1].strip() in STATUSES, f"an entry's status must be one of {STATUSES}:\n{body[:200]}"


def test_every_link_to_the_sources_page_resolves():
    known = anchors(SOURCES_PAGE.read_text())
    problems, links = [], 0
    for label, place, text in reader_texts():
        for match in SOURCES_LINK.finditer(text):
            links += 1
            target, anchor = match[1], match[2]
            if not label.startswith("exercises/") and (place.parent / target).resolve() != SOURCES_PAGE:
                problems.append(f"{label}: {target} is not docs/sources/index.md from where the page is built")
            if anchor and anchor not in known:
                problems.append(f"{label}: #{anchor} is not an anchor of docs/sources/index.md")
    assert links >= 30, f"only {links} links to the sources page were found"
    assert not problems, "\n".join(problems)


def test_every_blockquote_is_verbatim_in_the_sources():
    if not CHECK_QUOTES.exists():
        pytest.skip(f"the shared quotation checker is not next to this project ({CHECK_QUOTES})")
    done = subprocess.run([sys.executable, str(CHECK_QUOTES), str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    checked = int(re.search(r"^(\d+) blockquotes checked", done.stdout, re.M)[1])
    assert checked > 100, f"the checker read only {checked} blockquotes: is it reading docs/, exercises/ and notebooks?"
