"""Every module's self-check, answered by keyboard in headless Chromium: the feedback for the
chosen answer appears in an aria-live region; "Show answers" marks the right ones; every
feedback link points to a passage that exists."""

from __future__ import annotations

import re
import sys
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import self_check  # noqa: E402

CHECKS = sorted((ROOT / "docs" / "modules").glob("*/self-check.yml"))


def test_modules_00_to_06_have_a_self_check_before_their_key_points():
    found = {path.parent.name for path in CHECKS}
    for folder in sorted((ROOT / "docs" / "modules").glob("0[0-6]-*")):
        assert folder.name in found, f"{folder.name} has no self-check.yml"
        page = (folder / "index.md").read_text()
        line = f'--8<-- "self-check/{folder.name}.md"'
        assert line in page, f"{folder.name}/index.md does not include its self-check"
        assert page.index(line) < page.rindex('!!! keypoints "Key points"'), \
            f"{folder.name}: the self-check must come just before the final Key points box"
        assert not page[page.index(line) + len(line):page.rindex('!!! keypoints')].strip(), \
            f"{folder.name}: something sits between the self-check and the Key points box"


def test_the_format_is_enforced(tmp_path):
    bad = tmp_path / "self-check.yml"
    bad.write_text(yaml.safe_dump([{"question": "Q?", "choices": [
        {"text": "a", "correct": True, "feedback": "no link"},
        {"text": "b", "correct": False, "feedback": "[x](index.md)"}]}] * 4))
    bad = bad.rename(ROOT / "build" / "test-bad-self-check.yml")
    try:
        with pytest.raises(self_check.SelfCheckError, match="must link to the passage"):
            self_check.load(bad)
    finally:
        bad.unlink()


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.parent.name)
def test_answer_by_keyboard_and_get_feedback(site, server, browser, path):
    questions = self_check.load(path)
    page = browser.new_page()
    page.goto(f"{server}/modules/{path.parent.name}/", wait_until="networkidle")
    forms = page.locator("[data-self-check] .self-check__question")
    assert forms.count() == len(questions)
    for q, question in enumerate(questions):
        form = forms.nth(q)
        assert form.locator("fieldset > legend").inner_text().endswith(question["question"])
        right = next(c for c, choice in enumerate(question["choices"]) if choice["correct"])
        wrong = (right + 1) % len(question["choices"])
        for choice in (wrong, right):  # a wrong answer first, then the right one
            form.locator("input[type=radio]").first.focus()
            page.keyboard.press("Space")            # selects the first choice
            for _ in range(choice):
                page.keyboard.press("ArrowDown")    # radio groups move with the arrow keys
            page.keyboard.press("Enter")            # submits the form: the check
            feedback = form.locator(".self-check__feedback")
            assert feedback.get_attribute("aria-live") == "polite"
            expected = "Right." if choice == right else "Not quite."
            assert feedback.inner_text().startswith(expected), f"{path.parent.name} q{q + 1}: {feedback.inner_text()}"
            assert feedback.locator("a").count() >= 1, "the feedback links to the passage"
    show = page.locator("[data-self-check-show]")
    show.focus()
    page.keyboard.press("Space")
    assert show.get_attribute("aria-pressed") == "true"
    assert page.locator(".self-check__answer").count() == len(questions)
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()
    page.close()


def test_feedback_links_reach_their_passages(site):
    for path in CHECKS:
        html = (site / "modules" / path.parent.name / "index.html").read_text()
        block = html[html.index("data-self-check"):]
        base = f"http://site/modules/{path.parent.name}/"
        for href in re.findall(r'<a href="([^"]+)"', block[:block.index("data-self-check-show")]):
            url = urlparse(urljoin(base, href))
            if url.netloc != "site":
                continue
            target = site / url.path.lstrip("/") / "index.html"
            assert target.exists(), f"{path.parent.name}: {href} leads nowhere"
            if url.fragment:
                assert f'id="{url.fragment}"' in target.read_text(), f"{path.parent.name}: no #{url.fragment} in {href}"
