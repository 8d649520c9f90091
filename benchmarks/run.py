"""Run every benchmark in this folder (bench_*.py) and print their tables: `make bench`."""

import pathlib
import runpy

for script in sorted(pathlib.Path(__file__).parent.glob("bench_*.py")):
    print(f"\n## {script.stem}\n", flush=True)
    runpy.run_path(str(script), run_name="__main__")
