"""Benchmark: each lab run top to bottom from a fresh kernel, as a workshop laptop would.

Run: ``python benchmarks/bench_labs.py [NN ...]`` (or ``make bench``). Prints a Markdown table:
for the median of several runs, the wall time (kernel start included), the CPU time the kernel
used (steadier than wall time on a shared machine) and the slowest cell. The goal is at most
10 s of wall time per lab on this machine; this is a measurement, not a test.
"""

from __future__ import annotations

import os
import pathlib
import sys
import time
from datetime import datetime

import nbformat
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
REPEATS = 3
GOAL_SECONDS = 10.0
CPU_PROBE = "import os as _os\n_t = _os.times()\nprint(_t.user + _t.system)"


def cell_seconds(cell) -> float:
    timing = cell.get("metadata", {}).get("execution", {})
    if "shell.execute_reply" not in timing or "iopub.execute_input" not in timing:
        return 0.0
    end, start = (datetime.fromisoformat(timing[key].rstrip("Z"))
                  for key in ("shell.execute_reply", "iopub.execute_input"))
    return (end - start).total_seconds()


def run_once(path: pathlib.Path) -> tuple[float, float, float, int]:
    """(wall seconds, kernel CPU seconds, slowest cell's seconds, its index) for one run."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(CPU_PROBE))
    client = NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=True,
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    start = time.perf_counter()
    client.execute()
    wall = time.perf_counter() - start
    cpu = float(nb.cells.pop()["outputs"][0]["text"])
    seconds = [cell_seconds(cell) for cell in nb.cells]
    slowest = max(range(len(seconds)), key=seconds.__getitem__)
    return wall, cpu, seconds[slowest], slowest


def main(names: list[str]) -> None:
    labs = sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))
    if names:
        labs = [p for p in labs if p.stem in names or p.stem[:2] in names]
    print(f"Load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs\n")
    print(f"| lab (fresh kernel, median of {REPEATS}) | wall time | kernel CPU | slowest cell "
          f"| wall within {GOAL_SECONDS:.0f} s |")
    print("|---|---:|---:|---:|:---:|")
    for path in labs:
        runs = sorted(run_once(path) for _ in range(REPEATS))
        wall, cpu, slowest, index = runs[len(runs) // 2]  # the median run by wall time
        print(f"| {path.stem} | {wall:.1f} s | {cpu:.1f} s | cell {index}: {slowest:.1f} s | "
              f"{'yes' if wall <= GOAL_SECONDS else 'NO'} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
