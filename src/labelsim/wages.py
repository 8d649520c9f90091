"""Effective hourly wages: what a worker earns per hour once unpaid time is counted.

A platform's advertised rate divides pay by the time of paid tasks; the worker's own clock
also runs while searching for tasks, reading instructions, taking qualification tests and
doing work that is then rejected. Reference wages are numbers the user supplies (with their
source); labelsim has no built-in table of country wages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import MAX_PAY, check_real
from .ledger import Ledger

WAGE_COLUMNS = ("hourly_wage_paid_time", "effective_hourly_wage")


def effective_wages(ledger: Ledger) -> pd.DataFrame:
    """Per worker: paid_seconds, unpaid_seconds, earnings, hourly_wage_paid_time (earnings per
    paid hour) and effective_hourly_wage (earnings per hour of all time; NaN with no time).

    >>> from labelsim.ledger import Ledger
    >>> led = Ledger.from_records("w000", "trainer", ["label", "search"], [1800.0, 1800.0],
    ...                           [3.0, 0.0], [True, False])
    >>> effective_wages(led).loc["w000", list(WAGE_COLUMNS)].tolist()
    [6.0, 3.0]
    """
    if not isinstance(ledger, Ledger):
        raise TypeError(f"ledger must be a labelsim Ledger, got {type(ledger).__name__}")
    if len(ledger) == 0:
        raise ValueError("ledger is empty: no work to compute wages from")
    totals = ledger.by_worker()
    wages = pd.DataFrame({"paid_seconds": totals["paid_hours"] * 3600.0,
                          "unpaid_seconds": totals["unpaid_hours"] * 3600.0,
                          "earnings": totals["pay"]})
    wages["hourly_wage_paid_time"] = totals["pay"] / totals["paid_hours"].where(totals["paid_hours"] > 0)
    wages["effective_hourly_wage"] = totals["pay"] / totals["hours"].where(totals["hours"] > 0)
    return wages


def compare_to_reference(wages: pd.DataFrame, *, reference_hourly: float) -> pd.DataFrame:
    """Compare both wage columns of :func:`effective_wages` with a reference hourly wage
    (e.g. 7.25 for the US federal minimum wage, in the same currency as pay; finite, > 0 and
    at most ``MAX_PAY``).

    Returns one row per wage measure: reference_hourly, workers (with a defined wage),
    share_below_reference, mean, p10, p25, median, p75, p90.

    >>> from labelsim.ledger import Ledger
    >>> led = Ledger.from_records(["a", "b"], "trainer", "label", 3600.0, [5.0, 10.0], True)
    >>> compare_to_reference(effective_wages(led), reference_hourly=7.25).loc["effective_hourly_wage", "share_below_reference"]
    np.float64(0.5)
    """
    wages = _check_wages(wages)
    reference_hourly = check_real("reference_hourly", reference_hourly, 0.0, MAX_PAY, low_open=True)
    rows = {}
    for column in WAGE_COLUMNS:
        values = wages[column].dropna().to_numpy(dtype=float)
        p10, p25, median, p75, p90 = np.quantile(values, [0.1, 0.25, 0.5, 0.75, 0.9])
        rows[column] = {"reference_hourly": reference_hourly, "workers": values.size,
                        "share_below_reference": float(np.mean(values < reference_hourly)),
                        "mean": values.mean(), "p10": p10, "p25": p25, "median": median,
                        "p75": p75, "p90": p90}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("measure")


def _check_wages(wages) -> pd.DataFrame:
    """A frame from :func:`effective_wages`: both wage columns floats, finite and >= 0 (or NaN),
    each with at least one defined value."""
    if not isinstance(wages, pd.DataFrame):
        raise TypeError(f"wages must be the DataFrame from effective_wages, got {type(wages).__name__}")
    missing = [c for c in WAGE_COLUMNS if c not in wages.columns]
    if missing:
        raise ValueError(f"wages is missing column(s) {missing}; pass the result of effective_wages")
    for column in WAGE_COLUMNS:
        if not pd.api.types.is_float_dtype(wages[column]):
            raise TypeError(f"wages column {column!r} must hold floats, got {wages[column].dtype}")
        values = wages[column].dropna().to_numpy(dtype=float)
        if not np.isfinite(values).all() or (values < 0).any():
            raise ValueError(f"wages column {column!r} must hold finite wages >= 0 (or NaN)")
        if values.size == 0:
            raise ValueError(f"wages has no defined values in column {column!r}")
    return wages
