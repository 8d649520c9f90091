"""Parameter checks shared by every module: each error names the parameter and what was expected."""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np
import pandas as pd

ANNOTATION_COLUMNS = ("task", "worker", "label")


def check_int(name: str, value, low: int = 1, high: int | None = None) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    value = int(value)
    if value < low or (high is not None and value > high):
        allowed = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ValueError(f"{name} must be {allowed}, got {value}")
    return value


def check_real(name: str, value, low: float = 0.0, high: float = math.inf,
               low_open: bool = False) -> float:
    """Return ``value`` as a finite float in ``[low, high]`` (``(low, high]`` if ``low_open``)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    value = float(value)
    too_low = value <= low if low_open else value < low
    if math.isnan(value) or too_low or value > high:
        left = "(" if low_open else "["
        raise ValueError(f"{name} must be in {left}{low}, {high}], got {value}")
    return value


def check_probability(name: str, value) -> float:
    """Return ``value`` as a float in [0, 1], or raise naming ``name``."""
    return check_real(name, value, 0.0, 1.0)


def check_seed(name: str, value) -> int:
    """A seed is a non-negative integer: same seed, same numbers."""
    return check_int(name, value, low=0)


def rng(seed) -> np.random.Generator:
    """The one way labelsim turns a seed into a random generator."""
    return np.random.default_rng(check_seed("seed", seed))


def check_annotations(annotations, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """Check a Crowd-Kit style frame (``task``, ``worker``, ``label`` + ``extra``) and return it."""
    if not isinstance(annotations, pd.DataFrame):
        raise TypeError(
            f"annotations must be a pandas DataFrame with columns task, worker, label; "
            f"got {type(annotations).__name__}")
    needed = ANNOTATION_COLUMNS + tuple(extra)
    missing = [c for c in needed if c not in annotations.columns]
    if missing:
        raise ValueError(f"annotations is missing column(s) {missing}; expected at least {list(needed)}")
    if annotations.empty:
        raise ValueError("annotations is empty: expected at least one row (task, worker, label)")
    for column in needed:
        if annotations[column].isna().any():
            n = int(annotations[column].isna().sum())
            raise ValueError(f"annotations has {n} missing value(s) in column {column!r}")
    return annotations
