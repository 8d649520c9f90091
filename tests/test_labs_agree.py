"""Every page assigns and times the labs as their notebooks' metadata does (tools/labmeta.py)."""

from __future__ import annotations

import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import labmeta  # noqa: E402

DOCS = ROOT / "docs"
LABS = labmeta.labs()
GENERATED = ("labs", "reference", "packs")
PAGES = [p for p in sorted(DOCS.rglob("*.md")) if p.relative_to(DOCS).parts[0] not in GENERATED]
LAB_LINK = re.compile(r"\]\((?:\.\./)*labs/(?P<lab>\d\d-[\w-]+)\.md\)")
MODULE_LINK = re.compile(r"\]\((?:\.\./)*(?:modules/)?(?P<module>\d\d-[\w-]+)/(?:index\.md)?\)")
# "Lab 7: The supply chain](…) (25 minutes" or "Lab 7: The supply chain (25 min"
TIMED = re.compile(r"\bLab (?P<n>\d+)(?::[^()\n|]{0,40}?)?(?:\]\([^)]*\))?\s*\((?P<minutes>\d+) min")


def rel(path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_every_lab_has_its_metadata_and_real_modules():
    assert len(LABS) >= 7
    for slug, lab in LABS.items():
        assert lab["number"] == int(slug[:2])
        for module in lab["modules"]:
            assert (DOCS / "modules" / module / "index.md").exists(), f"{slug}: no module {module}"


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_lab_minutes_agree_with_the_metadata(page):
    by_number = {lab["number"]: (slug, lab["minutes"]) for slug, lab in LABS.items()}
    text = page.read_text()
    wrong = []
    for match in TIMED.finditer(text):
        slug, minutes = by_number.get(int(match["n"]), (None, None))
        if slug is None:
            wrong.append(f"{match.group(0)!r}: there is no Lab {match['n']}")
        elif int(match["minutes"]) != minutes:
            wrong.append(f"{match.group(0)!r}: {slug} takes {minutes} minutes (its notebook's metadata)")
    assert not wrong, f"{rel(page)}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("page", PAGES, ids=rel)
def test_a_table_row_pairs_a_module_only_with_its_labs(page):
    """A row naming one module (home page, instructors' overview, pathways) names only labs that list it."""
    wrong = []
    for line in page.read_text().splitlines():
        if not line.startswith("|"):
            continue
        modules = {m["module"] for m in MODULE_LINK.finditer(line)}
        labs = [m["lab"] for m in LAB_LINK.finditer(line)]
        if len(modules) != 1 or not labs:
            continue
        module = modules.pop()
        wrong += [f"{lab} with {module}: its metadata lists {LABS[lab]['modules']}"
                  for lab in labs if lab in LABS and module not in LABS[lab]["modules"]]
    assert not wrong, f"{rel(page)}:\n" + "\n".join(wrong)


def test_home_page_lists_each_modules_labs():
    rows = {}
    for line in (DOCS / "index.md").read_text().splitlines():
        modules = [m["module"] for m in MODULE_LINK.finditer(line)]
        if line.startswith("|") and len(modules) == 1:
            rows[modules[0]] = sorted({m["lab"] for m in LAB_LINK.finditer(line)})
    for module, labs in rows.items():
        assert labs == sorted(labmeta.module_labs(module)), f"home page, {module}: {labs}"


def test_learner_path_takes_each_lab_after_the_module_it_belongs_to():
    """Each lab appears once on the path, after its first module and before the next module."""
    text = (DOCS / "learners" / "index.md").read_text()
    path = text.split("## The path", 1)[1].split("\n## ", 1)[0]
    current, seen = None, []
    for match in re.finditer(f"{MODULE_LINK.pattern}|{LAB_LINK.pattern}", path):
        if match["module"]:
            current = match["module"]
        else:
            seen.append(match["lab"])
            assert LABS[match["lab"]]["modules"][0] == current, \
                f"{match['lab']} comes after module {current}; its metadata puts it first in {LABS[match['lab']]['modules'][0]}"
    assert sorted(seen) == sorted(LABS), f"the path takes {sorted(seen)}, the labs are {sorted(LABS)}"


def test_module_pages_name_their_labs_in_front_matter():
    import validate_content

    for module in sorted(p.parent.name for p in (DOCS / "modules").glob("*/index.md")):
        meta, _ = validate_content.split_front_matter((DOCS / "modules" / module / "index.md").read_text())
        assert sorted(meta.get("labs") or []) == sorted(labmeta.module_labs(module)), module


def test_module_labs_put_the_labs_that_belong_first():
    belongs = [s for s, lab in LABS.items() if lab["modules"][0] == "03-toloka"]
    shared = [s for s, lab in LABS.items() if "03-toloka" in lab["modules"][1:]]
    assert labmeta.module_labs("03-toloka") == belongs + shared


def test_bad_metadata_is_refused_with_what_was_expected():
    with pytest.raises(ValueError, match="metadata 'behind_the_api' is missing"):
        labmeta.check(None, "x.ipynb")
    with pytest.raises(ValueError, match="names no module folder: 99-nowhere"):
        labmeta.check({"modules": ["99-nowhere"], "minutes": 20}, "x.ipynb")
    with pytest.raises(ValueError, match="minutes must be a whole number of minutes from 5 to 90, got 200"):
        labmeta.check({"modules": ["03-toloka"], "minutes": 200}, "x.ipynb")
