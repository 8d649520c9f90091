"""Benchmark: labels per second of run_job, items per second of shapes(), import time.

Run: ``python benchmarks/bench_collect.py`` (or ``make bench``). Prints a Markdown table.
Numbers are the median of several runs on this machine; they are not a test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pandas as pd

import labelsim as ls
from timing import median_seconds




def labels_only(n_items: int, classes=("circle", "square", "triangle")):
    """A dataset without images: run_job needs only the truth and the classes."""
    truth = pd.Series(np.array(classes)[np.arange(n_items) % len(classes)],
                      index=pd.RangeIndex(n_items, name="task"))
    return SimpleNamespace(truth=truth, classes=classes)


def import_seconds(statement: str, repeats: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                  check=True).stdout) for _ in range(repeats)]
    return statistics.median(times)


def main() -> None:
    rows = []
    uniform = ls.workers.WorkerPool.uniform(n_workers=100, accuracy=0.7, seed=0)
    mixed = ls.workers.WorkerPool.mixed(n_workers=100, seed=0)
    for n_items in (10_000, ls.datasets.MAX_ITEMS):  # up to the documented ceiling
        data = labels_only(n_items)
        for name, pool in (("uniform", uniform), ("mixed", mixed)):
            seconds = median_seconds(lambda: ls.collect.run_job(data, pool, redundancy=5, seed=1))
            rows.append((f"run_job, {n_items:,} items x 5, {name} pool of 100",
                         f"{n_items * 5 / seconds:,.0f} labels/s", f"{seconds * 1000:,.0f} ms"))
    shapes = ls.datasets.shapes(n_items=10_000, n_classes=3, ambiguity=0.2, seed=0)
    seconds = median_seconds(lambda: ls.collect.run_job(shapes, mixed, redundancy=5, seed=1))
    rows.append(("run_job, shapes(10,000) x 5 (sloppiness + fatigue on)",
                 f"{50_000 / seconds:,.0f} labels/s", f"{seconds * 1000:,.0f} ms"))
    for n_items in (1_000, 10_000):
        seconds = median_seconds(lambda: ls.datasets.shapes(n_items=n_items, n_classes=6, seed=0), 3)
        rows.append((f"shapes(), {n_items:,} items, 6 classes",
                     f"{n_items / seconds:,.0f} items/s", f"{seconds * 1000:,.0f} ms"))
    seconds = median_seconds(lambda: ls.datasets.scenes(n_items=200, seed=0), 3)
    rows.append(("scenes(), 200 scenes", f"{200 / seconds:,.0f} scenes/s", f"{seconds * 1000:,.0f} ms"))
    for statement in ("import labelsim", "import labelsim.collect"):
        seconds = import_seconds(statement)
        rows.append((f"`{statement}` (fresh interpreter)", "", f"{seconds * 1000:,.0f} ms"))
    print("| benchmark | throughput | median time |")
    print("|---|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
