"""Write the lab bundle: everything a participant needs to run the labs on any laptop, no make, no git.

    python tools/bundle.py                  # -> docs/downloads/behind-the-api-labs.zip
    python tools/bundle.py --out PATH.zip

The site build copies it to site/downloads/. Inside the zip:

    labs/             the learner notebooks (exercises/labs/)
    wheels/           a wheel of the kit's library, labelsim, built from src/
    requirements.txt  the labs' packages (labelsim's dependencies and the `lab` extra), pinned
                      from constraints.txt, and the wheel
    constraints.txt   the kit's pins, so that what those packages pull in is pinned too
    README.md         set-up on Windows, macOS and Linux with python -m venv and pip
    check_setup.py    ✅/❌ for each requirement, and what to do about each ❌
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
FILES = pathlib.Path(__file__).resolve().parent / "lab_bundle"
OUT = ROOT / "docs" / "downloads" / "behind-the-api-labs.zip"
EPOCH = 315532800  # 1980-01-01, the earliest time a zip can hold: the same sources give the same bytes


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    """constraints.txt as {normalized name: 'Name==version'}."""
    lines = (ROOT / "constraints.txt").read_text().splitlines()
    return {normalized(line.split("==")[0]): line.strip() for line in lines if "==" in line and not line.startswith("#")}


def requirements(wheel: str) -> str:
    """What the labs need: labelsim's dependencies and the `lab` extra, each pinned, then the wheel."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pinned = pins()
    lines = []
    for requirement in project["dependencies"] + project["optional-dependencies"]["lab"]:
        name = normalized(re.match(r"[A-Za-z0-9_.-]+", requirement)[0])
        if name not in pinned:
            raise SystemExit(f"bundle: {name} (pyproject.toml) has no pin in constraints.txt")
        lines.append(pinned[name])
    return ("# The packages the labs need, at the versions the kit pins; then the kit's library.\n"
            "# Install from this folder: python -m pip install -r requirements.txt\n"
            "-c constraints.txt\n" + "\n".join(lines) + f"\nwheels/{wheel}\n")


def build_wheel(folder: pathlib.Path) -> str:
    """Build labelsim's wheel (setuptools, as pip would) from a copy of the sources; return its name."""
    source = folder / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for path in [ROOT / "pyproject.toml", ROOT / "README.md", *ROOT.glob("LICENSE*")]:
        shutil.copy(path, source / path.name)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(EPOCH))
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from setuptools import build_meta; "
                               "print(build_meta.build_wheel(sys.argv[1]))", str(folder)],
        cwd=source, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"bundle: building the labelsim wheel failed:\n{done.stderr[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def write(out: pathlib.Path = OUT) -> pathlib.Path:
    labs = sorted((ROOT / "exercises" / "labs").glob("[0-9][0-9]-*.ipynb"))
    if not labs:
        raise SystemExit("bundle: no learner notebooks in exercises/labs/: run tools/render_labs.py first")
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        wheel = build_wheel(folder)
        entries = {f"labs/{path.name}": path.read_bytes() for path in labs}
        entries[f"wheels/{wheel}"] = (folder / wheel).read_bytes()
        entries["requirements.txt"] = requirements(wheel).encode()
        entries["constraints.txt"] = (ROOT / "constraints.txt").read_bytes()
        for name in ("README.md", "check_setup.py"):
            entries[name] = (FILES / name).read_bytes()
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, entries[name])
    if out.exists() and out.read_bytes() == partial.read_bytes():
        partial.unlink()  # unchanged: leave the file (and a running `mkdocs serve`) alone
    else:
        partial.replace(out)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT, help=f"the zip to write (default: {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    print(f"bundle -> {write(args.out.resolve())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
