"""Every page, in headless Chromium: nothing fetched from another host, no axe-core violations."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import site_pages

AXE = Axe()


@pytest.fixture(scope="module")
def pages(site):
    return site_pages(site)


def test_every_page_is_local_and_accessible(site, server, browser, pages):
    assert len(pages) > 10, f"only {len(pages)} pages built"
    failures = []
    for scheme in ("default", "slate"):  # the light and the dark palette
        context = browser.new_context()
        context.add_init_script(
            f"localStorage.setItem('/.__palette', JSON.stringify({{index: {0 if scheme == 'default' else 1}, "
            f"color: {{scheme: '{scheme}', primary: 'indigo', accent: 'deep-orange'}}}}))")
        page = context.new_page()
        foreign: list[str] = []
        page.on("request", lambda request: foreign.append(request.url)
                if urlparse(request.url).hostname not in ("127.0.0.1", None) and not request.url.startswith("data:")
                else None)
        for path in pages:
            response = page.goto(f"{server}/{path}", wait_until="networkidle")
            assert response and response.ok, f"/{path} answered {response and response.status}"
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
            results = AXE.run(page)
            if results.violations_count:
                failures.append(f"/{path} [{scheme}]\n{results.generate_report()}")
        assert not foreign, "requests to other hosts:\n" + "\n".join(sorted(set(foreign)))
        context.close()
    assert not failures, "\n".join(failures)[:20000]


def test_search_finds_a_module(server, browser):
    page = browser.new_page()
    page.goto(f"{server}/", wait_until="networkidle")
    # The search index loads in a web worker: wait until it is ready before typing.
    meta = page.locator(".md-search-result__meta")
    page.locator("input.md-search__input").click()
    page.wait_for_function("!document.querySelector('.md-search-result__meta').textContent.includes('Initializing')",
                           timeout=30000)
    page.locator("input.md-search__input").press_sequentially("Mechanical Turk", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    assert "matching" in meta.inner_text().lower()
    assert any("Mechanical Turk" in text for text in results.all_inner_texts())
    page.close()
