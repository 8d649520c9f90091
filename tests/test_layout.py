"""Every page fits a phone, and the labs' tables stay inside the content column, in Chromium."""

from __future__ import annotations

import pytest

from conftest import site_pages

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def pages(site):
    return site_pages(site)


def test_no_page_is_wider_than_a_phone(server, browser, pages):
    """At 390 px, nothing makes the page scroll sideways (a table scrolls in its own box)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    wide = []
    for path in pages:
        page.goto(f"{server}/{path}", wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            culprit = page.evaluate(FIRST_TOO_WIDE)
            wide.append(f"/{path}: {width} px wide, first too wide: {culprit}")
    context.close()
    assert not wide, "pages wider than a 390 px phone:\n" + "\n".join(wide)


def test_lab_tables_look_like_the_sites_and_scroll_in_their_box(server, browser, pages):
    """The labs' pandas tables are styled as the site's tables and scroll inside their own box:
    at 1280 px what shows of them ends within the content column, never under the right-hand
    table of contents."""
    labs = [p for p in pages if p.startswith("labs/") and p != "labs/"]
    assert labs, "no lab pages built"
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems, tables = [], 0
    for path in labs:
        page.goto(f"{server}/{path}", wait_until="load")
        found = page.evaluate(MEASURE_TABLES)
        tables += len(found)
        for index, table in enumerate(found):
            where = f"/{path} table {index + 1}"
            if table["classed"]:
                problems.append(f"{where}: keeps a class, so the site's table style does not apply")
            if table["box"] is None:
                problems.append(f"{where}: no box of its own scrolls it")
            elif table["right"] > min(table["contentRight"], table["tocLeft"]) + 0.5:
                problems.append(f"{where}: shows up to {table['right']:.0f} px, past the content column "
                                f"({table['contentRight']:.0f} px) or the table of contents ({table['tocLeft']:.0f} px)")
    context.close()
    assert tables >= len(labs), f"only {tables} tables on {len(labs)} lab pages: is the check looking at them?"
    assert not problems, "\n".join(problems)


# For each table in the content: whether it has a class, whether a box scrolls it (itself or an
# ancestor inside the content), the right edge of what shows of it (clipped by those boxes), the content column's right
# edge and the table of contents' left edge (when it is shown).
MEASURE_TABLES = """() => {
    const content = document.querySelector('.md-content');
    const contentRight = content.getBoundingClientRect().right;
    const toc = document.querySelector('.md-sidebar--secondary');
    const tocLeft = toc && toc.offsetParent && getComputedStyle(toc).visibility !== 'hidden'
        ? toc.getBoundingClientRect().left : Infinity;
    return [...content.querySelectorAll('table')].map(table => {
        let box = null, right = table.getBoundingClientRect().right;
        for (let e = table; e !== content; e = e.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(e).overflowX)) {
                box = box || e.tagName;
                right = Math.min(right, e.getBoundingClientRect().right);
            }
        }
        return {classed: table.hasAttribute('class'), box, right, contentRight, tocLeft};
    });
}"""

# The outermost element that sticks out past the viewport and is not inside a box that scrolls.
FIRST_TOO_WIDE = """() => {
    const scrolls = e => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
    const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) if (scrolls(a)) return a !== document.documentElement && a !== document.body; return false; };
    const over = [...document.body.querySelectorAll('*')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !clipped(e));
    const e = over.find(e => !over.includes(e.parentElement));
    return e ? `<${e.tagName.toLowerCase()} class="${e.className}">` : '(none found)';
}"""
