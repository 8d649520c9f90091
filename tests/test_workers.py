"""workers: each kind answers as its model says, pools are built and validated as documented."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labelsim.workers import (DEFAULT_SHARES, Worker, WorkerPool, sample_labels,
                              sample_seconds)

N = 60_000


def binomial_tolerance(p: float, n: int) -> float:
    """Five standard errors: a correct model fails this about once in 3 million runs."""
    return 5 * math.sqrt(p * (1 - p) / n)


def answers(worker: Worker, n_classes: int = 3, true_class: int = 0, seed: int = 0, **kwargs):
    pool = WorkerPool.from_workers([worker])
    return sample_labels(pool, np.zeros(N, dtype=int), np.full(N, true_class), n_classes, seed=seed,
                         **kwargs)


def test_uniform_worker_accuracy_and_uniform_errors():
    pool = WorkerPool.uniform(n_workers=4, accuracy=0.7, seed=0)
    rng = np.random.default_rng(0)
    true = rng.integers(0, 4, N)
    labels = sample_labels(pool, rng.integers(0, 4, N), true, 4, seed=1)
    right = labels == true
    assert abs(right.mean() - 0.7) < binomial_tolerance(0.7, N)
    # errors: the three other classes equally often (0.1 each)
    offset = (labels[~right] - true[~right]) % 4
    shares = np.bincount(offset, minlength=4)[1:] / (~right).sum()
    for share in shares:
        assert abs(share - 1 / 3) < binomial_tolerance(1 / 3, int((~right).sum()))


def test_constant_spammer_always_gives_one_class():
    spammer = Worker("s", kind="spammer", median_seconds=2.0, spam="constant", favourite=5)
    for true_class in range(3):
        labels = answers(spammer, true_class=true_class)
        assert set(labels) == {5 % 3}


def test_random_spammer_ignores_the_item():
    labels = answers(Worker("s", kind="spammer", median_seconds=2.0, spam="random"), n_classes=4)
    for share in np.bincount(labels, minlength=4) / N:
        assert abs(share - 0.25) < binomial_tolerance(0.25, N)


def test_adversarial_worker_prefers_one_wrong_answer():
    labels = answers(Worker("a", kind="adversarial", accuracy=0.2, favourite=1), n_classes=4, true_class=2)
    counts = np.bincount(labels, minlength=4) / N
    assert abs(counts[2] - 0.2) < binomial_tolerance(0.2, N)
    assert abs(counts[(2 + 1 + 1) % 4] - 0.8) < binomial_tolerance(0.8, N)


def test_sloppy_worker_guesses_on_ambiguous_items():
    sloppy = Worker("s", kind="sloppy", accuracy=1.0, sloppiness=1.0)
    clear = answers(sloppy, ambiguity=np.zeros(N))
    assert (clear == 0).all()
    half = answers(sloppy, ambiguity=np.full(N, 0.5))
    expected = 0.5 + 0.5 / 3  # half the answers are guesses, a third of guesses are right
    assert abs((half == 0).mean() - expected) < binomial_tolerance(expected, N)


def test_fatigued_worker_declines_over_the_session():
    tired = Worker("f", kind="fatigued", accuracy=1.0, fatigue=0.5)
    session = np.arange(N) % 400
    right = answers(tired, session_index=session) == 0
    early, late = right[session < 10].mean(), right[session >= 200].mean()
    assert early > 0.97
    assert abs(late - 1 / 3) < binomial_tolerance(1 / 3, int((session >= 200).sum()))


def test_seconds_are_lognormal_around_the_median():
    pool = WorkerPool.from_workers([Worker("a", median_seconds=4.0), Worker("b", median_seconds=20.0)])
    index = np.repeat([0, 1], N // 2)
    seconds = sample_seconds(pool, index, seed=3)
    assert (seconds > 0).all()
    assert np.median(seconds[index == 0]) == pytest.approx(4.0, rel=0.03)
    assert np.median(seconds[index == 1]) == pytest.approx(20.0, rel=0.03)
    assert np.log(seconds[index == 0]).std() == pytest.approx(0.4, rel=0.03)


@pytest.mark.parametrize("worker", [
    Worker("u", accuracy=0.6), Worker("a", kind="adversarial", accuracy=0.3, favourite=2),
    Worker("s", kind="spammer", spam="constant", favourite=1),
    Worker("r", kind="spammer", spam="random"),
])
def test_confusion_rows_are_distributions(worker):
    for k in (2, 3, 6):
        matrix = worker.confusion(k)
        assert matrix.shape == (k, k) and (matrix >= 0).all()
        np.testing.assert_allclose(matrix.sum(axis=1), 1.0)


def test_pool_confusion_is_labelled_by_class():
    pool = WorkerPool.uniform(n_workers=2, accuracy=0.8, seed=0)
    matrix = pool.confusion("w001", ["circle", "square", "triangle"])
    assert list(matrix.index) == list(matrix.columns) == ["circle", "square", "triangle"]
    assert matrix.loc["square", "square"] == pytest.approx(0.8)
    assert matrix.loc["square", "circle"] == pytest.approx(0.1)
    with pytest.raises(ValueError, match="w999"):
        pool.confusion("w999", ["a", "b"])


def test_uniform_pool_table():
    table = WorkerPool.uniform(n_workers=5, accuracy=0.65, seed=2, median_seconds=8.0).table
    assert table.index.tolist() == ["w000", "w001", "w002", "w003", "w004"]
    assert (table["kind"] == "uniform").all() and (table["accuracy"] == 0.65).all()
    assert {"kind", "accuracy", "median_seconds", "sloppiness", "fatigue"} <= set(table.columns)
    assert (table["median_seconds"] > 0).all() and table["median_seconds"].nunique() == 5


def test_mixed_pool_uses_the_shares():
    shares = {"reliable": 0.5, "spammer": 0.25, "adversarial": 0.25}
    table = WorkerPool.mixed(n_workers=8, seed=0, shares=shares).table
    assert table["kind"].value_counts().to_dict() == {"reliable": 4, "spammer": 2, "adversarial": 2}
    assert table.loc[table.kind == "spammer", "accuracy"].isna().all()
    assert (table.loc[table.kind == "adversarial", "accuracy"] < 0.5).all()


def test_mixed_pool_default_shares():
    table = WorkerPool.mixed(n_workers=40, seed=1).table
    counts = table["kind"].value_counts()
    assert counts.sum() == 40
    for kind, share in DEFAULT_SHARES.items():
        assert counts.get(kind, 0) == round(share * 40)


@settings(max_examples=40, deadline=None)
@given(n_workers=st.integers(1, 200), seed=st.integers(0, 2**32))
def test_mixed_pool_has_n_workers(n_workers, seed):
    pool = WorkerPool.mixed(n_workers=n_workers, seed=seed)
    assert len(pool) == n_workers and len(set(pool.ids)) == n_workers


def test_same_seed_same_pool_other_seed_differs():
    pd.testing.assert_frame_equal(WorkerPool.mixed(30, seed=5).table, WorkerPool.mixed(30, seed=5).table)
    assert not WorkerPool.mixed(30, seed=5).table.equals(WorkerPool.mixed(30, seed=6).table)


@pytest.mark.parametrize("shares, name", [
    ({"spammer": -0.2, "reliable": 1.2}, "spammer"),
    ({"reliable": 0.5, "spammer": 0.4}, "sum to 1"),
    ({"reliable": 0.5, "robot": 0.5}, "robot"),
    ({"reliable": float("nan"), "spammer": 1.0}, "reliable"),
])
def test_mixed_rejects_bad_shares(shares, name):
    with pytest.raises(ValueError, match=name):
        WorkerPool.mixed(10, seed=0, shares=shares)


@pytest.mark.parametrize("kwargs, name", [
    ({"n_workers": 0}, "n_workers"), ({"accuracy": 1.1}, "accuracy"),
    ({"accuracy": float("nan")}, "accuracy"), ({"seed": -3}, "seed"),
    ({"median_seconds": 0.0}, "median_seconds"),
])
def test_uniform_rejects_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        WorkerPool.uniform(**{"n_workers": 3, "accuracy": 0.7, "seed": 0, **kwargs})


@pytest.mark.parametrize("kwargs, name", [
    ({"kind": "genius"}, "kind"), ({"accuracy": -0.1}, "accuracy"),
    ({"kind": "spammer", "spam": "sometimes"}, "spam"), ({"spam": "random"}, "spam"),
    ({"sloppiness": 2.0}, "sloppiness"), ({"fatigue": -1.0}, "fatigue"),
])
def test_worker_rejects_bad_parameters(kwargs, name):
    with pytest.raises(ValueError, match=name):
        Worker("w", **kwargs)


def test_from_workers_checks_its_input():
    with pytest.raises(ValueError, match="distinct ids"):
        WorkerPool.from_workers([Worker("a"), Worker("a")])
    with pytest.raises(TypeError, match="Worker"):
        WorkerPool.from_workers(["a"])
    with pytest.raises(TypeError, match="Worker"):
        WorkerPool.from_workers([])


def test_a_spammer_has_no_accuracy():
    assert math.isnan(Worker("s", kind="spammer", spam="random").accuracy)
