"""collect: assignment, gold, rejection, pay and the ledger of a job add up."""

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labelsim import collect, datasets
from labelsim.workers import Worker, WorkerPool


def dataset(n_items: int, classes=("a", "b", "c")):
    """The least run_job needs: truth indexed by task, and the classes."""
    truth = pd.Series(np.array(classes)[np.arange(n_items) % len(classes)],
                      index=pd.RangeIndex(n_items, name="task"))
    return SimpleNamespace(truth=truth, classes=classes)


@pytest.fixture(scope="module")
def shapes():
    return datasets.shapes(n_items=400, n_classes=3, ambiguity=0.2, seed=0)


@pytest.fixture(scope="module")
def job(shapes):
    return collect.run_job(shapes, WorkerPool.mixed(n_workers=20, seed=1), redundancy=5,
                           pay_per_label=0.05, gold_fraction=0.2, seed=2)


@settings(max_examples=60, deadline=None)
@given(n_items=st.integers(1, 120), n_workers=st.integers(1, 30), data=st.data())
def test_every_item_gets_redundancy_distinct_workers_and_loads_are_even(n_items, n_workers, data):
    redundancy = data.draw(st.integers(1, n_workers))
    seed = data.draw(st.integers(0, 2**32))
    annotations = collect.run_job(dataset(n_items), WorkerPool.uniform(n_workers, 0.8, seed=0),
                                  redundancy=redundancy, gold_fraction=0.0, seed=seed).annotations
    per_task = annotations.groupby("task")["worker"]
    assert per_task.size().eq(redundancy).all() and per_task.nunique().eq(redundancy).all()
    assert sorted(per_task.size().index) == list(range(n_items))
    load = annotations["worker"].value_counts().reindex([f"w{i:03d}" for i in range(n_workers)],
                                                         fill_value=0)
    assert load.max() - load.min() <= 1
    # each worker's session counts 0, 1, 2, ... over their labels
    for _, session in annotations.groupby("worker")["session_index"]:
        assert sorted(session) == list(range(len(session)))


def test_uniform_workers_label_at_their_accuracy():
    data = dataset(20_000)
    job = collect.run_job(data, WorkerPool.uniform(50, 0.7, seed=0), redundancy=3, seed=1)
    right = job.annotations["label"].to_numpy() == data.truth.to_numpy()[job.annotations["task"]]
    assert abs(right.mean() - 0.7) < 5 * math.sqrt(0.7 * 0.3 / right.size)


def test_gold_items(job, shapes):
    assert len(job.gold) == round(0.2 * len(shapes)) and list(job.gold) == sorted(set(job.gold))
    gold_rows = job.annotations["task"].isin(job.gold)
    assert (job.annotations["is_gold"] == gold_rows).all()


def test_gold_scores_match_the_annotations(job, shapes):
    a = job.annotations[job.annotations["is_gold"]]
    right = (a["label"].to_numpy() == shapes.truth.to_numpy()[a["task"]])
    by_worker = pd.Series(right, index=a["worker"].to_numpy()).groupby(level=0).agg(["size", "mean"])
    scores = job.gold_scores.loc[by_worker.index]
    assert (scores["gold_answered"] == by_worker["size"]).all()
    np.testing.assert_allclose(scores["gold_accuracy"], by_worker["mean"])
    assert ((scores["gold_accuracy"] < 0.6) == scores["rejected"]).all()
    assert set(job.rejected) == set(scores.index[scores["rejected"]])


def test_spammers_are_rejected_and_unpaid():
    good = [Worker(f"g{i}", accuracy=1.0) for i in range(4)]
    spam = [Worker(f"s{i}", "spammer", math.nan, spam="constant", favourite=i) for i in range(2)]
    job = collect.run_job(dataset(300), WorkerPool.from_workers(good + spam), redundancy=3,
                          pay_per_label=0.1, gold_fraction=0.5, seed=0)
    assert job.rejected == ("s0", "s1")
    a = job.annotations
    spam_rows = a["worker"].str.startswith("s")
    assert a.loc[spam_rows, "rejected"].all() and not a.loc[spam_rows, "paid"].any()
    assert (a.loc[spam_rows, "pay"] == 0).all()
    assert (a.loc[~spam_rows, "pay"] == 0.1).all() and a.loc[~spam_rows, "paid"].all()
    ledger = job.ledger.entries
    assert (ledger.loc[ledger["worker"].str.startswith("s"), "pay"] == 0).all()


def test_pay_adds_up_to_the_ledger(job):
    a, entries = job.annotations, job.ledger.entries
    paid_labels = int((~a["rejected"]).sum())
    assert int((entries["pay"] == 0.05).sum()) == paid_labels
    assert int((entries["pay"] > 0).sum()) == paid_labels
    assert entries["pay"].sum() == pytest.approx(0.05 * paid_labels, rel=1e-12)
    assert a["pay"].sum() == pytest.approx(entries["pay"].sum(), rel=1e-12)
    assert job.ledger.by_role()["pay"].sum() == pytest.approx(a["pay"].sum(), rel=1e-12)


def test_ledger_roles_and_unpaid_time(job):
    entries = job.ledger.entries
    a = job.annotations
    labels = entries[entries["activity"].isin(["label", "gold"])]
    assert len(labels) == len(a)
    assert (labels["role"] == np.where(a["is_gold"], "verifier", "trainer")).all()
    np.testing.assert_allclose(labels["seconds"], a["seconds"])
    overhead = entries[~entries["activity"].isin(["label", "gold"])]
    workers = sorted(a["worker"].unique())
    assert sorted(overhead.loc[overhead.activity == "search", "worker"]) == workers
    assert (overhead.loc[overhead.activity == "search", "seconds"] == 300.0).all()
    assert (overhead.loc[overhead.activity == "instructions", "seconds"] == 120.0).all()
    assert "qualification" not in set(overhead["activity"])  # qualification_seconds=0: none
    assert not overhead["paid"].any() and (overhead["pay"] == 0).all()


def test_qualification_time_is_recorded():
    job = collect.run_job(dataset(30), WorkerPool.uniform(6, 0.9, seed=0), redundancy=2,
                          seed=0, search_seconds=0.0, qualification_seconds=600.0)
    overhead = job.ledger.entries.query("activity not in ['label', 'gold']")
    assert set(overhead["activity"]) == {"instructions", "qualification"}
    assert overhead.groupby("activity")["seconds"].sum().to_dict() == {"instructions": 720.0,
                                                                       "qualification": 3600.0}


def test_job_keeps_its_parameters(job):
    assert (job.redundancy, job.pay_per_label, job.gold_fraction, job.gold_threshold, job.seed) == (
        5, 0.05, 0.2, 0.6, 2)


def test_same_seed_same_job_other_seed_differs(shapes):
    pool = WorkerPool.mixed(n_workers=12, seed=3)
    one = collect.run_job(shapes, pool, redundancy=3, seed=7)
    two = collect.run_job(shapes, pool, redundancy=3, seed=7)
    other = collect.run_job(shapes, pool, redundancy=3, seed=8)
    pd.testing.assert_frame_equal(one.annotations, two.annotations)
    pd.testing.assert_frame_equal(one.ledger.entries, two.ledger.entries)
    assert not one.annotations.equals(other.annotations)


@pytest.mark.parametrize("kwargs, name", [
    ({"redundancy": 7}, "redundancy"), ({"redundancy": 0}, "redundancy"),
    ({"pay_per_label": -0.01}, "pay_per_label"), ({"gold_fraction": 1.5}, "gold_fraction"),
    ({"gold_fraction": float("nan")}, "gold_fraction"), ({"gold_threshold": -0.1}, "gold_threshold"),
    ({"search_seconds": -1.0}, "search_seconds"), ({"seed": -1}, "seed"),
])
def test_run_job_rejects_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        collect.run_job(dataset(10), WorkerPool.uniform(6, 0.8, seed=0), **kwargs)


def test_redundancy_error_names_the_pool_size():
    with pytest.raises(ValueError, match=r"redundancy.*\(6 workers\)"):
        collect.run_job(dataset(10), WorkerPool.uniform(6, 0.8, seed=0), redundancy=7)


def test_run_job_rejects_bad_data_and_pool():
    pool = WorkerPool.uniform(3, 0.8, seed=0)
    with pytest.raises(TypeError, match="data"):
        collect.run_job(pd.DataFrame({"label": ["a"]}), pool)
    with pytest.raises(TypeError, match="pool"):
        collect.run_job(dataset(5), "pool")
    stray = SimpleNamespace(truth=pd.Series(["a", "z"]), classes=("a", "b"))
    with pytest.raises(ValueError, match="classes"):
        collect.run_job(stray, pool, redundancy=1)


def test_box_job_error_grows_as_accuracy_falls():
    scenes = datasets.scenes(n_items=60, max_objects=3, seed=0)
    careful = collect.run_box_job(scenes, WorkerPool.uniform(4, 1.0, seed=0), redundancy=2, seed=1)
    careless = collect.run_box_job(scenes, WorkerPool.uniform(4, 0.4, seed=0), redundancy=2, seed=1)
    assert len(careful.annotations) == 2 * len(scenes.boxes)
    truth = scenes.boxes.loc[scenes.boxes.index.repeat(2)].reset_index(drop=True)
    good = datasets.iou(careful.annotations, truth)
    bad = datasets.iou(careless.annotations, truth)
    assert good.mean() > 0.75 and bad.mean() < good.mean() - 0.15
    assert careful.ledger.entries["pay"].sum() == pytest.approx(0.03 * len(careful.annotations))
    with pytest.raises(TypeError, match="scenes"):
        collect.run_box_job("scenes", WorkerPool.uniform(4, 1.0, seed=0))
