"""The lab bundle, used as its README says: unzipped into an empty folder, a fresh virtual
environment, `pip install -r requirements.txt`, `check_setup.py` all ✅, every lab run top to
bottom from that folder with the environment's own kernel and no network."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile

import pytest

import bundle
from conftest import ROOT

LABS = sorted(p.name for p in (ROOT / "exercises" / "labs").glob("[0-9][0-9]-*.ipynb"))
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "",
              "PIP_NO_INDEX": "1"}  # what the labs might reach for would fail at once


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory):
    out = tmp_path_factory.mktemp("download") / "behind-the-api-labs.zip"
    bundle.write(out)
    folder = tmp_path_factory.mktemp("empty")
    with zipfile.ZipFile(out) as archive:
        archive.extractall(folder)
    return folder


def test_the_bundle_holds_the_labs_the_wheel_and_the_set_up(unzipped):
    assert sorted(p.name for p in (unzipped / "labs").iterdir()) == LABS
    wheels = [p.name for p in (unzipped / "wheels").iterdir()]
    assert len(wheels) == 1 and wheels[0].startswith("labelsim-") and wheels[0].endswith("-py3-none-any.whl")
    requirements = (unzipped / "requirements.txt").read_text().splitlines()
    assert f"wheels/{wheels[0]}" in requirements
    pinned = {line.split("==")[0] for line in requirements if "==" in line}
    assert {"numpy", "pandas", "jupyterlab", "ipykernel"} <= pinned
    constraints = (ROOT / "constraints.txt").read_text().splitlines()
    assert all(line in constraints for line in requirements if "==" in line), "pins come from constraints.txt"
    readme = (unzipped / "README.md").read_text()
    for command in ("py -3.11 -m venv .venv", r".venv\Scripts\Activate.ps1", "source .venv/bin/activate",
                    "python -m pip install -r requirements.txt", "python check_setup.py", "jupyter lab labs"):
        assert command in readme, f"README.md lacks {command!r}"
    assert "make " not in readme, "the bundle's set-up needs no make"


def test_the_same_sources_give_the_same_zip(tmp_path):
    first, second = bundle.write(tmp_path / "a.zip"), bundle.write(tmp_path / "b.zip")
    assert first.read_bytes() == second.read_bytes()


def test_a_fresh_environment_from_the_readme_runs_every_lab(unzipped, tmp_path):
    venv = unzipped / ".venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    # As on a laptop that has never run Jupyter: none of this machine's kernels or settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYTHON", "JUPYTER"))}
    env |= {"JUPYTER_DATA_DIR": str(tmp_path / "jupyter"), "JUPYTER_CONFIG_DIR": str(tmp_path / "jupyter-config"),
            "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"}

    before = subprocess.run([python, "check_setup.py"], cwd=unzipped, env=env, capture_output=True, text=True)
    assert before.returncode == 1, before.stdout
    assert before.stdout.startswith("✅ Python 3."), before.stdout
    assert "❌ labelsim cannot be imported" in before.stdout and "what to do:" in before.stdout

    # The README's `python -m pip install -r requirements.txt`, done by uv (the test extra has it)
    # with the same file: the same packages, minutes faster than pip on a 2-core machine.
    command = [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", python] \
        if importlib.util.find_spec("uv") else [python, "-m", "pip", "install", "--quiet"]
    install = subprocess.run(command + ["-r", "requirements.txt"], cwd=unzipped, env=env, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-3000:]
    after = subprocess.run([python, "check_setup.py"], cwd=unzipped, env=env, capture_output=True, text=True)
    assert after.returncode == 0 and "❌" not in after.stdout, after.stdout
    pinned = sum("==" in line for line in (unzipped / "requirements.txt").read_text().splitlines())
    assert after.stdout.count("✅") == 1 + pinned + 2, after.stdout  # Python, each package, labelsim, the kernel

    # Every lab, top to bottom, from labs/, in the environment's own kernel, with no network.
    runner = ("import sys, nbformat; from nbclient import NotebookClient\n"
              "for name in sys.argv[1:]:\n"
              "    nb = nbformat.read(name, as_version=4)\n"
              "    NotebookClient(nb, timeout=300, kernel_name='python3').execute()\n"
              "    print(name, 'ran', sum('not attempted yet' in o.get('text', '') "
              "for c in nb.cells for o in c.get('outputs', [])))\n")
    done = subprocess.run([python, "-c", runner, *LABS], cwd=unzipped / "labs", env=env | NO_NETWORK,
                          capture_output=True, text=True)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert [line.split()[0] for line in done.stdout.splitlines() if " ran " in line] == LABS
