"""Run every benchmark in this folder (bench_*.py) and print their tables: `make bench`."""

import pathlib
import runpy
import sys

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE))  # the benchmarks share timing.py
for script in sorted(HERE.glob("bench_*.py")):
    print(f"\n## {script.stem}\n", flush=True)
    runpy.run_path(str(script), run_name="__main__")
