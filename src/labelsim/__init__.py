"""labelsim: simulate labeling pipelines and see where human judgment (and labor) enters.

>>> import labelsim as ls
>>> data = ls.datasets.shapes(n_items=100, seed=0)

Submodules are imported on first use, so ``import labelsim`` stays fast.
"""

import importlib

__version__ = "0.1.0"
__all__ = ["datasets", "workers", "collect", "aggregate", "quality", "automation", "ledger",
           "wages", "plots"]


def __getattr__(name):
    if name in __all__:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + __all__)
