"""The labor ledger: every human contribution, its role, time and pay.

Roles follow Tubaro, Casilli & Coville (2020): people *train* a model (labels), *verify* it
(gold answers, checks, review) and *imitate* it (do the task in its place).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._validate import MAX_PAY, MAX_SECONDS

ROLES = ("trainer", "verifier", "imitator")
COLUMNS = ("worker", "role", "activity", "task", "seconds", "pay", "paid")


@dataclass(frozen=True)
class Ledger:
    """One row per human contribution: worker, role, activity, task (-1 if none), seconds,
    pay (currency units) and paid (bool). Build it with :meth:`from_records`; a ledger made
    from an ``entries`` frame is checked the same way (strings for worker, role and activity,
    a role from ``ROLES``, integer tasks >= -1, finite seconds and pay >= 0, boolean paid).

    >>> led = Ledger.from_records(["w000", "w001"], "trainer", "label", [30.0, 60.0], 0.05, True)
    >>> led.by_role().loc["trainer", ["contributions", "people", "pay"]].tolist()
    [2.0, 2.0, 0.1]
    """

    entries: pd.DataFrame

    def __post_init__(self):
        if not isinstance(self.entries, pd.DataFrame):
            raise TypeError(f"entries must be a pandas DataFrame, got {type(self.entries).__name__}")
        missing = [c for c in COLUMNS if c not in self.entries.columns]
        if missing:
            raise ValueError(f"entries is missing column(s) {missing}; expected {list(COLUMNS)}")
        entries = self.entries
        for name in ("worker", "role", "activity"):
            _check_text(f"entries[{name!r}]", entries[name])
        bad = sorted(set(entries["role"]) - set(ROLES))
        if bad:
            raise ValueError(f"entries['role'] (the role) must be one of {ROLES}, got {bad}")
        _check_task("entries['task']", entries["task"].to_numpy())
        for name, high in (("seconds", MAX_SECONDS), ("pay", MAX_PAY)):
            _check_amounts(f"entries[{name!r}]", entries[name].to_numpy(), high)
        if entries["paid"].dtype != bool:
            raise TypeError(f"entries['paid'] must be boolean, got dtype {entries['paid'].dtype}")

    @classmethod
    def from_records(cls, worker: str | Sequence[str], role: str | Sequence[str],
                     activity: str | Sequence[str], seconds: float | Sequence[float],
                     pay: float | Sequence[float], paid: bool | Sequence[bool], *,
                     task: int | Sequence[int] = -1) -> "Ledger":
        """Vectorised constructor: array-likes of one length, or scalars (broadcast).

        worker, role and activity are strings; seconds (at most ``MAX_SECONDS`` per entry) and
        pay (at most ``MAX_PAY``) numbers >= 0; paid booleans; task integers >= -1.
        """
        values = {"worker": worker, "role": role, "activity": activity, "task": task,
                  "seconds": seconds, "pay": pay, "paid": paid}
        lengths = {len(v) for v in values.values() if np.ndim(v) > 0}
        if len(lengths) > 1:
            raise ValueError("worker, role, activity, task, seconds, pay and paid must have one "
                             f"length (or be scalars), got lengths {sorted(lengths)}")
        n = lengths.pop() if lengths else 1
        paid = np.broadcast_to(np.asarray(paid), n)
        if paid.dtype != bool:
            raise TypeError(f"paid must be boolean, got dtype {paid.dtype}")
        entries = pd.DataFrame({
            **{name: _text(name, values[name], n) for name in ("worker", "role", "activity")},
            "task": _check_task("task", np.broadcast_to(_array("task", task), n)),
            "seconds": np.broadcast_to(_array("seconds", seconds), n).astype(float),
            "pay": np.broadcast_to(_array("pay", pay), n).astype(float),
            "paid": paid,
        })
        return cls(entries)

    @classmethod
    def empty(cls) -> "Ledger":
        """A ledger with no entries (the start of a sum)."""
        return cls.from_records([], "trainer", "", 0.0, 0.0, np.array([], dtype=bool))

    def __add__(self, other: "Ledger") -> "Ledger":
        if not isinstance(other, Ledger):
            return NotImplemented
        return Ledger(pd.concat([self.entries, other.entries], ignore_index=True))

    def __len__(self) -> int:
        return len(self.entries)

    def by_role(self) -> pd.DataFrame:
        """Per role (all of ``ROLES``, in order): contributions, people, hours, paid_hours,
        unpaid_hours, pay."""
        return _totals(self.entries, "role").reindex(pd.Index(ROLES, name="role"), fill_value=0)

    def by_worker(self) -> pd.DataFrame:
        """Per worker: contributions, hours, paid_hours, unpaid_hours, pay and roles
        (comma-separated, in ``ROLES`` order)."""
        totals = _totals(self.entries, "worker").drop(columns="people")
        roles = self.entries.groupby("worker")["role"].agg(
            lambda r: ", ".join(x for x in ROLES if x in set(r)))
        return totals.assign(roles=roles)

    def summary(self) -> pd.DataFrame:
        """The table a lab shows last: per role and in total, with hours rounded to 0.1 and pay
        to cents."""
        table = self.by_role()
        everyone = _totals(self.entries.assign(all="total"), "all").reindex(["total"], fill_value=0)
        table = pd.concat([table, everyone])
        hours = table["hours"].to_numpy(dtype=float)
        share = np.divide(table["unpaid_hours"].to_numpy(dtype=float), hours,
                          out=np.zeros_like(hours), where=hours > 0)
        return pd.DataFrame({
            "people": table["people"].astype(int),
            "contributions": table["contributions"].astype(int),
            "hours": table["hours"].round(1),
            "paid hours": table["paid_hours"].round(1),
            "unpaid hours": table["unpaid_hours"].round(1),
            "unpaid share (%)": (100 * share).round(0).astype(int),
            "pay": table["pay"].round(2),
        }, index=pd.Index(list(ROLES) + ["total"], name="role"))


def _text(name: str, value, n: int) -> pd.Index:
    """A string column of length n (pandas ``str`` dtype) from a string or an array of them."""
    if np.ndim(value) == 0:
        _check_text(name, pd.Index([value], dtype=object))
        return pd.Index([value], dtype="str").repeat(n)
    column = pd.Index(value) if isinstance(value, (pd.Series, pd.Index)) else pd.Index(
        np.asarray(value, dtype=object))
    _check_text(name, column)
    return column.astype("str")


def _check_text(name: str, column) -> None:
    """Every value a string (None, NaN or a number is refused, not turned into text)."""
    column = pd.Index(column)
    if column.dtype == "str" and not column.hasnans:
        return
    bad = [v for v in column if not isinstance(v, str)]
    if bad:
        raise TypeError(f"{name} must hold strings, got {bad[0]!r} ({type(bad[0]).__name__})")


def _array(name: str, values) -> np.ndarray:
    """A numeric array, refusing strings, None and other non-numbers (no silent conversion)."""
    array = np.asarray(values)
    if array.dtype == bool or array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be numbers, got {array.dtype} values such as "
                        f"{array.ravel()[:1].tolist()}")
    return array


def _check_task(name: str, task: np.ndarray) -> np.ndarray:
    """Task ids: integers >= -1 (-1 = no task) that fit an int64."""
    task = _array(name, task)
    if task.dtype.kind == "f":
        raise TypeError(f"{name} must be integers (-1 for none), got floats such as "
                        f"{task.ravel()[:1].tolist()}")
    if task.size and (task.min() < -1 or (task.dtype.kind == "u" and task.max() > 2**63 - 1)):
        raise ValueError(f"{name} must hold integers from -1 (no task) to 2**63 - 1")
    return task.astype(np.int64)


def _check_amounts(name: str, values: np.ndarray, high: float) -> None:
    values = _array(name, values)
    if not np.isfinite(values).all() or (values < 0).any() or (values > high).any():
        raise ValueError(f"{name} must be finite numbers in [0, {high:g}] per entry")


def _totals(entries: pd.DataFrame, by: str) -> pd.DataFrame:
    hours = entries["seconds"] / 3600.0
    frame = pd.DataFrame({
        by: entries[by],
        "worker": entries["worker"],
        "hours": hours,
        "paid_hours": hours.where(entries["paid"], 0.0),
        "unpaid_hours": hours.where(~entries["paid"], 0.0),
        "pay": entries["pay"],
    })
    grouped = frame.groupby(by, sort=True)
    out = grouped[["hours", "paid_hours", "unpaid_hours", "pay"]].sum()
    out.insert(0, "people", grouped["worker"].nunique())
    out.insert(0, "contributions", grouped.size())
    return out.rename_axis(by)
