"""Honest launch links: the repository is named in one place (mkdocs.yml's repo_url, KIT_REPO_URL
at build time); without it the site has no Colab, Binder or repository link; with it the links
open learner notebooks that exist; Binder and the Pages workflow are set up from the same place."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib

import nbformat
import yaml
from packaging.specifiers import SpecifierSet

import bundle
import kitconfig
import render_labs
from conftest import BIN, ROOT, run

EXAMPLE = "https://github.com/example-org/behind-the-api"
# The address the kit used to show before it had one (spelt in two parts so that this file does not hold it).
PLACEHOLDER = "github.com/behind-the-api/" + "behind-the-api"
LAUNCH_HOSTS = re.compile(r'href="https://(colab\.research\.google\.com|mybinder\.org)[^"]*"')


def test_repository_comes_from_kit_repo_url_and_branch():
    assert kitconfig.repository(kitconfig.load(environ={})) is None, "repo_url is absent until the kit is published"
    env = {"KIT_REPO_URL": EXAMPLE + ".git", "KIT_REPO_BRANCH": "spring"}
    repo = kitconfig.repository(kitconfig.load(environ=env), environ=env)
    assert repo.url == EXAMPLE and repo.branch == "spring"
    path = "exercises/labs/01-the-microtask.ipynb"
    assert repo.colab(path) == f"https://colab.research.google.com/github/example-org/behind-the-api/blob/spring/{path}"
    assert repo.binder(path) == f"https://mybinder.org/v2/gh/example-org/behind-the-api/spring?labpath={path}"
    assert repo.requirement() == f"labelsim @ git+{EXAMPLE}@spring"


def test_a_malformed_github_address_is_refused_and_another_host_gets_no_launch_link():
    bad = {"repo_url": "https://github.com/only-an-owner"}
    try:
        kitconfig.repository(bad)
    except ValueError as error:
        assert "KIT_REPO_URL" in str(error) and "OWNER/REPO" in str(error)
    else:
        raise AssertionError("a GitHub address without a repository name was accepted")
    assert kitconfig.repository({"repo_url": "https://codeberg.org/someone/kit"}) is None
    assert kitconfig.repository({"repo_url": ""}) is None


def test_site_without_kit_repo_url_has_no_launch_or_repository_link(site):
    offenders = []
    for html in site.rglob("*.html"):
        text = html.read_text(errors="ignore")
        for what in LAUNCH_HOSTS.findall(text) + (["the header's repository link"] if 'class="md-source"' in text else []) \
                + ([PLACEHOLDER] if PLACEHOLDER in text else []):
            offenders.append(f"{html.relative_to(site)}: {what}")
    assert not offenders, "\n".join(offenders[:20])
    lab = (site / "labs" / "01-the-microtask" / "index.html").read_text()
    assert 'href="../../downloads/behind-the-api-labs.zip"' in lab, "a lab page offers the bundle instead"


def test_no_placeholder_address_in_the_repository():
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    hits = [name for name in tracked.stdout.split("\0") if name and (ROOT / name).is_file()
            and PLACEHOLDER in (ROOT / name).read_text(errors="ignore")]
    assert not hits, f"placeholder address {PLACEHOLDER} in: {hits}"


def test_site_with_kit_repo_url_links_into_that_repository(generated_pages, tmp_path, monkeypatch):
    """Built with KIT_REPO_URL (in a copy of docs/, the cached labs re-dressed, not re-run)."""
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.setattr(render_labs, "OUT", tmp_path / "docs" / "labs")
    monkeypatch.setattr(render_labs, "LEARNER", tmp_path / "learner")
    monkeypatch.setenv("KIT_REPO_URL", EXAMPLE)
    monkeypatch.delenv("KIT_REPO_BRANCH", raising=False)
    assert render_labs.main([]) == 0
    run(str(BIN / "mkdocs"), "build", "--strict", "--quiet", "-f", str(tmp_path / "mkdocs.yml"),
        "--site-dir", str(tmp_path / "site"))

    labs = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
    for slug in labs:
        page = (tmp_path / "site" / "labs" / slug / "index.html").read_text()
        colab = re.findall(r'href="https://colab\.research\.google\.com/github/([^"]+)"', page)
        binder = re.findall(r'href="https://mybinder\.org/v2/gh/([^"]+)"', page)
        assert colab == [f"example-org/behind-the-api/blob/main/exercises/labs/{slug}.ipynb"], slug
        assert binder == [f"example-org/behind-the-api/main?labpath=exercises/labs/{slug}.ipynb"], slug
        assert (ROOT / "exercises" / "labs" / f"{slug}.ipynb").is_file(), f"Colab and Binder open a missing {slug}"
        assert f'href="{EXAMPLE}"' in page and 'class="md-source"' in page, "the header links to the repository"
        download = nbformat.read(tmp_path / "site" / "labs" / "notebooks" / f"{slug}.ipynb", as_version=4)
        assert f"labelsim @ git+{EXAMPLE}@main" in download.cells[1].source, "its install cell uses that repository"
    committed = nbformat.read(ROOT / "exercises" / "labs" / f"{labs[0]}.ipynb", as_version=4)
    assert nbformat.read(tmp_path / "learner" / f"{labs[0]}.ipynb", as_version=4) == committed, \
        "the committed learner version does not depend on the build's environment"


def test_pages_workflow_builds_the_site_with_the_repository_it_runs_in():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("actions/checkout@") for u in uses) and any(u.startswith("actions/setup-python@") for u in uses)
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))["with"]["python-version"]
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert SpecifierSet(requires).contains(str(python)), f"setup-python {python} does not meet {requires}"
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert build["env"]["KIT_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site", "it uploads what `make site` writes"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert re.search(r"^site: ", (ROOT / "Makefile").read_text(), re.M), "the Makefile has a site target"
    published = "https://github.com/someone/their-fork"
    assert kitconfig.load(environ={"KIT_REPO_URL": published})["repo_url"] == published, "mkdocs.yml reads KIT_REPO_URL"


def test_binder_installs_the_labs_packages_and_the_kit_from_the_repository():
    lines = [line.strip() for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    lab = [line for line in bundle.requirements("labelsim.whl").splitlines() if "==" in line]
    brought_by_binder = ("jupyterlab==", "ipykernel==")
    assert lines[:-1] == [line for line in lab if not line.startswith(brought_by_binder)], \
        "binder/requirements.txt: the lab bundle's pins (but JupyterLab and the kernel, which Binder brings)"
    assert lines[-1] == ".", "then the kit's library, from the repository Binder checked out"
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert re.fullmatch(r"python-3\.\d+", runtime) and SpecifierSet(requires).contains(runtime.removeprefix("python-"))
