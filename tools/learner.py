"""Make the learner version of a lab: solutions become stubs, checks say "not attempted yet".

A lab's exercise is three cells: markdown tagged ``exercise``, code tagged ``solution``,
code tagged ``check``. The exercise's **answer names** are the names its solution assigns
(at top level) that its check reads before assigning them itself: they are what the
exercise asks the learner to set, and the check judges only them. Other names the
solution assigns are its own working steps, which a learner may take differently.

In the learner version the solution cell keeps its comments and sets each answer name to
``...``; the check cell runs once every answer name holds something else, and otherwise
prints "not attempted yet" with the names to set. A check that reads none of the names its
solution assigns is an error, and so is a later cell that needs a solution's working step.

    python tools/learner.py notebooks/02-many-hands.ipynb out.ipynb
"""

from __future__ import annotations

import ast
import copy
import pathlib
import sys

import nbformat

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import labmeta  # noqa: E402

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


def free_names(source: str) -> set[str]:
    """Names ``source`` reads before it binds them itself (Python's scoping, simplified: a name
    bound anywhere in a block counts as bound from that statement on)."""
    return _free_in_block(ast.parse(source).body, set())


def _bound_by(target) -> set[str]:
    return {leaf.id for leaf in ast.walk(target) if isinstance(leaf, ast.Name)}


def _free_in_expression(node, bound: set[str]) -> set[str]:
    if isinstance(node, ast.Name):
        return {node.id} - bound if isinstance(node.ctx, ast.Load) else set()
    if isinstance(node, ast.Lambda):
        params = {a.arg for a in ast.walk(node.args) if isinstance(a, ast.arg)}
        return _free_in_expression(node.body, bound | params)
    if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
        inner = bound | set().union(*(_bound_by(g.target) for g in node.generators))
        return set().union(*(_free_in_expression(child, inner) for child in ast.iter_child_nodes(node)))
    return set().union(set(), *(_free_in_expression(child, bound) for child in ast.iter_child_nodes(node)))


def _free_in_block(statements, bound: set[str]) -> set[str]:
    read: set[str] = set()
    bound = set(bound)
    for statement in statements:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            params = {a.arg for a in ast.walk(statement.args) if isinstance(a, ast.arg)} \
                if not isinstance(statement, ast.ClassDef) else set()
            bound.add(statement.name)
            read |= _free_in_block(statement.body, bound | params)
            continue
        if isinstance(statement, (ast.For, ast.AsyncFor)):
            read |= _free_in_expression(statement.iter, bound)
            bound |= _bound_by(statement.target)
        elif isinstance(statement, (ast.Import, ast.ImportFrom)):
            bound |= {(alias.asname or alias.name).split(".")[0] for alias in statement.names}
            continue
        if isinstance(statement, ast.AugAssign):
            read |= _bound_by(statement.target) - bound  # x += 1 reads x
        for item in getattr(statement, "items", []):  # with ... as name
            if item.optional_vars is not None:
                bound |= _bound_by(item.optional_vars)
        blocks = [(getattr(statement, field), set()) for field in ("body", "orelse", "finalbody")
                  if isinstance(getattr(statement, field, None), list)]
        blocks += [(handler.body, {handler.name} - {None}) for handler in getattr(statement, "handlers", [])]
        for child in ast.iter_child_nodes(statement):
            if isinstance(child, ast.expr) and child is not getattr(statement, "iter", None):
                read |= _free_in_expression(child, bound)
            elif isinstance(child, ast.ExceptHandler) and child.type is not None:
                read |= _free_in_expression(child.type, bound)
            elif isinstance(child, ast.withitem):
                read |= _free_in_expression(child.context_expr, bound)
        for block, names in blocks:
            read |= _free_in_block(block, bound | names)
        bound |= {node.id for node in ast.walk(statement)
                  if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store)}
    return read


def answer_names(solution: str, check: str) -> list[str]:
    """The names ``solution`` assigns that ``check`` reads before assigning them itself, in
    the solution's order: what the exercise asks for."""
    read = free_names(check)
    return [name for name in assigned_names(solution) if name in read]


def stub(source: str, names: list[str]) -> str:
    comments = [line for line in source.splitlines() if line.lstrip().startswith("#")]
    lines = comments or ["# Your code here."]
    lines += [f"{name} = {STUB_VALUE}  # replace ... with your answer" for name in names]
    return "\n".join(lines)


def guarded(check: str, names: list[str], title: str) -> str:
    body = "\n".join("    " + line if line else line for line in check.splitlines())
    listed = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    todo = f"{title}: not attempted yet (give {listed} a value in the cell above)"
    return (f"if any(globals().get(name, ...) is ... for name in {tuple(names)!r}):\n"
            f"    print({todo!r})\n"
            f"else:\n{body}")


def learner_version(nb, colab_install: str | None = None):
    """Return a copy of ``nb`` with solutions stubbed and checks guarded.

    ``colab_install``: a pip requirement; if given, a first code cell installs it when
    labelsim is missing (as on Colab).
    """
    nb = copy.deepcopy(nb)
    meta = nb.metadata.get(labmeta.KEY)
    if meta:  # the module and time, from the metadata (the first cell does not repeat them)
        modules = ", ".join(labmeta.module_title(m) for m in meta["modules"])
        nb.cells[0].source = (nb.cells[0].source.rstrip("\n") + f"\n\n**Module:** {modules} · "
                              f"**Time needed:** {meta['minutes']} minutes")
    names: list[str] | None = None
    title = "Exercise"
    working: dict[str, int] = {}  # a solution's working steps -> its cell
    for index, cell in enumerate(nb.cells):
        cell_tags = tags(cell)
        if "exercise" in cell_tags:
            heading = next((l.lstrip("# ").strip() for l in cell.source.splitlines() if l.startswith("#")), "")
            title = heading or f"Exercise at cell {index}"
        elif "solution" in cell_tags:
            if not assigned_names(cell.source):
                raise ValueError(f"cell {index}: a solution cell must assign at least one name for its check")
            following = nb.cells[index + 1] if index + 1 < len(nb.cells) else None
            if following is None or "check" not in tags(following):
                raise ValueError(f"cell {index}: a solution cell must be followed by its check cell")
            names = answer_names(cell.source, following.source)
            if not names:
                raise ValueError(f"cell {index + 1}: the check reads none of the names its solution "
                                 f"assigns ({', '.join(assigned_names(cell.source))})")
            working.update({name: index for name in assigned_names(cell.source) if name not in names})
            cell.source = stub(cell.source, names)
        elif "check" in cell_tags:
            if names is None:
                raise ValueError(f"cell {index}: a check cell must follow a solution cell")
            cell.source = guarded(cell.source, names, title)
            names = None
        elif cell.cell_type == "code":
            needed = sorted(set(working) & free_names(cell.source))
            if needed:
                raise ValueError(f"cell {index} uses {', '.join(needed)}, a working step of the "
                                 f"solution in cell {working[needed[0]]}: compute it outside the exercise")
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
