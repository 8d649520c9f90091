"""Session packs (tools/packs.py, deck.py, plans.py): printed PDFs opened, decks driven in a browser."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys
import tempfile
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import deck  # noqa: E402
import packs  # noqa: E402
import plans  # noqa: E402
import validate_content  # noqa: E402

SIZES = {"a4": (595, 842), "letter": (612, 792)}  # points
MODULES = [p.name for p in packs.modules()]
WITH_WORKSHEET = [m for m in MODULES if (ROOT / "exercises" / f"{m}.md").exists()]
WITH_DECK = [m for m in MODULES if (ROOT / "docs" / "modules" / m / "slides.md").exists()]
MIN_FILL = 0.25  # a page whose ink ends above a quarter of its height is "almost empty"


def pdf_pages(path) -> list[str]:
    """The text of each page, as pdftotext reads it (layout kept, so list numbers stay at line starts)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def page_fills(path) -> list[float]:
    """How far down each page the ink goes (0 to 1, the footer left out), from a 20 dpi grey rendering."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-gray", "-r", "20", str(path), f"{tmp}/p"], check=True)
        fills = []
        for image in sorted(pathlib.Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])):
            _, size, _, pixels = image.read_bytes().split(b"\n", 3)
            width, height = map(int, size.split())
            body = int(height * 0.92)  # above the footer line
            inked = [y for y in range(body) if min(pixels[y * width:(y + 1) * width]) < 160]
            fills.append((max(inked) + 1) / body if inked else 0.0)
        return fills


# --- rendering ---------------------------------------------------------------------------

def test_questions_count_within_each_task_even_across_answer_boxes():
    sheet = ("# W\n\n## Task 1. A (5 minutes)\n\n1. First?\n\n<div class=\"answer\" data-lines=\"4\"></div>\n\n"
             "1. Second?\n\nA paragraph between.\n\n7. Third?\n\n## Task 2. B (5 minutes)\n\n3. Again first?\n")
    html = packs.render(sheet)
    starts = [int(s or 1) for s in re.findall(r'<ol(?: start="(\d+)")?>', html)]
    assert starts == [1, 2, 3, 1]
    assert '<div class="answer" data-lines="4">' + '<div class="line"></div>' * 4 + "</div>" in html
    assert '<div class="question"><ol>' in html  # the question and its box stay together


def test_empty_columns_get_the_width_for_writing():
    html = packs.render("| link | actor | what they knew | source |\n|---|---|---|---|\n| 1 | a worker | | |\n")
    assert '<table class="writing">' in html
    assert html.count('style="width: 30%"') == 2


def test_links_to_other_pages_become_text_on_paper():
    html = packs.render("See [the module](../docs/modules/03-toloka/index.md) and [TBIJ](https://example.org/).")
    assert "the module" in html and "index.md" not in html and 'href="https://example.org/"' in html


# --- the plan by the clock and the validator ------------------------------------------------

BLOCKS = [{"id": "hook", "kind": "discussion", "minutes": [5, 10], "plan": 10, "what": "Pose it.",
           "materials": ["slides 1–2", "board"]},
          {"id": "tasks", "kind": "exercise", "minutes": [20, 30], "plan": 25, "what": "Groups work.",
           "materials": ["worksheet Task 1", "worksheet Task 2"]},
          {"id": "lab", "kind": "lab", "minutes": [50, 60], "plan": 55, "what": "The lab.", "skippable": True,
           "skip_note": "Show its figure.", "materials": ["lab 04-the-guideline", "reading tbij-2024"]}]


def test_plan_runs_by_the_clock_with_a_checklist():
    links = {"worksheet": "w.md", "worksheet_a4": "w-a4.pdf", "slides": "s.html", "lab_titles": {"04-the-guideline": "Lab 4"}}
    page = plans.plan_page(BLOCKS, links)
    rows = [line for line in page.splitlines() if re.match(r"\| \d:\d\d–", line)]
    assert [r.split(" | ")[0] for r in rows] == ["| 0:00–0:10", "| 0:10–0:35", "| 0:35–1:30"]
    assert "[slides 1–2](s.html#1)" in rows[0] and "[worksheet Task 2](w.md)" in rows[1]
    assert "*If skipped:* Show its figure." in rows[2] and "[Lab 4](../../labs/04-the-guideline.md)" in rows[2]
    assert "Print the worksheet ([A4](w-a4.pdf)), one per group: Tasks 1, 2." in page
    assert "press N" in page and "markers" in page
    assert plans.plan_page([{"id": "x", "minutes": [5, 10]}], links) == ""  # no plan minutes yet: nothing


def test_material_forms_are_checked():
    assert plans.parse_material("slides 3–5") == {"kind": "slides", "first": 3, "last": 5}
    assert plans.parse_material("worksheet Task 2") == {"kind": "worksheet", "task": 2}
    with pytest.raises(ValueError, match="expected 'worksheet Task N'"):
        plans.parse_material("the worksheet")


def test_validator_checks_the_plan_against_worksheet_deck_and_labs(tmp_path, monkeypatch):
    folder = tmp_path / "docs" / "modules" / "03-toloka"
    folder.mkdir(parents=True)
    (folder / "slides.md").write_text("# T\n\n---\n\n## Two\n")
    (folder / "readings.md").write_text("# R\n\n## TBIJ {#tbij-2024}\n\nx\n")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "03-toloka.md").write_text(
        "# W\n\n## Task 1. A (10 minutes)\n\n## Task 2. B (20 minutes)\n\n## Task 3. C (5 minutes)\n")
    monkeypatch.setattr(validate_content, "ROOT", tmp_path)
    blocks = [dict(b) for b in BLOCKS]
    blocks[0] = {**blocks[0], "plan": 12, "materials": ["slides 1–3", "lab 99-none", "worksheet Task 1"]}
    blocks[2] = {**blocks[2], "materials": ["lab 04-the-guideline", "worksheet Task 1", "reading nope"]}
    text = "\n".join(validate_content.check_session(folder, {"blocks": blocks}))
    assert "block 'hook': plan must be whole minutes within [5, 10], got 12" in text
    assert "the deck 03-toloka/slides.md has 2 slides" in text and "99-none.ipynb does not exist" in text
    assert "block 'tasks': its worksheet tasks take 30 minutes, its plan 25" in text
    assert "worksheet Task 1: must be named in exactly one block's materials, is in 3 (hook, tasks, lab)" in text
    assert "worksheet Task 3: must be named in exactly one block's materials, is in 0" in text
    assert "the plans must sum to 90 minutes, they sum to 92" in text and "{#nope}" in text
    good = [{**b, "materials": [m for m in b["materials"] if m != "reading tbij-2024"]} for b in BLOCKS]
    good[1]["plan"], good[1]["minutes"] = 30, [20, 30]
    good[2]["plan"], good[2]["materials"] = 50, ["lab 04-the-guideline", "worksheet Task 3"]
    assert validate_content.check_session(folder, {"blocks": good}) == []


# --- the built packs: PDFs -----------------------------------------------------------------

@pytest.fixture(scope="module")
def built(generated_pages):
    """The packs as `make site` builds them (generated_pages runs tools/packs.py)."""
    from chromium import find_chromium

    if not find_chromium():
        pytest.fail("no Chromium: `make test` installs one (the PDFs are printed with it)")
    return packs.PACKS


@pytest.mark.parametrize("module", WITH_WORKSHEET)
def test_worksheet_pdfs_work_on_paper(built, module):
    from pypdf import PdfReader

    tasks = validate_content.worksheet_tasks(ROOT / "exercises" / f"{module}.md")
    for size, (width, height) in SIZES.items():
        path = built / module / f"{module}-worksheet-{size}.pdf"
        reader = PdfReader(path)
        for page in reader.pages:
            assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (width, height), path.name
        pages = pdf_pages(path)
        assert len(pages) == len(reader.pages)
        assert re.search(r"Name:.*Date:", pages[0]), f"{path.name}: no name and date line on page 1"
        fills = page_fills(path)
        assert len(fills) == len(pages)
        short = [i + 1 for i, fill in enumerate(fills) if fill < MIN_FILL]
        assert not short, f"{path.name}: pages {short} are almost empty ({[round(f, 2) for f in fills]})"
        text = "\n".join(pages)
        for number in tasks:
            part = re.split(rf"Task {number}\. ", text, maxsplit=1)[-1]
            part = re.split(rf"Task {number + 1}\. ", part, maxsplit=1)[0]
            numbers = [int(n) for n in re.findall(r"^\s{0,6}(\d{1,2})\.\s+\S", part, re.M)]
            assert numbers == list(range(1, len(numbers) + 1)), f"{path.name}: Task {number} numbered {numbers}"


@pytest.mark.parametrize("module", MODULES)
def test_pack_page_links_only_what_exists(built, module):
    page = (built / module / "index.md").read_text()
    for target in re.findall(r"\]\(([^)#]+)\)", page):
        if not target.startswith("../"):
            assert (built / module / target).exists(), f"{module}: the pack links {target}, which was not built"
    assert ("slides.html" in page) == (module in WITH_DECK)
    assert ("answers.md" in page) == (ROOT / "exercises" / "answers" / f"{module}.md").exists()
    assert f'--8<-- "packs/{module}.md"' in (ROOT / "docs" / "modules" / module / "index.md").read_text()


def test_readings_handout_holds_the_cards(built):
    module = WITH_WORKSHEET[0]
    cards = validate_content.reading_cards(ROOT / "docs" / "modules" / module / "readings.md")
    text = " ".join(" ".join(pdf_pages(built / module / f"{module}-readings-a4.pdf")).split())
    for card in cards:
        heading = re.search(rf"^## (.+?)\s*\{{#{card}\}}", (ROOT / "docs" / "modules" / module / "readings.md").read_text(), re.M)
        assert " ".join(re.sub(r"[*_`]", "", heading[1]).split()[:4]) in text


def test_packs_skip_pdfs_without_chromium(generated_pages, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(packs, "find_chromium", lambda: None)
    for name in ("PACKS", "BUILD", "CACHE"):
        monkeypatch.setattr(packs, name, tmp_path / name.lower())
    assert packs.main([]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("packs: PDFs skipped (no Chromium found")
    assert not list((tmp_path / "packs").rglob("*.pdf"))
    assert ".pdf" not in "".join(p.read_text() for p in (tmp_path / "packs").rglob("*.md"))
    assert ".pdf" not in "".join(p.read_text() for p in (tmp_path / "build").rglob("*.md"))


# --- decks -----------------------------------------------------------------------------------

def test_deck_format_slides_notes_and_images(tmp_path):
    (tmp_path / "d.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>d</title></svg>')
    text = "# Title\n\nSub\n\nNotes:\nSay hello.\n\n---\n\n## Two\n\n![a diagram](d.svg)\n\n---\n\n## Three\n"
    assert deck.slides(text) == [("# Title\n\nSub", "Say hello."), ("## Two\n\n![a diagram](d.svg)", ""), ("## Three", "")]
    page = deck.to_html(text, folder=tmp_path, title="T")
    assert page.count('<section class="slide') == 3 and '<aside class="notes"' in page
    assert 'alt="a diagram" src="data:image/svg+xml;base64,' in page and "<h2>Title</h2>" in page
    assert '<h1 class="visually-hidden">T</h1>' in page
    with pytest.raises(deck.DeckError, match="slide 2: image 'gone.png' not found"):
        deck.to_html("# T\n\n---\n\n![x](gone.png)", folder=tmp_path, title="T")


def test_key_figure_is_the_tagged_cell_of_the_rendered_lab(generated_pages):
    path, alt = deck.key_figure("04-the-guideline")
    assert path.endswith(".png") and alt
    with pytest.raises(deck.DeckError, match="does not exist"):
        deck.key_figure("99-none")


@pytest.mark.parametrize("module", WITH_DECK)
def test_deck_runs_by_keyboard_offline_and_accessibly(built, browser, module):
    page = browser.new_page()
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if urlparse(r.url).scheme not in ("file", "data") else None)
    page.goto((built / module / "slides.html").as_uri())
    count = page.locator(".deck-count")
    total = page.locator(".deck > .slide").count()
    assert total >= 3 and count.inner_text() == f"1 / {total}"
    violations = []
    for key, expected in (("ArrowRight", 2), ("PageDown", 3), ("ArrowLeft", 2), ("End", total), ("Home", 1)):
        page.keyboard.press(key)
        assert count.inner_text() == f"{expected} / {total}", f"after {key}"
        results = Axe().run(page)
        if results.violations_count:
            violations.append(results.generate_report())
    page.keyboard.press("n")
    assert page.locator("[data-deck=notes]").get_attribute("aria-pressed") == "true"
    notes = page.locator(".slide:not([hidden]) .notes")
    assert notes.count() == 0 or notes.is_visible()
    page.emulate_media(media="print")
    assert page.locator(".deck > .slide:visible").count() == total  # every slide printed, one per page
    page.close()
    assert not foreign, f"requests to other hosts: {foreign}"
    assert not violations, "\n".join(violations)[:5000]


def test_deck_prints_one_slide_per_16_9_page(built, tmp_path):
    from pypdf import PdfReader

    from chromium import HEADLESS_ARGS, find_chromium

    module = WITH_DECK[0]
    target = tmp_path / "deck.pdf"
    subprocess.run([find_chromium(), "--headless", *HEADLESS_ARGS, f"--user-data-dir={tmp_path}/profile",
                    "--no-pdf-header-footer", f"--print-to-pdf={target}", (built / module / "slides.html").as_uri()],
                   check=True, capture_output=True, timeout=120)
    pages = PdfReader(target).pages
    assert len(pages) == len(deck.slides((ROOT / "docs" / "modules" / module / "slides.md").read_text()))
    for page in pages:
        assert abs(float(page.mediabox.width) / float(page.mediabox.height) - 16 / 9) < 0.01


@pytest.mark.parametrize("module", MODULES)
def test_no_handout_leaves_a_page_almost_empty(built, module):
    for pdf in sorted((built / module).glob("*.pdf")):
        fills = page_fills(pdf)
        assert min(fills) >= MIN_FILL, f"{pdf.name}: {[round(f, 2) for f in fills]}"
