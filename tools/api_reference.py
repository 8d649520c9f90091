"""Write the labelsim API reference page (docs/reference/api.md) from the library's docstrings.

    python tools/api_reference.py
"""

from __future__ import annotations

import html
import importlib
import inspect
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "reference" / "api.md"
MODULES = ["datasets", "workers", "collect", "aggregate", "quality", "automation", "ledger", "wages", "plots"]


def public_members(module):
    for name, obj in vars(module).items():
        if name.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if getattr(obj, "__module__", None) == module.__name__:
            yield name, obj


def document(name: str, obj, level: int = 3) -> list[str]:
    kind = "class" if inspect.isclass(obj) else "function"
    try:
        signature = f"{name}{inspect.signature(obj)}"
    except (TypeError, ValueError):
        signature = name
    doc = inspect.getdoc(obj) or "(no docstring)"
    # The docstring goes in as escaped HTML: its ">>>" examples must not read as blockquotes.
    out = [f"{'#' * level} `{name}` {{#{obj.__module__}.{obj.__qualname__}}}", "",
           f"```python\n{kind} {signature}\n```", "",
           f'<pre class="docstring"><code>{html.escape(doc)}</code></pre>', ""]
    if inspect.isclass(obj):
        for attr, member in vars(obj).items():
            member = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
            if not attr.startswith("_") and inspect.isfunction(member) and member.__doc__:
                out += document(f"{name}.{attr}", member, level + 1)
    return out


def page() -> str:
    # search: learners' words should find the modules and the glossary before the docstrings
    lines = ["---", "search:", "  boost: 0.2", "---", "", "# labelsim API reference", "",
             "Generated from the library's docstrings by `tools/api_reference.py`. "
             "Every function validates its parameters and names the one that is wrong.", ""]
    for short in MODULES:
        module = importlib.import_module(f"labelsim.{short}")
        summary = (inspect.getdoc(module) or "").strip()
        lines += [f"## `labelsim.{short}`", "", summary, ""]
        for name, obj in public_members(module):
            lines += document(name, obj)
    return "\n".join(lines)


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(page())
    print(f"api reference -> {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
