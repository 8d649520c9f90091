"""The course pages follow the kit's conventions (tools/validate_content.py)."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import validate_content  # noqa: E402


def test_course_pages_follow_the_conventions():
    problems = validate_content.problems_in()
    assert not problems, "\n".join(problems)


def test_every_module_is_there():
    modules = sorted(p.name for p in (ROOT / "docs" / "modules").iterdir() if (p / "index.md").exists())
    assert modules == ["00-behind-the-api", "01-mechanical-turk", "02-facebook-m", "03-toloka",
                       "04-clickworker", "05-surveillance-supply-chains", "06-what-can-be-done",
                       "07-behind-the-chatbot"]
    for module in modules:
        assert (ROOT / "docs" / "modules" / module / "readings.md").exists()
        assert (ROOT / "exercises" / f"{module}.md").exists(), f"no worksheet for {module}"


def test_validator_catches_a_quote_without_citation_and_skipped_heading():
    page = ["# Title", "", "> a quotation", "", "Our own words.", "", "### Too deep", "![](x.png)"]
    problems = validate_content.check_page(page)
    assert any("citation" in p for p in problems)
    assert any("h1 to h3" in p for p in problems)
    assert any("alt text" in p for p in problems)
    assert validate_content.check_page(["# T", "", "> a quotation", "", "— Someone (2020)."]) == []


def test_validator_ignores_code_blocks():
    assert validate_content.check_page(["# T", "```python", "### not a heading", "> not a quote", "```"]) == []


def test_validator_checks_the_session_plan(tmp_path):
    meta = {"title": "x", "questions": ["q?"], "objectives": ["o"], "keypoints": ["k"],
            "blocks": [{"id": "a", "kind": "reading", "minutes": [10, 20]}],
            "labs": ["99-missing"], "readings": ["nope"], "content_notes": [], "last_verified": "soon"}
    problems = validate_content.check_module(tmp_path / "index.md", meta, ["# x"])
    text = "\n".join(problems)
    assert "fit 90 minutes" in text and "99-missing" in text and "{#nope}" in text
    assert "last_verified" in text and "objectives callout" in text
