"""Write each module's time line (build/times/NN-slug.md), from its front matter's blocks.

    python tools/module_times.py

The module page includes it under its title with ``--8<-- "times/NN-slug.md"``: the minutes
of the 90-minute plan (the blocks' ``plan``, when given) and the range its blocks allow.
"""

from __future__ import annotations

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import kitconfig  # noqa: E402


ROOT = pathlib.Path(__file__).resolve().parent.parent
MODULES = ROOT / "docs" / "modules"
OUTPUT = ROOT / "build" / "times"


def time_line(front: dict, where: str) -> str:
    blocks = front.get("blocks")
    if not isinstance(blocks, list) or not blocks:
        raise ValueError(f"{where}: front matter needs 'blocks', each with minutes: [min, max]")
    low = sum(block["minutes"][0] for block in blocks)
    high = sum(block["minutes"][1] for block in blocks)
    plans = [block.get("plan") for block in blocks]
    planned = f"{sum(plans)} minutes in the seminar plan; " if all(isinstance(p, int) for p in plans) else ""
    return f'<p class="module-time" markdown>**Time:** {planned}its blocks take {low} to {high} minutes.</p>\n'


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for page in sorted(MODULES.glob("[0-9][0-9]-*/index.md")):
        front, _ = kitconfig.front_matter(page.read_text())
        try:
            (OUTPUT / f"{page.parent.name}.md").write_text(time_line(front, str(page.relative_to(ROOT))))
        except (ValueError, KeyError, TypeError, IndexError) as error:
            print(f"module_times: {page.relative_to(ROOT)}: {error}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
