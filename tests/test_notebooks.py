"""The labs: committed stripped, following the conventions, executed from a fresh kernel
(solution version by the render step, learner version here), learner versions in sync, and
checks that judge the answer: for each lab, tests/lab_answers/NN-slug.py gives, per exercise,
a RIGHT answer written differently from the solution (every check passes) and a WRONG one
(every check fails with its friendly message, not a NameError)."""

from __future__ import annotations

import json
import re
import runpy
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import kitconfig  # noqa: E402
import labmeta  # noqa: E402
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
    labmeta.check(nb.metadata.get(labmeta.KEY), path.name)  # its modules and minutes, the one source
    assert not re.search(r"\*\*(Module|Time needed):?\*\*", first), \
        "the first cell does not repeat the module or time: they come from the metadata"
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
                               colab_install=render_labs.colab_requirement(kitconfig.load(environ={})))  # the committed mkdocs.yml
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


ANSWERS = ROOT / "tests" / "lab_answers"


def run_with_answers(path, answers: list[str]):
    """The learner version of ``path`` run from a fresh kernel, with ``answers`` (one code
    string per exercise, in order) in place of its stubs; errors are kept as outputs."""
    nb = nbformat.read(ROOT / "exercises" / "labs" / path.name, as_version=4)
    stubs = [c for c in nb.cells if "solution" in tags(c)]
    assert len(answers) == len(stubs), \
        f"tests/lab_answers/{path.stem}.py gives {len(answers)} answers for {len(stubs)} exercises"
    for stub, answer in zip(stubs, answers):
        stub.source = answer
    NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    return nb


def errors(cell) -> list[dict]:
    return [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def printed_by(cell) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []))


@pytest.fixture(params=LABS, ids=IDS)
def answers(request):
    """RIGHT and WRONG for a lab: tests/lab_answers/NN-slug.py, one answer per exercise."""
    path = request.param
    file = ANSWERS / f"{path.stem}.py"
    assert file.exists(), f"write {file.relative_to(ROOT)} with RIGHT and WRONG, one answer per exercise"
    namespace = runpy.run_path(str(file))
    return path, namespace["RIGHT"], namespace["WRONG"]


def test_a_right_answer_in_the_learners_own_style_passes(answers):
    path, right, _ = answers
    nb = run_with_answers(path, right)
    failed = [(i, e["ename"], e["evalue"]) for i, c in enumerate(nb.cells) for e in errors(c)]
    assert not failed, f"{path.name}: a right answer failed: {failed}"
    checks = [printed_by(c) for c in nb.cells if "check" in tags(c)]
    assert len(checks) == len(right) and all(checks), "every check prints its verdict"
    assert not any("not attempted yet" in text for text in checks)


def test_a_wrong_answer_gets_a_friendly_message(answers):
    path, _, wrong = answers
    nb = run_with_answers(path, wrong)
    for index, cell in enumerate(nb.cells):
        if "check" in tags(cell):
            found = errors(cell)
            assert len(found) == 1 and found[0]["ename"] == "AssertionError", \
                f"{path.name}: cell {index}: a wrong answer should fail an assert, got {found or printed_by(cell)}"
            assert len(found[0]["evalue"]) > 20, f"{path.name}: cell {index}: the message should say what is off"
            assert "not attempted yet" not in printed_by(cell)
        else:
            assert not errors(cell), f"{path.name}: cell {index} failed: {errors(cell)}"
