"""Check that this computer can run the Behind the API labs: python check_setup.py

Prints ✅ or ❌ for each requirement (the Python version, each package in requirements.txt,
the kit's library labelsim, a Jupyter kernel) and, for each ❌, what to do about it.
Exits with 1 if anything is missing. Needs nothing but Python itself.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
MINIMUM = (3, 11)
WINDOWS = sys.platform == "win32"
ACTIVATE = r".venv\Scripts\Activate.ps1" if WINDOWS else "source .venv/bin/activate"
INSTALL = "python -m pip install -r requirements.txt"
VENV = ("py -3.11 -m venv .venv" if WINDOWS else "python3.11 -m venv .venv (or python3.12, python3.13...)")


def pinned_packages() -> list[tuple[str, str]]:
    """(name, version) for each `name==version` line of requirements.txt."""
    lines = (HERE / "requirements.txt").read_text(encoding="utf-8").splitlines()
    return [(m["name"], m["version"]) for m in
            (re.match(r"(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)", line.strip()) for line in lines) if m]


def check_python() -> tuple[bool, str, str]:
    version = ".".join(map(str, sys.version_info[:3]))
    return (sys.version_info[:2] >= MINIMUM, f"Python {version} ({sys.executable})",
            f"the labs need Python {MINIMUM[0]}.{MINIMUM[1]} or newer: install it (python.org; on macOS also "
            f"Homebrew: brew install python@3.12), then make a new environment: {VENV}")


def check_package(name: str, version: str) -> tuple[bool, str, str]:
    try:
        found = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return (False, f"{name} is not installed",
                f"activate the environment ({ACTIVATE}), then run: {INSTALL}")
    note = "" if found == version else f" (the kit was tested with {version})"
    return True, f"{name} {found}{note}", ""


def check_labelsim() -> tuple[bool, str, str]:
    try:
        module = importlib.import_module("labelsim")
    except Exception as error:  # not installed, or broken by a missing dependency
        return (False, f"labelsim cannot be imported ({type(error).__name__}: {error})",
                f"from this folder, activate the environment ({ACTIVATE}), then run: {INSTALL}")
    return True, f"labelsim importable ({pathlib.Path(module.__file__).parent})", ""


def check_kernel() -> tuple[bool, str, str]:
    fix = f"activate the environment ({ACTIVATE}), then run: {INSTALL} (it installs ipykernel)"
    try:
        from jupyter_client.kernelspec import KernelSpecManager
        spec = KernelSpecManager().get_kernel_spec("python3")
    except Exception as error:  # jupyter_client or ipykernel missing
        return False, f"no Jupyter kernel for this Python ({type(error).__name__}: {error})", fix
    runs = spec.argv[0]
    if runs not in ("python", "python3") and pathlib.Path(runs).absolute() != pathlib.Path(sys.executable).absolute():
        return False, f"the Jupyter kernel python3 runs another Python ({runs})", \
            f"{fix}; then: python -m ipykernel install --sys-prefix --name python3"
    return True, f"Jupyter kernel python3 ({spec.display_name}, this Python)", ""


def main() -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a console that cannot print ✅ still shows the text
    results = [check_python()] + [check_package(name, version) for name, version in pinned_packages()] \
        + [check_labelsim(), check_kernel()]
    for ok, what, fix in results:
        print(f"{'✅' if ok else '❌'} {what}")
        if not ok:
            print(f"   what to do: {fix}")
    missing = sum(not ok for ok, _, _ in results)
    if missing:
        print(f"\n{missing} of {len(results)} checks failed; fix them, then run python check_setup.py again.")
        return 1
    print("\nAll set. Start JupyterLab on the labs with: jupyter lab labs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
