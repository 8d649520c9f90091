"""quality: accuracy, Cohen's and Fleiss' kappa against published and library values."""

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from labelsim import aggregate, collect, quality
from labelsim.workers import WorkerPool


def dataset(n_items: int, classes=("a", "b", "c")):
    truth = pd.Series(np.array(classes)[np.arange(n_items) % len(classes)],
                      index=pd.RangeIndex(n_items, name="task"))
    return SimpleNamespace(truth=truth, classes=classes)


def long_frame(table):
    """A long (task, worker, label) frame from a task x category count table."""
    rows = [(task, f"r{j:02d}", category)
            for task, counts in enumerate(table)
            for j, category in enumerate(np.repeat(np.arange(1, len(counts) + 1), counts))]
    return pd.DataFrame(rows, columns=["task", "worker", "label"])


# --- accuracy ----------------------------------------------------------------------------------

def test_accuracy_aligns_on_tasks_and_ignores_the_rest():
    labels = pd.Series({3: "a", 1: "b", 2: "c", 9: "a"})
    truth = pd.Series({1: "b", 2: "a", 3: "a", 4: "c"})
    assert quality.accuracy(labels, truth) == pytest.approx(2 / 3)


def test_accuracy_refuses_what_cannot_be_compared():
    with pytest.raises(ValueError, match="no task in common"):
        quality.accuracy(pd.Series({0: "a"}), pd.Series({1: "a"}))
    with pytest.raises(TypeError, match="labels must be a pandas Series"):
        quality.accuracy(["a"], pd.Series({0: "a"}))
    with pytest.raises(ValueError, match="truth has 1 missing label"):
        quality.accuracy(pd.Series({0: "a"}), pd.Series({0: None}))
    with pytest.raises(ValueError, match="labels has duplicate tasks"):
        quality.accuracy(pd.Series(["a", "b"], index=[0, 0]), pd.Series({0: "a"}))


# --- Cohen's kappa -----------------------------------------------------------------------------

def test_cohen_kappa_by_hand():
    # observed agreement 3/4; chance agreement 1/2 * 3/4 + 1/2 * 1/4 = 1/2; kappa = 1/2
    a = pd.Series(["x", "x", "y", "y"])
    b = pd.Series(["x", "x", "y", "x"])
    assert quality.cohen_kappa(a, b) == pytest.approx(0.5)
    assert quality.cohen_kappa(a, a) == 1.0
    assert math.isnan(quality.cohen_kappa(pd.Series(["x", "x"]), pd.Series(["x", "x"])))


@settings(max_examples=60, deadline=None)
@given(pairs=st.lists(st.tuples(st.sampled_from("abcd"), st.sampled_from("abce")), min_size=2,
                      max_size=60))
def test_cohen_kappa_matches_scikit_learn(pairs):
    first, second = (list(x) for x in zip(*pairs))
    expected = cohen_kappa_score(first, second) if len(set(first) | set(second)) > 1 else math.nan
    got = quality.cohen_kappa(pd.Series(first), pd.Series(second))
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected, abs=1e-12)


def test_cohen_kappa_uses_shared_tasks_only():
    a = pd.Series({0: "x", 1: "y", 2: "x", 7: "y"})
    b = pd.Series({2: "y", 1: "y", 0: "x", 8: "x"})
    assert quality.cohen_kappa(a, b) == pytest.approx(
        cohen_kappa_score(["x", "y", "x"], ["x", "y", "y"]))


# --- Fleiss' kappa -----------------------------------------------------------------------------

WIKIPEDIA_TABLE = [  # the worked example of the Wikipedia article "Fleiss' kappa":
    [0, 0, 0, 0, 14],  # 10 subjects, 14 raters, 5 categories; kappa = 0.210
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_kappa_on_the_published_example():
    assert round(quality.fleiss_kappa(long_frame(WIKIPEDIA_TABLE)), 3) == 0.210


def test_fleiss_kappa_by_hand_and_at_the_extremes():
    # two tasks, three raters: (a, a, b) and (b, b, b). P_i = 1/3 and 1; P = 2/3.
    # shares a 2/6, b 4/6; P_e = 1/9 + 4/9 = 5/9; kappa = (2/3 - 5/9) / (4/9) = 1/4
    frame = long_frame([[2, 1], [0, 3]])
    assert quality.fleiss_kappa(frame) == pytest.approx(0.25)
    assert quality.fleiss_kappa(long_frame([[3, 0], [0, 3], [3, 0]])) == pytest.approx(1.0)
    assert math.isnan(quality.fleiss_kappa(long_frame([[3], [3]])))


def test_fleiss_kappa_of_uniform_workers_matches_theory():
    """Raters right with probability p, errors uniform over K classes in equal shares:
    two raters agree with probability p^2 + (1-p)^2/(K-1), by chance 1/K."""
    p, k = 0.7, 3
    data = dataset(6000)
    job = collect.run_job(data, WorkerPool.uniform(30, accuracy=p, seed=0), redundancy=4, gold_fraction=0.0,
                          seed=1)
    agreement = p**2 + (1 - p) ** 2 / (k - 1)
    expected = (agreement - 1 / k) / (1 - 1 / k)
    assert quality.fleiss_kappa(job.annotations) == pytest.approx(expected, abs=0.02)


def test_fleiss_kappa_needs_a_constant_number_of_labels():
    frame = long_frame([[2, 1], [1, 1]])
    with pytest.raises(ValueError, match="same number of labels on every task.*between 2 and 3"):
        quality.fleiss_kappa(frame)
    with pytest.raises(ValueError, match="at least 2 labels per task"):
        quality.fleiss_kappa(long_frame([[1, 0], [0, 1]]))
    with pytest.raises(TypeError, match="annotations must be a pandas DataFrame"):
        quality.fleiss_kappa(WIKIPEDIA_TABLE)


# --- worker scores -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mixed_job():
    data = dataset(1500)
    pool = WorkerPool.mixed(n_workers=20, seed=3)
    return collect.run_job(data, pool, redundancy=3, gold_fraction=0.2, seed=4), data, pool


def test_worker_scores_count_gold_answers(mixed_job):
    job, data, _ = mixed_job
    gold = data.truth[list(job.gold)]
    scores = quality.worker_scores(job.annotations, gold)
    assert list(scores.columns) == ["n_labels", "gold_answered", "gold_right", "gold_accuracy"]
    counts = job.annotations.groupby("worker").size()
    pd.testing.assert_series_equal(scores["n_labels"], counts, check_names=False)
    # the job scored the same gold answers when it decided whom to reject
    for column in ("gold_answered", "gold_right"):
        np.testing.assert_array_equal(scores[column], job.gold_scores.loc[scores.index, column])
    np.testing.assert_allclose(scores["gold_accuracy"], job.gold_scores.loc[scores.index, "gold_accuracy"])


def test_worker_scores_by_hand():
    frame = pd.DataFrame({"task": [0, 1, 2, 0, 2], "worker": ["w0", "w0", "w0", "w1", "w2"],
                          "label": ["a", "b", "a", "b", "c"]})
    scores = quality.worker_scores(frame, pd.Series({0: "a", 1: "a"}))
    assert scores["gold_answered"].tolist() == [2, 1, 0]
    assert scores["gold_accuracy"].tolist()[:2] == [0.5, 0.0]
    assert math.isnan(scores.loc["w2", "gold_accuracy"])


def test_spammers_agree_less_with_the_aggregate(mixed_job):
    job, _, pool = mixed_job
    result = aggregate.dawid_skene(job.annotations)
    agreement = quality.agreement_with_aggregate(job.annotations, result.labels)
    kinds = pool.table["kind"].reindex(agreement.index)
    assert agreement[kinds == "spammer"].max() < agreement[kinds == "reliable"].min()
    assert ((agreement >= 0) & (agreement <= 1)).all()


def test_agreement_with_aggregate_by_hand():
    frame = pd.DataFrame({"task": [0, 1, 0, 5], "worker": ["w0", "w0", "w1", "w1"],
                          "label": ["a", "b", "b", "a"]})
    agreement = quality.agreement_with_aggregate(frame, pd.Series({0: "a", 1: "a"}))
    assert agreement.to_dict() == {"w0": 0.5, "w1": 0.0}
    with pytest.raises(ValueError, match="no task in common"):
        quality.agreement_with_aggregate(frame, pd.Series({9: "a"}))


def test_worker_agreement_figure(mixed_job):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from labelsim import plots

    job, _, pool = mixed_job
    agreement = quality.agreement_with_aggregate(job.annotations, aggregate.majority_vote(job.annotations).labels)
    fig, alt = plots.worker_agreement(agreement, kinds=pool.table["kind"], chance=1 / 3)
    ax = fig.axes[0]
    heights = sorted(p.get_height() for p in ax.patches)
    np.testing.assert_allclose(heights, np.sort(agreement.to_numpy()))
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel() == "score"
    below = int((agreement < 1 / 3).sum())
    assert alt.startswith(f"Score of {len(agreement)} workers") and f"{below} below chance" in alt
    plt.close(fig)
