"""The labor ledger: every human contribution, its role, time and pay.

Roles follow Tubaro, Casilli & Coville (2020): people *train* a model (labels), *verify* it
(gold answers, checks, review) and *imitate* it (do the task in its place).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ROLES = ("trainer", "verifier", "imitator")
COLUMNS = ("worker", "role", "activity", "task", "seconds", "pay", "paid")


@dataclass(frozen=True)
class Ledger:
    """One row per human contribution: worker, role, activity, task (-1 if none), seconds,
    pay (currency units) and paid (bool). Build it with :meth:`from_records`.

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

    @classmethod
    def from_records(cls, worker, role, activity, seconds, pay, paid, task=-1) -> "Ledger":
        """Vectorised constructor: array-likes of one length, or scalars (broadcast)."""
        values = {"worker": worker, "role": role, "activity": activity, "task": task,
                  "seconds": seconds, "pay": pay, "paid": paid}
        lengths = {len(v) for v in values.values() if np.ndim(v) > 0}
        if len(lengths) > 1:
            raise ValueError("worker, role, activity, task, seconds, pay and paid must have one "
                             f"length (or be scalars), got lengths {sorted(lengths)}")
        n = lengths.pop() if lengths else 1
        text = {name: _text(values[name], n) for name in ("worker", "role", "activity")}
        bad = sorted(set(text["role"].unique()) - set(ROLES))
        if bad:
            raise ValueError(f"role must be one of {ROLES}, got {bad}")
        paid = np.broadcast_to(np.asarray(paid), n)
        if paid.dtype != bool:
            raise TypeError(f"paid must be boolean, got dtype {paid.dtype}")
        entries = pd.DataFrame({
            **text,
            "task": np.broadcast_to(np.asarray(task, dtype=np.int64), n),
            "seconds": _non_negative("seconds", seconds, n),
            "pay": _non_negative("pay", pay, n),
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


def _text(value, n: int) -> pd.Index:
    """A string column of length n (pandas ``str`` dtype) from a scalar or an array-like."""
    if np.ndim(value) == 0:
        return pd.Index([str(value)], dtype="str").repeat(n)
    if isinstance(value, (pd.Series, pd.Index)) and value.dtype == "str":
        return pd.Index(value)
    return pd.Index(np.asarray(value).astype(str), dtype="str")


def _non_negative(name: str, values, n: int) -> np.ndarray:
    values = np.broadcast_to(np.asarray(values, dtype=float), n)
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError(f"{name} must be finite and >= 0")
    return values


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
