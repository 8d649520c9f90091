"""The labs: committed stripped, following the conventions, executed from a fresh kernel
(solution version by the render step, learner version here), learner versions in sync."""

from __future__ import annotations

import json
import re
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import kitconfig  # noqa: E402
import render_labs  # noqa: E402
from learner import learner_version, tags  # noqa: E402

LABS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
IDS = [p.stem for p in LABS]


def test_there_are_labs():
    assert len(LABS) >= 6


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_committed_with_outputs_stripped(path):
    cells = json.loads(path.read_text())["cells"]
    dirty = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; strip them before committing"


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_follows_the_lab_conventions(path):
    nb = nbformat.read(path, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# "), "the first cell starts with the title"
    assert render_labs.TIME_NEEDED.search(first), "the first cell gives '**Time needed:**'"
    assert re.search(r"\*\*Module:?\*\*", first), "the first cell names its module"
    assert "import labelsim" in nb.cells[1].source and "SEED" in nb.cells[1].source, \
        "the second cell has the imports and the seed"
    judgment = [c for c in nb.cells if "human-judgment" in tags(c)]
    assert len(judgment) >= 2, "at least two cells tagged human-judgment"
    sequence = [t for c in nb.cells for t in tags(c) if t in ("exercise", "solution", "check")]
    assert sequence and sequence == ["exercise", "solution", "check"] * (len(sequence) // 3), \
        "exercises come as exercise, solution, check"
    last_code = [c for c in nb.cells if c.cell_type == "code"][-1].source
    assert "ledger" in last_code.lower(), "the lab ends with its labor ledger"


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_solution_version_rendered(path, generated_pages):
    """The render step executed it from a fresh kernel (a failing cell fails the step)."""
    page = (ROOT / "docs" / "labs" / f"{path.stem}.md").read_text()
    assert '<div class="lab-launch" markdown>' in page
    assert page.count('!!! judgment "Human judgment enters here:') >= 2


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_learner_version_is_in_sync(path):
    committed = ROOT / "exercises" / "labs" / path.name
    expected = learner_version(nbformat.read(path, as_version=4),
                               colab_install=render_labs.colab_requirement(kitconfig.load()))
    assert committed.exists(), f"run `make site` to generate {committed.relative_to(ROOT)}"
    assert nbformat.read(committed, as_version=4) == expected, \
        f"{committed.relative_to(ROOT)} is stale: run `python tools/render_labs.py` and commit it"


@pytest.mark.parametrize("path", LABS, ids=IDS)
def test_learner_version_runs_headless(path):
    nb = nbformat.read(ROOT / "exercises" / "labs" / path.name, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    exercises = sum("exercise" in tags(c) for c in nb.cells)
    assert printed.count("not attempted yet") == exercises
