"""Benchmark: labelsim's Dawid-Skene against Crowd-Kit's, on the same simulated jobs.

Run: ``python benchmarks/bench_aggregate.py`` (or ``make bench``). Prints Markdown tables.
Crowd-Kit runs with its DEFAULT parameters (``DawidSkene()``: at most 100 iterations, stop
when the evidence lower bound per label improves by less than 1e-5); labelsim with its own
defaults. Every time is the median of a few runs on this machine; they are not a test.
"""

from __future__ import annotations

import statistics
import time
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd

import labelsim as ls

CLASSES = ("circle", "square", "triangle", "star")
REDUNDANCY = 5
REPEATS = 3


def simulated_job(n_labels: int, seed: int = 0):
    """``n_labels`` labels (5 per item) from a mixed pool (10% spammers) of 1 worker per
    ~500 labels, and the truth."""
    n_items = n_labels // REDUNDANCY
    truth = pd.Series(np.array(CLASSES)[np.arange(n_items) % len(CLASSES)],
                      index=pd.RangeIndex(n_items, name="task"))
    pool = ls.workers.WorkerPool.mixed(n_workers=max(20, n_labels // 500), seed=seed)
    job = ls.collect.run_job(SimpleNamespace(truth=truth, classes=CLASSES), pool,
                             redundancy=REDUNDANCY, seed=seed + 1)
    return job.annotations[["task", "worker", "label"]], truth


def timed(run):
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def median_timed(run, repeats: int = REPEATS):
    runs = [timed(run) for _ in range(repeats)]
    return runs[-1][0], statistics.median(seconds for _, seconds in runs)


def crowdkit_default(annotations):
    from crowdkit.aggregation import DawidSkene

    model = DawidSkene()
    with warnings.catch_warnings():  # Crowd-Kit 1.4.2 uses keywords pandas 3 deprecates
        warnings.simplefilter("ignore")
        model.fit(annotations)
    return model


def main() -> None:
    from crowdkit.aggregation import DawidSkene

    defaults = DawidSkene()
    print(f"Crowd-Kit `DawidSkene()` defaults: n_iter={defaults.n_iter}, tol={defaults.tol} "
          f"(on its evidence lower bound per label). labelsim `dawid_skene()` defaults: "
          f"max_iter=100, tol=1e-5 (on the log-likelihood per label), smoothing=0.01.\n")
    print("| labels (tasks, workers) | method | time | iterations | speed-up vs Crowd-Kit "
          "| same label as Crowd-Kit | accuracy |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for n_labels in (250_000, 1_000_000):
        annotations, truth = simulated_job(n_labels)
        size = f"{n_labels:,} ({len(truth):,}, {annotations['worker'].nunique():,})"
        theirs, their_seconds = median_timed(lambda: crowdkit_default(annotations))
        runs = [("Crowd-Kit `DawidSkene()`", theirs.labels_, their_seconds, len(theirs.loss_history_))]
        for name, run in (
                ("labelsim `dawid_skene()`", lambda: ls.aggregate.dawid_skene(annotations)),
                ("labelsim `dawid_skene(tol=1e-7)`",
                 lambda: ls.aggregate.dawid_skene(annotations, tol=1e-7)),
                ("labelsim `majority_vote()`", lambda: ls.aggregate.majority_vote(annotations))):
            result, seconds = median_timed(run)
            runs.append((name, result.labels, seconds, result.n_iter or ""))
        for name, labels, seconds, n_iter in runs:
            same = (labels.reindex(theirs.labels_.index) == theirs.labels_).mean()
            print(f"| {size} | {name} | {seconds:.2f} s | {n_iter} | {their_seconds / seconds:.1f}x "
                  f"| {same:.2%} | {ls.quality.accuracy(labels, truth):.4f} |", flush=True)

    data = ls.datasets.shapes(n_items=1000, n_classes=3, ambiguity=0.2, seed=0)
    job = ls.collect.run_job(data, ls.workers.WorkerPool.mixed(n_workers=30, seed=1),
                             redundancy=3, seed=2)
    crowd = ls.aggregate.dawid_skene(job.annotations).labels
    ls.automation.automation_curve(data, crowd, seed=3)  # warm up: imports scikit-learn
    _, seconds = median_timed(lambda: ls.automation.automation_curve(data, crowd, seed=3))
    print("\n| what a lab runs live | median time |")
    print("|---|---:|")
    print(f"| automation_curve, shapes(1,000), 9 thresholds | {seconds * 1000:,.0f} ms |")


if __name__ == "__main__":
    main()
