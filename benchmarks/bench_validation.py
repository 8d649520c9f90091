"""Benchmark: how fast absurd sizes are refused, and the preference job with Bradley-Terry.

Run: ``python benchmarks/bench_validation.py`` (or ``make bench``). Prints Markdown tables.
An absurd size must be refused before any work, in well under a second (each call below
would otherwise allocate until memory runs out). Bradley-Terry is timed against Crowd-Kit's
(same iterations: ``tol=0``) when Crowd-Kit is installed. Numbers are the median of several
runs on this machine; they are not a test.
"""

from __future__ import annotations


import labelsim as ls
from timing import median_seconds




def refused(call):
    """A call that must raise ValueError at once."""
    def run():
        try:
            call()
        except ValueError:
            return
        raise AssertionError("accepted an absurd size")
    return run


def main() -> None:
    data = ls.datasets.shapes(n_items=200, seed=0)
    model = ls.automation.train_on_crowd_labels(data, data.truth, seed=1)
    calls = {
        "datasets.shapes(n_items=10**9)": lambda: ls.datasets.shapes(n_items=10**9),
        "datasets.scenes(n_items=10**9)": lambda: ls.datasets.scenes(n_items=10**9),
        "WorkerPool.uniform(n_workers=10**9)": lambda: ls.workers.WorkerPool.uniform(n_workers=10**9),
        "automation.route(n_people=10**9)": lambda: ls.automation.route(
            model, data, threshold=0.9, n_people=10**9),
    }
    print("| absurd size | refused in |\n|---|---:|")
    for name, call in calls.items():
        print(f"| `{name}` | {median_seconds(refused(call)) * 1e6:,.0f} µs |")

    answers = ls.datasets.answers(n_items=100, seed=0)
    pool = ls.workers.WorkerPool.uniform(n_workers=50, seed=1)
    job_seconds = median_seconds(lambda: ls.collect.run_pairwise_job(answers, pool, redundancy=3,
                                                                     seed=2))
    comparisons = ls.collect.run_pairwise_job(answers, pool, redundancy=3, seed=2).annotations
    print(f"\n| preference job, 100 answers (every pair x 3 = {len(comparisons):,} comparisons) "
          f"| time |\n|---|---:|")
    print(f"| `collect.run_pairwise_job` | {job_seconds * 1000:,.0f} ms |")
    ours = median_seconds(lambda: ls.aggregate.bradley_terry(comparisons, n_iter=200, tol=0))
    print(f"| labelsim `bradley_terry(n_iter=200, tol=0)` | {ours * 1000:,.0f} ms |")
    try:
        from crowdkit.aggregation import BradleyTerry
    except ImportError:
        print("| Crowd-Kit `BradleyTerry` | not installed |")
        return
    theirs = median_seconds(lambda: BradleyTerry(n_iter=200, tol=0).fit(comparisons))
    print(f"| Crowd-Kit `BradleyTerry(n_iter=200, tol=0)` | {theirs * 1000:,.0f} ms |")


if __name__ == "__main__":
    main()
