"""wages: effective hourly wages on hand-made ledgers equal hand arithmetic."""

import math

import numpy as np
import pytest

from labelsim import collect, datasets
from labelsim.ledger import Ledger
from labelsim.wages import compare_to_reference, effective_wages
from labelsim.workers import Worker, WorkerPool


@pytest.fixture
def ledger():
    """ann: 2 paid hours for $12, 1 unpaid hour of search; bo: 30 paid minutes for $5;
    cy: a rejected hour (unpaid, $0)."""
    return Ledger.from_records(
        worker=["ann", "ann", "ann", "bo", "cy"],
        role="trainer",
        activity=["label", "label", "search", "label", "label"],
        seconds=[3600.0, 3600.0, 3600.0, 1800.0, 3600.0],
        pay=[6.0, 6.0, 0.0, 5.0, 0.0],
        paid=[True, True, False, True, False])


def test_effective_wages_by_hand(ledger):
    wages = effective_wages(ledger)
    assert wages.index.tolist() == ["ann", "bo", "cy"]
    assert wages.loc["ann", "paid_seconds"] == 7200.0 and wages.loc["ann", "unpaid_seconds"] == 3600.0
    assert wages.loc["ann", "earnings"] == 12.0
    assert wages.loc["ann", "hourly_wage_paid_time"] == pytest.approx(6.0)  # 12 / 2 h
    assert wages.loc["ann", "effective_hourly_wage"] == pytest.approx(4.0)  # 12 / 3 h
    assert wages.loc["bo", "hourly_wage_paid_time"] == pytest.approx(10.0)
    assert wages.loc["bo", "effective_hourly_wage"] == pytest.approx(10.0)
    assert math.isnan(wages.loc["cy", "hourly_wage_paid_time"])  # no paid time at all
    assert wages.loc["cy", "effective_hourly_wage"] == 0.0


def test_compare_to_reference_by_hand(ledger):
    summary = compare_to_reference(effective_wages(ledger), reference_hourly=7.25)
    effective = summary.loc["effective_hourly_wage"]
    assert effective["workers"] == 3
    assert effective["share_below_reference"] == pytest.approx(2 / 3)  # 4 and 0 < 7.25 < 10
    assert effective["median"] == pytest.approx(4.0)
    assert effective["mean"] == pytest.approx(14 / 3)
    assert effective["p25"] == pytest.approx(2.0)  # numpy's linear interpolation of 0, 4, 10
    paid_time = summary.loc["hourly_wage_paid_time"]
    assert paid_time["workers"] == 2  # cy has no paid time
    assert paid_time["share_below_reference"] == pytest.approx(0.5)
    assert paid_time["median"] == pytest.approx(8.0)
    assert (summary["reference_hourly"] == 7.25).all()


def test_unpaid_time_lowers_wages_in_a_job():
    data = datasets.shapes(n_items=200, seed=0)
    pool = WorkerPool.from_workers([Worker(f"w{i}", accuracy=0.95, median_seconds=20.0) for i in range(5)])
    job = collect.run_job(data, pool, redundancy=3, pay_per_label=0.05, gold_fraction=0.0, seed=1,
                          search_seconds=600.0)
    wages = effective_wages(job.ledger)
    assert (wages["effective_hourly_wage"] < wages["hourly_wage_paid_time"]).all()
    labels = job.annotations.groupby("worker")
    expected = labels["pay"].sum() / (labels["seconds"].sum() / 3600)
    np.testing.assert_allclose(wages["hourly_wage_paid_time"], expected.loc[wages.index])
    assert wages["earnings"].sum() == pytest.approx(job.annotations["pay"].sum())


def test_bad_input():
    with pytest.raises(TypeError, match="ledger"):
        effective_wages("ledger")
    with pytest.raises(ValueError, match="ledger is empty"):
        effective_wages(Ledger.empty())
    wages = effective_wages(Ledger.from_records("a", "trainer", "label", 60.0, 0.1, True))
    with pytest.raises(ValueError, match="reference_hourly"):
        compare_to_reference(wages, reference_hourly=0.0)
    with pytest.raises(ValueError, match="reference_hourly"):
        compare_to_reference(wages, reference_hourly=float("nan"))
    with pytest.raises(TypeError, match="wages"):
        compare_to_reference([1.0], reference_hourly=7.25)
    with pytest.raises(ValueError, match="effective_hourly_wage"):
        compare_to_reference(wages.drop(columns="effective_hourly_wage"), reference_hourly=7.25)
