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
    annotations = collect.run_job(dataset(n_items), WorkerPool.uniform(n_workers, accuracy=0.8, seed=0),
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
    job = collect.run_job(data, WorkerPool.uniform(50, accuracy=0.7, seed=0), redundancy=3, seed=1)
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
    spam = [Worker(f"s{i}", kind="spammer", spam="constant", favourite=i) for i in range(2)]
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
    job = collect.run_job(dataset(30), WorkerPool.uniform(6, accuracy=0.9, seed=0), redundancy=2,
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
        collect.run_job(dataset(10), WorkerPool.uniform(6, accuracy=0.8, seed=0), **kwargs)


def test_redundancy_error_names_the_pool_size():
    with pytest.raises(ValueError, match=r"redundancy.*\(6 workers\)"):
        collect.run_job(dataset(10), WorkerPool.uniform(6, accuracy=0.8, seed=0), redundancy=7)


def test_run_job_rejects_bad_data_and_pool():
    pool = WorkerPool.uniform(3, accuracy=0.8, seed=0)
    with pytest.raises(TypeError, match="data"):
        collect.run_job(pd.DataFrame({"label": ["a"]}), pool)
    with pytest.raises(TypeError, match="pool"):
        collect.run_job(dataset(5), "pool")
    stray = SimpleNamespace(truth=pd.Series(["a", "z"]), classes=("a", "b"))
    with pytest.raises(ValueError, match="classes"):
        collect.run_job(stray, pool, redundancy=1)


def test_box_job_error_grows_as_accuracy_falls():
    scenes = datasets.scenes(n_items=60, max_objects=3, seed=0)
    careful = collect.run_box_job(scenes, WorkerPool.uniform(4, accuracy=1.0, seed=0), redundancy=2, seed=1)
    careless = collect.run_box_job(scenes, WorkerPool.uniform(4, accuracy=0.4, seed=0), redundancy=2, seed=1)
    assert len(careful.annotations) == 2 * len(scenes.boxes)
    truth = scenes.boxes.loc[scenes.boxes.index.repeat(2)].reset_index(drop=True)
    good = datasets.iou(careful.annotations, truth)
    bad = datasets.iou(careless.annotations, truth)
    assert good.mean() > 0.75 and bad.mean() < good.mean() - 0.15
    assert careful.ledger.entries["pay"].sum() == pytest.approx(0.03 * len(careful.annotations))
    with pytest.raises(TypeError, match="scenes"):
        collect.run_box_job("scenes", WorkerPool.uniform(4, accuracy=1.0, seed=0))


# --- the preference (pairwise comparison) job -------------------------------------------------

@pytest.fixture(scope="module")
def answers():
    return datasets.answers(n_items=10, seed=0)


def test_every_pair_goes_to_redundancy_distinct_raters_in_crowdkit_format(answers):
    job = collect.run_pairwise_job(answers, WorkerPool.uniform(7, seed=0), redundancy=3, seed=1)
    frame = job.annotations
    assert list(frame.columns[:5]) == ["task", "worker", "left", "right", "label"]
    assert len(frame) == 45 * 3 and frame.groupby("task")["worker"].nunique().eq(3).all()
    assert ((frame.label == frame.left) | (frame.label == frame.right)).all()
    pairs = frame.apply(lambda r: frozenset((r.left, r.right)), axis=1)
    assert pairs.groupby(frame.task).nunique().eq(1).all() and pairs.nunique() == 45
    assert 0.4 < (frame.left < frame.right).mean() < 0.6  # order shown at random
    quality = answers.quality
    np.testing.assert_allclose(frame.gap, quality[frame.left].to_numpy() - quality[frame.right].to_numpy())


def test_a_noiseless_rater_prefers_the_better_answer_and_the_guideline_decides_close_calls(answers):
    pool = WorkerPool.uniform(5, seed=0)
    clear = collect.run_pairwise_job(answers, pool, noise=0.0, close_call=0.0, seed=1).annotations
    better = np.where(clear.gap > 0, clear.left, clear.right)
    assert (clear.label == better).all() and not clear.close_call.any()
    length = answers.items.set_index("item")["length"]
    for guideline, pick in (("longer", np.argmax), ("shorter", np.argmin)):
        close = collect.run_pairwise_job(answers, pool, noise=0.0, close_call=10.0,
                                         guideline=guideline, seed=1).annotations
        assert close.close_call.all()
        lengths = np.column_stack([length[close.left], length[close.right]])
        chosen = np.where(pick(lengths, axis=1) == 0, close.left, close.right)
        assert (close.label == chosen)[lengths[:, 0] != lengths[:, 1]].all()


def test_noise_makes_raters_disagree_on_close_pairs_more_than_on_clear_ones():
    answers = datasets.answers(n_items=60, seed=2)
    frame = collect.run_pairwise_job(answers, WorkerPool.uniform(20, seed=0), noise=0.5,
                                     close_call=0.0, seed=3).annotations
    right = frame.label == np.where(frame.gap > 0, frame.left, frame.right)
    close, clear = frame.gap.abs() < 0.2, frame.gap.abs() > 1.5
    assert right[close].mean() < 0.75 < 0.99 < right[clear].mean()


def test_spammers_pick_left_or_flip_a_coin(answers):
    constant = Worker("w000", kind="spammer", spam="constant")
    random = Worker("w001", kind="spammer", spam="random")
    frame = collect.run_pairwise_job(datasets.answers(n_items=80, seed=1),
                                     WorkerPool.from_workers([constant, random]), redundancy=2,
                                     noise=0.0, close_call=0.0, seed=0).annotations
    by = frame.groupby("worker")
    assert (by.get_group("w000").label == by.get_group("w000").left).all()
    left_share = (by.get_group("w001").label == by.get_group("w001").left).mean()
    assert abs(left_share - 0.5) < 5 * math.sqrt(0.25 / 3160)


def test_pairwise_ledger_counts_pay_per_comparison_and_unpaid_time(answers):
    pool = WorkerPool.uniform(6, seed=0)
    job = collect.run_pairwise_job(answers, pool, redundancy=2, n_pairs=20,
                                   pay_per_comparison=0.1, search_seconds=60.0,
                                   instructions_seconds=30.0, seed=4)
    assert len(job.annotations) == 40 and job.annotations.task.nunique() == 20
    entries = job.ledger.entries
    work = entries[entries.activity == "comparison"]
    assert len(work) == 40 and work.pay.sum() == pytest.approx(4.0) and work.paid.all()
    unpaid = entries[~entries.paid]
    assert sorted(unpaid.activity.unique()) == ["instructions", "search"]
    assert unpaid.seconds.sum() == pytest.approx(6 * 90.0)
    assert (entries.role == "trainer").all()


def test_pairwise_job_is_reproducible_and_validated(answers):
    pool = WorkerPool.uniform(4, seed=0)
    a = collect.run_pairwise_job(answers, pool, seed=7).annotations
    pd.testing.assert_frame_equal(a, collect.run_pairwise_job(answers, pool, seed=7).annotations)
    assert not a.equals(collect.run_pairwise_job(answers, pool, seed=8).annotations)
    for kwargs, name in ((dict(n_pairs=46), "n_pairs"), (dict(guideline="best"), "guideline"),
                         (dict(noise=-1.0), "noise"), (dict(redundancy=5), "redundancy"),
                         (dict(pay_per_comparison=math.inf), "pay_per_comparison")):
        with pytest.raises(ValueError, match=name):
            collect.run_pairwise_job(answers, pool, **kwargs)
    with pytest.raises(TypeError, match="answers"):
        collect.run_pairwise_job(datasets.shapes(n_items=10), pool)


def test_the_crashes_of_issue_10_are_clear_errors():
    pool = WorkerPool.uniform(4, accuracy=0.8, seed=0)
    data = dataset(12)
    twice = SimpleNamespace(truth=data.truth, classes=("a", "b", "c", "a"))
    with pytest.raises(ValueError, match="data.classes must be at least 2 distinct labels"):
        collect.run_job(twice, pool)
    scenes = datasets.scenes(n_items=5, seed=0)
    scenes.boxes.pop("y1")  # a frozen Scenes, but its frame can still be changed in place
    with pytest.raises(ValueError, match=r"scenes.boxes is missing column\(s\) \['y1'\]"):
        collect.run_box_job(scenes, pool)
    scenes = datasets.scenes(n_items=5, seed=0)
    scenes.boxes["task"] = scenes.boxes["task"] + 5
    with pytest.raises(ValueError, match=r"scenes.boxes\['task'\] must hold integer scene ids in \[0, 4\]"):
        collect.run_box_job(scenes, pool)
    for name in ("pay_per_label", "search_seconds"):
        with pytest.raises(ValueError, match=name):
            collect.run_job(data, pool, **{name: 1e308})
