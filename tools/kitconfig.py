"""Read what the build tools need from mkdocs.yml (one place for the repository URL)."""

from __future__ import annotations

import pathlib

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent


def load(path: pathlib.Path = ROOT / "mkdocs.yml") -> dict:
    return yaml.safe_load(path.read_text())


def github_repo(config: dict) -> str | None:
    """'owner/name' from repo_url when it is a GitHub address, else None."""
    url = (config.get("repo_url") or "").rstrip("/")
    prefix = "https://github.com/"
    return url[len(prefix):] if url.startswith(prefix) else None
