"""The labeling booth in headless Chromium: a scripted learner labels a batch by keyboard, on a
controlled clock; the results show the accuracy and the wage that follow from its answers and
timings (the wage by labelsim's own formula, from a ledger built here)."""

from __future__ import annotations

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

import labelsim as ls
from conftest import ROOT

READING_SECONDS = 37.5


def batch(name: str) -> dict:
    return json.loads((ROOT / "docs" / "booth" / "batches" / f"{name}.json").read_text())


def expected_wage(data: dict, seconds: list[float], price: float, rejected: bool) -> float:
    """The session as a labelsim ledger (labels, gold answers, unpaid reading) -> its wage."""
    gold = [item["gold"] for item in data["items"]]
    session = ls.ledger.Ledger.from_records(
        "learner", ["verifier" if g else "trainer" for g in gold], ["gold" if g else "label" for g in gold],
        seconds, 0.0 if rejected else price, not rejected, task=list(range(len(gold))))
    session += ls.ledger.Ledger.from_records("learner", "trainer", "instructions", READING_SECONDS, 0.0, False)
    return float(ls.wages.effective_wages(session).loc["learner", "effective_hourly_wage"])


def label_by_keyboard(page, server, batch_id: str, answers: list[int], seconds: list[float], price=None):
    page.clock.install(time=1_000_000)
    page.goto(f"{server}/booth/", wait_until="load")  # "networkidle" waits on the paused clock
    page.clock.pause_at(2_000_000)
    page.locator(f"#booth-batch-{batch_id}").check()
    if price is not None:
        page.locator("#booth-own-price").fill(str(price))
        page.locator("#booth-price-own").check()
    page.locator("[data-booth-setup] button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.locator("[data-booth-start]").wait_for(state="visible")
    page.clock.run_for(int(READING_SECONDS * 1000))
    page.locator("[data-booth-start]").focus()
    page.keyboard.press("Enter")
    for k, (choice, wait) in enumerate(zip(answers, seconds)):
        page.locator("[data-booth-status]").filter(has_text=f"Shape {k + 1} of").wait_for()
        page.clock.run_for(int(wait * 1000))
        page.keyboard.press(str(choice + 1))
    results = page.locator("[data-booth-results]")
    results.wait_for(state="visible")
    page.clock.resume()  # axe and the rest of the page need running timers again
    return results


@pytest.fixture(params=["default", "slate"])  # the light and the dark palette
def page(browser, request):
    context = browser.new_context()
    context.add_init_script(
        f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if request.param == 'default' else 1}, "
        f"color: {{scheme: '{request.param}', primary: 'indigo', accent: 'deep-orange'}}}}))")
    page = context.new_page()
    yield page
    context.close()


def test_keyboard_learner_gets_its_accuracy_and_wage(site, server, page):
    data = batch("standard")
    classes, truth = data["classes"], data["truth"]
    # right on every item but each third one, where it picks the next class
    answers = [classes.index(t) if k % 3 else (classes.index(t) + 1) % len(classes) for k, t in enumerate(truth)]
    seconds = [1.5 + 0.25 * k for k in range(len(truth))]
    results = label_by_keyboard(page, server, "standard", answers, seconds)
    accuracy = sum(classes[a] == t for a, t in zip(answers, truth)) / len(truth)
    assert float(results.get_attribute("data-accuracy")) == pytest.approx(accuracy)
    wage = expected_wage(data, seconds, data["price"], rejected=False)
    assert float(results.get_attribute("data-hourly-wage")) == pytest.approx(wage, rel=1e-9)
    assert f"${wage:.2f} an hour" in results.inner_text()
    crowd = sum(classes[a] == m for a, m in zip(answers, data["crowd"]["majority"])) / len(truth)
    assert f"{round(100 * crowd)}% match the majority" in results.inner_text()
    ledger = results.locator("[data-booth-ledger] tbody tr")
    assert ledger.count() == 4 and "reading the instructions" in ledger.first.inner_text()
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()


def test_the_rejecting_requester_pays_nothing(site, server, page):
    data = batch("rejecting")
    classes, truth, gold = data["classes"], data["truth"], set(data["gold"]["tasks"])
    assert data["gold"]["enforced"]
    # right everywhere except on the gold questions
    answers = [(classes.index(t) + 1) % len(classes) if k in gold else classes.index(t) for k, t in enumerate(truth)]
    seconds = [2.0] * len(truth)
    results = label_by_keyboard(page, server, "rejecting", answers, seconds, price=0.1)
    assert results.get_attribute("data-rejected") == "true"
    assert float(results.get_attribute("data-hourly-wage")) == 0.0
    assert expected_wage(data, seconds, 0.1, rejected=True) == 0.0
    assert "$2.00 lost" in results.inner_text()  # 20 labels at $0.10


def test_a_bad_price_is_refused_with_a_message(site, server, page):
    page.goto(f"{server}/booth/", wait_until="networkidle")
    page.locator("#booth-own-price").fill("-1")
    page.locator("#booth-price-own").check()
    page.locator("[data-booth-setup] button[type=submit]").click()
    assert "from 0 to 10" in page.locator("[data-booth-error]").inner_text()
    assert page.locator("[data-booth-instructions]").is_hidden()
