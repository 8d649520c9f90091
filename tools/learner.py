"""Make the learner version of a lab: solutions become stubs, checks say "not attempted yet".

A lab's exercise is three cells: markdown tagged ``exercise``, code tagged ``solution``,
code tagged ``check``. In the learner version the solution cell keeps its comments and
sets each name it assigns to ``...``; the check cell runs only once those names hold
something else, and otherwise prints "not attempted yet".

    python tools/learner.py notebooks/02-many-hands.ipynb out.ipynb
"""

from __future__ import annotations

import ast
import copy
import sys

import nbformat

STUB_VALUE = "..."


def tags(cell) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def assigned_names(source: str) -> list[str]:
    """Top-level names a solution cell assigns, in order (the learner must fill them in)."""
    names: list[str] = []
    for node in ast.parse(source).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.append(node.name)
        for target in targets:
            for leaf in ast.walk(target):
                if isinstance(leaf, ast.Name) and leaf.id not in names:
                    names.append(leaf.id)
    return names


def stub(source: str, names: list[str]) -> str:
    comments = [line for line in source.splitlines() if line.lstrip().startswith("#")]
    lines = comments or ["# Your code here."]
    lines += [f"{name} = {STUB_VALUE}  # replace ... with your answer" for name in names]
    return "\n".join(lines)


def guarded(check: str, names: list[str], title: str) -> str:
    tuple_src = "(" + ", ".join(names) + ",)"
    body = "\n".join("    " + line if line else line for line in check.splitlines())
    return (f"if any(value is ... for value in {tuple_src}):\n"
            f"    print({title!r} + ': not attempted yet')\n"
            f"else:\n{body}")


def learner_version(nb, colab_install: str | None = None):
    """Return a copy of ``nb`` with solutions stubbed and checks guarded.

    ``colab_install``: a pip requirement; if given, a first code cell installs it when
    labelsim is missing (as on Colab).
    """
    nb = copy.deepcopy(nb)
    names: list[str] | None = None
    title = "Exercise"
    for index, cell in enumerate(nb.cells):
        cell_tags = tags(cell)
        if "exercise" in cell_tags:
            heading = next((l.lstrip("# ").strip() for l in cell.source.splitlines() if l.startswith("#")), "")
            title = heading or f"Exercise at cell {index}"
        elif "solution" in cell_tags:
            names = assigned_names(cell.source)
            if not names:
                raise ValueError(f"cell {index}: a solution cell must assign at least one name for its check")
            cell.source = stub(cell.source, names)
        elif "check" in cell_tags:
            if names is None:
                raise ValueError(f"cell {index}: a check cell must follow a solution cell")
            cell.source = guarded(cell.source, names, title)
            names = None
    if colab_install:
        setup = nbformat.v4.new_code_cell(
            "# On Colab or Binder without the kit installed: install its library first.\n"
            "import importlib.util\n"
            "if importlib.util.find_spec('labelsim') is None:\n"
            f"    get_ipython().run_line_magic('pip', 'install -q \"{colab_install}\"')",
            metadata={"tags": ["setup"]}, id="setup")
        nb.cells.insert(1, setup)
    return nb


if __name__ == "__main__":
    source, target = sys.argv[1:3]
    nbformat.write(learner_version(nbformat.read(source, as_version=4)), target)
