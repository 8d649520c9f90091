"""Read what the build tools need from mkdocs.yml: the one place that names the kit's repository.

``repo_url`` in mkdocs.yml is ``!ENV KIT_REPO_URL``: absent until the kit is published (then
``!ENV [KIT_REPO_URL, https://github.com/OWNER/REPO]``), and the environment variable
``KIT_REPO_URL`` overrides it at build time; ``KIT_REPO_BRANCH`` names the branch (default
``main``). Without a GitHub repository the site shows no Colab, Binder or repository link.
"""

from __future__ import annotations

import dataclasses
import os
import pathlib
import re
from collections.abc import Mapping

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
GITHUB = re.compile(r"https://github\.com/(?P<owner>[\w.-]+)/(?P<name>[\w.-]+?)(?:\.git)?/?")


def load(path: pathlib.Path = ROOT / "mkdocs.yml", environ: Mapping[str, str] = os.environ) -> dict:
    """mkdocs.yml as MkDocs reads it: ``!ENV [NAME, ..., default]`` is the first NAME set in
    ``environ``, else the default (None without one). ``environ={}``: the committed configuration."""

    def env_tag(loader, node):
        names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else \
            [loader.construct_scalar(child) for child in node.value[:-1] or node.value]
        default = loader.construct_object(node.value[-1]) if isinstance(node, yaml.SequenceNode) \
            and len(node.value) > 1 else None
        return next((environ[name] for name in names if name in environ), default)

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", env_tag)
    return yaml.load(path.read_text(), Loader)  # noqa: S506 (a SafeLoader with one more tag)


@dataclasses.dataclass(frozen=True)
class Repository:
    """A GitHub repository holding the kit, and the addresses that launch a lab from it."""

    owner: str
    name: str
    branch: str = "main"

    @property
    def url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"

    def colab(self, path: str) -> str:
        return f"https://colab.research.google.com/github/{self.owner}/{self.name}/blob/{self.branch}/{path}"

    def binder(self, path: str) -> str:
        return f"https://mybinder.org/v2/gh/{self.owner}/{self.name}/{self.branch}?labpath={path}"

    def requirement(self) -> str:
        """The pip requirement that installs labelsim from this repository."""
        return f"labelsim @ git+{self.url}@{self.branch}"


def repository(config: dict, environ: Mapping[str, str] = os.environ) -> Repository | None:
    """The GitHub repository of ``repo_url`` (branch: ``KIT_REPO_BRANCH``, default main), or None."""
    url = (config.get("repo_url") or "").strip()
    if not url.startswith("https://github.com/"):
        return None
    match = GITHUB.fullmatch(url)
    if not match:
        raise ValueError(f"repo_url (KIT_REPO_URL) must be https://github.com/OWNER/REPO, not {url!r}")
    return Repository(match["owner"], match["name"], environ.get("KIT_REPO_BRANCH") or "main")


def front_matter(text: str) -> tuple[dict, str]:
    """A page's YAML front matter (empty when it has none) and the text after it."""
    if not text.startswith("---\n"):
        return {}, text
    head, _, body = text[4:].partition("\n---\n")
    return yaml.safe_load(head) or {}, body
