"""Turn each module's self-check (docs/modules/NN-slug/self-check.yml) into the HTML block its
page includes with ``--8<-- "self-check/NN-slug.md"`` (written to build/self-check/).

    python tools/self_check.py

The YAML is a list of 4 to 6 questions: ``question``, and ``choices``, each ``{text, correct,
feedback}`` with exactly one correct choice and feedback that links to the passage. A question
of the "finding, company statement or unverified?" sort has exactly the choices in ``SORT``.
Each question becomes a form: a fieldset of radio inputs with a legend, a check button and an
aria-live feedback region; docs/assets/selfcheck.js does the rest.
"""

from __future__ import annotations

import html
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
MODULES = ROOT / "docs" / "modules"
OUTPUT = ROOT / "build" / "self-check"
SORT = ("A finding of an investigation", "A company's statement", "Not verified")
LINK = re.compile(r"\[[^\]]+\]\([^)\s]+\)")


class SelfCheckError(ValueError):
    """A self-check that breaks the format: the message names the file and the question."""


def load(path: pathlib.Path) -> list[dict]:
    """The questions of one self-check file, checked against the format."""
    where = path.relative_to(ROOT)
    questions = yaml.safe_load(path.read_text())
    if not isinstance(questions, list) or not 4 <= len(questions) <= 6:
        raise SelfCheckError(f"{where}: must be a list of 4 to 6 questions")
    for number, question in enumerate(questions, 1):
        at = f"{where}: question {number}"
        if not isinstance(question, dict) or not str(question.get("question", "")).strip():
            raise SelfCheckError(f"{at}: needs a non-empty 'question'")
        choices = question.get("choices")
        if not isinstance(choices, list) or len(choices) < 2:
            raise SelfCheckError(f"{at}: needs 'choices', a list of at least 2")
        for choice in choices:
            if not isinstance(choice, dict) or set(choice) != {"text", "correct", "feedback"}:
                raise SelfCheckError(f"{at}: each choice has exactly text, correct and feedback")
            if not isinstance(choice["correct"], bool):
                raise SelfCheckError(f"{at}: 'correct' must be true or false, got {choice['correct']!r}")
            if not LINK.search(str(choice["feedback"])):
                raise SelfCheckError(f"{at}: the feedback on {choice['text']!r} must link to the passage")
        if sum(choice["correct"] for choice in choices) != 1:
            raise SelfCheckError(f"{at}: exactly one choice must be correct")
        texts = [choice["text"] for choice in choices]
        if set(texts) & set(SORT) and tuple(texts) != SORT:
            raise SelfCheckError(f"{at}: a sort question has exactly the choices {list(SORT)}")
    if not any(tuple(c["text"] for c in q["choices"]) == SORT for q in questions):
        raise SelfCheckError(f"{where}: needs at least one 'finding, company statement or unverified?' "
                             f"question (choices exactly {list(SORT)})")
    return questions


def render(slug: str, questions: list[dict]) -> str:
    """The self-check block, raw HTML whose feedback is Markdown (md_in_html)."""
    number = slug.split("-", 1)[0]
    out = ['<div class="self-check" data-self-check markdown>', "",
           "## Self-check {#self-check}", "",
           "Answer each question and check it: the feedback says why, with a link to the passage.", ""]
    for q, question in enumerate(questions, 1):
        name = f"sc-{number}-{q}"
        out.append(f'<form class="self-check__question" markdown>')
        out.append("<fieldset>")
        out.append(f"<legend>{q}. {html.escape(question['question'])}</legend>")
        for c, choice in enumerate(question["choices"]):
            out.append(f'<div><input type="radio" name="{name}" id="{name}-{c}" value="{c}"> '
                       f'<label for="{name}-{c}">{html.escape(choice["text"])}</label></div>')
        out.append("</fieldset>")
        for c, choice in enumerate(question["choices"]):
            correct = "true" if choice["correct"] else "false"
            out.append(f'<div class="self-check__why" data-choice="{c}" data-correct="{correct}" hidden markdown>'
                       f'{choice["feedback"].strip()}</div>')
        out.append('<button type="submit" class="md-button">Check</button>')
        out.append('<div class="self-check__feedback" aria-live="polite"></div>')
        out.append("</form>")
        out.append("")
    out += ['<button type="button" class="md-button" data-self-check-show aria-pressed="false" hidden>'
            "Show answers</button>", "", "</div>", ""]
    return "\n".join(out)


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    try:
        for path in sorted(MODULES.glob("*/self-check.yml")):
            slug = path.parent.name
            (OUTPUT / f"{slug}.md").write_text(render(slug, load(path)))
            print(f"wrote build/self-check/{slug}.md")
    except (SelfCheckError, yaml.YAMLError) as error:
        print(f"self_check: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
