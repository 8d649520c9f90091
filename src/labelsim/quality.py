"""How good are labels? Accuracy against the truth, agreement between raters, worker scores.

Annotations are the Crowd-Kit long format (``task``, ``worker``, ``label``); as everywhere in
labelsim, a worker labels a task at most once, and repeated (task, worker) rows raise a
ValueError. Gold columns have the names ``collect.Job.gold_scores`` uses.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._validate import check_annotations

__all__ = ["accuracy", "cohen_kappa", "fleiss_kappa", "worker_scores", "agreement_with_aggregate"]


def _check_series(name: str, value) -> pd.Series:
    if not isinstance(value, pd.Series):
        raise TypeError(f"{name} must be a pandas Series task -> label, got {type(value).__name__}")
    if value.isna().any():
        raise ValueError(f"{name} has {int(value.isna().sum())} missing label(s)")
    return value


def _shared(a_name: str, a, b_name: str, b) -> tuple[pd.Series, pd.Series]:
    """The two Series restricted to the tasks both have, in the same order."""
    a, b = _check_series(a_name, a), _check_series(b_name, b)
    for name, series in ((a_name, a), (b_name, b)):
        if not series.index.is_unique:
            raise ValueError(f"{name} has duplicate tasks in its index: one label per task expected")
    shared = a.index.intersection(b.index)
    if shared.empty:
        raise ValueError(f"{a_name} and {b_name} have no task in common: nothing to compare")
    return a.loc[shared], b.loc[shared]


def accuracy(labels: pd.Series, truth: pd.Series) -> float:
    """Share of tasks whose label equals the true label, over the tasks both Series have.

    >>> accuracy(pd.Series(["a", "b", "b"]), pd.Series(["a", "b", "a"]))
    0.6666666666666666
    """
    labels, truth = _shared("labels", labels, "truth", truth)
    return float(np.mean(labels.to_numpy() == truth.to_numpy()))


def cohen_kappa(a: pd.Series, b: pd.Series) -> float:
    """Cohen's kappa between two raters' labels (Series task -> label) on their shared tasks.

    kappa = (p_o - p_e) / (1 - p_e), with p_o the observed agreement and p_e the agreement
    expected if both raters labelled at random with their own label frequencies. 1 means
    perfect agreement, 0 chance-level. NaN when p_e = 1 (both raters always give the same
    single label), where kappa is undefined (as in scikit-learn).

    >>> cohen_kappa(pd.Series(["a", "a", "b", "b"]), pd.Series(["a", "a", "b", "a"]))
    0.5
    """
    a, b = _shared("a", a, "b", b)
    codes, _ = pd.factorize(pd.concat([a, b], ignore_index=True))
    n = len(a)
    first, second = codes[:n], codes[n:]
    observed = np.mean(first == second)
    k = codes.max() + 1
    expected = float(np.bincount(first, minlength=k) @ np.bincount(second, minlength=k)) / n**2
    if expected == 1.0:
        return float("nan")
    return float((observed - expected) / (1 - expected))


def fleiss_kappa(annotations: pd.DataFrame) -> float:
    """Fleiss' kappa: chance-corrected agreement of many raters (Fleiss 1971).

    Every task must have the same number of labels (at least 2), as Fleiss' formula
    assumes; otherwise this raises a ValueError saying how the counts vary (keep the tasks
    with a common count, e.g. ``annotations.groupby("task").filter(lambda g: len(g) == 5)``).
    Raters need not be the same people on every task. NaN when every label is the same
    (expected agreement 1).

    >>> frame = pd.DataFrame({"task": [0, 0, 1, 1], "worker": ["w000", "w001"] * 2,
    ...                       "label": ["a", "a", "b", "a"]})
    >>> round(fleiss_kappa(frame), 3)
    -0.333
    """
    frame = check_annotations(annotations)
    table = pd.crosstab(frame["task"], frame["label"]).to_numpy(float)
    raters = table.sum(axis=1)
    if raters.min() != raters.max():
        raise ValueError(
            f"fleiss_kappa needs the same number of labels on every task; annotations has "
            f"between {int(raters.min())} and {int(raters.max())} per task")
    n = raters[0]
    if n < 2:
        raise ValueError("fleiss_kappa needs at least 2 labels per task; annotations has 1")
    per_task = ((table**2).sum(axis=1) - n) / (n * (n - 1))
    shares = table.sum(axis=0) / table.sum()
    expected = float(shares @ shares)
    if expected == 1.0:
        return float("nan")
    return float((per_task.mean() - expected) / (1 - expected))


def _label_of_task(frame: pd.DataFrame, name: str, labels) -> pd.Series:
    """Each annotation row's label from ``labels`` (task -> one label); NaN where none."""
    labels = _check_series(name, labels)
    if not labels.index.is_unique:
        raise ValueError(f"{name} has duplicate tasks in its index: one label per task expected")
    return frame["task"].map(labels)


def worker_scores(annotations: pd.DataFrame, gold_truth: pd.Series) -> pd.DataFrame:
    """Per worker: n_labels, gold_answered (labels on tasks in ``gold_truth``), gold_right
    and gold_accuracy, as in ``collect.Job.gold_scores``.

    ``gold_truth`` is a Series task -> known label for the gold tasks. gold_accuracy is
    NaN for a worker who labelled no gold task. Index: worker, sorted.

    >>> frame = pd.DataFrame({"task": [0, 1, 0], "worker": ["w000", "w000", "w001"],
    ...                       "label": ["a", "b", "b"]})
    >>> worker_scores(frame, pd.Series({0: "a"})).gold_accuracy.tolist()
    [1.0, 0.0]
    """
    frame = check_annotations(annotations)
    if isinstance(gold_truth, pd.Series) and gold_truth.empty:
        raise ValueError("gold_truth is empty: give the known label of at least one gold task")
    known = _label_of_task(frame, "gold_truth", gold_truth)
    on_gold = known.notna()
    correct = (frame["label"] == known) & on_gold
    table = pd.DataFrame({"worker": frame["worker"], "on_gold": on_gold, "correct": correct})
    scores = table.groupby("worker").agg(n_labels=("on_gold", "size"),
                                         gold_answered=("on_gold", "sum"),
                                         gold_right=("correct", "sum"))
    answered = scores["gold_answered"]
    scores["gold_accuracy"] = scores["gold_right"] / answered.where(answered > 0)
    return scores


def agreement_with_aggregate(annotations: pd.DataFrame, labels: pd.Series) -> pd.Series:
    """Per worker: share of their labels equal to the aggregated label of the task.

    A gold-free worker score: ``labels`` is a Series task -> label (e.g. ``result.labels``);
    rows on tasks without an aggregated label are ignored. Index: worker, sorted.

    >>> frame = pd.DataFrame({"task": [0, 1, 0], "worker": ["w000", "w000", "w001"],
    ...                       "label": ["a", "b", "b"]})
    >>> agreement_with_aggregate(frame, pd.Series({0: "a", 1: "b"})).tolist()
    [1.0, 0.0]
    """
    frame = check_annotations(annotations)
    aggregated = _label_of_task(frame, "labels", labels)
    scored = aggregated.notna()
    if not scored.any():
        raise ValueError("labels and annotations have no task in common: nothing to compare")
    agrees = frame.loc[scored, "label"] == aggregated[scored]
    return agrees.groupby(frame.loc[scored, "worker"]).mean().rename("agreement")
