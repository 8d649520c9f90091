"""A module's 90-minute plan by the clock, from its blocks' front matter (plan, what, materials).

    plan_page(blocks, links) -> Markdown: a table of start–end times, block, what happens and
    materials, then a preparation checklist made from the materials.

``tools/packs.py`` writes it to ``build/plans/NN-slug.md`` for the module page's snippet line
``--8<-- "plans/NN-slug.md"``; ``tools/validate_content.py`` checks the same materials with
``parse_material``. A material is one of: ``worksheet Task N``, ``slides N``, ``slides N–M``,
``lab NN-slug``, ``reading <card-id>``, ``board``.
"""

from __future__ import annotations

import re

MATERIAL = re.compile(
    r"^(?:worksheet Task (?P<task>\d+)"
    r"|slides (?P<first>\d+)(?:\s*[–-]\s*(?P<last>\d+))?"
    r"|lab (?P<lab>\d\d-[a-z0-9-]+)"
    r"|reading (?P<reading>[\w-]+)"
    r"|(?P<board>board))$")


def parse_material(text: str) -> dict:
    """{'kind': 'worksheet'|'slides'|'lab'|'reading'|'board', ...}; ValueError names the form."""
    match = MATERIAL.match(str(text).strip())
    if not match:
        raise ValueError(f"material {text!r}: expected 'worksheet Task N', 'slides N', 'slides N–M', "
                         "'lab NN-slug', 'reading <card-id>' or 'board'")
    if match["task"]:
        return {"kind": "worksheet", "task": int(match["task"])}
    if match["first"]:
        first = int(match["first"])
        return {"kind": "slides", "first": first, "last": int(match["last"] or first)}
    if match["lab"]:
        return {"kind": "lab", "lab": match["lab"]}
    if match["reading"]:
        return {"kind": "reading", "reading": match["reading"]}
    return {"kind": "board"}


def clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def material_text(item: dict, links: dict) -> str:
    """One material as Markdown; ``links`` holds the targets that exist (relative to the module page)."""
    if item["kind"] == "worksheet":
        label = f"worksheet Task {item['task']}"
        return f"[{label}]({links['worksheet']})" if links.get("worksheet") else label
    if item["kind"] == "slides":
        span = str(item["first"]) if item["first"] == item["last"] else f"{item['first']}–{item['last']}"
        label = f"slide{'s' if item['first'] != item['last'] else ''} {span}"
        return f"[{label}]({links['slides']}#{item['first']})" if links.get("slides") else label
    if item["kind"] == "lab":
        title = links.get("lab_titles", {}).get(item["lab"], item["lab"])
        return f"[{title}](../../labs/{item['lab']}.md)"
    if item["kind"] == "reading":
        title = links.get("reading_titles", {}).get(item["reading"], item["reading"])
        return f"[reading: {title}](readings.md#{item['reading']})"
    return "board"


def planned(blocks: list[dict]) -> bool:
    return bool(blocks) and all(isinstance(b.get("plan"), int) for b in blocks)


def plan_table(blocks: list[dict], links: dict) -> str:
    rows = ["| time | block | what happens | materials |", "|---|---|---|---|"]
    start = 0
    for block in blocks:
        end = start + block["plan"]
        name = block["id"] + (" (skippable)" if block.get("skippable") else "")
        what = " ".join(str(block.get("what", "")).split()).replace("|", "\\|")
        if block.get("skippable") and block.get("skip_note"):
            what += f" *If skipped:* {' '.join(block['skip_note'].split())}"
        materials = ", ".join(material_text(parse_material(m), links) for m in block.get("materials") or [])
        rows.append(f"| {clock(start)}–{clock(end)} | {name} | {what} | {materials} |")
        start = end
    return "\n".join(rows) + "\n"


def checklist(blocks: list[dict], links: dict) -> str:
    """Preparation steps, in the order the session needs them, from the blocks' materials."""
    items = [parse_material(m) for b in blocks for m in b.get("materials") or []]
    kinds = {i["kind"] for i in items}
    steps = []
    if "worksheet" in kinds:
        tasks = sorted({i["task"] for i in items if i["kind"] == "worksheet"})
        pdfs = " or ".join(f"[{size}]({links[key]})" for size, key in (("A4", "worksheet_a4"), ("US Letter", "worksheet_letter"))
                           if links.get(key))
        where = f" ({pdfs})" if pdfs else (f" ([worksheet]({links['worksheet']}))" if links.get("worksheet") else "")
        steps.append(f"Print the worksheet{where}, one per group: Tasks {', '.join(map(str, tasks))}.")
    if links.get("answers"):
        steps.append(f"Read the [answer key]({links['answers']}) (for you, not for the learners).")
    if "slides" in kinds and links.get("slides"):
        steps.append(f"Open the [slide deck]({links['slides']}) on the projector; press N for your notes.")
    for lab in sorted({i["lab"] for i in items if i["kind"] == "lab"}):
        title = links.get("lab_titles", {}).get(lab, lab)
        steps.append(f"Run [{title}](../../labs/{lab}.md) once on a machine like the learners', "
                     "or have the rendered page ready to project.")
    readings = sorted({i["reading"] for i in items if i["kind"] == "reading"})
    if readings:
        handout = f" ([readings handout]({links['readings_pdf']}))" if links.get("readings_pdf") else ""
        titles = links.get("reading_titles", {})
        cards = "; ".join(f"[{titles.get(r, r)}](readings.md#{r})" for r in readings)
        steps.append(f"Have the reading cards at hand{handout}: {cards}.")
    if "board" in kinds:
        steps.append("A board or flip chart and markers.")
    return "".join(f"- {step}\n" for step in steps)


def plan_page(blocks: list[dict], links: dict) -> str:
    """The clock plan and the preparation checklist; empty while the blocks have no plan minutes."""
    if not planned(blocks):
        return ""
    total = sum(b["plan"] for b in blocks)
    return (f"**Plan by the clock** ({total} minutes):\n\n{plan_table(blocks, links)}\n"
            f"**Before the session:**\n\n{checklist(blocks, links)}")
