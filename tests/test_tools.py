"""The build tools: learner versions, lab rendering (errors, cache, callouts), glossary tooltips."""

from __future__ import annotations

import re
import sys

import nbformat
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import glossary  # noqa: E402
import render_labs  # noqa: E402
from learner import answer_names, assigned_names, free_names, learner_version  # noqa: E402


def lab(*cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["behind_the_api"] = {"modules": ["01-mechanical-turk"], "minutes": 5}
    nb.cells = [nbformat.v4.new_markdown_cell("# A lab\n\nWhat you learn.")]
    for kind, source, tags in cells:
        make = nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell
        nb.cells.append(make(source, metadata={"tags": tags}))
    return nb


EXERCISE = [("md", "### Exercise 1: add\nAdd two and two.", ["exercise"]),
            ("code", "# add the numbers\ntotal = 2 + 2", ["solution"]),
            ("code", "assert total == 4, 'two and two make four'\nprint('well done')", ["check"])]


def run(nb, tmp_path):
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, path)
    client_nb = nbformat.read(path, as_version=4)
    from nbclient import NotebookClient
    NotebookClient(client_nb, timeout=60, kernel_name="python3").execute()
    return "".join(o.get("text", "") for c in client_nb.cells for o in c.get("outputs", []))


def test_assigned_names_in_order():
    assert assigned_names("a = 1\nb, c = 2, 3\nd: int = 4\ndef f(): pass\na += 1") == ["a", "b", "c", "d", "f"]


def test_learner_version_stubs_and_reports_not_attempted(tmp_path):
    learner = learner_version(lab(*EXERCISE))
    assert "2 + 2" not in learner.cells[2].source and "total = ..." in learner.cells[2].source
    assert "# add the numbers" in learner.cells[2].source
    assert run(learner, tmp_path).strip() == \
        "Exercise 1: add: not attempted yet (give total a value in the cell above)"


def test_learner_check_runs_once_answered(tmp_path):
    learner = learner_version(lab(*EXERCISE))
    learner.cells[2].source = "total = 4"
    assert run(learner, tmp_path).strip() == "well done"


def test_answer_names_are_what_the_check_reads():
    solution = "hours = seconds / 3600\nprice = rate * hours\nextra = 1"
    check = "expected = rate * seconds / 3600\nassert abs(price - expected) < 1e-9\nassert [hours for hours in x]"
    assert free_names(check) == {"rate", "seconds", "price", "abs", "x"}
    assert answer_names(solution, check) == ["price"]
    assert free_names("for t in T:\n    f = lambda q: q + t\ndef g(k):\n    r = k\n    return r + h") == {"T", "h"}


def test_learner_judges_the_answer_not_the_working(tmp_path):
    learner = learner_version(lab(("md", "### Exercise 1: add", ["exercise"]),
                                  ("code", "# two twos\ntwo = 2\ntotal = two + two", ["solution"]),
                                  ("code", "assert total == 4, 'two and two make four'\nprint('well done')",
                                   ["check"])))
    assert "total = ..." in learner.cells[2].source and "two = ..." not in learner.cells[2].source
    learner.cells[2].source = "total = sum([2, 2])"  # another way, without the solution's steps
    assert run(learner, tmp_path).strip() == "well done"
    with pytest.raises(ValueError, match="cell 4 uses two, a working step of the solution in cell 2"):
        learner_version(lab(("md", "### Exercise 1: add", ["exercise"]),
                            ("code", "two = 2\ntotal = two + two", ["solution"]),
                            ("code", "assert total == 4", ["check"]), ("code", "print(two)", [])))
    with pytest.raises(ValueError, match="cell 3: the check reads none of the names its solution assigns"):
        learner_version(lab(("md", "### Exercise", ["exercise"]), ("code", "total = 4", ["solution"]),
                            ("code", "assert True", ["check"])))


def test_learner_version_adds_an_install_cell_for_colab():
    nb = lab(*EXERCISE)
    learner = learner_version(nb, colab_install="labelsim @ git+https://example.org/x")
    assert learner == learner_version(nb, colab_install="labelsim @ git+https://example.org/x")
    assert learner.cells[1].metadata["tags"] == ["setup"] and "find_spec('labelsim')" in learner.cells[1].source


def test_solution_without_assignment_is_refused():
    with pytest.raises(ValueError, match="cell 2: a solution cell must assign"):
        learner_version(lab(("md", "### Exercise", ["exercise"]), ("code", "print(1)", ["solution"]),
                            ("code", "pass", ["check"])))


@pytest.fixture
def lab_dirs(tmp_path, monkeypatch):
    for name, sub in (("NOTEBOOKS", "notebooks"), ("OUT", "docs/labs"), ("LEARNER", "exercises/labs")):
        monkeypatch.setattr(render_labs, name, tmp_path / sub)
    monkeypatch.setattr(render_labs, "ROOT", tmp_path)
    (tmp_path / "notebooks").mkdir()
    return tmp_path


def test_failing_notebook_names_the_notebook_and_cell(lab_dirs, capsys):
    nbformat.write(lab(("code", "x = 1", []), ("code", "1 / 0", [])), lab_dirs / "notebooks" / "09-broken.ipynb")
    assert render_labs.main([]) == 1
    assert "notebooks/09-broken.ipynb: cell 2 failed: ZeroDivisionError: division by zero" in capsys.readouterr().err


def test_render_makes_callouts_and_caches(lab_dirs, capsys):
    figure = ("import matplotlib.pyplot as plt\nimport labelsim as ls\nfig, ax = plt.subplots()\n"
              "ax.plot([0, 1], [0, 1])\nls.plots.show(fig, 'A rising line.')")
    nb = lab(("md", "## Human judgment enters here: the price\nSomeone sets it.", ["human-judgment"]),
             ("code", figure, []), *EXERCISE)
    nbformat.write(nb, lab_dirs / "notebooks" / "08-ok.ipynb")
    assert render_labs.main([]) == 0
    page = (lab_dirs / "docs" / "labs" / "08-ok.md").read_text()
    assert '!!! judgment "Human judgment enters here: the price"\n\n    Someone sets it.' in page
    assert '!!! challenge "Exercise 1: add"' in page and '??? solution "Solution"' in page
    assert "**Time needed:** 5 minutes" in page and "[Download notebook](notebooks/08-ok.ipynb)" in page
    assert "well done" in page
    figures = re.findall(r"!\[A rising line\.\]\((08-ok_files/[^)]+\.png)\)", page)
    assert len(figures) == 1 and (lab_dirs / "docs" / "labs" / figures[0]).exists()
    assert (lab_dirs / "exercises" / "labs" / "08-ok.ipynb").exists()
    assert render_labs.main([]) == 0
    assert "cached   notebooks/08-ok.ipynb" in capsys.readouterr().out


def test_human_judgment_heading_is_enforced(lab_dirs, capsys):
    nb = lab(("md", "## Pricing\nSomeone sets it.", ["human-judgment"]))
    nbformat.write(nb, lab_dirs / "notebooks" / "07-x.ipynb")
    assert render_labs.main([]) == 1
    assert "starts 'Human judgment enters here:'" in capsys.readouterr().err


def test_glossary_entries_become_tooltips():
    terms = glossary.entries("# Glossary\n\nHIT\n:   Human Intelligence Task: one unit of work. More.\n\n"
                             "gold question\n:   A task whose answer is known, see [this](x.md). Yes.\n")
    assert terms == {"HIT": "Human Intelligence Task: one unit of work. More.",
                     "gold question": "A task whose answer is known, see [this](x.md). Yes."}
    text = glossary.abbreviations(terms)
    assert "*[HIT]: Human Intelligence Task: one unit of work." in text
    assert "*[Gold question]: A task whose answer is known, see this." in text
