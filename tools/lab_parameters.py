"""A lab's parameters, read from its notebook: the one place they are set.

The parameters cell is the first code cell made only of assignments (``N_ITEMS = 2000``...).
Tools that compute from a lab (the booth's batches, the explorers' grids) read it here, so a
change in the notebook changes them too.
"""

from __future__ import annotations

import ast
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def parameters(slug: str) -> dict:
    """The names assigned in lab ``slug``'s parameters cell, evaluated (plain Python only)."""
    path = NOTEBOOKS / f"{slug}.ipynb"
    if not path.exists():
        raise FileNotFoundError(f"slug must name a notebook in notebooks/, got {slug!r}")
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        tree = ast.parse(source)
        if tree.body and all(isinstance(node, (ast.Assign, ast.AnnAssign)) for node in tree.body):
            names: dict = {}
            exec(compile(tree, str(path), "exec"), {}, names)  # noqa: S102 (our own notebook)
            return names
    raise ValueError(f"{path.name} has no parameters cell (a code cell of assignments only)")
