"""Execute every lab from a fresh kernel and render it into docs/labs/ as a Markdown page.

    python tools/render_labs.py            # render what changed
    python tools/render_labs.py --force    # re-run every lab

For each ``notebooks/NN-slug.ipynb`` this writes ``docs/labs/NN-slug.md`` (with its figures
in ``docs/labs/NN-slug_files/``), the learner version (``exercises/labs/NN-slug.ipynb``,
committed, and a copy in ``docs/labs/notebooks/`` for download) and the instructor version
with solutions (``docs/labs/notebooks/NN-slug-solutions.ipynb``, outputs stripped).
The repository (``repo_url`` in mkdocs.yml, ``KIT_REPO_URL`` at build time; see kitconfig.py)
gives the launch bar its Colab and Binder links and the download copy its install cell; the
committed learner version follows the committed mkdocs.yml alone, whatever the environment.
Rendering is cached on a hash of the notebook, of ``src/labelsim`` and of this tool: an
unchanged lab is not re-run; a library change re-runs them all. A failing cell fails the
build with the notebook, the cell and the error.
"""

from __future__ import annotations

import argparse
import hashlib
import pathlib
import re
import shutil
import sys
import textwrap

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import MarkdownExporter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import kitconfig  # noqa: E402
import labmeta  # noqa: E402
from learner import learner_version, tags  # noqa: E402

ROOT = kitconfig.ROOT
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "docs" / "labs"
LEARNER = ROOT / "exercises" / "labs"
TOOLS = pathlib.Path(__file__).resolve().parent
# The tools whose code shapes a rendered lab (a change to any other tool re-runs no lab).
RENDER_TOOLS = ("render_labs.py", "learner.py", "labmeta.py", "kitconfig.py")
TIMEOUT = 120  # seconds per cell
BUNDLE = "../downloads/behind-the-api-labs.zip"  # written by tools/bundle.py
LAUNCH_BAR = re.compile(r'<div class="lab-launch" markdown>\n.*?\n</div>\n', re.S)


class LabError(RuntimeError):
    """A lab that cannot be rendered: the message names the notebook and the cell."""


def library_hash() -> str:
    digest = hashlib.sha256()
    files = sorted((kitconfig.ROOT / "src" / "labelsim").rglob("*.py")) + sorted((TOOLS / "lab_template").rglob("*")) \
        + [TOOLS / name for name in RENDER_TOOLS]
    for path in files:
        digest.update(path.relative_to(kitconfig.ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def execute(nb, path: pathlib.Path):
    """Run ``nb`` from a fresh kernel in notebooks/; raise LabError naming the failing cell."""
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    try:
        client.execute()
    except CellExecutionError as error:
        for index, cell in enumerate(nb.cells):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    raise LabError(f"{path.relative_to(ROOT)}: cell {index} failed: "
                                   f"{output['ename']}: {output['evalue']}") from None
        raise LabError(f"{path.relative_to(ROOT)}: {error}") from None
    return nb


def admonition(kind: str, title: str, body: str, collapsed: bool = False) -> str:
    marker = "???" if collapsed else "!!!"
    return f'{marker} {kind} "{title}"\n\n' + textwrap.indent(body.strip("\n"), "    ") + "\n"


def heading_and_rest(source: str, where: str) -> tuple[str, str]:
    lines = source.strip().splitlines()
    if not lines or not lines[0].startswith("#"):
        raise LabError(f"{where}: a tagged markdown cell must start with a heading")
    return lines[0].lstrip("#").strip(), "\n".join(lines[1:])


def lab_meta(nb, where: str) -> dict:
    """The lab's modules and minutes from its metadata (the one source; see tools/labmeta.py)."""
    try:
        return labmeta.check(nb.metadata.get(labmeta.KEY), where)
    except ValueError as error:
        raise LabError(str(error)) from None


def module_links(meta: dict, prefix: str) -> str:
    """'[4. Clickworker](…) (also used in [3. Toloka](…))', from the lab's metadata."""
    first, *others = [f"[{labmeta.module_title(m)}]({prefix}{m}/index.md)" for m in meta["modules"]]
    return first + (f" (also used in {', '.join(others)})" if others else "")


def launch_bar(slug: str, meta: dict, config: dict) -> str:
    links = [f"**Module:** {module_links(meta, '../modules/')}",
             f"**Time needed:** {meta['minutes']} minutes",
             f"[Download notebook](notebooks/{slug}.ipynb){{: download }}",
             f"[Instructor version with solutions](notebooks/{slug}-solutions.ipynb){{: download }}"]
    links.append(f"[All labs, to run offline]({BUNDLE}){{: download }}")
    if (ROOT / "docs" / "explorers" / f"{slug}.md").exists():  # the key figure, with controls
        links.append(f"[Explore the key figure](../explorers/{slug}.md)")
    repo = kitconfig.repository(config)
    if repo:
        path = f"exercises/labs/{slug}.ipynb"
        links.append(f"[Open in Colab]({repo.colab(path)})")
        links.append(f"[Open in Binder]({repo.binder(path)})")
    return '<div class="lab-launch" markdown>\n' + " · ".join(links) + "\n</div>\n"


def site_table(html: str) -> str:
    """A pandas table as one of the site's tables: without pandas' class, border and inline
    styles, the theme styles it and scrolls it inside its own box (a phone's width, the
    table of contents' edge). pandas leaves the header's corner empty: a header cell must
    have text (axe), so the corner becomes a data cell. Raw output tables stay out of the
    search index (Material's ``data-search-exclude``)."""
    html = re.sub(r"<style scoped>.*?</style>\s*", "", html, flags=re.S)
    html = re.sub(r'<table[^>]*class="dataframe[^"]*"[^>]*>', "<table data-search-exclude>", html)
    return html.replace("<th></th>", "<td></td>")


def to_markdown(nb, slug: str, path: pathlib.Path, config: dict) -> tuple[str, dict]:
    """The lab page: tagged cells become the kit's callouts; figures are collected."""
    exporter = MarkdownExporter(template_file="index.md.j2",
                                extra_template_basedirs=[str(TOOLS)],
                                template_name="lab_template")
    exporter.register_filter("site_table", site_table)
    parts, files = [], {}
    for index, cell in enumerate(nb.cells):
        where = f"{path.relative_to(ROOT)}: cell {index}"
        cell_tags = tags(cell)
        if index == 0:
            title, rest = heading_and_rest(cell.source, where)
            bar = launch_bar(slug, lab_meta(nb, str(path.relative_to(ROOT))), config)
            parts.append(f"# {title}\n\n{bar}\n{rest}\n")
            continue
        single = nbformat.v4.new_notebook(cells=[cell], metadata=nb.metadata)
        body, resources = exporter.from_notebook_node(
            single, resources={"unique_key": f"{slug}_{index}", "output_files_dir": f"{slug}_files"})
        files.update(resources.get("outputs", {}))
        if "human-judgment" in cell_tags:
            title, rest = heading_and_rest(cell.source, where)
            if not title.lower().startswith("human judgment enters here:"):
                raise LabError(f"{where}: a human-judgment heading starts 'Human judgment enters here:'")
            body = admonition("judgment", title, rest)
        elif "exercise" in cell_tags:
            body = admonition("challenge", *heading_and_rest(cell.source, where))
        elif "solution" in cell_tags:
            body = admonition("solution", "Solution", body, collapsed=True)
        parts.append(body.strip("\n") + "\n")
    return "\n".join(parts), files


def render(path: pathlib.Path, config: dict, key: str, force: bool = False) -> bool:
    """Render one lab; return False when the cache says it is unchanged."""
    slug = path.stem
    stamp = OUT / ".cache" / f"{slug}.sha256"
    digest = hashlib.sha256(path.read_bytes() + key.encode()).hexdigest()
    page = OUT / f"{slug}.md"
    nb = nbformat.read(path, as_version=4)
    write_learner_versions(nb, slug, config)
    if not force and page.exists() and stamp.exists() and stamp.read_text() == digest:
        # Unchanged lab: only the launch bar follows this build's repository configuration.
        bar = launch_bar(slug, lab_meta(nb, str(path.relative_to(ROOT))), config)
        text = page.read_text()
        if LAUNCH_BAR.sub(lambda _: bar, text, count=1) != text:
            page.write_text(LAUNCH_BAR.sub(lambda _: bar, text, count=1))
        return False
    execute(nb, path)
    markdown, files = to_markdown(nb, slug, path, config)
    shutil.rmtree(OUT / f"{slug}_files", ignore_errors=True)
    for name, data in files.items():
        target = OUT / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    shutil.copyfile(path, OUT / "notebooks" / f"{slug}-solutions.ipynb")  # committed stripped
    page.write_text(markdown)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    return True


def write_learner_versions(nb, slug: str, config: dict) -> None:
    """The committed learner version (from the committed mkdocs.yml) and the download copy
    (from this build's configuration); cheap, so written on every run."""
    for folder, conf in ((LEARNER, kitconfig.load(environ={})), (OUT / "notebooks", config)):
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(learner_version(nb, colab_install=colab_requirement(conf)), folder / f"{slug}.ipynb")


def colab_requirement(config: dict) -> str | None:
    """The pip requirement a learner notebook installs labelsim from where it is missing (Colab)."""
    repo = kitconfig.repository(config)
    return repo.requirement() if repo else None


def index_page(paths: list[pathlib.Path]) -> str:
    rows = ["| lab | what you do | module | time |", "|---|---|---|---|"]
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        first = nb.cells[0].source
        title = first.strip().splitlines()[0].lstrip("# ").strip()
        summary = next((l.strip() for l in first.splitlines()[1:] if l.strip() and not l.startswith(("#", "**", "-", "*"))), "")
        meta = lab_meta(nb, str(path.relative_to(ROOT)))
        rows.append(f"| [{title}]({path.stem}.md) | {summary} | {module_links(meta, '../modules/')} "
                    f"| {meta['minutes']} minutes |")
    return ("# Labs\n\nEach lab is a Jupyter notebook that simulates one labeling pipeline on synthetic,\n"
            "non-face data and stops wherever a person decides something. Read them here with\n"
            "their outputs, download the learner version, or run them yourself: download\n"
            f"[all the labs]({BUNDLE}){{: download }} (the notebooks, the library and a set-up check,\n"
            "to run offline) and see [Set up the labs](../learners/setup.md).\n\n" + "\n".join(rows) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="re-run every lab, ignoring the cache")
    parser.add_argument("labs", nargs="*", help="notebook paths (default: notebooks/*.ipynb)")
    args = parser.parse_args(argv)
    config = kitconfig.load()
    repo, committed = kitconfig.repository(config), kitconfig.repository(kitconfig.load(environ={}))
    if repo and (committed is None or committed.url != repo.url):
        print(f"render_labs: note: Colab opens the committed exercises/labs/, which install labelsim from "
              f"{committed.url if committed else 'no repository'}, not {repo.url}: to change that, make "
              f"{repo.url} the default of repo_url in mkdocs.yml and commit the regenerated exercises/labs/",
              file=sys.stderr)
    paths = [pathlib.Path(p).resolve() for p in args.labs] or sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    OUT.mkdir(parents=True, exist_ok=True)
    key = library_hash()
    try:
        for path in paths:
            ran = render(path, config, key, force=args.force)
            print(f"{'rendered' if ran else 'cached  '} {path.relative_to(ROOT)}")
    except LabError as error:
        print(f"render_labs: {error}", file=sys.stderr)
        return 1
    (OUT / "index.md").write_text(index_page(sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
