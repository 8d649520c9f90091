"""The site builds strictly under MkDocs and gives the same pages under Zensical."""

from __future__ import annotations

import pathlib

import kitconfig
from conftest import BIN, ROOT, run, site_pages


def test_strict_build_has_every_nav_page(site):
    config = kitconfig.load()

    def files(nav):
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from files(value) if isinstance(value, list) else [value]

    for source in files(config["nav"]):
        page = "" if source == "index.md" else source.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        assert (site / page / "index.html").exists(), f"{source} was not built"


def test_zensical_builds_the_same_pages(site, generated_pages):
    """Zensical reads the same mkdocs.yml (its `!ENV` tags too); it wants its config and output
    inside the project."""
    out = ROOT / "build" / "zensical-site"
    alt = ROOT / ".zensical-test.yml"  # Zensical's project root is its config file's folder
    alt.write_text((ROOT / "mkdocs.yml").read_text() + f"\nsite_dir: {out.relative_to(ROOT)}\n")
    try:
        run(str(BIN / "zensical"), "build", "--config-file", alt.name, "--clean")
    finally:
        alt.unlink()
    assert set(site_pages(out)) == set(site_pages(site))


def test_no_third_party_assets_in_built_html(site):
    """No web fonts, CDN scripts or analytics: every src/href to an asset is local."""
    import re

    offenders = []
    for html in site.rglob("*.html"):
        for url in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//([^"/]+)', html.read_text()):
            offenders.append(f"{html.relative_to(site)}: {url[1]}")
    assert not offenders, "third-party assets:\n" + "\n".join(offenders[:20])
