"""Turn many workers' labels into one label per task: majority vote, weighted vote, Dawid-Skene;
and pairwise comparisons into a score per item: Bradley-Terry.

Every function takes the Crowd-Kit long format, a DataFrame with columns ``task``, ``worker``
and ``label`` (extra columns are ignored), and returns an :class:`AggregationResult`.
Labels can be any sortable values (all strings or all numbers); results use the original
labels, and posterior columns are the labels in sorted order. A worker labels a task at most
once: repeated (task, worker) rows raise a ValueError (drop them first, e.g.
``annotations.drop_duplicates(["task", "worker"], keep="last")``). :func:`bradley_terry` takes
Crowd-Kit's pairwise format (``worker``, ``left``, ``right``, ``label`` = the preferred item),
with the same rule: a worker compares a pair at most once.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse import csgraph

from ._validate import (MAX_ITERATIONS, check_annotations, check_comparisons, check_int,
                        check_real, rng)

__all__ = ["AggregationResult", "majority_vote", "weighted_majority_vote", "dawid_skene",
           "bradley_terry"]


@dataclass(frozen=True, kw_only=True)
class AggregationResult:
    """What an aggregation method concluded about each task.

    labels: Series task -> label (index name ``task``, name ``label``).
    posteriors: DataFrame task x label (columns sorted); each row sums to 1. For the votes
        these are vote shares; for Dawid-Skene, posterior probabilities.
    confusions: Dawid-Skene only: each worker's estimated confusion matrix, a DataFrame
        indexed by (``worker``, ``true``) with one column per label (columns named ``answer``);
        row (w, t) is worker w's distribution of answers when the true label is t, so each row
        sums to 1. ``confusions.loc[w]`` has the orientation and axis names of
        ``workers.WorkerPool.confusion``. Crowd-Kit's ``DawidSkene().errors_`` is the transpose
        per worker: indexed by (worker, answer), one column per true label; it is estimated
        once more from the final posteriors, so ``errors_`` after n iterations matches these
        confusions after n + 1 (tests/test_aggregate.py).
    priors: Dawid-Skene only: Series label -> estimated share of tasks with that true label.
    log_likelihood: Dawid-Skene only: log-likelihood of the labels under the final
        confusions and priors (natural log, summed over tasks).
    n_iter: Dawid-Skene only: number of EM iterations run.
    method: name of the function that produced the result.
    """

    labels: pd.Series
    posteriors: pd.DataFrame
    confusions: pd.DataFrame | None = None
    priors: pd.Series | None = None
    log_likelihood: float | None = None
    n_iter: int | None = None
    method: str


@dataclass(frozen=True)
class _Coded:
    """Annotations as integer codes: tasks, workers and labels numbered in sorted order."""

    task: np.ndarray
    worker: np.ndarray
    label: np.ndarray
    tasks: pd.Index
    workers: pd.Index
    labels: pd.Index


def _encode(annotations) -> _Coded:
    frame = check_annotations(annotations)
    codes, uniques = [], []
    for column in ("task", "worker", "label"):
        kind = pd.api.types.infer_dtype(frame[column], skipna=False)
        if kind.startswith("mixed") and kind != "mixed-integer-float":
            raise ValueError(
                f"annotations column {column!r} mixes values of different types (e.g. strings "
                f"and numbers); use one type per column")
        # factorizing the plain NumPy values is about twice as fast as the pandas string column
        code, unique = pd.factorize(frame[column].to_numpy(), sort=True)
        codes.append(code.astype(np.intp))
        uniques.append(pd.Index(unique, dtype=frame[column].dtype))
    return _Coded(*codes, *uniques)


def _vote(coded: _Coded, weights: np.ndarray | None, seed, method: str) -> AggregationResult:
    """Label = the label with most (weighted) votes; ties broken by a seeded random choice."""
    gen = rng(seed)
    n_tasks, n_labels = len(coded.tasks), len(coded.labels)
    votes = np.bincount(coded.task * n_labels + coded.label, weights=weights,
                        minlength=n_tasks * n_labels).reshape(n_tasks, n_labels)
    totals = votes.sum(axis=1)
    if np.any(totals <= 0):
        task = coded.tasks[int(np.flatnonzero(totals <= 0)[0])]
        raise ValueError(
            f"weights are 0 for every worker who labelled task {task}: each task needs "
            f"at least one worker with a positive weight")
    top = votes.max(axis=1, keepdims=True)
    tied = votes >= top * (1 - 1e-9)  # tolerance: weighted sums may differ in the last bits
    keys = np.where(tied, gen.random(votes.shape), -1.0)
    winner = keys.argmax(axis=1)
    return _result(coded, winner, votes / totals[:, None], method=method)


def _result(coded: _Coded, winner: np.ndarray, posteriors: np.ndarray, **extra) -> AggregationResult:
    tasks = coded.tasks.rename("task")
    labels = pd.Series(coded.labels.take(winner), index=tasks, name="label")
    frame = pd.DataFrame(posteriors, index=tasks, columns=coded.labels.rename("label"))
    return AggregationResult(labels=labels, posteriors=frame, **extra)


def majority_vote(annotations: pd.DataFrame, *, seed: int = 0) -> AggregationResult:
    """Each task gets the label most of its workers gave; posteriors are the vote shares.

    Ties are broken by a random choice among the tied labels, drawn from ``seed``: the
    same seed gives the same choices for the same tasks and (sorted) labels.

    >>> frame = pd.DataFrame({"task": [0, 0, 0, 1], "worker": ["w000", "w001", "w002", "w000"],
    ...                       "label": ["cat", "dog", "cat", "dog"]})
    >>> majority_vote(frame).labels.tolist()
    ['cat', 'dog']
    """
    return _vote(_encode(annotations), None, seed, "majority_vote")


def weighted_majority_vote(annotations: pd.DataFrame, weights: pd.Series, *,
                           seed: int = 0) -> AggregationResult:
    """Like :func:`majority_vote`, but each worker's vote counts ``weights[worker]`` times.

    ``weights`` is a Series worker -> non-negative weight (e.g. gold accuracy) covering every
    worker in ``annotations``; posteriors are weighted vote shares.

    >>> frame = pd.DataFrame({"task": [0, 0, 0], "worker": ["w000", "w001", "w002"],
    ...                       "label": ["cat", "dog", "dog"]})
    >>> weights = pd.Series({"w000": 3.0, "w001": 1.0, "w002": 1.0})
    >>> weighted_majority_vote(frame, weights).labels.tolist()
    ['cat']
    """
    coded = _encode(annotations)
    if not isinstance(weights, pd.Series):
        raise TypeError(f"weights must be a pandas Series worker -> weight, got {type(weights).__name__}")
    if not weights.index.is_unique:
        raise ValueError("weights has duplicate workers in its index: one weight per worker expected")
    missing = coded.workers.difference(weights.index)
    if len(missing):
        raise ValueError(f"weights has no weight for {len(missing)} worker(s) in annotations, "
                         f"e.g. {list(missing[:3])}")
    if weights.dtype == bool or not pd.api.types.is_numeric_dtype(weights):
        raise TypeError(f"weights must hold numbers, got dtype {weights.dtype}")
    per_worker = weights.reindex(coded.workers).to_numpy(float)
    if np.isnan(per_worker).any() or np.isinf(per_worker).any() or (per_worker < 0).any() or (
            per_worker > 1e12).any():
        raise ValueError("weights must be finite numbers in [0, 1e12] for every worker in "
                         "annotations")
    return _vote(coded, per_worker[coded.worker], seed, "weighted_majority_vote")


def dawid_skene(annotations: pd.DataFrame, *, max_iter: int = 100, tol: float = 1e-5,
                smoothing: float = 0.01) -> AggregationResult:
    """Dawid & Skene (1979): estimate each worker's confusion matrix and the true labels by EM.

    Each worker w has a confusion matrix: the probability of answering ``k`` when the true
    label is ``t``. EM alternates two steps, starting from majority-vote shares as posteriors:
    the M-step estimates confusions and class priors from the current posteriors; the E-step
    recomputes each task's posterior from the priors and its workers' confusions (in log
    space, with a log-sum-exp). It stops when the average log-likelihood per label improves
    by less than ``tol`` (or after ``max_iter`` iterations): the default 1e-5 is Crowd-Kit's
    threshold, and a tighter one changes no label in our benchmark. The returned posteriors, labels
    and log-likelihood come from the final confusions and priors. Ties go to the first label
    in sorted order.

    ``max_iter`` is at most ``MAX_ITERATIONS``, ``tol`` in [0, 1] (nats per label) and
    ``smoothing`` in (0, 100]: a pseudo-count added to every cell of every confusion matrix and to
    every class count before normalising, so no probability is 0 and no log is -inf, even
    for a worker who labelled a single task. (A worker seen on one task tells EM little about
    their confusions: Dawid-Skene can then overrule even a unanimous task.)

    Crowd-Kit's ``DawidSkene`` takes the same steps from the same start, but clips counts at
    1e-10 instead of adding a pseudo-count, and by default stops when its evidence lower
    bound per label improves by less than 1e-5. With ``smoothing=1e-10`` and the same number
    of iterations, the two give the same posteriors to about 1e-9 (tests/test_aggregate.py).

    >>> frame = pd.DataFrame({"task": [0, 0, 0, 1, 1, 1],
    ...                       "worker": ["w000", "w001", "w002"] * 2,
    ...                       "label": ["cat", "cat", "dog", "dog", "dog", "dog"]})
    >>> dawid_skene(frame).labels.tolist()
    ['cat', 'dog']
    """
    coded = _encode(annotations)
    max_iter = check_int("max_iter", max_iter, 1, MAX_ITERATIONS)
    tol = check_real("tol", tol, 0.0, 1.0)
    smoothing = check_real("smoothing", smoothing, 0.0, 100.0, low_open=True)
    n_tasks, n_workers, n_labels = len(coded.tasks), len(coded.workers), len(coded.labels)
    n_pairs, n_rows = n_workers * n_labels, len(coded.task)
    pair = coded.worker * n_labels + coded.label  # (worker, observed label) as one code
    # answers[p, t]: how many times answer pair p was given on task t. Canonical sparse form
    # (sorted, duplicates summed): sums run in the same order whatever the input's row
    # order, so the numbers are the same bit for bit.
    answers = sparse.csr_matrix((np.ones(n_rows), (pair, coded.task)), shape=(n_pairs, n_tasks))
    answers.sum_duplicates()
    answers_by_task = answers.T.tocsr()
    answers_by_task.sum_duplicates()

    # posteriors and joint are (label, task): each label's values contiguous.
    votes = np.bincount(coded.task * n_labels + coded.label, minlength=n_tasks * n_labels)
    votes = votes.reshape(n_tasks, n_labels).T  # exact integer counts
    posteriors = votes / votes.sum(axis=0)
    log_likelihood = -np.inf
    for n_iter in range(1, max_iter + 1):
        # M-step: counts[w, true, observed] = expected number of such answers.
        counts = (answers @ posteriors.T).reshape(n_workers, n_labels, n_labels).transpose(0, 2, 1)
        counts = counts + smoothing
        confusions = counts / counts.sum(axis=2, keepdims=True)
        priors = posteriors.sum(axis=1) + smoothing
        priors /= priors.sum()
        # E-step: log P(true = t, answers of the task) for every t and task.
        log_confusions = np.log(confusions).transpose(0, 2, 1).reshape(n_pairs, n_labels)
        joint = (answers_by_task @ log_confusions).T
        joint += np.log(priors)[:, None]
        peak = joint.max(axis=0)
        scaled = np.exp(joint - peak)  # log-sum-exp: the largest term of each task is 1
        evidence = scaled.sum(axis=0)
        posteriors = np.divide(scaled, evidence, out=scaled)
        previous, log_likelihood = log_likelihood, float((peak + np.log(evidence)).sum())
        if (log_likelihood - previous) / n_rows < tol:
            break

    labels = coded.labels.rename("label")
    confusion_frame = pd.DataFrame(
        confusions.reshape(n_pairs, n_labels),
        index=pd.MultiIndex.from_product([coded.workers, coded.labels], names=["worker", "true"]),
        columns=coded.labels.rename("answer"))
    return _result(coded, posteriors.argmax(axis=0), posteriors.T,
                   confusions=confusion_frame, priors=pd.Series(priors, index=labels, name="prior"),
                   log_likelihood=log_likelihood, n_iter=n_iter, method="dawid_skene")


def bradley_terry(comparisons: pd.DataFrame, *, n_iter: int = 100, tol: float = 1e-5) -> pd.Series:
    """Bradley & Terry (1952): a score per item from who was preferred to whom.

    The model: item i is preferred to j with probability p_i / (p_i + p_j). The scores p
    maximise the likelihood of the comparisons, found by Hunter's (2004) MM iteration
    p_i <- wins_i / sum_j n_ij / (p_i + p_j) (n_ij = comparisons of i and j), normalised to
    sum to 1, from equal scores; it stops when the scores move by less than ``tol`` (sum of
    absolute changes) or after ``n_iter`` iterations. Items never compared, even indirectly,
    with the others raise a ValueError. The estimate exists only if the comparisons connect
    every item both ways (each group of items is preferred at least once to an item outside
    it); if not (an item never preferred, or never beaten), the order is still meaningful but
    those scores head to 0 or 1 without settling, and a RuntimeWarning says so.

    Returns a Series item -> score (index ``item``, sorted; name ``score``), normalised like
    Crowd-Kit's ``BradleyTerry(n_iter=...).fit(comparisons).scores_``, which takes the same
    steps. Crowd-Kit 1.4.2 compares each new score vector with itself (``p_old`` is
    ``p_new``), so with ``tol > 0`` it stops after 2 iterations; with ``tol=0`` both run
    ``n_iter`` iterations and agree to about 1e-12 (tests/test_aggregate.py).

    >>> comparisons = pd.DataFrame({"worker": ["w000", "w001", "w000", "w001"],
    ...                             "left": ["a", "b", "c", "a"], "right": ["b", "c", "a", "c"],
    ...                             "label": ["a", "b", "a", "c"]})
    >>> bradley_terry(comparisons).sort_values(ascending=False).index.tolist()
    ['a', 'b', 'c']
    """
    frame = check_comparisons(comparisons)
    n_iter = check_int("n_iter", n_iter, 1, MAX_ITERATIONS)
    tol = check_real("tol", tol, 0.0, 1.0)
    left, right = frame["left"].to_numpy(), frame["right"].to_numpy()
    codes, items = pd.factorize(np.concatenate([left, right]), sort=True)
    left_code, right_code = codes.reshape(2, -1)
    winner = np.where(frame["label"].to_numpy() == left, left_code, right_code)
    loser = left_code + right_code - winner
    n = len(items)
    _check_connected(winner, loser, items)
    wins = np.bincount(winner, minlength=n).astype(float)
    edge, count = np.unique(np.minimum(winner, loser) * n + np.maximum(winner, loser),
                            return_counts=True)
    a, b = np.divmod(edge, n)
    scores = np.full(n, 1.0 / n)
    for _ in range(n_iter):
        ratio = count / (scores[a] + scores[b])
        new = wins / (np.bincount(a, ratio, n) + np.bincount(b, ratio, n))
        new /= new.sum()
        change, scores = np.abs(new - scores).sum(), new
        if change < tol:
            break
    return pd.Series(scores, index=pd.Index(items, name="item"), name="score")


def _check_connected(winner: np.ndarray, loser: np.ndarray, items: np.ndarray) -> None:
    """Raise if some items were never compared, even indirectly, with the others; warn if
    the comparisons connect them one way only (then some scores are limits, not estimates)."""
    n = len(items)
    graph = sparse.csr_matrix((np.ones(winner.size), (winner, loser)), shape=(n, n))
    n_parts, part = csgraph.connected_components(graph, directed=False)
    if n_parts > 1:
        raise ValueError(
            f"comparisons must link every item to every other through compared pairs; they "
            f"fall into {n_parts} separate groups (e.g. {list(items[part == part[0]][:5])} are "
            f"never compared with the rest), whose scores could not be put on one scale")
    n_groups, _ = csgraph.connected_components(graph, directed=True, connection="strong")
    if n_groups > 1:
        never_won = list(items[np.bincount(winner, minlength=n) == 0][:5])
        never_lost = list(items[np.bincount(loser, minlength=n) == 0][:5])
        warnings.warn(
            f"comparisons connect the items one way only (items never preferred: {never_won}; "
            f"never beaten: {never_lost}; or groups that always beat the rest): their scores "
            f"drift towards 0 or 1 with every iteration instead of settling on an estimate; "
            f"the order stays meaningful, the numbers do not. More comparisons (or more noise "
            f"in the raters) fix it.", RuntimeWarning, stacklevel=3)
