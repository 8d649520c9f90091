"""aggregate: majority vote, weighted vote and Dawid-Skene against known results and Crowd-Kit."""

import itertools
import math
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from labelsim import aggregate, collect, datasets, quality
from labelsim.workers import WorkerPool


def dataset(n_items: int, classes=("a", "b")):
    """The least run_job needs: truth indexed by task (classes in equal shares), the classes."""
    truth = pd.Series(np.array(classes)[np.arange(n_items) % len(classes)],
                      index=pd.RangeIndex(n_items, name="task"))
    return SimpleNamespace(truth=truth, classes=classes)


def uniform_job(n_items, classes, accuracy, redundancy, seed, n_workers=30):
    data = dataset(n_items, classes)
    pool = WorkerPool.uniform(n_workers, accuracy=accuracy, seed=seed)
    job = collect.run_job(data, pool, redundancy=redundancy, gold_fraction=0.0, seed=seed)
    return job.annotations, data.truth


@pytest.fixture(scope="module")
def spammy_job():
    """Shapes labelled by a pool where 40% of workers are spammers."""
    data = datasets.shapes(n_items=400, n_classes=3, ambiguity=0.2, seed=0)
    pool = WorkerPool.mixed(n_workers=25, seed=1,
                            shares={"reliable": 0.4, "sloppy": 0.2, "spammer": 0.4})
    return collect.run_job(data, pool, redundancy=5, seed=2).annotations, data.truth


# --- known results -----------------------------------------------------------------------------

def sheng_majority_accuracy(p: float, redundancy: int) -> float:
    """Sheng, Provost & Ipeirotis (2008): P(majority of 2N+1 binary labels is right)."""
    n = redundancy // 2
    return sum(math.comb(redundancy, i) * p**i * (1 - p) ** (redundancy - i)
               for i in range(n + 1, redundancy + 1))


def majority_accuracy_with_ties(p: float, redundancy: int, n_classes: int) -> float:
    """Exact P(right) of majority vote with uniform random tie-breaking, by enumerating all
    vote counts: true class with probability p, each other class (1 - p) / (K - 1)."""
    probs = [p] + [(1 - p) / (n_classes - 1)] * (n_classes - 1)
    total = 0.0
    for counts in itertools.product(range(redundancy + 1), repeat=n_classes):
        if sum(counts) != redundancy:
            continue
        multinomial = math.factorial(redundancy) / math.prod(math.factorial(c) for c in counts)
        chance = multinomial * math.prod(q**c for q, c in zip(probs, counts))
        if counts[0] == max(counts):
            total += chance / counts.count(max(counts))
    return total


@pytest.mark.parametrize("redundancy", [1, 3, 5, 7])
def test_majority_vote_matches_sheng_binomial_formula(redundancy):
    annotations, truth = uniform_job(20_000, ("a", "b"), 0.7, redundancy, seed=redundancy)
    observed = quality.accuracy(aggregate.majority_vote(annotations, seed=0).labels, truth)
    expected = sheng_majority_accuracy(0.7, redundancy)
    assert abs(observed - expected) < 4 * math.sqrt(expected * (1 - expected) / len(truth))


@pytest.mark.parametrize("redundancy", [2, 4])
def test_majority_vote_with_ties_matches_exact_multiclass_accuracy(redundancy):
    """Even redundancy, 3 classes: ties are common, and a fair tie-break is needed to match."""
    annotations, truth = uniform_job(20_000, ("a", "b", "c"), 0.6, redundancy, seed=10 + redundancy)
    observed = quality.accuracy(aggregate.majority_vote(annotations, seed=1).labels, truth)
    expected = majority_accuracy_with_ties(0.6, redundancy, 3)
    assert abs(observed - expected) < 4 * math.sqrt(expected * (1 - expected) / len(truth))


def test_exact_formula_agrees_with_sheng_for_binary_odd_redundancy():
    for r in (1, 3, 5, 9):
        assert majority_accuracy_with_ties(0.65, r, 2) == pytest.approx(sheng_majority_accuracy(0.65, r))


# --- majority vote -----------------------------------------------------------------------------

def test_majority_vote_posteriors_are_vote_shares():
    frame = pd.DataFrame({"task": [5, 5, 5, 2, 2], "worker": ["w0", "w1", "w2", "w0", "w1"],
                          "label": ["y", "x", "y", "x", "x"], "seconds": 1.0})
    res = aggregate.majority_vote(frame)
    assert res.method == "majority_vote" and res.confusions is None and res.n_iter is None
    assert res.labels.to_dict() == {2: "x", 5: "y"}
    assert res.labels.index.name == "task" and res.labels.name == "label"
    assert list(res.posteriors.columns) == ["x", "y"]
    np.testing.assert_allclose(res.posteriors.loc[5].to_numpy(), [1 / 3, 2 / 3])
    np.testing.assert_allclose(res.posteriors.loc[2].to_numpy(), [1.0, 0.0])


def test_ties_are_broken_at_random_reproducibly_and_fairly():
    n = 4000
    frame = pd.DataFrame({"task": np.repeat(np.arange(n), 2), "worker": ["w0", "w1"] * n,
                          "label": ["a", "b"] * n})
    first = aggregate.majority_vote(frame, seed=3).labels
    pd.testing.assert_series_equal(first, aggregate.majority_vote(frame, seed=3).labels)
    assert not first.equals(aggregate.majority_vote(frame, seed=4).labels)
    share_a = (first == "a").mean()
    assert abs(share_a - 0.5) < 4 * math.sqrt(0.25 / n)


def test_weighted_vote_follows_weights():
    frame = pd.DataFrame({"task": [0, 0, 0, 1, 1, 1], "worker": ["w0", "w1", "w2"] * 2,
                          "label": ["a", "b", "b", "b", "a", "a"]})
    weights = pd.Series({"w0": 3.0, "w1": 1.0, "w2": 1.0, "unused": 9.0})
    res = aggregate.weighted_majority_vote(frame, weights)
    assert res.labels.tolist() == ["a", "b"] and res.method == "weighted_majority_vote"
    np.testing.assert_allclose(res.posteriors.to_numpy(), [[0.6, 0.4], [0.4, 0.6]])
    # a zero weight silences a worker
    silenced = aggregate.weighted_majority_vote(frame, weights.replace({3.0: 0.0}))
    assert silenced.labels.tolist() == ["b", "a"]


def test_equal_weights_give_majority_vote_and_scale_does_not_matter(spammy_job):
    annotations, _ = spammy_job
    workers = annotations["worker"].unique()
    mv = aggregate.majority_vote(annotations, seed=5)
    for weight in (1.0, 0.25, 7.0):
        wmv = aggregate.weighted_majority_vote(annotations, pd.Series(weight, index=workers), seed=5)
        pd.testing.assert_series_equal(wmv.labels, mv.labels)
        pd.testing.assert_frame_equal(wmv.posteriors, mv.posteriors)


def test_gold_weights_beat_plain_majority_with_spammers(spammy_job):
    annotations, truth = spammy_job
    gold = truth[annotations.loc[annotations["is_gold"], "task"].unique()]
    weights = quality.worker_scores(annotations, gold)["gold_accuracy"].fillna(0.0)
    weights = (weights - 1 / 3).clip(lower=0.0) + 1e-3  # above chance only; nobody at 0
    weighted = quality.accuracy(aggregate.weighted_majority_vote(annotations, weights).labels, truth)
    plain = quality.accuracy(aggregate.majority_vote(annotations).labels, truth)
    assert weighted > plain + 0.02


# --- Dawid-Skene -------------------------------------------------------------------------------

def brute_force_posteriors(annotations, res):
    """Posterior and log-likelihood of each task from res.confusions and res.priors, by loops."""
    labels = list(res.posteriors.columns)
    rows, total = {}, 0.0
    for task, group in annotations.groupby("task"):
        joint = []
        for true in labels:
            value = math.log(res.priors[true])
            for worker, observed in zip(group["worker"], group["label"]):
                value += math.log(res.confusions.loc[(worker, true), observed])
            joint.append(value)
        peak = max(joint)
        evidence = peak + math.log(sum(math.exp(v - peak) for v in joint))
        rows[task] = [math.exp(v - evidence) for v in joint]
        total += evidence
    return pd.DataFrame.from_dict(rows, orient="index", columns=labels), total


def test_dawid_skene_result_is_consistent_with_its_parameters(spammy_job):
    annotations = spammy_job[0].query("task < 80")
    res = aggregate.dawid_skene(annotations)
    posteriors, log_likelihood = brute_force_posteriors(annotations, res)
    np.testing.assert_allclose(res.posteriors.to_numpy(), posteriors.to_numpy(), atol=1e-10)
    assert res.log_likelihood == pytest.approx(log_likelihood, rel=1e-12)
    np.testing.assert_allclose(res.confusions.sum(axis=1), 1.0)
    assert res.confusions.index.names == ["worker", "true"] and res.confusions.columns.name == "answer"
    assert res.priors.sum() == pytest.approx(1.0) and res.method == "dawid_skene"


def test_dawid_skene_recovers_uniform_workers_accuracy_and_priors():
    annotations, truth = uniform_job(6000, ("a", "b", "c"), 0.7, 5, seed=7, n_workers=20)
    res = aggregate.dawid_skene(annotations)
    diagonal = [res.confusions.loc[(w, c), c] for w in res.confusions.index.levels[0] for c in "abc"]
    assert abs(np.mean(diagonal) - 0.7) < 0.01 and np.std(diagonal) < 0.05
    np.testing.assert_allclose(res.priors.to_numpy(), 1 / 3, atol=0.02)
    assert quality.accuracy(res.labels, truth) > quality.accuracy(
        aggregate.majority_vote(annotations).labels, truth) - 0.01


def test_em_never_lowers_the_likelihood(spammy_job):
    annotations, _ = spammy_job
    values = [aggregate.dawid_skene(annotations, max_iter=k, tol=0.0, smoothing=1e-10).log_likelihood
              for k in range(1, 15)]
    assert all(b >= a - 1e-9 for a, b in zip(values, values[1:]))
    assert values[-1] > values[0]


def test_tolerance_and_max_iter_stop_the_iterations(spammy_job):
    annotations, _ = spammy_job
    assert aggregate.dawid_skene(annotations, max_iter=3, tol=0.0).n_iter == 3
    loose = aggregate.dawid_skene(annotations, tol=1e-2).n_iter
    tight = aggregate.dawid_skene(annotations, tol=1e-9, max_iter=500).n_iter
    assert 2 <= loose < tight < 500


def test_dawid_skene_beats_majority_vote_with_many_spammers(spammy_job):
    annotations, truth = spammy_job
    ds = quality.accuracy(aggregate.dawid_skene(annotations).labels, truth)
    mv = quality.accuracy(aggregate.majority_vote(annotations).labels, truth)
    assert ds > mv + 0.03


def test_dawid_skene_keeps_integer_labels():
    annotations, truth = uniform_job(300, ("3", "7", "11"), 0.8, 3, seed=2, n_workers=10)
    annotations, truth = annotations.assign(label=annotations["label"].astype(int)), truth.astype(int)
    res = aggregate.dawid_skene(annotations)
    assert list(res.posteriors.columns) == [3, 7, 11]
    assert set(res.labels) <= {3, 7, 11} and quality.accuracy(res.labels, truth) > 0.85


# --- agreement with Crowd-Kit ------------------------------------------------------------------

def crowdkit_posteriors(annotations, **params):
    from crowdkit.aggregation import DawidSkene

    model = DawidSkene(**params)
    with warnings.catch_warnings():  # Crowd-Kit 1.4.2 uses pandas keywords pandas 3 deprecates
        warnings.simplefilter("ignore")
        posteriors = model.fit_predict_proba(annotations[["task", "worker", "label"]])
    return posteriors, model.labels_


@pytest.mark.parametrize("n_iter", [1, 30])
def test_dawid_skene_matches_crowdkit_iteration_by_iteration(spammy_job, n_iter):
    """Same start (majority-vote shares), same steps: with Crowd-Kit's tiny smoothing
    (it clips counts at 1e-10), the posteriors agree after any number of iterations."""
    annotations, _ = spammy_job
    ours = aggregate.dawid_skene(annotations, max_iter=n_iter, tol=0.0, smoothing=1e-10)
    assert ours.n_iter == n_iter
    theirs, their_labels = crowdkit_posteriors(annotations, n_iter=n_iter, tol=-np.inf)
    theirs = theirs.reindex(index=ours.posteriors.index, columns=ours.posteriors.columns)
    assert np.abs(theirs.to_numpy() - ours.posteriors.to_numpy()).max() < 1e-8
    assert (their_labels.reindex(ours.labels.index) == ours.labels).mean() == 1.0


def test_default_dawid_skene_agrees_with_crowdkit_run_to_convergence(spammy_job):
    annotations, truth = spammy_job
    ours = aggregate.dawid_skene(annotations)
    theirs, their_labels = crowdkit_posteriors(annotations, n_iter=60, tol=-np.inf)
    theirs = theirs.reindex(index=ours.posteriors.index, columns=ours.posteriors.columns)
    assert (their_labels.reindex(ours.labels.index) == ours.labels).mean() >= 0.995
    # the default pseudo-count (0.01) moves posteriors a little, not the decisions
    assert np.abs(theirs.to_numpy() - ours.posteriors.to_numpy()).mean() < 0.01
    assert abs(quality.accuracy(ours.labels, truth) - quality.accuracy(their_labels, truth)) <= 0.005


# --- properties --------------------------------------------------------------------------------

rows = st.lists(st.tuples(st.integers(0, 7), st.integers(0, 4), st.integers(0, 3)),
                min_size=1, max_size=40, unique_by=lambda row: row[:2])  # one label per (task, worker)


def frame_of(rows, names=("a", "b", "c", "d")):
    task, worker, label = zip(*rows)
    return pd.DataFrame({"task": task, "worker": [f"w{w:03d}" for w in worker],
                         "label": [names[k] for k in label]})


def methods(frame, seed=0):
    weights = pd.Series(np.linspace(0.5, 2.0, 5), index=[f"w{w:03d}" for w in range(5)])
    return [aggregate.majority_vote(frame, seed=seed),
            aggregate.weighted_majority_vote(frame, weights, seed=seed),
            aggregate.dawid_skene(frame)]


def decided(res):
    """Tasks whose top posterior is clearly above the runner-up (no tie)."""
    ranked = np.sort(np.pad(res.posteriors.to_numpy(), ((0, 0), (1, 0))), axis=1)
    return res.posteriors.index[ranked[:, -1] - ranked[:, -2] > 1e-6]


@settings(max_examples=40, deadline=None)
@given(rows=rows)
def test_posteriors_are_distributions_over_the_sorted_labels(rows):
    frame = frame_of(rows)
    for res in methods(frame):
        np.testing.assert_allclose(res.posteriors.sum(axis=1), 1.0)
        assert (res.posteriors.to_numpy() >= 0).all()
        assert list(res.posteriors.columns) == sorted(frame["label"].unique())
        assert list(res.labels.index) == sorted(frame["task"].unique())
        assert res.labels.index.equals(res.posteriors.index)


@settings(max_examples=40, deadline=None)
@given(rows=rows)
def test_unanimous_labels_come_back_unchanged_from_votes(rows):
    frame = frame_of(rows)
    frame["label"] = frame["task"].map(lambda t: "abcd"[t % 4])
    for res in methods(frame)[:2]:
        assert (res.labels == res.labels.index.map(lambda t: "abcd"[t % 4])).all()


@settings(max_examples=40, deadline=None)
@given(task_labels=st.lists(st.integers(0, 3), min_size=1, max_size=8), n_workers=st.integers(1, 4))
def test_unanimous_labels_come_back_unchanged_from_dawid_skene(task_labels, n_workers):
    """Every worker labels every task. (A worker seen on a single task gives no evidence
    about their confusions, and Dawid-Skene may then overrule a unanimous task.)"""
    truth = np.array(list("abcd"))[task_labels]
    frame = pd.DataFrame([(t, f"w{w:03d}", truth[t]) for t in range(len(truth)) for w in range(n_workers)],
                         columns=["task", "worker", "label"])
    assert aggregate.dawid_skene(frame).labels.tolist() == truth.tolist()


@settings(max_examples=40, deadline=None)
@given(rows=rows, data=st.data())
def test_permuting_rows_changes_nothing(rows, data):
    frame = frame_of(rows)
    order = data.draw(st.permutations(range(len(frame))))
    shuffled = frame.iloc[list(order)].reset_index(drop=True)
    for before, after in zip(methods(frame, seed=9), methods(shuffled, seed=9)):
        if before.method == "weighted_majority_vote":  # float sums: same up to rounding
            np.testing.assert_allclose(after.posteriors, before.posteriors, rtol=0, atol=1e-12)
        else:  # integer counts; Dawid-Skene sorts rows first: same numbers, bit for bit
            pd.testing.assert_frame_equal(after.posteriors, before.posteriors, check_exact=True)
        pd.testing.assert_series_equal(after.labels, before.labels)
        if before.log_likelihood is not None:
            assert after.log_likelihood == before.log_likelihood


@settings(max_examples=40, deadline=None)
@given(rows=rows, data=st.data())
def test_renaming_classes_renames_the_result(rows, data):
    old = ("a", "b", "c", "d")
    new = tuple(data.draw(st.permutations(["p", "q", "r", "s"])))
    rename = dict(zip(old, new))
    before = methods(frame_of(rows, old), seed=2)
    after = methods(frame_of(rows, new), seed=2)
    for b, a in zip(before, after):
        renamed = b.posteriors.rename(columns=rename)
        pd.testing.assert_frame_equal(a.posteriors[renamed.columns], renamed, check_names=False,
                                      atol=1e-9, rtol=0)
        sure = decided(b)
        assert (a.labels[sure] == b.labels[sure].map(rename)).all()


@settings(max_examples=40, deadline=None)
@given(rows=rows)
def test_order_preserving_renaming_keeps_even_the_tie_breaks(rows):
    before = aggregate.majority_vote(frame_of(rows, (1, 2, 3, 4)), seed=4).labels
    after = aggregate.majority_vote(frame_of(rows, ("c1", "c2", "c3", "c4")), seed=4).labels
    assert after.tolist() == [f"c{k}" for k in before]


# --- bad input ---------------------------------------------------------------------------------

GOOD = pd.DataFrame({"task": [0, 0], "worker": ["w0", "w1"], "label": ["a", "b"]})


@pytest.mark.parametrize("function", [aggregate.majority_vote, aggregate.dawid_skene])
def test_bad_annotations_are_refused_with_a_clear_message(function):
    with pytest.raises(TypeError, match="annotations must be a pandas DataFrame"):
        function([(0, "w0", "a")])
    with pytest.raises(ValueError, match="annotations is empty"):
        function(GOOD.iloc[:0])
    with pytest.raises(ValueError, match=r"missing column\(s\) \['label'\]"):
        function(GOOD.drop(columns="label"))
    with pytest.raises(ValueError, match="missing value.*'label'"):
        function(GOOD.assign(label=["a", None]))
    with pytest.raises(ValueError, match="'label' mixes values of different types"):
        function(GOOD.assign(label=pd.Series(["a", 1], dtype=object)))


def test_bad_parameters_are_named():
    with pytest.raises(ValueError, match="max_iter must be between 1 and"):
        aggregate.dawid_skene(GOOD, max_iter=0)
    with pytest.raises(TypeError, match="max_iter must be an integer"):
        aggregate.dawid_skene(GOOD, max_iter=2.5)
    with pytest.raises(ValueError, match="tol must be in"):
        aggregate.dawid_skene(GOOD, tol=-1e-3)
    with pytest.raises(ValueError, match="tol must be in"):
        aggregate.dawid_skene(GOOD, tol=float("nan"))
    with pytest.raises(ValueError, match="smoothing must be in"):
        aggregate.dawid_skene(GOOD, smoothing=0.0)
    with pytest.raises(ValueError, match="seed must be at least 0"):
        aggregate.majority_vote(GOOD, seed=-1)


def test_bad_weights_are_refused():
    with pytest.raises(TypeError, match="weights must be a pandas Series"):
        aggregate.weighted_majority_vote(GOOD, {"w0": 1.0, "w1": 1.0})
    with pytest.raises(ValueError, match=r"weights has no weight for 1 worker.*w1"):
        aggregate.weighted_majority_vote(GOOD, pd.Series({"w0": 1.0}))
    with pytest.raises(ValueError, match=r"weights must be finite numbers in \[0, 1e12\]"):
        aggregate.weighted_majority_vote(GOOD, pd.Series({"w0": 1.0, "w1": -0.5}))
    with pytest.raises(ValueError, match=r"weights must be finite numbers in \[0, 1e12\]"):
        aggregate.weighted_majority_vote(GOOD, pd.Series({"w0": 1.0, "w1": np.nan}))
    with pytest.raises(ValueError, match="weights are 0 for every worker who labelled task 0"):
        aggregate.weighted_majority_vote(GOOD, pd.Series({"w0": 0.0, "w1": 0.0}))


def test_confusion_heatmap_of_a_dawid_skene_estimate(spammy_job):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from labelsim import plots

    annotations, _ = spammy_job
    worker = annotations["worker"].iloc[0]
    matrix = aggregate.dawid_skene(annotations).confusions.loc[worker]
    fig, alt = plots.confusion_heatmap(matrix, title=f"Estimated confusions of {worker}")
    ax = fig.axes[0]
    assert ax.get_xlabel() == "answer given" and ax.get_ylabel() == "true label"
    np.testing.assert_allclose(ax.images[0].get_array(), matrix.to_numpy())
    assert len(ax.texts) == matrix.size
    diagonal = np.diag(matrix.to_numpy())
    assert alt.startswith(f"Estimated confusions of {worker}: right answers (diagonal) range "
                          f"from {diagonal.min():.2f}")
    plt.close(fig)


# --- Bradley-Terry --------------------------------------------------------------------------

def bt_comparisons(strengths, n_per_pair, seed, worker_count=None):
    """Comparisons drawn from the Bradley-Terry model itself: i beats j w.p. p_i / (p_i + p_j).
    Each row has its own worker, so no worker compares a pair twice."""
    g = np.random.default_rng(seed)
    items = [f"i{k}" for k in range(len(strengths))]
    rows = []
    for i, j in itertools.combinations(range(len(strengths)), 2):
        wins_i = g.random(n_per_pair) < strengths[i] / (strengths[i] + strengths[j])
        for w in wins_i:
            rows.append((items[i], items[j], items[i] if w else items[j]))
    frame = pd.DataFrame(rows, columns=["left", "right", "label"])
    frame.insert(0, "worker", [f"w{k:05d}" for k in range(len(frame))])
    return frame


@pytest.fixture(scope="module")
def preference_job():
    answers = datasets.answers(n_items=15, seed=0)
    pool = WorkerPool.mixed(n_workers=12, seed=1)
    return collect.run_pairwise_job(answers, pool, redundancy=3, seed=2).annotations


@pytest.mark.parametrize("n_iter", [1, 2, 7, 200])
def test_bradley_terry_matches_crowdkit_iteration_by_iteration(preference_job, n_iter):
    from crowdkit.aggregation import BradleyTerry

    theirs = BradleyTerry(n_iter=n_iter, tol=0).fit(preference_job).scores_
    ours = aggregate.bradley_terry(preference_job, n_iter=n_iter, tol=0)
    assert ours.index.tolist() == theirs.index.tolist()
    np.testing.assert_allclose(ours.to_numpy(), theirs.to_numpy(), rtol=1e-10, atol=1e-14)


def test_crowdkit_default_stops_after_two_iterations_as_documented(preference_job):
    from crowdkit.aggregation import BradleyTerry

    theirs = BradleyTerry(n_iter=100).fit(preference_job).scores_
    np.testing.assert_allclose(aggregate.bradley_terry(preference_job, n_iter=2).to_numpy(),
                               theirs.to_numpy(), rtol=1e-10)
    converged = aggregate.bradley_terry(preference_job, n_iter=10_000, tol=1e-12)
    assert np.abs(converged.to_numpy() - theirs.to_numpy()).sum() > 1e-3


def test_bradley_terry_recovers_known_strengths():
    strengths = np.array([0.05, 0.1, 0.15, 0.3, 0.4])
    frame = bt_comparisons(strengths, n_per_pair=4000, seed=0)
    scores = aggregate.bradley_terry(frame, n_iter=5000, tol=1e-12)
    np.testing.assert_allclose(scores.to_numpy(), strengths, atol=0.01)
    assert scores.sum() == pytest.approx(1.0)


def test_bradley_terry_exact_small_cases():
    # two items, 3 wins to 1: the likelihood p^3 (1-p) peaks at p = 3/4
    frame = pd.DataFrame({"worker": ["a", "b", "c", "d"], "left": ["x"] * 4, "right": ["y"] * 4,
                          "label": ["x", "x", "x", "y"]})
    scores = aggregate.bradley_terry(frame, n_iter=1000, tol=0)
    assert scores.to_dict() == pytest.approx({"x": 0.75, "y": 0.25})
    # a cycle a > b > c > a: every item equal
    cycle = pd.DataFrame({"worker": ["w"] * 3, "left": ["a", "b", "c"], "right": ["b", "c", "a"],
                          "label": ["a", "b", "c"]})
    assert aggregate.bradley_terry(cycle).tolist() == pytest.approx([1 / 3] * 3)


def test_bradley_terry_ranks_a_low_noise_preference_job_by_quality():
    answers = datasets.answers(n_items=30, seed=5)
    job = collect.run_pairwise_job(answers, WorkerPool.uniform(20, seed=4), redundancy=5,
                                   noise=0.5, close_call=0.0, seed=5)
    scores = aggregate.bradley_terry(job.annotations)
    rank_correlation = np.corrcoef(scores.rank(), answers.quality.loc[scores.index].rank())[0, 1]
    assert rank_correlation > 0.97


def test_bradley_terry_refuses_items_never_compared_with_the_others():
    frame = pd.DataFrame({"worker": ["w0", "w1"], "left": ["a", "c"], "right": ["b", "d"],
                          "label": ["a", "c"]})
    with pytest.raises(ValueError, match="separate groups"):
        aggregate.bradley_terry(frame)


def test_bradley_terry_warns_when_an_item_never_wins_and_keeps_the_order():
    frame = pd.DataFrame({"worker": ["w0", "w1", "w2"], "left": ["a", "b", "c"],
                          "right": ["b", "c", "a"], "label": ["a", "b", "a"]})
    with pytest.warns(RuntimeWarning, match=r"never preferred: \['c'\]"):
        scores = aggregate.bradley_terry(frame)
    assert scores.idxmin() == "c" and scores["c"] == 0.0


@pytest.mark.parametrize("change, message", [
    (dict(label=["z", "a", "c"]), "left or right"),
    (dict(right=["a", "c", "a"]), "with itself"),
    (dict(worker=["w", "w", "w"], left=["a", "b", "b"], right=["b", "a", "c"],
          label=["a", "a", "b"]), "repeated"),
])
def test_bradley_terry_validates_comparisons(change, message):
    frame = pd.DataFrame({"worker": ["w0", "w1", "w2"], "left": ["a", "b", "c"],
                          "right": ["b", "c", "a"], "label": ["a", "b", "c"]})
    with pytest.raises(ValueError, match=message):
        aggregate.bradley_terry(frame.assign(**change))


def test_confusions_are_crowdkit_errors_transposed_and_oriented_like_the_pool(spammy_job):
    """One orientation: rows true label, columns answer, as WorkerPool.confusion; Crowd-Kit's
    errors_ holds the same numbers indexed by (worker, answer), one column per true label."""
    from crowdkit.aggregation import DawidSkene

    annotations, _ = spammy_job
    # Crowd-Kit re-estimates errors_ from its final posteriors: our next iteration's M-step
    ours = aggregate.dawid_skene(annotations, max_iter=6, tol=0.0, smoothing=1e-10).confusions
    model = DawidSkene(n_iter=5, tol=-np.inf)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(annotations[["task", "worker", "label"]])
    worker = ours.index.levels[0][0]
    theirs = model.errors_.loc[worker].T.reindex(index=ours.loc[worker].index,
                                                   columns=ours.loc[worker].columns)
    np.testing.assert_allclose(ours.loc[worker].to_numpy(), theirs.to_numpy(), atol=1e-8)
    pool_matrix = WorkerPool.uniform(3, seed=0).confusion("w000", list(ours.columns))
    assert (ours.loc[worker].index.name, ours.columns.name) == ("true", "answer")
    assert (pool_matrix.index.name, pool_matrix.columns.name) == ("true", "answer")


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_bradley_terry_ignores_row_order_and_sides(preference_job, data):
    """Scores depend on who was preferred to whom, not on the rows' order or which side
    an item was shown on; they are positive and sum to 1."""
    order = data.draw(st.permutations(range(len(preference_job))))
    swap = np.array(data.draw(st.lists(st.booleans(), min_size=len(preference_job),
                                       max_size=len(preference_job))))
    shuffled = preference_job.iloc[list(order)].reset_index(drop=True)
    flipped = swap[: len(shuffled)]
    left, right = shuffled["left"].copy(), shuffled["right"].copy()
    shuffled.loc[flipped, "left"], shuffled.loc[flipped, "right"] = right[flipped], left[flipped]
    ours = aggregate.bradley_terry(shuffled, n_iter=500, tol=0)
    base = aggregate.bradley_terry(preference_job, n_iter=500, tol=0)
    np.testing.assert_allclose(ours.to_numpy(), base.to_numpy(), rtol=1e-9)
    assert (ours > 0).all() and ours.sum() == pytest.approx(1.0)
