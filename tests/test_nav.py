"""The learner path is the site's order: each lab sits in the nav right after the module its
notebook metadata names first, so Previous/Next walk a module, its labs, the next module; and
every module and lab page shows its time."""

from __future__ import annotations

import re
import sys

import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import labmeta  # noqa: E402


def nav_files() -> list[str]:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)

    def files(nav):
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from files(value) if isinstance(value, list) else [value]

    return list(files(config["nav"]))


def test_each_lab_follows_its_module_in_the_nav():
    order = nav_files()
    modules = [f for f in order if re.fullmatch(r"modules/[^/]+/index\.md", f)]
    for slug, meta in labmeta.labs().items():
        page = f"labs/{slug}.md"
        assert page in order, f"{page} is not in the nav"
        home = f"modules/{meta['modules'][0]}/index.md"
        after = modules[modules.index(home) + 1] if modules.index(home) + 1 < len(modules) else None
        position = order.index(page)
        assert order.index(home) < position, f"{page} comes before its module {home}"
        assert after is None or position < order.index(after), f"{page} comes after the next module {after}"
    labs = [f for f in order if f.startswith("labs/")]
    assert "labs/index.md" in labs, "the Labs section keeps its index page"
    in_order = [f"labs/{slug}.md" for slug in sorted(labmeta.labs(), key=lambda s: (
        modules.index(f"modules/{labmeta.labs()[s]['modules'][0]}/index.md"), s))]
    assert [f for f in labs if f != "labs/index.md"] == in_order


def test_next_walks_from_a_module_to_its_lab(site):
    for slug, meta in labmeta.labs().items():
        module = meta["modules"][0]
        labs_here = [s for s, m in labmeta.labs().items() if m["modules"][0] == module]
        if slug != labs_here[0]:
            continue
        readings = (site / "modules" / module / "readings" / "index.html").read_text()
        footer = readings[readings.index('class="md-footer__link md-footer__link--next"') - 300:]
        assert f"labs/{slug}/" in footer[:600], f"Next after {module}'s readings is not {slug}"


def test_module_and_lab_pages_show_their_time(site):
    for slug, meta in labmeta.labs().items():
        page = (site / "labs" / slug / "index.html").read_text()
        assert f"{meta['minutes']} minutes" in page, f"lab {slug} does not show its {meta['minutes']} minutes"
    for folder in sorted((ROOT / "docs" / "modules").glob("[0-9][0-9]-*")):
        front = yaml.safe_load((folder / "index.md").read_text().split("---", 2)[1])
        low = sum(block["minutes"][0] for block in front["blocks"])
        high = sum(block["minutes"][1] for block in front["blocks"])
        page = (site / "modules" / folder.name / "index.html").read_text()
        assert re.search(rf"{low}\s*(–|to)\s*{high} minutes", page), \
            f"module {folder.name} does not show its {low}–{high} minutes"
