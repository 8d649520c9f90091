"""tools/chromium.py finds a Chromium through CHROMIUM, then PATH, then Playwright's own; never a fixed path."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

import chromium
from conftest import ROOT


def executable(folder: pathlib.Path, name: str) -> pathlib.Path:
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def test_the_chromium_variable_wins_as_a_path_or_a_command(tmp_path, monkeypatch):
    mine = executable(tmp_path, "my-chromium")
    monkeypatch.setenv("CHROMIUM", str(mine))
    assert chromium.find_chromium() == str(mine)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("CHROMIUM", "my-chromium")
    assert chromium.find_chromium() == str(mine)


def test_a_chromium_variable_naming_nothing_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "absent"))
    with pytest.raises(FileNotFoundError, match="CHROMIUM="):
        chromium.find_chromium()


def test_found_on_path_in_the_order_of_its_names(tmp_path, monkeypatch):
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    chrome = executable(tmp_path, "google-chrome")
    assert chromium.find_chromium() == str(chrome)
    first = executable(tmp_path, "chromium")
    assert chromium.find_chromium() == str(first), "chromium comes before chrome"


def test_without_one_on_path_it_is_playwrights_or_none_and_says_what_to_install(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CHROMIUM"} | {"PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "tools/chromium.py"], cwd=ROOT, env=env, capture_output=True, text=True)
    theirs = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, 'tools'); import chromium; "
                             "print(chromium.playwright_chromium() or '')"], cwd=ROOT, env=env,
                            capture_output=True, text=True).stdout.strip()
    if theirs:
        assert (done.returncode, done.stdout.strip()) == (0, theirs)
    else:
        assert (done.returncode, done.stdout.strip()) == (1, chromium.MISSING)
        assert "apt-get install chromium" in chromium.MISSING and "CHROMIUM" in chromium.MISSING
