"""Turn the glossary page into site-wide tooltips.

Reads the definition list in docs/learners/glossary.md and writes build/abbreviations.md,
which pymdownx.snippets appends to every page, so each term shows its definition's
first sentence on hover (Markdown's ``abbr`` extension).

    python tools/glossary.py
"""

from __future__ import annotations

import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "learners" / "glossary.md"
OUTPUT = ROOT / "build" / "abbreviations.md"


def entries(markdown: str) -> dict[str, str]:
    """Term -> definition for each ``term`` line followed by a ``:   definition`` line."""
    found: dict[str, str] = {}
    lines = markdown.splitlines()
    for previous, line in zip(lines, lines[1:]):
        if line.startswith(":") and previous.strip() and not previous.startswith((":", " ", "#")):
            found[previous.strip()] = line.lstrip(":").strip()
    return found


def first_sentence(text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)   # links -> their text
    text = re.sub(r"[*_`]", "", text)
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return (match.group(1) if match else text).strip()


def abbreviations(terms: dict[str, str]) -> str:
    lines = []
    for term, definition in terms.items():
        tip = first_sentence(definition).replace('"', "'")
        for form in dict.fromkeys([term, term[:1].upper() + term[1:]]):
            lines.append(f"*[{form}]: {tip}")
    return "\n".join(lines) + "\n"


def main() -> int:
    terms = entries(GLOSSARY.read_text()) if GLOSSARY.exists() else {}
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(abbreviations(terms))
    print(f"glossary: {len(terms)} terms -> {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
