"""The one source of truth for a lab's module(s) and minutes: its notebook's metadata.

    "behind_the_api": {"modules": ["03-toloka"], "minutes": 25}

``modules`` are module folder names; the first is the module the lab belongs to on the
learner path, the others use it too. ``labs()`` reads every notebook once.
"""

from __future__ import annotations

import functools
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
MODULES = ROOT / "docs" / "modules"
KEY = "behind_the_api"


def check(meta, where: str) -> dict:
    """The validated metadata of one notebook; ValueError names what is wrong."""
    if not isinstance(meta, dict):
        raise ValueError(f"{where}: notebook metadata {KEY!r} is missing "
                         '(e.g. {"modules": ["03-toloka"], "minutes": 25})')
    modules, minutes = meta.get("modules"), meta.get("minutes")
    if not (isinstance(modules, list) and modules and all(isinstance(m, str) for m in modules)):
        raise ValueError(f"{where}: {KEY}.modules must be a non-empty list of module folder names")
    missing = [m for m in modules if not (MODULES / m / "index.md").exists()]
    if missing:
        raise ValueError(f"{where}: {KEY}.modules names no module folder: {', '.join(missing)}")
    if not (isinstance(minutes, int) and 5 <= minutes <= 90):
        raise ValueError(f"{where}: {KEY}.minutes must be a whole number of minutes from 5 to 90, got {minutes!r}")
    return {"modules": list(modules), "minutes": minutes}


def read(path: pathlib.Path) -> dict:
    """{'modules', 'minutes', 'title', 'number'} of one notebook."""
    nb = json.loads(path.read_text())
    meta = check(nb.get("metadata", {}).get(KEY), path.name)
    first = nb["cells"][0]["source"]
    first = "".join(first) if isinstance(first, list) else first
    meta["title"] = first.strip().splitlines()[0].lstrip("# ").strip()
    meta["number"] = int(path.stem[:2])
    return meta


@functools.cache
def labs(notebooks: pathlib.Path = NOTEBOOKS) -> dict[str, dict]:
    """Lab slug -> its metadata, for every notebooks/NN-slug.ipynb, in order."""
    return {p.stem: read(p) for p in sorted(notebooks.glob("[0-9][0-9]-*.ipynb"))}


def module_labs(module: str) -> list[str]:
    """The labs a module uses: those that belong to it first, then those it shares."""
    found = [(lab["modules"].index(module) > 0, slug) for slug, lab in labs().items() if module in lab["modules"]]
    return [slug for _, slug in sorted(found)]


def module_title(module: str) -> str:
    """'3. Toloka' style short name, from the nav-like title of the module page."""
    text = (MODULES / module / "index.md").read_text()
    match = re.search(r'^title:\s*"?(.+?)"?\s*$', text, re.M)
    title = match[1] if match else module
    return f"{int(module[:2])}. {re.split(r'[:?]', title)[0].strip()}"
