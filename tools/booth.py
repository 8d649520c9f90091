"""Write the labeling booth's batches: docs/booth/batches/<batch>.json (git-ignored).

    python tools/booth.py

Each batch is 20 shapes drawn by ``labelsim.datasets.shapes`` (PNG data URIs), the answers the
requester counts as right (``truth``), the labels of a simulated crowd (``labelsim.collect.
run_job`` with a mixed worker pool) and their majority (``labelsim.aggregate.majority_vote``),
the gold questions and the gold rule of ``run_job`` (a worker below ``gold_threshold`` on the
gold items is rejected and paid nothing), and the default price. The parameters come from the
labs' notebooks (``tools/lab_parameters.py``). The page (docs/booth/index.md, assets/booth.js)
only does arithmetic on the learner's own answers and timings.
"""

from __future__ import annotations

import base64
import io
import json
import pathlib
import sys

import numpy as np
import pandas as pd
from PIL import Image

import labelsim as ls

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from lab_parameters import parameters  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "booth" / "batches"
BATCH_SIZE = 20
CROWD_WORKERS = 10      # simulated workers who take the same batch
CROWD_REDUNDANCY = 5    # each shape is labelled by 5 of them
GOLD_FRACTION = 0.2     # 4 of the 20 shapes are gold questions
STRICT_GOLD_THRESHOLD = 0.8  # the rejecting requester: 4 of 5 gold answers must match its own


def png_data_uri(image: np.ndarray) -> str:
    """A 32 x 32 grayscale image as a PNG data URI (the page enlarges it without smoothing)."""
    buffer = io.BytesIO()
    Image.fromarray(image, mode="L").save(buffer, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def ledger_rows(ledger: ls.ledger.Ledger) -> list[dict]:
    """The crowd's ledger summary (labelsim's ``Ledger.summary``) as JSON rows."""
    table = ledger.summary().reset_index()
    return [{key: (value.item() if hasattr(value, "item") else value) for key, value in row.items()}
            for row in table.to_dict(orient="records")]


def batch(key: str, title: str, data: ls.datasets.Shapes, instructions: str, price: float,
          gold_threshold: float, enforced: bool, seed: int, gold_fraction: float = GOLD_FRACTION,
          **extra) -> dict:
    """One batch: the shapes, the requester's answers, the simulated crowd and the gold rule."""
    pool = ls.workers.WorkerPool.mixed(n_workers=CROWD_WORKERS, seed=seed)
    job = ls.collect.run_job(data, pool, redundancy=CROWD_REDUNDANCY, pay_per_label=price,
                             gold_fraction=gold_fraction, gold_threshold=gold_threshold, seed=seed)
    majority = ls.aggregate.majority_vote(job.annotations, seed=seed).labels
    labels = job.annotations.groupby("task")["label"].apply(list)
    return {
        "id": key,
        "title": title,
        "instructions": instructions,
        "classes": list(data.classes),
        "price": price,
        "items": [{"task": int(task), "image": png_data_uri(data.images[task]),
                   "gold": int(task) in job.gold} for task in data.items.index],
        "truth": data.truth.tolist(),
        "crowd": {"labels": [labels[task] for task in data.items.index],
                  "majority": [majority[task] for task in data.items.index],
                  "workers": CROWD_WORKERS, "redundancy": CROWD_REDUNDANCY,
                  "rejected": len(job.rejected), "ledger": ledger_rows(job.ledger)},
        "gold": {"tasks": list(job.gold), "threshold": gold_threshold, "enforced": enforced},
        **extra,
    }


def guideline_shapes(lab4: dict, n_rounded: int = 14) -> tuple[ls.datasets.Shapes, list[str]]:
    """Lab 4's shapes: ``n_rounded`` rounded ones spread over roundness, the rest clear, shuffled;
    ``truth`` follows lab 4's 'corners' guideline, not the generator. Also the generator's labels."""
    data = ls.datasets.shapes(n_items=lab4["N_ITEMS"], n_classes=3, ambiguity=lab4["AMBIGUITY"], seed=0)
    items = data.items
    rounded = items[items["kind"] == "rounded"].sort_values("roundness")
    picks = rounded.index[np.linspace(0, len(rounded) - 1, n_rounded).round().astype(int)].tolist()
    picks += items.index[items["kind"] == "none"][:BATCH_SIZE - n_rounded].tolist()
    order = np.random.default_rng(0).permutation(picks)
    chosen = items.loc[order].reset_index(drop=True).rename_axis("task")
    line = lab4["GUIDELINES"]["corners"]["round_threshold"]
    guideline = np.where(chosen["roundness"] > line, "circle", chosen["shape"])
    generator = chosen["true_label"].tolist()
    chosen = chosen.assign(true_label=guideline)
    return ls.datasets.Shapes(chosen, data.images[order], data.classes), generator


def batches() -> list[dict]:
    lab1, lab4, lab6 = (parameters(slug) for slug in ("01-the-microtask", "04-the-guideline", "06-the-wage"))
    price = lab1["REQUESTER_PRICE"]
    standard = ls.datasets.shapes(n_items=lab1["N_SHAPES"], n_classes=lab1["N_CLASSES"],
                                  ambiguity=lab1["AMBIGUITY"], seed=0)
    guided, generator = guideline_shapes(lab4)
    hard = ls.datasets.shapes(n_items=BATCH_SIZE, n_classes=3, ambiguity=0.6, seed=3)
    gold_rule = (f" Some shapes are gold questions whose answer the requester knows: if fewer than "
                 f"{STRICT_GOLD_THRESHOLD:.0%} of your gold answers match, all your work is rejected "
                 "and not paid.")
    return [
        batch("standard", "Lab 1's twenty shapes", standard, lab1["INSTRUCTIONS"], price,
              lab6["GOLD_THRESHOLD"], False, seed=1),
        batch("guideline", "Rounded shapes: the guideline decides", guided,
              lab4["GUIDELINES"]["corners"]["text"], price, lab6["GOLD_THRESHOLD"], False, seed=2,
              generator_labels=generator),
        batch("rejecting", "A requester who rejects", hard, lab1["INSTRUCTIONS"] + gold_rule, price,
              STRICT_GOLD_THRESHOLD, True, seed=3, gold_fraction=0.25),
    ]


def main() -> int:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for entry in batches():
        path = OUTPUT / f"{entry['id']}.json"
        path.write_text(json.dumps(entry, separators=(",", ":")))
        print(f"wrote {path.relative_to(ROOT)}: {len(entry['items'])} shapes, "
              f"gold {entry['gold']['tasks']}, crowd rejected {entry['crowd']['rejected']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
