"""Search serves learners: in headless Chromium, a learner's words find the glossary or a module
before the API reference, and raw lab output tables are not in the index."""

from __future__ import annotations

import html
import json
import re

import pytest

QUERIES = ("Dawid", "gold", "imitator", "Toloka", "wage")


@pytest.fixture(scope="module")
def search_page(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/", wait_until="networkidle")
    page.locator("input.md-search__input").click()
    # The search index loads in a web worker: wait until it is ready before typing.
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
                           timeout=30000)
    yield page
    page.close()


@pytest.mark.parametrize("query", QUERIES)
def test_learner_words_rank_the_glossary_or_a_module_first(search_page, query):
    box = search_page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    search_page.wait_for_function(
        "q => document.querySelector('.md-search-result__meta').textContent.toLowerCase().includes('matching')",
        arg=query, timeout=30000)
    top = search_page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "links => links.slice(0, 3).map(a => a.getAttribute('href'))")
    assert any("learners/glossary" in href or "/modules/" in href for href in top), \
        f"{query!r}: top three results are {top}"
    assert "reference/api" not in top[0], f"{query!r}: the API reference ranks first ({top})"


def test_lab_output_tables_are_not_indexed(site):
    index = json.loads((site / "search" / "search_index.json").read_text())
    indexed = " ".join(" ".join(doc["text"].split()) for doc in index["docs"] if doc["location"].startswith("labs/"))
    tables = []
    for page in sorted(site.glob("labs/0*/index.html")):
        for table in re.findall(r"<table data-search-exclude>(.*?)</table>", page.read_text(), flags=re.S):
            tables.append(" ".join(html.unescape(re.sub(r"<[^>]+>", " ", table)).split()))
    assert len(tables) > 5, f"only {len(tables)} output tables on the lab pages"
    indexed_tables = [t[:80] for t in tables if t[:80] in indexed]
    assert not indexed_tables, f"lab output tables in the search index: {indexed_tables[:3]}"
