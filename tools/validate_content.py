"""Check the course pages against the kit's conventions (DESIGN.md); print every problem.

    python tools/validate_content.py        # exit 1 if any problem

Module pages: complete front matter (questions, objectives, keypoints, a timed plan that
fits 90 minutes, labs that exist, readings that exist), the required callouts. Reading
cards: a URL (or, where none was verified, the words "not verified") and a date. Every
page: a blockquote is followed by its citation, headings go down one level at a time,
images have alt text.
"""

from __future__ import annotations

import datetime
import pathlib
import re
import sys


sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import deck  # noqa: E402
import kitconfig  # noqa: E402
import labmeta  # noqa: E402
import plans  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SESSION_MINUTES = 90
BLOCK_KINDS = {"discussion", "reading", "lecture", "lab", "exercise", "break", "wrap-up"}
LIST_KEYS = ("questions", "objectives", "keypoints")
REQUIRED_CALLOUTS = {
    "objectives": r'^!!! objectives\b',
    "discussion with points a good answer covers": r'^\s+\?\?\?\+? note "Points a good answer covers"',
    "instructor notes": r'^\?\?\? instructor\b',
    "key points": r'^!!! keypoints\b',
}
CARD = re.compile(r"^## .+\{#(?P<id>[\w-]+)\}\s*$")
TASK = re.compile(r"^## Task (?P<n>\d+)\. .+\((?P<minutes>\d+) minutes\)\s*$", re.M)


def split_front_matter(text: str) -> tuple[dict, list[str]]:
    meta, body = kitconfig.front_matter(text)
    return meta, body.splitlines()


def prose_lines(lines: list[str]):
    """(number, line) outside fenced code blocks."""
    fence = None
    for number, line in enumerate(lines, 1):
        match = re.match(r"^\s*(```|~~~)", line)
        if match:
            fence = None if fence == match.group(1) else (fence or match.group(1))
            continue
        if fence is None:
            yield number, line


def check_page(lines: list[str]) -> list[str]:
    problems, level, quote_open = [], 0, False
    numbered = list(prose_lines(lines))
    for index, (number, line) in enumerate(numbered):
        heading = re.match(r"^(#{1,6}) \S", line)
        if heading:
            depth = len(heading.group(1))
            if depth > level + 1:
                problems.append(f"line {number}: heading jumps from h{level} to h{depth}")
            level = depth
        if re.search(r"!\[\s*\]\(", line) or re.search(r"<img(?![^>]*\balt=\"[^\"]+\")[^>]*>", line):
            problems.append(f"line {number}: image without alt text")
        is_quote = re.match(r"^\s*>", line) is not None
        if quote_open and not is_quote:
            following = next((l for _, l in numbered[index:] if l.strip()), "")
            if not re.match(r"^\s*(—|--)\s*\S", following):
                problems.append(f"line {number}: a blockquote must be followed by its citation line ('— Author (year)')")
        quote_open = is_quote
    return problems


def check_module(path: pathlib.Path, meta: dict, lines: list[str]) -> list[str]:
    problems = []
    for key in LIST_KEYS:
        value = meta.get(key)
        if not (isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)):
            problems.append(f"front matter: {key} must be a non-empty list of sentences")
    for key in ("title", "blocks", "labs", "readings", "content_notes", "last_verified"):
        if key not in meta:
            problems.append(f"front matter: {key} is missing")
    if not isinstance(meta.get("last_verified"), datetime.date):
        problems.append("front matter: last_verified must be a date (YYYY-MM-DD)")
    shortest = longest = 0
    for block in meta.get("blocks") or []:
        minutes = block.get("minutes")
        if not (isinstance(minutes, list) and len(minutes) == 2 and 0 < minutes[0] <= minutes[1]):
            problems.append(f"block {block.get('id')!r}: minutes must be [shortest, longest], 0 < shortest <= longest")
            continue
        if block.get("kind") not in BLOCK_KINDS:
            problems.append(f"block {block.get('id')!r}: kind must be one of {sorted(BLOCK_KINDS)}")
        if block.get("skippable") and not block.get("skip_note"):
            problems.append(f"block {block.get('id')!r}: a skippable block says what is lost (skip_note)")
        shortest, longest = shortest + minutes[0], longest + minutes[1]
    if meta.get("blocks") and not shortest <= SESSION_MINUTES <= longest:
        problems.append(f"blocks: a session must fit {SESSION_MINUTES} minutes; they take {shortest} to {longest}")
    for lab in meta.get("labs") or []:
        if not (ROOT / "notebooks" / f"{lab}.ipynb").exists():
            problems.append(f"labs: notebooks/{lab}.ipynb does not exist")
    uses = labmeta.module_labs(path.parent.name)
    if sorted(meta.get("labs") or []) != sorted(uses):
        problems.append(f"labs: must be the labs whose notebook metadata lists {path.parent.name}, "
                        f"{uses} (first those that belong to it); got {meta.get('labs')}")
    problems += check_session(path.parent, meta)
    cards = reading_cards(path.parent / "readings.md")
    for reading in meta.get("readings") or []:
        if reading not in cards:
            problems.append(f"readings: no card {{#{reading}}} in {path.parent.name}/readings.md")
    text = "\n".join(lines)
    for name, pattern in REQUIRED_CALLOUTS.items():
        if not re.search(pattern, text, re.M):
            problems.append(f"body: no {name} callout")
    return problems


def worksheet_tasks(path: pathlib.Path) -> dict[int, int]:
    """Task number -> minutes, from a worksheet's '## Task N. Title (M minutes)' headings."""
    return {int(m["n"]): int(m["minutes"]) for m in TASK.finditer(path.read_text())} if path.exists() else {}


def check_session(folder: pathlib.Path, meta: dict) -> list[str]:
    """The 90-minute plan: plan minutes, materials that exist, every worksheet task in one block that fits it."""
    problems, blocks = [], meta.get("blocks") or []
    tasks = worksheet_tasks(ROOT / "exercises" / f"{folder.name}.md")
    slides_md = folder / "slides.md"
    n_slides = len(deck.slides(slides_md.read_text())) if slides_md.exists() else 0
    cards = reading_cards(folder / "readings.md")
    labs = labmeta.labs()
    placed: dict[int, list[str]] = {}
    for block in blocks:
        name, plan, minutes = block.get("id"), block.get("plan"), block.get("minutes") or [0, 0]
        if not (isinstance(plan, int) and minutes[0] <= plan <= minutes[-1]):
            problems.append(f"block {name!r}: plan must be whole minutes within {minutes}, got {plan!r}")
            plan = None
        if not (isinstance(block.get("what"), str) and block["what"].strip()):
            problems.append(f"block {name!r}: what (what happens, a sentence or two) is missing")
        block_tasks = []
        for text in block.get("materials") or []:
            try:
                item = plans.parse_material(text)
            except ValueError as error:
                problems.append(f"block {name!r}: {error}")
                continue
            if item["kind"] == "worksheet":
                if item["task"] not in tasks:
                    problems.append(f"block {name!r}: {text!r}: no '## Task {item['task']}. … (M minutes)' "
                                    f"in exercises/{folder.name}.md")
                else:
                    placed.setdefault(item["task"], []).append(name)
                    block_tasks.append(item["task"])
            elif item["kind"] == "slides" and not 1 <= item["first"] <= item["last"] <= n_slides:
                problems.append(f"block {name!r}: {text!r}: the deck {folder.name}/slides.md has "
                                f"{n_slides} slides" if n_slides else f"block {name!r}: {text!r}: no {folder.name}/slides.md")
            elif item["kind"] == "lab" and item["lab"] not in labs:
                problems.append(f"block {name!r}: {text!r}: notebooks/{item['lab']}.ipynb does not exist")
            elif item["kind"] == "lab" and folder.name not in labs[item["lab"]]["modules"]:
                problems.append(f"block {name!r}: {text!r}: the lab's metadata does not list {folder.name}")
            elif item["kind"] == "reading" and item["reading"] not in cards:
                problems.append(f"block {name!r}: {text!r}: no card {{#{item['reading']}}} in readings.md")
        needed = sum(tasks[t] for t in block_tasks)
        if plan is not None and needed > plan:
            problems.append(f"block {name!r}: its worksheet tasks take {needed} minutes, its plan {plan}")
    total = sum(b.get("plan") or 0 for b in blocks)
    if total != SESSION_MINUTES:
        problems.append(f"blocks: the plans must sum to {SESSION_MINUTES} minutes, they sum to {total}")
    for task in sorted(tasks):
        where = placed.get(task, [])
        if len(where) != 1:
            problems.append(f"worksheet Task {task}: must be named in exactly one block's materials, "
                            f"is in {len(where)}" + (f" ({', '.join(map(str, where))})" if where else ""))
    return problems


def reading_cards(path: pathlib.Path) -> dict[str, list[str]]:
    """Card id -> the card's lines, for each '## Title {#id}' in a readings page."""
    cards: dict[str, list[str]] = {}
    current = None
    for line in path.read_text().splitlines() if path.exists() else []:
        match = CARD.match(line)
        if match:
            current = cards.setdefault(match["id"], [])
        elif line.startswith("## "):
            current = None
        elif current is not None:
            current.append(line)
    return cards


def check_cards(path: pathlib.Path) -> list[str]:
    problems = []
    cards = reading_cards(path)
    if not cards:
        problems.append("no reading cards ('## Title {#id}')")
    for card, lines in cards.items():
        text = "\n".join(lines)
        if not re.search(r"\*\*URL:\*\*[^\n]*(https?://|not verified)", text):
            problems.append(f"card {card}: no **URL:** (an address, or 'not verified' and why)")
        if not re.search(r"\*\*Date:\*\*\s*\S", text):
            problems.append(f"card {card}: no **Date:**")
    return problems


def problems_in(docs: pathlib.Path = DOCS) -> list[str]:
    found = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs)
        if rel.parts[0] in ("labs", "reference"):
            continue  # generated
        meta, lines = split_front_matter(path.read_text())
        issues = check_page(lines)
        if rel.parts[0] == "modules" and path.name == "index.md":
            issues += check_module(path, meta, lines)
        if rel.parts[0] == "modules" and path.name == "readings.md":
            issues += check_cards(path)
        found += [f"docs/{rel.as_posix()}: {issue}" for issue in issues]
    return found


def main() -> int:
    found = problems_in()
    print("\n".join(found) or "content: no problems found")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
