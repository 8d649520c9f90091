"""ledger: entries are validated, and the totals by role and by worker are hand-checkable."""

import numpy as np
import pandas as pd
import pytest

from labelsim.ledger import COLUMNS, ROLES, Ledger


@pytest.fixture
def ledger():
    """Two workers: w000 labels (paid) and searches (unpaid); w001 labels, checks gold and
    does a takeover task in the model's place."""
    labels = Ledger.from_records(["w000", "w000", "w001"], "trainer", "label",
                                 [1800.0, 1800.0, 3600.0], [1.0, 1.0, 2.5], True, task=[0, 1, 2])
    search = Ledger.from_records("w000", "trainer", "search", 1000.0, 0.0, False)
    gold = Ledger.from_records("w001", "verifier", "gold", 360.0, 0.2, True, task=3)
    takeover = Ledger.from_records("w001", "imitator", "takeover", 720.0, 0.0, False, task=4)
    return labels + search + gold + takeover


def test_from_records_broadcasts_scalars():
    led = Ledger.from_records(["a", "b", "c"], "verifier", "review", 60.0, [0.1, 0.2, 0.3], True)
    assert list(led.entries.columns) == list(COLUMNS) and len(led) == 3
    assert (led.entries["role"] == "verifier").all() and (led.entries["task"] == -1).all()
    assert led.entries["pay"].tolist() == [0.1, 0.2, 0.3]
    assert len(Ledger.from_records("a", "trainer", "label", 1.0, 0.0, True)) == 1


def test_add_concatenates(ledger):
    assert len(ledger) == 6
    assert ledger.entries["activity"].tolist() == ["label", "label", "label", "search", "gold", "takeover"]
    assert len(ledger + Ledger.empty()) == 6 and len(Ledger.empty()) == 0


def test_by_role_by_hand(ledger):
    table = ledger.by_role()
    assert table.index.tolist() == list(ROLES)
    trainer = table.loc["trainer"]
    assert (trainer["contributions"], trainer["people"]) == (4, 2)
    assert trainer["hours"] == pytest.approx(2 + 1000 / 3600)
    assert trainer["paid_hours"] == pytest.approx(2.0)
    assert trainer["unpaid_hours"] == pytest.approx(1000 / 3600)
    assert trainer["pay"] == pytest.approx(4.5)
    assert table.loc["verifier", "hours"] == pytest.approx(0.1)
    assert table.loc["imitator", "unpaid_hours"] == pytest.approx(0.2)
    assert table["pay"].sum() == pytest.approx(4.7)


def test_by_role_lists_roles_nobody_played():
    table = Ledger.from_records("a", "trainer", "label", 60.0, 0.1, True).by_role()
    assert table.loc[["verifier", "imitator"], "contributions"].tolist() == [0, 0]


def test_by_worker_by_hand(ledger):
    table = ledger.by_worker()
    assert table.index.tolist() == ["w000", "w001"]
    assert table.loc["w000", "hours"] == pytest.approx(1 + 1000 / 3600)
    assert table.loc["w000", "unpaid_hours"] == pytest.approx(1000 / 3600)
    assert table.loc["w001", "pay"] == pytest.approx(2.7)
    assert table.loc["w000", "roles"] == "trainer"
    assert table.loc["w001", "roles"] == "trainer, verifier, imitator"


def test_summary_is_rounded_and_totalled(ledger):
    summary = ledger.summary()
    assert summary.index.tolist() == list(ROLES) + ["total"]
    total = summary.loc["total"]
    assert (total["people"], total["contributions"]) == (2, 6)
    assert total["hours"] == 2.6  # 2.278 + 0.1 + 0.2 = 2.578 hours
    assert total["unpaid hours"] == 0.5  # 0.278 + 0.2 = 0.478 hours
    assert total["unpaid share (%)"] == 19  # 0.478 / 2.578 = 18.5 %
    assert total["pay"] == 4.7
    assert summary.loc["imitator", "unpaid share (%)"] == 100


def test_empty_summary_is_zeros():
    summary = Ledger.empty().summary()
    assert (summary["hours"] == 0).all() and (summary["people"] == 0).all()


@pytest.mark.parametrize("kwargs, error, name", [
    ({"role": "boss"}, ValueError, "role"),
    ({"seconds": -1.0}, ValueError, "seconds"),
    ({"seconds": float("nan")}, ValueError, "seconds"),
    ({"pay": -0.5}, ValueError, "pay"),
    ({"pay": float("inf")}, ValueError, "pay"),
    ({"paid": 1}, TypeError, "paid"),
    ({"worker": ["a", "b"], "seconds": [1.0, 2.0, 3.0]}, ValueError, "one length"),
    # no overflow and no silent conversion (issue 10)
    ({"task": 1e308}, TypeError, "task"),
    ({"task": float("inf")}, TypeError, "task"),
    ({"task": 2**63}, ValueError, "task"),
    ({"task": 0.7}, TypeError, "task"),
    ({"worker": None}, TypeError, "worker"),
    ({"seconds": "3"}, TypeError, "seconds"),
    ({"pay": 1e308}, ValueError, "pay"),
])
def test_from_records_rejects_bad_input(kwargs, error, name):
    args = {"worker": "a", "role": "trainer", "activity": "label", "seconds": 1.0, "pay": 0.1,
            "paid": True, **kwargs}
    with pytest.raises(error, match=name):
        Ledger.from_records(**args)


def test_entries_must_be_a_frame_with_the_columns():
    with pytest.raises(TypeError, match="entries"):
        Ledger(entries=[1, 2])
    with pytest.raises(ValueError, match="paid"):
        Ledger(entries=pd.DataFrame({c: [] for c in COLUMNS if c != "paid"}))
    assert Ledger.from_records("a", "trainer", "label", np.float64(2.0), 0, True).entries["pay"].dtype == float


def test_a_ledger_made_from_entries_is_checked_like_from_records():
    entries = Ledger.from_records(["a", "b"], "trainer", "label", 60.0, 0.1, True).entries
    with pytest.raises(ValueError, match="role"):
        Ledger(entries.assign(role=["trainer", "boss"]))  # not counted in summary(), then dropped
    with pytest.raises(TypeError, match="task"):
        Ledger(entries.assign(task=[0.7, 1.0]))
    assert Ledger(entries).summary().loc["total", "contributions"] == 2
