"""Parameter checks shared by every module: each error names the parameter and what was expected.

Ceilings (documented limits, checked before any work so that an absurd size fails at once):
``MAX_ITEMS`` items in a dataset, ``MAX_CLASSES`` classes, ``MAX_WORKERS`` workers or people, ``MAX_ITERATIONS``
iterations of an iterative method, ``MAX_PAY`` currency units per unit of work and
``MAX_SECONDS`` seconds per unit of work.

Duplicates: a worker answers a task at most once. Annotations with a repeated (task, worker)
pair, or comparisons with a repeated (worker, pair of items), are refused with a ValueError
that names the first repeat; keep one answer per pair first, e.g.
``annotations.drop_duplicates(["task", "worker"], keep="last")``.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np
import pandas as pd

ANNOTATION_COLUMNS = ("task", "worker", "label")
COMPARISON_COLUMNS = ("worker", "left", "right", "label")
MAX_ITEMS = 100_000
MAX_CLASSES = 1000
MAX_WORKERS = 100_000
MAX_ITERATIONS = 100_000
MAX_PAY = 1e6
MAX_SECONDS = 1e6


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
    """Return ``value`` as a finite float in ``[low, high]`` (``(low, high]`` if ``low_open``).

    Infinity and NaN are always refused, whatever ``high``.
    """
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__} {value!r}")
    value = float(value)
    too_low = value <= low if low_open else value < low
    if not math.isfinite(value) or too_low or value > high:
        left = "(" if low_open else "["
        right = ")" if math.isinf(high) else "]"
        raise ValueError(f"{name} must be in {left}{low:g}, {high:g}{right} (a finite number), "
                         f"got {value}")
    return value


def check_probability(name: str, value) -> float:
    """Return ``value`` as a float in [0, 1], or raise naming ``name``."""
    return check_real(name, value, 0.0, 1.0)


def check_pay(name: str, value) -> float:
    """Pay per unit of work: currency units in [0, MAX_PAY]."""
    return check_real(name, value, 0.0, MAX_PAY)


def check_seconds(name: str, value, low_open: bool = False) -> float:
    """Seconds per unit of work, in [0, MAX_SECONDS] (``(0, MAX_SECONDS]`` if ``low_open``)."""
    return check_real(name, value, 0.0, MAX_SECONDS, low_open=low_open)


def check_choice(name: str, value, allowed: tuple) -> str:
    """``value`` if it is one of ``allowed`` (compared as strings), or raise naming ``name``."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")
    return value


def check_text(name: str, value) -> str:
    """A non-empty string (a title, an alt text, a column name), or raise naming ``name``."""
    if not isinstance(value, str) or not value.strip():
        raise (TypeError if not isinstance(value, str) else ValueError)(
            f"{name} must be a non-empty string, got {type(value).__name__} {value!r:.60}")
    return value


def check_seed(name: str, value) -> int:
    """A seed is a non-negative integer: same seed, same numbers."""
    return check_int(name, value, low=0)


def rng(seed) -> np.random.Generator:
    """The one way labelsim turns a seed into a random generator."""
    return np.random.default_rng(check_seed("seed", seed))


def _check_frame(name: str, frame, needed: tuple[str, ...]) -> pd.DataFrame:
    """A non-empty DataFrame with the ``needed`` columns, none of them with a missing value."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{name} must be a pandas DataFrame with columns {', '.join(needed)}; "
                        f"got {type(frame).__name__}")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} is missing column(s) {missing}; expected at least {list(needed)}")
    if frame.empty:
        raise ValueError(f"{name} is empty: expected at least one row ({', '.join(needed)})")
    for column in needed:
        if frame[column].isna().any():
            n = int(frame[column].isna().sum())
            raise ValueError(f"{name} has {n} missing value(s) in column {column!r}")
    return frame


def _reject_duplicates(name: str, keys: pd.DataFrame, what: str) -> None:
    """The one duplicates rule (see the module docstring): a repeated key row is an error."""
    repeated = keys.duplicated()
    if repeated.any():
        first = keys[repeated].iloc[0].to_dict()
        raise ValueError(
            f"{name} has {int(repeated.sum())} repeated {what} row(s), e.g. {first}: a worker "
            f"answers each at most once; keep one answer each first, e.g. "
            f"{name}.drop_duplicates({list(keys.columns)}, keep='last')")


def check_annotations(annotations, extra: tuple[str, ...] = (),
                      name: str = "annotations") -> pd.DataFrame:
    """Check a Crowd-Kit style frame (``task``, ``worker``, ``label`` + ``extra``) and return it.

    Refuses repeated (task, worker) rows: see the module docstring.
    """
    frame = _check_frame(name, annotations, ANNOTATION_COLUMNS + tuple(extra))
    _reject_duplicates(name, frame[["task", "worker"]], "(task, worker)")
    return frame


def check_comparisons(comparisons, name: str = "comparisons") -> pd.DataFrame:
    """Check a Crowd-Kit pairwise frame (``worker``, ``left``, ``right``, ``label``).

    ``label`` must be ``left`` or ``right`` of its row, the two items must differ, and a
    worker compares a pair at most once, in either order (see the module docstring).
    """
    frame = _check_frame(name, comparisons, COMPARISON_COLUMNS)
    left, right, label = (frame[c].to_numpy() for c in ("left", "right", "label"))
    if (left == right).any():
        row = int(np.flatnonzero(left == right)[0])
        raise ValueError(f"{name} compares an item with itself in row {row} (left = right = "
                         f"{left[row]!r}): left and right must differ")
    neither = (label != left) & (label != right)
    if neither.any():
        row = int(np.flatnonzero(neither)[0])
        raise ValueError(f"{name} column 'label' must be the row's left or right item; row {row} "
                         f"has label {label[row]!r} for left {left[row]!r}, right {right[row]!r}")
    items = pd.Index(np.concatenate([left, right]))
    if pd.api.types.infer_dtype(items).startswith("mixed"):
        raise ValueError(f"{name} columns 'left' and 'right' mix values of different types; "
                         f"use one type of item id")
    codes = pd.factorize(items)[0].reshape(2, -1)
    pairs = pd.DataFrame({"worker": frame["worker"].to_numpy(), "first": codes.min(axis=0),
                          "second": codes.max(axis=0)})
    repeated = pairs.duplicated()
    if repeated.any():
        row = int(np.flatnonzero(repeated)[0])
        raise ValueError(
            f"{name} has {int(repeated.sum())} repeated (worker, pair) row(s), e.g. worker "
            f"{frame['worker'].iloc[row]!r} on {left[row]!r} and {right[row]!r}: a worker "
            f"compares each pair at most once; keep one comparison per worker and pair first")
    return frame
