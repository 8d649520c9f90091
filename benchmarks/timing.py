"""The benchmarks' one timer: the median of several runs after a warm-up."""

from __future__ import annotations

import statistics
import time

REPEATS = 5


def median_seconds(run, repeats: int = REPEATS) -> float:
    run()  # warm up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
