"""The lab explorers in headless Chromium: moving each control (by keyboard) redraws the figure
and the totals with labelsim's numbers for that grid point, recomputed here for one point."""

from __future__ import annotations

import json
import sys

import pytest
from axe_playwright_python.sync_playwright import Axe

import labelsim as ls
from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import explorers  # noqa: E402
from lab_parameters import parameters  # noqa: E402

SLUGS = ("02-many-hands", "05-the-last-mile", "06-the-wage")


def grid(slug: str) -> dict:
    return json.loads((ROOT / "docs" / "explorers" / "data" / f"{slug}.json").read_text())


@pytest.mark.parametrize("slug", SLUGS)
def test_each_control_moves_the_figure_and_the_totals(site, server, browser, slug):
    data = grid(slug)
    page = browser.new_page()
    page.goto(f"{server}/explorers/{slug}/", wait_until="networkidle")
    root = page.locator("[data-explorer]")
    page.locator(".explorer__totals tbody tr").first.wait_for()

    def shown():
        rows = page.locator(".explorer__totals tbody tr").evaluate_all(
            "rows => rows.map(r => [r.cells[0].textContent, r.cells[1].textContent])")
        return root.get_attribute("data-point"), dict(rows), page.locator("svg.explorer__figure").get_attribute("aria-label")

    key, totals, alt = shown()
    assert totals == data["points"][key]["totals"] and alt == data["points"][key]["alt"]
    for c, control in enumerate(data["controls"]):
        slider = page.locator(f"#explore-{slug}-{control['name']}")
        slider.focus()
        step = "ArrowLeft" if control["default"] == len(control["values"]) - 1 else "ArrowRight"
        page.keyboard.press(step)
        moved, totals, alt = shown()
        assert moved != key, f"{control['name']}: the setting did not change"
        expected_index = control["default"] + (1 if step == "ArrowRight" else -1)
        assert moved.split("|")[c] == control["keys"][expected_index]
        assert totals == data["points"][moved]["totals"], f"{control['name']}: totals are not the grid's"
        assert alt == data["points"][moved]["alt"] and alt != data["points"][key]["alt"]
        key = moved
    results = Axe().run(page)
    assert not results.violations_count, results.generate_report()
    page.close()


def test_a_grid_point_is_labelsims_number():
    """One setting of the wage explorer, recomputed with labelsim: the same median wage."""
    lab = parameters("06-the-wage")
    data = grid("06-the-wage")
    price, minutes = 0.05, 20
    scale = minutes * 60 / (lab["SEARCH_SECONDS"] + lab["INSTRUCTIONS_SECONDS"] + lab["QUALIFICATION_SECONDS"])
    job = ls.collect.run_job(ls.datasets.shapes(n_items=lab["N_ITEMS"], seed=0),
                             ls.workers.WorkerPool.mixed(n_workers=lab["N_WORKERS"], seed=0),
                             redundancy=lab["REDUNDANCY"], pay_per_label=price, gold_fraction=lab["GOLD_FRACTION"],
                             gold_threshold=lab["GOLD_THRESHOLD"], seed=0,
                             search_seconds=lab["SEARCH_SECONDS"] * scale,
                             instructions_seconds=lab["INSTRUCTIONS_SECONDS"] * scale,
                             qualification_seconds=lab["QUALIFICATION_SECONDS"] * scale)
    median = ls.wages.effective_wages(job.ledger)["effective_hourly_wage"].median()
    assert data["points"][explorers.key(price, minutes)]["totals"]["median wage, all time"] == f"{median:.2f}/h"
